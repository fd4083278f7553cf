//! The provider's identity endpoints (`docs/provider-api.yaml`): tier
//! limits with realistic KRW defaults, and verification sessions that play
//! whichever outcome the `verification_outcome` knob names once their
//! capture has arrived.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use axum::extract::{Path, State as Extract};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::State;

/// Tiers in won: (tier, per withdrawal, daily, monthly).
const TIERS: [(&str, i64, i64, i64); 3] = [
    ("unverified", 200_000, 300_000, 1_000_000),
    ("phone_verified", 500_000, 1_000_000, 3_000_000),
    ("id_verified", 2_000_000, 5_000_000, 20_000_000),
];

/// Sessions by id: (document type, whether the finished capture was seen once).
#[derive(Default)]
pub struct Sessions {
    next: u64,
    seen_processing: BTreeMap<String, bool>,
}

impl Sessions {
    /// Deletes a session; whether there was one.
    pub(crate) fn forget(&mut self, id: &str) -> bool {
        self.seen_processing.remove(id).is_some()
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep-provider/v1/tiers", get(tiers))
        .route("/sweep-provider/v1/verification-sessions", post(open))
        .route("/sweep-provider/v1/verification-sessions/{id}", get(status))
}

async fn tiers(Extract(state): Extract<State>) -> Json<Value> {
    let times = i64::from(state.knobs().tier_limits_multiplier.max(1));
    let list: Vec<Value> = TIERS
        .iter()
        .map(|(tier, per, daily, monthly)| {
            let (per, daily, monthly) = (per * times, daily * times, monthly * times);
            json!({"tier": tier, "currency_code": "KRW", "per_withdrawal": per, "daily": daily, "monthly": monthly})
        })
        .collect();
    Json(json!({ "tiers": list }))
}

fn host(headers: &HeaderMap) -> String {
    headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1").to_owned()
}

fn expires() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now() + Duration::from_secs(30 * 60)).to_string()
}

fn session(id: &str, status: &str, headers: &HeaderMap) -> Value {
    json!({
        "session_id": id,
        "status": status,
        "upload_url": format!("http://{}/tus/sessions/{id}/files/", host(headers)),
        "expires_at": expires(),
        "retries_left": 3,
    })
}

async fn open(Extract(state): Extract<State>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    let known = ["national_id", "drivers_licence", "passport"];
    if !body["document_type"].as_str().is_some_and(|d| known.contains(&d)) {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"type": "about:blank", "title": "Unknown document type", "status": 422})),
        )
            .into_response();
    }
    let mut sessions = state.sessions.lock().unwrap_or_else(|p| p.into_inner());
    sessions.next += 1;
    let id = format!("vs-{:04}", sessions.next);
    sessions.seen_processing.insert(id.clone(), false);
    (StatusCode::CREATED, Json(session(&id, "created", &headers))).into_response()
}

async fn status(Extract(state): Extract<State>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let outcome = state.knobs().verification_outcome.unwrap_or_else(|| "verified".into());
    let (received, finished) = state.uploads.lock().unwrap_or_else(|p| p.into_inner()).session_progress(&id);
    let mut sessions = state.sessions.lock().unwrap_or_else(|p| p.into_inner());
    let Some(seen) = sessions.seen_processing.get_mut(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut answer = session(&id, "created", &headers);
    let status = if outcome == "expired" {
        "expired"
    } else if finished && *seen {
        outcome.as_str()
    } else if finished {
        *seen = true;
        "processing"
    } else if received {
        "uploading"
    } else {
        "created"
    };
    answer["status"] = json!(status);
    match status {
        "verified" => {
            answer["tier"] = json!("id_verified");
            // The sandbox's one named account holder (payees.rs).
            answer["verified_name"] = json!("Kim Minji");
        }
        "rejected" => {
            answer["reason_code"] = json!("document_unreadable");
            answer["reason"] = json!("We could not read the document. Take the photo again in good light.");
            answer["retries_left"] = json!(2);
        }
        "needs_resubmission" => {
            answer["reason_code"] = json!("back_side_missing");
            answer["reason"] = json!("Please also send the back of the card.");
        }
        _ => {}
    }
    Json(answer).into_response()
}
