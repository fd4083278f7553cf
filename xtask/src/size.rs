//! Library size: the stripped `release-mobile` build against the 5 MB
//! budget (`cargo xtask size`), and the ELF facts the Android build checks.

use std::path::Path;
use std::process::Command;

use crate::run::{cargo_for_apps, dylib_name, root, step};

/// The most the stripped x86_64 `release-mobile` library may weigh.
pub const BUDGET_BYTES: u64 = 5_000_000;

/// Builds `sweep-ffi` with `profile` and returns the stripped library's size.
pub fn stripped_size(profile: &str) -> Result<u64, String> {
    step(&format!("build sweep-ffi ({profile})"), cargo_for_apps(&[]).args(["build", "-p", "sweep-ffi", "--profile", profile]))?;
    let library = root().join("target").join(profile).join(dylib_name("sweep_ffi"));
    // The profile strips symbols; strip again in case the toolchain left any.
    let stripped = library.with_extension("stripped.so");
    std::fs::copy(&library, &stripped).map_err(|e| e.to_string())?;
    let _ = Command::new("strip").arg(&stripped).status();
    Ok(std::fs::metadata(&stripped).map_err(|e| e.to_string())?.len())
}

/// `cargo xtask size`: fails when the library is over the budget.
pub fn check() -> Result<(), String> {
    let size = stripped_size("release-mobile")?;
    let mb = |bytes: u64| bytes as f64 / 1_000_000.0;
    println!("stripped x86_64 release-mobile libsweep_ffi: {:.2} MB (budget {:.2} MB)", mb(size), mb(BUDGET_BYTES));
    if size > BUDGET_BYTES {
        return Err(format!("the library is {:.2} MB, over the {:.2} MB budget", mb(size), mb(BUDGET_BYTES)));
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
