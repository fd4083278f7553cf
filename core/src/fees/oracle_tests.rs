//! The planner and "receive exactly X" against an oracle that shares none
//! of their code.
//!
//! `search_tests.rs` checks the search against brute force, but its oracles
//! price with the planner's own `total_fee` and fill with its own `fill`: a
//! mistake in either would be made twice and pass. The oracle here reads
//! only the schedule's data and the sources' data, and works the fee out
//! from the rules as `docs/money.md` ("Fees") publishes them, with its own
//! integer arithmetic: no function of `price.rs` or `search.rs` is called.
//! On inputs small enough (a few sources of a few won each) it tries every
//! amount of every source, not only the splits the planner's fill would
//! make, so it also checks the planner's claim that its fill is the
//! cheapest split.
//!
//! What is under test goes in through the public entry points, `plan` and
//! `resolve`, so the candidates, the limits and the breakdown are checked
//! along with the search.

use proptest::prelude::*;

use super::fixtures::source;
use super::plan::{plan, Plan, PlanRequest, RemainingLimits};
use super::quote::{resolve, DestinationKind, QuoteGoal, QuoteRequest, Resolved};
use super::schedule::{CurrencyFees, FeeSchedule, KindRate, Speed};
use crate::money::{Currency, Locale, MinorAmount, Money};
use crate::sources::{Collectability, Dashboard, Eligibility, FormattedAmount, SourceBalance, SourceKind};
use crate::SweepError;

// ---------------------------------------------------------------------------
// The oracle's own fee arithmetic (docs/money.md, "Fees", rules 1 to 5).
// ---------------------------------------------------------------------------

/// A withdrawal as the oracle prices it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OraclePrice {
    /// Each leg's fee, in the legs' order.
    leg_fees: Vec<i64>,
    /// The withdrawal's own fee.
    withdrawal_fee: i64,
    gross: i64,
    fee: i64,
}

impl OraclePrice {
    fn net(&self) -> i64 {
        self.gross - self.fee
    }
}

/// `numerator / denominator` rounded to the nearest whole number, a half
/// going up; both non-negative.
fn divide_half_up(numerator: i128, denominator: i128) -> i128 {
    assert!(numerator >= 0 && denominator > 0);
    let whole = numerator / denominator;
    let left = numerator - whole * denominator;
    if left * 2 >= denominator {
        whole + 1
    } else {
        whole
    }
}

/// Shares `total` in proportion to `weights` by largest remainder (the
/// Hamilton method): every share gets the whole part of its quota, then the
/// units left go one each to the largest remainders, the earlier share
/// winning a tie. Written as repeated scans, unlike the planner's sort.
fn apportion(total: i64, weights: &[i128]) -> Vec<i64> {
    let sum: i128 = weights.iter().sum();
    if sum == 0 {
        // Every caller shares nothing over nothing: a rate-free percentage
        // is 0, and a cut beyond the withdrawal fee is at most the legs' fees.
        assert_eq!(total, 0, "the oracle's own premise: nothing to share over zero weights");
        return vec![0; weights.len()];
    }
    let total = i128::from(total);
    let mut shares: Vec<i128> = weights.iter().map(|w| total * w / sum).collect();
    let remainders: Vec<i128> = weights.iter().zip(&shares).map(|(w, s)| total * w - s * sum).collect();
    let mut given = vec![false; weights.len()];
    let mut left = total - shares.iter().sum::<i128>();
    while left > 0 {
        let mut pick: Option<usize> = None;
        for i in 0..weights.len() {
            if !given[i] && pick.is_none_or(|p| remainders[i] > remainders[p]) {
                pick = Some(i);
            }
        }
        let i = pick.expect("fewer units left than shares");
        given[i] = true;
        shares[i] += 1;
        left -= 1;
    }
    shares.into_iter().map(|s| i64::try_from(s).unwrap()).collect()
}

/// Rule 1: a leg's rate is its kind's rate, plus the instant premium at
/// instant speed; a kind the schedule does not list has none.
fn oracle_rate(schedule: &FeeSchedule, kind: SourceKind, speed: Speed) -> Option<i64> {
    let mut base = None;
    for listed in &schedule.rates {
        if listed.kind == kind {
            base = Some(i64::from(listed.rate_bps));
        }
    }
    let premium = match speed {
        Speed::Standard => 0,
        Speed::Instant => i64::from(schedule.instant_premium_bps),
    };
    base.map(|b| b + premium)
}

