//! How money crosses the FFI: whole minor units plus a currency code.

use super::{Currency, Money};
use crate::SweepError;

/// An amount as it crosses the FFI: a whole number of minor units (won,
/// cents) and an ISO 4217 code. Kotlin, Swift and Python build these; the
/// core validates each one on entry and returns a typed error for a bad one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MinorAmount {
    /// The amount in minor units: `150` with `"USD"` is $1.50.
    pub minor_units: i64,
    /// The upper-case ISO 4217 code, for example `"KRW"`.
    pub currency_code: String,
}

impl TryFrom<&MinorAmount> for Money {
    type Error = SweepError;

    fn try_from(value: &MinorAmount) -> Result<Money, SweepError> {
        let currency = Currency::from_code(&value.currency_code)?;
        Ok(Money::from_minor(value.minor_units, currency))
    }
}

impl From<Money> for MinorAmount {
    fn from(money: Money) -> MinorAmount {
        MinorAmount { minor_units: money.minor_units(), currency_code: money.currency().code().to_owned() }
    }
}

/// How many decimal places a currency's minor unit has, by ISO 4217 (KRW 0,
/// USD 2, BHD 3, IQD 3): how the apps split a [`MinorAmount`] into whole
/// units and the rest when they read it aloud. The platforms' own tables
/// follow CLDR, which gives some currencies fewer.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn currency_minor_units(currency_code: String) -> Result<u8, SweepError> {
    Ok(Currency::from_code(&currency_code)?.minor_units())
}

/// Formats an amount for people in a locale such as `"ko-KR"`: `₩5,000`.
/// Unknown locales fall back by language, then to `en-US`.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn format_money(amount: MinorAmount, locale: String) -> Result<String, SweepError> {
    let money = Money::try_from(&amount)?;
    Ok(money.format(super::Locale::from_tag(&locale)))
}

/// Parses text such as `"$1.50"` in a locale into an amount. Input finer
/// than the currency's minor unit is refused, never rounded.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn parse_money(text: String, currency_code: String, locale: String) -> Result<MinorAmount, SweepError> {
    let currency = Currency::from_code(&currency_code)?;
    Money::parse_formatted(&text, currency, super::Locale::from_tag(&locale)).map(MinorAmount::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_are_iso_4217s() {
        for (code, digits) in [("KRW", 0), ("JPY", 0), ("USD", 2), ("BHD", 3), ("IQD", 3), ("CLP", 0)] {
            assert_eq!(currency_minor_units(code.into()), Ok(digits), "{code}");
        }
        assert!(matches!(currency_minor_units("usd".into()), Err(SweepError::UnknownCurrency { .. })));
    }

    #[test]
    fn bad_codes_are_typed_errors() {
        let bad = MinorAmount { minor_units: 100, currency_code: "usd".into() };
        assert_eq!(Money::try_from(&bad), Err(SweepError::UnknownCurrency { code: "usd".into() }));
        assert!(format_money(bad, "en-US".into()).is_err());
    }

    #[test]
    fn exported_helpers_round_trip() {
        let amount = MinorAmount { minor_units: 150, currency_code: "USD".into() };
        let text = format_money(amount.clone(), "en-US".into()).unwrap();
        assert_eq!(text, "$1.50");
        assert_eq!(parse_money(text, "USD".into(), "en-US".into()).unwrap(), amount);
    }
}
