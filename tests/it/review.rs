//! `jixiao review`: a folder of units' workbooks written by the test setup, with planted problems.

use crate::common::{run_in, seed_workbook};
use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_decimal_macros::dec;

#[test]
fn a_batch_of_units_gives_a_row_each_an_unreadable_file_among_them_and_the_copied_indicators_named() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位");
    std::fs::create_dir_all(units.join("县区")).unwrap();
    // A: the seed as it is. B: another unit that copied A's tables and mistyped a total.
    // C: not a workbook. A lock file and a text file are passed over.
    seed_workbook(&units.join("a.xlsx"), |_| {});
    seed_workbook(&units.join("县区/b.xlsx"), |p| {
        p.tables.iter_mut().for_each(|t| t.implementer.value = "某县信息中心".into());
        p.tables[0].total.score.value = Some(dec!(90));
    });
    std::fs::write(units.join("c.xlsx"), "not a workbook").unwrap();
    std::fs::write(units.join("~$a.xlsx"), "lock").unwrap();
    std::fs::write(units.join("说明.txt"), "").unwrap();
    let (code, out, err) = run_in(dir.path(), &["review", "各单位", "-o", "review"]);
    assert_eq!(code, 0, "{out}{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("review/review.json")).unwrap()).unwrap();
    let units_seen: Vec<(String, u64, Option<String>)> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap().to_string(),
                u["tables"].as_u64().unwrap(),
                u["quality"].as_str().map(String::from),
            )
        })
        .collect();
    assert_eq!(
        units_seen,
        [
            ("云南省信息技术发展中心".to_string(), 4, Some("98".to_string())),
            ("c".to_string(), 0, None),
            ("某县信息中心".to_string(), 4, Some("93".to_string())),
        ],
        "a row per workbook in name order, subfolders walked; quality 100 less 5 an error, 2 a warning"
    );
    assert!(json["units"][1]["unreadable"].as_str().unwrap().contains("c.xlsx"), "{}", json["units"][1]);
    // B's three tables whose indicators are A's, each naming both ends; 公开12表-3 repeats
    // 公开12表-2 inside each workbook, which `check` names, so it is A's 公开12表-2 it copies.
    let across: Vec<(String, String)> = json["across"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["location"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    let places: Vec<&str> = across.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        places,
        ["b.xlsx!公开12表-1!C14", "b.xlsx!公开12表-2!C14", "b.xlsx!公开12表-3!C14", "b.xlsx!公开12表-4!C14"]
    );
    assert!(across[2].1.contains("a.xlsx!公开12表-2!C14"), "{}", across[2].1);

    // review.xlsx: its four sheets, the summary's rows and the findings listed.
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("review/review.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Summary", "Findings", "Across units", "Rubric"]);
    let summary = wb.worksheet_range("Summary").unwrap();
    assert_eq!(summary.height(), 4, "a header and three units");
    assert_eq!(summary.get((3, 0)), Some(&Data::String("某县信息中心".into())));
    assert_eq!(summary.get((3, 9)), Some(&Data::Float(93.0)));
    let findings = wb.worksheet_range("Findings").unwrap();
    let codes: Vec<String> = findings.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert!(
        codes.contains(&"total-mismatch".to_string()) && codes.contains(&"not-a-workbook".to_string()),
        "{codes:?}"
    );
}

#[test]
fn with_the_spring_targets_each_unit_is_compared_and_its_differences_counted() {
    use crate::common::forms::{hunan_county, hunan_targets, wuhan_targets};
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("units")).unwrap();
    std::fs::create_dir_all(dir.path().join("targets")).unwrap();
    hunan_county(&dir.path().join("units/county.xlsx"));
    // Spring set 按期完工率 at ≥95%; the self-evaluation reports against ≥90%.
    let mut targets = hunan_targets();
    targets[2].3 = "≥95%";
    wuhan_targets(&dir.path().join("targets/2020.xlsx"), "农村公路提质改造专项资金", &targets);
    let (code, out, err) = run_in(dir.path(), &["review", "units", "--targets", "targets", "-o", "review"]);
    assert_eq!(code, 0, "{out}{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("review/review.json")).unwrap()).unwrap();
    let unit = &json["units"][0];
    assert_eq!(unit["against_targets"], 1, "{unit}");
    let codes: Vec<&str> =
        unit["report"]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"target-changed"), "{codes:?}");
}
