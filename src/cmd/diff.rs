//! `jixiao diff OLD NEW`: load both sides (workbook or packet folder) → diff → print.

use super::output::print_report;
use super::{EXIT_FINDINGS, EXIT_UNREADABLE};
use crate::check::{Diagnostic, Profile, Report};
use crate::cli::{DiffArgs, Format, Global};
use crate::diff::{diff, PacketDiff, Status};
use crate::model::Packet;
use owo_colors::OwoColorize;
use std::io::Write;
use std::path::Path;

/// A packet from a workbook (read and checked) or from a built packet folder's model.json.
pub fn load_side(path: &Path) -> Result<Packet, Report> {
    if path.is_dir() {
        let model = path.join("model.json");
        let bytes = std::fs::read(&model).map_err(|e| Report {
            diagnostics: vec![Diagnostic::error("packet-unreadable", format!("cannot read {}: {e}", model.display()))
                .at(path.display().to_string())
                .hint("name a folder written by `jixiao build` (it holds model.json), or a workbook")],
        })?;
        return serde_json::from_slice(&bytes).map_err(|e| Report {
            diagnostics: vec![Diagnostic::error(
                "packet-unreadable",
                format!("{} is not a jixiao model: {e}", model.display()),
            )
            .at(model.display().to_string())
            .hint("rebuild that packet with this version of jixiao")],
        });
    }
    super::check::load(path).map(|(p, _)| p)
}

pub fn run(_g: &Global, args: &DiffArgs) -> u8 {
    let (old, new) = match (load_side(&args.old), load_side(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let mut r = Report::default();
            for side in [o.err(), n.err()].into_iter().flatten() {
                r.extend(side);
            }
            print_report(&r, false, false);
            return EXIT_UNREADABLE;
        }
    };
    let d = diff(&old, &new, &Profile::default());
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&d).expect("JSON of plain data")),
        Format::Human => print_human(&d),
    }
    if d.is_empty() {
        0
    } else {
        EXIT_FINDINGS
    }
}

fn print_human(d: &PacketDiff) {
    let mut out = anstream::stdout().lock();
    if d.is_empty() {
        let _ = writeln!(out, "no changes");
        return;
    }
    for t in &d.tables {
        let what = match t.status {
            Status::Changed => format!("{} change{}", t.changes.len(), if t.changes.len() == 1 { "" } else { "s" }),
            Status::Added => "added".into(),
            Status::Removed => "removed".into(),
            Status::Moved => {
                format!("moved from {}; {} changes", t.old_number.as_deref().unwrap_or(""), t.changes.len())
            }
        };
        let _ = writeln!(out, "{} {}: {}", t.number.bold(), t.project, what.yellow());
        for c in &t.changes {
            let old = if c.old.is_empty() { "（空）" } else { &c.old };
            let new = if c.new.is_empty() { "（空）" } else { &c.new };
            let cell = c.cell.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
            let note = if c.derived { " (recomputed)".dimmed().to_string() } else { String::new() };
            let _ = writeln!(out, "  {}: {} → {}{}{}", c.field, old.red(), new.green(), cell.dimmed(), note);
        }
    }
}
