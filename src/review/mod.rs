//! `jixiao review`: the finance bureau's 汇总审核 over many units' workbooks (first part): every
//! workbook read and checked in parallel, a row per unit with its findings and a 自评质量分, and
//! what only a view across units shows: indicator blocks copied from another unit's table.
//! A workbook that cannot be read is a row with its reason, never an abort.
//!
//! The rubric is data ([`Rubric`]); the report prints the one it used.

pub mod xlsx;

use crate::diag::{Code, Diagnostic, Report, Severity};
use crate::form::{Form, Forms};
use crate::model::{Indicator, Packet};
use crate::t;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The workbooks named by `inputs`: files as they are, folders walked (in name order, so that the
/// report's order does not depend on the file system). Other files in a folder are passed over.
pub fn collect(inputs: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if is_workbook_name(&p) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out);
        } else {
            out.push(i.clone());
        }
    }
    out
}

/// `.xlsx`, `.xls`, `.ods`, not a lock file Excel or WPS leaves beside an open workbook (`~$…`).
fn is_workbook_name(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    !name.starts_with("~$") && !name.starts_with('.') && ["xlsx", "xls", "ods"].contains(&ext.as_str())
}

/// Points off the 自评质量分 for each finding, by severity, "扣完为止" from 100.
#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    pub full: Decimal,
    pub per_error: Decimal,
    pub per_warning: Decimal,
    pub per_note: Decimal,
}

impl Default for Rubric {
    /// In the spirit of the published review rubrics (错一处扣 0.3 分 … 扣完为止), scaled to 100.
    fn default() -> Self {
        Rubric {
            full: Decimal::ONE_HUNDRED,
            per_error: Decimal::new(5, 0),
            per_warning: Decimal::new(2, 0),
            per_note: Decimal::ZERO,
        }
    }
}

impl Rubric {
    fn score(&self, report: &Report) -> Decimal {
        let off = |s: Severity, each: Decimal| Decimal::from(report.count(s) as u64) * each;
        let taken = off(Severity::Error, self.per_error)
            + off(Severity::Warning, self.per_warning)
            + off(Severity::Note, self.per_note);
        (self.full - taken).max(Decimal::ZERO)
    }
}

/// One unit: a workbook, named by its tables' 实施单位 (else 主管部门, else the file name).
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub name: String,
    pub department: String,
    pub file: String,
    pub tables: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Findings against the spring targets (target-dropped, -added, -changed, targets-unmatched).
    pub against_targets: usize,
    /// The 总分 of its tables as typed, in order.
    pub totals: Vec<Option<Decimal>>,
    /// 100 less the rubric's points per finding, 扣完为止; none for a workbook that cannot be read.
    pub quality: Option<Decimal>,
    /// Why the workbook could not be read, in words.
    pub unreadable: Option<String>,
    #[serde(skip)]
    pub packet: Packet,
    pub report: Report,
}

/// The whole review: the units in input order, the cross-unit findings and the rubric used.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub units: Vec<Unit>,
    pub across: Report,
    pub rubric: Rubric,
}

impl Review {
    /// Every finding of the review, the units' and those across units, in one report.
    pub fn all_findings(&self) -> Report {
        let mut r = Report::default();
        for u in &self.units {
            r.extend(u.report.clone());
        }
        r.extend(self.across.clone());
        r
    }

    /// What the review itself found (the red flags in the units' tables and the findings across
    /// units), as the command line prints it; each unit's `check` findings are in its report.
    pub fn own_findings(&self) -> Report {
        let mut r = Report::default();
        for u in &self.units {
            r.diagnostics.extend(u.report.diagnostics.iter().filter(|d| d.code == Code::ActualsEqualTargets).cloned());
        }
        r.extend(self.across.clone());
        r
    }
}

/// Reads and checks every workbook in parallel, each against the spring `targets` (the target
/// tables of every unit, read once) when there are any, then looks across the units.
pub fn run(
    paths: &[PathBuf],
    forms: &Forms,
    forced: Option<&Form>,
    targets: Option<&Packet>,
    rubric: Rubric,
) -> Review {
    let units: Vec<Unit> = paths.par_iter().map(|p| unit(p, forms, forced, targets, &rubric)).collect();
    let across = copied_across_units(&units);
    Review { units, across, rubric }
}

