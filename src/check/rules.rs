//! The scoring and consistency rules, one function per concern.

use crate::diag::{location, Code, Diagnostic, Location, Report};
use crate::form::fields::{indicator_fields, indicator_texts, table_fields, FundColumn};
use crate::form::labels::{is_placeholder, norm};
use crate::form::{Form, FundValue, Profile, TableKind};
use crate::limits;
use crate::model::{round_half_up, FundRow, Indicator, Located, Measure, Packet, Sign, Table};
use crate::t;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Where a table's findings point: its workbook, sheet and index in the packet, and its number.
struct Ctx<'a> {
    file: &'a str,
    sheet: &'a str,
    index: usize,
    number: &'a str,
    uncached: &'a [String],
}

impl Ctx<'_> {
    fn at<T>(&self, v: &Located<T>) -> Location {
        self.cell(v.cell.as_deref())
    }
    fn cell(&self, cell: Option<&str>) -> Location {
        location(self.file, self.sheet, cell).in_table(self.index)
    }
    fn diag(&self, d: Diagnostic, at: &Located<impl Sized>) -> Diagnostic {
        d.at(self.at(at)).in_table(self.number)
    }
    /// Whether an empty cell was a formula without a saved result (already reported).
    fn was_formula<T>(&self, v: &Located<T>) -> bool {
        v.cell.as_ref().is_some_and(|c| self.uncached.contains(c))
    }
}

/// How a number prints in a message: as typed, without trailing zeros.
fn n(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A sum or difference of money as the bureau writes it: two decimals at least (600.00, 3.19).
fn money(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

fn pct(d: Decimal) -> String {
    format!("{}%", n(round_half_up(d * Decimal::ONE_HUNDRED, 2)))
}

/// 定性 achievement band, read from the 实际完成值 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Achieved,
    Partial,
    Missed,
}

impl Band {
    pub fn from_text(t: &str) -> Option<Band> {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if ["未达成", "未达到", "未完成", "未实现", "否"].iter().any(|w| t.contains(w)) {
            Some(Band::Missed)
        } else if ["部分达成", "部分达到", "部分完成", "基本达成", "基本达到", "基本完成", "基本实现"]
            .iter()
            .any(|w| t.contains(w))
        {
            Some(Band::Partial)
        } else if ["达成", "达到", "完成", "实现", "是", "满足", "良好", "显著", "提升", "提高"]
            .iter()
            .any(|w| t.contains(w))
        {
            Some(Band::Achieved)
        } else {
            None
        }
    }
    fn name(self) -> &'static str {
        match self {
            Band::Achieved => "达成",
            Band::Partial => "部分达成",
            Band::Missed => "未达成",
        }
    }
}

/// The 得分 the rules give a quantitative indicator, rounded to `decimals` (the profile's: two, or
/// whole points); `None` when the row lacks a number it needs (qualitative rows are scored by
/// the unit inside a band, and a form without 分值 leaves the score to the unit).
pub fn indicator_score(ind: &Indicator, decimals: u32) -> Option<Decimal> {
    let w = ind.weight.value?;
    let a = ind.target.value.as_ref()?.number()?;
    let b = ind.actual.value.as_ref()?.number()?;
    let full = |ok: bool, part: Option<Decimal>| if ok { Some(w) } else { part };
    // The share of the target reached, times the weight: the share first, so that no figure,
    // however large, overflows.
    let share = |x: Decimal, of: Decimal| x.checked_div(of).map(|r| w * r.clamp(Decimal::ZERO, Decimal::ONE));
    let s = match ind.sign.value.unwrap_or(Sign::AtLeast) {
        Sign::Equal if a.is_zero() => full(b <= Decimal::ZERO, Some(Decimal::ZERO)),
        Sign::AtLeast | Sign::Equal if a.is_zero() => Some(w),
        Sign::AtLeast | Sign::Equal => full(b >= a, share(b, a)),
        Sign::AtMost if b <= a => Some(w),
        Sign::AtMost if b.is_zero() => Some(w),
        Sign::AtMost => share(a, b),
    }?;
    // A negative target or actual has no share to speak of: the score stays within 0 and 分值.
    Some(round_half_up(s.clamp(Decimal::ZERO, w.max(Decimal::ZERO)), decimals))
}

