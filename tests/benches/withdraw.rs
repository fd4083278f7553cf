//! A cash-out of four legs against one of a single leg, end to end against
//! the sandbox over loopback: quote, confirm, store, collect each leg from
//! its platform, and follow the payout to `completed`. Every HTTP round
//! trip is counted by the sandbox. `cargo xtask bench` prints the ratio.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use sweep_core::sources::SourceKind;
use sweep_core::Wallet;
use sweep_sandbox::Sandbox;
use sweep_tests::withdrawing::{everything, link_toss, top_up, Fixture};

/// A wallet with `legs` transfer-scoped links to the sandbox's Toss wallet,
/// so a cash-out of everything has that many legs.
async fn wallet_with_legs(sandbox: &Sandbox, fx: &Fixture, legs: usize) -> (Arc<Wallet>, u64) {
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    for n in 1..legs {
        link_toss(&wallet, &sandbox.url(), &format!("Toss {n}"), SourceKind::Wallet).await;
    }
    (wallet, payee)
}

/// One whole cash-out: top up, sync, quote, withdraw (which collects every
/// leg) and ask until it completes. The round trips from `withdraw` on.
async fn cash_out(sandbox: &Sandbox, wallet: &Wallet, payee: u64, fx: &Fixture) -> u64 {
    top_up(&sandbox.url(), "sandbox-toss", 10_000).await;
    wallet.sync().await.unwrap();
    let quote = wallet.quote(everything()).await.unwrap();
    let before = sandbox.requests_served();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    for _ in 0..10 {
        if wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state.is_terminal() {
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
        group.bench_function(name, |b| b.iter(|| runtime.block_on(cash_out(&sandbox, &wallet, payee, &fx))));
    }
    group.finish();
}

criterion_group!(benches, withdraw);
criterion_main!(benches);
