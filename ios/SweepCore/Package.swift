// swift-tools-version: 6.0
// The Swift 6 language mode (the default for tools version 6.0) turns on
// complete concurrency checking for every target, the generated code included.

import PackageDescription

/// SweepCore for iOS: the generated Swift bindings over the Rust core (the
/// static library inside `SweepCoreFFI.xcframework`), a Keychain
/// `KeyProvider` and a Secure Enclave `Authenticator`.
///
/// `cargo xtask ios` (on a Mac with Xcode) builds the xcframework next to
/// this file and copies the generated `SweepCore.swift` into
/// `Sources/SweepCore/Generated/`; neither is committed.
let package = Package(
    name: "SweepCore",
    platforms: [.iOS(.v16)],
    products: [
        .library(name: "SweepCore", targets: ["SweepCore"]),
    ],
    targets: [
        // libsweep_ffi.a for aarch64-apple-ios, and aarch64-apple-ios-sim plus
        // x86_64-apple-ios (one fat simulator slice), with the C header and
        // `module.modulemap` of the `SweepCoreFFI` module.
        .binaryTarget(
            name: "SweepCoreFFI",
            path: "SweepCoreFFI.xcframework"
        ),
        .target(
            name: "SweepCore",
            dependencies: ["SweepCoreFFI"],
            path: "Sources/SweepCore",
            linkerSettings: [
                // The Rust core verifies TLS certificates and reads the
                // protected keychain through Security; proxies and
                // reachability come from SystemConfiguration.
                .linkedFramework("Security"),
                .linkedFramework("SystemConfiguration"),
                .linkedFramework("CoreFoundation"),
                .linkedFramework("LocalAuthentication"),
            ]
        ),
        .testTarget(
            name: "SweepCoreTests",
            dependencies: ["SweepCore"],
            path: "Tests/SweepCoreTests"
        ),
    ]
)
