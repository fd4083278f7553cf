//! The provider's withdrawals (`docs/provider-api.yaml`): idempotent
//! creation (a key keeps its first answer; another body under the same key
//! is `409`), a state that moves on each look (`collecting` until every
//! leg's money arrived or failed, then `processing → sent → completed`, or
//! `failed` when the `withdrawal_outcome` knob says `fail`, or `returned`
//! after `sent` when it says `return`), and cancellation while collecting
//! or processing. A withdrawal must carry out a quote locked here, for
//! exactly its net and legs; it pays out only what was collected, and
//! sends collected legs back whenever it does not pay out. Its receipt
//! gives the figures it paid out by.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ring::digest;
use serde_json::{json, Value};

use crate::collection::Legs;
use crate::platforms::Platforms;
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
    /// Each withdrawal's legs and where their money goes.
    pub(crate) legs: BTreeMap<String, Legs>,
    /// Faults the knobs armed that really happened, by name.
    pub(crate) faults: BTreeMap<&'static str, u64>,
    /// Why a withdrawal failed, when it was not the payout knob's reason.
    reasons: BTreeMap<String, (&'static str, &'static str)>,
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

    /// Moves every withdrawal still on its way one step on, as time would,
    /// and records the events.
    pub(crate) fn advance(&mut self, outcome: Outcome, twice: bool, books: &mut Platforms) {
        let ids: Vec<String> = self.by_id.keys().cloned().collect();
        for id in ids {
            for event in self.step(&id, outcome, books) {
                self.emit(event, twice);
            }
        }
    }

    /// A withdrawal as the API shows it: its state, version and legs.
    fn view(&self, id: &str, status: &str, version: u64) -> Value {
        let mut v = view(id, status, version);
        if let (Some((code, reason)), "failed") = (self.reasons.get(id), status) {
            v["reason_code"] = json!(code);
            v["reason"] = json!(reason);
        }
        if let Some(legs) = self.legs.get(id) {
            v["legs"] = legs.view();
        }
        v
    }

    fn set(&mut self, id: &str, status: &str, version: u64) {
        if let Some(before) = self.by_id.get(id).cloned() {
            self.previous.insert(id.to_owned(), before);
        }
        self.by_id.insert(id.to_owned(), (status.to_owned(), version));
    }

    /// While collecting: notes the legs whose money arrived, and once none
    /// is awaited, pays out what arrived (`processing`) or, below the
    /// minimum, sends it all back (`failed`). The events, if it moved.
    fn collect(&mut self, id: &str, books: &mut Platforms) -> Vec<Value> {
        let Some((status, version)) = self.by_id.get(id).cloned() else { return Vec::new() };
        if matches!(status.as_str(), "failed" | "canceled" | "returned") {
            // Money that arrives after a withdrawal ended goes straight back.
            if let Some(legs) = self.legs.get_mut(id) {
                legs.send_back(books, "It arrived after the withdrawal ended, so it went back.");
            }
            return Vec::new();
        }
        let Some(legs) = self.legs.get_mut(id).filter(|_| status == "collecting") else { return Vec::new() };
        let changed = legs.watch(books);
        if !legs.settled() {
            if !changed {
                return Vec::new();
            }
            self.set(id, "collecting", version + 1);
            return vec![with_event(self.view(id, "collecting", version + 1), "leg.collected")];
        }
        let Some(payout) = legs.payout() else {
            legs.send_back(books, "What arrived was below the minimum withdrawal, so it went back.");
            self.set(id, "failed", version + 1);
            let reason = "Too little arrived to pay out, so it went back to its sources and nothing was charged.";
            self.reasons.insert(id.to_owned(), ("below_minimum", reason));
            return vec![with_event(self.view(id, "failed", version + 1), "leg.returned")];
        };
        if let Some(figures) = self.figures.get_mut(id) {
            figures["total_gross"] = json!(payout.collected);
            figures["total_fee"] = json!(payout.fee);
            figures["total_net"] = json!(payout.net);
        }
        self.set(id, "processing", version + 1);
        vec![self.view(id, "processing", version + 1)]
    }

    /// Moves one withdrawal a step on; the events, if it moved. A payout
    /// that fails or comes back sends its collected legs back.
    fn step(&mut self, id: &str, outcome: Outcome, books: &mut Platforms) -> Vec<Value> {
        let mut events = self.collect(id, books);
        let Some((status, version)) = self.by_id.get(id).cloned() else { return events };
        let Some(next) = outcome.next(&status) else { return events };
        self.set(id, next, version + 1);
        if next == "completed" {
            let at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
            if let Some(figures) = self.figures.get_mut(id) {
                figures["completed_at"] = json!(at);
            }
        }
        if matches!(next, "failed" | "returned") {
            if let Some(legs) = self.legs.get_mut(id) {
                legs.send_back(books, "The payout did not go through, so the money went back.");
            }
        }
        events.push(self.view(id, next, version + 1));
        events
    }

    /// Every withdrawal as the provider's books have it.
    pub(crate) fn books(&self) -> Vec<crate::WithdrawalBooks> {
        self.by_id
            .iter()
            .map(|(id, (status, _))| {
                let paid = matches!(status.as_str(), "processing" | "sent" | "completed");
                let figure =
                    |name: &str| self.figures.get(id).and_then(|f| f[name].as_i64()).filter(|_| paid).unwrap_or(0);
                let legs = self.legs.get(id).map(|l| l.books()).unwrap_or_default();
                crate::WithdrawalBooks {
                    id: id.clone(),
                    status: status.clone(),
                    paid_out: figure("total_net"),
                    fee: figure("total_fee"),
                    gross: figure("total_gross"),
                    legs,
                }
            })
            .collect()
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
        let fault = 1 + (hash / 100 % 3) as u8;
        let name = ["withdrawal_500", "withdrawal_429", "withdrawal_lost_or_stale"][usize::from(fault - 1)];
        *self.faults.entry(name).or_default() += 1;
        fault
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep-provider/v1/withdrawals/events", get(events))
        .route("/sweep-provider/v1/withdrawals", post(create))
        .route("/sweep-provider/v1/withdrawals/{id}", get(status))
        .route("/sweep-provider/v1/withdrawals/{id}/cancel", post(cancel))
        .route("/sweep-provider/v1/withdrawals/{id}/legs/{leg_id}/failed", post(leg_failed))
        .route("/sweep-provider/v1/withdrawals/{id}/legs/{leg_id}/bank-authority", post(crate::bank_authority::lend))
}

