//! Running commands, with the workspace paths they need.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf()
}

/// The cargo that runs us, so toolchain overrides carry through.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// `cargo` for a library that ships in the apps: `extra` rustc flags, and
/// source paths in panic locations cut to `crate-1.2.3/src/...` and
/// `core/src/...`. The build machine's directories then never reach a
/// phone, the library is the same wherever the checkout is, and some
/// 25 kB of path text is gone (docs/performance.md). The flags go through
/// `CARGO_ENCODED_RUSTFLAGS`, so a path with spaces stays one flag.
pub fn cargo_for_apps(extra: &[String]) -> Command {
    let mut flags = extra.to_vec();
    let mut prefix = |from: &Path| flags.push(format!("--remap-path-prefix={}/=", from.display()));
    prefix(&root());
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    if let Some(registries) = cargo_home.and_then(|home| std::fs::read_dir(home.join("registry/src")).ok()) {
        for registry in registries.flatten() {
            prefix(&registry.path());
        }
    }
    let mut cmd = cargo();
    cmd.env_remove("RUSTFLAGS").env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}"));
    cmd
}

/// Runs `cmd`, echoing it first; a non-zero exit is an error naming the step.
pub fn step(what: &str, cmd: &mut Command) -> Result<(), String> {
    println!("\n==> {what}\n    $ {}", describe(cmd));
    let status = cmd.status().map_err(|e| format!("{what}: could not start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The file name of a dynamic library on this OS.
pub fn dylib_name(stem: &str) -> String {
    if cfg!(target_os = "macos") {
        format!("lib{stem}.dylib")
    } else if cfg!(windows) {
        format!("{stem}.dll")
    } else {
        format!("lib{stem}.so")
    }
}
