//! `beacon-ops`: the operators' command line (validate, publish, edit incidents and
//! maintenance); see [`beacon_ops::cli`].

fn main() -> std::process::ExitCode {
    beacon_ops::cli::main()
}
