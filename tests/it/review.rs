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
                u["tables"].as_array().unwrap().len() as u64,
                u["quality"].as_str().map(String::from),
            )
        })
        .collect();
    assert_eq!(
        units_seen,
        [
            ("云南省信息技术发展中心".to_string(), 4, Some("95".to_string())),
            ("c".to_string(), 0, None),
            ("某县信息中心".to_string(), 4, Some("77".to_string())),
        ],
        "a row per workbook in name order, subfolders walked; the built-in rubric: A repeats an indicator \
         block (5 off, 自评真实可信); B too, copies four of A's (5 each, that category at most 20) and \
         mistypes a total (3 off, 评价计分正确)"
    );
    assert!(json["units"][1]["unreadable"].as_str().unwrap().contains("c.xlsx"), "{}", json["units"][1]);
    // B's three tables whose indicators are A's, each naming both ends; 公开12表-3 repeats
    // 公开12表-2 inside each workbook, which `check` names, so it is A's 公开12表-2 it copies.
    let all_across = json["across"]["diagnostics"].as_array().unwrap();
    let goals = all_across.iter().filter(|d| d["code"] == "goals-copied-across-units").count();
    assert_eq!(goals, 8, "B copied A's goals too: 预期目标 and 实际完成情况 of each of four tables");
    let across: Vec<(String, String)> = all_across
        .iter()
        .filter(|d| d["code"] == "copied-across-units")
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
    assert_eq!(wb.sheet_names(), ["Summary", "Tables", "Findings", "Across units", "Statistics", "Rubric"]);
    let summary = wb.worksheet_range("Summary").unwrap();
    assert_eq!(summary.height(), 4, "a header and three units");
    assert_eq!(summary.get((3, 0)), Some(&Data::String("某县信息中心".into())));
    assert_eq!(summary.get((3, 10)), Some(&Data::Float(77.0)));
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

    // The same targets in a zip, as they may arrive: the same difference.
    let zipped = dir.path().join("targets.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
    zip.start_file("春季/2020.xlsx", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, &std::fs::read(dir.path().join("targets/2020.xlsx")).unwrap()).unwrap();
    zip.finish().unwrap();
    let (code, out, err) = run_in(dir.path(), &["review", "units", "--targets", "targets.zip", "-o", "review2"]);
    assert_eq!(code, 0, "{out}{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("review2/review.json")).unwrap()).unwrap();
    assert_eq!(json["units"][0]["against_targets"], 1, "{}", json["units"][0]);
}

/// The synthetic batch of `examples/synth --batch` written into `dir`: its ground truth.
fn planted_batch(dir: &std::path::Path, units: usize) -> jixiao::synth::batch::Truth {
    planted_batch_in(dir, units, jixiao::form::Forms::builtin().default_form())
}

fn planted_batch_in(dir: &std::path::Path, units: usize, form: &jixiao::form::Form) -> jixiao::synth::batch::Truth {
    let forms = jixiao::form::Forms::builtin();
    let b = jixiao::synth::batch::batch(form, units, 2);
    std::fs::create_dir_all(dir).unwrap();
    for (file, packet) in &b.units {
        std::fs::write(dir.join(file), jixiao::synth::batch::workbook(packet, forms).unwrap()).unwrap();
    }
    b.truth
}

fn review_json(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("review.json")).unwrap()).unwrap()
}

