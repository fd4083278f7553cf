//! The state digest: every row that decides money, MAC'd as a whole.
//!
//! A sealed value is bound to its own cell, but that leaves two holes: the
//! plain columns beside it (a source's kind, a withdrawal's state, version,
//! key and times) can be edited, and a cell can be put back to an older
//! sealed copy of itself. The digest closes both.
//!
//! - Each row of a tracked table is MAC'd whole, every column plain or
//!   sealed (HMAC-SHA256 under its own subkey).
//! - A table's row MACs are XORed together: an incremental set MAC, so a
//!   write takes the row's old MAC out and puts its new one in without
//!   reading the rest of the table.
//! - Every seal has a fresh nonce, so a row put back from an older copy
//!   has another MAC even where its plain columns agree.
//! - The per-table results are sealed in `meta`. Opening a wallet and
//!   `verifyLedger` recompute them from the rows; a difference is
//!   `Tampered`, naming the table.
//!
//! The MACs are taken by per-connection (`TEMP`) triggers calling a Rust
//! function, so no write path can forget them, and a tool editing the file
//! outside Sweep fires none of them. The ledger's entries are not tracked
//! here: the HMAC chain covers them. Nor are the transactions read from
//! sources (history shown to the user, each bound to its row and time): at
//! tens of thousands of rows they would slow every open for no money.

use std::sync::{Arc, Mutex};

use ring::hmac;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::SweepError;

/// The tracked tables. A table's index is its place in the stored digest
/// and part of each row MAC: append only, never reorder.
pub(crate) const TRACKED: [&str; 10] = [
    "sources",
    "source_summary",
    "balance_terms",
    "source_links",
    "source_cursors",
    "capture_outbox",
    "payees",
    "withdrawals",
    "quotes",
    "meta",
];

/// `meta` rows outside the digest: the digest itself, the nonce counter
/// (its rollback is harmless, see `seal.rs`) and the wrapped key (checked
/// by unwrapping it and opening the key check).
const META_FILTER: &str = "key NOT IN ('state_digest', 'nonce_next', 'wrapped_data_key')";

/// The `meta` key the sealed digest is stored under.
pub(crate) const META_DIGEST: &str = "state_digest";

const MAC_LEN: usize = 32;
const SQL_FUNCTION: &str = "sweep_track_row";

/// One XOR accumulator per tracked table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Digest([[u8; MAC_LEN]; TRACKED.len()]);

impl Digest {
    pub(crate) const ZERO: Digest = Digest([[0u8; MAC_LEN]; TRACKED.len()]);

    fn add(&mut self, table: usize, mac: &[u8]) {
        for (a, b) in self.0[table].iter_mut().zip(mac) {
            *a ^= b;
        }
    }

    /// Folds `other` in (XOR is its own inverse, so this also takes it out).
    pub(crate) fn merge(&mut self, other: &Digest) {
        for (table, mac) in other.0.iter().enumerate() {
            self.add(table, mac);
        }
    }

    pub(crate) fn to_bytes(self) -> Vec<u8> {
        self.0.concat()
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Digest> {
        if bytes.len() != MAC_LEN * TRACKED.len() {
            return None;
        }
        let mut digest = Digest::ZERO;
        for (table, chunk) in bytes.chunks_exact(MAC_LEN).enumerate() {
            digest.0[table].copy_from_slice(chunk);
        }
        Some(digest)
    }

    /// The first table whose accumulator differs, compared in constant time
    /// per table.
    pub(crate) fn first_difference(&self, other: &Digest) -> Option<&'static str> {
        self.0
            .iter()
            .zip(other.0.iter())
            .position(|(a, b)| a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) != 0)
            .map(|table| TRACKED[table])
    }
}

/// The MAC of one row: table index, then each value with its type and
/// length, so that no two different rows encode alike.
fn row_mac<'a>(key: &hmac::Key, table: u8, values: impl Iterator<Item = ValueRef<'a>>) -> hmac::Tag {
    let mut ctx = hmac::Context::with_key(key);
    ctx.update(&[table]);
    for value in values {
        match value {
            ValueRef::Null => ctx.update(&[0]),
            ValueRef::Integer(i) => {
                ctx.update(&[1]);
                ctx.update(&i.to_be_bytes());
            }
            ValueRef::Real(f) => {
                ctx.update(&[2]);
                ctx.update(&f.to_bits().to_be_bytes());
            }
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                ctx.update(&[if matches!(value, ValueRef::Text(_)) { 3 } else { 4 }]);
                ctx.update(&(bytes.len() as u64).to_be_bytes());
                ctx.update(bytes);
            }
        }
    }
    ctx.sign()
}

