//! Carrier-backed checks over CAMARA, with the user's three-legged token
//! (Authorization Code with PKCE, from linking the operator; no client
//! secret on the device):
//!
//! - Number Verification v2.1 (`POST /verify`): is the device's number the
//!   number the user gave?
//! - KYC Match v0.4 (`POST /match`): do the name, birthdate and ID number
//!   match the operator's records?

use serde::Deserialize;
use serde_json::json;

use crate::sources::http;
use crate::SweepError;

/// An operator's answer for one attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum MatchResult {
    /// It matches the operator's record.
    Matches,
    /// It does not.
    DoesNotMatch,
    /// The operator cannot say.
    NotAvailable,
}

impl MatchResult {
    fn from_wire(text: Option<&str>) -> MatchResult {
        match text {
            Some("true") => MatchResult::Matches,
            Some("false") => MatchResult::DoesNotMatch,
            _ => MatchResult::NotAvailable,
        }
    }
}

/// What the user says about themselves, to check with the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct KycClaims {
    /// The phone number, E.164 (`+821012345678`).
    pub phone_number: String,
    /// The full name.
    pub name: String,
    /// The birthdate, `YYYY-MM-DD`.
    pub birthdate: String,
    /// The ID document's number.
    pub id_number: String,
}

/// The operator's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct KycMatch {
    /// The name.
    pub name: MatchResult,
    /// The birthdate.
    pub birthdate: MatchResult,
    /// The ID number.
    pub id_number: MatchResult,
}

impl KycMatch {
    /// True when all three match.
    pub fn all_match(&self) -> bool {
        [self.name, self.birthdate, self.id_number].iter().all(|r| *r == MatchResult::Matches)
    }
}

/// Refuses anything that is not an E.164 number.
pub fn check_e164(phone: &str) -> Result<(), SweepError> {
    let digits = phone.strip_prefix('+').unwrap_or_default();
    let ok = (5..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    if ok {
        Ok(())
    } else {
        Err(SweepError::invalid("phone_number", "must be E.164, for example +821012345678"))
    }
}

fn correlator() -> String {
    let mut bytes = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn post<T: serde::de::DeserializeOwned>(
    base: &str,
    path: &str,
    token: &str,
    body: serde_json::Value,
) -> Result<T, SweepError> {
    let url = http::api_base(base)?.join(path).map_err(|e| SweepError::invalid("base_url", e.to_string()))?;
    http::send_json(url, Some(token), Some(&body), &[("x-correlator", correlator())]).await
}

#[derive(Deserialize)]
struct Verified {
    #[serde(rename = "devicePhoneNumberVerified")]
    verified: bool,
}

/// Number Verification: true when the device's number is `phone_number`.
pub async fn verify_number(base: &str, token: &str, phone_number: &str) -> Result<bool, SweepError> {
    check_e164(phone_number)?;
    let answer: Verified = post(base, "verify", token, json!({ "phoneNumber": phone_number })).await?;
    Ok(answer.verified)
}

/// The operator's KYC Match answer.
#[derive(Deserialize)]
pub(crate) struct Matched {
    #[serde(rename = "nameMatch")]
    name: Option<String>,
    #[serde(rename = "birthdateMatch")]
    birthdate: Option<String>,
    #[serde(rename = "idDocumentMatch")]
    id_document: Option<String>,
}

/// KYC Match of name, birthdate and ID number.
pub async fn match_kyc(base: &str, token: &str, claims: &KycClaims) -> Result<KycMatch, SweepError> {
    check_e164(&claims.phone_number)?;
    let date_ok =
        claims.birthdate.len() == 10 && humantime::parse_rfc3339(&format!("{}T00:00:00Z", claims.birthdate)).is_ok();
    if !date_ok {
        return Err(SweepError::invalid("birthdate", "must be YYYY-MM-DD"));
    }
    if claims.name.trim().is_empty() {
        return Err(SweepError::invalid("name", "the name is needed"));
    }
    if claims.id_number.trim().is_empty() {
        return Err(SweepError::invalid("id_number", "the ID number is needed"));
    }
    let body = json!({
        "phoneNumber": claims.phone_number,
        "idDocument": claims.id_number,
        "name": claims.name,
        "birthdate": claims.birthdate,
    });
    Ok(kyc_from(post(base, "match", token, body).await?))
}

/// The operator's answers, one per attribute.
pub(crate) fn kyc_from(answer: Matched) -> KycMatch {
    KycMatch {
        name: MatchResult::from_wire(answer.name.as_deref()),
        birthdate: MatchResult::from_wire(answer.birthdate.as_deref()),
        id_number: MatchResult::from_wire(answer.id_document.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_e164_numbers_are_sent() {
        assert!(check_e164("+821012345678").is_ok());
        for bad in ["01012345678", "+0101234", "+82-10-1234", "+1", ""] {
            assert!(check_e164(bad).is_err(), "{bad}");
        }
    }
}
