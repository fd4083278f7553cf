//! The wallet's payees: add them (validated, name-checked, sealed) and list
//! them masked.

use std::time::SystemTime;

use super::Wallet;
use crate::identity::tiers::{load_identity, same_name};
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
    /// and is refused before anything is sent. Once the provider has
    /// verified the user's ID, the holder must be the user
    /// (`PayeeNotOwnName` otherwise; see `addPayeeInAnotherName`).
    pub async fn add_payee(&self, request: PayeeRequest) -> Result<Payee, SweepError> {
        let request = validated(&request)?;
        // Own accounts only, once the provider has verified the user's name.
        let identity = self.with_store(|store| load_identity(store)).await?;
        if let Some(verified) = identity.verified_name.as_deref() {
            if !same_name(&request.holder_name, verified) {
                return Err(SweepError::PayeeNotOwnName { holder_name: request.holder_name.clone() });
            }
        }
        self.add_checked_payee(request).await
    }

    /// Adds a payee held by someone other than the verified user, after the
    /// app has shown the `PayeeNotOwnName` warning and the user confirmed
    /// (`confirmed` must be true). The provider's name check still applies.
    /// The step-up is logged.
    pub async fn add_payee_in_another_name(&self, request: PayeeRequest, confirmed: bool) -> Result<Payee, SweepError> {
        let request = validated(&request)?;
        if !confirmed {
            return Err(SweepError::PayeeNotOwnName { holder_name: request.holder_name.clone() });
        }
        let payee = self.add_checked_payee(request).await?;
        tracing::warn!(count = 1, "payee in another name added after the user confirmed the warning");
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
    /// Asks the provider whether the holder's name is the account's, then
    /// stores the payee.
    async fn add_checked_payee(&self, request: PayeeRequest) -> Result<Payee, SweepError> {
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

    /// The payee policy in force.
    pub fn payee_policy(&self) -> PayeePolicy {
        self.payee_policy.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
