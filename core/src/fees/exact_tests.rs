//! The exact-payout search's own pieces. It is checked whole, against an
//! oracle with its own fee arithmetic, in `oracle_tests.rs`.

use proptest::prelude::*;

use super::super::schedule::tests::krw_schedule;
use super::super::schedule::Speed;
use super::*;

fn candidates(spec: &[(i64, i64, i64)]) -> Vec<Candidate> {
    let mut pool: Vec<Candidate> = spec
        .iter()
        .enumerate()
        .map(|(i, &(available, minimum, rate_bps))| Candidate {
            source_id: i as u64 + 1,
            available,
            minimum,
            rate_bps,
            expires_at: None,
        })
        .collect();
    super::super::search::fill_order(&mut pool);
    pool
}

/// The dearest split by hand: minimums, then the room one unit at a time
/// to whichever member with room left has the highest rate.
fn dearest_by_units(pool: &[Candidate], gross: i64) -> i128 {
    let mut amounts: Vec<i64> = pool.iter().map(|c| c.minimum).collect();
    for _ in 0..gross - amounts.iter().sum::<i64>() {
        let k = (0..pool.len()).filter(|&k| amounts[k] < pool[k].available).max_by_key(|&k| pool[k].rate_bps);
        amounts[k.expect("the gross fits the balances")] += 1;
    }
    pool.iter().zip(&amounts).map(|(c, a)| i128::from(*a) * i128::from(c.rate_bps)).sum()
}

proptest! {
    #[test]
    fn the_dearest_split_puts_the_room_on_the_dearest_members(
        spec in prop::collection::vec((1i64..40, 1i64..5, prop_oneof![Just(300i64), Just(800), Just(1_000)]), 1..5),
        share in 0.0f64..=1.0,
    ) {
        let pool: Vec<Candidate> = candidates(&spec).into_iter().filter(|c| c.minimum <= c.available).collect();
        prop_assume!(!pool.is_empty());
        let mut members = Members::new();
        pool.iter().enumerate().for_each(|(i, c)| members.push(i, c));
        let gross = members.minimum + ((members.balance - members.minimum) as f64 * share) as i64;
        prop_assert_eq!(members.dearest(&pool, gross), dearest_by_units(&pool, gross));
    }
}

#[test]
fn every_fee_between_the_cheapest_and_the_dearest_split_is_made_exactly() {
    // ₩9,000 over three rates: the cheapest split fills the 3% source
    // first, the dearest the 10% one; their fees are hundreds of won apart.
    let pool = candidates(&[(6_000, 1, 300), (5_000, 1, 800), (4_000, 1, 1_000)]);
    let schedule = krw_schedule();
    let fees = &schedule.currencies[0];
    let frame = Frame { fees, speed: Speed::Standard, cap: fees.max_withdrawal, exact: false };
    let set = [0, 1, 2];
    let mut members = Members::new();
    set.iter().for_each(|&i| members.push(i, &pool[i]));
    let fee = |weighted| super::super::price::total_fee(fees, Speed::Standard, weighted, set.len());
    let (cheapest, dearest) = (fee(members.fill(&pool, 9_000).weighted), fee(members.dearest(&pool, 9_000)));
    assert!(dearest - cheapest > 200, "{cheapest}..{dearest}");
    for wanted in cheapest..=dearest {
        let found = split_paying(&pool, frame, &set, 9_000, wanted);
        assert_eq!((found.fee, found.gross), (wanted, 9_000));
        assert_eq!(found.legs.iter().map(|(_, a)| a).sum::<i64>(), 9_000);
        assert!(found.legs.iter().all(|&(i, a)| a >= pool[i].minimum && a <= pool[i].available));
    }
}

#[test]
fn a_payout_only_a_worse_set_makes_is_found() {
    // The sandbox's KRW schedule: ₩5,000 minimum withdrawal, ₩100 a leg.
    // The best plan of ₩5,000 is the wallet alone (₩4,750); ₩4,400 comes
    // from worse sets of ₩5,000, such as the points alone.
    let pool = candidates(&[(5_000, 1, 300), (20_000, 1, 1_000)]);
    let schedule = krw_schedule();
    let frame = Frame { fees: &schedule.currencies[0], speed: Speed::Standard, cap: 2_000_000, exact: false };
    let exact = cheapest_paying(&pool, frame, 4_400);
    let found = exact.found.expect("₩5,000 of points pays ₩4,400");
    assert_eq!((found.gross, found.fee), (5_000, 600));
    assert!(found.proven_optimal);
    // Nothing pays ₩4,299: the least any plan pays is ₩4,300.
    assert_eq!(cheapest_paying(&pool, frame, 4_299), Exact { found: None, nearest_above: Some(4_300) });
}
