//! The `sweep-sandbox` binary as an app developer runs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

#[test]
fn help_names_the_port_and_every_knob() {
    let out = Command::new(env!("CARGO_BIN_EXE_sweep-sandbox")).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for wanted in ["--port", "--knobs", "--latency-ms", "--fault", "provider_down", "refresh_answer_delay_ms"] {
        assert!(help.contains(wanted), "--help lacks {wanted}:\n{help}");
    }
}

#[test]
fn knobs_given_at_start_are_the_ones_it_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sweep-sandbox"))
        .args(["--port", "0", "--knobs", r#"{"provider_down": true}"#, "--latency-ms", "7", "--fault", "rate_limited"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    // Kept open until the end: the sandbox prints more lines after this one.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first).unwrap();
    let base = first.trim().rsplit(' ').next().unwrap().to_owned();
    let served = get_json(base.trim_start_matches("http://"), "/_sandbox/knobs");
    child.kill().unwrap();
    child.wait().unwrap();
    drop(out);
    assert_eq!(served["provider_down"], true, "{served}");
    assert_eq!(served["latency_ms"], 7, "{served}");
    assert_eq!(served["fault"], "rate_limited", "{served}");
}

#[test]
fn a_bad_knob_is_refused_with_a_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_sweep-sandbox"))
        .args(["--port", "0", "--fault", "gremlins"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a fault"), "{out:?}");
}

/// A plain HTTP/1.1 GET over loopback, its JSON body.
fn get_json(host: &str, path: &str) -> serde_json::Value {
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}