fn unit(path: &Path, forms: &Forms, forced: Option<&Form>, targets: Option<&Packet>, rubric: &Rubric) -> Unit {
    let file = path.display().to_string();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| file.clone());
    match crate::load::workbook(path, forms, forced) {
        Ok(mut loaded) => {
            let before = loaded.report.diagnostics.len();
            if let Some(targets) = targets {
                loaded.report.extend(crate::targets::compare(&loaded.packet, targets, forms));
            }
            let against_targets = loaded.report.diagnostics.len() - before;
            loaded.report.extend(red_flags(&loaded.packet));
            let first = |f: fn(&crate::model::Table) -> &str| {
                loaded.packet.tables.iter().map(f).find(|s| !s.trim().is_empty()).map(str::to_string)
            };
            let department = first(|t| &t.department.value).unwrap_or_default();
            let name = first(|t| &t.implementer.value).or_else(|| first(|t| &t.department.value)).unwrap_or(stem);
            let r = &loaded.report;
            Unit {
                name,
                department,
                file,
                tables: loaded.packet.tables.len(),
                errors: r.count(Severity::Error),
                warnings: r.count(Severity::Warning),
                notes: r.count(Severity::Note),
                against_targets,
                totals: loaded.packet.tables.iter().map(|t| t.total.score.value).collect(),
                quality: Some(rubric.score(r)),
                unreadable: None,
                packet: loaded.packet,
                report: loaded.report,
            }
        }
        Err(report) => Unit {
            name: stem,
            department: String::new(),
            file,
            tables: 0,
            errors: report.count(Severity::Error),
            warnings: 0,
            notes: 0,
            against_targets: 0,
            totals: Vec::new(),
            quality: None,
            unreadable: Some(report.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("；")),
            packet: Packet::default(),
            report,
        },
    }
}

/// What a reviewer distrusts in one table though every rule holds: each of its (at least three)
/// numeric 实际完成值 equal to its 指标值 to the last digit — reported to the target, not measured.
fn red_flags(packet: &Packet) -> Report {
    let mut report = Report::default();
    for (k, t) in packet.tables.iter().enumerate() {
        let numeric: Vec<&Indicator> =
            t.indicators.iter().filter(|i| i.target.value.as_ref().and_then(|m| m.number()).is_some()).collect();
        let same = |i: &&Indicator| {
            let n = |v: &Option<crate::model::Measure>| v.as_ref().and_then(|m| m.number()).map(|d| d.normalize());
            n(&i.actual.value).is_some() && n(&i.actual.value) == n(&i.target.value)
        };
        if numeric.len() >= 3 && numeric.iter().all(same) {
            let first = &numeric[0].actual;
            report.push(
                Diagnostic::new(
                    Code::ActualsEqualTargets,
                    t!("actuals-equal-targets", table = t.number.value, count = numeric.len()),
                )
                .at(t.location(first).in_table(k))
                .in_table(&t.number.value)
                .hint(t!("actuals-equal-targets-hint")),
            );
        }
    }
    report
}

/// Indicator blocks identical across tables of different units: one finding per later table,
/// naming the first unit and table that has the block. Grouped by the block's content, so the
/// work grows with the tables, not with their pairs.
fn copied_across_units(units: &[Unit]) -> Report {
    let mut first: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut report = Report::default();
    for (u, unit) in units.iter().enumerate() {
        for (k, t) in unit.packet.tables.iter().enumerate() {
            if t.indicators.is_empty() {
                continue;
            }
            let key: Vec<String> = t.indicators.iter().map(Indicator::content_key).collect();
            let key = key.join("\n");
            match first.get(&key) {
                None => {
                    first.insert(key, (u, k));
                }
                // Another unit's table: another workbook, of a unit by another name (one unit's
                // two workbooks are one unit's repeats, which `check` names within a workbook).
                Some(&(fu, fk)) if fu != u && units[fu].name != unit.name => {
                    let (earlier, et) = (&units[fu], &units[fu].packet.tables[fk]);
                    report.push(
                        Diagnostic::new(
                            Code::CopiedAcrossUnits,
                            t!(
                                "copied-across-units",
                                unit = unit.name,
                                table = t.number.value,
                                project = t.project.value,
                                other_unit = earlier.name,
                                other_table = et.number.value,
                                other_project = et.project.value,
                                at = et.location(&et.indicators[0].name)
                            ),
                        )
                        .at(t.location(&t.indicators[0].name))
                        .in_table(&t.number.value)
                        .hint(t!("copied-across-units-hint")),
                    );
                }
                // Within one unit, `check` already says so (duplicate-indicators).
                Some(_) => {}
            }
        }
    }
    report
}
