//! 1,000 randomised withdrawals through faults: a proxy that cuts requests
//! in flight, a provider that fails with 500 and 429, loses its answer after
//! acting, and sometimes answers status reads from a stale replica (events
//! repeated and out of order), and wallets killed between storing a
//! withdrawal and sending it. Whatever happens: no payout twice, none lost,
//! every withdrawal ends as the provider has it, holds balance out, and the
//! ledger verifies.

use std::collections::BTreeSet;
use std::sync::Arc;

use sweep_core::fees::{DestinationKind, QuoteGoal, QuoteRequest, Speed};
use sweep_core::sources::{ManualSource, SourceKind};
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest, WithdrawalState};
use sweep_core::{EphemeralKeyProvider, MinorAmount, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::proxy::CuttingProxy;
use sweep_tests::TestAuthenticator;

const WITHDRAWALS: u64 = 1_000;
const START: i64 = 100_000_000;

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
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = CuttingProxy::start(sandbox.addr(), 60, 0).await;
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let auth = TestAuthenticator::new();
    let mut wallet = open(&dir, &keys).await;
    let source = ManualSource {
        name: "Float".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: START, currency_code: "KRW".into() },
        account_ref: None,
    };
    wallet.add_manual_source(source).await.unwrap();
    wallet.refresh_fee_schedule(format!("http://{}/sweep-provider/v1", proxy.addr())).await.unwrap();
    let payee = PayeeRequest {
        destination: PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110123456789".into() },
        holder_name: "Kim Minji".into(),
    };
    let payee = wallet.add_payee(payee).await.unwrap().payee_id;
    wallet.register_authenticator(auth.clone()).await.unwrap();
    sandbox.set_knobs(Knobs { withdrawal_chaos_percent: 15, ..Knobs::default() });

    let mut rng = Lcg(20_261_125);
    let (mut kills, mut cuts, mut cancels, mut submit_errors) = (0, 0, 0, 0);
    for n in 0..WITHDRAWALS {
        let amount = 5_000 + rng.next(45_000) as i64;
        let request = QuoteRequest {
            currency_code: "KRW".into(),
            goal: QuoteGoal::SendExactly { amount: MinorAmount { minor_units: amount, currency_code: "KRW".into() } },
            speed: Speed::Standard,
            destination: DestinationKind::BankAccount,
            limits: None,
        };
        let quote = wallet.quote(request).await.unwrap();
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
            wallet.close();
            proxy.refuse(false);
            wallet = open(&dir, &keys).await;
            for w in wallet.resume_withdrawals().await.unwrap() {
                settle(&wallet, w.withdrawal_id).await;
            }
            continue;
        }
        let Ok(w) = sent else {
            submit_errors += 1;
            continue;
        };
        if rng.next(10) == 0 && wallet.cancel_withdrawal(w.withdrawal_id).await.is_ok() {
            cancels += 1;
        }
        settle(&wallet, w.withdrawal_id).await;
    }
    // Whatever could not be sent during the faults is sent now.
    sandbox.set_knobs(Knobs::default());
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
    let home = wallet.dashboard().await.unwrap();
    let (balance, available) =
        (home.sources[0].balance.amount.minor_units, home.sources[0].available.amount.minor_units);
    println!(
        "{} withdrawals: {} completed, {} canceled by the user, {} failed; faults: {} kills, {} cut requests, {} submissions that gave up and were resumed; {} payouts at the provider, {} duplicates, {} lost, {} not matching the provider",
        all.len(),
        completed,
        cancels,
        all.iter().filter(|w| w.state == WithdrawalState::Failed).count(),
        kills,
        cuts,
        submit_errors,
        sandbox.payouts(),
        duplicates,
        lost,
        mismatched
    );
    assert_eq!(all.len() as u64, WITHDRAWALS);
    assert_eq!(duplicates, 0, "no payout twice");
    assert_eq!(distinct.len(), provider_ids.len(), "no withdrawal shares a payout");
    assert_eq!(lost, 0, "every withdrawal reached the provider and ended");
    assert_eq!(mismatched, 0, "every withdrawal ends as the provider has it");
    assert_eq!(balance, available, "no hold is left behind");
    assert!(completed > 0);
    wallet.verify_ledger().await.unwrap();
}
