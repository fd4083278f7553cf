//! The terminal wallet's keys, durable across reboots.
//!
//! The wallet's data key is wrapped under one of two keys, and the wrapped
//! form lives in the wallet itself; so does the withdrawal confirmation
//! key, sealed under the same key:
//! - a key derived from the user's passphrase with Argon2id. The kernel key
//!   store only caches it for a session (it forgets it at reboot and after
//!   three idle days): then the passphrase is asked again, and nothing is
//!   lost;
//! - or a random key kept in the desktop keyring (`desktop_keyring.rs`),
//!   where one runs: the desktop login unlocks it.
//!
//! Passphrase: `SWPK`, version 1, Argon2id memory (KiB), passes and lanes
//! (u32, big-endian), a 16-byte salt. Desktop keyring: `SWKR`, version 1,
//! the keyring item's 16-byte id. Either header is followed by a 12-byte
//! nonce and the AES-256-GCM ciphertext with its tag, the header as
//! associated data. Wallets made before this kept a key-encryption key in
//! the kernel key store; they still open, and `sweep key passphrase` moves
//! them over.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use argon2::{Algorithm, Argon2, Params, Version};
use ring::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::store::keys::KeyProvider;
use sweep_core::SweepError;
use zeroize::Zeroizing;

const MAGIC: &[u8; 4] = b"SWPK";
const KEYRING_MAGIC: &[u8; 4] = b"SWKR";
const VERSION: u8 = 1;
const HEADER_LEN: usize = 4 + 1 + 12 + SALT_LEN;
const KEYRING_HEADER_LEN: usize = 4 + 1 + SALT_LEN;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
/// Argon2id at 64 MiB, 3 passes, 1 lane: RFC 9106's second recommended
/// setting, about a tenth of a second on a laptop.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;
/// The most a stored header may ask for, so a damaged or hostile wallet
/// cannot make opening it take minutes or gigabytes.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;
const MAX_PASSES: u32 = 10;
const MAX_LANES: u32 = 8;
/// A new passphrase is at least this long.
const MIN_PASSPHRASE_CHARS: usize = 10;
/// Where older `sweep` builds kept the wallet's key-encryption key.
const LEGACY_SERVICE: &str = "com.sweepwallet.cli";
/// The session cache: the derived key, with the salt it was derived for.
const CACHE_SERVICE: &str = "com.sweepwallet.cli.session";
/// The confirmation key, sealed under the derived key, next to the wallet.
pub const CONFIRM_KEY_FILE: &str = "confirm-key.sealed";
const CONFIRM_AAD: &[u8] = b"sweep-cli confirmation key v1";

/// A bad-input error naming the field.
pub fn invalid(field: &str, reason: impl Into<String>) -> SweepError {
    SweepError::InvalidInput { field: field.into(), reason: reason.into() }
}

fn unavailable(reason: impl Into<String>) -> SweepError {
    SweepError::KeyUnavailable { reason: reason.into() }
}

/// Asks for a passphrase: from `SWEEP_PASSPHRASE` when set, for scripts
/// (a new one from `SWEEP_NEW_PASSPHRASE` first); otherwise on the
/// terminal, twice for a new one.
fn ask(prompt: &str, new: bool) -> Result<Zeroizing<String>, SweepError> {
    let variable = if new && std::env::var_os("SWEEP_NEW_PASSPHRASE").is_some() {
        "SWEEP_NEW_PASSPHRASE"
    } else {
        "SWEEP_PASSPHRASE"
    };
    let given = match std::env::var(variable) {
        Ok(text) => Zeroizing::new(text),
        Err(_) => {
            let read = |prompt: &str| {
                rpassword::prompt_password(prompt).map(Zeroizing::new).map_err(|e| {
                    unavailable(format!("cannot read a passphrase ({e}): run in a terminal, or set {variable}"))
                })
            };
            let first = read(prompt)?;
            if new && *read(&format!("{} ", tr!("passphrase-again")))? != *first {
                return Err(invalid("passphrase", "the two passphrases differ"));
            }
            first
        }
    };
    if given.is_empty() {
        return Err(invalid("passphrase", "the passphrase is empty"));
    }
    if new && given.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(invalid(
            "passphrase",
            format!("use at least {MIN_PASSPHRASE_CHARS} characters; a few words are easy to remember"),
        ));
    }
    Ok(given)
}

