//! The planner on realistic wallets: 20 and 200 KRW sources of mixed kinds,
//! some expiring, some with their own minimums, with and without a daily
//! limit that binds. The baseline, run alongside, prices the same sources
//! once: the least work any plan needs. `cargo xtask bench` reports both.

use std::time::{Duration, SystemTime};

use criterion::{criterion_group, criterion_main, Criterion};
use sweep_core::fees::price::price;
use sweep_core::fees::quote::resolve;
use sweep_core::fees::{
    plan, CurrencyFees, DestinationKind, FeeSchedule, KindRate, PlanRequest, QuoteGoal, QuoteRequest, RemainingLimits,
    Speed,
};
use sweep_core::money::{Currency, Money};
use sweep_core::sources::{
    AuthState, BalanceTerms, Collectability, Dashboard, Eligibility, Expiry, FormattedAmount, SourceBalance, SourceKind,
};
use sweep_core::{Locale, MinorAmount};

fn schedule() -> FeeSchedule {
    let rate = |kind, rate_bps| KindRate { kind, rate_bps };
    FeeSchedule {
        version: "bench".into(),
        rates: vec![
            rate(SourceKind::Wallet, 300),
            rate(SourceKind::Bank, 300),
            rate(SourceKind::GameCredits, 800),
            rate(SourceKind::Points, 1_000),
        ],
        instant_premium_bps: 100,
        currencies: vec![CurrencyFees {
            currency_code: "KRW".into(),
            fixed_per_withdrawal: 0,
            fixed_per_leg: 100,
            min_fee: 100,
            max_fee: 30_000,
            instant_fixed: 500,
            min_withdrawal: 5_000,
            max_withdrawal: 2_000_000,
        }],
        standard_eta_seconds: 86_400,
        instant_eta_seconds: 600,
        quote_lock_seconds: 1_800,
    }
}

/// Leftover balances as people have them: mostly a few thousand won, some
/// tens of thousands, a few tiny ones.
fn wallet(count: u64) -> Dashboard {
    let mut seed = 0x5eed_u64 + count;
    let mut next = |below: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let kinds = [SourceKind::Wallet, SourceKind::Bank, SourceKind::GameCredits, SourceKind::Points];
    let sources = (1..=count)
        .map(|id| {
            let units = match next(10) {
                0 => 50 + next(150) as i64,
                1..=6 => 1_000 + next(9_000) as i64,
                _ => 10_000 + next(90_000) as i64,
            };
            let money = Money::from_minor(units, Currency::Krw);
            let mut terms = BalanceTerms::simple(Eligibility::Cashable, "Cashable.");
            if next(5) == 0 {
                let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_000_000 + next(60) * 86_400);
                terms.expiries = vec![Expiry { amount: MinorAmount::from(money), expires_at: at }];
            }
            if next(6) == 0 {
                terms.min_withdrawal = Some(MinorAmount::from(Money::from_minor(1_000, Currency::Krw)));
            }
            let amount = FormattedAmount::new(money, Locale::KoKr);
            SourceBalance {
                source_id: id,
                name: format!("Source {id}"),
                kind: kinds[next(4) as usize],
                provider: "bench".into(),
                balance: amount.clone(),
                available: amount,
                terms,
                collection: Collectability::SourceApiTransfer,
                auth_state: AuthState::Linked,
                account_hint: None,
                last_updated: SystemTime::UNIX_EPOCH,
                last_synced: None,
            }
        })
        .collect();
    Dashboard { sources, cashable_totals: vec![], refund_advice: vec![], payouts: vec![] }
}

fn request(daily: Option<i64>) -> PlanRequest {
    let limits = daily.map(|units| RemainingLimits {
        daily_remaining: Some(MinorAmount { minor_units: units, currency_code: "KRW".into() }),
        ..RemainingLimits::default()
    });
    PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits, target_fee_bps: None }
}

/// "Receive exactly" `net`, with or without the daily limit.
fn receive(net: i64, daily: Option<i64>) -> QuoteRequest {
    QuoteRequest {
        currency_code: "KRW".into(),
        goal: QuoteGoal::ReceiveExactly { amount: MinorAmount { minor_units: net, currency_code: "KRW".into() } },
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        limits: request(daily).limits,
    }
}

fn planner(c: &mut Criterion) {
    let schedule = schedule();
    let mut group = c.benchmark_group("plan");
    for count in [20u64, 200] {
        let home = wallet(count);
        let legs: Vec<(SourceKind, i64)> =
            home.sources.iter().map(|s| (s.kind, s.available.amount.minor_units)).collect();
        group.bench_function(format!("{count}_sources"), |b| {
            b.iter(|| plan(&home, &schedule, &request(None), Locale::KoKr).unwrap())
        });
        group.bench_function(format!("{count}_sources_daily_limit"), |b| {
            b.iter(|| plan(&home, &schedule, &request(Some(150_000)), Locale::KoKr).unwrap())
        });
        group.bench_function(format!("{count}_price_only"), |b| {
            b.iter(|| price(&schedule, &schedule.currencies[0], Speed::Standard, &legs).unwrap())
        });
        // An odd payout well inside what the wallet pays, with and without
        // the limit binding.
        for (case, net, daily) in
            [("receive_exactly", 77_777, None), ("receive_exactly_daily_limit", 100_001, Some(150_000))]
        {
            let asked = receive(net, daily);
            let paid = resolve(&home, &schedule, &asked, Locale::KoKr).unwrap().pricing.total_net();
            assert_eq!(paid, net, "{count} sources pay exactly {net}");
            group.bench_function(format!("{count}_{case}"), |b| {
                b.iter(|| resolve(&home, &schedule, &asked, Locale::KoKr).unwrap())
            });
        }
        let found = plan(&home, &schedule, &request(Some(150_000)), Locale::KoKr).unwrap();
        assert!(found.proven_optimal, "{count} sources: the search finished");
    }
    group.finish();
}

criterion_group!(benches, planner);
criterion_main!(benches);
