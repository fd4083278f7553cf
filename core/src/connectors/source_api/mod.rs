//! The Sweep Source API (`docs/source-api.yaml`): the read side (v1:
//! balances, transactions) and the collect side (v2: transfers to the
//! provider's collection account).

mod collect;
mod read;

pub use collect::{Transfer, TransferOrder, TransferStatus};
pub use read::SourceApiConnector;
