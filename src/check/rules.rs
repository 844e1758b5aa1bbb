//! The scoring and consistency rules, one function per concern.

use super::profile::Profile;
use crate::diag::{location, Code, Diagnostic, Report};
use crate::model::fields::FundColumn;
use crate::model::{round_half_up, FundRow, Indicator, Located, Measure, Packet, Sign, Table};
use rust_decimal::Decimal;

/// Where a table's findings point: `file!sheet!cell`.
struct Ctx<'a> {
    file: &'a str,
    sheet: &'a str,
    number: &'a str,
    uncached: &'a [String],
}

impl Ctx<'_> {
    fn at<T>(&self, v: &Located<T>) -> String {
        location(self.file, self.sheet, v.cell.as_deref())
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

/// The 得分 the rules give a quantitative indicator, to two decimals; `None` when the row
/// lacks a number it needs (qualitative rows are scored by the unit inside a band).
pub fn indicator_score(ind: &Indicator) -> Option<Decimal> {
    let w = ind.weight.value?;
    let a = ind.target.value.as_ref()?.number()?;
    let b = ind.actual.value.as_ref()?.number()?;
    let full = |ok: bool, part: Option<Decimal>| if ok { Some(w) } else { part };
    let s = match ind.sign.value.unwrap_or(Sign::AtLeast) {
        Sign::Equal if a.is_zero() => full(b <= Decimal::ZERO, Some(Decimal::ZERO)),
        Sign::AtLeast | Sign::Equal if a.is_zero() => Some(w),
        Sign::AtLeast | Sign::Equal => full(b >= a, (w * b).checked_div(a)),
        Sign::AtMost if b <= a => Some(w),
        Sign::AtMost if b.is_zero() => Some(w),
        Sign::AtMost => (w * a).checked_div(b),
    }?;
    Some(round_half_up(s.max(Decimal::ZERO), 2))
}

pub(super) fn check_table(t: &mut Table, p: &Profile, report: &mut Report) {
    let uncached = t.uncached_formulas.clone();
    let file = t.source.clone();
    let number = t.number.value.clone();
    let sheet = t.sheet.clone();
    let cx = Ctx { file: &file, sheet: &sheet, number: &number, uncached: &uncached };
    let funds_score = check_funds(&cx, t, p, report);
    let mut scores = vec![funds_score];
    for ind in &mut t.indicators {
        scores.push(check_indicator(&cx, ind, p, report));
    }
    check_weights(&cx, t, p, report);
    let sum: Decimal = scores.into_iter().flatten().sum();
    check_total(&cx, t, sum, p, report);
}

/// 项目资金: sums per column, the 执行率 and its score. Returns the score that counts.
fn check_funds(cx: &Ctx, t: &mut Table, p: &Profile, report: &mut Report) -> Option<Decimal> {
    let f = &mut t.funds;
    // 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column.
    type Col = fn(&mut FundRow) -> &mut Located<Option<Decimal>>;
    let cols: [(&str, Col); 3] = [
        (FundColumn::Initial.label(), |r| &mut r.initial),
        (FundColumn::FullYear.label(), |r| &mut r.full_year),
        (FundColumn::Executed.label(), |r| &mut r.executed),
    ];
    for (name, col) in cols {
        let parts: Vec<Option<Decimal>> =
            [&mut f.current, &mut f.carried_over, &mut f.other].into_iter().map(|r| col(r).value).collect();
        if parts.iter().all(Option::is_none) {
            continue;
        }
        let sum: Decimal = parts.into_iter().flatten().sum();
        let total = col(&mut f.total);
        match total.value {
            None if cx.was_formula(total) => total.value = Some(sum),
            None if !sum.is_zero() => report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::FundsSum,
                        format!("年度资金总额 {name} is empty but its 其中 rows add up to {}", n(sum)),
                    ),
                    total,
                )
                .hint("年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金"),
            ),
            Some(v) if v != sum => report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::FundsSum,
                        format!(
                            "年度资金总额 {name} is {} but 当年财政拨款 + 上年结转资金 + 其他资金 = {}",
                            n(v),
                            n(sum)
                        ),
                    ),
                    total,
                )
                .hint("年度资金总额 must equal the sum of its 其中 rows; correct whichever figure is wrong"),
            ),
            _ => {}
        }
    }

    // 执行率 per row: fill it where it is empty, flag a typed one that disagrees.
    for row in [&mut f.total, &mut f.current, &mut f.carried_over, &mut f.other] {
        let Some(rate) = row.computed_rate() else {
            continue;
        };
        match row.rate.value {
            None => row.rate.value = Some(rate),
            Some(typed) if (typed - rate).abs() >= Decimal::new(5, 5) => report.push(
                cx.diag(
                    Diagnostic::new(
                        Code::RateMismatch,
                        format!("执行率 is {} but 全年执行数 / 全年预算数 = {}", pct(typed), pct(rate)),
                    ),
                    &row.rate,
                )
                .hint("执行率 = 全年执行数 ÷ 全年预算数 (the adjusted budget, not 年初预算数)"),
            ),
            _ => {}
        }
    }

    let weight = match f.weight.value {
        Some(w) => {
            if w != p.funds_weight {
                report.push(
                    cx.diag(
                        Diagnostic::new(
                            Code::FundsWeight,
                            format!(
                                "the 执行率 分值 is {} but the {} profile gives {}",
                                n(w),
                                p.name,
                                n(p.funds_weight)
                            ),
                        ),
                        &f.weight,
                    )
                    .hint("use the weight your finance bureau's rules set for 预算执行率"),
                );
            }
            w
        }
        None => {
            f.weight.value = Some(p.funds_weight);
            p.funds_weight
        }
    };
    let computed = f.total.computed_rate().map(|r| round_half_up(weight * r.min(Decimal::ONE), p.funds_score_decimals));
    settle_score(cx, &mut f.score, weight, computed, "执行率 得分", true, report)
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
                        Diagnostic::new(Code::ScoreMissing, format!("{what} is empty; jixiao fills in {}", n(c))),
                        score,
                    )
                    .hint("type the score so the workbook and the packet agree"),
                );
            }
            score.value = Some(c);
        }
        _ => {}
    }
    score.value
}

