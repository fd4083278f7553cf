//! Account-access consents and the account list.
//!
//! The flow of UK Open Banking account information:
//! 1. The provider's backend creates an account-access consent with its
//!    client-credentials token (the client secret or mTLS key stays on that
//!    backend, never in the app). Sweep can send that request for it.
//! 2. The user authorises the consent at their bank (an OAuth redirect).
//! 3. With the user's token Sweep lists the consent's accounts and reads
//!    their balances.

use std::time::SystemTime;

use super::wire::{ConsentRequest, ConsentRequestData, ConsentResponse, ReadAccounts};
use super::{aisp_url, send};
use crate::SweepError;

/// What Sweep asks a bank for: the account list and balances, nothing more.
pub const PERMISSIONS: [&str; 2] = ["ReadAccountsBasic", "ReadBalances"];

/// Where an account-access consent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ConsentStatus {
    /// Created; the user has not authorised it yet (`AWAU`).
    AwaitingAuthorisation,
    /// The user authorised it (`AUTH`).
    Authorised,
    /// The user or the bank refused it (`RJCT`).
    Rejected,
    /// It ran out (`EXPD`).
    Expired,
    /// It was revoked (`CANC`).
    Cancelled,
}

impl ConsentStatus {
    /// Reads v4's ISO codes and the v3 names.
    fn from_wire(code: &str) -> Result<Self, SweepError> {
        Ok(match code {
            "AWAU" | "AwaitingAuthorisation" => ConsentStatus::AwaitingAuthorisation,
            "AUTH" | "Authorised" => ConsentStatus::Authorised,
            "RJCT" | "Rejected" => ConsentStatus::Rejected,
            "EXPD" | "Expired" => ConsentStatus::Expired,
            "CANC" | "Revoked" => ConsentStatus::Cancelled,
            _ => return Err(SweepError::MalformedResponse { reason: "unknown consent status".into() }),
        })
    }
}

/// An account-access consent at a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountAccessConsent {
    /// The bank's id for it; the authorisation request names it.
    pub consent_id: String,
    /// Where it stands.
    pub status: ConsentStatus,
    /// The permissions the bank recorded.
    pub permissions: Vec<String>,
    /// When it ends, if it does.
    pub expires_at: Option<SystemTime>,
}

/// One account a consent covers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BankAccount {
    /// The bank's id for the account; pass it to `SourceEndpoint.OpenBanking`.
    pub account_id: String,
    /// Its ISO 4217 currency, when the bank says.
    pub currency_code: Option<String>,
    /// The user's name for the account, when they gave one.
    pub nickname: Option<String>,
    /// The ISO 20022 account type code, for example `CACC` (current account).
    pub type_code: Option<String>,
}

/// The consent in a bank's answer, checked.
pub(crate) fn consent_from(response: ConsentResponse) -> Result<AccountAccessConsent, SweepError> {
    let data = response.data;
    let expires_at = match data.expiration.as_deref() {
        None => None,
        Some(text) => Some(
            humantime::parse_rfc3339_weak(text)
                .map_err(|_| SweepError::MalformedResponse { reason: "the consent's expiry is not a date".into() })?,
        ),
    };
    if data.consent_id.is_empty() || data.consent_id.len() > 128 {
        return Err(SweepError::MalformedResponse { reason: "the consent id is empty or too long".into() });
    }
    Ok(AccountAccessConsent {
        consent_id: data.consent_id,
        status: ConsentStatus::from_wire(&data.status)?,
        permissions: data.permissions,
        expires_at,
    })
}

/// The accounts the user's consent covers (`GET /accounts`).
pub(super) async fn accounts(aisp_base_url: &str, access_token: &str) -> Result<Vec<BankAccount>, SweepError> {
    let url = aisp_url(aisp_base_url, &["accounts"])?;
    let read: ReadAccounts = send(super::request(reqwest::Method::GET, url, access_token)?).await?;
    Ok(bank_accounts(read))
}

/// The accounts in a bank's `GET /accounts` answer.
pub(crate) fn bank_accounts(read: ReadAccounts) -> Vec<BankAccount> {
    read.data
        .account
        .into_iter()
        .map(|a| BankAccount {
            account_id: a.account_id,
            currency_code: a.currency,
            nickname: a.nickname,
            type_code: a.type_code,
        })
        .collect()
}

/// Creates an account-access consent for the account list and balances
/// ([`PERMISSIONS`], `POST /account-access-consents`), ending at
/// `expires_at` if given. The token is the provider's client-credentials
/// token, which its backend obtains: the app never holds a client secret.
#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
pub async fn open_banking_create_consent(
    aisp_base_url: String,
    tpp_access_token: String,
    expires_at: Option<SystemTime>,
) -> Result<AccountAccessConsent, SweepError> {
    let expiration = expires_at.map(|t| crate::sources::rfc3339::text(t, "expires_at")).transpose()?;
    let url = aisp_url(&aisp_base_url, &["account-access-consents"])?;
    let body = ConsentRequest {
        data: ConsentRequestData { permissions: &PERMISSIONS, expiration },
        risk: serde_json::Map::new(),
    };
    let body =
        serde_json::to_vec(&body).map_err(|e| SweepError::Internal { reason: format!("encode consent: {e}") })?;
    let request = super::request(reqwest::Method::POST, url, &tpp_access_token)?
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body);
    consent_from(send(request).await?)
}

/// Reads where an account-access consent stands
/// (`GET /account-access-consents/{ConsentId}`).
#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
pub async fn open_banking_consent_status(
    aisp_base_url: String,
    tpp_access_token: String,
    consent_id: String,
) -> Result<AccountAccessConsent, SweepError> {
    let url = aisp_url(&aisp_base_url, &["account-access-consents", &consent_id])?;
    consent_from(send(super::request(reqwest::Method::GET, url, &tpp_access_token)?).await?)
}

/// Lists the accounts an authorised consent covers, with the user's token,
/// so the user can pick which to link.
#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
pub async fn open_banking_accounts(
    aisp_base_url: String,
    access_token: String,
) -> Result<Vec<BankAccount>, SweepError> {
    accounts(&aisp_base_url, &access_token).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(json: &str) -> Result<AccountAccessConsent, SweepError> {
        consent_from(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn consents_read_v4_codes_and_expiry() {
        let consent = response(
            r#"{"Data":{"ConsentId":"urn-c-1","Status":"AWAU","Permissions":["ReadBalances"],
                "ExpirationDateTime":"2027-02-01T00:00:00Z"},"Risk":{}}"#,
        )
        .unwrap();
        assert_eq!(consent.status, ConsentStatus::AwaitingAuthorisation);
        assert_eq!(consent.expires_at, Some(humantime::parse_rfc3339("2027-02-01T00:00:00Z").unwrap()));
        assert!(matches!(
            response(r#"{"Data":{"ConsentId":"c","Status":"MAYBE"}}"#),
            Err(SweepError::MalformedResponse { .. })
        ));
        assert!(matches!(
            response(r#"{"Data":{"ConsentId":"","Status":"AUTH"}}"#),
            Err(SweepError::MalformedResponse { .. })
        ));
    }
}
