//! One wallet, one opener: a second `Wallet` on the same data directory,
//! in this process or another, gets `WalletInUse` until the first is closed
//! or its process dies. Real child processes (`wallet_worker`) hold and
//! create wallets, and are killed with SIGKILL.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};

const KEY_SERVICE: &str = "com.sweepwallet.tests.worker";

fn config(dir: &str) -> WalletConfig {
    WalletConfig { data_dir: dir.into(), locale: "ko-KR".into() }
}

fn worker(dir: &str, mode: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wallet_worker"));
    command.env("SWEEP_WORKER_DIR", dir).env("SWEEP_WORKER_MODE", mode).env("RUST_LOG", "off");
    command
}

#[tokio::test]
async fn a_second_opener_in_this_process_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().display().to_string();
    let keys = EphemeralKeyProvider::new().unwrap();
    let first = Wallet::open(config(&dir), Arc::clone(&keys) as _).await.unwrap();
    let second = Wallet::open(config(&dir), Arc::clone(&keys) as _).await;
    assert!(matches!(second, Err(SweepError::WalletInUse { ref data_dir }) if *data_dir == dir), "{:?}", second.err());
    first.close();
    let again = Wallet::open(config(&dir), keys).await.expect("free once the first is closed");
    again.verify_ledger().await.unwrap();
    again.close();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_holding_the_wallet_keeps_it_until_it_is_killed() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().display().to_string();
    let mut holder = worker(&dir, "hold").stdout(Stdio::piped()).spawn().unwrap();
    let mut said = String::new();
    BufReader::new(holder.stdout.take().unwrap()).read_line(&mut said).unwrap();
    assert_eq!(said.trim(), "open");
    let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).unwrap();
    let refused = Wallet::open(config(&dir), keys.clone()).await;
    assert!(matches!(refused, Err(SweepError::WalletInUse { .. })), "{:?}", refused.err());
    holder.kill().unwrap(); // SIGKILL: the OS lets go of the lock
    holder.wait().unwrap();
    let wallet = Wallet::open(config(&dir), keys.clone()).await.expect("free once its holder died");
    wallet.verify_ledger().await.unwrap();
    wallet.close();
    keys.delete_key().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_creating_one_wallet_at_once_leave_it_readable() {
    for round in 0..10 {
        let folder = tempfile::tempdir().unwrap();
        let dir = folder.path().display().to_string();
        let racers: Vec<_> = (0..2).map(|_| worker(&dir, "create").spawn().unwrap()).collect();
        let codes: Vec<i32> = racers.into_iter().map(|mut c| c.wait().unwrap().code().unwrap_or(-1)).collect();
        assert!(
            codes.iter().all(|c| *c == 0 || *c == 3),
            "round {round}: each made it or was told WalletInUse: {codes:?}"
        );
        assert!(codes.contains(&0), "round {round}: one of them made it: {codes:?}");
        let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).unwrap();
        let wallet = Wallet::open(config(&dir), keys.clone()).await.expect("one data key, readable by the next opener");
        let home = wallet.dashboard().await.unwrap();
        assert_eq!(home.sources.len(), codes.iter().filter(|c| **c == 0).count(), "round {round}");
        wallet.verify_ledger().await.unwrap();
        wallet.close();
        keys.delete_key().unwrap();
    }
}
