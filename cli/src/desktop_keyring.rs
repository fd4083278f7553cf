//! The desktop keyring: the freedesktop Secret Service (GNOME Keyring,
//! KWallet, KeePassXC) over D-Bus, through the `keyring` store built on
//! `zbus`.
//!
//! A wallet kept there has a random 32-byte key-encryption key in one
//! keyring item, found by a random 16-byte id that the wallet's wrapped key
//! carries. The keyring keeps it across reboots and unlocks it with the
//! desktop login, so such a wallet opens without a passphrase.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use ring::rand::{SecureRandom, SystemRandom};
use sweep_core::SweepError;
use zeroize::Zeroizing;

/// The keyring items' `service` attribute.
const SERVICE: &str = "com.sweepwallet.cli.wallet";

fn unavailable(reason: impl std::fmt::Display) -> SweepError {
    SweepError::KeyUnavailable { reason: format!("desktop keyring: {reason}") }
}

/// True when a session bus is set and a Secret Service answers on it.
/// Connecting asks nothing of the user, so this is safe to call at start.
pub fn available() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() && store().is_ok()
}

/// One connection to the keyring for the process, made on first use; a
/// failed attempt is not kept, so the next call tries again.
fn store() -> Result<Arc<CredentialStore>, SweepError> {
    static STORE: OnceLock<Arc<CredentialStore>> = OnceLock::new();
    if let Some(store) = STORE.get() {
        return Ok(Arc::clone(store));
    }
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new().map_err(unavailable)?;
    Ok(Arc::clone(STORE.get_or_init(|| store)))
}

fn entry(id: &[u8; 16], label: &str) -> Result<Entry, SweepError> {
    let account: String = id.iter().map(|b| format!("{b:02x}")).collect();
    let modifiers = HashMap::from([("label", label)]);
    Entry::new_in_store_with_modifiers(&store()?, SERVICE, &account, &modifiers).map_err(unavailable)
}

/// The key-encryption key for `id`. With `create`, a new one is made and
/// stored; without, a missing one is an error that says what it means.
pub fn key(id: &[u8; 16], label: &str, create: bool) -> Result<Zeroizing<[u8; 32]>, SweepError> {
    let entry = entry(id, label)?;
    let mut key = Zeroizing::new([0u8; 32]);
    if create {
        SystemRandom::new().fill(key.as_mut()).map_err(|_| unavailable("the system random source failed"))?;
        entry.set_secret(key.as_ref()).map_err(unavailable)?;
        return Ok(key);
    }
    let secret = Zeroizing::new(entry.get_secret().map_err(|e| match e {
        KeyringError::NoEntry => unavailable(
            "it holds no key for this wallet (was the keyring reset, or is this another computer?). \
             Without that key the wallet cannot be opened; if you backed up its key under a passphrase \
             earlier, put that back with `sweep key restore FILE`",
        ),
        other => unavailable(other),
    })?);
    if secret.len() != key.len() {
        return Err(unavailable("the wallet's key in the keyring is damaged"));
    }
    key.copy_from_slice(&secret);
    Ok(key)
}

/// Removes the key for `id`, once the wallet no longer uses it. An item
/// already gone is no error.
pub fn forget(id: &[u8; 16]) -> Result<(), SweepError> {
    match entry(id, "Sweep wallet key")?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(other) => Err(unavailable(other)),
    }
}
