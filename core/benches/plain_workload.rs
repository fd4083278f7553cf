// The unencrypted baseline: the same rows as Sweep's sealed ledger, in plain
// columns, written and read the same way. Shared by `store.rs` and the
// SQLCipher baseline crate (`bench-baselines/sqlcipher`), so every variant
// runs exactly this SQL. Only rusqlite is used here, on purpose.

use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

/// Sources the rows are spread over.
pub const SOURCES: i64 = 20;

/// The same pragmas as the sealed store.
pub fn configure(conn: &Connection) {
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.pragma_update(None, "temp_store", "MEMORY").unwrap();
    conn.pragma_update(None, "cache_size", -8192).unwrap();
}

/// The sealed schema with plain columns (amounts as INTEGER in each entry,
/// names as TEXT) and no chain tables, plus `SOURCES` sources.
pub fn create_schema(conn: &Connection) {
    conn.execute_batch(
        "CREATE TABLE sources (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, provider TEXT NOT NULL,
            name TEXT NOT NULL, account_ref TEXT, created_at_ms INTEGER NOT NULL);
         CREATE TABLE ledger (seq INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id),
            event INTEGER NOT NULL, currency TEXT NOT NULL, amount INTEGER NOT NULL, recorded_at_ms INTEGER NOT NULL);
         CREATE INDEX ledger_by_source ON ledger(source_id, currency, seq);
         CREATE TABLE source_summary (source_id INTEGER NOT NULL REFERENCES sources(id), currency TEXT NOT NULL,
            balance INTEGER NOT NULL, held INTEGER NOT NULL, last_seq INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (source_id, currency)) WITHOUT ROWID;",
    )
    .unwrap();
    for id in 1..=SOURCES {
        conn.execute(
            "INSERT INTO sources VALUES (?1, 'wallet', 'manual', ?2, NULL, 0)",
            params![id, format!("Source {id}")],
        )
        .unwrap();
    }
}

/// The amount of row `i`: varied, always positive.
pub fn amount_of(i: u64) -> i64 {
    1_000 + (i as i64 * 7_919) % 100_000
}

/// Inserts `rows` "observed" entries in one transaction, then one summary
/// per source, as the sealed ledger's batch append does.
pub fn insert(conn: &mut Connection, first_seq: u64, rows: u64) {
    let tx = conn.transaction().unwrap();
    let mut last = [(0i64, 0u64); SOURCES as usize];
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO ledger (seq, source_id, event, currency, amount, recorded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .unwrap();
        for i in 0..rows {
            let seq = first_seq + i;
            let source = (i as i64 % SOURCES) + 1;
            // Every value is bound, as in the sealed ledger (event 1 = observed).
            stmt.execute(params![seq as i64, source, 1, "KRW", amount_of(i), 1_700_000_000_000i64]).unwrap();
            last[(source - 1) as usize] = (amount_of(i), seq);
        }
        let mut summary = tx
            .prepare_cached(
                "INSERT INTO source_summary VALUES (?1, 'KRW', ?2, 0, ?3, ?4)
                 ON CONFLICT(source_id, currency) DO UPDATE SET balance = excluded.balance, last_seq = excluded.last_seq",
            )
            .unwrap();
        for (index, (balance, seq)) in last.iter().enumerate() {
            summary.execute(params![index as i64 + 1, balance, *seq as i64, 1_700_000_000_000i64]).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Reads every entry in order, as the sealed ledger's `for_each_entry` does,
/// and returns the sum of the amounts.
pub fn read_all(conn: &Connection) -> i64 {
    let mut stmt = conn
        .prepare_cached("SELECT seq, source_id, event, currency, amount, recorded_at_ms FROM ledger ORDER BY seq")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut sum = 0i64;
    while let Some(row) = rows.next().unwrap() {
        let _seq: i64 = row.get(0).unwrap();
        let _source: i64 = row.get(1).unwrap();
        let _event: i64 = row.get(2).unwrap();
        let currency = row.get_ref(3).unwrap().as_str().unwrap();
        assert_eq!(currency.len(), 3);
        sum += row.get::<_, i64>(4).unwrap();
        let _at: i64 = row.get(5).unwrap();
    }
    sum
}

/// Criterion's `iter_custom` body shared by every variant: a fresh `setup()`
/// per iteration, untimed, then only `run` is timed.
pub fn time_fresh<S, T>(iters: u64, mut setup: impl FnMut() -> S, mut run: impl FnMut(&mut S) -> T) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let mut state = setup();
        let start = Instant::now();
        std::hint::black_box(run(&mut state));
        total += start.elapsed();
    }
    total
}
