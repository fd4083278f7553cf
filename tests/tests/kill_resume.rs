//! Fault-injection v2: 1,000 withdrawals of 2 to 6 legs each (five Source
//! API platforms and a bank), carried out by a wallet in a child process
//! (`wallet_worker`) that is killed with SIGKILL at random points. Each new
//! process reopens the wallet, resumes what was unfinished and goes on.
//! Every process life runs under its own random mix of the sandbox's faults:
//! refused transfers and bank payments, answers lost after acting, transfers
//! pending for a while, requests delivered twice, a provider that is down or
//! never hears that a leg failed,
//! withdrawal chaos (500, 429, lost answers) and payouts that fail or come
//! back.
//!
//! Ground truth is the sandbox's own books, never the wallet's word:
//! - no collection reference is credited twice (0 legs collected twice);
//! - every payout was made from exactly the legs that arrived (0 payouts
//!   without their collection);
//! - every source's balance plus the provider's collection, payout and fee
//!   accounts add up to what the sources started with, to the won.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sweep_core::sources::{SourceEndpoint, SourceKind};
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest};
use sweep_core::{Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox, BANK_BOOK, OPEN_BANKING_KRW_ACCOUNT};
use sweep_tests::TestAuthenticator;

const WITHDRAWALS: usize = 1_000;
const START: i64 = 500_000_000;
const KEY_SERVICE: &str = "com.sweepwallet.tests.worker";
/// Process lives before the suite gives up: far more than it needs.
const MAX_LIVES: usize = 5_000;
const PLATFORMS: [&str; 5] =
    ["sandbox-toss", "sandbox-kakaopay", "sandbox-naverpay", "sandbox-payco", "sandbox-ssgpay"];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Links the five platforms and the bank's KRW account, fetches the
/// schedule, adds the payee and registers the authenticator; closes the
/// wallet. Returns the source ids and the payee's.
async fn set_up(sandbox: &Sandbox, dir: &str, pkcs8: &[u8]) -> (Vec<u64>, u64) {
    let keys = PlatformKeyProvider::new(KEY_SERVICE, dir).unwrap();
    let wallet = Wallet::open(WalletConfig { data_dir: dir.into(), locale: "ko-KR".into() }, keys).await.unwrap();
    let mut sources = Vec::new();
    for platform in PLATFORMS {
        let endpoint = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
        let issuer = sandbox.oauth_issuer(platform);
        let id = sweep_tests::link_at_sandbox_issuer(&wallet, issuer, platform, SourceKind::Wallet, endpoint);
        sources.push(id.await.unwrap());
    }
    let bank = SourceEndpoint::OpenBanking {
        aisp_base_url: sandbox.open_banking_url(),
        account_id: Some(OPEN_BANKING_KRW_ACCOUNT.into()),
    };
    let issuer = sandbox.oauth_issuer("sandbox-bank");
    sources.push(sweep_tests::link_at_sandbox_issuer(&wallet, issuer, "Bank", SourceKind::Bank, bank).await.unwrap());
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let payee = PayeeRequest {
        destination: PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110123456789".into() },
        holder_name: "Kim Minji".into(),
    };
    let payee = wallet.add_payee(payee).await.unwrap().payee_id;
    wallet.register_authenticator(TestAuthenticator::from_pkcs8(pkcs8)).await.unwrap();
    wallet.close();
    (sources, payee)
}

