//! The provider's withdrawal endpoints (`docs/provider-api.yaml`). Every
//! submission of a withdrawal carries its idempotency key, so a retry after
//! a lost answer is applied once; a key reused with another body is
//! `IdempotencyConflict`.

use std::time::Duration;

use serde::Deserialize;

use super::state::WithdrawalState;
use crate::connectors::open_banking::payment::CreditorAccount;
use crate::sources::http;
use crate::SweepError;

/// The provider's view of a withdrawal.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderWithdrawal {
    /// Its id at the provider.
    pub withdrawal_id: String,
    /// Its state, as a code.
    pub status: String,
    /// The event's version: higher is newer.
    pub version: u64,
    /// Why it failed or came back, for the user.
    #[serde(default)]
    pub reason: Option<String>,
    /// Its legs (provider API v2): where each is to be collected, and how
    /// far it got.
    #[serde(default)]
    pub legs: Vec<ProviderLeg>,
}

/// One leg as the provider has it.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderLeg {
    /// The provider's id for the leg.
    pub leg_id: String,
    /// The source's opaque reference.
    pub source_ref: String,
    /// The collection reference the money must be sent to.
    pub destination_reference: String,
    /// `pending`, `collected`, `failed` or `returned`.
    pub status: String,
    /// Why it failed or came back.
    #[serde(default)]
    pub reason: Option<String>,
    /// On a bank leg, the provider's collection account to pay.
    #[serde(default)]
    pub creditor_account: Option<CreditorAccount>,
}

/// What the provider, as the regulated payment initiator, lends the wallet
/// for one bank leg: its token at the bank and, for a payload, its
/// signature.
#[derive(Debug, Clone, Deserialize)]
pub struct BankAuthority {
    /// The provider's client-credentials token at the bank.
    pub access_token: String,
    /// The detached JWS of the payload, when one was sent.
    #[serde(default)]
    pub jws_signature: Option<String>,
}

impl ProviderWithdrawal {
    /// The state, checked.
    pub fn state(&self) -> Result<WithdrawalState, SweepError> {
        // Collecting its legs: accepted, and on its way.
        if self.status == "collecting" {
            return Ok(WithdrawalState::Processing);
        }
        WithdrawalState::from_code(&self.status)
            .ok_or_else(|| SweepError::MalformedResponse { reason: "an unknown withdrawal status".into() })
    }
}

fn url(base: &str, path: &str) -> Result<reqwest::Url, SweepError> {
    http::api_base(base)?.join(path).map_err(|e| SweepError::invalid("provider_url", e.to_string()))
}

