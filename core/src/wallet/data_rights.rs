//! The user's rights to their data through the `Wallet`: a full export,
//! and deleting the account (`delete.rs`).

use std::path::PathBuf;
use std::time::SystemTime;

use super::Wallet;
use crate::SweepError;

/// What `export_data` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExportSummary {
    /// The export format's version (`docs/export-schema.json`).
    pub version: u32,
    /// Every file written, the JSON document first.
    pub files: Vec<String>,
    /// Sources, removed ones included.
    pub sources: u32,
    /// Ledger entries (the balance history).
    pub balance_entries: u32,
    /// Transactions read from sources.
    pub transactions: u32,
    /// Cash-outs.
    pub withdrawals: u32,
    /// Payees.
    pub payees: u32,
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Writes everything the wallet holds about the user into the new (or
    /// empty) directory `path`: `sweep-export.json` (versioned; the format
    /// is `docs/export-schema.json`) and a CSV file per table: sources,
    /// balance history, transactions, withdrawals with their legs and
    /// receipts, payees, and the identity status. Account numbers, payees
    /// and the verified name are masked unless `in_full`. The files are
    /// not encrypted: the app should write them where the user chose.
    pub async fn export_data(&self, path: String, in_full: bool) -> Result<ExportSummary, SweepError> {
        let dir = PathBuf::from(path.trim());
        if dir.as_os_str().is_empty() {
            return Err(SweepError::invalid("path", "must not be empty"));
        }
        let export = self.with_store(move |store| crate::export::collect(store, in_full, SystemTime::now())).await?;
        let summary = ExportSummary {
            version: export.version,
            files: Vec::new(),
            sources: export.sources.len() as u32,
            balance_entries: export.balance_history.len() as u32,
            transactions: export.transactions.len() as u32,
            withdrawals: export.withdrawals.len() as u32,
            payees: export.payees.len() as u32,
        };
        let files = super::run_blocking(move || crate::export::write(&dir, &export)).await?;
        tracing::info!(count = files.len(), "data exported");
        Ok(ExportSummary { files, ..summary })
    }
}
