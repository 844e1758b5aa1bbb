//! The reader: the seed workbook and its variants give the model of the published packet.

use crate::common::{compact, fixture, write_variant, Variant};
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
    assert_eq!(skipped[0].location.as_ref().map(|l| l.to_string()).as_deref(), Some("variant.xlsx!封面"));
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
    let cells: Vec<_> =
        r.with_code(Code::FormulaWithoutValue).filter_map(|d| d.location.as_ref().map(|l| l.to_string())).collect();
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

/// The model without where it was read from (cells, the file, how cells showed values): what a
/// respelled workbook must read to.
fn content(p: &Packet) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("cell");
                m.remove("shown");
                m.remove("source");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(p).unwrap();
    strip(&mut v);
    v
}

/// The cells the reading could not place: (code, cell).
fn unread(r: &jixiao::diag::Report) -> Vec<String> {
    let mut cells: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnreadCell | Code::UnreadText))
        .map(|d| d.cell().unwrap_or_default().to_string())
        .collect();
    cells.sort();
    cells
}

/// How one form's fixture spells its funds rows, and the respellings units use for them.
struct Respellings {
    total: &'static str,
    /// Part rows respelled: (as the fixture spells it, as a unit does).
    parts: &'static [(&'static str, &'static str)],
    more_parts: &'static [(&'static str, &'static str)],
}

type Edit = Box<dyn Fn(&mut crate::common::respell::Sheet) -> Option<Vec<String>>>;

/// The variants every form's fixture is respelled in: each edits the sheet and returns the cells
/// it planted that no form has a place for, or `None` when the fixture has nothing it applies to.
fn variants(sp: &'static Respellings) -> Vec<(&'static str, Edit)> {
    use crate::common::respell::{thousands, Cell};
    let name_col = |s: &crate::common::respell::Sheet| s.find("三级指标").unwrap().1;
    let cell = |r: u32, c: u16| format!("{}{}", (b'A' + c as u8) as char, r + 1);
    let v: Vec<(&'static str, Edit)> = vec![
        (
            "a colon after the labels",
            Box::new(move |s| {
                let a = s.relabel("项目名称", "项目名称：") | s.relabel("主管部门", "主管部门:");
                let b = s.relabel(sp.total, &format!("{}：", sp.total));
                (a && b).then(Vec::new)
            }),
        ),
        ("spaces inside a label", Box::new(|s| s.relabel("项目名称", "项 目 名 称").then(Vec::new))),
        ("an ideographic space inside a label", Box::new(|s| s.relabel("主管部门", "主管　部门").then(Vec::new))),
        (
            "line breaks inside the indicator heads",
            Box::new(|s| (s.relabel("三级指标", "三级\n指标") & s.relabel("二级指标", "二级\n指标")).then(Vec::new)),
        ),
        (
            "another bracket style in the funds label",
            Box::new(|s| {
                let k = s.cells.iter().find_map(|(k, v)| match v {
                    Cell::Text(t)
                        if (t.starts_with("项目资金") || t.starts_with("预算执行情况")) && t.contains('（') =>
                    {
                        Some(*k)
                    }
                    _ => None,
                })?;
                if let Some(Cell::Text(t)) = s.cells.get_mut(&k) {
                    *t = t.replace('（', "【").replace('）', "】");
                }
                Some(Vec::new())
            }),
        ),
        (
            "a part row respelled",
            Box::new(move |s| sp.parts.iter().all(|(from, to)| s.relabel(from, to)).then(Vec::new)),
        ),
        (
            "more part rows respelled",
            Box::new(move |s| sp.more_parts.iter().all(|(from, to)| s.relabel(from, to)).then(Vec::new)),
        ),
        (
            "a remark after the total's label",
            Box::new(move |s| s.relabel(sp.total, &format!("{}（含追加资金）", sp.total)).then(Vec::new)),
        ),
        (
            "numbers typed as text with spaces",
            Box::new(|s| s.numbers_as_text(|_, _| true, |n| format!(" {n} ")).then(Vec::new)),
        ),
        ("thousands separators", Box::new(|s| s.numbers_as_text(|_, n| n >= 1000.0, thousands).then(Vec::new))),
        (
            "the template's rows left in",
            Box::new(move |s| {
                let (r, c) = (s.first_indicator_row() + 1, name_col(s));
                s.insert_rows(r, 2);
                s.cells.insert((r, c), Cell::Text("指标2".into()));
                s.cells.insert((r + 1, c), Cell::Text("……".into()));
                Some(Vec::new())
            }),
        ),
        (
            "a 二级指标 with no indicator",
            Box::new(move |s| {
                let (r, c) = (s.first_indicator_row() + 1, name_col(s) - 1);
                s.insert_rows(r, 1);
                s.cells.insert((r, c), Cell::Text("经济效益指标".into()));
                Some(Vec::new())
            }),
        ),
        (
            "a stray figure right of the funds",
            Box::new(move |s| {
                let (r, _) = s.find(sp.total)?;
                let (_, cols) = s.extent();
                s.cells.insert((r, cols), Cell::Num(42.0));
                Some(vec![cell(r, cols)])
            }),
        ),
        (
            "a stray note right of the project",
            Box::new(move |s| {
                let (r, _) = s.find("项目名称")?;
                let (_, cols) = s.extent();
                s.cells.insert((r, cols + 1), Cell::Text("见附件".into()));
                Some(vec![cell(r, cols + 1)])
            }),
        ),
    ];
    v
}

