//! Deleting the account (PIPA 제36조, GDPR Art. 17): the provider is asked
//! to delete what it holds, every token is revoked, the key that wraps the
//! data key is destroyed (crypto-shredding: any copy of the files made
//! before is unreadable for good), and the files are removed.
//!
//! The order keeps a failure harmless. Nothing local is destroyed until the
//! provider has answered, so a refused or unreachable provider leaves a
//! working wallet to try again from. The key goes before the files: a crash
//! between the two leaves files that can never be opened, never the reverse.

use std::sync::Arc;

use serde::Deserialize;

use super::{run_blocking, Wallet, DATABASE_FILE, LOCK_FILE};
use crate::sources::TokenRevocation;
use crate::store::keys::KeyProvider;
use crate::text::{tell, Msg};
use crate::SweepError;

/// A withdrawal the provider keeps because the law says so.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RetainedRecord {
    /// The provider's withdrawal id.
    pub withdrawal_id: String,
    /// Why, as the provider says (for example 전자금융거래법 제22조).
    pub reason: String,
    /// Until when (RFC 3339).
    pub retain_until: String,
}

/// What the provider did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ProviderDeletion {
    /// The wallet never used a provider (no fee schedule was fetched).
    NotContacted,
    /// The provider deleted the verification sessions and their captures,
    /// and keeps the listed records as the law requires.
    Done {
        /// Its id for the request.
        request_id: String,
        /// Verification sessions deleted.
        verification_sessions: u32,
        /// ID captures deleted.
        captures: u32,
        /// Records kept, with why and until when.
        retained: Vec<RetainedRecord>,
    },
}

/// What `delete_account` did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountDeletion {
    /// The provider's part.
    pub provider: ProviderDeletion,
    /// Linked sources whose tokens the issuer revoked.
    pub tokens_revoked: u32,
    /// Linked sources whose issuer offers no revocation or could not be
    /// reached: their tokens are deleted here and expire on their own.
    pub tokens_not_revoked: u32,
    /// The files removed.
    pub files_removed: Vec<String>,
    /// A summary for the user, in the wallet's language.
    pub note: String,
}

#[derive(Deserialize)]
pub(crate) struct Deleted {
    verification_sessions: u32,
    captures: u32,
}

/// The provider's answer to a data-deletion request.
#[derive(Deserialize)]
pub(crate) struct ProviderAnswer {
    request_id: String,
    deleted: Deleted,
    retained: Vec<RetainedRecord>,
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Deletes the account: asks the provider to delete what it holds
    /// about the user (verification sessions, ID captures; withdrawals are
    /// kept only as the law requires, and the answer says which), revokes
    /// every linked source's tokens, has `key_provider` (the one the wallet
    /// opened with) delete the key that wraps the data key, and removes the
    /// wallet's files. Afterwards the wallet is closed and nothing in the
    /// data directory, or in any earlier copy of it, can be read.
    ///
    /// Refused while a cash-out is still under way (its money must land
    /// first). If the provider cannot be reached or refuses, nothing local
    /// is deleted and the wallet stays open: try again later. If the key
    /// store refuses to delete the key, the wallet is closed but its files
    /// stay: open it and try again.
    pub async fn delete_account(&self, key_provider: Arc<dyn KeyProvider>) -> Result<AccountDeletion, SweepError> {
        let (open, provider, sessions, withdrawals) = self
            .with_store(|store| {
                let open = !crate::withdrawals::record::open_ids(store)?.is_empty()
                    || !crate::withdrawals::record::with_legs_in_flight(store)?.is_empty();
                let provider = crate::fees::cached_schedule(store)?.map(|c| c.provider_url);
                let sessions = crate::identity::tiers::load_identity(store)?.sessions;
                let mut withdrawals = Vec::new();
                for id in crate::withdrawals::record::all_ids(store)? {
                    withdrawals.extend(crate::withdrawals::record::load(store, id)?.details.provider_id);
                }
                Ok((open, provider, sessions, withdrawals))
            })
            .await?;
        if open {
            return Err(SweepError::invalid(
                "account",
                "a cash-out is still under way; delete the account once it ends",
            ));
        }
        let provider = match provider {
            Some(base) => ask_provider(&base, &sessions, &withdrawals).await?,
            None => ProviderDeletion::NotContacted,
        };
        let (tokens_revoked, tokens_not_revoked) = self.revoke_every_token().await;
        // Closes the store: the connection is shut, so the WAL is folded in
        // and nothing holds the files, and the directory lock is released.
        let dir = self.data_dir.clone();
        self.close();
        run_blocking(move || key_provider.delete_wrapping_key().map_err(crate::store::keys::provider_failure)).await?;
        let files_removed = run_blocking(move || remove_files(&dir)).await?;
        tracing::info!(count = files_removed.len(), "account deleted");
        let note = tell(Msg::AccountDeleted { revoked: tokens_revoked.into(), not_revoked: tokens_not_revoked.into() });
        Ok(AccountDeletion { provider, tokens_revoked, tokens_not_revoked, files_removed, note })
    }
}

impl Wallet {
    /// Revokes every linked source's tokens; how many were revoked, and
    /// how many could not be.
    async fn revoke_every_token(&self) -> (u32, u32) {
        let linked: Vec<_> = self.linked.lock().unwrap_or_else(|p| p.into_inner()).values().cloned().collect();
        let (mut revoked, mut not) = (0, 0);
        for connector in linked {
            match connector.revoke_at_issuer().await {
                TokenRevocation::Revoked => revoked += 1,
                TokenRevocation::NoTokens => {}
                TokenRevocation::NotOffered | TokenRevocation::Failed { .. } => not += 1,
            }
        }
        (revoked, not)
    }
}

/// `POST /data-deletion-requests` (provider API 2.2), retried with the
/// same key after network errors, once.
async fn ask_provider(base: &str, sessions: &[String], withdrawals: &[String]) -> Result<ProviderDeletion, SweepError> {
    let url = crate::sources::http::api_base(base)?
        .join("data-deletion-requests")
        .map_err(|e| SweepError::invalid("provider_url", e.to_string()))?;
    let key = crate::withdrawals::record::new_key()?;
    let body = serde_json::json!({"verification_session_ids": sessions, "withdrawal_ids": withdrawals});
    let headers = [("Idempotency-Key", key)];
    let answer = match crate::sources::http::send_json::<ProviderAnswer>(url.clone(), None, Some(&body), &headers).await
    {
        Err(SweepError::Network { .. } | SweepError::Timeout { .. }) => {
            crate::sources::http::send_json::<ProviderAnswer>(url, None, Some(&body), &headers).await?
        }
        other => other?,
    };
    Ok(ProviderDeletion::Done {
        request_id: answer.request_id,
        verification_sessions: answer.deleted.verification_sessions,
        captures: answer.deleted.captures,
        retained: answer.retained,
    })
}

/// Removes the database with its WAL and shared-memory files, and the
/// lock file; the directory too, if nothing else is in it.
fn remove_files(dir: &std::path::Path) -> Result<Vec<String>, SweepError> {
    let mut removed = Vec::new();
    let names = [
        DATABASE_FILE.to_owned(),
        format!("{DATABASE_FILE}-wal"),
        format!("{DATABASE_FILE}-shm"),
        format!("{DATABASE_FILE}-journal"),
        LOCK_FILE.to_owned(),
    ];
    for name in names {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(SweepError::Storage { reason: format!("cannot remove {}: {e}", path.display()) }),
        }
    }
    // Only an empty directory goes; the app may keep its own files there.
    let _ = std::fs::remove_dir(dir);
    Ok(removed)
}
