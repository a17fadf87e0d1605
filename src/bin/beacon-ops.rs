//! `beacon-ops`: the operators' command line (validate, publish, edit incidents and
//! maintenance); see [`beacon::publish::cli`]. Native only: built for wasm32 it does nothing, so
//! `cargo build --target wasm32-unknown-unknown --bins` still works.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    beacon::publish::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
