//! Servers the tests need, started by `cargo xtask test` and stopped when
//! it ends: Prism serving our own OpenAPI specs. Each is polled until it
//! answers, with a bound; nothing sleeps a fixed time.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{root, step};

/// The Prism version the specs are checked with.
const PRISM: &str = "@stoplight/prism-cli@5.14";

/// A child process killed on drop.
pub struct Service {
    name: &'static str,
    child: Child,
    /// Its base URL.
    pub url: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        println!("    stopped {}", self.name);
    }
}

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// Installs Prism into the project-local `.tools/` once.
fn prism_binary() -> Result<PathBuf, String> {
    let binary = tools_dir().join("node_modules/.bin/prism");
    if !binary.exists() {
        std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
        step(
            "install Prism into .tools/",
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
                .arg(tools_dir())
                .arg(PRISM),
        )?;
    }
    Ok(binary)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Waits until something accepts connections on `addr`, up to `limit`.
fn wait_for(addr: SocketAddr, child: &mut Child, limit: Duration) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("exited early ({status})"));
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::park_timeout(Duration::from_millis(100));
    }
    Err(format!("not listening on {addr} after {}s", limit.as_secs()))
}

/// Prism in mock mode for one of our specs (`docs/…`).
pub fn prism_mock(spec: &str) -> Result<Service, String> {
    let binary = prism_binary()?;
    let port = free_port()?;
    println!("\n==> start Prism mock for {spec} on port {port}");
    let log = std::fs::File::create(root().join(format!("target/prism-{port}.log"))).map_err(|e| e.to_string())?;
    let mut child = Command::new(binary)
        .current_dir(root())
        .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), spec])
        .stdout(Stdio::from(log.try_clone().map_err(|e| e.to_string())?))
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("start Prism: {e}"))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if let Err(e) = wait_for(addr, &mut child, Duration::from_secs(60)) {
        let _ = child.kill();
        return Err(format!("Prism {e}; see target/prism-{port}.log"));
    }
    Ok(Service { name: "Prism", child, url: format!("http://{addr}") })
}
