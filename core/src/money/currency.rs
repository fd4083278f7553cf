//! ISO 4217 currencies with their minor units.
//!
//! The currencies Sweep names in its own code (and formats with a symbol)
//! are variants; every other ISO 4217 currency with a minor unit comes from
//! the `iso_currency` crate's copy of the ISO list, so an account in SEK or
//! any other currency reads like one in KRW.

use crate::SweepError;

/// An ISO 4217 currency, with its minor units.
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
    /// Any other ISO 4217 currency that has a minor unit.
    Other(OtherCurrency),
}

/// An ISO 4217 currency that is not one of [`Currency`]'s named variants.
/// Only [`Currency::from_code`] makes one, so a currency has one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherCurrency {
    iso: iso_currency::Currency,
    minor_units: u8,
}

struct CurrencyInfo {
    code: &'static str,
    minor_units: u8,
    /// The symbol people type, which the parser accepts (formatting takes
    /// CLDR's symbol for the locale instead); `None` where they type the code.
    symbol: Option<&'static str>,
}

impl Currency {
    /// The currencies Sweep names (every other ISO 4217 code is known too).
    pub const NAMED: [Currency; 15] = [
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

    fn info(self) -> CurrencyInfo {
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
            Currency::Other(other) => (other.iso.code(), other.minor_units, None),
        };
        CurrencyInfo { code, minor_units, symbol }
    }

    /// The three-letter ISO 4217 code, for example `"KRW"`.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// How many decimal places the minor unit has (KRW 0, USD 2, BHD 3).
    pub fn minor_units(self) -> u8 {
        self.info().minor_units
    }

    /// The symbol people usually type for it ("$", "₩"), which
    /// [`Money::parse_formatted`](super::Money::parse_formatted) accepts;
    /// `None` where the code is typed. Formatting writes CLDR's symbol for
    /// the locale ("US$" in Korean).
    pub fn symbol(self) -> Option<&'static str> {
        self.info().symbol
    }

    /// Parses an upper-case ISO 4217 code. Lower case is refused rather than
    /// guessed, so a typo never silently picks a currency; so are codes
    /// without a minor unit (gold, SDR, testing codes), which are not money
    /// a wallet holds.
    pub fn from_code(code: &str) -> Result<Currency, SweepError> {
        let unknown = || SweepError::UnknownCurrency { code: code.to_owned() };
        if let Some(named) = Currency::NAMED.into_iter().find(|c| c.code() == code) {
            return Ok(named);
        }
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(unknown());
        }
        let iso = iso_currency::Currency::from_code(code).ok_or_else(unknown)?;
        let minor_units = iso.exponent().and_then(|e| u8::try_from(e).ok()).ok_or_else(unknown)?;
        Ok(Currency::Other(OtherCurrency { iso, minor_units }))
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
        for c in Currency::NAMED {
            assert_eq!(Currency::from_code(c.code()).unwrap(), c);
        }
        assert_eq!(Currency::Krw.minor_units(), 0);
        assert_eq!(Currency::Jpy.minor_units(), 0);
        assert_eq!(Currency::Usd.minor_units(), 2);
        assert_eq!(Currency::Eur.minor_units(), 2);
        assert_eq!(Currency::Bhd.minor_units(), 3);
    }

    #[test]
    fn every_iso_4217_currency_with_a_minor_unit_is_known() {
        // From the ISO 4217 list (amendment 179), written out here rather
        // than read from the crate that supplies them.
        let cases = [
            ("SEK", 2),
            ("NOK", 2),
            ("DKK", 2),
            ("PLN", 2),
            ("THB", 2),
            ("TWD", 2),
            ("PHP", 2),
            ("MXN", 2),
            ("BRL", 2),
            ("ZAR", 2),
            ("CLP", 0),
            ("ISK", 0),
            ("PYG", 0),
            ("UGX", 0),
            ("XOF", 0),
            ("XAF", 0),
            ("JOD", 3),
            ("OMR", 3),
            ("TND", 3),
            ("IQD", 3),
            ("LYD", 3),
            ("CLF", 4),
            ("UYW", 4),
            ("XCG", 2),
            ("ZWG", 2),
            ("SLE", 2),
            ("VED", 2),
            ("MRU", 2),
            ("MGA", 2),
        ];
        for (code, minor) in cases {
            let currency = Currency::from_code(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!((currency.code(), currency.minor_units()), (code, minor), "{code}");
            assert_eq!(currency.symbol(), None, "{code} is formatted with its code");
        }
        // The named ones are never made twice.
        assert_eq!(Currency::from_code("KRW").unwrap(), Currency::Krw);
    }

    #[test]
    fn codes_that_are_not_money_are_refused() {
        for code in ["XAU", "XAG", "XDR", "XTS", "XXX", "ABC", "KRWX", "", "Ｋrw"] {
            assert!(Currency::from_code(code).is_err(), "{code}");
        }
    }

    #[test]
    fn unknown_and_lower_case_codes_are_refused() {
        assert_eq!(Currency::from_code("krw"), Err(SweepError::UnknownCurrency { code: "krw".into() }));
        assert!(Currency::from_code("XYZ").is_err());
        assert!(Currency::from_code("").is_err());
    }
}
