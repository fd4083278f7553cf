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
use crate::text::Msg;
use crate::withdrawals::legs::LegState;
use crate::withdrawals::provider::{self, ProviderLeg, ProviderWithdrawal};
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

/// What a source or bank said about a leg that settles it.
pub(super) struct LegAnswer {
    pub next: LegState,
    pub transfer_id: String,
    pub reason: Option<String>,
}

impl LegAnswer {
    pub fn new(next: LegState, transfer_id: String, reason: Option<String>) -> LegAnswer {
        LegAnswer { next, transfer_id, reason }
    }
}

impl Wallet {
    /// Takes what the provider says about a withdrawal: its legs' ids and
    /// collection references (once), the legs it saw arrive, fail or go
    /// back, then the withdrawal's own state. Nothing moves backwards.
    pub(super) async fn absorb(&self, id: i64, answer: ProviderWithdrawal) -> Result<Stored, SweepError> {
        let state = answer.state()?;
        let provider_legs = answer.legs.clone();
        let stored = self.absorb_answer(id, state, answer).await?;
        match self.retell_failed_legs(&stored, &provider_legs).await? {
            Some(after) => Ok(after),
            None => Ok(stored),
        }
    }

    /// A leg that failed here while the provider still waits for it (the
    /// telling was lost: the provider was down, or the app was killed right
    /// after storing the failure) is told again, so the provider never
    /// waits for money that will not come.
    /// The withdrawal as stored after the provider's answers, when it told any.
    async fn retell_failed_legs(
        &self,
        stored: &Stored,
        provider_legs: &[ProviderLeg],
    ) -> Result<Option<Stored>, SweepError> {
        let Some(pid) = &stored.details.provider_id else { return Ok(None) };
        let mut after = None;
        for (mine, theirs) in stored.details.collection.iter().zip(provider_legs) {
            if mine.state != LegState::Failed || theirs.status != "pending" {
                continue;
            }
            let reason = mine.reason.clone().unwrap_or_else(|| crate::text::tell(Msg::LegNotMoved {}));
            if let Ok(told) = provider::leg_failed(&self.provider().await?, pid, &theirs.leg_id, &reason).await {
                // The provider's answer has this leg failed: told once, no loop.
                after = Some(self.absorb_answer(stored.id, told.state()?, told).await?);
            }
        }
        Ok(after)
    }

    /// Stores what one provider answer says.
    async fn absorb_answer(
        &self,
        id: i64,
        state: crate::withdrawals::WithdrawalState,
        answer: ProviderWithdrawal,
    ) -> Result<Stored, SweepError> {
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
                    mine.creditor = theirs.creditor_account.clone();
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

    /// Moves each leg that has a collection reference and is not yet
    /// settled: a platform leg is sent to its source with the leg's own
    /// key; a bank leg, once the user authorised it, is paid or read at the
    /// bank. A refused leg is told to the provider; a leg whose answer is
    /// lost or still pending stays `instructed`, to be asked again with the
    /// same key.
    pub(super) async fn collect(&self, id: i64) -> Result<Stored, SweepError> {
        let stored = self.stored(id).await?;
        for (index, leg) in stored.details.collection.iter().enumerate() {
            if leg.destination_reference.is_none() || leg.state.is_settled() {
                continue;
            }
            let answered = if leg.by_transfer() {
                self.transfer_leg(&stored, index).await
            } else if leg.by_bank_payment() {
                self.bank_leg(&stored, index).await
            } else {
                continue;
            };
            let answer = match answered {
                Ok(Some(answer)) => answer,
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(withdrawal_id = id, leg = index, error = %err, "leg not collected yet");
                    continue;
                }
            };
            self.take_leg_answer(&stored, index, answer).await?;
        }
        self.settle_when_done(id).await
    }

    /// Marks a leg `instructed` in the store before it is sent: a crash
    /// from there on resumes with the same key.
    pub(super) async fn mark_instructed(&self, id: i64, index: usize) -> Result<(), SweepError> {
        self.with_store(move |store| record::apply_leg(store, id, index, LegState::Instructed, LegUpdate::default()))
            .await?;
        Ok(())
    }

    /// One platform leg: `POST /transfers` with the leg's key.
    async fn transfer_leg(&self, stored: &Stored, index: usize) -> Result<Option<LegAnswer>, SweepError> {
        let (id, leg) = (stored.id, &stored.details.collection[index]);
        let currency = Currency::from_code(&stored.details.currency_code)?;
        let destination = leg.destination_reference.as_deref().unwrap_or_default();
        if leg.state == LegState::Pending {
            self.mark_instructed(id, index).await?;
        }
        let Some(linked) = self.linked(leg.source_id as u64) else { return Ok(None) };
        let reference = format!("Sweep {} leg {}", stored.details.provider_id.as_deref().unwrap_or("-"), index + 1);
        let order = TransferOrder {
            key: &leg.key,
            amount: Money::from_minor(leg.gross, currency),
            destination_reference: destination,
            reference: &reference,
        };
        let platform = linked.source_api().await?;
        // Once the platform named the transfer, it is read, not asked for again.
        let transfer = match &leg.transfer_id {
            Some(transfer_id) => platform.transfer_status(&order, transfer_id).await?,
            None => platform.transfer(&order).await?,
        };
        Ok(match transfer.status {
            TransferStatus::Pending => {
                if leg.transfer_id.is_none() {
                    let transfer_id = transfer.transfer_id;
                    self.with_store(move |store| {
                        let mut stored = record::load(store, id)?;
                        stored.details.collection[index].transfer_id = Some(transfer_id);
                        record::rewrite(store, &stored, &[])
                    })
                    .await?;
                }
                None
            }
            TransferStatus::Completed => Some(LegAnswer::new(LegState::Collected, transfer.transfer_id, None)),
            TransferStatus::Failed { reason } => {
                Some(LegAnswer::new(LegState::Failed, transfer.transfer_id, Some(reason)))
            }
        })
    }

    /// Records a leg's answer, tells trackers, and tells the provider of a
    /// leg that will never arrive.
    async fn take_leg_answer(&self, stored: &Stored, index: usize, answer: LegAnswer) -> Result<(), SweepError> {
        let id = stored.id;
        let LegAnswer { next, transfer_id, reason } = answer;
        let update = LegUpdate { transfer_id: Some(transfer_id), reason: reason.clone() };
        let (after, changed) = self.with_store(move |store| record::apply_leg(store, id, index, next, update)).await?;
        tracing::info!(withdrawal_id = id, leg = index, state = next.code(), "leg answered");
        if changed {
            super::tracking::tell(&self.trackers, &self.shown_stored(&after)?);
        }
        let leg = &stored.details.collection[index];
        if let (Some(reason), Some(pid), Some(leg_id)) = (reason, &stored.details.provider_id, &leg.leg_id) {
            if next == LegState::Failed {
                if let Ok(answer) = provider::leg_failed(&self.provider().await?, pid, leg_id, &reason).await {
                    self.absorb(id, answer).await?;
                }
            }
        }
        Ok(())
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
