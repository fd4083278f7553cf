//! Quotes: the exact breakdown of a cash-out, from explicit legs or a goal
//! (everything cashable, receive exactly X, send exactly X). The same
//! calculation runs offline for an estimate and online for a locked quote,
//! whose provider figures must match Sweep's to the minor unit.

use std::time::{Duration, SystemTime};

use super::exact::cheapest_paying;
use super::plan::{candidates, cap, RemainingLimits};
use super::price::{price, Pricing};
use super::schedule::{FeeSchedule, Speed};
use super::search::{best_plan, Candidate, Found, Frame};
use crate::money::{Currency, Locale, MinorAmount, Money};
use crate::sources::{Dashboard, FormattedAmount, SourceKind};
use crate::SweepError;

/// Where the money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DestinationKind {
    /// A bank account.
    BankAccount,
    /// A wallet (a provider handle or a phone number).
    Wallet,
}

/// One source and how much to take from it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LegRequest {
    /// The source.
    pub source_id: u64,
    /// How much to take.
    pub amount: MinorAmount,
}

/// What the user wants.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum QuoteGoal {
    /// These sources, these amounts.
    Legs {
        /// The legs.
        legs: Vec<LegRequest>,
    },
    /// Everything cashable, planned for the largest payout.
    Everything,
    /// Receive exactly this much after fees.
    ReceiveExactly {
        /// The payout.
        amount: MinorAmount,
    },
    /// Take exactly this much from the sources, before fees.
    SendExactly {
        /// The gross.
        amount: MinorAmount,
    },
}

/// A request for a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuoteRequest {
    /// The currency.
    pub currency_code: String,
    /// What the user wants.
    pub goal: QuoteGoal,
    /// How fast.
    pub speed: Speed,
    /// Where to.
    pub destination: DestinationKind,
    /// The user's remaining limits.
    pub limits: Option<RemainingLimits>,
}

impl QuoteRequest {
    /// Everything cashable in `currency_code`, at standard speed, to a bank
    /// account, within the user's own limits.
    pub fn everything_to_bank(currency_code: &str) -> QuoteRequest {
        QuoteRequest {
            currency_code: currency_code.to_owned(),
            goal: QuoteGoal::Everything,
            speed: Speed::Standard,
            destination: DestinationKind::BankAccount,
            limits: None,
        }
    }
}

/// One source's share of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuoteLeg {
    /// The source.
    pub source_id: u64,
    /// Its name.
    pub source_name: String,
    /// Taken from it.
    pub gross: FormattedAmount,
    /// Its share of the fee.
    pub fee: FormattedAmount,
    /// What it adds to the payout.
    pub net: FormattedAmount,
}

/// The exact price of a cash-out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuoteBreakdown {
    /// The fee schedule used.
    pub schedule_version: String,
    /// How fast.
    pub speed: Speed,
    /// Where to.
    pub destination: DestinationKind,
    /// The sources and their shares.
    pub legs: Vec<QuoteLeg>,
    /// Charged once for the withdrawal.
    pub withdrawal_fee: FormattedAmount,
    /// Everything taken.
    pub total_gross: FormattedAmount,
    /// The whole fee.
    pub total_fee: FormattedAmount,
    /// What arrives.
    pub total_net: FormattedAmount,
    /// How long the payout takes, in seconds.
    pub eta_seconds: u64,
}

/// A quote the provider locked: the fee shown is the fee charged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Quote {
    /// The provider's id for it.
    pub quote_id: String,
    /// The figures.
    pub breakdown: QuoteBreakdown,
    /// When the lock ends.
    pub expires_at: SystemTime,
}

/// A resolved request: the legs with their kinds, and the pricing.
#[derive(Debug)]
pub struct Resolved {
    /// `(source id, name, kind)` per leg.
    pub sources: Vec<(u64, String, SourceKind)>,
    /// The priced legs in the same order.
    pub pricing: Pricing,
}