/// The 复核得分 of a table: the form's rules applied to the figures the unit typed, whatever it
/// typed as scores: the budget's points from its 执行率, each quantitative indicator's from its
/// target and actual, a qualitative one's (the unit's to give inside a band) as typed. `None` for
/// a form that does not score.
pub fn rescore(t: &Table, form: &Form) -> Option<Decimal> {
    if !form.scored() {
        return None;
    }
    let p = &form.profile;
    let weighted = form.weighs_indicators();
    let funds = match p.funds_weight.is_zero() {
        true => Decimal::ZERO,
        false => t
            .funds
            .total()
            .computed_rate()
            .or(t.funds.total().rate.value)
            // A negative rate (money returned) earns nothing rather than points off.
            .map(|r| rate_points(p.funds_weight, r.max(Decimal::ZERO), p))
            .unwrap_or_default(),
    };
    let indicators: Decimal = t
        .indicators
        .iter()
        .filter_map(|i| match weighted {
            true => indicator_score(i, p.score_decimals).or(i.score.value),
            false => i.score.value,
        })
        .sum();
    Some(funds + indicators)
}

pub(super) fn check_table(t: &mut Table, index: usize, form: &Form, report: &mut Report) {
    let p = &form.profile;
    let uncached = t.uncached_formulas.clone();
    let file = t.source.clone();
    let number = t.number.value.clone();
    let sheet = t.sheet.clone();
    let cx = Ctx { file: &file, sheet: &sheet, index, number: &number, uncached: &uncached };
    check_figures(&cx, t, report);
    check_instructions(&cx, t, form, report);
    check_sums(&cx, t, form, report);
    if form.kind == TableKind::Targets {
        check_targets(&cx, t, report);
    }
    if !form.scored() {
        // No 分值, 得分 or 总分: every check but the scoring ones.
        funds_sums(&cx, t, form, report);
        funds_rates(&cx, t, form, report);
        check_standing(&cx, t, form, report);
        for ind in &t.indicators {
            let label = indicator_basics(&cx, ind, form, report);
            number_slips(&cx, ind, &label, false, report);
        }
        return;
    }
    let funds_score = if p.funds_weight.is_zero() {
        // The budget carries no points of its own: its execution is an indicator.
        funds_sums(&cx, t, form, report);
        funds_rates(&cx, t, form, report);
        None
    } else {
        check_funds(&cx, t, form, report)
    };
    check_standing(&cx, t, form, report);
    let mut scores = vec![funds_score];
    let weighted = form.weighs_indicators();
    for ind in &mut t.indicators {
        scores.push(check_indicator(&cx, ind, form, weighted, report));
    }
    if weighted {
        check_weights(&cx, t, p, report);
    }
    check_group_points(&cx, t, p, report);
    let sum: Decimal = scores.into_iter().flatten().sum();
    check_total(&cx, t, sum, p, report);
}

/// The form's own money fields that must add up (Wuhan's 资金总额 = 财政拨款 + 其他资金), each
/// read as a figure with its unit (10000万元); a sum with a part missing or not a figure is
/// left alone.
fn check_sums(cx: &Ctx, t: &Table, form: &Form, report: &mut Report) {
    let figure = |field: &str| {
        let v = t.text(field)?;
        let text = v.value.trim().trim_end_matches(form.money_unit.as_str()).trim_end_matches(['元', '万']);
        Some((crate::model::parse::decimal_from_text(text)?, v))
    };
    for sum in &form.sums {
        let Some((total, at)) = figure(&sum.total) else { continue };
        let Some(parts) = sum.parts.iter().map(|p| figure(p).map(|f| f.0)).collect::<Option<Vec<Decimal>>>() else {
            continue;
        };
        let added: Decimal = parts.iter().sum();
        if added != total {
            let label = |f: &str| form.text_label(f).1;
            let parts = sum.parts.iter().map(|p| label(p)).collect::<Vec<String>>().join(&t!("plus"));
            let total_name = label(&sum.total);
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::FundsSum,
                        t!(
                            "funds-sum-fields",
                            total = total_name,
                            value = n(total),
                            parts = parts,
                            sum = n(added),
                            diff = n((total - added).abs())
                        ),
                    ),
                    at,
                )
                .hint(t!("funds-sum-fields-hint", total = total_name, parts = parts)),
            );
        }
    }
}

/// A target table's indicators: each 三级指标 named (not a bare number), each with its 指标值,
/// each 一级指标 with its 二级.
fn check_targets(cx: &Ctx, t: &Table, report: &mut Report) {
    for ind in &t.indicators {
        let name = ind.name.value.trim();
        let label = if name.is_empty() {
            t!("indicator-unnamed", level1 = ind.level1.value)
        } else {
            t!("indicator-label", name = name)
        };
        if name.is_empty() || crate::model::parse::decimal_from_text(name).is_some() {
            report.push(
                cx.diag(Diagnostic::new(Code::TargetUnnamed, t!("target-unnamed", indicator = label)), &ind.name)
                    .hint(t!("target-unnamed-hint")),
            );
        }
        if ind.target.value.is_none() {
            report.push(
                cx.diag(
                    Diagnostic::new(Code::TargetValueMissing, t!("target-value-missing", indicator = label)),
                    &ind.target,
                )
                .hint(t!("target-value-missing-hint")),
            );
        }
        if !ind.level1.value.trim().is_empty() && ind.level2.value.trim().is_empty() {
            report.push(
                cx.diag(
                    Diagnostic::new(Code::TargetTree, t!("target-tree", indicator = label, level1 = ind.level1.value)),
                    // An empty 二级 has no cell: the row's 三级指标 names the place.
                    if ind.level2.cell.is_some() { &ind.level2 } else { &ind.name },
                )
                .hint(t!("target-tree-hint")),
            );
        }
    }
}

