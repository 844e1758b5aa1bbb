//! The checks on the seed packet and on workbooks that carry the slips real tables contain.

use crate::common::{fixture, write_variant, Variant};
use jixiao::check::{check, indicator_score};
use jixiao::diag::{Code, Report, Severity};
use jixiao::form::Forms;
use jixiao::ingest;
use jixiao::model::Packet;
use rust_decimal_macros::dec;

fn checked(path: &std::path::Path) -> (Packet, Report) {
    let (mut p, mut r) = ingest::read(path).unwrap();
    r.extend(check(&mut p, Forms::builtin()));
    (p, r)
}

#[test]
fn seed_tables_all_grade_excellent() {
    let (p, r) = checked(&fixture("fixtures/seed-2021.xlsx"));
    let grades: Vec<_> = p.tables.iter().map(|t| t.total.grade.value.clone().unwrap()).collect();
    assert_eq!(grades, ["优", "优", "优", "优"]);
    assert_eq!(r.with_code(Code::GradeFilled).count(), 4);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
}

#[test]
fn seed_table_3_is_flagged_as_a_copy_of_table_2() {
    let (_, r) = checked(&fixture("fixtures/seed-2021.xlsx"));
    let dups: Vec<_> = r.with_code(Code::DuplicateIndicators).collect();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].severity, Severity::Warning);
    assert_eq!(dups[0].table.as_deref(), Some("公开12表-3"));
    assert!(dups[0].message.contains("公开12表-2"), "{}", dups[0].message);
    assert_eq!(dups[0].location.as_ref().map(|l| l.to_string()).as_deref(), Some("seed-2021.xlsx!公开12表-3!C14"));
    // The only warning of the seed packet.
    assert_eq!(r.count(Severity::Warning), 1, "{:?}", r.diagnostics);
}

#[test]
fn reasoned_partial_score_in_table_2_is_not_a_warning() {
    let (p, r) = checked(&fixture("fixtures/seed-2021.xlsx"));
    let ind = &p.tables[1].indicators[0];
    assert_eq!(indicator_score(ind, 2), Some(dec!(8.5)));
    assert!(
        r.diagnostics.iter().all(|d| d.severity == Severity::Note || d.table.as_deref() != Some("公开12表-2")),
        "{:?}",
        r.diagnostics
    );
}

fn variant_report(names: Vec<(usize, String)>) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.xlsx");
    write_variant(&path, &Variant { names, ..Variant::default() });
    checked(&path).1
}

#[test]
fn template_placeholder_rows_are_flagged() {
    let r = variant_report(vec![(2, "指标1".into()), (3, "……".into())]);
    let cells: Vec<_> =
        r.with_code(Code::PlaceholderIndicator).filter_map(|d| d.location.as_ref().map(|l| l.to_string())).collect();
    assert_eq!(cells, ["v.xlsx!公开12表-2!C16", "v.xlsx!公开12表-2!C17"]);
}

/// A workbook made from the seed's table 2 with a few cells replaced.
fn edited(edits: &[(&str, Option<f64>, Option<&str>)]) -> Report {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.xlsx");
    crate::common::write_variant(&path, &Variant::default());
    // Re-write with edits: read back the grid through jixiao and rewrite the cells.
    let wb = ingest::workbook::read_path(&path).unwrap();
    let grid = &wb.sheets[0];
    let mut out = Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("公开12表-2").unwrap();
    for r in 0..grid.rows {
        for c in 0..grid.cols {
            let name = ingest::grid::cell_name(r, c);
            if let Some((_, n, s)) = edits.iter().find(|(cell, _, _)| *cell == name) {
                if let Some(n) = n {
                    ws.write_number(r, c as u16, *n).unwrap();
                } else if let Some(s) = s {
                    ws.write_string(r, c as u16, *s).unwrap();
                }
                continue;
            }
            match &grid.get(r, c).value {
                ingest::grid::RawValue::Float(f) => {
                    ws.write_number(r, c as u16, *f).unwrap();
                }
                ingest::grid::RawValue::Text(t) => {
                    ws.write_string(r, c as u16, t).unwrap();
                }
                _ => {}
            }
        }
    }
    out.save(&path).unwrap();
    checked(&path).1
}

fn codes_at(r: &Report, code: Code) -> Vec<String> {
    r.with_code(code).map(|d| d.cell().unwrap_or_default().to_string()).collect()
}

#[test]
fn typed_score_that_differs_from_the_rule_is_a_warning_showing_both() {
    let r = edited(&[("I14", Some(9.0), None), ("I22", Some(99.0), None)]);
    let d = r.with_code(Code::ScoreMismatch).next().expect("warning");
    assert!(d.message.contains('9') && d.message.contains("8.5"), "{}", d.message);
    assert_eq!(codes_at(&r, Code::ScoreMismatch), ["I14"]);
}

#[test]
fn score_above_its_weight_is_an_error() {
    let r = edited(&[("I15", Some(12.0), None), ("I22", Some(100.5), None)]);
    assert_eq!(codes_at(&r, Code::ScoreAboveWeight), ["I15"]);
    assert!(r.has_errors());
}

#[test]
fn partial_score_without_a_reason_is_a_warning() {
    let r = edited(&[("J14", None, Some(" "))]);
    assert_eq!(codes_at(&r, Code::ReasonMissing), ["J14"]);
}

#[test]
fn total_that_is_not_the_sum_is_an_error_showing_the_sum() {
    let r = edited(&[("I22", Some(100.0), None)]);
    let d = r.with_code(Code::TotalMismatch).next().expect("error");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("98.5"), "{}", d.message);
    assert_eq!(codes_at(&r, Code::TotalMismatch), ["I22"]);
}

#[test]
fn weights_that_do_not_add_up_to_100_are_an_error() {
    let r = edited(&[("H19", Some(40.0), None)]);
    assert_eq!(codes_at(&r, Code::WeightsSum), ["H22"]);
    assert!(r.with_code(Code::WeightsSum).next().unwrap().message.contains("110"));
}

#[test]
fn funds_total_row_of_zeros_is_an_error() {
    let r = edited(&[("D6", Some(0.0), None), ("E6", Some(0.0), None)]);
    assert_eq!(codes_at(&r, Code::FundsSum), ["D6", "E6"]);
}

#[test]
fn qualitative_score_outside_its_band_is_a_warning() {
    let r = edited(&[
        ("D20", None, Some("")),
        ("E20", None, Some("达到预期")),
        ("F20", None, Some("")),
        ("G20", None, Some("部分达成")),
        ("I20", Some(10.0), None),
        ("J20", None, Some("用户反馈部分系统响应慢")),
    ]);
    assert_eq!(codes_at(&r, Code::QualitativeBand), ["I20"]);
    let ok = edited(&[("E20", None, Some("达到预期")), ("G20", None, Some("达到预期")), ("D20", None, Some(""))]);
    assert_eq!(ok.with_code(Code::QualitativeBand).count(), 0);
}

#[test]
fn reverse_indicator_scores_target_over_actual() {
    // <= 10 with 12.5 actual and 分值 10: 10 × 10 / 12.5 = 8.
    let r = edited(&[
        ("G18", Some(12.5), None),
        ("I18", Some(8.0), None),
        ("J18", None, Some("高峰期工单积压")),
        ("I22", Some(96.5), None),
    ]);
    assert_eq!(r.with_code(Code::ScoreMismatch).count(), 0, "{:?}", r.diagnostics);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
}
