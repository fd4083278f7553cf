//! Bank legs: a withdrawal's leg from a linked bank is collected by a UK
//! Open Banking payment the user authorises at their bank.
//!
//! 1. `begin_bank_leg` has the provider sign a payment consent for exactly
//!    the leg (its amount, the provider's collection account, the leg's
//!    reference), creates it at the bank, and returns the bank's sign-in URL
//!    (PKCE, naming the consent).
//! 2. `complete_bank_leg` takes the callback, exchanges the code for the
//!    user's payment token, stores it sealed with the leg and marks the leg
//!    `instructed` *before* the payment is sent, then pays with the leg's
//!    key. After a crash, `resume_withdrawals` sends the same payment again
//!    with the same key and token, which the bank applies once.
//! 3. The payment's status is read until it settles (`collect`).

use std::sync::Arc;

use super::collect::LegAnswer;
use super::Wallet;
use crate::connectors::open_banking::payment::{
    self, consent_body, payment_body, pisp_base, PaymentOrder, PaymentProgress,
};
use crate::money::{Currency, Money};
use crate::sources::{OAuthConfig, PendingSignIn, SourceEndpoint};
use crate::withdrawals::legs::LegState;
use crate::withdrawals::provider;
use crate::withdrawals::record::{self, Stored};
use crate::SweepError;

use super::withdrawals::Withdrawal;

/// The scope a payment authorisation asks the bank for.
const PAYMENTS_SCOPE: &str = "payments";

/// What paying one bank leg needs: the bank, its sign-in, and the order.
struct BankLeg {
    pisp: String,
    oauth: OAuthConfig,
    provider_id: String,
    leg_id: String,
}

fn order<'a>(stored: &'a Stored, index: usize) -> Result<PaymentOrder<'a>, SweepError> {
    let leg = &stored.details.collection[index];
    let currency = Currency::from_code(&stored.details.currency_code)?;
    let missing = || SweepError::invalid("leg", "the provider has not given this leg's collection account yet");
    Ok(PaymentOrder {
        amount: Money::from_minor(leg.gross, currency),
        creditor: leg.creditor.as_ref().ok_or_else(missing)?,
        reference: leg.destination_reference.as_deref().ok_or_else(missing)?,
    })
}

impl Wallet {
    /// The bank and provider ids a bank leg is paid through.
    async fn bank_leg_route(&self, stored: &Stored, index: usize) -> Result<BankLeg, SweepError> {
        let leg = stored.details.collection.get(index).ok_or_else(|| SweepError::invalid("leg", "no such leg"))?;
        if !leg.by_bank_payment() {
            return Err(SweepError::invalid("leg", "this leg is not collected by a bank payment"));
        }
        let linked = self
            .linked(leg.source_id as u64)
            .ok_or_else(|| SweepError::invalid("leg", "its bank is not linked on this device"))?;
        let (endpoint, oauth) = linked.link_settings().await;
        let SourceEndpoint::OpenBanking { aisp_base_url, .. } = endpoint else {
            return Err(SweepError::invalid("leg", "its source is not a bank"));
        };
        let not_yet = || SweepError::invalid("leg", "the provider has not accepted this leg yet");
        Ok(BankLeg {
            pisp: pisp_base(&aisp_base_url)?,
            oauth,
            provider_id: stored.details.provider_id.clone().ok_or_else(not_yet)?,
            leg_id: leg.leg_id.clone().ok_or_else(not_yet)?,
        })
    }

    /// Creates the leg's payment consent once (the provider signs it; the
    /// same key gives the same consent) and keeps its id with the leg.
    async fn consent_for(&self, stored: &Stored, index: usize, route: &BankLeg) -> Result<String, SweepError> {
        let leg = &stored.details.collection[index];
        if let Some(consent_id) = &leg.consent_id {
            return Ok(consent_id.clone());
        }
        let order = order(stored, index)?;
        let body = consent_body(&order);
        let provider_url = self.provider().await?;
        let authority = provider::bank_authority(&provider_url, &route.provider_id, &route.leg_id, Some(&body)).await?;
        let signature = authority.jws_signature.unwrap_or_default();
        let key = format!("c-{}", leg.key);
        let consent =
            payment::create_payment_consent(&route.pisp, &authority.access_token, &key, &order, &signature).await?;
        let (id, consent_id) = (stored.id, consent.consent_id.clone());
        self.with_store(move |store| {
            let mut stored = record::load(store, id)?;
            stored.details.collection[index].consent_id = Some(consent_id);
            record::rewrite(store, &stored, &[])
        })
        .await?;
        Ok(consent.consent_id)
    }