/// A figure past [`limits::figure`] is an error at its cell and is left out of every other rule,
/// so that no sum, share or difference can overflow (a workbook's cells are read as decimals of
/// up to 28 digits; a model.json or a library caller may hold anything).
fn check_figures(cx: &Ctx, t: &mut Table, report: &mut Report) {
    let mut out = |what: &str, v: &mut Located<Option<Decimal>>| {
        if let Some(d) = v.value.filter(|d| !limits::figure_fits(*d)) {
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::TooLarge,
                        t!("figure-too-large", what = what, value = n(d), limit = limits::figure()),
                    ),
                    v,
                )
                .hint(t!("figure-too-large-hint")),
            );
            v.value = None;
        }
    };
    for row in &mut t.funds.rows {
        out("项目资金", &mut row.initial);
        out("项目资金", &mut row.full_year);
        out("项目资金", &mut row.executed);
        out("执行率", &mut row.rate);
    }
    out("分值", &mut t.funds.weight);
    out("得分", &mut t.funds.score);
    for ind in &mut t.indicators {
        out("分值", &mut ind.weight);
        out("得分", &mut ind.score);
        for (what, m) in [("指标值", &mut ind.target), ("实际完成值", &mut ind.actual)] {
            if let Some(Measure::Number(d)) = m.value {
                let mut v = Located::new(Some(d), m.cell.clone());
                out(what, &mut v);
                if v.value.is_none() {
                    m.value = None;
                }
            }
        }
    }
    out("分值", &mut t.total.weight);
    out("总分", &mut t.total.score);
}

/// The form's own instruction texts (…（100字以内）, （主管部门名称）) left in a cell: the table
/// was published unfilled.
fn check_instructions(cx: &Ctx, t: &Table, form: &Form, report: &mut Report) {
    if form.instructions.is_empty() {
        return;
    }
    // The form's own standing texts (Sichuan's note in 原因) are the form's words, not left-overs.
    let hit =
        |text: &str| form.instructions.iter().any(|i| text.contains(i.as_str())) && form.standing_text(text).is_none();
    let mut found: Vec<(String, String, Option<String>)> = table_fields(t, form)
        .into_iter()
        .filter(|p| p.cell.is_some() && hit(&p.text))
        .map(|p| (p.field.name(form), p.text, p.cell.map(String::from)))
        .collect();
    for i in &t.indicators {
        found.extend(
            indicator_fields(i, form)
                .into_iter()
                .filter(|p| p.cell.is_some() && hit(&p.text))
                .map(|p| (p.field.label(form), p.text, p.cell.map(String::from))),
        );
        found.extend(
            indicator_texts(i, form)
                .into_iter()
                .filter(|(_, p)| p.cell.is_some() && hit(&p.text))
                .map(|(label, p)| (label, p.text, p.cell.map(String::from))),
        );
    }
    for (name, text, cell) in found {
        report.push(
            Diagnostic::new(Code::InstructionText, t!("instruction-text", field = name, text = text))
                .at(cx.cell(cell.as_deref()))
                .in_table(cx.number)
                .hint(t!("instruction-text-hint")),
        );
    }
}

/// 项目资金: sums per column, the 执行率 and its score. Returns the score that counts.
fn check_funds(cx: &Ctx, t: &mut Table, form: &Form, report: &mut Report) -> Option<Decimal> {
    funds_sums(cx, t, form, report);
    funds_rates(cx, t, form, report);
    let p = &form.profile;
    let rate_name = form.funds_label(FundValue::Rate, "执行率");
    let f = &mut t.funds;
    let weight = match f.weight.value {
        Some(w) => {
            if w != p.funds_weight {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::FundsWeight,
                            t!(
                                "funds-weight",
                                rate = rate_name,
                                typed = n(w),
                                profile = p.name,
                                expected = n(p.funds_weight)
                            ),
                        ),
                        &f.weight,
                    )
                    .hint(t!("funds-weight-hint", profile = p.name, expected = n(p.funds_weight))),
                );
            }
            w
        }
        None => {
            // A form with no cell for it (Hubei's points sit in a label) has nothing left empty.
            if f.weight.cell.is_some() && !cx.was_formula(&f.weight) {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::WeightMissing,
                            t!(
                                "funds-weight-missing",
                                rate = rate_name,
                                profile = p.name,
                                expected = n(p.funds_weight)
                            ),
                        ),
                        &f.weight,
                    )
                    .hint(t!("funds-weight-missing-hint")),
                );
            }
            f.weight.value = Some(p.funds_weight);
            p.funds_weight
        }
    };
    let computed = f.total().computed_rate().map(|r| rate_points(weight, r, p));
    let score_name = t!("funds-score-what", rate = rate_name);
    settle_score(cx, &mut f.score, weight, computed, &score_name, true, report)
}

