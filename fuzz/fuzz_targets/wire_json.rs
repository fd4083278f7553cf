//! Fuzz target: `sweep_core::fuzzing::wire_json` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sweep_core::fuzzing::wire_json(data));
