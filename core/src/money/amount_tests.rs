use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn any_currency() -> impl Strategy<Value = Currency> {
    proptest::sample::select(Currency::NAMED.to_vec())
}

const ALL_MODES: [RoundingMode; 7] = [
    RoundingMode::HalfEven,
    RoundingMode::HalfUp,
    RoundingMode::HalfDown,
    RoundingMode::Down,
    RoundingMode::Up,
    RoundingMode::Floor,
    RoundingMode::Ceiling,
];

#[test]
fn exact_construction_refuses_sub_minor_precision() {
    assert!(Money::new(dec("1.50"), Currency::Usd).is_ok());
    assert!(Money::new(dec("1.5000"), Currency::Usd).is_ok(), "trailing zeros are exact");
    assert_eq!(
        Money::new(dec("1.505"), Currency::Usd),
        Err(SweepError::SubMinorPrecision { amount: "1.505".into(), currency: "USD".into(), minor_units: 2 })
    );
    assert!(matches!(Money::new(dec("0.5"), Currency::Krw), Err(SweepError::SubMinorPrecision { .. })));
    assert_eq!(Money::new(dec("5000"), Currency::Krw).unwrap().minor_units(), 5000);
}

#[test]
fn mixed_currencies_are_refused() {
    let won = Money::from_minor(5000, Currency::Krw);
    let usd = Money::from_minor(150, Currency::Usd);
    assert_eq!(
        won.checked_add(&usd),
        Err(SweepError::CurrencyMismatch { expected: "KRW".into(), found: "USD".into() })
    );
    assert!(won.checked_sub(&usd).is_err());
}

#[test]
fn overflow_is_an_error_not_a_wrap() {
    let max = Money::from_minor(i64::MAX, Currency::Krw);
    let one = Money::from_minor(1, Currency::Krw);
    assert_eq!(max.checked_add(&one), Err(SweepError::AmountOverflow { operation: "add".into() }));
    let min = Money::from_minor(i64::MIN, Currency::Krw);
    assert!(min.checked_sub(&one).is_err());
    assert!(max.checked_mul(dec("2"), RoundingMode::HalfEven).is_err());
    assert!(Money::new(Decimal::MAX, Currency::Usd).is_err());
}

#[test]
fn rounding_modes_behave_as_documented() {
    let cases = [
        ("2.5", [2, 3, 2, 2, 3, 2, 3]),
        ("3.5", [4, 4, 3, 3, 4, 3, 4]),
        ("-2.5", [-2, -3, -2, -2, -3, -3, -2]),
        ("2.1", [2, 2, 2, 2, 3, 2, 3]),
        ("-2.9", [-3, -3, -3, -2, -3, -3, -2]),
    ];
    for (input, expected) in cases {
        for (mode, want) in ALL_MODES.iter().zip(expected) {
            let got = Money::round(dec(input), Currency::Krw, *mode).unwrap().minor_units();
            assert_eq!(got, want, "{input} with {mode:?}");
        }
    }
}

#[test]
fn split_keeps_every_minor_unit() {
    let parts = Money::from_minor(1000, Currency::Usd).split(3).unwrap();
    let cents: Vec<i64> = parts.iter().map(Money::minor_units).collect();
    assert_eq!(cents, vec![334, 333, 333]);
    assert!(Money::zero(Currency::Usd).split(0).is_err());
}

