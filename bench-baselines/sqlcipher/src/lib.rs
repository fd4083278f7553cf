//! Nothing to export: see `benches/sqlcipher.rs`.
