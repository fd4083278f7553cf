//! Amount text: what a user types (`Money::parse_formatted`) and the
//! decimal text banks and operators send (`exact_money`).

use crate::money::{exact_money, Currency, Locale, Money};

/// One of each shape of minor unit and symbol: none (KRW, JPY), two (USD,
/// EUR after the number in de-DE and fr-FR), three (BHD, written with its
/// code), and a symbol of several characters (CNY's `CN¥`).
const CURRENCIES: [Currency; 6] =
    [Currency::Krw, Currency::Usd, Currency::Jpy, Currency::Bhd, Currency::Eur, Currency::Cny];

/// Reads `data` as amount text in every currency above, as decimal text
/// and as typed in every locale. Whatever is read must survive a round
/// trip: formatted and read back, and written plainly and read back, it is
/// the same money.
pub fn amount(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for currency in CURRENCIES {
        if let Ok(money) = exact_money(&text, currency) {
            round_trips(money);
        }
        for locale in Locale::ALL {
            if let Ok(money) = Money::parse_formatted(&text, currency, locale) {
                round_trips(money);
            }
        }
    }
}

fn round_trips(money: Money) {
    let currency = money.currency();
    let plain = money.amount().to_string();
    assert_eq!(exact_money(&plain, currency).ok(), Some(money), "{plain:?} in {currency}");
    for locale in Locale::ALL {
        let shown = money.format(locale);
        assert_eq!(Money::parse_formatted(&shown, currency, locale).ok(), Some(money), "{shown:?} in {locale:?}");
    }
}
