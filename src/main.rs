//! The `zhinan` binary: parses the command line and hands over to [`zhinan::cli`].

fn main() {
    std::process::exit(zhinan::cli::main().code());
}
