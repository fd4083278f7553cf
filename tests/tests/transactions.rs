//! Transaction feeds read incrementally: pages land with their cursor, a
//! later sync fetches only what is new, a feed that fails half-way resumes
//! where it stopped, and a bad page writes nothing.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::json;
use sweep_core::sources::{
    source_connector, ConnectedSource, ObservedBalance, SourceConnector, SourceEndpoint, SourceKind, TransactionPage,
};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_sandbox::{Sandbox, TRANSACTION_PAGE_SIZE};

async fn wallet(dir: &tempfile::TempDir) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap()
}

fn toss(sandbox: &Sandbox) -> Arc<dyn SourceConnector> {
    source_connector(SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() }, "sandbox-toss".into()).unwrap()
}

fn source() -> ConnectedSource {
    ConnectedSource { name: "Toss wallet".into(), kind: SourceKind::Wallet, provider: "source-api".into() }
}

async fn ids(wallet: &Wallet, source_id: u64) -> Vec<String> {
    wallet.transactions(source_id, 100).await.unwrap().into_iter().map(|t| t.id).collect()
}

#[tokio::test]
async fn a_later_sync_fetches_only_what_is_new() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let id = wallet.add_connected_source(source(), toss(&sandbox)).await.unwrap();

    let first = wallet.sync().await.unwrap();
    const { assert!(TRANSACTION_PAGE_SIZE < 6, "the sandbox's six Toss transactions span pages") };
    assert_eq!((first[0].synced, first[0].new_transactions, first[0].transactions_error.clone()), (true, 6, None));
    let listed = wallet.transactions(id, 100).await.unwrap();
    assert_eq!(listed.first().map(|t| t.id.as_str()), Some("tx-0006"), "newest first");
    assert_eq!(listed[4].amount.minor_units, -4_500);

    for (n, units) in [(7, -1_200), (8, 3_000)] {
        let at = format!("2026-11-25T1{n}:00:00Z");
        let transaction = json!({"id": format!("tx-000{n}"), "occurred_at": at, "kind": "debit",
                                 "amount": {"minor_units": units, "currency_code": "KRW"}});
        sandbox.add_transaction("sandbox-toss", transaction);
    }
    let second = wallet.sync().await.unwrap();
    assert_eq!(second[0].new_transactions, 2, "only the two new ones");
    let third = wallet.sync().await.unwrap();
    assert_eq!(third[0].new_transactions, 0);
    let mut all = ids(&wallet, id).await;
    assert_eq!(all.len(), 8);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 8, "nothing stored twice");
    assert_eq!(wallet.transactions(id, 3).await.unwrap().len(), 3);
    assert!(matches!(wallet.transactions(id, 0).await, Err(SweepError::InvalidInput { .. })));
    assert!(matches!(wallet.transactions(99, 10).await, Err(SweepError::SourceNotFound { source_id: 99 })));
    wallet.verify_ledger().await.unwrap();
}

/// The sandbox's feed, failing after the first page for a while.
struct FailsAfterFirstPage {
    inner: Arc<dyn SourceConnector>,
    failures_left: AtomicU32,
}

#[async_trait]
impl SourceConnector for FailsAfterFirstPage {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        self.inner.fetch_balances().await
    }

    async fn fetch_transactions(&self, cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        if cursor.is_some() && self.failures_left.load(Ordering::SeqCst) > 0 {
            self.failures_left.fetch_sub(1, Ordering::SeqCst);
            return Err(SweepError::MalformedResponse { reason: "broken page".into() });
        }
        self.inner.fetch_transactions(cursor).await
    }
}

#[tokio::test]
async fn a_feed_that_fails_half_way_keeps_its_pages_and_resumes() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let flaky = Arc::new(FailsAfterFirstPage { inner: toss(&sandbox), failures_left: AtomicU32::new(1) });
    let id = wallet.add_connected_source(source(), flaky).await.unwrap();

    let first = wallet.sync().await.unwrap();
    assert!(first[0].synced, "the balances are recorded all the same");
    assert_eq!(first[0].new_transactions as usize, TRANSACTION_PAGE_SIZE);
    assert!(first[0].transactions_error.as_deref().is_some_and(|e| e.contains("broken page")), "{first:?}");
    assert_eq!(ids(&wallet, id).await.len(), TRANSACTION_PAGE_SIZE);

    let second = wallet.sync().await.unwrap();
    assert_eq!(second[0].new_transactions as usize, 6 - TRANSACTION_PAGE_SIZE, "resumed from the stored cursor");
    assert_eq!(ids(&wallet, id).await.len(), 6);
}

/// A feed whose page holds a transaction in an unknown currency.
struct BadPage;

#[async_trait]
impl SourceConnector for BadPage {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        Ok(vec![])
    }

    async fn fetch_transactions(&self, _cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        let page = json!({"transactions": [
            {"id": "ok", "occurred_at": "2026-11-01T00:00:00Z", "kind": "credit",
             "amount": {"minor_units": 100, "currency_code": "KRW"}},
            {"id": "bad", "occurred_at": "2026-11-02T00:00:00Z", "kind": "credit",
             "amount": {"minor_units": 100, "currency_code": "ZZZ"}}
        ], "next_cursor": "after-bad", "has_more": false});
        Ok(serde_json::from_value(page).unwrap())
    }
}

#[tokio::test]
async fn a_bad_page_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let id = wallet.add_connected_source(source(), Arc::new(BadPage)).await.unwrap();
    let result = wallet.sync().await.unwrap();
    assert!(result[0].transactions_error.as_deref().is_some_and(|e| e.contains("ZZZ")), "{result:?}");
    assert_eq!(result[0].new_transactions, 0);
    assert!(ids(&wallet, id).await.is_empty(), "not even the good transaction of the page");
}
