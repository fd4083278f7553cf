//! Contract test: the CAMARA carrier-billing connector against Prism serving
//! the official Carrier Billing v0.5 and Carrier Billing Refund v0.3 specs
//! from `SWEEP_SPECS_DIR` (`cargo xtask test` starts both and sets
//! `SWEEP_CAMARA_BILLING_MOCK` and `SWEEP_CAMARA_REFUND_MOCK`).

use sweep_core::money::{Currency, Money};
use sweep_core::sources::{CarrierBillingConnector, SourceConnector};

/// The payment id the specs' examples use.
const EXAMPLE_PAYMENT: &str = "AK234rfweSBuWGFUEWFGWEVWRV";

fn mock_urls() -> Option<(String, String)> {
    let what = "Prism when SWEEP_SPECS_DIR holds the specs";
    let billing = sweep_tests::service_url("SWEEP_CAMARA_BILLING_MOCK", what)?;
    Some((billing, sweep_tests::service_url("SWEEP_CAMARA_REFUND_MOCK", what)?))
}

#[tokio::test]
async fn requests_follow_both_camara_specs() {
    let Some((billing, refund)) = mock_urls() else { return };
    let connector = CarrierBillingConnector::new(&billing, &refund, "user-token".into()).unwrap();
    // Prism accepts our query (paymentStatus=succeeded, x-correlator, bearer)
    // and answers with the spec's example payment, whose status is
    // `processing` whatever the filter asked: not settled, so not counted.
    let payments = connector.settled_payments().await.expect("a request the spec accepts");
    assert!(payments.is_empty(), "a processing payment is not refundable money: {payments:?}");
    // The refund spec's example: 100 EUR left to refund, read exactly.
    let remaining = connector.remaining_amount(EXAMPLE_PAYMENT).await.expect("a request the spec accepts");
    assert_eq!(remaining, Money::from_minor(10_000, Currency::Eur));
    // Together: nothing settled, so no phone-bill balance at all.
    assert!(connector.fetch_balances().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_request_without_a_token_breaks_the_contract() {
    let Some((billing, refund)) = mock_urls() else { return };
    let connector = CarrierBillingConnector::new(&billing, &refund, String::new()).unwrap();
    let err = connector.settled_payments().await.expect_err("refused");
    assert!(matches!(err, sweep_core::SweepError::AuthExpired { .. }), "{err:?}");
}

#[tokio::test]
async fn refund_requests_follow_the_refund_spec() {
    let Some((billing, refund)) = mock_urls() else { return };
    let connector = CarrierBillingConnector::new(&billing, &refund, "user-token".into()).unwrap();
    // Prism validates the CreatePartialRefund body (type, amountTransaction
    // with clientCorrelator, referenceCode and chargingInformation) and
    // answers with the spec's example refund.
    let created = connector
        .refund(EXAMPLE_PAYMENT, &Money::from_minor(4_550, Currency::Eur))
        .await
        .expect("a refund request the spec accepts");
    assert!(!created.refund_id.is_empty());
    assert_eq!(created.amount.minor_units, 4_550);
}
