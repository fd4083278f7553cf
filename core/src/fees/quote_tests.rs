//! Quotes from legs and goals, their typed errors, and their limits.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::super::fixtures::source;
use super::super::schedule::tests::krw_schedule;
use super::*;
use crate::sources::Eligibility;

fn home() -> Dashboard {
    Dashboard {
        sources: vec![
            source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable),
            source(2, SourceKind::GameCredits, 3_300, Eligibility::Cashable),
            source(3, SourceKind::CarrierBilling, 8_500, Eligibility::RefundToOrigin),
            source(4, SourceKind::Points, 80_000, Eligibility::Cashable),
        ],
        cashable_totals: vec![],
        refund_advice: vec![],
        payouts: vec![],
    }
}

fn krw(units: i64) -> MinorAmount {
    MinorAmount { minor_units: units, currency_code: "KRW".into() }
}

fn request(goal: QuoteGoal) -> QuoteRequest {
    QuoteRequest {
        currency_code: "KRW".into(),
        goal,
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        limits: None,
    }
}

fn legs(list: &[(u64, i64)]) -> QuoteGoal {
    QuoteGoal::Legs {
        legs: list.iter().map(|(id, units)| LegRequest { source_id: *id, amount: krw(*units) }).collect(),
    }
}

fn resolved(goal: QuoteGoal) -> Result<Resolved, SweepError> {
    resolve(&home(), &krw_schedule(), &request(goal), Locale::KoKr)
}

#[test]
fn explicit_legs_are_priced_exactly() {
    let r = resolved(legs(&[(1, 12_340), (2, 3_300)])).unwrap();
    assert_eq!((r.pricing.total_gross, r.pricing.total_fee, r.pricing.total_net()), (15_640, 834, 14_806));
    let breakdown = r.breakdown(&krw_schedule(), &request(legs(&[])), Locale::KoKr);
    assert_eq!(breakdown.total_net.formatted, "14,806원");
    assert_eq!(breakdown.eta_seconds, 86_400);
}

#[test]
fn bad_legs_are_typed_errors() {
    let err = |goal| resolved(goal).err().unwrap();
    assert!(matches!(err(legs(&[(1, 0)])), SweepError::AmountNotPositive { .. }));
    assert!(matches!(err(legs(&[(1, -10)])), SweepError::AmountNotPositive { .. }));
    assert!(matches!(err(legs(&[(1, 20_000)])), SweepError::LimitExceeded { ref limit, .. } if limit == "balance"));
    assert!(
        matches!(err(legs(&[(1, 4_000)])), SweepError::BelowMinimum { ref minimum_kind, .. } if minimum_kind == "min_withdrawal")
    );
    assert!(
        matches!(err(legs(&[(3, 8_500)])), SweepError::NotCashable { source_id: 3, .. }),
        "phone-bill money never enters a withdrawal"
    );
    assert!(matches!(err(legs(&[(9, 8_500)])), SweepError::SourceNotFound { source_id: 9 }));
    assert!(matches!(err(legs(&[(1, 6_000), (1, 6_000)])), SweepError::InvalidInput { .. }));
    let usd = QuoteGoal::Legs {
        legs: vec![LegRequest { source_id: 1, amount: MinorAmount { minor_units: 500, currency_code: "USD".into() } }],
    };
    assert!(matches!(err(usd), SweepError::CurrencyMismatch { .. }));
    let mut limited = request(legs(&[(4, 60_000)]));
    limited.limits = Some(RemainingLimits { daily_remaining: Some(krw(50_000)), ..Default::default() });
    let over = resolve(&home(), &krw_schedule(), &limited, Locale::KoKr).err().unwrap();
    assert!(matches!(over, SweepError::LimitExceeded { ref limit, .. } if limit == "daily"), "{over:?}");
}

#[test]
fn goals_become_legs() {
    let all = resolved(QuoteGoal::Everything).unwrap();
    assert_eq!(all.sources.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 2, 4], "never the phone bill");
    let send = resolved(QuoteGoal::SendExactly { amount: krw(50_000) }).unwrap();
    assert_eq!(send.pricing.total_gross, 50_000);
    let receive = resolved(QuoteGoal::ReceiveExactly { amount: krw(20_000) }).unwrap();
    assert_eq!(receive.pricing.total_net(), 20_000);
    assert!(matches!(
        resolved(QuoteGoal::ReceiveExactly { amount: krw(10_000_000) }),
        Err(SweepError::LimitExceeded { .. })
    ));
    assert!(matches!(resolved(QuoteGoal::SendExactly { amount: krw(0) }), Err(SweepError::AmountNotPositive { .. })));
    // Under the 5,000원 minimum is "below the minimum", whatever the balance.
    let small = resolved(QuoteGoal::SendExactly { amount: krw(4_999) });
    assert!(
        matches!(small, Err(SweepError::BelowMinimum { ref minimum_kind, ref requested, .. })
            if minimum_kind == "min_withdrawal" && requested == "4,999원"),
        "{small:?}"
    );
}

