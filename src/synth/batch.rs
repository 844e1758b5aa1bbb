//! A synthetic batch for `jixiao review`: a folder's worth of units, each a workbook of a few
//! tables in one form, with problems planted in some and a record of what was planted (the
//! ground truth the review's tests hold it to). The clean units are realistic: each table misses
//! one target a little (with its reason), so they score 良 or 优 but not full marks; their
//! indicators and goals are their own; all units share one indicator (服务对象满意度, ≥ 90 %).

use crate::check::indicator_score;
use crate::form::{Form, Forms};
use crate::model::{Located, Measure, Packet, Table};
use rust_decimal::Decimal;
use serde::Serialize;

/// The clean units' 主管部门, in turn; the last three units are of [`HIGH_DEPARTMENT`].
const DEPARTMENTS: [&str; 4] = ["示范县财政局", "示范县教育局", "示范县卫生健康局", "示范县农业农村局"];
/// A department whose tables all score full marks (planted `department-high-scores`).
pub const HIGH_DEPARTMENT: &str = "示范县文化和旅游局";
/// The indicator every unit has.
pub const SHARED_INDICATOR: &str = "服务对象满意度";
/// A batch needs this many units for every plant to have its own unit.
pub const MIN_UNITS: usize = 24;

/// One planted problem: the unit's file, the table's number (none for a department) and the code
/// the review must give there.
#[derive(Debug, Clone, Serialize)]
pub struct Plant {
    pub file: String,
    pub table: Option<String>,
    pub department: Option<String>,
    pub code: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitTruth {
    pub file: String,
    pub name: String,
    pub department: String,
    /// No problem planted: the review must flag nothing here.
    pub clean: bool,
}

/// The ground truth of a batch (planted.json).
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    pub form: String,
    pub units: Vec<UnitTruth>,
    pub planted: Vec<Plant>,
}

pub struct Batch {
    /// Each unit's file name and packet, in order.
    pub units: Vec<(String, Packet)>,
    pub truth: Truth,
}

