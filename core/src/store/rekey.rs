//! Moving a wallet's data key to another key provider (a new passphrase,
//! another key store), and putting back a wrapped key kept as a backup.
//! The data key itself never changes, so nothing sealed is rewritten: only
//! the one `meta` row that holds the wrapped key, which is outside the
//! state digest because no money depends on it (a wrong one fails to open
//! the wallet, with `WrongKey`).

use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::keys::{provider_failure, KeyProvider};
use super::{configure, meta_get, meta_put, schema, Store, META_WRAPPED_KEY};
use crate::SweepError;

impl Store {
    /// The wrapped data key as stored: what a key backup keeps. It opens
    /// only with the key provider's key.
    pub fn wrapped_key(&self) -> Result<Vec<u8>, SweepError> {
        meta_get(&self.conn, META_WRAPPED_KEY)?
            .ok_or_else(|| SweepError::Storage { reason: "the wallet has no wrapped key".into() })
    }

    /// Wraps this wallet's data key for `new` and stores that instead.
    /// `current` unwraps the stored key; the key must be this wallet's own,
    /// and `new` must give it back, before anything is written.
    pub fn rewrap_key(&mut self, current: &dyn KeyProvider, new: &dyn KeyProvider) -> Result<(), SweepError> {
        let data_key = Zeroizing::new(current.unwrap_data_key(self.wrapped_key()?).map_err(provider_failure)?);
        self.check_data_key(&data_key)?;
        let rewrapped = new.wrap_data_key(data_key.to_vec()).map_err(provider_failure)?;
        let back = Zeroizing::new(new.unwrap_data_key(rewrapped.clone()).map_err(provider_failure)?);
        if back != data_key {
            return Err(SweepError::KeyUnavailable {
                reason: "the new key provider does not give the data key back".into(),
            });
        }
        self.write(0, |wtx| meta_put(&wtx.tx, META_WRAPPED_KEY, &rewrapped))
    }

    /// `WrongKey` unless `data_key` is the one this store was opened with.
    fn check_data_key(&self, data_key: &[u8]) -> Result<(), SweepError> {
        let conn = Connection::open_in_memory()?;
        Store::with_keys(conn, data_key)?.verify_key_against(&self.conn)
    }
}

/// Puts `wrapped` back as the wrapped key of the wallet database at `path`,
/// for a wallet whose key row went missing or was damaged. `provider` must
/// unwrap it to this wallet's own data key: its key check and its state
/// digest must verify. Otherwise nothing is written.
pub fn restore_wrapped_key(path: &Path, wrapped: &[u8], provider: &dyn KeyProvider) -> Result<(), SweepError> {
    if !path.is_file() {
        return Err(SweepError::invalid("data_dir", "there is no wallet here to restore a key to"));
    }
    let conn = Connection::open(path)?;
    configure(&conn)?;
    let found = schema::version(&conn)?;
    let data_key = Zeroizing::new(provider.unwrap_data_key(wrapped.to_vec()).map_err(provider_failure)?);
    let store = Store::with_keys(conn, &data_key)?;
    store.verify_key()?;
    store.verify_digest_as_of(found)?;
    meta_put(&store.conn, META_WRAPPED_KEY, wrapped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::MinorAmount;
    use crate::sources::{self, ManualSource, SourceKind};
    use crate::store::keys::EphemeralKeyProvider;

    fn wallet(dir: &Path, provider: &dyn KeyProvider) -> Store {
        let mut store = Store::open(&dir.join("w.db"), provider).unwrap();
        let source = ManualSource {
            name: "Toss wallet".into(),
            kind: SourceKind::Wallet,
            balance: MinorAmount { minor_units: 12_340, currency_code: "KRW".into() },
            account_ref: None,
        };
        sources::add_manual_source(&mut store, &source, 1).unwrap();
        store
    }

    fn provider() -> std::sync::Arc<EphemeralKeyProvider> {
        EphemeralKeyProvider::new().unwrap()
    }

    #[test]
    fn a_rewrapped_wallet_opens_with_the_new_provider_only() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (provider(), provider());
        let mut store = wallet(dir.path(), old.as_ref());
        store.rewrap_key(old.as_ref(), new.as_ref()).unwrap();
        drop(store);
        assert!(matches!(Store::open(&dir.path().join("w.db"), old.as_ref()), Err(SweepError::WrongKey)));
        let store = Store::open(&dir.path().join("w.db"), new.as_ref()).unwrap();
        store.verify_digest().unwrap();
    }

    #[test]
    fn a_provider_that_does_not_open_the_wallet_rewraps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (owner, stranger) = (provider(), provider());
        let mut store = wallet(dir.path(), owner.as_ref());
        let before = store.wrapped_key().unwrap();
        assert_eq!(store.rewrap_key(stranger.as_ref(), provider().as_ref()), Err(SweepError::WrongKey));
        assert_eq!(store.wrapped_key().unwrap(), before);
    }

    #[test]
    fn a_backed_up_key_restores_a_lost_key_row_and_only_its_own_wallet_takes_it() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let provider = provider();
        let provider = provider.as_ref();
        let backup = wallet(dir.path(), provider).wrapped_key().unwrap();
        let foreign = wallet(other.path(), provider).wrapped_key().unwrap();
        let path = dir.path().join("w.db");
        Connection::open(&path).unwrap().execute("DELETE FROM meta WHERE key = 'wrapped_data_key'", []).unwrap();
        assert!(matches!(Store::open(&path, provider), Err(SweepError::Tampered { .. })));

        // Another wallet's key, under the same provider, is not this one's.
        assert_eq!(restore_wrapped_key(&path, &foreign, provider), Err(SweepError::WrongKey));
        assert!(matches!(Store::open(&path, provider), Err(SweepError::Tampered { .. })), "nothing written");
        restore_wrapped_key(&path, &backup, provider).unwrap();
        Store::open(&path, provider).unwrap().verify_digest().unwrap();
    }
}