/// One line per withdrawal: the payee, then 2 to 6 distinct sources with
/// their amounts.
fn plan(rng: &mut Lcg, sources: &[u64], payee: u64) -> String {
    let mut lines = Vec::with_capacity(WITHDRAWALS);
    for _ in 0..WITHDRAWALS {
        let mut pool = sources.to_vec();
        let legs = 2 + rng.next(5) as usize;
        let mut line = payee.to_string();
        for _ in 0..legs {
            let source = pool.remove(rng.next(pool.len() as u64) as usize);
            line.push_str(&format!(" {source}={}", 2_500 + rng.next(12_500)));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The faults of one process life, each armed by chance.
fn faults(rng: &mut Lcg) -> Knobs {
    let platforms = ["sandbox-toss", "sandbox-kakaopay", "sandbox-naverpay", "sandbox-bank"];
    Knobs {
        tier_limits_multiplier: 100_000,
        transfer_lost_answers: if rng.chance(30) { 1 + rng.next(3) as u32 } else { 0 },
        transfer_pending_reads: if rng.chance(20) { 1 + rng.next(2) as u32 } else { 0 },
        transfer_delivered_twice: rng.chance(20),
        refuse_transfers_from: rng.chance(10).then(|| platforms[rng.next(4) as usize].to_owned()),
        withdrawal_chaos_percent: if rng.chance(25) { 15 } else { 0 },
        withdrawal_lost_answers: if rng.chance(15) { 1 } else { 0 },
        provider_down: rng.chance(5),
        leg_failed_lost: if rng.chance(10) { 1 } else { 0 },
        withdrawal_outcome: match rng.next(20) {
            0 => Some("fail".into()),
            1 => Some("return".into()),
            _ => None,
        },
        ..Knobs::default()
    }
}

fn spawn(dir: &str, pkcs8: &[u8], plan: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_wallet_worker"))
        .env("SWEEP_WORKER_DIR", dir)
        .env("SWEEP_WORKER_AUTH", hex(pkcs8))
        .env("SWEEP_WORKER_PLAN", plan)
        .env("SWEEP_WORKER_TARGET", WITHDRAWALS.to_string())
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the worker starts")
}

/// Lets the child run up to `life`, then kills it with SIGKILL unless it
/// ended by itself. True when it ended by itself, having finished.
async fn live(child: &mut Child, life: Duration) -> bool {
    let born = Instant::now();
    while born.elapsed() < life {
        if let Some(status) = child.try_wait().expect("the child's status") {
            assert!(status.success(), "the worker failed on its own: {status}");
            return true;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
    child.wait().expect("the killed child is reaped");
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_multi_leg_withdrawals_survive_sigkill_and_reconcile_to_the_won() {
    let sandbox = Sandbox::start().await.unwrap();
    for book in PLATFORMS.iter().copied().chain([BANK_BOOK]) {
        sandbox.set_platform_balance(book, START);
    }
    sandbox.set_knobs(Knobs { tier_limits_multiplier: 100_000, ..Knobs::default() });
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().display().to_string();
    let pkcs8 = TestAuthenticator::new_pkcs8();
    let (sources, payee) = set_up(&sandbox, &dir, &pkcs8).await;
    let mut rng = Lcg(20_261_204);
    let plan = plan(&mut rng, &sources, payee);

    let started = Instant::now();
    let (mut lives, mut kills) = (0, 0);
    loop {
        lives += 1;
        assert!(lives < MAX_LIVES, "the withdrawals never finished");
        // The last lives run without faults, so that the work can end.
        let calm = lives > MAX_LIVES / 2;
        sandbox.set_knobs(if calm {
            Knobs { tier_limits_multiplier: 100_000, ..Knobs::default() }
        } else {
            faults(&mut rng)
        });
        let mut child = spawn(&dir, &pkcs8, &plan);
        let life = Duration::from_millis(if calm { 600_000 } else { 40 + rng.next(760) });
        if live(&mut child, life).await {
            break;
        }
        kills += 1;
        if lives % 100 == 0 {
            let at = sandbox.provider_books().len();
            println!(
                "{lives} lives, {kills} kills, {at} withdrawals at the provider, {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    sandbox.set_knobs(Knobs { tier_limits_multiplier: 100_000, ..Knobs::default() });
    let elapsed = started.elapsed();

    // The sandbox's books.
    let books = sandbox.provider_books();
    let credits = sandbox.collection_credits();
    let collections = sandbox.collections();
    let twice = credits.values().filter(|n| **n > 1).count();
    let mut unpaid_collections = 0;
    let (mut paid_out, mut fees, mut held) = (0i64, 0i64, 0i64);
    let mut legs_by_count: BTreeMap<usize, usize> = BTreeMap::new();
    for w in &books {
        *legs_by_count.entry(w.legs.len()).or_default() += 1;
        let arrived: i64 = w.legs.iter().map(|l| collections.get(&l.destination).copied().unwrap_or(0)).sum();
        let collected: i64 = w.legs.iter().filter(|l| l.status == "collected").map(|l| l.amount).sum();
        if matches!(w.status.as_str(), "processing" | "sent" | "completed") {
            // A payout is made only from its legs that arrived, every won of them.
            if w.gross != collected || collected != arrived || w.paid_out + w.fee != w.gross {
                unpaid_collections += 1;
            }
            paid_out += w.paid_out;
            fees += w.fee;
        } else {
            held += arrived;
        }
    }
    let at_sources: i64 =
        PLATFORMS.iter().copied().chain([BANK_BOOK]).map(|b| sandbox.platform_balance(b).unwrap()).sum();
    let total = at_sources + held + paid_out + fees;

    let faults = sandbox.injected_transfer_faults();
    println!(
        "{} withdrawals ({} legs in all; by legs {:?}) in {:.1} s over {lives} process lives: {kills} SIGKILLs. \
         Faults that happened: {faults:?}, {:?}, {} provider-down answers; {} bank payments. \
         Books: {} references credited twice, {} payouts not made from exactly their collection; \
         sources {at_sources} + held {held} + paid out {paid_out} + fees {fees} = {total} of {} won.",
        books.len(),
        books.iter().map(|w| w.legs.len()).sum::<usize>(),
        legs_by_count,
        elapsed.as_secs_f64(),
        sandbox.injected_withdrawal_faults(),
        sandbox.provider_down_answers(),
        sandbox.bank_payments(),
        twice,
        unpaid_collections,
        6 * START,
    );
    assert_eq!(books.len(), WITHDRAWALS, "every withdrawal reached the provider once");
    assert!(kills >= 100, "the child was really killed, many times ({kills})");
    assert_eq!(twice, 0, "no leg collected twice");
    assert_eq!(unpaid_collections, 0, "no payout without its collection");
    assert_eq!(held, 0, "nothing is left in a collection account of a withdrawal that did not pay out");
    assert_eq!(total, 6 * START, "no won lost or made");
    assert!(faults.values().sum::<u64>() > 0 && sandbox.bank_payments() > 0);

    // The wallet agrees with the books: each withdrawal ends as the provider has it.
    let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).unwrap();
    let wallet =
        Wallet::open(WalletConfig { data_dir: dir.clone(), locale: "ko-KR".into() }, keys.clone()).await.unwrap();
    let all = wallet.withdrawals().await.unwrap();
    let by_id: BTreeMap<&str, &str> = books.iter().map(|w| (w.id.as_str(), w.status.as_str())).collect();
    let mismatched = all
        .iter()
        .filter(|w| w.provider_withdrawal_id.as_deref().and_then(|id| by_id.get(id)).copied() != Some(w.state.code()))
        .count();
    assert_eq!(all.len(), WITHDRAWALS);
    assert_eq!(mismatched, 0, "every withdrawal ends as the provider has it");
    wallet.verify_ledger().await.unwrap();
    wallet.close();
    keys.delete_key().unwrap();
}
