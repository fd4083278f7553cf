//! A cash-out of four legs against one of a single leg, end to end against
//! the sandbox over loopback: quote, confirm, store, collect each leg from
//! its platform, and follow the payout to `completed`. Every HTTP round
//! trip is counted by the sandbox. `cargo xtask bench` prints the ratio.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use sweep_core::fees::{LegRequest, QuoteGoal, QuoteRequest};
use sweep_core::sources::SourceKind;
use sweep_core::Wallet;
use sweep_sandbox::Sandbox;
use sweep_tests::withdrawing::{everything, krw, link_toss, top_up, Fixture};

/// The round trips of a cash-out besides one transfer per leg:
/// `POST /withdrawals` and two status reads (the sandbox moves a payout one
/// step per look). `docs/performance.md` states the totals; an xtask test
/// checks them against this.
const ROUND_TRIPS_BESIDES_TRANSFERS: u64 = 3;

/// A wallet with `legs` transfer-scoped links to the sandbox's Toss wallet,
/// so a cash-out of everything has that many legs.
async fn wallet_with_legs(sandbox: &Sandbox, fx: &Fixture, legs: usize) -> (Arc<Wallet>, u64) {
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    for n in 1..legs {
        link_toss(&wallet, &sandbox.url(), &format!("Toss {n}"), SourceKind::Wallet).await;
    }
    wallet.sync().await.unwrap();
    assert_eq!(wallet.dashboard().await.unwrap().sources.len(), legs, "one source per leg");
    (wallet, payee)
}

/// One whole cash-out of ₩10,000 from each linked source: top up, sync,
/// quote, withdraw (which collects every leg) and ask until it completes.
/// The round trips from `withdraw` on.
async fn cash_out(sandbox: &Sandbox, wallet: &Wallet, payee: u64, fx: &Fixture) -> u64 {
    // Every link reads the same platform, so it holds enough for all legs.
    let ids: Vec<u64> = wallet.dashboard().await.unwrap().sources.iter().map(|s| s.source_id).collect();
    top_up(&sandbox.url(), "sandbox-toss", 10_000 * ids.len() as i64).await;
    wallet.sync().await.unwrap();
    let legs = ids.iter().map(|&source_id| LegRequest { source_id, amount: krw(10_000) }).collect();
    let quote = wallet.quote(QuoteRequest { goal: QuoteGoal::Legs { legs }, ..everything() }).await.unwrap();
    assert_eq!(quote.breakdown.legs.len(), ids.len());
    let before = sandbox.requests_served();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    for _ in 0..10 {
        let now = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
        if now.state.is_terminal() {
            assert_eq!(now.state, sweep_core::withdrawals::WithdrawalState::Completed, "every leg arrived");
            return sandbox.requests_served() - before;
        }
    }
    panic!("the withdrawal never ended");
}

fn withdraw(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("withdraw");
    group.sample_size(20);
    for (name, legs) in [("1_leg", 1), ("4_legs", 4)] {
        let sandbox = runtime.block_on(Sandbox::start()).unwrap();
        // Enough room for every sample's withdrawal in one day.
        sandbox.set_knobs(sweep_sandbox::Knobs { tier_limits_multiplier: 1_000, ..Default::default() });
        let fx = Fixture::new();
        let (wallet, payee) = runtime.block_on(wallet_with_legs(&sandbox, &fx, legs));
        let trips = runtime.block_on(cash_out(&sandbox, &wallet, payee, &fx));
        println!("withdraw/{name}: {trips} HTTP round trips from withdraw to completed");
        assert_eq!(trips, ROUND_TRIPS_BESIDES_TRANSFERS + legs as u64, "one transfer per leg, and the rest");
        group.bench_function(name, |b| b.iter(|| runtime.block_on(cash_out(&sandbox, &wallet, payee, &fx))));
    }
    group.finish();
}

criterion_group!(benches, withdraw);
criterion_main!(benches);
