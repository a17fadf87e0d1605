//! `beacon-ops`: the operators' command line.

fn main() {}
