//! The provider's withdrawals (`docs/provider-api.yaml`): idempotent
//! creation (a key keeps its first answer; another body under the same key
//! is `409`), a state that moves on each look (`processing → sent →
//! completed`, or `failed` when the `withdrawal_outcome` knob says
//! `fail`), and cancellation while processing.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ring::digest;
use serde_json::{json, Value};

use crate::State;

/// Withdrawals by id, and the first answer per idempotency key.
#[derive(Default)]
pub struct Payouts {
    by_key: BTreeMap<String, (Vec<u8>, Value)>,
    by_id: BTreeMap<String, (String, u64)>,
    /// The state each withdrawal had before its latest change.
    previous: BTreeMap<String, (String, u64)>,
    requests: u64,
    /// Every change, in order, for the events feed.
    events: Vec<Value>,
}

impl Payouts {
    fn emit(&mut self, event: Value, twice: bool) {
        self.events.push(event.clone());
        if twice {
            self.events.push(event);
        }
    }

    /// Moves every withdrawal still on its way one step on (`processing →
    /// sent → completed`, or `failed` when failing), as time would, and
    /// records the events.
    pub fn advance(&mut self, fail: bool, twice: bool) {
        let ids: Vec<String> = self.by_id.keys().cloned().collect();
        for id in ids {
            let Some((status, version)) = self.by_id.get(&id).cloned() else { continue };
            let next = match (status.as_str(), fail) {
                ("processing", true) => "failed",
                ("processing", false) => "sent",
                ("sent", _) => "completed",
                _ => continue,
            };
            self.previous.insert(id.clone(), (status, version));
            self.by_id.insert(id.clone(), (next.into(), version + 1));
            self.emit(view(&id, next, version + 1), twice);
        }
    }

    pub fn count(&self) -> usize {
        self.by_id.len()
    }

    /// A withdrawal's state as the provider has it.
    pub fn state_of(&self, id: &str) -> Option<String> {
        self.by_id.get(id).map(|(s, _)| s.clone())
    }

