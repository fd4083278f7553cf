//! What needs the user, for the apps' notifications: money that expires
//! soon, refunds that became possible, links to sign in to again, and a
//! cash-out that became worth doing. Each reminder has an id that stays
//! the same while the fact does, so an app shows it once and a new fact
//! (another expiry, a relink that expired again) gets a new id.

use std::time::SystemTime;

use super::Wallet;
use crate::fees::{PlanRequest, Speed};
use crate::refunds::{RefundAdvice, RefundAdviceKind};
use crate::sources::{AuthState, Dashboard};
use crate::text::{tell, Msg};
use crate::SweepError;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReminderKind {
    /// Money expires soon: use it or have it refunded.
    ExpiresSoon,
    /// A refund became possible (enough used, or an unused purchase).
    RefundAvailable,
    /// A linked source must be signed in to again.
    NeedsReauth,
    /// Cashing out now is worth it: the fee is below the target share.
    CashOutWorthIt,
}

/// One thing that needs the user.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Reminder {
    /// Stable while the fact is the same: show each id once.
    pub id: String,
    /// What it is about.
    pub kind: ReminderKind,
    /// The source it is about, if one.
    pub source_id: Option<u64>,
    /// One sentence for the user, in the wallet's language.
    pub text: String,
    /// When it stops being true (an expiry, the end of a cooling-off period).
    pub due: Option<SystemTime>,
}

/// Reminders from the dashboard's facts at `now` (and its refund advice),
/// soonest due first; those without a date follow in a fixed order.
pub(crate) fn from_dashboard(dashboard: &Dashboard, advice: &[RefundAdvice]) -> Vec<Reminder> {
    let mut reminders: Vec<Reminder> = advice.iter().filter_map(from_advice).collect();
    for source in &dashboard.sources {
        if matches!(source.auth_state, AuthState::NeedsReauth | AuthState::Revoked) {
            // A later successful sync, then another expiry, is a new fact.
            let since = source.last_synced.map_or(0, secs);
            reminders.push(Reminder {
                id: format!("reauth:{}:{since}", source.source_id),
                kind: ReminderKind::NeedsReauth,
                source_id: Some(source.source_id),
                text: tell(Msg::ReminderReauth { source: source.name.clone().into() }),
                due: None,
            });
        }
    }
    reminders.sort_by_key(|r| (r.due.is_none(), r.due));
    reminders
}

fn from_advice(advice: &RefundAdvice) -> Option<Reminder> {
    let (kind, tag) = match advice.kind {
        RefundAdviceKind::ExpiresSoon => (ReminderKind::ExpiresSoon, "expiry"),
        RefundAdviceKind::RefundableNow => (ReminderKind::RefundAvailable, "refund"),
        RefundAdviceKind::FullRefundWhileUnused => (ReminderKind::RefundAvailable, "cooling-off"),
        // Spending more is the user's choice, not news.
        RefundAdviceKind::SpendToUnlock => return None,
    };
    let due = advice.deadline.map_or(0, secs);
    Some(Reminder {
        id: format!("{tag}:{}:{}:{}:{due}", advice.source_id, advice.amount.currency_code, advice.amount.minor_units),
        kind,
        source_id: Some(advice.source_id),
        text: advice.text.clone(),
        due: advice.deadline,
    })
}

fn secs(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// What needs the user at `now`: money expiring within the notice
    /// period, refunds that became possible, sources to link again, and
    /// (with a cached fee schedule) a cash-out that is worth doing. Offline.
    /// Each has a stable `id`: show each once (the apps keep the ids shown).
    pub async fn reminders(&self, now: SystemTime) -> Result<Vec<Reminder>, SweepError> {
        let locale = self.locale;
        let dashboard = self.with_store(move |store| crate::sources::dashboard(store, locale)).await?;
        let advice = crate::refunds::advise(&dashboard, crate::refunds::shipped(), now, locale);
        let mut reminders = from_dashboard(&dashboard, &advice);
        for total in &dashboard.cashable_totals {
            if let Some(worth_it) = self.worth_it(&total.amount.currency_code).await {
                reminders.push(worth_it);
            }
        }
        Ok(reminders)
    }
}

impl Wallet {
    /// A reminder when a standard cash-out of `currency` is worth it now.
    /// Its id names the currency and how many withdrawals were made, so it
    /// comes once between cash-outs. No schedule or no plan: none.
    async fn worth_it(&self, currency: &str) -> Option<Reminder> {
        let request = PlanRequest {
            currency_code: currency.to_owned(),
            speed: Speed::Standard,
            limits: None,
            target_fee_bps: None,
        };
        let plan = self.plan(request).await.ok()?;
        if !plan.worth_it {
            return None;
        }
        let made = self.with_store(|store| crate::withdrawals::record::all_ids(store)).await.ok()?.len();
        Some(Reminder {
            id: format!("cash-out:{currency}:{made}"),
            kind: ReminderKind::CashOutWorthIt,
            source_id: None,
            text: tell(Msg::ReminderCashOut { net: plan.total_net.formatted.clone().into() }),
            due: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::fees::fixtures::source;
    use crate::money::{Locale, MinorAmount};
    use crate::sources::{Eligibility, Expiry, SourceKind};

    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn each_fact_has_one_stable_id_and_a_new_fact_a_new_one() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_428_800);
        let mut points = source(1, SourceKind::Points, 3_000, Eligibility::SpendOnly);
        let soon = now + DAY * 10;
        points.terms.expiries =
            vec![Expiry { amount: MinorAmount { minor_units: 3_000, currency_code: "KRW".into() }, expires_at: soon }];
        let mut lapsed = source(2, SourceKind::Wallet, 5_000, Eligibility::Cashable);
        lapsed.auth_state = AuthState::NeedsReauth;
        let dashboard = Dashboard {
            sources: vec![lapsed, points],
            cashable_totals: vec![],
            refund_advice: vec![],
            payouts: vec![],
        };
        let at = |when| {
            let advice = crate::refunds::advise(&dashboard, crate::refunds::shipped(), when, Locale::KoKr);
            from_dashboard(&dashboard, &advice)
        };

        let first = at(now);
        let kinds: Vec<ReminderKind> = first.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [ReminderKind::ExpiresSoon, ReminderKind::NeedsReauth], "dated first");
        assert_eq!(first[0].id, format!("expiry:1:KRW:3000:{}", secs(soon)));
        assert_eq!(first[0].due, Some(soon));
        assert_eq!(
            at(now + DAY).iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            first.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            "a day later: the same facts, the same ids"
        );
        assert!(at(soon + Duration::from_secs(1)).iter().all(|r| r.kind != ReminderKind::ExpiresSoon), "expired: gone");

        let mut relinked = dashboard.clone();
        relinked.sources[0].last_synced = Some(now);
        let advice = crate::refunds::advise(&relinked, crate::refunds::shipped(), now, Locale::KoKr);
        let again = from_dashboard(&relinked, &advice);
        assert_ne!(again[1].id, first[1].id, "expired again after a sync: a new reminder");
    }
}
