//! A sheet as a sparse grid of raw cells, addressed by zero-based (row, column).

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Empty,
    Text(String),
    Float(f64),
    Int(i64),
    /// A cell error such as #DIV/0!.
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    pub value: RawValue,
    /// The formula text, when the cell holds one (its value is then the cached result).
    pub formula: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub name: String,
    cells: HashMap<(u32, u32), RawCell>,
    /// One past the last used row and column.
    pub rows: u32,
    pub cols: u32,
    /// The merged areas, as the workbook gives them (.xlsx and .xls; an .ods gives none here):
    /// only for showing the sheet as its author sees it. The table is read from the cells.
    pub merges: Vec<Merge>,
    /// The number formats of number cells that show their value other than as its shortest form
    /// (`0%`, `#,##0`): .xlsx only. A free-form value prints as its cell shows it.
    formats: HashMap<(u32, u32), super::numfmt::NumFormat>,
}

/// A merged area: its first and last cell, zero-based (row, column), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

const EMPTY: RawCell = RawCell { value: RawValue::Empty, formula: None };

impl Grid {
    pub fn new(name: &str) -> Self {
        Grid {
            name: name.to_string(),
            cells: HashMap::new(),
            rows: 0,
            cols: 0,
            merges: Vec::new(),
            formats: HashMap::new(),
        }
    }

    pub fn set(&mut self, r: u32, c: u32, value: RawValue, formula: Option<String>) {
        self.rows = self.rows.max(r + 1);
        self.cols = self.cols.max(c + 1);
        self.cells.insert((r, c), RawCell { value, formula });
    }

    pub fn set_formula(&mut self, r: u32, c: u32, formula: String) {
        self.rows = self.rows.max(r + 1);
        self.cols = self.cols.max(c + 1);
        self.cells.entry((r, c)).or_insert(RawCell { value: RawValue::Empty, formula: None }).formula = Some(formula);
    }

    /// Sets the merged areas from calamine's, keeping those within the limits of a sheet.
    pub fn set_merges(&mut self, areas: &[calamine::Dimensions]) {
        self.merges = areas
            .iter()
            .filter(|d| d.end.0 < crate::limits::MAX_ROWS && d.end.1 < crate::limits::MAX_COLS)
            .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
            .map(|d| Merge { first: d.start, last: d.end })
            .collect();
    }

    /// Gives a number cell its number format.
    pub fn set_format(&mut self, r: u32, c: u32, format: super::numfmt::NumFormat) {
        if matches!(self.get(r, c).value, RawValue::Float(_) | RawValue::Int(_)) {
            self.formats.insert((r, c), format);
        }
    }

    /// A number cell's format, where it shows the value otherwise than as its shortest form.
    pub fn format(&self, r: u32, c: u32) -> Option<&super::numfmt::NumFormat> {
        self.formats.get(&(r, c))
    }

    pub fn get(&self, r: u32, c: u32) -> &RawCell {
        self.cells.get(&(r, c)).unwrap_or(&EMPTY)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.values().all(|c| c.value == RawValue::Empty && c.formula.is_none())
    }

    /// The trimmed text of a cell as a person reads it (numbers in their shortest form).
    pub fn text(&self, r: u32, c: u32) -> String {
        match &self.get(r, c).value {
            RawValue::Empty => String::new(),
            RawValue::Text(s) => s.trim().to_string(),
            RawValue::Int(i) => i.to_string(),
            RawValue::Float(f) => super::parse::decimal_from_f64(*f).map(|d| d.to_string()).unwrap_or_default(),
            RawValue::Error(e) => e.clone(),
        }
    }

    /// Cells in reading order (row by row), for label search.
    pub fn cells_in_order(&self) -> Vec<(u32, u32)> {
        let mut keys: Vec<_> = self.cells.keys().copied().collect();
        keys.sort_unstable();
        keys
    }
}

/// `C7` for zero-based (6, 2).
pub fn cell_name(r: u32, c: u32) -> String {
    let mut col = String::new();
    let mut n = c + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        col.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{}{}", col, r + 1)
}

/// `C7` → zero-based (6, 2), as [`cell_name`] writes it; `None` for anything else.
pub fn parse_cell(s: &str) -> Option<(u32, u32)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    if digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok().filter(|r| *r > 0)?;
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    Some((row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::{cell_name, parse_cell};

    #[test]
    fn cell_names_past_z_use_two_letters() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(20, 25), "Z21");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 199), "GR10");
    }

    #[test]
    fn cells_parse_as_the_findings_name_them_and_nothing_else_does() {
        assert_eq!(parse_cell("C7"), Some((6, 2)));
        assert_eq!(parse_cell("AA10"), Some((9, 26)));
        assert_eq!(parse_cell("c7"), None);
        assert_eq!(parse_cell("C0"), None);
        assert_eq!(parse_cell("C7!"), None);
        assert_eq!(parse_cell("../C7"), None);
        assert_eq!(parse_cell("7"), None);
    }
}