/// The budget's points: its 分值 times its 执行率 (at most 100 %), rounded as the profile rounds
/// them; `check` and the review's 复核得分 both score the budget this way.
fn rate_points(weight: Decimal, rate: Decimal, p: &Profile) -> Decimal {
    round_half_up(weight * rate.min(Decimal::ONE), p.funds_score_decimals)
}

/// 年度资金总额 = the sum of its 其中 rows, column by column; an empty total that was a formula
/// without its result takes the sum.
fn funds_sums(cx: &Ctx, t: &mut Table, form: &Form, report: &mut Report) {
    let row_names: Vec<String> =
        (0..t.funds.rows.len()).map(|k| form.fund_row_label(k).trim_start_matches("其中：").to_string()).collect();
    let unit_of_table = t.money_unit.clone();
    let f = &mut t.funds;
    type Col = fn(&mut FundRow) -> &mut Located<Option<Decimal>>;
    let cols: [(FundColumn, Col); 3] = [
        (FundColumn::Initial, |r| &mut r.initial),
        (FundColumn::FullYear, |r| &mut r.full_year),
        (FundColumn::Executed, |r| &mut r.executed),
    ];
    if let Some((total_row, parts_rows)) = f.rows.split_first_mut() {
        let total_name = row_names.first().cloned().unwrap_or_default();
        let parts_names = row_names.get(1..).unwrap_or(&[]).join(&t!("plus"));
        let unit = unit_of_table.unwrap_or_else(|| form.money_unit.clone());
        for (column, col) in cols {
            let name = form.funds_label(column.value(), "");
            let parts: Vec<Option<Decimal>> = parts_rows.iter_mut().map(|r| col(r).value).collect();
            if parts.iter().all(Option::is_none) {
                continue;
            }
            let sum: Decimal = parts.into_iter().flatten().sum();
            let total = col(total_row);
            match total.value {
                None if cx.was_formula(total) => total.value = Some(sum),
                None if !sum.is_zero() => report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::FundsSum,
                            t!(
                                "funds-sum-empty",
                                total = total_name,
                                column = name,
                                parts = parts_names,
                                sum = money(sum),
                                unit = unit
                            ),
                        ),
                        total,
                    )
                    .hint(t!("funds-sum-empty-hint", total = total_name, parts = parts_names)),
                ),
                Some(v) if v != sum => report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::FundsSum,
                            t!(
                                "funds-sum-parts",
                                total = total_name,
                                column = name,
                                value = n(v),
                                parts = parts_names,
                                sum = money(sum),
                                diff = money((v - sum).abs()),
                                unit = unit
                            ),
                        ),
                        total,
                    )
                    .hint(t!("funds-sum-parts-hint", total = total_name, parts = parts_names)),
                ),
                _ => {}
            }
        }
    }
}

/// 执行率 per row: a typed one that disagrees is flagged; an empty one is named, not filled (the
/// packet prints what the unit typed), unless the cell was a formula saved without its result.
fn funds_rates(cx: &Ctx, t: &mut Table, form: &Form, report: &mut Report) {
    let f = &mut t.funds;
    let rate_name = form.funds_label(FundValue::Rate, "执行率");
    let (budget_name, executed_name) =
        (form.funds_label(FundValue::Budget, "全年预算数"), form.funds_label(FundValue::Executed, "全年执行数"));
    // The national form prints one — across 分值, 执行率 and 得分 of the rows under the total:
    // their 执行率 is not the unit's to type.
    let merged = form.funds().merge_unscored;
    for (k, row) in f.rows.iter_mut().enumerate() {
        let Some(rate) = row.computed_rate() else {
            continue;
        };
        match row.rate.value {
            None if cx.was_formula(&row.rate) => row.rate.value = Some(rate),
            // The form has no 执行率 column, or none on this row: nothing was left empty.
            None if row.rate.cell.is_none() || (merged && k > 0) => {}
            None => report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::RateMissing,
                        t!(
                            "rate-missing",
                            rate = rate_name,
                            executed = executed_name,
                            budget = budget_name,
                            computed = pct(rate)
                        ),
                    ),
                    &row.rate,
                )
                .hint(t!("rate-missing-hint", rate = rate_name)),
            ),
            Some(typed) if (typed - rate).abs() >= Decimal::new(5, 5) && !same_at_typed_precision(typed, rate) => {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::RateMismatch,
                            t!(
                                "rate-mismatch",
                                rate = rate_name,
                                typed = pct(typed),
                                executed = executed_name,
                                budget = budget_name,
                                computed = pct(rate)
                            ),
                        ),
                        &row.rate,
                    )
                    .hint(t!(
                        "rate-mismatch-hint",
                        rate = rate_name,
                        executed = executed_name,
                        budget = budget_name
                    )),
                )
            }
            _ => {}
        }
    }
}

