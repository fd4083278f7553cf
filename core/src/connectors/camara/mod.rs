//! CAMARA Carrier Billing v0.5 (the read side: settled payments and what
//! is left to refund) and Carrier Billing Refund v0.3 (the only way this
//! money may move: back to the payment it came from).

// Crate-visible so the fuzz targets (`crate::fuzzing`) reach the wire types.
pub(crate) mod billing;
pub(crate) mod refund;

pub use billing::CarrierBillingConnector;
pub use refund::{CarrierRefund, RefundStatus};
