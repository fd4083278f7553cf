//! Quotes the provider locked, kept sealed in the wallet. `withdraw`
//! carries out a stored quote by its id: a `Quote` object that crossed the
//! FFI and was edited in Kotlin, Swift or Python cannot name other sources,
//! other amounts, another fee or net, or a later expiry.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::Quote;
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// What a locked quote fixes, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedQuote {
    /// The provider's id.
    pub quote_id: String,
    /// The schedule it was priced on.
    pub schedule_version: String,
    /// The currency of every figure.
    pub currency_code: String,
    /// `(source id, gross, fee)` per leg, in order.
    pub legs: Vec<(u64, i64, i64)>,
    /// The withdrawal's own fee.
    pub withdrawal_fee: i64,
    /// What leaves the sources.
    pub total_gross: i64,
    /// The whole fee.
    pub total_fee: i64,
    /// What the payee receives.
    pub total_net: i64,
    /// When the lock runs out, in Unix milliseconds.
    pub expires_at_ms: i64,
}

fn millis(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl LockedQuote {
    /// The figures a quote states.
    pub fn of(quote: &Quote) -> LockedQuote {
        let b = &quote.breakdown;
        LockedQuote {
            quote_id: quote.quote_id.clone(),
            schedule_version: b.schedule_version.clone(),
            currency_code: b.total_net.amount.currency_code.clone(),
            legs: b.legs.iter().map(|l| (l.source_id, l.gross.amount.minor_units, l.fee.amount.minor_units)).collect(),
            withdrawal_fee: b.withdrawal_fee.amount.minor_units,
            total_gross: b.total_gross.amount.minor_units,
            total_fee: b.total_fee.amount.minor_units,
            total_net: b.total_net.amount.minor_units,
            expires_at_ms: millis(quote.expires_at),
        }
    }

    /// When the lock runs out.
    pub fn expires_at(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.expires_at_ms.max(0) as u64)
    }
}

/// A keyed tag of a quote id: the row is found by it, and the disk never
/// holds the id itself.
fn tag(store: &Store, quote_id: &str) -> Vec<u8> {
    let mut ctx = ring::hmac::Context::with_key(store.chain_key());
    ctx.update(b"sweep/quote-id/v1");
    ctx.update(quote_id.as_bytes());
    ctx.sign().as_ref()[..16].to_vec()
}

fn cell(id: i64, created_at_ms: i64) -> CellRef<'static> {
    CellRef::new(Column::LockedQuote, RowKey::SourceRecord(id, 0, created_at_ms))
}

/// Keeps a quote the provider locked.
pub fn store_locked(store: &mut Store, quote: &Quote) -> Result<(), SweepError> {
    keep(store, &LockedQuote::of(quote))
}

/// Seals and stores a locked quote's figures.
pub fn keep(store: &mut Store, locked: &LockedQuote) -> Result<(), SweepError> {
    let json = Zeroizing::new(
        serde_json::to_vec(locked).map_err(|e| SweepError::Internal { reason: format!("encode quote: {e}") })?,
    );
    let at = millis(SystemTime::now());
    let tag = tag(store, &locked.quote_id);
    store.write(1, |wtx| {
        let id: i64 = wtx.tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM quotes", [], |r| r.get(0))?;
        let sealed = wtx.sealer.seal(&cell(id, at), &json)?;
        wtx.tx.execute(
            "INSERT INTO quotes (id, quote_tag, created_at_ms, body) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, tag, at, sealed],
        )?;
        Ok(())
    })
}

/// The stored quote with this id; `None` when this wallet never locked it.
pub fn load_locked(store: &Store, quote_id: &str) -> Result<Option<LockedQuote>, SweepError> {
    let row: Option<(i64, i64, Vec<u8>)> = store
        .conn()
        .query_row("SELECT id, created_at_ms, body FROM quotes WHERE quote_tag = ?1", [tag(store, quote_id)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((id, at, sealed)) = row else { return Ok(None) };
    let cell = cell(id, at);
    let mut buf = Zeroizing::new(Vec::new());
    let locked: LockedQuote =
        serde_json::from_slice(store.sealer().open_in(&cell, &sealed, &mut buf)?).map_err(|_| cell.tampered())?;
    // The body names its quote: a row relabelled with another id is caught.
    if locked.quote_id != quote_id {
        return Err(cell.tampered());
    }
    Ok(Some(locked))
}

/// The stored quote `quote` claims to be, refusing one this wallet never
/// locked or one whose legs, figures or expiry were changed since.
pub fn the_locked(store: &Store, quote: &Quote) -> Result<LockedQuote, SweepError> {
    let locked = load_locked(store, &quote.quote_id)?
        .ok_or_else(|| SweepError::invalid("quote", "this wallet never locked this quote; ask for a new one"))?;
    if LockedQuote::of(quote) != locked {
        return Err(SweepError::invalid("quote", "it differs from the quote Sweep locked; ask for a new one"));
    }
    Ok(locked)
}
