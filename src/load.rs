//! The one loader of `check`, `dump`, `build` and `diff`: workbooks (or a packet folder built by
//! jixiao) → one checked packet and what reading and checking it found.

use crate::check;
use crate::diag::{Code, Diagnostic, Report};
use crate::form::{Form, Forms};
use crate::ingest::{self, Workbook};
use crate::model::{Located, Packet};
use crate::t;
use std::path::{Path, PathBuf};

/// What the settings replace in every table the workbooks hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// The title over every table.
    pub title: Option<String>,
    /// The year in each table's title and subtitle, as its form words them, when `title` is not set.
    pub year: Option<u16>,
    /// The prefix of numbers made up for tables the workbook does not number (公开12表 → 公开12表-3).
    pub number_prefix: Option<String>,
    /// The 备注 lines under every table.
    pub notes: Option<Vec<String>>,
}

/// A packet read and checked.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub packet: Packet,
    pub report: Report,
    /// When the newest of the workbooks was last saved (seconds since 1970), if known.
    pub modified: Option<i64>,
}

/// Reads every workbook, in order, into one packet (each sheet in its form among `forms`, or all
/// in `forced`); applies `overrides`; checks it. `Err` when there is no workbook or one cannot be
/// read at all; findings inside the tables are in the report.
pub fn workbooks(
    paths: &[PathBuf],
    overrides: &Overrides,
    forms: &Forms,
    forced: Option<&Form>,
) -> Result<Loaded, Report> {
    if paths.is_empty() {
        return Err(Diagnostic::new(Code::NoInput, t!("no-input")).hint(t!("no-input-hint")).into());
    }
    let books = paths
        .iter()
        .map(|path| ingest::workbook::read_path(path).map_err(|e| Report::from(e.diagnostic())))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(read(&books, overrides, forms, forced))
}

/// The tables of workbooks already in memory, as [`workbooks`] reads them (`jixiao serve` keeps
/// the workbook to show each sheet as it was read).
pub fn read(books: &[Workbook], overrides: &Overrides, forms: &Forms, forced: Option<&Form>) -> Loaded {
    let mut packet = Packet::default();
    let mut report = Report::default();
    let mut modified: Option<i64> = None;
    for wb in books {
        let (p, mut r) = ingest::packet_from_workbook(wb, forms, forced);
        if packet.source.is_empty() {
            packet.source = p.source;
        }
        // The tables of this workbook follow those of the ones before.
        let offset = packet.tables.len();
        for loc in r.diagnostics.iter_mut().filter_map(|d| d.location.as_mut()) {
            loc.table = loc.table.map(|t| t + offset);
        }
        packet.tables.extend(p.tables);
        report.extend(r);
        modified = modified.max(wb.modified);
    }
    for (i, t) in packet.tables.iter_mut().enumerate() {
        if let Some(title) = &overrides.title {
            t.title = Located::bare(title.clone());
        } else if let Some(year) = overrides.year {
            let spec = &forms.of(&t.form).title;
            let y = year.to_string();
            t.title = Located::bare(spec.text.replace("{year}", &y));
            if let Some(sub) = &spec.subtitle {
                t.subtitle = Located::bare(sub.replace("{year}", &y));
            }
        }
        if let (Some(prefix), None) = (&overrides.number_prefix, &t.number.cell) {
            t.number = Located::bare(format!("{prefix}-{}", i + 1));
        }
        if let Some(notes) = &overrides.notes {
            t.notes = notes.iter().map(|n| Located::bare(n.clone())).collect();
        }
    }
    report.extend(check::check(&mut packet, forms));
    Loaded { packet, report, modified }
}

/// One workbook, as it is.
pub fn workbook(path: &Path, forms: &Forms, forced: Option<&Form>) -> Result<Loaded, Report> {
    workbooks(&[path.to_path_buf()], &Overrides::default(), forms, forced)
}

/// One version of a packet, for `diff` and `--corrects`: a workbook (read and checked), or a
/// folder built by `jixiao build` (its model.json, checked when it was built).
/// Reads the target workbooks (项目支出绩效目标表) at `paths` and adds to `loaded`'s report how its
/// self-evaluation tables answer to them ([`crate::targets::compare`]). The target workbooks'
/// own findings are theirs (`jixiao check` them); one that cannot be read is an `Err`.
pub fn against_targets(loaded: &mut Loaded, paths: &[PathBuf], forms: &Forms) -> Result<(), Report> {
    if paths.is_empty() {
        return Ok(());
    }
    let targets = workbooks(paths, &Overrides::default(), forms, None)?;
    loaded.report.extend(crate::targets::compare(&loaded.packet, &targets.packet, forms));
    Ok(())
}

pub fn version(path: &Path, forms: &Forms) -> Result<Packet, Report> {
    if path.is_dir() {
        return crate::packet::read_model(path).map_err(Report::from);
    }
    workbook(path, forms, None).map(|l| l.packet)
}
