//! UK Open Banking v4.0 payment initiation at the sandbox bank, in the
//! spec's shapes (Prism in proxy mode with `--errors` checks them):
//! domestic payment consents and domestic payments from the user's KRW
//! account to the provider's collection account.
//!
//! The bank plays its regulated part: consents and payment reads need the
//! provider's client-credentials token, every write carries the provider's
//! detached JWS of exactly its body, the payment needs the user's token
//! from authorising *that* consent, a consent pays once, and every write is
//! applied once per `x-idempotency-key`. The Source API's transfer knobs
//! apply to bank payments too: refused, answer lost after acting, pending
//! for some reads, delivered twice.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::open_banking::{answer, CREATED_AT, KRW_BOOK};
use crate::{signing, State};

const BASE: &str = "https://sandbox.example/open-banking/v4.0/pisp";

struct Consent {
    initiation: Value,
    risk: Value,
    /// Paid once: `COND`.
    consumed: bool,
}

struct Payment {
    consent_id: String,
    initiation: Value,
    status: &'static str,
    /// Reads left before a pending payment shows its outcome.
    pending_reads: u32,
}

/// Consents, payments, their keys, and the provider tokens the bank accepts.
#[derive(Default)]
pub struct Payments {
    consents: BTreeMap<String, Consent>,
    payments: BTreeMap<String, Payment>,
    /// Idempotency key → (body fingerprint, resource id), consents and payments apart.
    consent_keys: BTreeMap<String, (Vec<u8>, String)>,
    payment_keys: BTreeMap<String, (Vec<u8>, String)>,
    /// Client-credentials tokens the provider obtained for its legs.
    tpp_tokens: BTreeSet<String>,
}

impl Payments {
    /// A new client-credentials token for the provider.
    pub(crate) fn issue_tpp_token(&mut self) -> String {
        let token = format!("tpp-{:05}", self.tpp_tokens.len() + 1);
        self.tpp_tokens.insert(token.clone());
        token
    }

    /// Payments the bank made, settled or not.
    pub fn count(&self) -> usize {
        self.payments.len()
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/open-banking/v4.0/pisp/domestic-payment-consents", post(create_consent))
        .route("/open-banking/v4.0/pisp/domestic-payment-consents/{consent_id}", get(read_consent))
        .route("/open-banking/v4.0/pisp/domestic-payments", post(create_payment))
        .route("/open-banking/v4.0/pisp/domestic-payments/{payment_id}", get(read_payment))
}

/// An Open Banking error answer (`OBErrorResponse1`).
fn error(status: StatusCode, headers: &HeaderMap, code: &str, message: &str) -> Response {
    let body = json!({
        "Code": status.as_u16().to_string(),
        "Message": message,
        "Errors": [{"ErrorCode": code, "Message": message}],
    });
    answer(status, headers, body)
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?;
    value.strip_prefix("Bearer ").filter(|t| !t.is_empty()).map(str::to_owned)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty())
}

/// An answer signed by the bank, as the spec requires of every payment answer.
fn signed(status: StatusCode, headers: &HeaderMap, body: Value) -> Response {
    let signature = signing::bank().sign_detached(body.to_string().as_bytes());
    let mut response = answer(status, headers, body);
    if let Ok(value) = HeaderValue::from_str(&signature) {
        response.headers_mut().insert("x-jws-signature", value);
    }
    response
}

fn consent_view(id: &str, consent: &Consent, status: &str) -> Value {
    json!({
        "Data": {
            "ConsentId": id, "CreationDateTime": CREATED_AT, "Status": status,
            "StatusUpdateDateTime": CREATED_AT, "ReadRefundAccount": "No", "Initiation": consent.initiation,
        },
        "Risk": consent.risk,
        "Links": {"Self": format!("{BASE}/domestic-payment-consents/{id}")},
        "Meta": {},
    })
}

fn payment_view(id: &str, payment: &Payment) -> Value {
    let status = if payment.pending_reads > 0 { "ACSP" } else { payment.status };
    json!({
        "Data": {
            "DomesticPaymentId": id, "ConsentId": payment.consent_id, "CreationDateTime": CREATED_AT,
            "Status": status, "StatusUpdateDateTime": CREATED_AT, "Initiation": payment.initiation,
        },
        "Links": {"Self": format!("{BASE}/domestic-payments/{id}")},
        "Meta": {},
    })
}

