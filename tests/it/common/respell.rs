//! Real-world variants of a fixture workbook, as units send them: its cells read back with
//! calamine, respelled, moved or added to, and written again with rust_xlsxwriter (merged
//! areas kept). jixiao writes none of it.

use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
}

/// One sheet: its cells by (row, column) and its merged areas (first row, col, last row, col).
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), Cell>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

pub fn load(path: &Path) -> Vec<Sheet> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = BTreeMap::new();
            for (r, c, v) in range.used_cells() {
                let at = (r as u32 + r0, (c as u32 + c0) as u16);
                match v {
                    Data::String(s) if !s.is_empty() => {
                        cells.insert(at, Cell::Text(s.clone()));
                    }
                    Data::Float(f) => {
                        cells.insert(at, Cell::Num(*f));
                    }
                    Data::Int(i) => {
                        cells.insert(at, Cell::Num(*i as f64));
                    }
                    _ => {}
                }
            }
            let merges = wb
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .iter()
                .map(|d| (d.start.0, d.start.1 as u16, d.end.0, d.end.1 as u16))
                .collect();
            Sheet { name, cells, merges }
        })
        .collect()
}

pub fn save(sheets: &[Sheet], path: &Path) {
    let mut wb = Workbook::new();
    let f = Format::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name).unwrap();
        for &(r1, c1, r2, c2) in &s.merges {
            ws.merge_range(r1, c1, r2, c2, "", &f).unwrap();
        }
        for (&(r, c), v) in &s.cells {
            match v {
                Cell::Text(t) => ws.write_string(r, c, t).unwrap(),
                Cell::Num(n) => ws.write_number(r, c, *n).unwrap(),
            };
        }
    }
    wb.save(path).unwrap();
}

impl Sheet {
    /// Where a text cell equal to `text` stands.
    pub fn find(&self, text: &str) -> Option<(u32, u16)> {
        self.cells.iter().find(|(_, v)| **v == Cell::Text(text.into())).map(|(k, _)| *k)
    }

    /// Respells every text cell that reads `from` as `to`; whether any did.
    pub fn relabel(&mut self, from: &str, to: &str) -> bool {
        let mut hit = false;
        for v in self.cells.values_mut() {
            if *v == Cell::Text(from.into()) {
                *v = Cell::Text(to.into());
                hit = true;
            }
        }
        hit
    }

    /// Inserts `n` empty rows before row `at`: cells and merges below move down, merges across
    /// `at` grow.
    pub fn insert_rows(&mut self, at: u32, n: u32) {
        self.cells = std::mem::take(&mut self.cells)
            .into_iter()
            .map(|((r, c), v)| if r >= at { ((r + n, c), v) } else { ((r, c), v) })
            .collect();
        for m in &mut self.merges {
            if m.0 >= at {
                m.0 += n;
                m.2 += n;
            } else if m.2 >= at {
                m.2 += n;
            }
        }
    }

    /// One past the last used row and column.
    pub fn extent(&self) -> (u32, u16) {
        let rows = self.cells.keys().map(|k| k.0 + 1).max().unwrap_or(0);
        let cols = self.cells.keys().map(|k| k.1 + 1).max().unwrap_or(0);
        (rows, cols)
    }

    /// The row of the first indicator: the row after the header cell `三级指标` (or a spelling).
    pub fn first_indicator_row(&self) -> u32 {
        let (r, _) = self.find("三级指标").expect("a 三级指标 header");
        r + 1
    }

    /// Every number cell whose value passes `pick` becomes the text `show(value)`.
    pub fn numbers_as_text(&mut self, pick: impl Fn((u32, u16), f64) -> bool, show: impl Fn(f64) -> String) -> bool {
        let mut hit = false;
        for (k, v) in self.cells.iter_mut() {
            if let Cell::Num(n) = *v {
                if pick(*k, n) {
                    *v = Cell::Text(show(n));
                    hit = true;
                }
            }
        }
        hit
    }
}

/// `1234567.89` → `1,234,567.89`
pub fn thousands(n: f64) -> String {
    let s = format!("{n}");
    let (int, frac) = s.split_once('.').map(|(a, b)| (a, Some(b))).unwrap_or((&s, None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}
