//! `close()` stops every call before anything is sent: a fee-schedule
//! refresh after it fails with `WalletClosed` and reaches no server, and
//! live tracking ends at once, in the middle of its long poll.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sweep_core::wallet::{Withdrawal, WithdrawalListener};
use sweep_core::SweepError;
use sweep_sandbox::Sandbox;
use sweep_tests::withdrawing::Fixture;

struct Quiet;

impl WithdrawalListener for Quiet {
    fn on_withdrawal(&self, _: Withdrawal) {}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_wallet_sends_nothing_more() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let wallet = fx.open().await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let tracking = Arc::clone(&wallet).track_withdrawals(Arc::new(Quiet)).await;
    assert!(tracking.is_active());
    wallet.close();

    // Tracking ends now, not when its long poll returns (polled, with a bound).
    let deadline = Instant::now() + Duration::from_secs(5);
    while tracking.is_active() {
        assert!(Instant::now() < deadline, "tracking outlived close()");
        tokio::task::yield_now().await;
    }
    let served = sandbox.requests_served();
    let refreshed = wallet.refresh_fee_schedule(sandbox.provider_url()).await;
    assert_eq!(refreshed.err(), Some(SweepError::WalletClosed));
    assert_eq!(sandbox.requests_served(), served, "nothing reached the provider after close()");
}
