//! The planner's sentences and advice.

use std::time::{Duration, SystemTime};

use super::super::fixtures::source;
use super::super::schedule::tests::krw_schedule;
use super::*;
use crate::sources::{Eligibility, Expiry};

fn krw(units: i64) -> MinorAmount {
    MinorAmount { minor_units: units, currency_code: "KRW".into() }
}

/// A plan in English (where won read `₩12,340`).
fn planned(sources: Vec<SourceBalance>, limits: Option<RemainingLimits>) -> Plan {
    planned_in(sources, limits, Locale::EnUs)
}

fn planned_in(sources: Vec<SourceBalance>, limits: Option<RemainingLimits>, locale: Locale) -> Plan {
    let dashboard = Dashboard { sources, cashable_totals: vec![], refund_advice: vec![], payouts: vec![] };
    let request = PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits, target_fee_bps: None };
    plan(&dashboard, &krw_schedule(), &request, locale).unwrap()
}

#[test]
fn percentages_read_naturally() {
    let shown: Vec<String> = [300, 350, 305, 1_000, 0].into_iter().map(Writer::percent).collect();
    assert_eq!(shown, ["3%", "3.5%", "3.05%", "10%", "0%"]);
}

#[test]
fn each_leg_and_each_left_out_source_has_a_sentence() {
    let plan = planned(
        vec![
            source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable),
            source(2, SourceKind::GameCredits, 3_300, Eligibility::SpendOnly),
            source(3, SourceKind::Points, 60, Eligibility::Cashable),
            source(4, SourceKind::Wallet, 9_000, Eligibility::Blocked),
            source(5, SourceKind::CarrierBilling, 8_500, Eligibility::RefundToOrigin),
        ],
        None,
    );
    assert_eq!(plan.legs.len(), 1, "only cashable money is swept");
    assert_eq!(plan.legs[0].explanation, "Sweep all ₩12,340 from Source 1 at 3%, fee ₩470.");
    let reasons: Vec<(u64, &str)> = plan.left_out.iter().map(|l| (l.source_id, l.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (2, "Terms of the test."),
            (4, "Terms of the test."),
            (5, "Terms of the test."),
            (3, "Moving ₩60 would cost more than it adds (the per-source fee is ₩100).")
        ]
    );
    assert!(plan.worth_it && plan.advice.is_empty(), "{:?}", plan.advice);
}

#[test]
fn a_cut_leg_names_the_limit() {
    let limits = RemainingLimits { monthly_remaining: Some(krw(10_000)), ..RemainingLimits::default() };
    let plan = planned(vec![source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable)], Some(limits));
    assert_eq!(
        plan.legs[0].explanation,
        "Take ₩10,000 of ₩12,340 from Source 1 at 3%, fee ₩400: the rest would go over the monthly limit of ₩10,000."
    );
}

#[test]
fn no_plan_says_why_and_what_would_help() {
    let below = planned(vec![source(1, SourceKind::Wallet, 4_870, Eligibility::Cashable)], None);
    assert!(below.legs.is_empty() && !below.worth_it);
    assert_eq!(below.advice[0].kind, AdviceKind::BelowMinimum);
    assert_eq!(below.advice[0].add_amount, Some(krw(130)));
    let spent = RemainingLimits { daily_remaining: Some(krw(3_000)), ..RemainingLimits::default() };
    let limited = planned(vec![source(1, SourceKind::Wallet, 40_000, Eligibility::Cashable)], Some(spent));
    assert_eq!(limited.advice[0].kind, AdviceKind::LimitReached);
    let none = planned(vec![source(1, SourceKind::CarrierBilling, 8_500, Eligibility::RefundToOrigin)], None);
    assert_eq!(none.advice[0].kind, AdviceKind::NothingCashable);
    // 6,000원 in total, but a 4,000원 limit and a source that lets go of 5,000원 at least.
    let mut picky = source(1, SourceKind::Wallet, 6_000, Eligibility::Cashable);
    picky.terms.min_withdrawal = Some(krw(5_000));
    let tight = RemainingLimits { daily_remaining: Some(krw(5_500)), ..RemainingLimits::default() };
    let mut big_min = planned(vec![picky.clone()], Some(tight));
    assert_eq!(big_min.legs.len(), 1, "5,500원 fits");
    picky.terms.min_withdrawal = Some(krw(5_800));
    let tight = RemainingLimits { daily_remaining: Some(krw(5_500)), ..RemainingLimits::default() };
    big_min = planned(vec![picky], Some(tight));
    assert_eq!((big_min.advice[0].kind, big_min.advice[0].add_amount.clone()), (AdviceKind::BelowMinimum, None));
    assert!(big_min.advice[0].text.starts_with("No combination"), "{}", big_min.advice[0].text);
}

