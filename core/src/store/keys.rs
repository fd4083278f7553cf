//! The key hierarchy.
//!
//! - A random 256-bit **data key** per wallet, created on first open.
//! - A **key provider** wraps it (the platform key store, or the app's own
//!   [`KeyProvider`]); only the wrapped form is written to disk.
//! - Three **subkeys** are derived from the data key with HKDF-SHA256: one
//!   for AES-256-GCM sealing of values, one for the ledger's HMAC chain and
//!   one for the state digest of whole rows. The data key itself is wiped as
//!   soon as they exist.

use std::sync::{Arc, Mutex};

use ring::{aead, hkdf, hmac, rand::SecureRandom};
use zeroize::Zeroizing;

use crate::SweepError;

/// Length of the data key in bytes.
pub const DATA_KEY_LEN: usize = 32;

/// Wraps and unwraps the wallet's data key. The platform key store backs the
/// built-in implementation; an app can supply its own, for example one backed
/// by Android Keystore or the iOS Keychain with biometrics.
///
/// Sweep calls these methods from a background thread, never while holding a
/// lock, and only when a wallet is opened or created.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait KeyProvider: Send + Sync {
    /// Encrypts a new 32-byte data key and returns the wrapped bytes, which
    /// Sweep stores. Throw `SweepError.KeyUnavailable` when the key store is
    /// locked or refuses.
    fn wrap_data_key(&self, data_key: Vec<u8>) -> Result<Vec<u8>, SweepError>;

    /// Decrypts bytes produced by `wrap_data_key`. Throw
    /// `SweepError.WrongKey` when they do not decrypt, and
    /// `SweepError.KeyUnavailable` when the key is missing or locked. Any
    /// other exception reaches the app as `KeyUnavailable` with its message.
    fn unwrap_data_key(&self, wrapped_key: Vec<u8>) -> Result<Vec<u8>, SweepError>;

    /// Deletes the key that wraps the data key (the Keystore entry, the
    /// Keychain item), for `Wallet.deleteAccount`: copies of the wallet
    /// made before (a backup, a snapshot of the files) can then never be
    /// opened again. Called once, after everything else was deleted.
    /// Deleting a key that is already gone is not an error; throw
    /// `SweepError.KeyUnavailable` when the key store refuses.
    fn delete_wrapping_key(&self) -> Result<(), SweepError>;
}

/// An app's key provider that threw something other than a `SweepError`
/// (a platform exception) arrives as `Internal`; to the app that is the
/// key store failing, with the platform's reason.
pub(crate) fn provider_failure(error: SweepError) -> SweepError {
    match error {
        SweepError::Internal { reason } => SweepError::KeyUnavailable { reason },
        other => other,
    }
}

/// The subkeys a store works with, derived from the data key.
pub(crate) struct WalletKeys {
    pub(crate) seal: aead::LessSafeKey,
    pub(crate) chain: hmac::Key,
    /// MACs whole rows into the state digest (see `digest.rs`).
    pub(crate) state: hmac::Key,
}

const SEAL_INFO: &[u8] = b"sweep/v1/seal/aes-256-gcm";
const CHAIN_INFO: &[u8] = b"sweep/v1/ledger/hmac-sha256";
const STATE_INFO: &[u8] = b"sweep/v1/state/hmac-sha256";
const HKDF_SALT: &[u8] = b"sweep/v1/hkdf-salt";

impl WalletKeys {
    /// Derives the subkeys; the caller's copy of the data key is wiped by
    /// its `Zeroizing` wrapper.
    pub(crate) fn derive(data_key: &[u8]) -> Result<WalletKeys, SweepError> {
        if data_key.len() != DATA_KEY_LEN {
            return Err(SweepError::WrongKey);
        }
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, HKDF_SALT).extract(data_key);
        let mut seal_bytes = Zeroizing::new([0u8; 32]);
        let mut chain_bytes = Zeroizing::new([0u8; 32]);
        let mut state_bytes = Zeroizing::new([0u8; 32]);
        expand(&prk, SEAL_INFO, seal_bytes.as_mut())?;
        expand(&prk, CHAIN_INFO, chain_bytes.as_mut())?;
        expand(&prk, STATE_INFO, state_bytes.as_mut())?;
        let unbound =
            aead::UnboundKey::new(&aead::AES_256_GCM, seal_bytes.as_ref()).map_err(|_| internal("seal key"))?;
        Ok(WalletKeys {
            seal: aead::LessSafeKey::new(unbound),
            chain: hmac::Key::new(hmac::HMAC_SHA256, chain_bytes.as_ref()),
            state: hmac::Key::new(hmac::HMAC_SHA256, state_bytes.as_ref()),
        })
    }
}

