//! The wallet's withdrawals: an intent, its idempotency key and its holds
//! are stored before anything is sent; every submission reuses the key;
//! the provider's events move it on, with the money movement in the same
//! transaction.

use crate::text::Msg;
use std::time::{Duration, SystemTime};

use super::{now_ms, Wallet};
use crate::fees::{cached_schedule, check_quote, DestinationKind, Quote};
use crate::money::{Currency, Money};
use crate::sources::FormattedAmount;
use std::sync::Arc;

use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::{meta_get, meta_put};
use crate::withdrawals::confirm::{self, Authenticator};
use crate::withdrawals::legs::{source_ref, LegRecord, LegState};
use crate::withdrawals::payees::{check_cooldown, load_payee};
use crate::withdrawals::recheck::recheck;
use crate::withdrawals::record::{self, Details, Stored};
use crate::withdrawals::usage::check_within;
use crate::withdrawals::{provider, WithdrawalState};
use crate::SweepError;

const META_AUTHENTICATOR: &str = "authenticator_key";
/// When the confirmation key was last replaced (ms since the epoch), for
/// the risk check: a new key is how a taken-over phone starts. The first
/// registration is no change and sets nothing.
pub(super) const META_AUTHENTICATOR_SINCE: &str = "authenticator_replaced_at";

fn authenticator_cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_AUTHENTICATOR))
}

pub(super) fn authenticator_since_cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_AUTHENTICATOR_SINCE))
}

/// A SIM-swap check to run before a withdrawal (CAMARA SIM Swap v2.1),
/// with the linked operator's token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SimSwapCheck {
    /// The linked operator (carrier-billing) source whose token to use.
    pub operator_source_id: u64,
    /// The operator's SIM Swap API base URL (same host as its carrier billing).
    pub sim_swap_url: String,
    /// The user's number, E.164.
    pub phone_number: String,
    /// The period to check, in hours; 240 when `None`.
    pub max_age_hours: Option<u32>,
}

/// Submissions of one withdrawal before it waits in the store for later.
const SUBMIT_ATTEMPTS: u32 = 4;
const SUBMIT_BACKOFF: Duration = Duration::from_millis(200);

/// A withdrawal as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Withdrawal {
    /// Its id in the wallet.
    pub withdrawal_id: u64,
    /// Where it stands.
    pub state: WithdrawalState,
    /// What the payee receives: the quote's net, or once every leg is
    /// settled, what the partial collection rule gives (nothing when what
    /// arrived went back).
    pub net: FormattedAmount,
    /// The payee.
    pub payee_id: u64,
    /// The quote it carries out.
    pub quote_id: String,
    /// Why it failed or came back, for the user.
    pub reason: Option<String>,
    /// When the payee should have it, while it is on its way.
    pub eta: Option<SystemTime>,
    /// When the user asked for it (stored before anything was sent).
    pub created_at: SystemTime,
    /// The provider's id for it, once the provider accepted it.
    pub provider_withdrawal_id: Option<String>,
    /// Its legs: each source's money, collected before the payout.
    pub legs: Vec<WithdrawalLeg>,
}

/// One leg of a withdrawal as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WithdrawalLeg {
    /// The source it is collected from.
    pub source_id: u64,
    /// What leaves the source.
    pub amount: FormattedAmount,
    /// Its share of the quoted fee.
    pub fee: FormattedAmount,
    /// How far it got.
    pub state: LegState,
    /// The provider's collection reference for it, once given.
    pub collection_reference: Option<String>,
    /// Why it failed or came back, for the user.
    pub reason: Option<String>,
    /// True for a bank leg that waits for the user to authorise its
    /// payment at the bank: call `begin_bank_leg`.
    pub needs_authorisation: bool,
}

/// When a withdrawal made at `created_at_ms` should arrive. Checked: a
/// stored figure out of range shows no ETA, never a failure.
fn eta_of(created_at_ms: i64, eta_seconds: u64) -> Option<SystemTime> {
    std::time::UNIX_EPOCH
        .checked_add(Duration::from_millis(created_at_ms.max(0) as u64))?
        .checked_add(Duration::from_secs(eta_seconds))
}

impl Wallet {
    /// A stored withdrawal as the app shows it.
    pub(super) fn shown_stored(&self, stored: &Stored) -> Result<Withdrawal, SweepError> {
        self.shown(stored)
    }

