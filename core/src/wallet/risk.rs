//! The scam shield's facts, gathered from the wallet (`risk/` weighs them).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::withdrawals::{authenticator_since_cell, META_AUTHENTICATOR_SINCE};
use super::Wallet;
use crate::fees::Quote;
use crate::risk::{assess_cash_out_risk, RiskAssessment, RiskFacts};
use crate::store::{meta_get, Store};
use crate::withdrawals::payees::load_payee;
use crate::withdrawals::record;
use crate::withdrawals::WithdrawalState;
use crate::SweepError;

fn hours_since(then: SystemTime, now: SystemTime) -> u64 {
    now.duration_since(then).unwrap_or(Duration::ZERO).as_secs() / 3_600
}

/// Completed payouts in `currency`: how many, and the largest.
fn history(store: &Store, currency: &str) -> Result<(u32, Option<i64>), SweepError> {
    let mut count = 0u32;
    let mut largest = None;
    for id in record::all_ids(store)? {
        let stored = record::load(store, id)?;
        if stored.state == WithdrawalState::Completed && stored.details.currency_code == currency {
            count = count.saturating_add(1);
            let paid = stored.details.settlement.map_or(stored.details.total_net, |s| s.net);
            largest = largest.max(Some(paid));
        }
    }
    Ok((count, largest))
}

/// When the confirmation key was last replaced, if it ever was.
fn key_since(store: &Store) -> Result<Option<SystemTime>, SweepError> {
    let Some(sealed) = meta_get(store.conn(), META_AUTHENTICATOR_SINCE)? else { return Ok(None) };
    let mut buf = Vec::new();
    let cell = authenticator_since_cell();
    let plain = store.sealer().open_in(&cell, &sealed, &mut buf)?;
    let ms: [u8; 8] = plain.try_into().map_err(|_| cell.tampered())?;
    Ok(UNIX_EPOCH.checked_add(Duration::from_millis(i64::from_be_bytes(ms).max(0) as u64)))
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Weighs a cash-out of `quote` to `payee_id` before the user confirms:
    /// a new payee, an amount far above the user's history, a first
    /// cash-out, a recent SIM swap (`sim_swapped`, from `checkSimSwap`, or
    /// `None` when not asked) and a confirmation key replaced in the last day.
    /// Show every reason on `Warn`; on `StepUp` the user must confirm again,
    /// knowingly, before `withdraw`.
    pub async fn assess_cash_out(
        &self,
        quote: Quote,
        payee_id: u64,
        sim_swapped: Option<bool>,
    ) -> Result<RiskAssessment, SweepError> {
        let id = i64::try_from(payee_id).map_err(|_| SweepError::PayeeNotFound { payee_id })?;
        let amount = quote.breakdown.total_net.amount.clone();
        let facts = self
            .with_store(move |store| {
                let (_, added) = load_payee(store, id)?;
                let (completed_before, largest_before_minor) = history(store, &amount.currency_code)?;
                let now = SystemTime::now();
                Ok(RiskFacts {
                    payee_age_hours: hours_since(added, now),
                    amount_minor: amount.minor_units,
                    largest_before_minor,
                    completed_before,
                    sim_swapped,
                    confirmation_key_age_hours: key_since(store)?.map(|since| hours_since(since, now)),
                })
            })
            .await?;
        let verdict = assess_cash_out_risk(facts);
        let rules: Vec<&str> = verdict.reasons.iter().map(|r| r.rule_id.as_str()).collect();
        tracing::info!(level = ?verdict.level, rules = ?rules, "cash-out risk assessed");
        Ok(verdict)
    }
}
