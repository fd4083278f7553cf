//! Which of the dashboard's currencies the current provider pays out: the
//! cached fee schedule names each currency it prices. Money in another
//! currency may be collectable from its source, but no cash-out of it can
//! be quoted, and the dashboard says so instead of leaving the user to
//! find out at the quote.

use std::collections::BTreeSet;

use super::FeeSchedule;
use crate::sources::SourceBalance;
use crate::text::{tell, Msg};

/// Whether the provider pays out a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PayoutSupport {
    /// The provider's fee schedule prices it: it can be cashed out.
    PaidOut,
    /// The provider does not pay it out: it is tracked only.
    NotPaidOut,
    /// No fee schedule was fetched yet, so Sweep cannot tell.
    Unknown,
}

/// One currency on the dashboard and whether it is paid out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CurrencyPayout {
    /// ISO 4217.
    pub currency_code: String,
    /// Paid out, not paid out, or not known yet.
    pub support: PayoutSupport,
    /// One sentence for the user, in the wallet's language.
    pub note: String,
}

/// Every currency the sources hold, in code order, against `schedule`.
pub fn payout_support(sources: &[SourceBalance], schedule: Option<&FeeSchedule>) -> Vec<CurrencyPayout> {
    let held: BTreeSet<&str> = sources.iter().map(|s| s.balance.amount.currency_code.as_str()).collect();
    held.into_iter()
        .map(|code| {
            let support = match schedule {
                None => PayoutSupport::Unknown,
                Some(s) if s.currencies.iter().any(|c| c.currency_code == code) => PayoutSupport::PaidOut,
                Some(_) => PayoutSupport::NotPaidOut,
            };
            let currency = code.to_owned().into();
            let note = tell(match support {
                PayoutSupport::PaidOut => Msg::PayoutPaidOut { currency },
                PayoutSupport::NotPaidOut => Msg::PayoutNotPaidOut { currency },
                PayoutSupport::Unknown => Msg::PayoutUnknown { currency },
            });
            CurrencyPayout { currency_code: code.to_owned(), support, note }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::fixtures::source;
    use crate::fees::schedule::tests::krw_schedule;
    use crate::money::{Currency, Locale, Money};
    use crate::sources::{Eligibility, FormattedAmount, SourceKind};

    #[test]
    fn each_held_currency_is_named_once_with_what_the_provider_does() {
        let mut dollars = source(2, SourceKind::Wallet, 150, Eligibility::Cashable);
        dollars.balance = FormattedAmount::new(Money::from_minor(150, Currency::Usd), Locale::EnUs);
        let sources = vec![
            source(1, SourceKind::Wallet, 12_340, Eligibility::Cashable),
            dollars,
            source(3, SourceKind::Points, 500, Eligibility::SpendOnly),
        ];
        let known = payout_support(&sources, Some(&krw_schedule()));
        let shown: Vec<(&str, PayoutSupport)> = known.iter().map(|c| (c.currency_code.as_str(), c.support)).collect();
        assert_eq!(shown, [("KRW", PayoutSupport::PaidOut), ("USD", PayoutSupport::NotPaidOut)]);
        assert!(known[1].note.contains("USD"), "{}", known[1].note);
        let unknown = payout_support(&sources, None);
        assert!(unknown.iter().all(|c| c.support == PayoutSupport::Unknown));
        assert!(payout_support(&[], Some(&krw_schedule())).is_empty());
    }
}
