//! The terminal wallet's key across reboots: a passphrase (Argon2id) wraps
//! the data key inside the wallet, the kernel key store only caches it, a
//! backup of the wrapped key restores a lost key row, and a wallet from
//! before passphrases moves over (issue #15, item 5). Runs the real binary.

use std::process::{Command, Output};

const PASSPHRASE: &str = "correct horse battery staple";

fn sweep(passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sweep"));
    // No desktop session either: a desktop keyring is tested in desktop_keyring.rs.
    command
        .args(args)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("SWEEP_LOCALE", "en-US")
        .env_remove("SWEEP_DATA_DIR")
        .env_remove("SWEEP_PASSPHRASE")
        .env_remove("SWEEP_NEW_PASSPHRASE");
    if let Some(passphrase) = passphrase {
        command.env("SWEEP_PASSPHRASE", passphrase);
    }
    // No terminal: a passphrase can only come from the environment.
    command.stdin(std::process::Stdio::null()).output().expect("sweep runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// A wallet with one typed-in balance, then locked as after a reboot.
fn wallet(dir: &str) {
    assert!(sweep(Some(PASSPHRASE), &["--data-dir", dir, "init"]).status.success());
    let added = sweep(Some(PASSPHRASE), &["--data-dir", dir, "add-source", "Toss", "wallet", "12340", "KRW"]);
    assert!(added.status.success(), "{}", text(&added));
    assert!(sweep(None, &["--data-dir", dir, "lock"]).status.success());
}

fn dashboard(passphrase: Option<&str>, dir: &str) -> Output {
    sweep(passphrase, &["--data-dir", dir, "--locale", "en-US", "dashboard"])
}

#[test]
fn a_mistyped_data_dir_is_refused_and_nothing_is_made() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("wallet");
    let dir = dir.to_str().unwrap();
    wallet(dir);
    let typo = home.path().join("walet");
    let refused = dashboard(Some(PASSPHRASE), typo.to_str().unwrap());
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("there is no wallet in") && text(&refused).contains("sweep init"),
        "{}",
        text(&refused)
    );
    assert!(!typo.exists(), "nothing is created for a mistyped directory");
    let again = sweep(Some(PASSPHRASE), &["--data-dir", dir, "init"]);
    assert!(!again.status.success() && text(&again).contains("there is already a wallet"), "{}", text(&again));
}

#[test]
fn asking_for_a_desktop_keyring_where_none_runs_is_refused_before_anything_is_written() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("wallet");
    let refused = sweep(None, &["--data-dir", dir.to_str().unwrap(), "init", "--key", "keyring"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("no desktop keyring") && text(&refused).contains("--key passphrase"),
        "{}",
        text(&refused)
    );
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn after_the_session_cache_is_gone_the_passphrase_alone_opens_the_wallet() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_str().unwrap();
    wallet(dir);
    let wrong = dashboard(Some("not the passphrase"), dir);
    assert!(!wrong.status.success() && text(&wrong).contains("wrong passphrase"), "{}", text(&wrong));
    let none = dashboard(None, dir);
    assert!(!none.status.success() && text(&none).contains("SWEEP_PASSPHRASE"), "{}", text(&none));
    let right = dashboard(Some(PASSPHRASE), dir);
    assert!(right.status.success() && text(&right).contains("₩12,340"), "{}", text(&right));
    // Now cached for the session: no passphrase needed until `sweep lock`.
    assert!(dashboard(None, dir).status.success());
    assert!(sweep(None, &["--data-dir", dir, "lock"]).status.success());
    assert!(!dashboard(None, dir).status.success());
}

#[test]
fn a_short_or_empty_new_passphrase_makes_no_wallet() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    let short = sweep(Some("short"), &["--data-dir", dir.to_str().unwrap(), "init"]);
    assert!(!short.status.success() && text(&short).contains("at least 10 characters"), "{}", text(&short));
    assert!(!dir.join("sweep-wallet.db").exists(), "nothing is written");
    let mismatched = Command::new(env!("CARGO_BIN_EXE_sweep"))
        .args(["--data-dir", dir.to_str().unwrap(), "init"])
        .env_remove("SWEEP_PASSPHRASE")
        .env("SWEEP_NEW_PASSPHRASE", "")
        .output()
        .unwrap();
    assert!(!mismatched.status.success() && text(&mismatched).contains("empty"), "{}", text(&mismatched));
    assert!(!dir.join("sweep-wallet.db").exists(), "nothing is written");
    assert!(sweep(Some(PASSPHRASE), &["--data-dir", dir.to_str().unwrap(), "init"]).status.success());
}