    /// One bank leg in `collect`: sends the authorised payment (again, with
    /// the same key, after a crash) or reads it. A leg the user has not
    /// authorised yet waits.
    pub(super) async fn bank_leg(&self, stored: &Stored, index: usize) -> Result<Option<LegAnswer>, SweepError> {
        let leg = &stored.details.collection[index];
        let (Some(consent_id), None, Some(token)) = (&leg.consent_id, &leg.transfer_id, &leg.bank_token) else {
            return match &leg.transfer_id {
                Some(payment_id) => self.read_bank_payment(stored, index, payment_id).await,
                None => Ok(None),
            };
        };
        let route = self.bank_leg_route(stored, index).await?;
        if leg.state == LegState::Pending {
            self.mark_instructed(stored.id, index).await?;
        }
        let order = order(stored, index)?;
        let body = payment_body(consent_id, &order);
        let provider_url = self.provider().await?;
        let authority = provider::bank_authority(&provider_url, &route.provider_id, &route.leg_id, Some(&body)).await?;
        let signature = authority.jws_signature.unwrap_or_default();
        let paid = payment::submit_payment(&route.pisp, token, &leg.key, consent_id, &order, &signature).await?;
        // The bank has the payment: its id replaces the user's token.
        let (id, payment_id) = (stored.id, paid.payment_id.clone());
        self.with_store(move |store| {
            let mut stored = record::load(store, id)?;
            let leg = &mut stored.details.collection[index];
            leg.transfer_id = Some(payment_id);
            leg.bank_token = None;
            record::rewrite(store, &stored, &[])
        })
        .await?;
        Ok(answer(paid.payment_id, paid.progress))
    }

    async fn read_bank_payment(
        &self,
        stored: &Stored,
        index: usize,
        payment_id: &str,
    ) -> Result<Option<LegAnswer>, SweepError> {
        let route = self.bank_leg_route(stored, index).await?;
        let provider_url = self.provider().await?;
        let authority = provider::bank_authority(&provider_url, &route.provider_id, &route.leg_id, None).await?;
        let order = order(stored, index)?;
        let read = payment::read_payment(&route.pisp, &authority.access_token, payment_id, &order).await?;
        Ok(answer(read.payment_id, read.progress))
    }
}

fn answer(payment_id: String, progress: PaymentProgress) -> Option<LegAnswer> {
    match progress {
        PaymentProgress::Pending => None,
        PaymentProgress::Settled => Some(LegAnswer::new(LegState::Collected, payment_id, None)),
        PaymentProgress::Rejected { reason } => Some(LegAnswer::new(LegState::Failed, payment_id, Some(reason))),
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Starts the user's authorisation of a bank leg (a leg whose
    /// `needs_authorisation` is true): the provider signs a payment consent
    /// for exactly this leg, the bank creates it, and this returns the
    /// bank's sign-in URL for the app to open. Pass the URL the browser
    /// comes back with to `complete_bank_leg`.
    pub async fn begin_bank_leg(&self, withdrawal_id: u64, leg_index: u32) -> Result<String, SweepError> {
        let id = i64::try_from(withdrawal_id).map_err(|_| SweepError::WithdrawalNotFound { withdrawal_id })?;
        let index = leg_index as usize;
        let stored = self.stored(id).await?;
        let leg =
            stored.details.collection.get(index).ok_or_else(|| SweepError::invalid("leg_index", "no such leg"))?;
        if !leg.awaits_authorisation() || leg.bank_token.is_some() {
            return Err(SweepError::invalid("leg_index", "this leg does not wait for a bank authorisation"));
        }
        let route = self.bank_leg_route(&stored, index).await?;
        let consent_id = self.consent_for(&stored, index, &route).await?;
        let oauth = OAuthConfig { scopes: vec![PAYMENTS_SCOPE.to_owned()], ..route.oauth };
        let pending = PendingSignIn::begin(oauth)?;
        let url = pending.authorize_url_with(&[("openbanking_intent_id", &consent_id)])?;
        let state = pending.state().to_owned();
        self.pending_payments.lock().unwrap_or_else(|p| p.into_inner()).insert(state, (Arc::new(pending), id, index));
        Ok(url)
    }

    /// Finishes a bank leg's authorisation with the callback URL: the code
    /// is exchanged for the user's payment token, which is stored (sealed)
    /// with the leg as it becomes `instructed`; then the payment is sent
    /// with the leg's key and read. A callback is accepted once.
    pub async fn complete_bank_leg(&self, callback_url: String) -> Result<Withdrawal, SweepError> {
        let state = super::callback_state(&callback_url)?;
        let (pending, id, index) = self
            .pending_payments
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&state)
            .ok_or_else(|| SweepError::invalid("state", "does not match a bank authorisation in progress"))?;
        // Checked before it is used up: a forged callback leaves the real one waiting.
        let code = pending.code_from_callback(&callback_url)?;
        if self.pending_payments.lock().unwrap_or_else(|p| p.into_inner()).remove(&state).is_none() {
            return Err(SweepError::invalid("state", "does not match a bank authorisation in progress"));
        }
        let grant = pending.exchange(&code).await?;
        let token = grant.access_token.to_string();
        // The intent first: the token and the leg's new state are stored
        // before the payment goes out.
        self.with_store(move |store| {
            let mut stored = record::load(store, id)?;
            stored.details.collection[index].bank_token = Some(token);
            record::rewrite(store, &stored, &[])?;
            record::apply_leg(store, id, index, LegState::Instructed, record::LegUpdate::default())
        })
        .await?;
        tracing::info!(withdrawal_id = id, leg = index, "bank leg authorised");
        let stored = self.collect(id).await?;
        self.shown_stored(&stored)
    }
}
