//! Exact money: a `rust_decimal` amount in an ISO 4217 currency.
//!
//! - [`Money`] keeps the invariant that its amount is a whole number of minor
//!   units and that the minor units fit in an `i64`.
//! - Arithmetic is checked; every failure is a typed [`crate::SweepError`].
//! - Rounding is always explicit ([`RoundingMode`]).
//! - Across the FFI, money travels as [`MinorAmount`].

mod amount;
mod currency;
mod exact;
mod format;
mod minor;
mod rounding;

pub use amount::Money;
pub use currency::Currency;
pub use exact::exact_money;
pub use format::Locale;
pub use minor::{currency_minor_units, format_money, parse_money, MinorAmount};
pub use rounding::RoundingMode;