fn expand(prk: &hkdf::Prk, info: &[u8], out: &mut [u8]) -> Result<(), SweepError> {
    let info = [info];
    let okm = prk.expand(&info, hkdf::HKDF_SHA256).map_err(|_| internal("hkdf expand"))?;
    okm.fill(out).map_err(|_| internal("hkdf fill"))
}

fn internal(what: &str) -> SweepError {
    SweepError::Internal { reason: format!("key derivation failed: {what}") }
}

/// A fresh random data key.
pub(crate) fn new_data_key() -> Result<Zeroizing<Vec<u8>>, SweepError> {
    let mut key = Zeroizing::new(vec![0u8; DATA_KEY_LEN]);
    ring::rand::SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
    Ok(key)
}

/// AES-256-GCM key wrapping shared by the built-in providers:
/// `version (1) || nonce (12) || ciphertext || tag (16)`.
pub(crate) mod wrap {
    use ring::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
    use ring::rand::{SecureRandom, SystemRandom};

    use crate::SweepError;

    const VERSION: u8 = 1;
    const AAD: &[u8] = b"sweep/v1/wrapped-data-key";

    fn key(kek: &[u8]) -> Result<LessSafeKey, SweepError> {
        UnboundKey::new(&aead::AES_256_GCM, kek)
            .map(LessSafeKey::new)
            .map_err(|_| SweepError::KeyUnavailable { reason: "the key-encryption key has the wrong length".into() })
    }

    /// Seals `data_key` under `kek` with a random nonce (key wrapping is rare,
    /// so a system call per wrap costs nothing).
    pub(crate) fn seal(kek: &[u8], data_key: &[u8]) -> Result<Vec<u8>, SweepError> {
        let mut nonce = [0u8; 12];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
        let mut out = Vec::with_capacity(1 + 12 + data_key.len() + 16);
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(data_key);
        let tag = key(kek)?
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(AAD), &mut out[13..])
            .map_err(|_| SweepError::Internal { reason: "key wrap failed".into() })?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Opens what [`seal`] produced; any failure means a wrong key.
    pub(crate) fn open(kek: &[u8], wrapped: &[u8]) -> Result<Vec<u8>, SweepError> {
        if wrapped.len() < 1 + 12 + 16 || wrapped[0] != VERSION {
            return Err(SweepError::WrongKey);
        }
        let nonce = Nonce::try_assume_unique_for_key(&wrapped[1..13]).map_err(|_| SweepError::WrongKey)?;
        // The buffer ends up holding the key: it is wiped when dropped, and
        // the key leaves it by move, not by copy.
        let mut buf = zeroize::Zeroizing::new(wrapped[13..].to_vec());
        let len = key(kek)?.open_in_place(nonce, Aad::from(AAD), &mut buf).map_err(|_| SweepError::WrongKey)?.len();
        buf.truncate(len);
        Ok(std::mem::take(&mut *buf))
    }
}

/// A key provider that keeps its key-encryption key in memory only: for
/// demos and tests. Everything it protects is unreadable once it is dropped.
pub struct EphemeralKeyProvider {
    kek: Mutex<Zeroizing<Vec<u8>>>,
}

impl EphemeralKeyProvider {
    /// A provider with a fresh random key-encryption key.
    pub fn new() -> Result<Arc<Self>, SweepError> {
        Ok(Arc::new(EphemeralKeyProvider { kek: Mutex::new(new_data_key()?) }))
    }

    fn kek(&self) -> Zeroizing<Vec<u8>> {
        self.kek.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl KeyProvider for EphemeralKeyProvider {
    fn wrap_data_key(&self, data_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        let data_key = Zeroizing::new(data_key);
        wrap::seal(&self.kek(), &data_key)
    }

    fn unwrap_data_key(&self, wrapped_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        wrap::open(&self.kek(), &wrapped_key)
    }

    /// Forgets its key-encryption key: nothing it wrapped opens again.
    fn delete_wrapping_key(&self) -> Result<(), SweepError> {
        use zeroize::Zeroize;
        self.kek.lock().unwrap_or_else(|p| p.into_inner()).zeroize();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_round_trips_and_another_key_is_wrong() {
        let a = EphemeralKeyProvider::new().unwrap();
        let b = EphemeralKeyProvider::new().unwrap();
        let key = new_data_key().unwrap();
        let wrapped = a.wrap_data_key(key.to_vec()).unwrap();
        assert_ne!(&wrapped[13..13 + DATA_KEY_LEN], key.as_slice(), "wrapped form must not contain the key");
        assert_eq!(a.unwrap_data_key(wrapped.clone()).unwrap(), key.to_vec());
        assert_eq!(b.unwrap_data_key(wrapped), Err(SweepError::WrongKey));
    }

    #[test]
    fn subkeys_need_a_full_length_data_key() {
        assert!(WalletKeys::derive(&[0u8; 16]).is_err());
        assert!(WalletKeys::derive(&[7u8; 32]).is_ok());
    }
}