    /// Which fault, if any, this request gets: 0 none, 1 a 500, 2 a 429,
    /// 3 a lost answer (or a stale read).
    fn chaos(&mut self, percent: u8) -> u8 {
        self.requests += 1;
        let hash = self.requests.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        if hash % 100 >= u64::from(percent) {
            return 0;
        }
        1 + (hash / 100 % 3) as u8
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep-provider/v1/withdrawals/events", get(events))
        .route("/sweep-provider/v1/withdrawals", post(create))
        .route("/sweep-provider/v1/withdrawals/{id}", get(status))
        .route("/sweep-provider/v1/withdrawals/{id}/cancel", post(cancel))
}

fn problem(status: StatusCode, title: &str) -> Response {
    (status, Json(json!({"type": "about:blank", "title": title, "status": status.as_u16()}))).into_response()
}

fn view(id: &str, status: &str, version: u64) -> Value {
    let mut v = json!({"withdrawal_id": id, "status": status, "version": version});
    if status == "failed" {
        v["reason_code"] = json!("account_closed");
        v["reason"] = json!("The receiving account is closed.");
    }
    v
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(key) = headers.get("Idempotency-Key").and_then(|k| k.to_str().ok()).map(str::to_owned) else {
        return problem(StatusCode::BAD_REQUEST, "An Idempotency-Key header is required");
    };
    if serde_json::from_slice::<Value>(&body).is_err() {
        return problem(StatusCode::BAD_REQUEST, "The body is not JSON");
    }
    let fingerprint = digest::digest(&digest::SHA256, &body).as_ref().to_vec();
    let fail_after_acting = {
        let mut knobs = state.knobs.lock().unwrap_or_else(|p| p.into_inner());
        let fail = knobs.withdrawal_lost_answers > 0;
        knobs.withdrawal_lost_answers = knobs.withdrawal_lost_answers.saturating_sub(1);
        fail
    };
    let chaos_percent = state.knobs().withdrawal_chaos_percent;
    let mut payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    let chaos = payouts.chaos(chaos_percent);
    match chaos {
        1 => return problem(StatusCode::INTERNAL_SERVER_ERROR, "Injected failure"),
        2 => return problem(StatusCode::TOO_MANY_REQUESTS, "Slow down"),
        _ => {}
    }
    let fail_after_acting = fail_after_acting || chaos == 3;
    if let Some((seen, answer)) = payouts.by_key.get(&key) {
        if *seen != fingerprint {
            return problem(StatusCode::CONFLICT, "This Idempotency-Key was used for a different withdrawal");
        }
        return (StatusCode::CREATED, Json(answer.clone())).into_response();
    }
    let id = format!("wd-{:05}", payouts.by_id.len() + 1);
    let answer = view(&id, "processing", 1);
    payouts.by_id.insert(id, ("processing".into(), 1));
    payouts.events.push(answer.clone());
    payouts.by_key.insert(key, (fingerprint, answer.clone()));
    if fail_after_acting {
        // The withdrawal exists, but the answer is lost on the way back.
        return problem(StatusCode::BAD_GATEWAY, "The answer was lost");
    }
    (StatusCode::CREATED, Json(answer)).into_response()
}

async fn status(Extract(state): Extract<State>, Path(id): Path<String>) -> Response {
    let knobs = state.knobs();
    let fail = knobs.withdrawal_outcome.as_deref() == Some("fail");
    let mut payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    match payouts.chaos(knobs.withdrawal_chaos_percent) {
        1 => return problem(StatusCode::INTERNAL_SERVER_ERROR, "Injected failure"),
        2 => return problem(StatusCode::TOO_MANY_REQUESTS, "Slow down"),
        3 => {
            // A stale replica answers with the state before the latest change.
            if let Some((old, v)) = payouts.previous.get(&id).cloned() {
                return Json(view(&id, &old, v)).into_response();
            }
        }
        _ => {}
    }
    let before = payouts.by_id.get(&id).cloned();
    let Some((status, version)) = payouts.by_id.get_mut(&id) else { return StatusCode::NOT_FOUND.into_response() };
    let next = match (status.as_str(), fail) {
        ("processing", true) => Some("failed"),
        ("processing", false) => Some("sent"),
        ("sent", _) => Some("completed"),
        _ => None,
    };
    if let Some(next) = next {
        *status = next.into();
        *version += 1;
    }
    let answer = view(&id, status, *version);
    if next.is_some() {
        if let Some(before) = before {
            payouts.previous.insert(id, before);
        }
        payouts.events.push(answer.clone());
    }
    Json(answer).into_response()
}

async fn cancel(Extract(state): Extract<State>, Path(id): Path<String>) -> Response {
    let mut payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    let Some((status, version)) = payouts.by_id.get_mut(&id) else { return StatusCode::NOT_FOUND.into_response() };
    if status != "processing" {
        return problem(StatusCode::CONFLICT, "Too late to cancel");
    }
    let before = (status.clone(), *version);
    *status = "canceled".into();
    *version += 1;
    let answer = view(&id, status, *version);
    payouts.previous.insert(id, before);
    payouts.events.push(answer.clone());
    Json(answer).into_response()
}

#[derive(serde::Deserialize)]
pub(crate) struct EventQuery {
    after: Option<usize>,
    wait: Option<u64>,
}

/// `GET /withdrawals/events?after=N&wait=S`: the events after position N;
/// when there are none yet, waits (checking every 20 ms) up to S seconds.
async fn events(Extract(state): Extract<State>, axum::extract::Query(q): axum::extract::Query<EventQuery>) -> Response {
    if state.knobs().events_unavailable {
        return StatusCode::NOT_FOUND.into_response();
    }
    let after = q.after.unwrap_or(0);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(q.wait.unwrap_or(0).min(30));
    loop {
        {
            let payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
            if payouts.events.len() > after || tokio::time::Instant::now() >= deadline {
                let page: Vec<Value> = payouts.events.iter().skip(after).cloned().collect();
                return Json(json!({"events": page, "next": payouts.events.len().max(after)})).into_response();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
