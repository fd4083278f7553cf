//! The withdrawal saga's collect step: every leg is moved out of its source
//! to the provider's collection reference, exactly once, before the
//! provider pays out. Each leg's key was stored with the withdrawal before
//! anything was sent; a leg is marked `instructed` in the store before its
//! transfer is sent, and every retry (after a lost answer, a time-out or a
//! restart) sends the same key, so the platform moves the money once.

use super::Wallet;
use crate::fees::cached_schedule;
use crate::money::{Currency, Money};
use crate::sources::{TransferOrder, TransferStatus};
use crate::withdrawals::legs::LegState;
use crate::withdrawals::provider::{self, ProviderWithdrawal};
use crate::withdrawals::record::{self, LegUpdate, Stored};
use crate::withdrawals::settlement::settle;
use crate::SweepError;

/// A provider leg status as a leg state.
fn provider_leg_state(status: &str) -> Option<LegState> {
    match status {
        "collected" => Some(LegState::Collected),
        "failed" => Some(LegState::Failed),
        "returned" => Some(LegState::Returned),
        _ => None,
    }
}

impl Wallet {
    /// Takes what the provider says about a withdrawal: its legs' ids and
    /// collection references (once), the legs it saw arrive, fail or go
    /// back, then the withdrawal's own state. Nothing moves backwards.
    pub(super) async fn absorb(&self, id: i64, answer: ProviderWithdrawal) -> Result<Stored, SweepError> {
        let state = answer.state()?;
        self.with_store(move |store| {
            let mut stored = record::load(store, id)?;
            if !answer.legs.is_empty() && stored.details.collection.iter().any(|l| l.destination_reference.is_none()) {
                if answer.legs.len() != stored.details.collection.len() {
                    return Err(SweepError::MalformedResponse { reason: "the provider named other legs".into() });
                }
                for (mine, theirs) in stored.details.collection.iter_mut().zip(&answer.legs) {
                    if mine.source_ref != theirs.source_ref {
                        return Err(SweepError::MalformedResponse { reason: "the provider named other legs".into() });
                    }
                    mine.leg_id = Some(theirs.leg_id.clone());
                    mine.destination_reference = Some(theirs.destination_reference.clone());
                }
                record::rewrite(store, &stored, &[])?;
            }
            for (index, leg) in answer.legs.iter().enumerate() {
                if let Some(next) = provider_leg_state(&leg.status) {
                    let update = LegUpdate { transfer_id: None, reason: leg.reason.clone() };
                    record::apply_leg(store, id, index, next, update)?;
                }
            }
            record::apply_event(store, id, state, answer.version, answer.reason)
        })
        .await
    }

    /// Sends each leg that has a collection reference and is not yet
    /// settled to its source, with the leg's own key. A refused leg is told
    /// to the provider; a leg whose answer is lost or still pending stays
    /// `instructed`, to be asked again with the same key.
    pub(super) async fn collect(&self, id: i64) -> Result<Stored, SweepError> {
        let stored = self.stored(id).await?;
        let currency = Currency::from_code(&stored.details.currency_code)?;
        for (index, leg) in stored.details.collection.iter().enumerate() {
            let Some(destination) = leg.destination_reference.clone() else { continue };
            if leg.state.is_settled() || !leg.by_transfer() {
                continue;
            }
            if leg.state == LegState::Pending {
                // Stored before it is sent: a crash from here on resumes with the same key.
                self.with_store(move |store| {
                    record::apply_leg(store, id, index, LegState::Instructed, LegUpdate::default())
                })
                .await?;
            }
            let Some(linked) = self.linked(leg.source_id as u64) else { continue };
            let reference = format!("Sweep {} leg {}", stored.details.provider_id.as_deref().unwrap_or("-"), index + 1);
            let order = TransferOrder {
                key: &leg.key,
                amount: Money::from_minor(leg.gross, currency),
                destination_reference: &destination,
                reference: &reference,
            };
            let answer = match linked.source_api().await {
                Ok(platform) => platform.transfer(&order).await,
                Err(err) => Err(err),
            };
            let transfer = match answer {
                Ok(transfer) => transfer,
                Err(err) => {
                    tracing::warn!(withdrawal_id = id, leg = index, error = %err, "leg not collected yet");
                    continue;
                }
            };
            let (next, reason) = match transfer.status {
                TransferStatus::Pending => continue,
                TransferStatus::Completed => (LegState::Collected, None),
                TransferStatus::Failed { reason } => (LegState::Failed, Some(reason)),
            };
            let update = LegUpdate { transfer_id: Some(transfer.transfer_id), reason: reason.clone() };
            let (after, changed) =
                self.with_store(move |store| record::apply_leg(store, id, index, next, update)).await?;
            tracing::info!(withdrawal_id = id, leg = index, state = next.code(), "leg answered");
            if changed {
                super::tracking::tell(&self.trackers, &self.shown_stored(&after)?);
            }
            if let (Some(reason), Some(pid), Some(leg_id)) = (reason, &stored.details.provider_id, &leg.leg_id) {
                let told = provider::leg_failed(&self.provider().await?, pid, leg_id, &reason).await;
                if let Ok(answer) = told {
                    self.absorb(id, answer).await?;
                }
            }
        }
        self.settle_when_done(id).await
    }

    /// Once every leg is settled, works out what the withdrawal pays out
    /// by (the partial collection rule) and keeps it with the withdrawal.
    async fn settle_when_done(&self, id: i64) -> Result<Stored, SweepError> {
        self.with_store(move |store| {
            let mut stored = record::load(store, id)?;
            if stored.details.settlement.is_some() || stored.details.collection.is_empty() {
                return Ok(stored);
            }
            let cached = cached_schedule(store)?.ok_or(SweepError::NoFeeSchedule)?;
            let currency = Currency::from_code(&stored.details.currency_code)?;
            let min = cached.schedule.currency(currency)?.min_withdrawal;
            let Some(settlement) = settle(&stored.details.collection, stored.details.total_fee, min) else {
                return Ok(stored);
            };
            stored.details.settlement = Some(settlement);
            record::rewrite(store, &stored, &[])?;
            Ok(stored)
        })
        .await
    }
}
