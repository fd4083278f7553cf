//! The provider's check that a payee's holder name is the account's
//! (`POST /payees/name-check`), as Korean banks' account-holder inquiry
//! (예금주 조회) and the UK's Confirmation of Payee do. A payee is stored
//! only when the names match; a close match comes back with the name the
//! account has, so the app can offer it, and nothing is stored.

use serde::Deserialize;

use super::payees::PayeeRequest;
use crate::sources::http;
use crate::SweepError;

/// What the provider found.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum NameCheck {
    /// The name is the account's.
    Match,
    /// Nearly: for example the words in another order. The account's name
    /// comes with it.
    CloseMatch {
        /// The name the account has.
        account_name: String,
    },
    /// Not the account's name.
    NoMatch,
}

impl NameCheck {
    /// `Ok` on a match; otherwise the typed refusal.
    pub fn require_match(self) -> Result<(), SweepError> {
        match self {
            NameCheck::Match => Ok(()),
            NameCheck::CloseMatch { account_name } => {
                Err(SweepError::PayeeNameMismatch { result: "close_match".into(), suggested_name: Some(account_name) })
            }
            NameCheck::NoMatch => {
                Err(SweepError::PayeeNameMismatch { result: "no_match".into(), suggested_name: None })
            }
        }
    }
}

/// Asks the provider whether `request`'s holder name is the account's.
/// The request must already be validated.
pub async fn check(provider_url: &str, request: &PayeeRequest) -> Result<NameCheck, SweepError> {
    let url = http::api_base(provider_url)?
        .join("payees/name-check")
        .map_err(|e| SweepError::invalid("provider_url", e.to_string()))?;
    let body = serde_json::json!({ "payee": request.destination, "holder_name": request.holder_name });
    http::send_json(url, None, Some(&body), &[]).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_reads_and_only_a_match_passes() {
        let close: NameCheck = serde_json::from_str(r#"{"result":"close_match","account_name":"Kim Minji"}"#).unwrap();
        assert!(matches!(
            close.require_match(),
            Err(SweepError::PayeeNameMismatch { ref suggested_name, .. }) if suggested_name.as_deref() == Some("Kim Minji")
        ));
        let none: NameCheck = serde_json::from_str(r#"{"result":"no_match"}"#).unwrap();
        assert!(none.require_match().is_err());
        assert!(serde_json::from_str::<NameCheck>(r#"{"result":"match"}"#).unwrap().require_match().is_ok());
        assert!(serde_json::from_str::<NameCheck>(r#"{"result":"maybe"}"#).is_err(), "an unknown answer is refused");
    }
}
