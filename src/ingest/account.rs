//! The cell accounting: every non-empty cell of a table's sheet ends in exactly one place (a
//! value of the model, a label of its form, a text the form itself prints, or a finding at that
//! cell), and a cell that ends in none becomes a finding of its own. So a figure the unit typed
//! is either in the packet or named at its cell: nothing is dropped in silence.

use super::cells::Reader;
use super::grid::{cell_name, RawValue};
use super::parse::{decimal_from_text, is_blank_mark, percent_from_text, split_target};
use crate::diag::{Code, Diagnostic};
use crate::form::labels::{label_key, spellings};
use crate::form::{label_is, Block, Form};
use crate::model::Table;
use crate::t;
use serde::Serialize;
use std::collections::HashSet;

/// Where a cell went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// A value of the model: printed in the packet.
    Field,
    /// A label of the form (matched, in any of its spellings): the packet prints the form's.
    Label,
    /// A text or mark the form prints itself (Sichuan's note, the — of an unscored row).
    Standing,
    /// Named by a finding of the reading (a template row, text in a number cell).
    Reported,
    /// Nowhere: the finding `unread-cell` (a figure) or `unread-text` names it.
    Unread,
}

/// One non-empty cell of a sheet and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellPlace {
    /// `C7`
    pub cell: String,
    /// The cell's text as the sheet shows it.
    pub text: String,
    pub place: Place,
}

/// Words of the grid every form has beside its labels: a part row's 其中 in a cell of its own,
/// the 备注 heading, the 自评等级 placeholder.
const STRUCTURE: &[&str] = &["其中", "备注", "自评等级", "(自评等级)", "单位", "金额单位"];

/// Places every non-empty cell of the reader's sheet for table `t` read in `form`; a cell with
/// no place gets its finding. `spans` are where each block was looked for from: (row, block).
pub(super) fn account(rd: &mut Reader, t: &Table, form: &Form, spans: &[(u32, usize)]) -> Vec<CellPlace> {
    let fields: HashSet<&str> = t.cells().into_iter().collect();
    let found: HashSet<(u32, u32)> = rd.found_labels().into_iter().collect();
    let reported: HashSet<(u32, u32)> = rd.reported.iter().copied().collect();
    let vocabulary: Vec<String> = form
        .labels()
        .iter()
        .flat_map(|(text, accept)| spellings(text, accept))
        .chain(STRUCTURE.iter().map(|s| s.to_string()))
        .chain([form.notes.clone()])
        .collect();
    let grid = rd.grid;
    let mut out = Vec::new();
    let mut unread = Vec::new();
    for (r, c) in grid.cells_in_order() {
        let raw = &grid.get(r, c).value;
        let text = grid.text(r, c);
        if *raw == RawValue::Empty || text.is_empty() {
            continue;
        }
        let name = cell_name(r, c);
        let key = label_key(&text);
        let place = if fields.contains(name.as_str()) {
            Place::Field
        } else if found.contains(&(r, c)) || vocabulary.iter().any(|l| label_is(&key, l)) {
            Place::Label
        } else if is_blank_mark(&text) || form.standing_text(&text).is_some() {
            Place::Standing
        } else if reported.contains(&(r, c)) {
            Place::Reported
        } else {
            unread.push((r, c));
            Place::Unread
        };
        out.push(CellPlace { cell: name, text, place });
    }
    for (r, c) in unread {
        let d = unread_finding(rd, form, spans, r, c);
        rd.diags.push(d.at(rd.loc(r, c)).in_table(&t.number.value));
    }
    out
}

/// Whether a cell holds a figure (a number, a number typed as text, a percentage, an amount with
/// its unit such as `12.5万元` or `≥90%`, an error value) rather than words.
pub fn is_figure(raw: &RawValue) -> bool {
    match raw {
        RawValue::Int(_) | RawValue::Float(_) | RawValue::Error(_) => true,
        RawValue::Text(t) => {
            decimal_from_text(t).is_some()
                || percent_from_text(t).is_some()
                || matches!(split_target(t), (_, Some(crate::model::Measure::Number(_)), unit) if unit.chars().count() <= 4)
        }
        RawValue::Empty => false,
    }
}

/// The finding for an unplaced cell: its text, the label of its row, and the labels the form
/// expects in the block the row falls in.
fn unread_finding(rd: &Reader, form: &Form, spans: &[(u32, usize)], r: u32, c: u32) -> Diagnostic {
    let grid = rd.grid;
    let text = grid.text(r, c);
    let row_label = (0..c).map(|cc| grid.text(r, cc)).find(|s| !s.is_empty() && !is_figure(&RawValue::Text(s.clone())));
    let block = spans.iter().rev().find(|(start, _)| *start <= r).map(|&(_, k)| &form.blocks[k]);
    let expected: Vec<String> = match block {
        Some(Block::Funds(b)) => b.funds.iter().map(|f| f.label.clone()).collect(),
        Some(Block::Indicators(b)) => b.columns.iter().map(|c| c.label.clone()).collect(),
        Some(Block::Rows(b)) => b.rows.iter().flatten().filter_map(|c| c.label.clone()).collect(),
        Some(Block::Total(b)) => vec![b.label.text().to_string()],
        None => vec![t!("unread-place-title"), t!("unread-place-number")],
    };
    let expected: Vec<String> = expected.iter().map(|l| l.replace('\n', "")).collect();
    let row = match &row_label {
        Some(l) => t!("unread-row-labelled", label = l),
        None => t!("unread-row-start"),
    };
    let figure = is_figure(&grid.get(r, c).value);
    let expected = expected.join("、");
    if figure {
        Diagnostic::new(
            Code::UnreadCell,
            t!("unread-figure", text = text, row = row, form = form.name, expected = expected),
        )
        .hint(t!("unread-figure-hint"))
    } else {
        Diagnostic::new(
            Code::UnreadText,
            t!("unread-text", text = text, row = row, form = form.name, expected = expected),
        )
        .hint(t!("unread-text-hint"))
    }
}
