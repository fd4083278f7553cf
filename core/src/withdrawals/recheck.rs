//! The last check before money is held: every leg of a quote, checked
//! again against the wallet's own data inside the store transaction that
//! writes the withdrawal. A quote object crosses the FFI and can be edited
//! in Kotlin, Swift or Python; nothing in it is trusted here except which
//! sources and amounts it asks for, and those must hold now.

use std::collections::BTreeSet;

use crate::fees::price::price;
use crate::fees::{FeeSchedule, QuoteBreakdown};
use crate::money::Currency;
use crate::sources::{Collectability, Dashboard, SourceKind};
use crate::SweepError;

/// A leg that passed: its source, how it is collected, and its amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLeg {
    /// The source.
    pub source_id: u64,
    /// Its kind, from the store.
    pub kind: SourceKind,
    /// How its money is collected.
    pub collection: Collectability,
    /// What leaves it, in minor units.
    pub gross: i64,
}

/// Checks `quote`'s legs against `dashboard` (read in the same transaction)
/// and its fee against `schedule`: each source exists in the currency and
/// can be collected now, no source is named twice, each amount is positive
/// and within what is available, the legs add up to the gross, and the fee
/// and net are what the schedule gives for those legs.
pub fn recheck(
    quote: &QuoteBreakdown,
    dashboard: &Dashboard,
    schedule: &FeeSchedule,
) -> Result<Vec<CheckedLeg>, SweepError> {
    let currency = Currency::from_code(&quote.total_gross.amount.currency_code)?;
    let mut seen = BTreeSet::new();
    let mut checked = Vec::with_capacity(quote.legs.len());
    for leg in &quote.legs {
        if !seen.insert(leg.source_id) {
            return Err(SweepError::invalid("legs", format!("source {} is listed twice", leg.source_id)));
        }
        if leg.gross.amount.currency_code != currency.code() {
            return Err(SweepError::CurrencyMismatch {
                expected: currency.code().into(),
                found: leg.gross.amount.currency_code.clone(),
            });
        }
        let source = dashboard
            .sources
            .iter()
            .find(|s| s.source_id == leg.source_id && s.balance.amount.currency_code == currency.code())
            .ok_or(SweepError::SourceNotFound { source_id: leg.source_id })?;
        if let Some(reason) = source.collection.reason(&source.terms.reason) {
            return Err(SweepError::NotCashable { source_id: leg.source_id, reason });
        }
        let gross = leg.gross.amount.minor_units;
        if gross <= 0 {
            return Err(SweepError::AmountNotPositive { field: "leg amount".into(), amount: gross.to_string() });
        }
        if gross > source.available.amount.minor_units {
            return Err(SweepError::LimitExceeded {
                limit: "balance".into(),
                allowed: source.available.formatted.clone(),
                requested: leg.gross.formatted.clone(),
            });
        }
        checked.push(CheckedLeg { source_id: leg.source_id, kind: source.kind, collection: source.collection, gross });
    }
    let legs: Vec<(SourceKind, i64)> = checked.iter().map(|l| (l.kind, l.gross)).collect();
    let pricing = price(schedule, schedule.currency(currency)?, quote.speed, &legs)?;
    let claimed = (quote.total_gross.amount.minor_units, quote.total_fee.amount.minor_units);
    if claimed != (pricing.total_gross, pricing.total_fee)
        || quote.total_net.amount.minor_units != pricing.total_net()
        || quote.total_net.amount.currency_code != currency.code()
    {
        return Err(SweepError::invalid(
            "quote",
            "its totals are not what its legs cost on the fee schedule; ask for a new quote",
        ));
    }
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::fixtures::source;
    use crate::fees::schedule::tests::krw_schedule;
    use crate::fees::{DestinationKind, QuoteLeg, Speed};
    use crate::money::{Locale, Money};
    use crate::sources::{Eligibility, FormattedAmount};

    fn won(units: i64) -> FormattedAmount {
        FormattedAmount::new(Money::from_minor(units, Currency::Krw), Locale::KoKr)
    }

    fn dashboard() -> Dashboard {
        let mut typed_in = source(2, SourceKind::Wallet, 9_000, Eligibility::Cashable);
        typed_in.provider = "manual".into();
        typed_in.collection = Collectability::TrackedOnly;
        let sources = vec![
            source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable),
            typed_in,
            source(3, SourceKind::CarrierBilling, 8_500, Eligibility::RefundToOrigin),
        ];
        Dashboard { sources, cashable_totals: vec![], refund_advice: vec![], payouts: vec![] }
    }

    /// An honest breakdown of `legs`, priced on the schedule.
    fn breakdown(legs: &[(u64, i64)]) -> QuoteBreakdown {
        let schedule = krw_schedule();
        let kinds: Vec<(SourceKind, i64)> = legs.iter().map(|(_, g)| (SourceKind::Wallet, *g)).collect();
        let p = price(&schedule, schedule.currency(Currency::Krw).unwrap(), Speed::Standard, &kinds).unwrap();
        QuoteBreakdown {
            schedule_version: schedule.version.clone(),
            speed: Speed::Standard,
            destination: DestinationKind::BankAccount,
            legs: legs
                .iter()
                .zip(&p.legs)
                .map(|((id, g), l)| QuoteLeg {
                    source_id: *id,
                    source_name: "x".into(),
                    gross: won(*g),
                    fee: won(l.fee),
                    net: won(g - l.fee),
                })
                .collect(),
            withdrawal_fee: won(p.withdrawal_fee),
            total_gross: won(p.total_gross),
            total_fee: won(p.total_fee),
            total_net: won(p.total_net()),
            eta_seconds: 0,
        }
    }

    #[test]
    fn an_honest_quote_passes() {
        let legs = recheck(&breakdown(&[(1, 12_340)]), &dashboard(), &krw_schedule()).unwrap();
        assert_eq!(legs[0].collection, Collectability::SourceApiTransfer);
    }

    #[test]
    fn an_edited_quote_is_refused() {
        let (d, s) = (dashboard(), krw_schedule());
        let typed_in = recheck(&breakdown(&[(2, 9_000)]), &d, &s).unwrap_err();
        assert!(matches!(typed_in, SweepError::NotCashable { source_id: 2, .. }), "{typed_in:?}");
        let phone_bill = recheck(&breakdown(&[(3, 8_500)]), &d, &s).unwrap_err();
        assert!(matches!(phone_bill, SweepError::NotCashable { source_id: 3, .. }), "{phone_bill:?}");
        let too_much = recheck(&breakdown(&[(1, 12_341)]), &d, &s).unwrap_err();
        assert!(matches!(too_much, SweepError::LimitExceeded { .. }), "{too_much:?}");
        let missing = recheck(&breakdown(&[(9, 1_000)]), &d, &s).unwrap_err();
        assert!(matches!(missing, SweepError::SourceNotFound { source_id: 9 }), "{missing:?}");
        let mut cheaper = breakdown(&[(1, 12_340)]);
        cheaper.total_fee = won(cheaper.total_fee.amount.minor_units - 1);
        cheaper.total_net = won(cheaper.total_net.amount.minor_units + 1);
        assert!(recheck(&cheaper, &d, &s).is_err(), "a lower fee and a higher net");
        let mut more_net = breakdown(&[(1, 12_340)]);
        more_net.total_net = won(more_net.total_net.amount.minor_units + 500);
        assert!(recheck(&more_net, &d, &s).is_err(), "a higher net alone");
        let mut legs_changed = breakdown(&[(1, 10_000)]);
        legs_changed.legs[0].gross = won(12_000);
        assert!(recheck(&legs_changed, &d, &s).is_err(), "legs that no longer add up to the gross");
        let twice = recheck(&breakdown(&[(1, 5_000), (1, 5_000)]), &d, &s).unwrap_err();
        assert!(matches!(twice, SweepError::InvalidInput { .. }), "{twice:?}");
    }
}
