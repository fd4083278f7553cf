//! UK Open Banking v4.0 payment initiation: the collect side of a bank leg.
//!
//! 1. A domestic payment consent for exactly the leg's amount, to the
//!    provider's collection account, with the leg's collection reference
//!    (`POST /domestic-payment-consents`, the provider's client-credentials
//!    token and its detached JWS signature).
//! 2. The user authorises it at the bank: the same redirect-and-PKCE
//!    sign-in as linking, naming the consent (`openbanking_intent_id`).
//! 3. The payment (`POST /domestic-payments`, the user's token from step 2,
//!    the leg's idempotency key, the provider's signature again).
//! 4. Its status (`GET /domestic-payments/{id}`) until it settles.
//!
//! The provider is the regulated payment initiator, so the calls of steps
//! 1 and 3 carry its signature and steps 1 and 4 its token: the wallet asks
//! the provider for both, per leg, and never holds a signing key
//! (`docs/open-banking.md`).

use crate::text::{tell, Msg};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{request, send};
use crate::money::Money;
use crate::SweepError;

/// The provider's collection account a bank leg is paid into, as the
/// provider names it (Open Banking's `CreditorAccount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditorAccount {
    /// The identification scheme, for example `UK.OBIE.SortCodeAccountNumber`.
    pub scheme_name: String,
    /// The account's identification in that scheme.
    pub identification: String,
    /// The account holder's name.
    pub name: String,
}

/// One bank leg's payment: what the consent and the payment both carry.
pub struct PaymentOrder<'a> {
    /// Exactly the leg's amount.
    pub amount: Money,
    /// The provider's collection account.
    pub creditor: &'a CreditorAccount,
    /// The provider's collection reference for the leg; also the payment's
    /// end-to-end identification, so the provider can match what arrives.
    pub reference: &'a str,
}

/// Where a payment stands at the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentProgress {
    /// Received or accepted, not settled yet.
    Pending,
    /// Settled: the money left the account for the creditor.
    Settled,
    /// Rejected or blocked: nothing left the account.
    Rejected {
        /// The bank's status code, for the user.
        reason: String,
    },
}

/// A payment as the bank reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankPayment {
    /// The bank's id for it (`DomesticPaymentId`).
    pub payment_id: String,
    /// Where it stands.
    pub progress: PaymentProgress,
}

/// The PISP base URL of a bank, from its AISP one: the standard puts both
/// under the same version root (`…/open-banking/v4.0/aisp` → `…/pisp`).
pub fn pisp_base(aisp_base_url: &str) -> Result<String, SweepError> {
    let trimmed = aisp_base_url.trim_end_matches('/');
    let root = trimmed
        .strip_suffix("/aisp")
        .ok_or_else(|| SweepError::invalid("aisp_base_url", "must end in /aisp to find the bank's payment API"))?;
    Ok(format!("{root}/pisp"))
}

fn decimal_text(amount: &Money) -> String {
    amount.amount().normalize().to_string()
}

/// The `Initiation` both the consent and the payment carry, word for word.
fn initiation(order: &PaymentOrder<'_>) -> serde_json::Value {
    json!({
        "InstructionIdentification": order.reference,
        "EndToEndIdentification": order.reference,
        "InstructedAmount": {"Amount": decimal_text(&order.amount), "Currency": order.amount.currency().code()},
        "CreditorAccount": {
            "SchemeName": order.creditor.scheme_name,
            "Identification": order.creditor.identification,
            "Name": order.creditor.name,
        },
        "RemittanceInformation": {"Unstructured": [order.reference]},
    })
}

/// The exact bytes of the consent request (`OBWriteDomesticConsent4`), which
/// the provider signs before they are sent.
pub fn consent_body(order: &PaymentOrder<'_>) -> Vec<u8> {
    let body = json!({
        "Data": {"ReadRefundAccount": "No", "Initiation": initiation(order)},
        "Risk": {"PaymentContextCode": "TransferToSelf"},
    });
    body.to_string().into_bytes()
}

/// The exact bytes of the payment request (`OBWriteDomestic2`).
pub fn payment_body(consent_id: &str, order: &PaymentOrder<'_>) -> Vec<u8> {
    let body = json!({
        "Data": {"ConsentId": consent_id, "Initiation": initiation(order)},
        "Risk": {"PaymentContextCode": "TransferToSelf"},
    });
    body.to_string().into_bytes()
}

#[derive(Deserialize)]
struct WireAmount {
    #[serde(rename = "Amount")]
    amount: String,
    #[serde(rename = "Currency")]
    currency: String,
}

#[derive(Deserialize)]
struct WireInitiation {
    #[serde(rename = "EndToEndIdentification")]
    end_to_end: String,
    #[serde(rename = "InstructedAmount")]
    amount: WireAmount,
}

