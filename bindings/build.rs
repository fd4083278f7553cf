//! Link flags for the shipped library only (the cdylib), not for the test
//! binaries: relative relocations packed into `.relr.dyn`, which cuts the
//! dynamic relocation table from about 380 KB to 7 KB, and identical code
//! folded. glibc reads RELR from 2.36 on; Android builds choose their own
//! flag (`cargo xtask android`), because bionic reads RELR only from API
//! level 30. zig's linker driver (cargo-zigbuild, used here to measure an
//! arm64 build) takes neither flag, so both are left out there.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "linux" || env != "gnu" {
        return;
    }
    let target = std::env::var("TARGET").unwrap_or_default().to_uppercase().replace('-', "_");
    let linker_var = format!("CARGO_TARGET_{target}_LINKER");
    println!("cargo:rerun-if-env-changed={linker_var}");
    let zig = std::env::var(&linker_var).is_ok_and(|linker| linker.contains("zig"));
    if !zig {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
    }
}
