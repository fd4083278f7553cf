// swift-tools-version: 6.0
// Tools version 6.0 builds every target in the Swift 6 language mode, except
// `SweepCoreBindings`, which holds only the generated bindings: see its
// `swiftSettings`.

import PackageDescription

/// SweepCore for iOS: the generated Swift bindings over the Rust core (the
/// static library inside `SweepCoreFFI.xcframework`), a Keychain
/// `KeyProvider` and a Secure Enclave `Authenticator`. Apps import
/// `SweepCore` alone; it re-exports the bindings.
///
/// `cargo xtask ios` (on a Mac with Xcode) builds the xcframework next to
/// this file and copies the generated `SweepCore.swift` into
/// `Sources/SweepCoreBindings/`; neither is committed.
let package = Package(
    name: "SweepCore",
    // The package's own words (Face ID outcomes) are in English and Korean:
    // Sources/SweepCore/Resources/Localizable.xcstrings.
    defaultLocalization: "en",
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
        // The generated bindings alone. uniffi 0.32 runs the async methods
        // of an app-implemented `SourceConnector` in a `Task` that captures
        // non-Sendable closures, which the Swift 6 language mode rejects as
        // an error (mozilla/uniffi-rs#2929). This target keeps the Swift 5
        // mode with complete concurrency checking, so those findings are
        // warnings; back to `.v6` once the generator is fixed.
        .target(
            name: "SweepCoreBindings",
            dependencies: ["SweepCoreFFI"],
            path: "Sources/SweepCoreBindings",
            swiftSettings: [
                .swiftLanguageMode(.v5),
                .enableUpcomingFeature("StrictConcurrency"),
            ],
            linkerSettings: [
                // The Rust core verifies TLS certificates and reads the
                // protected keychain through Security; proxies and
                // reachability come from SystemConfiguration.
                .linkedFramework("Security"),
                .linkedFramework("SystemConfiguration"),
                .linkedFramework("CoreFoundation"),
            ]
        ),
        // The hand-written Keychain and Secure Enclave code, in the Swift 6
        // language mode: concurrency findings here are errors.
        .target(
            name: "SweepCore",
            dependencies: ["SweepCoreBindings"],
            path: "Sources/SweepCore",
            resources: [.process("Resources")],
            linkerSettings: [
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
