//! Korea's consumer rules on when stored value can be refunded, as data
//! (`rules.json`, each rule with its document and article), applied to
//! each balance's terms to give advice: "spend ₩1,980 more to unlock a
//! refund of ₩1,320", "₩3,000 expires on 12 January: use or refund it".
//!
//! The table can be corrected without touching code: every figure (shares,
//! face-value bounds, days, years) is in it. The code knows only the four
//! kinds of rule. Where several rules apply to one balance, the one most
//! generous to the user wins: an issuer may always do better than the law.

mod advise;

use serde::Deserialize;

pub use advise::{advise, RefundAdvice, RefundAdviceKind};

use crate::sources::SourceKind;

/// The rules as shipped.
pub const RULES_JSON: &str = include_str!("rules.json");

/// One rule, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRule {
    /// A stable id, for example `ftc-10073-remainder`.
    pub id: String,
    /// The document, in Korean, with its number and revision.
    pub document: String,
    /// The same in English, for English screens.
    pub document_en: String,
    /// The article (조·항).
    pub article: String,
    /// The same in English.
    pub article_en: String,
    /// Where the document is published.
    pub url: String,
    /// The source kinds it covers (`wallet`, `points`, `game_credits`).
    pub kinds: Vec<String>,
    /// What it says.
    pub rule: RuleKind,
}

/// The kinds of rule, with their figures.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKind {
    /// The rest is refundable once `used_percent` of the face value was
    /// used, for face values within the bounds (KRW, whole won; `max` is
    /// inclusive, `over` exclusive: 이하 and 초과).
    RemainderAfterUse {
        /// The share that must be used, in percent.
        used_percent: u8,
        /// Only for face values of at most this many won.
        #[serde(default)]
        face_value_max_krw: Option<i64>,
        /// Only for face values of more than this many won.
        #[serde(default)]
        face_value_over_krw: Option<i64>,
    },
    /// An unused purchase is refunded in full within `days` of buying it.
    CoolingOff {
        /// Days from the purchase.
        days: u32,
    },
    /// Once expired, `percent` of what was left is still refunded for
    /// `within_years` (the commercial limitation period).
    AfterExpiry {
        /// The share refunded, in percent.
        percent: u8,
        /// For this many years after the purchase.
        within_years: u32,
        /// Only for face values of at most this many won.
        #[serde(default)]
        face_value_max_krw: Option<i64>,
        /// Only for face values of more than this many won.
        #[serde(default)]
        face_value_over_krw: Option<i64>,
    },
    /// The issuer must warn this many days before money expires; Sweep
    /// warns as early.
    ExpiryNotice {
        /// Days before the expiry.
        days: u32,
    },
}

impl RefundRule {
    /// The document and article, in the language of `lang`.
    pub fn basis(&self, lang: crate::text::Lang) -> String {
        match lang {
            crate::text::Lang::Ko => format!("{} {}", self.document, self.article),
            crate::text::Lang::En => format!("{} {}", self.document_en, self.article_en),
        }
    }

    /// True when the rule covers sources of `kind`.
    pub fn covers(&self, kind: SourceKind) -> bool {
        self.kinds.iter().any(|k| k == kind.code())
    }
}

/// True when `face_won` is within the bounds (no bound: any face value).
fn within(face_won: i64, max: Option<i64>, over: Option<i64>) -> bool {
    max.is_none_or(|max| face_won <= max) && over.is_none_or(|over| face_won > over)
}

/// Reads a table: known fields only, known kinds, shares of at most 100,
/// unique ids, and a document and article for every rule.
pub fn parse(json: &str) -> Result<Vec<RefundRule>, String> {
    let rules: Vec<RefundRule> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    for (i, rule) in rules.iter().enumerate() {
        if rules[..i].iter().any(|r| r.id == rule.id) {
            return Err(format!("rule {} is listed twice", rule.id));
        }
        let named = [&rule.document, &rule.document_en, &rule.article, &rule.article_en];
        if named.iter().any(|text| text.trim().is_empty()) {
            return Err(format!("rule {} names no document or article", rule.id));
        }
        if rule.kinds.is_empty() || rule.kinds.iter().any(|k| SourceKind::from_code(k).is_none()) {
            return Err(format!("rule {} names an unknown source kind", rule.id));
        }
        let share = match rule.rule {
            RuleKind::RemainderAfterUse { used_percent, .. } => used_percent,
            RuleKind::AfterExpiry { percent, .. } => percent,
            _ => 0,
        };
        if share > 100 {
            return Err(format!("rule {} has a share over 100%", rule.id));
        }
    }
    Ok(rules)
}

/// The shipped rules, read once. The table is checked by the tests, so a
/// bad edit fails the build's tests, never a user's wallet; should one
/// slip through, no advice is better than wrong advice.
pub fn shipped() -> &'static [RefundRule] {
    static RULES: std::sync::OnceLock<Vec<RefundRule>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| parse(RULES_JSON).unwrap_or_default())
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
