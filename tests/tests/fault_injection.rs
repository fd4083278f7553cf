//! 1,000 randomised withdrawals through faults: a proxy that cuts requests
//! in flight and holds answers back past the client's time limit, a
//! provider that fails with 500 and 429, loses its answer after acting,
//! sometimes answers status reads from a stale replica, and serves its
//! events feed newest first with every event twice, and wallets killed
//! between storing a withdrawal and sending it. Whatever happens: no payout
//! twice, none lost, every withdrawal ends as the provider has it, the live
//! feed never tells a state older than one it told, holds balance out,
//! every receipt's fee is the quote's, and the ledger verifies.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sweep_core::fees::{DestinationKind, QuoteGoal, QuoteRequest, Speed};
use sweep_core::wallet::{Withdrawal, WithdrawalListener, WithdrawalSubscription};
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest, WithdrawalState};
use sweep_core::{EphemeralKeyProvider, MinorAmount, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::proxy::CuttingProxy;
use sweep_tests::TestAuthenticator;

const WITHDRAWALS: u64 = 1_000;
const START: i64 = 100_000_000;
/// The client's time limit here; the proxy holds answers back longer.
const TIME_LIMIT_MS: u64 = 1_500;
const HELD_BACK: Duration = Duration::from_millis(2_000);
const SUBMIT: &str = "POST /sweep-provider/v1/withdrawals ";

/// Every change the live feed told, in order.
#[derive(Default)]
struct Told(Mutex<Vec<(u64, WithdrawalState)>>);

impl WithdrawalListener for Told {
    fn on_withdrawal(&self, withdrawal: Withdrawal) {
        self.0.lock().unwrap().push((withdrawal.withdrawal_id, withdrawal.state));
    }
}

impl Told {
    /// How many changes were told, and how many went backwards.
    fn count_and_reversals(&self) -> (usize, usize) {
        let told = self.0.lock().unwrap();
        let mut last: BTreeMap<u64, WithdrawalState> = BTreeMap::new();
        let mut reversals = 0;
        for (id, state) in told.iter() {
            if let Some(before) = last.insert(*id, *state) {
                // The same state again is a leg's change, told too.
                if before != *state && !before.can_become(*state) {
                    reversals += 1;
                }
            }
        }
        (told.len(), reversals)
    }
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

async fn open(dir: &tempfile::TempDir, keys: &Arc<EphemeralKeyProvider>) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    Wallet::open(config, Arc::clone(keys) as _).await.unwrap()
}

async fn track(wallet: &Arc<Wallet>, told: &Arc<Told>) -> Arc<WithdrawalSubscription> {
    Arc::clone(wallet).track_withdrawals(Arc::clone(told) as _).await
}

/// A quote, asked again when the faults get in the way.
async fn quote(wallet: &Wallet, request: &QuoteRequest) -> sweep_core::fees::Quote {
    for _ in 0..5 {
        if let Ok(quote) = wallet.quote(request.clone()).await {
            return quote;
        }
    }
    wallet.quote(request.clone()).await.unwrap()
}

async fn settle(wallet: &Wallet, id: u64) -> WithdrawalState {
    for _ in 0..40 {
        if let Ok(w) = wallet.refresh_withdrawal(id).await {
            if w.state.is_terminal() {
                return w.state;
            }
        }
    }
    wallet.refresh_withdrawal(id).await.map(|w| w.state).unwrap_or(WithdrawalState::Requested)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_withdrawals_through_faults_lose_nothing_and_pay_nothing_twice() {
    sweep_core::set_request_timeout(TIME_LIMIT_MS).unwrap();
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = CuttingProxy::start(sandbox.addr(), 60, 0).await;
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let auth = TestAuthenticator::new();
    let mut wallet = open(&dir, &keys).await;
    // The float sits in the sandbox's Toss wallet, linked with the transfer scope.
    sweep_tests::withdrawing::toss_holding(&wallet, &sandbox.url(), START).await;
    // A thousand withdrawals in minutes are far above any real daily limit.
    sandbox.set_knobs(Knobs { tier_limits_multiplier: 1_000, ..Knobs::default() });
    wallet.refresh_fee_schedule(format!("http://{}/sweep-provider/v1", proxy.addr())).await.unwrap();
    let payee = PayeeRequest {
        destination: PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110123456789".into() },
        holder_name: "Kim Minji".into(),
    };
    let payee = wallet.add_payee(payee).await.unwrap().payee_id;
    wallet.register_authenticator(auth.clone()).await.unwrap();
    let faults = Knobs {
        withdrawal_chaos_percent: 15,
        events_shuffled: true,
        tier_limits_multiplier: 1_000,
        ..Knobs::default()
    };
    sandbox.set_knobs(faults.clone());
    let told = Arc::new(Told::default());
    let mut tracking = track(&wallet, &told).await;

    let mut rng = Lcg(20_261_125);
    let (mut kills, mut cuts, mut cancels, mut submit_errors) = (0, 0, 0, 0);
    let mut quoted_fees: BTreeMap<u64, i64> = BTreeMap::new();
    for n in 0..WITHDRAWALS {
        let amount = 5_000 + rng.next(45_000) as i64;
        let request = QuoteRequest {
            currency_code: "KRW".into(),
            goal: QuoteGoal::SendExactly { amount: MinorAmount { minor_units: amount, currency_code: "KRW".into() } },
            speed: Speed::Standard,
            destination: DestinationKind::BankAccount,
            limits: None,
        };
        let quote = quote(&wallet, &request).await;
        let fee = quote.breakdown.total_fee.amount.minor_units;
        if n % 50 == 29 {
            proxy.delay_answers(SUBMIT, 1, HELD_BACK); // acted on, answered too late
        }
        if n % 25 == 7 {
            proxy.cut_more(1); // the next request is cut in flight
            cuts += 1;
        }
        let kill = n % 50 == 13;
        if kill {
            proxy.refuse(true); // stored and held, then the network and the app go
        }
        let sent = wallet.withdraw(quote, payee, auth.clone(), None).await;
        if kill {
            assert!(sent.is_err());
            kills += 1;
            drop(tracking);
            wallet.close();
            proxy.refuse(false);
            wallet = open(&dir, &keys).await;
            tracking = track(&wallet, &told).await;
            for w in wallet.resume_withdrawals().await.unwrap() {
                settle(&wallet, w.withdrawal_id).await;
            }
            continue;
        }
        let Ok(w) = sent else {
            submit_errors += 1;
            continue;
        };
        quoted_fees.insert(w.withdrawal_id, fee);
        if rng.next(10) == 0 && wallet.cancel_withdrawal(w.withdrawal_id).await.is_ok() {
            cancels += 1;
        }
        settle(&wallet, w.withdrawal_id).await;
    }
    // Whatever could not be sent during the faults is sent now.
    sandbox.set_knobs(Knobs { tier_limits_multiplier: 1_000, ..Knobs::default() });
    for w in wallet.resume_withdrawals().await.unwrap() {
        settle(&wallet, w.withdrawal_id).await;
    }

    let all = wallet.withdrawals().await.unwrap();
    let provider_ids: Vec<String> = all.iter().filter_map(|w| w.provider_withdrawal_id.clone()).collect();
    let distinct: BTreeSet<&String> = provider_ids.iter().collect();
    let duplicates = sandbox.payouts() - distinct.len();
    let lost = all.iter().filter(|w| !w.state.is_terminal() || w.provider_withdrawal_id.is_none()).count();
    let mismatched = all
        .iter()
        .filter(|w| {
            w.provider_withdrawal_id.as_deref().and_then(|id| sandbox.withdrawal_state(id)).as_deref()
                != Some(w.state.code())
        })
        .count();
    let completed: i64 = all.iter().filter(|w| w.state == WithdrawalState::Completed).count() as i64;
    drop(tracking);
    let (told_count, reversals) = told.count_and_reversals();
    let (mut receipts, mut paid_gross) = (0, 0);
    for w in all.iter().filter(|w| w.state == WithdrawalState::Completed) {
        let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
        paid_gross += receipt.gross.amount.minor_units;
        if let Some(fee) = quoted_fees.get(&w.withdrawal_id) {
            assert_eq!(receipt.fee.amount.minor_units, *fee, "the receipt's fee is the quote's");
            receipts += 1;
        }
    }
    let home = wallet.dashboard().await.unwrap();
    let (balance, available) =
        (home.sources[0].balance.amount.minor_units, home.sources[0].available.amount.minor_units);
    println!(
        "{} withdrawals: {} completed, {} canceled by the user, {} failed; faults: {} kills, {} cut requests, {} answers held past the time limit, {} submissions that gave up and were resumed; {} payouts at the provider, {} duplicates, {} lost, {} not matching the provider; live feed: {} changes told, {} backwards; {} receipts equal to their quotes",
        all.len(),
        completed,
        cancels,
        all.iter().filter(|w| w.state == WithdrawalState::Failed).count(),
        kills,
        cuts,
        proxy.delays_made(),
        submit_errors,
        sandbox.payouts(),
        duplicates,
        lost,
        mismatched,
        told_count,
        reversals,
        receipts
    );
    assert_eq!(all.len() as u64, WITHDRAWALS);
    assert_eq!(duplicates, 0, "no payout twice");
    assert_eq!(distinct.len(), provider_ids.len(), "no withdrawal shares a payout");
    assert_eq!(lost, 0, "every withdrawal reached the provider and ended");
    assert_eq!(mismatched, 0, "every withdrawal ends as the provider has it");
    assert_eq!(balance, available, "no hold is left behind");
    assert!(completed > 0);
    assert!(proxy.delays_made() >= WITHDRAWALS / 50, "answers were held past the time limit");
    assert!(told_count > 0, "the live feed told changes");
    assert_eq!(reversals, 0, "the live feed never went backwards");
    assert!(receipts > 0);
    // The sandbox's own books: every won is either still at the platform or
    // in the provider's collection account, and what the collection account
    // holds is exactly what completed payouts took (the rest went back).
    let collected: i64 = sandbox.collections().values().sum();
    assert_eq!(sandbox.platform_balance("sandbox-toss").unwrap() + collected, START, "no won lost or made");
    assert_eq!(collected, paid_gross, "the provider kept only what it paid out (net and fee)");
    wallet.verify_ledger().await.unwrap();
}
