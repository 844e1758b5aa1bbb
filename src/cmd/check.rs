//! `jixiao check WORKBOOK`: load (read → check) → print.

use super::output::{print_diagnostic, print_report, summary};
use crate::cli::{CheckArgs, Global, ReportFormat};
use jixiao::diag::{Report, Severity};
use jixiao::form::Forms;
use jixiao::model::Packet;
use jixiao::t;
use owo_colors::OwoColorize;
use serde_json::json;
use std::io::Write;

pub fn run(g: &Global, args: &CheckArgs) -> u8 {
    let forms = match super::load_forms(g) {
        Ok(f) => f,
        Err(report) => {
            emit(g, args, &Packet::default(), &report, Forms::builtin());
            return report.exit_code(false);
        }
    };
    let targets = match args.targets.is_empty() {
        false => Ok(args.targets.clone()),
        true => jixiao::config::Config::load(&g.config)
            .map(|c| c.targets.unwrap_or_default())
            .map_err(|e| Report::from(e.diagnostic())),
    };
    let loaded = targets.and_then(|targets| {
        let forced = super::forced(&forms, args.form.as_deref())?;
        let mut loaded = jixiao::load::workbook(&args.workbook, &forms, forced)?;
        jixiao::load::against_targets(&mut loaded, &targets, &forms)?;
        Ok(loaded)
    });
    match loaded {
        Ok(loaded) => {
            emit(g, args, &loaded.packet, &loaded.report, &forms);
            loaded.report.exit_code(args.deny_warnings)
        }
        Err(report) => {
            emit(g, args, &Packet::default(), &report, &forms);
            report.exit_code(false)
        }
    }
}

fn emit(g: &Global, args: &CheckArgs, packet: &Packet, report: &Report, forms: &Forms) {
    match args.format {
        ReportFormat::Json => {
            let tables: Vec<_> = packet
                .tables
                .iter()
                .map(|t| {
                    json!({
                        "number": t.number.value, "sheet": t.sheet, "form": t.form, "project": t.project.value,
                        "total": t.total.score.value, "grade": t.total.grade.value,
                    })
                })
                .collect();
            let doc = json!({
                "file": args.workbook.display().to_string(),
                "tables": tables,
                "diagnostics": report.diagnostics,
                "summary": {
                    "errors": report.count(Severity::Error),
                    "warnings": report.count(Severity::Warning),
                    "notes": report.count(Severity::Note),
                },
            });
            println!("{}", serde_json::to_string_pretty(&doc).expect("JSON of plain data"));
        }
        ReportFormat::Human => {
            if report.diagnostics.len() == 1 && packet.tables.is_empty() {
                // An unreadable file: the one diagnostic is the whole story.
                print_diagnostic(&mut anstream::stderr().lock(), &report.diagnostics[0]);
                return;
            }
            print_report(report, g);
            if g.quiet {
                return;
            }
            let mut out = anstream::stdout().lock();
            for t in &packet.tables {
                // A form that does not score has no 总分 to show.
                let scored = if forms.of(&t.form).scored() {
                    let total = t.total.score.value.map(|d| d.normalize().to_string()).unwrap_or_else(|| "—".into());
                    let grade = t.total.grade.value.clone().unwrap_or_else(|| "—".into());
                    format!("  {}  {}", t!("check-total", score = total), grade.bold())
                } else {
                    String::new()
                };
                let _ = writeln!(out, "{}  {}{scored}  [{}]", t.number.value.bold(), t.project.value, t.form);
            }
            let line = t!(
                "check-summary",
                file = args.workbook.display(),
                tables = packet.tables.len(),
                findings = summary(report, g)
            );
            let _ = writeln!(out, "{line}");
        }
    }
}
