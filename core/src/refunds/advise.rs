//! The rules applied to each balance: what the user can get back, and what
//! to do first.

use std::time::{Duration, SystemTime};

use super::{within, RefundRule, RuleKind};
use crate::money::{Currency, Locale, MinorAmount, Money, RoundingMode};
use crate::sources::{Dashboard, Eligibility, SourceBalance};
use crate::text::{say, Lang, Msg};

const DAY: Duration = Duration::from_secs(86_400);

/// What a piece of advice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RefundAdviceKind {
    /// Spend `spend_first` where the money is, and the rest (`amount`)
    /// becomes refundable.
    SpendToUnlock,
    /// Enough was used: the rest (`amount`) can be refunded now.
    RefundableNow,
    /// An unused purchase, refunded in full (`amount`) until `deadline`.
    FullRefundWhileUnused,
    /// `amount` expires at `deadline`: use it or have it refunded.
    ExpiresSoon,
}

/// One piece of advice about one balance, with the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RefundAdvice {
    /// The source.
    pub source_id: u64,
    /// What it is about.
    pub kind: RefundAdviceKind,
    /// What can be refunded, or what expires.
    pub amount: MinorAmount,
    /// What to spend first (`SpendToUnlock` only).
    pub spend_first: Option<MinorAmount>,
    /// The date it hangs on: the expiry, or the end of the cooling-off period.
    pub deadline: Option<SystemTime>,
    /// The rule's id in the table.
    pub rule_id: String,
    /// The rule's document and article in the wallet's language, for
    /// example "신유형 상품권 표준약관 (…제10073호…) 제7조".
    pub basis: String,
    /// One sentence for the user, in the wallet's language.
    pub text: String,
}

/// The advice for every balance on `dashboard` at `now`, under `rules`.
pub fn advise(dashboard: &Dashboard, rules: &[RefundRule], now: SystemTime, locale: Locale) -> Vec<RefundAdvice> {
    let mut advice = Vec::new();
    for source in &dashboard.sources {
        let Ok(balance) = Money::try_from(&source.balance.amount) else { continue };
        let facts = Facts { source, balance, now, locale };
        let covering: Vec<&RefundRule> = rules.iter().filter(|r| r.covers(source.kind)).collect();
        match facts.cooling_off(&covering) {
            Some(full) => advice.push(full),
            None => advice.extend(facts.remainder(&covering)),
        }
        advice.extend(facts.expiring(&covering));
    }
    advice
}

/// One balance and what is needed to write about it.
struct Facts<'a> {
    source: &'a SourceBalance,
    balance: Money,
    now: SystemTime,
    locale: Locale,
}

