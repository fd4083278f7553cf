//! Contract test: the Source API connector against Prism serving our own
//! spec (`docs/source-api.yaml`). Prism answers with the spec's examples and
//! rejects requests the spec does not allow. `cargo xtask test` starts it and
//! sets `SWEEP_SOURCE_API_MOCK`.

use sweep_core::sources::{Eligibility, SourceApiConnector, SourceConnector};

fn mock_url() -> Option<String> {
    sweep_tests::service_url("SWEEP_SOURCE_API_MOCK", "Prism for this test")
}

#[tokio::test]
async fn the_connector_reads_the_specs_own_example() {
    let Some(url) = mock_url() else { return };
    let connector = SourceApiConnector::new(&url, "any-token".into()).unwrap();
    let balances = connector.fetch_balances().await.expect("Prism accepts the request and the example parses");
    assert_eq!(balances.len(), 1);
    assert_eq!(balances[0].amount.minor_units, 12_340);
    assert_eq!(balances[0].terms.eligibility, Eligibility::Cashable);
    assert_eq!(balances[0].terms.expiries.len(), 1);
}

#[tokio::test]
async fn transaction_pages_follow_the_spec_with_and_without_a_cursor() {
    let Some(url) = mock_url() else { return };
    let connector = SourceApiConnector::new(&url, "any-token".into()).unwrap();
    let first = connector.fetch_transactions(None).await.expect("Prism accepts the request and the example parses");
    assert_eq!(first.transactions.len(), 2);
    assert_eq!(first.transactions[1].amount.minor_units, -4_500);
    assert_eq!((first.next_cursor.as_deref(), first.has_more), (Some("pos-2"), false));
    // The cursor and limit query parameters are in the spec too.
    connector.fetch_transactions(first.next_cursor).await.expect("a cursor the spec accepts");
}

#[tokio::test]
async fn prism_enforces_the_security_scheme() {
    let Some(url) = mock_url() else { return };
    // Without a token the request breaks the contract, and Prism says so.
    let addr = url.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let request = format!("GET /balances HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    socket.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{}", answer.lines().next().unwrap_or_default());
}
