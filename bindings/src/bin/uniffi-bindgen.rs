//! The `uniffi-bindgen` command, pinned to the uniffi version the library
//! was built with. `cargo xtask gen-bindings` runs it.

fn main() {
    uniffi::uniffi_bindgen_main()
}
