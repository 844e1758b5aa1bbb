//! The Excel copy, in the published layout, that a unit corrects and submits: every merge,
//! thin borders on the table, 宋体 10.5 pt body and a bold 黑体 title, row heights computed for
//! wrapped text (Excel does not autofit merged cells), A4 print setup with the indicator header
//! repeated. It reads back through jixiao's reader as the same model.

use super::context::{PacketContext, TableContext};
use super::{Format as OutputFormat, OutFile, Plan, RenderError, Renderer};
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic};
use crate::model::fields::{
    Field, FundColumn, IndicatorField, FUNDS_BLOCK, GOALS_BLOCK, INDICATORS_BLOCK, TARGET_BLOCK,
};
use crate::model::format::{excel_format, DASH};
use crate::model::{round_half_up, Measure, Packet, Table};
use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::{HashMap, HashSet};

/// The grid's width in Excel character units, shared out over A–J as the columns' relative widths
/// say (the same as the PDF's and the HTML's).
const TABLE_CHARS: f64 = 120.0;
const BODY_FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";
const BODY_SIZE: f64 = 10.5;
/// Points per wrapped line of 10.5 pt text, and the cell's vertical padding.
const LINE_PT: f64 = 13.5;
const PAD_PT: f64 = 4.0;

pub struct XlsxRenderer<'p> {
    /// The checked model, for typed values and their decimals (the context holds strings).
    packet: &'p Packet,
    /// The workbook's creation time.
    timestamp: Timestamp,
}

impl<'p> XlsxRenderer<'p> {
    pub fn new(packet: &'p Packet, timestamp: Timestamp) -> Self {
        XlsxRenderer { packet, timestamp }
    }

    fn workbook(&self, tables: &[(&Table, &TableContext)], ctx: &PacketContext) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let created = ExcelDateTime::from_timestamp(self.timestamp.unix())?;
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("jixiao"));
        let mut used = HashSet::new();
        for (t, view) in tables {
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&view.number, &mut used))?;
            SheetWriter::new(view).write(ws, t, view, ctx)?;
        }
        wb.save_to_buffer()
    }
}

fn error(e: XlsxError) -> RenderError {
    Diagnostic::new(Code::Xlsx, format!("cannot write the Excel copy: {e}"))
        .hint("Excel holds at most 32,767 characters in a cell; shorten the text")
        .into()
}