/// `503` while the `provider_down` knob is set, counting each refusal.
pub(crate) fn down(state: &State) -> Option<Response> {
    if !state.knobs().provider_down {
        return None;
    }
    state.provider_down_answers.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Some(problem(StatusCode::SERVICE_UNAVAILABLE, "The provider is down"))
}

pub(crate) fn problem(status: StatusCode, title: &str) -> Response {
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

/// Marks what kind of change an event is (`leg.collected`, `leg.returned`).
fn with_event(mut v: Value, event: &str) -> Value {
    v["event"] = json!(event);
    v
}

/// The figures of the locked quote a withdrawal names, checked against the
/// amount it asks for: `Err` with the reason when it names no quote made
/// here, or asks for another amount than the quote's net.
fn quoted_figures(state: &State, body: &Value) -> Result<(Value, Value), &'static str> {
    let quote_id = body["quote_id"].as_str().ok_or("A quote_id is required")?;
    let provider = state.provider.lock().unwrap_or_else(|p| p.into_inner());
    let (_, quote) =
        provider.quotes.iter().find(|(id, _)| id == quote_id).ok_or("No quote with this id was made here")?;
    if body["amount"] != quote["total_net"] || body["currency_code"] != json!("KRW") {
        return Err("The amount is not the quote's net");
    }
    let figures = json!({
        "quote_id": quote_id,
        "currency_code": "KRW",
        "total_gross": quote["total_gross"],
        "total_fee": quote["total_fee"],
        "total_net": quote["total_net"],
    });
    Ok((figures, quote.clone()))
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = down(&state) {
        return refused;
    }
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
    let (figures, quote) = match quoted_figures(&state, &parsed) {
        Ok(found) => found,
        Err(reason) => return problem(StatusCode::UNPROCESSABLE_ENTITY, reason),
    };
    let id = format!("wd-{:05}", payouts.by_id.len() + 1);
    let legs = match Legs::open(&id, &parsed, &quote) {
        Ok(legs) => legs,
        Err(reason) => return problem(StatusCode::UNPROCESSABLE_ENTITY, reason),
    };
    payouts.legs.insert(id.clone(), legs);
    let answer = payouts.view(&id, "collecting", 1);
    payouts.figures.insert(id.clone(), figures);
    payouts.by_id.insert(id, ("collecting".into(), 1));
    payouts.events.push(answer.clone());
    payouts.by_key.insert(key, (fingerprint, answer.clone()));
    if fail_after_acting {
        *payouts.faults.entry("withdrawal_answer_lost").or_default() += 1;
        // The withdrawal exists, but the answer is lost on the way back.
        return problem(StatusCode::BAD_GATEWAY, "The answer was lost");
    }
    (StatusCode::CREATED, Json(answer)).into_response()
}