#[test]
fn every_planted_problem_is_found_at_its_table_and_the_clean_units_are_not_flagged_in_every_form() {
    use jixiao::form::TableKind;
    let forms = jixiao::form::Forms::builtin();
    let mut planted_in = Vec::new();
    for form in forms.iter().filter(|f| f.kind == TableKind::SelfEvaluation) {
        let dir = tempfile::tempdir().unwrap();
        let truth = planted_batch_in(&dir.path().join("units"), 26, form);
        let (code, out, err) = run_in(dir.path(), &["review", "units", "-o", "review"]);
        assert_eq!(code, 0, "{}: {out}{err}", form.name);
        let json = review_json(&dir.path().join("review"));
        let units = json["units"].as_array().unwrap();
        assert_eq!(units.len(), 26);
        let found = |file: &str, table: &str, code: &str| {
            units.iter().filter(|u| u["file"].as_str().unwrap().ends_with(file)).any(|u| {
                u["report"]["diagnostics"].as_array().unwrap().iter().any(|d| {
                    d["code"] == code && d["location"].as_str().unwrap_or("").starts_with(&format!("{file}!{table}!"))
                })
            })
        };
        // Recall: every plant, at its table (a department's at the department).
        for p in &truth.planted {
            match (&p.table, &p.department) {
                (Some(table), _) => assert!(found(&p.file, table, p.code), "{}: missed {p:?}", form.name),
                (None, Some(dept)) => assert!(
                    json["across"]["diagnostics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["code"] == p.code && d["location"] == dept.as_str()),
                    "{}: missed {p:?}",
                    form.name
                ),
                _ => unreachable!(),
            }
        }
        planted_in.push((form.name.clone(), truth.planted.len()));
        // No false flags: a clean unit has no finding at all; a planted unit only what was
        // planted and what `check` says of the same slip (the score the rules give; Sichuan's
        // reason for a 执行率 under 90 %).
        let clean: Vec<&str> = truth.units.iter().filter(|u| u.clean).map(|u| u.file.as_str()).collect();
        for u in units {
            let file = u["file"].as_str().unwrap();
            let diags = u["report"]["diagnostics"].as_array().unwrap();
            if clean.iter().any(|c| file.ends_with(c)) {
                assert!(diags.is_empty(), "{}: {file}: {diags:?}", form.name);
                assert_eq!(u["quality"], "100", "{file}");
            } else {
                for d in diags {
                    let code = d["code"].as_str().unwrap();
                    let expected = truth.planted.iter().any(|p| file.ends_with(&p.file) && p.code == code)
                        || ["score-mismatch", "rate-reason-missing"].contains(&code);
                    assert!(expected, "{}: {file}: unplanted {code}: {}", form.name, d["message"]);
                }
            }
        }
        if form.name == "yunnan-2021" {
            assert_eq!(clean.len(), 26 - 8 - 3, "eight units with a plant, three in the high-scoring department");
            // The bureau's own figures: unit 8 typed five points more than its figures give.
            let inflated = units.iter().find(|u| u["file"].as_str().unwrap().ends_with("单位0008.xlsx")).unwrap();
            assert_eq!(inflated["tables"][0]["gap"], "5", "{}", inflated["tables"][0]);
            assert_eq!(inflated["tables"][1]["gap"], "0");
        }
    }
    // What each form can show: a form without goals, 分值 or 总分 has fewer plants.
    let counts: Vec<(&str, usize)> = planted_in.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    assert_eq!(
        counts,
        [("yunnan-2021", 9), ("national-2020", 9), ("sichuan-2023", 9), ("hubei-2020", 6), ("hunan-county-2020", 4)]
    );
}

#[test]
fn the_sample_is_stratified_weighted_and_drawn_again_by_its_seed() {
    let dir = tempfile::tempdir().unwrap();
    planted_batch(&dir.path().join("units"), 30);
    let picks = |args: &[&str]| {
        let (code, out, err) = run_in(dir.path(), &[&["review", "units", "-o", "r"], args].concat());
        assert_eq!(code, 0, "{out}{err}");
        let json = review_json(&dir.path().join("r"));
        let s = &json["sample"];
        let names: Vec<String> =
            s["picks"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect();
        (s["seed"].as_u64().unwrap(), names, s["picks"].clone(), out)
    };
    let (seed, first, picks_json, out) = picks(&["--sample", "20%"]);
    assert_eq!(first.len(), 6, "20% of 30 units");
    assert!(out.contains(&format!("--seed {seed}")), "the seed is printed to be given back: {out}");
    // Stratified: each 主管部门's share of the picks follows its share of the units (27 units in
    // four departments of 6–7, three in the fifth: 6 picks give 1–2 each, at most 1 to the fifth).
    let depts: Vec<&str> = picks_json.as_array().unwrap().iter().map(|p| p["department"].as_str().unwrap()).collect();
    for d in ["示范县财政局", "示范县教育局", "示范县卫生健康局", "示范县农业农村局"] {
        let n = depts.iter().filter(|x| **x == d).count();
        assert!((1..=2).contains(&n), "{d}: {n} of {depts:?}");
    }
    // Every pick says why.
    assert!(picks_json.as_array().unwrap().iter().all(|p| !p["reasons"].as_array().unwrap().is_empty()));
    // The same files draw the same sample; the seed given back draws it too; another seed another.
    assert_eq!(picks(&["--sample", "20%"]).1, first);
    assert_eq!(picks(&["--sample", "20%", "--seed", &seed.to_string()]).1, first);
    let others: Vec<Vec<String>> = (1..=5).map(|s| picks(&["--sample", "20%", "--seed", &s.to_string()]).1).collect();
    assert!(others.iter().any(|o| *o != first), "five other seeds all drew the same sample");
    // Weighted toward risk: over many seeds, a unit with red flags is drawn more often than a
    // clean one of its department.
    let (mut flagged, mut clean) = (0, 0);
    for s in 100..140u64 {
        let names = picks(&["--sample", "6", "--seed", &s.to_string()]).1;
        flagged += names.iter().filter(|n| n.as_str() == "示范县农业农村第4单位").count();
        clean += names.iter().filter(|n| n.as_str() == "示范县农业农村第8单位").count();
    }
    assert!(flagged > clean, "copied unit drawn {flagged} times, a clean one {clean}");
}

#[test]
fn a_zip_of_workbooks_is_reviewed_as_the_folder_and_the_reports_are_all_written() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    planted_batch(&dir.path().join("units"), 24);
    // The folder zipped (as a bureau receives it), with a stray file and a folder entry.
    let zip_path = dir.path().join("收件.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.add_directory("各单位/", opts).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("units")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "xlsx")) {
        zip.start_file(format!("各单位/{}", f.file_name().unwrap().to_string_lossy()), opts).unwrap();
        zip.write_all(&std::fs::read(f).unwrap()).unwrap();
    }
    zip.start_file("说明.txt", opts).unwrap();
    zip.write_all(b"readme").unwrap();
    zip.finish().unwrap();
    std::fs::write(dir.path().join("坏.zip"), b"not a zip").unwrap();

    let (code, out, err) = run_in(dir.path(), &["review", "units", "-o", "a"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run_in(dir.path(), &["review", "收件.zip", "坏.zip", "-o", "b"]);
    assert_eq!(code, 0, "{out}{err}");
    let (a, b) = (review_json(&dir.path().join("a")), review_json(&dir.path().join("b")));
    let summary = |j: &serde_json::Value| -> Vec<(String, String)> {
        j["units"].as_array().unwrap().iter().map(|u| (u["name"].to_string(), u["quality"].to_string())).collect()
    };
    let (sa, sb) = (summary(&a), summary(&b));
    assert_eq!(sb.len(), 25, "24 workbooks and the bad zip");
    assert_eq!(sa[..], sb[..24], "the zip's units as the folder's");
    assert!(b["units"][0]["file"].as_str().unwrap().ends_with("收件.zip/各单位/单位0001.xlsx"));
    assert!(b["units"][24]["unreadable"].as_str().is_some(), "{}", b["units"][24]);
    assert_eq!(
        a["across"]["diagnostics"].as_array().unwrap().len(),
        b["across"]["diagnostics"].as_array().unwrap().len()
    );

    // The reports: review.xlsx with its native charts, a page without scripts with its charts as
    // SVG, a feedback workbook per unit.
    let out = dir.path().join("a");
    let xlsx = zip::ZipArchive::new(std::fs::File::open(out.join("review.xlsx")).unwrap()).unwrap();
    let charts = xlsx.file_names().filter_map(Result::ok).filter(|n| n.starts_with("xl/charts/chart")).count();
    assert_eq!(charts, 3, "totals, grades per department, rate against score");
    let html = std::fs::read_to_string(out.join("review.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(!html.contains("<script"));
    assert!(html.contains("示范县文化和旅游局") && html.contains("单位0018.xlsx!公开12表-1!E20"));
    let feedback: Vec<_> = std::fs::read_dir(out.join("反馈")).unwrap().collect();
    assert_eq!(feedback.len(), 24);
    let mut wb: Xlsx<_> = open_workbook(out.join("反馈/示范县教育第10单位.xlsx")).unwrap();
    let findings = wb.worksheet_range("Findings").unwrap();
    let codes: Vec<String> = findings.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert_eq!(codes, ["score-mismatch", "full-score-missed-target"]);
}

#[test]
fn a_rubric_in_jixiao_toml_replaces_the_builtin_one_and_a_bad_one_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    planted_batch(&dir.path().join("units"), 24);
    std::fs::write(
        dir.path().join("jixiao.toml"),
        "[review]\nfull = 50\n\n[[review.category]]\nname = \"计分\"\neach = 10\ncap = 40\ncodes = [\"total-mismatch\"]\n\n[review.other]\nerror = 1\nwarning = 1\nnote = 0\ncap = 5\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["review", "units", "-o", "r"]);
    assert_eq!(code, 0, "{out}{err}");
    let json = review_json(&dir.path().join("r"));
    let quality = |file: &str| {
        json["units"].as_array().unwrap().iter().find(|u| u["file"].as_str().unwrap().ends_with(file)).unwrap()
            ["quality"]
            .clone()
    };
    assert_eq!(quality("单位0001.xlsx"), "50");
    assert_eq!(quality("单位0008.xlsx"), "40", "one total-mismatch: 10 off");
    assert_eq!(quality("单位0006.xlsx"), "48", "two warnings of no category: 1 each");
    assert_eq!(json["rubric"]["full"], "50");

    std::fs::write(
        dir.path().join("bad.toml"),
        "full = 100\n[[category]]\nname = \"x\"\neach = 1\ncap = 2\ncodes = [\"no-such-code\"]\n",
    )
    .unwrap();
    let (code, _out, err) = run_in(dir.path(), &["review", "units", "-o", "r", "--rubric", "bad.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad.toml:6") && err.contains("no-such-code"), "{err}");
}

#[test]
fn the_circular_names_the_figures_and_an_ejected_template_replaces_its_wording() {
    let dir = tempfile::tempdir().unwrap();
    planted_batch(&dir.path().join("units"), 24);
    let text =
        |pdf: &std::path::Path| -> String { pdf_extract::extract_text(pdf).unwrap().split_whitespace().collect() };
    // In Chinese, as the bureau reads it (the findings quoted in it are the catalogue's).
    let (code, out, err) = crate::common::run_in_lang(
        dir.path(),
        &["review", "units", "-o", "r", "--bureau", "示范县财政局", "--timestamp", "1764547200", "--feedback-pdf"],
        "zh",
    );
    assert_eq!(code, 0, "{out}{err}");
    let pdf = text(&dir.path().join("r/通报.pdf"));
    for words in [
        "关于项目支出绩效自评审核情况的通报",
        "本次共审核24个单位报送的48张项目支出绩效自评表，涉及5个主管部门",
        "示范县文化和旅游局的6张表中满分占100%",
        "示范县农业农村第8单位：总分填的是97，但各项得分合计92（单位0008.xlsx!公开12表-1!I22）",
        "示范县财政局2025年12月1日",
    ] {
        assert!(pdf.contains(words), "{words}: {pdf}");
    }
    // Each unit's feedback as a PDF beside its workbook: its scores and its findings.
    let letter = text(&dir.path().join("r/反馈/示范县教育第10单位.pdf"));
    for words in [
        "你单位共报送2张表，发现错误0处、警告2处，自评质量得分92分",
        "公开12表-2示范县教育第10单位第2号项目10096.333.67",
        "未达指标值却得满分",
    ] {
        assert!(letter.contains(words), "{words}: {letter}");
    }
    assert_eq!(std::fs::read_dir(dir.path().join("r/反馈")).unwrap().count(), 48, "a workbook and a PDF a unit");
    // The wording is the template's: ejected, edited, given back.
    assert_eq!(run_in(dir.path(), &["init", "unit", "--eject-templates"]).0, 0);
    let tpl = dir.path().join("unit/templates/circular.typ");
    let edited = std::fs::read_to_string(&tpl).unwrap().replace("各预算单位：", "各县直单位：");
    std::fs::write(&tpl, edited).unwrap();
    let (code, out, err) = run_in(dir.path(), &["review", "units", "-o", "r2", "--templates", "unit/templates"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(text(&dir.path().join("r2/通报.pdf")).contains("各县直单位："));
    // A template that does not compile is a finding at its line, and nothing is half written.
    std::fs::write(&tpl, "#let x = (\n").unwrap();
    let (code, _out, err) = run_in(dir.path(), &["review", "units", "-o", "r3", "--templates", "unit/templates"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("circular.typ:"), "{err}");
    assert!(!dir.path().join("r3/review.xlsx").exists(), "no report without its circular");
    // A date past 9999 is refused as `build` refuses it, not taken as 1970.
    let (code, _out, err) = run_in(dir.path(), &["review", "units", "-o", "r4", "--timestamp", "253402300800"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid-date"), "{err}");
}
