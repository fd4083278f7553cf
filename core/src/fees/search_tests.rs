//! The planner's search against a brute-force oracle, and its properties.
//!
//! These oracles price with the planner's own `total_fee` (and `oracle`
//! fills with its `fill`), so they check the search, not the arithmetic.
//! The oracle that shares no pricing or fill code with the planner is in
//! `oracle_tests.rs`.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::super::price::total_fee;
use super::super::schedule::tests::krw_schedule;
use super::*;

/// Every subset, filled the same way: the best set's net. `grid_oracle`
/// below checks the fill itself.
fn oracle(candidates: &[Candidate], frame: Frame<'_>) -> Option<i64> {
    oracle_where(candidates, frame, |_| true)
}

/// The oracle over plans whose gross passes `keep`.
fn oracle_where(candidates: &[Candidate], frame: Frame<'_>, keep: impl Fn(i64) -> bool) -> Option<i64> {
    if frame.cap < frame.fees.min_withdrawal {
        return None;
    }
    let mut best = None;
    for mask in 0u32..(1 << candidates.len()) {
        let Some(legs) = fill(candidates, |i| mask & (1 << i) != 0, frame.cap) else { continue };
        let gross: i64 = legs.iter().map(|(_, a)| a).sum();
        if legs.is_empty() || gross < frame.fees.min_withdrawal || !keep(gross) {
            continue;
        }
        let weighted: i128 = legs.iter().map(|(i, a)| i128::from(*a) * i128::from(candidates[*i].rate_bps)).sum();
        let net = gross - total_fee(frame.fees, frame.speed, weighted, legs.len());
        best = best.max(Some(net));
    }
    best
}

fn candidate() -> impl Strategy<Value = Candidate> {
    (
        1u64..1_000,
        prop_oneof![1i64..300, 300i64..20_000, 20_000i64..600_000],
        prop_oneof![Just(1i64), 1i64..3_000],
        prop_oneof![Just(300i64), Just(800), Just(1_000), Just(400)],
        prop::option::of(0u64..90),
    )
        .prop_map(|(source_id, available, minimum, rate_bps, days)| Candidate {
            source_id,
            available,
            minimum,
            rate_bps,
            expires_at: days.map(|d| SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_000_000 + d * 86_400)),
        })
}

fn fees_strategy() -> impl Strategy<Value = super::super::schedule::CurrencyFees> {
    (0i64..300, 0i64..2_000, 0i64..1_000, 0i64..50_000, 1i64..20_000).prop_map(
        |(per_leg, per_withdrawal, min_fee, cap_span, min_withdrawal)| {
            let mut fees = krw_schedule().currencies[0].clone();
            fees.fixed_per_leg = per_leg;
            fees.fixed_per_withdrawal = per_withdrawal;
            fees.min_fee = min_fee;
            fees.max_fee = min_fee + cap_span;
            fees.min_withdrawal = min_withdrawal;
            fees
        },
    )
}

fn unique_ids(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    for (i, c) in candidates.iter_mut().enumerate() {
        c.source_id = i as u64 + 1;
    }
    fill_order(&mut candidates);
    candidates
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn the_planner_finds_the_optimum(
        raw in prop::collection::vec(candidate(), 0..=12),
        fees in fees_strategy(),
        cap in prop_oneof![Just(i64::MAX / 4), 1i64..1_500_000],
        instant in any::<bool>(),
    ) {
        let candidates = unique_ids(raw);
        let speed = if instant { Speed::Instant } else { Speed::Standard };
        let frame = Frame { fees: &fees, speed, cap: cap.min(fees.max_withdrawal), exact: false };
        let found = best_plan(&candidates, frame);
        prop_assert_eq!(found.as_ref().map(|f| f.net()), oracle(&candidates, frame));
        if let Some(found) = found {
            prop_assert!(found.proven_optimal);
            prop_assert!(found.fee >= 0, "fees are never negative");
            prop_assert!(found.gross <= frame.cap && found.gross >= fees.min_withdrawal, "within the limits");
            let legs = fill(&candidates, |i| found.legs.iter().any(|(j, _)| *j == i), frame.cap);
            prop_assert_eq!(legs, Some(found.legs.clone()), "the plan is a fill of its own sources");
        }
    }

    #[test]
    fn sending_exactly_finds_the_best_plan_of_that_gross(
        raw in prop::collection::vec(candidate(), 0..=10),
        fees in fees_strategy(),
        gross in 1i64..200_000,
    ) {
        let candidates = unique_ids(raw);
        let frame = Frame { fees: &fees, speed: Speed::Standard, cap: gross, exact: true };
        let found = best_plan(&candidates, frame);
        let best = oracle_where(&candidates, frame, |g| g == gross);
        prop_assert_eq!(found.as_ref().map(|f| f.net()), best);
        prop_assert!(found.is_none_or(|f| f.gross == gross));
    }

    #[test]
    fn another_cashable_balance_never_lowers_the_best_net(
        raw in prop::collection::vec(candidate(), 0..=11),
        extra in candidate(),
        fees in fees_strategy(),
        cap in prop_oneof![Just(i64::MAX / 4), 1i64..1_500_000],
    ) {
        let frame = Frame { fees: &fees, speed: Speed::Standard, cap: cap.min(fees.max_withdrawal), exact: false };
        let before = best_plan(&unique_ids(raw.clone()), frame).map(|f| f.net());
        let mut more = raw;
        more.push(extra);
        let after = best_plan(&unique_ids(more), frame).map(|f| f.net());
        prop_assert!(after >= before, "{:?} < {:?}", after, before);
    }
}

