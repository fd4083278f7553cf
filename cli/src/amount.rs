//! Amounts as people type them: "12,340", "₩12,340", "12340 KRW",
//! "1.50 USD", "$1.50". The number is read by the core's exact parser in
//! the wallet's locale, so nothing is rounded; a currency named in the text
//! wins over the command's default, and one that contradicts an explicit
//! currency is refused.

use sweep_core::money::parse_money;
use sweep_core::{MinorAmount, SweepError};

/// Symbols that name one currency on their own.
const SYMBOLS: [(&str, &str); 6] =
    [("₩", "KRW"), ("원", "KRW"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY")];

/// `text` as an amount, in `currency` unless the text names another.
pub fn parse_amount(text: &str, currency: &str, locale: &str) -> Result<MinorAmount, SweepError> {
    let trimmed = text.trim();
    let (number, named) = split_code(trimmed);
    let named = named.or_else(|| SYMBOLS.iter().find(|(s, _)| number.contains(s)).map(|(_, code)| (*code).to_owned()));
    let code = named.unwrap_or_else(|| currency.to_owned());
    let number = if code == "KRW" { number.trim_end_matches('원').trim() } else { number };
    parse_money(number.to_owned(), code, locale.to_owned())
        .or_else(|_| parse_money(number.to_owned(), currency_of(number, currency), "en-US".into()))
        .map_err(|e| match e {
            SweepError::UnparsableAmount { .. } => SweepError::UnparsableAmount {
                input: text.to_owned(),
                reason: "write it as people do, for example 12,340 or ₩12,340 or 1.50 USD".into(),
            },
            other => other,
        })
}

/// A three-letter ISO code at the start or end ("12340 KRW", "USD 1.50").
fn split_code(text: &str) -> (&str, Option<String>) {
    let is_code = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_alphabetic());
    if let Some((rest, last)) = text.rsplit_once(' ') {
        if is_code(last) {
            return (rest.trim(), Some(last.to_ascii_uppercase()));
        }
    }
    if let Some((first, rest)) = text.split_once(' ') {
        if is_code(first) {
            return (rest.trim(), Some(first.to_ascii_uppercase()));
        }
    }
    (text, None)
}

/// The currency a symbol in `number` names, or `fallback`.
fn currency_of(number: &str, fallback: &str) -> String {
    SYMBOLS.iter().find(|(s, _)| number.contains(s)).map_or_else(|| fallback.to_owned(), |(_, c)| (*c).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krw(units: i64) -> MinorAmount {
        MinorAmount { minor_units: units, currency_code: "KRW".into() }
    }

    #[test]
    fn amounts_as_people_write_them() {
        for text in ["12340", "12,340", "₩12,340", "12,340원", "12340 KRW", "KRW 12340", "12340 krw"] {
            assert_eq!(parse_amount(text, "KRW", "ko-KR").unwrap(), krw(12_340), "{text}");
        }
        let usd = MinorAmount { minor_units: 150, currency_code: "USD".into() };
        for text in ["1.50 USD", "$1.50", "USD 1.50"] {
            assert_eq!(parse_amount(text, "KRW", "ko-KR").unwrap(), usd, "{text}");
        }
        assert_eq!(parse_amount("1.5", "USD", "en-US").unwrap(), usd);
    }

    #[test]
    fn nothing_is_rounded_and_nonsense_is_explained() {
        assert!(matches!(parse_amount("1.505 USD", "KRW", "en-US"), Err(SweepError::SubMinorPrecision { .. })));
        assert!(matches!(parse_amount("12.5", "KRW", "ko-KR"), Err(SweepError::SubMinorPrecision { .. })));
        let nonsense = parse_amount("twelve", "KRW", "ko-KR").unwrap_err();
        assert!(nonsense.to_string().contains("for example 12,340"), "{nonsense}");
    }
}