impl Renderer for XlsxRenderer<'_> {
    fn format(&self) -> OutputFormat {
        OutputFormat::Xlsx
    }

    fn render_planned(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        let pairs: Vec<(&Table, &TableContext)> = self.packet.tables.iter().zip(&ctx.tables).collect();
        let mut files = vec![OutFile {
            path: "packet.xlsx".into(),
            bytes: self.workbook(&pairs, ctx).map_err(error)?,
            table: None,
        }];
        let singles: Vec<OutFile> = pairs
            .par_iter()
            .enumerate()
            .filter(|(i, _)| plan.is_fresh(*i))
            .map(|(_, pair)| {
                Ok(OutFile {
                    path: super::table_file(&pair.1.slug, OutputFormat::Xlsx),
                    bytes: self.workbook(std::slice::from_ref(pair), ctx)?,
                    table: Some(pair.1.number.clone()),
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

/// Lines a text wraps to in a cell `width` units wide.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n').map(|line| ((text_units(line) / usable).ceil() as usize).max(1)).sum()
}

struct SheetWriter {
    /// Column widths in Excel character units.
    widths: Vec<f64>,
    formats: HashMap<String, Format>,
    /// Tallest text per row, in lines.
    lines: HashMap<u32, usize>,
}

fn base() -> Format {
    Format::new().set_font_name(BODY_FONT).set_font_size(BODY_SIZE).set_font_charset(134)
}

impl SheetWriter {
    fn new(view: &TableContext) -> Self {
        let total: u32 = view.columns.iter().map(|c| c.width).sum();
        let widths = view.columns.iter().map(|c| TABLE_CHARS * f64::from(c.width) / f64::from(total.max(1))).collect();
        SheetWriter { widths, formats: HashMap::new(), lines: HashMap::new() }
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
                    "number" => base().set_align(FormatAlign::Right),
                    "note" => {
                        base().set_text_wrap().set_align(FormatAlign::Left).set_align(FormatAlign::VerticalCenter)
                    }
                    "text" => cell.set_align(FormatAlign::Left),
                    "grade" => cell.set_align(FormatAlign::Center).set_font_name(TITLE_FONT).set_bold(),
                    k => match k.strip_prefix("num:") {
                        Some(nf) => cell.set_align(FormatAlign::Center).set_num_format(nf),
                        None => cell.set_align(FormatAlign::Center),
                    },
                }
            })
            .clone()
    }

    fn note_lines(&mut self, row: u32, first: u16, last: u16, text: &str) {
        let width: f64 = self.widths[first as usize..=last as usize].iter().sum();
        let n = wrapped_lines(text, width);
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
    fn tall(
        &mut self,
        ws: &mut Worksheet,
        first_row: u32,
        last_row: u32,
        col: u16,
        text: &str,
    ) -> Result<(), XlsxError> {
        let f = self.fmt("label");
        if first_row == last_row {
            ws.write_string_with_format(first_row, col, text, &f)?;
        } else {
            ws.merge_range(first_row, col, last_row, col, text, &f)?;
        }
        Ok(())
    }

    /// A number written as a number, with the Excel format that prints it as typed.
    fn num(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        first: u16,
        last: u16,
        v: Option<Decimal>,
        min_dp: u32,
    ) -> Result<(), XlsxError> {
        let Some(v) = v else { return self.text(ws, row, first, last, "", "label") };
        let f = self.fmt(&format!("num:{}", excel_format(v, min_dp)));
        if first != last {
            ws.merge_range(row, first, row, last, "", &f)?;
        }
        ws.write_number_with_format(row, first, v.to_f64().unwrap_or_default(), &f)?;
        Ok(())
    }

    /// 执行率 as a number with a percentage format that shows the same decimals as the PDF.
    fn rate(&mut self, ws: &mut Worksheet, row: u32, col: u16, v: Option<Decimal>) -> Result<(), XlsxError> {
        let Some(v) = v else { return self.text(ws, row, col, col, "", "label") };
        let pct = round_half_up(v * Decimal::ONE_HUNDRED, 2).normalize();
        let nf = if pct.scale() == 0 { "0%".to_string() } else { format!("0.{}%", "0".repeat(pct.scale() as usize)) };
        let f = self.fmt(&format!("num:{nf}"));
        ws.write_number_with_format(row, col, (pct / Decimal::ONE_HUNDRED).to_f64().unwrap_or_default(), &f)?;
        Ok(())
    }

    fn measure(&mut self, ws: &mut Worksheet, row: u32, col: u16, m: &Option<Measure>) -> Result<(), XlsxError> {
        match m {
            Some(Measure::Number(n)) => self.num(ws, row, col, col, Some(*n), 0),
            Some(Measure::Text(t)) => self.text(ws, row, col, col, t, "label"),
            None => self.text(ws, row, col, col, "", "label"),
        }
    }

    fn write(mut self, ws: &mut Worksheet, t: &Table, v: &TableContext, ctx: &PacketContext) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        self.text(ws, 0, 0, 9, &v.title, "title")?;
        ws.set_row_height(0, 30)?;
        let f = self.fmt("number");
        ws.write_string_with_format(1, 9, &v.number, &f)?;
        self.text(ws, 2, 0, 1, Field::Project.label(), "label")?;
        self.text(ws, 2, 2, 9, &v.project, "text")?;
        self.text(ws, 3, 0, 1, Field::Department.label(), "label")?;
        self.text(ws, 3, 2, 4, &v.department, "text")?;
        self.text(ws, 3, 5, 5, Field::Implementer.label(), "label")?;
        self.text(ws, 3, 6, 9, &v.implementer, "text")?;

        // 项目资金（万元）: a header row and four rows.
        self.tall(ws, 4, 8, 0, FUNDS_BLOCK)?;
        self.text(ws, 4, 1, 1, "", "label")?;
        let [initial, full_year, executed, rate] = FundColumn::ALL.map(FundColumn::label);
        for (c, h) in [initial, full_year, executed, Field::FundsWeight.label(), rate].iter().enumerate() {
            self.text(ws, 4, 2 + c as u16, 2 + c as u16, h, "label")?;
        }
        self.text(ws, 4, 7, 9, Field::FundsScore.label(), "label")?;
        for (k, (kind, row)) in t.funds.rows().into_iter().enumerate() {
            let r = 5 + k as u32;
            self.text(ws, r, 1, 1, kind.label(), "text")?;
            self.num(ws, r, 2, 2, row.initial.value, 2)?;
            self.num(ws, r, 3, 3, row.full_year.value, 2)?;
            self.num(ws, r, 4, 4, row.executed.value, 2)?;
            if k == 0 {
                self.num(ws, r, 5, 5, t.funds.weight.value, 0)?;
                self.num(ws, r, 7, 9, t.funds.score.value, ctx.funds_score_decimals)?;
            } else {
                self.text(ws, r, 5, 5, DASH, "label")?;
                self.text(ws, r, 7, 9, DASH, "label")?;
            }
            if row.is_empty() {
                self.text(ws, r, 6, 6, "", "label")?;
            } else {
                self.rate(ws, r, 6, row.rate.value)?;
            }
        }

        // 年度总体目标
        self.tall(ws, 9, 10, 0, GOALS_BLOCK)?;
        self.text(ws, 9, 1, 4, Field::Expected.label(), "label")?;
        self.text(ws, 9, 5, 9, Field::Achieved.label(), "label")?;
        self.text(ws, 10, 1, 4, &v.expected, "text")?;
        self.text(ws, 10, 5, 9, &v.achieved, "text")?;

        // 绩效指标: two header rows, repeated on every printed page.
        self.text(ws, 11, 0, 2, INDICATORS_BLOCK, "label")?;
        self.text(ws, 11, 3, 5, TARGET_BLOCK, "label")?;
        // The first six columns head the second header row; the last four span both.
        for (c, f) in IndicatorField::ALL.into_iter().enumerate() {
            if c < 6 {
                self.text(ws, 12, c as u16, c as u16, f.label(), "label")?;
            } else {
                let fmt = self.fmt("label");
                ws.merge_range(11, c as u16, 12, c as u16, f.label(), &fmt)?;
            }
        }
        let first = 13u32;
        for (k, (ind, iv)) in t.indicators.iter().zip(&v.indicators).enumerate() {
            let r = first + k as u32;
            if iv.level1_span > 0 {
                self.tall(ws, r, r + iv.level1_span as u32 - 1, 0, &iv.level1)?;
            }
            self.text(ws, r, 1, 1, &iv.level2, "label")?;
            self.text(ws, r, 2, 2, &iv.name, "text")?;
            self.text(ws, r, 3, 3, &iv.sign, "label")?;
            self.measure(ws, r, 4, &ind.target.value)?;
            self.text(ws, r, 5, 5, &iv.unit, "label")?;
            self.measure(ws, r, 6, &ind.actual.value)?;
            self.num(ws, r, 7, 7, ind.weight.value, 0)?;
            self.num(ws, r, 8, 8, ind.score.value, 0)?;
            self.text(ws, r, 9, 9, &iv.reason, "text")?;
        }
        let r_other = first + t.indicators.len() as u32;
        self.text(ws, r_other, 0, 2, Field::OtherMatters.label(), "label")?;
        self.text(ws, r_other, 3, 9, &v.other_matters, "text")?;
        let r_total = r_other + 1;
        self.text(ws, r_total, 0, 6, Field::TotalScore.label(), "label")?;
        self.num(ws, r_total, 7, 7, t.total.weight.value, 0)?;
        self.num(ws, r_total, 8, 8, t.total.score.value, 0)?;
        self.text(ws, r_total, 9, 9, &v.grade, "grade")?;

        // 备注, without borders, each line across the table.
        let mut last = r_total;
        if !v.notes.is_empty() {
            let r_notes = r_total + 2;
            self.text(ws, r_notes, 0, 9, &format!("{}：", Field::Note(0).label()), "note")?;
            for (k, n) in v.notes.iter().enumerate() {
                last = r_notes + 1 + k as u32;
                self.text(ws, last, 0, 9, &format!("{}. {n}", k + 1), "note")?;
            }
        }

        for (row, n) in std::mem::take(&mut self.lines) {
            if n > 1 {
                ws.set_row_height(row, n as f64 * LINE_PT + PAD_PT)?;
            }
        }
        ws.set_paper_size(9);
        if ctx.options.landscape {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        ws.set_repeat_rows(11, 12)?;
        ws.set_print_area(0, 0, last, 9)?;
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
