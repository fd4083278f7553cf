//! The tamper-evident ledger of balance events.
//!
//! - Append-only: entries are numbered `seq` 1, 2, 3… and never updated.
//! - Hash-chained: each batch of entries gets a link, an HMAC-SHA256 (key
//!   derived from the data key) over the previous link and a digest of all
//!   its entries' fields; a MAC'd head holds the last link and the entry
//!   count. [`verify`] finds any modified, removed, inserted or reordered
//!   entry (see `chain.rs`).
//! - Amounts are sealed in chunks of consecutive entries (`ledger_amounts`);
//!   a chunk's associated data binds the first entry's number and every
//!   entry's plain fields, so a changed, added or removed entry also fails
//!   to open.
//! - Each append updates the per-source summary in the same transaction,
//!   so the dashboard reads O(sources) rows, never the history.

mod chain;
mod summary;
mod verify;

use std::collections::BTreeMap;

use crate::money::{Currency, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::WriteTx;
use crate::SweepError;

pub use summary::{balance_too_large, Summary, MAX_BALANCE_MINOR_UNITS};
pub use verify::{verify, LedgerReport};

/// What happened to a source's balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LedgerEvent {
    /// The source reported this balance (absolute, not a change).
    Observed,
    /// This much was reserved for a pending withdrawal.
    Hold,
    /// A hold was given back (the withdrawal failed or was canceled).
    Release,
    /// Held money left the source (the withdrawal went through).
    Debit,
}

impl LedgerEvent {
    /// The code stored in the `event` column; the batch digest and the
    /// amounts' associated data both cover it.
    pub fn code(self) -> u8 {
        match self {
            LedgerEvent::Observed => 1,
            LedgerEvent::Hold => 2,
            LedgerEvent::Release => 3,
            LedgerEvent::Debit => 4,
        }
    }

    /// The event for a stored code.
    pub fn from_code(code: i64) -> Option<LedgerEvent> {
        [LedgerEvent::Observed, LedgerEvent::Hold, LedgerEvent::Release, LedgerEvent::Debit]
            .into_iter()
            .find(|e| i64::from(e.code()) == code)
    }
}

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The source the event belongs to.
    pub source_id: i64,
    /// What happened.
    pub event: LedgerEvent,
    /// The amount: the new balance for `Observed`, the change otherwise.
    pub amount: Money,
}

/// An entry as stored, with its amount opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Position in the ledger, from 1.
    pub seq: u64,
    /// The source.
    pub source_id: i64,
    /// What happened.
    pub event: LedgerEvent,
    /// The amount.
    pub amount: Money,
    /// When it was recorded, in Unix milliseconds.
    pub recorded_at_ms: i64,
}

/// The most entries whose amounts share one sealed chunk.
pub const CHUNK_ENTRIES: usize = 64;

/// The sealed cell of a chunk of amounts: the first entry's number and the
/// plain fields of every entry in the chunk, in order.
pub(crate) fn chunk_cell(first_seq: u64, bound_fields: &[u8]) -> CellRef<'_> {
    CellRef::new(Column::LedgerAmounts, RowKey::Chunk(first_seq, bound_fields))
}

/// Appends `entries` in the caller's transaction as one batch: writes the
/// entries, seals their amounts in chunks of up to [`CHUNK_ENTRIES`], links
/// the batch into the chain, moves the head and updates the summaries once
/// per source. An empty batch changes nothing. Returns the last sequence
/// number. Seals one value per chunk plus two per touched summary.
///
/// Why chunks: sealing costs a fixed ~70–90 ns per call whatever the size, so
/// one seal per 8-byte amount cost more than SQLite itself; a chunk's
/// associated data still binds every entry's number and fields.
pub fn append(wtx: &mut WriteTx<'_>, entries: &[NewEntry], now_ms: i64) -> Result<u64, SweepError> {
    let head = chain::Head::load(&wtx.tx, wtx.chain)?;
    if entries.is_empty() {
        return Ok(head.seq);
    }
    let mut batch = chain::BatchDigest::new(head.seq + 1);
    let mut summaries: BTreeMap<(i64, Currency), Summary> = BTreeMap::new();
    let mut insert = wtx.tx.prepare_cached(
        "INSERT INTO ledger (seq, source_id, event, currency, recorded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_chunk = wtx.tx.prepare_cached("INSERT INTO ledger_amounts (first_seq, amounts) VALUES (?1, ?2)")?;
    let mut bound = Vec::with_capacity(CHUNK_ENTRIES * chain::BOUND_LEN);
    let mut amounts = Vec::with_capacity(CHUNK_ENTRIES * 8);
    let mut sealed = Vec::with_capacity(CHUNK_ENTRIES * 8 + crate::store::seal::SEAL_OVERHEAD);
    for chunk in entries.chunks(CHUNK_ENTRIES) {
        let first_seq = batch.last_seq() + 1;
        bound.clear();
        amounts.clear();
        for entry in chunk {
            let seq = batch.last_seq() + 1;
            let currency = entry.amount.currency();
            let summary = match summaries.entry((entry.source_id, currency)) {
                std::collections::btree_map::Entry::Occupied(slot) => slot.into_mut(),
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(Summary::load(&wtx.tx, wtx.sealer, entry.source_id, currency)?)
                }
            };
            summary.apply(entry.event, &entry.amount, seq)?;
            let fields =
                chain::Fields { source_id: entry.source_id, event: entry.event, currency, recorded_at_ms: now_ms };
            let minor_units = entry.amount.minor_units();
            batch.add(seq, &fields, minor_units);
            bound.extend_from_slice(&fields.bound());
            amounts.extend_from_slice(&minor_units.to_be_bytes());
            insert.execute(rusqlite::params![
                seq as i64,
                entry.source_id,
                entry.event.code(),
                currency.code(),
                now_ms
            ])?;
        }
        wtx.sealer.seal_into(&chunk_cell(first_seq, &bound), &amounts, &mut sealed)?;
        insert_chunk.execute(rusqlite::params![first_seq as i64, &sealed])?;
    }
    drop((insert, insert_chunk));
    for summary in summaries.values() {
        summary.store(&wtx.tx, wtx.sealer, now_ms)?;
    }
    let last_seq = batch.last_seq();
    let link = batch.link(wtx.chain, &head.mac);
    chain::store_batch(&wtx.tx, last_seq, &link)?;
    chain::Head { seq: last_seq, mac: link }.store(&wtx.tx, wtx.chain)?;
    Ok(last_seq)
}

