//! Printing for people (coloured on a terminal) and the progress bar.

use crate::cli::Global;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jixiao::diag::{group_findings, Diagnostic, Report, Severity};
use jixiao::render::Progress;
use jixiao::t;
use owo_colors::OwoColorize;
use std::io::{IsTerminal, Write};

/// Prints one diagnostic the way rustc and typst do.
pub fn print_diagnostic(out: &mut impl Write, d: &Diagnostic) {
    let head = match d.severity {
        Severity::Error => format!("{}", format!("{}[{}]", d.severity.label(), d.code).red().bold()),
        Severity::Warning => format!("{}", format!("{}[{}]", d.severity.label(), d.code).yellow().bold()),
        Severity::Note => format!("{}", format!("{}[{}]", d.severity.label(), d.code).cyan().bold()),
    };
    let _ = writeln!(out, "{head}: {}", d.message.bold());
    if let Some(loc) = &d.location {
        let _ = writeln!(out, "  {} {loc}", "-->".blue().bold());
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  {} {h}", t!("hint-label").blue().bold());
    }
}

/// Prints a report to stderr: notes only with `-v`, nothing but errors with `-q`. The findings
/// of one code in one table are one finding that lists their cells (`--format json` keeps one
/// object a cell), so that a table's real problems do not drown in repeats.
pub fn print_report(report: &Report, g: &Global) {
    let mut err = anstream::stderr().lock();
    let shown: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| match d.severity {
            Severity::Error => true,
            Severity::Warning => !g.quiet,
            Severity::Note => g.verbose && !g.quiet,
        })
        .collect();
    for group in group_findings(shown, |d| d) {
        match group.as_slice() {
            [d] => print_diagnostic(&mut err, d),
            _ => print_group(&mut err, &group),
        }
        let _ = writeln!(err);
    }
}

/// One finding for several of one code in one table: the first's message, every cell, the other
/// messages by their cell, one hint.
fn print_group(out: &mut impl Write, group: &[&Diagnostic]) {
    let first = group[0];
    print_diagnostic(
        out,
        &Diagnostic {
            location: None,
            hint: None,
            message: t!("and-more", message = first.message, count = group.len() - 1),
            ..first.clone()
        },
    );
    let cell = |d: &Diagnostic| d.cell().map(str::to_string);
    let cells: Vec<String> = group.iter().filter_map(|d| cell(d)).collect();
    if let Some(loc) = &first.location {
        let _ = writeln!(out, "  {} {loc} ({})", "-->".blue().bold(), cells.join(", "));
    }
    for d in &group[1..] {
        let _ = writeln!(out, "  {} {}: {}", "·".blue().bold(), cell(d).unwrap_or_default(), d.message);
    }
    if let Some(h) = &first.hint {
        let _ = writeln!(out, "  {} {h}", t!("hint-label").blue().bold());
    }
}

/// `0 errors, 1 warning, 10 notes`, saying how to see the notes when they were not shown.
pub fn summary(report: &Report, g: &Global) -> String {
    let s = report.summary();
    if report.count(Severity::Note) > 0 && !g.verbose {
        t!("notes-hidden", summary = s)
    } else {
        s
    }
}

/// The progress bar of a large build, on a terminal only.
/// The catalogue key of what it counts (张表, 份工作簿).
pub struct Bar(ProgressBar, &'static str);

impl Bar {
    pub fn new() -> Bar {
        Bar::counting("progress-tables")
    }

    /// A bar counting what the catalogue's `key` names.
    pub fn counting(key: &'static str) -> Bar {
        Bar(ProgressBar::hidden(), key)
    }
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        let show = total >= 50 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if show {
            self.0.set_draw_target(ProgressDrawTarget::stderr());
            self.0.set_style(
                ProgressStyle::with_template(&format!(
                    "{{prefix:>6}} [{{bar:30}}] {{pos}}/{{len}} {}",
                    jixiao::i18n::text(self.1, &[])
                ))
                .expect("a valid template")
                .progress_chars("=> "),
            );
            self.0.set_length(total as u64);
            self.0.set_position(0);
            self.0.set_prefix(stage.to_string());
        }
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn note(&self, message: &str) {
        self.0.suspend(|| eprintln!("note: {message}"));
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
