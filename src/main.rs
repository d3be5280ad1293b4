//! The `plodnee` binary: the command line, or the GUI when no subcommand is given.

fn main() {}
