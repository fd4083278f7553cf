//! The provider's payee name check (`POST /payees/name-check`): is this
//! the name on the account? The sandbox's directory starts with one
//! account (Shinhan 110123456789, held by Kim Minji); any other account is
//! opened in the name it is first checked with, so every later check of it
//! is a real comparison.

use std::collections::BTreeMap;

use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::State;

/// Account holders by destination (its JSON, as sent).
pub struct Directory {
    holders: BTreeMap<String, String>,
}

impl Default for Directory {
    fn default() -> Self {
        let shinhan = json!({"type": "kr_bank_account", "bank_code": "088", "account_number": "110123456789"});
        Directory { holders: BTreeMap::from([(shinhan.to_string(), "Kim Minji".to_owned())]) }
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new().route("/sweep-provider/v1/payees/name-check", post(check))
}

/// Lower case, without spaces or punctuation: "KIM Min-ji" is "kimminji".
fn squashed(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words, squashed and sorted: "Minji Kim" has the words of "Kim Minji".
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split_whitespace().map(squashed).filter(|w| !w.is_empty()).collect();
    words.sort();
    words
}

/// `match`, `close_match` (the same words in another order) or `no_match`.
fn compare(given: &str, holder: &str) -> Value {
    if squashed(given) == squashed(holder) {
        json!({"result": "match"})
    } else if words(given) == words(holder) {
        json!({"result": "close_match", "account_name": holder})
    } else {
        json!({"result": "no_match"})
    }
}

async fn check(Extract(state): Extract<State>, Json(body): Json<Value>) -> Response {
    let (Some(payee), Some(given)) = (body.get("payee").filter(|p| p.is_object()), body["holder_name"].as_str()) else {
        let problem = json!({"type": "about:blank", "title": "payee and holder_name are required", "status": 400});
        return (StatusCode::BAD_REQUEST, Json(problem)).into_response();
    };
    let mut directory = state.directory.lock().unwrap_or_else(|p| p.into_inner());
    let holder = directory.holders.entry(payee.to_string()).or_insert_with(|| given.to_owned());
    Json(compare(given, holder)).into_response()
}

#[cfg(test)]
mod tests {
    use super::compare;

    #[test]
    fn names_compare_by_letters_then_by_words() {
        assert_eq!(compare("KIM Min-ji", "Kim Minji")["result"], "match");
        assert_eq!(compare("Minji Kim", "Kim Minji")["result"], "close_match");
        assert_eq!(compare("Lee Jiwoo", "Kim Minji")["result"], "no_match");
    }
}
