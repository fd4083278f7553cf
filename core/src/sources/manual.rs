//! Sources the user types in.

use crate::ledger::{self, LedgerEvent, NewEntry};
use crate::money::{MinorAmount, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

use super::SourceKind;

const MAX_NAME_CHARS: usize = 80;
const MAX_ACCOUNT_REF_CHARS: usize = 64;

/// A balance the user enters by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ManualSource {
    /// What the user calls it, for example "Toss wallet". Sealed at rest.
    pub name: String,
    /// The kind of place the balance sits in.
    pub kind: SourceKind,
    /// The current balance; zero or more.
    pub balance: MinorAmount,
    /// An account number, phone number or handle, if the user gives one.
    /// Sealed at rest; the dashboard shows only its last four characters.
    pub account_ref: Option<String>,
}

pub(super) struct ValidSource<'a> {
    pub(super) name: &'a str,
    pub(super) account_ref: Option<&'a str>,
    pub(super) balance: Money,
}

/// A source name as stored: trimmed, 1 to 80 printable characters.
pub(super) fn clean_name(name: &str) -> Result<&str, SweepError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SweepError::invalid("name", "must not be empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(SweepError::invalid("name", format!("must be at most {MAX_NAME_CHARS} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(SweepError::invalid("name", "must not contain control characters"));
    }
    Ok(name)
}

/// Inserts a source row with its sealed name (and account reference) in the
/// caller's transaction, and returns its id. Seals three values at most.
pub(super) fn insert_source(
    wtx: &mut crate::store::WriteTx<'_>,
    kind: SourceKind,
    provider: &str,
    name: &str,
    account_ref: Option<&str>,
    now_ms: i64,
) -> Result<i64, SweepError> {
    let (count, id): (i64, i64) =
        wtx.tx
            .query_row("SELECT COUNT(*), COALESCE(MAX(id), 0) + 1 FROM sources", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if count >= super::MAX_SOURCES {
        return Err(SweepError::invalid("sources", format!("a wallet holds at most {} sources", super::MAX_SOURCES)));
    }
    let name = wtx.sealer.seal(&CellRef::new(Column::SourceName, RowKey::Id(id)), name.as_bytes())?;
    let provider = wtx.sealer.seal(&CellRef::new(Column::SourceProvider, RowKey::Id(id)), provider.as_bytes())?;
    let account_ref = account_ref
        .map(|a| wtx.sealer.seal(&CellRef::new(Column::SourceAccountRef, RowKey::Id(id)), a.as_bytes()))
        .transpose()?;
    wtx.tx.execute(
        "INSERT INTO sources (id, kind, provider, name, account_ref, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![id, kind.code(), provider, name, account_ref, now_ms],
    )?;
    Ok(id)
}

pub(super) fn validate(source: &ManualSource) -> Result<ValidSource<'_>, SweepError> {
    let name = clean_name(&source.name)?;
    let account_ref = source.account_ref.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if account_ref.is_some_and(|a| a.chars().count() > MAX_ACCOUNT_REF_CHARS || a.chars().any(char::is_control)) {
        return Err(SweepError::invalid(
            "account_ref",
            format!("must be at most {MAX_ACCOUNT_REF_CHARS} printable characters"),
        ));
    }
    let balance = Money::try_from(&source.balance)?;
    if balance.is_negative() {
        return Err(SweepError::NegativeAmount { field: "balance".into(), amount: balance.to_string() });
    }
    if balance.minor_units() > ledger::MAX_BALANCE_MINOR_UNITS {
        return Err(ledger::balance_too_large());
    }
    Ok(ValidSource { name, account_ref, balance })
}

/// Validates, then writes the source, its first ledger entry and its
/// summary in one transaction. Bad input writes nothing. Returns the id.
pub fn add_manual_source(store: &mut Store, source: &ManualSource, now_ms: i64) -> Result<i64, SweepError> {
    let valid = validate(source)?;
    // The name and account reference, then one entry touching one summary.
    store.write(3 + ledger::seals_needed(1, 1), |wtx| {
        let id = insert_source(wtx, source.kind, "manual", valid.name, valid.account_ref, now_ms)?;
        let entry = NewEntry { source_id: id, event: LedgerEvent::Observed, amount: valid.balance };
        ledger::append(wtx, &[entry], now_ms)?;
        Ok(id)
    })
}
