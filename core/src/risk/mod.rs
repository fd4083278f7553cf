//! The scam shield: before a cash-out, what Sweep knows about it (a new
//! payee, an amount far above the user's history, a first cash-out, a
//! recent SIM swap, a changed confirmation key) is weighed by rules that
//! are data (`rules.json`), not code. The answer is allow, warn with plain
//! reasons, or step up: the user must confirm again, knowingly, and that
//! is logged.

mod rules;

pub use rules::{assess, RiskRule, RULES_JSON};

/// What is known about a cash-out before it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RiskFacts {
    /// Hours since the payee was added.
    pub payee_age_hours: u64,
    /// The payout asked for, in minor units.
    pub amount_minor: i64,
    /// The largest completed payout so far in the same currency, in minor
    /// units; `None` before the first.
    pub largest_before_minor: Option<i64>,
    /// Completed cash-outs so far.
    pub completed_before: u32,
    /// Whether the operator reported a recent SIM swap; `None` when not asked.
    pub sim_swapped: Option<bool>,
    /// Hours since the confirmation key was last replaced; `None` when it
    /// never was (the first registration is no change).
    pub confirmation_key_age_hours: Option<u64>,
}

/// How careful to be, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RiskLevel {
    /// Nothing stands out.
    Allow,
    /// Show the reasons before the user confirms.
    Warn,
    /// The user must confirm again, knowingly, before money moves.
    StepUp,
}

/// One rule that matched, and what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RiskReason {
    /// The rule's stable id, for logs and analytics (no personal data).
    pub rule_id: String,
    /// How careful this rule asks the user to be.
    pub level: RiskLevel,
    /// One plain sentence for the user.
    pub text: String,
}

/// The verdict on a cash-out: the highest level any rule asks for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RiskAssessment {
    /// Allow, warn or step up.
    pub level: RiskLevel,
    /// Every rule that matched, the most serious first.
    pub reasons: Vec<RiskReason>,
}

/// Weighs `facts` with Sweep's rules: the same check apps and the core run.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn assess_cash_out_risk(facts: RiskFacts) -> RiskAssessment {
    assess(rules::built_in(), &facts)
}
