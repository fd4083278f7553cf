//! The Source API platforms' books (`docs/source-api.yaml` v2): each
//! platform holds its user's KRW balance and debits it when a transfer
//! moves money out to the provider's collection account. A transfer is
//! applied once per `Idempotency-Key`; the same key with another body is a
//! `409`. Knobs refuse transfers, lose the answer after acting, keep them
//! pending for a while, or deliver every request twice (only the key stops
//! the second debit).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::source_api::{platform, problem};
use crate::{data, State};

/// One transfer as the platform keeps it.
#[derive(Clone)]
struct Transfer {
    platform: String,
    amount: i64,
    destination: String,
    status: &'static str,
    /// Reads left before a pending transfer completes.
    pending_reads: u32,
}

/// Every platform's balance, its transfers, and what reached each
/// collection reference.
#[derive(Default)]
pub struct Platforms {
    /// Balances that moved from the platform's starting data.
    balances: BTreeMap<String, i64>,
    transfers: BTreeMap<String, Transfer>,
    /// (platform, key) → (body fingerprint, transfer id).
    by_key: BTreeMap<(String, String), (Vec<u8>, String)>,
    /// Destination reference → won received.
    collected: BTreeMap<String, i64>,
    /// Destination reference → the platform whose user sent it, to send it back.
    origin: BTreeMap<String, String>,
    /// Won sent back to platforms from collection accounts.
    returned: i64,
    /// Destination reference → how many times money was moved to it.
    credits: BTreeMap<String, u32>,
    /// Debits applied (a debit per transfer, whatever was delivered twice).
    debits: u64,
    /// Faults the knobs armed that really happened, by name.
    pub(crate) injected: BTreeMap<&'static str, u64>,
}

impl Platforms {
    /// A platform's (or the bank's KRW account's) balance now.
    pub fn balance(&self, platform: &str) -> Option<i64> {
        if let Some(balance) = self.balances.get(platform) {
            return Some(*balance);
        }
        if platform == crate::open_banking::KRW_BOOK {
            return Some(crate::open_banking::KRW_START);
        }
        data::balances(platform)?["balances"][0]["amount"]["minor_units"].as_i64()
    }

    /// Moves `amount` out of `book` to the collection reference
    /// `destination`, or nothing when the balance is short; true when moved.
    pub(crate) fn move_out(&mut self, book: &str, amount: i64, destination: &str) -> bool {
        let balance = self.balance(book).unwrap_or(0);
        if amount <= 0 || amount > balance {
            return false;
        }
        self.balances.insert(book.to_owned(), balance - amount);
        *self.collected.entry(destination.to_owned()).or_default() += amount;
        *self.credits.entry(destination.to_owned()).or_default() += 1;
        self.origin.insert(destination.to_owned(), book.to_owned());
        self.debits += 1;
        true
    }

    /// Counts a fault that really happened.
    pub(crate) fn injected(&mut self, fault: &'static str) {
        self.count(fault);
    }

    /// Sets a platform's balance, as a top-up would.
    pub fn set_balance(&mut self, platform: &str, minor_units: i64) {
        self.balances.insert(platform.to_owned(), minor_units);
    }

    /// Every collection reference and what reached it.
    pub fn collections(&self) -> BTreeMap<String, i64> {
        self.collected.clone()
    }

    /// How many times money was moved to each collection reference.
    pub fn credits(&self) -> BTreeMap<String, u32> {
        self.credits.clone()
    }

    /// Debits applied so far.
    pub fn debits(&self) -> u64 {
        self.debits
    }

    /// What reached a collection reference and is still there.
    pub(crate) fn arrived(&self, destination: &str) -> i64 {
        self.collected.get(destination).copied().unwrap_or(0)
    }

    /// Sends what reached `destination` back to the platform it came from.
    pub(crate) fn send_back(&mut self, destination: &str) -> i64 {
        let amount = self.collected.remove(destination).unwrap_or(0);
        if let Some(platform) = self.origin.get(destination).cloned() {
            let balance = self.balance(&platform).unwrap_or(0);
            self.balances.insert(platform, balance + amount);
            self.returned += amount;
        }
        amount
    }

    /// Won sent back from collection accounts so far.
    pub fn returned(&self) -> i64 {
        self.returned
    }

    fn count(&mut self, fault: &'static str) {
        *self.injected.entry(fault).or_default() += 1;
    }

    /// Applies a new transfer: debits the balance and credits the
    /// destination, or fails it without touching either.
    fn apply(&mut self, id: &str, refused: bool) -> &'static str {
        let Some(t) = self.transfers.get(id).cloned() else { return "failed" };
        if !refused && self.move_out(&t.platform, t.amount, &t.destination) {
            "completed"
        } else {
            "failed"
        }
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/sweep/v1/transfers", post(create))
        .route("/sweep/v1/transfers/{id}", get(read))
        .route("/_sandbox/platforms/{platform}/balance", axum::routing::put(set_balance))
}

/// `PUT /_sandbox/platforms/{platform}/balance` `{"minor_units": N}`: a top-up.
async fn set_balance(
    Extract(state): Extract<State>,
    Path(platform): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let Some(units) = body["minor_units"].as_i64().filter(|u| *u >= 0) else {
        return problem(StatusCode::BAD_REQUEST, "minor_units must be a whole number of won, at least 0");
    };
    if data::balances(&platform).is_none() && platform != crate::open_banking::KRW_BOOK {
        return problem(StatusCode::NOT_FOUND, "No such sandbox platform");
    }
    state.platforms.lock().unwrap_or_else(|p| p.into_inner()).set_balance(&platform, units);
    StatusCode::NO_CONTENT.into_response()
}