/// Rules 2 to 5 on legs of `(amount, rate in basis points)`.
fn oracle_price(fees: &CurrencyFees, speed: Speed, legs: &[(i64, i64)]) -> OraclePrice {
    // 2. One half-up rounding of the exact Σ amount × rate / 10 000.
    let weights: Vec<i128> = legs.iter().map(|&(amount, rate)| i128::from(amount) * i128::from(rate)).collect();
    let exact_times_10k: i128 = weights.iter().sum();
    let percentage = i64::try_from(divide_half_up(exact_times_10k, 10_000)).unwrap();
    // 3. Shared in proportion to amount × rate.
    let mut leg_fees = apportion(percentage, &weights);
    // 4. Fixed fees.
    for fee in &mut leg_fees {
        *fee += fees.fixed_per_leg;
    }
    let mut withdrawal_fee = fees.fixed_per_withdrawal;
    if speed == Speed::Instant {
        withdrawal_fee += fees.instant_fixed;
    }
    // 5. The floor goes onto the withdrawal fee; a cut comes off the
    // withdrawal fee first, then off the legs in proportion to their fees.
    let before: i64 = leg_fees.iter().sum::<i64>() + withdrawal_fee;
    if before < fees.min_fee {
        withdrawal_fee += fees.min_fee - before;
    } else if before > fees.max_fee {
        let mut over = before - fees.max_fee;
        let off_withdrawal = if over < withdrawal_fee { over } else { withdrawal_fee };
        withdrawal_fee -= off_withdrawal;
        over -= off_withdrawal;
        let by_fee: Vec<i128> = leg_fees.iter().map(|f| i128::from(*f)).collect();
        for (fee, cut) in leg_fees.iter_mut().zip(apportion(over, &by_fee)) {
            *fee -= cut;
        }
    }
    let gross = legs.iter().map(|(amount, _)| amount).sum();
    let fee = leg_fees.iter().sum::<i64>() + withdrawal_fee;
    OraclePrice { leg_fees, withdrawal_fee, gross, fee }
}

// ---------------------------------------------------------------------------
// The oracle's own reading of which money may move, and every plan of it.
// ---------------------------------------------------------------------------

/// A source the oracle may take from.
#[derive(Debug, Clone)]
struct Usable {
    source_id: u64,
    rate: i64,
    /// The least one leg may take: the source's own minimum, at least 1.
    least: i64,
    /// What it holds available.
    most: i64,
}

/// The sources of KRW whose money Sweep can collect now (a platform's
/// transfer or a bank payment), whose kind the schedule prices, and which
/// hold at least their own minimum.
fn usable(sources: &[SourceBalance], schedule: &FeeSchedule, speed: Speed) -> Vec<Usable> {
    let mut out = Vec::new();
    for s in sources {
        let collectable =
            matches!(s.collection, Collectability::SourceApiTransfer | Collectability::OpenBankingPayment);
        if s.available.amount.currency_code != "KRW" || !collectable {
            continue;
        }
        let Some(rate) = oracle_rate(schedule, s.kind, speed) else { continue };
        let least = s.terms.min_withdrawal.as_ref().map(|m| m.minor_units).unwrap_or(0).max(1);
        let most = s.available.amount.minor_units;
        if most >= least {
            out.push(Usable { source_id: s.source_id, rate, least, most });
        }
    }
    out
}

/// The tightest of the maximum withdrawal and the remaining limits; `None`
/// when a limit is negative, which must be refused.
fn oracle_cap(fees: &CurrencyFees, limits: &RemainingLimits) -> Option<i64> {
    let mut cap = fees.max_withdrawal;
    for limit in [&limits.per_withdrawal, &limits.daily_remaining, &limits.monthly_remaining].into_iter().flatten() {
        if limit.minor_units < 0 {
            return None;
        }
        cap = cap.min(limit.minor_units);
    }
    Some(cap)
}

/// One plan: `(source id, amount)` per leg, and its price.
#[derive(Debug, Clone)]
struct OraclePlan {
    legs: Vec<(u64, i64)>,
    price: OraclePrice,
}

