//! Workspace-level integration tests live in `tests/tests/`. Later issues
//! add the sandbox provider here: a stateful fake of the provider and source
//! APIs with knobs for latency and injected faults.
