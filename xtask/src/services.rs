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
/// The OpenID provider the OAuth tests sign in to.
const OIDC_PROVIDER: &str = "oidc-provider@9.13";
/// The tus server the upload tests send captures to, and its file store.
const TUS_SERVER: &str = "@tus/server@2.4";
const TUS_FILE_STORE: &str = "@tus/file-store@2.1";

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

/// Installs an npm package into the project-local `.tools/` unless
/// `installed` (a path inside `node_modules`) is already there.
fn npm_install(package: &str, installed: &str) -> Result<PathBuf, String> {
    let path = tools_dir().join("node_modules").join(installed);
    if !path.exists() {
        std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
        step(
            &format!("install {package} into .tools/"),
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
                .arg(tools_dir())
                .arg(package),
        )?;
    }
    Ok(path)
}

/// Prism, installed once.
fn prism_binary() -> Result<PathBuf, String> {
    npm_install(PRISM, ".bin/prism")
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

/// Starts `command` on a free port (given by `args(port)`), logging to
/// `target/<name>-<port>.log`, and waits until it listens.
fn start(name: &'static str, mut command: Command, args: impl FnOnce(u16) -> Vec<String>) -> Result<Service, String> {
    let port = free_port()?;
    let log_path = root().join(format!("target/{name}-{port}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let mut child = command
        .current_dir(root())
        .args(args(port))
        .stdout(Stdio::from(log.try_clone().map_err(|e| e.to_string())?))
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("start {name}: {e}"))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if let Err(e) = wait_for(addr, &mut child, Duration::from_secs(60)) {
        let _ = child.kill();
        return Err(format!("{name} {e}; see {}", log_path.display()));
    }
    Ok(Service { name, child, url: format!("http://{addr}") })
}

/// Prism in mock mode for a spec: it answers from the spec's examples.
pub fn prism_mock(spec: &str) -> Result<Service, String> {
    println!("\n==> start Prism mock for {spec}");
    let spec = spec.to_owned();
    start("prism", Command::new(prism_binary()?), move |port| {
        vec!["mock".into(), "-h".into(), "127.0.0.1".into(), "-p".into(), port.to_string(), spec]
    })
}

/// Prism in proxy mode with `--errors`: it forwards to `upstream` and
/// fails any request or response that breaks the spec.
pub fn prism_proxy(spec: &str, upstream: &str) -> Result<Service, String> {
    println!("\n==> start Prism proxy (--errors) for {spec} in front of {upstream}");
    let (spec, upstream) = (spec.to_owned(), upstream.to_owned());
    start("prism", Command::new(prism_binary()?), move |port| {
        let port = port.to_string();
        ["proxy", "--errors", "-h", "127.0.0.1", "-p", &port, &spec, &upstream].map(String::from).to_vec()
    })
}

/// A real OpenID provider (npm `oidc-provider`) with one public PKCE
/// client, from `tests/oidc/server.mjs`.
pub fn oidc_provider() -> Result<Service, String> {
    npm_install(OIDC_PROVIDER, "oidc-provider/package.json")?;
    println!("\n==> start oidc-provider");
    let mut node = Command::new("node");
    node.env("SWEEP_NODE_MODULES", tools_dir().join("node_modules"));
    start("oidc-provider", node, |port| vec!["tests/oidc/server.mjs".into(), port.to_string()])
}

/// A real tus server (npm `@tus/server` with its file store), from
/// `tests/tus/server.mjs`; uploads land in `store`.
pub fn tus_server(store: &std::path::Path) -> Result<Service, String> {
    npm_install(TUS_SERVER, "@tus/server/package.json")?;
    npm_install(TUS_FILE_STORE, "@tus/file-store/package.json")?;
    println!("\n==> start the tus server");
    let mut node = Command::new("node");
    node.env("SWEEP_NODE_MODULES", tools_dir().join("node_modules"));
    let store = store.display().to_string();
    start("tus", node, move |port| vec!["tests/tus/server.mjs".into(), port.to_string(), store])
}

/// The sandbox provider, from the workspace's debug build.
pub fn sandbox() -> Result<Service, String> {
    step("build the sandbox provider", crate::run::cargo().args(["build", "-p", "sweep-sandbox"]))?;
    println!("\n==> start the sandbox provider");
    let binary = root().join("target/debug").join(format!("sweep-sandbox{}", std::env::consts::EXE_SUFFIX));
    start("sandbox", Command::new(binary), |port| vec![port.to_string()])
}
