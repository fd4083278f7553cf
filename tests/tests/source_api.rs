//! The Source API connector against the sandbox over real loopback HTTP.

use std::sync::Arc;

use sweep_core::sources::{
    add_manual_source, dashboard, record_observation, Eligibility, ManualSource, SourceApiConnector, SourceConnector,
    SourceKind,
};
use sweep_core::store::Store;
use sweep_core::{EphemeralKeyProvider, Locale, MinorAmount, SweepError};
use sweep_sandbox::{Fault, Knobs, Sandbox};

/// A fault and the check its error must pass.
type Case = (Fault, fn(&SweepError) -> bool);

struct Wallet {
    _dir: tempfile::TempDir,
    _keys: Arc<EphemeralKeyProvider>,
    store: Store,
}

/// A store with one wallet source (id 1) to record into.
fn wallet() -> Wallet {
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
    let source = ManualSource {
        name: "Toss wallet".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 0, currency_code: "KRW".into() },
        account_ref: None,
    };
    add_manual_source(&mut store, &source, 1).unwrap();
    Wallet { _dir: dir, _keys: keys, store }
}

#[tokio::test]
async fn balances_from_the_source_api_land_in_the_dashboard() {
    let sandbox = Sandbox::start().await.unwrap();
    let connector = SourceApiConnector::new(&sandbox.source_api_url(), "sandbox-toss".into()).unwrap();
    let balances = connector.fetch_balances().await.unwrap();
    assert_eq!(balances.len(), 1);
    assert_eq!(balances[0].amount, MinorAmount { minor_units: 12_340, currency_code: "KRW".into() });
    assert_eq!(balances[0].terms.min_withdrawal.as_ref().map(|m| m.minor_units), Some(1_000));
    assert_eq!(balances[0].terms.expiries.len(), 1);

    let mut wallet = wallet();
    record_observation(&mut wallet.store, 1, &balances, 2).unwrap();
    let home = dashboard(&wallet.store, Locale::KoKr).unwrap();
    assert_eq!(home.sources[0].balance.formatted, "12,340원");
    assert_eq!(home.sources[0].terms.eligibility, Eligibility::Cashable);
    assert_eq!(home.sources[0].terms.expiries[0].amount.minor_units, 2_000);
    assert!(home.sources[0].last_synced.is_some());
}

#[tokio::test]
async fn transport_and_protocol_faults_are_typed_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let connector = SourceApiConnector::new(&sandbox.source_api_url(), "sandbox-toss".into()).unwrap();
    let cases: [Case; 7] = [
        (
            Fault::Malformed,
            |e| matches!(e, SweepError::MalformedResponse { reason } if reason.contains("invalid JSON")),
        ),
        (Fault::Html, |e| matches!(e, SweepError::SourceFailed { status: 502 })),
        (Fault::Huge, |e| matches!(e, SweepError::ResponseTooLarge { limit_bytes: 1_048_576 })),
        (Fault::RateLimited, |e| matches!(e, SweepError::RateLimited { retry_after_ms: Some(2_000) })),
        (Fault::ExpiredToken, |e| matches!(e, SweepError::AuthExpired { .. })),
        (Fault::Revoked, |e| matches!(e, SweepError::AccessRevoked { .. })),
        (Fault::ServerError, |e| matches!(e, SweepError::SourceFailed { status: 503 })),
    ];
    for (fault, expected) in cases {
        sandbox.set_knobs(Knobs { fault: Some(fault), ..Knobs::default() });
        let err = connector.fetch_balances().await.expect_err("a fault must fail");
        assert!(expected(&err), "{fault:?} gave {err:?}");
    }
    let stranger = SourceApiConnector::new(&sandbox.source_api_url(), "not-a-token".into()).unwrap();
    sandbox.set_knobs(Knobs::default());
    assert!(matches!(stranger.fetch_balances().await, Err(SweepError::AuthExpired { .. })));
}

#[tokio::test]
async fn an_html_page_with_status_200_is_malformed_not_parsed() {
    // A captive portal answers 200 with HTML; the connector must not try to read it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum_like_portal();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut request = [0u8; 1024];
        let _ = socket.read(&mut request).await;
        socket.write_all(app.as_bytes()).await.unwrap();
    });
    let connector = SourceApiConnector::new(&format!("http://{addr}/sweep/v1"), "t".into()).unwrap();
    let err = connector.fetch_balances().await.unwrap_err();
    assert_eq!(err, SweepError::MalformedResponse { reason: "expected JSON, got text/html".into() });
}

fn axum_like_portal() -> String {
    let body = "<html><body>Sign in to the Wi-Fi</body></html>";
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn bad_balances_from_the_source_write_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    let connector = SourceApiConnector::new(&sandbox.source_api_url(), "sandbox-toss".into()).unwrap();
    let mut wallet = wallet();
    let changes = wallet.store.conn().total_changes();
    let cases: [Case; 3] = [
        (Fault::UnknownCurrency, |e| matches!(e, SweepError::UnknownCurrency { code } if code == "ZZZ")),
        (Fault::NegativeBalance, |e| matches!(e, SweepError::NegativeAmount { .. })),
        (Fault::AbsurdBalance, |e| matches!(e, SweepError::InvalidInput { field, .. } if field == "balance")),
    ];
    for (fault, expected) in cases {
        sandbox.set_knobs(Knobs { fault: Some(fault), ..Knobs::default() });
        let balances = connector.fetch_balances().await.expect("well-formed JSON");
        let err = record_observation(&mut wallet.store, 1, &balances, 3).expect_err("refused");
        assert!(expected(&err), "{fault:?} gave {err:?}");
    }
    assert_eq!(wallet.store.conn().total_changes(), changes, "nothing was written");
    assert_eq!(dashboard(&wallet.store, Locale::KoKr).unwrap().sources[0].balance.amount.minor_units, 0);
}
