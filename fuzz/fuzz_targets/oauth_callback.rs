//! Fuzz target: `sweep_core::fuzzing::oauth_callback` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sweep_core::fuzzing::oauth_callback(data));
