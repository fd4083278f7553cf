//! `sweep init`, `sweep lock` and `sweep key …`: creating a wallet with its
//! key in the desktop keyring or under a passphrase, forgetting the
//! session's cached key, and backing up, restoring or re-keying the
//! wallet's data key (`key.rs`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::wallet::DATABASE_FILE;
use sweep_core::{SweepError, Wallet, WalletConfig};

use crate::key::{invalid, Protection, WalletKeyProvider};
use crate::KeyAction;

const BACKUP_HEADER: &str = "sweep wallet key backup v1";

fn storage(what: &str, e: std::io::Error) -> SweepError {
    SweepError::Storage { reason: format!("{what}: {e}") }
}

/// The data directory as given, which must be set.
pub fn given_dir(data_dir: Option<PathBuf>) -> Result<PathBuf, SweepError> {
    data_dir.ok_or_else(|| SweepError::InvalidInput {
        field: "--data-dir".into(),
        reason: "this command needs a wallet directory (or SWEEP_DATA_DIR)".into(),
    })
}

/// The directory of an existing wallet, resolved. A mistyped directory is
/// refused, never taken for a new wallet.
pub fn wallet_dir(data_dir: Option<PathBuf>) -> Result<PathBuf, SweepError> {
    let dir = given_dir(data_dir)?;
    if !dir.join(DATABASE_FILE).is_file() {
        let shown = dir.display();
        return Err(SweepError::InvalidInput {
            field: "--data-dir".into(),
            reason: format!("there is no wallet in {shown}; create one with `sweep init --data-dir {shown}`"),
        });
    }
    dir.canonicalize().map_err(|e| storage("cannot read the wallet directory", e))
}

/// Opens the wallet in `dir` with its passphrase (or the session's cached key).
pub async fn open(dir: &Path, locale: &str) -> Result<(Arc<Wallet>, Arc<WalletKeyProvider>), SweepError> {
    let keys = WalletKeyProvider::new(dir);
    let config = WalletConfig { data_dir: dir.display().to_string(), locale: locale.to_owned() };
    let wallet = Wallet::open(config, keys.clone()).await?;
    if keys.is_legacy() {
        eprintln!("{}", tr!("key-legacy-note"));
    }
    Ok((wallet, keys))
}

/// Where a new wallet's key goes when `--key` is not given: the desktop
/// keyring where one runs, unless a passphrase is given for scripts.
fn default_protection() -> Protection {
    let scripted = std::env::var_os("SWEEP_PASSPHRASE").is_some();
    if !scripted && crate::desktop_keyring::available() {
        Protection::DesktopKeyring
    } else {
        Protection::Passphrase
    }
}

/// `sweep init`: a new wallet, its key in the desktop keyring or under a
/// new passphrase.
pub async fn init(data_dir: Option<PathBuf>, key: Option<Protection>, locale: &str) -> Result<(), SweepError> {
    let dir = given_dir(data_dir)?;
    if dir.join(DATABASE_FILE).exists() {
        return Err(SweepError::InvalidInput {
            field: "--data-dir".into(),
            reason: format!("there is already a wallet in {}", dir.display()),
        });
    }
    let protection = key.unwrap_or_else(default_protection);
    let keys = WalletKeyProvider::protected_by(&dir, protection);
    keys.prepare_new()?;
    std::fs::create_dir_all(&dir).map_err(|e| storage("cannot create the wallet directory", e))?;
    let dir = dir.canonicalize().map_err(|e| storage("cannot read the wallet directory", e))?;
    let config = WalletConfig { data_dir: dir.display().to_string(), locale: locale.to_owned() };
    match Wallet::open(config, keys).await {
        Ok(wallet) => wallet.close(),
        Err(e) => {
            // A wallet that never got its key is no wallet: leave nothing behind.
            for name in [DATABASE_FILE.to_owned(), format!("{DATABASE_FILE}-wal"), format!("{DATABASE_FILE}-shm")] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            return Err(e);
        }
    }
    println!("{}", tr!("init-created", dir = dir.display().to_string()));
    match protection {
        Protection::Passphrase => {
            println!("{}", tr!("init-passphrase"));
        }
        Protection::DesktopKeyring => {
            println!("{}", tr!("init-keyring"));
        }
    }
    Ok(())
}

