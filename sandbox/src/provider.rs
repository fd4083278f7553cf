//! The cash-out provider (`docs/provider-api.yaml`): a realistic KRW fee
//! schedule and locked quotes. The pricing here is written separately from
//! Sweep's core, from the spec's rule, so that tests comparing the two
//! catch a mistake on either side.

use std::time::{Duration, SystemTime};

use axum::extract::State as Extract;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::State;

/// The provider's state: the schedule version in force and quotes made.
pub struct Provider {
    /// The version the schedule carries.
    pub version: String,
    /// Quotes locked so far, by id.
    pub quotes: Vec<(String, Value)>,
}

impl Default for Provider {
    fn default() -> Self {
        Provider { version: "krw-2026-11".into(), quotes: Vec::new() }
    }
}

/// Rates in basis points, per source kind.
const RATES: [(&str, i128); 4] = [("wallet", 300), ("bank", 300), ("game_credits", 800), ("points", 1_000)];
const INSTANT_PREMIUM_BPS: i128 = 100;
const PER_WITHDRAWAL: i128 = 0;
const PER_LEG: i128 = 100;
const MIN_FEE: i128 = 100;
const MAX_FEE: i128 = 30_000;
const INSTANT_FIXED: i128 = 500;
const MIN_WITHDRAWAL: i128 = 5_000;
const MAX_WITHDRAWAL: i128 = 2_000_000;
const STANDARD_ETA: u64 = 86_400;
const INSTANT_ETA: u64 = 600;
const LOCK_SECONDS: u64 = 1_800;

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep-provider/v1/fee-schedule", get(schedule))
        .route("/sweep-provider/v1/quotes", post(quote))
}

/// An RFC 9457 problem, with any extra members.
pub(crate) fn problem(status: StatusCode, title: &str, extra: Value) -> Response {
    let mut body = json!({"type": "about:blank", "title": title, "status": status.as_u16()});
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
}

async fn schedule(Extract(state): Extract<State>) -> Json<Value> {
    let version = state.provider.lock().unwrap_or_else(|p| p.into_inner()).version.clone();
    let rates: Vec<Value> = RATES.iter().map(|(kind, bps)| json!({"kind": kind, "rate_bps": bps})).collect();
    Json(json!({
        "version": version,
        "rates": rates,
        "instant_premium_bps": INSTANT_PREMIUM_BPS,
        "currencies": [{
            "currency_code": "KRW",
            "fixed_per_withdrawal": PER_WITHDRAWAL,
            "fixed_per_leg": PER_LEG,
            "min_fee": MIN_FEE,
            "max_fee": MAX_FEE,
            "instant_fixed": INSTANT_FIXED,
            "min_withdrawal": MIN_WITHDRAWAL,
            "max_withdrawal": MAX_WITHDRAWAL
        }],
        "standard_eta_seconds": STANDARD_ETA,
        "instant_eta_seconds": INSTANT_ETA,
        "quote_lock_seconds": LOCK_SECONDS
    }))
}

#[derive(Deserialize)]
pub(crate) struct QuoteLeg {
    source_kind: String,
    amount: i64,
}

#[derive(Deserialize)]
pub(crate) struct QuoteBody {
    schedule_version: String,
    currency_code: String,
    speed: String,
    #[allow(dead_code)]
    destination: String,
    legs: Vec<QuoteLeg>,
}

/// Splits `total` by `weights`, biggest remainders first, earlier legs
/// first on a tie: the spec's rule 3.
fn apportion(total: i128, weights: &[i128]) -> Vec<i128> {
    let sum: i128 = weights.iter().sum();
    if sum == 0 {
        return weights.iter().enumerate().map(|(i, _)| if i == 0 { total } else { 0 }).collect();
    }
    let mut parts: Vec<(i128, i128, usize)> =
        weights.iter().enumerate().map(|(i, w)| (total * w / sum, total * w % sum, i)).collect();
    let handed: i128 = parts.iter().map(|p| p.0).sum();
    let mut by_remainder = parts.clone();
    by_remainder.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    for (_, _, i) in by_remainder.into_iter().take((total - handed) as usize) {
        parts[i].0 += 1;
    }
    parts.into_iter().map(|p| p.0).collect()
}

async fn quote(Extract(state): Extract<State>, Json(body): Json<QuoteBody>) -> Response {
    let fee_offset = state.knobs().quote_fee_offset;
    let mut provider = state.provider.lock().unwrap_or_else(|p| p.into_inner());
    if body.schedule_version != provider.version {
        let extra = json!({"current_version": provider.version});
        return problem(StatusCode::CONFLICT, "The fee schedule changed", extra);
    }
    let unprocessable = |title: &str| problem(StatusCode::UNPROCESSABLE_ENTITY, title, json!({}));
    if body.currency_code != "KRW" {
        return unprocessable("Only KRW is paid out");
    }
    let instant = match body.speed.as_str() {
        "standard" => false,
        "instant" => true,
        _ => return unprocessable("Unknown speed"),
    };
    let mut rated = Vec::new();
    for leg in &body.legs {
        let Some((_, bps)) = RATES.iter().find(|(kind, _)| *kind == leg.source_kind) else {
            return unprocessable("That kind of source is not cashed out");
        };
        if leg.amount <= 0 {
            return unprocessable("Every leg must be more than zero");
        }
        rated.push((i128::from(leg.amount), bps + if instant { INSTANT_PREMIUM_BPS } else { 0 }));
    }
    let gross: i128 = rated.iter().map(|(a, _)| a).sum();
    if rated.is_empty() || !(MIN_WITHDRAWAL..=MAX_WITHDRAWAL).contains(&gross) {
        return unprocessable("The withdrawal is outside its limits");
    }
    // Rules 1–3: one half-up rounding of the exact percentage, apportioned.
    let weights: Vec<i128> = rated.iter().map(|(a, r)| a * r).collect();
    let exact: i128 = weights.iter().sum();
    let percentage = (2 * exact + 10_000) / 20_000;
    let mut fees: Vec<i128> = apportion(percentage, &weights).into_iter().map(|p| p + PER_LEG).collect();
    // Rules 4–5: the withdrawal's own fee, then the floor and the cap.
    let mut own = PER_WITHDRAWAL + if instant { INSTANT_FIXED } else { 0 };
    let before: i128 = fees.iter().sum::<i128>() + own;
    let total = before.clamp(MIN_FEE, MAX_FEE);
    if total > before {
        own += total - before;
    } else if total < before {
        let cut_own = (before - total).min(own);
        own -= cut_own;
        let cuts = apportion(before - total - cut_own, &fees);
        fees.iter_mut().zip(cuts).for_each(|(f, c)| *f -= c);
    }
    let total_fee = total + i128::from(fee_offset);
    let id = format!("qt-{:06}", provider.quotes.len() + 1);
    let expires = humantime::format_rfc3339_seconds(SystemTime::now() + Duration::from_secs(LOCK_SECONDS));
    let legs: Vec<Value> = rated.iter().zip(&fees).map(|((a, _), f)| json!({"amount": a, "fee": f})).collect();
    let answer = json!({
        "quote_id": id,
        "schedule_version": provider.version,
        "legs": legs,
        "withdrawal_fee": own,
        "total_gross": gross,
        "total_fee": total_fee,
        "total_net": gross - total_fee,
        "eta_seconds": if instant { INSTANT_ETA } else { STANDARD_ETA },
        "expires_at": expires.to_string(),
    });
    provider.quotes.push((id, answer.clone()));
    (StatusCode::CREATED, Json(answer)).into_response()
}