proptest! {
    /// Checked addition agrees with wide integer arithmetic, or says overflow.
    #[test]
    fn addition_never_overflows_silently(a in any::<i64>(), b in any::<i64>(), c in any_currency()) {
        let wide = i128::from(a) + i128::from(b);
        match Money::from_minor(a, c).checked_add(&Money::from_minor(b, c)) {
            Ok(sum) => prop_assert_eq!(i128::from(sum.minor_units()), wide),
            Err(e) => {
                prop_assert!(i64::try_from(wide).is_err());
                prop_assert_eq!(e, SweepError::AmountOverflow { operation: "add".into() });
            }
        }
    }

    /// Subtraction likewise.
    #[test]
    fn subtraction_never_overflows_silently(a in any::<i64>(), b in any::<i64>()) {
        let wide = i128::from(a) - i128::from(b);
        match Money::from_minor(a, Currency::Usd).checked_sub(&Money::from_minor(b, Currency::Usd)) {
            Ok(diff) => prop_assert_eq!(i128::from(diff.minor_units()), wide),
            Err(e) => {
                prop_assert!(i64::try_from(wide).is_err());
                prop_assert_eq!(e, SweepError::AmountOverflow { operation: "sub".into() });
            }
        }
    }

    /// Rounding moves a value by less than one minor unit, half-modes by at
    /// most half of one, and exact values do not move at all.
    #[test]
    fn rounding_loses_less_than_one_minor_unit(
        mantissa in -1_000_000_000_000i64..1_000_000_000_000,
        scale in 0u32..8,
        c in any_currency(),
        mode_index in 0usize..7,
    ) {
        let mode = ALL_MODES[mode_index];
        let value = Decimal::new(mantissa, scale);
        let rounded = Money::round(value, c, mode).unwrap();
        let unit = Decimal::new(1, u32::from(c.minor_units()));
        let error = (rounded.amount() - value).abs();
        prop_assert!(error < unit);
        if matches!(mode, RoundingMode::HalfEven | RoundingMode::HalfUp | RoundingMode::HalfDown) {
            prop_assert!(error * Decimal::TWO <= unit);
        }
        // `Money::new` takes the value only when it is a whole number of
        // minor units: when the digits beyond the currency's places are all
        // zero. Worked out here on the mantissa, not with `Decimal`.
        let extra_places = scale.saturating_sub(u32::from(c.minor_units()));
        let whole_minor_units = mantissa % 10i64.pow(extra_places) == 0;
        match Money::new(value, c) {
            Ok(exact) => {
                prop_assert!(whole_minor_units, "{} taken as {}", value, exact);
                prop_assert_eq!(exact, rounded);
            }
            Err(e) => {
                prop_assert!(!whole_minor_units, "{} refused: {:?}", value, e);
                let sub_minor = matches!(
                    &e,
                    SweepError::SubMinorPrecision { currency, minor_units, .. }
                        if currency == c.code() && *minor_units == c.minor_units()
                );
                prop_assert!(sub_minor, "{:?}", e);
            }
        }
    }

    /// Splitting never loses or creates value, and shares differ by at most one unit.
    #[test]
    fn split_preserves_the_total(minor in any::<i64>(), parts in 0u32..50, c in any_currency()) {
        let money = Money::from_minor(minor, c);
        let split = money.split(parts);
        if parts == 0 {
            // Zero parts is the one refusal.
            prop_assert!(matches!(&split, Err(SweepError::InvalidInput { field, .. }) if field == "parts"), "{:?}", split);
            return Ok(());
        }
        let shares = split.unwrap();
        prop_assert_eq!(shares.len(), parts as usize);
        prop_assert_eq!(Money::checked_sum(c, &shares).unwrap(), money);
        let max = shares.iter().map(Money::minor_units).max().unwrap();
        let min = shares.iter().map(Money::minor_units).min().unwrap();
        prop_assert!(max - min <= 1);
    }

    /// Multiplying by a percentage and rounding down never exceeds the exact product.
    #[test]
    fn percentage_rounded_down_never_exceeds_exact(minor in 0i64..1_000_000_000_000, bps in 0u32..10_000) {
        let money = Money::from_minor(minor, Currency::Krw);
        let rate = Decimal::new(i64::from(bps), 4);
        let fee = money.checked_mul(rate, RoundingMode::Down).unwrap();
        prop_assert!(fee.amount() <= money.amount() * rate);
        prop_assert!(fee.minor_units() >= 0);
    }
}
