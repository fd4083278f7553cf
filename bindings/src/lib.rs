//! `sweep-ffi`: the library Kotlin, Swift and Python load.
//!
//! It is deliberately thin. Every type and the `Wallet` facade are defined
//! once, in `sweep-core`, and exported there under its `ffi` feature; this
//! crate re-exports that scaffolding so that one `cdylib`/`staticlib` carries
//! the whole API (namespace `sweep`).

sweep_core::uniffi_reexport_scaffolding!();