/// Reads every variant of a form's fixture: each gives the canonical model, and names exactly
/// the cells it planted outside the form; returns how many variants applied.
fn respelled_reads_the_same(canonical: &std::path::Path, sp: &'static Respellings) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let (base, base_report) = read_checked(canonical);
    assert_eq!(unread(&base_report), Vec::<String>::new(), "the canonical fixture has unread cells");
    let sheets = crate::common::respell::load(canonical);
    let mut applied = 0;
    // Every variant's sheets and the cells it planted, for the one workbook of them all below.
    let mut all: Vec<(Vec<crate::common::respell::Sheet>, Vec<String>)> = Vec::new();
    for (name, edit) in variants(sp) {
        let mut s = sheets.clone();
        let Some(planted) = edit(&mut s[0]) else { continue };
        applied += 1;
        let path = dir.path().join(format!("{applied}.xlsx"));
        crate::common::respell::save(&s, &path);
        let (p, r) = read_checked(&path);
        assert!(r.with_code(Code::MissingLabel).next().is_none(), "{name}: {:#?}", r.diagnostics);
        assert_eq!(content(&p), content(&base), "{name}: the model differs; {:#?}", r.diagnostics);
        assert_eq!(unread(&r), planted, "{name}: {:#?}", r.diagnostics);
        if name.contains("template") || name.contains("二级") {
            assert_eq!(r.with_code(Code::TemplateRows).count(), 1, "{name}");
        }
        all.push((s, planted));
    }
    every_variant_in_one_workbook_reads_as_each_alone(dir.path(), &all, &content(&base));
    applied
}

