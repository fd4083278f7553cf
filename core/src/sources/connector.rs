//! Connectors put every kind of source behind one interface. The
//! connectors Sweep ships, one per wire protocol with its read and its
//! collect side together, are in `crate::connectors`.

use async_trait::async_trait;

use super::{ObservedBalance, TransactionPage};
use crate::SweepError;

/// Reads a source's balances and transactions. Every kind of source (the Sweep Source API,
/// Open Banking, carrier billing, an app's own credits) sits behind it, so
/// the sync engine treats them alike. Apps implement it in Kotlin or Swift
/// for sources only they can read, such as their own in-app credits.
///
/// A connector Sweep made (`sourceConnector`) can also be called directly
/// from Kotlin, Swift or Python: its calls run on Sweep's tokio runtime.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign, async_runtime = "tokio"))]
#[async_trait]
pub trait SourceConnector: Send + Sync {
    /// The source's current balances, one per currency. Errors are typed:
    /// `AuthExpired` means link again, `RateLimited` carries the wait.
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError>;

    /// The next page of the source's transactions after `cursor` (from the
    /// start when `None`), oldest first. Sweep stores each page with its
    /// `next_cursor` and resumes from there, so only new transactions are
    /// fetched. A source without a feed returns an empty page.
    async fn fetch_transactions(&self, cursor: Option<String>) -> Result<TransactionPage, SweepError>;
}
