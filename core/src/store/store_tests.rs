use std::sync::Arc;

use rusqlite::Connection;

use super::*;
use crate::ledger;
use crate::money::MinorAmount;
use crate::sources::{self, ManualSource, SourceKind};
use crate::store::keys::EphemeralKeyProvider;
use crate::Locale;

struct Fixture {
    dir: tempfile::TempDir,
    provider: Arc<EphemeralKeyProvider>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().unwrap(), provider: EphemeralKeyProvider::new().unwrap() }
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("wallet.db")
    }

    fn open(&self) -> Result<Store, SweepError> {
        Store::open(&self.path(), self.provider.as_ref())
    }

    /// A second, plain connection: what an attacker with the file can do.
    fn raw(&self) -> Connection {
        Connection::open(self.path()).unwrap()
    }
}

fn source(name: &str, minor: i64, code: &str, account_ref: Option<&str>) -> ManualSource {
    ManualSource {
        name: name.into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: minor, currency_code: code.into() },
        account_ref: account_ref.map(str::to_owned),
    }
}

fn seeded(fx: &Fixture) -> Store {
    let mut store = fx.open().unwrap();
    sources::add_manual_source(&mut store, &source("Toss wallet", 12_340, "KRW", Some("010-1234-5678")), 1).unwrap();
    sources::add_manual_source(&mut store, &source("PayPal", 150, "USD", Some("kim@example.com")), 2).unwrap();
    let synced = sources::ObservedBalance {
        amount: MinorAmount { minor_units: 12_500, currency_code: "KRW".into() },
        terms: sources::BalanceTerms {
            min_withdrawal: Some(MinorAmount { minor_units: 1_000, currency_code: "KRW".into() }),
            ..sources::BalanceTerms::manual(SourceKind::Wallet)
        },
    };
    sources::record_observation(&mut store, 1, &[synced], 3).unwrap();
    let grant = sources::OAuthGrant {
        access_token: zeroize::Zeroizing::new("at-plainscan-secret".into()),
        refresh_token: Some(zeroize::Zeroizing::new("rt-plainscan-secret".into())),
        expires_at: std::time::SystemTime::now(),
        subject: None,
        scope: None,
    };
    let oauth = sources::OAuthConfig {
        issuer: "https://id.example".into(),
        authorize_endpoint: "https://id.example/auth".into(),
        token_endpoint: "https://id.example/token".into(),
        client_id: "sweep-app".into(),
        redirect_uri: "com.sweepwallet.app:/cb".into(),
        scopes: vec![],
    };
    let request = sources::LinkRequest {
        name: "Linked".into(),
        kind: SourceKind::Wallet,
        endpoint: sources::SourceEndpoint::SourceApi { base_url: "https://api.example/v1".into() },
        oauth: oauth.clone(),
        replaces_source_id: None,
    };
    let link = sources::Link::new(request.endpoint.clone(), oauth, &grant);
    let linked = sources::add_linked_source(&mut store, &request, &link, 4).unwrap();
    let synced = sources::ObservedBalance {
        amount: MinorAmount { minor_units: 700, currency_code: "KRW".into() },
        terms: sources::BalanceTerms::manual(SourceKind::Wallet),
    };
    sources::record_observation(&mut store, linked, &[synced], 5).unwrap();
    let page = sources::TransactionPage {
        transactions: vec![sources::SourceTransaction {
            id: "tx-plainscan-id".into(),
            occurred_at: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_000_000),
            amount: MinorAmount { minor_units: -4_500, currency_code: "KRW".into() },
            kind: sources::TransactionKind::Debit,
            description: Some("Coffee at plainscan-cafe".into()),
        }],
        next_cursor: Some("cursor-plainscan".into()),
        has_more: false,
    };
    sources::record_transactions(&mut store, linked, &page).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("id.jpg");
    std::fs::write(&photo, b"plainscan-photo").unwrap();
    let (_, fingerprint) = crate::identity::capture::read_capture(&photo.display().to_string()).unwrap();
    let pending = crate::identity::outbox::Pending {
        endpoint: "https://upload.example/files/".into(),
        upload_url: Some("https://upload.example/files/plainscan-upload".into()),
        document_type: crate::identity::DocumentType::NationalId,
        side: crate::identity::DocumentSide::Front,
        path: "/photos/plainscan-path.jpg".into(),
        fingerprint,
        png: false,
    };
    crate::identity::outbox::add(&mut store, b"plainscan-image-bytes", &pending, 6).unwrap();
    let payee = crate::withdrawals::PayeeRequest {
        destination: crate::withdrawals::PayeeDestination::Iban { iban: "GB82WEST12345698765432".into() },
        holder_name: "Plainscan Holder".into(),
    };
    let payee_id = crate::withdrawals::payees::add_payee(&mut store, &payee, std::time::SystemTime::now()).unwrap();
    let withdrawal = crate::withdrawals::record::Details {
        quote_id: "qt-plainscan".into(),
        schedule_version: "v1".into(),
        currency_code: "KRW".into(),
        legs: vec![(1, 1_000)],
        total_net: 900,
        payee_id,
        provider_id: None,
        reason: None,
        eta_seconds: 86_400,
        total_gross: 1_000,
        total_fee: 100,
        receipt: None,
        collection: vec![],
        settlement: None,
    };
    crate::withdrawals::record::create(&mut store, &withdrawal, "key-1").unwrap();
    let quote = crate::fees::locked::LockedQuote {
        quote_id: "qt-plainscan".into(),
        schedule_version: "v1".into(),
        currency_code: "KRW".into(),
        legs: vec![(1, 1_000, 100)],
        withdrawal_fee: 0,
        total_gross: 1_000,
        total_fee: 100,
        total_net: 900,
        expires_at_ms: 1,
    };
    crate::fees::locked::keep(&mut store, &quote).unwrap();
    store
}

