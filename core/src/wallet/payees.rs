//! The wallet's payees: add them (validated, name-checked, sealed) and list
//! them masked.

use std::time::SystemTime;

use super::Wallet;
use crate::withdrawals::name_check;
use crate::withdrawals::payees::{add_payee, list_payees, load_payee, validated};
use crate::withdrawals::{Payee, PayeePolicy, PayeeRequest};
use crate::SweepError;

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Adds a payee after checking its details (a known Korean bank code and
    /// account digits, an IBAN's check digits, an E.164 number), then asking
    /// the provider whether the holder's name is the account's: anything but
    /// a match is `PayeeNameMismatch` (with the account's name on a close
    /// match). It is sealed; above the policy's small amount it can receive
    /// money only once its cool-down has passed. Bad input writes nothing
    /// and is refused before anything is sent.
    pub async fn add_payee(&self, request: PayeeRequest) -> Result<Payee, SweepError> {
        let request = validated(&request)?;
        name_check::check(&self.provider().await?, &request).await?.require_match()?;
        let policy = self.payee_policy();
        let payee = self
            .with_store(move |store| {
                let id = add_payee(store, &request, SystemTime::now())?;
                load_payee(store, id)?;
                list_payees(store, &policy)?
                    .into_iter()
                    .find(|p| p.payee_id == id as u64)
                    .ok_or(SweepError::PayeeNotFound { payee_id: id as u64 })
            })
            .await?;
        tracing::info!(count = 1, "payee added");
        Ok(payee)
    }

    /// Every payee, masked, oldest first.
    pub async fn payees(&self) -> Result<Vec<Payee>, SweepError> {
        let policy = self.payee_policy();
        self.with_store(move |store| list_payees(store, &policy)).await
    }

    /// Sets how long new payees cool down and what they may receive meanwhile
    /// (12 hours and 100,000 major units by default). Not stored: set it at
    /// start-up.
    pub fn set_payee_policy(&self, policy: PayeePolicy) {
        *self.payee_policy.lock().unwrap_or_else(|p| p.into_inner()) = policy;
    }
}

impl Wallet {
    /// The payee policy in force.
    pub fn payee_policy(&self) -> PayeePolicy {
        self.payee_policy.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
