//! Each rule at its boundaries. The expected figures are worked out by hand
//! from the documents' wording (이상, 이하, 초과; 7 days; 30 days), not
//! from the code.

use std::time::{Duration, SystemTime};

use super::*;
use crate::fees::fixtures::source;
use crate::money::{Locale, MinorAmount};
use crate::sources::{Dashboard, Eligibility, Expiry, SourceBalance, SourceKind};

const DAY: Duration = Duration::from_secs(86_400);

fn now() -> SystemTime {
    // 2026-12-05 00:00 UTC.
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_428_800)
}

fn krw(minor_units: i64) -> MinorAmount {
    MinorAmount { minor_units, currency_code: "KRW".into() }
}

/// A spend-only balance of `balance` won out of `face` won bought.
fn bought(kind: SourceKind, balance: i64, face: i64) -> SourceBalance {
    let mut s = source(1, kind, balance, Eligibility::SpendOnly);
    s.name = "Gift card".into();
    s.terms.face_value = Some(krw(face));
    s
}

fn advice_for(sources: Vec<SourceBalance>, at: SystemTime) -> Vec<RefundAdvice> {
    let dashboard = Dashboard { sources, cashable_totals: Vec::new(), refund_advice: Vec::new(), payouts: Vec::new() };
    advise(&dashboard, shipped(), at, Locale::EnUs)
}