/// What a wallet's data key is wrapped under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    /// A key derived from the passphrase.
    Passphrase,
    /// A random key in the desktop keyring.
    DesktopKeyring,
}

/// A parsed wrapped key's header. For the desktop keyring, `salt` is the
/// keyring item's id and the Argon2id settings are unused.
struct Header {
    bytes: Vec<u8>,
    protection: Protection,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    salt: [u8; SALT_LEN],
}

impl Header {
    fn new(salt: [u8; SALT_LEN]) -> Header {
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION);
        for number in [MEMORY_KIB, PASSES, LANES] {
            bytes.extend_from_slice(&number.to_be_bytes());
        }
        bytes.extend_from_slice(&salt);
        let protection = Protection::Passphrase;
        Header { bytes, protection, memory_kib: MEMORY_KIB, passes: PASSES, lanes: LANES, salt }
    }

    fn keyring(id: [u8; SALT_LEN]) -> Header {
        let bytes = [&KEYRING_MAGIC[..], &[VERSION], &id].concat();
        Header { bytes, protection: Protection::DesktopKeyring, memory_kib: 0, passes: 0, lanes: 0, salt: id }
    }

    /// `None` for a key from before passphrases (no magic).
    fn parse(wrapped: &[u8]) -> Result<Option<Header>, SweepError> {
        let damaged = || unavailable("the wallet's wrapped key is damaged; restore it with `sweep key restore FILE`");
        if wrapped.starts_with(KEYRING_MAGIC) {
            let id = wrapped.get(5..KEYRING_HEADER_LEN).and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
            return if wrapped[4] == VERSION { Ok(Some(Header::keyring(id))) } else { Err(damaged()) };
        }
        if !wrapped.starts_with(MAGIC) {
            return Ok(None);
        }
        let bytes: [u8; HEADER_LEN] = wrapped.get(..HEADER_LEN).and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
        let number = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let (memory_kib, passes, lanes) = (number(5), number(9), number(13));
        let sane = bytes[4] == VERSION
            && (8..=MAX_MEMORY_KIB).contains(&memory_kib)
            && (1..=MAX_PASSES).contains(&passes)
            && (1..=MAX_LANES).contains(&lanes);
        if !sane {
            return Err(damaged());
        }
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[17..]);
        let protection = Protection::Passphrase;
        Ok(Some(Header { bytes: bytes.to_vec(), protection, memory_kib, passes, lanes, salt }))
    }

    fn derive(&self, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, SweepError> {
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(32))
            .map_err(|e| unavailable(format!("key derivation settings: {e}")))?;
        let mut key = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &self.salt, key.as_mut())
            .map_err(|e| unavailable(format!("key derivation: {e}")))?;
        Ok(key)
    }
}

fn cipher(key: &[u8]) -> Result<LessSafeKey, SweepError> {
    UnboundKey::new(&aead::AES_256_GCM, key)
        .map(LessSafeKey::new)
        .map_err(|_| unavailable("a derived key of the wrong size"))
}

/// AES-256-GCM with a random nonce: `nonce || ciphertext || tag`.
fn seal(key: &[u8], aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, SweepError> {
    let mut nonce = [0u8; NONCE_LEN];
    SystemRandom::new().fill(&mut nonce).map_err(|_| unavailable("the system random source failed"))?;
    let mut body = plain.to_vec();
    cipher(key)?
        .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut body)
        .map_err(|_| unavailable("sealing failed"))?;
    Ok([&nonce[..], &body].concat())
}

