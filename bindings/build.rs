//! Link flags for the shipped library only (the cdylib), not for the test
//! binaries: relative relocations packed into `.relr.dyn`, which cuts the
//! dynamic relocation table from about 380 KB to 7 KB. glibc reads them
//! from 2.36 on; Android builds choose their own flag (`cargo xtask
//! android`), because bionic reads RELR only from API level 30.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
    }
}
