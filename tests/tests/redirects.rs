//! The core never follows a redirect: a server that answers 307 towards
//! another host gets nothing sent there, and nothing it points at is read
//! or cached. Two loopback servers play the parts: one answers every
//! request with a 307 to the other, which counts who reaches it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sweep_core::sources::{SourceApiConnector, SourceConnector};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that counts the connections it gets and answers 404.
async fn elsewhere() -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&hits);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = socket.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
        }
    });
    (url, hits)
}

/// A server that answers every request with a 307 to `target` plus the path.
async fn redirector(target: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let target = target.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let answer = format!(
                    "HTTP/1.1 307 Temporary Redirect\r\nlocation: {target}{path}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fee_schedule_is_never_fetched_from_where_a_redirect_points() {
    let (target, hits) = elsewhere().await;
    let provider = redirector(target).await;
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    let err = wallet.refresh_fee_schedule(format!("{provider}/sweep-provider/v1")).await.unwrap_err();
    assert_eq!(err, SweepError::SourceFailed { status: 307 }, "a redirect is an answer, not an instruction");
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing was sent where it pointed");
    assert!(matches!(wallet.estimate(sweep_tests::withdrawing::everything()).await, Err(SweepError::NoFeeSchedule)));
    wallet.close();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_never_carried_to_where_a_redirect_points() {
    let (target, hits) = elsewhere().await;
    let platform = redirector(target).await;
    let connector = SourceApiConnector::new(&format!("{platform}/sweep/v1"), "sk-secret-token".into()).unwrap();
    let err = connector.fetch_balances().await.unwrap_err();
    assert_eq!(err, SweepError::SourceFailed { status: 307 });
    assert_eq!(hits.load(Ordering::SeqCst), 0, "the bearer token stayed home");
}
