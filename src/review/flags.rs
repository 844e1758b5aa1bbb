//! What a reviewer distrusts in one table though the arithmetic may hold: figures reported to the
//! target rather than measured, full points on a missed target, full marks on a budget left
//! unspent. Each is a warning at the cell that shows it.

use crate::diag::{Code, Diagnostic, Report};
use crate::form::Forms;
use crate::model::{Indicator, Measure, Packet, Sign, Table};
use crate::t;
use rust_decimal::Decimal;

/// The codes only `jixiao review` gives (what the command line prints of a review).
pub fn is_review_code(code: Code) -> bool {
    matches!(
        code,
        Code::ActualsEqualTargets | Code::FullScoreMissedTarget | Code::FullMarksLowRate | Code::DepartmentHighScores
    ) || super::across::is_across(code)
}

/// Below this 执行率 a table of full marks is flagged (the line most provinces draw, 90 %).
const LOW_RATE: Decimal = Decimal::from_parts(9, 0, 0, false, 1);

fn number(v: &Option<Measure>) -> Option<Decimal> {
    v.as_ref().and_then(Measure::number).map(|d| d.normalize())
}

pub fn red_flags(packet: &Packet, forms: &Forms) -> Report {
    let mut report = Report::default();
    for (k, t) in packet.tables.iter().enumerate() {
        actuals_equal_targets(t, k, &mut report);
        full_score_missed_target(t, k, forms.of(&t.form), &mut report);
        if forms.of(&t.form).scored() {
            full_marks_low_rate(t, k, forms.of(&t.form).profile.total_weight, &mut report);
        }
    }
    report
}

/// Each of its (at least three) numeric 实际完成值 equal to its 指标值 to the last digit.
fn actuals_equal_targets(t: &Table, k: usize, report: &mut Report) {
    let numeric: Vec<&Indicator> = t.indicators.iter().filter(|i| number(&i.target.value).is_some()).collect();
    let same = |i: &&Indicator| number(&i.actual.value).is_some() && number(&i.actual.value) == number(&i.target.value);
    if numeric.len() >= 3 && numeric.iter().all(same) {
        report.push(
            Diagnostic::new(
                Code::ActualsEqualTargets,
                t!("actuals-equal-targets", table = t.number.value, count = numeric.len()),
            )
            .at(t.location(&numeric[0].actual).in_table(k))
            .in_table(&t.number.value)
            .hint(t!("actuals-equal-targets-hint")),
        );
    }
}

/// Whether the actual misses the target, by the indicator's sign (≥ when none is given).
fn missed(i: &Indicator) -> Option<bool> {
    let (a, b) = (number(&i.target.value)?, number(&i.actual.value)?);
    Some(match i.sign.value.unwrap_or(Sign::AtLeast) {
        Sign::AtLeast => b < a,
        Sign::AtMost => b > a,
        Sign::Equal => b != a,
    })
}

/// 得分 equal to 分值 on a row whose actual misses its target.
fn full_score_missed_target(t: &Table, k: usize, form: &crate::form::Form, report: &mut Report) {
    for i in &t.indicators {
        let full = matches!((i.score.value, i.weight.value), (Some(s), Some(w)) if s >= w && w > Decimal::ZERO);
        if full && missed(i) == Some(true) {
            report.push(
                Diagnostic::new(
                    Code::FullScoreMissedTarget,
                    t!(
                        "full-score-missed-target",
                        table = t.number.value,
                        indicator = i.name.value,
                        target = crate::form::fields::target_text(i.sign.value, &i.target.value, &i.unit.value, form),
                        actual = crate::model::format::measure(&i.actual.value),
                        unit = i.unit.value,
                        score = i.score.value.unwrap_or_default()
                    ),
                )
                .at(t.location(&i.score).in_table(k))
                .in_table(&t.number.value)
                .hint(t!("full-score-missed-target-hint")),
            );
        }
    }
}

/// Full marks while the budget's 执行率 is under 90 %.
fn full_marks_low_rate(t: &Table, k: usize, full: Decimal, report: &mut Report) {
    let total = t.funds.total();
    let Some(rate) = total.rate.value.or_else(|| total.computed_rate()) else { return };
    if t.total.score.value.is_some_and(|s| s >= full) && rate < LOW_RATE {
        let pct = crate::model::round_half_up(rate * Decimal::ONE_HUNDRED, 2).normalize();
        let at = match total.rate.cell {
            Some(_) => t.location(&total.rate),
            None => t.location(&t.total.score),
        };
        report.push(
            Diagnostic::new(
                Code::FullMarksLowRate,
                t!("full-marks-low-rate", table = t.number.value, score = full.normalize(), rate = pct),
            )
            .at(at.in_table(k))
            .in_table(&t.number.value)
            .hint(t!("full-marks-low-rate-hint")),
        );
    }
}
