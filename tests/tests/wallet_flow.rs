//! The wallet facade end to end, as an app would drive it.

use std::sync::Arc;

use sweep_core::sources::{Eligibility, ManualSource, SourceKind};
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
    let totals: Vec<&str> = dashboard.cashable_totals.iter().map(|t| t.formatted.as_str()).collect();
    assert_eq!(totals, ["₩12,340", "$1.50"], "carrier billing never counts as cashable");
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
    assert_eq!(dashboard.cashable_totals[0].amount.minor_units, 16_000);
    assert_eq!(wallet.verify_ledger().await.unwrap().entries, 16);
}

#[tokio::test]
async fn an_empty_data_dir_is_refused() {
    let config = WalletConfig { data_dir: "  ".into(), locale: "en-US".into() };
    let err = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.err();
    assert!(matches!(err, Some(SweepError::InvalidInput { ref field, .. }) if field == "data_dir"));
}
