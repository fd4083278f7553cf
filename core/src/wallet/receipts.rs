//! Receipts of completed withdrawals: fetched once from the provider,
//! checked against the quote the user confirmed, then kept sealed with the
//! withdrawal so they show offline; and statements of where every won went.

use super::Wallet;
use crate::withdrawals::payees::load_payee;
use crate::withdrawals::receipt::{self, WithdrawalReceipt};
use crate::withdrawals::statement::{statement, Statement};
use crate::withdrawals::{provider, record, WithdrawalState};
use crate::SweepError;

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// The receipt of a completed withdrawal. Its gross, fee and net equal
    /// the quote the user confirmed, to the minor unit: a provider that
    /// charged otherwise gets `ChargeMismatch`, never a receipt. Fetched
    /// once, then kept sealed. Before the withdrawal completes it is
    /// `ReceiptNotReady`.
    pub async fn withdrawal_receipt(&self, withdrawal_id: u64) -> Result<WithdrawalReceipt, SweepError> {
        let id = i64::try_from(withdrawal_id).map_err(|_| SweepError::WithdrawalNotFound { withdrawal_id })?;
        let mut stored = self.stored(id).await?;
        if stored.state != WithdrawalState::Completed {
            return Err(SweepError::ReceiptNotReady { withdrawal_id, state: stored.state.code().into() });
        }
        if stored.details.receipt.is_none() {
            let pid = stored.details.provider_id.clone().ok_or_else(|| SweepError::Internal {
                reason: "a completed withdrawal without the provider's id".into(),
            })?;
            let answer = provider::receipt(&self.provider().await?, &pid).await?;
            let kept = receipt::check(withdrawal_id, &stored.details, &answer)?;
            stored = self.with_store(move |store| record::set_receipt(store, id, kept)).await?;
        }
        let payee = stored.details.payee_id;
        let hint = self.with_store(move |store| Ok(load_payee(store, payee)?.0.destination.hint())).await?;
        let kept =
            stored.details.receipt.as_ref().ok_or_else(|| SweepError::Internal { reason: "no receipt".into() })?;
        receipt::shown(withdrawal_id, &stored.details, kept, hint, self.locale)
    }

    /// Where every won of a withdrawal went: what each source gave, what
    /// came back, the fee and what the payee received. The lines and the
    /// totals add up (collected = paid out + fee + sent back + in flight).
    pub async fn statement(&self, withdrawal_id: u64) -> Result<Statement, SweepError> {
        let id = i64::try_from(withdrawal_id).map_err(|_| SweepError::WithdrawalNotFound { withdrawal_id })?;
        let stored = self.stored(id).await?;
        // Each leg's source by name, removed sources too: a statement
        // reads the same after its source is gone.
        let ids: Vec<i64> = stored.details.collection.iter().map(|l| l.source_id).collect();
        let names = self
            .with_store(move |store| {
                ids.into_iter()
                    .map(|id| Ok((id as u64, crate::sources::stored_name(store, id)?)))
                    .collect::<Result<std::collections::BTreeMap<u64, Option<String>>, SweepError>>()
            })
            .await?;
        let name_of =
            |source_id: u64| names.get(&source_id).cloned().flatten().unwrap_or_else(|| format!("source #{source_id}"));
        statement(&stored, &name_of, self.locale)
    }
}