/// How many values [`append`] seals for `entries` entries touching at most
/// `summaries` source summaries: what to pass to `Store::write`.
pub fn seals_needed(entries: usize, summaries: usize) -> u64 {
    (entries.div_ceil(CHUNK_ENTRIES) + 2 * summaries) as u64
}

/// Calls `visit` with every entry in order. Each chunk of amounts is opened
/// once, into one reused buffer. Does not check the chain; [`verify`] does.
pub fn for_each_entry(
    store: &crate::store::Store,
    mut visit: impl FnMut(Entry) -> Result<(), SweepError>,
) -> Result<(), SweepError> {
    let conn = store.conn();
    let mut entry_stmt =
        conn.prepare_cached("SELECT seq, source_id, event, currency, recorded_at_ms FROM ledger ORDER BY seq")?;
    let mut chunk_stmt = conn.prepare_cached("SELECT first_seq, amounts FROM ledger_amounts ORDER BY first_seq")?;
    let mut entry_rows = entry_stmt.query([])?;
    let mut chunk_rows = chunk_stmt.query([])?;
    let mut pending: Vec<(u64, chain::Fields)> = Vec::with_capacity(CHUNK_ENTRIES);
    let mut bound = Vec::with_capacity(CHUNK_ENTRIES * chain::BOUND_LEN);
    let mut buf = Vec::with_capacity(CHUNK_ENTRIES * 8 + 16);
    let mut expected_seq = 1u64;
    while let Some(chunk) = chunk_rows.next()? {
        let first_seq = chunk.get::<_, i64>(0)? as u64;
        let sealed = chunk.get_ref(1)?.as_blob()?;
        let corrupt = |reason: &str| SweepError::LedgerCorrupted { seq: first_seq, reason: reason.into() };
        if first_seq != expected_seq {
            return Err(corrupt("the sealed amounts do not follow on from the previous entries"));
        }
        let body = sealed.len().checked_sub(crate::store::seal::SEAL_OVERHEAD).filter(|n| n % 8 == 0 && *n > 0);
        let count = body.ok_or_else(|| chunk_cell(first_seq, &[]).tampered())? / 8;
        if count > CHUNK_ENTRIES {
            return Err(chunk_cell(first_seq, &[]).tampered());
        }
        pending.clear();
        bound.clear();
        for offset in 0..count as u64 {
            let row = entry_rows.next()?.ok_or_else(|| corrupt("entries are missing at the end"))?;
            let seq = row.get::<_, i64>(0)? as u64;
            if seq != first_seq + offset {
                return Err(SweepError::LedgerCorrupted {
                    seq: first_seq + offset,
                    reason: "an entry is missing here".into(),
                });
            }
            let event = LedgerEvent::from_code(row.get(2)?)
                .ok_or_else(|| SweepError::LedgerCorrupted { seq, reason: "unknown event code".into() })?;
            let fields = chain::Fields {
                source_id: row.get(1)?,
                event,
                currency: Currency::from_code(row.get_ref(3)?.as_str()?)?,
                recorded_at_ms: row.get(4)?,
            };
            bound.extend_from_slice(&fields.bound());
            pending.push((seq, fields));
        }
        let plain = store.sealer().open_in(&chunk_cell(first_seq, &bound), sealed, &mut buf)?;
        for ((seq, fields), minor) in pending.drain(..).zip(plain.chunks_exact(8)) {
            let minor = i64::from_be_bytes(minor.try_into().expect("8-byte chunks"));
            visit(Entry {
                seq,
                source_id: fields.source_id,
                event: fields.event,
                amount: Money::from_minor(minor, fields.currency),
                recorded_at_ms: fields.recorded_at_ms,
            })?;
        }
        expected_seq = first_seq + count as u64;
    }
    if let Some(row) = entry_rows.next()? {
        let seq = row.get::<_, i64>(0)? as u64;
        return Err(SweepError::LedgerCorrupted { seq, reason: "an entry has no sealed amount".into() });
    }
    Ok(())
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
