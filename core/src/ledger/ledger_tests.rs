use std::sync::Arc;

use rusqlite::Connection;

use super::*;
use crate::money::{Currency, Money};
use crate::sources::{self, ManualSource, SourceKind};
use crate::store::keys::EphemeralKeyProvider;
use crate::store::Store;
use crate::MinorAmount;

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    _provider: Arc<EphemeralKeyProvider>,
}

fn krw(minor: i64) -> Money {
    Money::from_minor(minor, Currency::Krw)
}

/// Two sources and a history with every kind of event: 8 entries.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let provider = EphemeralKeyProvider::new().unwrap();
    let mut store = Store::open(&dir.path().join("w.db"), provider.as_ref()).unwrap();
    for name in ["A", "B"] {
        let source = ManualSource {
            name: name.into(),
            kind: SourceKind::Wallet,
            balance: MinorAmount { minor_units: 10_000, currency_code: "KRW".into() },
            account_ref: None,
        };
        sources::add_manual_source(&mut store, &source, 1).unwrap();
    }
    let entries = [
        NewEntry { source_id: 1, event: LedgerEvent::Hold, amount: krw(3_000) },
        NewEntry { source_id: 1, event: LedgerEvent::Debit, amount: krw(2_000) },
        NewEntry { source_id: 1, event: LedgerEvent::Release, amount: krw(1_000) },
        NewEntry { source_id: 2, event: LedgerEvent::Observed, amount: krw(7_500) },
        NewEntry { source_id: 2, event: LedgerEvent::Hold, amount: krw(500) },
        NewEntry { source_id: 1, event: LedgerEvent::Observed, amount: krw(9_000) },
    ];
    store.write(20, |wtx| append(wtx, &entries, 2)).unwrap();
    Fixture { dir, store, _provider: provider }
}

impl Fixture {
    fn raw(&self) -> Connection {
        Connection::open(self.dir.path().join("w.db")).unwrap()
    }
}

