//! `jixiao review`: the finance bureau's 汇总审核 over many units' workbooks. Every workbook is
//! read and checked in parallel; each table gets the bureau's own figures (自评得分 against the
//! 复核得分 the form's rules give the typed figures, a 自评质量分 from the [`Rubric`]); then the
//! view across units finds what no single workbook shows ([`across`]), and [`sample`] draws the
//! 抽查名单. A workbook that cannot be read is a row with its reason, never an abort.
//!
//! Stage order: [`inputs`] → [`run`] (per unit, then [`flags`] and [`across`]) → [`stats`] →
//! the writers ([`xlsx`], [`html`], [`feedback`]), each over the one serializable [`Review`].

pub mod across;
pub mod charts;
pub mod circular;
pub mod feedback;
pub mod flags;
pub mod html;
pub mod inputs;
pub mod output;
pub mod rubric;
pub mod sample;
pub mod stats;
pub mod xlsx;

pub use inputs::{collect, Input};
pub use rubric::Rubric;

use crate::diag::{Report, Severity};
use crate::form::{Form, Forms};
use crate::model::{Packet, Table};
use crate::render::Progress;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

/// The bureau's figures for one table.
#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    /// The table's number (公开12表-1) and project, as typed.
    pub number: String,
    pub project: String,
    /// 总分 as the unit typed it (as `check` left it: filled from the scores where left empty).
    pub self_score: Option<Decimal>,
    /// The form's rules applied to the typed figures ([`crate::check::rescore`]).
    pub review_score: Option<Decimal>,
    /// 自评得分 less 复核得分: above zero, the unit scored itself higher than its figures give.
    pub gap: Option<Decimal>,
    /// 自评等级 as typed (or filled).
    pub grade: Option<String>,
    /// Whether 总分 is the form's full marks.
    pub full_marks: bool,
    /// 执行率 of the whole budget (typed, else computed), a fraction.
    pub rate: Option<Decimal>,
    /// 全年预算数 of the whole budget: what the table answers for.
    pub amount: Option<Decimal>,
    /// The rubric applied to this table's findings.
    pub quality: Decimal,
    pub findings: usize,
}

/// One unit: a workbook, named by its tables' 实施单位 (else 主管部门, else the file name).
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub name: String,
    pub department: String,
    /// The workbook as the inputs named it (a zip's entry after the zip's path).
    pub file: String,
    pub tables: Vec<TableRow>,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Findings against the spring targets (target-dropped, -added, -changed, targets-unmatched).
    pub against_targets: usize,
    /// 100 less the rubric's points per finding, 扣完为止 per category; none for a workbook that
    /// cannot be read.
    pub quality: Option<Decimal>,
    /// Its place by quality, best first (1 = best); none for a workbook that cannot be read.
    pub rank: Option<usize>,
    /// Why the workbook could not be read, in words.
    pub unreadable: Option<String>,
    /// When the workbook was last saved (seconds since 1970), if known: the newest dates the
    /// reports.
    #[serde(skip)]
    pub modified: Option<i64>,
    /// The tables as read and checked (what the view across units compares); not in review.json.
    #[serde(skip)]
    pub packet: Packet,
    /// Every finding about this unit: `check`'s, the targets', the review's own red flags and the
    /// findings across units that point at its tables.
    pub report: Report,
}

impl Unit {
    /// The 总分 of its tables that have one.
    pub fn totals(&self) -> impl Iterator<Item = Decimal> + '_ {
        self.tables.iter().filter_map(|t| t.self_score)
    }
}

/// The whole review: the units in input order, the findings about the batch as a whole, the
/// statistics, the sample and the rubric used. Serialized (review.json) with `across`: every
/// finding across units, those pointing at a unit's table (kept once, in that unit's report)
/// and those about the batch.
#[derive(Debug, Clone)]
pub struct Review {
    pub units: Vec<Unit>,
    /// The findings about the batch as a whole (a 主管部门's shares).
    pub batch: Report,
    pub stats: stats::Stats,
    pub sample: Option<sample::Sample>,
    pub rubric: Rubric,
}

