//! `jixiao diff` and the 更正说明 of a corrected packet.

use crate::common::{run_in, seed_workbook};
use jixiao::model::{Located, Measure, Packet};
use rust_decimal_macros::dec;
use std::path::Path;

/// 公开12表-2: 运维保障业务系统数量 actual 17 → 18, so its score 8.5 → 9 and 总分 98.5 → 99.
fn seventeen_to_eighteen(p: &mut Packet) {
    let ind = &mut p.tables[1].indicators[0];
    ind.actual.value = Some(Measure::Number(dec!(18)));
    ind.score.value = Some(dec!(9));
    p.tables[1].total.score.value = Some(dec!(99));
}

fn diff_json(dir: &Path, old: &str, new: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = run_in(dir, &["diff", old, new, "--format", "json"]);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")))
}

fn changes(v: &serde_json::Value, table: usize) -> Vec<(String, String, String, Option<String>, bool)> {
    v["tables"][table]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap().into(),
                c["old"].as_str().unwrap().into(),
                c["new"].as_str().unwrap().into(),
                c["cell"].as_str().map(String::from),
                c["follows"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn one_changed_figure_gives_that_field_the_scores_that_follow_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    seed_workbook(&dir.path().join("old.xlsx"), |_| {});
    seed_workbook(&dir.path().join("new.xlsx"), seventeen_to_eighteen);
    let (code, v) = diff_json(dir.path(), "old.xlsx", "new.xlsx");
    assert_eq!(code, 1);
    assert_eq!(v["tables"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["tables"][0]["number"], "公开12表-2");
    assert_eq!(v["tables"][0]["status"], "changed");
    let s = |x: &str| x.to_string();
    assert_eq!(
        changes(&v, 0),
        [
            (s("绩效指标「运维保障业务系统数量」实际完成值"), s("17"), s("18"), Some(s("G14")), false),
            (s("绩效指标「运维保障业务系统数量」得分"), s("8.5"), s("9"), Some(s("I14")), true),
            (s("总分"), s("98.5"), s("99"), Some(s("I22")), true),
        ]
    );
    // Human output says the same; the same workbook twice is no change.
    let (code, out, _) = run_in(dir.path(), &["diff", "old.xlsx", "new.xlsx"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("实际完成值: 17 → 18 [G14]")
            && out.contains("总分: 98.5 → 99 [I22] (follows from the change above)"),
        "{out}"
    );
    assert_eq!(run_in(dir.path(), &["diff", "old.xlsx", "old.xlsx"]).0, 0);
    assert_eq!(run_in(dir.path(), &["diff", "old.xlsx", "missing.xlsx"]).0, 2);
}

#[test]
fn corrected_packet_has_its_notice_and_keeps_the_other_tables_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    seed_workbook(&dir.path().join("2021.xlsx"), |_| {});
    let (code, _, err) = run_in(
        dir.path(),
        &["build", "2021.xlsx", "-o", "published", "--timestamp", "1640995200", "--published", "2022-01-01"],
    );
    assert_eq!(code, 0, "{err}");
    seed_workbook(&dir.path().join("2021.xlsx"), seventeen_to_eighteen);
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "build",
            "2021.xlsx",
            "-o",
            "corrected",
            "--corrects",
            "published",
            "--timestamp",
            "1656547200",
            "--published",
            "2022-06-30",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("rendered 1 of 4 tables"), "{out}");
    let (old, new) = (dir.path().join("published"), dir.path().join("corrected"));
    for n in [1, 3, 4] {
        for ext in ["pdf", "html", "xlsx"] {
            let f = format!("tables/公开12表-{n}.{ext}");
            assert_eq!(std::fs::read(old.join(&f)).unwrap(), std::fs::read(new.join(&f)).unwrap(), "{f}");
        }
    }
    // The notice holds the three changes, in the PDF and the HTML.
    let pdf: String = pdf_extract::extract_text(new.join("更正说明.pdf")).unwrap().split_whitespace().collect();
    let html = std::fs::read_to_string(new.join("更正说明.html")).unwrap();
    for text in [&pdf, &html] {
        for want in [
            "关于《2021年度项目支出绩效自评表》的更正说明",
            "公开12表-2",
            "2022年1月1日",
            "2022年6月30日",
            "实际完成值",
            jixiao::correction::FOLLOWS,
            "特此说明",
        ] {
            assert!(text.contains(want), "{want} missing");
        }
    }
    assert!(pdf.contains("17") && pdf.contains("18") && pdf.contains("98.5") && pdf.contains("99"));
    assert!(!pdf.contains("公开12表-1") && !pdf.contains("公开12表-3"), "{pdf}");
    let doc = scraper::Html::parse_document(&html);
    let rows: Vec<Vec<String>> = doc
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .map(|r| r.text().map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["绩效指标「运维保障业务系统数量」实际完成值", "17", "18"],
            vec!["绩效指标「运维保障业务系统数量」得分", "8.5", "9", jixiao::correction::FOLLOWS],
            vec!["总分", "98.5", "99", jixiao::correction::FOLLOWS],
        ]
    );
    let index = std::fs::read_to_string(new.join("index.html")).unwrap();
    assert!(index.contains("更正说明.html") && index.contains("更正说明.pdf"));
    // The manifest records the previous packet's hashes.
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(new.join("manifest.json")).unwrap()).unwrap();
    let prev: serde_json::Value = serde_json::from_slice(&std::fs::read(old.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["corrects"]["files"], prev["files"]);
    assert_eq!((prev["published"].as_str(), m["published"].as_str()), (Some("2022-01-01"), Some("2022-06-30")));
    // diff works on built packet folders too.
    let (code, v) = diff_json(dir.path(), "published", "corrected");
    assert_eq!(code, 1);
    assert_eq!(changes(&v, 0).len(), 3);
}

