//! Printing diagnostics for people (coloured on a terminal) and for programs (JSON).

use crate::check::{Diagnostic, Report, Severity};
use crate::ingest::ReadError;
use owo_colors::OwoColorize;
use std::io::Write;

/// Prints one diagnostic the way rustc and typst do.
pub fn print_diagnostic(out: &mut impl Write, d: &Diagnostic) {
    let head = match d.severity {
        Severity::Error => format!("{}", format!("error[{}]", d.code).red().bold()),
        Severity::Warning => format!("{}", format!("warning[{}]", d.code).yellow().bold()),
        Severity::Note => format!("{}", format!("note[{}]", d.code).cyan().bold()),
    };
    let _ = writeln!(out, "{head}: {}", d.message.bold());
    if let Some(loc) = &d.location {
        let _ = writeln!(out, "  {} {loc}", "-->".blue().bold());
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  {} {h}", "= hint:".blue().bold());
    }
}

/// Prints a report; notes only when `verbose`, nothing but errors when `quiet`.
pub fn print_report(report: &Report, quiet: bool, verbose: bool) {
    let mut err = anstream::stderr().lock();
    for d in &report.diagnostics {
        let show = match d.severity {
            Severity::Error => true,
            Severity::Warning => !quiet,
            Severity::Note => verbose && !quiet,
        };
        if show {
            print_diagnostic(&mut err, d);
            let _ = writeln!(err);
        }
    }
}

/// The diagnostic for a workbook that could not be read at all.
pub fn read_error(e: &ReadError) -> Diagnostic {
    let loc = match e {
        ReadError::Io { path, .. } => path.clone(),
        ReadError::NotAWorkbook { file } | ReadError::Corrupt { file, .. } | ReadError::Password { file } => {
            file.clone()
        }
        ReadError::TooLarge { file, sheet, .. } => format!("{file}!{sheet}"),
    };
    Diagnostic::error(e.code(), e.to_string()).at(loc).hint(e.hint())
}

pub fn summary_line(report: &Report) -> String {
    let (e, w, n) = (report.count(Severity::Error), report.count(Severity::Warning), report.count(Severity::Note));
    let plural = |k: usize, s: &str| {
        if k == 1 {
            format!("{k} {s}")
        } else {
            format!("{k} {s}s")
        }
    };
    format!("{}, {}, {}", plural(e, "error"), plural(w, "warning"), plural(n, "note"))
}