fn d(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

/// `units` units (at least [`MIN_UNITS`]) of `tables` tables each (at least 2) in `form`, which
/// must score (分值 per indicator).
pub fn batch(form: &Form, units: usize, tables: usize) -> Batch {
    let units = units.max(MIN_UNITS);
    let tables = tables.max(2);
    let mut out: Vec<(String, Packet)> = Vec::with_capacity(units);
    let mut truth = Truth { form: form.name.clone(), units: Vec::new(), planted: Vec::new() };
    for u in 0..units {
        let file = format!("单位{:04}.xlsx", u + 1);
        let high = u >= units - 3;
        let department = if high { HIGH_DEPARTMENT } else { DEPARTMENTS[u % DEPARTMENTS.len()] };
        let name = format!("{}第{}单位", department.trim_end_matches('局'), u + 1);
        let packet = Packet {
            source: file.clone(),
            tables: (0..tables).map(|k| clean_table(form, u, k, &name, department, !high)).collect(),
        };
        truth.units.push(UnitTruth { file: file.clone(), name, department: department.into(), clean: !high });
        out.push((file, packet));
    }
    let named: Vec<(String, String)> = truth.units.iter().map(|u| (u.name.clone(), u.department.clone())).collect();
    let mut plant = |u: usize, k: Option<usize>, code: &'static str, out: &mut Vec<(String, Packet)>| {
        truth.units[u].clean = false;
        truth.planted.push(Plant {
            file: out[u].0.clone(),
            table: k.map(|k| out[u].1.tables[k].number.value.clone()),
            department: None,
            code,
        });
    };
    let p = &form.profile;
    // What the form has decides what can be planted in it: a form without 年度总体目标 has no
    // goals to copy, one without 分值 per indicator no full points on a missed target, one
    // without 总分 no total to inflate nor full marks.
    let fields: Vec<&str> =
        form.rows_blocks().flat_map(|b| b.rows.iter().flatten()).filter_map(|c| c.field.as_deref()).collect();
    let goals = fields.contains(&"expected");
    let weighted = form.weighs_indicators();
    let scored = form.scored();
    // Unit 4 copies unit 2's first table's indicators; unit 6 copies unit 3's second table's goals.
    out[3].1.tables[0].indicators = out[1].1.tables[0].indicators.clone();
    settle(form, &mut out[3].1.tables[0]);
    plant(3, Some(0), "copied-across-units", &mut out);
    if goals {
        out[5].1.tables[1].goals = out[2].1.tables[1].goals.clone();
        plant(5, Some(1), "goals-copied-across-units", &mut out);
    }
    // Unit 8 adds five points to a total.
    if scored {
        let t = &mut out[7].1.tables[0];
        let inflated = t.total.score.value.unwrap_or_default() + d(5, 0);
        t.total.score.value = Some(inflated);
        t.total.grade.value = p.grade(inflated).map(str::to_string);
        plant(7, Some(0), "total-mismatch", &mut out);
    }
    // Unit 10 gives full points to the indicator that missed its target.
    if weighted {
        let t = &mut out[9].1.tables[1];
        let i = partial_index(t);
        t.indicators[i].score.value = t.indicators[i].weight.value;
        settle(form, t);
        plant(9, Some(1), "full-score-missed-target", &mut out);
    }
    // A unit's table made again with every target reached and full points (what a plant then
    // spoils), by the unit's own name and department.
    let full = |u: usize, k: usize| clean_table(form, u, k, &named[u].0, &named[u].1, false);
    // Unit 12 reports every actual as its target.
    {
        let mut t = full(11, 0);
        for ind in &mut t.indicators {
            ind.actual.value = ind.target.value.clone();
        }
        out[11].1.tables[0] = t;
    }
    plant(11, Some(0), "actuals-equal-targets", &mut out);
    // Unit 14 gives 无 as the reason for the points it lost.
    if weighted {
        let t = &mut out[13].1.tables[1];
        let i = partial_index(t);
        t.indicators[i].reason.value = "无".into();
        plant(13, Some(1), "reason-missing", &mut out);
    }
    // Unit 16 spends 85 % of its budget and scores itself full marks.
    if scored {
        let mut t = full(15, 0);
        for row in &mut t.funds.rows {
            if let Some(b) = row.full_year.value {
                row.executed.value = Some(b * d(85, 2));
                row.rate.value = Some(d(85, 2));
            }
        }
        settle(form, &mut t);
        out[15].1.tables[0] = t;
        plant(15, Some(0), "full-marks-low-rate", &mut out);
    }
    // Unit 18 sets its satisfaction target at 9 where every other unit has 90.
    {
        let t = &mut out[17].1.tables[0];
        if let Some(ind) = t.indicators.iter_mut().find(|i| i.name.value == SHARED_INDICATOR) {
            ind.target.value = Some(Measure::Number(d(9, 0)));
            ind.actual.value = Some(Measure::Number(d(95, 1)));
        }
    }
    plant(17, Some(0), "inconsistent-standard", &mut out);
    if scored {
        truth.planted.push(Plant {
            file: String::new(),
            table: None,
            department: Some(HIGH_DEPARTMENT.into()),
            code: "department-high-scores",
        });
    }
    Batch { units: out, truth }
}

