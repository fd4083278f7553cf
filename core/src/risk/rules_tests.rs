//! Each built-in rule at its boundaries, with everything else calm.

use super::*;

/// A cash-out nothing about stands out: an old payee, an amount like
/// before, the tenth cash-out, no SIM swap, an old confirmation key.
fn calm() -> RiskFacts {
    RiskFacts {
        payee_age_hours: 24 * 30,
        amount_minor: 50_000,
        largest_before_minor: Some(40_000),
        completed_before: 10,
        sim_swapped: Some(false),
        confirmation_key_age_hours: Some(24 * 90),
    }
}

fn ids(facts: &RiskFacts) -> (RiskLevel, Vec<String>) {
    let verdict = assess(built_in(), facts);
    (verdict.level, verdict.reasons.into_iter().map(|r| r.rule_id).collect())
}

fn level(facts: &RiskFacts) -> RiskLevel {
    ids(facts).0
}

#[test]
fn the_built_in_rules_parse_and_each_names_a_condition() {
    let rules = parse(RULES_JSON).expect("the shipped rules parse");
    assert_eq!(rules.len(), built_in().len());
    assert!(rules.len() >= 6);
    assert!(rules.iter().all(|r| !r.text.is_empty() && r.text.ends_with('.')));
}

#[test]
fn a_calm_cash_out_is_allowed() {
    assert_eq!(ids(&calm()), (RiskLevel::Allow, vec![]));
}

#[test]
fn a_new_payee_warns_until_three_days_have_passed() {
    assert_eq!(ids(&RiskFacts { payee_age_hours: 71, ..calm() }), (RiskLevel::Warn, vec!["new_payee".to_owned()]));
    assert_eq!(level(&RiskFacts { payee_age_hours: 72, ..calm() }), RiskLevel::Allow);
}

#[test]
fn the_first_cash_out_warns() {
    let first = RiskFacts { completed_before: 0, largest_before_minor: None, ..calm() };
    assert_eq!(ids(&first), (RiskLevel::Warn, vec!["first_cash_out".to_owned()]));
    assert_eq!(level(&RiskFacts { completed_before: 1, ..calm() }), RiskLevel::Allow);
}

#[test]
fn an_amount_over_three_times_the_largest_warns_and_exactly_three_times_does_not() {
    let at = |amount_minor| RiskFacts { amount_minor, ..calm() };
    assert_eq!(ids(&at(120_001)), (RiskLevel::Warn, vec!["large_against_history".to_owned()]));
    assert_eq!(level(&at(120_000)), RiskLevel::Allow);
    // No history: the first-cash-out rule speaks instead, never a division.
    let first = RiskFacts { largest_before_minor: None, completed_before: 0, amount_minor: i64::MAX, ..calm() };
    assert_eq!(ids(&first).1, vec!["first_cash_out".to_owned()]);
}

#[test]
fn a_new_payee_with_a_large_amount_steps_up() {
    let facts = RiskFacts { payee_age_hours: 2, amount_minor: 500_000, ..calm() };
    let (level, ids) = ids(&facts);
    assert_eq!(level, RiskLevel::StepUp);
    assert_eq!(ids, vec!["new_payee_large_amount", "new_payee", "large_against_history"]);
}

#[test]
fn a_recent_sim_swap_steps_up_and_an_unasked_operator_does_not() {
    assert_eq!(
        ids(&RiskFacts { sim_swapped: Some(true), ..calm() }),
        (RiskLevel::StepUp, vec!["recent_sim_swap".to_owned()])
    );
    assert_eq!(level(&RiskFacts { sim_swapped: None, ..calm() }), RiskLevel::Allow);
}

#[test]
fn a_confirmation_key_younger_than_a_day_steps_up() {
    let key = |hours| RiskFacts { confirmation_key_age_hours: hours, ..calm() };
    assert_eq!(ids(&key(Some(23))), (RiskLevel::StepUp, vec!["new_confirmation_key".to_owned()]));
    assert_eq!(level(&key(Some(24))), RiskLevel::Allow);
    assert_eq!(level(&key(None)), RiskLevel::Allow, "a key never replaced");
}

#[test]
fn rule_tables_are_checked_when_read() {
    assert!(parse(r#"[{"id":"x","when":{},"level":"warn","text":"T."}]"#).unwrap_err().contains("no condition"));
    let twice = r#"[{"id":"x","when":{"first_cash_out":true},"level":"warn","text":"T."},
                    {"id":"x","when":{"sim_swapped":true},"level":"warn","text":"T."}]"#;
    assert!(parse(twice).unwrap_err().contains("twice"));
    assert!(
        parse(r#"[{"id":"x","when":{"payee_younger":3},"level":"warn","text":"T."}]"#).is_err(),
        "a misspelt condition"
    );
    assert!(parse(r#"[{"id":"x","when":{"first_cash_out":true},"level":"block","text":"T."}]"#).is_err());
}

/// Each built-in rule's words are in both catalogs: the English ones are
/// exactly the rule file's, so the two never drift apart.
#[test]
fn built_in_rules_speak_korean_and_english_from_the_catalogs() {
    use crate::text::{say, Lang};
    for rule in built_in() {
        let english = built_in_words(&rule.id).map(|m| say(Lang::En, m));
        assert_eq!(english.as_deref(), Some(rule.text.as_str()), "{}", rule.id);
        let korean = built_in_words(&rule.id).map(|m| say(Lang::Ko, m)).unwrap();
        assert!(korean.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "{}: {korean}", rule.id);
    }
}
