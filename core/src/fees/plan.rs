//! The sweep planner: which balances to cash out, and how much of each, for
//! the largest payout; or advice to wait when cashing out is not worth it
//! yet. Every leg and every left-out source is explained in one sentence.

use super::price::{price, Pricing};
use super::schedule::{CurrencyFees, FeeSchedule, Speed};
use super::search::{best_plan, fill_order, Candidate, Found, Frame};
use crate::money::{Currency, Locale, MinorAmount, Money};
use crate::sources::{Dashboard, FormattedAmount, SourceBalance, SourceKind};
use crate::text::{say, Lang, Msg};
use crate::SweepError;

/// What is left of the user's limits (from their identity tier); `None`
/// means no such limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RemainingLimits {
    /// The most one withdrawal may be.
    pub per_withdrawal: Option<MinorAmount>,
    /// What is left of today's limit.
    pub daily_remaining: Option<MinorAmount>,
    /// What is left of this month's limit.
    pub monthly_remaining: Option<MinorAmount>,
}

/// What to plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlanRequest {
    /// The currency to cash out.
    pub currency_code: String,
    /// How fast.
    pub speed: Speed,
    /// The user's remaining limits.
    pub limits: Option<RemainingLimits>,
    /// Advise waiting while the fee is above this share of the gross, in
    /// basis points (500 = 5%); `None` for 5%.
    pub target_fee_bps: Option<u32>,
}

/// One source in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlanLeg {
    /// The source.
    pub source_id: u64,
    /// Its name.
    pub source_name: String,
    /// What is taken from it.
    pub gross: FormattedAmount,
    /// Its share of the fee.
    pub fee: FormattedAmount,
    /// What it adds to the payout.
    pub net: FormattedAmount,
    /// Why, in one sentence.
    pub explanation: String,
}

/// A source the plan leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LeftOut {
    /// The source.
    pub source_id: u64,
    /// Its name.
    pub source_name: String,
    /// Why, in one sentence.
    pub reason: String,
}

/// The kind of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AdviceKind {
    /// Nothing in this currency can be cashed out.
    NothingCashable,
    /// The cashable total is below the minimum withdrawal.
    BelowMinimum,
    /// The remaining limits leave no room for a withdrawal.
    LimitReached,
    /// The fee is above the target share; more money would bring it down.
    FeeAboveTarget,
    /// Money that expires soon is left out of the plan: spend it where it is.
    ExpiringLeftBehind,
    /// Money the plan cannot take that Korea's refund rules let the user
    /// get back another way (`Dashboard.refund_advice`).
    RefundRule,
}

/// Advice for the user, with the amount it names.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Advice {
    /// What kind.
    pub kind: AdviceKind,
    /// One sentence for the user.
    pub text: String,
    /// How much more cashable money would change it, when that helps.
    pub add_amount: Option<MinorAmount>,
}

/// A plan: the legs, the exact fee, and any advice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Plan {
    /// The fee schedule it was priced with.
    pub schedule_version: String,
    /// The speed.
    pub speed: Speed,
    /// The sources to sweep, in fill order; empty when there is no plan.
    pub legs: Vec<PlanLeg>,
    /// The fee charged once for the withdrawal.
    pub withdrawal_fee: FormattedAmount,
    /// Everything taken from the sources.
    pub total_gross: FormattedAmount,
    /// The whole fee.
    pub total_fee: FormattedAmount,
    /// What the user receives.
    pub total_net: FormattedAmount,
    /// The sources left out, and why.
    pub left_out: Vec<LeftOut>,
    /// Advice; a plan with no legs always has some.
    pub advice: Vec<Advice>,
    /// True when cashing out now is worth it: there is a plan and its fee is
    /// below the target share of the gross.
    pub worth_it: bool,
    /// False only when the search ran out of its node budget.
    pub proven_optimal: bool,
}

/// The tightest of the maximum withdrawal and the remaining limits.
pub fn cap(
    fees: &CurrencyFees,
    limits: &RemainingLimits,
    currency: Currency,
) -> Result<(i64, &'static str), SweepError> {
    let mut cap = (fees.max_withdrawal, "max_withdrawal");
    for (limit, name) in [
        (&limits.per_withdrawal, "per_withdrawal"),
        (&limits.daily_remaining, "daily"),
        (&limits.monthly_remaining, "monthly"),
    ] {
        if let Some(limit) = limit {
            let money = Money::try_from(limit)?;
            if money.currency() != currency {
                return Err(SweepError::CurrencyMismatch {
                    expected: currency.code().into(),
                    found: money.currency().code().into(),
                });
            }
            if money.is_negative() {
                return Err(SweepError::NegativeAmount { field: name.into(), amount: money.to_string() });
            }
            if money.minor_units() < cap.0 {
                cap = (money.minor_units(), name);
            }
        }
    }
    Ok(cap)
}