/// Every plan: each usable source gives nothing or any amount from its
/// minimum to its balance, at least one gives something, and the gross is
/// between the minimum withdrawal and the cap.
fn every_plan(pool: &[Usable], fees: &CurrencyFees, speed: Speed, cap: i64, mut each: impl FnMut(OraclePlan)) {
    let mut amounts = vec![0i64; pool.len()];
    loop {
        let legs: Vec<(u64, i64)> =
            pool.iter().zip(&amounts).filter(|(_, a)| **a > 0).map(|(u, a)| (u.source_id, *a)).collect();
        let gross: i64 = legs.iter().map(|(_, a)| a).sum();
        if !legs.is_empty() && gross >= fees.min_withdrawal && gross <= cap {
            let rated: Vec<(i64, i64)> =
                pool.iter().zip(&amounts).filter(|(_, a)| **a > 0).map(|(u, a)| (*a, u.rate)).collect();
            each(OraclePlan { legs, price: oracle_price(fees, speed, &rated) });
        }
        // The next choice of amounts, like an odometer: 0, then least..=most.
        let mut digit = 0;
        loop {
            if digit == pool.len() {
                return;
            }
            let u = &pool[digit];
            amounts[digit] = match amounts[digit] {
                0 => u.least,
                a if a < u.most => a + 1,
                _ => 0,
            };
            if amounts[digit] != 0 {
                break;
            }
            digit += 1;
        }
    }
}

/// Prices legs given as `(source id, amount)`, in that order, with the
/// oracle's arithmetic and its own reading of each source's rate.
fn reprice(pool: &[Usable], fees: &CurrencyFees, speed: Speed, legs: &[(u64, i64)]) -> OraclePrice {
    let rated: Vec<(i64, i64)> = legs
        .iter()
        .map(|(id, amount)| {
            let u = pool.iter().find(|u| u.source_id == *id).expect("a leg from a source the oracle cannot use");
            (*amount, u.rate)
        })
        .collect();
    oracle_price(fees, speed, &rated)
}

fn sorted(mut legs: Vec<(u64, i64)>) -> Vec<(u64, i64)> {
    legs.sort_unstable();
    legs
}

// ---------------------------------------------------------------------------
// The oracle's own checks of the oracle arithmetic, on the worked examples.
// ---------------------------------------------------------------------------

/// The sandbox's KRW fees (schedule data only: the oracle still prices
/// with its own arithmetic).
fn krw_fees() -> CurrencyFees {
    super::schedule::tests::krw_schedule().currencies[0].clone()
}

#[test]
fn the_oracle_prices_the_worked_examples_of_the_docs() {
    // docs/money.md: ₩12,340 at 3% and ₩3,300 at 8% → 634.2 → ₩634 (370 + 264),
    // plus ₩100 a leg: ₩834, payout ₩14,806.
    let p = oracle_price(&krw_fees(), Speed::Standard, &[(12_340, 300), (3_300, 800)]);
    assert_eq!((p.leg_fees.clone(), p.withdrawal_fee, p.fee, p.net()), (vec![470, 364], 0, 834, 14_806));
    // The demo's second withdrawal: ₩9,000 and ₩3,000 from wallets at 3%,
    // fee shares ₩370 and ₩190.
    let p = oracle_price(&krw_fees(), Speed::Standard, &[(9_000, 300), (3_000, 300)]);
    assert_eq!((p.leg_fees.clone(), p.fee, p.net()), (vec![370, 190], 560, 11_440));
    // Half up: 50 at 1% is 0.5 → 1; 49 at 1% is 0.49 → 0.
    let none = CurrencyFees { fixed_per_leg: 0, min_fee: 0, ..krw_fees() };
    assert_eq!(oracle_price(&none, Speed::Standard, &[(50, 100)]).fee, 1);
    assert_eq!(oracle_price(&none, Speed::Standard, &[(49, 100)]).fee, 0);
    // A cut to the cap takes the withdrawal fee first, then the legs by fee.
    // Legs of ₩500 and ₩1,000 and ₩500 instant: ₩2,000 cut to ₩601, so
    // ₩899 comes off the legs as 299.67 + 599.33 → 300 + 599.
    let capped = CurrencyFees { max_fee: 601, ..krw_fees() };
    let p = oracle_price(&capped, Speed::Instant, &[(10_000, 400), (10_000, 900)]);
    assert_eq!((p.withdrawal_fee, p.fee, p.leg_fees.clone()), (0, 601, vec![200, 401]));
    // The floor goes onto the withdrawal fee.
    let floor = CurrencyFees { min_fee: 1_000, ..krw_fees() };
    let p = oracle_price(&floor, Speed::Standard, &[(1_000, 300)]);
    assert_eq!((p.leg_fees.clone(), p.withdrawal_fee, p.fee), (vec![130], 870, 1_000));
    // Ties go to the earlier leg: 1 unit over two equal weights.
    assert_eq!(apportion(1, &[5, 5]), [1, 0]);
    assert_eq!(apportion(3, &[1, 1, 1, 0]), [1, 1, 1, 0]);
}

