//! The [`Money`] type and its checked arithmetic.

use rust_decimal::Decimal;

use super::{Currency, RoundingMode};
use crate::SweepError;

/// An exact amount of money in one currency.
///
/// Invariant: the amount is a whole number of the currency's minor units
/// (its scale equals the currency's minor units) and those minor units fit in
/// an `i64`. Every constructor and operation keeps it, or returns an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Exact construction: refuses amounts finer than the minor unit
    /// (`SubMinorPrecision`) and amounts beyond `i64` minor units.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, SweepError> {
        let scale = u32::from(currency.minor_units());
        if amount.normalize().scale() > scale {
            return Err(SweepError::SubMinorPrecision {
                amount: amount.to_string(),
                currency: currency.code().to_owned(),
                minor_units: currency.minor_units(),
            });
        }
        Self::from_exact(amount, currency, "new")
    }

    /// Rounds `amount` to the currency's minor unit with an explicit mode.
    pub fn round(amount: Decimal, currency: Currency, mode: RoundingMode) -> Result<Money, SweepError> {
        let scale = u32::from(currency.minor_units());
        let rounded = amount.round_dp_with_strategy(scale, mode.strategy());
        Self::from_exact(rounded, currency, "round")
    }

    /// From a count of minor units (cents, won); always exact.
    pub fn from_minor(minor_units: i64, currency: Currency) -> Money {
        let amount = Decimal::new(minor_units, u32::from(currency.minor_units()));
        Money { amount, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Self::from_minor(0, currency)
    }

    /// `amount` already has no digits beyond the minor unit; checks the range
    /// and fixes the scale so that equal amounts compare and print alike.
    fn from_exact(mut amount: Decimal, currency: Currency, operation: &str) -> Result<Money, SweepError> {
        let scale = u32::from(currency.minor_units());
        amount.rescale(scale);
        // `rescale` stops short of the scale when the mantissa would not fit.
        if amount.scale() != scale || i64::try_from(amount.mantissa()).is_err() {
            return Err(SweepError::AmountOverflow { operation: operation.to_owned() });
        }
        Ok(Money { amount, currency })
    }

    /// The exact decimal amount, with the currency's scale.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as a whole number of minor units.
    pub fn minor_units(&self) -> i64 {
        // The invariant guarantees the scale and the range.
        i64::try_from(self.amount.mantissa()).expect("Money invariant: minor units fit in i64")
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// True when the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// True when more than zero.
    pub fn is_positive(&self) -> bool {
        self.minor_units() > 0
    }

    fn same_currency(&self, other: &Money) -> Result<(), SweepError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(SweepError::CurrencyMismatch {
                expected: self.currency.code().to_owned(),
                found: other.currency.code().to_owned(),
            })
        }
    }

    /// `self + other`, refusing mixed currencies and overflow.
    pub fn checked_add(&self, other: &Money) -> Result<Money, SweepError> {
        self.same_currency(other)?;
        let sum = self.minor_units().checked_add(other.minor_units()).ok_or_else(|| overflow("add"))?;
        Ok(Money::from_minor(sum, self.currency))
    }

    /// `self - other`, refusing mixed currencies and overflow.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, SweepError> {
        self.same_currency(other)?;
        let diff = self.minor_units().checked_sub(other.minor_units()).ok_or_else(|| overflow("sub"))?;
        Ok(Money::from_minor(diff, self.currency))
    }

    /// `self × factor` (a rate or a percentage), rounded with `mode`.
    pub fn checked_mul(&self, factor: Decimal, mode: RoundingMode) -> Result<Money, SweepError> {
        let product = self.amount.checked_mul(factor).ok_or_else(|| overflow("mul"))?;
        Money::round(product, self.currency, mode).map_err(|_| overflow("mul"))
    }

    /// Sums amounts of one currency; an empty list sums to zero in `currency`.
    pub fn checked_sum<'a>(
        currency: Currency,
        items: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, SweepError> {
        items.into_iter().try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    /// Splits into `parts` shares that differ by at most one minor unit and
    /// add up exactly to `self`: no value is lost or created by rounding.
    pub fn split(&self, parts: u32) -> Result<Vec<Money>, SweepError> {
        if parts == 0 {
            return Err(SweepError::invalid("parts", "must be at least 1"));
        }
        let total = self.minor_units();
        let n = i64::from(parts);
        let (base, remainder) = (total.div_euclid(n), total.rem_euclid(n));
        // The first `remainder` shares take one extra minor unit.
        Ok((0..n).map(|i| Money::from_minor(base + i64::from(i < remainder), self.currency)).collect())
    }
}

fn overflow(operation: &str) -> SweepError {
    SweepError::AmountOverflow { operation: operation.to_owned() }
}

impl std::fmt::Display for Money {
    /// Plain, locale-free form: `"1.50 USD"`. Use [`Money::format`] for users.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
#[path = "amount_tests.rs"]
mod tests;
