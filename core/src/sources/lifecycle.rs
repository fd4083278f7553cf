//! A source over time: typed-in balances edited or removed, a typed-in
//! source taken over by the link to the same platform, and a removed
//! source kept as history.
//!
//! Removal never deletes the source's row or its ledger entries: the hash
//! chain, the summaries and old withdrawals' legs all name it, so the
//! ledger still verifies and old receipts still read. A removed source is
//! marked in `sources.auth_state` (a plain column the state digest
//! covers), loses its link and feed position, and drops out of the
//! dashboard, the planner and every sync.

use rusqlite::OptionalExtension;

use super::manual::{clean_name, validate};
use super::{BalanceTerms, Eligibility, Link, LinkRequest, ManualSource, SourceKind};
use crate::ledger::{self, LedgerEvent, NewEntry, Summary};
use crate::money::Currency;
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// The `sources.auth_state` of a removed source. Not an [`super::AuthState`]:
/// no screen ever shows a removed source as a source.
pub(crate) const REMOVED: &str = "removed";

/// A stored source that has not been removed: its kind and provider.
pub(crate) struct Present {
    pub(crate) kind: SourceKind,
    pub(crate) provider: String,
}

/// The source `id`, unless it does not exist or was removed
/// (`SourceNotFound` either way: a removed source is gone for the user).
pub(crate) fn present(store: &Store, id: i64) -> Result<Present, SweepError> {
    let not_found = || SweepError::SourceNotFound { source_id: id as u64 };
    let row: Option<(String, String)> = store
        .conn()
        .query_row("SELECT kind, auth_state FROM sources WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (kind, state) = row.ok_or_else(not_found)?;
    if state == REMOVED {
        return Err(not_found());
    }
    let kind = SourceKind::from_code(&kind)
        .ok_or_else(|| SweepError::Storage { reason: format!("source {id} has an unknown kind") })?;
    let provider = super::provider_of(store, id)?.ok_or_else(not_found)?;
    Ok(Present { kind, provider })
}

/// A source's name, removed or not (old statements still name their
/// sources); `None` when there is no such source.
pub fn stored_name(store: &Store, id: i64) -> Result<Option<String>, SweepError> {
    let sealed: Option<Vec<u8>> =
        store.conn().query_row("SELECT name FROM sources WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    sealed
        .map(|sealed| {
            store.sealer().open_string(&CellRef::new(Column::SourceName, RowKey::Id(id)), &sealed, &mut Vec::new())
        })
        .transpose()
}

/// A present source's name (opened) and kind.
pub fn name_and_kind(store: &Store, id: i64) -> Result<(String, SourceKind), SweepError> {
    let found = present(store, id)?;
    let name = stored_name(store, id)?.ok_or(SweepError::SourceNotFound { source_id: id as u64 })?;
    Ok((name, found.kind))
}

/// The currencies a source has balances in.
fn currencies(store: &Store, id: i64) -> Result<Vec<Currency>, SweepError> {
    let mut stmt =
        store.conn().prepare("SELECT currency FROM source_summary WHERE source_id = ?1 ORDER BY currency")?;
    let codes = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    codes.iter().map(|c| Currency::from_code(c)).collect()
}

/// Checks that source `id` exists and that no cash-out holds money from it.
pub fn check_removable(store: &Store, id: i64) -> Result<(), SweepError> {
    present(store, id)?;
    for currency in currencies(store, id)? {
        let summary = Summary::load(store.conn(), store.sealer(), id, currency)?;
        if !summary.held.is_zero() {
            return Err(SweepError::invalid("source_id", "a cash-out is still collecting from this source"));
        }
    }
    Ok(())
}

/// Marks source `id` removed: its link (tokens) and feed position are
/// deleted, its row, balances and history stay. Refused while a cash-out
/// still holds money from it: that money must first be collected or
/// released. Revoking the tokens at the issuer is the caller's work,
/// before this runs (`Wallet::remove_source`).
pub fn remove_source(store: &mut Store, id: i64) -> Result<(), SweepError> {
    check_removable(store, id)?;
    store.write(0, |wtx| {
        wtx.tx.execute("UPDATE sources SET auth_state = ?2 WHERE id = ?1", rusqlite::params![id, REMOVED])?;
        wtx.tx.execute("DELETE FROM source_links WHERE source_id = ?1", [id])?;
        wtx.tx.execute("DELETE FROM source_cursors WHERE source_id = ?1", [id])?;
        Ok(())
    })
}

/// Replaces a typed-in source's name, kind, account reference and
/// balance. An absent account reference keeps the stored one; a blank one
/// clears it. The balance is written as a new `Observed` entry, so the
/// history keeps what it was before. Its currency cannot change: that is
/// another balance (remove this one and add it). Bad input writes nothing.
pub fn edit_manual_source(store: &mut Store, id: i64, source: &ManualSource, now_ms: i64) -> Result<(), SweepError> {
    let found = present(store, id)?;
    if found.provider != "manual" {
        return Err(SweepError::invalid("source_id", "only a balance typed in by hand can be edited"));
    }
    let valid = validate(source)?;
    let held_in = currencies(store, id)?;
    if held_in.iter().any(|c| *c != valid.balance.currency()) {
        return Err(SweepError::CurrencyMismatch {
            expected: held_in.first().map(|c| c.code()).unwrap_or_default().into(),
            found: valid.balance.currency().code().into(),
        });
    }
    store.write(2 + ledger::seals_needed(1, 1), |wtx| {
        let name = wtx.sealer.seal(&CellRef::new(Column::SourceName, RowKey::Id(id)), valid.name.as_bytes())?;
        wtx.tx.execute(
            "UPDATE sources SET name = ?2, kind = ?3 WHERE id = ?1",
            rusqlite::params![id, name, source.kind.code()],
        )?;
        // Absent keeps the stored reference (apps only ever see it
        // masked); given but blank clears it.
        if source.account_ref.is_some() {
            let account_ref = valid
                .account_ref
                .map(|a| wtx.sealer.seal(&CellRef::new(Column::SourceAccountRef, RowKey::Id(id)), a.as_bytes()))
                .transpose()?;
            wtx.tx.execute("UPDATE sources SET account_ref = ?2 WHERE id = ?1", rusqlite::params![id, account_ref])?;
        }
        let entry = NewEntry { source_id: id, event: LedgerEvent::Observed, amount: valid.balance };
        ledger::append(wtx, &[entry], now_ms)?;
        Ok(())
    })
}

/// The typed-in source a new link of `request` takes over: the one the
/// request names, which must be typed in and of the same kind, or else
/// the oldest typed-in source of the same kind under the same name
/// (compared without case or extra spaces).
pub fn typed_in_to_adopt(store: &Store, request: &LinkRequest) -> Result<Option<i64>, SweepError> {
    if let Some(named) = request.replaces_source_id {
        let id = i64::try_from(named).map_err(|_| SweepError::SourceNotFound { source_id: named })?;
        let found = present(store, id)?;
        if found.provider != "manual" || found.kind != request.kind {
            return Err(SweepError::invalid(
                "replaces_source_id",
                "must be a balance typed in by hand, of the same kind as the source being linked",
            ));
        }
        return Ok(Some(id));
    }
    let wanted = same_name_key(clean_name(&request.name)?);
    let mut stmt =
        store.conn().prepare("SELECT id, name FROM sources WHERE kind = ?1 AND auth_state != ?2 ORDER BY id")?;
    let rows = stmt
        .query_map(rusqlite::params![request.kind.code(), REMOVED], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut buf = Vec::new();
    for (id, sealed_name) in rows {
        if super::provider_of(store, id)?.as_deref() != Some("manual") {
            continue;
        }
        let name =
            store.sealer().open_string(&CellRef::new(Column::SourceName, RowKey::Id(id)), &sealed_name, &mut buf)?;
        if same_name_key(&name) == wanted {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// A name as compared for adoption: lower case, single spaces.
fn same_name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Turns typed-in source `id` into the linked source `request` describes,
/// in one transaction: it keeps its id, balances and history, so its
/// money is never counted twice. Until the first sync reports the real
/// balance, the typed-in figure is held back (`Blocked`): it was never
/// read from the platform, so it must not be planned or paid out.
pub fn adopt_typed_in(store: &mut Store, id: i64, request: &LinkRequest, link: &Link) -> Result<(), SweepError> {
    let found = present(store, id)?;
    if found.provider != "manual" || found.kind != request.kind {
        return Err(SweepError::invalid("replaces_source_id", "is no longer a typed-in balance of this kind"));
    }
    let name = clean_name(&request.name)?;
    let held_in = currencies(store, id)?;
    let waiting =
        BalanceTerms::simple(Eligibility::Blocked, &crate::text::tell(crate::text::Msg::AwaitingFirstSync {}));
    store.write(3 + held_in.len() as u64, |wtx| {
        let sealed_name = wtx.sealer.seal(&CellRef::new(Column::SourceName, RowKey::Id(id)), name.as_bytes())?;
        let provider = request.endpoint.provider();
        let sealed_provider =
            wtx.sealer.seal(&CellRef::new(Column::SourceProvider, RowKey::Id(id)), provider.as_bytes())?;
        wtx.tx.execute(
            "UPDATE sources SET name = ?2, provider = ?3, auth_state = ?4, last_synced_at_ms = NULL WHERE id = ?1",
            rusqlite::params![id, sealed_name, sealed_provider, super::AuthState::Linked.code()],
        )?;
        for currency in &held_in {
            let sealed = waiting.seal(wtx.sealer, id, currency.code())?;
            wtx.tx.execute(
                "INSERT INTO balance_terms (source_id, currency, terms) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source_id, currency) DO UPDATE SET terms = excluded.terms",
                rusqlite::params![id, currency.code(), sealed],
            )?;
        }
        super::links::insert_link(wtx, id, link)
    })
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
