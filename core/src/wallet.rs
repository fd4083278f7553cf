//! The `Wallet` facade: the one long-lived object apps hold.
//!
//! Async methods run their SQLite work on the shared tokio runtime's
//! blocking pool (uniffi's `async_runtime = "tokio"`), so they never block
//! the caller's thread and no export calls `block_on`. The one synchronous
//! method, `close()`, waits only for a call already in flight.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::ledger::{self, LedgerReport};
use crate::money::Locale;
use crate::sources::{self, Dashboard, ManualSource};
use crate::store::keys::KeyProvider;
use crate::store::Store;
use crate::SweepError;

/// The database file inside the wallet's data directory.
pub const DATABASE_FILE: &str = "sweep-wallet.db";

/// Where and how to open a wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WalletConfig {
    /// A directory private to the app; created if missing.
    pub data_dir: String,
    /// A BCP 47 locale for formatted amounts, for example `"ko-KR"`.
    /// Unknown locales fall back by language, then to `"en-US"`.
    pub locale: String,
}

/// An open wallet. Hold one per data directory and call `close()` when done.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct Wallet {
    store: Arc<Mutex<Option<Store>>>,
    locale: Locale,
}

impl Wallet {
    /// Runs `work` on the blocking pool with the store, if still open.
    async fn with_store<T, F>(&self, work: F) -> Result<T, SweepError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, SweepError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        run_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let store = guard.as_mut().ok_or(SweepError::WalletClosed)?;
            work(store)
        })
        .await
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Opens the wallet in `config.data_dir`, creating it on first use. The
    /// key provider wraps the wallet's data key; it is called once, off the
    /// caller's thread.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub async fn open(config: WalletConfig, key_provider: Arc<dyn KeyProvider>) -> Result<Arc<Wallet>, SweepError> {
        let dir = PathBuf::from(config.data_dir.trim());
        if dir.as_os_str().is_empty() {
            return Err(SweepError::invalid("data_dir", "must not be empty"));
        }
        let locale = Locale::from_tag(&config.locale);
        let store = run_blocking(move || {
            std::fs::create_dir_all(&dir)
                .map_err(|e| SweepError::Storage { reason: format!("cannot create the data directory: {e}") })?;
            Store::open(&dir.join(DATABASE_FILE), key_provider.as_ref())
        })
        .await?;
        tracing::info!(locale = locale.tag(), "wallet opened");
        Ok(Arc::new(Wallet { store: Arc::new(Mutex::new(Some(store))), locale }))
    }

    /// Adds a balance the user typed in. Returns the new source's id. Bad
    /// input gets a typed error and writes nothing.
    pub async fn add_manual_source(&self, source: ManualSource) -> Result<u64, SweepError> {
        let id = self.with_store(move |store| sources::add_manual_source(store, &source, now_ms())).await?;
        tracing::info!(source_id = id, "manual source added");
        Ok(id as u64)
    }

    /// Every source's balance and eligibility, and the cashable total per
    /// currency. Reads one summary row per source, whatever the history.
    pub async fn dashboard(&self) -> Result<Dashboard, SweepError> {
        let locale = self.locale;
        self.with_store(move |store| sources::dashboard(store, locale)).await
    }

    /// Checks the whole ledger: every sealed amount, the hash chain and its
    /// head, every summary, and that the stored sources are exactly those
    /// the ledger covers.
    pub async fn verify_ledger(&self) -> Result<LedgerReport, SweepError> {
        let report = self.with_store(|store| ledger::verify(store)).await?;
        tracing::info!(entries = report.entries, "ledger verified");
        Ok(report)
    }

    /// Closes the database. Later calls fail with `WalletClosed`; closing
    /// twice is harmless.
    pub fn close(&self) {
        let store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        drop(store);
    }
}

/// Runs blocking work on the runtime's blocking pool; a panic inside
/// becomes `Internal`, never a crash across the FFI.
async fn run_blocking<T, F>(work: F) -> Result<T, SweepError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SweepError> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| SweepError::Internal { reason: format!("background task failed: {e}") })?
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