#[derive(Deserialize)]
struct ConsentData {
    #[serde(rename = "ConsentId")]
    consent_id: String,
    #[serde(rename = "Status")]
    status: String,
    #[serde(rename = "Initiation")]
    initiation: WireInitiation,
}

/// The bank's answer to a consent request.
#[derive(Deserialize)]
pub(crate) struct ConsentAnswer {
    #[serde(rename = "Data")]
    data: ConsentData,
}

#[derive(Deserialize)]
struct PaymentData {
    #[serde(rename = "DomesticPaymentId")]
    payment_id: String,
    #[serde(rename = "Status")]
    status: String,
    #[serde(rename = "Initiation")]
    initiation: WireInitiation,
}

/// The bank's answer about a payment.
#[derive(Deserialize)]
pub(crate) struct PaymentAnswer {
    #[serde(rename = "Data")]
    data: PaymentData,
}

/// A consent the bank created for the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentConsent {
    /// The bank's id; the authorisation names it.
    pub consent_id: String,
    /// Its status code (`AWAU`, `AUTH`, `RJCT`, `COND`).
    pub status: String,
}

/// A bank that reports another amount or reference than was asked is not
/// believed: a wrong figure must never become a collected leg.
fn same_order(wire: &WireInitiation, order: &PaymentOrder<'_>) -> Result<(), SweepError> {
    let amount = rust_decimal::Decimal::from_str_exact(&wire.amount.amount).ok();
    let same = amount == Some(order.amount.amount())
        && wire.amount.currency == order.amount.currency().code()
        && wire.end_to_end == order.reference;
    same.then_some(()).ok_or_else(|| SweepError::MalformedResponse {
        reason: "the bank reported another amount or reference than was asked".into(),
    })
}

fn checked_id(id: &str, max: usize) -> Result<(), SweepError> {
    let ok = (1..=max).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic() && b != b'/');
    ok.then_some(()).ok_or_else(|| SweepError::MalformedResponse { reason: "a bad id from the bank".into() })
}

/// The payment status codes of v4 (ISO 20022) and the v3 names.
fn progress(status: &str) -> PaymentProgress {
    match status {
        "ACSC" | "ACCC" | "AcceptedSettlementCompleted" | "AcceptedCreditSettlementCompleted" => {
            PaymentProgress::Settled
        }
        "RJCT" | "BLCK" | "Rejected" => {
            PaymentProgress::Rejected { reason: tell(Msg::BankRejected { status: status.to_owned().into() }) }
        }
        _ => PaymentProgress::Pending,
    }
}

fn url(pisp_base_url: &str, segments: &[&str]) -> Result<reqwest::Url, SweepError> {
    super::aisp_url(pisp_base_url, segments)
}

/// A signed write: the body as signed, its key and signature.
fn signed_post(
    url: reqwest::Url,
    token: &str,
    key: &str,
    body: Vec<u8>,
    jws_signature: &str,
) -> Result<reqwest::RequestBuilder, SweepError> {
    Ok(request(reqwest::Method::POST, url, token)?
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("x-idempotency-key", key)
        .header("x-jws-signature", jws_signature)
        .body(body))
}

/// `POST /domestic-payment-consents` with the provider's token and
/// signature of `consent_body(order)`; the same `key` gives the same consent.
pub async fn create_payment_consent(
    pisp_base_url: &str,
    tpp_token: &str,
    key: &str,
    order: &PaymentOrder<'_>,
    jws_signature: &str,
) -> Result<PaymentConsent, SweepError> {
    let url = url(pisp_base_url, &["domestic-payment-consents"])?;
    let answer: ConsentAnswer = send(signed_post(url, tpp_token, key, consent_body(order), jws_signature)?).await?;
    consent_from(answer, order)
}

/// The consent in the bank's answer, checked against the order.
pub(crate) fn consent_from(answer: ConsentAnswer, order: &PaymentOrder<'_>) -> Result<PaymentConsent, SweepError> {
    checked_id(&answer.data.consent_id, 128)?;
    same_order(&answer.data.initiation, order)?;
    Ok(PaymentConsent { consent_id: answer.data.consent_id, status: answer.data.status })
}

/// `POST /domestic-payments` with the user's token from authorising the
/// consent, the leg's key and the provider's signature of
/// `payment_body(consent_id, order)`. Sent again with the same key after a
/// lost answer, it is the same payment.
pub async fn submit_payment(
    pisp_base_url: &str,
    psu_token: &str,
    key: &str,
    consent_id: &str,
    order: &PaymentOrder<'_>,
    jws_signature: &str,
) -> Result<BankPayment, SweepError> {
    let url = url(pisp_base_url, &["domestic-payments"])?;
    let body = payment_body(consent_id, order);
    let answer: PaymentAnswer = send(signed_post(url, psu_token, key, body, jws_signature)?).await?;
    submitted(answer, order)
}