/// Where the form's standing note asks for a reason below a 执行率 (Sichuan: 90 %), the table
/// below it gives one: its 原因 holds more than the note.
fn check_standing(cx: &Ctx, t: &Table, form: &Form, report: &mut Report) {
    let total = t.funds.total();
    let Some(rate) = total.computed_rate().or(total.rate.value) else { return };
    for s in &form.standing {
        let Some(line) = s.reason_below else { continue };
        let line = Decimal::from(line) / Decimal::ONE_HUNDRED;
        let reason = &t.funds.reason;
        let only_note = reason.value.trim().is_empty() || form.standing_text(&reason.value).is_some();
        if rate < line && only_note {
            let name = form.funds_label(FundValue::Reason, "原因");
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::RateReasonMissing,
                        t!("rate-reason-missing", rate = pct(rate), line = pct(line), note = s.text, field = name),
                    ),
                    reason,
                )
                .hint(t!("rate-reason-missing-hint", field = name)),
            );
        }
    }
}

/// Whether a typed 执行率 is the computed one at the precision the unit typed it to: `86%` for
/// 37.24 / 43.2 = 86.2 % is right for a unit that writes whole percents.
fn same_at_typed_precision(typed: Decimal, computed: Decimal) -> bool {
    let percent = typed * Decimal::ONE_HUNDRED;
    let places = percent.normalize().scale();
    round_half_up(computed * Decimal::ONE_HUNDRED, places) == percent.normalize()
}

/// Compares a typed score with the computed one and its weight; fills an empty one.
/// Returns the score that counts towards 总分.
fn settle_score(
    cx: &Ctx,
    score: &mut Located<Option<Decimal>>,
    weight: Decimal,
    computed: Option<Decimal>,
    what: &str,
    fill: bool,
    report: &mut Report,
) -> Option<Decimal> {
    match (score.value, computed) {
        (Some(s), _) if s > weight => {
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::ScoreAboveWeight,
                        t!("score-above-weight", what = what, score = n(s), weight = n(weight)),
                    ),
                    score,
                )
                .hint(t!("score-above-weight-hint")),
            );
        }
        (Some(s), Some(c)) if (s - c).abs() > Decimal::new(1, 2) => {
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::ScoreMismatch,
                        t!("score-mismatch", what = what, score = n(s), computed = n(c)),
                    ),
                    score,
                )
                .hint(t!("score-mismatch-hint")),
            );
        }
        (None, Some(c)) if fill => {
            if !cx.was_formula(score) {
                report.push(
                    cx.diag(
                        Diagnostic::new(Code::ScoreMissing, t!("score-missing", what = what, computed = n(c))),
                        score,
                    )
                    .hint(t!("score-missing-hint")),
                );
            }
            score.value = Some(c);
        }
        _ => {}
    }
    score.value
}

/// What every indicator row needs, scored or not: a name that is no template placeholder, and
/// (in a self-evaluation) a 实际完成值 where there is a target. Returns how messages name it.
fn indicator_basics(cx: &Ctx, ind: &Indicator, form: &Form, report: &mut Report) -> String {
    let name = &ind.name.value;
    let label = if name.is_empty() { t!("indicator-nameless") } else { t!("indicator-label", name = name) };
    if is_placeholder(name) {
        report.push(
            cx.diag(
                Diagnostic::new(Code::PlaceholderIndicator, t!("placeholder-indicator", indicator = label)),
                &ind.name,
            )
            .hint(t!("placeholder-indicator-hint")),
        );
    }
    let evaluates = form.kind == crate::form::TableKind::SelfEvaluation;
    if evaluates && ind.target.value.is_some() && ind.actual.value.is_none() && !cx.was_formula(&ind.actual) {
        report.push(
            cx.diag(Diagnostic::new(Code::ActualMissing, t!("actual-missing", indicator = label)), &ind.actual)
                .hint(t!("actual-missing-hint")),
        );
    }
    label
}