#[test]
fn summaries_follow_the_events() {
    let fx = fixture();
    let a = Summary::load(fx.store.conn(), fx.store.sealer(), 1, Currency::Krw).unwrap();
    assert_eq!((a.balance, a.held, a.last_seq), (krw(9_000), krw(0), 8));
    let b = Summary::load(fx.store.conn(), fx.store.sealer(), 2, Currency::Krw).unwrap();
    assert_eq!((b.balance, b.held, b.available().unwrap()), (krw(7_500), krw(500), krw(7_000)));
    let mut seen = Vec::new();
    for_each_entry(&fx.store, |e| {
        seen.push((e.seq, e.event));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen.len(), 8);
    assert_eq!(seen[3], (4, LedgerEvent::Debit));
}

#[test]
fn impossible_events_are_refused_and_roll_back() {
    let mut fx = fixture();
    let bad = [
        NewEntry { source_id: 2, event: LedgerEvent::Hold, amount: krw(7_001) },
        NewEntry { source_id: 2, event: LedgerEvent::Release, amount: krw(501) },
        NewEntry { source_id: 2, event: LedgerEvent::Debit, amount: krw(501) },
        NewEntry { source_id: 2, event: LedgerEvent::Observed, amount: krw(-1) },
    ];
    for entry in bad {
        let ok = NewEntry { source_id: 1, event: LedgerEvent::Observed, amount: krw(1) };
        assert!(fx.store.write(10, |wtx| append(wtx, &[ok, entry.clone()], 3)).is_err(), "{entry:?}");
    }
    let report = verify(&fx.store).unwrap();
    assert_eq!(report.entries, 8, "the refused batches left nothing behind");
}

#[test]
fn an_intact_ledger_verifies() {
    let fx = fixture();
    let report = verify(&fx.store).unwrap();
    assert_eq!((report.entries, report.summaries), (8, 2));
    assert_eq!(report.head_fingerprint.len(), 16);
}

fn assert_detected(fx: &Fixture, what: &str) {
    match verify(&fx.store) {
        Err(SweepError::LedgerCorrupted { .. }) | Err(SweepError::Tampered { .. }) => {}
        other => panic!("{what} went unnoticed: {other:?}"),
    }
}

#[test]
fn a_modified_plain_field_is_detected() {
    for (column, value) in [("recorded_at_ms", "999"), ("source_id", "2"), ("event", "3"), ("currency", "'JPY'")] {
        let fx = fixture();
        fx.raw().execute(&format!("UPDATE ledger SET {column} = {value} WHERE seq = 4"), []).unwrap();
        assert_detected(&fx, column);
    }
}

#[test]
fn an_amount_resealed_with_the_value_key_is_still_detected_by_the_chain() {
    // Even someone holding the sealing key cannot rewrite history unnoticed.
    let mut fx = fixture();
    let (source_id, event, currency, at): (i64, i64, String, i64) = fx
        .raw()
        .query_row("SELECT source_id, event, currency, recorded_at_ms FROM ledger WHERE seq = 4", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    let fields = chain::Fields {
        source_id,
        event: LedgerEvent::from_code(event).unwrap(),
        currency: Currency::from_code(&currency).unwrap(),
        recorded_at_ms: at,
    };
    let forged = fx.store.write(1, |wtx| wtx.sealer.seal(&amount_cell(4, &fields.bound()), &1i64.to_be_bytes())).unwrap();
    fx.raw().execute("UPDATE ledger SET amount = ?1 WHERE seq = 4", [forged]).unwrap();
    assert!(matches!(verify(&fx.store), Err(SweepError::LedgerCorrupted { seq: 8, .. })));
}

#[test]
fn a_removed_entry_is_detected_in_the_middle_and_at_the_end() {
    for seq in [1, 5, 8] {
        let fx = fixture();
        fx.raw().execute("DELETE FROM ledger WHERE seq = ?1", [seq]).unwrap();
        assert_detected(&fx, &format!("removing entry {seq}"));
    }
}

#[test]
fn reordered_entries_are_detected() {
    let fx = fixture();
    let raw = fx.raw();
    // Swap everything but the sequence numbers of entries 3 and 6.
    raw.execute_batch(
        "CREATE TEMP TABLE t AS SELECT * FROM ledger WHERE seq IN (3, 6);
         UPDATE ledger SET (source_id, event, currency, amount, recorded_at_ms) =
           (SELECT source_id, event, currency, amount, recorded_at_ms FROM t WHERE t.seq = 9 - ledger.seq)
         WHERE seq IN (3, 6);",
    )
    .unwrap();
    assert_detected(&fx, "swapping entries 3 and 6");
}

#[test]
fn an_inserted_entry_is_detected() {
    let fx = fixture();
    fx.raw()
        .execute(
            "INSERT INTO ledger (seq, source_id, event, currency, amount, recorded_at_ms)
             SELECT 9, source_id, event, currency, amount, recorded_at_ms FROM ledger WHERE seq = 8",
            [],
        )
        .unwrap();
    assert_detected(&fx, "a copied entry appended");
}

#[test]
fn a_tampered_head_is_detected() {
    let fx = fixture();
    fx.raw().execute("UPDATE meta SET value = zeroblob(72) WHERE key = 'ledger_head'", []).unwrap();
    assert_detected(&fx, "a zeroed head");
}

#[test]
fn tampered_batch_records_are_detected() {
    let fx = fixture();
    fx.raw().execute("UPDATE ledger_batches SET link = zeroblob(32) WHERE last_seq = 2", []).unwrap();
    assert_detected(&fx, "a zeroed batch link");
    let fx = fixture();
    fx.raw().execute("DELETE FROM ledger_batches WHERE last_seq = 2", []).unwrap();
    assert_detected(&fx, "a removed batch record");
    let fx = fixture();
    // Move a batch boundary: the appended batch of six becomes five and one.
    fx.raw().execute("INSERT INTO ledger_batches (last_seq, link) SELECT 7, link FROM ledger_batches WHERE last_seq = 8", []).unwrap();
    assert_detected(&fx, "a split batch");
}

#[test]
fn removing_the_last_entries_and_their_batch_is_detected_by_the_head() {
    let fx = fixture();
    let raw = fx.raw();
    raw.execute("DELETE FROM ledger WHERE seq > 2", []).unwrap();
    raw.execute("DELETE FROM ledger_batches WHERE last_seq > 2", []).unwrap();
    assert!(matches!(verify(&fx.store), Err(SweepError::LedgerCorrupted { seq: 3, .. })));
}

#[test]
fn a_deleted_source_row_is_detected() {
    let fx = fixture();
    let raw = fx.raw();
    raw.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM sources WHERE id = 2;").unwrap();
    assert_detected(&fx, "a deleted source");
    assert!(matches!(
        crate::sources::dashboard(&fx.store, crate::Locale::EnUs),
        Err(SweepError::Tampered { ref table, .. }) if table == "sources"
    ));
}