// ---------------------------------------------------------------------------
// Small worlds.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct World {
    schedule: FeeSchedule,
    sources: Vec<SourceBalance>,
    speed: Speed,
    limits: RemainingLimits,
}

impl World {
    fn fees(&self) -> &CurrencyFees {
        &self.schedule.currencies[0]
    }

    fn dashboard(&self) -> Dashboard {
        Dashboard { sources: self.sources.clone(), cashable_totals: vec![], refund_advice: vec![], payouts: vec![] }
    }
}

fn krw(units: i64) -> MinorAmount {
    MinorAmount { minor_units: units, currency_code: "KRW".into() }
}

fn text(units: i64) -> String {
    Money::from_minor(units, Currency::Krw).format(Locale::KoKr)
}

/// A schedule that passes `validate`, in won small enough that every plan
/// can be tried: rates up to 49%, fixed fees of a few won, a floor and cap
/// close together so both bind often.
fn schedule() -> impl Strategy<Value = FeeSchedule> {
    // Round rates often, so that Σ amount × rate lands on exact halves and
    // the rounding's tie rule is exercised.
    let round = || prop::sample::select(vec![0u32, 100, 200, 250, 500, 1_000, 1_250, 2_500]);
    let rate = || prop::option::weighted(0.9, prop_oneof![2 => round(), 2 => 0u32..=1_200, 1 => 1_200u32..=4_500]);
    (
        [rate(), rate(), rate(), rate()],
        prop_oneof![Just(0u32), Just(100), Just(250), 0u32..=499],
        (0i64..=3, 0i64..=3, 0i64..=3),
        (0i64..=5, 0i64..=14),
        (1i64..=10, 0i64..=45),
    )
        .prop_map(|(rates, premium, (per_withdrawal, per_leg, instant), (min_fee, fee_span), (min_w, w_span))| {
            let kinds = [SourceKind::Wallet, SourceKind::Bank, SourceKind::GameCredits, SourceKind::Points];
            let schedule = FeeSchedule {
                version: "oracle".into(),
                rates: kinds
                    .iter()
                    .zip(rates)
                    .filter_map(|(kind, bps)| bps.map(|rate_bps| KindRate { kind: *kind, rate_bps }))
                    .collect(),
                instant_premium_bps: premium,
                currencies: vec![CurrencyFees {
                    currency_code: "KRW".into(),
                    fixed_per_withdrawal: per_withdrawal,
                    fixed_per_leg: per_leg,
                    min_fee,
                    max_fee: min_fee + fee_span,
                    instant_fixed: instant,
                    min_withdrawal: min_w,
                    max_withdrawal: min_w + w_span,
                }],
                standard_eta_seconds: 86_400,
                instant_eta_seconds: 600,
                quote_lock_seconds: 1_800,
            };
            schedule.validate().expect("the strategy makes valid schedules");
            schedule
        })
}

/// A source of a few won: mostly collectable KRW, sometimes money that
/// must be left out (typed in, read-only, spend-only, phone bill, USD).
fn one_source() -> impl Strategy<Value = (SourceKind, Collectability, bool, i64, i64, Option<i64>)> {
    (
        prop_oneof![
            4 => Just(SourceKind::Wallet),
            3 => Just(SourceKind::Bank),
            3 => Just(SourceKind::GameCredits),
            3 => Just(SourceKind::Points),
            1 => Just(SourceKind::CarrierBilling),
        ],
        prop_oneof![
            20 => Just(Collectability::SourceApiTransfer),
            4 => Just(Collectability::OpenBankingPayment),
            1 => Just(Collectability::TrackedOnly),
            1 => Just(Collectability::ReadOnlyLink),
            1 => Just(Collectability::SpendOnly),
            1 => Just(Collectability::NeedsReauth),
        ],
        prop::bool::weighted(0.04),
        1i64..=16,
        prop_oneof![3 => Just(0i64), 1 => 1i64..=3],
        prop::option::weighted(0.25, 0i64..=6),
    )
}