impl Facts<'_> {
    /// The face value, when the source gave one in the balance's currency
    /// and it is not below the balance (which would be nonsense).
    fn face(&self) -> Option<Money> {
        let face = Money::try_from(self.source.terms.face_value.as_ref()?).ok()?;
        (face.currency() == self.balance.currency() && face.minor_units() >= self.balance.minor_units()).then_some(face)
    }

    /// Bounds are in won: only KRW balances fall under them.
    fn face_won(&self, face: Money) -> Option<i64> {
        (face.currency() == Currency::Krw).then_some(face.minor_units())
    }

    fn text(&self, amount: Money) -> String {
        amount.format(self.locale)
    }

    fn date(&self, time: SystemTime) -> String {
        crate::text::time::date(time, self.locale).unwrap_or_default()
    }

    fn say(&self, msg: Msg<'_>) -> String {
        say(Lang::of(self.locale), msg)
    }

    fn made(&self, kind: RefundAdviceKind, amount: Money, rule: &RefundRule, text: String) -> RefundAdvice {
        RefundAdvice {
            source_id: self.source.source_id,
            kind,
            amount: amount.into(),
            spend_first: None,
            deadline: None,
            rule_id: rule.id.clone(),
            basis: rule.basis(Lang::of(self.locale)),
            text,
        }
    }

    /// Money that cannot simply be cashed out or refunded to its origin.
    fn held_in_place(&self) -> bool {
        matches!(self.source.terms.eligibility, Eligibility::SpendOnly | Eligibility::Blocked)
    }

    /// Within the cooling-off period of an unused purchase: all of it back.
    fn cooling_off(&self, rules: &[&RefundRule]) -> Option<RefundAdvice> {
        let face = self.face()?;
        let bought = self.source.terms.purchased_at?;
        if !self.held_in_place() || face != self.balance || !face.is_positive() {
            return None;
        }
        let (rule, until) = rules
            .iter()
            .filter_map(|r| match r.rule {
                RuleKind::CoolingOff { days } => Some((*r, bought + DAY * days)),
                _ => None,
            })
            .filter(|(_, until)| self.now >= bought && self.now < *until)
            .max_by_key(|(_, until)| *until)?;
        let text = self.say(Msg::RefundCoolingOff {
            source: self.source.name.clone().into(),
            amount: self.text(face).into(),
            date: self.date(until).into(),
        });
        let mut advice = self.made(RefundAdviceKind::FullRefundWhileUnused, face, rule, text);
        advice.deadline = Some(until);
        Some(advice)
    }

    /// The share-used rule most generous to the user (the lowest share),
    /// or the source's own share when it is lower still.
    fn remainder(&self, rules: &[&RefundRule]) -> Option<RefundAdvice> {
        let face = self.face()?;
        let face_won = self.face_won(face)?;
        if !self.held_in_place() || !self.balance.is_positive() {
            return None;
        }
        let (rule, law_percent) = rules
            .iter()
            .filter_map(|r| match r.rule {
                RuleKind::RemainderAfterUse { used_percent, face_value_max_krw, face_value_over_krw }
                    if within(face_won, face_value_max_krw, face_value_over_krw) =>
                {
                    Some((*r, used_percent))
                }
                _ => None,
            })
            .min_by_key(|(_, percent)| *percent)?;
        let percent = self.source.terms.refundable_after_used_percent.map_or(law_percent, |own| own.min(law_percent));
        // The share must be used in full: the amount needed is rounded up
        // to the next minor unit (docs/money.md, "Refund rules").
        let share = rust_decimal::Decimal::new(i64::from(percent), 2);
        let needed = face.checked_mul(share, RoundingMode::Ceiling).ok()?.minor_units();
        let used = face.minor_units() - self.balance.minor_units();
        let currency = self.balance.currency();
        if used >= needed {
            let text = self.say(Msg::RefundNow {
                source: self.source.name.clone().into(),
                amount: self.text(self.balance).into(),
            });
            return Some(self.made(RefundAdviceKind::RefundableNow, self.balance, rule, text));
        }
        let spend = Money::from_minor(needed - used, currency);
        let refund = Money::from_minor(self.balance.minor_units() - spend.minor_units(), currency);
        if !refund.is_positive() {
            return None;
        }
        let text = self.say(Msg::RefundSpendToUnlock {
            source: self.source.name.clone().into(),
            spend: self.text(spend).into(),
            refund: self.text(refund).into(),
        });
        let mut advice = self.made(RefundAdviceKind::SpendToUnlock, refund, rule, text);
        advice.spend_first = Some(spend.into());
        Some(advice)
    }

    /// Money expiring within the notice period, with what is still
    /// refunded after the expiry.
    fn expiring(&self, rules: &[&RefundRule]) -> Vec<RefundAdvice> {
        let Some((notice, days)) = rules.iter().find_map(|r| match r.rule {
            RuleKind::ExpiryNotice { days } => Some((*r, days)),
            _ => None,
        }) else {
            return Vec::new();
        };
        let horizon = self.now + DAY * days;
        let mut advice = Vec::new();
        for expiry in &self.source.terms.expiries {
            let Ok(amount) = Money::try_from(&expiry.amount) else { continue };
            if !amount.is_positive() || expiry.expires_at < self.now || expiry.expires_at > horizon {
                continue;
            }
            let mut text = self.say(Msg::RefundExpiresSoon {
                source: self.source.name.clone().into(),
                amount: self.text(amount).into(),
                date: self.date(expiry.expires_at).into(),
            });
            if let Some((percent, years)) = self.after_expiry(rules, amount) {
                text.push(' ');
                text.push_str(&self.say(Msg::RefundAfterExpiry { percent: percent.into(), years: years.into() }));
            }
            let mut one = self.made(RefundAdviceKind::ExpiresSoon, amount, notice, text);
            one.deadline = Some(expiry.expires_at);
            advice.push(one);
        }
        advice
    }

    /// The after-expiry share for this balance's face value (or, without
    /// one, the expiring amount's), and for how many years.
    fn after_expiry(&self, rules: &[&RefundRule], expiring: Money) -> Option<(u8, u32)> {
        let face_won = self.face_won(self.face().unwrap_or(expiring))?;
        rules
            .iter()
            .filter_map(|r| match r.rule {
                RuleKind::AfterExpiry { percent, within_years, face_value_max_krw, face_value_over_krw }
                    if within(face_won, face_value_max_krw, face_value_over_krw) =>
                {
                    Some((percent, within_years))
                }
                _ => None,
            })
            .max_by_key(|(percent, _)| *percent)
    }
}
