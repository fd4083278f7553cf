//! Carrier billing over CAMARA: the money a user paid through their phone
//! bill that can still be refunded. Carrier Billing v0.5 lists the user's
//! settled payments; Carrier Billing Refund v0.3 gives what is left to
//! refund on each. That money is only ever `refund_to_origin`: turning
//! phone-bill limits into cash (소액결제 현금화) is illegal in Korea.

use std::collections::BTreeMap;

use async_trait::async_trait;
use reqwest::Url;
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::money::{Currency, MinorAmount, Money};
use crate::sources::{http, BalanceTerms, Eligibility, ObservedBalance, SourceConnector, TransactionPage};
use crate::SweepError;

/// Payments asked for per page (the spec's default is 10).
const PER_PAGE: usize = 50;
/// Pages read before a list is taken for a server that never ends it: at
/// the spec's smallest pages, a hundred thousand payments. Reaching it is
/// an error, never a silently shortened list.
const MAX_PAGES: usize = 10_000;

/// One payment in a `GET /payments` page.
#[derive(Deserialize)]
pub(crate) struct Payment {
    #[serde(rename = "paymentId")]
    pub(crate) payment_id: String,
    /// Required by the spec. The list is asked for `succeeded` payments,
    /// but a server may ignore the filter: only a payment that says it
    /// succeeded has a refundable remainder Sweep counts.
    #[serde(rename = "paymentStatus")]
    pub(crate) payment_status: String,
}

/// `PaymentRemainingAmount`: an amount as a JSON number, and its currency.
#[derive(Deserialize)]
pub(crate) struct RemainingAmount {
    /// The number's own text: read as a decimal, never through a float.
    amount: Box<serde_json::value::RawValue>,
    currency: String,
}

/// Reads a user's refundable carrier-billing money with a three-legged
/// (user) access token.
pub struct CarrierBillingConnector {
    billing: Url,
    pub(super) refund: Url,
    pub(super) access_token: Zeroizing<String>,
}

impl CarrierBillingConnector {
    /// `billing_base` serves Carrier Billing v0.5, `refund_base` Carrier
    /// Billing Refund v0.3 (often the same operator host).
    pub fn new(billing_base: &str, refund_base: &str, access_token: String) -> Result<Self, SweepError> {
        Ok(CarrierBillingConnector {
            billing: http::api_base(billing_base)?,
            refund: http::api_base(refund_base)?,
            access_token: Zeroizing::new(access_token),
        })
    }

