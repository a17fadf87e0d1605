//! `beacon-subscriptions`: the subscription service and its operators' commands; see
//! [`beacon_subscriptions::cli`].

fn main() -> std::process::ExitCode {
    beacon_subscriptions::cli::main()
}
