//! Pricing a withdrawal: the one fee calculation, used for estimates,
//! plans and quotes alike. The rule, also in `docs/money.md`:
//!
//! 1. Each leg's rate is its source kind's rate, plus the instant premium
//!    at instant speed, in basis points.
//! 2. The percentage fee is the exact sum of `amount × rate / 10 000` over
//!    the legs, rounded half up once, to the minor unit.
//! 3. It is shared out over the legs in proportion to `amount × rate`, by
//!    largest remainder (ties to the earlier leg), so the legs add up.
//! 4. Each leg also pays the fixed per-leg fee; the withdrawal pays the fixed
//!    per-withdrawal fee, plus the fixed instant fee at instant speed.
//! 5. The total is held between the minimum and maximum fee. A total raised
//!    to the minimum adds the difference to the withdrawal fee; a total cut
//!    to the maximum takes the difference off the withdrawal fee first, then
//!    off the legs in proportion to their fees (largest remainder again).
//!
//! All of it is integer arithmetic on minor units and basis points.

use super::schedule::{CurrencyFees, FeeSchedule, Speed, BASIS_POINTS};
use crate::sources::SourceKind;
use crate::SweepError;

/// One source's share of a withdrawal, as priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedLeg {
    /// What is taken from the source, in minor units.
    pub gross: i64,
    /// Its share of the fee.
    pub fee: i64,
}

/// A priced withdrawal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pricing {
    /// The legs, in the order given.
    pub legs: Vec<PricedLeg>,
    /// The fee charged once for the withdrawal.
    pub withdrawal_fee: i64,
    /// All legs' gross.
    pub total_gross: i64,
    /// The whole fee.
    pub total_fee: i64,
}

impl Pricing {
    /// What the user receives.
    pub fn total_net(&self) -> i64 {
        self.total_gross - self.total_fee
    }
}

/// Shares `total` out in proportion to `weights` by largest remainder; the
/// shares add up to `total` exactly. Zero weights share nothing unless all
/// are zero, when everything goes to the first.
pub fn share_out(total: i64, weights: &[i128]) -> Vec<i64> {
    let sum: i128 = weights.iter().sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut shares = vec![0; weights.len()];
        shares[0] = total;
        return shares;
    }
    let total = i128::from(total);
    let mut shares: Vec<i128> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Larger remainders first; the earlier leg wins a tie.
    order.sort_by_key(|&i| (std::cmp::Reverse(total * weights[i] % sum), i));
    let mut left = total - shares.iter().sum::<i128>();
    for i in order {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares.into_iter().map(|s| s as i64).collect()
}

/// The percentage part: `Σ amount × rate`, in minor units × basis points.
pub fn weighted_sum(legs: &[(i64, i64)]) -> i128 {
    legs.iter().map(|(amount, rate)| i128::from(*amount) * i128::from(*rate)).sum()
}

/// Half-up rounding of a non-negative `weighted / 10 000`.
pub fn round_bps(weighted: i128) -> i64 {
    let bps = i128::from(BASIS_POINTS);
    ((weighted + bps / 2) / bps) as i64
}

/// The fixed part of a withdrawal at `speed`.
pub fn withdrawal_fixed(fees: &CurrencyFees, speed: Speed) -> i64 {
    fees.fixed_per_withdrawal + if speed == Speed::Instant { fees.instant_fixed } else { 0 }
}

/// The total fee of legs given as `(amount, rate in bps)`: rules 1, 2, 4
/// and 5 without the breakdown, for the planner's search.
pub fn total_fee(fees: &CurrencyFees, speed: Speed, weighted: i128, legs: usize) -> i64 {
    let base = round_bps(weighted) + fees.fixed_per_leg * legs as i64 + withdrawal_fixed(fees, speed);
    base.clamp(fees.min_fee, fees.max_fee)
}

