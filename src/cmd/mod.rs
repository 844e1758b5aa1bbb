//! One thin module per command: each adapts its flags to a library call and prints the result.

mod build;
mod check;
mod diff;
mod dump;
mod forms;
mod init;
mod output;
mod review;
mod serve;

use crate::cli::{Cli, Command, Global};
use jixiao::diag::Report;
use jixiao::form::{Form, Forms};
use jixiao::i18n::Lang;
use std::process::ExitCode;

/// The forms a command reads with: the built-in ones and `forms/` beside the configuration file.
fn load_forms(g: &Global) -> Result<Forms, Report> {
    let dir = g.config.parent().unwrap_or(std::path::Path::new("")).join("forms");
    Forms::load(Some(&dir)).map_err(Report::from)
}

/// The form `name` names, if any; an unknown name is an error.
fn forced<'f>(forms: &'f Forms, name: Option<&str>) -> Result<Option<&'f Form>, Report> {
    name.map(|n| forms.named(n).map_err(Report::from)).transpose()
}

/// The language of this run: `--lang` (or JIXIAO_LANG), else `lang` of jixiao.toml (read here
/// for that key alone; a file that does not load is reported by the command that needs it), else
/// the system's; the web page is for finance staff and speaks Chinese unless told otherwise.
fn language(g: &Global, serve: bool) -> Lang {
    g.lang.or_else(|| jixiao::config::Config::load(&g.config).ok().and_then(|c| c.lang)).unwrap_or_else(|| {
        if serve {
            Lang::Zh
        } else {
            Lang::of_system()
        }
    })
}

pub fn run(cli: Cli) -> ExitCode {
    jixiao::i18n::set(language(&cli.global, matches!(cli.command, Some(Command::Serve(_)))));
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&cli.global, &args),
        Some(Command::Dump(args)) => dump::run(&cli.global, &args),
        Some(Command::Build(args)) => build::run(&cli.global, &args),
        Some(Command::Init(args)) => init::run(&cli.global, &args),
        Some(Command::Diff(args)) => diff::run(&cli.global, &args),
        Some(Command::Forms) => forms::run(&cli.global),
        Some(Command::Serve(args)) => serve::run(&cli.global, &args),
        Some(Command::Review(args)) => review::run(&cli.global, &args),
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
