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
fn amounts_resealed_with_the_sealing_key_are_still_detected_by_the_chain() {
    // Even someone holding the sealing key cannot rewrite history unnoticed:
    // entries 3..=8 share one chunk; reseal it with entry 4 changed.
    let mut fx = fixture();
    let mut bound = Vec::new();
    let mut amounts = Vec::new();
    for_each_entry(&fx.store, |e| {
        if e.seq >= 3 {
            let fields = chain::Fields {
                source_id: e.source_id,
                event: e.event,
                currency: e.amount.currency(),
                recorded_at_ms: e.recorded_at_ms,
            };
            bound.extend_from_slice(&fields.bound());
            let minor = if e.seq == 4 { 1 } else { e.amount.minor_units() };
            amounts.extend_from_slice(&minor.to_be_bytes());
        }
        Ok(())
    })
    .unwrap();
    let forged = fx.store.write(1, |wtx| wtx.sealer.seal(&chunk_cell(3, &bound), &amounts)).unwrap();
    fx.raw().execute("UPDATE ledger_amounts SET amounts = ?1 WHERE first_seq = 3", [forged]).unwrap();
    assert_eq!(for_each_entry(&fx.store, |_| Ok(())), Ok(()), "the forged chunk opens");
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
         UPDATE ledger SET (source_id, event, currency, recorded_at_ms) =
           (SELECT source_id, event, currency, recorded_at_ms FROM t WHERE t.seq = 9 - ledger.seq)
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
            "INSERT INTO ledger (seq, source_id, event, currency, recorded_at_ms)
             SELECT 9, source_id, event, currency, recorded_at_ms FROM ledger WHERE seq = 8",
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
fn a_removed_head_with_entries_present_is_damage_not_a_new_chain() {
    let mut fx = fixture();
    fx.raw().execute("DELETE FROM meta WHERE key = 'ledger_head'", []).unwrap();
    assert_detected(&fx, "a removed head");
    // Nothing is appended as if the chain started again.
    let source = ManualSource {
        name: "C".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 1_000, currency_code: "KRW".into() },
        account_ref: None,
    };
    let appended = sources::add_manual_source(&mut fx.store, &source, 2);
    assert!(matches!(appended, Err(SweepError::LedgerCorrupted { .. })), "{appended:?}");
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
    fx.raw()
        .execute(
            "INSERT INTO ledger_batches (last_seq, link) SELECT 7, link FROM ledger_batches WHERE last_seq = 8",
            [],
        )
        .unwrap();
    assert_detected(&fx, "a split batch");
}

#[test]
fn removing_the_last_entries_and_their_batch_is_detected_by_the_head() {
    let fx = fixture();
    let raw = fx.raw();
    raw.execute("DELETE FROM ledger WHERE seq > 2", []).unwrap();
    raw.execute("DELETE FROM ledger_batches WHERE last_seq > 2", []).unwrap();
    raw.execute("DELETE FROM ledger_amounts WHERE first_seq > 2", []).unwrap();
    // What is left is a consistent, shorter ledger: only the head knows better.
    assert_eq!(for_each_entry(&fx.store, |_| Ok(())), Ok(()));
    match verify(&fx.store) {
        Err(SweepError::LedgerCorrupted { seq: 3, reason }) => {
            assert!(reason.contains("removed from the end"), "{reason}")
        }
        other => panic!("the cut tail went unnoticed: {other:?}"),
    }
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

#[test]
fn large_batches_split_into_chunks_and_read_back_in_order() {
    let mut fx = fixture();
    let entries: Vec<NewEntry> =
        (0..150).map(|i| NewEntry { source_id: 2, event: LedgerEvent::Observed, amount: krw(1_000 + i) }).collect();
    fx.store.write(seals_needed(entries.len(), 1), |wtx| append(wtx, &entries, 9)).unwrap();
    let chunks: i64 = fx.raw().query_row("SELECT COUNT(*) FROM ledger_amounts", [], |r| r.get(0)).unwrap();
    assert_eq!(chunks, 3 + 3, "3 earlier chunks, then 64 + 64 + 22");
    let mut last = Vec::new();
    for_each_entry(&fx.store, |e| {
        last.push((e.seq, e.amount.minor_units()));
        Ok(())
    })
    .unwrap();
    assert_eq!(last.len(), 158);
    assert_eq!(last[8], (9, 1_000));
    assert_eq!(last[157], (158, 1_149));
    assert_eq!(verify(&fx.store).unwrap().entries, 158);
    // Moving the boundary between two chunks is tampering.
    fx.raw().execute("UPDATE ledger_amounts SET first_seq = 74 WHERE first_seq = 73", []).unwrap();
    assert_detected(&fx, "a moved chunk boundary");
}
