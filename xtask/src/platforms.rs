//! `cargo xtask android` and `cargo xtask ios`: the native libraries and the
//! packages app teams drop into their builds.
//!
//! Neither can run on the project's Linux CI: the first needs the Android
//! NDK and cargo-ndk, the second a Mac with Xcode. Each checks for its
//! tools first and stops with a message that says what is missing; the
//! hosted workflows in `.github/workflows/` run them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{cargo_for_apps, root, step};
use crate::{bindings, size};

/// The Android ABIs shipped, as cargo-ndk names them.
const ANDROID_ABIS: [&str; 3] = ["arm64-v8a", "armeabi-v7a", "x86_64"];
/// The lowest Android API level the library links against: the modules'
/// `minSdk` (android/*/build.gradle.kts). cargo-ndk's own default is lower.
const ANDROID_MIN_SDK: &str = "24";
/// Android 15 devices may use 16 KB pages; every LOAD segment must be
/// aligned to at least that.
const ANDROID_PAGE: u64 = 16 * 1024;
/// The iOS targets: devices, and the simulator on both Mac architectures.
const IOS_DEVICE: &str = "aarch64-apple-ios";
const IOS_SIMULATORS: [&str; 2] = ["aarch64-apple-ios-sim", "x86_64-apple-ios"];

fn have(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok_and(|out| out.status.success())
}

/// Builds the .so for three ABIs with 16 KB page alignment, copies them
/// and the generated Kotlin into `android/sweepcore`, checks the
/// alignment, and assembles the AAR when Gradle is there.
pub fn android() -> Result<(), String> {
    let ndk = std::env::var("ANDROID_NDK_HOME").or_else(|_| std::env::var("ANDROID_NDK_ROOT")).ok();
    if ndk.is_none() || !have("cargo", "ndk") && !have("cargo-ndk", "--version") {
        return Err("cargo xtask android needs the Android NDK (set ANDROID_NDK_HOME) and cargo-ndk \
                    (cargo install cargo-ndk). This project's Linux CI has neither; \
                    .github/workflows/android.yml runs this step. See android/README.md."
            .into());
    }
    let module = root().join("android/sweepcore");
    let jni_libs = module.join("src/main/jniLibs");
    let mut build = cargo_for_apps(&[format!("-Clink-arg=-Wl,-z,max-page-size={ANDROID_PAGE}")]);
    build.args(["ndk", "--platform", ANDROID_MIN_SDK]);
    for abi in ANDROID_ABIS {
        build.args(["-t", abi]);
    }
    build.arg("-o").arg(&jni_libs).args(["build", "-p", "sweep-ffi", "--profile", "release-mobile"]);
    step("build sweep-ffi for Android (cargo-ndk, 16 KB pages)", &mut build)?;
    for abi in ANDROID_ABIS {
        let library = jni_libs.join(abi).join("libsweep_ffi.so");
        let align = size::min_load_alignment(&library)?;
        if align < ANDROID_PAGE {
            return Err(format!("{}: LOAD segments aligned to {align} bytes, not 16 KB", library.display()));
        }
        println!("{abi}: {:.2} MB, LOAD alignment {align}", size::file_mb(&library)?);
    }
    let kotlin = bindings::generate_for_apps("kotlin")?;
    copy_dir(&kotlin, &module.join("src/main/kotlin/generated"))?;
    if have("gradle", "--version") {
        step(
            "assemble the AAR",
            Command::new("gradle").current_dir(root().join("android")).arg(":sweepcore:assembleRelease"),
        )?;
    } else {
        println!("Gradle is not installed: run `gradle :sweepcore:assembleRelease` in android/ to make the AAR.");
    }
    Ok(())
}