/// One indicator: its score by the rules (where the form weighs indicators), the band of a 定性
/// score, a reason for a missed target, and slips. Returns the score that counts.
fn check_indicator(cx: &Ctx, ind: &mut Indicator, form: &Form, weighted: bool, report: &mut Report) -> Option<Decimal> {
    let p = &form.profile;
    let label = indicator_basics(cx, ind, form, report);
    if !weighted {
        // The form gives points to the groups, not the indicators: the score is the unit's.
        if ind.score.value.is_none() && !cx.was_formula(&ind.score) {
            report.push(
                cx.diag(
                    Diagnostic::new(Code::ScoreMissing, t!("score-missing-unweighted", indicator = label)),
                    &ind.score,
                )
                .hint(t!("score-missing-unweighted-hint")),
            );
        }
        return ind.score.value;
    }
    let Some(w) = ind.weight.value else {
        report.push(
            cx.diag(Diagnostic::new(Code::WeightMissing, t!("weight-missing", indicator = label)), &ind.weight)
                .hint(t!("weight-missing-hint", funds = n(p.funds_weight), total = n(p.total_weight))),
        );
        return ind.score.value;
    };
    number_slips(cx, ind, &label, true, report);
    let computed = indicator_score(ind, p.score_decimals);
    let score = settle_score(cx, &mut ind.score, w, computed, &t!("score-of", indicator = label), true, report);
    if let Some(s) = score {
        qualitative_band(cx, ind, s, w, &label, p, report);
        reason_given(cx, ind, s, w, &label, report);
    }
    over_achieved(cx, ind, &label, p, report);
    score
}

/// A numeric target without its 指标性质, or with a text for its actual.
fn number_slips(cx: &Ctx, ind: &Indicator, label: &str, scored: bool, report: &mut Report) {
    let target_num = ind.target.value.as_ref().and_then(Measure::number);
    // Only a score depends on the sign (100% reads as a target in a form that does not score).
    if scored && target_num.is_some() && ind.sign.value.is_none() {
        report.push(
            cx.diag(Diagnostic::new(Code::SignMissing, t!("sign-missing", indicator = label)), &ind.sign)
                .hint(t!("sign-missing-hint")),
        );
    }
    if let (Some(_), Some(Measure::Text(a))) = (target_num, &ind.actual.value) {
        report.push(
            cx.diag(
                Diagnostic::new(Code::ActualNotNumber, t!("actual-not-number", indicator = label, actual = a)),
                &ind.actual,
            )
            .hint(t!("actual-not-number-hint")),
        );
    }
}

/// A 定性 indicator's score sits in the band its actual's words name.
fn qualitative_band(cx: &Ctx, ind: &Indicator, s: Decimal, w: Decimal, label: &str, p: &Profile, report: &mut Report) {
    if !ind.is_qualitative() {
        return;
    }
    let band = ind.actual.value.as_ref().and_then(|a| match a {
        Measure::Text(t) => Band::from_text(t),
        Measure::Number(_) => None,
    });
    let Some(band) = band else { return };
    let (lo, hi) = match band {
        Band::Achieved => p.qualitative.achieved,
        Band::Partial => p.qualitative.partial,
        Band::Missed => p.qualitative.missed,
    };
    let (lo, hi) = (w * lo, w * hi);
    if s < lo || s > hi {
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::QualitativeBand,
                    t!(
                        "qualitative-band",
                        indicator = label,
                        band = band.name(),
                        score = n(s),
                        low = n(lo),
                        high = n(hi),
                        weight = n(w)
                    ),
                ),
                &ind.score,
            )
            .hint(t!("qualitative-band-hint", bands = bands_hint(p))),
        );
    }
}

/// A score below its 分值 comes with its 偏差原因.
fn reason_given(cx: &Ctx, ind: &Indicator, s: Decimal, w: Decimal, label: &str, report: &mut Report) {
    if s < w && says_nothing(&ind.reason.value) {
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::ReasonMissing,
                    t!("reason-missing", indicator = label, score = n(s), weight = n(w)),
                ),
                &ind.reason,
            )
            .hint(t!("reason-missing-hint")),
        );
    }
}

/// A reason that gives none: empty, a dash or slash, or 无 / 暂无 / 没有 (a review rubric counts
/// these as missing where points were deducted).
fn says_nothing(reason: &str) -> bool {
    let t: String = reason.chars().filter(|c| !c.is_whitespace() && !"。.、，,；;".contains(*c)).collect();
    crate::model::parse::is_blank_mark(&t) || ["无", "暂无", "没有", "无偏差", "—", "——"].contains(&t.as_str())
}

