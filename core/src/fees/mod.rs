//! Fees, quotes and the sweep planner: the exact price of a cash-out before
//! the user commits, and the cheapest way to get it.
//!
//! - `schedule`: the provider's fee schedule, cached sealed with its version.
//! - `price`: the one fee calculation (its rounding rules are in
//!   `docs/money.md`).
//! - `search`: the planner's exact search over which sources to sweep.
//! - `exact`: the search for "receive exactly X".
//! - `plan`: the planner around it: candidates, limits, sentences, advice.
//! - `quote`: quotes from explicit legs or a goal, and their checks.
//! - `provider`: the provider API (`docs/provider-api.yaml`).

pub mod exact;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod locked;
#[cfg(test)]
mod oracle_tests;
mod payout_support;
pub mod plan;
pub mod price;
pub mod provider;
pub mod quote;
pub mod schedule;
pub mod search;

pub use payout_support::{payout_support, CurrencyPayout, PayoutSupport};
pub use plan::{plan, Advice, AdviceKind, LeftOut, Plan, PlanLeg, PlanRequest, RemainingLimits};
pub use quote::{check_quote, DestinationKind, LegRequest, Quote, QuoteBreakdown, QuoteGoal, QuoteLeg, QuoteRequest};
pub use schedule::{cache_schedule, cached_schedule, CachedSchedule, CurrencyFees, FeeSchedule, KindRate, Speed};
