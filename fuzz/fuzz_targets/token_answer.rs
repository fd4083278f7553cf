//! Fuzz target: `sweep_core::fuzzing::token_answer` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sweep_core::fuzzing::token_answer(data));
