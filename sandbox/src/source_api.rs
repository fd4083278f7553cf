//! The Sweep Source API (`docs/source-api.yaml`).

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::State as Extract;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

use crate::knobs::Fault;
use crate::{data, State};

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep/v1/balances", get(balances))
        .route("/sweep/v1/transactions", get(crate::feed::transactions))
}

pub(crate) fn problem(status: StatusCode, title: &str) -> Response {
    let body = json!({"type": "about:blank", "title": title, "status": status.as_u16()});
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
}

pub(crate) fn json_body(body: String) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

/// The sandbox platform a request's bearer token unlocks: a sandbox token
/// itself, any token while `any_token_as` is set, or one the sandbox's
/// OAuth issuer handed out.
pub(crate) fn platform(state: &State, headers: &HeaderMap) -> Option<String> {
    let token = bearer(headers).filter(|t| !t.is_empty())?;
    if data::balances(token).is_some() {
        return Some(token.to_owned());
    }
    if let Some(platform) = state.knobs().any_token_as {
        return Some(platform);
    }
    state.oauth.lock().unwrap_or_else(|e| e.into_inner()).tokens.get(token).cloned()
}

async fn balances(Extract(state): Extract<State>, headers: HeaderMap) -> Response {
    let n = state.requests.fetch_add(1, Ordering::Relaxed);
    let _in_flight = state.enter();
    let knobs = state.knobs();
    if knobs.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(knobs.latency_ms)).await;
    }
    // Evenly spread failures: request n fails when its slot falls under the rate.
    if (n * 37 % 100) < u64::from(knobs.error_rate_percent) {
        return problem(StatusCode::SERVICE_UNAVAILABLE, "Injected failure");
    }
    let Some(name) = platform(&state, &headers) else {
        return problem(StatusCode::UNAUTHORIZED, "Unknown or expired access token");
    };
    let Some(mut body) = data::balances(&name) else {
        return problem(StatusCode::UNAUTHORIZED, "Unknown or expired access token");
    };
    // The platform's own books: transfers and top-ups move the balance.
    if let Some(now) = state.platforms.lock().unwrap_or_else(|p| p.into_inner()).balance(&name) {
        body["balances"][0]["amount"]["minor_units"] = json!(now);
    }
    match state.take_fault() {
        None => json_body(body.to_string()),
        Some(Fault::Malformed) => json_body("{\"balances\": [ {\"amount\": ".into()),
        Some(Fault::Html) => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        )
            .into_response(),
        Some(Fault::Huge) => json_body(format!("{{\"padding\": \"{}\", \"balances\": []}}", "x".repeat(2 << 20))),
        Some(Fault::RateLimited) => {
            let mut response = problem(StatusCode::TOO_MANY_REQUESTS, "Slow down");
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(knobs.retry_after_s));
            response
        }
        Some(Fault::ExpiredToken) => problem(StatusCode::UNAUTHORIZED, "The access token has expired"),
        Some(Fault::Revoked) => problem(StatusCode::FORBIDDEN, "The user revoked access"),
        Some(Fault::ServerError) => problem(StatusCode::SERVICE_UNAVAILABLE, "Maintenance"),
        Some(fault @ (Fault::UnknownCurrency | Fault::NegativeBalance | Fault::AbsurdBalance)) => {
            let amount = &mut body["balances"][0]["amount"];
            match fault {
                Fault::UnknownCurrency => amount["currency_code"] = json!("ZZZ"),
                Fault::NegativeBalance => amount["minor_units"] = json!(-500),
                _ => amount["minor_units"] = json!(1_000_000_000_000_000_000i64),
            }
            json_body(body.to_string())
        }
    }
}
