//! The rules as data, and their evaluation. A rule matches when every
//! condition it names holds; a rule names at least one.

use crate::text::Msg;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{RiskAssessment, RiskFacts, RiskLevel, RiskReason};

/// The built-in rules, as shipped.
pub const RULES_JSON: &str = include_str!("rules.json");

/// What a rule looks at. Absent conditions are not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The payee was added less than this many hours ago.
    pub payee_younger_than_hours: Option<u64>,
    /// The amount is more than this many times the largest payout so far
    /// (never true before the first payout: `first_cash_out` covers that).
    pub amount_over_largest_times: Option<u32>,
    /// Equal to whether this is the first cash-out.
    pub first_cash_out: Option<bool>,
    /// Equal to whether the operator reported a recent SIM swap.
    pub sim_swapped: Option<bool>,
    /// The confirmation key changed less than this many hours ago.
    pub confirmation_key_younger_than_hours: Option<u64>,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRule {
    /// A stable id.
    pub id: String,
    /// When it applies.
    pub when: Conditions,
    /// How careful to be when it does.
    pub level: RiskLevel,
    /// What to tell the user.
    pub text: String,
}

impl RiskRule {
    fn names_a_condition(&self) -> bool {
        self.when != Conditions::default()
    }

    fn matches(&self, facts: &RiskFacts) -> bool {
        let c = &self.when;
        let payee = c.payee_younger_than_hours.is_none_or(|hours| facts.payee_age_hours < hours);
        let amount = c.amount_over_largest_times.is_none_or(|times| {
            facts
                .largest_before_minor
                .is_some_and(|largest| i128::from(facts.amount_minor) > i128::from(largest) * i128::from(times))
        });
        let first = c.first_cash_out.is_none_or(|first| (facts.completed_before == 0) == first);
        let sim = c.sim_swapped.is_none_or(|swapped| facts.sim_swapped == Some(swapped));
        let key = c
            .confirmation_key_younger_than_hours
            .is_none_or(|hours| facts.confirmation_key_age_hours.is_some_and(|age| age < hours));
        self.names_a_condition() && payee && amount && first && sim && key
    }
}

/// Reads rules, refusing unknown fields and rules that name no condition.
pub fn parse(json: &str) -> Result<Vec<RiskRule>, String> {
    let rules: Vec<RiskRule> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    for (i, rule) in rules.iter().enumerate() {
        if !rule.names_a_condition() {
            return Err(format!("rule {} names no condition", rule.id));
        }
        if rules[..i].iter().any(|r| r.id == rule.id) {
            return Err(format!("rule {} is listed twice", rule.id));
        }
    }
    Ok(rules)
}

/// The built-in rules, read once. A test proves they parse.
pub(super) fn built_in() -> &'static [RiskRule] {
    static RULES: OnceLock<Vec<RiskRule>> = OnceLock::new();
    RULES.get_or_init(|| parse(RULES_JSON).unwrap_or_default())
}

/// A built-in rule's words in the catalogs, by rule id.
pub(super) fn built_in_words(id: &str) -> Option<Msg<'static>> {
    Some(match id {
        "recent_sim_swap" => Msg::RiskRecentSimSwap {},
        "new_confirmation_key" => Msg::RiskNewConfirmationKey {},
        "new_payee_large_amount" => Msg::RiskNewPayeeLargeAmount {},
        "new_payee" => Msg::RiskNewPayee {},
        "first_cash_out" => Msg::RiskFirstCashOut {},
        "large_against_history" => Msg::RiskLargeAgainstHistory {},
        _ => return None,
    })
}

/// What a rule tells the user, in the wallet's language: a built-in rule's
/// words from the catalogs, any other rule's own text.
fn text_of(rule: &RiskRule) -> String {
    built_in_words(&rule.id).map_or_else(|| rule.text.clone(), crate::text::tell)
}

/// Weighs `facts` with `rules`.
pub fn assess(rules: &[RiskRule], facts: &RiskFacts) -> RiskAssessment {
    let mut reasons: Vec<RiskReason> = rules
        .iter()
        .filter(|rule| rule.matches(facts))
        .map(|rule| RiskReason { rule_id: rule.id.clone(), level: rule.level, text: text_of(rule) })
        .collect();
    // The most serious first; the table's order among equals.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
    let level = reasons.first().map_or(RiskLevel::Allow, |r| r.level);
    RiskAssessment { level, reasons }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
