//! A wallet in its own process, for the kill-and-resume suite
//! (`tests/tests/kill_resume.rs`): it opens the wallet (its key in the
//! kernel key store), resumes unfinished withdrawals, then carries out the
//! planned withdrawals one after another, approving bank legs at the
//! sandbox bank, until the wallet holds `SWEEP_WORKER_TARGET` finished
//! withdrawals. The suite kills it with SIGKILL at random points and
//! starts another; every step here must be safe to cut anywhere.
//!
//! Environment: `SWEEP_WORKER_DIR` (the wallet), `SWEEP_WORKER_AUTH` (the
//! authenticator's PKCS#8, hex), `SWEEP_WORKER_PLAN` (one line per
//! withdrawal: `payee source=amount source=amount …`), `SWEEP_WORKER_TARGET`.
//! Exit 0: every planned withdrawal is finished and the ledger verifies.

use std::sync::Arc;
use std::time::Duration;

use sweep_core::fees::{DestinationKind, LegRequest, QuoteGoal, QuoteRequest, Speed};
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::wallet::Withdrawal;
use sweep_core::{MinorAmount, Wallet, WalletConfig};
use sweep_tests::TestAuthenticator;

/// The kernel key store entry the suite's wallets use.
pub const KEY_SERVICE: &str = "com.sweepwallet.tests.worker";
const REDIRECT: &str = "com.sweepwallet.test:/oauth/callback";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"))
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}

/// One planned withdrawal: the payee and the legs.
fn parse(line: &str) -> (u64, Vec<LegRequest>) {
    let mut words = line.split_whitespace();
    let payee = words.next().expect("a payee").parse().expect("a payee id");
    let legs = words
        .map(|w| {
            let (source, amount) = w.split_once('=').expect("source=amount");
            LegRequest {
                source_id: source.parse().expect("a source id"),
                amount: MinorAmount { minor_units: amount.parse().expect("won"), currency_code: "KRW".into() },
            }
        })
        .collect();
    (payee, legs)
}

/// Approves every bank leg still waiting, at the sandbox bank.
async fn approve_bank_legs(wallet: &Wallet, w: &Withdrawal) {
    for (index, _) in w.legs.iter().enumerate().filter(|(_, l)| l.needs_authorisation) {
        let Ok(url) = wallet.begin_bank_leg(w.withdrawal_id, index as u32).await else { continue };
        let Some(callback) = sweep_tests::try_play_browser(&url, REDIRECT).await else { continue };
        let _ = wallet.complete_bank_leg(callback).await;
    }
}

/// `SWEEP_WORKER_MODE=hold`: opens the wallet, says `open`, and keeps it
/// open until killed. `create`: opens (creating) the wallet, adds a typed-in
/// balance and closes it; exit 3 when another process has it open. `sync`:
/// opens the wallet, says `open`, syncs every source once and closes it.
async fn other_modes(mode: &str, dir: String) {
    let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).expect("the kernel key store");
    let config = WalletConfig { data_dir: dir, locale: "ko-KR".into() };
    let wallet = match Wallet::open(config, keys).await {
        Ok(wallet) => wallet,
        Err(sweep_core::SweepError::WalletInUse { .. }) => std::process::exit(3),
        Err(e) => panic!("the wallet did not open: {e:?}"),
    };
    if mode == "hold" {
        println!("open");
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    }
    if mode == "sync" {
        println!("open");
        let synced = wallet.sync().await.expect("a sync runs");
        println!("synced: {}", synced.iter().filter(|s| s.synced).count());
        wallet.close();
        return;
    }
    let source = sweep_core::sources::ManualSource {
        name: "Cash".into(),
        kind: sweep_core::sources::SourceKind::Wallet,
        balance: MinorAmount { minor_units: 1_000, currency_code: "KRW".into() },
        account_ref: None,
    };
    wallet.add_manual_source(source).await.expect("a typed-in balance is stored");
    wallet.close();
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = env("SWEEP_WORKER_DIR");
    if let Ok(mode) = std::env::var("SWEEP_WORKER_MODE") {
        return other_modes(&mode, dir).await;
    }
    let auth = TestAuthenticator::from_pkcs8(&unhex(&env("SWEEP_WORKER_AUTH")));
    let plan: Vec<String> = env("SWEEP_WORKER_PLAN").lines().map(str::to_owned).collect();
    let target: usize = env("SWEEP_WORKER_TARGET").parse().expect("a number");
    let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).expect("the kernel key store");
    let config = WalletConfig { data_dir: dir, locale: "ko-KR".into() };
    let wallet: Arc<Wallet> = Wallet::open(config, keys).await.expect("the wallet opens after any kill");
    // Every front end resumes unfinished work when it starts.
    let _ = wallet.resume_withdrawals().await;
    let all = wallet.withdrawals().await.expect("the withdrawals read");
    let mut unfinished: Vec<u64> = all.iter().filter(|w| !w.state.is_terminal()).map(|w| w.withdrawal_id).collect();
    let mut count = all.len();
    loop {
        if let Some(&id) = unfinished.first() {
            match wallet.refresh_withdrawal(id).await {
                Ok(w) if w.state.is_terminal() => {
                    unfinished.remove(0);
                }
                Ok(w) => approve_bank_legs(&wallet, &w).await,
                Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            }
            continue;
        }
        if count >= target {
            wallet.verify_ledger().await.expect("the ledger verifies");
            println!("done: {count} withdrawals");
            return;
        }
        let (payee, legs) = parse(&plan[count]);
        if count % 25 == 0 {
            let _ = wallet.sync().await;
        }
        let request = QuoteRequest {
            currency_code: "KRW".into(),
            goal: QuoteGoal::Legs { legs },
            speed: Speed::Standard,
            destination: DestinationKind::BankAccount,
            limits: None,
        };
        let Ok(quote) = wallet.quote(request).await else { continue };
        match wallet.withdraw(quote, payee, auth.clone(), None).await {
            Ok(w) => {
                count += 1;
                unfinished.push(w.withdrawal_id);
            }
            // Stored or not? The store says: a stored one is carried on.
            Err(_) => {
                let all = wallet.withdrawals().await.unwrap_or_default();
                if all.len() > count {
                    count = all.len();
                    unfinished.extend(all.iter().filter(|w| !w.state.is_terminal()).map(|w| w.withdrawal_id));
                }
            }
        }
    }
}
