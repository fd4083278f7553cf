//! Withdrawals (issue #6, in progress): payees (validated, sealed, cooling
//! down when new), the user's signed confirmation and the SIM-swap check,
//! the durable intent with its idempotency key and holds, the provider's
//! endpoints, and the state machine.

pub mod confirm;
pub mod payee;
pub mod payees;
pub mod provider;
pub mod record;
pub mod state;

pub use confirm::Authenticator;
pub use payee::{iban_valid, PayeeDestination, KR_BANKS};
pub use payees::{Payee, PayeePolicy, PayeeRequest};
pub use state::WithdrawalState;
