//! Every rule on an in-memory table: a synthetic table that passes every check, given the cells
//! of the published layout, with one slip each. No workbook is written or read.

use super::check;
use crate::diag::{Code, Report, Severity};
use crate::form::Forms;
use crate::model::{Located, Measure, Packet, Sign, Table};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Gives every value of `t` the cell it has in the published layout (公开12表: funds from row
/// 6, indicators from row 14).
fn place(t: &mut Table) {
    fn at<T>(v: &mut Located<T>, cell: String) {
        v.cell = Some(cell);
    }
    at(&mut t.project, "C3".into());
    at(&mut t.department, "C4".into());
    at(&mut t.implementer, "G4".into());
    for (k, row) in t.funds.rows.iter_mut().enumerate() {
        let r = 6 + k;
        at(&mut row.initial, format!("C{r}"));
        at(&mut row.full_year, format!("D{r}"));
        at(&mut row.executed, format!("E{r}"));
        at(&mut row.rate, format!("G{r}"));
    }
    at(&mut t.funds.weight, "F6".into());
    at(&mut t.funds.score, "H6".into());
    let first = 14;
    for (k, i) in t.indicators.iter_mut().enumerate() {
        let r = first + k;
        at(&mut i.level1, format!("A{r}"));
        at(&mut i.level2, format!("B{r}"));
        at(&mut i.name, format!("C{r}"));
        at(&mut i.sign, format!("D{r}"));
        at(&mut i.target, format!("E{r}"));
        at(&mut i.unit, format!("F{r}"));
        at(&mut i.actual, format!("G{r}"));
        at(&mut i.weight, format!("H{r}"));
        at(&mut i.score, format!("I{r}"));
        at(&mut i.reason, format!("J{r}"));
    }
    let r = first + t.indicators.len();
    at(&mut t.other_matters, format!("D{r}"));
    at(&mut t.total.weight, format!("H{}", r + 1));
    at(&mut t.total.score, format!("I{}", r + 1));
    at(&mut t.total.grade, format!("J{}", r + 1));
}

/// Two clean tables of seven indicators (every check passes; the grades are filled in).
fn packet() -> Packet {
    let mut p = crate::synth::packet(2, 7);
    p.tables[1].indicators.iter_mut().for_each(|i| i.name.value.push('乙'));
    p.tables.iter_mut().for_each(place);
    p
}

/// The findings of `code` after `edit`: (severity, cell).
fn found(code: Code, edit: impl FnOnce(&mut Packet)) -> Vec<(Severity, String)> {
    let mut p = packet();
    edit(&mut p);
    let report: Report = check(&mut p, Forms::builtin());
    report.with_code(code).map(|d| (d.severity, d.cell().unwrap_or("").to_string())).collect()
}

fn at(severity: Severity, cell: &str) -> Vec<(Severity, String)> {
    vec![(severity, cell.to_string())]
}

fn num(v: Decimal) -> Option<Measure> {
    Some(Measure::Number(v))
}

#[test]
fn the_clean_packet_has_only_the_grades_it_fills_in() {
    let mut p = packet();
    let r = check(&mut p, Forms::builtin());
    assert_eq!(r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::GradeFilled, Code::GradeFilled]);
    assert_eq!(
        r.diagnostics[0].location.as_ref().map(|l| l.to_string()).as_deref(),
        Some("synthetic.xlsx!公开12表-1!J22")
    );
}

#[test]
fn funds_total_that_is_not_the_sum_of_its_rows_is_an_error_at_the_total() {
    let f = found(Code::FundsSum, |p| p.tables[0].funds.rows[0].initial.value = Some(dec!(1)));
    assert_eq!(f, at(Severity::Error, "C6"));
}

#[test]
fn typed_rate_that_is_not_executed_over_budget_is_a_warning() {
    let f = found(Code::RateMismatch, |p| p.tables[0].funds.rows[1].rate.value = Some(dec!(0.9)));
    assert_eq!(f, at(Severity::Warning, "G7"));
}

#[test]
fn empty_rate_on_a_row_with_money_is_a_warning_and_stays_empty() {
    let f = found(Code::RateMissing, |p| p.tables[0].funds.rows[1].rate.value = None);
    assert_eq!(f, at(Severity::Warning, "G7"));
    let mut p = packet();
    p.tables[0].funds.rows[1].rate.value = None;
    check(&mut p, Forms::builtin());
    assert_eq!(p.tables[0].funds.rows[1].rate.value, None, "the packet prints the cell as typed: empty");
}

