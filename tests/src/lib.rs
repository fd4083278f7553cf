//! Workspace-level integration tests live in `tests/tests/`, benchmarks of
//! whole flows in `tests/benches/`, and the sandbox provider in
//! `tests/sandbox/` (crate `sweep-sandbox`).
