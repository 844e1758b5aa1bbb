//! One thin module per command: each adapts its flags to a library call and prints the result.

mod build;
mod check;
mod diff;
mod dump;
mod init;
mod output;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&cli.global, &args),
        Some(Command::Dump(args)) => dump::run(&cli.global, &args),
        Some(Command::Build(args)) => build::run(&cli.global, &args),
        Some(Command::Init(args)) => init::run(&cli.global, &args),
        Some(Command::Diff(args)) => diff::run(&cli.global, &args),
        // No command: build what ./jixiao.toml describes.
        None => {
            // Parsed as `jixiao build`, so the environment twins of build's flags apply.
            let argv0 = std::env::args().next().unwrap_or_else(|| "jixiao".into());
            match <Cli as clap::Parser>::try_parse_from([argv0.as_str(), "build"]) {
                Ok(Cli { command: Some(Command::Build(args)), .. }) => build::run(&cli.global, &args),
                Ok(_) => unreachable!("`build` parses as the build command"),
                Err(e) => {
                    let _ = e.print();
                    2
                }
            }
        }
    };
    ExitCode::from(code)
}