#[test]
fn empty_funds_and_total_weights_are_errors_at_their_cells() {
    let f = found(Code::WeightMissing, |p| {
        p.tables[0].funds.weight.value = None;
        p.tables[0].total.weight.value = None;
    });
    assert_eq!(f, [(Severity::Error, "F6".to_string()), (Severity::Error, "H22".to_string())]);
}

#[test]
fn funds_weight_other_than_the_profiles_is_a_warning() {
    let f = found(Code::FundsWeight, |p| p.tables[0].funds.weight.value = Some(dec!(20)));
    assert_eq!(f, at(Severity::Warning, "F6"));
}

#[test]
fn typed_score_other_than_the_rules_is_a_warning() {
    let f = found(Code::ScoreMismatch, |p| p.tables[0].indicators[0].score.value = Some(dec!(3)));
    assert_eq!(f, at(Severity::Warning, "I14"));
}

#[test]
fn score_above_its_weight_is_an_error() {
    let f = found(Code::ScoreAboveWeight, |p| p.tables[0].indicators[1].score.value = Some(dec!(99)));
    assert_eq!(f, at(Severity::Error, "I15"));
}

#[test]
fn empty_score_is_filled_in_with_a_warning() {
    let mut p = packet();
    p.tables[0].indicators[2].score.value = None;
    let r = check(&mut p, Forms::builtin());
    let d: Vec<_> = r.with_code(Code::ScoreMissing).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].location.as_ref().map(|l| l.to_string()).as_deref(), Some("synthetic.xlsx!公开12表-1!I16"));
    assert_eq!(p.tables[0].indicators[2].score.value, p.tables[0].indicators[2].weight.value);
}

#[test]
fn missed_target_without_a_reason_is_a_warning_at_the_reason() {
    let f = found(Code::ReasonMissing, |p| {
        let i = &mut p.tables[0].indicators[0];
        i.actual.value = num(dec!(45));
        i.score.value = Some(i.weight.value.unwrap() / dec!(2));
        p.tables[0].total.score.value = None;
    });
    assert_eq!(f, at(Severity::Warning, "J14"));
}

#[test]
fn qualitative_score_outside_its_band_is_a_warning() {
    let f = found(Code::QualitativeBand, |p| {
        let i = &mut p.tables[0].indicators[0];
        i.sign.value = None;
        i.target.value = Some(Measure::Text("达到预期".into()));
        i.actual.value = Some(Measure::Text("部分达成".into()));
        i.reason.value = "部分系统未上线".into();
    });
    assert_eq!(f, at(Severity::Warning, "I14"));
}

#[test]
fn indicator_without_weight_is_an_error() {
    let f = found(Code::WeightMissing, |p| p.tables[0].indicators[3].weight.value = None);
    assert_eq!(f, at(Severity::Error, "H17"));
}

#[test]
fn numeric_target_without_a_sign_is_a_warning() {
    let f = found(Code::SignMissing, |p| p.tables[0].indicators[4].sign.value = None);
    assert_eq!(f, at(Severity::Warning, "D18"));
}

#[test]
fn text_actual_against_a_numeric_target_is_a_warning() {
    let f =
        found(Code::ActualNotNumber, |p| p.tables[0].indicators[5].actual.value = Some(Measure::Text("已完成".into())));
    assert_eq!(f, at(Severity::Warning, "G19"));
}

#[test]
fn weights_that_do_not_make_100_are_an_error_at_the_total_weight() {
    let f = found(Code::WeightsSum, |p| {
        let i = &mut p.tables[0].indicators[6];
        i.weight.value = Some(dec!(20));
        i.score.value = Some(dec!(20));
        p.tables[0].total.weight.value = Some(dec!(110));
        p.tables[0].total.score.value = Some(dec!(110));
    });
    assert_eq!(f, at(Severity::Error, "H22"));
}

#[test]
fn total_weight_that_is_not_the_sum_of_the_weights_is_an_error() {
    let f = found(Code::TotalWeight, |p| p.tables[0].total.weight.value = Some(dec!(90)));
    assert_eq!(f, at(Severity::Error, "H22"));
}

