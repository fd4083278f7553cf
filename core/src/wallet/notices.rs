//! Which withdrawal changes reach the user as notifications (issue #15,
//! item 3), decided once here for every app: Android's WorkManager worker
//! and iOS's background refresh call [`Wallet::status_notices`] and post
//! what it returns, in their own words.
//!
//! Only moments the user cares about are told (on its way, arrived, did
//! not go through, sent back, canceled), each once: the wallet keeps, per
//! withdrawal, the last state it told of, sealed in `meta`. A wallet's
//! first check takes what has already happened as told, so an upgrade does not
//! bring up old news.

use std::collections::BTreeMap;

use super::Wallet;
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::{meta_get, meta_put, Store};
use crate::wallet::Withdrawal;
use crate::withdrawals::record::{self, Stored};
use crate::withdrawals::WithdrawalState;
use crate::SweepError;

const META_TOLD: &str = "status_told";

fn told_cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_TOLD))
}

/// A withdrawal change the user is told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum StatusChange {
    /// The provider sent the money; it is on its way to the account.
    OnItsWay,
    /// The money arrived.
    Arrived,
    /// The payout failed; the balances are back.
    DidNotGoThrough,
    /// The receiving bank sent it back; the balances are back.
    SentBack,
    /// The user canceled it; nothing was taken.
    Canceled,
}

impl StatusChange {
    /// The change that `state` is, or `None` for the states nobody is told
    /// of (requested, processing).
    pub fn of(state: WithdrawalState) -> Option<StatusChange> {
        match state {
            WithdrawalState::Sent => Some(StatusChange::OnItsWay),
            WithdrawalState::Completed => Some(StatusChange::Arrived),
            WithdrawalState::Failed => Some(StatusChange::DidNotGoThrough),
            WithdrawalState::Returned => Some(StatusChange::SentBack),
            WithdrawalState::Canceled => Some(StatusChange::Canceled),
            WithdrawalState::Requested | WithdrawalState::Processing => None,
        }
    }
}

/// A change to tell the user of, once.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct StatusNotice {
    /// Stable for this withdrawal and change, such as
    /// `withdrawal-7-arrived`: use it as the notification's id or tag.
    pub key: String,
    /// What happened.
    pub change: StatusChange,
    /// The withdrawal as it is now.
    pub withdrawal: Withdrawal,
}

/// Per withdrawal id, the state code last told of.
type Told = BTreeMap<i64, String>;

fn load_told(store: &Store) -> Result<Option<Told>, SweepError> {
    let Some(sealed) = meta_get(store.conn(), META_TOLD)? else { return Ok(None) };
    let cell = told_cell();
    let mut buf = Vec::new();
    let plain = store.sealer().open_in(&cell, &sealed, &mut buf)?;
    serde_json::from_slice(plain).map(Some).map_err(|_| cell.tampered())
}

/// Whatever is already news counts as told.
fn baseline(store: &Store) -> Result<Told, SweepError> {
    let told = record::states(store)?
        .into_iter()
        .filter(|(_, state)| StatusChange::of(*state).is_some())
        .map(|(id, state)| (id, state.code().to_owned()))
        .collect();
    Ok(told)
}

fn save_told(store: &mut Store, told: &Told) -> Result<(), SweepError> {
    let json = serde_json::to_vec(told).map_err(|e| SweepError::Internal { reason: e.to_string() })?;
    store.write(1, |wtx| {
        let sealed = wtx.sealer.seal(&told_cell(), &json)?;
        meta_put(&wtx.tx, META_TOLD, &sealed)
    })
}

/// On a wallet's first check, before anything moves, records what has
/// already happened as told.
fn start_telling(store: &mut Store) -> Result<(), SweepError> {
    if load_told(store)?.is_none() {
        let told = baseline(store)?;
        save_told(store, &told)?;
    }
    Ok(())
}

/// The withdrawals whose current state is news, marked as told. Only
/// those are opened.
fn take_news(store: &mut Store) -> Result<Vec<Stored>, SweepError> {
    let mut told = load_told(store)?.unwrap_or_default();
    let mut news = Vec::new();
    for (id, state) in record::states(store)? {
        let code = state.code();
        if StatusChange::of(state).is_some() && told.get(&id).map(String::as_str) != Some(code) {
            told.insert(id, code.to_owned());
            news.push(record::load(store, id)?);
        }
    }
    if !news.is_empty() {
        save_told(store, &told)?;
    }
    Ok(news)
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// For a background check (Android WorkManager, iOS background
    /// refresh): carries on unfinished withdrawals like
    /// `resume_withdrawals`, then returns each change the user has not yet
    /// been told of and marks it told, so each is returned once. Post one
    /// notification per notice; a wallet's first call counts what has
    /// already happened as told.
    pub async fn status_notices(&self) -> Result<Vec<StatusNotice>, SweepError> {
        self.with_store(start_telling).await?;
        self.resume_withdrawals().await?;
        self.pending_status_notices().await
    }

    /// Like `status_notices`, without asking anyone: the changes this
    /// wallet already knows of and has not told, for just after the app
    /// carried on its withdrawals itself (at start), so nothing is asked
    /// of the provider twice.
    pub async fn pending_status_notices(&self) -> Result<Vec<StatusNotice>, SweepError> {
        self.with_store(start_telling).await?;
        let news = self.with_store(take_news).await?;
        news.iter()
            .map(|stored| {
                let change = StatusChange::of(stored.state)
                    .ok_or_else(|| SweepError::Internal { reason: "a withdrawal state that is no news".into() })?;
                let key = format!("withdrawal-{}-{}", stored.id, stored.state.code());
                Ok(StatusNotice { key, change, withdrawal: self.shown_stored(stored)? })
            })
            .collect()
    }
}
