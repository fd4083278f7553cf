//! The provider's withdrawals (`docs/provider-api.yaml`): idempotent
//! creation (a key keeps its first answer; another body under the same key
//! is `409`), a state that moves on each look (`processing → sent →
//! completed`, or `failed` when the `withdrawal_outcome` knob says
//! `fail`, or `returned` after `sent` when it says `return`), and
//! cancellation while processing. A withdrawal must carry out a quote
//! locked here, for exactly its net; its receipt gives the quote's figures.

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
    /// Each withdrawal's figures, from the quote it carries out, and when
    /// it completed: what its receipt says.
    figures: BTreeMap<String, Value>,
}

/// How withdrawals on their way end, from the `withdrawal_outcome` knob.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Complete,
    Fail,
    Return,
}

impl Outcome {
    pub(crate) fn from_knob(knob: Option<&str>) -> Outcome {
        match knob {
            Some("fail") => Outcome::Fail,
            Some("return") => Outcome::Return,
            _ => Outcome::Complete,
        }
    }

    /// The state after `status`, if it moves on.
    fn next(self, status: &str) -> Option<&'static str> {
        match (status, self) {
            ("processing", Outcome::Fail) => Some("failed"),
            ("processing", _) => Some("sent"),
            ("sent", Outcome::Return) => Some("returned"),
            ("sent", _) => Some("completed"),
            _ => None,
        }
    }
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
    pub(crate) fn advance(&mut self, outcome: Outcome, twice: bool) {
        let ids: Vec<String> = self.by_id.keys().cloned().collect();
        for id in ids {
            if let Some(event) = self.step(&id, outcome) {
                self.emit(event, twice);
            }
        }
    }

    /// Moves one withdrawal a step on; the event, if it moved.
    fn step(&mut self, id: &str, outcome: Outcome) -> Option<Value> {
        let (status, version) = self.by_id.get(id).cloned()?;
        let next = outcome.next(&status)?;
        self.previous.insert(id.to_owned(), (status, version));
        self.by_id.insert(id.to_owned(), (next.into(), version + 1));
        if next == "completed" {
            let at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
            if let Some(figures) = self.figures.get_mut(id) {
                figures["completed_at"] = json!(at);
            }
        }
        Some(view(id, next, version + 1))
    }

    /// A completed withdrawal's figures, for its receipt; `Err` with the
    /// state when it is not completed.
    pub(crate) fn receipt(&self, id: &str) -> Option<Result<Value, String>> {
        let (status, _) = self.by_id.get(id)?;
        if status != "completed" {
            return Some(Err(status.clone()));
        }
        Some(Ok(self.figures.get(id).cloned().unwrap_or(Value::Null)))
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
    crate::provider::problem(status, title, json!({}))
}

fn view(id: &str, status: &str, version: u64) -> Value {
    let mut v = json!({"withdrawal_id": id, "status": status, "version": version});
    if status == "failed" {
        v["reason_code"] = json!("account_closed");
        v["reason"] = json!("The receiving account is closed.");
    }
    if status == "returned" {
        v["reason_code"] = json!("returned_by_bank");
        v["reason"] = json!("The receiving bank sent the money back.");
    }
    v
}

/// The figures of the locked quote a withdrawal names, checked against the
/// amount it asks for: `Err` with the reason when it names no quote made
/// here, or asks for another amount than the quote's net.
fn quoted_figures(state: &State, body: &Value) -> Result<Value, &'static str> {
    let quote_id = body["quote_id"].as_str().ok_or("A quote_id is required")?;
    let provider = state.provider.lock().unwrap_or_else(|p| p.into_inner());
    let (_, quote) =
        provider.quotes.iter().find(|(id, _)| id == quote_id).ok_or("No quote with this id was made here")?;
    if body["amount"] != quote["total_net"] || body["currency_code"] != json!("KRW") {
        return Err("The amount is not the quote's net");
    }
    Ok(json!({
        "quote_id": quote_id,
        "currency_code": "KRW",
        "total_gross": quote["total_gross"],
        "total_fee": quote["total_fee"],
        "total_net": quote["total_net"],
    }))
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(key) = headers.get("Idempotency-Key").and_then(|k| k.to_str().ok()).map(str::to_owned) else {
        return problem(StatusCode::BAD_REQUEST, "An Idempotency-Key header is required");
    };
    let Ok(parsed) = serde_json::from_slice::<Value>(&body) else {
        return problem(StatusCode::BAD_REQUEST, "The body is not JSON");
    };
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
    let figures = match quoted_figures(&state, &parsed) {
        Ok(figures) => figures,
        Err(reason) => return problem(StatusCode::UNPROCESSABLE_ENTITY, reason),
    };
    let id = format!("wd-{:05}", payouts.by_id.len() + 1);
    let answer = view(&id, "processing", 1);
    payouts.figures.insert(id.clone(), figures);
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
    let outcome = Outcome::from_knob(knobs.withdrawal_outcome.as_deref());
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
    // Each look moves it a step on, as time would.
    if let Some(event) = payouts.step(&id, outcome) {
        payouts.events.push(event.clone());
        return Json(event).into_response();
    }
    let Some((status, version)) = payouts.by_id.get(&id) else { return StatusCode::NOT_FOUND.into_response() };
    Json(view(&id, status, *version)).into_response()
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
    let knobs = state.knobs();
    if knobs.events_unavailable {
        return StatusCode::NOT_FOUND.into_response();
    }
    let after = q.after.unwrap_or(0);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(q.wait.unwrap_or(0).min(30));
    loop {
        {
            let payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
            if payouts.events.len() > after || tokio::time::Instant::now() >= deadline {
                let mut page: Vec<Value> = payouts.events.iter().skip(after).cloned().collect();
                if knobs.events_shuffled {
                    // Newest first, each twice: a feed as badly ordered as one gets.
                    page = page.into_iter().rev().flat_map(|e| [e.clone(), e]).collect();
                }
                return Json(json!({"events": page, "next": payouts.events.len().max(after)})).into_response();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