/// An actual far past a `>=` target: the target may have been set too low.
fn over_achieved(cx: &Ctx, ind: &Indicator, label: &str, p: &Profile, report: &mut Report) {
    let target_num = ind.target.value.as_ref().and_then(Measure::number);
    if let (Some(ratio), Some(Sign::AtLeast), Some(a), Some(b)) =
        (p.over_achievement_ratio, ind.sign.value, target_num, ind.actual.value.as_ref().and_then(Measure::number))
    {
        if a > Decimal::ZERO && b >= a * ratio {
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::OverAchievement,
                        t!(
                            "over-achievement",
                            indicator = label,
                            actual = n(b),
                            ratio = n(round_half_up(b / a, 1)),
                            target = n(a)
                        ),
                    ),
                    &ind.actual,
                )
                .hint(t!("over-achievement-hint")),
            );
        }
    }
}

/// 分值 add up to the profile's total, and each 一级指标 group to its profile weight.
fn check_weights(cx: &Ctx, t: &mut Table, p: &Profile, report: &mut Report) {
    let funds_w = t.funds.weight.value.unwrap_or(p.funds_weight);
    let sum: Decimal = funds_w + t.indicators.iter().filter_map(|i| i.weight.value).sum::<Decimal>();
    if sum != p.total_weight {
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::WeightsSum,
                    t!(
                        "weights-sum",
                        sum = n(sum),
                        funds = n(funds_w),
                        indicators = n(sum - funds_w),
                        total = n(p.total_weight)
                    ),
                ),
                &t.total.weight,
            )
            .hint(t!("weights-sum-hint", funds = n(funds_w), total = n(p.total_weight))),
        );
    }
    match t.total.weight.value {
        Some(w) if w != sum => report.push(
            cx.diag(
                Diagnostic::new(Code::TotalWeight, t!("total-weight", typed = n(w), sum = n(sum))),
                &t.total.weight,
            )
            .hint(t!("total-weight-hint")),
        ),
        None => {
            if t.total.weight.cell.is_some() && !cx.was_formula(&t.total.weight) {
                report.push(
                    cx.diag(
                        Diagnostic::new(Code::WeightMissing, t!("total-weight-missing", sum = n(sum))),
                        &t.total.weight,
                    )
                    .hint(t!("total-weight-missing-hint")),
                );
            }
            t.total.weight.value = Some(sum)
        }
        _ => {}
    }
    // First-level groups, as the profile weighs them; a table without 满意度 is not judged.
    let group = |l: &str| -> Decimal {
        t.indicators.iter().filter(|i| i.level1.value.contains(l)).filter_map(|i| i.weight.value).sum()
    };
    let present = |l: &str| t.indicators.iter().any(|i| i.level1.value.contains(l));
    if p.first_level_weights.iter().all(|lw| present(&lw.level1)) {
        for lw in &p.first_level_weights {
            let g = group(&lw.level1);
            if g != lw.weight {
                let first = t
                    .indicators
                    .iter()
                    .find(|i| i.level1.value.contains(&lw.level1))
                    .map(|i| i.level1.clone())
                    .unwrap_or_default();
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::Level1Weights,
                            t!(
                                "level1-weights",
                                level1 = lw.level1,
                                sum = n(g),
                                profile = p.name,
                                expected = n(lw.weight)
                            ),
                        ),
                        &first,
                    )
                    .hint(t!("level1-weights-hint", profile = p.name, groups = p.groups_hint())),
                );
            }
        }
    }
}

/// The points a 一级指标 label carries: 产出指标（60分） → 60.
fn label_points(label: &str) -> Option<Decimal> {
    let t = norm(label);
    let open = t.rfind('(')?;
    let inner = t[open + 1..].strip_suffix(')')?.strip_suffix('分')?;
    crate::model::parse::decimal_from_text(inner)
}

/// Where the form writes the groups' points into the 一级指标 labels (Hubei), they add up to the
/// indicators' points (80 of 100).
fn check_group_points(cx: &Ctx, t: &Table, p: &Profile, report: &mut Report) {
    let mut groups: Vec<(&Located<String>, Decimal)> = Vec::new();
    for i in &t.indicators {
        if let Some(points) = label_points(&i.level1.value) {
            if !groups.iter().any(|(l, _)| l.value == i.level1.value) {
                groups.push((&i.level1, points));
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    let sum: Decimal = groups.iter().map(|g| g.1).sum();
    if sum != p.indicator_points() {
        let parts = groups.iter().map(|(l, _)| l.value.clone()).collect::<Vec<String>>().join(&t!("plus"));
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::GroupPoints,
                    t!(
                        "group-points",
                        sum = n(sum),
                        parts = parts,
                        profile = p.name,
                        expected = n(p.indicator_points())
                    ),
                ),
                groups[0].0,
            )
            .hint(t!(
                "group-points-hint",
                funds = n(p.funds_weight),
                total = n(p.total_weight),
                expected = n(p.indicator_points())
            )),
        );
    }
}