/// Builds the static libraries, the XCFramework and the Swift package's
/// sources. Needs macOS with Xcode.
pub fn ios() -> Result<(), String> {
    if !cfg!(target_os = "macos") || !have("xcodebuild", "-version") {
        return Err("cargo xtask ios needs a Mac with Xcode (xcodebuild). This project's Linux CI has \
                    neither; .github/workflows/ios.yml runs this step. See ios/README.md."
            .into());
    }
    for target in std::iter::once(IOS_DEVICE).chain(IOS_SIMULATORS) {
        step(
            &format!("build sweep-ffi for {target}"),
            cargo_for_apps(&[]).args(["build", "-p", "sweep-ffi", "--profile", "release-mobile", "--target", target]),
        )?;
    }
    let lib = |target: &str| root().join("target").join(target).join("release-mobile/libsweep_ffi.a");
    let simulators = root().join("target/ios-simulator/libsweep_ffi.a");
    std::fs::create_dir_all(simulators.parent().expect("a directory")).map_err(|e| e.to_string())?;
    let mut lipo = Command::new("lipo");
    lipo.arg("-create").args(IOS_SIMULATORS.map(lib)).arg("-output").arg(&simulators);
    step("one simulator library for both architectures", &mut lipo)?;

    let swift = bindings::generate_for_apps("swift")?;
    let headers = root().join("target/ios-headers");
    copy_dir(&swift, &headers)?;
    std::fs::remove_file(headers.join("SweepCore.swift")).map_err(|e| e.to_string())?;
    // Xcode looks for module.modulemap inside the framework's headers.
    std::fs::rename(headers.join("SweepCoreFFI.modulemap"), headers.join("module.modulemap"))
        .map_err(|e| e.to_string())?;
    let package = root().join("ios/SweepCore");
    let xcframework = package.join("SweepCoreFFI.xcframework");
    let _ = std::fs::remove_dir_all(&xcframework);
    let mut create = Command::new("xcodebuild");
    create.arg("-create-xcframework");
    for library in [lib(IOS_DEVICE), simulators] {
        create.arg("-library").arg(library).arg("-headers").arg(&headers);
    }
    create.arg("-output").arg(&xcframework);
    step("create SweepCoreFFI.xcframework", &mut create)?;
    // Its own target, the one built in the Swift 5 language mode (Package.swift).
    let generated = package.join("Sources/SweepCoreBindings");
    std::fs::create_dir_all(&generated).map_err(|e| e.to_string())?;
    std::fs::copy(swift.join("SweepCore.swift"), generated.join("SweepCore.swift")).map_err(|e| e.to_string())?;
    println!("Swift package ready: {}", package.display());
    Ok(())
}

fn copy_dir(from: &Path, to: &PathBuf) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `name = "value"` lines of the `[versions]` table.
    fn gradle_versions() -> Vec<(String, String)> {
        let toml = std::fs::read_to_string(root().join("android/gradle/libs.versions.toml")).unwrap();
        toml.lines()
            .skip_while(|line| line.trim() != "[versions]")
            .skip(1)
            .take_while(|line| !line.trim_start().starts_with('['))
            .filter_map(|line| line.split_once('='))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().trim_matches('"').to_owned()))
            .collect()
    }

    fn pom_property(name: &str) -> String {
        let pom = std::fs::read_to_string(root().join("android/presentation/pom.xml")).unwrap();
        let open = format!("<{name}>");
        let start = pom.find(&open).unwrap_or_else(|| panic!("no {open} in the pom")) + open.len();
        pom[start..].split('<').next().unwrap().trim().to_owned()
    }

    /// The hosted workflows build what these commands build: the same Rust
    /// targets, through the same xtask commands.
    #[test]
    fn the_hosted_workflows_run_these_commands_for_these_targets() {
        let workflow = |name: &str| std::fs::read_to_string(root().join(".github/workflows").join(name)).unwrap();
        let android = workflow("android.yml");
        assert!(android.contains("run: cargo xtask android"));
        for triple in ["aarch64-linux-android", "armv7-linux-androideabi", "x86_64-linux-android"] {
            assert!(android.contains(triple), "android.yml installs no {triple} target");
        }
        assert_eq!(ANDROID_ABIS, ["arm64-v8a", "armeabi-v7a", "x86_64"], "one triple per ABI above");
        let ios = workflow("ios.yml");
        assert!(ios.contains("run: cargo xtask ios"));
        for target in std::iter::once(IOS_DEVICE).chain(IOS_SIMULATORS) {
            assert!(ios.contains(target), "ios.yml installs no {target} target");
        }
    }

    #[test]
    fn the_native_library_targets_the_modules_min_sdk() {
        for module in ["sweepcore", "presentation", "app"] {
            let gradle = std::fs::read_to_string(root().join(format!("android/{module}/build.gradle.kts"))).unwrap();
            assert!(gradle.contains(&format!("minSdk = {ANDROID_MIN_SDK}")), "android/{module} has another minSdk");
        }
    }

    #[test]
    fn the_presentation_jvm_build_uses_the_android_builds_versions() {
        let gradle = gradle_versions();
        let version = |name: &str| gradle.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap();
        assert_eq!(pom_property("kotlin.version"), version("kotlin"));
        assert_eq!(pom_property("jna.version"), version("jna"));
        assert_eq!(pom_property("coroutines.version"), version("coroutines"));
    }
}
