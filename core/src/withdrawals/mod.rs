//! Withdrawals: payees (validated, name-checked with the provider, sealed,
//! cooling down when new), the user's signed confirmation and the SIM-swap check,
//! the durable intent with its idempotency key and holds, the provider's
//! endpoints, and the state machine.

pub mod confirm;
pub mod conservation;
pub mod legs;
pub mod name_check;
pub mod payee;
pub mod payees;
pub mod provider;
pub mod receipt;
pub mod recheck;
pub mod record;
pub mod settlement;
pub mod state;
pub mod statement;
pub mod usage;

pub use confirm::Authenticator;
pub use legs::LegState;
pub use payee::{iban_valid, PayeeDestination, KR_BANKS};
pub use payees::{Payee, PayeePolicy, PayeeRequest};
pub use receipt::WithdrawalReceipt;
pub use state::WithdrawalState;
pub use statement::{Statement, StatementLine};