/// Table `k` of unit `u`: the synthetic table with the unit's own project, indicator names and
/// goals, the shared satisfaction indicator last, and (when `partial`) one target missed a little.
fn clean_table(form: &Form, u: usize, k: usize, unit: &str, department: &str, partial: bool) -> Table {
    let mut t = super::table_in(form, k, 7);
    t.project.value = format!("{unit}第{}号项目", k + 1);
    t.department.value = department.into();
    t.implementer.value = unit.into();
    // Budgets of many sizes: the sample weighs the larger ones.
    let scale = Decimal::from(1 + (u * 5 + k) % 13);
    for row in &mut t.funds.rows {
        for v in [&mut row.initial, &mut row.full_year, &mut row.executed] {
            v.value = v.value.map(|x| x * scale);
        }
    }
    let n = t.indicators.len();
    for (j, ind) in t.indicators.iter_mut().enumerate() {
        ind.name.value = if j + 1 == n {
            SHARED_INDICATOR.into()
        } else {
            format!("{unit}项目{}{}第{}项", k + 1, ind.level2.value, j + 1)
        };
    }
    t.goals.expected.value =
        format!("{unit}第{}号项目：按计划完成年度建设任务，保障服务对象的基本需求，提升服务质量。", k + 1);
    t.goals.achieved.value =
        format!("{unit}第{}号项目：年度建设任务基本完成，服务质量有所提升，个别指标略低于预期。", k + 1);
    if partial {
        let i = partial_index(&t);
        let ind = &mut t.indicators[i];
        ind.actual.value = Some(Measure::Number(d(90 - 5 - ((u * 7 + k * 3) % 30) as i64, 0)));
        // The rules' share of the points (of the row's 分值, or of its typed score where the form
        // gives the points to the groups).
        let mut rated = ind.clone();
        rated.weight.value = rated.weight.value.or(rated.score.value);
        ind.score.value = indicator_score(&rated, form.profile.score_decimals);
        ind.reason.value = "受项目进度影响，部分任务延至下年完成；下一步加快实施进度。".into();
    } else {
        full_marks(form, &mut t);
    }
    settle(form, &mut t);
    t
}

/// The indicator a clean table misses: its first 社会效益 row (else its second row).
fn partial_index(t: &Table) -> usize {
    t.indicators.iter().position(|i| i.level2.value.contains("社会效益")).unwrap_or(1.min(t.indicators.len() - 1))
}

/// Every indicator reached (95 against 90) with its full points, the budget spent in full.
fn full_marks(form: &Form, t: &mut Table) {
    for ind in &mut t.indicators {
        ind.actual.value = Some(Measure::Number(d(95, 0)));
        ind.score.value = ind.weight.value.or(ind.score.value);
        ind.reason.value.clear();
    }
    t.funds.score.value = t.funds.weight.value.or(Some(form.profile.funds_weight));
}

/// 总分 as the sum of the scores typed, and its grade.
fn settle(form: &Form, t: &mut Table) {
    let sum: Decimal =
        t.funds.score.value.unwrap_or_default() + t.indicators.iter().filter_map(|i| i.score.value).sum::<Decimal>();
    t.total.score = Located::bare(Some(sum));
    t.total.grade.value = form.profile.grade(sum).map(str::to_string);
}

/// A unit's packet as the workbook it would send: jixiao's own published XLSX layout.
pub fn workbook(packet: &Packet, forms: &Forms) -> Result<Vec<u8>, crate::render::RenderError> {
    use crate::render::{xlsx::XlsxRenderer, LayoutOptions, PacketContext, Plan, Renderer};
    let ctx = PacketContext::new(packet, forms, LayoutOptions::default());
    let files =
        XlsxRenderer::new(crate::dates::Timestamp::epoch()).render_planned(&ctx, &Plan::all(packet.tables.len()))?;
    Ok(files.into_iter().next().map(|f| f.bytes).unwrap_or_default())
}

/// The worst case for the view across units: every unit's tables carry the first unit's
/// indicators and goals (for the benchmark: the findings must grow with the tables, not with
/// their pairs). The ground truth no longer holds after this.
pub fn all_copies(batch: &mut Batch) {
    let Some((_, first)) = batch.units.first() else { return };
    let source: Vec<Table> = first.tables.clone();
    for (_, p) in batch.units.iter_mut().skip(1) {
        for (t, s) in p.tables.iter_mut().zip(&source) {
            t.indicators = s.indicators.clone();
            t.goals = s.goals.clone();
        }
    }
}
