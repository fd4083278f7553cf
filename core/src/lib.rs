//! Sweep's wallet core.
//!
//! Every domain type lives here, defined once. With the `ffi` feature the same
//! types derive the uniffi traits (through `cfg_attr`) and the [`Wallet`]
//! facade is exported; the `sweep-ffi` crate only re-exports that scaffolding.
//!
//! Modules follow the domains: [`money`], [`store`], [`ledger`], [`sources`],
//! plus the [`wallet`] facade and [`logging`].

#![deny(missing_docs)]

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("sweep");

pub mod connectors;
pub mod error;
pub mod export;
pub mod fees;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod identity;
pub mod ledger;
pub mod logging;
pub mod money;
pub mod refunds;
mod registry;
pub mod risk;
pub mod sources;
pub mod store;
pub mod text;
pub mod wallet;
pub mod withdrawals;

pub use error::SweepError;
pub use money::{Currency, Locale, MinorAmount, Money, RoundingMode};
pub use sources::http::{allow_loopback_http, set_request_timeout};
pub use sources::tls::install_provider as install_tls_provider;
pub use store::keys::{EphemeralKeyProvider, KeyProvider};
pub use wallet::{restore_wrapped_key, Wallet, WalletConfig};

/// Result type used throughout the core.
pub type Result<T, E = SweepError> = std::result::Result<T, E>;
