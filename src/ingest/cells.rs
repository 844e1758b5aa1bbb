//! A sheet's cells as a table reader sees them: its text cells normalized for label search, and
//! typed reading (numbers stored as text, percentages, `—` for empty, formulas without a saved
//! result), each value located at its cell.

use super::grid::{cell_name, Grid, RawValue};
use super::parse::{decimal_from_f64, decimal_from_text, is_blank_mark, percent_from_text};
use crate::diag::{location, Code, Diagnostic};
use crate::form::label_key;
use crate::model::{Located, Measure, Money};
use crate::t;
use rust_decimal::Decimal;
use std::cell::RefCell;

pub(super) struct Reader<'a> {
    pub file: &'a str,
    pub grid: &'a Grid,
    /// The label key ([`label_key`]) of every text cell, in reading order.
    pub labels: Vec<(u32, u32, String)>,
    pub diags: Vec<Diagnostic>,
    pub uncached: Vec<String>,
    /// The cells a search took for a label of the form: the cell accounting counts them placed.
    found: RefCell<Vec<(u32, u32)>>,
    /// The cells a finding of the reading names (a template row, a number that is not one).
    pub reported: Vec<(u32, u32)>,
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str, grid: &'a Grid) -> Self {
        let labels = grid
            .cells_in_order()
            .into_iter()
            .filter_map(|(r, c)| match &grid.get(r, c).value {
                RawValue::Text(t) => Some((r, c, label_key(t))),
                _ => None,
            })
            .filter(|(_, _, t)| !t.is_empty())
            .collect();
        Reader {
            file,
            grid,
            labels,
            diags: Vec::new(),
            uncached: Vec::new(),
            found: RefCell::new(Vec::new()),
            reported: Vec::new(),
        }
    }

    /// The cells searches took for labels.
    pub fn found_labels(&self) -> Vec<(u32, u32)> {
        self.found.borrow().clone()
    }

    /// A label the reader recognised without a search (a funds row read by its words).
    pub fn mark_label(&self, r: u32, c: u32) {
        self.found.borrow_mut().push((r, c));
    }

    /// A finding of the reading at cell (`r`, `c`): kept, and the cell counted as reported.
    pub fn report(&mut self, d: Diagnostic, r: u32, c: u32) {
        self.reported.push((r, c));
        self.diags.push(d.at(self.loc(r, c)));
    }

    pub fn loc(&self, r: u32, c: u32) -> crate::diag::Location {
        location(self.file, &self.grid.name, Some(&cell_name(r, c)))
    }

    /// The first label (in reading order, from row `from` on) that `pred` accepts.
    pub fn find(&self, from: u32, pred: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.find_before(from, u32::MAX, pred)
    }

    /// The first label in rows `from..end` that `pred` accepts.
    pub fn find_before(&self, from: u32, end: u32, pred: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        let hit = self.labels.iter().find(|(r, _, t)| *r >= from && *r < end && pred(t)).map(|&(r, c, _)| (r, c));
        self.found.borrow_mut().extend(hit);
        hit
    }

    /// A label in one row.
    pub fn find_in_row(&self, row: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
        let hit = self.labels.iter().find(|(r, _, t)| *r == row && pred(t)).map(|&(_, c, _)| c);
        self.found.borrow_mut().extend(hit.map(|c| (row, c)));
        hit
    }

    pub fn missing(&mut self, label: &str, hint: &str) {
        let d = Diagnostic::new(Code::MissingLabel, t!("missing-label", label = label))
            .at(location(self.file, &self.grid.name, None))
            .hint(hint.to_string());
        self.diags.push(d);
    }

    /// The first non-empty cell right of `c` in row `r`, before column `stop`.
    pub fn value_right(&self, r: u32, c: u32, stop: u32) -> Located<String> {
        for cc in c + 1..stop.min(self.grid.cols) {
            let t = self.grid.text(r, cc);
            if !t.is_empty() {
                return Located::new(t, Some(cell_name(r, cc)));
            }
        }
        Located::new(String::new(), Some(cell_name(r, c + 1)))
    }

    pub fn text(&self, r: u32, c: Option<u32>) -> Located<String> {
        match c {
            Some(c) => Located::new(self.grid.text(r, c), Some(cell_name(r, c))),
            None => Located::default(),
        }
    }

    /// Notes a formula whose cached value is missing (files written by scripts): the checks
    /// recompute what they can derive.
    pub fn note_formula(&mut self, r: u32, c: u32) {
        if let Some(f) = &self.grid.get(r, c).formula {
            if self.grid.get(r, c).value == RawValue::Empty {
                self.uncached.push(cell_name(r, c));
                self.diags.push(
                    Diagnostic::new(Code::FormulaWithoutValue, t!("formula-without-value", formula = f))
                        .at(self.loc(r, c))
                        .hint(t!("formula-without-value-hint")),
                );
            }
        }
    }

    /// A number cell: money or a score. Text that is a number is read as one; `—` is empty.
    pub fn number(&mut self, r: u32, c: Option<u32>, what: &str) -> Money {
        let Some(c) = c else {
            return Located::default();
        };
        let at = Some(cell_name(r, c));
        self.note_formula(r, c);
        let value = match &self.grid.get(r, c).value {
            RawValue::Empty => None,
            RawValue::Int(i) => Some(Decimal::from(*i)),
            RawValue::Float(f) => decimal_from_f64(*f),
            RawValue::Text(t) if is_blank_mark(t) => None,
            RawValue::Text(t) => match decimal_from_text(t) {
                Some(d) => Some(d),
                None => {
                    let d = Diagnostic::new(Code::NumberExpected, t!("number-expected", what = what, text = t.trim()))
                        .hint(t!("number-expected-hint"));
                    self.report(d, r, c);
                    None
                }
            },
            RawValue::Error(e) => {
                let d = Diagnostic::new(Code::CellError, t!("cell-error", what = what, error = e))
                    .hint(t!("cell-error-hint"));
                self.report(d, r, c);
                None
            }
        };
        Located::new(value, at)
    }

    /// 执行率 as a fraction: a number cell holds 1 for 100%; text may say `100%` or `98.76`.
    pub fn rate(&mut self, r: u32, c: Option<u32>) -> Located<Option<Decimal>> {
        let Some(c) = c else {
            return Located::default();
        };
        if let RawValue::Text(t) = &self.grid.get(r, c).value {
            if let Some((d, pct)) = percent_from_text(t) {
                // A plain number above 2 can only be a percentage typed without its sign.
                let v = if pct || d > Decimal::TWO { d / Decimal::ONE_HUNDRED } else { d };
                return Located::new(Some(v), Some(cell_name(r, c)));
            }
        }
        self.number(r, Some(c), "执行率")
    }

    /// A target or actual: a number, a percentage (`100%`, its `%` becomes the unit), or text.
    /// The value keeps how its cell showed it ([`Located::shown`]): the text as typed, or the
    /// number in the cell's own format (0.95 formatted `0%` is 95, shown `95%`).
    pub fn measure(&mut self, r: u32, c: Option<u32>) -> (Located<Option<Measure>>, Option<String>) {
        let Some(c) = c else {
            return (Located::default(), None);
        };
        let at = Some(cell_name(r, c));
        self.note_formula(r, c);
        let number = |d: Option<Decimal>| -> (Option<Measure>, Option<String>, Option<String>) {
            let Some(d) = d else { return (None, None, None) };
            match self.grid.format(r, c) {
                Some(f) => {
                    let (shown, meant) = f.show(d);
                    (Some(Measure::Number(meant)), f.percent.then(|| "%".to_string()), Some(shown))
                }
                None => (Some(Measure::Number(d)), None, None),
            }
        };
        let (m, unit, shown) = match &self.grid.get(r, c).value {
            RawValue::Empty => (None, None, None),
            RawValue::Int(i) => number(Some(Decimal::from(*i))),
            RawValue::Float(f) => number(decimal_from_f64(*f)),
            RawValue::Text(t) if is_blank_mark(t) => (None, None, None),
            RawValue::Text(t) => match percent_from_text(t) {
                Some((d, true)) => (Some(Measure::Number(d)), Some("%".to_string()), Some(t.clone())),
                Some((d, false)) => (Some(Measure::Number(d)), None, Some(t.clone())),
                None => (Some(Measure::Text(t.trim().to_string())), None, None),
            },
            RawValue::Error(e) => (Some(Measure::Text(e.clone())), None, None),
        };
        let printed = crate::model::format::measure(&m);
        let located = Located::new(m, at);
        let located = match shown {
            Some(s) => located.showing(&s, &printed),
            None => located,
        };
        (located, unit)
    }

    /// The 备注 lines below the table, with their numbering (`1.`, `（1）`, `-`) taken off.
    pub fn notes(&self, from: u32, form: &crate::form::Form) -> Vec<Located<String>> {
        let Some((r_note, c_note)) = self.find(from, |t| form.is_notes_label(t)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.grid.text(r_note, c_note);
        let rest = first.trim().trim_start_matches(form.notes.as_str()).trim_start_matches([':', '：']).trim();
        if !rest.is_empty() {
            out.push(Located::new(strip_numbering(rest), Some(cell_name(r_note, c_note))));
        }
        for (r, c, _) in self.labels.iter().filter(|(r, _, _)| *r > r_note) {
            let t = self.grid.text(*r, *c);
            out.push(Located::new(strip_numbering(&t), Some(cell_name(*r, *c))));
        }
        out
    }
}

/// `1. 涉密…`, `1、涉密…`, `（1）涉密…`, `- 涉密…` → `涉密…`
pub fn strip_numbering(s: &str) -> String {
    let t = s.trim();
    let t = t.trim_start_matches(['-', '•', '·', '*']).trim_start();
    let digits = t.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(0);
    let seps = ['.', '、', '．', ')', '）'];
    let t2 = if digits > 0 && t[digits..].starts_with(seps) {
        t[digits..].trim_start_matches(seps).trim_start()
    } else if let Some(inner) = t.strip_prefix(['(', '（']) {
        let d = inner.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(0);
        if d > 0 {
            inner[d..].trim_start_matches([')', '）']).trim_start()
        } else {
            t
        }
    } else {
        t
    };
    t2.to_string()
}
