//! The wallet's data key and its key providers: moving the key to another
//! provider (a new passphrase, another key store) and backing up or
//! restoring its wrapped form (`store/rekey.rs` does the work).

use std::path::PathBuf;
use std::sync::Arc;

use super::{lock_dir, run_blocking, Wallet, DATABASE_FILE};
use crate::store::keys::KeyProvider;
use crate::SweepError;

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Wraps the wallet's data key for `new_provider` and keeps only that:
    /// from now on the wallet opens with `new_provider`. `current` must open
    /// the wallet as it is, and `new_provider` must give the key back,
    /// before anything is written. Nothing sealed changes.
    pub async fn change_key_provider(
        &self,
        current: Arc<dyn KeyProvider>,
        new_provider: Arc<dyn KeyProvider>,
    ) -> Result<(), SweepError> {
        self.with_store(move |store| store.rewrap_key(current.as_ref(), new_provider.as_ref())).await?;
        tracing::info!("data key moved to another key provider");
        Ok(())
    }

    /// The wrapped data key, for a backup kept apart from the wallet: it
    /// opens only with the key provider's key (a passphrase, a key store
    /// entry), so it may be kept anywhere. `restoreWrappedKey` puts it back.
    pub async fn wrapped_key_backup(&self) -> Result<Vec<u8>, SweepError> {
        self.with_store(|store| store.wrapped_key()).await
    }
}

/// Puts a backed-up wrapped key back into the wallet in `data_dir`, for a
/// wallet whose key row went missing or was damaged. `key_provider` must
/// unwrap it to this wallet's own key (its key check and state digest
/// verify); otherwise nothing is written. The wallet must not be open.
#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
pub async fn restore_wrapped_key(
    data_dir: String,
    wrapped_key: Vec<u8>,
    key_provider: Arc<dyn KeyProvider>,
) -> Result<(), SweepError> {
    let dir = PathBuf::from(data_dir.trim());
    run_blocking(move || {
        if !dir.join(DATABASE_FILE).is_file() {
            return Err(SweepError::invalid("data_dir", "there is no wallet here to restore a key to"));
        }
        let _lock = lock_dir(&dir)?;
        crate::store::restore_wrapped_key(&dir.join(DATABASE_FILE), &wrapped_key, key_provider.as_ref())
    })
    .await?;
    tracing::info!("wrapped data key restored from a backup");
    Ok(())
}
