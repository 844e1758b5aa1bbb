//! The Excel copy, in its form's grid, that a unit corrects and submits: every merge, thin
//! borders on the table, 宋体 10.5 pt body and a bold 黑体 title, row heights computed for
//! wrapped text (Excel does not autofit merged cells), A4 print setup with the indicator header
//! repeated. It reads back through jixiao's reader as the same model.

use super::context::{PacketContext, TableContext};
use super::grid::{CellContext, CellKind, Number};
use super::{Format as OutputFormat, OutFile, Plan, RenderError, Renderer};
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic};
use crate::model::format::excel_format;
use crate::model::round_half_up;
use crate::t;
use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::{HashMap, HashSet};

/// The grid's width in Excel character units, shared out over its columns as their relative
/// widths say (the same as the PDF's and the HTML's): narrow enough that A4 portrait prints it
/// at about 87 % (Excel fits it to the page's width).
const TABLE_CHARS: f64 = 106.0;
const BODY_FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";
const BODY_SIZE: f64 = 10.5;
/// Points per wrapped line of 宋体 10.5 pt as Excel and LibreOffice space it, and the cell's
/// vertical padding.
const LINE_PT: f64 = 15.0;
const PAD_PT: f64 = 4.0;

pub struct XlsxRenderer {
    /// The workbook's creation time.
    timestamp: Timestamp,
}

impl XlsxRenderer {
    pub fn new(timestamp: Timestamp) -> Self {
        XlsxRenderer { timestamp }
    }

    fn workbook(&self, tables: &[TableContext]) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let created = ExcelDateTime::from_timestamp(self.timestamp.unix())?;
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("jixiao"));
        let mut used = HashSet::new();
        for view in tables {
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&view.number, &mut used))?;
            SheetWriter::new(view).write(ws, view)?;
        }
        wb.save_to_buffer()
    }
}

fn error(e: XlsxError) -> RenderError {
    Diagnostic::new(Code::Xlsx, t!("xlsx-failed", error = e)).hint(t!("xlsx-failed-hint")).into()
}

impl Renderer for XlsxRenderer {
    fn format(&self) -> OutputFormat {
        OutputFormat::Xlsx
    }