#[test]
fn reopening_with_the_right_key_works_and_a_wrong_key_is_typed() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    let store = fx.open().expect("same provider reopens");
    assert_eq!(sources::dashboard(&store, Locale::EnUs).unwrap().sources.len(), 3);
    drop(store);

    let stranger = EphemeralKeyProvider::new().unwrap();
    assert_eq!(Store::open(&fx.path(), stranger.as_ref()).err(), Some(SweepError::WrongKey));
}

#[test]
fn a_wallet_whose_key_row_went_missing_refuses_to_open_rather_than_start_over() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    fx.raw().execute("DELETE FROM meta WHERE key = 'wrapped_data_key'", []).unwrap();
    let err = fx.open().err();
    assert!(
        matches!(err, Some(SweepError::Tampered { ref table, ref row, .. }) if table == "meta" && row == "wrapped_data_key"),
        "{err:?}"
    );
    // Nothing was replaced: no new key row appeared.
    let rows: i64 =
        fx.raw().query_row("SELECT COUNT(*) FROM meta WHERE key = 'wrapped_data_key'", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
    // An empty file is still a new wallet.
    let empty = Fixture::new();
    drop(empty.raw());
    assert!(empty.open().is_ok());
}

/// A provider that "unwraps" to a key of its own choosing.
struct LyingProvider(Vec<u8>);

impl KeyProvider for LyingProvider {
    fn wrap_data_key(&self, _: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        Ok(vec![0; 8])
    }
    fn unwrap_data_key(&self, _: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        Ok(self.0.clone())
    }
    fn delete_wrapping_key(&self) -> Result<(), SweepError> {
        Ok(())
    }
}

#[test]
fn a_provider_returning_another_key_is_caught_before_anything_is_written() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    let before = std::fs::read(fx.path()).unwrap();
    for key in [vec![1u8; 32], vec![1u8; 16], vec![]] {
        assert_eq!(Store::open(&fx.path(), &LyingProvider(key)).err(), Some(SweepError::WrongKey));
    }
    assert_eq!(std::fs::read(fx.path()).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_schema_is_refused() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    fx.raw().pragma_update(None, "user_version", 99).unwrap();
    assert_eq!(fx.open().err(), Some(SweepError::SchemaTooNew { found: 99, supported: schema::LATEST_VERSION }));
}

