//! review.xlsx: 汇总 (a row per unit), 各表 (a row per table: 自评 against 复核), 问题清单
//! (every finding), 跨单位 (what only the batch shows), 抽查名单, 统计 (with native Excel
//! charts) and 评分标准 (the rubric used). Header rows frozen, autofilters, widths that fit,
//! printed A4 landscape one page wide with the header on every page.

use super::{FindingRow, Review};
use crate::i18n::text;
use crate::t;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

/// The 统计 sheet's first column of the scatter chart's data (past what is printed).
const DATA_COL: u16 = 16;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

/// The header row of a list: its names (catalogue keys) and widths, frozen and printed on
/// every page.
pub fn header(ws: &mut Worksheet, columns: &[(&str, f64)], head: &Format) -> Result<(), XlsxError> {
    for (c, (key, w)) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, text(key, &[]), head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

pub fn head_format() -> Format {
    Format::new().set_bold().set_background_color("#E8ECF2").set_text_wrap()
}

/// The workbook's bytes.
pub fn write(review: &Review) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = head_format();
    summary(wb.add_worksheet(), review, &head)?;
    tables(wb.add_worksheet(), review, &head)?;
    list(wb.add_worksheet(), &t!("review-sheet-findings"), &review.finding_rows(), &head)?;
    list(wb.add_worksheet(), &t!("review-sheet-across"), &review.across_rows(), &head)?;
    if review.sample.is_some() {
        sample(wb.add_worksheet(), review, &head)?;
    }
    stats(&mut wb, review, &head)?;
    rubric(wb.add_worksheet(), review, &head)?;
    wb.save_to_buffer()
}

fn summary(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("review-sheet-summary"))?;
    let columns = [
        ("review-col-unit", 28.0),
        ("review-col-department", 24.0),
        ("review-col-file", 30.0),
        ("review-col-tables", 7.0),
        ("review-col-errors", 7.0),
        ("review-col-warnings", 7.0),
        ("review-col-notes", 7.0),
        ("review-col-targets", 10.0),
        ("review-col-self-mean", 10.0),
        ("review-col-review-mean", 10.0),
        ("review-col-quality", 10.0),
        ("review-col-rank", 7.0),
        ("review-col-unreadable", 40.0),
    ];
    header(ws, &columns, head)?;
    let mean = |v: Vec<Decimal>| {
        (!v.is_empty()).then(|| (v.iter().map(|d| f(*d)).sum::<f64>() / v.len() as f64 * 100.0).round() / 100.0)
    };
    for (k, u) in review.units.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, &u.name)?;
        ws.write_string(r, 1, &u.department)?;
        ws.write_string(r, 2, &u.file)?;
        ws.write_number(r, 3, u.tables.len() as f64)?;
        ws.write_number(r, 4, u.errors as f64)?;
        ws.write_number(r, 5, u.warnings as f64)?;
        ws.write_number(r, 6, u.notes as f64)?;
        ws.write_number(r, 7, u.against_targets as f64)?;
        if let Some(m) = mean(u.totals().collect()) {
            ws.write_number(r, 8, m)?;
        }
        if let Some(m) = mean(u.tables.iter().filter_map(|t| t.review_score).collect()) {
            ws.write_number(r, 9, m)?;
        }
        if let Some(q) = u.quality {
            ws.write_number(r, 10, f(q))?;
        }
        if let Some(rank) = u.rank {
            ws.write_number(r, 11, rank as f64)?;
        }
        if let Some(why) = &u.unreadable {
            ws.write_string(r, 12, why)?;
        }
    }
    ws.autofilter(0, 0, review.units.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

fn tables(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("review-sheet-tables"))?;
    let columns = [
        ("review-col-unit", 28.0),
        ("review-col-table", 14.0),
        ("review-col-project", 30.0),
        ("review-col-self-score", 9.0),
        ("review-col-review-score", 9.0),
        ("review-col-gap", 8.0),
        ("review-col-grade", 7.0),
        ("review-col-rate", 9.0),
        ("review-col-amount", 12.0),
        ("review-col-quality", 10.0),
        ("review-col-findings", 8.0),
    ];
    header(ws, &columns, head)?;
    let pct = Format::new().set_num_format("0.00%");
    let mut r = 0;
    for u in &review.units {
        for t in &u.tables {
            r += 1;
            ws.write_string(r, 0, &u.name)?;
            ws.write_string(r, 1, &t.number)?;
            ws.write_string(r, 2, &t.project)?;
            for (c, v) in [(3, t.self_score), (4, t.review_score), (5, t.gap)] {
                if let Some(v) = v {
                    ws.write_number(r, c, f(v))?;
                }
            }
            ws.write_string(r, 6, t.grade.as_deref().unwrap_or(""))?;
            if let Some(rate) = t.rate {
                ws.write_number_with_format(r, 7, f(rate), &pct)?;
            }
            if let Some(a) = t.amount {
                ws.write_number(r, 8, f(a))?;
            }
            ws.write_number(r, 9, f(t.quality))?;
            ws.write_number(r, 10, t.findings as f64)?;
        }
    }
    ws.autofilter(0, 0, r, columns.len() as u16 - 1)?;
    Ok(())
}

