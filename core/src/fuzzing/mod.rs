//! Entry points for coverage-guided fuzzing: each takes raw bytes, sends
//! them down the same code path that outside input takes, and ignores the
//! outcome. What a fuzzer looks for is a panic, an abort, a hang or an
//! allocation without bound; where an invariant is plainly true (an amount
//! read back after formatting is the same amount, stripping twice is
//! stripping once) it is asserted too, so breaking it is a crash as well.
//!
//! The fuzz targets in `fuzz/` are one-line calls of these functions
//! (`cargo xtask fuzz <target> <seconds>`, docs/fuzzing.md). Test builds
//! always have this module: `replay_tests` runs the kept corpus and every
//! regression input through it on each `cargo test`.

mod amount;
mod image;
mod oauth_callback;
mod token_answer;
mod tus_answer;
mod wire_json;

pub use amount::amount;
pub use image::image;
pub use oauth_callback::oauth_callback;
pub use token_answer::token_answer;
pub use tus_answer::tus_answer;
pub use wire_json::{wire_json, WIRE_TYPES};

/// A fuzz entry point with its name.
pub type Named = (&'static str, fn(&[u8]));

/// Every target by name, as `fuzz/fuzz_targets/<name>.rs` and the corpus
/// folders `fuzz/corpus/<name>/` and `fuzz/regressions/<name>/` name it.
pub const TARGETS: [Named; 6] = [
    ("amount", amount),
    ("image", image),
    ("wire_json", wire_json),
    ("oauth_callback", oauth_callback),
    ("tus_answer", tus_answer),
    ("token_answer", token_answer),
];

#[cfg(test)]
mod replay_tests;
