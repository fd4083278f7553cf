//! UK Open Banking v4.0 account information, in the spec's shapes (Prism
//! in proxy mode with `--errors` checks them): account-access consents,
//! the account list and each account's balances. The sandbox bank
//! authorises every consent at once, as its OAuth issuer approves every
//! sign-in.

use std::collections::BTreeMap;

use axum::extract::{Path, State as Extract};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::State;

/// The sandbox's current account.
pub const ACCOUNT_ID: &str = "acc-1001";
/// Its e-money account.
pub const EMONEY_ACCOUNT_ID: &str = "acc-1002";
const BASE: &str = "https://sandbox.example/open-banking/v4.0/aisp";
const CREATED_AT: &str = "2026-11-25T09:00:00Z";

/// Consents created so far, by id.
#[derive(Default)]
pub struct Bank {
    consents: BTreeMap<String, Value>,
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/open-banking/v4.0/aisp/account-access-consents", post(create_consent))
        .route("/open-banking/v4.0/aisp/account-access-consents/{consent_id}", get(consent))
        .route("/open-banking/v4.0/aisp/accounts", get(accounts))
        .route("/open-banking/v4.0/aisp/accounts/{account_id}/balances", get(balances))
}

/// Accounts with their balances: (id, type code, nickname, [(type, date, amount)]).
type Account = (&'static str, &'static str, &'static str, [(&'static str, &'static str, &'static str); 2]);
const ACCOUNTS: [Account; 2] = [
    (
        ACCOUNT_ID,
        "CACC",
        "Everyday",
        [("ITAV", "2026-11-25T09:30:00Z", "48.20"), ("CLBD", "2026-11-24T23:59:59Z", "50.00")],
    ),
    (
        EMONEY_ACCOUNT_ID,
        "MOMA",
        "Travel card",
        [("ITAV", "2026-11-25T09:30:00Z", "3.75"), ("CLBD", "2026-11-24T23:59:59Z", "3.75")],
    ),
];

/// A JSON answer with the request's `x-fapi-interaction-id` echoed, as the
/// spec requires on every answer.
fn answer(status: StatusCode, headers: &HeaderMap, body: Value) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    let interaction = headers
        .get("x-fapi-interaction-id")
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("00000000-0000-4000-8000-000000000000"));
    response.headers_mut().insert("x-fapi-interaction-id", interaction);
    response
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).is_some_and(|v| v.len() > "Bearer ".len())
}

fn consent_body(id: &str, status: &str, data: &Value) -> Value {
    let mut out = json!({
        "ConsentId": id,
        "CreationDateTime": CREATED_AT,
        "Status": status,
        "StatusUpdateDateTime": CREATED_AT,
        "Permissions": data["Permissions"],
    });
    if let Some(expiry) = data.get("ExpirationDateTime") {
        out["ExpirationDateTime"] = expiry.clone();
    }
    json!({"Data": out, "Risk": {}, "Links": {"Self": format!("{BASE}/account-access-consents/{id}")}, "Meta": {}})
}

async fn create_consent(Extract(state): Extract<State>, headers: HeaderMap, body: String) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let data = request["Data"].clone();
    if data["Permissions"].as_array().is_none_or(|p| p.is_empty()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let mut bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    let id = format!("aac-{:04}", bank.consents.len() + 1);
    bank.consents.insert(id.clone(), data.clone());
    answer(StatusCode::CREATED, &headers, consent_body(&id, "AWAU", &data))
}

async fn consent(Extract(state): Extract<State>, Path(consent_id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let bank = state.bank.lock().unwrap_or_else(|p| p.into_inner());
    match bank.consents.get(&consent_id) {
        Some(data) => answer(StatusCode::OK, &headers, consent_body(&consent_id, "AUTH", data)),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn accounts(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let list: Vec<Value> = ACCOUNTS
        .iter()
        .map(|(id, code, nickname, _)| {
            json!({"AccountId": id, "Status": "Enabled", "Currency": "GBP", "AccountCategory": "Personal",
                   "AccountTypeCode": code, "Nickname": nickname})
        })
        .collect();
    let body =
        json!({"Data": {"Account": list}, "Links": {"Self": format!("{BASE}/accounts")}, "Meta": {"TotalPages": 1}});
    answer(StatusCode::OK, &headers, body)
}

async fn balances(Path(account_id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some((id, _, _, balances)) = ACCOUNTS.iter().find(|(id, ..)| *id == account_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let list: Vec<Value> = balances
        .iter()
        .map(|(kind, at, amount)| {
            json!({"AccountId": id, "CreditDebitIndicator": "Credit", "Type": kind, "DateTime": at,
                   "Amount": {"Amount": amount, "Currency": "GBP"}})
        })
        .collect();
    let body = json!({
        "Data": {"Balance": list},
        "Links": {"Self": format!("{BASE}/accounts/{id}/balances")},
        "Meta": {"TotalPages": 1}
    });
    answer(StatusCode::OK, &headers, body)
}