    /// A GET with the user's token and a fresh `x-correlator`, sent and checked.
    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: Url) -> Result<T, SweepError> {
        Ok(self.get_json_counted(url).await?.0)
    }

    /// A GET as above that also returns the `X-Total-Count` header, if any.
    async fn get_json_counted<T: serde::de::DeserializeOwned>(
        &self,
        url: Url,
    ) -> Result<(T, Option<usize>), SweepError> {
        let response = http::request(reqwest::Method::GET, url)?
            .bearer_auth(self.access_token.as_str())
            .header(reqwest::header::ACCEPT, "application/json")
            .header("x-correlator", correlator())
            .send()
            .await
            .map_err(|e| http::transport_error(&e))?;
        let total = response
            .headers()
            .get("x-total-count")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<usize>().ok());
        Ok((http::parse_json(response).await?, total))
    }

    /// The user's settled payments (`GET /payments?paymentStatus=succeeded`),
    /// page by page to the end of the operator's list: money on an old
    /// payment is still the user's.
    ///
    /// Operators may serve fewer than `perPage` items, so a short page does
    /// not end the list: it ends at `X-Total-Count`, at an empty page, or at
    /// a page that brings nothing new (a server that ignores `page`).
    pub async fn settled_payments(&self) -> Result<Vec<String>, SweepError> {
        let mut ids: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for page in 1..=MAX_PAGES {
            let (payments, total) = self.get_json_counted::<Vec<Payment>>(self.payments_url(page)?).await?;
            let mut listed_new = false;
            for payment in payments {
                if seen.insert(payment.payment_id.clone()) {
                    listed_new = true;
                    if payment.payment_status == "succeeded" {
                        ids.push(payment.payment_id);
                    }
                }
            }
            if !listed_new || total.is_some_and(|total| seen.len() >= total) {
                return Ok(ids);
            }
        }
        Err(SweepError::MalformedResponse {
            reason: format!("the operator's payment list did not end within {MAX_PAGES} pages"),
        })
    }

    fn payments_url(&self, page: usize) -> Result<Url, SweepError> {
        let mut url = self.billing.join("payments").map_err(|e| SweepError::invalid("billing_base", e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("paymentStatus", "succeeded")
            .append_pair("page", &page.to_string())
            .append_pair("perPage", &PER_PAGE.to_string());
        Ok(url)
    }

    /// What is left to refund on one payment, exactly.
    pub async fn remaining_amount(&self, payment_id: &str) -> Result<Money, SweepError> {
        let mut url = self.refund.clone();
        url.path_segments_mut()
            .map_err(|_| SweepError::invalid("refund_base", "cannot be a base"))?
            .pop_if_empty()
            .extend(["payments", payment_id, "refunds", "remaining-amount"]);
        exact(&self.get_json::<RemainingAmount>(url).await?)
    }
}

/// CAMARA sends amounts as JSON numbers; read the number's own text as a
/// decimal (never through `f64`) and refuse anything finer than the
/// currency's minor unit.
pub(crate) fn exact(remaining: &RemainingAmount) -> Result<Money, SweepError> {
    let text = remaining.amount.get();
    let money = crate::money::exact_money(text, Currency::from_code(&remaining.currency)?)?;
    if money.is_negative() {
        return Err(SweepError::NegativeAmount { field: "remaining amount".into(), amount: money.to_string() });
    }
    Ok(money)
}

/// A random `x-correlator` (the specs' pattern allows hex and dashes).
pub(super) fn correlator() -> String {
    let mut bytes = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[async_trait]
impl SourceConnector for CarrierBillingConnector {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        let mut totals: BTreeMap<Currency, Money> = BTreeMap::new();
        for payment in self.settled_payments().await? {
            let remaining = self.remaining_amount(&payment).await?;
            let total = totals.entry(remaining.currency()).or_insert_with(|| Money::zero(remaining.currency()));
            *total = total.checked_add(&remaining)?;
        }
        Ok(totals
            .into_values()
            .map(|amount| ObservedBalance {
                amount: MinorAmount::from(amount),
                terms: BalanceTerms::simple(
                    Eligibility::RefundToOrigin,
                    &crate::text::tell(crate::text::Msg::EligibleCarrierBilling {}),
                ),
            })
            .collect())
    }

    /// Phone-bill payments are not reported as a feed; their refundable
    /// remainder is the balance.
    async fn fetch_transactions(&self, _cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        Ok(TransactionPage::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remaining(json: &str) -> Result<Money, SweepError> {
        exact(&serde_json::from_str::<RemainingAmount>(json).unwrap())
    }

    #[test]
    fn json_numbers_become_exact_money() {
        assert_eq!(
            remaining(r#"{"amount": 45.5, "currency": "EUR"}"#).unwrap(),
            Money::from_minor(4_550, Currency::Eur)
        );
        assert_eq!(
            remaining(r#"{"amount": 5500, "currency": "KRW"}"#).unwrap(),
            Money::from_minor(5_500, Currency::Krw)
        );
        assert!(matches!(
            remaining(r#"{"amount": 0.001, "currency": "EUR"}"#),
            Err(SweepError::SubMinorPrecision { .. })
        ));
        assert!(matches!(remaining(r#"{"amount": -1, "currency": "EUR"}"#), Err(SweepError::NegativeAmount { .. })));
        // Read from the number's text, never through f64 (which would make these ...992 and ...568).
        let big = remaining(r#"{"amount": 9007199254740993, "currency": "KRW"}"#).unwrap();
        assert_eq!(big.minor_units(), 9_007_199_254_740_993);
        assert!(matches!(
            remaining(r#"{"amount": 12345678901234567.89, "currency": "KRW"}"#),
            Err(SweepError::SubMinorPrecision { .. })
        ));
        assert!(matches!(remaining(r#"{"amount": 1, "currency": "XXX"}"#), Err(SweepError::UnknownCurrency { .. })));
    }
}
