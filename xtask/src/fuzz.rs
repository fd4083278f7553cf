//! Fuzzing (docs/fuzzing.md): a short smoke run of every fuzz target in
//! `cargo xtask test`, and `cargo xtask fuzz <target> <seconds>` for the
//! long campaigns. Both run cargo-fuzz on nightly over a working copy of
//! the kept corpus under `target/fuzz/`, so a run never writes to
//! `fuzz/corpus/`: what a campaign finds is merged in by hand (`cargo fuzz
//! cmin`), and only when it is a modest number of files.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::run::{root, step};

/// The fuzz targets, as `fuzz/fuzz_targets/` names them.
pub const TARGETS: [&str; 6] = ["amount", "image", "wire_json", "oauth_callback", "tus_answer", "token_answer"];
/// The cargo-fuzz CI installs when it is missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// How long `cargo xtask test` fuzzes each target.
const SMOKE_SECONDS: u32 = 15;
/// One input that runs longer than this is a hang, and fails the run.
const INPUT_TIMEOUT_SECONDS: u32 = 30;
/// More memory than this is a leak or an allocation without bound.
const RSS_LIMIT_MB: u32 = 2048;

/// `cargo +nightly …` in the workspace, through rustup's proxy (the cargo
/// that runs xtask is a toolchain's own binary, which knows no `+nightly`).
fn nightly() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root()).env_remove("RUSTUP_TOOLCHAIN").arg("+nightly");
    cmd
}

fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// What is missing to fuzz here, if anything. On CI (`CI=true`) a missing
/// cargo-fuzz is installed and a missing nightly is an error.
fn missing_tools(ci: bool) -> Result<Option<String>, String> {
    if !succeeds(nightly().arg("--version")) {
        let missing = "no nightly toolchain (rustup toolchain install nightly)".to_owned();
        return if ci { Err(missing) } else { Ok(Some(missing)) };
    }
    if !succeeds(nightly().args(["fuzz", "--version"])) {
        if !ci {
            return Ok(Some(format!(
                "no cargo-fuzz (cargo install cargo-fuzz --locked --version {CARGO_FUZZ_VERSION})"
            )));
        }
        step(
            "install cargo-fuzz",
            Command::new("cargo").args(["install", "cargo-fuzz", "--locked", "--version", CARGO_FUZZ_VERSION]),
        )?;
    }
    Ok(None)
}

/// Builds every target once: `-O` so that `fuzz/Cargo.toml`'s profile, not
/// cargo-fuzz, decides the debug assertions (that file says why).
fn build() -> Result<(), String> {
    step("build the fuzz targets (nightly, cargo-fuzz)", nightly().args(["fuzz", "build", "-O"]))
}

/// `target/fuzz/<purpose>/<target>` holding the kept corpus: libFuzzer
/// adds what it finds there. `fresh` empties it first.
fn working_corpus(purpose: &str, target: &str, fresh: bool) -> Result<PathBuf, String> {
    let dir = root().join("target/fuzz").join(purpose).join(target);
    if fresh && dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let kept = root().join("fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&kept).map_err(|e| format!("read {}: {e}", kept.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, dir.join(name)).map_err(|e| format!("copy {}: {e}", path.display()))?;
        }
    }
    Ok(dir)
}

/// libFuzzer's figures at the end of a run.
#[derive(Debug, Default, PartialEq)]
struct Stats {
    executions: String,
    seconds: String,
    exec_per_second: String,
    coverage: String,
    features: String,
    corpus: String,
}

impl Stats {
    /// Reads the `#N DONE cov: … ft: … corp: N/…b … exec/s: …` line and the
    /// `Done N runs in S second(s)` line; other lines leave it as it is.
    fn read(&mut self, line: &str) {
        let after = |key: &str| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words.iter().position(|w| *w == key).and_then(|i| words.get(i + 1)).map(|w| (*w).to_owned())
        };
        if line.contains(" DONE ") || line.contains("\tDONE ") {
            self.executions = line.trim_start_matches('#').split_whitespace().next().unwrap_or_default().to_owned();
            self.coverage = after("cov:").unwrap_or_default();
            self.features = after("ft:").unwrap_or_default();
            self.corpus = after("corp:").and_then(|c| c.split('/').next().map(str::to_owned)).unwrap_or_default();
            self.exec_per_second = after("exec/s:").unwrap_or_default();
        } else if let Some(rest) = line.strip_prefix("Done ") {
            self.seconds = rest.split_whitespace().nth(3).unwrap_or_default().to_owned();
        }
    }

    /// A row of docs/fuzzing.md's table "Campaign figures".
    fn row(&self, target: &str) -> String {
        format!(
            "| {target} | {} | {} | {} | {} / {} | {} | 0 |",
            self.seconds, self.executions, self.exec_per_second, self.coverage, self.features, self.corpus
        )
    }
}

