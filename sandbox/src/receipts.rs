//! Receipts for completed withdrawals (`GET /withdrawals/{id}/receipt`):
//! the figures of the quote the withdrawal carried out, when it completed,
//! and the bank's reference. The `receipt_fee_offset` knob makes the
//! provider charge other than it quoted.

use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::State;

pub(crate) fn routes() -> Router<State> {
    Router::new().route("/sweep-provider/v1/withdrawals/{id}/receipt", get(receipt))
}

async fn receipt(Extract(state): Extract<State>, Path(id): Path<String>) -> Response {
    let offset = state.knobs().receipt_fee_offset;
    let found = state.payouts.lock().unwrap_or_else(|p| p.into_inner()).receipt(&id);
    let mut figures = match found {
        None => return StatusCode::NOT_FOUND.into_response(),
        Some(Err(status)) => {
            let title = format!("The withdrawal is {status}; a receipt comes once it is completed");
            return crate::provider::problem(StatusCode::CONFLICT, &title, json!({}));
        }
        Some(Ok(figures)) => figures,
    };
    if offset != 0 {
        let charged = |v: &Value, by: i64| json!(v.as_i64().unwrap_or(0) + by);
        figures["total_fee"] = charged(&figures["total_fee"], offset);
        figures["total_net"] = charged(&figures["total_net"], -offset);
    }
    figures["withdrawal_id"] = json!(id);
    figures["reference"] = json!(format!("SWP{}", id.trim_start_matches("wd-")));
    Json(figures).into_response()
}