/// Opens what [`seal`] made; any failure is a wrong key.
fn open(key: &[u8], aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, SweepError> {
    let (nonce, body) = sealed.split_at_checked(NONCE_LEN).ok_or(SweepError::WrongKey)?;
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SweepError::WrongKey)?;
    let mut body = Zeroizing::new(body.to_vec());
    let plain = cipher(key)?.open_in_place(nonce, Aad::from(aad), &mut body).map_err(|_| SweepError::WrongKey)?;
    Ok(Zeroizing::new(plain.to_vec()))
}

/// A derived key with the salt it was derived for.
type Derived = ([u8; SALT_LEN], Zeroizing<[u8; 32]>);

/// The data key's provider for one wallet: the passphrase, through the
/// session cache, or the desktop keyring. It remembers the key while the
/// process runs, so one command asks at most once.
pub struct WalletKeyProvider {
    data_dir: PathBuf,
    /// What a new wrapped key is wrapped under.
    protection: Protection,
    /// What the wallet's key opened with: `None` until it opens, and for
    /// a legacy wallet.
    opened: Mutex<Option<(Protection, [u8; SALT_LEN])>>,
    /// The derived key, with the salt it belongs to.
    derived: Mutex<Option<Derived>>,
    /// Whether the wallet's key is still the pre-passphrase kind.
    legacy: Mutex<bool>,
    /// A new passphrase asked before anything is written (`prepare_new`).
    prepared: Mutex<Option<Zeroizing<String>>>,
    /// A confirmation key to seal under the key this provider wraps with,
    /// when the wallet moves to it (see [`Self::carry_confirm_key`]).
    carried: Mutex<Option<Zeroizing<Vec<u8>>>>,
}

impl WalletKeyProvider {
    /// For the wallet in `data_dir`. Wrapping (creating the wallet, or
    /// moving its key) asks for a new passphrase; unwrapping asks for the
    /// current one, unless the session cache has its key, or opens a wallet
    /// kept in the desktop keyring without asking.
    pub fn new(data_dir: &Path) -> Arc<WalletKeyProvider> {
        Self::protected_by(data_dir, Protection::Passphrase)
    }

    /// Like [`Self::new`], but wrapping under `protection`.
    pub fn protected_by(data_dir: &Path, protection: Protection) -> Arc<WalletKeyProvider> {
        Arc::new(WalletKeyProvider {
            data_dir: data_dir.to_owned(),
            protection,
            opened: Mutex::new(None),
            derived: Mutex::new(None),
            legacy: Mutex::new(false),
            prepared: Mutex::new(None),
            carried: Mutex::new(None),
        })
    }

    /// Asks for the new passphrase now, or checks that a desktop keyring
    /// answers, so nothing is written before a bad start is refused.
    pub fn prepare_new(&self) -> Result<(), SweepError> {
        if self.protection == Protection::DesktopKeyring {
            return match crate::desktop_keyring::available() {
                true => Ok(()),
                false => Err(unavailable(
                    "no desktop keyring (Secret Service) answers on the session bus; use `--key passphrase`",
                )),
            };
        }
        let prompt = format!("{} ", tr!("passphrase-new", dir = self.dir_text()));
        *self.prepared.lock().unwrap_or_else(|p| p.into_inner()) = Some(ask(&prompt, true)?);
        Ok(())
    }

    fn dir_text(&self) -> String {
        self.data_dir.display().to_string()
    }

