//! `cargo xtask bench`: the sealed store against plain SQLite and SQLCipher,
//! the dashboard at two ledger sizes, the sync engine, the planner, and the
//! mobile library's size, in one run, printed as ratios against the
//! baselines run alongside. `cargo xtask bench plan` runs the planner alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::figures::{
    CASH_OUT_GROWTH_MAX, DASHBOARD_GROWTH_MAX, PLAN_200_MAX_MS, PLAN_20_MAX_MS, SEALED_READS_MIN, SEALED_WRITES_MIN,
    SYNC_GROWTH_MAX,
};
use crate::run::{cargo, root, step};
use crate::size::BUDGET_BYTES;

/// One comparison and its target.
struct Ratio {
    label: &'static str,
    value: f64,
    target: String,
    met: bool,
}

/// Mean time of a criterion benchmark, in nanoseconds.
fn mean_ns(criterion: &Path, group: &str, function: &str) -> Result<f64, String> {
    let path = criterion.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("parse {}: {e}", path.display()))?;
    json["mean"]["point_estimate"].as_f64().ok_or_else(|| format!("no mean in {}", path.display()))
}

fn size_of(profile: &str) -> Result<u64, String> {
    crate::size::stripped_size(profile)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let rustc =
        Command::new("rustc").arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    format!("{cpu}, {cores} cores, {}", rustc.unwrap_or_default())
}

/// The planner's figures: 20 and 200 sources, with and without a binding
/// daily limit, against pricing the same sources once.
fn planner(criterion: &Path) -> Result<(Vec<Ratio>, String), String> {
    step(
        "benchmark the planner (20 and 200 sources)",
        cargo().env("CRITERION_HOME", criterion).args(["bench", "-p", "sweep-core", "--bench", "plan"]),
    )?;
    let time = |function: &str| mean_ns(criterion, "plan", function);
    let mut ratios = Vec::new();
    let mut raw = String::from("Planner means:");
    for (count, limit_ms) in [(20, PLAN_20_MAX_MS), (200, PLAN_200_MAX_MS)] {
        let baseline = time(&format!("{count}_price_only"))?;
        for (case, label) in [("sources", "no limit"), ("sources_daily_limit", "₩150,000 daily limit")] {
            let mean = time(&format!("{count}_{case}"))?;
            let ms = mean / 1e6;
            ratios.push(Ratio {
                label: if count == 20 {
                    if case == "sources" {
                        "plan 20 sources / price them once"
                    } else {
                        "plan 20 sources, daily limit / price once"
                    }
                } else if case == "sources" {
                    "plan 200 sources / price them once"
                } else {
                    "plan 200 sources, daily limit / price once"
                },
                value: mean / baseline,
                target: format!("plan <= {limit_ms} ms"),
                met: ms <= limit_ms,
            });
            raw += &format!(" {count} sources, {label}: {:.3} ms;", ms);
        }
        for (case, label) in [("receive_exactly", "no limit"), ("receive_exactly_daily_limit", "₩150,000 daily limit")]
        {
            let mean = time(&format!("{count}_{case}"))?;
            let ms = mean / 1e6;
            ratios.push(Ratio {
                label: match (count, case) {
                    (20, "receive_exactly") => "receive exactly, 20 sources / price once",
                    (20, _) => "receive exactly, 20 sources, daily limit / price once",
                    (_, "receive_exactly") => "receive exactly, 200 sources / price once",
                    _ => "receive exactly, 200 sources, daily limit / price once",
                },
                value: mean / baseline,
                target: format!("receive exactly <= {limit_ms} ms"),
                met: ms <= limit_ms,
            });
            raw += &format!(" receive exactly, {count} sources, {label}: {:.3} ms;", ms);
        }
        raw += &format!(" pricing {count} sources once: {:.1} µs.", baseline / 1e3);
    }
    Ok((ratios, raw))
}