impl Serialize for Review {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct Across<'a> {
            diagnostics: Vec<&'a crate::diag::Diagnostic>,
        }
        let mut st = s.serialize_struct("Review", 5)?;
        st.serialize_field("units", &self.units)?;
        st.serialize_field("across", &Across { diagnostics: self.across().collect() })?;
        st.serialize_field("stats", &self.stats)?;
        st.serialize_field("sample", &self.sample)?;
        st.serialize_field("rubric", &self.rubric)?;
        st.end()
    }
}

impl Review {
    /// Every finding as the lists print it, unit by unit.
    pub fn finding_rows(&self) -> Vec<FindingRow> {
        self.units.iter().flat_map(FindingRow::all_of).collect()
    }

    /// Every finding across units: those that point at a unit's table, then the batch's.
    pub fn across(&self) -> impl Iterator<Item = &crate::diag::Diagnostic> {
        self.units
            .iter()
            .flat_map(|u| u.report.diagnostics.iter().filter(|d| across::is_across(d.code)))
            .chain(&self.batch.diagnostics)
    }

    /// The findings across units as the lists print them, each with the unit it points at.
    pub fn across_rows(&self) -> Vec<FindingRow> {
        self.units
            .iter()
            .flat_map(|u| {
                u.report.diagnostics.iter().filter(|d| across::is_across(d.code)).map(|d| FindingRow::of(&u.name, d))
            })
            .chain(self.batch.diagnostics.iter().map(|d| FindingRow::of("", d)))
            .collect()
    }

    /// Every finding of the review, each once: the units' (which hold those across units).
    pub fn all_findings(&self) -> Report {
        let mut r = Report::default();
        for u in &self.units {
            r.extend(u.report.clone());
        }
        r
    }

    /// What the review itself found (its red flags in the units' tables and the findings across
    /// units), as the command line prints it; each unit's `check` findings are in review.xlsx.
    pub fn own_findings(&self) -> Report {
        let mut r = Report::default();
        for u in &self.units {
            r.diagnostics.extend(u.report.diagnostics.iter().filter(|d| flags::is_review_code(d.code)).cloned());
        }
        r.extend(self.batch.clone());
        r
    }
}

/// A finding as the lists print it (review.xlsx's 问题清单 and 跨单位, review.html, 反馈).
#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub unit: String,
    pub table: String,
    pub place: String,
    pub code: &'static str,
    pub severity: String,
    pub title: String,
    pub message: String,
    pub hint: String,
}

impl FindingRow {
    pub fn of(unit: &str, d: &crate::diag::Diagnostic) -> FindingRow {
        FindingRow {
            unit: unit.to_string(),
            table: d.table.clone().unwrap_or_default(),
            place: d.location.as_ref().map(|l| l.to_string()).unwrap_or_default(),
            code: d.code.as_str(),
            severity: d.severity.label(),
            title: d.code.title(),
            message: d.message.clone(),
            hint: d.hint.clone().unwrap_or_default(),
        }
    }

    /// Every finding of `unit`.
    pub fn all_of(unit: &Unit) -> Vec<FindingRow> {
        unit.report.diagnostics.iter().map(|d| FindingRow::of(&unit.name, d)).collect()
    }
}

/// What a review is asked to do beyond reading the units.
pub struct Options<'a> {
    pub forms: &'a Forms,
    pub forced: Option<&'a Form>,
    /// The spring target tables of every unit, read once.
    pub targets: Option<&'a Packet>,
    pub rubric: Rubric,
    pub sample: Option<sample::Ask>,
    pub progress: &'a dyn Progress,
}

/// Reads and checks every workbook in parallel (each against the spring targets when there are
/// any), flags what the bureau distrusts in each table, looks across the units, scores each
/// unit's quality, ranks them and draws the sample.
pub fn run(inputs: &[Input], opts: Options) -> Review {
    opts.progress.start("review", inputs.len());
    let mut units: Vec<Unit> = inputs
        .par_iter()
        .map(|i| {
            let u = unit(i, &opts);
            opts.progress.advance();
            u
        })
        .collect();
    let across = across::findings(&units);
    for (u, d) in across.pointed {
        units[u].report.push(d);
    }
    for u in &mut units {
        score(u, &opts.rubric);
    }
    rank(&mut units);
    let stats = stats::Stats::of(&units, &opts.rubric);
    let sample = opts.sample.map(|ask| sample::draw(&units, ask));
    // What the writers need is in the rows, the reports and the statistics: the tables as read
    // go, which halves the memory of a large batch before its reports are written.
    for u in &mut units {
        u.packet = Packet::default();
    }
    Review { units, batch: across.batch, stats, sample, rubric: opts.rubric }
}

