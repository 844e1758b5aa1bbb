//! Stage 1: a workbook file → a [`Packet`] plus what reading it found.
//!
//! `workbook` knows file formats and limits, `grid` holds raw cells, `locate` finds the table by
//! its labels, `parse` reads typed text.

pub mod account;
mod biff;
mod cells;
pub mod grid;
pub mod locate;
pub mod numfmt;
mod ods;
/// Reading values as people type them: the model's, used here on every cell.
pub use crate::model::parse;
pub mod workbook;

use crate::diag::{location, Code, Diagnostic, Report};
use crate::form::{Form, Forms};
use crate::model::Packet;
use crate::t;
use locate::SheetOutcome;
pub use workbook::{ReadError, Workbook};

/// Reads every table of a workbook, each in the built-in form its labels say. `Err` only when
/// the file cannot be read at all; problems inside a table come back as diagnostics.
pub fn read(path: &std::path::Path) -> Result<(Packet, Report), ReadError> {
    Ok(packet_from_workbook(&workbook::read_path(path)?, Forms::builtin(), None))
}

/// The tables of a workbook, each in the form its labels say among `forms`, or all in `forced`.
pub fn packet_from_workbook(wb: &Workbook, forms: &Forms, forced: Option<&Form>) -> (Packet, Report) {
    let (packet, report, _) = read_workbook(wb, forms, forced);
    (packet, report)
}

/// Where every non-empty cell of a sheet went, for the sheets that hold a table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SheetCells {
    pub sheet: String,
    /// The table's number (公开12表-1).
    pub table: String,
    pub cells: Vec<account::CellPlace>,
}

/// The tables of a workbook as [`packet_from_workbook`] reads them, and where every non-empty
/// cell of each table's sheet went (`jixiao dump --cells`).
pub fn read_workbook(wb: &Workbook, forms: &Forms, forced: Option<&Form>) -> (Packet, Report, Vec<SheetCells>) {
    let mut packet = Packet { source: wb.file.clone(), tables: Vec::new() };
    let mut diags = Vec::new();
    let mut sheets = Vec::new();
    let mut broken = 0;
    for (i, grid) in wb.sheets.iter().enumerate() {
        let before = diags.len();
        match locate::read_sheet(&wb.file, grid, i, forms, forced, &mut diags) {
            SheetOutcome::Table(t, cells) => {
                // The findings of reading it are about this table.
                for loc in diags[before..].iter_mut().filter_map(|d| d.location.as_mut()) {
                    loc.table = Some(packet.tables.len());
                }
                sheets.push(SheetCells { sheet: grid.name.clone(), table: t.number.value.clone(), cells });
                packet.tables.push(*t)
            }
            SheetOutcome::Skipped(note) => diags.push(note),
            SheetOutcome::Broken => broken += 1,
        }
    }
    if packet.tables.is_empty() && broken == 0 {
        diags.push(
            Diagnostic::new(Code::NoTables, t!("no-tables"))
                .at(location(&wb.file, "", None))
                .hint(t!("no-tables-hint")),
        );
    }
    (packet, Report { diagnostics: diags }, sheets)
}