/// An id the provider gave, fit to go into a URL path: letters, digits,
/// `-` and `_`.
pub(crate) fn plain_id(id: &str) -> Result<&str, SweepError> {
    let ok = (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then_some(id).ok_or_else(|| SweepError::MalformedResponse { reason: "a bad withdrawal id".into() })
}

fn retryable(err: &SweepError) -> bool {
    match err {
        SweepError::Network { .. } | SweepError::Timeout { .. } | SweepError::RateLimited { .. } => true,
        SweepError::SourceFailed { status } => *status >= 500,
        _ => false,
    }
}

/// `POST /withdrawals` with the key, retried with the same key after
/// network errors, time-outs, 5xx and 429, up to `attempts` times.
pub async fn submit(
    base: &str,
    key: &str,
    body: &serde_json::Value,
    attempts: u32,
    backoff: Duration,
) -> Result<ProviderWithdrawal, SweepError> {
    let mut tries = 0;
    loop {
        tries += 1;
        let sent = http::send_json::<ProviderWithdrawal>(
            url(base, "withdrawals")?,
            None,
            Some(body),
            &[("Idempotency-Key", key.to_owned())],
        )
        .await;
        match sent {
            Err(SweepError::SourceFailed { status: 409 }) => {
                return Err(SweepError::IdempotencyConflict { key: key.to_owned() })
            }
            Err(err) if retryable(&err) && tries < attempts => {
                tokio::time::sleep(backoff.saturating_mul(1 << tries.min(8))).await;
            }
            Ok(answer) => {
                plain_id(&answer.withdrawal_id)?;
                return Ok(answer);
            }
            Err(err) => return Err(err),
        }
    }
}

/// `GET /withdrawals/{id}`: the newest state.
pub async fn status(base: &str, provider_id: &str) -> Result<ProviderWithdrawal, SweepError> {
    http::send_json(url(base, &format!("withdrawals/{}", plain_id(provider_id)?))?, None, None, &[]).await
}

/// `POST /withdrawals/{id}/cancel`. A `409` means it is too late.
pub async fn cancel(base: &str, provider_id: &str) -> Result<ProviderWithdrawal, SweepError> {
    let body = serde_json::json!({});
    http::send_json(url(base, &format!("withdrawals/{}/cancel", plain_id(provider_id)?))?, None, Some(&body), &[]).await
}

/// `POST /withdrawals/{id}/legs/{leg_id}/failed`: tells the provider a leg
/// will never arrive (its source refused the transfer), so it settles the
/// withdrawal without waiting for it.
pub async fn leg_failed(
    base: &str,
    provider_id: &str,
    leg_id: &str,
    reason: &str,
) -> Result<ProviderWithdrawal, SweepError> {
    let path = format!("withdrawals/{}/legs/{}/failed", plain_id(provider_id)?, plain_id(leg_id)?);
    let body = serde_json::json!({"reason": reason});
    http::send_json(url(base, &path)?, None, Some(&body), &[]).await
}

/// `POST /withdrawals/{id}/legs/{leg_id}/bank-authority`: the provider's
/// token at the leg's bank and, given the exact body about to be sent, its
/// signature of it. The provider signs only this leg's payment.
pub async fn bank_authority(
    base: &str,
    provider_id: &str,
    leg_id: &str,
    payload: Option<&[u8]>,
) -> Result<BankAuthority, SweepError> {
    let path = format!("withdrawals/{}/legs/{}/bank-authority", plain_id(provider_id)?, plain_id(leg_id)?);
    let body = match payload {
        Some(bytes) => serde_json::json!({"payload": String::from_utf8_lossy(bytes)}),
        None => serde_json::json!({}),
    };
    checked_authority(http::send_json(url(base, &path)?, None, Some(&body), &[]).await?, payload.is_some())
}

/// The provider's answer for a bank leg; when a payload was sent to sign,
/// it must carry the signature.
pub(crate) fn checked_authority(authority: BankAuthority, signed: bool) -> Result<BankAuthority, SweepError> {
    if signed && authority.jws_signature.as_deref().is_none_or(str::is_empty) {
        return Err(SweepError::MalformedResponse { reason: "the provider did not sign the bank payment".into() });
    }
    Ok(authority)
}

/// One page of the provider's withdrawal events.
#[derive(Debug, Clone, Deserialize)]
pub struct EventPage {
    /// Events after the cursor, oldest first; the same event may come twice.
    pub events: Vec<ProviderWithdrawal>,
    /// The cursor to ask from next.
    pub next: u64,
}

/// `GET /withdrawals/events?after=…&wait=…`: a long poll that answers at
/// once when there are events after `after`, else within `wait_s` seconds.
pub async fn events(base: &str, after: u64, wait_s: u32) -> Result<EventPage, SweepError> {
    let mut url = url(base, "withdrawals/events")?;
    url.query_pairs_mut().append_pair("after", &after.to_string()).append_pair("wait", &wait_s.to_string());
    let within = Duration::from_secs(u64::from(wait_s)) + http::request_timeout();
    http::send_json_within(url, None, None, &[], within).await
}

/// `GET /withdrawals/{id}/receipt`: a completed withdrawal's receipt (`409`
/// before it completes).
pub async fn receipt(base: &str, provider_id: &str) -> Result<super::receipt::ProviderReceipt, SweepError> {
    http::send_json(url(base, &format!("withdrawals/{}/receipt", plain_id(provider_id)?))?, None, None, &[]).await
}