fn world() -> impl Strategy<Value = World> {
    let limit = || prop::option::weighted(0.2, prop_oneof![12 => 0i64..=70, 1 => -3i64..=-1]);
    (
        schedule(),
        prop_oneof![1 => prop::collection::vec(one_source(), 0..=1), 9 => prop::collection::vec(one_source(), 2..=4)],
        any::<bool>(),
        (limit(), limit(), limit()),
    )
        .prop_map(|(schedule, raw, instant, (per_withdrawal, daily, monthly))| {
            let sources = raw
                .into_iter()
                .enumerate()
                .map(|(i, (kind, collection, usd, balance, held, minimum))| {
                    let mut s = source(i as u64 + 1, kind, balance, Eligibility::Cashable);
                    s.collection = collection;
                    // Money on hold is in the balance but not available.
                    let available = (balance - held).max(0);
                    let currency = if usd { Currency::Usd } else { Currency::Krw };
                    s.balance = FormattedAmount::new(Money::from_minor(balance, currency), Locale::KoKr);
                    s.available = FormattedAmount::new(Money::from_minor(available, currency), Locale::KoKr);
                    s.terms.min_withdrawal = minimum.map(krw);
                    s
                })
                .collect();
            World {
                schedule,
                sources,
                speed: if instant { Speed::Instant } else { Speed::Standard },
                limits: RemainingLimits {
                    per_withdrawal: per_withdrawal.map(krw),
                    daily_remaining: daily.map(krw),
                    monthly_remaining: monthly.map(krw),
                },
            }
        })
}

fn plan_of(world: &World) -> Result<Plan, SweepError> {
    let request = PlanRequest {
        currency_code: "KRW".into(),
        speed: world.speed,
        limits: Some(world.limits.clone()),
        target_fee_bps: None,
    };
    plan(&world.dashboard(), &world.schedule, &request, Locale::KoKr)
}

fn receive(world: &World, net: i64) -> Result<Resolved, SweepError> {
    let request = QuoteRequest {
        currency_code: "KRW".into(),
        goal: QuoteGoal::ReceiveExactly { amount: krw(net) },
        speed: world.speed,
        destination: DestinationKind::BankAccount,
        limits: Some(world.limits.clone()),
    };
    resolve(&world.dashboard(), &world.schedule, &request, Locale::KoKr)
}

