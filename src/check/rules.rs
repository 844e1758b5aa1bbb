//! The scoring and consistency rules, one function per concern.

use crate::diag::{location, Code, Diagnostic, Location, Report};
use crate::form::fields::{indicator_fields, table_fields, FundColumn};
use crate::form::labels::{is_placeholder, norm};
use crate::form::{Form, FundValue, Profile, TableKind};
use crate::limits;
use crate::model::{round_half_up, FundRow, Indicator, Located, Measure, Packet, Sign, Table};
use rust_decimal::Decimal;

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
    let weighted = form.indicator_column(crate::form::IndicatorField::Weight).is_some();
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
            let names: Vec<String> = sum.parts.iter().map(|p| label(p)).collect();
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::FundsSum,
                        format!(
                            "{} is {} but {} add up to {}",
                            label(&sum.total),
                            n(total),
                            names.join(" + "),
                            n(added)
                        ),
                    ),
                    at,
                )
                .hint(format!("{} = {}", label(&sum.total), names.join(" + "))),
            );
        }
    }
}

/// A target table's indicators: each 三级指标 named (not a bare number), each with its 指标值,
/// each 一级指标 with its 二级.
fn check_targets(cx: &Ctx, t: &Table, report: &mut Report) {
    for ind in &t.indicators {
        let name = ind.name.value.trim();
        let label = if name.is_empty() { format!("{} indicator", ind.level1.value) } else { format!("“{name}”") };
        if name.is_empty() || crate::model::parse::decimal_from_text(name).is_some() {
            report.push(
                cx.diag(Diagnostic::new(Code::TargetUnnamed, format!("{label}: the 三级指标 has no name")), &ind.name)
                    .hint("name what is measured (培训人次, 项目验收合格率), not only a figure"),
            );
        }
        if ind.target.value.is_none() {
            report.push(
                cx.diag(Diagnostic::new(Code::TargetValueMissing, format!("{label} has no 指标值")), &ind.target)
                    .hint("a figure with its unit (≥90%, 2次) or a clear qualitative word (提高, 达标)"),
            );
        }
        if !ind.level1.value.trim().is_empty() && ind.level2.value.trim().is_empty() {
            report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::TargetTree,
                        format!("{label} sits under 一级指标 {} with no 二级指标", ind.level1.value),
                    ),
                    // An empty 二级 has no cell: the row's 三级指标 names the place.
                    if ind.level2.cell.is_some() { &ind.level2 } else { &ind.name },
                )
                .hint("every 一级指标 has its 二级指标, and each 二级 its 三级指标"),
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
                        format!("{what} {} is past the figures jixiao reads ({})", n(d), limits::figure()),
                    ),
                    v,
                )
                .hint("type the figure as the table prints it, in the unit of its column (万元 or 元)"),
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
    }
    for (name, text, cell) in found {
        report.push(
            Diagnostic::new(Code::InstructionText, format!("{name}: “{text}” is the form's own instruction text"))
                .at(cx.cell(cell.as_deref()))
                .in_table(cx.number)
                .hint("replace it with the table's own text before publishing"),
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
                            format!(
                                "the {rate_name} 分值 is {} but the {} form gives {}",
                                n(w),
                                p.name,
                                n(p.funds_weight)
                            ),
                        ),
                        &f.weight,
                    )
                    .hint(format!(
                        "the {} form weighs the budget execution {}",
                        p.name,
                        n(p.funds_weight)
                    )),
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
                            format!("the {rate_name} 分值 is empty; the {} form gives {}", p.name, n(p.funds_weight)),
                        ),
                        &f.weight,
                    )
                    .hint("type the 分值: a published table shows it (--force prints the form's)"),
                );
            }
            f.weight.value = Some(p.funds_weight);
            p.funds_weight
        }
    };
    let computed =
        f.total().computed_rate().map(|r| round_half_up(weight * r.min(Decimal::ONE), p.funds_score_decimals));
    let score_name = format!("{rate_name} 得分");
    settle_score(cx, &mut f.score, weight, computed, &score_name, true, report)
}

