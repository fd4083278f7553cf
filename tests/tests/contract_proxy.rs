//! Contract tests through Prism in proxy mode with `--errors`, in front of
//! the sandbox provider: the connectors' requests and the sandbox's answers
//! must both follow the official specs from `SWEEP_SPECS_DIR`. `cargo xtask
//! test` starts the sandbox and the proxies and sets `SWEEP_*_PROXY`.

use sweep_core::money::{Currency, Money};
use sweep_core::sources::{
    open_banking_accounts, open_banking_consent_status, open_banking_create_consent, CarrierBillingConnector,
    ConsentStatus, Eligibility, OpenBankingConnector, SourceConnector,
};

fn proxy(name: &str) -> Option<String> {
    sweep_tests::service_url(name, "Prism proxies when SWEEP_SPECS_DIR holds the specs")
}

#[tokio::test]
async fn open_banking_through_the_validating_proxy() {
    let Some(url) = proxy("SWEEP_OBUK_AIS_PROXY") else { return };
    let connector =
        OpenBankingConnector::new(&url, "psu-token".into(), Some(sweep_sandbox::OPEN_BANKING_ACCOUNT.into())).unwrap();
    let balances = connector.fetch_balances().await.expect("request and answer both follow the spec");
    // The sandbox reports an interim available balance of 48.20 and a
    // closing booked one of 50.00; the available one wins.
    assert_eq!((balances[0].amount.minor_units, balances[0].amount.currency_code.as_str()), (4_820, "GBP"));
}

#[tokio::test]
async fn open_banking_consents_and_accounts_through_the_validating_proxy() {
    let Some(url) = proxy("SWEEP_OBUK_AIS_PROXY") else { return };
    let consent =
        open_banking_create_consent(url.clone(), "tpp-token".into(), None).await.expect("both sides follow the spec");
    assert_eq!(consent.status, ConsentStatus::AwaitingAuthorisation);
    let status = open_banking_consent_status(url.clone(), "tpp-token".into(), consent.consent_id).await.unwrap();
    assert_eq!(status.status, ConsentStatus::Authorised);
    let accounts = open_banking_accounts(url.clone(), "psu-token".into()).await.expect("both sides follow the spec");
    assert_eq!(accounts.len(), 2);
    let all = OpenBankingConnector::new(&url, "psu-token".into(), None).unwrap();
    assert_eq!(all.fetch_balances().await.unwrap()[0].amount.minor_units, 5_195);
}

#[tokio::test]
async fn carrier_refunds_through_the_validating_proxy() {
    let (Some(billing), Some(refund)) = (proxy("SWEEP_CAMARA_BILLING_PROXY"), proxy("SWEEP_CAMARA_REFUND_PROXY"))
    else {
        return;
    };
    // Its own token: the sandbox keeps each token's payments apart, so the
    // other proxy tests still see everything refundable.
    let connector = CarrierBillingConnector::new(&billing, &refund, "proxy-refund-token".into()).unwrap();
    let created = connector.refund("pay-9c0e44", &Money::from_minor(1_000, Currency::Krw)).await;
    let created = created.expect("request and answer both follow the refund spec");
    assert_eq!(created.amount.minor_units, 1_000);
    let left = connector.remaining_amount("pay-9c0e44").await.unwrap();
    assert_eq!(left, Money::from_minor(2_000, Currency::Krw));
}

#[tokio::test]
async fn carrier_billing_through_the_validating_proxies() {
    let (Some(billing), Some(refund)) = (proxy("SWEEP_CAMARA_BILLING_PROXY"), proxy("SWEEP_CAMARA_REFUND_PROXY"))
    else {
        return;
    };
    let connector = CarrierBillingConnector::new(&billing, &refund, "user-token".into()).unwrap();
    let balances = connector.fetch_balances().await.expect("requests and answers both follow the specs");
    assert_eq!(balances.len(), 1);
    assert_eq!((balances[0].amount.minor_units, balances[0].amount.currency_code.as_str()), (8_500, "KRW"));
    assert_eq!(balances[0].terms.eligibility, Eligibility::RefundToOrigin);
}

#[tokio::test]
async fn the_proxy_refuses_a_request_the_spec_does_not_allow() {
    let Some(url) = proxy("SWEEP_CAMARA_BILLING_PROXY") else { return };
    // paymentStatus only takes the spec's values; Prism must refuse before the sandbox sees it.
    let addr = url.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let request = format!(
        "GET /payments?paymentStatus=bogus HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n"
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    socket.read_to_string(&mut answer).await.unwrap();
    let status = answer.lines().next().unwrap_or_default().to_owned();
    assert!(status.starts_with("HTTP/1.1 4"), "expected a 4xx from Prism, got {status}");
}
