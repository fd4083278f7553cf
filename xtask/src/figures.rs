//! The benchmarks' targets, in one place. `cargo xtask bench` judges its
//! measurements with these constants, and the tests below check that
//! `docs/performance.md` (and `docs/testing.md`) state the same figures,
//! together with the ones other code asserts: the library's size budget
//! (`size.rs`), the planner's node budget (`core/src/fees/search.rs`), the
//! cash-out's round trips (`tests/benches/withdraw.rs`,
//! `tests/tests/bank_legs.rs`) and the kill-and-resume run's length
//! (`tests/tests/kill_resume.rs`). A figure changed in one place and not in
//! the other fails `cargo test -p xtask`.

/// Sealed writes ÷ plain SQLite writes (throughput), at least.
pub const SEALED_WRITES_MIN: f64 = 0.70;
/// Sealed reads ÷ plain SQLite reads (throughput), at least.
pub const SEALED_READS_MIN: f64 = 0.50;
/// The dashboard at 100k entries ÷ at 1k, at most.
pub const DASHBOARD_GROWTH_MAX: f64 = 1.50;
/// Syncing 50 sources ÷ syncing 1 (100 ms each), at most.
pub const SYNC_GROWTH_MAX: f64 = 1.50;
/// A cash-out of 4 legs ÷ one of 1 leg, at most.
pub const CASH_OUT_GROWTH_MAX: f64 = 4.00;
/// The planner on 20 sources, at most, in milliseconds.
pub const PLAN_20_MAX_MS: f64 = 1.0;
/// The planner on 200 sources, at most, in milliseconds.
pub const PLAN_200_MAX_MS: f64 = 20.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::root;

    fn read(path: &str) -> String {
        std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    /// The first number in `text` (digits with `,` or `_` grouping and an
    /// optional decimal part).
    fn number(text: &str) -> f64 {
        let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or_else(|| panic!("no number in {text:?}"));
        let digits: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '_' | '.'))
            .filter(|c| !matches!(c, ',' | '_'))
            .collect();
        digits.trim_end_matches('.').parse().unwrap_or_else(|e| panic!("{digits:?} in {text:?}: {e}"))
    }

    /// The cells of the Markdown table row of `doc` that starts with `first`.
    fn row<'a>(doc: &'a str, first: &str) -> Vec<&'a str> {
        let line = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {first} |")))
            .unwrap_or_else(|| panic!("no table row starting with {first:?}"));
        line.trim_matches('|').split('|').map(str::trim).collect()
    }

    /// The number right after `before` in `doc`: the figure a sentence
    /// states. Line breaks and indentation count as one space, so a
    /// rewrapped paragraph still reads the same.
    fn after(doc: &str, before: &str) -> f64 {
        let prose = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = prose.find(before).unwrap_or_else(|| panic!("the docs no longer say {before:?}"));
        number(&prose[at + before.len()..].chars().take(40).collect::<String>())
    }

    /// The value of `const NAME: type = value;` in a source file.
    fn constant(path: &str, name: &str) -> f64 {
        let source = read(path);
        let line = source
            .lines()
            .find(|l| l.trim_start().trim_start_matches("pub ").starts_with(&format!("const {name}:")))
            .unwrap_or_else(|| panic!("{path} no longer has const {name}"));
        number(line.split('=').nth(1).expect("a const has a value"))
    }

    #[test]
    fn the_results_table_states_the_targets_the_bench_judges_by() {
        let doc = read("docs/performance.md");
        // The target is the second-to-last cell: "≥ 0.70×", "≤ 1.50× (issue #3)".
        let target = |label: &str| {
            let cells = row(&doc, label);
            number(cells[cells.len() - 2])
        };
        assert_eq!(target("sealed writes vs plain SQLite"), SEALED_WRITES_MIN);
        assert_eq!(target("sealed reads vs plain SQLite"), SEALED_READS_MIN);
        assert_eq!(target("dashboard at 100k entries ÷ at 1k"), DASHBOARD_GROWTH_MAX);
        assert_eq!(target("sync 50 sources ÷ sync 1 source, 100 ms each"), SYNC_GROWTH_MAX);
        assert_eq!(after(&doc, "one source; target ≤ "), SYNC_GROWTH_MAX, "the sync section");
    }

    #[test]
    fn the_planner_table_states_the_targets_the_bench_judges_by() {
        let doc = read("docs/performance.md");
        for (wallet, limit) in [
            ("20 sources", PLAN_20_MAX_MS),
            ("20 sources, ₩150,000 daily limit left", PLAN_20_MAX_MS),
            ("200 sources (the ₩2,000,000 maximum binds)", PLAN_200_MAX_MS),
            ("200 sources, ₩150,000 daily limit left", PLAN_200_MAX_MS),
            ("receive exactly ₩77,777, 20 sources", PLAN_20_MAX_MS),
            ("receive exactly ₩100,001, 20 sources, ₩150,000 daily limit left", PLAN_20_MAX_MS),
            ("receive exactly ₩77,777, 200 sources", PLAN_200_MAX_MS),
            ("receive exactly ₩100,001, 200 sources, ₩150,000 daily limit left", PLAN_200_MAX_MS),
        ] {
            let cells = row(&doc, wallet);
            assert!(cells[3].ends_with("ms"), "{cells:?}");
            assert_eq!(number(cells[3]), limit, "{wallet}");
        }
        // The search's node budget, which the benchmark's "proven optimal"
        // assertion depends on.
        let nodes = constant("core/src/fees/search.rs", "NODE_BUDGET");
        assert_eq!(after(&doc, "can run into the node budget ("), nodes);
    }

    #[test]
    fn the_cash_out_figures_are_the_ones_asserted() {
        let doc = read("docs/performance.md");
        let wall = row(&doc, "wall time of the whole cash-out");
        assert_eq!(number(wall[4]), CASH_OUT_GROWTH_MAX);
        // tests/benches/withdraw.rs asserts `trips == fixed + legs` for 1
        // and for 4 legs.
        let fixed = constant("tests/benches/withdraw.rs", "ROUND_TRIPS_BESIDES_TRANSFERS");
        let trips = row(&doc, "HTTP round trips, `withdraw` to `completed`");
        assert_eq!((number(trips[1]), number(trips[2])), (fixed + 1.0, fixed + 4.0), "{trips:?}");
        assert_eq!(number(trips[3]), (fixed + 4.0) / (fixed + 1.0), "the ratio column");

        // tests/tests/bank_legs.rs asserts `trips == platform leg + bank leg`.
        let bank_legs = read("tests/tests/bank_legs.rs");
        let asserted = bank_legs
            .lines()
            .find_map(|l| l.trim().strip_prefix("assert_eq!(trips, "))
            .expect("bank_legs.rs asserts the round trips");
        let (platform, bank) = asserted.split_once('+').expect("written as `platform + bank`");
        let (platform, bank) = (number(platform), number(bank.split(',').next().unwrap()));
        assert_eq!(platform, fixed + 1.0, "a one-leg cash-out, in both places");
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
        let prose = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let said = prose.split("A bank leg (`tests/tests/bank_legs.rs`, asserted there) costs ").nth(1);
        let said = said.and_then(|s| s.split_whitespace().next()).expect("the bank leg's round trips, in words");
        assert_eq!(words.iter().position(|w| *w == said).map(|n| n as f64), Some(bank), "\"costs {said}\"");
        let whole = after(&doc, "A cash-out of one platform leg and one bank leg takes ");
        assert_eq!(whole, platform + bank);
        assert_eq!(after(&doc, "trips from `withdraw` to `completed`, against "), platform);
    }

    #[test]
    fn the_size_budget_and_the_kill_run_are_stated_as_enforced() {
        let performance = read("docs/performance.md");
        let testing = read("docs/testing.md");
        let budget = crate::size::BUDGET_BYTES as f64;
        assert_eq!(
            after(&performance, "stripped arm64 library is over "),
            budget,
            "`cargo xtask size` fails over this many bytes"
        );
        for label in ["`\"s\"` (the `release-mobile` profile)", "`\"z\"` (`release-mobile-z`)"] {
            let cells = row(&performance, label);
            assert_eq!(number(cells[cells.len() - 1]) * 1e6, budget, "{label}");
        }
        assert_eq!(after(&testing, "must stay within ") * 1e6, budget);
        assert_eq!(after(&testing, "over loopback. The ") * 1e6, budget, "\"The 5 MB size budget\"");

        let withdrawals = constant("tests/tests/kill_resume.rs", "WITHDRAWALS");
        assert_eq!(after(&testing, "`kill_resume.rs` runs "), withdrawals);
        assert_eq!(after(&performance, "`cargo xtask test`), 2026-12-04: "), withdrawals);
    }

    #[test]
    fn the_helpers_read_what_they_should() {
        assert_eq!(number("≥ 0.70×"), 0.70);
        assert_eq!(number("≤ 1.50× (issue #3)"), 1.5);
        assert_eq!(number("2,000,000 nodes"), 2_000_000.0);
        assert_eq!(number("5_000_000;"), 5_000_000.0);
        assert_eq!(number("≤ 20 ms"), 20.0);
        assert_eq!(number("12 round trips."), 12.0);
    }
}
