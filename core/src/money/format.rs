//! Locale-aware formatting and parsing: `5,000원`, `$1.50`, `1.234,50 €`.
//!
//! Numbers are written with CLDR's symbols through ICU4X (`icu_decimal`),
//! and each currency's symbol where CLDR's currency pattern puts it
//! (`icu_experimental`'s `CurrencyFormatter`), both from compiled data.
//! Korean wallets write won as Korean apps do, "12,340원". The parser reads
//! the same separators and symbols (tests check them against ICU4X).
//! Unknown locales fall back by language, then to `en-US` (see
//! [`Locale::from_tag`]).

use super::{Currency, Money};
use crate::SweepError;

const NBSP: char = '\u{00A0}';
const NARROW_NBSP: char = '\u{202F}';
/// The spaces that may stand between a number and its currency.
const SPACES: [char; 3] = [' ', NBSP, NARROW_NBSP];

/// The formatting conventions of a locale Sweep supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English (United States): `$1,234.50`.
    EnUs,
    /// English (United Kingdom): `£1,234.50`.
    EnGb,
    /// Korean (South Korea): `5,000원` for won, `US$1.50` for dollars.
    KoKr,
    /// Japanese (Japan): `￥5,000` (CLDR's full-width yen).
    JaJp,
    /// German (Germany): `1.234,50 €`.
    DeDe,
    /// French (France): `1 234,50 €`, narrow no-break spaces between digit
    /// groups and a no-break space before the symbol.
    FrFr,
}

struct Style {
    group: char,
    decimal: char,
}

impl Locale {
    /// Every supported locale.
    pub const ALL: [Locale; 6] = [Locale::EnUs, Locale::EnGb, Locale::KoKr, Locale::JaJp, Locale::DeDe, Locale::FrFr];

    /// The BCP 47 tag, for example `"ko-KR"`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::EnGb => "en-GB",
            Locale::KoKr => "ko-KR",
            Locale::JaJp => "ja-JP",
            Locale::DeDe => "de-DE",
            Locale::FrFr => "fr-FR",
        }
    }

    /// Resolves a BCP 47 tag (`ko-KR`, `ko_KR`, `de-AT`, `en`): an exact
    /// match first, then the first supported locale of the same language,
    /// then `en-US`, so that an app never fails because of the device locale.
    pub fn from_tag(tag: &str) -> Locale {
        let normalised = tag.trim().replace('_', "-");
        if let Some(exact) = Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(&normalised)) {
            return exact;
        }
        let language = normalised.split('-').next().unwrap_or_default();
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().split('-').next().is_some_and(|lang| lang.eq_ignore_ascii_case(language)))
            .unwrap_or(Locale::EnUs)
    }

    /// The word a locale writes right after an amount of its own currency,
    /// where people write that rather than the symbol: Korean apps, banks
    /// and receipts say "12,340원", not "₩12,340".
    fn currency_word(self, currency: Currency) -> Option<&'static str> {
        match (self, currency.code()) {
            (Locale::KoKr, "KRW") => Some("원"),
            _ => None,
        }
    }

    /// The CLDR locale whose number symbols this locale uses.
    fn cldr(self) -> icu_locale_core::Locale {
        use icu_locale_core::locale;
        match self {
            Locale::EnUs => locale!("en-US"),
            Locale::EnGb => locale!("en-GB"),
            Locale::KoKr => locale!("ko-KR"),
            Locale::JaJp => locale!("ja-JP"),
            Locale::DeDe => locale!("de-DE"),
            Locale::FrFr => locale!("fr-FR"),
        }
    }

    fn style(self) -> Style {
        match self {
            Locale::EnUs | Locale::EnGb | Locale::KoKr | Locale::JaJp => Style { group: ',', decimal: '.' },
            Locale::DeDe => Style { group: '.', decimal: ',' },
            Locale::FrFr => Style { group: NARROW_NBSP, decimal: ',' },
        }
    }
}

