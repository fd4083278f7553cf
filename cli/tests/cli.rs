//! Runs the real `sweep` binary.

use std::process::{Command, Output};

fn sweep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sweep")).args(args).env_remove("SWEEP_DATA_DIR").output().expect("sweep runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn demo_shows_a_formatted_dashboard_and_a_verified_ledger() {
    let out = sweep(&["demo"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    for expected in [
        "₩12,340",
        "$1.50",
        "refund to origin",
        "Synced 3 of 3 linked sources.",
        "just now",
        "Cashable now: ₩17,210 + $1.50",
        "Ledger verified: 6 entries",
    ] {
        assert!(text.contains(expected), "demo output lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("010-1234-5678"), "the demo must not print a full phone number");
}

#[test]
fn help_documents_every_command() {
    let text = stdout(&sweep(&["--help"]));
    for command in ["demo", "add-source", "dashboard", "verify", "--data-dir"] {
        assert!(text.contains(command), "--help lacks {command}:\n{text}");
    }
}

/// A wallet in a data dir, its key in the kernel key store, used by three
/// separate processes.
#[test]
fn a_wallet_in_a_data_dir_survives_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let added = sweep(&[
        "--data-dir",
        data_dir,
        "add-source",
        "Toss",
        "wallet",
        "12340",
        "KRW",
        "--account-ref",
        "010-2222-3333",
    ]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let refused = sweep(&["--data-dir", data_dir, "add-source", "Bad", "wallet", "100", "krw"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown currency code \"krw\""));

    let shown = stdout(&sweep(&["--data-dir", data_dir, "--locale", "en-US", "dashboard"]));
    assert!(shown.contains("₩12,340") && shown.contains("•••• 3333"), "{shown}");
    assert!(!shown.contains("Bad"), "a refused source was written:\n{shown}");
    assert!(stdout(&sweep(&["--data-dir", data_dir, "verify"])).contains("1 entries"));
}

#[test]
fn commands_other_than_demo_need_a_data_dir() {
    let out = sweep(&["dashboard"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data-dir"));
}
