//! A refresh cut off by a killed process (issue #14, item 13). The issuer
//! rotates refresh tokens: once it has answered a refresh, the old refresh
//! token is spent. A wallet process killed after the issuer acted and before
//! the answer was saved keeps only the spent token. The next process must
//! not lose the source: it shows it as needing a new sign-in, with its
//! balance and history, and a relink brings back the same source.
//!
//! The wallet runs in a child process (`wallet_worker`, mode `sync`), killed
//! with SIGKILL: first inside the window itself (the sandbox's issuer holds
//! its answer after rotating, and the suite kills the child once the issuer
//! has acted), then at random points of a sync.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sweep_core::sources::{load_link, store_link, AuthState, SourceEndpoint, SourceKind};
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::store::Store;
use sweep_core::{Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::TEST_REDIRECT;

const KEY_SERVICE: &str = "com.sweepwallet.tests.worker";
/// Kills at random points after the one inside the window.
const RANDOM_KILLS: usize = 12;

fn config(dir: &str) -> WalletConfig {
    WalletConfig { data_dir: dir.into(), locale: "ko-KR".into() }
}

/// Starts a child that opens the wallet and syncs it, once it said `open`.
fn start_sync(dir: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wallet_worker"))
        .env("SWEEP_WORKER_DIR", dir)
        .env("SWEEP_WORKER_MODE", "sync")
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the worker starts");
    let mut said = String::new();
    BufReader::new(child.stdout.as_mut().expect("piped")).read_line(&mut said).expect("the worker speaks");
    assert_eq!(said.trim(), "open");
    child
}

/// What time does to a link between two syncs: its access token is due.
fn expire_access_token(dir: &str, keys: &Arc<PlatformKeyProvider>, id: u64) {
    let path = std::path::Path::new(dir).join("sweep-wallet.db");
    let mut store = Store::open(&path, keys.as_ref()).expect("the wallet opens offline");
    let mut link = load_link(&store, id as i64).unwrap().expect("the link is kept");
    link.expires_at_ms = 0;
    store_link(&mut store, id as i64, &link).unwrap();
}

/// A small deterministic generator for the kill times.
fn next(seed: &mut u64, below: u64) -> u64 {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    (*seed >> 33) % below
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_cut_by_sigkill_keeps_the_source_and_a_relink_restores_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().display().to_string();
    let keys = PlatformKeyProvider::new(KEY_SERVICE, &dir).unwrap();
    let wallet = Wallet::open(config(&dir), keys.clone()).await.unwrap();
    let endpoint = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let id = sweep_tests::link_at_sandbox_issuer(&wallet, issuer, "Toss", SourceKind::Wallet, endpoint).await.unwrap();
    assert!(wallet.sync().await.unwrap()[0].synced);
    let balance = wallet.dashboard().await.unwrap().sources[0].balance.formatted.clone();
    wallet.close();

    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    println!("kill-time seed: {seed}");
    let (mut lost, mut kept) = (0, 0);
    for round in 0..=RANDOM_KILLS {
        expire_access_token(&dir, &keys, id);
        let before = sandbox.refreshes();
        if round == 0 {
            // The issuer rotates, then holds its answer until the kill.
            sandbox.set_knobs(Knobs { refresh_answer_delay_ms: 60_000, ..Knobs::default() });
        } else {
            sandbox.set_knobs(Knobs { latency_ms: 15, ..Knobs::default() });
        }
        let mut child = start_sync(&dir);
        if round == 0 {
            let deadline = Instant::now() + Duration::from_secs(30);
            while sandbox.refreshes() == before {
                assert!(Instant::now() < deadline, "the child asked for a refresh");
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        } else {
            // A random point of the sync: the refresh, its answer, the
            // balance read, the save, or after.
            tokio::time::sleep(Duration::from_millis(next(&mut seed, 120))).await;
        }
        child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
        child.wait().expect("the killed child is reaped");
        sandbox.set_knobs(Knobs::default());

        // The next process life.
        let wallet = Wallet::open(config(&dir), keys.clone()).await.expect("the wallet opens after any kill");
        wallet.verify_ledger().await.expect("the ledger verifies after any kill");
        let synced = wallet.sync().await.unwrap()[0].synced;
        // Read after this life's sync, not at the kill: a refresh the child
        // sent just before dying may reach the issuer a moment later. A
        // sync refused for a spent token adds no refresh of its own.
        let spent = sandbox.refreshes() > before;
        let home = wallet.dashboard().await.unwrap();
        assert_eq!(home.sources.len(), 1, "round {round}: nothing lost, nothing doubled");
        assert_eq!((home.sources[0].source_id, &home.sources[0].balance.formatted), (id, &balance));
        if round == 0 {
            assert!(spent && !synced, "the spent refresh token is refused");
        }
        if synced {
            kept += 1;
        } else {
            assert!(spent, "round {round}: only a spent refresh token loses the grant");
            assert_eq!(home.sources[0].auth_state, AuthState::NeedsReauth, "round {round}");
            lost += 1;
            let again = wallet.begin_relink(id).await.unwrap();
            let callback = sweep_tests::play_browser(&again, TEST_REDIRECT).await;
            assert_eq!(wallet.complete_link(callback).await.unwrap().source_id, id, "round {round}: the same source");
            assert!(wallet.sync().await.unwrap()[0].synced, "round {round}: linked again");
        }
        wallet.verify_ledger().await.unwrap();
        wallet.close();
    }
    println!("{} SIGKILLs: {lost} lost a refresh answer and were relinked, {kept} kept their grant", RANDOM_KILLS + 1);
    assert!(lost >= 1);
    keys.delete_key().unwrap();
}