/// libFuzzer's lines about each new input, smaller input, newly reached
/// function and dictionary entry: thousands a minute.
fn chatter(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default();
    first.starts_with("NEW_FUNC")
        || (first.starts_with('#') && matches!(words.next(), Some("NEW" | "REDUCE")))
        || line.contains("\" # Uses: ")
}

/// Fuzzes `target` for `seconds` over `corpus` (and, read only, its
/// regressions), echoing libFuzzer's output but its per-input chatter.
fn fuzz(target: &str, corpus: &Path, seconds: u32) -> Result<Stats, String> {
    let mut cmd = nightly();
    cmd.args(["fuzz", "run", "-O", target]).arg(corpus);
    let regressions = root().join("fuzz/regressions").join(target);
    if regressions.is_dir() {
        cmd.arg(regressions);
    }
    cmd.arg("--").args([
        format!("-max_total_time={seconds}"),
        format!("-timeout={INPUT_TIMEOUT_SECONDS}"),
        format!("-rss_limit_mb={RSS_LIMIT_MB}"),
    ]);
    println!("\n==> fuzz {target} for {seconds} s\n    $ cargo +nightly fuzz run -O {target} {} …", corpus.display());
    let mut child = cmd.stderr(Stdio::piped()).spawn().map_err(|e| format!("could not start cargo +nightly: {e}"))?;
    let mut stats = Stats::default();
    for line in BufReader::new(child.stderr.take().expect("stderr is piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        stats.read(&line);
        if !chatter(&line) {
            eprintln!("{line}");
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!(
            "fuzz target {target} failed ({status}): the input is in fuzz/artifacts/{target}/ (docs/fuzzing.md says what to do)"
        ));
    }
    Ok(stats)
}

/// The smoke run of `cargo xtask test`: each target for a few seconds from
/// a fresh copy of its kept corpus. Without nightly or cargo-fuzz it says
/// so and passes, except on CI.
pub fn smoke() -> Result<(), String> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if let Some(missing) = missing_tools(ci)? {
        println!("\nskip: the fuzz smoke run needs nightly and cargo-fuzz: {missing}");
        return Ok(());
    }
    build()?;
    for target in TARGETS {
        let stats = fuzz(target, &working_corpus("smoke", target, true)?, SMOKE_SECONDS)?;
        println!("    {}", stats.row(target));
    }
    Ok(())
}

/// `cargo xtask fuzz <target> <seconds>`: a campaign over
/// `target/fuzz/campaign/<target>`, which keeps what earlier campaigns
/// found; prints libFuzzer's final figures as a row for docs/fuzzing.md.
pub fn campaign(target: Option<&str>, seconds: Option<&str>) -> Result<(), String> {
    let usage = format!("usage: cargo xtask fuzz <target> <seconds>, with a target of {}", TARGETS.join(", "));
    let target = target.filter(|t| TARGETS.contains(t)).ok_or_else(|| usage.clone())?;
    let seconds: u32 = seconds.and_then(|s| s.parse().ok()).filter(|s| *s > 0).ok_or(usage)?;
    if let Some(missing) = missing_tools(false)? {
        return Err(format!("cannot fuzz: {missing}"));
    }
    build()?;
    let corpus = working_corpus("campaign", target, false)?;
    let stats = fuzz(target, &corpus, seconds)?;
    println!("\nlibFuzzer's final figures (target | seconds | executions | exec/s | cov / ft | corpus | crashes):");
    println!("{}", stats.row(target));
    println!("The corpus it grew is {}; docs/fuzzing.md says when to merge it into fuzz/corpus/.", corpus.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libfuzzers_final_lines_give_the_figures() {
        let mut stats = Stats::default();
        for line in [
            "#262144\tpulse  cov: 1294 ft: 4170 corp: 782/11270b lim: 493 exec/s: 7084 rss: 616Mb",
            "#316290\tDONE   cov: 1316 ft: 4293 corp: 831/12356b lim: 634 exec/s: 6875 rss: 616Mb",
            "Done 316290 runs in 46 second(s)",
        ] {
            stats.read(line);
        }
        assert_eq!(stats.row("amount"), "| amount | 46 | 316290 | 6875 | 1316 / 4293 | 831 | 0 |");
        assert!(chatter("#1024\tNEW    cov: 10 ft: 12 corp: 3/4b lim: 4 exec/s: 0 rss: 30Mb L: 1/1 MS: 1 ChangeBit-"));
        assert!(chatter("#2048\tREDUCE cov: 10 ft: 12 corp: 3/4b lim: 4 exec/s: 0 rss: 30Mb L: 1/1 MS: 1 EraseBytes-"));
        assert!(chatter("\tNEW_FUNC[1/2]: 0x55d03ea4eb30 in zune_jpeg::idct::avx2::idct_avx2_4x4"));
        assert!(chatter("\"e4\\357\" # Uses: 304"));
        assert!(!chatter("#316290\tDONE   cov: 1316 ft: 4293 corp: 831/12356b"));
        assert!(!chatter("thread '<unnamed>' panicked at core/src/fuzzing/image.rs:20:9:"));
    }
}
