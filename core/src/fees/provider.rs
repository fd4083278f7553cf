//! The provider API (`docs/provider-api.yaml`): the fee schedule, and
//! quotes locked at the price Sweep worked out itself.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::price::Pricing;
use super::quote::DestinationKind;
use super::schedule::{FeeSchedule, Speed};
use crate::sources::http;
use crate::sources::SourceKind;
use crate::SweepError;

fn url(base: &str, path: &str) -> Result<reqwest::Url, SweepError> {
    http::api_base(base)?.join(path).map_err(|e| SweepError::invalid("provider_url", e.to_string()))
}

/// `GET /fee-schedule`, validated.
pub async fn fetch_schedule(base: &str) -> Result<FeeSchedule, SweepError> {
    let schedule: FeeSchedule = http::send_json(url(base, "fee-schedule")?, None, None, &[]).await?;
    schedule.validate()?;
    Ok(schedule)
}

#[derive(Serialize)]
struct QuoteLegBody {
    #[serde(serialize_with = "kind_code")]
    source_kind: SourceKind,
    amount: i64,
}

fn kind_code<S: serde::Serializer>(kind: &SourceKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.code())
}

#[derive(Serialize)]
struct QuoteBody<'a> {
    schedule_version: &'a str,
    currency_code: &'a str,
    speed: Speed,
    destination: DestinationKind,
    legs: Vec<QuoteLegBody>,
}

/// One leg as the provider priced it.
#[derive(Debug, Deserialize)]
pub struct ProviderLeg {
    /// The gross.
    pub amount: i64,
    /// Its fee.
    pub fee: i64,
}

/// A quote as the provider locked it.
#[derive(Debug, Deserialize)]
pub struct ProviderQuote {
    /// Its id.
    pub quote_id: String,
    /// The schedule it used.
    pub schedule_version: String,
    /// The legs, in the order sent.
    pub legs: Vec<ProviderLeg>,
    /// The withdrawal's own fee.
    pub withdrawal_fee: i64,
    /// All gross.
    pub total_gross: i64,
    /// All fees.
    pub total_fee: i64,
    /// The payout.
    pub total_net: i64,
    /// How long the payout takes.
    pub eta_seconds: u64,
    /// When the lock ends.
    #[serde(with = "crate::sources::rfc3339")]
    pub expires_at: SystemTime,
}

#[derive(Deserialize)]
struct StaleProblem {
    current_version: String,
}

/// What to lock: the schedule version, the currency, speed and destination,
/// and the legs as `(kind, gross)`.
pub struct LockRequest<'a> {
    /// The schedule the legs were priced with.
    pub schedule_version: &'a str,
    /// The currency.
    pub currency_code: &'a str,
    /// The speed.
    pub speed: Speed,
    /// The destination.
    pub destination: DestinationKind,
    /// The legs.
    pub legs: Vec<(SourceKind, i64)>,
}

/// `POST /quotes`. A `409` means the schedule changed: `FeeScheduleStale`.
pub async fn lock_quote(base: &str, request: &LockRequest<'_>) -> Result<ProviderQuote, SweepError> {
    let body = QuoteBody {
        schedule_version: request.schedule_version,
        currency_code: request.currency_code,
        speed: request.speed,
        destination: request.destination,
        legs: request.legs.iter().map(|(kind, amount)| QuoteLegBody { source_kind: *kind, amount: *amount }).collect(),
    };
    let body = serde_json::to_vec(&body).map_err(|e| SweepError::Internal { reason: format!("encode quote: {e}") })?;
    let response = http::request(reqwest::Method::POST, url(base, "quotes")?)?
        .header(reqwest::header::ACCEPT, "application/json")
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    if response.status() == reqwest::StatusCode::CONFLICT {
        let bytes = http::read_capped(response, http::MAX_RESPONSE_BYTES).await?;
        return Err(stale_error(&bytes, request.schedule_version));
    }
    http::parse_json(response).await
}

/// What a `409` to a quote with `quote_version` means: the schedule
/// changed, to the version the problem body names.
pub(crate) fn stale_error(body: &[u8], quote_version: &str) -> SweepError {
    match serde_json::from_slice::<StaleProblem>(body) {
        Ok(stale) => SweepError::FeeScheduleStale {
            quote_version: quote_version.to_owned(),
            current_version: stale.current_version,
        },
        Err(_) => SweepError::MalformedResponse { reason: "a 409 without current_version".into() },
    }
}

/// Refuses a provider quote that differs from Sweep's figures in any way.
pub fn compare(local: &Pricing, eta_seconds: u64, version: &str, remote: &ProviderQuote) -> Result<(), SweepError> {
    let mismatch = |field: &str, local: String, provider: String| {
        Err(SweepError::QuoteMismatch { field: field.into(), local, provider })
    };
    if remote.quote_id.is_empty() || remote.quote_id.len() > 128 {
        return Err(SweepError::MalformedResponse { reason: "the quote id is empty or too long".into() });
    }
    if remote.schedule_version != version {
        return mismatch("schedule_version", version.into(), remote.schedule_version.clone());
    }
    if remote.legs.len() != local.legs.len() {
        return mismatch("legs", local.legs.len().to_string(), remote.legs.len().to_string());
    }
    for (i, (mine, theirs)) in local.legs.iter().zip(&remote.legs).enumerate() {
        if (mine.gross, mine.fee) != (theirs.amount, theirs.fee) {
            let field = format!("leg {} (gross, fee)", i + 1);
            return mismatch(
                &field,
                format!("{}, {}", mine.gross, mine.fee),
                format!("{}, {}", theirs.amount, theirs.fee),
            );
        }
    }
    let totals = [
        ("withdrawal_fee", local.withdrawal_fee, remote.withdrawal_fee),
        ("total_gross", local.total_gross, remote.total_gross),
        ("total_fee", local.total_fee, remote.total_fee),
        ("total_net", local.total_net(), remote.total_net),
        ("eta_seconds", eta_seconds as i64, remote.eta_seconds as i64),
    ];
    for (field, mine, theirs) in totals {
        if mine != theirs {
            return mismatch(field, mine.to_string(), theirs.to_string());
        }
    }
    Ok(())
}
