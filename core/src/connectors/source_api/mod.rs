//! The Sweep Source API (`docs/source-api.yaml`): the read side (v1:
//! balances, transactions) and the collect side (v2: transfers to the
//! provider's collection account).

// Crate-visible so the fuzz targets (`crate::fuzzing`) reach the wire types.
pub(crate) mod collect;
pub(crate) mod read;

pub use collect::{Transfer, TransferOrder, TransferStatus};
pub use read::SourceApiConnector;
