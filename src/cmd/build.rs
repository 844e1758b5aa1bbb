//! `jixiao build`: the flags laid over jixiao.toml, then one library call.

use super::output::{print_report, Bar};
use crate::cli::{BuildArgs, Global};
use jixiao::build::{Build, Settings, Stop};
use jixiao::config::Config;
use jixiao::diag::Report;
use jixiao::t;
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
                let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
                let output = built.output.display();
                println!(
                    "{}",
                    t!("built-unchanged", output = output, tables = built.tables, then = then, seconds = seconds)
                );
            } else if !g.quiet {
                let line = t!(
                    "built",
                    rendered = built.rendered,
                    tables = built.tables,
                    files = built.files,
                    output = build.settings().output.display(),
                    seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
                    findings = super::output::summary(&built.report, g)
                );
                println!("{line}");
            }
            0
        }
        Err(failed) => {
            print_report(&failed.report, g);
            if failed.stop == Stop::Findings {
                let summary = super::output::summary(&failed.report, g);
                eprintln!("{}", t!("build-stopped", findings = summary));
            }
            failed.exit_code()
        }
    }
}
