//! `beacon-ops`: the operators' command line (validate, publish, edit incidents and
//! maintenance); see [`beacon_ops::publish::cli`].

fn main() -> std::process::ExitCode {
    beacon_ops::publish::cli::main()
}
