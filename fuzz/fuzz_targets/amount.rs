//! Fuzz target: `sweep_core::fuzzing::amount` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sweep_core::fuzzing::amount(data));
