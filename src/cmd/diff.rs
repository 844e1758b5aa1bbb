//! `jixiao diff OLD NEW`: load both versions (workbook or packet folder) → diff → print.

use super::output::print_report;
use crate::cli::{DiffArgs, Global, ReportFormat};
use jixiao::diag::Report;
use jixiao::diff::{diff, PacketDiff, Status};
use jixiao::load;
use jixiao::t;
use owo_colors::OwoColorize;
use std::io::Write;

pub fn run(g: &Global, args: &DiffArgs) -> u8 {
    let forms = match super::load_forms(g) {
        Ok(f) => f,
        Err(r) => {
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    let (old, new) = match (load::version(&args.old, &forms), load::version(&args.new, &forms)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let mut r = Report::default();
            for side in [o.err(), n.err()].into_iter().flatten() {
                r.extend(side);
            }
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    let d = diff(&old, &new, &forms);
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&d).expect("JSON of plain data")),
        ReportFormat::Human => print_human(&d),
    }
    u8::from(!d.is_empty())
}

fn print_human(d: &PacketDiff) {
    let mut out = anstream::stdout().lock();
    if d.is_empty() {
        let _ = writeln!(out, "{}", t!("diff-none"));
        return;
    }
    for t in &d.tables {
        let what = match t.status {
            Status::Changed => t!("diff-changed", count = t.changes.len()),
            Status::Added => t!("diff-added"),
            Status::Removed => t!("diff-removed"),
            Status::Moved => t!("diff-moved", old = t.old_number.as_deref().unwrap_or(""), count = t.changes.len()),
        };
        let _ = writeln!(out, "{} {}: {}", t.number.bold(), t.project, what.yellow());
        for c in &t.changes {
            let empty = t!("diff-empty");
            let old = if c.old.is_empty() { &empty } else { &c.old };
            let new = if c.new.is_empty() { &empty } else { &c.new };
            let cell = c.cell.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
            let note = if c.follows { format!(" {}", t!("diff-follows").dimmed()) } else { String::new() };
            let _ = writeln!(out, "  {}: {} → {}{}{}", c.field, old.red(), new.green(), cell.dimmed(), note);
        }
    }
}
