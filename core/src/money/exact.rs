//! Reading decimal text from outside (a typed amount, a bank's or an
//! operator's JSON) as exact money. Parsing never rounds: a digit other
//! than zero past the currency's minor unit is `SubMinorPrecision`,
//! however many digits there are, including past `rust_decimal`'s 28,
//! where its own parser would round.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{Currency, Money};
use crate::SweepError;

/// The most whole digits read: far above any balance Sweep keeps.
const MAX_WHOLE_DIGITS: usize = 19;

/// `text` (an optional `-`, digits, an optional `.` and digits, and for
/// JSON numbers an optional exponent) as exactly that much `currency`.
pub fn exact_money(text: &str, currency: Currency) -> Result<Money, SweepError> {
    let unparsable = |reason: &str| SweepError::UnparsableAmount { input: text.to_owned(), reason: reason.to_owned() };
    let sub_minor = || SweepError::SubMinorPrecision {
        amount: text.to_owned(),
        currency: currency.code().to_owned(),
        minor_units: currency.minor_units(),
    };
    let trimmed = text.trim();
    if trimmed.contains(['e', 'E']) {
        // JSON allows exponents; they are rare in money, and short.
        if trimmed.len() > 40 {
            return Err(unparsable("too long"));
        }
        let value = Decimal::from_scientific(trimmed).map_err(|_| unparsable("not a decimal amount"))?;
        return Money::new(value, currency);
    }
    let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) || unsigned.ends_with('.') {
        return Err(unparsable("not a decimal amount"));
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > usize::from(currency.minor_units()) {
        return Err(sub_minor());
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(SweepError::AmountOverflow { operation: "parse".into() });
    }
    let sign = if unsigned.len() < trimmed.len() { "-" } else { "" };
    let whole = if whole.is_empty() { "0" } else { whole };
    let plain = if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") };
    let value = Decimal::from_str_exact(&plain)
        .or_else(|_| Decimal::from_str(&plain))
        .map_err(|_| unparsable("not a decimal amount"))?;
    Money::new(value, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_digit_past_the_minor_unit_is_ever_rounded_away() {
        let krw = Currency::Krw;
        assert_eq!(exact_money("12340", krw).unwrap(), Money::from_minor(12_340, krw));
        assert_eq!(exact_money("12340.000", krw).unwrap(), Money::from_minor(12_340, krw), "zeros are exact");
        let long = format!("1.{}1", "0".repeat(40));
        assert!(matches!(exact_money(&long, krw), Err(SweepError::SubMinorPrecision { .. })), "past 28 digits too");
        assert!(matches!(exact_money("0.001", Currency::Usd), Err(SweepError::SubMinorPrecision { .. })));
        assert_eq!(
            exact_money(&format!("0.1{}", "0".repeat(40)), Currency::Usd).unwrap(),
            Money::from_minor(10, Currency::Usd)
        );
        assert_eq!(exact_money("-4.50", Currency::Gbp).unwrap(), Money::from_minor(-450, Currency::Gbp));
        assert_eq!(
            exact_money("9007199254740993", krw).unwrap().minor_units(),
            9_007_199_254_740_993,
            "no float on the way"
        );
        assert_eq!(exact_money("5.5e3", krw).unwrap(), Money::from_minor(5_500, krw));
        for bad in ["", "-", "1.", ".5", "1,000", "1.2.3", "+1", "0x10", "١٢"] {
            assert!(matches!(exact_money(bad, krw), Err(SweepError::UnparsableAmount { .. })), "{bad:?}");
        }
        assert!(matches!(exact_money(&"9".repeat(30), krw), Err(SweepError::AmountOverflow { .. })));
    }
}