    /// True when the wallet opened with a key from the kernel key store,
    /// which forgets it at reboot.
    pub fn is_legacy(&self) -> bool {
        *self.legacy.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What the wallet's key opened with, once it has.
    pub fn opened_with(&self) -> Option<Protection> {
        self.opened.lock().unwrap_or_else(|p| p.into_inner()).map(|(protection, _)| protection)
    }

    /// Removes the desktop keyring's key the wallet opened with, after the
    /// wallet has moved to another: an old backup then no longer opens
    /// without the new passphrase.
    pub fn retire_keyring_key(&self) -> Result<(), SweepError> {
        match *self.opened.lock().unwrap_or_else(|p| p.into_inner()) {
            Some((Protection::DesktopKeyring, id)) => crate::desktop_keyring::forget(&id),
            _ => Ok(()),
        }
    }

    fn keyring_label(&self) -> String {
        format!("Sweep wallet key ({})", self.dir_text())
    }

    fn cache(&self) -> Option<Arc<PlatformKeyProvider>> {
        PlatformKeyProvider::new(CACHE_SERVICE, &self.dir_text()).ok()
    }

    /// The derived key for `header`: from memory, the session cache, or the passphrase.
    fn key_for(&self, header: &Header, new: bool) -> Result<Zeroizing<[u8; 32]>, SweepError> {
        if let Some((salt, key)) = self.derived.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if *salt == header.salt {
                return Ok(key.clone());
            }
        }
        if header.protection == Protection::DesktopKeyring {
            let key = crate::desktop_keyring::key(&header.salt, &self.keyring_label(), new)?;
            *self.derived.lock().unwrap_or_else(|p| p.into_inner()) = Some((header.salt, key.clone()));
            return Ok(key);
        }
        let cached = if new { None } else { self.cached(header) };
        let key = match cached {
            Some(key) => key,
            None if new && self.prepared.lock().unwrap_or_else(|p| p.into_inner()).is_some() => {
                let prepared = self.prepared.lock().unwrap_or_else(|p| p.into_inner()).take();
                header.derive(prepared.as_deref().map(String::as_str).unwrap_or_default())?
            }
            None => {
                let prompt = if new {
                    format!("{} ", tr!("passphrase-new", dir = self.dir_text()))
                } else {
                    format!("{} ", tr!("passphrase-ask", dir = self.dir_text()))
                };
                header.derive(&ask(&prompt, new)?)?
            }
        };
        *self.derived.lock().unwrap_or_else(|p| p.into_inner()) = Some((header.salt, key.clone()));
        Ok(key)
    }

    /// The cached key, when the cache holds one for this salt.
    fn cached(&self, header: &Header) -> Option<Zeroizing<[u8; 32]>> {
        let mut found = None;
        let secret = self.cache()?.secret_or_create(|| Err(unavailable("nothing cached"))).ok()?;
        if secret.len() == SALT_LEN + 32 && secret[..SALT_LEN] == header.salt {
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(&secret[SALT_LEN..]);
            found = Some(key);
        }
        found
    }

    /// Keeps the derived key in the session cache; a missing cache only
    /// means the passphrase is asked again next time. The desktop keyring
    /// needs no cache.
    fn remember(&self, header: &Header, key: &[u8; 32]) {
        if header.protection == Protection::DesktopKeyring {
            return;
        }
        if let Some(cache) = self.cache() {
            let _ = cache.delete_key();
            let _ = cache.secret_or_create(|| Ok(Zeroizing::new([&header.salt[..], &key[..]].concat())));
        }
    }