    fn shown(&self, stored: &Stored) -> Result<Withdrawal, SweepError> {
        let currency = Currency::from_code(&stored.details.currency_code)?;
        Ok(Withdrawal {
            withdrawal_id: stored.id as u64,
            state: stored.state,
            // Once its legs are settled, what the payee gets by the partial collection rule.
            net: FormattedAmount::new(
                Money::from_minor(stored.details.settlement.map_or(stored.details.total_net, |s| s.net), currency),
                self.locale,
            ),
            payee_id: stored.details.payee_id as u64,
            created_at: std::time::UNIX_EPOCH
                .checked_add(Duration::from_millis(stored.created_at_ms.max(0) as u64))
                .unwrap_or(std::time::UNIX_EPOCH),
            quote_id: stored.details.quote_id.clone(),
            reason: stored.details.reason.clone(),
            provider_withdrawal_id: stored.details.provider_id.clone(),
            legs: stored
                .details
                .collection
                .iter()
                .map(|l| WithdrawalLeg {
                    source_id: l.source_id as u64,
                    amount: FormattedAmount::new(Money::from_minor(l.gross, currency), self.locale),
                    fee: FormattedAmount::new(Money::from_minor(l.fee, currency), self.locale),
                    state: l.state,
                    collection_reference: l.destination_reference.clone(),
                    reason: l.reason.clone(),
                    needs_authorisation: l.awaits_authorisation()
                        && l.bank_token.is_none()
                        && !stored.state.is_terminal(),
                })
                .collect(),
            eta: (!stored.state.is_terminal())
                .then(|| eta_of(stored.created_at_ms, stored.details.eta_seconds))
                .flatten(),
        })
    }

    pub(super) async fn stored(&self, id: i64) -> Result<Stored, SweepError> {
        self.with_store(move |store| record::load(store, id)).await
    }

    /// Sends a stored withdrawal with its key and applies the answer. An
    /// exhausted retry leaves it `Requested`, to be resumed.
    async fn send(&self, stored: Stored, provider_url: &str) -> Result<Stored, SweepError> {
        let payee = stored.details.payee_id;
        let (destination, _) = self.with_store(move |store| load_payee(store, payee)).await?;
        // Each leg names its source by an opaque reference and says how it
        // will be collected; no names or account numbers leave the wallet.
        let legs: Vec<serde_json::Value> = stored
            .details
            .collection
            .iter()
            .map(|l| {
                serde_json::json!({
                    "source_ref": l.source_ref, "source_kind": l.kind, "collection_method": l.method, "amount": l.gross,
                })
            })
            .collect();
        let body = serde_json::json!({
            "quote_id": stored.details.quote_id,
            "schedule_version": stored.details.schedule_version,
            "currency_code": stored.details.currency_code,
            "amount": stored.details.total_net,
            "payee": destination.destination,
            "holder_name": destination.holder_name,
            "legs": legs,
        });
        let id = stored.id;
        match provider::submit(provider_url, &stored.idempotency_key, &body, SUBMIT_ATTEMPTS, SUBMIT_BACKOFF).await {
            Ok(answer) => {
                let pid = answer.withdrawal_id.clone();
                self.with_store(move |store| record::set_provider_id(store, id, &pid)).await?;
                self.absorb(id, answer).await?;
                self.collect(id).await
            }
            // The provider holds something else under this key: the money
            // stays held until someone looks, rather than risk paying twice.
            Err(SweepError::IdempotencyConflict { key }) => Err(SweepError::IdempotencyConflict { key }),
            // A definite refusal (the provider will never have it): it
            // failed, and its holds go back, rather than wait forever.
            Err(SweepError::SourceFailed { status: status @ (400 | 422) }) => {
                let reason = crate::text::tell(Msg::WithdrawalRefused { status: status.to_string().into() });
                self.with_store(move |store| record::apply_event(store, id, WithdrawalState::Failed, 1, Some(reason)))
                    .await
            }
            Err(err) => Err(err),
        }
    }

    /// The provider's base URL, from the cached schedule.
    pub(super) async fn provider(&self) -> Result<String, SweepError> {
        let cached = self.with_store(|store| cached_schedule(store)).await?;
        Ok(cached.ok_or(SweepError::NoFeeSchedule)?.provider_url)
    }
}

