//! The provider's side of a user deleting their account
//! (`POST /data-deletion-requests`, provider API 2.2): verification
//! sessions and their ID captures are deleted at once; withdrawals are kept
//! only as the law requires (전자금융거래법 제22조: transaction records for
//! five years) and say so. A repeat under the same key gets the first answer.

use std::collections::BTreeMap;

use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::State;

/// Requests answered, by idempotency key, and in order.
#[derive(Default)]
pub struct Deletions {
    by_key: BTreeMap<String, Value>,
    pub(crate) answered: Vec<Value>,
}

/// Why withdrawals are kept, and for how long.
const RETENTION: &str = "전자금융거래법 제22조: electronic financial transaction records are kept for 5 years";
const RETAIN_YEARS: u64 = 5;

pub(crate) fn routes() -> Router<State> {
    Router::new().route("/sweep-provider/v1/data-deletion-requests", post(create))
}

fn ids(body: &Value, field: &str) -> Option<Vec<String>> {
    body.get(field)?.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect()
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    if state.knobs().provider_down {
        return crate::provider::problem(StatusCode::SERVICE_UNAVAILABLE, "The provider is down", json!({}));
    }
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned) else {
        return crate::provider::problem(StatusCode::BAD_REQUEST, "An Idempotency-Key header is required", json!({}));
    };
    let (Some(sessions), Some(withdrawals)) = (ids(&body, "verification_session_ids"), ids(&body, "withdrawal_ids"))
    else {
        return crate::provider::problem(StatusCode::UNPROCESSABLE_ENTITY, "Both id lists are required", json!({}));
    };
    if let Some(first) = state.deletions.lock().unwrap_or_else(|p| p.into_inner()).by_key.get(&key) {
        return (StatusCode::OK, Json(first.clone())).into_response();
    }
    let (mut deleted_sessions, mut captures) = (0, 0);
    for id in &sessions {
        deleted_sessions += usize::from(state.sessions.lock().unwrap_or_else(|p| p.into_inner()).forget(id));
        captures += state.uploads.lock().unwrap_or_else(|p| p.into_inner()).forget_session(id);
    }
    let until = humantime::format_rfc3339_seconds(
        std::time::SystemTime::now() + std::time::Duration::from_secs(RETAIN_YEARS * 365 * 86_400),
    )
    .to_string();
    let payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    let retained: Vec<Value> = withdrawals
        .iter()
        .filter(|id| payouts.state_of(id).is_some())
        .map(|id| json!({"withdrawal_id": id, "reason": RETENTION, "retain_until": until}))
        .collect();
    drop(payouts);
    let mut deletions = state.deletions.lock().unwrap_or_else(|p| p.into_inner());
    let answer = json!({
        "request_id": format!("dr-{:04}", deletions.answered.len() + 1),
        "status": "completed",
        "deleted": {"verification_sessions": deleted_sessions, "captures": captures},
        "retained": retained,
    });
    deletions.by_key.insert(key, answer.clone());
    deletions.answered.push(answer.clone());
    (StatusCode::OK, Json(answer)).into_response()
}
