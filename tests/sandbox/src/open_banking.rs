//! UK Open Banking v4.0 account information: one account's balances, in the
//! spec's shape (Prism in proxy mode with `--errors` checks it).

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

use crate::State;

/// The sandbox's one account.
pub const ACCOUNT_ID: &str = "acc-1001";

pub(crate) fn routes() -> Router<State> {
    Router::new().route("/open-banking/v4.0/aisp/accounts/{account_id}/balances", get(balances))
}

async fn balances(Path(account_id): Path<String>, headers: HeaderMap) -> Response {
    if !headers.contains_key(header::AUTHORIZATION) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if account_id != ACCOUNT_ID {
        return StatusCode::NOT_FOUND.into_response();
    }
    let amount = json!({"Amount": "48.20", "Currency": "GBP"});
    let body = json!({
        "Data": {"Balance": [
            {"AccountId": ACCOUNT_ID, "CreditDebitIndicator": "Credit", "Type": "ITAV",
             "DateTime": "2026-11-25T09:30:00Z", "Amount": amount},
            {"AccountId": ACCOUNT_ID, "CreditDebitIndicator": "Credit", "Type": "CLBD",
             "DateTime": "2026-11-24T23:59:59Z", "Amount": {"Amount": "50.00", "Currency": "GBP"}}
        ]},
        "Links": {"Self": format!("https://sandbox.example/open-banking/v4.0/aisp/accounts/{ACCOUNT_ID}/balances")},
        "Meta": {"TotalPages": 1}
    });
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    // The spec requires the interaction id back on every answer.
    let interaction = headers
        .get("x-fapi-interaction-id")
        .cloned()
        .unwrap_or_else(|| header::HeaderValue::from_static("00000000-0000-4000-8000-000000000000"));
    response.headers_mut().insert("x-fapi-interaction-id", interaction);
    response
}
