//! Library size: the stripped arm64 `release-mobile` build against the
//! 5 MB budget, with the x86_64 build reported beside it (`cargo xtask
//! size`), and the ELF facts the Android build checks.

use std::path::Path;
use std::process::Command;

use crate::run::{cargo_for_apps, dylib_name, root, step};

/// The most the stripped library for phones (arm64) may weigh.
pub const BUDGET_BYTES: u64 = 5_000_000;

/// The architecture of the phones Sweep runs on (Android's arm64-v8a and
/// iOS): the budget is checked on a build for it (ADR 0010).
const PHONE_TARGET: &str = "aarch64-unknown-linux-gnu";

/// Builds `sweep-ffi` with `profile` for this machine and returns the
/// stripped library's size.
pub fn stripped_size(profile: &str) -> Result<u64, String> {
    step(
        &format!("build sweep-ffi ({profile})"),
        cargo_for_apps(&[]).args(["build", "-p", "sweep-ffi", "--profile", profile]),
    )?;
    let library = root().join("target").join(profile).join(dylib_name("sweep_ffi"));
    stripped(&library, "strip")
}

/// A stripped copy's size (the profile strips symbols; strip again in case
/// the toolchain left any).
fn stripped(library: &Path, strip: &str) -> Result<u64, String> {
    let copy = library.with_extension("stripped.so");
    std::fs::copy(library, &copy).map_err(|e| format!("{}: {e}", library.display()))?;
    let _ = Command::new(strip).arg(&copy).status();
    Ok(std::fs::metadata(&copy).map_err(|e| e.to_string())?.len())
}

/// What an arm64 build needs here: Debian's cross compiler (ring's and
/// SQLite's C, and the link driver), LLVM's linker (as Android's NDK and
/// Xcode use), and Rust's arm64 standard library. The missing ones, named.
fn missing_phone_tools() -> Vec<&'static str> {
    let runs = |program: &str| Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    let mut missing = Vec::new();
    if !runs("aarch64-linux-gnu-gcc") {
        missing.push("aarch64-linux-gnu-gcc (apt install gcc-aarch64-linux-gnu)");
    }
    if !runs("ld.lld") {
        missing.push("ld.lld (apt install lld)");
    }
    let std_lib = Command::new("rustc").args(["--print", "target-libdir", "--target", PHONE_TARGET]).output();
    if !std_lib.is_ok_and(|o| o.status.success() && Path::new(String::from_utf8_lossy(&o.stdout).trim()).is_dir()) {
        missing.push("Rust's arm64 standard library (rustup target add aarch64-unknown-linux-gnu)");
    }
    missing
}

/// Builds `release-mobile` for arm64 and returns the stripped size. Linked
/// by lld through the cross compiler's driver (gcc finds `ld.lld` in a
/// directory of links made here), with relative relocations packed, as
/// the phones' own builds pack them.
fn phone_size() -> Result<u64, String> {
    let lld = root().join("target/cross-lld");
    std::fs::create_dir_all(&lld).map_err(|e| e.to_string())?;
    let found = which("ld.lld").ok_or("ld.lld is not on PATH")?;
    for name in ["ld.lld", "ld"] {
        let link = lld.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&found, &link).map_err(|e| e.to_string())?;
    }
    let flags = [
        "-Clink-arg=-fuse-ld=lld".to_owned(),
        format!("-Clink-arg=-B{}/", lld.display()),
        "-Clink-arg=-Wl,--pack-dyn-relocs=relr".to_owned(),
    ];
    let mut build = cargo_for_apps(&flags);
    build
        .env("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER", "aarch64-linux-gnu-gcc")
        .env("CC_aarch64_unknown_linux_gnu", "aarch64-linux-gnu-gcc")
        .env("AR_aarch64_unknown_linux_gnu", "aarch64-linux-gnu-ar")
        .args(["build", "-p", "sweep-ffi", "--profile", "release-mobile", "--target", PHONE_TARGET]);
    step("build sweep-ffi for arm64 (release-mobile)", &mut build)?;
    let library = root().join("target").join(PHONE_TARGET).join("release-mobile/libsweep_ffi.so");
    stripped(&library, "aarch64-linux-gnu-strip")
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// `cargo xtask size`: fails when the arm64 library is over the budget.
/// The x86_64 library (emulators, and the tests here) is reported beside
/// it. Without the arm64 tools the check is skipped with a notice, and
/// fails under `CI=true`.
pub fn check() -> Result<(), String> {
    let mb = |bytes: u64| bytes as f64 / 1_000_000.0;
    let missing = missing_phone_tools();
    let phone = if missing.is_empty() {
        Some(phone_size()?)
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        return Err(format!("the size check needs an arm64 build; missing: {}", missing.join(", ")));
    } else {
        println!("\nSKIPPED: the arm64 size check (the budget) needs {}", missing.join(", "));
        None
    };
    let host = stripped_size("release-mobile")?;
    println!("stripped x86_64 release-mobile libsweep_ffi: {:.2} MB (emulators; reported, not budgeted)", mb(host));
    let Some(phone) = phone else { return Ok(()) };
    println!("stripped arm64 release-mobile libsweep_ffi: {:.2} MB (budget {:.2} MB)", mb(phone), mb(BUDGET_BYTES));
    if phone > BUDGET_BYTES {
        return Err(format!("the arm64 library is {:.2} MB, over the {:.2} MB budget", mb(phone), mb(BUDGET_BYTES)));
    }
    Ok(())
}

