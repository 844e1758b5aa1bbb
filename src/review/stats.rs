//! The 统计 of a review, figured once for every writer (review.xlsx's charts, review.html's
//! SVGs, the 通报): how the totals are spread, the grades per 主管部门 with their shares of 优
//! and of full marks, and each table's 执行率 beside its 自评得分.

use super::{TableRow, Unit};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The grades the forms use, best first; a table's grade counts under the first it starts with.
pub const GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// Whether a table's grade is the best (优).
pub fn top_grade(r: &TableRow) -> bool {
    r.grade.as_deref().is_some_and(|g| g.trim().starts_with(GRADES[0]))
}

/// The readable units of each 主管部门 (those without one under an empty name), in name order.
pub fn by_department(units: &[Unit]) -> BTreeMap<&str, Vec<&Unit>> {
    let mut out: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for u in units.iter().filter(|u| u.unreadable.is_none()) {
        out.entry(u.department.as_str()).or_default().push(u);
    }
    out
}

/// One 主管部门's line of the 统计.
#[derive(Debug, Clone, Serialize)]
pub struct Department {
    pub name: String,
    pub units: usize,
    pub tables: usize,
    /// Tables per grade, in [`GRADES`] order, then those without one.
    pub grades: [usize; 5],
    /// Shares (0–1) of 优 and of full-mark tables.
    pub top_share: f64,
    pub full_share: f64,
    pub mean_quality: f64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Stats {
    pub units: usize,
    pub unreadable: usize,
    pub tables: usize,
    /// Tables whose 总分 falls in each band of ten: [0,10), …, [90,100), then 100 and above.
    pub totals: [usize; 11],
    pub departments: Vec<Department>,
    /// The whole batch as one line, to set each 主管部门 against.
    pub batch: Option<Department>,
    /// (执行率 in %, 自评得分) of each table that has both.
    pub rate_score: Vec<(f64, f64)>,
    /// Findings per category of the rubric (its names, then 其他), over the batch.
    pub by_category: Vec<(String, usize)>,
    /// Findings per code, most first.
    pub by_code: Vec<(String, usize)>,
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

fn line(name: &str, units: &[&Unit]) -> Department {
    let rows: Vec<&TableRow> = units.iter().flat_map(|u| &u.tables).collect();
    let mut grades = [0; 5];
    for r in &rows {
        let g = r.grade.as_deref().map(str::trim).unwrap_or("");
        grades[GRADES.iter().position(|x| g.starts_with(x)).unwrap_or(4)] += 1;
    }
    let share = |n: usize| if rows.is_empty() { 0.0 } else { n as f64 / rows.len() as f64 };
    let q: Vec<f64> = units.iter().filter_map(|u| u.quality.map(f)).collect();
    Department {
        name: name.to_string(),
        units: units.len(),
        tables: rows.len(),
        grades,
        top_share: share(rows.iter().filter(|r| top_grade(r)).count()),
        full_share: share(rows.iter().filter(|r| r.full_marks).count()),
        mean_quality: if q.is_empty() { 0.0 } else { q.iter().sum::<f64>() / q.len() as f64 },
    }
}

impl Stats {
    pub fn of(units: &[Unit], rubric: &super::Rubric) -> Stats {
        let readable: Vec<&Unit> = units.iter().filter(|u| u.unreadable.is_none()).collect();
        let mut totals = [0; 11];
        let mut rate_score = Vec::new();
        for r in readable.iter().flat_map(|u| &u.tables) {
            if let Some(s) = r.self_score {
                totals[(f(s) / 10.0).floor().clamp(0.0, 10.0) as usize] += 1;
                if let Some(rate) = r.rate {
                    rate_score.push((f(rate) * 100.0, f(s)));
                }
            }
        }
        let depts = by_department(units);
        let mut by_category = vec![0; rubric.categories.len() + 1];
        let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
        for d in units.iter().flat_map(|u| &u.report.diagnostics) {
            if d.severity > crate::diag::Severity::Note {
                by_category[rubric.category_of(d.code).unwrap_or(rubric.categories.len())] += 1;
                *by_code.entry(d.code.as_str().to_string()).or_default() += 1;
            }
        }
        let names = rubric.categories.iter().map(|c| c.name.clone()).chain([crate::t!("review-category-other")]);
        let mut by_code: Vec<(String, usize)> = by_code.into_iter().collect();
        by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Stats {
            units: units.len(),
            unreadable: units.len() - readable.len(),
            tables: readable.iter().map(|u| u.tables.len()).sum(),
            totals,
            departments: depts.iter().map(|(name, us)| line(name, us)).collect(),
            batch: (!readable.is_empty()).then(|| line(&crate::t!("review-batch"), &readable)),
            rate_score,
            by_category: names.zip(by_category).collect(),
            by_code,
        }
    }
}

/// The label of band `k` of [`Stats::totals`]: 0–10 … 90–100 (the upper bound not included),
/// then full marks.
pub fn band_label(k: usize) -> String {
    match k {
        10 => crate::t!("review-band-full"),
        k => crate::t!("review-band", low = k * 10, high = k * 10 + 10),
    }
}
