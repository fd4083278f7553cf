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
    assert_eq!(accounts.len(), 3, "two GBP accounts and the KRW one bank legs are paid from");
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

/// A bank leg's payment through Prism in proxy mode with `--errors` in
/// front of the sandbox bank: the consent, the user's authorisation, the
/// payment and its status, with the provider's token and signatures from
/// its own route (through the provider API's proxy too).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_payments_through_the_validating_proxy() {
    use sweep_core::connectors::open_banking::payment::{
        consent_body, create_payment_consent, payment_body, read_payment, submit_payment, CreditorAccount,
        PaymentOrder, PaymentProgress,
    };
    use sweep_core::sources::{PendingSignIn, SourceEndpoint, SourceKind};
    use sweep_core::withdrawals::provider::bank_authority;
    use sweep_tests::withdrawing::{everything, top_up, Fixture};

    let Some(pisp) = proxy("SWEEP_OBUK_PIS_PROXY") else { return };
    let Some(sandbox) = sweep_tests::service_url("SWEEP_SANDBOX_URL", "the sandbox") else { return };
    let Some(provider_url) = sweep_tests::service_url("SWEEP_PROVIDER_API_PROXY", "the provider API proxy") else {
        return;
    };
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox, provider_url.clone()).await;
    top_up(&sandbox, "sandbox-bank", 9_500).await;
    let issuer = format!("{sandbox}/oauth/sandbox-bank");
    let endpoint = SourceEndpoint::OpenBanking {
        aisp_base_url: format!("{sandbox}/open-banking/v4.0/aisp"),
        account_id: Some(sweep_sandbox::OPEN_BANKING_KRW_ACCOUNT.into()),
    };
    sweep_tests::link_at_sandbox_issuer(&wallet, issuer.clone(), "Bank", SourceKind::Bank, endpoint).await.unwrap();
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    let quote = wallet.quote(everything()).await.unwrap();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    let n = w.legs.iter().position(|l| l.needs_authorisation).expect("a bank leg waiting for the user");
    let pid = w.provider_withdrawal_id.clone().unwrap();
    // The sandbox provider names legs `{withdrawal}-L{n}`.
    let leg_id = format!("{pid}-L{}", n + 1);
    let reference = w.legs[n].collection_reference.clone().unwrap();
    let creditor = CreditorAccount {
        scheme_name: "UK.OBIE.SortCodeAccountNumber".into(),
        identification: "04000469998877".into(),
        name: "Sweep Provider Collections".into(),
    };
    let order =
        PaymentOrder { amount: Money::from_minor(9_500, Currency::Krw), creditor: &creditor, reference: &reference };

    let lent = bank_authority(&provider_url, &pid, &leg_id, Some(&consent_body(&order))).await.expect("by our spec");
    let signature = lent.jws_signature.unwrap();
    let consent = create_payment_consent(&pisp, &lent.access_token, &format!("c-{pid}"), &order, &signature)
        .await
        .expect("request and answer both follow the spec");
    assert_eq!(consent.status, "AWAU");

    let redirect_uri = sweep_tests::TEST_REDIRECT;
    let oauth = sweep_tests::sandbox_oauth(issuer, &["payments"]);
    let sign_in = PendingSignIn::begin(oauth).unwrap();
    let url = sign_in.authorize_url_with(&[("openbanking_intent_id", &consent.consent_id)]).unwrap();
    let callback = sweep_tests::play_browser(&url, redirect_uri).await;
    let grant = sign_in.exchange(&sign_in.code_from_callback(&callback).unwrap()).await.unwrap();

    let body = payment_body(&consent.consent_id, &order);
    let lent = bank_authority(&provider_url, &pid, &leg_id, Some(&body)).await.unwrap();
    let signature = lent.jws_signature.unwrap();
    let paid = submit_payment(&pisp, &grant.access_token, &format!("p-{pid}"), &consent.consent_id, &order, &signature)
        .await
        .expect("request and answer both follow the spec");
    assert_eq!(paid.progress, PaymentProgress::Settled);
    let lent = bank_authority(&provider_url, &pid, &leg_id, None).await.unwrap();
    let read = read_payment(&pisp, &lent.access_token, &paid.payment_id, &order).await.expect("both follow the spec");
    assert_eq!(read, paid);
}
