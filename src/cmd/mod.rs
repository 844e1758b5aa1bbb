//! One thin module per command; each reads as the pipeline it runs.

mod build;
mod check;
mod dump;
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
        // Until `build` lands, no command checks the bundled example.
        None => check::run(
            &cli.global,
            &crate::cli::CheckArgs {
                workbook: "data/2021-项目支出绩效自评表.xlsx".into(),
                format: crate::cli::Format::Human,
                deny_warnings: false,
            },
        ),
    };
    ExitCode::from(code)
}
