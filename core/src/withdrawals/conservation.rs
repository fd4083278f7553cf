//! Conservation of a finished withdrawal's money: everything collected
//! from its sources was either paid out, charged as the fee, or sent back.
//! `verifyLedger` checks it for every withdrawal whose legs are all
//! settled, from the sealed record alone.

use super::legs::LegState;
use super::record::Stored;
use super::WithdrawalState;
use crate::SweepError;

/// Where a withdrawal's money went, in minor units, from its legs and
/// settlement: what arrived from the sources, what the payee got, the fee,
/// and what went back. `paid_out` is `None` for a completed withdrawal
/// without a settlement: a record that cannot add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    /// Collected from the sources (legs that arrived, including those sent back).
    pub collected: i64,
    /// Paid to the payee.
    pub paid_out: Option<i64>,
    /// Charged.
    pub fee: i64,
    /// Sent back to the sources.
    pub sent_back: i64,
}

/// The money a stored withdrawal moved so far.
pub fn moved(stored: &Stored) -> Moved {
    let legs = &stored.details.collection;
    let sum = |states: &[LegState]| legs.iter().filter(|l| states.contains(&l.state)).map(|l| l.gross).sum::<i64>();
    let (paid_out, fee) = match (stored.state, stored.details.settlement) {
        (WithdrawalState::Completed, Some(s)) => (Some(s.net), s.fee),
        (WithdrawalState::Completed, None) => (None, 0),
        _ => (Some(0), 0),
    };
    Moved {
        collected: sum(&[LegState::Collected, LegState::Returned]),
        paid_out,
        fee,
        sent_back: sum(&[LegState::Returned]),
    }
}

/// Checks `collected = paid out + fee + returned` for a finished
/// withdrawal; `Ok(false)` when there is nothing to check yet (no legs, a
/// leg still on its way, or the withdrawal not finished).
pub fn check(stored: &Stored) -> Result<bool, SweepError> {
    let legs = &stored.details.collection;
    if legs.is_empty() || !stored.state.is_terminal() || legs.iter().any(|l| !l.state.is_settled()) {
        return Ok(false);
    }
    let m = moved(stored);
    let accounted = m.paid_out.and_then(|p| p.checked_add(m.fee)).and_then(|p| p.checked_add(m.sent_back));
    if accounted != Some(m.collected) {
        return Err(SweepError::ConservationBroken {
            withdrawal_id: stored.id as u64,
            collected: m.collected,
            paid_out: m.paid_out.unwrap_or(0),
            fee: m.fee,
            returned: m.sent_back,
        });
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::withdrawals::legs::LegRecord;
    use crate::withdrawals::record::Details;
    use crate::withdrawals::settlement::Settlement;

    fn leg(gross: i64, state: LegState) -> LegRecord {
        crate::withdrawals::legs::test_leg(gross, 100, state)
    }

    fn stored(state: WithdrawalState, legs: Vec<LegRecord>, settlement: Option<Settlement>) -> Stored {
        let details = Details {
            quote_id: "qt-1".into(),
            schedule_version: "v".into(),
            currency_code: "KRW".into(),
            legs: vec![],
            total_net: 0,
            payee_id: 1,
            provider_id: None,
            reason: None,
            eta_seconds: 0,
            total_gross: 0,
            total_fee: 0,
            receipt: None,
            collection: legs,
            settlement,
        };
        Stored { id: 7, idempotency_key: "k".into(), state, version: 3, created_at_ms: 0, details }
    }

    #[test]
    fn what_arrived_is_paid_charged_or_sent_back() {
        let paid = Settlement { collected: 12_340, fee: 470, net: 11_870, returned: false };
        let done = stored(
            WithdrawalState::Completed,
            vec![leg(12_340, LegState::Collected), leg(4_870, LegState::Failed)],
            Some(paid),
        );
        assert_eq!(check(&done), Ok(true));
        let back =
            stored(WithdrawalState::Failed, vec![leg(4_870, LegState::Returned), leg(9_000, LegState::Failed)], None);
        assert_eq!(check(&back), Ok(true));
        let in_flight = stored(WithdrawalState::Failed, vec![leg(4_870, LegState::Instructed)], None);
        assert_eq!(check(&in_flight), Ok(false), "not finished while a leg is on its way");
    }

    #[test]
    fn money_that_vanished_or_appeared_is_an_error() {
        let short = Settlement { collected: 12_340, fee: 470, net: 11_000, returned: false };
        let lost = stored(WithdrawalState::Completed, vec![leg(12_340, LegState::Collected)], Some(short));
        assert!(matches!(
            check(&lost),
            Err(SweepError::ConservationBroken { withdrawal_id: 7, collected: 12_340, .. })
        ));
        let kept = stored(WithdrawalState::Canceled, vec![leg(4_870, LegState::Collected)], None);
        assert!(check(&kept).is_err(), "a canceled withdrawal that kept collected money");
    }
}
