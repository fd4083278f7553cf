//! What a withdrawal pays out once every leg is settled: the partial
//! collection rule of `docs/money.md`, computed from the quote alone so the
//! wallet and the provider reach the same figures independently.
//!
//! - Every leg collected: exactly the quote.
//! - Some legs failed: the fee is the quote's fee share of the legs that
//!   arrived plus the quote's withdrawal fee; never more than the quote gave
//!   for those legs. The payee gets what arrived less that fee.
//! - What arrived is below the minimum withdrawal, or would not cover its
//!   fee: nothing is paid out or charged, and every collected leg goes back
//!   to its source.

use serde::{Deserialize, Serialize};

use super::legs::{LegRecord, LegState};

/// The figures a settled withdrawal pays out by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    /// What arrived from the sources, in minor units.
    pub collected: i64,
    /// The fee charged.
    pub fee: i64,
    /// What the payee receives.
    pub net: i64,
    /// True when what arrived goes back and nothing is charged.
    pub returned: bool,
}

/// The settlement of `legs` under a quote whose whole fee was `quoted_fee`,
/// with the schedule's `min_withdrawal`; `None` while a leg is unsettled.
pub fn settle(legs: &[LegRecord], quoted_fee: i64, min_withdrawal: i64) -> Option<Settlement> {
    if legs.iter().any(|l| !l.state.is_settled()) {
        return None;
    }
    let withdrawal_fee = quoted_fee - legs.iter().map(|l| l.fee).sum::<i64>();
    let arrived = legs.iter().filter(|l| matches!(l.state, LegState::Collected | LegState::Returned));
    let (collected, leg_fees) = arrived.fold((0i64, 0i64), |(g, f), l| (g + l.gross, f + l.fee));
    let fee = leg_fees + withdrawal_fee;
    if collected < min_withdrawal || fee >= collected {
        return Some(Settlement { collected, fee: 0, net: 0, returned: true });
    }
    Some(Settlement { collected, fee, net: collected - fee, returned: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leg(gross: i64, fee: i64, state: LegState) -> LegRecord {
        crate::withdrawals::legs::test_leg(gross, fee, state)
    }

    #[test]
    fn all_collected_is_the_quote() {
        // ₩12,340 at 3% + ₩100 = ₩470; ₩4,870 at 3% + ₩100 = ₩246; no withdrawal fee.
        let legs = [leg(12_340, 470, LegState::Collected), leg(4_870, 246, LegState::Collected)];
        assert_eq!(
            settle(&legs, 716, 5_000),
            Some(Settlement { collected: 17_210, fee: 716, net: 16_494, returned: false })
        );
    }

    #[test]
    fn a_failed_leg_costs_nothing_and_the_rest_pays_its_quoted_share() {
        let legs = [leg(12_340, 470, LegState::Collected), leg(4_870, 246, LegState::Failed)];
        let s = settle(&legs, 716 + 500, 5_000).unwrap();
        assert_eq!((s.collected, s.fee, s.net, s.returned), (12_340, 470 + 500, 12_340 - 970, false));
        assert!(s.fee <= 716 + 500 - 246, "never more than the quote gave for the legs that arrived");
    }

    #[test]
    fn below_the_minimum_everything_goes_back_free() {
        let legs = [leg(4_870, 246, LegState::Collected), leg(12_340, 470, LegState::Failed)];
        assert_eq!(settle(&legs, 716, 5_000), Some(Settlement { collected: 4_870, fee: 0, net: 0, returned: true }));
        let none = [leg(4_870, 246, LegState::Failed)];
        assert!(settle(&none, 246, 5_000).unwrap().returned);
    }

    #[test]
    fn nothing_is_decided_while_a_leg_is_on_its_way() {
        let legs = [leg(12_340, 470, LegState::Collected), leg(4_870, 246, LegState::Instructed)];
        assert_eq!(settle(&legs, 716, 5_000), None);
    }
}