/// 年度资金总额 = the sum of its 其中 rows, column by column; an empty total that was a formula
/// without its result takes the sum.
fn funds_sums(cx: &Ctx, t: &mut Table, form: &Form, report: &mut Report) {
    let row_names: Vec<String> =
        (0..t.funds.rows.len()).map(|k| form.fund_row_label(k).trim_start_matches("其中：").to_string()).collect();
    let f = &mut t.funds;
    type Col = fn(&mut FundRow) -> &mut Located<Option<Decimal>>;
    let cols: [(FundColumn, Col); 3] = [
        (FundColumn::Initial, |r| &mut r.initial),
        (FundColumn::FullYear, |r| &mut r.full_year),
        (FundColumn::Executed, |r| &mut r.executed),
    ];
    if let Some((total_row, parts_rows)) = f.rows.split_first_mut() {
        let total_name = row_names.first().cloned().unwrap_or_default();
        let parts_names = row_names.get(1..).unwrap_or(&[]).join(" + ");
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
                            format!("{total_name} {name} is empty but its 其中 rows add up to {}", n(sum)),
                        ),
                        total,
                    )
                    .hint(format!("{total_name} = {parts_names}")),
                ),
                Some(v) if v != sum => report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::FundsSum,
                            format!("{total_name} {name} is {} but {parts_names} = {}", n(v), n(sum)),
                        ),
                        total,
                    )
                    .hint(format!(
                        "{total_name} must equal the sum of its 其中 rows; correct whichever figure is wrong"
                    )),
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
    for row in &mut f.rows {
        let Some(rate) = row.computed_rate() else {
            continue;
        };
        match row.rate.value {
            None if cx.was_formula(&row.rate) => row.rate.value = Some(rate),
            // The form has no 执行率 column: nothing was left empty.
            None if row.rate.cell.is_none() => {}
            None => report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::RateMissing,
                        format!("{rate_name} is empty but {executed_name} / {budget_name} = {}", pct(rate)),
                    ),
                    &row.rate,
                )
                .hint(format!("type the {rate_name}; the published table prints the cell as it is")),
            ),
            Some(typed) if (typed - rate).abs() >= Decimal::new(5, 5) && !same_at_typed_precision(typed, rate) => {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::RateMismatch,
                            format!(
                                "{rate_name} is {} but {executed_name} / {budget_name} = {}",
                                pct(typed),
                                pct(rate)
                            ),
                        ),
                        &row.rate,
                    )
                    .hint(format!(
                        "{rate_name} = {executed_name} ÷ {budget_name} (the adjusted budget, not the initial one)"
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
                        format!(
                            "执行率 {} is below {}, and the form's note “{}…” asks for the reason in {name}; the cell holds only the note",
                            pct(rate),
                            pct(line),
                            s.text
                        ),
                    ),
                    reason,
                )
                .hint(format!("write why the budget was not executed in {name}, in the unit's own words")),
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
                    Diagnostic::new(Code::ScoreAboveWeight, format!("{what} {} is above its 分值 {}", n(s), n(weight))),
                    score,
                )
                .hint("a score can be at most its 分值"),
            );
        }
        (Some(s), Some(c)) if (s - c).abs() > Decimal::new(1, 2) => {
            report.push(
                cx.diag(
                    Diagnostic::new(Code::ScoreMismatch, format!("{what} is {} but the rule gives {}", n(s), n(c))),
                    score,
                )
                .hint("check the 实际完成值 and 指标值, or the score; jixiao prints the score as typed"),
            );
        }
        (None, Some(c)) if fill => {
            if !cx.was_formula(score) {
                report.push(
                    cx.diag(
                        Diagnostic::new(Code::ScoreMissing, format!("{what} is empty; the rule gives {}", n(c))),
                        score,
                    )
                    .hint("type the score: a published table shows every score (--force prints the rule's)"),
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
    let label = if name.is_empty() { "indicator".to_string() } else { format!("“{name}”") };
    if is_placeholder(name) {
        report.push(
            cx.diag(
                Diagnostic::new(Code::PlaceholderIndicator, format!("{label} looks like a template placeholder")),
                &ind.name,
            )
            .hint("replace it with the real 三级指标 or delete the row"),
        );
    }
    let evaluates = form.kind == crate::form::TableKind::SelfEvaluation;
    if evaluates && ind.target.value.is_some() && ind.actual.value.is_none() && !cx.was_formula(&ind.actual) {
        report.push(
            cx.diag(
                Diagnostic::new(Code::ActualMissing, format!("{label} has a target but no 实际完成值")),
                &ind.actual,
            )
            .hint("type what was achieved: a published table shows every 实际完成值"),
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
                cx.diag(Diagnostic::new(Code::ScoreMissing, format!("得分 of {label} is empty")), &ind.score)
                    .hint("type the score: a published table shows every score"),
            );
        }
        return ind.score.value;
    }
    let Some(w) = ind.weight.value else {
        report.push(cx.diag(Diagnostic::new(Code::WeightMissing, format!("{label} has no 分值")), &ind.weight).hint(
            format!(
                "every indicator needs a 分值; together with the budget's {} they add up to {}",
                n(p.funds_weight),
                n(p.total_weight)
            ),
        ));
        return ind.score.value;
    };
    number_slips(cx, ind, &label, true, report);
    let computed = indicator_score(ind, p.score_decimals);
    let score = settle_score(cx, &mut ind.score, w, computed, &format!("得分 of {label}"), true, report);
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
            cx.diag(
                Diagnostic::new(
                    Code::SignMissing,
                    format!("{label} has a numeric target but no 指标性质; scored as >="),
                ),
                &ind.sign,
            )
            .hint("set 指标性质 to >=, <= or ="),
        );
    }
    if let (Some(_), Some(Measure::Text(a))) = (target_num, &ind.actual.value) {
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::ActualNotNumber,
                    format!("{label}: the target is a number but 实际完成值 is “{a}”"),
                ),
                &ind.actual,
            )
            .hint("type the measured figure so the score can be checked"),
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
                    format!(
                        "{label} is {} but scores {}, outside {}–{} of its 分值 {}",
                        band.name(),
                        n(s),
                        n(lo),
                        n(hi),
                        n(w)
                    ),
                ),
                &ind.score,
            )
            .hint(format!("a 定性 score must sit in its band: {}", bands_hint(p))),
        );
    }
}

