//! The Open Banking API's own JSON shapes, read here and turned into
//! Sweep's types at once. Only the fields Sweep uses are declared.

use serde::{Deserialize, Serialize};

/// `OBReadBalance1`.
#[derive(Deserialize)]
pub struct ReadBalance {
    #[serde(rename = "Data")]
    pub data: BalanceData,
}

#[derive(Deserialize)]
pub struct BalanceData {
    #[serde(rename = "Balance", default)]
    pub balance: Vec<WireBalance>,
}

/// One balance of one account.
#[derive(Deserialize)]
pub struct WireBalance {
    #[serde(rename = "AccountId")]
    pub account_id: String,
    #[serde(rename = "CreditDebitIndicator")]
    pub credit_debit: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "Amount")]
    pub amount: WireAmount,
}

#[derive(Deserialize)]
pub struct WireAmount {
    #[serde(rename = "Amount")]
    pub amount: String,
    #[serde(rename = "Currency")]
    pub currency: String,
}

/// `OBReadAccount6`.
#[derive(Deserialize)]
pub struct ReadAccounts {
    #[serde(rename = "Data")]
    pub data: AccountData,
}

#[derive(Deserialize)]
pub struct AccountData {
    #[serde(rename = "Account", default)]
    pub account: Vec<WireAccount>,
}

/// `OBAccount6`, the fields Sweep shows.
#[derive(Deserialize)]
pub struct WireAccount {
    #[serde(rename = "AccountId")]
    pub account_id: String,
    #[serde(rename = "Currency")]
    pub currency: Option<String>,
    #[serde(rename = "Nickname")]
    pub nickname: Option<String>,
    #[serde(rename = "AccountTypeCode")]
    pub type_code: Option<String>,
}

/// `OBReadConsent1`, the request that creates an account-access consent.
#[derive(Serialize)]
pub struct ConsentRequest<'a> {
    #[serde(rename = "Data")]
    pub data: ConsentRequestData<'a>,
    #[serde(rename = "Risk")]
    pub risk: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
pub struct ConsentRequestData<'a> {
    #[serde(rename = "Permissions")]
    pub permissions: &'a [&'a str],
    #[serde(rename = "ExpirationDateTime", skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
}

/// `OBReadConsentResponse1`.
#[derive(Deserialize)]
pub struct ConsentResponse {
    #[serde(rename = "Data")]
    pub data: ConsentResponseData,
}

#[derive(Deserialize)]
pub struct ConsentResponseData {
    #[serde(rename = "ConsentId")]
    pub consent_id: String,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "Permissions", default)]
    pub permissions: Vec<String>,
    #[serde(rename = "ExpirationDateTime")]
    pub expiration: Option<String>,
}