/// A new payment in the bank's answer: its id is stored and used in URLs,
/// so it is checked too.
pub(crate) fn submitted(answer: PaymentAnswer, order: &PaymentOrder<'_>) -> Result<BankPayment, SweepError> {
    checked_id(&answer.data.payment_id, 40)?;
    payment_from(answer, order)
}

/// `GET /domestic-payments/{id}` with the provider's token.
pub async fn read_payment(
    pisp_base_url: &str,
    tpp_token: &str,
    payment_id: &str,
    order: &PaymentOrder<'_>,
) -> Result<BankPayment, SweepError> {
    let url = url(pisp_base_url, &["domestic-payments", payment_id])?;
    let answer: PaymentAnswer = send(request(reqwest::Method::GET, url, tpp_token)?).await?;
    payment_from(answer, order)
}

/// The payment in the bank's answer, checked against the order.
pub(crate) fn payment_from(answer: PaymentAnswer, order: &PaymentOrder<'_>) -> Result<BankPayment, SweepError> {
    same_order(&answer.data.initiation, order)?;
    Ok(BankPayment { payment_id: answer.data.payment_id, progress: progress(&answer.data.status) })
}

/// Lets the tests read an answer without a bank.
#[cfg(test)]
fn parse_payment(body: &str, order: &PaymentOrder<'_>) -> Result<BankPayment, SweepError> {
    payment_from(crate::sources::http::decode_json(body.as_bytes())?, order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn creditor() -> CreditorAccount {
        CreditorAccount {
            scheme_name: "UK.OBIE.SortCodeAccountNumber".into(),
            identification: "04000469998877".into(),
            name: "Sweep Collections".into(),
        }
    }

    #[test]
    fn the_pisp_sits_beside_the_aisp() {
        assert_eq!(
            pisp_base("https://b.example/open-banking/v4.0/aisp").unwrap(),
            "https://b.example/open-banking/v4.0/pisp"
        );
        assert_eq!(
            pisp_base("https://b.example/open-banking/v4.0/aisp/").unwrap(),
            "https://b.example/open-banking/v4.0/pisp"
        );
        assert!(pisp_base("https://b.example/accounts").is_err());
    }

    #[test]
    fn the_consent_carries_the_exact_amount_and_reference() {
        let creditor = creditor();
        let order =
            PaymentOrder { amount: Money::from_minor(9_500, Currency::Krw), creditor: &creditor, reference: "col-1-3" };
        let body: serde_json::Value = serde_json::from_slice(&consent_body(&order)).unwrap();
        let initiation = &body["Data"]["Initiation"];
        assert_eq!(initiation["InstructedAmount"]["Amount"], "9500");
        assert_eq!(initiation["InstructedAmount"]["Currency"], "KRW");
        assert_eq!(initiation["EndToEndIdentification"], "col-1-3");
        assert_eq!(initiation["CreditorAccount"]["Identification"], "04000469998877");
        let pounds =
            PaymentOrder { amount: Money::from_minor(1_250, Currency::Gbp), creditor: &creditor, reference: "r" };
        let body: serde_json::Value = serde_json::from_slice(&payment_body("c-1", &pounds)).unwrap();
        assert_eq!(body["Data"]["Initiation"]["InstructedAmount"]["Amount"], "12.5");
        assert_eq!(body["Data"]["ConsentId"], "c-1");
    }

    #[test]
    fn statuses_settle_reject_or_wait_and_other_figures_are_refused() {
        let creditor = creditor();
        let order =
            PaymentOrder { amount: Money::from_minor(9_500, Currency::Krw), creditor: &creditor, reference: "col-1" };
        let answer = |status: &str, amount: &str, reference: &str| {
            format!(
                r#"{{"Data":{{"DomesticPaymentId":"p-1","Status":"{status}","Initiation":{{
                "EndToEndIdentification":"{reference}","InstructedAmount":{{"Amount":"{amount}","Currency":"KRW"}}}}}}}}"#
            )
        };
        assert_eq!(parse_payment(&answer("ACSC", "9500", "col-1"), &order).unwrap().progress, PaymentProgress::Settled);
        assert_eq!(
            parse_payment(&answer("ACSC", "9500.00", "col-1"), &order).unwrap().progress,
            PaymentProgress::Settled
        );
        assert_eq!(parse_payment(&answer("ACSP", "9500", "col-1"), &order).unwrap().progress, PaymentProgress::Pending);
        assert!(matches!(
            parse_payment(&answer("RJCT", "9500", "col-1"), &order).unwrap().progress,
            PaymentProgress::Rejected { .. }
        ));
        assert!(parse_payment(&answer("ACSC", "9501", "col-1"), &order).is_err());
        assert!(parse_payment(&answer("ACSC", "9500", "col-2"), &order).is_err());
    }
}