    /// The derived key of the wallet's current wrapped key, for sealing
    /// other secrets next to the wallet. `None` for a legacy wallet.
    fn current_key(&self) -> Option<Zeroizing<[u8; 32]>> {
        self.derived.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|(_, key)| key.clone())
    }

    /// Seals `secret` (the confirmation key) under the derived key into
    /// `CONFIRM_KEY_FILE`, replacing it.
    pub fn seal_confirm_key(&self, secret: &[u8]) -> Result<(), SweepError> {
        let key = self
            .current_key()
            .ok_or_else(|| unavailable("the wallet is not unlocked with a passphrase or the desktop keyring"))?;
        let sealed = seal(key.as_ref(), CONFIRM_AAD, secret)?;
        let path = self.data_dir.join(CONFIRM_KEY_FILE);
        let temporary = path.with_extension("new");
        std::fs::write(&temporary, sealed)
            .and_then(|()| std::fs::rename(&temporary, &path))
            .map_err(|e| SweepError::Storage { reason: format!("cannot keep the confirmation key: {e}") })
    }

    /// Seals `secret` under the key this provider will wrap the data key
    /// with, as soon as it has it: into `CONFIRM_KEY_FILE.next`, written
    /// before the wallet moves to the new key. A process killed between the
    /// two leaves a file the new passphrase opens, which
    /// [`Self::open_confirm_key`] then takes.
    pub fn carry_confirm_key(&self, secret: Zeroizing<Vec<u8>>) {
        *self.carried.lock().unwrap_or_else(|p| p.into_inner()) = Some(secret);
    }

    /// Removes the confirmation key's files (after `delete_account`).
    pub fn remove_confirm_files(&self) {
        let _ = std::fs::remove_file(self.data_dir.join(CONFIRM_KEY_FILE));
        let _ = std::fs::remove_file(self.next_confirm_file());
        let _ = std::fs::remove_dir(&self.data_dir);
    }

    fn next_confirm_file(&self) -> PathBuf {
        self.data_dir.join(format!("{CONFIRM_KEY_FILE}.next"))
    }

    /// The confirmation key from `CONFIRM_KEY_FILE`, if there is one; or
    /// from the `.next` file a passphrase change left, once it opens.
    pub fn open_confirm_key(&self) -> Result<Option<Zeroizing<Vec<u8>>>, SweepError> {
        let key = self
            .current_key()
            .ok_or_else(|| unavailable("the wallet is not unlocked with a passphrase or the desktop keyring"))?;
        let path = self.data_dir.join(CONFIRM_KEY_FILE);
        let kept = std::fs::read(&path).ok().map(|sealed| open(key.as_ref(), CONFIRM_AAD, &sealed));
        if let Some(Ok(secret)) = kept {
            let _ = std::fs::remove_file(self.next_confirm_file());
            return Ok(Some(secret));
        }
        let next = std::fs::read(self.next_confirm_file()).ok().map(|sealed| open(key.as_ref(), CONFIRM_AAD, &sealed));
        match (kept, next) {
            (_, Some(Ok(secret))) => {
                std::fs::rename(self.next_confirm_file(), &path)
                    .map_err(|e| SweepError::Storage { reason: format!("cannot keep the confirmation key: {e}") })?;
                Ok(Some(secret))
            }
            (None, None) => Ok(None),
            _ => Err(unavailable(format!("{} does not open with this wallet's passphrase", path.display()))),
        }
    }

    /// Forgets the cached key of the wallet: the next command asks for the passphrase.
    pub fn forget(data_dir: &Path) -> Result<(), SweepError> {
        PlatformKeyProvider::new(CACHE_SERVICE, &data_dir.display().to_string())?.delete_key()
    }
}