/// The checks every signed write passes: the key, and the provider's
/// signature of exactly this body. `Err` is the answer to give.
fn signed_write(headers: &HeaderMap, body: &[u8]) -> Result<(String, Value), Box<Response>> {
    let key = header(headers, "x-idempotency-key").ok_or_else(|| {
        Box::new(error(StatusCode::BAD_REQUEST, headers, "UK.OBIE.Header.Missing", "x-idempotency-key is required"))
    })?;
    let signature = header(headers, "x-jws-signature").unwrap_or_default();
    if !signing::provider().verifies(signature, body) {
        let message = "The x-jws-signature is not the payment initiator's signature of this body";
        return Err(Box::new(error(StatusCode::BAD_REQUEST, headers, "UK.OBIE.Signature.Invalid", message)));
    }
    let parsed = serde_json::from_slice::<Value>(body).ok().filter(|v| v["Data"]["Initiation"].is_object());
    let parsed = parsed.ok_or_else(|| {
        Box::new(error(StatusCode::BAD_REQUEST, headers, "UK.OBIE.Field.Invalid", "Data.Initiation is required"))
    })?;
    Ok((key.to_owned(), parsed))
}

fn fingerprint(body: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, body).as_ref().to_vec()
}

async fn create_consent(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    let (key, parsed) = match signed_write(&headers, &body) {
        Ok(checked) => checked,
        Err(response) => return *response,
    };
    let mut bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    let books = &mut bank.payments;
    if !bearer(&headers).is_some_and(|t| books.tpp_tokens.contains(&t)) {
        return error(StatusCode::UNAUTHORIZED, &headers, "UK.OBIE.Unauthorised", "Not a payment initiator's token");
    }
    let seen = fingerprint(&body);
    if let Some((earlier, id)) = books.consent_keys.get(&key) {
        if *earlier != seen {
            return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Field.Invalid", "Key used for another consent");
        }
        let consent = &books.consents[id];
        return signed(StatusCode::CREATED, &headers, consent_view(id, consent, "AWAU"));
    }
    let id = format!("pdc-{:05}", books.consents.len() + 1);
    let consent =
        Consent { initiation: parsed["Data"]["Initiation"].clone(), risk: parsed["Risk"].clone(), consumed: false };
    let view = consent_view(&id, &consent, "AWAU");
    books.consents.insert(id.clone(), consent);
    books.consent_keys.insert(key, (seen, id));
    signed(StatusCode::CREATED, &headers, view)
}

async fn read_consent(Extract(state): Extract<State>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let authorised = {
        let grants = state.oauth.lock().unwrap_or_else(|p| p.into_inner());
        grants.intents.values().any(|c| *c == id)
    };
    let bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    if !bearer(&headers).is_some_and(|t| bank.payments.tpp_tokens.contains(&t)) {
        return error(StatusCode::UNAUTHORIZED, &headers, "UK.OBIE.Unauthorised", "Not a payment initiator's token");
    }
    let Some(consent) = bank.payments.consents.get(&id) else {
        return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Resource.NotFound", "No such consent");
    };
    let status = match (consent.consumed, authorised) {
        (true, _) => "COND",
        (false, true) => "AUTH",
        (false, false) => "AWAU",
    };
    signed(StatusCode::OK, &headers, consent_view(&id, consent, status))
}

/// The amount of a KRW initiation, in won.
fn won(initiation: &Value) -> Option<i64> {
    let amount = &initiation["InstructedAmount"];
    (amount["Currency"] == "KRW").then_some(())?;
    amount["Amount"].as_str()?.parse().ok().filter(|a| *a > 0)
}