/// The 定性 bands as a hint reads them: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of 分值.
fn bands_hint(p: &Profile) -> String {
    let q = &p.qualitative;
    let pc = |d: Decimal| n(d * Decimal::ONE_HUNDRED);
    t!(
        "bands",
        achieved_low = pc(q.achieved.0),
        achieved_high = pc(q.achieved.1),
        partial_low = pc(q.partial.0),
        partial_high = pc(q.partial.1),
        missed_low = pc(q.missed.0),
        missed_high = pc(q.missed.1)
    )
}

/// 总分 equals the sum of the scores; the 自评等级 follows from it.
fn check_total(cx: &Ctx, t: &mut Table, sum: Decimal, p: &Profile, report: &mut Report) {
    let total = &mut t.total;
    match total.score.value {
        Some(s) if (s - sum).abs() > p.score_tolerance => report.push(
            cx.diag(
                Diagnostic::new(Code::TotalMismatch, t!("total-mismatch", score = n(s), sum = n(sum))),
                &total.score,
            )
            .hint(t!("total-mismatch-hint")),
        ),
        None => {
            if !cx.was_formula(&total.score) {
                report.push(
                    cx.diag(Diagnostic::new(Code::ScoreMissing, t!("total-missing", sum = n(sum))), &total.score)
                        .hint(t!("total-missing-hint")),
                );
            }
            total.score.value = Some(sum);
        }
        _ => {}
    }
    let basis = total.score.value.unwrap_or(sum);
    // A form without a 自评等级 has no grade to fill in or to check.
    let Some(grade) = p.grade(basis).map(str::to_string) else { return };
    match &total.grade.value {
        None => {
            report.push(
                cx.diag(
                    Diagnostic::new(Code::GradeFilled, t!("grade-filled", grade = grade, score = n(basis))),
                    &total.grade,
                )
                .hint(p.grades_hint()),
            );
            total.grade.value = Some(grade);
        }
        Some(g) if g.trim() != grade => report.push(
            cx.diag(
                Diagnostic::new(
                    Code::GradeMismatch,
                    t!("grade-mismatch", typed = g.trim(), score = n(basis), grade = grade),
                ),
                &total.grade,
            )
            .hint(p.grades_hint()),
        ),
        _ => {}
    }
}

/// A table whose indicator rows repeat another table's word for word: a copy-and-paste slip.
pub(super) fn check_duplicates(packet: &Packet, report: &mut Report) {
    let keys: Vec<Vec<String>> =
        packet.tables.iter().map(|t| t.indicators.iter().map(Indicator::content_key).collect()).collect();
    // The first table of each set of indicators: one lookup a table, not a comparison with
    // every table before it (a packet of 2,000 tables made two million).
    let mut first_of: HashMap<&[String], usize> = HashMap::new();
    for (j, later) in packet.tables.iter().enumerate() {
        if keys[j].is_empty() {
            continue;
        }
        let i = *first_of.entry(&keys[j]).or_insert(j);
        if i != j {
            let earlier = &packet.tables[i];
            let first = &later.indicators[0].name;
            report.push(
                Diagnostic::new(
                    Code::DuplicateIndicators,
                    t!(
                        "duplicate-indicators",
                        later = later.number.value,
                        later_project = later.project.value,
                        earlier = earlier.number.value,
                        earlier_project = earlier.project.value
                    ),
                )
                .at(later.location(first).in_table(j))
                .in_table(&later.number.value)
                .hint(t!(
                    "duplicate-indicators-hint",
                    later = later.number.value,
                    earlier = earlier.number.value
                )),
            );
        }
    }
}

/// Two tables with the same number (公开12表-1 twice): a reader could not tell them apart, and
/// one would be published under the other's name.
pub(super) fn check_numbers(packet: &Packet, report: &mut Report) {
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (j, later) in packet.tables.iter().enumerate() {
        let number = later.number.value.trim();
        let i = *first_of.entry(number).or_insert(j);
        if i == j {
            continue;
        }
        let earlier = &packet.tables[i];
        report.push(
            Diagnostic::new(
                Code::DuplicateNumber,
                t!("duplicate-number", number = number, first = earlier.sheet, second = later.sheet),
            )
            .at(later.location(&later.number).in_table(j))
            .in_table(number)
            .hint(t!("duplicate-number-hint")),
        );
    }
}
