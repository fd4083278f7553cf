//! CAMARA Carrier Billing v0.5 (the user's payments) and Carrier Billing
//! Refund v0.3 (what is left to refund), in the specs' shapes, with KRW
//! phone-bill purchases.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::State;

/// Settled payments and what is left to refund on each, in won.
const PAYMENTS: [(&str, i64, i64); 2] = [("pay-7f3a21", 5_500, 5_500), ("pay-9c0e44", 12_000, 3_000)];

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/carrier-billing/v0.5/payments", get(payments))
        .route("/carrier-billing-refund/v0.3/payments/{payment_id}/refunds/remaining-amount", get(remaining))
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
}

fn json_with_correlator(headers: &HeaderMap, body: Value) -> Response {
    let correlator = headers.get("x-correlator").cloned();
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    if let Some(value) = correlator {
        response.headers_mut().insert("x-correlator", value);
    }
    response
}

async fn payments(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let list: Vec<Value> = PAYMENTS
        .iter()
        .map(|(id, amount, _)| {
            json!({
                "paymentId": id,
                "paymentStatus": "succeeded",
                "paymentCreationDate": "2026-11-20T11:02:00Z",
                "paymentDate": "2026-11-20T11:02:05Z",
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
    json_with_correlator(&headers, Value::Array(list))
}

async fn remaining(Path(payment_id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match PAYMENTS.iter().find(|(id, _, _)| *id == payment_id) {
        Some((_, _, left)) => json_with_correlator(&headers, json!({"amount": left, "currency": "KRW"})),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