/// A list of findings (问题清单, 跨单位, a unit's 反馈).
pub fn list(ws: &mut Worksheet, name: &str, rows: &[FindingRow], head: &Format) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let columns = [
        ("review-col-unit", 24.0),
        ("review-col-table", 14.0),
        ("review-col-place", 36.0),
        ("review-col-code", 20.0),
        ("review-col-severity", 7.0),
        ("review-col-title", 30.0),
        ("review-col-message", 80.0),
        ("review-col-hint", 50.0),
    ];
    header(ws, &columns, head)?;
    for (k, row) in rows.iter().enumerate() {
        let r = k as u32 + 1;
        for (c, v) in [&row.unit, &row.table, &row.place, row.code, &row.severity, &row.title, &row.message, &row.hint]
            .into_iter()
            .enumerate()
        {
            ws.write_string(r, c as u16, v)?;
        }
    }
    ws.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

fn sample(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    let Some(s) = &review.sample else { return Ok(()) };
    ws.set_name(t!("review-sheet-sample"))?;
    let columns = [
        ("review-col-unit", 28.0),
        ("review-col-department", 24.0),
        ("review-col-file", 30.0),
        ("review-col-weight", 8.0),
        ("review-col-reasons", 60.0),
    ];
    header(ws, &columns, head)?;
    for (k, p) in s.picks.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, &p.name)?;
        ws.write_string(r, 1, &p.department)?;
        ws.write_string(r, 2, &p.file)?;
        ws.write_number(r, 3, p.weight)?;
        ws.write_string(r, 4, p.reasons.join("；"))?;
    }
    let below = s.picks.len() as u32 + 2;
    ws.write_string(below, 0, t!("review-sample-seed", seed = s.seed, count = s.picks.len()))?;
    ws.autofilter(0, 0, s.picks.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

/// 统计: three small tables and a native chart over each (the distribution of totals, the grades
/// per 主管部门, 执行率 against 自评得分).
fn stats(wb: &mut Workbook, review: &Review, head: &Format) -> Result<(), XlsxError> {
    let st = &review.stats;
    let name = t!("review-sheet-stats");
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    // A: the distribution of totals.
    ws.write_string_with_format(0, 0, t!("review-col-band"), head)?;
    ws.write_string_with_format(0, 1, t!("review-col-tables"), head)?;
    for (k, n) in st.totals.iter().enumerate() {
        ws.write_string(k as u32 + 1, 0, super::stats::band_label(k))?;
        ws.write_number(k as u32 + 1, 1, *n as f64)?;
    }
    ws.set_column_width(0, 24.0)?;
    // B: grades per 主管部门, under the first chart (about 15 rows high).
    let top = 17;
    let grade_cols = ["review-col-department", "review-col-units", "review-col-tables"];
    for (c, key) in grade_cols.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, text(key, &[]), head)?;
    }
    let grades: Vec<String> =
        super::stats::GRADES.iter().map(|g| g.to_string()).chain([t!("review-grade-none")]).collect();
    for (c, g) in grades.iter().enumerate() {
        ws.write_string_with_format(top, 3 + c as u16, g, head)?;
    }
    ws.write_string_with_format(top, 8, t!("review-col-top-share"), head)?;
    ws.write_string_with_format(top, 9, t!("review-col-full-share"), head)?;
    ws.write_string_with_format(top, 10, t!("review-col-quality"), head)?;
    let pct = Format::new().set_num_format("0.0%");
    let lines: Vec<&super::stats::Department> = st.departments.iter().chain(&st.batch).collect();
    for (k, d) in lines.iter().enumerate() {
        let r = top + 1 + k as u32;
        let name = if d.name.is_empty() { t!("review-department-none") } else { d.name.clone() };
        ws.write_string(r, 0, name)?;
        ws.write_number(r, 1, d.units as f64)?;
        ws.write_number(r, 2, d.tables as f64)?;
        for (c, n) in d.grades.iter().enumerate() {
            ws.write_number(r, 3 + c as u16, *n as f64)?;
        }
        ws.write_number_with_format(r, 8, d.top_share, &pct)?;
        ws.write_number_with_format(r, 9, d.full_share, &pct)?;
        ws.write_number(r, 10, (d.mean_quality * 100.0).round() / 100.0)?;
    }
    let last_dept = top + st.departments.len() as u32;
    // C: 执行率 and 自评得分 per table, right of what is printed (the scatter chart's data).
    let (rx, ry) = (DATA_COL, DATA_COL + 1);
    ws.write_string_with_format(0, rx, t!("review-col-rate-pct"), head)?;
    ws.write_string_with_format(0, ry, t!("review-col-self-score"), head)?;
    for (k, (x, y)) in st.rate_score.iter().enumerate() {
        ws.write_number(k as u32 + 1, rx, (x * 100.0).round() / 100.0)?;
        ws.write_number(k as u32 + 1, ry, *y)?;
    }
    // Printed: the tables and charts, one page wide, without the scatter's data.
    ws.set_print_area(0, 0, last_dept + 20, DATA_COL - 2)?;
    ws.set_print_fit_to_pages(1, 0);

    let mut totals = Chart::new(ChartType::Column);
    totals.title().set_name(&t!("review-chart-totals"));
    totals.add_series().set_categories((name.as_str(), 1, 0, 11, 0)).set_values((name.as_str(), 1, 1, 11, 1));
    totals.legend().set_hidden();
    ws.insert_chart(0, 3, &totals)?;

    if !st.departments.is_empty() {
        let mut g = Chart::new(ChartType::BarStacked);
        g.title().set_name(&t!("review-chart-grades"));
        for c in 0..grades.len() as u16 {
            g.add_series()
                .set_name((name.as_str(), top, 3 + c))
                .set_categories((name.as_str(), top + 1, 0, last_dept, 0))
                .set_values((name.as_str(), top + 1, 3 + c, last_dept, 3 + c));
        }
        ws.insert_chart(last_dept + 3, 0, &g)?;
    }
    if !st.rate_score.is_empty() {
        let mut s = Chart::new(ChartType::Scatter);
        s.title().set_name(&t!("review-chart-rates"));
        let last = st.rate_score.len() as u32;
        s.add_series()
            .set_categories((name.as_str(), 1, rx, last, rx))
            .set_values((name.as_str(), 1, ry, last, ry))
            .set_marker(
                rust_xlsxwriter::ChartMarker::new().set_type(rust_xlsxwriter::ChartMarkerType::Circle).set_size(4),
            );
        s.x_axis().set_name(&t!("review-col-rate-pct"));
        s.y_axis().set_name(&t!("review-col-self-score"));
        s.legend().set_hidden();
        ws.insert_chart(last_dept + 3, 7, &s)?;
    }
    Ok(())
}

fn rubric(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("review-sheet-rubric"))?;
    let columns =
        [("review-col-rule", 20.0), ("review-col-each", 10.0), ("review-col-cap", 10.0), ("review-col-codes", 90.0)];
    header(ws, &columns, head)?;
    let r = &review.rubric;
    ws.write_string(1, 0, t!("review-rule-full"))?;
    ws.write_number(1, 1, f(r.full))?;
    for (k, c) in r.categories.iter().enumerate() {
        let row = k as u32 + 2;
        ws.write_string(row, 0, &c.name)?;
        ws.write_number(row, 1, f(c.each))?;
        ws.write_number(row, 2, f(c.cap))?;
        ws.write_string(
            row,
            3,
            c.codes.iter().map(|c| format!("{}（{c}）", c.title())).collect::<Vec<_>>().join("、"),
        )?;
    }
    let row = r.categories.len() as u32 + 2;
    ws.write_string(
        row,
        0,
        t!(
            "review-rule-other",
            error = r.other.error.normalize(),
            warning = r.other.warning.normalize(),
            note = r.other.note.normalize()
        ),
    )?;
    ws.write_number(row, 2, f(r.other.cap))?;
    Ok(())
}
