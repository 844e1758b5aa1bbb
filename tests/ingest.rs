//! The reader: the seed workbook and its variants give the model of the published packet.

mod common;
use common::{compact, fixture, write_variant, Variant};
use jixiao::check::check;
use jixiao::diag::Code;
use jixiao::form::Forms;
use jixiao::ingest;
use jixiao::model::{Measure, Packet, Sign};
use rust_decimal_macros::dec;

fn read_checked(path: &std::path::Path) -> (Packet, jixiao::diag::Report) {
    let (mut p, mut r) = ingest::read(path).expect("readable");
    r.extend(check(&mut p, Forms::builtin()));
    (p, r)
}

#[test]
fn seed_workbook_gives_the_four_tables_of_the_reference_packet() {
    let (packet, _) = read_checked(&fixture("fixtures/seed-2021.xlsx"));
    let mut expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("fixtures/seed-2021.expected.json")).unwrap()).unwrap();
    expected.as_object_mut().unwrap().remove("_about");
    let got = compact(&packet);
    for (g, e) in got["tables"].as_array().unwrap().iter().zip(expected["tables"].as_array().unwrap()) {
        for key in e.as_object().unwrap().keys() {
            assert_eq!(g[key], e[key], "{} {key}", e["number"]);
        }
    }
    assert_eq!(got, expected);
}

#[test]
fn seed_values_keep_their_cells() {
    let (packet, _) = read_checked(&fixture("fixtures/seed-2021.xlsx"));
    let t2 = &packet.tables[1];
    assert_eq!(t2.sheet, "公开12表-2");
    assert_eq!(t2.project.cell.as_deref(), Some("C3"));
    assert_eq!(t2.funds.rows[0].full_year.cell.as_deref(), Some("D6"));
    assert_eq!(t2.indicators[0].score.cell.as_deref(), Some("I14"));
    assert_eq!(t2.total.score.cell.as_deref(), Some("I22"));
    // 67.164 keeps its three decimals; 603.1900000000001 in the file reads as 603.19.
    assert_eq!(packet.tables[2].funds.rows[0].full_year.value.unwrap().to_string(), "67.164");
    assert_eq!(t2.funds.rows[0].full_year.value.unwrap().to_string(), "603.19");
}

fn read_variant(v: &Variant) -> (Packet, jixiao::diag::Report) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("variant.xlsx");
    write_variant(&path, v);
    read_checked(&path)
}

fn baseline() -> serde_json::Value {
    compact(&read_variant(&Variant::default()).0)
}

#[test]
fn shifted_grid_with_a_cover_sheet_reads_the_same() {
    let v = Variant { origin: (3, 2), cover_sheet: true, ..Variant::default() };
    let (p, r) = read_variant(&v);
    assert_eq!(compact(&p), baseline());
    let skipped: Vec<_> = r.with_code(Code::SheetSkipped).collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].location.as_deref(), Some("variant.xlsx!封面"));
    assert_eq!(p.tables[0].project.cell.as_deref(), Some("E6"));
}

#[test]
fn numbers_stored_as_text_read_as_numbers() {
    let (p, r) = read_variant(&Variant { numbers_as_text: true, ..Variant::default() });
    assert_eq!(compact(&p), baseline());
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(p.tables[0].funds.rows[0].rate.value, Some(dec!(1)));
}

#[test]
fn unicode_and_full_width_signs_are_read() {
    let v = Variant { signs: ["≥", "≤", "＞＝", "﹦", "＜＝", ">=", "＝"], ..Variant::default() };
    let (p, _) = read_variant(&v);
    let signs: Vec<_> = p.tables[0].indicators.iter().map(|i| i.sign.value).collect();
    use Sign::*;
    assert_eq!(signs, [AtLeast, AtMost, AtLeast, Equal, AtMost, AtLeast, Equal].map(Some).to_vec());
}

#[test]
fn single_cell_target_splits_into_sign_value_and_unit() {
    let v = Variant {
        single_cell_target: true, signs: ["≥", "≤", "≥", "≥", "≤", "≥", "≥"], ..Variant::default()
    };
    let (p, r) = read_variant(&v);
    assert_eq!(compact(&p), baseline());
    let i = &p.tables[0].indicators[1];
    assert_eq!(i.target.value, Some(Measure::Number(dec!(60))));
    assert_eq!(i.unit.value, "分钟");
    assert_eq!(i.target.cell.as_deref(), Some("D15"));
    assert!(!r.has_errors());
}

#[test]
fn labels_with_line_breaks_and_full_width_punctuation_are_found() {
    let (p, _) = read_variant(&Variant { label_noise: true, ..Variant::default() });
    assert_eq!(compact(&p), baseline());
}

#[test]
fn formulas_without_saved_results_are_recomputed_with_a_warning() {
    let (p, r) = read_variant(&Variant { formulas: true, ..Variant::default() });
    let t = &p.tables[0];
    assert_eq!(t.funds.rows[0].full_year.value, Some(dec!(603.19)));
    assert_eq!(t.funds.rows[0].rate.value, Some(dec!(1)));
    assert_eq!(t.funds.score.value, Some(dec!(10.00)));
    assert_eq!(t.indicators[0].score.value, Some(dec!(8.5)));
    assert_eq!(t.total.score.value, Some(dec!(98.5)));
    assert_eq!(t.total.grade.value.as_deref(), Some("优"));
    let cells: Vec<_> = r.with_code(Code::FormulaWithoutValue).filter_map(|d| d.location.clone()).collect();
    for c in ["D6", "E6", "G6", "H6", "I14", "I22"] {
        assert!(cells.contains(&format!("variant.xlsx!公开12表-2!{c}")), "{c} in {cells:?}");
    }
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
}

#[test]
fn ods_and_xls_copies_of_the_seed_read_like_the_xlsx() {
    let xlsx = compact(&read_checked(&fixture("fixtures/seed-2021.xlsx")).0);
    for f in ["fixtures/seed-2021.ods", "fixtures/seed-2021.xls"] {
        let (p, r) = read_checked(&fixture(f));
        assert_eq!(compact(&p), xlsx, "{f}");
        assert!(!r.has_errors(), "{f}: {:?}", r.diagnostics);
    }
}

#[test]
fn merged_areas_are_read_alike_from_xlsx_and_xls_and_none_from_ods() {
    let merges = |ext: &str| {
        let wb = ingest::workbook::read_path(&fixture(&format!("fixtures/seed-2021.{ext}"))).unwrap();
        wb.sheets.iter().map(|g| g.merges.clone()).collect::<Vec<_>>()
    };
    let xlsx = merges("xlsx");
    assert_eq!(xlsx.len(), 4);
    // 产出指标 down A14:A16 of 公开12表-1, as the published layout merges it.
    let a14 = ingest::grid::Merge { first: (13, 0), last: (15, 0) };
    assert!(xlsx[0].contains(&a14), "{:?}", xlsx[0]);
    let sorted = |m: Vec<Vec<ingest::grid::Merge>>| {
        m.into_iter()
            .map(|mut s| {
                s.sort_by_key(|m| (m.first, m.last));
                s
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(sorted(merges("xls")), sorted(xlsx));
    assert!(merges("ods").iter().all(Vec::is_empty));
}