impl Wallet {
    /// The registered confirmation key.
    async fn registered_key(&self) -> Result<Vec<u8>, SweepError> {
        self.with_store(|store| {
            let sealed =
                meta_get(store.conn(), META_AUTHENTICATOR)?.ok_or_else(|| SweepError::AuthenticationFailed {
                    reason: "no authenticator is registered; call registerAuthenticator first".into(),
                })?;
            let mut buf = Vec::new();
            Ok(store.sealer().open_in(&authenticator_cell(), &sealed, &mut buf)?.to_vec())
        })
        .await
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Registers the app's authenticator: its public key is sealed in the
    /// wallet, and every withdrawal's confirmation must verify against it.
    /// Registering the same key again is harmless (apps do it at every
    /// start). Another key does not silently take over: once one is
    /// registered, only `replace_authenticator`, signed by the old key, can
    /// change it (`AuthenticationFailed` here).
    pub async fn register_authenticator(&self, authenticator: Arc<dyn Authenticator>) -> Result<(), SweepError> {
        let key = super::run_blocking(move || authenticator.public_key()).await?;
        confirm::check_public_key(&key)?;
        match self.registered_key().await {
            Ok(registered) if registered == key => return Ok(()),
            Ok(_) => {
                return Err(SweepError::AuthenticationFailed {
                    reason: "another confirmation key is registered; replace it with the old key's approval".into(),
                })
            }
            Err(SweepError::AuthenticationFailed { .. }) => {}
            Err(other) => return Err(other),
        }
        self.store_authenticator_key(key, false).await
    }

    /// Replaces the registered confirmation key with `new`'s, once the
    /// `old` authenticator (whose key is the registered one) has the user
    /// approve the change: it signs a digest naming the new key.
    pub async fn replace_authenticator(
        &self,
        old: Arc<dyn Authenticator>,
        new: Arc<dyn Authenticator>,
    ) -> Result<(), SweepError> {
        let registered = self.registered_key().await?;
        let new_key = super::run_blocking(move || new.public_key()).await?;
        confirm::check_public_key(&new_key)?;
        let digest = confirm::rotation_digest(&registered, &new_key);
        let signed = digest.clone();
        let prompt = crate::text::tell(Msg::ConfirmNewKey {});
        let signature = super::run_blocking(move || old.sign(prompt, signed)).await?;
        confirm::verify(&registered, &digest, &signature)?;
        tracing::info!("confirmation key replaced with the old key's approval");
        self.store_authenticator_key(new_key, true).await
    }
}

/// A quote is priced for a bank account or a wallet; it pays only a payee
/// of that kind, so the fee charged is the fee quoted.
fn check_destination(priced_for: DestinationKind, payee: DestinationKind) -> Result<(), SweepError> {
    let name = |kind| match kind {
        DestinationKind::BankAccount => "a bank account",
        DestinationKind::Wallet => "a wallet",
    };
    if priced_for == payee {
        return Ok(());
    }
    Err(SweepError::InvalidInput {
        field: "payee_id".into(),
        reason: format!(
            "this quote is priced for {}, but the payee is {}; quote again for {}",
            name(priced_for),
            name(payee),
            name(payee)
        ),
    })
}

impl Wallet {
    async fn store_authenticator_key(&self, key: Vec<u8>, replaced: bool) -> Result<(), SweepError> {
        self.with_store(move |store| {
            store.write(2, |wtx| {
                let sealed = wtx.sealer.seal(&authenticator_cell(), &key)?;
                meta_put(&wtx.tx, META_AUTHENTICATOR, &sealed)?;
                if replaced {
                    let at = wtx.sealer.seal(&authenticator_since_cell(), &now_ms().to_be_bytes())?;
                    meta_put(&wtx.tx, META_AUTHENTICATOR_SINCE, &at)?;
                }
                Ok(())
            })
        })
        .await
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Asks the operator (CAMARA SIM Swap v2.1) whether the SIM was swapped
    /// within the period, with the linked operator's token.
    pub async fn check_sim_swap(&self, check: SimSwapCheck) -> Result<bool, SweepError> {
        let token = self.operator_token(check.operator_source_id, &check.sim_swap_url).await?;
        confirm::sim_swapped(&check.sim_swap_url, &token, &check.phone_number, check.max_age_hours.unwrap_or(240)).await
    }

    /// Carries out a locked quote to a payee. The quote must still be valid,
    /// a new payee must be past its cool-down for more than the small
    /// amount, the SIM must not have been swapped recently (when a check is
    /// given), and the user must confirm through `authenticator`: its
    /// signature over the exact amount, payee and quote must verify against
    /// the registered key. The withdrawal, its idempotency key and the holds on its
    /// sources are stored before anything is sent; a lost answer is retried
    /// with the same key, and one that cannot be sent now stays `Requested`
    /// for `resumeWithdrawals`.
    pub async fn withdraw(
        &self,
        quote: Quote,
        payee_id: u64,
        authenticator: Arc<dyn Authenticator>,
        sim_check: Option<SimSwapCheck>,
    ) -> Result<Withdrawal, SweepError> {
        let cached = self.with_store(|store| cached_schedule(store)).await?.ok_or(SweepError::NoFeeSchedule)?;
        check_quote(&quote, &cached.schedule, SystemTime::now())?;
        // Only a quote this wallet locked, exactly as it was locked.
        let asked = quote.clone();
        self.with_store(move |store| crate::fees::locked::the_locked(store, &asked)).await?;
        let b = &quote.breakdown;
        let currency_code = b.total_net.amount.currency_code.clone();
        let currency = Currency::from_code(&currency_code)?;
        let net = Money::from_minor(b.total_net.amount.minor_units, currency);
        let payee = i64::try_from(payee_id).map_err(|_| SweepError::PayeeNotFound { payee_id })?;
        let (policy, locale) = (self.payee_policy(), self.locale);
        let priced_for = quote.breakdown.destination;
        let hint = self
            .with_store(move |store| {
                check_cooldown(store, payee, &net, &policy, SystemTime::now(), locale)?;
                let destination = load_payee(store, payee)?.0.destination;
                check_destination(priced_for, destination.kind())?;
                Ok(destination.hint())
            })
            .await?;
        if let Some(check) = sim_check {
            let hours = check.max_age_hours.unwrap_or(240);
            let token = self.operator_token(check.operator_source_id, &check.sim_swap_url).await?;
            if confirm::sim_swapped(&check.sim_swap_url, &token, &check.phone_number, hours).await? {
                return Err(SweepError::RecentSimSwap { hours });
            }
        }
        // The user confirms exactly this amount, payee and quote.
        let legs: Vec<(u64, i64)> = b.legs.iter().map(|l| (l.source_id, l.gross.amount.minor_units)).collect();
        let digest = confirm::confirmation_digest(&confirm::Confirmation {
            quote_id: &quote.quote_id,
            currency: currency.code(),
            legs: &legs,
            gross: b.total_gross.amount.minor_units,
            fee: b.total_fee.amount.minor_units,
            net: net.minor_units(),
            payee_id,
            payee_hint: &hint,
        });
        let prompt = crate::text::say(
            crate::text::Lang::of(locale),
            Msg::ConfirmSend { amount: net.format(locale).into(), payee: hint.clone().into() },
        );
        let registered = self.registered_key().await?;
        let signer = Arc::clone(&authenticator);
        let message = digest.clone();
        let signature = super::run_blocking(move || signer.sign(prompt, message)).await?;
        confirm::verify(&registered, &digest, &signature)?;
        let details = Details {
            quote_id: quote.quote_id.clone(),
            schedule_version: b.schedule_version.clone(),
            currency_code,
            legs: b.legs.iter().map(|l| (l.source_id as i64, l.gross.amount.minor_units)).collect(),
            total_net: net.minor_units(),
            payee_id: payee,
            provider_id: None,
            reason: None,
            eta_seconds: b.eta_seconds,
            total_gross: b.total_gross.amount.minor_units,
            total_fee: b.total_fee.amount.minor_units,
            receipt: None,
            collection: Vec::new(),
            settlement: None,
        };
        let key = record::new_key()?;
        let breakdown = quote.breakdown.clone();
        let (gross, provider_url) = (b.total_gross.amount.minor_units, cached.provider_url.clone());
        let id = self
            .with_store(move |store| {
                // One quote, one withdrawal: the same quote twice would hold and pay twice.
                for other in record::all_ids(store)? {
                    if record::load(store, other)?.details.quote_id == details.quote_id {
                        return Err(SweepError::invalid(
                            "quote",
                            "this quote was already carried out; ask for a new one",
                        ));
                    }
                }
                // Every leg is checked again against the store, under the same
                // lock as the write: the quote object may have been edited, and
                // a sync or another withdrawal may have moved the money since.
                let checked = recheck(&breakdown, &crate::sources::dashboard(store, locale)?, &cached.schedule)?;
                let mut details = details;
                details.collection = checked
                    .iter()
                    .zip(&breakdown.legs)
                    .map(|(leg, quoted)| {
                        Ok(LegRecord {
                            source_id: leg.source_id as i64,
                            source_ref: source_ref(store.chain_key(), leg.source_id as i64),
                            kind: leg.kind.code().into(),
                            method: leg.collection.code().into(),
                            gross: leg.gross,
                            fee: quoted.fee.amount.minor_units,
                            key: record::new_key()?,
                            state: LegState::Pending,
                            leg_id: None,
                            destination_reference: None,
                            transfer_id: None,
                            reason: None,
                            creditor: None,
                            consent_id: None,
                            bank_token: None,
                        })
                    })
                    .collect::<Result<Vec<_>, SweepError>>()?;
                // Checked again here, with the intent written under the same
                // lock: another withdrawal since the quote may have used the room.
                let left = super::fees::limits_left(store, &cached, None, currency.code())?;
                check_within(left.as_ref(), gross, currency, locale)?;
                record::create(store, &details, &key)
            })
            .await?;
        tracing::info!(count = 1, "withdrawal stored and held");
        let stored = self.stored(id).await?;
        let sent = self.send(stored, &provider_url).await?;
        self.shown(&sent)
    }

    /// Asks the provider where a withdrawal stands and applies the answer.
    pub async fn refresh_withdrawal(&self, withdrawal_id: u64) -> Result<Withdrawal, SweepError> {
        let id = i64::try_from(withdrawal_id).map_err(|_| SweepError::WithdrawalNotFound { withdrawal_id })?;
        let stored = self.stored(id).await?;
        let Some(pid) = stored.details.provider_id.clone().filter(|_| !stored.state.is_terminal()) else {
            return self.shown(&stored);
        };
        let answer = provider::status(&self.provider().await?, &pid).await?;
        self.absorb(id, answer).await?;
        // Legs whose answer was lost or still pending are asked again, with their keys.
        let stored = self.collect(id).await?;
        self.shown(&stored)
    }

    /// Cancels a withdrawal that is still `Requested` or `Processing`; its
    /// holds are released. Once it is sent, it is `CancelTooLate`.
    pub async fn cancel_withdrawal(&self, withdrawal_id: u64) -> Result<Withdrawal, SweepError> {
        let id = i64::try_from(withdrawal_id).map_err(|_| SweepError::WithdrawalNotFound { withdrawal_id })?;
        let stored = self.stored(id).await?;
        let too_late = |state: WithdrawalState| SweepError::CancelTooLate { withdrawal_id, state: state.code().into() };
        if !stored.state.can_become(WithdrawalState::Canceled) {
            return Err(too_late(stored.state));
        }
        // An intent without the provider's id may still have reached it (its
        // answer lost): send it again under its key first, so the provider,
        // which may already be paying it, is the one that cancels.
        let stored = match stored.details.provider_id {
            Some(_) => stored,
            None => self.send(stored, &self.provider().await?).await?,
        };
        if !stored.state.can_become(WithdrawalState::Canceled) {
            return Err(too_late(stored.state));
        }
        let answer = match &stored.details.provider_id {
            None => return Err(SweepError::Internal { reason: "the provider gave no id".into() }),
            Some(pid) => match provider::cancel(&self.provider().await?, pid).await {
                Ok(answer) => answer,
                Err(SweepError::SourceFailed { status: 409 }) => {
                    // It moved on meanwhile: learn where it is, and say so.
                    let now = self.refresh_withdrawal(withdrawal_id).await?;
                    return Err(too_late(now.state));
                }
                Err(err) => return Err(err),
            },
        };
        let stored = self.absorb(id, answer).await?;
        self.shown(&stored)
    }

    /// Every withdrawal, oldest first.
    pub async fn withdrawals(&self) -> Result<Vec<Withdrawal>, SweepError> {
        let all = self
            .with_store(|store| {
                let ids = record::all_ids(store)?;
                ids.into_iter().map(|id| record::load(store, id)).collect::<Result<Vec<_>, _>>()
            })
            .await?;
        all.iter().map(|s| self.shown(s)).collect()
    }

    /// Sends every withdrawal still `Requested` (with its own key) and
    /// refreshes the others not yet final; for example at start-up.
    pub async fn resume_withdrawals(&self) -> Result<Vec<Withdrawal>, SweepError> {
        // A leg asked for before a crash is asked again with its key, even
        // when its withdrawal has ended: a late transfer must be applied.
        let asked = self.with_store(record::with_legs_in_flight).await?;
        for id in asked {
            if let Err(err) = self.collect(id).await {
                tracing::warn!(withdrawal_id = id, error = %err, "legs not collected yet");
            }
        }
        let ids = self.with_store(|store| record::open_ids(store)).await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let provider_url = self.provider().await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let stored = self.stored(id).await?;
            let shown = if stored.details.provider_id.is_none() {
                self.send(stored, &provider_url).await.and_then(|s| self.shown(&s))
            } else {
                self.refresh_withdrawal(id as u64).await
            };
            out.push(match shown {
                Ok(w) => w,
                Err(_) => self.shown(&self.stored(id).await?)?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_eta_out_of_range_is_no_eta_not_a_failure() {
        assert_eq!(super::eta_of(0, 60), Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(60)));
        assert_eq!(super::eta_of(i64::MAX, u64::MAX), None);
        assert_eq!(super::eta_of(1_764_000_000_000, u64::MAX), None);
    }
}