impl KeyProvider for WalletKeyProvider {
    fn wrap_data_key(&self, data_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        let data_key = Zeroizing::new(data_key);
        let mut salt = [0u8; SALT_LEN];
        SystemRandom::new().fill(&mut salt).map_err(|_| unavailable("the system random source failed"))?;
        let header = match self.protection {
            Protection::Passphrase => Header::new(salt),
            Protection::DesktopKeyring => Header::keyring(salt),
        };
        let key = self.key_for(&header, true)?;
        let wrapped = [&header.bytes[..], &seal(key.as_ref(), &header.bytes, &data_key)?].concat();
        if let Some(secret) = self.carried.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let sealed = seal(key.as_ref(), CONFIRM_AAD, secret)?;
            std::fs::write(self.next_confirm_file(), sealed)
                .map_err(|e| SweepError::Storage { reason: format!("cannot keep the confirmation key: {e}") })?;
        }
        self.remember(&header, &key);
        Ok(wrapped)
    }

    fn unwrap_data_key(&self, wrapped_key: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        let Some(header) = Header::parse(&wrapped_key)? else {
            *self.legacy.lock().unwrap_or_else(|p| p.into_inner()) = true;
            return PlatformKeyProvider::new(LEGACY_SERVICE, &self.dir_text())?.unwrap_data_key(wrapped_key);
        };
        let key = self.key_for(&header, false)?;
        match open(key.as_ref(), &header.bytes, &wrapped_key[header.bytes.len()..]) {
            Ok(data_key) => {
                self.remember(&header, &key);
                *self.opened.lock().unwrap_or_else(|p| p.into_inner()) = Some((header.protection, header.salt));
                Ok(data_key.to_vec())
            }
            Err(e) => {
                // A stale cache entry or a wrong passphrase: forget both.
                *self.derived.lock().unwrap_or_else(|p| p.into_inner()) = None;
                let _ = self.cache().map(|c| c.delete_key());
                Err(e)
            }
        }
    }

    /// Deletes the desktop keyring's key for this wallet (a passphrase
    /// lives only in the user's head) and the session's cached key.
    fn delete_wrapping_key(&self) -> Result<(), SweepError> {
        let opened = *self.opened.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((Protection::DesktopKeyring, salt)) = opened {
            crate::desktop_keyring::forget(&salt)?;
        }
        match self.cache() {
            Some(cache) => cache.delete_key(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_round_trips_and_hostile_settings_are_refused() {
        let header = Header::new([7; SALT_LEN]);
        let parsed = Header::parse(&header.bytes).unwrap().unwrap();
        assert_eq!(
            (parsed.memory_kib, parsed.passes, parsed.lanes, parsed.salt),
            (MEMORY_KIB, PASSES, LANES, [7; SALT_LEN])
        );
        assert!(Header::parse(b"legacy bytes").unwrap().is_none());
        let mut greedy = header.bytes.clone();
        greedy[5..9].copy_from_slice(&(MAX_MEMORY_KIB + 1).to_be_bytes());
        assert!(matches!(Header::parse(&greedy), Err(SweepError::KeyUnavailable { .. })));
        let mut slow = header.bytes.clone();
        slow[9..13].copy_from_slice(&(MAX_PASSES + 1).to_be_bytes());
        assert!(Header::parse(&slow).is_err());
        assert!(Header::parse(&header.bytes[..10]).is_err());
    }

    #[test]
    fn a_keyring_header_carries_its_item_id_and_a_cut_one_is_damaged() {
        let header = Header::keyring([9; SALT_LEN]);
        let wrapped = [&header.bytes[..], b"nonce and body"].concat();
        let parsed = Header::parse(&wrapped).unwrap().unwrap();
        assert_eq!(
            (parsed.protection, parsed.salt, parsed.bytes.len()),
            (Protection::DesktopKeyring, [9; SALT_LEN], 21)
        );
        assert!(Header::parse(&header.bytes[..12]).is_err());
        let mut future = header.bytes.clone();
        future[4] = VERSION + 1;
        assert!(Header::parse(&future).is_err());
    }

    #[test]
    fn the_derived_key_depends_on_passphrase_and_salt_and_opens_only_its_own_seal() {
        let header = Header::new([1; SALT_LEN]);
        let key = header.derive("correct horse battery").unwrap();
        assert_eq!(key, header.derive("correct horse battery").unwrap());
        assert_ne!(key, header.derive("correct horse batterY").unwrap());
        assert_ne!(key, Header::new([2; SALT_LEN]).derive("correct horse battery").unwrap());
        let sealed = seal(key.as_ref(), b"aad", b"secret").unwrap();
        assert_eq!(&open(key.as_ref(), b"aad", &sealed).unwrap()[..], b"secret");
        assert_eq!(open(key.as_ref(), b"other", &sealed).err(), Some(SweepError::WrongKey));
        let wrong = header.derive("wrong").unwrap();
        assert_eq!(open(wrong.as_ref(), b"aad", &sealed).err(), Some(SweepError::WrongKey));
    }
}