/// Prices legs of `(kind, gross)` in one currency. Amounts must be more
/// than zero; every kind must have a rate.
pub fn price(
    schedule: &FeeSchedule,
    fees: &CurrencyFees,
    speed: Speed,
    legs: &[(SourceKind, i64)],
) -> Result<Pricing, SweepError> {
    if legs.is_empty() {
        return Err(SweepError::invalid("legs", "a withdrawal needs at least one source"));
    }
    let mut rated = Vec::with_capacity(legs.len());
    for (kind, gross) in legs {
        if *gross <= 0 {
            return Err(SweepError::AmountNotPositive { field: "leg amount".into(), amount: gross.to_string() });
        }
        let rate = schedule.rate_bps(*kind, speed).ok_or_else(|| {
            SweepError::invalid("legs", format!("the provider does not sweep {} sources", kind.code()))
        })?;
        rated.push((*gross, rate));
    }
    let total_gross = rated.iter().try_fold(0i64, |sum, (g, _)| sum.checked_add(*g));
    let total_gross = total_gross.ok_or(SweepError::AmountOverflow { operation: "add".into() })?;
    let weighted = weighted_sum(&rated);
    let weights: Vec<i128> = rated.iter().map(|(g, r)| i128::from(*g) * i128::from(*r)).collect();
    let percentage = share_out(round_bps(weighted), &weights);
    let mut leg_fees: Vec<i64> = percentage.iter().map(|p| p + fees.fixed_per_leg).collect();
    let mut withdrawal_fee = withdrawal_fixed(fees, speed);
    let base = leg_fees.iter().sum::<i64>() + withdrawal_fee;
    let total_fee = base.clamp(fees.min_fee, fees.max_fee);
    if total_fee > base {
        withdrawal_fee += total_fee - base;
    } else if total_fee < base {
        let mut excess = base - total_fee;
        let off_withdrawal = excess.min(withdrawal_fee);
        withdrawal_fee -= off_withdrawal;
        excess -= off_withdrawal;
        let weights: Vec<i128> = leg_fees.iter().map(|f| i128::from(*f)).collect();
        for (fee, cut) in leg_fees.iter_mut().zip(share_out(excess, &weights)) {
            *fee -= cut;
        }
    }
    let legs = rated.iter().zip(leg_fees).map(|((gross, _), fee)| PricedLeg { gross: *gross, fee }).collect();
    Ok(Pricing { legs, withdrawal_fee, total_gross, total_fee })
}

#[cfg(test)]
mod tests {
    use super::super::schedule::tests::krw_schedule;
    use super::*;
    use proptest::prelude::*;

    fn krw(legs: &[(SourceKind, i64)], speed: Speed) -> Pricing {
        let s = krw_schedule();
        let fees = s.currencies[0].clone();
        price(&s, &fees, speed, legs).unwrap()
    }

    #[test]
    fn a_worked_example() {
        // 12,340 at 3% = 370.2 and 3,300 at 8% = 264: 634.2 → 634, shared 370 + 264.
        let p = krw(&[(SourceKind::Wallet, 12_340), (SourceKind::GameCredits, 3_300)], Speed::Standard);
        assert_eq!(p.legs, [PricedLeg { gross: 12_340, fee: 470 }, PricedLeg { gross: 3_300, fee: 364 }]);
        assert_eq!((p.withdrawal_fee, p.total_fee, p.total_net()), (0, 834, 14_806));
        // Instant: 4% and 9% → 493.6 + 297 = 790.6 → 791, plus ₩500 once.
        let p = krw(&[(SourceKind::Wallet, 12_340), (SourceKind::GameCredits, 3_300)], Speed::Instant);
        assert_eq!((p.legs[0].fee + p.legs[1].fee, p.withdrawal_fee, p.total_fee), (991, 500, 1_491));
    }

    #[test]
    fn the_floor_and_the_cap() {
        // 1,000 at 3% = 30 + 100 per leg = 130: above the ₩100 floor.
        assert_eq!(krw(&[(SourceKind::Wallet, 1_000)], Speed::Standard).total_fee, 130);
        let mut s = krw_schedule();
        s.currencies[0].min_fee = 1_000;
        let fees = s.currencies[0].clone();
        let floor = price(&s, &fees, Speed::Standard, &[(SourceKind::Wallet, 1_000)]).unwrap();
        assert_eq!((floor.total_fee, floor.withdrawal_fee, floor.legs[0].fee), (1_000, 870, 130));
        // 2,000,000 at 3% = 60,000: cut to the ₩30,000 cap, off the legs in proportion.
        let cap = krw(&[(SourceKind::Wallet, 1_000_000), (SourceKind::Points, 500_000)], Speed::Instant);
        assert_eq!(cap.total_fee, 30_000);
        assert_eq!(cap.withdrawal_fee, 0, "the withdrawal fee goes first");
        assert_eq!(cap.legs.iter().map(|l| l.fee).sum::<i64>(), 30_000);
    }

