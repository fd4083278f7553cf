//! The built-in key provider: a key-encryption key (KEK) held by the
//! platform key store through `keyring` v4 stores.
//!
//! - Linux: the kernel key store (linux-keyutils).
//! - Android: none built in. The keyring store for Android reaches the
//!   Keystore through JNI and panics unless the app has set up
//!   `ndk-context` first; apps pass the `KeystoreKeyProvider` from the
//!   `sweepcore` Android library (or their own [`KeyProvider`]) instead, and
//!   `platform_key_provider` says so.
//! - iOS and macOS: the Apple protected (data-protection) keychain.
//!
//! The KEK never leaves the key store except to wrap or unwrap the data key.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use zeroize::Zeroizing;

use super::keys::{new_data_key, wrap, KeyProvider};
use crate::SweepError;

/// A [`KeyProvider`] whose key-encryption key lives in the platform key store
/// under `service` / `account`.
pub struct PlatformKeyProvider {
    store: Arc<CredentialStore>,
    service: String,
    account: String,
}

impl PlatformKeyProvider {
    /// Uses the platform's default key store.
    pub fn new(service: &str, account: &str) -> Result<Arc<Self>, SweepError> {
        Self::in_store(&platform_store()?, service, account)
    }

    /// Uses an explicit `keyring` credential store (tests, custom stores).
    pub fn in_store(store: &Arc<CredentialStore>, service: &str, account: &str) -> Result<Arc<Self>, SweepError> {
        if service.is_empty() || account.is_empty() {
            return Err(SweepError::invalid("key store entry", "service and account must not be empty"));
        }
        Ok(Arc::new(PlatformKeyProvider {
            store: Arc::clone(store),
            service: service.to_owned(),
            account: account.to_owned(),
        }))
    }

    /// A fresh entry handle, made on the calling thread: on Linux the
    /// session keyring belongs to the thread, and Sweep calls key providers
    /// from a pool of background threads.
    fn entry(&self) -> Result<Entry, SweepError> {
        prepare_thread()?;
        Entry::new_in_store(&self.store, &self.service, &self.account).map_err(unavailable)
    }

    /// The stored KEK, or `None` when the key store has no entry yet.
    fn existing_kek(&self) -> Result<Option<Zeroizing<Vec<u8>>>, SweepError> {
        match self.entry()?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(unavailable(other)),
        }
    }

    /// The secret stored under this entry, made by `make` and stored the
    /// first time. For other keys an app keeps in the platform key store,
    /// such as the terminal wallet's confirmation key.
    pub fn secret_or_create(
        &self,
        make: impl FnOnce() -> Result<Zeroizing<Vec<u8>>, SweepError>,
    ) -> Result<Zeroizing<Vec<u8>>, SweepError> {
        if let Some(secret) = self.existing_kek()? {
            return Ok(secret);
        }
        let secret = make()?;
        self.entry()?.set_secret(&secret).map_err(unavailable)?;
        Ok(secret)
    }

    /// Removes the KEK from the key store. Every wallet it protects becomes
    /// unreadable: use it to erase a wallet for good.
    pub fn delete_key(&self) -> Result<(), SweepError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(other) => Err(unavailable(other)),
        }
    }
}

impl KeyProvider for PlatformKeyProvider {
    fn wrap_data_key(&self, data_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        let data_key = Zeroizing::new(data_key);
        let kek = match self.existing_kek()? {
            Some(kek) => kek,
            None => {
                let kek = new_data_key()?;
                self.entry()?.set_secret(&kek).map_err(unavailable)?;
                kek
            }
        };
        wrap::seal(&kek, &data_key)
    }

    fn unwrap_data_key(&self, wrapped_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        let kek = self.existing_kek()?.ok_or_else(|| SweepError::KeyUnavailable {
            reason: "the platform key store has no key for this wallet".into(),
        })?;
        wrap::open(&kek, &wrapped_key)
    }

    fn delete_wrapping_key(&self) -> Result<(), SweepError> {
        self.delete_key()
    }
}

fn unavailable(err: KeyringError) -> SweepError {
    SweepError::KeyUnavailable { reason: format!("platform key store: {err}") }
}

