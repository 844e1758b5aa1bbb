use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jixiao::cli::Cli::parse();
    jixiao::cmd::run(cli)
}
