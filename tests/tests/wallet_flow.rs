//! The wallet facade end to end, as an app would drive it.

use std::sync::Arc;

use sweep_core::sources::{Collectability, Eligibility, ManualSource, SourceKind};
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};

fn config(dir: &tempfile::TempDir) -> WalletConfig {
    WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() }
}

fn source(name: &str, kind: SourceKind, minor: i64, code: &str) -> ManualSource {
    ManualSource {
        name: name.into(),
        kind,
        balance: MinorAmount { minor_units: minor, currency_code: code.into() },
        account_ref: None,
    }
}

#[tokio::test]
async fn open_add_dashboard_verify_close() {
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let wallet = Wallet::open(config(&dir), keys.clone()).await.unwrap();
    wallet.add_manual_source(source("Toss", SourceKind::Wallet, 12_340, "KRW")).await.unwrap();
    wallet.add_manual_source(source("PayPal", SourceKind::Wallet, 150, "USD")).await.unwrap();
    wallet.add_manual_source(source("SKT", SourceKind::CarrierBilling, 5_500, "KRW")).await.unwrap();

    let dashboard = wallet.dashboard().await.unwrap();
    assert_eq!(dashboard.sources.len(), 3);
    assert_eq!(dashboard.sources[2].terms.eligibility, Eligibility::RefundToOrigin);
    assert_eq!(dashboard.sources[2].auth_state, sweep_core::sources::AuthState::Linked);
    assert_eq!(dashboard.sources[2].last_synced, None, "manual sources are never synced");
    assert!(dashboard.cashable_totals.is_empty(), "typed-in money is tracked, never counted as cashable");
    assert_eq!(dashboard.sources[0].collection, Collectability::TrackedOnly);
    assert_eq!(dashboard.sources[2].collection, Collectability::RefundToOrigin, "carrier billing goes back only");
    assert_eq!(wallet.verify_ledger().await.unwrap().entries, 3);

    wallet.close();
    assert_eq!(wallet.dashboard().await.err(), Some(SweepError::WalletClosed));
    wallet.close();

    let reopened = Wallet::open(config(&dir), keys).await.unwrap();
    assert_eq!(reopened.dashboard().await.unwrap().sources.len(), 3);
    reopened.close();
    let stranger = EphemeralKeyProvider::new().unwrap();
    assert_eq!(Wallet::open(config(&dir), stranger).await.err(), Some(SweepError::WrongKey));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_wallet_safely() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::open(config(&dir), EphemeralKeyProvider::new().unwrap()).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let wallet = Arc::clone(&wallet);
        tasks.push(tokio::spawn(async move {
            wallet.add_manual_source(source(&format!("S{i}"), SourceKind::Wallet, 1_000, "KRW")).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let dashboard = wallet.dashboard().await.unwrap();
    assert_eq!(dashboard.sources.len(), 16);
    let tracked: i64 = dashboard.sources.iter().map(|s| s.balance.amount.minor_units).sum();
    assert_eq!(tracked, 16_000);
    assert_eq!(wallet.verify_ledger().await.unwrap().entries, 16);
}

#[tokio::test]
async fn an_empty_data_dir_is_refused() {
    let config = WalletConfig { data_dir: "  ".into(), locale: "en-US".into() };
    let err = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.err();
    assert!(matches!(err, Some(SweepError::InvalidInput { ref field, .. }) if field == "data_dir"));
}

mod connected {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use async_trait::async_trait;
    use sweep_core::sources::{
        AuthState, BalanceListener, BalanceTerms, Collectability, ConnectedSource, Eligibility, ObservedBalance,
        SourceApiConnector, SourceConnector, SourceKind, SyncResult, TransactionPage,
    };
    use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet};
    use sweep_sandbox::{Fault, Knobs, Sandbox};

    /// An app's own credits, as an app would implement them.
    struct InAppCredits {
        calls: AtomicUsize,
    }

    #[async_trait]
    impl SourceConnector for InAppCredits {
        async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            Ok(vec![ObservedBalance {
                amount: MinorAmount { minor_units: 4_200, currency_code: "KRW".into() },
                terms: BalanceTerms {
                    eligibility: Eligibility::Cashable,
                    reason: "Credits can be cashed out.".into(),
                    min_withdrawal: None,
                    refundable_after_used_percent: None,
                    expiries: vec![],
                    face_value: None,
                    purchased_at: None,
                },
            }])
        }

        async fn fetch_transactions(&self, _cursor: Option<String>) -> Result<TransactionPage, SweepError> {
            Ok(TransactionPage::empty())
        }
    }

    #[derive(Default)]
    struct Collect(Mutex<Vec<SyncResult>>);

    impl BalanceListener for Collect {
        fn on_sync_result(&self, result: SyncResult) {
            self.0.lock().unwrap().push(result);
        }
    }

    #[tokio::test]
    async fn connected_sources_sync_and_subscribers_hear_each_result() {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = Sandbox::start().await.unwrap();
        let wallet = Wallet::open(super::config(&dir), EphemeralKeyProvider::new().unwrap()).await.unwrap();
        let credits = Arc::new(InAppCredits { calls: AtomicUsize::new(0) });
        let source = |name: &str, provider: &str| ConnectedSource {
            name: name.into(),
            kind: SourceKind::Wallet,
            provider: provider.into(),
        };
        let app =
            wallet.add_connected_source(source("Game credits", "com.example.game"), credits.clone()).await.unwrap();
        let toss = SourceApiConnector::new(&sandbox.source_api_url(), "sandbox-toss".into()).unwrap();
        let api = wallet.add_connected_source(source("Toss wallet", "source-api"), Arc::new(toss)).await.unwrap();
        assert!(wallet.dashboard().await.unwrap().sources.is_empty(), "nothing to show before the first sync");
        assert_eq!(wallet.verify_ledger().await.unwrap().entries, 0, "sources without entries yet still verify");

        let heard = Arc::new(Collect::default());
        let subscription = wallet.subscribe_sync_results(heard.clone());
        let mut results = wallet.sync().await.unwrap();
        results.sort_by_key(|r| r.source_id);
        assert_eq!(results.iter().map(|r| (r.source_id, r.synced)).collect::<Vec<_>>(), [(app, true), (api, true)]);
        assert_eq!(heard.0.lock().unwrap().len(), 2);
        let home = wallet.dashboard().await.unwrap();
        // Both are read, but neither was linked with a transfer grant: the
        // app's own connector and a bare Source API connector are tracked only.
        assert!(home.cashable_totals.is_empty(), "{:?}", home.cashable_totals);
        let collection: Vec<Collectability> = home.sources.iter().map(|s| s.collection).collect();
        assert_eq!(collection, [Collectability::NoCollectMethod, Collectability::NoCollectMethod]);
        let read: i64 = home.sources.iter().map(|s| s.balance.amount.minor_units).sum();
        assert_eq!(read, 16_540);

        // An expired grant shows up as needs_reauth, and the other source still syncs.
        sandbox.set_knobs(Knobs { fault: Some(Fault::ExpiredToken), ..Knobs::default() });
        let results = wallet.sync().await.unwrap();
        let failed = results.iter().find(|r| r.source_id == api).unwrap();
        assert!(!failed.synced && failed.needs_reauth && failed.error.is_some());
        let home = wallet.dashboard().await.unwrap();
        assert_eq!(home.sources.iter().find(|s| s.source_id == api).unwrap().auth_state, AuthState::NeedsReauth);
        assert_eq!(credits.calls.load(Ordering::SeqCst), 2);

        drop(subscription);
        wallet.sync().await.unwrap();
        assert_eq!(heard.0.lock().unwrap().len(), 4, "nothing arrives after the handle is dropped");
        assert_eq!(wallet.verify_ledger().await.unwrap().entries, 4);
        assert_eq!(
            wallet.attach_connector(99, credits.clone()).await.err(),
            Some(SweepError::SourceNotFound { source_id: 99 })
        );
        let typed_in = wallet.add_manual_source(super::source("Cash", SourceKind::Wallet, 1, "KRW")).await.unwrap();
        assert!(
            matches!(wallet.attach_connector(typed_in, credits).await, Err(SweepError::InvalidInput { .. })),
            "a sync must never overwrite a typed-in balance"
        );
    }
}
