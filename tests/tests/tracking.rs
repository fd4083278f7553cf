//! Live tracking: the wallet follows the provider's events feed (a long
//! poll) and tells its listener about each change once, even when events
//! come twice; without the feed it falls back to asking.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sweep_core::fees::{DestinationKind, QuoteGoal, QuoteRequest, Speed};
use sweep_core::wallet::{Withdrawal, WithdrawalListener};
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest, WithdrawalState};
use sweep_core::{EphemeralKeyProvider, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::TestAuthenticator;

#[derive(Default)]
struct Seen(Mutex<Vec<WithdrawalState>>);

impl WithdrawalListener for Seen {
    fn on_withdrawal(&self, withdrawal: Withdrawal) {
        self.0.lock().unwrap().push(withdrawal.state);
    }
}

impl Seen {
    /// Waits, with a bound, until `count` changes arrived.
    async fn until(&self, count: usize, bound: Duration) -> Vec<WithdrawalState> {
        let start = Instant::now();
        while self.0.lock().unwrap().len() < count && start.elapsed() < bound {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.0.lock().unwrap().clone()
    }
}

async fn withdrawing(sandbox: &Sandbox, dir: &tempfile::TempDir) -> (Arc<Wallet>, u64) {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    sweep_tests::withdrawing::toss_holding(&wallet, &sandbox.url(), 40_000).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let destination =
        PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110123456789".into() };
    let payee = wallet.add_payee(PayeeRequest { destination, holder_name: "Kim Minji".into() }).await.unwrap().payee_id;
    let auth = TestAuthenticator::new();
    wallet.register_authenticator(auth.clone()).await.unwrap();
    let request = QuoteRequest {
        currency_code: "KRW".into(),
        goal: QuoteGoal::Everything,
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        limits: None,
    };
    let w = wallet.withdraw(wallet.quote(request).await.unwrap(), payee, auth, None).await.unwrap();
    assert_eq!(w.state, WithdrawalState::Processing);
    (wallet, w.withdrawal_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_tells_the_listener_each_change_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (wallet, id) = withdrawing(&sandbox, &dir).await;
    let seen = Arc::new(Seen::default());
    let subscription = Arc::clone(&wallet).track_withdrawals(seen.clone()).await;
    sandbox.advance_withdrawals(true);
    assert_eq!(seen.until(1, Duration::from_secs(10)).await, [WithdrawalState::Sent]);
    sandbox.advance_withdrawals(true);
    assert_eq!(
        seen.until(2, Duration::from_secs(10)).await,
        [WithdrawalState::Sent, WithdrawalState::Completed],
        "duplicates are told once"
    );
    subscription.cancel();
    // The aborted task finishes when the runtime gets to it; the handle
    // says it is no longer tracking at once.
    assert!(!subscription.is_active(), "inactive as soon as it is cancelled");
    let done = wallet.refresh_withdrawal(id).await.unwrap();
    assert_eq!(done.state, WithdrawalState::Completed);
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_feed_the_wallet_asks() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { events_unavailable: true, ..Knobs::default() });
    let dir = tempfile::tempdir().unwrap();
    let (wallet, _) = withdrawing(&sandbox, &dir).await;
    let seen = Arc::new(Seen::default());
    let subscription = Arc::clone(&wallet).track_withdrawals(seen.clone()).await;
    // Each question moves the sandbox's withdrawal on: sent, then completed.
    let states = seen.until(2, Duration::from_secs(15)).await;
    assert_eq!(states, [WithdrawalState::Sent, WithdrawalState::Completed]);
    drop(subscription);
}