#[test]
fn first_level_weights_other_than_the_profiles_are_a_warning_at_the_group() {
    // 5 points move from 效益 (row 19) to 产出 (row 14): the total stays 100.
    let f = found(Code::Level1Weights, |p| {
        let t = &mut p.tables[0];
        let (a, b) = (&mut t.indicators[0].weight.value, dec!(5));
        *a = a.map(|w| w + b);
        t.indicators[0].score.value = t.indicators[0].weight.value;
        let e = t.indicators.iter_mut().find(|i| i.level1.value == "效益指标").unwrap();
        e.weight.value = e.weight.value.map(|w| w - b);
        e.score.value = e.weight.value;
    });
    assert_eq!(f, [(Severity::Warning, "A14".to_string()), (Severity::Warning, "A19".to_string())]);
}

#[test]
fn total_that_is_not_the_sum_of_the_scores_is_an_error() {
    let f = found(Code::TotalMismatch, |p| p.tables[0].total.score.value = Some(dec!(97)));
    assert_eq!(f, at(Severity::Error, "I22"));
}

#[test]
fn open_grade_is_filled_in_with_a_note() {
    let mut p = packet();
    check(&mut p, Forms::builtin());
    assert_eq!(p.tables[0].total.grade.value.as_deref(), Some("优"));
    assert_eq!(found(Code::GradeFilled, |_| {}).first(), Some(&(Severity::Note, "J22".to_string())));
}

#[test]
fn typed_grade_the_total_does_not_give_is_a_warning() {
    let f = found(Code::GradeMismatch, |p| p.tables[0].total.grade.value = Some("良".into()));
    assert_eq!(f, at(Severity::Warning, "J22"));
}

#[test]
fn indicator_rows_copied_from_another_table_are_a_warning_on_the_copy() {
    let f = found(Code::DuplicateIndicators, |p| p.tables[1].indicators = p.tables[0].indicators.clone());
    assert_eq!(f, at(Severity::Warning, "C14"));
}

#[test]
fn template_placeholder_rows_are_a_warning() {
    let f = found(Code::PlaceholderIndicator, |p| p.tables[0].indicators[2].name.value = "指标3".into());
    assert_eq!(f, at(Severity::Warning, "C16"));
}

#[test]
fn an_actual_far_above_an_at_least_target_is_a_note() {
    let f = found(Code::OverAchievement, |p| {
        let i = &mut p.tables[0].indicators[0];
        assert_eq!(i.sign.value, Some(Sign::AtLeast));
        i.actual.value = num(dec!(200));
    });
    assert_eq!(f, at(Severity::Note, "G14"));
}

#[test]
fn a_reason_of_wu_where_points_were_deducted_is_no_reason() {
    for said in ["无", "暂无。", " 无 ", "/", "——"] {
        let f = found(Code::ReasonMissing, |p| {
            let i = &mut p.tables[0].indicators[0];
            i.score.value = Some(i.weight.value.unwrap() / dec!(2));
            i.reason.value = said.into();
        });
        assert_eq!(f.len(), 1, "“{said}” is no reason");
    }
    let f = found(Code::ReasonMissing, |p| {
        let i = &mut p.tables[0].indicators[0];
        i.score.value = Some(i.weight.value.unwrap() / dec!(2));
        i.reason.value = "无人机采购延期".into();
    });
    assert!(f.is_empty(), "a reason that begins with 无 is a reason");
}

#[test]
fn a_rate_the_national_form_merges_into_its_dash_is_not_missing() {
    let forms = Forms::builtin();
    let mut p = crate::synth::packet_in(forms.get("national-2020").unwrap(), 1, 7);
    // 其中：当年财政拨款 with its figures and the — the form prints across 分值, 执行率 and 得分.
    let row = &mut p.tables[0].funds.rows[1];
    assert!(row.full_year.value.is_some());
    row.rate = Located::new(None, Some("G7".into()));
    let r = check(&mut p, forms);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == Code::RateMissing).count(), 0, "{:?}", r.diagnostics);
    // The total's own 执行率 left empty is still named.
    p.tables[0].funds.rows[0].rate = Located::new(None, Some("G6".into()));
    let r = check(&mut p, forms);
    let missing: Vec<_> = r.diagnostics.iter().filter(|d| d.code == Code::RateMissing).map(|d| d.cell()).collect();
    assert_eq!(missing, [Some("G6")]);
}
