//! Withdrawals at rest. The intent, its idempotency key and the holds on
//! its sources are written in one transaction before anything is sent; a
//! state change and its money movement (debit or release of the holds)
//! are written together too. The details are sealed and bound to the row's
//! id and creation time.

use crate::text::{tell, Msg};
use std::time::{SystemTime, UNIX_EPOCH};

use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::legs::{LegEffect, LegRecord, LegState};
use super::settlement::Settlement;
use super::state::{decide, Decision, LedgerEffect, WithdrawalState};
use crate::ledger::{self, LedgerEvent, NewEntry};
use crate::money::{Currency, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::{Store, WriteTx};
use crate::SweepError;

/// What a withdrawal takes and where it goes; sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// The provider's quote.
    pub quote_id: String,
    /// The fee schedule it used.
    pub schedule_version: String,
    /// The currency.
    pub currency_code: String,
    /// `(source id, gross)` per leg, in minor units.
    pub legs: Vec<(i64, i64)>,
    /// What the payee receives.
    pub total_net: i64,
    /// The payee.
    pub payee_id: i64,
    /// The provider's id, once it accepted the withdrawal.
    pub provider_id: Option<String>,
    /// Why it failed or came back, for the user.
    pub reason: Option<String>,
    /// How long the payout takes, from the quote, in seconds.
    #[serde(default)]
    pub eta_seconds: u64,
    /// What leaves the sources, from the quote.
    #[serde(default)]
    pub total_gross: i64,
    /// The fee, from the quote.
    #[serde(default)]
    pub total_fee: i64,
    /// The provider's receipt, once it was fetched and matched the quote.
    #[serde(default)]
    pub receipt: Option<ReceiptRecord>,
    /// The legs, each collected from its source before the payout.
    /// Withdrawals stored before collection existed have none.
    #[serde(default)]
    pub collection: Vec<LegRecord>,
    /// What it pays out by, once every leg is settled.
    #[serde(default)]
    pub settlement: Option<Settlement>,
}

/// What a matching receipt adds to the quote's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptRecord {
    /// The bank's or wallet's reference for the transfer.
    pub reference: String,
    /// When the payee had the money, in Unix milliseconds.
    pub completed_at_ms: i64,
}

/// A stored withdrawal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id.
    pub id: i64,
    /// The key every submission of it carries.
    pub idempotency_key: String,
    /// Where it stands.
    pub state: WithdrawalState,
    /// The newest provider event applied.
    pub version: u64,
    /// When it was created, in Unix milliseconds.
    pub created_at_ms: i64,
    /// What it is.
    pub details: Details,
}

fn cell(id: i64, created_at_ms: i64) -> CellRef<'static> {
    CellRef::new(Column::WithdrawalDetails, RowKey::SourceRecord(id, 0, created_at_ms))
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// A fresh random idempotency key (128 bits, hex).
pub fn new_key() -> Result<String, SweepError> {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn entries(details: &Details, event: LedgerEvent) -> Result<Vec<NewEntry>, SweepError> {
    let currency = Currency::from_code(&details.currency_code)?;
    Ok(details
        .legs
        .iter()
        .map(|(source_id, gross)| NewEntry {
            source_id: *source_id,
            event,
            amount: Money::from_minor(*gross, currency),
        })
        .collect())
}

fn seal(wtx: &mut WriteTx<'_>, id: i64, at: i64, details: &Details) -> Result<Vec<u8>, SweepError> {
    let json = Zeroizing::new(
        serde_json::to_vec(details).map_err(|e| SweepError::Internal { reason: format!("encode withdrawal: {e}") })?,
    );
    wtx.sealer.seal(&cell(id, at), &json)
}

/// Stores the intent with its key and holds every leg, in one transaction.
/// A leg above its source's available balance writes nothing.
pub fn create(store: &mut Store, details: &Details, key: &str) -> Result<i64, SweepError> {
    let holds = entries(details, LedgerEvent::Hold)?;
    let at = now_ms();
    store.write(ledger::seals_needed(holds.len(), holds.len()) + 1, |wtx| {
        let id: i64 = wtx.tx.query_row(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'withdrawals'), 0) + 1",
            [],
            |r| r.get(0),
        )?;
        let sealed = seal(wtx, id, at, details)?;
        wtx.tx.execute(
            "INSERT INTO withdrawals (id, idempotency_key, state, version, created_at_ms, details)
             VALUES (?1, ?2, 'requested', 0, ?3, ?4)",
            rusqlite::params![id, key, at, sealed],
        )?;
        flag_in_flight(wtx, id, details)?;
        ledger::append(wtx, &holds, at)?;
        Ok(id)
    })
}

