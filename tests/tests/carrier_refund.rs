//! Carrier-billing money against the sandbox operator: it is read as
//! refund-to-origin, never counted as cash, and the only way it moves is a
//! CAMARA refund back to the payment it came from, applied once.

use std::sync::Arc;

use sweep_core::money::{Currency, Money};
use sweep_core::sources::{CarrierBillingConnector, Eligibility, RefundStatus, SourceEndpoint, SourceKind};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_sandbox::Sandbox;
use sweep_tests::link_at_sandbox_issuer;

fn operator(sandbox: &Sandbox) -> SourceEndpoint {
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url }
}

async fn wallet(dir: &tempfile::TempDir) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap()
}

#[tokio::test]
async fn phone_bill_money_only_goes_back_to_the_phone_bill() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let phone =
        link_at_sandbox_issuer(&wallet, issuer, "Phone bill", SourceKind::CarrierBilling, operator(&sandbox)).await;
    let phone = phone.unwrap();
    assert_eq!(wallet.connected_source_count(), 1, "a sync reads the one linked source");
    wallet.sync().await.unwrap();
    let home = wallet.dashboard().await.unwrap();
    assert_eq!(home.sources[0].balance.amount.minor_units, 8_500);
    assert_eq!(home.sources[0].terms.eligibility, Eligibility::RefundToOrigin);
    assert!(home.cashable_totals.is_empty(), "phone-bill money is never cash: {:?}", home.cashable_totals);

    let refunds = wallet.refund_carrier_billing(phone).await.unwrap();
    let refunded: Vec<(&str, i64)> = refunds.iter().map(|r| (r.payment_id.as_str(), r.amount.minor_units)).collect();
    assert_eq!(refunded, [("pay-7f3a21", 5_500), ("pay-9c0e44", 3_000)], "each payment back to itself");
    assert!(refunds.iter().all(|r| r.status == RefundStatus::Succeeded));
    let home = wallet.dashboard().await.unwrap();
    assert_eq!(home.sources[0].balance.amount.minor_units, 0, "synced right after the refund");
    assert!(wallet.refund_carrier_billing(phone).await.unwrap().is_empty(), "nothing is refunded twice");
    wallet.verify_ledger().await.unwrap();
    // A closed wallet sends nothing more on the user's token.
    wallet.close();
    assert_eq!(wallet.connected_source_count(), 0, "closing drops the connectors");
    assert_eq!(wallet.refund_carrier_billing(phone).await.err(), Some(SweepError::WalletClosed));
    assert_eq!(wallet.begin_relink(phone).await.err(), Some(SweepError::WalletClosed));
}

#[tokio::test]
async fn only_linked_carrier_sources_are_refunded() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let api = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let toss = link_at_sandbox_issuer(&wallet, sandbox.oauth_issuer("sandbox-toss"), "Toss", SourceKind::Wallet, api);
    let toss = toss.await.unwrap();
    assert!(matches!(wallet.refund_carrier_billing(toss).await, Err(SweepError::InvalidInput { .. })));
    assert!(matches!(wallet.refund_carrier_billing(404).await, Err(SweepError::InvalidInput { .. })));
    // A phone bill cannot be linked as anything but carrier billing.
    let disguised = link_at_sandbox_issuer(
        &wallet,
        sandbox.oauth_issuer("sandbox-operator"),
        "Phone bill",
        SourceKind::Wallet,
        operator(&sandbox),
    )
    .await;
    assert!(matches!(disguised, Err(SweepError::InvalidInput { ref field, .. }) if field == "kind"), "{disguised:?}");
}

#[tokio::test]
async fn a_repeated_refund_is_applied_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let (billing, refund) = sandbox.camara_urls();
    let connector = CarrierBillingConnector::new(&billing, &refund, "user-1".into()).unwrap();
    let amount = Money::from_minor(1_000, Currency::Krw);
    let first = connector.refund("pay-9c0e44", &amount).await.unwrap();
    // The answer was "lost"; the retry carries the same clientCorrelator.
    let again = connector.refund("pay-9c0e44", &amount).await.unwrap();
    assert_eq!(again.refund_id, first.refund_id);
    assert_eq!(connector.remaining_amount("pay-9c0e44").await.unwrap(), Money::from_minor(2_000, Currency::Krw));
    let too_much = connector.refund("pay-9c0e44", &Money::from_minor(2_500, Currency::Krw)).await;
    assert_eq!(too_much.err(), Some(SweepError::SourceFailed { status: 422 }));
    let nothing = connector.refund("pay-9c0e44", &Money::zero(Currency::Krw)).await;
    assert!(matches!(nothing, Err(SweepError::InvalidInput { .. })));
}

#[tokio::test]
async fn every_page_of_payments_is_read() {
    let sandbox = Sandbox::start().await.unwrap();
    let (billing, refund) = sandbox.camara_urls();
    let connector = CarrierBillingConnector::new(&billing, &refund, "user-2".into()).unwrap();
    // The sandbox serves at most ten a page; the thirteenth, the only old
    // payment with money left, is on the second page. The newest is still
    // processing (the sandbox lists it despite the filter): not settled, so
    // not counted, though it has ₩7,000 "left".
    let payments = connector.settled_payments().await.unwrap();
    assert_eq!(payments.len(), 12, "{payments:?}");
    assert_eq!((payments[0].as_str(), payments[11].as_str()), ("pay-7f3a21", "pay-9c0e44"));
    let balances = sweep_core::sources::SourceConnector::fetch_balances(&connector).await.unwrap();
    assert_eq!(balances[0].amount.minor_units, 8_500, "both settled payments with money left, and only those");
}