/// A source as the planner sees it: a candidate, or why it is left out.
pub fn candidate(
    source: &SourceBalance,
    schedule: &FeeSchedule,
    currency: Currency,
    speed: Speed,
    locale: Locale,
) -> Result<Candidate, String> {
    let available = source.available.amount.minor_units;
    // Only money Sweep can collect now is ever planned: a typed-in balance
    // is tracked, never paid out.
    if let Some(reason) = source.collection.reason(&source.terms.reason) {
        return Err(reason);
    }
    if available <= 0 {
        return Err(say(Lang::of(locale), Msg::LeftOutNothing {}));
    }
    let Some(rate_bps) = schedule.rate_bps(source.kind, speed) else {
        return Err(say(Lang::of(locale), Msg::LeftOutKind { kind: source.kind.code().into() }));
    };
    let minimum = source.terms.min_withdrawal.as_ref().map_or(1, |m| m.minor_units.max(1));
    if available < minimum {
        let shown = Money::from_minor(minimum, currency).format(locale);
        return Err(say(Lang::of(locale), Msg::LeftOutBelowOwnMinimum { minimum: shown.into() }));
    }
    let expires_at = source.terms.expiries.iter().map(|e| e.expires_at).min();
    Ok(Candidate { source_id: source.source_id, available, minimum, rate_bps, expires_at })
}

/// The sources of one currency the planner may use, in fill order, and
/// those it may not, with why.
pub fn candidates(
    dashboard: &Dashboard,
    schedule: &FeeSchedule,
    currency: Currency,
    speed: Speed,
    locale: Locale,
) -> (Vec<Candidate>, Vec<LeftOut>) {
    let mut candidates = Vec::new();
    let mut left_out = Vec::new();
    for source in dashboard.sources.iter().filter(|s| s.balance.amount.currency_code == currency.code()) {
        match candidate(source, schedule, currency, speed, locale) {
            Ok(c) => candidates.push(c),
            Err(reason) => {
                left_out.push(LeftOut { source_id: source.source_id, source_name: source.name.clone(), reason })
            }
        }
    }
    fill_order(&mut candidates);
    (candidates, left_out)
}

/// A found plan's legs as `(kind, amount)`, for pricing.
pub fn priced_legs(dashboard: &Dashboard, candidates: &[Candidate], found: &Found) -> Vec<(SourceKind, i64)> {
    found
        .legs
        .iter()
        .map(|(i, amount)| {
            let id = candidates[*i].source_id;
            let kind = dashboard.sources.iter().find(|s| s.source_id == id).map_or(SourceKind::Wallet, |s| s.kind);
            (kind, *amount)
        })
        .collect()
}

/// Plans a cash-out of `currency` from the dashboard's sources.
pub fn plan(
    dashboard: &Dashboard,
    schedule: &FeeSchedule,
    request: &PlanRequest,
    locale: Locale,
) -> Result<Plan, SweepError> {
    let currency = Currency::from_code(&request.currency_code)?;
    let fees = schedule.currency(currency)?;
    let (cap, cap_name) = cap(fees, &request.limits.clone().unwrap_or_default(), currency)?;
    let (candidates, mut left_out) = candidates(dashboard, schedule, currency, request.speed, locale);
    let found = best_plan(&candidates, Frame { fees, speed: request.speed, cap, exact: false });
    let names =
        |id: u64| dashboard.sources.iter().find(|s| s.source_id == id).map(|s| s.name.clone()).unwrap_or_default();
    let writer = Writer { locale, currency, schedule, speed: request.speed };
    let Some(found) = found else {
        let mut advice = vec![writer.why_no_plan(&candidates, fees, cap, cap_name)];
        advice.extend(refund_rule_advice(dashboard, currency));
        return Ok(writer.empty_plan(left_out, advice));
    };
    let pricing = price(schedule, fees, request.speed, &priced_legs(dashboard, &candidates, &found))?;
    let mut advice = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if !found.legs.iter().any(|(j, _)| *j == i) {
            let reason = writer.why_left_out(c, &found, cap, cap_name, fees);
            left_out.push(LeftOut { source_id: c.source_id, source_name: names(c.source_id), reason });
            if let Some(expiring) = writer.expiring_left_behind(dashboard, c) {
                advice.push(expiring);
            }
        }
    }
    advice.extend(refund_rule_advice(dashboard, currency));
    let target = i64::from(request.target_fee_bps.unwrap_or(500));
    if let Some(fee_advice) = writer.fee_advice(&found, &candidates, fees, target) {
        advice.push(fee_advice);
    }
    let legs = found
        .legs
        .iter()
        .zip(&pricing.legs)
        .map(|((i, _), priced)| writer.leg(&candidates[*i], &names(candidates[*i].source_id), priced, cap, cap_name))
        .collect();
    let worth_it = i128::from(pricing.total_fee) * 10_000 < i128::from(pricing.total_gross) * i128::from(target);
    Ok(writer.full_plan(legs, &pricing, left_out, advice, worth_it, found.proven_optimal))
}