#[test]
fn every_payout_from_the_first_one_up_is_reachable_and_smaller_ones_name_it() {
    // One 10% source: the fee is rounded once, so each won of gross adds 0 or
    // 1 won of payout and no payout is stepped over; below the 5,000원
    // minimum withdrawal (4,400원 after fees) there is nothing.
    let dashboard = Dashboard {
        sources: vec![source(1, SourceKind::Points, 90_000, Eligibility::Cashable)],
        cashable_totals: vec![],
        refund_advice: vec![],
        payouts: vec![],
    };
    let receive = |net| {
        resolve(&dashboard, &krw_schedule(), &request(QuoteGoal::ReceiveExactly { amount: krw(net) }), Locale::KoKr)
    };
    for net in (4_400..4_460).chain(70_000..70_040) {
        assert_eq!(receive(net).unwrap().pricing.total_net(), net);
    }
    let err = receive(1_000).err().unwrap();
    assert_eq!(err, SweepError::AmountUnreachable { requested: "1,000원".into(), nearest: "4,400원".into() });
}

#[test]
fn send_exactly_finds_a_plan_of_exactly_that_gross() {
    // The best payout under 12,400원 skips the game credits, but a plan of
    // exactly 12,400원 exists: 12,340원 from the wallet and 60원 of credits.
    let dashboard = Dashboard {
        sources: vec![
            source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable),
            source(2, SourceKind::GameCredits, 3_300, Eligibility::Cashable),
        ],
        cashable_totals: vec![],
        refund_advice: vec![],
        payouts: vec![],
    };
    let send = |units| {
        resolve(&dashboard, &krw_schedule(), &request(QuoteGoal::SendExactly { amount: krw(units) }), Locale::KoKr)
    };
    assert_eq!(send(12_400).unwrap().pricing.total_gross, 12_400);
    assert_eq!(send(12_340).unwrap().pricing.legs.len(), 1, "the cheaper single leg when it is exact");
    assert!(matches!(send(16_000), Err(SweepError::LimitExceeded { ref limit, .. }) if limit == "balance"));
}

#[test]
fn receiving_below_every_plan_is_below_the_minimum() {
    let dashboard = Dashboard {
        sources: vec![source(1, SourceKind::Wallet, 4_000, Eligibility::Cashable)],
        cashable_totals: vec![],
        refund_advice: vec![],
        payouts: vec![],
    };
    let err =
        resolve(&dashboard, &krw_schedule(), &request(QuoteGoal::ReceiveExactly { amount: krw(1_000) }), Locale::KoKr);
    assert!(
        matches!(err, Err(SweepError::BelowMinimum { ref minimum_kind, .. }) if minimum_kind == "min_withdrawal"),
        "{err:?}"
    );
}