    fn render_planned(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        let mut files = vec![OutFile {
            path: super::names::packet(OutputFormat::Xlsx),
            bytes: self.workbook(&ctx.tables).map_err(error)?,
            table: None,
        }];
        let singles: Vec<OutFile> = ctx
            .tables
            .par_iter()
            .enumerate()
            .filter(|(i, _)| plan.is_fresh(*i))
            .map(|(_, view)| {
                Ok(OutFile {
                    path: super::table_file(&view.slug, OutputFormat::Xlsx),
                    bytes: self.workbook(std::slice::from_ref(view))?,
                    table: Some(view.number.clone()),
                })
            })
            .collect::<Result<_, XlsxError>>()
            .map_err(error)?;
        files.extend(singles);
        Ok(files)
    }
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`, not quoted.
pub fn sheet_name(number: &str, used: &mut HashSet<String>) -> String {
    let clean: String =
        number.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = if clean.is_empty() { "表".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut k = 2;
    while !used.insert(name.to_lowercase()) {
        let suffix = format!("({k})");
        name = format!("{}{suffix}", base.chars().take(31 - suffix.chars().count()).collect::<String>());
        k += 1;
    }
    name
}

/// Display width of text in Excel character units: CJK and full-width forms count two.
fn text_units(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 }).sum()
}

/// Lines a text wraps to in a cell `width` units wide (less its indent and padding).
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 2.0).max(1.0);
    text.split('\n').map(|line| ((text_units(line) / usable).ceil() as usize).max(1)).sum()
}

struct SheetWriter {
    /// Column widths in Excel character units.
    widths: Vec<f64>,
    formats: HashMap<String, Format>,
    /// Tallest text per row, in lines.
    lines: HashMap<u32, usize>,
    /// Labels down several rows: (first row, last row, the lines they need).
    tall_lines: Vec<(u32, u32, usize)>,
}

fn base() -> Format {
    Format::new().set_font_name(BODY_FONT).set_font_size(BODY_SIZE).set_font_charset(134)
}

impl SheetWriter {
    fn new(view: &TableContext) -> Self {
        let total: f64 = view.grid.columns.iter().map(|c| c.width).sum();
        let widths = view.grid.columns.iter().map(|c| TABLE_CHARS * c.width / total).collect();
        SheetWriter { widths, formats: HashMap::new(), lines: HashMap::new(), tall_lines: Vec::new() }
    }

    fn last_col(&self) -> u16 {
        self.widths.len().saturating_sub(1) as u16
    }

    /// Cell formats by role: `label`, `text`, `num:<excel format>`.
    fn fmt(&mut self, key: &str) -> Format {
        self.formats
            .entry(key.to_string())
            .or_insert_with(|| {
                let cell = base().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
                match key {
                    "title" => Format::new()
                        .set_font_name(TITLE_FONT)
                        .set_font_charset(134)
                        .set_font_size(16)
                        .set_bold()
                        .set_align(FormatAlign::Center)
                        .set_align(FormatAlign::VerticalCenter),
                    "subtitle" => base().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
                    "number" => base().set_align(FormatAlign::Right),
                    "note" => base()
                        .set_text_wrap()
                        .set_align(FormatAlign::Left)
                        .set_align(FormatAlign::VerticalCenter)
                        .set_indent(1),
                    // Left-aligned text keeps off the border by an indent.
                    "text" => cell.set_align(FormatAlign::Left).set_indent(1),
                    "grade" => cell.set_align(FormatAlign::Center).set_font_name(TITLE_FONT).set_bold(),
                    k => match k.strip_prefix("num:") {
                        Some(nf) => cell.set_align(FormatAlign::Center).set_num_format(nf),
                        None => cell.set_align(FormatAlign::Center),
                    },
                }
            })
            .clone()
    }

    fn wrapped(&self, first: u16, last: u16, text: &str) -> usize {
        let width: f64 = self.widths[first as usize..=last as usize].iter().sum();
        wrapped_lines(text, width)
    }

    fn note_lines(&mut self, row: u32, first: u16, last: u16, text: &str) {
        let n = self.wrapped(first, last, text);
        let e = self.lines.entry(row).or_insert(1);
        *e = (*e).max(n);
    }

    /// Text across columns `first..=last` of `row` (merged when wider than one column).
    fn text(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        first: u16,
        last: u16,
        text: &str,
        role: &str,
    ) -> Result<(), XlsxError> {
        let f = self.fmt(role);
        if first == last {
            // write_string: text is never taken for a formula, even when it starts with `=`.
            ws.write_string_with_format(row, first, text, &f)?;
        } else {
            ws.merge_range(row, first, row, last, text, &f)?;
        }
        if role != "title" {
            self.note_lines(row, first, last, text);
        }
        Ok(())
    }

    /// A label spanning rows (项目资金, 年度总体目标, a 一级指标 group).
    fn tall(&mut self, ws: &mut Worksheet, rows: (u32, u32), cols: (u16, u16), text: &str) -> Result<(), XlsxError> {
        let f = self.fmt("label");
        let lines = self.wrapped(cols.0, cols.1, text);
        self.tall_lines.push((rows.0, rows.1, lines));
        if rows.0 == rows.1 && cols.0 == cols.1 {
            ws.write_string_with_format(rows.0, cols.0, text, &f)?;
        } else {
            ws.merge_range(rows.0, cols.0, rows.1, cols.1, text, &f)?;
        }
        Ok(())
    }

    /// A number written as a number, with the Excel format that prints it as the PDF does.
    fn num(&mut self, ws: &mut Worksheet, row: u32, first: u16, last: u16, n: Number) -> Result<(), XlsxError> {
        let (value, nf) = match n {
            Number::Fixed { value, min } => (value, excel_format(value, min)),
            Number::Rate { value, decimals } => {
                let pct = round_half_up(value * Decimal::ONE_HUNDRED, decimals.unwrap_or(2));
                let places = decimals.unwrap_or(pct.normalize().scale());
                let nf = if places == 0 { "0%".to_string() } else { format!("0.{}%", "0".repeat(places as usize)) };
                (pct / Decimal::ONE_HUNDRED, nf)
            }
        };
        let f = self.fmt(&format!("num:{nf}"));
        if first != last {
            ws.merge_range(row, first, row, last, "", &f)?;
        }
        ws.write_number_with_format(row, first, value.to_f64().unwrap_or_default(), &f)?;
        Ok(())
    }

    /// One cell of the grid at sheet row `row`.
    fn cell(&mut self, ws: &mut Worksheet, row: u32, c: &CellContext) -> Result<(), XlsxError> {
        let (first, last) = (c.col as u16, (c.col + c.colspan - 1) as u16);
        if let Some(n) = c.number {
            return self.num(ws, row, first, last, n);
        }
        // Labels down rows (blocks, 一级指标 groups) are laid out by the rows beside them.
        if c.rowspan > 1 || c.scope.as_deref() == Some("rowgroup") {
            return self.tall(ws, (row, row + c.rowspan as u32 - 1), (first, last), &c.text);
        }
        let role = match c.kind {
            CellKind::Grade => "grade",
            _ if c.left => "text",
            _ => "label",
        };
        self.text(ws, row, first, last, &c.text, role)
    }

    fn write(mut self, ws: &mut Worksheet, v: &TableContext) -> Result<(), XlsxError> {
        for (c, w) in self.widths.clone().iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        let last_col = self.last_col();
        let mut r = 0u32;
        for line in &v.before {
            self.text(ws, r, 0, last_col, line, "note")?;
            r += 1;
        }
        self.text(ws, r, 0, last_col, &v.title, "title")?;
        ws.set_row_height(r, 30)?;
        r += 1;
        if !v.subtitle.is_empty() {
            self.text(ws, r, 0, last_col, &v.subtitle, "subtitle")?;
            r += 1;
        }
        if !v.after.is_empty() {
            // Each label-value line in a cell of its own, side by side: it reads back as written.
            let n = v.after.len() as u16;
            let width = last_col + 1;
            for (k, line) in v.after.iter().enumerate() {
                let (first, last) = (k as u16 * width / n, (k as u16 + 1) * width / n - 1);
                self.text(ws, r, first, last.max(first), line, "note")?;
            }
            r += 1;
        }
        if v.show_number {
            let f = self.fmt("number");
            ws.write_string_with_format(r, last_col, &v.number, &f)?;
            r += 1;
        }
        let header_first = r + v.grid.top.len() as u32;
        for (k, row) in v.grid.top.iter().chain(&v.grid.header).chain(&v.grid.body).enumerate() {
            for c in row {
                self.cell(ws, r + k as u32, c)?;
            }
        }
        let total_rows = (v.grid.top.len() + v.grid.header.len() + v.grid.body.len()) as u32;
        let mut last = r + total_rows - 1;

        // 备注, without borders, each line across the table.
        if !v.notes.is_empty() {
            let r_notes = last + 2;
            self.text(ws, r_notes, 0, last_col, &format!("{}：", v.notes_label), "note")?;
            for (k, n) in v.notes.iter().enumerate() {
                last = r_notes + 1 + k as u32;
                self.text(ws, last, 0, last_col, &format!("{}. {n}", k + 1), "note")?;
            }
        }

        // A label down several rows gets the height it needs from the last of them.
        for (first, last, need) in std::mem::take(&mut self.tall_lines) {
            let have: usize = (first..=last).map(|r| self.lines.get(&r).copied().unwrap_or(1)).sum();
            if need > have {
                *self.lines.entry(last).or_insert(1) += need - have;
            }
        }
        // Every row of text gets its lines and some air, one-line rows too.
        for (row, n) in std::mem::take(&mut self.lines) {
            ws.set_row_height(row, n as f64 * LINE_PT + PAD_PT)?;
        }
        ws.set_paper_size(9);
        if v.landscape {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        if !v.grid.header.is_empty() {
            ws.set_repeat_rows(header_first, header_first + v.grid.header.len() as u32 - 1)?;
        }
        ws.set_print_area(0, 0, last, last_col)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("公开12表-1", &mut used), "公开12表-1");
        assert_eq!(sheet_name("公开12表-1", &mut used), "公开12表-1(2)");
        assert_eq!(sheet_name("a/b:c*d?[e]\\f", &mut used), "a_b_c_d__e__f");
        let long = "项".repeat(40);
        let n = sheet_name(&long, &mut used);
        assert_eq!(n.chars().count(), 31);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
        assert_eq!(sheet_name("'x'", &mut used), "x");
    }

    #[test]
    fn wrapped_lines_count_cjk_as_two_units() {
        assert_eq!(wrapped_lines("项目名称", 22.0), 1);
        assert_eq!(wrapped_lines(&"项".repeat(20), 22.0), 2);
        assert_eq!(wrapped_lines("a\nb", 22.0), 2);
    }
}
