//! `jixiao check WORKBOOK`: read → check → print.

use super::output::{print_diagnostic, print_report, read_error, summary_line};
use super::{EXIT_FINDINGS, EXIT_UNREADABLE};
use crate::check::{self, Profile, Report, Severity};
use crate::cli::{CheckArgs, Format, Global};
use crate::ingest;
use crate::model::Packet;
use owo_colors::OwoColorize;
use serde_json::json;
use std::io::Write;

pub fn run(g: &Global, args: &CheckArgs) -> u8 {
    let (packet, report) = match load(&args.workbook) {
        Ok(x) => x,
        Err(report) => {
            emit(g, args, &Packet::default(), &report);
            return EXIT_UNREADABLE;
        }
    };
    emit(g, args, &packet, &report);
    let fail = report.has_errors() || (args.deny_warnings && report.count(Severity::Warning) > 0);
    if fail {
        EXIT_FINDINGS
    } else {
        0
    }
}

/// Reads and checks a workbook; `Err` carries the diagnostic of an unreadable file.
pub fn load(path: &std::path::Path) -> Result<(Packet, Report), Report> {
    let (mut packet, mut report) = ingest::read(path).map_err(|e| Report { diagnostics: vec![read_error(&e)] })?;
    report.extend(check::check(&mut packet, &Profile::default()));
    Ok((packet, report))
}

fn emit(g: &Global, args: &CheckArgs, packet: &Packet, report: &Report) {
    match args.format {
        Format::Json => {
            let tables: Vec<_> = packet
                .tables
                .iter()
                .map(|t| {
                    json!({
                        "number": t.number.value, "sheet": t.sheet, "project": t.project.value,
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
        Format::Human => {
            if report.diagnostics.len() == 1 && packet.tables.is_empty() {
                // An unreadable file: the one diagnostic is the whole story.
                print_diagnostic(&mut anstream::stderr().lock(), &report.diagnostics[0]);
                return;
            }
            print_report(report, g.quiet, g.verbose);
            if g.quiet {
                return;
            }
            let mut out = anstream::stdout().lock();
            for t in &packet.tables {
                let total = t.total.score.value.map(|d| d.normalize().to_string()).unwrap_or_else(|| "—".into());
                let grade = t.total.grade.value.clone().unwrap_or_else(|| "—".into());
                let _ =
                    writeln!(out, "{}  {}  总分 {}  {}", t.number.value.bold(), t.project.value, total, grade.bold());
            }
            let _ = writeln!(
                out,
                "{}: {} table{}, {}",
                args.workbook.display(),
                packet.tables.len(),
                if packet.tables.len() == 1 { "" } else { "s" },
                summary_line(report)
            );
        }
    }
}
