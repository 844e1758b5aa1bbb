//! review.xlsx: 汇总 (a row per unit), 问题清单 (every finding), 跨单位 (what only the batch
//! shows) and 评分标准 (the rubric used). Header rows frozen, autofilters, widths that fit.

use super::Review;
use crate::diag::Diagnostic;
use crate::t;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The workbook's bytes.
pub fn write(review: &Review) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_background_color("#E8ECF2");
    summary(wb.add_worksheet(), review, &head)?;
    let findings: Vec<(&str, &Diagnostic)> =
        review.units.iter().flat_map(|u| u.report.diagnostics.iter().map(move |d| (u.name.as_str(), d))).collect();
    list(wb.add_worksheet(), &t!("review-sheet-findings"), &findings, &head)?;
    let across: Vec<(&str, &Diagnostic)> = review.across.diagnostics.iter().map(|d| ("", d)).collect();
    list(wb.add_worksheet(), &t!("review-sheet-across"), &across, &head)?;
    rubric(wb.add_worksheet(), review, &head)?;
    wb.save_to_buffer()
}

fn header(ws: &mut Worksheet, names: &[String], widths: &[f64], head: &Format) -> Result<(), XlsxError> {
    for (c, (n, w)) in names.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, n, head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed: A4 landscape, one page wide, the header row on every page.
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn summary(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("review-sheet-summary"))?;
    let names: Vec<String> = [
        "review-col-unit",
        "review-col-department",
        "review-col-file",
        "review-col-tables",
        "review-col-errors",
        "review-col-warnings",
        "review-col-notes",
        "review-col-targets",
        "review-col-mean-total",
        "review-col-quality",
        "review-col-rank",
        "review-col-unreadable",
    ]
    .iter()
    .map(|k| crate::i18n::text(k, &[]))
    .collect();
    header(ws, &names, &[28.0, 24.0, 30.0, 8.0, 8.0, 8.0, 8.0, 12.0, 10.0, 12.0, 8.0, 40.0], head)?;
    // Rank by quality, best first; an unreadable workbook has none.
    let mut order: Vec<usize> = (0..review.units.len()).filter(|&k| review.units[k].quality.is_some()).collect();
    order.sort_by(|&a, &b| review.units[b].quality.cmp(&review.units[a].quality).then(a.cmp(&b)));
    for (k, u) in review.units.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, &u.name)?;
        ws.write_string(r, 1, &u.department)?;
        ws.write_string(r, 2, &u.file)?;
        ws.write_number(r, 3, u.tables as f64)?;
        ws.write_number(r, 4, u.errors as f64)?;
        ws.write_number(r, 5, u.warnings as f64)?;
        ws.write_number(r, 6, u.notes as f64)?;
        ws.write_number(r, 7, u.against_targets as f64)?;
        let totals: Vec<f64> = u.totals.iter().flatten().filter_map(|d| d.to_f64()).collect();
        if !totals.is_empty() {
            ws.write_number(r, 8, (totals.iter().sum::<f64>() / totals.len() as f64 * 100.0).round() / 100.0)?;
        }
        if let Some(q) = u.quality.and_then(|q| q.to_f64()) {
            ws.write_number(r, 9, q)?;
        }
        if let Some(rank) = order.iter().position(|&o| o == k) {
            ws.write_number(r, 10, rank as f64 + 1.0)?;
        }
        if let Some(why) = &u.unreadable {
            ws.write_string(r, 11, why)?;
        }
    }
    ws.autofilter(0, 0, review.units.len() as u32, 11)?;
    Ok(())
}

fn list(ws: &mut Worksheet, name: &str, findings: &[(&str, &Diagnostic)], head: &Format) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let names: Vec<String> = [
        "review-col-unit",
        "review-col-table",
        "review-col-place",
        "review-col-code",
        "review-col-severity",
        "review-col-title",
        "review-col-message",
    ]
    .iter()
    .map(|k| crate::i18n::text(k, &[]))
    .collect();
    header(ws, &names, &[24.0, 14.0, 36.0, 20.0, 8.0, 30.0, 80.0], head)?;
    for (k, (unit, d)) in findings.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, *unit)?;
        ws.write_string(r, 1, d.table.as_deref().unwrap_or(""))?;
        ws.write_string(r, 2, d.location.as_ref().map(|l| l.to_string()).unwrap_or_default())?;
        ws.write_string(r, 3, d.code.as_str())?;
        ws.write_string(r, 4, d.severity.label())?;
        ws.write_string(r, 5, d.code.title())?;
        ws.write_string(r, 6, &d.message)?;
    }
    ws.autofilter(0, 0, findings.len() as u32, 6)?;
    Ok(())
}

fn rubric(ws: &mut Worksheet, review: &Review, head: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("review-sheet-rubric"))?;
    header(ws, &[t!("review-col-rule"), t!("review-col-points")], &[40.0, 12.0], head)?;
    let r = &review.rubric;
    for (k, (key, v)) in [
        ("review-rule-full", r.full),
        ("review-rule-error", r.per_error),
        ("review-rule-warning", r.per_warning),
        ("review-rule-note", r.per_note),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string(k as u32 + 1, 0, crate::i18n::text(key, &[]))?;
        ws.write_number(k as u32 + 1, 1, v.to_f64().unwrap_or_default())?;
    }
    Ok(())
}
