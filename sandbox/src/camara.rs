//! CAMARA Carrier Billing v0.5 (the user's payments) and Carrier Billing
//! Refund v0.3 (what is left to refund, and refunds), in the specs' shapes,
//! with KRW phone-bill purchases. Each access token sees its own copy of
//! the payments, so refunds in one test never change another's numbers.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State as Extract};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::State;

/// What is left to refund per payment, per access token, and the refunds
/// made, by `clientCorrelator` (a repeat gets the first answer back).
#[derive(Default)]
pub struct Operator {
    remaining: BTreeMap<String, BTreeMap<String, i64>>,
    refunds: BTreeMap<String, Value>,
}

impl Operator {
    /// The token's copy of what is left to refund, made from the list the
    /// first time the token is seen.
    fn payments(&mut self, token: &str, older: usize) -> &mut BTreeMap<String, i64> {
        self.remaining
            .entry(token.to_owned())
            .or_insert_with(|| listed(older).into_iter().map(|p| (p.id, p.left)).collect())
    }
}

/// One payment as listed.
struct Listed {
    id: String,
    amount: i64,
    left: i64,
    status: &'static str,
}

/// The user's payments, newest first: the fixed ones, then `older` older
/// ones (the `carrier_older_payments` knob), each a ₩1,000 purchase with
/// ₩100 left to refund, so a client that stops early counts too little.
fn listed(older: usize) -> Vec<Listed> {
    let fixed = PAYMENTS.iter().map(|(id, amount, left, status)| Listed {
        id: (*id).to_owned(),
        amount: *amount,
        left: *left,
        status,
    });
    let tail =
        (0..older).map(|n| Listed { id: format!("pay-old-{n:05}"), amount: 1_000, left: 100, status: "succeeded" });
    fixed.chain(tail).collect()
}

/// Payments, newest first: id, amount, what is left to refund (in won) and
/// status. The newest is still `processing`, and is listed even though
/// clients ask for `succeeded` ones only, as an operator that ignores the
/// filter would: it must not count. Ten older purchases were refunded
/// already, so the one oldest payment with money left sits on the second
/// page of ten.
const PAYMENTS: [(&str, i64, i64, &str); 13] = [
    ("pay-0b9e77", 7_000, 7_000, "processing"),
    ("pay-7f3a21", 5_500, 5_500, "succeeded"),
    ("pay-61d0a1", 1_100, 0, "succeeded"),
    ("pay-61d0a2", 2_200, 0, "succeeded"),
    ("pay-61d0a3", 3_300, 0, "succeeded"),
    ("pay-61d0a4", 4_400, 0, "succeeded"),
    ("pay-61d0a5", 1_500, 0, "succeeded"),
    ("pay-61d0a6", 2_500, 0, "succeeded"),
    ("pay-61d0a7", 3_500, 0, "succeeded"),
    ("pay-61d0a8", 4_500, 0, "succeeded"),
    ("pay-61d0a9", 990, 0, "succeeded"),
    ("pay-61d0b0", 9_900, 0, "succeeded"),
    ("pay-9c0e44", 12_000, 3_000, "succeeded"),
];

/// The most payments one page holds, whatever `perPage` asks for: real
/// operators cap pages too, and clients must follow `X-Total-Count`.
const MAX_PER_PAGE: usize = 10;

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/carrier-billing/v0.5/payments", get(payments))
        .route("/carrier-billing-refund/v0.3/payments/{payment_id}/refunds/remaining-amount", get(remaining))
        .route("/carrier-billing-refund/v0.3/payments/{payment_id}/refunds", axum::routing::post(create_refund))
}

fn authorised(headers: &HeaderMap) -> bool {
    token(headers).is_some()
}

fn token(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").filter(|t| !t.is_empty())
}

fn error(headers: &HeaderMap, status: StatusCode, code: &str, message: &str) -> Response {
    let mut response =
        json_with_correlator(headers, json!({"status": status.as_u16(), "code": code, "message": message}));
    *response.status_mut() = status;
    response
}

fn json_with_correlator(headers: &HeaderMap, body: Value) -> Response {
    let correlator = headers.get("x-correlator").cloned();
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    if let Some(value) = correlator {
        response.headers_mut().insert("x-correlator", value);
    }
    response
}