/// A file's size in megabytes (10^6 bytes).
pub fn file_mb(path: &Path) -> Result<f64, String> {
    Ok(std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?.len() as f64 / 1_000_000.0)
}

/// The smallest alignment of an ELF file's LOAD segments (32- or 64-bit,
/// little-endian): Android's 16 KB page check.
pub fn min_load_alignment(path: &Path) -> Result<u64, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_alignment(&bytes).ok_or_else(|| format!("{}: not a little-endian ELF file", path.display()))
}

fn load_alignment(elf: &[u8]) -> Option<u64> {
    if elf.get(..4)? != b"\x7fELF" || *elf.get(5)? != 1 {
        return None;
    }
    let wide = *elf.get(4)? == 2;
    let int = |at: usize, len: usize| -> Option<u64> {
        let mut value = 0u64;
        for (i, b) in elf.get(at..at + len)?.iter().enumerate() {
            value |= u64::from(*b) << (8 * i);
        }
        Some(value)
    };
    let (phoff, phentsize, phnum) = if wide {
        (int(0x20, 8)?, int(0x36, 2)?, int(0x38, 2)?)
    } else {
        (int(0x1c, 4)?, int(0x2a, 2)?, int(0x2c, 2)?)
    };
    let mut smallest = None;
    for n in 0..phnum {
        let header = (phoff + n * phentsize) as usize;
        if int(header, 4)? != 1 {
            continue; // not PT_LOAD
        }
        let align = if wide { int(header + 0x30, 8)? } else { int(header + 0x1c, 4)? };
        smallest = Some(smallest.map_or(align, |s: u64| s.min(align)));
    }
    smallest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_library_is_not_also_built_as_an_rlib() {
        // Cargo drops LTO for every crate type of a package that is also an
        // rlib (rust-lang/cargo#9672): the library would grow by 0.8 MB
        // without a word. The size check would catch it too, but only in a
        // release build; this says why at once.
        let manifest = std::fs::read_to_string(root().join("bindings/Cargo.toml")).unwrap();
        let crate_types = manifest
            .lines()
            .find(|line| line.trim_start().starts_with("crate-type"))
            .expect("bindings/Cargo.toml names its crate types");
        assert!(crate_types.contains("\"cdylib\"") && crate_types.contains("\"staticlib\""), "{crate_types}");
        assert!(!crate_types.contains("\"lib\"") && !crate_types.contains("\"rlib\""), "{crate_types}");
    }

    #[test]
    fn the_host_library_has_load_segments_aligned_to_a_page_or_more() {
        // The xtask binary itself is an ELF file on Linux: its LOAD
        // segments are aligned to at least 4 KB.
        let me = std::env::current_exe().unwrap();
        if cfg!(target_os = "linux") {
            assert!(min_load_alignment(&me).unwrap() >= 4_096);
        }
        assert_eq!(load_alignment(b"not an ELF file"), None);
    }
}