/// Every sealed column, with a query that reads it back through the core.
const SEALED_COLUMNS: &[(&str, &str, &str)] = &[
    ("sources", "name", "id"),
    ("sources", "account_ref", "id"),
    ("ledger_amounts", "amounts", "first_seq"),
    ("source_summary", "balance", "rowid"),
    ("source_summary", "held", "rowid"),
    ("balance_terms", "terms", "rowid"),
    ("source_links", "link", "rowid"),
    ("source_transactions", "body", "id"),
    ("source_cursors", "cursor", "rowid"),
    ("capture_outbox", "body", "id"),
    ("capture_outbox", "upload", "id"),
    ("payees", "details", "id"),
    ("withdrawals", "details", "id"),
    ("quotes", "body", "id"),
    ("sources", "provider", "id"),
];

fn read_everything(store: &Store) -> Result<(), SweepError> {
    sources::load_links(store)?;
    for (id, _) in sources::load_links(store)? {
        sources::load_transactions(store, id, 100)?;
        sources::load_cursor(store, id)?;
    }
    for id in crate::identity::outbox::waiting(store)? {
        crate::identity::outbox::load(store, id)?;
    }
    crate::withdrawals::payees::list_payees(store, &crate::withdrawals::PayeePolicy::default())?;
    for id in crate::withdrawals::record::open_ids(store)? {
        crate::withdrawals::record::load(store, id)?;
    }
    crate::fees::locked::load_locked(store, "qt-plainscan")?;
    sources::dashboard(store, Locale::EnUs)?;
    ledger::for_each_entry(store, |_| Ok(()))
}

#[test]
fn the_tamper_test_covers_every_sealed_column() {
    let covered: Vec<(&str, &str)> = SEALED_COLUMNS.iter().map(|(t, c, _)| (*t, *c)).collect();
    for column in seal::Column::ALL.into_iter().filter(|c| *c != seal::Column::MetaValue) {
        assert!(covered.contains(&column.name()), "{:?} is not tampered with below", column.name());
    }
}

