//! Conservation of a finished withdrawal's money: everything collected
//! from its sources was either paid out, charged as the fee, or sent back.
//! `verifyLedger` checks it for every withdrawal whose legs are all
//! settled, from the sealed record alone.

use super::legs::LegState;
use super::record::Stored;
use super::WithdrawalState;
use crate::SweepError;

/// Checks `collected = paid out + fee + returned` for a finished
/// withdrawal; `Ok(false)` when there is nothing to check yet (no legs, a
/// leg still on its way, or the withdrawal not finished).
pub fn check(stored: &Stored) -> Result<bool, SweepError> {
    let legs = &stored.details.collection;
    if legs.is_empty() || !stored.state.is_terminal() || legs.iter().any(|l| !l.state.is_settled()) {
        return Ok(false);
    }
    let sum = |states: &[LegState]| legs.iter().filter(|l| states.contains(&l.state)).map(|l| l.gross).sum::<i64>();
    let collected = sum(&[LegState::Collected, LegState::Returned]);
    let returned = sum(&[LegState::Returned]);
    let (paid_out, fee) = match (stored.state, stored.details.settlement) {
        (WithdrawalState::Completed, Some(s)) => (s.net, s.fee),
        (WithdrawalState::Completed, None) => (i64::MIN, 0),
        _ => (0, 0),
    };
    if paid_out.checked_add(fee).and_then(|p| p.checked_add(returned)) != Some(collected) {
        return Err(SweepError::ConservationBroken {
            withdrawal_id: stored.id as u64,
            collected,
            paid_out: paid_out.max(0),
            fee,
            returned,
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
