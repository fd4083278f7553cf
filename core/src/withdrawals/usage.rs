//! What the user has already used of their daily and monthly limits. The
//! windows roll: "daily" is the last 24 hours and "monthly" the last 30
//! days, so no time zone decides when a limit resets, and a burst just
//! before midnight cannot be followed by another just after it.
//!
//! A withdrawal counts with its gross (what leaves the sources, the amount
//! the limits cap) from the moment it is stored, because its money is held
//! from then on. Failed, canceled and returned withdrawals give their
//! share back.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::record;
use crate::fees::RemainingLimits;
use crate::identity::tiers::{merge_limits, TierLimits};
use crate::money::{Currency, Locale, Money};
use crate::store::Store;
use crate::SweepError;

/// The daily window.
pub const DAY: Duration = Duration::from_secs(24 * 3600);
/// The monthly window.
pub const MONTH: Duration = Duration::from_secs(30 * 24 * 3600);

/// Gross already withdrawn in one currency, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Within the last 24 hours.
    pub day: i64,
    /// Within the last 30 days.
    pub month: i64,
}

fn millis(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// The gross of every withdrawal in `currency_code` that still counts,
/// within each window ending at `now`.
pub fn usage(store: &Store, currency_code: &str, now: SystemTime) -> Result<Usage, SweepError> {
    let (day_start, month_start) = (millis(now) - DAY.as_millis() as i64, millis(now) - MONTH.as_millis() as i64);
    let mut stmt = store.conn().prepare(
        "SELECT id, created_at_ms FROM withdrawals
         WHERE created_at_ms >= ?1 AND state NOT IN ('failed', 'canceled', 'returned')",
    )?;
    let rows = stmt.query_map([month_start], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut used = Usage::default();
    for row in rows {
        let (id, at) = row?;
        let details = record::load(store, id)?.details;
        if details.currency_code != currency_code {
            continue;
        }
        let gross = details.legs.iter().try_fold(0i64, |sum, (_, g)| sum.checked_add(*g));
        let overflow = || SweepError::AmountOverflow { operation: "add".into() };
        let gross = gross.ok_or_else(overflow)?;
        used.month = used.month.checked_add(gross).ok_or_else(overflow)?;
        if at >= day_start {
            used.day = used.day.checked_add(gross).ok_or_else(overflow)?;
        }
    }
    Ok(used)
}

/// The tier's limits less what is used, never below zero.
pub fn left_of(tier: &TierLimits, used: Usage) -> TierLimits {
    TierLimits {
        daily: tier.daily.saturating_sub(used.day).max(0),
        monthly: tier.monthly.saturating_sub(used.month).max(0),
        ..tier.clone()
    }
}

/// What the caller asked for, tightened by what is left of the tier's
/// limits after `used`.
pub fn remaining(asked: Option<RemainingLimits>, tier: Option<&TierLimits>, used: Usage) -> Option<RemainingLimits> {
    let left = tier.map(|t| left_of(t, used));
    merge_limits(asked, left.as_ref())
}

/// Refuses a withdrawal of `gross` (minor units of `currency`) above what
/// is left of any limit: `LimitExceeded` names the limit.
pub fn check_within(
    left: Option<&RemainingLimits>,
    gross: i64,
    currency: Currency,
    locale: Locale,
) -> Result<(), SweepError> {
    let Some(left) = left else { return Ok(()) };
    for (limit, name) in [
        (&left.per_withdrawal, "per_withdrawal"),
        (&left.daily_remaining, "daily"),
        (&left.monthly_remaining, "monthly"),
    ] {
        let Some(limit) = limit.as_ref().filter(|l| l.currency_code == currency.code()) else { continue };
        if gross > limit.minor_units {
            let text = |units: i64| Money::from_minor(units, currency).format(locale);
            return Err(SweepError::LimitExceeded {
                limit: name.into(),
                allowed: text(limit.minor_units),
                requested: text(gross),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Tier;

    fn tier() -> TierLimits {
        TierLimits {
            tier: Tier::Unverified,
            currency_code: "KRW".into(),
            per_withdrawal: 200_000,
            daily: 300_000,
            monthly: 1_000_000,
        }
    }

    #[test]
    fn what_is_used_comes_off_the_daily_and_monthly_limits_only() {
        let left = left_of(&tier(), Usage { day: 120_000, month: 700_000 });
        assert_eq!((left.per_withdrawal, left.daily, left.monthly), (200_000, 180_000, 300_000));
    }

    #[test]
    fn a_limit_used_up_is_zero_not_negative() {
        let left = left_of(&tier(), Usage { day: 350_000, month: 1_200_000 });
        assert_eq!((left.daily, left.monthly), (0, 0));
    }

    #[test]
    fn a_withdrawal_above_what_is_left_today_names_the_daily_limit() {
        let left = remaining(None, Some(&tier()), Usage { day: 250_000, month: 250_000 }).unwrap();
        let krw = Currency::from_code("KRW").unwrap();
        assert!(check_within(Some(&left), 50_000, krw, Locale::KoKr).is_ok());
        match check_within(Some(&left), 50_001, krw, Locale::KoKr) {
            Err(SweepError::LimitExceeded { limit, .. }) => assert_eq!(limit, "daily"),
            other => panic!("expected the daily limit, got {other:?}"),
        }
    }

    #[test]
    fn no_tier_means_only_what_was_asked() {
        assert_eq!(remaining(None, None, Usage { day: 5, month: 5 }), None);
    }
}