/// A score below its 分值 comes with its 偏差原因.
fn reason_given(cx: &Ctx, ind: &Indicator, s: Decimal, w: Decimal, label: &str, report: &mut Report) {
    if s < w && ind.reason.value.trim().is_empty() {
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::ReasonMissing,
                    format!("{label} scores {} of {} with no 偏差原因分析及改进措施", n(s), n(w)),
                ),
                &ind.reason,
            )
            .hint("explain why the target was missed and what will change"),
        );
    }
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
                        format!("{label}: 实际 {} is {}× the target {}", n(b), n(round_half_up(b / a, 1)), n(a)),
                    ),
                    &ind.actual,
                )
                .hint("a target this far exceeded may have been set too low; the score is left as typed"),
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
                    format!(
                        "the 分值 add up to {} (执行率 {} + indicators {}), not {}",
                        n(sum),
                        n(funds_w),
                        n(sum - funds_w),
                        n(p.total_weight)
                    ),
                ),
                &t.total.weight,
            )
            .hint(format!(
                "adjust the indicators' 分值 so that they and the budget's {} make {}",
                n(funds_w),
                n(p.total_weight)
            )),
        );
    }
    match t.total.weight.value {
        Some(w) if w != sum => report.push(
            cx.diag(
                Diagnostic::new(
                    Code::TotalWeight,
                    format!("总分 分值 is {} but the 分值 above add up to {}", n(w), n(sum)),
                ),
                &t.total.weight,
            )
            .hint("the 总分 row's 分值 is the sum of every 分值 in the table"),
        ),
        None => {
            if t.total.weight.cell.is_some() && !cx.was_formula(&t.total.weight) {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::WeightMissing,
                            format!("总分 分值 is empty; the 分值 above add up to {}", n(sum)),
                        ),
                        &t.total.weight,
                    )
                    .hint("type the 分值 of the 总分 row: a published table shows it (--force prints the sum)"),
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
                            format!(
                                "{} indicators weigh {} in all; the {} profile gives {}",
                                lw.level1,
                                n(g),
                                p.name,
                                n(lw.weight)
                            ),
                        ),
                        &first,
                    )
                    .hint(format!("the {} form weighs the groups {}", p.name, p.groups_hint())),
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
        let parts: Vec<String> = groups.iter().map(|(l, _)| l.value.clone()).collect();
        report.push(
            cx.diag(
                Diagnostic::new(
                    Code::GroupPoints,
                    format!(
                        "the 一级指标 carry {} points ({}), but the {} form gives the indicators {}",
                        n(sum),
                        parts.join(" + "),
                        p.name,
                        n(p.indicator_points())
                    ),
                ),
                groups[0].0,
            )
            .hint(format!(
                "with the budget's {} the table has {} points: the groups share {}",
                n(p.funds_weight),
                n(p.total_weight),
                n(p.indicator_points())
            )),
        );
    }
}