/// A thread started outside a login session only has the user's default
/// session keyring, whose keys it does not possess and so cannot read.
/// Asking for the session keyring with `create` gives the thread a real one
/// (a no-op when it has one). The store also links every key into the
/// user's persistent keyring, which is how other threads and later
/// processes of the same user find it again.
#[cfg(all(target_os = "linux", not(target_os = "android")))]
fn prepare_thread() -> Result<(), SweepError> {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    KeyRing::from_special_id(KeyRingIdentifier::Session, true)
        .map(drop)
        .map_err(|e| SweepError::KeyUnavailable { reason: format!("kernel key store: {e:?}") })
}

#[cfg(not(all(target_os = "linux", not(target_os = "android"))))]
fn prepare_thread() -> Result<(), SweepError> {
    Ok(())
}

#[cfg(all(target_os = "linux", not(target_os = "android")))]
fn platform_store() -> Result<Arc<CredentialStore>, SweepError> {
    let store: Arc<CredentialStore> = linux_keyutils_keyring_store::Store::new().map_err(unavailable)?;
    Ok(store)
}

#[cfg(target_os = "android")]
fn platform_store() -> Result<Arc<CredentialStore>, SweepError> {
    Err(SweepError::KeyUnavailable {
        reason: "on Android, pass the sweepcore library's KeystoreKeyProvider (or your own KeyProvider)".into(),
    })
}

#[cfg(any(target_os = "ios", target_os = "macos"))]
fn platform_store() -> Result<Arc<CredentialStore>, SweepError> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::protected::Store::new().map_err(unavailable)?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "ios", target_os = "macos")))]
fn platform_store() -> Result<Arc<CredentialStore>, SweepError> {
    Err(SweepError::KeyUnavailable {
        reason: "no platform key store is built in for this OS; supply your own KeyProvider".into(),
    })
}

/// The platform key store's provider, for apps that do not bring their own.
/// `service` and `account` name the key store entry, for example
/// `"com.example.wallet"` and `"sweep-main"`.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn platform_key_provider(service: String, account: String) -> Result<Arc<dyn KeyProvider>, SweepError> {
    let provider: Arc<dyn KeyProvider> = PlatformKeyProvider::new(&service, &account)?;
    Ok(provider)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn unique(label: &str) -> String {
        format!("sweep-test-{label}-{}-{:?}", std::process::id(), std::time::SystemTime::now())
    }

    /// Runs against the real kernel key store, not a mock.
    #[test]
    fn kernel_key_store_wraps_and_unwraps() {
        let provider = PlatformKeyProvider::new("sweep-tests", &unique("roundtrip")).unwrap();
        let key = new_data_key().unwrap();
        let wrapped = provider.wrap_data_key(key.to_vec()).unwrap();
        assert_eq!(provider.unwrap_data_key(wrapped.clone()).unwrap(), key.to_vec());

        // The KEK really is in the kernel: a second handle on the same entry finds it.
        let again = PlatformKeyProvider::new("sweep-tests", &provider.account).unwrap();
        assert_eq!(again.unwrap_data_key(wrapped.clone()).unwrap(), key.to_vec());
        // And so does another thread, which has a session keyring of its own.
        let from_thread = std::thread::spawn({
            let (again, wrapped) = (Arc::clone(&again), wrapped.clone());
            move || again.unwrap_data_key(wrapped)
        });
        assert_eq!(from_thread.join().unwrap().unwrap(), key.to_vec());

        provider.delete_key().unwrap();
        assert!(matches!(again.unwrap_data_key(wrapped), Err(SweepError::KeyUnavailable { .. })));
    }

    #[test]
    fn another_entry_is_the_wrong_key() {
        let a = PlatformKeyProvider::new("sweep-tests", &unique("a")).unwrap();
        let b = PlatformKeyProvider::new("sweep-tests", &unique("b")).unwrap();
        let wrapped = a.wrap_data_key(new_data_key().unwrap().to_vec()).unwrap();
        b.wrap_data_key(new_data_key().unwrap().to_vec()).unwrap();
        assert_eq!(b.unwrap_data_key(wrapped), Err(SweepError::WrongKey));
        a.delete_key().unwrap();
        b.delete_key().unwrap();
    }
}
