//! `cargo xtask test`: every test, in one command.
//!
//! 1. Rust: `cargo test --workspace`, with Prism serving
//!    `docs/source-api.yaml` for the Source API contract test.
//! 2. The bindings, generated from a fresh debug build of `sweep-ffi`.
//! 3. Kotlin on the JVM (Maven, JNA) against that library: the bindings'
//!    tests, then the Android app's presentation logic.
//! 4. Python (pytest) against that library.
//! 5. Swift: a syntax check of the generated code and of ios/ (no Swift
//!    compiler runs on Linux CI machines here; see the README).
//! 6. A fuzz smoke run: each fuzz target for a few seconds (nightly and
//!    cargo-fuzz; skipped with a note where they are missing, except on CI).
//! 7. The size budget: the stripped x86_64 `release-mobile` library must
//!    not weigh more than 5 MB (`cargo xtask size`).

use std::path::PathBuf;
use std::process::Command;

use crate::run::{cargo, root, step};
use crate::{bindings, fuzz, services, size};

const VENV: &str = ".venv";

fn venv_python() -> PathBuf {
    root().join(VENV).join("bin/python")
}

/// Creates `.venv` with the pinned test tools, unless it already has them.
pub fn setup_python() -> Result<PathBuf, String> {
    let python = venv_python();
    let requirements = root().join("bindings/python/requirements.txt");
    let stamp = root().join(VENV).join(".sweep-requirements");
    let wanted = std::fs::read_to_string(&requirements).map_err(|e| format!("read {}: {e}", requirements.display()))?;
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(python);
    }
    let system_python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    step("create the Python venv", Command::new(system_python).current_dir(root()).args(["-m", "venv", VENV]))?;
    step(
        "install the Python test tools",
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("write {}: {e}", stamp.display()))?;
    Ok(python)
}