/// Turns a request into priced legs, checking every rule before anything
/// is sent.
pub fn resolve(
    dashboard: &Dashboard,
    schedule: &FeeSchedule,
    request: &QuoteRequest,
    locale: Locale,
) -> Result<Resolved, SweepError> {
    let currency = Currency::from_code(&request.currency_code)?;
    let fees = schedule.currency(currency)?;
    let (cap, cap_name) = cap(fees, &request.limits.clone().unwrap_or_default(), currency)?;
    let (pool, left_out) = candidates(dashboard, schedule, currency, request.speed, locale);
    let text = |units: i64| Money::from_minor(units, currency).format(locale);
    let frame = Frame { fees, speed: request.speed, cap, exact: false };
    let chosen: Vec<(u64, i64)> = match &request.goal {
        QuoteGoal::Legs { legs } => explicit(legs, &pool, &left_out, currency, &text)?,
        QuoteGoal::Everything => from_plan(&pool, best_plan(&pool, frame), frame, &text)?,
        QuoteGoal::SendExactly { amount } => {
            let gross = positive(amount, currency, "amount to send")?;
            if gross < fees.min_withdrawal {
                return Err(SweepError::BelowMinimum {
                    minimum_kind: "min_withdrawal".into(),
                    minimum: text(fees.min_withdrawal),
                    requested: text(gross),
                });
            }
            if gross > cap {
                return Err(SweepError::LimitExceeded {
                    limit: cap_name.into(),
                    allowed: text(cap),
                    requested: text(gross),
                });
            }
            // The best payout among plans that take exactly this much.
            let found = best_plan(&pool, Frame { cap: gross, exact: true, ..frame });
            let most: i64 = pool.iter().map(|c| c.available).sum();
            let found = found.ok_or_else(|| shortfall(&pool, frame, gross, most.min(cap), &text))?;
            legs_of(&pool, &found)
        }
        QuoteGoal::ReceiveExactly { amount } => {
            let net = positive(amount, currency, "amount to receive")?;
            legs_of(&pool, &receive_exactly(&pool, frame, net, cap_name, &text)?)
        }
    };
    let mut sources = Vec::with_capacity(chosen.len());
    let mut kinds = Vec::with_capacity(chosen.len());
    for (id, amount) in &chosen {
        let source = dashboard
            .sources
            .iter()
            .find(|s| s.source_id == *id && s.balance.amount.currency_code == currency.code())
            .ok_or(SweepError::SourceNotFound { source_id: *id })?;
        sources.push((*id, source.name.clone(), source.kind));
        kinds.push((source.kind, *amount));
    }
    let pricing = price(schedule, fees, request.speed, &kinds)?;
    check_totals(&pricing, fees.min_withdrawal, cap, cap_name, &text)?;
    if let QuoteGoal::ReceiveExactly { amount } = &request.goal {
        // The search's own arithmetic against the one fee calculation.
        if pricing.total_net() != amount.minor_units {
            return Err(SweepError::Internal { reason: "the plan for an exact payout pays another amount".into() });
        }
    }
    Ok(Resolved { sources, pricing })
}

fn positive(amount: &MinorAmount, currency: Currency, field: &str) -> Result<i64, SweepError> {
    let money = Money::try_from(amount)?;
    if money.currency() != currency {
        return Err(SweepError::CurrencyMismatch {
            expected: currency.code().into(),
            found: money.currency().code().into(),
        });
    }
    if !money.is_positive() {
        return Err(SweepError::AmountNotPositive { field: field.into(), amount: money.to_string() });
    }
    Ok(money.minor_units())
}

fn legs_of(pool: &[Candidate], found: &Found) -> Vec<(u64, i64)> {
    found.legs.iter().map(|(i, amount)| (pool[*i].source_id, *amount)).collect()
}

/// Explicit legs: each from a cashable source, within its balance and minimum.
fn explicit(
    legs: &[LegRequest],
    pool: &[Candidate],
    left_out: &[super::plan::LeftOut],
    currency: Currency,
    text: &dyn Fn(i64) -> String,
) -> Result<Vec<(u64, i64)>, SweepError> {
    let mut chosen: Vec<(u64, i64)> = Vec::with_capacity(legs.len());
    for leg in legs {
        let amount = positive(&leg.amount, currency, "leg amount")?;
        if chosen.iter().any(|(id, _)| *id == leg.source_id) {
            return Err(SweepError::invalid("legs", format!("source {} is listed twice", leg.source_id)));
        }
        let Some(c) = pool.iter().find(|c| c.source_id == leg.source_id) else {
            let reason = left_out.iter().find(|l| l.source_id == leg.source_id).map(|l| l.reason.clone());
            return Err(match reason {
                Some(reason) => SweepError::NotCashable { source_id: leg.source_id, reason },
                None => SweepError::SourceNotFound { source_id: leg.source_id },
            });
        };
        if amount > c.available {
            return Err(SweepError::LimitExceeded {
                limit: "balance".into(),
                allowed: text(c.available),
                requested: text(amount),
            });
        }
        if amount < c.minimum {
            return Err(SweepError::BelowMinimum {
                minimum_kind: "source_minimum".into(),
                minimum: text(c.minimum),
                requested: text(amount),
            });
        }
        chosen.push((leg.source_id, amount));
    }
    Ok(chosen)
}

fn from_plan(
    pool: &[Candidate],
    found: Option<Found>,
    frame: Frame<'_>,
    text: &dyn Fn(i64) -> String,
) -> Result<Vec<(u64, i64)>, SweepError> {
    match found {
        Some(found) => Ok(legs_of(pool, &found)),
        None if pool.is_empty() => {
            Err(SweepError::invalid("currency_code", "nothing in this currency can be cashed out"))
        }
        None => {
            let total: i64 = pool.iter().map(|c| c.available).sum();
            Err(shortfall(pool, frame, frame.fees.min_withdrawal, total.min(frame.cap), text))
        }
    }
}