/// The row changes made on a connection since they were last folded into
/// the stored digest. The triggers write here; `Store::write` folds it.
#[derive(Clone, Default)]
pub(crate) struct Pending(Arc<Mutex<Option<Digest>>>);

impl Pending {
    /// Takes what accumulated, leaving nothing.
    pub(crate) fn take(&self) -> Option<Digest> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// Puts back what a rolled-back transaction had taken.
    pub(crate) fn restore(&self, digest: Option<Digest>) {
        if let Some(digest) = digest {
            self.0.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(Digest::ZERO).merge(&digest);
        }
    }

    fn add(&self, table: usize, mac: &[u8]) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(Digest::ZERO).add(table, mac);
    }
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>, SweepError> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}

/// Registers the row-MAC function and a trigger per table and kind of
/// write on this connection. Run after every migration, so the triggers
/// list the columns the tables have now.
pub(crate) fn install(conn: &Connection, key: hmac::Key, pending: Pending) -> Result<(), SweepError> {
    conn.create_scalar_function(SQL_FUNCTION, -1, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let table = ctx.get::<i64>(0)?;
        let index = usize::try_from(table)
            .ok()
            .filter(|i| *i < TRACKED.len())
            .ok_or_else(|| rusqlite::Error::UserFunctionError("sweep_track_row: no such table".into()))?;
        let mac = row_mac(&key, index as u8, (1..ctx.len()).map(|i| ctx.get_raw(i)));
        pending.add(index, mac.as_ref());
        Ok(rusqlite::types::Null)
    })?;
    let mut sql = String::new();
    for (index, table) in TRACKED.iter().enumerate() {
        let cols = columns(conn, table)?;
        let args = |prefix: &str| cols.iter().map(|c| format!("{prefix}.\"{c}\"")).collect::<Vec<_>>().join(", ");
        let filter = |prefix: &str| {
            if *table == "meta" {
                format!(" WHERE {prefix}.{META_FILTER}")
            } else {
                String::new()
            }
        };
        let (old, new) = (args("OLD"), args("NEW"));
        let (old_filter, new_filter) = (filter("OLD"), filter("NEW"));
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS temp.sweep_{table}_insert;
             CREATE TEMP TRIGGER sweep_{table}_insert AFTER INSERT ON main.{table} BEGIN
               SELECT {SQL_FUNCTION}({index}, {new}){new_filter};
             END;
             DROP TRIGGER IF EXISTS temp.sweep_{table}_update;
             CREATE TEMP TRIGGER sweep_{table}_update AFTER UPDATE ON main.{table} BEGIN
               SELECT {SQL_FUNCTION}({index}, {old}){old_filter};
               SELECT {SQL_FUNCTION}({index}, {new}){new_filter};
             END;
             DROP TRIGGER IF EXISTS temp.sweep_{table}_delete;
             CREATE TEMP TRIGGER sweep_{table}_delete AFTER DELETE ON main.{table} BEGIN
               SELECT {SQL_FUNCTION}({index}, {old}){old_filter};
             END;"
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// The digest of the rows as they are now, read table by table.
pub(crate) fn compute(conn: &Connection, key: &hmac::Key) -> Result<Digest, SweepError> {
    let mut digest = Digest::ZERO;
    for (index, table) in TRACKED.iter().enumerate() {
        let cols = columns(conn, table)?;
        let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let filter = if *table == "meta" { format!(" WHERE {META_FILTER}") } else { String::new() };
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM main.{table}{filter}"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let values = (0..cols.len()).map(|i| row.get_ref(i)).collect::<Result<Vec<_>, _>>()?;
            digest.add(index, row_mac(key, index as u8, values.into_iter()).as_ref());
        }
    }
    Ok(digest)
}

/// The typed error for rows that no longer add up to the stored digest.
pub(crate) fn tampered(table: &str) -> SweepError {
    SweepError::Tampered { table: table.into(), column: "*".into(), row: "digest".into() }
}
