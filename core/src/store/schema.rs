//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Sealed columns are `BLOB`s named for what they hold; the comment on each
//! says so. Plain columns hold only what is not sensitive: ids, kinds,
//! currency codes and timestamps.

use rusqlite::Connection;

use crate::SweepError;

/// Each entry migrates from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: meta, sources, the ledger and its per-source summary.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL,
        provider      TEXT NOT NULL,
        name          BLOB NOT NULL,   -- sealed
        account_ref   BLOB,            -- sealed, optional
        created_at_ms INTEGER NOT NULL
    );
    CREATE TABLE ledger (
        seq            INTEGER PRIMARY KEY,
        source_id      INTEGER NOT NULL REFERENCES sources(id),
        event          INTEGER NOT NULL,
        currency       TEXT NOT NULL,
        recorded_at_ms INTEGER NOT NULL
    );
    CREATE TABLE ledger_amounts (
        first_seq INTEGER PRIMARY KEY,  -- amounts of entries first_seq, first_seq + 1, …
        amounts   BLOB NOT NULL         -- sealed: 8 bytes per entry, bound to their fields
    );
    CREATE INDEX ledger_by_source ON ledger(source_id, currency, seq);
    CREATE TABLE ledger_batches (
        last_seq INTEGER PRIMARY KEY,  -- the batch ends here and starts after the previous one
        link     BLOB NOT NULL         -- HMAC chain link (see ledger/chain.rs)
    );
    CREATE TABLE source_summary (
        source_id     INTEGER NOT NULL REFERENCES sources(id),
        currency      TEXT NOT NULL,
        balance       BLOB NOT NULL,   -- sealed
        held          BLOB NOT NULL,   -- sealed
        last_seq      INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (source_id, currency)
    ) WITHOUT ROWID;",
    // v2: the source model of issue #3: auth state, last sync, balance terms.
    "ALTER TABLE sources ADD COLUMN auth_state TEXT NOT NULL DEFAULT 'linked';
    ALTER TABLE sources ADD COLUMN last_synced_at_ms INTEGER;
    CREATE TABLE balance_terms (
        source_id INTEGER NOT NULL REFERENCES sources(id),
        currency  TEXT NOT NULL,
        terms     BLOB NOT NULL,      -- sealed JSON: eligibility, reason, conditions, expiries
        PRIMARY KEY (source_id, currency)
    ) WITHOUT ROWID;",
    // v3: linked sources: where they live and the OAuth grant to read them.
    "CREATE TABLE source_links (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id),
        link      BLOB NOT NULL        -- sealed JSON: API base URL, OAuth config, tokens, expiry
    );",
    // v4: transactions read from sources, and where each feed resumes.
    "CREATE TABLE source_transactions (
        id             INTEGER PRIMARY KEY,
        source_id      INTEGER NOT NULL REFERENCES sources(id),
        id_tag         BLOB NOT NULL,  -- keyed MAC of the source's transaction id: finds repeats, reveals nothing
        occurred_at_ms INTEGER NOT NULL,
        body           BLOB NOT NULL,  -- sealed JSON: id, amount, kind, description
        UNIQUE (source_id, id_tag)
    );
    CREATE INDEX source_transactions_by_time ON source_transactions(source_id, occurred_at_ms);
    CREATE TABLE source_cursors (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id),
        cursor    BLOB NOT NULL        -- sealed: the feed's opaque position
    );",
    // v5: captures waiting to upload; each row goes once the server has it all.
    "CREATE TABLE capture_outbox (
        id            INTEGER PRIMARY KEY,
        created_at_ms INTEGER NOT NULL,
        body          BLOB NOT NULL,   -- sealed: the capture without its metadata
        upload        BLOB NOT NULL    -- sealed JSON: endpoint, upload URL, document, source file fingerprint
    );",
    // v6: payees; ids are never reused, and each is bound to its creation time.
    "CREATE TABLE payees (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at_ms INTEGER NOT NULL,
        details       BLOB NOT NULL    -- sealed JSON: destination and holder name
    );",
    // v7: withdrawals, written with their holds before anything is sent.
    "CREATE TABLE withdrawals (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL,
        version         INTEGER NOT NULL,
        created_at_ms   INTEGER NOT NULL,
        details         BLOB NOT NULL  -- sealed JSON: quote, legs, payee, provider id, reason
    );",
    // v-next: quotes the provider locked, so withdraw carries out the stored
    // quote, not whatever object the app passes back.
    "CREATE TABLE quotes (
        id            INTEGER PRIMARY KEY,
        quote_tag     BLOB NOT NULL UNIQUE,  -- keyed MAC of the provider's quote id: finds it, reveals nothing
        created_at_ms INTEGER NOT NULL,
        body          BLOB NOT NULL       -- sealed JSON: legs, figures, expiry
    );",
    // v-next: which withdrawals have a leg asked of its source and not yet
    // answered, so a start-up opens those alone (existing rows are looked at once).
    "ALTER TABLE withdrawals ADD COLUMN legs_in_flight INTEGER NOT NULL DEFAULT 1;",
    // v-next: the state digest (see digest.rs) is made in Rust, in the last
    // step's transaction; a source's provider is sealed from now on, in the
    // same column (a BLOB keeps its type in a TEXT column).
    "-- digest and sealed providers: no SQL",
];

/// The first version whose wallets always hold a state digest.
pub const DIGEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// The database's schema version; a database from a newer build is refused.
pub fn version(conn: &Connection) -> Result<u32, SweepError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > LATEST_VERSION {
        return Err(SweepError::SchemaTooNew { found, supported: LATEST_VERSION });
    }
    Ok(found)
}

/// Brings the database up to [`LATEST_VERSION`], one transaction per step.
/// `last_step` runs inside the last step's transaction, only if any step
/// runs. A database from a newer build is refused, untouched.
pub fn migrate(
    conn: &mut Connection,
    last_step: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<(), SweepError>,
) -> Result<(), SweepError> {
    let found = version(conn)?;
    let mut last_step = Some(last_step);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        let version = index as u32 + 1;
        if version == LATEST_VERSION {
            if let Some(step) = last_step.take() {
                step(&tx)?;
            }
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_database_migrates_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO sources (id, kind, provider, name, created_at_ms) VALUES (1, 'wallet', 'manual', x'00', 0)",
            [],
        )
        .unwrap();
        migrate(&mut conn, |_| Ok(())).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        let (state, synced): (String, Option<i64>) = conn
            .query_row("SELECT auth_state, last_synced_at_ms FROM sources WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((state.as_str(), synced), ("linked", None));
        let terms: i64 = conn.query_row("SELECT COUNT(*) FROM balance_terms", [], |r| r.get(0)).unwrap();
        assert_eq!(terms, 0);
        migrate(&mut conn, |_| panic!("nothing to migrate")).expect("migrating twice is a no-op");
    }
}
