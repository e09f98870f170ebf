//! The `pi` binary: hands the command line to the library and turns its result into an exit code.

fn main() -> std::process::ExitCode {
    pi::main()
}