fn print_report(ratios: &[Ratio], extra: &str) -> Result<(), String> {
    let mut report = format!("Machine: {}\n\n| measure | value | target | met |\n|---|---|---|---|\n", machine());
    for r in ratios {
        report += &format!("| {} | {:.2}x | {} | {} |\n", r.label, r.value, r.target, if r.met { "yes" } else { "NO" });
    }
    report += extra;
    let out: PathBuf = root().join("target/bench/report.md");
    std::fs::create_dir_all(out.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &report).map_err(|e| e.to_string())?;
    println!("\n{report}\nSaved to {}; copy the figures into docs/performance.md.", out.display());
    Ok(())
}

/// The sync engine's figures: 1 and 50 sources at 100 ms each, and the
/// same 50 one at a time as the baseline.
fn sync(criterion: &Path) -> Result<(Vec<Ratio>, String), String> {
    step(
        "benchmark the sync engine against the sandbox (100 ms per source)",
        cargo().env("CRITERION_HOME", criterion).args(["bench", "-p", "sweep-tests", "--bench", "sync"]),
    )?;
    let time = |function: &str| mean_ns(criterion, "sync_100ms", function);
    let (one, fifty, sequential) = (time("1_source")?, time("50_sources")?, time("50_sources_sequential")?);
    let ratios = vec![
        Ratio {
            label: "sync 50 sources / sync 1 source (100 ms each)",
            value: fifty / one,
            target: format!("<= {SYNC_GROWTH_MAX:.2}x"),
            met: fifty / one <= SYNC_GROWTH_MAX,
        },
        Ratio {
            label: "sync 50 sources one at a time / sync 1 source",
            value: sequential / one,
            target: "(baseline)".into(),
            met: true,
        },
    ];
    let raw = format!(
        "Sync (sandbox, 100 ms per answer): 1 source {:.0} ms, 50 sources {:.0} ms, 50 sources one at a time {:.0} ms.",
        one / 1e6,
        fifty / 1e6,
        sequential / 1e6
    );
    Ok((ratios, raw))
}

/// A cash-out of four legs against one of a single leg, end to end against
/// the sandbox (the bench prints each one's HTTP round trips).
fn withdraw(criterion: &Path) -> Result<(Vec<Ratio>, String), String> {
    step(
        "benchmark a cash-out of 1 and of 4 legs against the sandbox",
        cargo().env("CRITERION_HOME", criterion).args(["bench", "-p", "sweep-tests", "--bench", "withdraw"]),
    )?;
    let time = |function: &str| mean_ns(criterion, "withdraw", function);
    let (one, four) = (time("1_leg")?, time("4_legs")?);
    let ratios = vec![Ratio {
        label: "cash-out of 4 legs / of 1 leg (each leg collected before the payout)",
        value: four / one,
        target: format!("<= {CASH_OUT_GROWTH_MAX:.2}x"),
        met: four / one <= CASH_OUT_GROWTH_MAX,
    }];
    let raw = format!(
        "Cash-out (sandbox, loopback, withdraw to completed with top-up, sync and quote): 1 leg {:.1} ms, 4 legs {:.1} ms.",
        one / 1e6,
        four / 1e6
    );
    Ok((ratios, raw))
}

/// `cargo xtask bench withdraw`: the cash-out alone.
pub fn withdraw_only() -> Result<(), String> {
    let (ratios, raw) = withdraw(&root().join("target/criterion"))?;
    print_report(&ratios, &format!("\n{raw}\n"))
}

/// `cargo xtask bench sync`: the sync engine alone.
pub fn sync_only() -> Result<(), String> {
    let (ratios, raw) = sync(&root().join("target/criterion"))?;
    print_report(&ratios, &format!("\n{raw}\n"))
}

/// `cargo xtask bench plan`: the planner alone.
pub fn planner_only() -> Result<(), String> {
    let (ratios, raw) = planner(&root().join("target/criterion"))?;
    print_report(&ratios, &format!("\n{raw}\n"))
}

