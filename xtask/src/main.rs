//! `cargo xtask`: Sweep's one entry point for bindings, tests and
//! benchmarks (packaging joins it with issue #7). Plain Rust instead of
//! shell scripts, so it runs the same on every developer machine and in CI.

mod bench;
mod bindings;
mod figures;
mod fuzz;
mod platforms;
mod polish;
mod run;
mod services;
mod size;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <command>

Commands:
  gen-bindings   Build sweep-ffi and generate Kotlin, Swift and Python into target/bindings/
  setup          Create the Python venv (.venv) with the test tools
  test           Run every test: Rust, Kotlin (JVM), Python, and the Swift syntax check
  bench          Run the benchmarks (sealed vs plain SQLite vs SQLCipher, dashboard, sync,
                 the planner, .so size)
  bench plan     Only the planner benchmark (quick)
  bench sync     Only the sync benchmark (quick)
  bench withdraw Only the cash-out benchmark, 1 leg against 4 (quick)
  size           Build release-mobile and fail if the stripped .so is over 5 MB
  fuzz T S       Fuzz target T (amount, image, wire_json, oauth_callback, tus_answer) for
                 S seconds (nightly, cargo-fuzz) and print libFuzzer's final figures
  android        cargo-ndk .so for three ABIs (16 KB pages) and the AAR (needs the NDK)
  ios            Static libraries, the XCFramework and the Swift package (needs a Mac)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen-bindings") => bindings::generate().map(drop),
        Some("setup") => test::setup_python().map(drop),
        Some("test") => test::all(),
        Some("bench") if std::env::args().nth(2).as_deref() == Some("plan") => bench::planner_only(),
        Some("bench") if std::env::args().nth(2).as_deref() == Some("sync") => bench::sync_only(),
        Some("bench") if std::env::args().nth(2).as_deref() == Some("withdraw") => bench::withdraw_only(),
        Some("bench") => bench::all(),
        Some("size") => size::check(),
        Some("fuzz") => fuzz::campaign(args.get(1).map(String::as_str), args.get(2).map(String::as_str)),
        Some("android") => platforms::android(),
        Some("ios") => platforms::ios(),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}