/// `GET /payments`: one page, newest first, with `X-Total-Count`.
async fn payments(
    Extract(state): Extract<State>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let number = |name: &str, default: usize| query.get(name).map_or(Some(default), |v| v.parse::<usize>().ok());
    let (Some(page), Some(per_page)) = (number("page", 1), number("perPage", 10)) else {
        return error(&headers, StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", "page and perPage are integers.");
    };
    if page == 0 || per_page == 0 {
        return error(&headers, StatusCode::BAD_REQUEST, "OUT_OF_RANGE", "page and perPage start at 1.");
    }
    let per_page = per_page.min(MAX_PER_PAGE);
    let all = listed(state.knobs().carrier_older_payments);
    let total = all.len();
    let list: Vec<Value> = all
        .into_iter()
        .enumerate()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|(n, Listed { id, amount, status, .. })| {
            let day = 20 - n.min(19);
            json!({
                "paymentId": id,
                "paymentStatus": status,
                "paymentCreationDate": format!("2026-11-{day:02}T11:02:00Z"),
                "paymentDate": format!("2026-11-{day:02}T11:02:05Z"),
                "amountTransaction": {
                    "phoneNumber": "+821012345678",
                    "paymentAmount": {
                        "chargingInformation": {"amount": amount, "currency": "KRW", "description": "Game item"}
                    },
                    "referenceCode": format!("ref-{id}")
                }
            })
        })
        .collect();
    let mut response = json_with_correlator(&headers, Value::Array(list));
    response.headers_mut().insert("x-total-count", total.into());
    response
}

async fn remaining(Extract(state): Extract<State>, Path(payment_id): Path<String>, headers: HeaderMap) -> Response {
    let Some(token) = token(&headers) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let older = state.knobs().carrier_older_payments;
    let mut operator = state.operator.lock().unwrap_or_else(|p| p.into_inner());
    match operator.payments(token, older).get(payment_id.as_str()) {
        Some(left) => json_with_correlator(&headers, json!({"amount": left, "currency": "KRW"})),
        None => error(&headers, StatusCode::NOT_FOUND, "NOT_FOUND", "The specified resource is not found."),
    }
}

/// `POST /payments/{paymentId}/refunds`: a partial refund of at most what
/// is left, or a total one of all of it.
async fn create_refund(
    Extract(state): Extract<State>,
    Path(payment_id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let Some(token) = token(&headers) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return error(&headers, StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", "The body is not JSON.");
    };
    let transaction = &request["amountTransaction"];
    let correlator = transaction["clientCorrelator"].as_str().map(|c| format!("{token}/{payment_id}/{c}"));
    let older = state.knobs().carrier_older_payments;
    let mut operator = state.operator.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(first) = correlator.as_ref().and_then(|c| operator.refunds.get(c)) {
        let mut response = json_with_correlator(&headers, first.clone());
        *response.status_mut() = StatusCode::CREATED;
        return response;
    }
    let number = operator.refunds.len() + 1;
    let payments = operator.payments(token, older);
    let Some(left) = payments.get_mut(payment_id.as_str()) else {
        return error(&headers, StatusCode::NOT_FOUND, "NOT_FOUND", "The specified resource is not found.");
    };
    let kind = request["type"].as_str().unwrap_or_default();
    let amount = match kind {
        "total" => *left,
        "partial" => transaction["refundAmount"]["chargingInformation"]["amount"].as_f64().unwrap_or(0.0) as i64,
        _ => return error(&headers, StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", "Unknown refund type."),
    };
    if amount <= 0 || amount > *left {
        let message = "Unauthorized amount requested.";
        return error(
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            "CARRIER_BILLING_REFUND.UNAUTHORIZED_AMOUNT",
            message,
        );
    }
    *left -= amount;
    let refund = json!({
        "refundId": format!("rf-{number:05}"),
        "refundStatus": "succeeded",
        "type": kind,
        "refundCreationDate": "2026-11-25T10:00:00Z",
        "refundDate": "2026-11-25T10:00:01Z",
        "amountTransaction": transaction,
    });
    if let Some(correlator) = correlator {
        operator.refunds.insert(correlator, refund.clone());
    }
    let mut response = json_with_correlator(&headers, refund);
    *response.status_mut() = StatusCode::CREATED;
    response
}