// ---------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The plan pays out the most any plan can, and its every figure is
    /// the oracle's price of its own legs; with no plan, the oracle finds
    /// none either; a negative limit is refused, and only that.
    #[test]
    fn the_plan_is_the_oracles_best_and_priced_as_the_oracle_prices_it(world in world()) {
        let fees = world.fees();
        let result = plan_of(&world);
        let Some(cap) = oracle_cap(fees, &world.limits) else {
            prop_assert!(matches!(result, Err(SweepError::NegativeAmount { .. })), "{:?}", result);
            return Ok(());
        };
        let plan = result.map_err(|e| TestCaseError::fail(format!("refused a valid request: {e:?}")))?;
        let pool = usable(&world.sources, &world.schedule, world.speed);
        let (mut best, mut optimal): (Option<i64>, Vec<Vec<(u64, i64)>>) = (None, Vec::new());
        every_plan(&pool, fees, world.speed, cap, |p| {
            let net = p.price.net();
            if best.is_none_or(|b| net > b) {
                best = Some(net);
                optimal.clear();
            }
            if best == Some(net) {
                optimal.push(sorted(p.legs));
            }
        });

        // With a plan, every KRW source is either a leg or left out with a
        // reason, once (with none, the advice speaks for them all).
        let mut named: Vec<u64> = plan.legs.iter().map(|l| l.source_id).chain(plan.left_out.iter().map(|l| l.source_id)).collect();
        named.sort_unstable();
        let krw_ids: Vec<u64> = world.sources.iter().filter(|s| s.balance.amount.currency_code == "KRW").map(|s| s.source_id).collect();
        prop_assert!(plan.legs.is_empty() || named == krw_ids, "{:?} against {:?}", named, krw_ids);

        let Some(best) = best else {
            prop_assert!(plan.legs.is_empty(), "the oracle finds no plan, the planner found {:?}", plan.legs);
            prop_assert_eq!(plan.total_gross.amount.minor_units, 0);
            prop_assert!(!plan.advice.is_empty() && !plan.worth_it);
            return Ok(());
        };
        prop_assert!(!plan.legs.is_empty(), "the oracle finds a plan netting {}, the planner none: {:?}", best, plan.advice);
        let legs: Vec<(u64, i64)> = plan.legs.iter().map(|l| (l.source_id, l.gross.amount.minor_units)).collect();
        for (id, amount) in &legs {
            let u = pool.iter().find(|u| u.source_id == *id);
            prop_assert!(u.is_some_and(|u| (u.least..=u.most).contains(amount)), "leg {:?} is not one the oracle allows", (id, amount));
        }
        let price = reprice(&pool, fees, world.speed, &legs);
        prop_assert!(price.gross >= fees.min_withdrawal && price.gross <= cap, "gross {} outside {}..={}", price.gross, fees.min_withdrawal, cap);
        prop_assert_eq!(plan.total_gross.amount.minor_units, price.gross);
        prop_assert_eq!(plan.total_fee.amount.minor_units, price.fee);
        prop_assert_eq!(plan.withdrawal_fee.amount.minor_units, price.withdrawal_fee);
        prop_assert_eq!(plan.total_net.amount.minor_units, price.net());
        let leg_fees: Vec<i64> = plan.legs.iter().map(|l| l.fee.amount.minor_units).collect();
        prop_assert_eq!(&leg_fees, &price.leg_fees);
        for leg in &plan.legs {
            prop_assert_eq!(leg.net.amount.minor_units, leg.gross.amount.minor_units - leg.fee.amount.minor_units);
        }
        prop_assert_eq!(price.net(), best, "the planner's net against the best of every plan");
        if let [only] = optimal.as_slice() {
            prop_assert_eq!(&sorted(legs), only, "the one best plan");
        }
        prop_assert_eq!(plan.worth_it, i128::from(price.fee) * 10_000 < i128::from(price.gross) * 500);
    }

    /// "Receive exactly X" gives the cheapest plan whose payout is exactly
    /// X, priced as the oracle prices it; when it refuses, the oracle
    /// agrees that no such plan exists, and the refusal says why.
    #[test]
    fn receiving_exactly_is_the_cheapest_plan_of_that_payout(
        world in world(),
        net in prop_oneof![1 => -2i64..=0, 12 => 1i64..=18],
    ) {
        let fees = world.fees();
        let result = receive(&world, net);
        let Some(cap) = oracle_cap(fees, &world.limits) else {
            prop_assert!(matches!(result, Err(SweepError::NegativeAmount { .. })), "{:?}", result);
            return Ok(());
        };
        if net <= 0 {
            prop_assert!(matches!(result, Err(SweepError::AmountNotPositive { .. })), "{:?}", result);
            return Ok(());
        }
        let pool = usable(&world.sources, &world.schedule, world.speed);
        let mut plans = Vec::new();
        every_plan(&pool, fees, world.speed, cap, |p| plans.push(p));
        let exact: Vec<&OraclePlan> = plans.iter().filter(|p| p.price.net() == net).collect();
        let cheapest = exact.iter().map(|p| p.price.fee).min();
        let most = plans.iter().map(|p| p.price.net()).max();
        match (cheapest, result) {
            (Some(fee), Ok(resolved)) => {
                let legs: Vec<(u64, i64)> = resolved.sources.iter().zip(&resolved.pricing.legs).map(|((id, _, _), leg)| (*id, leg.gross)).collect();
                let price = reprice(&pool, fees, world.speed, &legs);
                prop_assert_eq!(price.net(), net);
                prop_assert_eq!(price.fee, fee, "the cheapest plan paying exactly {}", net);
                prop_assert_eq!(resolved.pricing.total_net(), net);
                prop_assert_eq!(resolved.pricing.total_gross, price.gross);
                prop_assert_eq!(resolved.pricing.total_fee, price.fee);
                prop_assert_eq!(resolved.pricing.withdrawal_fee, price.withdrawal_fee);
                let leg_fees: Vec<i64> = resolved.pricing.legs.iter().map(|l| l.fee).collect();
                prop_assert_eq!(leg_fees, price.leg_fees);
                let cheapest: Vec<Vec<(u64, i64)>> = exact.iter().filter(|p| p.price.fee == fee).map(|p| sorted(p.legs.clone())).collect();
                if let [only] = cheapest.as_slice() {
                    prop_assert_eq!(&sorted(legs), only);
                }
            }
            (None, Ok(resolved)) => {
                return Err(TestCaseError::fail(format!("no plan pays exactly {net}, yet: {resolved:?}")));
            }
            (_, Err(e)) if most.is_none() => {
                let below = matches!(&e, SweepError::BelowMinimum { minimum_kind, .. } if minimum_kind == "min_withdrawal");
                prop_assert!(below, "no plan at all is below the minimum withdrawal: {:?}", e);
            }
            (_, Err(e)) if most < Some(net) => {
                let most = most.unwrap_or_default();
                let over = matches!(&e, SweepError::LimitExceeded { allowed, requested, .. } if *allowed == text(most) && *requested == text(net));
                prop_assert!(over, "the most any plan pays is {}: {:?}", most, e);
            }
            (_, Err(e)) => {
                // Some plans pay more than `net`, none pays it: the refusal
                // names the least payout above it that some plan makes.
                let SweepError::AmountUnreachable { requested, nearest } = &e else {
                    return Err(TestCaseError::fail(format!("{net} is stepped over, yet: {e:?}")));
                };
                prop_assert_eq!(requested, &text(net));
                let closest = plans.iter().map(|p| p.price.net()).filter(|n| *n > net).min();
                prop_assert_eq!(Some(nearest.clone()), closest.map(text), "the closest payout above {}", net);
            }
        }
    }
}

