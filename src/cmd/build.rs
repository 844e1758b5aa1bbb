//! `jixiao build`: the flags laid over jixiao.toml, then one library call.

use super::output::{print_report, Bar};
use crate::cli::{BuildArgs, Global};
use jixiao::build::{Build, Settings, Stop};
use jixiao::config::Config;
use jixiao::diag::Report;
use std::time::Instant;

pub fn run(g: &Global, args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let settings = Config::load(&g.config)
        .map_err(|e| e.diagnostic())
        .and_then(|cfg| Settings::from_config(cfg.overlay(args.config.clone())))
        .map(|s| Settings { force: args.force, ..s });
    let build = match settings.map_err(Report::from).and_then(Build::new) {
        Ok(b) => b,
        Err(report) => {
            print_report(&report, g);
            return report.exit_code(false).max(1);
        }
    };
    match build.run(&Bar::new()) {
        Ok(built) => {
            print_report(&built.report, g);
            if let (Some(then), false) = (built.unchanged, g.quiet) {
                println!(
                    "built: nothing changed since the last build; {} holds its {} tables as they were \
                     (then: {then}; `jixiao check` lists them) in {:.2}s",
                    built.output.display(),
                    built.tables,
                    started.elapsed().as_secs_f64()
                );
            } else if !g.quiet {
                println!(
                    "built: rendered {} of {} tables, wrote {} files to {} in {:.1}s; {}",
                    built.rendered,
                    built.tables,
                    built.files,
                    build.settings().output.display(),
                    started.elapsed().as_secs_f64(),
                    super::output::summary(&built.report, g)
                );
            }
            0
        }
        Err(failed) => {
            print_report(&failed.report, g);
            if failed.stop == Stop::Findings {
                let summary = super::output::summary(&failed.report, g);
                eprintln!("jixiao: {summary}; nothing written (--force writes anyway)");
            }
            failed.exit_code()
        }
    }
}
