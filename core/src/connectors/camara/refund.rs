//! Refunds of carrier-billing money, over CAMARA Carrier Billing Refund
//! v0.3 (`POST /payments/{paymentId}/refunds`). A refund always goes back
//! to the payment it came from, on the same phone bill: this is the only
//! way Sweep moves phone-bill money, and it never becomes cash.

use ring::digest;
use serde::Deserialize;
use serde_json::json;

use super::billing::correlator;
use super::CarrierBillingConnector;
use crate::money::{MinorAmount, Money};
use crate::sources::http;
use crate::SweepError;

/// JSON numbers are sent as doubles; above this many minor units they
/// might not be exact.
const MAX_EXACT_MINOR_UNITS: i64 = 1 << 53;
const DESCRIPTION: &str = "Refund of an unused phone-bill payment";

/// Where a refund stands, as the operator reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RefundStatus {
    /// The operator is working on it.
    Processing,
    /// The operator refused it.
    Denied,
    /// The money is back on the phone bill.
    Succeeded,
}

/// A refund Sweep asked an operator for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CarrierRefund {
    /// The payment refunded.
    pub payment_id: String,
    /// The operator's id for the refund.
    pub refund_id: String,
    /// How much goes back to the phone bill.
    pub amount: MinorAmount,
    /// Where it stands.
    pub status: RefundStatus,
}

/// The operator's answer to a refund request.
#[derive(Deserialize)]
pub(crate) struct RefundCreated {
    #[serde(rename = "refundId")]
    refund_id: String,
    #[serde(rename = "refundStatus")]
    refund_status: String,
}

/// A stable id for "refund this much of this payment": a retry after a
/// dropped answer sends the same `clientCorrelator`, and the operator
/// applies the refund once.
fn client_correlator(payment_id: &str, amount: &Money) -> String {
    let mut ctx = digest::Context::new(&digest::SHA256);
    for part in ["sweep/carrier-refund/v1", payment_id, &amount.minor_units().to_string(), amount.currency().code()] {
        ctx.update(&(part.len() as u32).to_be_bytes());
        ctx.update(part.as_bytes());
    }
    ctx.finish().as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The `CreatePartialRefund` body for `amount`.
fn refund_body(payment_id: &str, amount: &Money) -> Result<serde_json::Value, SweepError> {
    if amount.minor_units() > MAX_EXACT_MINOR_UNITS {
        return Err(SweepError::invalid("amount", "too large to send exactly"));
    }
    let number: serde_json::Number = serde_json::from_str(&amount.amount().normalize().to_string())
        .map_err(|_| SweepError::Internal { reason: "an amount did not encode as a JSON number".into() })?;
    let correlator = client_correlator(payment_id, amount);
    Ok(json!({
        "type": "partial",
        "reason": "Unused balance returned to the phone bill",
        "amountTransaction": {
            "clientCorrelator": correlator,
            "referenceCode": format!("sweep-{correlator}"),
            "refundAmount": {
                "chargingInformation": {"amount": number, "currency": amount.currency().code(), "description": DESCRIPTION}
            }
        }
    }))
}

/// The refund in the operator's answer to refunding `amount` of `payment_id`.
pub(crate) fn refund_from(
    created: RefundCreated,
    payment_id: &str,
    amount: &Money,
) -> Result<CarrierRefund, SweepError> {
    Ok(CarrierRefund {
        payment_id: payment_id.to_owned(),
        refund_id: created.refund_id,
        amount: MinorAmount::from(*amount),
        status: status(&created.refund_status)?,
    })
}

fn status(text: &str) -> Result<RefundStatus, SweepError> {
    match text {
        "processing" => Ok(RefundStatus::Processing),
        "denied" => Ok(RefundStatus::Denied),
        "succeeded" => Ok(RefundStatus::Succeeded),
        _ => Err(SweepError::MalformedResponse { reason: "unknown refund status".into() }),
    }
}

impl CarrierBillingConnector {
    fn refund_url(&self, payment_id: &str, tail: &[&str]) -> Result<reqwest::Url, SweepError> {
        let mut url = self.refund.clone();
        url.path_segments_mut()
            .map_err(|_| SweepError::invalid("refund_base", "cannot be a base"))?
            .pop_if_empty()
            .extend(["payments", payment_id, "refunds"])
            .extend(tail);
        Ok(url)
    }

    /// Refunds `amount` of one payment back to the phone bill.
    pub async fn refund(&self, payment_id: &str, amount: &Money) -> Result<CarrierRefund, SweepError> {
        if !amount.is_positive() {
            return Err(SweepError::invalid("amount", "a refund must be more than zero"));
        }
        let body = serde_json::to_vec(&refund_body(payment_id, amount)?)
            .map_err(|e| SweepError::Internal { reason: format!("encode refund: {e}") })?;
        let response = http::request(reqwest::Method::POST, self.refund_url(payment_id, &[])?)?
            .bearer_auth(self.access_token.as_str())
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("x-correlator", correlator())
            .body(body)
            .send()
            .await
            .map_err(|e| http::transport_error(&e))?;
        refund_from(http::parse_json(response).await?, payment_id, amount)
    }

    /// Refunds everything still refundable on every settled payment, each
    /// to its own payment. Payments with nothing left are skipped.
    pub async fn refund_all_remaining(&self) -> Result<Vec<CarrierRefund>, SweepError> {
        let mut refunds = Vec::new();
        for payment in self.settled_payments().await? {
            let remaining = self.remaining_amount(&payment).await?;
            if remaining.is_positive() {
                refunds.push(self.refund(&payment, &remaining).await?);
            }
        }
        Ok(refunds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn the_body_carries_the_exact_amount_and_a_stable_correlator() {
        let amount = Money::from_minor(4_550, Currency::Eur);
        let body = refund_body("pay-1", &amount).unwrap();
        let charging = &body["amountTransaction"]["refundAmount"]["chargingInformation"];
        assert_eq!(charging["amount"].to_string(), "45.5");
        assert_eq!(charging["currency"], "EUR");
        let first = body["amountTransaction"]["clientCorrelator"].clone();
        assert_eq!(refund_body("pay-1", &amount).unwrap()["amountTransaction"]["clientCorrelator"], first);
        assert_ne!(refund_body("pay-2", &amount).unwrap()["amountTransaction"]["clientCorrelator"], first);
        let krw = refund_body("pay-1", &Money::from_minor(5_500, Currency::Krw)).unwrap();
        assert_eq!(krw["amountTransaction"]["refundAmount"]["chargingInformation"]["amount"].to_string(), "5500");
    }

    #[test]
    fn statuses_are_typed() {
        assert_eq!(status("succeeded").unwrap(), RefundStatus::Succeeded);
        assert!(matches!(status("lost"), Err(SweepError::MalformedResponse { .. })));
    }
}