/// Found by `receiving_exactly_is_the_cheapest_plan_of_that_payout` when
/// "receive exactly" looked only at the best plan of each gross: with
/// ₩5,000 in a wallet at 3% and ₩20,000 of points at 10% (the sandbox's
/// schedule, ₩5,000 minimum withdrawal), ₩5,000 of points pays out exactly
/// ₩4,400 (fee ₩500 + ₩100). No plan can take less than ₩5,000, so no plan
/// paying ₩4,400 can cost less than ₩600: that one is the cheapest. The old
/// search found ₩5,000 from the wallet (₩4,750) and refused with
/// `AmountUnreachable`, naming ₩4,750 as the closest amount above, although
/// ₩4,401 can be received (₩1,436 of wallet money with ₩3,564 of points).
#[test]
fn receiving_exactly_is_refused_although_a_plan_pays_it() {
    let dashboard = Dashboard {
        sources: vec![
            source(1, SourceKind::Wallet, 5_000, Eligibility::Cashable),
            source(2, SourceKind::Points, 20_000, Eligibility::Cashable),
        ],
        cashable_totals: vec![],
        refund_advice: vec![],
        payouts: vec![],
    };
    let request = QuoteRequest {
        currency_code: "KRW".into(),
        goal: QuoteGoal::ReceiveExactly { amount: krw(4_400) },
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        limits: None,
    };
    let schedule = super::schedule::tests::krw_schedule();
    let resolved = resolve(&dashboard, &schedule, &request, Locale::KoKr);
    let resolved = resolved.expect("₩5,000 of points pays out exactly ₩4,400");
    assert_eq!((resolved.pricing.total_net(), resolved.pricing.total_fee), (4_400, 600));
    // ₩1 of wallet money and ₩4,999 of points pay ₩4,300 (fee 499.93 → ₩500,
    // plus ₩200); nothing pays less, as a larger gross pays more. So ₩4,299
    // is out of reach, and the closest payout above it is ₩4,300.
    let request = QuoteRequest { goal: QuoteGoal::ReceiveExactly { amount: krw(4_299) }, ..request };
    let refused = resolve(&dashboard, &schedule, &request, Locale::KoKr).err();
    assert_eq!(refused, Some(SweepError::AmountUnreachable { requested: text(4_299), nearest: text(4_300) }));
}
