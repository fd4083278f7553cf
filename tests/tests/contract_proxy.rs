//! Contract tests through Prism in proxy mode with `--errors`, in front of
//! the sandbox provider: the connectors' requests and the sandbox's answers
//! must both follow the official specs from `SWEEP_SPECS_DIR`. `cargo xtask
//! test` starts the sandbox and the proxies and sets `SWEEP_*_PROXY`.

use sweep_core::sources::{CarrierBillingConnector, Eligibility, OpenBankingConnector, SourceConnector};

fn proxy(name: &str) -> Option<String> {
    let url = std::env::var(name).ok().filter(|u| !u.is_empty());
    if url.is_none() {
        println!(
            "skip: {name} is not set (cargo xtask test starts Prism proxies when SWEEP_SPECS_DIR holds the specs)"
        );
    }
    url
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