#[test]
fn a_key_backup_restores_a_lost_key_row_and_no_other_wallets_key_does() {
    let home = tempfile::tempdir().unwrap();
    let (dir, other) = (home.path().join("a"), home.path().join("b"));
    let (dir, other) = (dir.to_str().unwrap(), other.to_str().unwrap());
    wallet(dir);
    wallet(other);
    let (backup, foreign) = (home.path().join("a.key"), home.path().join("b.key"));
    let made = sweep(Some(PASSPHRASE), &["--data-dir", dir, "key", "backup", backup.to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made));
    let twice = sweep(Some(PASSPHRASE), &["--data-dir", dir, "key", "backup", backup.to_str().unwrap()]);
    assert!(!twice.status.success(), "a backup is never overwritten");
    assert!(sweep(Some(PASSPHRASE), &["--data-dir", other, "key", "backup", foreign.to_str().unwrap()])
        .status
        .success());

    let db = rusqlite::Connection::open(home.path().join("a/sweep-wallet.db")).unwrap();
    db.execute("DELETE FROM meta WHERE key = 'wrapped_data_key'", []).unwrap();
    drop(db);
    let lost = dashboard(Some(PASSPHRASE), dir);
    assert!(!lost.status.success() && text(&lost).contains("sweep key restore"), "{}", text(&lost));

    let mixed_up = sweep(Some(PASSPHRASE), &["--data-dir", dir, "key", "restore", foreign.to_str().unwrap()]);
    assert!(!mixed_up.status.success(), "another wallet's key, same passphrase: {}", text(&mixed_up));
    assert!(!dashboard(Some(PASSPHRASE), dir).status.success(), "and nothing was written");
    let restored = sweep(Some(PASSPHRASE), &["--data-dir", dir, "key", "restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    let back = dashboard(Some(PASSPHRASE), dir);
    assert!(back.status.success() && text(&back).contains("₩12,340"), "{}", text(&back));
    assert!(text(&sweep(Some(PASSPHRASE), &["--data-dir", dir, "verify"])).contains("Ledger verified"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wallet_from_before_passphrases_opens_and_moves_to_one() {
    use sweep_core::store::keyring::PlatformKeyProvider;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().canonicalize().unwrap().display().to_string();
    // What an older `sweep` made: the key-encryption key in the kernel key store.
    let legacy = PlatformKeyProvider::new("com.sweepwallet.cli", &dir).unwrap();
    let config = sweep_core::WalletConfig { data_dir: dir.clone(), locale: "en-US".into() };
    let old = sweep_core::Wallet::open(config, legacy.clone()).await.unwrap();
    let source = sweep_core::sources::ManualSource {
        name: "Toss".into(),
        kind: sweep_core::sources::SourceKind::Wallet,
        balance: sweep_core::MinorAmount { minor_units: 12_340, currency_code: "KRW".into() },
        account_ref: None,
    };
    old.add_manual_source(source).await.unwrap();
    old.close();

    let opened = dashboard(None, &dir);
    assert!(opened.status.success() && text(&opened).contains("sweep key passphrase"), "{}", text(&opened));
    let refused = sweep(None, &["--data-dir", &dir, "key", "backup", home.path().join("k").to_str().unwrap()]);
    assert!(!refused.status.success(), "a kernel-store key is no backup: {}", text(&refused));
    let moved = sweep(Some(PASSPHRASE), &["--data-dir", &dir, "key", "passphrase"]);
    assert!(moved.status.success(), "{}", text(&moved));
    // A reboot: the kernel key store forgets everything.
    legacy.delete_key().unwrap();
    assert!(sweep(None, &["--data-dir", &dir, "lock"]).status.success());
    let after = dashboard(Some(PASSPHRASE), &dir);
    assert!(after.status.success() && text(&after).contains("₩12,340"), "{}", text(&after));
    assert!(!text(&after).contains("kernel key store"), "{}", text(&after));
}