/// Runs everything and prints (and saves) the report.
pub fn all() -> Result<(), String> {
    let criterion = root().join("target/criterion");
    step(
        "benchmark the sealed store and plain SQLite",
        cargo().env("CRITERION_HOME", &criterion).args(["bench", "-p", "sweep-core", "--bench", "store"]),
    )?;
    step(
        "benchmark SQLCipher (separate crate, same workload)",
        cargo()
            .env("CRITERION_HOME", &criterion)
            .env("CARGO_TARGET_DIR", root().join("target/sqlcipher-baseline"))
            .args(["bench", "--manifest-path", "bench-baselines/sqlcipher/Cargo.toml"]),
    )?;
    let (sync_ratios, sync_raw) = sync(&criterion)?;
    let (withdraw_ratios, withdraw_raw) = withdraw(&criterion)?;
    let (planner_ratios, planner_raw) = planner(&criterion)?;
    let size_z = size_of("release-mobile")?;
    let size_s = size_of("release-mobile-s")?;

    let time = |group, function| mean_ns(&criterion, group, function);
    let (write_plain, write_sealed, write_cipher) = (
        time("ledger_write_100k", "plain")?,
        time("ledger_write_100k", "sealed")?,
        time("ledger_write_100k", "sqlcipher")?,
    );
    let (read_plain, read_sealed, read_cipher) = (
        time("ledger_read_100k", "plain")?,
        time("ledger_read_100k", "sealed")?,
        time("ledger_read_100k", "sqlcipher")?,
    );
    let (dash_1k, dash_100k) = (time("dashboard", "1k")?, time("dashboard", "100k")?);

    // Throughput ratios: baseline time / our time (1.0 = as fast as plain).
    let sealed_writes = write_plain / write_sealed;
    let cipher_writes = write_plain / write_cipher;
    let sealed_reads = read_plain / read_sealed;
    let cipher_reads = read_plain / read_cipher;
    let dashboard_growth = dash_100k / dash_1k;
    let mb = |bytes: u64| bytes as f64 / 1_000_000.0;
    let mut ratios = vec![
        Ratio {
            label: "sealed writes vs plain SQLite",
            value: sealed_writes,
            target: format!(">= {SEALED_WRITES_MIN:.2}x"),
            met: sealed_writes >= SEALED_WRITES_MIN,
        },
        Ratio {
            label: "sealed reads vs plain SQLite",
            value: sealed_reads,
            target: format!(">= {SEALED_READS_MIN:.2}x"),
            met: sealed_reads >= SEALED_READS_MIN,
        },
        Ratio {
            label: "SQLCipher writes vs plain SQLite",
            value: cipher_writes,
            target: "sealed >= this".into(),
            met: sealed_writes >= cipher_writes,
        },
        Ratio {
            label: "SQLCipher reads vs plain SQLite",
            value: cipher_reads,
            target: "sealed >= this".into(),
            met: sealed_reads >= cipher_reads,
        },
        Ratio {
            label: "dashboard 100k / dashboard 1k",
            value: dashboard_growth,
            target: format!("<= {DASHBOARD_GROWTH_MAX:.2}x"),
            met: dashboard_growth <= DASHBOARD_GROWTH_MAX,
        },
    ];
    ratios.extend(sync_ratios);
    ratios.extend(withdraw_ratios);
    ratios.extend(planner_ratios);

    let mut report = String::new();
    let budget = mb(BUDGET_BYTES);
    for (level, size) in [("s", size_s), ("z", size_z)] {
        report += &format!(
            "| stripped x86_64 .so, opt-level \"{level}\" | {:.2} MB | <= {budget} MB | {} |\n",
            mb(size),
            if size <= BUDGET_BYTES { "yes" } else { "NO" }
        );
    }
    report += &format!(
        "\nRaw means: write plain {:.1} ms, sealed {:.1} ms, SQLCipher {:.1} ms; read plain {:.1} ms, sealed {:.1} ms, SQLCipher {:.1} ms; dashboard 1k {:.1} µs, 100k {:.1} µs (20 sources).\n",
        write_plain / 1e6, write_sealed / 1e6, write_cipher / 1e6, read_plain / 1e6, read_sealed / 1e6, read_cipher / 1e6,
        dash_1k / 1e3, dash_100k / 1e3
    );
    report += &format!("{sync_raw}\n");
    report += &format!("{withdraw_raw}\n");
    report += &format!("{planner_raw}\n");
    print_report(&ratios, &report)
}
