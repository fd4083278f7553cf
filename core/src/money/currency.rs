//! ISO 4217 currencies with their minor units.

use crate::SweepError;

/// An ISO 4217 currency this build knows, with its minor units.
///
/// Across the FFI a currency travels as its three-letter code; see
/// [`Currency::from_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    /// South Korean won: no minor unit.
    Krw,
    /// Japanese yen: no minor unit.
    Jpy,
    /// Vietnamese dong: no minor unit.
    Vnd,
    /// US dollar: cents.
    Usd,
    /// Euro: cents.
    Eur,
    /// Pound sterling: pence.
    Gbp,
    /// Chinese yuan.
    Cny,
    /// Swiss franc.
    Chf,
    /// Canadian dollar.
    Cad,
    /// Australian dollar.
    Aud,
    /// Singapore dollar.
    Sgd,
    /// Hong Kong dollar.
    Hkd,
    /// Indian rupee.
    Inr,
    /// Bahraini dinar: three minor digits.
    Bhd,
    /// Kuwaiti dinar: three minor digits.
    Kwd,
}

struct CurrencyInfo {
    code: &'static str,
    minor_units: u8,
    /// The symbol used when formatting; `None` formats with the code.
    symbol: Option<&'static str>,
}

impl Currency {
    /// Every currency this build knows.
    pub const ALL: [Currency; 15] = [
        Currency::Krw,
        Currency::Jpy,
        Currency::Vnd,
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Cny,
        Currency::Chf,
        Currency::Cad,
        Currency::Aud,
        Currency::Sgd,
        Currency::Hkd,
        Currency::Inr,
        Currency::Bhd,
        Currency::Kwd,
    ];

    const fn info(self) -> CurrencyInfo {
        let (code, minor_units, symbol) = match self {
            Currency::Krw => ("KRW", 0, Some("₩")),
            Currency::Jpy => ("JPY", 0, Some("¥")),
            Currency::Vnd => ("VND", 0, Some("₫")),
            Currency::Usd => ("USD", 2, Some("$")),
            Currency::Eur => ("EUR", 2, Some("€")),
            Currency::Gbp => ("GBP", 2, Some("£")),
            Currency::Cny => ("CNY", 2, Some("CN¥")),
            Currency::Chf => ("CHF", 2, None),
            Currency::Cad => ("CAD", 2, Some("CA$")),
            Currency::Aud => ("AUD", 2, Some("A$")),
            Currency::Sgd => ("SGD", 2, Some("S$")),
            Currency::Hkd => ("HKD", 2, Some("HK$")),
            Currency::Inr => ("INR", 2, Some("₹")),
            Currency::Bhd => ("BHD", 3, None),
            Currency::Kwd => ("KWD", 3, None),
        };
        CurrencyInfo { code, minor_units, symbol }
    }

    /// The three-letter ISO 4217 code, for example `"KRW"`.
    pub const fn code(self) -> &'static str {
        self.info().code
    }

    /// How many decimal places the minor unit has (KRW 0, USD 2, BHD 3).
    pub const fn minor_units(self) -> u8 {
        self.info().minor_units
    }

    /// The symbol used in formatting, or `None` where the code is shown instead.
    pub const fn symbol(self) -> Option<&'static str> {
        self.info().symbol
    }

    /// Parses an upper-case ISO 4217 code. Lower case is refused rather than
    /// guessed, so a typo never silently picks a currency.
    pub fn from_code(code: &str) -> Result<Currency, SweepError> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .ok_or_else(|| SweepError::UnknownCurrency { code: code.to_owned() })
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_minor_units_match_iso_4217() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()).unwrap(), c);
        }
        assert_eq!(Currency::Krw.minor_units(), 0);
        assert_eq!(Currency::Jpy.minor_units(), 0);
        assert_eq!(Currency::Usd.minor_units(), 2);
        assert_eq!(Currency::Eur.minor_units(), 2);
        assert_eq!(Currency::Bhd.minor_units(), 3);
    }

    #[test]
    fn unknown_and_lower_case_codes_are_refused() {
        assert_eq!(Currency::from_code("krw"), Err(SweepError::UnknownCurrency { code: "krw".into() }));
        assert!(Currency::from_code("XYZ").is_err());
        assert!(Currency::from_code("").is_err());
    }
}