/// The 定性 bands as a hint reads them: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of 分值.
fn bands_hint(p: &Profile) -> String {
    let q = &p.qualitative;
    let pc = |d: Decimal| n(d * Decimal::ONE_HUNDRED);
    format!(
        "达成 {}–{} %, 部分达成 {}–{} %, 未达成 {}–{} % of 分值",
        pc(q.achieved.0),
        pc(q.achieved.1),
        pc(q.partial.0),
        pc(q.partial.1),
        pc(q.missed.0),
        pc(q.missed.1)
    )
}

/// 总分 equals the sum of the scores; the 自评等级 follows from it.
fn check_total(cx: &Ctx, t: &mut Table, sum: Decimal, p: &Profile, report: &mut Report) {
    let total = &mut t.total;
    match total.score.value {
        Some(s) if (s - sum).abs() > p.score_tolerance => report.push(
            cx.diag(
                Diagnostic::new(Code::TotalMismatch, format!("总分 is {} but the scores add up to {}", n(s), n(sum))),
                &total.score,
            )
            .hint("总分 = 执行率 得分 + the sum of every indicator's 得分"),
        ),
        None => {
            if !cx.was_formula(&total.score) {
                report.push(
                    cx.diag(
                        Diagnostic::new(Code::ScoreMissing, format!("总分 is empty; the scores add up to {}", n(sum))),
                        &total.score,
                    )
                    .hint("type the total: a published table shows it (--force prints the sum)"),
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
                    Diagnostic::new(
                        Code::GradeFilled,
                        format!("自评等级 was left open; filled in as {grade} (总分 {})", n(basis)),
                    ),
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
                    format!("自评等级 is {} but 总分 {} gives {grade}", g.trim(), n(basis)),
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
    for (j, later) in packet.tables.iter().enumerate() {
        if keys[j].is_empty() {
            continue;
        }
        if let Some(i) = (0..j).find(|&i| keys[i] == keys[j]) {
            let earlier = &packet.tables[i];
            let first = &later.indicators[0].name;
            report.push(
                Diagnostic::new(
                    Code::DuplicateIndicators,
                    format!(
                        "{}（{}）repeats the indicator rows of {}（{}）word for word",
                        later.number.value, later.project.value, earlier.number.value, earlier.project.value
                    ),
                )
                .at(later.location(first).in_table(j))
                .in_table(&later.number.value)
                .hint(format!(
                    "set {}'s own indicators; the rows look copied from {}",
                    later.number.value, earlier.number.value
                )),
            );
        }
    }
}

/// Two tables with the same number (公开12表-1 twice): a reader could not tell them apart, and
/// one would be published under the other's name.
pub(super) fn check_numbers(packet: &Packet, report: &mut Report) {
    for (j, later) in packet.tables.iter().enumerate() {
        let number = later.number.value.trim();
        let Some(earlier) = packet.tables[..j].iter().find(|t| t.number.value.trim() == number) else { continue };
        report.push(
            Diagnostic::new(
                Code::DuplicateNumber,
                format!("{number} numbers two tables: {} and {}", earlier.sheet, later.sheet),
            )
            .at(later.location(&later.number).in_table(j))
            .in_table(number)
            .hint("give each table its own number (公开12表-1, 公开12表-2, …)"),
        );
    }
}
