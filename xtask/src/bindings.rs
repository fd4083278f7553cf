//! `cargo xtask gen-bindings`: Kotlin, Swift and Python from the built
//! library, configured by the top-level `uniffi.toml`, then polished
//! (`polish.rs`: readable error messages).

use std::path::PathBuf;

use crate::run::{cargo, dylib_name, root, step};

/// The languages we generate, and where each goes under `target/bindings/`.
pub const LANGUAGES: [&str; 3] = ["kotlin", "swift", "python"];

/// The debug build of the library the bindings load.
pub fn library() -> PathBuf {
    root().join("target/debug").join(dylib_name("sweep_ffi"))
}

/// The output directory for one language.
pub fn out_dir(language: &str) -> PathBuf {
    root().join("target/bindings").join(language)
}

/// Bindings for the libraries apps ship: generated from a debug build of
/// the host library without the `samples` feature, like the packaged
/// libraries, so the generated code calls nothing they lack. (A stripped
/// `release-mobile` library has no symbol table, so bindgen finds no
/// metadata in it.) Returns the output directory.
pub fn generate_for_apps(language: &str) -> Result<PathBuf, String> {
    step(
        "build sweep-ffi (debug, without samples, for the bindings' metadata)",
        cargo().args(["build", "-p", "sweep-ffi"]),
    )?;
    step(
        "build uniffi-bindgen",
        cargo().args(["build", "-p", "sweep-ffi", "--features", "cli", "--bin", "uniffi-bindgen"]),
    )?;
    let library = library();
    let out = root().join("target/bindings-apps").join(language);
    let _ = std::fs::remove_dir_all(&out);
    let mut cmd = std::process::Command::new(root().join("target/debug/uniffi-bindgen"));
    cmd.current_dir(root())
        .args(["generate", "--library"])
        .arg(&library)
        .args(["--language", language, "--no-format", "--config", "uniffi.toml", "--out-dir"])
        .arg(&out);
    step(&format!("generate {language} for apps"), &mut cmd)?;
    crate::polish::polish(language, &out)?;
    Ok(out)
}

/// Builds `sweep-ffi` (debug) and generates every language. Returns the library path.
pub fn generate() -> Result<PathBuf, String> {
    // With the sample photo writer the binding tests use; size checks and
    // app builds leave the feature out.
    step("build sweep-ffi", cargo().args(["build", "-p", "sweep-ffi", "--features", "samples"]))?;
    step(
        "build uniffi-bindgen",
        cargo().args(["build", "-p", "sweep-ffi", "--features", "cli", "--bin", "uniffi-bindgen"]),
    )?;
    let bindgen = root().join("target/debug/uniffi-bindgen");
    let library = library();
    for language in LANGUAGES {
        let out = out_dir(language);
        let _ = std::fs::remove_dir_all(&out);
        let mut cmd = std::process::Command::new(&bindgen);
        cmd.current_dir(root())
            .args(["generate", "--library"])
            .arg(&library)
            .args(["--language", language, "--no-format", "--config", "uniffi.toml", "--out-dir"])
            .arg(&out);
        step(&format!("generate {language}"), &mut cmd)?;
        crate::polish::polish(language, &out)?;
    }
    // Python loads the library from next to its module.
    let python_lib = out_dir("python").join(dylib_name("sweep_ffi"));
    std::fs::copy(&library, &python_lib).map_err(|e| format!("copy the library for Python: {e}"))?;
    println!("\nBindings are in {}", root().join("target/bindings").display());
    Ok(library)
}