/// One withdrawal, opened.
pub fn load(store: &Store, id: i64) -> Result<Stored, SweepError> {
    let row: Option<(String, String, i64, i64, Vec<u8>)> = store
        .conn()
        .query_row(
            "SELECT idempotency_key, state, version, created_at_ms, details FROM withdrawals WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (key, state, version, at, sealed) = row.ok_or(SweepError::WithdrawalNotFound { withdrawal_id: id as u64 })?;
    let cell = cell(id, at);
    let mut buf = Zeroizing::new(Vec::new());
    let details =
        serde_json::from_slice(store.sealer().open_in(&cell, &sealed, &mut buf)?).map_err(|_| cell.tampered())?;
    let state = WithdrawalState::from_code(&state).ok_or_else(|| cell.tampered())?;
    Ok(Stored { id, idempotency_key: key, state, version: version as u64, created_at_ms: at, details })
}

/// The ids of withdrawals not yet in a final state, oldest first.
pub fn open_ids(store: &Store) -> Result<Vec<i64>, SweepError> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id FROM withdrawals WHERE state IN ('requested', 'processing', 'sent') ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Keeps the plain `legs_in_flight` flag beside the sealed details, so a
/// start-up finds the withdrawals to carry on without opening every one.
/// It only says where to look: what is found there is read sealed.
fn flag_in_flight(wtx: &crate::store::WriteTx<'_>, id: i64, details: &Details) -> Result<(), SweepError> {
    let in_flight = details.collection.iter().any(|l| l.state == LegState::Instructed || l.bank_token.is_some());
    wtx.tx.execute("UPDATE withdrawals SET legs_in_flight = ?2 WHERE id = ?1", rusqlite::params![id, in_flight])?;
    Ok(())
}

/// Withdrawals with a leg asked of its source and not yet answered,
/// oldest first, whatever state the withdrawal itself is in. Only flagged
/// rows are opened; a flagged row with nothing in flight (a row from
/// before the flag existed) loses its flag here.
pub fn with_legs_in_flight(store: &mut Store) -> Result<Vec<i64>, SweepError> {
    let flagged = {
        let mut stmt = store.conn().prepare("SELECT id FROM withdrawals WHERE legs_in_flight != 0 ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
        ids
    };
    let mut ids = Vec::new();
    for id in flagged {
        let legs = load(store, id)?.details.collection;
        if legs.iter().any(|l| l.state == LegState::Instructed) {
            ids.push(id);
        } else if legs.iter().all(|l| l.bank_token.is_none()) {
            store.write(0, |wtx| {
                Ok(wtx.tx.execute("UPDATE withdrawals SET legs_in_flight = 0 WHERE id = ?1", [id])?)
            })?;
        }
    }
    Ok(ids)
}

/// Every withdrawal's id and state, oldest first, from the plain columns:
/// where to look, without opening every row (what is found is opened with
/// [`load`]).
pub fn states(store: &Store) -> Result<Vec<(i64, WithdrawalState)>, SweepError> {
    let mut stmt = store.conn().prepare("SELECT id, state FROM withdrawals ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut states = Vec::new();
    for row in rows {
        let (id, code) = row?;
        let state = WithdrawalState::from_code(&code).ok_or_else(|| cell(id, 0).tampered())?;
        states.push((id, state));
    }
    Ok(states)
}

/// Every withdrawal's id, oldest first.
pub fn all_ids(store: &Store) -> Result<Vec<i64>, SweepError> {
    let mut stmt = store.conn().prepare("SELECT id FROM withdrawals ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Records the provider's id (after it accepted the withdrawal).
pub fn set_provider_id(store: &mut Store, id: i64, provider_id: &str) -> Result<(), SweepError> {
    let mut stored = load(store, id)?;
    stored.details.provider_id = Some(provider_id.to_owned());
    store.write(1, |wtx| {
        let sealed = seal(wtx, id, stored.created_at_ms, &stored.details)?;
        wtx.tx.execute("UPDATE withdrawals SET details = ?2 WHERE id = ?1", rusqlite::params![id, sealed])?;
        flag_in_flight(wtx, id, &stored.details)?;
        Ok(())
    })
}

/// Keeps a receipt that matched the quote.
pub fn set_receipt(store: &mut Store, id: i64, receipt: ReceiptRecord) -> Result<Stored, SweepError> {
    let mut stored = load(store, id)?;
    stored.details.receipt = Some(receipt);
    store.write(1, |wtx| {
        let sealed = seal(wtx, id, stored.created_at_ms, &stored.details)?;
        wtx.tx.execute("UPDATE withdrawals SET details = ?2 WHERE id = ?1", rusqlite::params![id, sealed])?;
        flag_in_flight(wtx, id, &stored.details)?;
        Ok(())
    })?;
    Ok(stored)
}

/// Applies a provider event: the state change and its money movement land
/// together, or not at all. Duplicates and older events change nothing.
pub fn apply_event(
    store: &mut Store,
    id: i64,
    state: WithdrawalState,
    version: u64,
    reason: Option<String>,
) -> Result<Stored, SweepError> {
    let mut stored = load(store, id)?;
    let Decision::Apply(next) = decide(stored.state, stored.version, state, version) else { return Ok(stored) };
    let moves = if stored.details.collection.is_empty() {
        let event = match next.effect() {
            LedgerEffect::Debit => Some(LedgerEvent::Debit),
            LedgerEffect::Release => Some(LedgerEvent::Release),
            LedgerEffect::None => None,
        };
        match event {
            Some(event) => entries(&stored.details, event)?,
            None => Vec::new(),
        }
    } else {
        // The legs carry the money: an ended withdrawal gives back only the
        // holds of legs never asked for. A leg already asked for keeps its
        // hold until its source answers: its transfer may still complete.
        let mut moves = Vec::new();
        if next.effect() == LedgerEffect::Release {
            // Provider API v2: a withdrawal that ends without paying out sends
            // its collected legs back to their sources (the next sync sees them).
            for leg in stored.details.collection.iter_mut().filter(|l| l.state == LegState::Collected) {
                leg.state = LegState::Returned;
                leg.reason.get_or_insert_with(|| tell(Msg::LegReturnedPayoutFailed {}));
            }
            let currency = Currency::from_code(&stored.details.currency_code)?;
            for leg in stored.details.collection.iter_mut().filter(|l| l.state == LegState::Pending) {
                leg.state = LegState::Failed;
                leg.reason.get_or_insert_with(|| tell(Msg::LegEndedBeforeCollected {}));
                moves.push(NewEntry {
                    source_id: leg.source_id,
                    event: LedgerEvent::Release,
                    amount: Money::from_minor(leg.gross, currency),
                });
            }
        }
        moves
    };
    if reason.is_some() {
        stored.details.reason = reason;
    }
    store.write(ledger::seals_needed(moves.len(), moves.len()) + 1, |wtx| {
        let sealed = seal(wtx, id, stored.created_at_ms, &stored.details)?;
        wtx.tx.execute(
            "UPDATE withdrawals SET state = ?2, version = ?3, details = ?4 WHERE id = ?1",
            rusqlite::params![id, next.code(), version as i64, sealed],
        )?;
        flag_in_flight(wtx, id, &stored.details)?;
        ledger::append(wtx, &moves, now_ms())?;
        Ok(())
    })?;
    stored.state = next;
    stored.version = version;
    Ok(stored)
}

/// What a leg change carries besides its state.
#[derive(Debug, Clone, Default)]
pub struct LegUpdate {
    /// The source's id for the transfer.
    pub transfer_id: Option<String>,
    /// Why it failed or came back.
    pub reason: Option<String>,
}

/// Moves leg `index` of a withdrawal to `next`, with the leg's money
/// movement (debit when collected, release when it failed) in the same
/// transaction. A change that would move the leg backwards, or repeat its
/// state, changes nothing and returns `false`.
pub fn apply_leg(
    store: &mut Store,
    id: i64,
    index: usize,
    next: LegState,
    update: LegUpdate,
) -> Result<(Stored, bool), SweepError> {
    let mut stored = load(store, id)?;
    let currency = Currency::from_code(&stored.details.currency_code)?;
    let leg = stored
        .details
        .collection
        .get_mut(index)
        .ok_or_else(|| SweepError::Internal { reason: format!("withdrawal {id} has no leg {index}") })?;
    if leg.state == next || !leg.state.can_become(next) {
        return Ok((stored, false));
    }
    let event = match next.effect(leg.state) {
        LegEffect::Debit => Some(LedgerEvent::Debit),
        LegEffect::Release => Some(LedgerEvent::Release),
        LegEffect::None => None,
    };
    let moves: Vec<NewEntry> = event
        .map(|event| NewEntry { source_id: leg.source_id, event, amount: Money::from_minor(leg.gross, currency) })
        .into_iter()
        .collect();
    leg.state = next;
    if update.transfer_id.is_some() {
        leg.transfer_id = update.transfer_id;
    }
    if update.reason.is_some() {
        leg.reason = update.reason;
    }
    // Money that arrives after its withdrawal ended without paying out goes
    // straight back to its source (provider API v2): collected, then returned.
    if next == LegState::Collected && stored.state.is_terminal() && stored.state.effect() == LedgerEffect::Release {
        leg.state = LegState::Returned;
        leg.reason = Some(tell(Msg::LegArrivedLate {}));
    }
    rewrite(store, &stored, &moves)?;
    Ok((stored, true))
}

/// Replaces a withdrawal's sealed details (with any money movements) in one
/// transaction.
pub fn rewrite(store: &mut Store, stored: &Stored, moves: &[NewEntry]) -> Result<(), SweepError> {
    let id = stored.id;
    store.write(ledger::seals_needed(moves.len(), moves.len()) + 1, |wtx| {
        let sealed = seal(wtx, id, stored.created_at_ms, &stored.details)?;
        wtx.tx.execute("UPDATE withdrawals SET details = ?2 WHERE id = ?1", rusqlite::params![id, sealed])?;
        flag_in_flight(wtx, id, &stored.details)?;
        ledger::append(wtx, moves, now_ms())?;
        Ok(())
    })
}