fn only(sources: Vec<SourceBalance>) -> RefundAdvice {
    let mut all = advice_for(sources, now());
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn the_shipped_table_reads_and_every_rule_names_its_source() {
    let rules = parse(RULES_JSON).expect("the shipped table");
    assert_eq!(rules.len(), shipped().len());
    for rule in &rules {
        assert!(rule.url.starts_with("https://"), "{}", rule.id);
        assert!(rule.document.contains("표준약관") || rule.document.contains("법"), "{}", rule.id);
    }
}

#[test]
fn the_issues_example_spend_1980_to_unlock_a_refund_of_1320() {
    // ₩6,600 bought, ₩3,300 left: 80% (₩10,000 or less) is ₩5,280 used.
    let advice = only(vec![bought(SourceKind::Points, 3_300, 6_600)]);
    assert_eq!(advice.kind, RefundAdviceKind::SpendToUnlock);
    assert_eq!((advice.spend_first.unwrap().minor_units, advice.amount.minor_units), (1_980, 1_320));
    assert_eq!(advice.text, "Gift card: spend ₩1,980 more to unlock a refund of ₩1,320.");
    assert_eq!(advice.rule_id, "ftc-10073-remainder-small");
    assert!(advice.basis.contains("No. 10073") && advice.basis.ends_with("Article 7"), "{}", advice.basis);
    let korean = advise(
        &Dashboard {
            sources: vec![bought(SourceKind::Points, 3_300, 6_600)],
            cashable_totals: vec![],
            refund_advice: vec![],
            payouts: vec![],
        },
        shipped(),
        now(),
        Locale::KoKr,
    );
    assert_eq!(korean[0].text, "Gift card: 1,980원 더 쓰면 남은 1,320원 환불을 받을 수 있어요.");
    assert!(korean[0].basis.contains("제10073호") && korean[0].basis.ends_with("제7조"), "{}", korean[0].basis);
}

#[test]
fn ten_thousand_won_and_less_needs_80_percent_used_at_least() {
    // ₩10,000 is 이하: 80%, so ₩8,000 used. ₩7,999 used: one won short.
    let short = only(vec![bought(SourceKind::Points, 2_001, 10_000)]);
    assert_eq!(
        (short.kind, short.spend_first.unwrap().minor_units, short.amount.minor_units),
        (RefundAdviceKind::SpendToUnlock, 1, 2_000)
    );
    let enough = only(vec![bought(SourceKind::Points, 2_000, 10_000)]);
    assert_eq!((enough.kind, enough.amount.minor_units), (RefundAdviceKind::RefundableNow, 2_000));
}

#[test]
fn over_ten_thousand_won_needs_60_percent_rounded_up_to_the_won() {
    // ₩10,001 is 초과: 60% is ₩6,000.6, so ₩6,001 must be used.
    let short = only(vec![bought(SourceKind::Wallet, 4_001, 10_001)]);
    assert_eq!((short.spend_first.unwrap().minor_units, short.amount.minor_units), (1, 4_000));
    assert_eq!(short.rule_id, "ftc-10073-remainder");
    let enough = only(vec![bought(SourceKind::Wallet, 4_000, 10_001)]);
    assert_eq!(enough.kind, RefundAdviceKind::RefundableNow);
}

#[test]
fn a_source_whose_own_terms_are_kinder_than_the_law_wins() {
    let mut kind = bought(SourceKind::Points, 3_300, 6_600);
    kind.terms.refundable_after_used_percent = Some(50);
    assert_eq!(only(vec![kind]).kind, RefundAdviceKind::RefundableNow, "50% used is enough under its own terms");
    let mut harsher = bought(SourceKind::Points, 3_300, 6_600);
    harsher.terms.refundable_after_used_percent = Some(90);
    assert_eq!(only(vec![harsher]).spend_first.unwrap().minor_units, 1_980, "the law's 80% still holds");
}

#[test]
fn no_share_used_advice_without_a_face_value_or_for_cashable_money() {
    let mut unknown = bought(SourceKind::Points, 3_300, 6_600);
    unknown.terms.face_value = None;
    let mut cashable = bought(SourceKind::Wallet, 3_300, 6_600);
    cashable.terms.eligibility = Eligibility::Cashable;
    let mut nonsense = bought(SourceKind::Points, 3_300, 6_600);
    nonsense.terms.face_value = Some(krw(3_000));
    let phone = bought(SourceKind::CarrierBilling, 3_300, 6_600);
    assert!(advice_for(vec![unknown, cashable, nonsense, phone], now()).is_empty());
}

#[test]
fn an_unused_purchase_is_refunded_in_full_for_seven_days() {
    let mut fresh = bought(SourceKind::Wallet, 20_000, 20_000);
    fresh.terms.purchased_at = Some(now() - DAY * 7 + Duration::from_secs(1));
    let full = only(vec![fresh.clone()]);
    assert_eq!((full.kind, full.amount.minor_units), (RefundAdviceKind::FullRefundWhileUnused, 20_000));
    assert_eq!(full.deadline, Some(now() + Duration::from_secs(1)));
    // Seven days on, the window is shut: the share-used rule applies.
    fresh.terms.purchased_at = Some(now() - DAY * 7);
    assert_eq!(only(vec![fresh.clone()]).kind, RefundAdviceKind::SpendToUnlock);
    // One won used: no longer unused.
    let mut used = bought(SourceKind::Wallet, 19_999, 20_000);
    used.terms.purchased_at = Some(now() - DAY);
    assert_eq!(only(vec![used]).kind, RefundAdviceKind::SpendToUnlock);
}

#[test]
fn paid_game_credits_have_the_game_terms_cooling_off() {
    let mut credits = bought(SourceKind::GameCredits, 5_500, 5_500);
    credits.terms.purchased_at = Some(now() - DAY * 2);
    let full = only(vec![credits]);
    assert_eq!((full.kind, full.rule_id.as_str()), (RefundAdviceKind::FullRefundWhileUnused, "ftc-10078-cooling-off"));
}

#[test]
fn money_expiring_within_thirty_days_is_flagged_with_what_expiry_still_refunds() {
    let mut points = source(2, SourceKind::Points, 3_000, Eligibility::SpendOnly);
    points.name = "CJ ONE".into();
    let expiry = |at| Expiry { amount: krw(3_000), expires_at: at };
    points.terms.expiries = vec![expiry(now() + DAY * 30), expiry(now() + DAY * 30 + Duration::from_secs(1))];
    let flagged = only(vec![points.clone()]);
    assert_eq!((flagged.kind, flagged.deadline), (RefundAdviceKind::ExpiresSoon, Some(now() + DAY * 30)));
    assert!(flagged.text.starts_with("CJ ONE: ₩3,000 expires on "), "{}", flagged.text);
    assert!(flagged.text.contains("90% of what is left is refunded for 5 years"), "{}", flagged.text);
    // Already expired: nothing to warn about.
    points.terms.expiries = vec![expiry(now() - Duration::from_secs(1))];
    assert!(advice_for(vec![points], now()).is_empty());
}

#[test]
fn after_expiry_more_than_fifty_thousand_won_refunds_95_percent() {
    let at = |face| {
        let mut card = bought(SourceKind::Wallet, 6_000, face);
        card.terms.expiries = vec![Expiry { amount: krw(6_000), expires_at: now() + DAY }];
        advice_for(vec![card], now()).into_iter().find(|a| a.kind == RefundAdviceKind::ExpiresSoon).unwrap().text
    };
    assert!(at(50_000).contains("90%"), "₩50,000 is 이하");
    assert!(at(50_001).contains("95%"), "over ₩50,000");
}

#[test]
fn a_corrected_table_changes_the_advice_without_code() {
    let corrected = RULES_JSON.replace(
        "\"used_percent\": 80, \"face_value_max_krw\": 10000",
        "\"used_percent\": 70, \"face_value_max_krw\": 10000",
    );
    let rules = parse(&corrected).unwrap();
    let dashboard = Dashboard {
        sources: vec![bought(SourceKind::Points, 3_300, 6_600)],
        cashable_totals: Vec::new(),
        refund_advice: Vec::new(),
        payouts: Vec::new(),
    };
    // 70% of ₩6,600 is ₩4,620: ₩1,320 more to spend, ₩1,980 back.
    let advice = advise(&dashboard, &rules, now(), Locale::EnUs);
    assert_eq!((advice[0].spend_first.clone().unwrap().minor_units, advice[0].amount.minor_units), (1_320, 1_980));
}

#[test]
fn a_bad_table_is_refused() {
    let one = |rule: &str| {
        format!(
            r#"[{{"id":"x","document":"d","document_en":"d","article":"a","article_en":"a","url":"https://x","kinds":["points"],"rule":{rule}}}]"#
        )
    };
    assert!(parse(&one(r#"{"type":"cooling_off","days":7}"#)).is_ok());
    for bad in [
        one(r#"{"type":"remainder_after_use","used_percent":101}"#),
        one(r#"{"type":"after_expiry","percent":120,"within_years":5}"#),
        one(r#"{"type":"cooling_off","days":7,"extra":1}"#),
        one(r#"{"type":"unknown"}"#),
        one(r#"{"type":"cooling_off","days":7}"#).replace("points", "vouchers"),
        one(r#"{"type":"cooling_off","days":7}"#).replace(r#""article":"a""#, r#""article":" ""#),
    ] {
        assert!(parse(&bad).is_err(), "{bad}");
    }
    let twice = format!("[{0},{0}]", &one(r#"{"type":"cooling_off","days":7}"#)[1..].trim_end_matches(']'));
    assert!(parse(&twice).unwrap_err().contains("twice"));
}