#[test]
fn flipping_any_byte_of_any_sealed_value_is_tampering() {
    let fx = Fixture::new();
    let store = seeded(&fx);
    let raw = fx.raw();
    for &(table, column, _) in SEALED_COLUMNS {
        let per_currency = matches!(table, "source_summary" | "balance_terms");
        let key_columns = if per_currency { "source_id, currency" } else { "rowid, NULL" };
        let rows: Vec<(i64, Option<String>, Vec<u8>)> = raw
            .prepare(&format!("SELECT {key_columns}, {column} FROM {table} WHERE {column} IS NOT NULL"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!rows.is_empty(), "{table}.{column} has rows to tamper with");
        for (id, code, original) in rows {
            let filter = match &code {
                Some(c) => format!("source_id = {id} AND currency = '{c}'"),
                None => format!("rowid = {id}"),
            };
            for position in [0, 12, original.len() / 2, original.len() - 1] {
                let mut bad = original.clone();
                bad[position] ^= 0x40;
                raw.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {filter}"), [&bad]).unwrap();
                match read_everything(&store) {
                    Err(SweepError::Tampered { table: t, column: c, .. }) => {
                        assert_eq!((t.as_str(), c.as_str()), (table, column));
                    }
                    other => panic!("flip in {table}.{column} at byte {position} gave {other:?}"),
                }
            }
            raw.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {filter}"), [&original]).unwrap();
            read_everything(&store).expect("restored value opens again");
        }
    }
}

#[test]
fn a_ciphertext_moved_to_another_row_fails_to_open() {
    let fx = Fixture::new();
    let store = seeded(&fx);
    let raw = fx.raw();
    raw.execute("UPDATE sources SET name = (SELECT name FROM sources WHERE id = 1) WHERE id = 2", []).unwrap();
    assert!(matches!(
        sources::dashboard(&store, Locale::EnUs),
        Err(SweepError::Tampered { ref table, ref row, .. }) if table == "sources" && row == "2"
    ));
}

#[test]
fn a_replayed_summary_is_caught() {
    let fx = Fixture::new();
    let mut store = seeded(&fx);
    let raw = fx.raw();
    let old: (Vec<u8>, Vec<u8>, i64) = raw
        .query_row("SELECT balance, held, last_seq FROM source_summary WHERE source_id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let krw = crate::Money::from_minor(99_000, crate::Currency::Krw);
    store
        .write(3, |wtx| {
            ledger::append(
                wtx,
                &[ledger::NewEntry { source_id: 1, event: ledger::LedgerEvent::Observed, amount: krw }],
                3,
            )
        })
        .unwrap();
    raw.execute(
        "UPDATE source_summary SET balance = ?1, held = ?2, last_seq = ?3 WHERE source_id = 1",
        rusqlite::params![old.0, old.1, old.2],
    )
    .unwrap();
    assert!(matches!(sources::dashboard(&store, Locale::EnUs), Err(SweepError::Tampered { .. })));

    // Putting back only the old sealed values, with the current last_seq,
    // fails to open: they are bound to the entry they summed up to.
    raw.execute(
        "UPDATE source_summary SET last_seq = (SELECT MAX(seq) FROM ledger WHERE source_id = 1) WHERE source_id = 1",
        [],
    )
    .unwrap();
    assert!(matches!(
        sources::dashboard(&store, Locale::EnUs),
        Err(SweepError::Tampered { ref table, ref column, .. }) if table == "source_summary" && column == "balance"
    ));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_amount_name_or_phone_number_reaches_the_disk_in_plain_text() {
    let fx = Fixture::new();
    let mut store = fx.open().unwrap();
    let secrets = [
        ("Kim Minji Plainscan", 987_654_321i64, "010-5555-0199"),
        ("Park Jisoo Plainscan", 123_456_789, "+821055550142"),
    ];
    for (name, minor, phone) in secrets {
        sources::add_manual_source(&mut store, &source(name, minor, "KRW", Some(phone)), 1).unwrap();
    }
    let wal = fx.dir.path().join("wallet.db-wal");
    assert!(wal.exists(), "the WAL holds the fresh writes");
    let scan = |label: &str| {
        for file in [fx.path(), wal.clone()] {
            let bytes = std::fs::read(&file).unwrap_or_default();
            for (name, minor, phone) in secrets {
                let needles: [Vec<u8>; 6] = [
                    name.as_bytes().to_vec(),
                    "Plainscan".as_bytes().to_vec(),
                    phone.as_bytes().to_vec(),
                    minor.to_string().into_bytes(),
                    minor.to_be_bytes().to_vec(),
                    minor.to_le_bytes().to_vec(),
                ];
                for needle in needles {
                    assert!(!contains(&bytes, &needle), "{label}: {} contains {needle:?}", file.display());
                }
            }
        }
    };
    scan("before checkpoint");
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    scan("after checkpoint");
    // The values are really there, sealed.
    let names: Vec<String> =
        sources::dashboard(&store, Locale::EnUs).unwrap().sources.into_iter().map(|s| s.name).collect();
    assert_eq!(names, vec![secrets[0].0.to_owned(), secrets[1].0.to_owned()]);
}

#[test]
fn bad_input_writes_nothing() {
    let fx = Fixture::new();
    let mut store = seeded(&fx);
    let changes = store.conn().total_changes();
    let bad = [
        source("", 100, "KRW", None),
        source("Neg", -1, "KRW", None),
        source("Code", 100, "krw", None),
        source("Long", 100, "KRW", Some(&"9".repeat(65))),
        source(&"n".repeat(81), 100, "KRW", None),
        source("Huge", i64::MAX, "KRW", None),
        source("Just above the cap", crate::ledger::MAX_BALANCE_MINOR_UNITS + 1, "KRW", None),
    ];
    for input in &bad {
        assert!(sources::add_manual_source(&mut store, input, 5).is_err(), "{input:?} was accepted");
    }
    assert_eq!(store.conn().total_changes(), changes, "a refused input changed rows");
    assert_eq!(sources::dashboard(&store, Locale::EnUs).unwrap().sources.len(), 3);
}

#[test]
fn nonces_stay_unique_across_reopens() {
    let fx = Fixture::new();
    for round in 0..3 {
        let mut store = fx.open().unwrap();
        sources::add_manual_source(&mut store, &source(&format!("S{round}"), 10, "KRW", Some("1234567")), 1).unwrap();
    }
    let raw = fx.raw();
    let mut nonces = std::collections::HashSet::new();
    for (table, column) in [("sources", "name"), ("sources", "account_ref"), ("ledger_amounts", "amounts")] {
        let blobs: Vec<Vec<u8>> = raw
            .prepare(&format!("SELECT {column} FROM {table}"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for blob in blobs {
            assert!(nonces.insert(blob[..12].to_vec()), "nonce reused in {table}.{column}");
        }
    }
    assert_eq!(nonces.len(), 9);
}

#[test]
fn two_stores_on_one_file_never_share_a_nonce() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let (path, provider) = (fx.path(), Arc::clone(&fx.provider));
            std::thread::spawn(move || {
                let mut store = Store::open(&path, provider.as_ref()).unwrap();
                for i in 0..10 {
                    sources::add_manual_source(&mut store, &source(&format!("T{t}-{i}"), 1, "KRW", None), 1).unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let raw = fx.raw();
    let nonces: Vec<Vec<u8>> = raw
        .prepare("SELECT substr(name, 5, 8) FROM sources UNION ALL SELECT substr(amounts, 5, 8) FROM ledger_amounts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let unique: std::collections::HashSet<_> = nonces.iter().collect();
    let written: i64 = raw
        .query_row("SELECT (SELECT COUNT(*) FROM sources) + (SELECT COUNT(*) FROM ledger_amounts)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(nonces.len() as i64, written);
    assert_eq!(unique.len(), nonces.len(), "two writers used the same nonce counter");
    let store = fx.open().unwrap();
    // The seed's five entries (one of them a withdrawal's hold) and the twenty added here.
    assert_eq!(crate::ledger::verify(&store).unwrap().entries, 25);
}

#[test]
fn tokens_and_transactions_never_reach_the_disk_in_plain_text() {
    let fx = Fixture::new();
    let store = seeded(&fx);
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let bytes = std::fs::read(fx.path()).unwrap();
    for secret in [
        "at-plainscan-secret",
        "rt-plainscan-secret",
        "api.example",
        "sweep-app",
        "tx-plainscan-id",
        "plainscan-cafe",
        "cursor-plainscan",
        "plainscan-image-bytes",
        "plainscan-path",
        "plainscan-upload",
        "GB82WEST12345698765432",
        "Plainscan Holder",
        "qt-plainscan",
    ] {
        assert!(!contains(&bytes, secret.as_bytes()), "{secret} is on disk in plain text");
    }
    let (_, link) = sources::load_links(&store).unwrap().pop().unwrap();
    assert_eq!(link.access_token, "at-plainscan-secret");
}

#[test]
fn restoring_one_snapshot_many_times_never_repeats_a_nonce() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    let snapshot = std::fs::read(fx.path()).unwrap();
    let cell = seal::CellRef::new(seal::Column::MetaValue, seal::RowKey::Name("probe"));
    let mut nonces = std::collections::HashSet::new();
    for _ in 0..32 {
        // The same old copy every time: the counter on disk starts over.
        std::fs::write(fx.path(), &snapshot).unwrap();
        let mut store = fx.open().unwrap();
        store.reserve_nonces(1).unwrap();
        let sealed = store.sealer.seal(&cell, b"v").unwrap();
        assert!(nonces.insert(sealed[..12].to_vec()), "a nonce came back");
    }
    // 64 random bits per open, not 32: the nonces differ in their first
    // eight bytes, the middle four included (a counter's high bytes before).
    let middles: std::collections::HashSet<Vec<u8>> = nonces.iter().map(|n| n[4..8].to_vec()).collect();
    assert!(middles.len() > 1, "bytes 4..8 are random per open");
}

/// Reopening after an offline edit must fail with `Tampered`, naming `table`.
fn assert_reopen_tampered(fx: &Fixture, table: &str, what: &str) {
    match fx.open() {
        Err(SweepError::Tampered { table: t, .. }) => assert_eq!(t, table, "{what}"),
        Err(other) => panic!("{what}: gave {other:?}"),
        Ok(_) => panic!("{what}: the wallet opened"),
    }
}

#[test]
fn offline_edits_of_plain_columns_that_decide_money_are_tampering() {
    let edits = [
        ("UPDATE sources SET kind = 'carrier_billing' WHERE id = 1", "sources"),
        ("UPDATE sources SET auth_state = 'needs_reauth' WHERE id = 3", "sources"),
        ("UPDATE sources SET created_at_ms = created_at_ms + 1 WHERE id = 2", "sources"),
        ("UPDATE sources SET last_synced_at_ms = 9 WHERE id = 1", "sources"),
        ("UPDATE withdrawals SET state = 'failed'", "withdrawals"),
        ("UPDATE withdrawals SET version = version + 1", "withdrawals"),
        ("UPDATE withdrawals SET idempotency_key = 'key-2'", "withdrawals"),
        ("UPDATE withdrawals SET created_at_ms = 0", "withdrawals"),
        ("UPDATE withdrawals SET legs_in_flight = 7", "withdrawals"),
        ("UPDATE payees SET created_at_ms = created_at_ms - 86400000", "payees"),
        ("UPDATE quotes SET created_at_ms = 0", "quotes"),
        ("UPDATE capture_outbox SET created_at_ms = 0", "capture_outbox"),
        ("UPDATE source_summary SET updated_at_ms = 0 WHERE source_id = 2", "source_summary"),
        ("DELETE FROM balance_terms WHERE source_id = 1", "balance_terms"),
        ("DELETE FROM source_links", "source_links"),
        ("DELETE FROM source_cursors", "source_cursors"),
        ("INSERT INTO payees (created_at_ms, details) SELECT created_at_ms, details FROM payees", "payees"),
        ("DELETE FROM meta WHERE key = 'state_digest'", "meta"),
    ];
    for (sql, table) in edits {
        let fx = Fixture::new();
        drop(seeded(&fx));
        fx.open().expect("an untouched wallet opens");
        assert_eq!(fx.raw().execute(sql, []).unwrap(), 1, "{sql} changed one row");
        assert_reopen_tampered(&fx, table, sql);
    }
}

type Rows = Vec<Vec<rusqlite::types::Value>>;

/// The rows an attacker puts back: in `meta`, all but the digest itself and
/// the nonce counter (putting the digest back too is restoring a whole
/// older wallet, the documented limit).
fn rows_put_back(table: &str) -> &'static str {
    if table == "meta" {
        " WHERE key NOT IN ('state_digest', 'nonce_next')"
    } else {
        ""
    }
}

fn snapshot(raw: &Connection, table: &str) -> Rows {
    let mut stmt = raw.prepare(&format!("SELECT * FROM {table}{}", rows_put_back(table))).unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |r| (0..width).map(|i| r.get(i)).collect()).unwrap().map(Result::unwrap).collect()
}

/// Puts `rows` back as the whole of `table`, as a copy of an older file would.
fn put_back(raw: &Connection, table: &str, rows: &Rows) {
    raw.execute(&format!("DELETE FROM {table}{}", rows_put_back(table)), []).unwrap();
    for row in rows {
        let marks = vec!["?"; row.len()].join(", ");
        raw.execute(&format!("INSERT INTO {table} VALUES ({marks})"), rusqlite::params_from_iter(row)).unwrap();
    }
}

#[test]
fn a_row_put_back_to_an_older_sealed_copy_is_caught() {
    type Change = fn(&mut Store);
    let changes: [(&str, Change); 5] = [
        ("balance_terms", |store| {
            let observed = sources::ObservedBalance {
                amount: MinorAmount { minor_units: 12_500, currency_code: "KRW".into() },
                terms: sources::BalanceTerms::manual(SourceKind::Wallet),
            };
            sources::record_observation(store, 1, &[observed], 9).unwrap();
        }),
        ("source_links", |store| {
            let (id, mut link) = sources::load_links(store).unwrap().remove(0);
            link.update(&sources::OAuthGrant {
                access_token: zeroize::Zeroizing::new("at-newer".into()),
                refresh_token: None,
                expires_at: std::time::SystemTime::now(),
                subject: None,
                scope: None,
            });
            sources::store_link(store, id, &link).unwrap();
        }),
        ("withdrawals", |store| {
            let id = crate::withdrawals::record::all_ids(store).unwrap()[0];
            crate::withdrawals::record::set_provider_id(store, id, "wd-provider-1").unwrap();
        }),
        ("meta", |store| {
            crate::identity::tiers::raise_tier(store, crate::identity::tiers::Tier::PhoneVerified).unwrap();
        }),
        ("capture_outbox", |store| {
            crate::identity::outbox::remove(store, crate::identity::outbox::waiting(store).unwrap()[0]).unwrap();
        }),
    ];
    for (table, change) in changes {
        let fx = Fixture::new();
        let mut store = seeded(&fx);
        let older = snapshot(&fx.raw(), table);
        change(&mut store);
        drop(store);
        fx.open().expect("the changed wallet opens");
        put_back(&fx.raw(), table, &older);
        assert_reopen_tampered(&fx, table, table);
    }
}

#[test]
fn verify_ledger_checks_the_digest_of_an_open_wallet_too() {
    let fx = Fixture::new();
    let store = seeded(&fx);
    ledger::verify(&store).unwrap();
    fx.raw().execute("UPDATE sources SET kind = 'carrier_billing' WHERE id = 1", []).unwrap();
    assert!(matches!(ledger::verify(&store), Err(SweepError::Tampered { ref table, .. }) if table == "sources"));
}

#[test]
fn a_wallet_from_before_the_digest_gains_one_and_its_providers_are_sealed() {
    let fx = Fixture::new();
    drop(seeded(&fx));
    let raw = fx.raw();
    // What the previous version wrote: no digest, providers in plain text.
    raw.execute("DELETE FROM meta WHERE key = 'state_digest'", []).unwrap();
    raw.execute("UPDATE sources SET provider = 'manual' WHERE id IN (1, 2)", []).unwrap();
    raw.execute("UPDATE sources SET provider = 'source_api' WHERE id = 3", []).unwrap();
    raw.pragma_update(None, "user_version", schema::DIGEST_VERSION - 1).unwrap();
    let store = fx.open().expect("an older wallet opens and is upgraded");
    let plain: i64 =
        raw.query_row("SELECT COUNT(*) FROM sources WHERE typeof(provider) != 'blob'", [], |r| r.get(0)).unwrap();
    assert_eq!(plain, 0, "every provider is sealed");
    assert_eq!(sources::provider_of(&store, 3).unwrap().as_deref(), Some("source_api"));
    assert_eq!(sources::dashboard(&store, Locale::EnUs).unwrap().sources.len(), 3);
    drop(store);
    fx.open().expect("the upgraded wallet opens again");
    raw.execute("UPDATE withdrawals SET state = 'failed'", []).unwrap();
    assert_reopen_tampered(&fx, "withdrawals", "after the upgrade");
}

#[test]
fn writes_rolled_back_leave_the_digest_as_it_was() {
    let fx = Fixture::new();
    let mut store = seeded(&fx);
    let failed: Result<(), SweepError> = store.write(1, |wtx| {
        wtx.tx.execute("UPDATE sources SET created_at_ms = 1 WHERE id = 1", [])?;
        Err(SweepError::invalid("test", "roll back"))
    });
    assert!(failed.is_err());
    store.verify_digest().expect("nothing rolled back is counted");
    sources::add_manual_source(&mut store, &source("After", 1_000, "KRW", None), 9).unwrap();
    drop(store);
    fx.open().expect("a later write folds in only what was written");
}