/// A department's workbook: every variant's sheets, copied until there are more than 40, so
/// that they are read in runs by readers of their own in parallel. Each sheet's table reads to
/// the canonical model, and the cells each variant planted are named at their own sheet, no
/// more and no fewer: reading sheets in parallel loses nothing and mixes nothing up.
fn every_variant_in_one_workbook_reads_as_each_alone(
    dir: &std::path::Path,
    all: &[(Vec<crate::common::respell::Sheet>, Vec<String>)],
    base: &serde_json::Value,
) {
    let per_copy: usize = all.iter().map(|(s, _)| s.len()).sum();
    let copies = 41usize.div_ceil(per_copy);
    let mut sheets = Vec::new();
    let mut planted = Vec::new();
    for k in 0..copies {
        for (j, (s, cells)) in all.iter().enumerate() {
            for (i, sheet) in s.iter().enumerate() {
                let name = format!("c{k}v{j}-{}", sheet.name);
                if i == 0 {
                    planted.extend(cells.iter().map(|c| format!("{name}!{c}")));
                }
                sheets.push(crate::common::respell::Sheet { name, ..sheet.clone() });
            }
        }
    }
    let path = dir.join("all.xlsx");
    crate::common::respell::save(&sheets, &path);
    let (p, r) = read_checked(&path);
    // Without the sheet, which the copies rename (and so the number of a form that prints none,
    // which is the sheet's name): that each table comes from its own sheet is asserted below.
    let tables = |v: &serde_json::Value, copied: bool| -> Vec<serde_json::Value> {
        let mut t = v["tables"].as_array().unwrap().clone();
        for t in &mut t {
            let t = t.as_object_mut().unwrap();
            let sheet = t.remove("sheet").unwrap();
            let sheet = sheet.as_str().unwrap();
            let own = if copied { sheet.split_once('-').unwrap().1 } else { sheet };
            if t["number"]["value"].as_str().is_some_and(|n| n == sheet || n == own) {
                t.remove("number");
            }
        }
        t
    };
    let one = tables(base, false);
    let read = tables(&content(&p), true);
    assert_eq!(read.len(), one.len() * all.len() * copies, "{} sheets", sheets.len());
    for (k, t) in read.iter().enumerate() {
        assert_eq!(t, &one[k % one.len()], "table {k} of {} sheets", sheets.len());
    }
    // Each table from its own sheet, in the workbook's order.
    let holds_table: Vec<&str> =
        base["tables"].as_array().unwrap().iter().map(|t| t["sheet"].as_str().unwrap()).collect();
    let expected: Vec<&str> = sheets
        .iter()
        .filter(|s| holds_table.iter().any(|h| s.name.split_once('-').is_some_and(|(_, rest)| rest == *h)))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(p.tables.iter().map(|t| t.sheet.as_str()).collect::<Vec<_>>(), expected);
    let mut named: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnreadCell | Code::UnreadText))
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            format!("{}!{}", at.sheet.as_deref().unwrap_or(""), at.cell.as_deref().unwrap_or(""))
        })
        .collect();
    named.sort();
    planted.sort();
    assert_eq!(named, planted, "the planted cells, each at its own sheet");
}

/// A form's fixture, written by `write`, respelled in at least ten ways.
fn respelled(name: &str, write: fn(&std::path::Path), sp: &'static Respellings) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.xlsx"));
    write(&path);
    let applied = respelled_reads_the_same(&path, sp);
    assert!(applied >= 10, "{name}: {applied} variants");
}

#[test]
fn the_yunnan_fixture_respelled_reads_to_the_same_model() {
    static SP: Respellings = Respellings {
        total: "年度资金总额",
        parts: &[("其中：当年财政拨款", "其中：本年财政拨款")],
        more_parts: &[
            ("其中：当年财政拨款", "其中：财政拨款"),
            ("上年结转资金", "上年结余结转资金"),
            ("其他资金", "其他"),
        ],
    };
    respelled("yunnan", |p| write_variant(p, &Variant::default()), &SP);
}

#[test]
fn the_national_fixture_respelled_reads_to_the_same_model() {
    static SP: Respellings = Respellings {
        total: "年度资金总额",
        parts: &[("其中：当年财政拨款", "其中：本年财政拨款")],
        more_parts: &[
            ("其中：当年财政拨款", "当年财政拨款"),
            ("上年结转资金", "上年结转结余资金"),
            ("其他资金", "其它资金"),
        ],
    };
    respelled("national", crate::common::forms::national, &SP);
}

#[test]
fn the_sichuan_fixture_respelled_reads_to_the_same_model() {
    static SP: Respellings = Respellings {
        total: "总额",
        parts: &[("其他资金", "其它资金")],
        more_parts: &[("其中：财政资金", "财政资金：")],
    };
    respelled("sichuan", crate::common::forms::sichuan, &SP);
}

#[test]
fn the_hubei_fixture_respelled_reads_to_the_same_model() {
    static SP: Respellings = Respellings {
        total: "年度财政资金总额",
        parts: &[("年度财政资金总额", "资金总额")],
        more_parts: &[("年度财政资金总额", "年度资金总额：")],
    };
    respelled("hubei", |p| crate::common::forms::hubei(p, (40, 40)), &SP);
}