/// Runs the whole suite; stops at the first failing stage.
pub fn all() -> Result<(), String> {
    let specs = std::env::var("SWEEP_SPECS_DIR").unwrap_or_default();
    if specs.is_empty() {
        println!(
            "note: SWEEP_SPECS_DIR is not set; tests of the official specs will print a skip line (.ci/run sets it)."
        );
    }
    // Prism serves our Source API spec and, where SWEEP_SPECS_DIR points at
    // them, the official specs; the contract tests talk to it.
    let source_api_mock = services::prism_mock("docs/source-api.yaml")?;
    let provider_api_mock = services::prism_mock("docs/provider-api.yaml")?;
    let official = [
        ("SWEEP_OBUK_AIS_MOCK", "obuk-account-info-openapi-v4.0.0.yaml"),
        ("SWEEP_OBUK_PIS_MOCK", "obuk-payment-initiation-openapi-v4.0.0.yaml"),
        ("SWEEP_CAMARA_BILLING_MOCK", "camara-carrier-billing-v0.5.0.yaml"),
        ("SWEEP_CAMARA_REFUND_MOCK", "camara-carrier-billing-refund-v0.3.0.yaml"),
        ("SWEEP_CAMARA_NV_MOCK", "camara-number-verification-v2.1.0.yaml"),
        ("SWEEP_CAMARA_KYC_MOCK", "camara-kyc-match-v0.4.0.yaml"),
        ("SWEEP_CAMARA_SIM_SWAP_MOCK", "camara-sim-swap-v2.1.0.yaml"),
    ];
    let mut mocks = Vec::new();
    for (variable, file) in official {
        let spec = std::path::Path::new(&specs).join(file);
        if !specs.is_empty() && spec.is_file() {
            mocks.push((variable, services::prism_mock(&spec.display().to_string())?));
        }
    }
    // The sandbox provider and a real OpenID provider serve every stage.
    let sandbox = services::sandbox()?;
    let oidc = services::oidc_provider()?;
    let tus_store = root().join("target/tus-store");
    let tus = services::tus_server(&tus_store)?;
    // And Prism in proxy mode with --errors in front of the sandbox, so the
    // connectors' requests and the sandbox's answers are both checked.
    if !mocks.is_empty() {
        let proxied = [
            ("SWEEP_OBUK_AIS_PROXY", "obuk-account-info-openapi-v4.0.0.yaml", "/open-banking/v4.0/aisp"),
            ("SWEEP_OBUK_PIS_PROXY", "obuk-payment-initiation-openapi-v4.0.0.yaml", "/open-banking/v4.0/pisp"),
            ("SWEEP_CAMARA_BILLING_PROXY", "camara-carrier-billing-v0.5.0.yaml", "/carrier-billing/v0.5"),
            ("SWEEP_CAMARA_REFUND_PROXY", "camara-carrier-billing-refund-v0.3.0.yaml", "/carrier-billing-refund/v0.3"),
        ];
        for (variable, file, prefix) in proxied {
            let spec = std::path::Path::new(&specs).join(file).display().to_string();
            mocks.push((variable, services::prism_proxy(&spec, &format!("{}{prefix}", sandbox.url))?));
        }
    }
    // Our provider spec, in front of the sandbox's provider.
    let provider_api_proxy =
        services::prism_proxy("docs/provider-api.yaml", &format!("{}/sweep-provider/v1", sandbox.url))?;
    let mut rust = cargo();
    rust.env("SWEEP_SOURCE_API_MOCK", &source_api_mock.url)
        .env("SWEEP_PROVIDER_API_MOCK", &provider_api_mock.url)
        .env("SWEEP_PROVIDER_API_PROXY", &provider_api_proxy.url)
        .env("SWEEP_TUS_URL", format!("{}/files/", tus.url))
        .env("SWEEP_TUS_STORE", &tus_store)
        .env("SWEEP_OIDC_ISSUER", &oidc.url)
        .env("SWEEP_SANDBOX_URL", &sandbox.url);
    for (variable, mock) in &mocks {
        rust.env(variable, &mock.url);
    }
    step("Rust tests", rust.args(["test", "--workspace", "--all-targets"]))?;
    drop((source_api_mock, provider_api_mock, provider_api_proxy, mocks, tus));
    let library = bindings::generate()?;
    let native_dir = library.parent().expect("library has a directory").to_path_buf();

    // The bindings' own tests, then the Android app's presentation logic
    // (android/presentation), both on the JVM against the library just built.
    for (what, dir) in
        [("Kotlin tests (JVM, JNA)", "bindings/kotlin"), ("Android presentation tests (JVM)", "android/presentation")]
    {
        step(
            what,
            Command::new("mvn")
                .current_dir(root().join(dir))
                .args(["-B", "--no-transfer-progress", "test"])
                .arg(format!("-Dsweep.generated.dir={}", bindings::out_dir("kotlin").display()))
                .arg(format!("-Dsweep.native.dir={}", native_dir.display()))
                .env("SWEEP_OIDC_ISSUER", &oidc.url)
                .env("SWEEP_SANDBOX_URL", &sandbox.url),
        )?;
    }

    let python = setup_python()?;
    step(
        "Python binding tests",
        Command::new(&python)
            .current_dir(root().join("bindings/python"))
            .env("SWEEP_PY_BINDINGS_DIR", bindings::out_dir("python"))
            .env("SWEEP_OIDC_ISSUER", &oidc.url)
            .env("SWEEP_SANDBOX_URL", &sandbox.url)
            .args(["-m", "pytest", "-q", "-rs"]),
    )?;
    step(
        "Swift checker's own tests",
        Command::new(&python)
            .current_dir(root().join("bindings/swift"))
            .env("SWEEP_SWIFT_BINDINGS_DIR", bindings::out_dir("swift"))
            .args(["-m", "pytest", "-q", "-rs"]),
    )?;
    // The two grammar gaps it allows are listed in check_syntax.py; any
    // other parse error fails the run.
    step(
        "Swift syntax check (tree-sitter; no Swift compiler here)",
        Command::new(&python)
            .current_dir(root())
            .args(["bindings/swift/check_syntax.py", "--allow-known-gaps"])
            .arg(bindings::out_dir("swift")),
    )?;
    // The hand-written Swift (the SweepCore package, the app, the README
    // sample) gets no allowances.
    step(
        "Swift syntax check of ios/ (tree-sitter)",
        Command::new(&python).current_dir(root()).args(["bindings/swift/check_syntax.py", "ios"]),
    )?;
    drop((sandbox, oidc));
    fuzz::smoke()?;
    // Last, because it is the one release build (LTO, a few minutes).
    size::check()?;
    println!(
        "\nAll test stages passed: Rust, Kotlin (bindings and Android presentation), Python, Swift syntax, \
         fuzz smoke run, size budget."
    );
    Ok(())
}