/// Every split of every source in steps of ₩1,000 (balances, minimums and
/// the cap are multiples of it, so the best split is among them): the best
/// net, found without the planner's fill or its order.
fn grid_oracle(candidates: &[Candidate], frame: Frame<'_>) -> Option<i64> {
    let choices: Vec<Vec<i64>> = candidates
        .iter()
        .map(|c| std::iter::once(0).chain((c.minimum..=c.available).step_by(1_000)).collect())
        .collect();
    let mut best = None;
    let mut pick = vec![0usize; candidates.len()];
    loop {
        let amounts: Vec<i64> = pick.iter().zip(&choices).map(|(&p, options)| options[p]).collect();
        let gross: i64 = amounts.iter().sum();
        let legs = amounts.iter().filter(|&&a| a > 0).count();
        if legs > 0 && gross <= frame.cap && gross >= frame.fees.min_withdrawal {
            let weighted: i128 =
                amounts.iter().zip(candidates).map(|(a, c)| i128::from(*a) * i128::from(c.rate_bps)).sum();
            let net = gross - total_fee(frame.fees, frame.speed, weighted, legs);
            best = best.max(Some(net));
        }
        // The next combination, like an odometer.
        let Some(digit) = (0..pick.len()).find(|&d| pick[d] + 1 < choices[d].len()) else { return best };
        pick[digit] += 1;
        pick[..digit].iter_mut().for_each(|p| *p = 0);
    }
}

fn thousands() -> impl Strategy<Value = Candidate> {
    (1i64..=7, 1i64..=4, prop_oneof![Just(300i64), Just(400), Just(800), Just(1_000)], any::<bool>()).prop_map(
        |(balance, minimum, rate_bps, expiring)| Candidate {
            source_id: 0,
            available: balance * 1_000,
            minimum: minimum.min(balance) * 1_000,
            rate_bps,
            expires_at: expiring.then(|| SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_000_000)),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_split_of_any_amounts_beats_the_plan(
        raw in prop::collection::vec(thousands(), 1..=5),
        fees in fees_strategy(),
        cap in (1i64..=30).prop_map(|k| k * 1_000),
    ) {
        let candidates = unique_ids(raw);
        let frame = Frame { fees: &fees, speed: Speed::Standard, cap, exact: false };
        let found = best_plan(&candidates, frame);
        prop_assert_eq!(found.map(|f| f.net()), grid_oracle(&candidates, frame));
    }
}

fn krw(source_id: u64, available: i64, rate_bps: i64) -> Candidate {
    Candidate { source_id, available, minimum: 1, rate_bps, expires_at: None }
}

#[test]
fn expiring_money_fills_the_cap_first_when_it_costs_nothing() {
    let fees = krw_schedule().currencies[0].clone();
    let soon = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_000_000);
    let frame = Frame { fees: &fees, speed: Speed::Standard, cap: 50_000, exact: false };
    let mut same_rate = vec![krw(1, 60_000, 300), Candidate { expires_at: Some(soon), ..krw(2, 60_000, 300) }];
    fill_order(&mut same_rate);
    assert_eq!(same_rate[0].source_id, 2, "the expiring balance comes first");
    let found = best_plan(&same_rate, frame).unwrap();
    assert_eq!((found.legs.clone(), found.expiring), (vec![(0, 50_000)], 50_000));
    // At a higher rate it would cost the user ₩3,500: the payout wins.
    let mut dearer = vec![krw(1, 60_000, 300), Candidate { expires_at: Some(soon), ..krw(2, 60_000, 1_000) }];
    fill_order(&mut dearer);
    let found = best_plan(&dearer, frame).unwrap();
    assert_eq!(dearer[0].source_id, 1, "the cheaper balance comes first");
    assert_eq!((found.legs.clone(), found.expiring), (vec![(0, 50_000)], 0));
}