/// `sweep lock`: the next command asks for the passphrase again.
pub fn lock(data_dir: Option<PathBuf>) -> Result<(), SweepError> {
    let dir = wallet_dir(data_dir)?;
    WalletKeyProvider::forget(&dir)?;
    println!("{}", tr!("lock-done"));
    Ok(())
}

/// `sweep key backup|restore|passphrase`.
pub async fn key(action: KeyAction, data_dir: Option<PathBuf>, locale: &str) -> Result<(), SweepError> {
    let dir = wallet_dir(data_dir)?;
    match action {
        KeyAction::Backup { file } => backup(&dir, &file, locale).await,
        KeyAction::Restore { file } => restore(&dir, &file).await,
        KeyAction::Passphrase => change(&dir, Protection::Passphrase, locale).await,
        KeyAction::Keyring => change(&dir, Protection::DesktopKeyring, locale).await,
    }
}

async fn backup(dir: &Path, file: &Path, locale: &str) -> Result<(), SweepError> {
    let (wallet, keys) = open(dir, locale).await?;
    let wrapped = wallet.wrapped_key_backup().await;
    wallet.close();
    if keys.is_legacy() {
        return Err(invalid(
            "key",
            "this wallet's key is still in the kernel key store; run `sweep key passphrase` first",
        ));
    }
    let text = format!("{BACKUP_HEADER}\n{}\n", hex(&wrapped?));
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| storage(&format!("cannot create {}", file.display()), e))?;
    std::io::Write::write_all(&mut out, text.as_bytes()).map_err(|e| storage("cannot write the backup", e))?;
    println!("{}", tr!("backup-written", file = file.display().to_string()));
    if keys.opened_with() == Some(Protection::DesktopKeyring) {
        println!("{}", tr!("backup-keyring"));
    } else {
        println!("{}", tr!("backup-passphrase"));
    }
    Ok(())
}

async fn restore(dir: &Path, file: &Path) -> Result<(), SweepError> {
    let text = std::fs::read_to_string(file).map_err(|e| storage(&format!("cannot read {}", file.display()), e))?;
    let mut lines = text.lines();
    let bad = || invalid("file", format!("{} is not a sweep key backup", file.display()));
    if lines.next() != Some(BACKUP_HEADER) {
        return Err(bad());
    }
    let wrapped = unhex(lines.next().unwrap_or_default().trim()).ok_or_else(bad)?;
    let keys = WalletKeyProvider::new(dir);
    sweep_core::restore_wrapped_key(dir.display().to_string(), wrapped, keys).await?;
    println!("{}", tr!("restore-done", file = file.display().to_string()));
    Ok(())
}

/// `sweep key passphrase|keyring`: the data key moves under a new
/// passphrase or into the desktop keyring (from the kernel key store, for
/// an older wallet), and the confirmation key with it.
async fn change(dir: &Path, to: Protection, locale: &str) -> Result<(), SweepError> {
    let (wallet, current) = open(dir, locale).await?;
    let confirm = if current.is_legacy() {
        let entry = PlatformKeyProvider::new("com.sweepwallet.cli.confirm", &dir.display().to_string())?;
        entry.secret_or_create(|| Err(SweepError::Internal { reason: "none".into() })).ok()
    } else {
        current.open_confirm_key()?
    };
    let new = WalletKeyProvider::protected_by(dir, to);
    new.prepare_new()?;
    if let Some(secret) = confirm {
        new.carry_confirm_key(secret);
    }
    let changed = wallet.change_key_provider(current.clone(), new.clone()).await;
    wallet.close();
    changed?;
    new.open_confirm_key()?;
    let _ = WalletKeyProvider::forget(dir);
    if let Err(e) = current.retire_keyring_key() {
        eprintln!("{}", tr!("key-old-not-removed", error = e.sentence()));
    }
    match to {
        Protection::Passphrase => println!("{}", tr!("key-now-passphrase")),
        Protection::DesktopKeyring => println!("{}", tr!("key-now-keyring")),
    }
    if current.is_legacy() {
        println!("{}", tr!("key-left-kernel"));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}
