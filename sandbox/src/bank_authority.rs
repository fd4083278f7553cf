//! The provider as the regulated payment initiator: for a bank leg it
//! lends the wallet its client-credentials token at the bank and signs the
//! exact payment request the wallet is about to send, but only when that
//! request pays exactly the leg's amount into the provider's collection
//! account under the leg's reference (`docs/provider-api.yaml`,
//! `POST /withdrawals/{id}/legs/{leg_id}/bank-authority`).

use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::collection::{Leg, BANK_PAYMENT, COLLECTION_ACCOUNT};
use crate::payouts::{down, problem};
use crate::{signing, State};

/// Why the payload is not this leg's payment, if it is not.
fn not_this_leg(leg: &Leg, payload: &Value) -> Option<&'static str> {
    let initiation = &payload["Data"]["Initiation"];
    let amount = &initiation["InstructedAmount"];
    if amount["Currency"] != "KRW" || amount["Amount"].as_str() != Some(leg.amount.to_string().as_str()) {
        return Some("The payment is not for the leg's amount");
    }
    let creditor = &initiation["CreditorAccount"];
    let (scheme, identification, _) = COLLECTION_ACCOUNT;
    if creditor["SchemeName"] != scheme || creditor["Identification"] != identification {
        return Some("The payment is not to the provider's collection account");
    }
    if initiation["EndToEndIdentification"] != leg.destination.as_str() {
        return Some("The payment does not carry the leg's reference");
    }
    None
}

pub(crate) async fn lend(
    Extract(state): Extract<State>,
    Path((id, leg_id)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    if let Some(refused) = down(&state) {
        return refused;
    }
    let leg = {
        let payouts = state.payouts.lock().unwrap_or_else(|p| p.into_inner());
        payouts.legs.get(&id).and_then(|legs| legs.leg(&leg_id)).filter(|l| l.method == BANK_PAYMENT).cloned()
    };
    let Some(leg) = leg else { return problem(StatusCode::NOT_FOUND, "No such bank leg") };
    let mut answer = json!({"expires_in": 300});
    if let Some(text) = body["payload"].as_str() {
        let Ok(payload) = serde_json::from_str::<Value>(text) else {
            return problem(StatusCode::UNPROCESSABLE_ENTITY, "The payload is not JSON");
        };
        if let Some(reason) = not_this_leg(&leg, &payload) {
            return problem(StatusCode::UNPROCESSABLE_ENTITY, reason);
        }
        answer["jws_signature"] = json!(signing::provider().sign_detached(text.as_bytes()));
    }
    let token = state.bank.lock().unwrap_or_else(|p| p.into_inner()).payments.issue_tpp_token();
    answer["access_token"] = json!(token);
    Json(answer).into_response()
}