async fn create_payment(Extract(state): Extract<State>, headers: HeaderMap, body: Bytes) -> Response {
    let (key, parsed) = match signed_write(&headers, &body) {
        Ok(checked) => checked,
        Err(response) => return *response,
    };
    let consent_id = parsed["Data"]["ConsentId"].as_str().unwrap_or_default().to_owned();
    let token_names = {
        let grants = state.oauth.lock().unwrap_or_else(|p| p.into_inner());
        bearer(&headers).and_then(|t| grants.intents.get(&t).cloned())
    };
    if token_names.as_deref() != Some(consent_id.as_str()) {
        let message = "The user's token does not authorise this consent";
        return error(StatusCode::FORBIDDEN, &headers, "UK.OBIE.Unauthorised", message);
    }
    let knobs = state.knobs();
    let mut bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    let books = &mut bank.payments;
    let seen = fingerprint(&body);
    // Behind an at-least-once queue the bank sees the request twice: only
    // the key keeps the second from paying again.
    let deliveries = if knobs.transfer_delivered_twice { 2 } else { 1 };
    let mut made = None;
    for delivery in 0..deliveries {
        if let Some((earlier, id)) = books.payment_keys.get(&key).cloned() {
            if earlier != seen {
                return error(StatusCode::CONFLICT, &headers, "UK.OBIE.Field.Invalid", "Key used for another payment");
            }
            if delivery > 0 {
                state.platforms.lock().unwrap_or_else(|p| p.into_inner()).injected("transfer_delivered_twice");
            }
            made.get_or_insert(id);
            continue;
        }
        let Some(consent) = books.consents.get_mut(&consent_id) else {
            return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Resource.NotFound", "No such consent");
        };
        if consent.consumed {
            return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Resource.ConsentMismatch", "Consent used");
        }
        let initiation = parsed["Data"]["Initiation"].clone();
        let Some(amount) = won(&initiation).filter(|_| initiation == consent.initiation) else {
            let message = "The payment is not the consent's";
            return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Resource.ConsentMismatch", message);
        };
        consent.consumed = true;
        let destination = initiation["EndToEndIdentification"].as_str().unwrap_or_default().to_owned();
        let mut platforms = state.platforms.lock().unwrap_or_else(|p| p.into_inner());
        let refused = knobs.transfers_refused || knobs.refuse_transfers_from.as_deref() == Some("sandbox-bank");
        if refused {
            platforms.injected("transfer_refused");
        }
        let paid = !refused && platforms.move_out(KRW_BOOK, amount, &destination);
        if knobs.transfer_pending_reads > 0 {
            platforms.injected("transfer_pending");
        }
        drop(platforms);
        let id = format!("pay-{:05}", books.payments.len() + 1);
        let status = if paid { "ACSC" } else { "RJCT" };
        let payment =
            Payment { consent_id: consent_id.clone(), initiation, status, pending_reads: knobs.transfer_pending_reads };
        books.payments.insert(id.clone(), payment);
        books.payment_keys.insert(key.clone(), (seen.clone(), id.clone()));
        made = Some(id);
    }
    let id = made.unwrap_or_default();
    let view = payment_view(&id, &books.payments[&id]);
    drop(bank);
    let lost = {
        let mut knobs = state.knobs.lock().unwrap_or_else(|p| p.into_inner());
        let lost = knobs.transfer_lost_answers > 0;
        knobs.transfer_lost_answers = knobs.transfer_lost_answers.saturating_sub(1);
        lost
    };
    if lost {
        // The bank paid; the answer never arrives.
        state.platforms.lock().unwrap_or_else(|p| p.into_inner()).injected("transfer_answer_lost");
        return error(StatusCode::INTERNAL_SERVER_ERROR, &headers, "UK.OBIE.UnexpectedError", "The answer was lost");
    }
    signed(StatusCode::CREATED, &headers, view)
}

async fn read_payment(Extract(state): Extract<State>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let mut bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    let books = &mut bank.payments;
    if !bearer(&headers).is_some_and(|t| books.tpp_tokens.contains(&t)) {
        return error(StatusCode::UNAUTHORIZED, &headers, "UK.OBIE.Unauthorised", "Not a payment initiator's token");
    }
    let Some(payment) = books.payments.get_mut(&id) else {
        return error(StatusCode::BAD_REQUEST, &headers, "UK.OBIE.Resource.NotFound", "No such payment");
    };
    let view = payment_view(&id, payment);
    payment.pending_reads = payment.pending_reads.saturating_sub(1);
    signed(StatusCode::OK, &headers, view)
}
