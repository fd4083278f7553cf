//! Replays the kept fuzz corpus (`fuzz/corpus/<target>/`) and every input
//! that once crashed a target (`fuzz/regressions/<target>/`) through the
//! same functions the fuzz targets call, on every `cargo test`: a change
//! that brings back a crash, or breaks an invariant the corpus reaches,
//! fails here on stable Rust without a fuzzer.

use std::path::{Path, PathBuf};

use super::TARGETS;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `dir`, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("a readable entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Runs every input, naming the file of the one that panics.
fn replay(run: fn(&[u8]), files: &[PathBuf]) {
    for file in files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("{} fails its fuzz target", file.display());
        }
    }
}

#[test]
fn the_kept_corpus_and_every_regression_pass_their_fuzz_targets() {
    for (name, run) in TARGETS {
        let corpus = inputs(&fuzz_dir().join("corpus").join(name));
        // An empty or missing corpus would make this test pass vacuously.
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ has no inputs");
        replay(run, &corpus);
        replay(run, &inputs(&fuzz_dir().join("regressions").join(name)));
    }
}

#[test]
fn every_fuzz_target_has_its_file_and_a_corpus_folder_and_no_other_folder_is_there() {
    for (name, _) in TARGETS {
        assert!(fuzz_dir().join("fuzz_targets").join(format!("{name}.rs")).is_file(), "no fuzz/fuzz_targets/{name}.rs");
    }
    let mut folders: Vec<String> = std::fs::read_dir(fuzz_dir().join("corpus"))
        .expect("fuzz/corpus/ exists")
        .map(|e| e.expect("a readable entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut names: Vec<String> = TARGETS.iter().map(|(name, _)| (*name).to_owned()).collect();
    names.sort();
    assert_eq!(folders, names);
}
