//! A sheet's cells as a table reader sees them: its text cells normalized for label search, and
//! typed reading (numbers stored as text, percentages, `—` for empty, formulas without a saved
//! result), each value located at its cell.

use super::grid::{cell_name, Grid, RawValue};
use super::parse::{decimal_from_f64, decimal_from_text, is_blank_mark, norm, percent_from_text};
use crate::diag::{location, Code, Diagnostic};
use crate::model::{Located, Measure, Money};
use rust_decimal::Decimal;

pub(super) struct Reader<'a> {
    pub file: &'a str,
    pub grid: &'a Grid,
    /// Normalized text of every text cell, in reading order.
    pub labels: Vec<(u32, u32, String)>,
    pub diags: Vec<Diagnostic>,
    pub uncached: Vec<String>,
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str, grid: &'a Grid) -> Self {
        let labels = grid
            .cells_in_order()
            .into_iter()
            .filter_map(|(r, c)| match &grid.get(r, c).value {
                RawValue::Text(t) => Some((r, c, norm(t))),
                _ => None,
            })
            .filter(|(_, _, t)| !t.is_empty())
            .collect();
        Reader { file, grid, labels, diags: Vec::new(), uncached: Vec::new() }
    }

    pub fn loc(&self, r: u32, c: u32) -> String {
        location(self.file, &self.grid.name, Some(&cell_name(r, c)))
    }

    /// The first label (in reading order, from row `from` on) that `pred` accepts.
    pub fn find(&self, from: u32, pred: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.labels.iter().find(|(r, _, t)| *r >= from && pred(t)).map(|&(r, c, _)| (r, c))
    }

    /// A label in one row.
    pub fn find_in_row(&self, row: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
        self.labels.iter().find(|(r, _, t)| *r == row && pred(t)).map(|&(_, c, _)| c)
    }

    pub fn missing(&mut self, label: &str, hint: &str) {
        let d = Diagnostic::new(Code::MissingLabel, format!("the table has no {label} label"))
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
                    Diagnostic::new(Code::FormulaWithoutValue, format!("the formula ={f} has no saved result"))
                        .at(self.loc(r, c))
                        .hint("jixiao recomputes what it can; open and save the workbook in Excel or WPS to store the results"),
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
                    let d = Diagnostic::new(
                        Code::NumberExpected,
                        format!("{what}: expected a number, found “{}”", t.trim()),
                    )
                    .at(self.loc(r, c))
                    .hint("type the figure as a plain number, e.g. 213.37, or leave the cell empty");
                    self.diags.push(d);
                    None
                }
            },
            RawValue::Error(e) => {
                let d = Diagnostic::new(Code::CellError, format!("{what}: the cell shows the error {e}"))
                    .at(self.loc(r, c))
                    .hint("fix the formula in Excel or WPS so that it gives a number");
                self.diags.push(d);
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
    pub fn measure(&mut self, r: u32, c: Option<u32>) -> (Located<Option<Measure>>, Option<String>) {
        let Some(c) = c else {
            return (Located::default(), None);
        };
        let at = Some(cell_name(r, c));
        self.note_formula(r, c);
        let (m, unit) = match &self.grid.get(r, c).value {
            RawValue::Empty => (None, None),
            RawValue::Int(i) => (Some(Measure::Number(Decimal::from(*i))), None),
            RawValue::Float(f) => (decimal_from_f64(*f).map(Measure::Number), None),
            RawValue::Text(t) if is_blank_mark(t) => (None, None),
            RawValue::Text(t) => match percent_from_text(t) {
                Some((d, true)) => (Some(Measure::Number(d)), Some("%".to_string())),
                Some((d, false)) => (Some(Measure::Number(d)), None),
                None => (Some(Measure::Text(t.trim().to_string())), None),
            },
            RawValue::Error(e) => (Some(Measure::Text(e.clone())), None),
        };
        (Located::new(m, at), unit)
    }

    /// The 备注 lines below the table, with their numbering (`1.`, `（1）`, `-`) taken off.
    pub fn notes(&self, from: u32) -> Vec<Located<String>> {
        let Some((r_note, c_note)) = self.find(from, |t| t.starts_with("备注")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.grid.text(r_note, c_note);
        let rest = first.trim_start_matches("备注").trim_start_matches([':', '：']).trim();
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
