//! One thin module per command; each reads as the pipeline it runs.

mod build;
mod check;
pub(crate) mod diff;
mod dump;
mod init;
pub mod output;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Exit codes: 0 fine, 1 findings that fail the run, 2 input that cannot be read.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;

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
                    EXIT_UNREADABLE
                }
            }
        }
    };
    ExitCode::from(code)
}