fn check_indicator(cx: &Ctx, ind: &mut Indicator, p: &Profile, report: &mut Report) -> Option<Decimal> {
    let name = ind.name.value.clone();
    let label = if name.is_empty() { "indicator".to_string() } else { format!("“{name}”") };
    if is_placeholder(&name) {
        report.push(
            cx.diag(
                Diagnostic::new(Code::PlaceholderIndicator, format!("{label} looks like a template placeholder")),
                &ind.name,
            )
            .hint("replace it with the real 三级指标 or delete the row"),
        );
    }
    let Some(w) = ind.weight.value else {
        report.push(
            cx.diag(Diagnostic::new(Code::WeightMissing, format!("{label} has no 分值")), &ind.weight)
                .hint("every indicator needs a 分值; together with the 执行率 they add up to 100"),
        );
        return ind.score.value;
    };
    let target_num = ind.target.value.as_ref().and_then(Measure::number);
    if target_num.is_some() && ind.sign.value.is_none() {
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
    let computed = indicator_score(ind);
    let score = settle_score(cx, &mut ind.score, w, computed, &format!("得分 of {label}"), true, report);

    if ind.is_qualitative() {
        if let (Some(s), Some(band)) = (
            score,
            ind.actual.value.as_ref().and_then(|a| match a {
                Measure::Text(t) => Band::from_text(t),
                Measure::Number(_) => None,
            }),
        ) {
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
                    .hint("a 定性 score must sit in its band: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of 分值"),
                );
            }
        }
    }
    if let Some(s) = score {
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
    score
}

fn is_placeholder(name: &str) -> bool {
    let t: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    t.trim_matches(['…', '.', '。']).is_empty() && !t.is_empty()
        || t.strip_prefix("指标").is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
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
            .hint("adjust the indicators' 分值 so that they and the 执行率 make 100"),
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
        None => t.total.weight.value = Some(sum),
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
                    .hint("产出 50, 效益 30, 满意度 10 under the national rules"),
                );
            }
        }
    }
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
                        Diagnostic::new(Code::ScoreMissing, format!("总分 is empty; jixiao fills in {}", n(sum))),
                        &total.score,
                    )
                    .hint("type the total so the workbook and the packet agree"),
                );
            }
            total.score.value = Some(sum);
        }
        _ => {}
    }
    let basis = total.score.value.unwrap_or(sum);
    let grade = p.grade(basis).to_string();
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
                .hint("优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差"),
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
            .hint("优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差"),
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
                .at(later.location(first))
                .in_table(&later.number.value)
                .hint(format!(
                    "set {}'s own indicators; the rows look copied from {}",
                    later.number.value, earlier.number.value
                )),
            );
        }
    }
}
