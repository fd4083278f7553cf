//! Explicit rounding modes.
//!
//! Sweep never rounds implicitly. Every operation that can produce a value
//! finer than the currency's minor unit takes a [`RoundingMode`]. The house
//! rules (which mode where) are written down in `docs/money.md`.

use rust_decimal::RoundingStrategy;

/// How to round a value to the currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RoundingMode {
    /// Halves go to the even neighbour (banker's rounding): 2.5 → 2, 3.5 → 4.
    HalfEven,
    /// Halves go away from zero: 2.5 → 3, -2.5 → -3.
    HalfUp,
    /// Halves go toward zero: 2.5 → 2, -2.5 → -2.
    HalfDown,
    /// Toward zero (truncate): 2.9 → 2, -2.9 → -2.
    Down,
    /// Away from zero: 2.1 → 3, -2.1 → -3.
    Up,
    /// Toward negative infinity: 2.9 → 2, -2.1 → -3.
    Floor,
    /// Toward positive infinity: 2.1 → 3, -2.9 → -2.
    Ceiling,
}

impl RoundingMode {
    /// The matching `rust_decimal` strategy.
    pub(crate) fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
        }
    }
}