#[test]
fn under_a_limit_cheap_money_fills_first_and_dear_money_tops_up() {
    let fees = krw_schedule().currencies[0].clone();
    let soon = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_000_000);
    let frame = Frame { fees: &fees, speed: Speed::Standard, cap: 50_000, exact: false };
    // Points at 10% (expiring) and a wallet at 3%: all of the wallet, and
    // points up to the limit, beat the limit filled with points alone.
    let mut candidates = vec![Candidate { expires_at: Some(soon), ..krw(1, 60_000, 1_000) }, krw(2, 30_000, 300)];
    fill_order(&mut candidates);
    let found = best_plan(&candidates, frame).unwrap();
    let legs: Vec<(u64, i64)> = found.legs.iter().map(|(i, a)| (candidates[*i].source_id, *a)).collect();
    assert_eq!(legs, [(2, 30_000), (1, 20_000)]);
    let points_alone = 50_000 - total_fee(&fees, Speed::Standard, 50_000 * 1_000, 1);
    assert!(found.net() > points_alone, "{} <= {points_alone}", found.net());
}

#[test]
fn a_source_with_its_own_minimum_still_fits_under_a_limit() {
    let fees = krw_schedule().currencies[0].clone();
    let frame = Frame { fees: &fees, speed: Speed::Standard, cap: 50_000, exact: false };
    // B lets go of ₩25,000 at least: A gives way so both fit in ₩50,000.
    let mut candidates = vec![krw(1, 31_000, 300), Candidate { minimum: 25_000, ..krw(2, 30_000, 300) }];
    fill_order(&mut candidates);
    let found = best_plan(&candidates, frame).unwrap();
    assert_eq!((found.gross, found.legs.len()), (50_000, 2), "{found:?}");
    assert!(found.legs.iter().all(|(i, a)| *a >= candidates[*i].minimum));
    let exactly = best_plan(&candidates, Frame { exact: true, ..frame }).unwrap();
    assert_eq!(exactly.gross, 50_000, "sending exactly the limit is possible");
}

#[test]
fn tiny_balances_are_left_when_their_leg_fee_eats_them() {
    let fees = krw_schedule().currencies[0].clone();
    let mut candidates = vec![krw(1, 12_340, 300), krw(2, 80, 300), krw(3, 3_300, 800)];
    fill_order(&mut candidates);
    let found =
        best_plan(&candidates, Frame { fees: &fees, speed: Speed::Standard, cap: i64::MAX / 4, exact: false }).unwrap();
    let ids: Vec<u64> = found.legs.iter().map(|(i, _)| candidates[*i].source_id).collect();
    assert_eq!(ids, [1, 3], "₩80 would cost ₩100 to move");
    assert_eq!((found.gross, found.fee), (15_640, 834));
}

#[test]
fn below_the_minimum_there_is_no_plan() {
    let fees = krw_schedule().currencies[0].clone();
    let candidates = vec![krw(1, 4_000, 300)];
    assert_eq!(
        best_plan(&candidates, Frame { fees: &fees, speed: Speed::Standard, cap: i64::MAX / 4, exact: false }),
        None
    );
    let candidates = vec![krw(1, 40_000, 300)];
    assert_eq!(best_plan(&candidates, Frame { fees: &fees, speed: Speed::Standard, cap: 4_000, exact: false }), None);
}

#[test]
fn two_hundred_sources_are_planned_exactly() {
    let fees = krw_schedule().currencies[0].clone();
    let mut candidates: Vec<Candidate> =
        (0..200).map(|i| krw(i + 1, 500 + (i as i64 * 7_919) % 40_000, [300, 800, 1_000][i as usize % 3])).collect();
    fill_order(&mut candidates);
    for cap in [i64::MAX / 4, 2_000_000, 150_000] {
        let found = best_plan(&candidates, Frame { fees: &fees, speed: Speed::Standard, cap, exact: false }).unwrap();
        assert!(found.proven_optimal, "cap {cap}");
    }
}
