//! Test fixtures shared by the fee module's tests.

use std::time::SystemTime;

use crate::money::{Currency, Locale, Money};
use crate::sources::{
    AuthState, BalanceTerms, Collectability, Eligibility, FormattedAmount, SourceBalance, SourceKind,
};

/// A linked KRW source with simple terms, collectable over the Source API
/// when its terms let the money be cashed.
pub fn source(source_id: u64, kind: SourceKind, units: i64, eligibility: Eligibility) -> SourceBalance {
    let amount = FormattedAmount::new(Money::from_minor(units, Currency::Krw), Locale::KoKr);
    SourceBalance {
        source_id,
        name: format!("Source {source_id}"),
        kind,
        provider: "source-api".into(),
        balance: amount.clone(),
        available: amount,
        terms: BalanceTerms::simple(eligibility, "Terms of the test."),
        collection: match eligibility {
            Eligibility::Cashable => Collectability::SourceApiTransfer,
            Eligibility::RefundToOrigin => Collectability::RefundToOrigin,
            Eligibility::SpendOnly => Collectability::SpendOnly,
            Eligibility::Blocked => Collectability::Blocked,
        },
        auth_state: AuthState::Linked,
        account_hint: None,
        last_updated: SystemTime::UNIX_EPOCH,
        last_synced: None,
    }
}
