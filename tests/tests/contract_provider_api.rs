//! Contract tests of our provider spec (`docs/provider-api.yaml`): Prism in
//! mock mode checks Sweep's requests and answers with the spec's examples;
//! Prism in proxy mode with `--errors`, in front of the sandbox provider,
//! also checks the sandbox's answers. `cargo xtask test` starts both and
//! sets `SWEEP_PROVIDER_API_MOCK` and `SWEEP_PROVIDER_API_PROXY`.

use std::sync::Arc;

use sweep_core::fees::provider::{compare, fetch_schedule, lock_quote, LockRequest};
use sweep_core::fees::{price::price, DestinationKind, QuoteGoal, QuoteRequest, Speed};
use sweep_core::sources::SourceKind;
use sweep_core::{EphemeralKeyProvider, Wallet, WalletConfig};

fn service(name: &str) -> Option<String> {
    sweep_tests::service_url(name, "Prism for this test")
}

#[tokio::test]
async fn the_spec_example_schedule_and_quote_agree_with_sweeps_arithmetic() {
    let Some(url) = service("SWEEP_PROVIDER_API_MOCK") else { return };
    let schedule = fetch_schedule(&url).await.expect("Prism serves the example schedule, which validates");
    let legs = vec![(SourceKind::Wallet, 12_340), (SourceKind::GameCredits, 3_300)];
    let request = LockRequest {
        schedule_version: &schedule.version,
        currency_code: "KRW",
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        legs: legs.clone(),
    };
    let locked = lock_quote(&url, &request).await.expect("Prism accepts the request body");
    // The spec's own example quote is the worked example of docs/money.md.
    let local = price(&schedule, &schedule.currencies[0], Speed::Standard, &legs).unwrap();
    compare(&local, schedule.standard_eta_seconds, &schedule.version, &locked).expect("the example matches Sweep");
}

#[tokio::test]
async fn the_sandbox_provider_follows_the_spec_through_the_proxy() {
    let Some(url) = service("SWEEP_PROVIDER_API_PROXY") else { return };
    let Some(sandbox) = sweep_tests::service_url("SWEEP_SANDBOX_URL", "the sandbox") else { return };
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
    let wallet = Wallet::open(config, keys).await.unwrap();
    // Only collectable money is quoted: the sandbox's Toss wallet, linked.
    sweep_tests::withdrawing::toss_holding(&wallet, &sandbox, 17_210).await;
    wallet.refresh_fee_schedule(url).await.expect("the sandbox's schedule follows the spec");
    for speed in [Speed::Standard, Speed::Instant] {
        let request = QuoteRequest {
            currency_code: "KRW".into(),
            goal: QuoteGoal::Everything,
            speed,
            destination: DestinationKind::Wallet,
            limits: None,
        };
        let quote = wallet.quote(request).await.expect("request and answer both follow the spec");
        assert_eq!(quote.breakdown.total_gross.amount.minor_units, 17_210);
    }
}
