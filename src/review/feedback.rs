//! 反馈/<unit>.xlsx: each unit's own findings, to send back: a first sheet with the unit's figures
//! and a second with every finding, its place and what to do. The files are named after the
//! units (a second workbook of one name gets （2）).

use super::{FindingRow, Review, Unit};
use crate::t;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::collections::HashMap;

/// The folder of the units' feedback in the review's output (a name scripts rely on, as the
/// issue and the bureau's habit have it, in any language).
pub const FOLDER: &str = "反馈";

/// The file name of each unit's feedback, in unit order: its name with what a file name cannot
/// hold replaced, made unique.
pub fn file_names(review: &Review) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    review
        .units
        .iter()
        .map(|u| {
            let base: String =
                u.name.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
            let base = if base.trim().is_empty() { "unit".to_string() } else { base };
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            match *n {
                1 => format!("{base}.xlsx"),
                n => format!("{base}（{n}）.xlsx"),
            }
        })
        .collect()
}

/// One unit's feedback workbook.
pub fn write(unit: &Unit) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = super::xlsx::head_format();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(t!("feedback-sheet-summary"))?;
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 60.0)?;
    let lines = [
        (t!("review-col-unit"), unit.name.clone()),
        (t!("review-col-department"), unit.department.clone()),
        (t!("review-col-file"), unit.file.clone()),
        (t!("review-col-tables"), unit.tables.len().to_string()),
        (t!("review-col-errors"), unit.errors.to_string()),
        (t!("review-col-warnings"), unit.warnings.to_string()),
        (t!("review-col-quality"), unit.quality.map(|q| q.normalize().to_string()).unwrap_or_default()),
        (t!("review-col-rank"), unit.rank.map(|r| r.to_string()).unwrap_or_default()),
        (t!("review-col-unreadable"), unit.unreadable.clone().unwrap_or_default()),
    ];
    ws.write_string_with_format(0, 0, t!("feedback-title", unit = unit.name), &bold)?;
    for (k, (label, value)) in lines.iter().enumerate() {
        ws.write_string_with_format(k as u32 + 2, 0, label, &head)?;
        ws.write_string(k as u32 + 2, 1, value)?;
    }
    for (r, t) in (lines.len() as u32 + 3..).zip(&unit.tables) {
        let score = |v: Option<rust_decimal::Decimal>| v.and_then(|d| d.to_f64());
        ws.write_string(r, 0, &t.number)?;
        let line = t!(
            "feedback-table",
            project = t.project,
            self_score = score(t.self_score).map(|v| v.to_string()).unwrap_or_default(),
            review_score = score(t.review_score).map(|v| v.to_string()).unwrap_or_default()
        );
        ws.write_string(r, 1, line)?;
    }
    super::xlsx::list(wb.add_worksheet(), &t!("review-sheet-findings"), &FindingRow::all_of(unit), &head)?;
    wb.save_to_buffer()
}

/// A unit's feedback as feedback.typ places it (`--feedback-pdf`): its figures in words, its
/// tables' scores and its findings.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Letter {
    pub unit: String,
    pub bureau: String,
    pub date: String,
    pub units: String,
    pub tables: String,
    pub errors: String,
    pub warnings: String,
    pub quality: String,
    pub rank: String,
    pub rows: Vec<LetterRow>,
    pub findings: Vec<FindingRow>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct LetterRow {
    pub number: String,
    pub project: String,
    pub self_score: String,
    pub review_score: String,
    pub gap: String,
}

impl Letter {
    pub fn of(unit: &Unit, units: usize, bureau: &str, date: &str) -> Letter {
        let show = |v: Option<rust_decimal::Decimal>| v.map(|d| d.normalize().to_string()).unwrap_or_default();
        Letter {
            unit: unit.name.clone(),
            bureau: bureau.to_string(),
            date: date.to_string(),
            units: units.to_string(),
            tables: unit.tables.len().to_string(),
            errors: unit.errors.to_string(),
            warnings: unit.warnings.to_string(),
            quality: show(unit.quality),
            rank: unit.rank.map(|r| r.to_string()).unwrap_or_default(),
            rows: unit
                .tables
                .iter()
                .map(|t| LetterRow {
                    number: t.number.clone(),
                    project: t.project.clone(),
                    self_score: show(t.self_score),
                    review_score: show(t.review_score),
                    gap: show(t.gap),
                })
                .collect(),
            findings: FindingRow::all_of(unit),
        }
    }
}
