//! Withdrawals (issue #6, in progress). So far: payees — validated,
//! sealed, cooling down when new.

pub mod payee;
pub mod payees;
pub mod provider;
pub mod record;
pub mod state;

pub use payee::{iban_valid, PayeeDestination, KR_BANKS};
pub use payees::{Payee, PayeePolicy, PayeeRequest};
pub use state::WithdrawalState;