async fn status(Extract(state): Extract<State>, Path(id): Path<String>) -> Response {
    if let Some(refused) = down(&state) {
        return refused;
    }
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
    let mut books = state.platforms.lock().unwrap_or_else(|p| p.into_inner());
    let events = payouts.step(&id, outcome, &mut books);
    drop(books);
    for event in &events {
        payouts.events.push(event.clone());
    }
    let Some((status, version)) = payouts.by_id.get(&id).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    Json(payouts.view(&id, &status, version)).into_response()
}

#[derive(serde::Deserialize)]
struct LegFailure {
    reason: String,
}

/// `POST /withdrawals/{id}/legs/{leg_id}/failed`: the wallet says a leg's
/// source refused its transfer, so the provider stops waiting for it.
async fn leg_failed(
    Extract(state): Extract<State>,
    Path((id, leg_id)): Path<(String, String)>,
    Json(body): Json<LegFailure>,
) -> Response {
    if let Some(refused) = down(&state) {
        return refused;
    }
    let lost = {
        let mut knobs = state.knobs.lock().unwrap_or_else(|p| p.into_inner());
        let lost = knobs.leg_failed_lost > 0;
        knobs.leg_failed_lost = knobs.leg_failed_lost.saturating_sub(1);
        lost
    };
    let mut payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    if lost {
        *payouts.faults.entry("leg_failed_lost").or_default() += 1;
        return problem(StatusCode::SERVICE_UNAVAILABLE, "The telling never arrived");
    }
    let Some((status, version)) = payouts.by_id.get(&id).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(legs) = payouts.legs.get_mut(&id) else { return StatusCode::NOT_FOUND.into_response() };
    if legs.fail(&leg_id, &body.reason) {
        payouts.set(&id, &status, version + 1);
        let event = with_event(payouts.view(&id, &status, version + 1), "leg.failed");
        payouts.events.push(event);
    }
    let (status, version) = payouts.by_id[&id].clone();
    Json(payouts.view(&id, &status, version)).into_response()
}

async fn cancel(Extract(state): Extract<State>, Path(id): Path<String>) -> Response {
    if let Some(refused) = down(&state) {
        return refused;
    }
    let mut payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
    let Some((status, version)) = payouts.by_id.get(&id).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if status != "processing" && status != "collecting" {
        return problem(StatusCode::CONFLICT, "Too late to cancel");
    }
    let mut books = state.platforms.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(legs) = payouts.legs.get_mut(&id) {
        legs.send_back(&mut books, "The withdrawal was canceled, so the money went back.");
    }
    drop(books);
    payouts.set(&id, "canceled", version + 1);
    let answer = payouts.view(&id, "canceled", version + 1);
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
