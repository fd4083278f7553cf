//! The tamper-evident ledger of balance events.
//!
//! - Append-only: entries are numbered `seq` 1, 2, 3… and never updated.
//! - Hash-chained: each batch of entries gets a link, an HMAC-SHA256 (key
//!   derived from the data key) over the previous link and a digest of all
//!   its entries' fields; a MAC'd head holds the last link and the entry
//!   count. [`verify`] finds any modified, removed, inserted or reordered
//!   entry (see `chain.rs`).
//! - Amounts are sealed like every other sensitive value, with the entry's
//!   sequence number and plain fields bound into the associated data, so a
//!   changed field also fails to open.
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
    /// The code stored in the `event` column and covered by the MAC.
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

/// The sealed cell of an entry's amount; `bound` are its plain fields.
pub(crate) fn amount_cell(seq: u64, bound: &[u8]) -> CellRef<'_> {
    CellRef::new(Column::LedgerAmount, RowKey::Entry(seq, bound))
}

/// Appends `entries` in the caller's transaction as one batch: seals each
/// amount, links the batch into the chain, moves the head and updates the
/// summaries once per source. An empty batch changes nothing.
/// Returns the last sequence number. Seals `entries.len()` values plus two
/// per touched summary.
pub fn append(wtx: &mut WriteTx<'_>, entries: &[NewEntry], now_ms: i64) -> Result<u64, SweepError> {
    if entries.is_empty() {
        return chain::Head::load(&wtx.tx, wtx.chain).map(|head| head.seq);
    }
    let head = chain::Head::load(&wtx.tx, wtx.chain)?;
    let mut batch = chain::BatchDigest::new(head.seq + 1);
    let mut summaries: BTreeMap<(i64, Currency), Summary> = BTreeMap::new();
    let mut sealed = Vec::with_capacity(8 + crate::store::seal::SEAL_OVERHEAD);
    let mut insert = wtx.tx.prepare_cached(
        "INSERT INTO ledger (seq, source_id, event, currency, amount, recorded_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for entry in entries {
        let key = (entry.source_id, entry.amount.currency());
        if !summaries.contains_key(&key) {
            let loaded = Summary::load(&wtx.tx, wtx.sealer, entry.source_id, entry.amount.currency())?;
            summaries.insert(key, loaded);
        }
        let seq = batch.last_seq() + 1;
        summaries.get_mut(&key).expect("inserted above").apply(entry.event, &entry.amount, seq)?;
        let fields = chain::Fields {
            source_id: entry.source_id,
            event: entry.event,
            currency: entry.amount.currency(),
            recorded_at_ms: now_ms,
        };
        let minor_units = entry.amount.minor_units();
        wtx.sealer.seal_into(&amount_cell(seq, &fields.bound()), &minor_units.to_be_bytes(), &mut sealed)?;
        batch.add(seq, &fields, minor_units);
        insert.execute(rusqlite::params![
            seq as i64,
            entry.source_id,
            entry.event.code(),
            fields.currency.code(),
            &sealed,
            now_ms
        ])?;
    }
    drop(insert);
    for summary in summaries.values() {
        summary.store(&wtx.tx, wtx.sealer, now_ms)?;
    }
    let last_seq = batch.last_seq();
    let link = batch.link(wtx.chain, &head.mac);
    chain::store_batch(&wtx.tx, last_seq, &link)?;
    chain::Head { seq: last_seq, mac: link }.store(&wtx.tx, wtx.chain)?;
    Ok(last_seq)
}

/// Calls `visit` with every entry in order, opening amounts into one reused
/// buffer. Does not check the chain; [`verify`] does.
pub fn for_each_entry(
    store: &crate::store::Store,
    mut visit: impl FnMut(Entry) -> Result<(), SweepError>,
) -> Result<(), SweepError> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT seq, source_id, event, currency, amount, recorded_at_ms FROM ledger ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut buf = Vec::with_capacity(32);
    while let Some(row) = rows.next()? {
        let seq = row.get::<_, i64>(0)? as u64;
        let event = LedgerEvent::from_code(row.get(2)?)
            .ok_or_else(|| SweepError::LedgerCorrupted { seq, reason: "unknown event code".into() })?;
        let fields = chain::Fields {
            source_id: row.get(1)?,
            event,
            currency: Currency::from_code(row.get_ref(3)?.as_str()?)?,
            recorded_at_ms: row.get(5)?,
        };
        let minor = store.sealer().open_i64(&amount_cell(seq, &fields.bound()), row.get_ref(4)?.as_blob()?, &mut buf)?;
        let entry = Entry {
            seq,
            source_id: fields.source_id,
            event,
            amount: Money::from_minor(minor, fields.currency),
            recorded_at_ms: fields.recorded_at_ms,
        };
        visit(entry)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