#[test]
fn replacing_the_copied_indicator_rows_of_table_3_shows_every_changed_row() {
    let dir = tempfile::tempdir().unwrap();
    seed_workbook(&dir.path().join("old.xlsx"), |_| {});
    seed_workbook(&dir.path().join("new.xlsx"), |p| {
        for (k, ind) in p.tables[2].indicators.iter_mut().enumerate() {
            ind.name = Located::bare(format!("机房改造验收项目{}", k + 1));
            ind.reason = Located::bare(String::new());
            ind.actual.value = ind.target.value.clone();
            ind.score.value = ind.weight.value;
        }
        p.tables[2].total.score.value = Some(dec!(100));
    });
    let (code, v) = diff_json(dir.path(), "old.xlsx", "new.xlsx");
    assert_eq!(code, 1);
    assert_eq!(v["tables"].as_array().unwrap().len(), 1);
    assert_eq!(v["tables"][0]["number"], "公开12表-3");
    let c = changes(&v, 0);
    for k in 1..=7 {
        assert!(c.iter().any(|x| x.0.ends_with("三级指标") && x.2 == format!("机房改造验收项目{k}")), "row {k}: {c:?}");
    }
    assert!(c.iter().any(|x| x.0 == "总分" && x.1 == "98.5" && x.2 == "100"));
}

#[test]
fn a_renumbered_table_is_moved_and_a_new_one_added() {
    let dir = tempfile::tempdir().unwrap();
    seed_workbook(&dir.path().join("old.xlsx"), |_| {});
    seed_workbook(&dir.path().join("new.xlsx"), |p| {
        p.tables[3].number.value = "公开12表-5".into();
        let mut extra = p.tables[0].clone();
        extra.number.value = "公开12表-6".into();
        extra.project.value = "新增专项资金".into();
        p.tables.push(extra);
        p.tables.remove(0);
    });
    let (_, v) = diff_json(dir.path(), "old.xlsx", "new.xlsx");
    let statuses: Vec<(String, String)> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["number"].as_str().unwrap().into(), t["status"].as_str().unwrap().into()))
        .collect();
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(statuses, [s("公开12表-5", "moved"), s("公开12表-6", "added"), s("公开12表-1", "removed")]);
    assert_eq!(v["tables"][0]["old_number"], "公开12表-4");
}

#[test]
fn a_notice_whose_dates_are_unknown_leaves_blank_lines_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    seed_workbook(&dir.path().join("2021.xlsx"), |_| {});
    assert_eq!(run_in(dir.path(), &["build", "2021.xlsx", "-o", "published", "--formats", "html"]).0, 0);
    seed_workbook(&dir.path().join("2021.xlsx"), seventeen_to_eighteen);
    let args = ["build", "2021.xlsx", "-o", "corrected", "--corrects", "published", "--formats", "html"];
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("warning[date-unknown]").count(), 2, "{err}");
    assert!(out.contains("2 warnings"), "{out}");
    let html = std::fs::read_to_string(dir.path().join("corrected/更正说明.html")).unwrap();
    assert_eq!(html.matches(jixiao::dates::BLANK_DATE).count(), 2, "{html}");
    assert!(!html.contains("1970年"), "{html}");
    // Given where the corrected packet's manifest is silent, the day is cited.
    let (code, _, err) = run_in(dir.path(), &[&args[..], &["--corrects-published", "2022-05-31"]].concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("warning[date-unknown]").count(), 1, "{err}");
    let html = std::fs::read_to_string(dir.path().join("corrected/更正说明.html")).unwrap();
    assert!(html.contains("我单位于2022年5月31日公开的"), "{html}");
}
