//! CAMARA Number Verification v2.1 and KYC Match v0.4, in the specs'
//! shapes, against one sandbox subscriber.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::State;

/// The sandbox subscriber's number, as the operator knows it.
pub const SUBSCRIBER_NUMBER: &str = "+821012345678";
const NAME: &str = "Kim Minji";
const BIRTHDATE: &str = "1994-03-15";
const ID_NUMBER: &str = "940315-2000000";

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/number-verification/v2/verify", post(verify))
        .route("/kyc-match/v0.4/match", post(kyc_match))
        .route("/sim-swap/v2/check", post(sim_swap))
}

/// SIM Swap: swapped when the `sim_swapped` knob says so.
async fn sim_swap(
    axum::extract::State(state): axum::extract::State<State>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if body["phoneNumber"].as_str().is_none() {
        return StatusCode::BAD_REQUEST.into_response();
    }
    answer(&headers, json!({ "swapped": state.knobs().sim_swapped }))
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).is_some_and(|v| v.len() > "Bearer ".len())
}

/// Notes the caller's token, so tests can tell whose sign-in it came from.
fn note_token(state: &State, headers: &HeaderMap) {
    let token =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if let Some(token) = token {
        state.identity_tokens.lock().unwrap_or_else(|p| p.into_inner()).push(token.to_owned());
    }
}

fn answer(headers: &HeaderMap, body: Value) -> Response {
    let mut response = Json(body).into_response();
    if let Some(correlator) = headers.get("x-correlator") {
        response.headers_mut().insert("x-correlator", correlator.clone());
    }
    response
}

async fn verify(
    axum::extract::State(state): axum::extract::State<State>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    note_token(&state, &headers);
    let verified = body["phoneNumber"].as_str() == Some(SUBSCRIBER_NUMBER);
    answer(&headers, json!({ "devicePhoneNumberVerified": verified }))
}

async fn kyc_match(
    axum::extract::State(state): axum::extract::State<State>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    note_token(&state, &headers);
    let result = |field: &str, expected: &str| match body[field].as_str() {
        None => "not_available",
        Some(given) if given.eq_ignore_ascii_case(expected) => "true",
        Some(_) => "false",
    };
    answer(
        &headers,
        json!({
            "nameMatch": result("name", NAME),
            "birthdateMatch": result("birthdate", BIRTHDATE),
            "idDocumentMatch": result("idDocument", ID_NUMBER),
        }),
    )
}