fn unit(input: &Input, opts: &Options) -> Unit {
    let file = input.label();
    let stem = input.stem();
    match input.load(opts.forms, opts.forced) {
        Ok(mut loaded) => {
            let before = loaded.report.diagnostics.len();
            if let Some(targets) = opts.targets {
                loaded.report.extend(crate::targets::compare(&loaded.packet, targets, opts.forms));
            }
            let against_targets = loaded.report.diagnostics.len() - before;
            loaded.report.extend(flags::red_flags(&loaded.packet, opts.forms));
            let first = |f: fn(&Table) -> &str| {
                loaded.packet.tables.iter().map(f).find(|s| !s.trim().is_empty()).map(|s| s.trim().to_string())
            };
            let department = first(|t| &t.department.value).unwrap_or_default();
            let name = first(|t| &t.implementer.value).or_else(|| first(|t| &t.department.value)).unwrap_or(stem);
            let tables = loaded.packet.tables.iter().map(|t| table_row(t, opts.forms.of(&t.form))).collect();
            Unit {
                name,
                department,
                file,
                tables,
                errors: 0,
                warnings: 0,
                notes: 0,
                against_targets,
                quality: None,
                rank: None,
                unreadable: None,
                modified: loaded.modified,
                packet: loaded.packet,
                report: loaded.report,
            }
        }
        Err(report) => Unit {
            name: stem,
            department: String::new(),
            file,
            tables: Vec::new(),
            errors: 0,
            warnings: 0,
            notes: 0,
            against_targets: 0,
            quality: None,
            rank: None,
            unreadable: Some(report.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("；")),
            modified: None,
            packet: Packet::default(),
            report,
        },
    }
}

fn table_row(t: &Table, form: &Form) -> TableRow {
    let self_score = t.total.score.value;
    let review_score = crate::check::rescore(t, form).map(|d| d.normalize());
    let total = t.funds.total();
    let full = form.profile.total_weight;
    TableRow {
        number: t.number.value.clone(),
        project: t.project.value.clone(),
        self_score,
        review_score,
        gap: self_score.zip(review_score).map(|(s, r)| (s - r).normalize()),
        grade: t.total.grade.value.clone(),
        full_marks: form.scored() && self_score.is_some_and(|s| s >= full),
        rate: total.rate.value.or_else(|| total.computed_rate()),
        amount: total.full_year.value.or(total.initial.value),
        quality: Decimal::ZERO,
        findings: 0,
    }
}

/// The unit's counts and 自评质量分 from its whole report, and each table's from its own findings.
fn score(u: &mut Unit, rubric: &Rubric) {
    let r = &u.report;
    u.errors = r.count(Severity::Error);
    u.warnings = r.count(Severity::Warning);
    u.notes = r.count(Severity::Note);
    if u.unreadable.is_some() {
        return;
    }
    u.quality = Some(rubric.score(r.diagnostics.iter()));
    for (k, row) in u.tables.iter_mut().enumerate() {
        let of_table = || r.diagnostics.iter().filter(move |d| d.location.as_ref().and_then(|l| l.table) == Some(k));
        row.quality = rubric.score(of_table());
        row.findings = of_table().filter(|d| d.severity > Severity::Note).count();
    }
}

/// Ranks by quality, best first; equal scores share a place, input order among them.
fn rank(units: &mut [Unit]) {
    let mut order: Vec<usize> = (0..units.len()).filter(|&k| units[k].quality.is_some()).collect();
    order.sort_by(|&a, &b| units[b].quality.cmp(&units[a].quality).then(a.cmp(&b)));
    let mut place = 0;
    let mut last = None;
    for (n, &k) in order.iter().enumerate() {
        if last != Some(units[k].quality) {
            place = n + 1;
            last = Some(units[k].quality);
        }
        units[k].rank = Some(place);
    }
}
