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
/// Its KRW parking account, the one bank payments are made from.
pub const KRW_ACCOUNT_ID: &str = "acc-1003";
/// The KRW account's book in the sandbox's money ledger (`Platforms`),
/// named after the bank: a top-up of `sandbox-bank` tops this account up.
pub const KRW_BOOK: &str = "sandbox-bank";
/// The KRW account's starting balance, in won.
pub const KRW_START: i64 = 9_500;
const BASE: &str = "https://sandbox.example/open-banking/v4.0/aisp";
pub(crate) const CREATED_AT: &str = "2026-11-25T09:00:00Z";

/// Consents created so far, by id, and the payment side's books.
#[derive(Default)]
pub struct Bank {
    consents: BTreeMap<String, Value>,
    pub(crate) payments: crate::bank_payments::Payments,
}

pub(crate) fn routes() -> Router<State> {
    crate::bank_payments::routes()
        .route("/open-banking/v4.0/aisp/account-access-consents", post(create_consent))
        .route("/open-banking/v4.0/aisp/account-access-consents/{consent_id}", get(consent))
        .route("/open-banking/v4.0/aisp/accounts", get(accounts))
        .route("/open-banking/v4.0/aisp/accounts/{account_id}/balances", get(balances))
}

/// Accounts with their balances: (id, currency, type code, nickname,
/// [(type, date, amount)]). The KRW account's balance lives in the books.
type Account =
    (&'static str, &'static str, &'static str, &'static str, [(&'static str, &'static str, &'static str); 2]);
const ACCOUNTS: [Account; 3] = [
    (
        ACCOUNT_ID,
        "GBP",
        "CACC",
        "Everyday",
        [("ITAV", "2026-11-25T09:30:00Z", "48.20"), ("CLBD", "2026-11-24T23:59:59Z", "50.00")],
    ),
    (
        EMONEY_ACCOUNT_ID,
        "GBP",
        "MOMA",
        "Travel card",
        [("ITAV", "2026-11-25T09:30:00Z", "3.75"), ("CLBD", "2026-11-24T23:59:59Z", "3.75")],
    ),
    (KRW_ACCOUNT_ID, "KRW", "CACC", "Parking account", [("ITAV", "2026-11-25T09:30:00Z", ""), ("", "", "")]),
];

/// A JSON answer with the request's `x-fapi-interaction-id` echoed, as the
/// spec requires on every answer.
pub(crate) fn answer(status: StatusCode, headers: &HeaderMap, body: Value) -> Response {
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
        .map(|(id, currency, code, nickname, _)| {
            json!({"AccountId": id, "Status": "Enabled", "Currency": currency, "AccountCategory": "Personal",
                   "AccountTypeCode": code, "Nickname": nickname})
        })
        .collect();
    let body =
        json!({"Data": {"Account": list}, "Links": {"Self": format!("{BASE}/accounts")}, "Meta": {"TotalPages": 1}});
    answer(StatusCode::OK, &headers, body)
}

async fn balances(Extract(state): Extract<State>, Path(account_id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some((id, currency, _, _, balances)) = ACCOUNTS.iter().find(|(id, ..)| *id == account_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let won = state.platforms.lock().unwrap_or_else(|p| p.into_inner()).balance(KRW_BOOK).unwrap_or(0);
    let list: Vec<Value> = balances
        .iter()
        .filter(|(kind, ..)| !kind.is_empty())
        .map(|(kind, at, amount)| {
            // The KRW account's balance moves with payments: it is read from the books.
            let amount = if *id == KRW_ACCOUNT_ID { won.to_string() } else { (*amount).to_owned() };
            json!({"AccountId": id, "CreditDebitIndicator": "Credit", "Type": kind, "DateTime": at,
                   "Amount": {"Amount": amount, "Currency": currency}})
        })
        .collect();
    let body = json!({
        "Data": {"Balance": list},
        "Links": {"Self": format!("{BASE}/accounts/{id}/balances")},
        "Meta": {"TotalPages": 1}
    });
    answer(StatusCode::OK, &headers, body)
}