/// `digits` (plain, such as `1234.50`) as `locale` writes numbers: CLDR's
/// grouping and decimal separator through ICU4X, every digit kept. Falls
/// back to the plain digits if ICU4X cannot (it has data for every
/// supported locale, so it does not).
fn cldr_number(digits: &str, locale: Locale) -> String {
    use icu_decimal::input::Decimal;
    use icu_decimal::DecimalFormatter;
    thread_local! {
        // ICU4X's formatters are not shared across threads; one per locale
        // per thread, made on first use (compiled data: no I/O).
        static FORMATTERS: [std::cell::OnceCell<Option<DecimalFormatter>>; 6] = const { [const { std::cell::OnceCell::new() }; 6] };
    }
    let index = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    let Ok(decimal) = digits.parse::<Decimal>() else { return digits.to_owned() };
    FORMATTERS.with(|formatters| {
        let formatter =
            formatters[index].get_or_init(|| DecimalFormatter::try_new(locale.cldr().into(), Default::default()).ok());
        match formatter {
            Some(formatter) => formatter.format(&decimal).to_string(),
            None => digits.to_owned(),
        }
    })
}

/// What `locale` writes before and after an amount of `currency`: CLDR's
/// currency pattern and symbol through ICU4X ("US$" before dollars in
/// ko-KR, a no-break space and "€" after euros in de-DE).
///
/// Only the affixes are taken from ICU4X's output for a probe amount: CLDR
/// may give a currency fewer digits than ISO 4217 does, and ICU4X would
/// round to them, while Sweep shows every minor digit. None when ICU4X has
/// nothing for the pair.
fn currency_affixes(currency: Currency, locale: Locale) -> Option<(String, String)> {
    use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
    use icu_experimental::dimension::currency::CurrencyType;
    use std::collections::HashMap;
    /// Text before and after the number, by locale and currency code.
    type Affixes = HashMap<(Locale, &'static str), Option<(String, String)>>;
    thread_local! {
        // Made once per pair and thread (compiled data: no I/O); a wallet uses a handful.
        static AFFIXES: std::cell::RefCell<Affixes> = Default::default();
    }
    let probe = || {
        let code = CurrencyType::try_from_str(currency.code()).ok()?;
        let formatter = CurrencyFormatter::try_new_symbol((&locale.cldr()).into(), code, Default::default()).ok()?;
        let shown = formatter.format_fixed_decimal(&icu_decimal::input::Decimal::from(1)).to_string();
        let first = shown.find(|c: char| c.is_ascii_digit())?;
        let last = shown.rfind(|c: char| c.is_ascii_digit())?;
        let (before, after) = (&shown[..first], &shown[last + 1..]);
        // No currency at all in ICU4X's answer: Sweep writes the code instead.
        let bare = |affix: &str| affix.trim_matches(|c| SPACES.contains(&c) || c == '-').is_empty();
        if bare(before) && bare(after) {
            return None;
        }
        Some((before.to_owned(), after.to_owned()))
    };
    AFFIXES.with(|cache| cache.borrow_mut().entry((locale, currency.code())).or_insert_with(probe).clone())
}

impl Money {
    /// Formats for people: grouped digits, every minor digit shown, the
    /// currency symbol (or code) where the locale puts it, `-` in front.
    pub fn format(&self, locale: Locale) -> String {
        let number = cldr_number(&self.amount().abs().to_string(), locale);
        let sign = if self.is_negative() { "-" } else { "" };
        let currency = self.currency();
        if let Some(word) = locale.currency_word(currency) {
            return format!("{sign}{number}{word}");
        }
        match currency_affixes(currency, locale) {
            Some((before, after)) => format!("{sign}{before}{number}{after}"),
            None => format!("{sign}{} {number}", currency.code()),
        }
    }

    /// Reads text written by [`Money::format`] (or typed by a user in the same
    /// conventions) back into exact money. Finer-than-minor-unit input is
    /// refused, never rounded.
    pub fn parse_formatted(text: &str, currency: Currency, locale: Locale) -> Result<Money, SweepError> {
        let style = locale.style();
        let unparsable =
            |reason: &str| SweepError::UnparsableAmount { input: text.to_owned(), reason: reason.to_owned() };
        let mut rest = text.trim();
        let unsigned = rest.strip_prefix('-').or_else(|| rest.strip_prefix('\u{2212}'));
        let negative = unsigned.is_some();
        rest = unsigned.unwrap_or(rest);
        // One currency mark at most, at either end: the word, CLDR's
        // symbol, the usual symbol or the code, the longest first ("US$"
        // before "$"). Any mark left over is refused with the other
        // characters below, so "US$$5" is not five dollars.
        let word = locale.currency_word(currency).unwrap_or_default();
        let (before, after) = currency_affixes(currency, locale).unwrap_or_default();
        let cldr = [before.trim_matches(SPACES), after.trim_matches(SPACES)];
        let mut markers: Vec<&str> = [word, cldr[0], cldr[1], currency.symbol().unwrap_or_default(), currency.code()]
            .into_iter()
            .filter(|m| !m.is_empty())
            .collect();
        markers.sort_by_key(|m| std::cmp::Reverse(m.len()));
        if let Some(stripped) = markers.iter().find_map(|m| rest.strip_prefix(m).or_else(|| rest.strip_suffix(m))) {
            rest = stripped;
        }
        let number = rest.trim_matches(SPACES);
        if !number.bytes().any(|b| b.is_ascii_digit()) {
            return Err(unparsable("no digits"));
        }
        let (whole, fraction) = match number.split_once(style.decimal) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (number, None),
        };
        let is_group = |c: char| c == style.group || (style.group == NARROW_NBSP && c == NBSP);
        let mut plain = String::with_capacity(number.len() + 1);
        if negative {
            plain.push('-');
        }
        // Group separators only between groups of three digits, so that
        // "1.5" typed in de-DE is refused rather than read as 15.
        for (i, group) in whole.split(is_group).enumerate() {
            let first = i == 0;
            let size_ok =
                if first { (1..=3).contains(&group.len()) || !whole.contains(is_group) } else { group.len() == 3 };
            if group.is_empty() || !size_ok {
                return Err(unparsable("digit groups are misplaced"));
            }
            plain.push_str(group);
        }
        if let Some(fraction) = fraction {
            plain.push('.');
            plain.push_str(fraction);
        }
        if let Some(bad) = plain.chars().skip(usize::from(negative)).find(|c| !c.is_ascii_digit() && *c != '.') {
            return Err(unparsable(&format!("unexpected character {bad:?}")));
        }
        // Exact: a digit past the minor unit is refused however far out it is.
        super::exact_money(&plain, currency)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn formats_the_way_people_write_money() {
        assert_eq!(Money::from_minor(5000, Currency::Krw).format(Locale::KoKr), "5,000원");
        assert_eq!(Money::from_minor(5000, Currency::Krw).format(Locale::EnUs), "₩5,000");
        assert_eq!(Money::from_minor(150, Currency::Usd).format(Locale::EnUs), "$1.50");
        // CLDR's Korean symbol for the dollar, so it is not read as another dollar.
        assert_eq!(Money::from_minor(150, Currency::Usd).format(Locale::KoKr), "US$1.50");
        assert_eq!(Money::from_minor(150, Currency::Usd).format(Locale::FrFr), "1,50\u{a0}$US");
        assert_eq!(Money::from_minor(150, Currency::Usd).format(Locale::DeDe), "1,50\u{a0}$");
        assert_eq!(Money::from_minor(123_456_789, Currency::Krw).format(Locale::KoKr), "123,456,789원");
        assert_eq!(Money::from_minor(-5000, Currency::Krw).format(Locale::KoKr), "-5,000원");
        assert_eq!(Money::from_minor(123_450, Currency::Eur).format(Locale::DeDe), "1.234,50\u{a0}€");
        assert_eq!(Money::from_minor(1_234_500, Currency::Bhd).format(Locale::EnUs), "BHD\u{a0}1,234.500");
        assert_eq!(Money::from_minor(5, Currency::Usd).format(Locale::EnUs), "$0.05");
        // CLDR writes the yen full width in Japanese; the parser also reads the half-width sign people type.
        assert_eq!(Money::zero(Currency::Jpy).format(Locale::JaJp), "￥0");
        assert_eq!(
            Money::parse_formatted("¥1,000", Currency::Jpy, Locale::JaJp).unwrap(),
            Money::from_minor(1000, Currency::Jpy)
        );
    }

    /// The separators the parser reads are CLDR's, as ICU4X writes them.
    #[test]
    fn the_parsers_separators_are_cldrs() {
        for locale in Locale::ALL {
            let style = locale.style();
            let expected = format!("1{g}234{g}567{d}89", g = style.group, d = style.decimal);
            assert_eq!(cldr_number("1234567.89", locale), expected, "{locale:?}");
        }
        assert_eq!(cldr_number("0.50", Locale::DeDe), "0,50", "trailing zeros stay");
    }

    #[test]
    fn locale_tags_resolve_with_fallbacks() {
        assert_eq!(Locale::from_tag("ko-KR"), Locale::KoKr);
        assert_eq!(Locale::from_tag("ko_kr"), Locale::KoKr);
        assert_eq!(Locale::from_tag("de-AT"), Locale::DeDe);
        assert_eq!(Locale::from_tag("th-TH"), Locale::EnUs);
    }

    #[test]
    fn parse_refuses_garbage_and_sub_minor_input() {
        assert!(matches!(
            Money::parse_formatted("$1.5x", Currency::Usd, Locale::EnUs),
            Err(SweepError::UnparsableAmount { .. })
        ));
        assert!(Money::parse_formatted("$", Currency::Usd, Locale::EnUs).is_err());
        // A grouping separator where a decimal one was meant is refused, not read as 15.
        assert!(matches!(
            Money::parse_formatted("1.5", Currency::Eur, Locale::DeDe),
            Err(SweepError::UnparsableAmount { .. })
        ));
        assert!(Money::parse_formatted("1,23,456", Currency::Usd, Locale::EnUs).is_err());
        assert!(Money::parse_formatted("1.5.0", Currency::Usd, Locale::EnUs).is_err());
        assert!(Money::parse_formatted("--5", Currency::Krw, Locale::KoKr).is_err());
        assert!(Money::parse_formatted("$$5", Currency::Usd, Locale::EnUs).is_err());
        // One currency mark, not one of each kind.
        for (doubled, currency, locale) in [
            ("US$$5", Currency::Usd, Locale::KoKr),
            ("US$5$", Currency::Usd, Locale::EnGb),
            ("$5USD", Currency::Usd, Locale::EnUs),
            ("￥¥1,000", Currency::Jpy, Locale::JaJp),
            ("5,000원₩", Currency::Krw, Locale::KoKr),
        ] {
            assert!(Money::parse_formatted(doubled, currency, locale).is_err(), "{doubled} in {locale:?}");
        }
        assert_eq!(
            Money::parse_formatted("1234,5", Currency::Eur, Locale::DeDe).unwrap(),
            Money::from_minor(123_450, Currency::Eur)
        );
        assert!(matches!(
            Money::parse_formatted("$1.505", Currency::Usd, Locale::EnUs),
            Err(SweepError::SubMinorPrecision { .. })
        ));
        // Korean input with the word, with the symbol (as typed), or bare.
        for typed in ["5,000원", "₩5,000", "5000", "5,000 원"] {
            assert_eq!(
                Money::parse_formatted(typed, Currency::Krw, Locale::KoKr).unwrap(),
                Money::from_minor(5000, Currency::Krw),
                "{typed}"
            );
        }
        assert!(Money::parse_formatted("5,000원원", Currency::Krw, Locale::KoKr).is_err());
    }

    proptest! {
        /// Whatever is formatted parses back to the same money, in every locale.
        #[test]
        fn formatting_round_trips(
            minor in any::<i64>(),
            currency in proptest::sample::select(Currency::NAMED.to_vec()),
            locale in proptest::sample::select(Locale::ALL.to_vec()),
        ) {
            let money = Money::from_minor(minor, currency);
            let text = money.format(locale);
            prop_assert_eq!(Money::parse_formatted(&text, currency, locale).unwrap(), money, "{}", text);
        }
    }
}