#[test]
fn expired_and_stale_quotes_are_refused() {
    let r = resolved(legs(&[(1, 12_340)])).unwrap();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_000_000);
    let quote = Quote {
        quote_id: "q-1".into(),
        breakdown: r.breakdown(&krw_schedule(), &request(legs(&[])), Locale::KoKr),
        expires_at: now + Duration::from_secs(1_800),
    };
    assert!(check_quote(&quote, &krw_schedule(), now).is_ok());
    assert!(matches!(
        check_quote(&quote, &krw_schedule(), now + Duration::from_secs(1_800)),
        Err(SweepError::QuoteExpired { .. })
    ));
    let mut newer = krw_schedule();
    newer.version = "krw-2026-12".into();
    assert!(matches!(check_quote(&quote, &newer, now), Err(SweepError::FeeScheduleStale { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_quote_never_exceeds_the_limits(
        balances in prop::collection::vec((1i64..400_000, 0usize..4), 1..8),
        goal_kind in 0u8..4,
        amount in 1i64..1_000_000,
        limits in (
            prop::option::of(0i64..600_000),
            prop::option::of(0i64..600_000),
            prop::option::of(0i64..600_000),
        ),
    ) {
        let kinds = [SourceKind::Wallet, SourceKind::GameCredits, SourceKind::Points, SourceKind::Bank];
        let sources = balances.iter().enumerate()
            .map(|(i, (units, k))| source(i as u64 + 1, kinds[*k], *units, Eligibility::Cashable))
            .collect();
        let dashboard = Dashboard { sources, cashable_totals: vec![], refund_advice: vec![], payouts: vec![] };
        let goal = match goal_kind {
            0 => QuoteGoal::Everything,
            1 => QuoteGoal::SendExactly { amount: krw(amount) },
            2 => QuoteGoal::ReceiveExactly { amount: krw(amount) },
            // Every whole balance as an explicit leg.
            _ => legs(&balances.iter().enumerate().map(|(i, (units, _))| (i as u64 + 1, *units)).collect::<Vec<_>>()),
        };
        let mut req = request(goal);
        let (per_withdrawal, daily, monthly) = limits;
        req.limits = Some(RemainingLimits {
            per_withdrawal: per_withdrawal.map(krw),
            daily_remaining: daily.map(krw),
            monthly_remaining: monthly.map(krw),
        });
        let schedule = krw_schedule();
        let fees = &schedule.currencies[0];
        // When each goal must be refused, worked out from the inputs: every
        // source here is cashable with no minimum of its own, so any gross
        // up to the sources' total and the tightest limit can be gathered.
        let total: i64 = balances.iter().map(|(units, _)| units).sum();
        let (mut cap, mut cap_name) = (fees.max_withdrawal, "max_withdrawal");
        for (limit, name) in [(per_withdrawal, "per_withdrawal"), (daily, "daily"), (monthly, "monthly")] {
            if let Some(limit) = limit.filter(|l| *l < cap) {
                (cap, cap_name) = (limit, name);
            }
        }
        let reach = total.min(cap);
        let result = resolve(&dashboard, &schedule, &req, Locale::KoKr);
        let below_minimum = |r: &Result<Resolved, SweepError>| {
            matches!(r, Err(SweepError::BelowMinimum { minimum_kind, .. }) if minimum_kind == "min_withdrawal")
        };
        let over = |r: &Result<Resolved, SweepError>, name: &str| {
            matches!(r, Err(SweepError::LimitExceeded { limit, .. }) if limit == name)
        };
        match goal_kind {
            0 if reach < fees.min_withdrawal => prop_assert!(below_minimum(&result), "{:?}", result),
            1 if amount < fees.min_withdrawal => prop_assert!(below_minimum(&result), "{:?}", result),
            1 if amount > cap => prop_assert!(over(&result, cap_name), "over {} {}: {:?}", cap_name, cap, result),
            1 if amount > total && total < fees.min_withdrawal => prop_assert!(below_minimum(&result), "{:?}", result),
            1 if amount > total => prop_assert!(over(&result, "balance"), "{:?}", result),
            1 => prop_assert_eq!(result.as_ref().map(|r| r.pricing.total_gross).ok(), Some(amount), "{:?}", result),
            2 if reach < fees.min_withdrawal => prop_assert!(below_minimum(&result), "{:?}", result),
            2 => {
                // The largest payout is what "everything" pays.
                let everything = QuoteRequest { goal: QuoteGoal::Everything, ..req.clone() };
                let most = resolve(&dashboard, &schedule, &everything, Locale::KoKr)
                    .map(|r| r.pricing.total_net())
                    .map_err(|e| TestCaseError::fail(format!("everything refused: {e:?}")))?;
                // A payout is less than its gross (the fee is at least 100원).
                prop_assert!(most < reach);
                match &result {
                    Ok(r) => prop_assert_eq!(r.pricing.total_net(), amount),
                    Err(SweepError::LimitExceeded { allowed, .. }) => {
                        prop_assert!(amount > most, "refused {} though everything pays {}", amount, most);
                        prop_assert_eq!(allowed, &Money::from_minor(most, Currency::Krw).format(Locale::KoKr));
                    }
                    Err(SweepError::AmountUnreachable { nearest, .. }) => {
                        prop_assert!(amount <= most, "{} is more than everything pays ({})", amount, most);
                        let nearest = Money::parse_formatted(nearest, Currency::Krw, Locale::KoKr).unwrap().minor_units();
                        prop_assert!(amount < nearest && nearest <= most, "{} named for {}", nearest, amount);
                    }
                    Err(e) => return Err(TestCaseError::fail(format!("receive {amount}: {e:?}"))),
                }
            }
            3 if total < fees.min_withdrawal => prop_assert!(below_minimum(&result), "{:?}", result),
            3 if total > cap => prop_assert!(over(&result, cap_name), "over {} {}: {:?}", cap_name, cap, result),
            _ => prop_assert!(result.is_ok(), "{:?}", result),
        }
        if let Ok(r) = result {
            prop_assert!(r.pricing.total_gross <= fees.max_withdrawal);
            for limit in [per_withdrawal, daily, monthly].into_iter().flatten() {
                prop_assert!(r.pricing.total_gross <= limit, "{} over a limit of {}", r.pricing.total_gross, limit);
            }
            prop_assert!(r.pricing.total_gross >= fees.min_withdrawal);
            prop_assert!(r.pricing.total_fee >= 0 && r.pricing.legs.iter().all(|l| l.fee >= 0));
            for ((id, _, _), leg) in r.sources.iter().zip(&r.pricing.legs) {
                let held = balances[*id as usize - 1].0;
                prop_assert!(leg.gross <= held, "a leg takes no more than its source holds");
            }
        }
    }
}