/// The dashboard's refund advice for money in this currency that the
/// plan cannot take (spend-only or blocked): another way to get it back.
/// Expiring money has its own advice above when a plan leaves it out.
fn refund_rule_advice(dashboard: &Dashboard, currency: Currency) -> Vec<Advice> {
    use crate::refunds::RefundAdviceKind as K;
    dashboard
        .refund_advice
        .iter()
        .filter(|a| a.amount.currency_code == currency.code() && a.kind != K::ExpiresSoon)
        .map(|a| Advice { kind: AdviceKind::RefundRule, text: a.text.clone(), add_amount: None })
        .collect()
}

/// Turns numbers into amounts and sentences in the user's locale.
struct Writer<'a> {
    locale: Locale,
    currency: Currency,
    schedule: &'a FeeSchedule,
    speed: Speed,
}

impl Writer<'_> {
    fn money(&self, minor_units: i64) -> FormattedAmount {
        FormattedAmount::new(Money::from_minor(minor_units, self.currency), self.locale)
    }

    fn say(&self, msg: Msg<'_>) -> String {
        say(Lang::of(self.locale), msg)
    }

    fn text(&self, minor_units: i64) -> String {
        Money::from_minor(minor_units, self.currency).format(self.locale)
    }

    /// Basis points as a percentage without trailing zeros: 300 → "3%",
    /// 350 → "3.5%", 305 → "3.05%".
    fn percent(bps: i64) -> String {
        let text = format!("{}.{:02}", bps / 100, bps % 100);
        format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
    }

    fn leg(&self, c: &Candidate, name: &str, priced: &super::price::PricedLeg, cap: i64, cap_name: &str) -> PlanLeg {
        let rate = Self::percent(c.rate_bps);
        let (amount, fee, source) = (self.text(priced.gross).into(), self.text(priced.fee).into(), name.into());
        let mut explanation = if priced.gross == c.available {
            self.say(Msg::PlanLegAll { amount, source, rate: rate.into(), fee })
        } else {
            let (available, cap) = (self.text(c.available).into(), self.text(cap).into());
            self.say(Msg::PlanLegCut { amount, available, source, rate: rate.into(), fee, limit: cap_name.into(), cap })
        };
        if c.expires_at.is_some() {
            explanation.push(' ');
            explanation.push_str(&self.say(Msg::PlanLegExpiring {}));
        }
        PlanLeg {
            source_id: c.source_id,
            source_name: name.to_owned(),
            gross: self.money(priced.gross),
            fee: self.money(priced.fee),
            net: self.money(priced.gross - priced.fee),
            explanation,
        }
    }

    fn why_left_out(&self, c: &Candidate, found: &Found, cap: i64, cap_name: &str, fees: &CurrencyFees) -> String {
        if found.gross >= cap {
            return self.say(Msg::LeftOutLimitReached { limit: cap_name.into(), cap: self.text(cap).into() });
        }
        if cap - found.gross < c.minimum {
            return self.say(Msg::LeftOutFitsBelowMinimum { minimum: self.text(c.minimum).into() });
        }
        self.say(Msg::LeftOutCostsMore {
            amount: self.text(c.available).into(),
            fee: self.text(fees.fixed_per_leg).into(),
        })
    }

    fn why_no_plan(&self, candidates: &[Candidate], fees: &CurrencyFees, cap: i64, cap_name: &str) -> Advice {
        let total: i64 = candidates.iter().map(|c| c.available).sum();
        if candidates.is_empty() {
            return Advice {
                kind: AdviceKind::NothingCashable,
                text: self.say(Msg::AdviceNothingCashable { currency: self.currency.code().into() }),
                add_amount: None,
            };
        }
        if cap < fees.min_withdrawal {
            return Advice {
                kind: AdviceKind::LimitReached,
                text: self.say(Msg::AdviceLimitBelowMinimum {
                    limit: cap_name.into(),
                    cap: self.text(cap).into(),
                    minimum: self.text(fees.min_withdrawal).into(),
                }),
                add_amount: None,
            };
        }
        if total >= fees.min_withdrawal {
            return Advice {
                kind: AdviceKind::BelowMinimum,
                text: self.say(Msg::AdviceNoCombination { minimum: self.text(fees.min_withdrawal).into() }),
                add_amount: None,
            };
        }
        let short = fees.min_withdrawal - total;
        Advice {
            kind: AdviceKind::BelowMinimum,
            text: self.say(Msg::AdviceAddToMinimum {
                total: self.text(total).into(),
                minimum: self.text(fees.min_withdrawal).into(),
                short: self.text(short).into(),
            }),
            add_amount: Some(Money::from_minor(short, self.currency).into()),
        }
    }

    /// "Add X more to bring the fee under Y%", when the plan's fee share is
    /// above the target and money at the plan's cheapest rate would help.
    fn fee_advice(&self, found: &Found, candidates: &[Candidate], fees: &CurrencyFees, target: i64) -> Option<Advice> {
        let above = |gross: i64, fee: i64| i128::from(fee) * 10_000 >= i128::from(gross) * i128::from(target);
        if !above(found.gross, found.fee) {
            return None;
        }
        let rate = found.legs.iter().map(|(i, _)| candidates[*i].rate_bps).min()?;
        if rate >= target {
            return Some(Advice {
                kind: AdviceKind::FeeAboveTarget,
                text: self.say(Msg::AdviceFeeStuck {
                    fee: self.text(found.fee).into(),
                    gross: self.text(found.gross).into(),
                    rate: Self::percent(rate).into(),
                    target: Self::percent(target).into(),
                }),
                add_amount: None,
            });
        }
        let weighted: i128 = found.legs.iter().map(|(i, a)| i128::from(*a) * i128::from(candidates[*i].rate_bps)).sum();
        let fee_with = |extra: i64| {
            super::price::total_fee(fees, self.speed, weighted + i128::from(extra) * i128::from(rate), found.legs.len())
        };
        // The fee share falls as money is added at a rate under the target;
        // find the least extra that brings it under.
        let (mut low, mut high) = (0i64, 1i64);
        while above(found.gross + high, fee_with(high)) {
            high = high.checked_mul(2)?;
            if high > crate::ledger::MAX_BALANCE_MINOR_UNITS {
                return None;
            }
        }
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if above(found.gross + mid, fee_with(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        Some(Advice {
            kind: AdviceKind::FeeAboveTarget,
            text: self.say(Msg::AdviceFeeAdd {
                fee: self.text(found.fee).into(),
                gross: self.text(found.gross).into(),
                add: self.text(high).into(),
                target: Self::percent(target).into(),
            }),
            add_amount: Some(Money::from_minor(high, self.currency).into()),
        })
    }

    /// A note about expiring money in a source the plan leaves out.
    fn expiring_left_behind(&self, dashboard: &Dashboard, c: &Candidate) -> Option<Advice> {
        let source = dashboard.sources.iter().find(|s| s.source_id == c.source_id)?;
        let first = source.terms.expiries.iter().min_by_key(|e| e.expires_at)?;
        // An app's connector may report any date; one that cannot be written is left out.
        let date = crate::text::time::date(first.expires_at, self.locale).ok()?;
        let amount = Money::try_from(&first.amount).ok()?.format(self.locale);
        Some(Advice {
            kind: AdviceKind::ExpiringLeftBehind,
            text: self.say(Msg::AdviceExpiring {
                amount: amount.into(),
                source: source.name.clone().into(),
                date: date.into(),
            }),
            add_amount: None,
        })
    }

    fn empty_plan(&self, left_out: Vec<LeftOut>, advice: Vec<Advice>) -> Plan {
        Plan {
            schedule_version: self.schedule.version.clone(),
            speed: self.speed,
            legs: Vec::new(),
            withdrawal_fee: self.money(0),
            total_gross: self.money(0),
            total_fee: self.money(0),
            total_net: self.money(0),
            left_out,
            advice,
            worth_it: false,
            proven_optimal: true,
        }
    }

    fn full_plan(
        &self,
        legs: Vec<PlanLeg>,
        pricing: &Pricing,
        left_out: Vec<LeftOut>,
        advice: Vec<Advice>,
        worth_it: bool,
        proven_optimal: bool,
    ) -> Plan {
        Plan {
            schedule_version: self.schedule.version.clone(),
            speed: self.speed,
            legs,
            withdrawal_fee: self.money(pricing.withdrawal_fee),
            total_gross: self.money(pricing.total_gross),
            total_fee: self.money(pricing.total_fee),
            total_net: self.money(pricing.total_net()),
            left_out,
            worth_it,
            advice,
            proven_optimal,
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