fn view(id: &str, t: &Transfer) -> Value {
    let mut v = json!({
        "transfer_id": id,
        "status": if t.pending_reads > 0 { "pending" } else { t.status },
        "amount": {"minor_units": t.amount, "currency_code": "KRW"},
        "destination_reference": t.destination,
    });
    if t.status == "failed" && t.pending_reads == 0 {
        v["reason_code"] = json!("transfer_refused");
        v["reason"] = json!("The platform refused to move this balance.");
    }
    v
}

/// The platform and whether its token may move money.
fn authorised(state: &State, headers: &HeaderMap) -> Result<String, Box<Response>> {
    let platform =
        platform(state, headers).ok_or_else(|| problem(StatusCode::UNAUTHORIZED, "Unknown or expired access token"))?;
    let token = headers.get("authorization").and_then(|h| h.to_str().ok()).and_then(|h| h.strip_prefix("Bearer "));
    let oauth = state.oauth.lock().unwrap_or_else(|p| p.into_inner());
    // Sandbox tokens themselves (`sandbox-toss`) stand for a full grant.
    let granted = token.is_some_and(|t| data::balances(t).is_some() || oauth.grants(t, "transfers:write"));
    if !granted {
        return Err(Box::new(problem(StatusCode::FORBIDDEN, "The transfers:write scope was not granted")));
    }
    Ok(platform)
}

fn parse(body: &[u8]) -> Option<(i64, String)> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let amount = v["amount"]["minor_units"].as_i64().filter(|a| *a > 0)?;
    if v["amount"]["currency_code"] != "KRW" || !v["reference"].is_string() {
        return None;
    }
    let destination = v["destination_reference"].as_str().filter(|d| !d.is_empty() && d.len() <= 64)?;
    Some((amount, destination.to_owned()))
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    let platform = match authorised(&state, &headers) {
        Ok(platform) => platform,
        Err(response) => return *response,
    };
    let Some(key) = headers.get("Idempotency-Key").and_then(|k| k.to_str().ok()).map(str::to_owned) else {
        return problem(StatusCode::BAD_REQUEST, "An Idempotency-Key header is required");
    };
    let Some((amount, destination)) = parse(&body) else {
        return problem(StatusCode::BAD_REQUEST, "The transfer request is not valid");
    };
    let fingerprint = ring::digest::digest(&ring::digest::SHA256, &body).as_ref().to_vec();
    let knobs = state.knobs();
    let mut books = state.platforms.lock().unwrap_or_else(|p| p.into_inner());
    // A platform behind an at-least-once queue sees the request twice: only
    // the key keeps the second from debiting again.
    let deliveries = if knobs.transfer_delivered_twice { 2 } else { 1 };
    let mut answer = None;
    for delivery in 0..deliveries {
        let slot = (platform.clone(), key.clone());
        if let Some((seen, id)) = books.by_key.get(&slot).cloned() {
            if seen != fingerprint {
                return problem(StatusCode::CONFLICT, "This Idempotency-Key was used for a different transfer");
            }
            if delivery > 0 {
                books.count("transfer_delivered_twice");
            }
            // Asking again is a look too: a pending transfer moves on.
            let t = books.transfers[&id].clone();
            if delivery == 0 {
                if let Some(kept) = books.transfers.get_mut(&id) {
                    kept.pending_reads = kept.pending_reads.saturating_sub(1);
                }
            }
            answer.get_or_insert((StatusCode::OK, view(&id, &t)));
            continue;
        }
        let id = format!("tr-{:05}", books.transfers.len() + 1);
        let pending_reads = knobs.transfer_pending_reads;
        if pending_reads > 0 {
            books.count("transfer_pending");
        }
        let t = Transfer {
            platform: platform.clone(),
            amount,
            destination: destination.clone(),
            status: "pending",
            pending_reads,
        };
        books.transfers.insert(id.clone(), t);
        books.by_key.insert(slot, (fingerprint.clone(), id.clone()));
        let refused = knobs.transfers_refused || knobs.refuse_transfers_from.as_deref() == Some(platform.as_str());
        if refused {
            books.count("transfer_refused");
        }
        let status = books.apply(&id, refused);
        if let Some(t) = books.transfers.get_mut(&id) {
            t.status = status;
        }
        let t = books.transfers[&id].clone();
        answer = Some((StatusCode::CREATED, view(&id, &t)));
    }
    let lost = {
        let mut knobs = state.knobs.lock().unwrap_or_else(|p| p.into_inner());
        let lost = knobs.transfer_lost_answers > 0;
        knobs.transfer_lost_answers = knobs.transfer_lost_answers.saturating_sub(1);
        lost
    };
    if lost {
        // The platform moved the money; the answer never arrives.
        books.count("transfer_answer_lost");
        return problem(StatusCode::GATEWAY_TIMEOUT, "The answer was lost");
    }
    let (status, body) = answer.unwrap_or((StatusCode::INTERNAL_SERVER_ERROR, json!({})));
    (status, Json(body)).into_response()
}

async fn read(Extract(state): Extract<State>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let platform = match authorised(&state, &headers) {
        Ok(platform) => platform,
        Err(response) => return *response,
    };
    let mut books = state.platforms.lock().unwrap_or_else(|p| p.into_inner());
    let Some(t) = books.transfers.get_mut(&id).filter(|t| t.platform == platform) else {
        return problem(StatusCode::NOT_FOUND, "No such transfer");
    };
    let shown = view(&id, t);
    t.pending_reads = t.pending_reads.saturating_sub(1);
    Json(shown).into_response()
}