#[test]
fn a_high_fee_share_advises_how_much_more_brings_it_under_the_target() {
    // 5,200원 of points at 10% plus 100원: far above 5%, and points alone can never get under it.
    let points = planned(vec![source(1, SourceKind::Points, 5_200, Eligibility::Cashable)], None);
    assert!(!points.worth_it);
    assert_eq!(points.advice[0].add_amount, None, "no amount of 10% money gets under 5%");
    assert!(points.advice[0].text.contains("will not get under 5%"), "{}", points.advice[0].text);
    // 5,000원 in a wallet at 3% plus 100원 per source is 5% exactly: add a little.
    let wallet = planned(vec![source(1, SourceKind::Wallet, 5_000, Eligibility::Cashable)], None);
    let advice = &wallet.advice[0];
    assert_eq!(advice.kind, AdviceKind::FeeAboveTarget);
    assert!(!wallet.worth_it);
    let extra = advice.add_amount.as_ref().unwrap().minor_units;
    let bigger = planned(vec![source(1, SourceKind::Wallet, 5_000 + extra, Eligibility::Cashable)], None);
    assert!(bigger.worth_it, "adding the advised {extra} brings the fee under 5%: {:?}", bigger.advice);
    let one_less = planned(vec![source(1, SourceKind::Wallet, 5_000 + extra - 1, Eligibility::Cashable)], None);
    assert!(!one_less.worth_it, "and not a won less");
}

#[test]
fn expiring_money_left_behind_is_pointed_out() {
    let mut tiny = source(2, SourceKind::Points, 90, Eligibility::Cashable);
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_139_200); // 2025-12-31
    tiny.terms.expiries = vec![Expiry { amount: krw(90), expires_at: at }];
    let plan = planned(vec![source(1, SourceKind::Wallet, 40_000, Eligibility::Cashable), tiny], None);
    let note = plan.advice.iter().find(|a| a.kind == AdviceKind::ExpiringLeftBehind).unwrap();
    assert_eq!(
        note.text,
        "₩90 in Source 2 expires on Dec 31, 2025 and is not in this plan; spend it there before then."
    );
    assert!(plan.worth_it, "a note, not a reason to wait");
}

/// The same plans in Korean: amounts in 원, limits named as Korean apps
/// name them, and dates on Korea's clock (2025-12-31T00:00Z is still the
/// 31st there; 15:00Z is already the next day).
#[test]
fn korean_wallets_get_korean_plans() {
    let wallet = || source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable);
    let plan = planned_in(vec![wallet(), source(3, SourceKind::Points, 60, Eligibility::Cashable)], None, Locale::KoKr);
    assert_eq!(plan.legs[0].explanation, "Source 1에서 12,340원 전부를 옮겨요 (수수료율 3%, 수수료 470원).");
    assert_eq!(
        plan.left_out[0].reason,
        "옮기는 데 드는 수수료가 옮기는 금액보다 커요 (금액 60원, 출처별 수수료 100원)."
    );
    let limits = RemainingLimits { monthly_remaining: Some(krw(10_000)), ..RemainingLimits::default() };
    let cut = planned_in(vec![wallet()], Some(limits), Locale::KoKr);
    assert_eq!(
        cut.legs[0].explanation,
        "Source 1에서 12,340원 중 10,000원만 옮겨요 (수수료율 3%, 수수료 400원). 나머지까지 옮기면 한 달 한도(10,000원)를 넘어요."
    );
    let mut tiny = source(2, SourceKind::Points, 90, Eligibility::Cashable);
    let late = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_139_200 + 15 * 3_600); // 2025-12-31T15:00Z
    tiny.terms.expiries = vec![Expiry { amount: krw(90), expires_at: late }];
    let plan = planned_in(vec![source(1, SourceKind::Wallet, 40_000, Eligibility::Cashable), tiny], None, Locale::KoKr);
    let note = plan.advice.iter().find(|a| a.kind == AdviceKind::ExpiringLeftBehind).unwrap();
    assert_eq!(
        note.text,
        "Source 2에 있는 90원의 유효기간이 2026년 1월 1일에 끝나는데, 이번 계획에는 들어가지 않아요. 그 전에 Source 2에서 써 주세요."
    );
    let below = planned_in(vec![source(1, SourceKind::Wallet, 4_870, Eligibility::Cashable)], None, Locale::KoKr);
    assert_eq!(
        below.advice[0].text,
        "조금 더 모아 주세요. 지금 바꿀 수 있는 금액(4,870원)이 최소 출금액(5,000원)에 못 미쳐요. 130원 더 있으면 돼요."
    );
}

#[test]
fn the_plan_repeats_the_refund_rules_advice_for_money_it_cannot_take() {
    let mut gift = source(2, SourceKind::Points, 3_300, Eligibility::SpendOnly);
    gift.name = "Gift card".into();
    gift.terms.face_value = Some(krw(6_600));
    let sources = vec![source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable), gift];
    let mut dashboard = Dashboard { sources, cashable_totals: vec![], refund_advice: vec![], payouts: vec![] };
    dashboard.refund_advice =
        crate::refunds::advise(&dashboard, crate::refunds::shipped(), SystemTime::now(), Locale::EnUs);
    let request =
        PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits: None, target_fee_bps: None };
    let plan = plan(&dashboard, &krw_schedule(), &request, Locale::EnUs).unwrap();
    let refund: Vec<&str> =
        plan.advice.iter().filter(|a| a.kind == AdviceKind::RefundRule).map(|a| a.text.as_str()).collect();
    assert_eq!(refund, ["Gift card: spend ₩1,980 more to unlock a refund of ₩1,320."]);
    assert_eq!(plan.legs.len(), 1, "the gift card itself is never a leg");
}
