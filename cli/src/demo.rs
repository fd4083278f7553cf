//! `sweep demo`: the whole walking skeleton on a throw-away wallet.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use sweep_core::sources::{ManualSource, SourceKind};
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};

use crate::render;

/// The embedded sample balances: KRW and USD, every kind of source.
fn samples() -> Vec<ManualSource> {
    let source = |name: &str, kind, minor_units, code: &str, account_ref: Option<&str>| ManualSource {
        name: name.to_owned(),
        kind,
        balance: MinorAmount { minor_units, currency_code: code.to_owned() },
        account_ref: account_ref.map(str::to_owned),
    };
    vec![
        source("Toss wallet", SourceKind::Wallet, 12_340, "KRW", Some("toss-8812")),
        source("KakaoPay", SourceKind::Wallet, 4_870, "KRW", None),
        source("Nexon Cash", SourceKind::GameCredits, 3_300, "KRW", None),
        source("OK Cashbag", SourceKind::Points, 2_150, "KRW", None),
        source("SKT phone-bill refund", SourceKind::CarrierBilling, 5_500, "KRW", Some("010-1234-5678")),
        source("PayPal", SourceKind::Wallet, 150, "USD", Some("kim@example.com")),
    ]
}

/// Runs the demo; the wallet and its key vanish when it returns.
pub async fn run(locale: &str) -> Result<(), SweepError> {
    let dir = tempfile::Builder::new()
        .prefix("sweep-demo-")
        .tempdir()
        .map_err(|e| SweepError::Storage { reason: format!("cannot create a temp dir: {e}") })?;
    println!("Sweep demo: a throw-away encrypted wallet in {} (deleted on exit)\n", dir.path().display());
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: locale.to_owned() };
    // In-memory key: the demo leaves nothing in your key store.
    let wallet = Wallet::open(config, EphemeralKeyProvider::new()?).await?;

    let samples = samples();
    let progress = ProgressBar::new(samples.len() as u64)
        .with_style(ProgressStyle::with_template("{spinner} sealing balances {pos}/{len}").expect("static template"));
    progress.enable_steady_tick(Duration::from_millis(80));
    for source in samples {
        wallet.add_manual_source(source).await?;
        progress.inc(1);
    }
    progress.finish_and_clear();

    println!("{}\n", render::dashboard(&wallet.dashboard().await?));
    println!("{}", render::ledger_report(&wallet.verify_ledger().await?));
    wallet.close();
    Ok(())
}