    #[test]
    fn bad_legs_are_typed_errors() {
        let s = krw_schedule();
        let fees = s.currencies[0].clone();
        let zero = price(&s, &fees, Speed::Standard, &[(SourceKind::Wallet, 0)]);
        assert!(matches!(zero, Err(SweepError::AmountNotPositive { .. })));
        let negative = price(&s, &fees, Speed::Standard, &[(SourceKind::Wallet, -5)]);
        assert!(matches!(negative, Err(SweepError::AmountNotPositive { .. })));
        let carrier = price(&s, &fees, Speed::Standard, &[(SourceKind::CarrierBilling, 5_000)]);
        assert!(matches!(carrier, Err(SweepError::InvalidInput { .. })), "phone-bill money has no cash price");
        assert!(price(&s, &fees, Speed::Standard, &[]).is_err());
    }

    fn kind() -> impl Strategy<Value = SourceKind> {
        prop_oneof![
            Just(SourceKind::Wallet),
            Just(SourceKind::Bank),
            Just(SourceKind::GameCredits),
            Just(SourceKind::Points)
        ]
    }

    proptest! {
        #[test]
        fn fees_add_up_are_never_negative_and_match_the_fast_total(
            legs in prop::collection::vec(
                (
                    prop_oneof![24 => kind(), 1 => Just(SourceKind::CarrierBilling)],
                    prop_oneof![40 => 1i64..5_000_000, 1 => -5i64..=0],
                ),
                0..12,
            ),
            instant in any::<bool>(),
            min_fee in 0i64..2_000,
            cap in 0i64..100_000,
        ) {
            let speed = if instant { Speed::Instant } else { Speed::Standard };
            let mut s = krw_schedule();
            s.currencies[0].min_fee = min_fee;
            s.currencies[0].max_fee = min_fee + cap;
            let fees = s.currencies[0].clone();
            let result = price(&s, &fees, speed, &legs);
            // Refused exactly when there is no leg, or a leg takes nothing
            // or has no rate (phone-bill money never has one); the first
            // bad leg names the reason.
            let first_bad = legs.iter().find(|(kind, gross)| *gross <= 0 || *kind == SourceKind::CarrierBilling);
            match first_bad {
                _ if legs.is_empty() => {
                    prop_assert!(matches!(&result, Err(SweepError::InvalidInput { field, .. }) if field == "legs"), "{:?}", result);
                    return Ok(());
                }
                Some((_, gross)) if *gross <= 0 => {
                    prop_assert!(matches!(result, Err(SweepError::AmountNotPositive { .. })), "{:?}", result);
                    return Ok(());
                }
                Some(_) => {
                    prop_assert!(matches!(&result, Err(SweepError::InvalidInput { field, .. }) if field == "legs"), "{:?}", result);
                    return Ok(());
                }
                None => {}
            }
            let p = result.unwrap();
            prop_assert!(p.withdrawal_fee >= 0 && p.legs.iter().all(|l| l.fee >= 0));
            prop_assert_eq!(p.legs.iter().map(|l| l.fee).sum::<i64>() + p.withdrawal_fee, p.total_fee);
            prop_assert!((fees.min_fee..=fees.max_fee).contains(&p.total_fee));
            let rated: Vec<(i64, i64)> = legs.iter().map(|(k, g)| (*g, s.rate_bps(*k, speed).unwrap())).collect();
            prop_assert_eq!(total_fee(&fees, speed, weighted_sum(&rated), legs.len()), p.total_fee);
        }

        #[test]
        fn shares_add_up_and_stay_within_one_of_exact(total in 0i64..1_000_000, weights in prop::collection::vec(0i128..1_000_000, 1..10)) {
            let shares = share_out(total, &weights);
            prop_assert_eq!(shares.iter().sum::<i64>(), total);
            let sum: i128 = weights.iter().sum();
            if sum > 0 {
                for (share, w) in shares.iter().zip(&weights) {
                    let exact = i128::from(total) * w;
                    prop_assert!((i128::from(*share) * sum - exact).abs() < sum);
                }
            }
        }
    }
}