/// Why `wanted` cannot be gathered: below the minimum, over the cap, or
/// more than the sources hold.
fn shortfall(
    _pool: &[Candidate],
    frame: Frame<'_>,
    wanted: i64,
    most: i64,
    text: &dyn Fn(i64) -> String,
) -> SweepError {
    if frame.cap < frame.fees.min_withdrawal || most < frame.fees.min_withdrawal {
        return SweepError::BelowMinimum {
            minimum_kind: "min_withdrawal".into(),
            minimum: text(frame.fees.min_withdrawal),
            requested: text(most),
        };
    }
    SweepError::LimitExceeded { limit: "balance".into(), allowed: text(most), requested: text(wanted) }
}

/// The plan with the least fee whose payout is exactly `net` (see
/// `exact.rs`), or why there is none: over what any plan pays, below the
/// minimum withdrawal, or stepped over, naming the closest payout above.
fn receive_exactly(
    pool: &[Candidate],
    frame: Frame<'_>,
    net: i64,
    cap_name: &str,
    text: &dyn Fn(i64) -> String,
) -> Result<Found, SweepError> {
    let Some(most) = best_plan(pool, frame).map(|f| f.net()) else {
        let total: i64 = pool.iter().map(|c| c.available).sum();
        return Err(SweepError::BelowMinimum {
            minimum_kind: "min_withdrawal".into(),
            minimum: text(frame.fees.min_withdrawal),
            requested: text(total.min(frame.cap)),
        });
    };
    if most < net {
        return Err(SweepError::LimitExceeded { limit: cap_name.into(), allowed: text(most), requested: text(net) });
    }
    let exact = cheapest_paying(pool, frame, net);
    exact.found.ok_or_else(|| SweepError::AmountUnreachable {
        requested: text(net),
        nearest: text(exact.nearest_above.unwrap_or(most)),
    })
}

fn check_totals(
    pricing: &Pricing,
    min_withdrawal: i64,
    cap: i64,
    cap_name: &str,
    text: &dyn Fn(i64) -> String,
) -> Result<(), SweepError> {
    if pricing.total_gross < min_withdrawal {
        return Err(SweepError::BelowMinimum {
            minimum_kind: "min_withdrawal".into(),
            minimum: text(min_withdrawal),
            requested: text(pricing.total_gross),
        });
    }
    if pricing.total_gross > cap {
        return Err(SweepError::LimitExceeded {
            limit: cap_name.into(),
            allowed: text(cap),
            requested: text(pricing.total_gross),
        });
    }
    if pricing.total_net() <= 0 {
        return Err(SweepError::AmountNotPositive {
            field: "payout after fees".into(),
            amount: text(pricing.total_net()),
        });
    }
    Ok(())
}

impl Resolved {
    /// The breakdown for the user.
    pub fn breakdown(&self, schedule: &FeeSchedule, request: &QuoteRequest, locale: Locale) -> QuoteBreakdown {
        let currency = Currency::from_code(&request.currency_code).unwrap_or(Currency::Krw);
        let money = |units: i64| FormattedAmount::new(Money::from_minor(units, currency), locale);
        QuoteBreakdown {
            schedule_version: schedule.version.clone(),
            speed: request.speed,
            destination: request.destination,
            legs: self
                .sources
                .iter()
                .zip(&self.pricing.legs)
                .map(|((id, name, _), leg)| QuoteLeg {
                    source_id: *id,
                    source_name: name.clone(),
                    gross: money(leg.gross),
                    fee: money(leg.fee),
                    net: money(leg.gross - leg.fee),
                })
                .collect(),
            withdrawal_fee: money(self.pricing.withdrawal_fee),
            total_gross: money(self.pricing.total_gross),
            total_fee: money(self.pricing.total_fee),
            total_net: money(self.pricing.total_net()),
            eta_seconds: schedule.eta_seconds(request.speed),
        }
    }
}

/// Checks that a quote can still be used: its lock has not run out and its
/// fee schedule is still the current one.
pub fn check_quote(quote: &Quote, current: &FeeSchedule, now: SystemTime) -> Result<(), SweepError> {
    if now >= quote.expires_at {
        let ms = quote.expires_at.duration_since(SystemTime::UNIX_EPOCH).unwrap_or(Duration::ZERO).as_millis();
        return Err(SweepError::QuoteExpired { quote_id: quote.quote_id.clone(), expired_at_ms: ms as i64 });
    }
    if quote.breakdown.schedule_version != current.version {
        return Err(SweepError::FeeScheduleStale {
            quote_version: quote.breakdown.schedule_version.clone(),
            current_version: current.version.clone(),
        });
    }
    Ok(())
}

/// The dashboard's sources for tests of this module and its neighbours.
#[cfg(test)]
#[path = "quote_tests.rs"]
mod tests;
