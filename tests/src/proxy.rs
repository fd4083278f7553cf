//! A TCP proxy that cuts connections: after a connection has carried a
//! given number of request bytes it is dropped in the middle of whatever it
//! was sending (for uploads, a `PATCH` body). It counts what it forwarded,
//! and can refuse every new connection, as a network that went away would.
//! It can also hold back the answer to a chosen request past the client's
//! time limit, after the server acted on it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Default)]
struct Counters {
    forwarded: AtomicU64,
    cuts_left: AtomicU64,
    cuts_made: AtomicU64,
    refusing: AtomicBool,
    refuse_after_cuts: AtomicBool,
    delays_left: AtomicU64,
    delays_made: AtomicU64,
    delay_ms: AtomicU64,
    delay_prefix: std::sync::Mutex<Vec<u8>>,
}

impl Counters {
    /// Whether this request's answer is to be held back (using one delay).
    fn takes_delay(&self, request: &[u8]) -> bool {
        let prefix = self.delay_prefix.lock().unwrap_or_else(|p| p.into_inner());
        !prefix.is_empty()
            && request.starts_with(&prefix)
            && self.delays_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |d| d.checked_sub(1)).is_ok()
    }
}

/// A running proxy; it stops accepting when dropped.
pub struct CuttingProxy {
    addr: SocketAddr,
    counters: Arc<Counters>,
    task: tokio::task::JoinHandle<()>,
}

impl CuttingProxy {
    /// Proxies to `upstream`, cutting the first `cuts` connections that
    /// carry more than `cut_after` request bytes.
    pub async fn start(upstream: SocketAddr, cut_after: u64, cuts: u64) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().expect("bound");
        let counters = Arc::new(Counters::default());
        counters.cuts_left.store(cuts, Ordering::SeqCst);
        let shared = Arc::clone(&counters);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if shared.refusing.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                tokio::spawn(relay(client, upstream, Arc::clone(&shared), cut_after));
            }
        });
        CuttingProxy { addr, counters, task }
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Request bytes forwarded upstream so far.
    pub fn forwarded(&self) -> u64 {
        self.counters.forwarded.load(Ordering::SeqCst)
    }

    /// Connections cut so far.
    pub fn cuts_made(&self) -> u64 {
        self.counters.cuts_made.load(Ordering::SeqCst)
    }

    /// Once the cuts are used up, refuses everything, as a network that
    /// went away at that moment would; no race with the client's retry.
    pub fn go_dark_after_cuts(&self) {
        self.counters.refuse_after_cuts.store(true, Ordering::SeqCst);
    }

    /// Refuses (closes at once) every new connection, and every request on
    /// an open one, while `on`.
    pub fn refuse(&self, on: bool) {
        self.counters.refusing.store(on, Ordering::SeqCst);
    }

    /// Holds back the answer to each of the next `count` requests that
    /// start with `prefix` (for example `POST /v1/withdrawals `) for
    /// `delay`: the server acts, the client hears nothing in time.
    pub fn delay_answers(&self, prefix: &str, count: u64, delay: std::time::Duration) {
        *self.counters.delay_prefix.lock().unwrap_or_else(|p| p.into_inner()) = prefix.as_bytes().to_vec();
        self.counters.delay_ms.store(delay.as_millis() as u64, Ordering::SeqCst);
        self.counters.delays_left.store(count, Ordering::SeqCst);
    }

    /// Answers held back so far.
    pub fn delays_made(&self) -> u64 {
        self.counters.delays_made.load(Ordering::SeqCst)
    }

    /// Cuts this many more connections past the threshold.
    pub fn cut_more(&self, cuts: u64) {
        self.counters.cuts_left.store(cuts, Ordering::SeqCst);
    }
}

impl Drop for CuttingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn relay(mut client: TcpStream, upstream: SocketAddr, counters: Arc<Counters>, cut_after: u64) {
    let Ok(mut server) = TcpStream::connect(upstream).await else { return };
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let hold_next_answer = AtomicBool::new(false);
    let answers = async {
        let mut buf = vec![0u8; 8 * 1024];
        loop {
            let n = match server_read.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if hold_next_answer.swap(false, Ordering::SeqCst) {
                counters.delays_made.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(counters.delay_ms.load(Ordering::SeqCst))).await;
            }
            if client_write.write_all(&buf[..n]).await.is_err() {
                return;
            }
        }
    };
    let requests = async {
        let mut buf = vec![0u8; 8 * 1024];
        let mut carried = 0u64;
        loop {
            let n = match client_read.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if counters.refusing.load(Ordering::SeqCst) {
                return;
            }
            if counters.takes_delay(&buf[..n]) {
                hold_next_answer.store(true, Ordering::SeqCst);
            }
            let mut n = n as u64;
            let cut = carried + n > cut_after
                && counters.cuts_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |c| c.checked_sub(1)).is_ok();
            if cut {
                n = cut_after.saturating_sub(carried);
            }
            if server_write.write_all(&buf[..n as usize]).await.is_err() {
                return;
            }
            counters.forwarded.fetch_add(n, Ordering::SeqCst);
            carried += n;
            if cut {
                counters.cuts_made.fetch_add(1, Ordering::SeqCst);
                if counters.cuts_left.load(Ordering::SeqCst) == 0 && counters.refuse_after_cuts.load(Ordering::SeqCst) {
                    counters.refusing.store(true, Ordering::SeqCst);
                }
                return;
            }
        }
    };
    // Whichever side ends first ends the connection: a cut drops both.
    tokio::select! {
        _ = answers => {}
        _ = requests => {}
    }
}
