//! Every diagnostic code, through the command line: an input that triggers it, the place the
//! diagnostic names and the exit code of the run. The rules themselves are unit-tested on
//! in-memory tables (src/check/tests.rs); here each code is seen as a user sees it.

use crate::common::forms::{hunan_county, hunan_targets, wuhan_targets, TargetRow};
use crate::common::{fixture, run_in, run_in_lang, seed_workbook, write_variant, Variant};
use jixiao::diag::Code;
use jixiao::model::{Measure, Packet};
use rust_decimal_macros::dec;
use std::path::Path;

/// What one run reported: (code, location, message and hint), and its exit code.
struct Run {
    code: i32,
    found: Vec<Found>,
    stderr: String,
}

/// One finding as a run reported it.
struct Found {
    code: String,
    location: Option<String>,
    /// The message and its hint, as the person reads them.
    words: String,
}

/// Runs jixiao in `dir` in Chinese, as finance staff read it; reads the diagnostics from
/// `--format json` when `check` ran, else from the human report on stderr (`错误[code]: …` then
/// `  --> location` and the hint).
fn run(dir: &Path, args: &[&str]) -> Run {
    let (code, out, err) = run_in_lang(dir, args, "zh");
    assert!(!err.contains("thread '"), "the default panic report: {args:?}: {err}");
    let found = if args.contains(&"json") {
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"));
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
                Found {
                    code: s("code"),
                    location: d["location"].as_str().map(String::from),
                    words: s("message") + "\n" + &s("hint"),
                }
            })
            .collect()
    } else {
        let lines: Vec<&str> = err.lines().collect();
        let mut found = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            let Some(rest) = ["错误[", "警告[", "提示["].iter().find_map(|p| l.strip_prefix(p)) else { continue };
            let (code, message) = rest.split_once("]: ").unwrap_or((rest.trim_end_matches(']'), ""));
            let after: Vec<&str> = lines[k + 1..].iter().take_while(|n| n.starts_with("  ")).copied().collect();
            let location = after.iter().find_map(|n| n.trim_start().strip_prefix("--> ")).map(String::from);
            let hint = after.iter().find_map(|n| n.trim_start().strip_prefix("建议：")).unwrap_or_default();
            found.push(Found { code: code.to_string(), location, words: format!("{message}\n{hint}") });
        }
        found
    };
    Run { code, found, stderr: err }
}

/// The English words in a Chinese finding: runs of three or more Latin letters that are none of
/// the names a Chinese reader meets as they are (file names, commands and flags, formats, codes).
fn english_words(text: &str) -> Vec<String> {
    // The data of the cases (indicator names such as MTTR, form names, folder and sheet names)
    // and the names a Chinese reader meets as they are.
    const AS_THEY_ARE: &[&str] = &[
        "MTTR",
        "MTBF",
        "hubei",
        "hunan",
        "county",
        "sichuan",
        "national",
        "wuhan",
        "nowhere",
        "old",
        "Sheet",
        "jixiao",
        "xlsx",
        "xls",
        "ods",
        "toml",
        "json",
        "html",
        "pdf",
        "PDF",
        "HTML",
        "Excel",
        "WPS",
        "README",
        "Forms",
        "Limits",
        "init",
        "build",
        "check",
        "forms",
        "force",
        "form",
        "eject",
        "templates",
        "font",
        "path",
        "output",
        "input",
        "timestamp",
        "yunnan",
        "seed",
        "variant",
        "UTF",
        "DIV",
        "REF",
        "YYYY",
        "UTC",
        "packet",
        "model",
        "targets",
        "file",
        "out",
        "tmp",
        "Typst",
        "typst",
        "lang",
        "published",
        "corrects",
        "notes",
    ];
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            word.push(c);
            continue;
        }
        let is_code = Code::ALL.iter().any(|k| k.as_str().split('-').any(|p| p == word));
        if word.len() >= 3 && !AS_THEY_ARE.contains(&word.as_str()) && !is_code && !word.starts_with("jx") {
            out.push(word.clone());
        }
        word.clear();
    }
    out
}

/// The seed workbook with `edit` applied, as `seed.xlsx` in `dir`.
fn seed(dir: &Path, edit: impl FnOnce(&mut Packet)) {
    seed_workbook(&dir.join("seed.xlsx"), edit);
}

fn variant(dir: &Path, v: Variant) {
    write_variant(&dir.join("variant.xlsx"), &v);
}

/// 公开12表-2's indicator `k`.
fn t2(p: &mut Packet, k: usize) -> &mut jixiao::model::Indicator {
    &mut p.tables[1].indicators[k]
}

const CHECK: &[&str] = &["check", "seed.xlsx", "--format", "json", "--deny-warnings"];
const CHECK_VARIANT: &[&str] = &["check", "variant.xlsx", "--format", "json", "--deny-warnings"];

/// One case: the code, how to set the folder up, the command, where the diagnostic points (the
/// end of its location), and the exit code.
/// The Hunan county table's project, and a run that checks it against the targets in t.xlsx.
const PROJECT: &str = "农村公路提质改造专项资金";
const TARGETS: &[&str] = &["check", "e.xlsx", "--targets", "t.xlsx", "--format", "json"];

/// The Hunan county table as e.xlsx, and its spring targets for `project`, changed by `change`,
/// as `name` (in Wuhan's target form).
fn targets(dir: &Path, name: &str, project: &str, change: impl FnOnce(&mut Vec<TargetRow>)) {
    hunan_county(&dir.join("e.xlsx"));
    let mut rows = hunan_targets();
    change(&mut rows);
    wuhan_targets(&dir.join(name), project, &rows);
}

struct Case {
    code: Code,
    setup: fn(&Path),
    args: &'static [&'static str],
    at: Option<&'static str>,
    exit: i32,
}

fn cases() -> Vec<Case> {
    let c = |code, setup: fn(&Path), args, at, exit| Case { code, setup, args, at, exit };
    vec![
        c(
            Code::FundsSum,
            |d| seed(d, |p| p.tables[1].funds.rows[0].full_year.value = Some(dec!(1))),
            CHECK,
            Some("公开12表-2!D6"),
            1,
        ),
        c(
            Code::RateMismatch,
            |d| seed(d, |p| p.tables[1].funds.rows[1].rate.value = Some(dec!(0.9))),
            CHECK,
            Some("公开12表-2!G7"),
            1,
        ),
        c(
            Code::ActualsEqualTargets,
            |d| {
                std::fs::create_dir(d.join("units")).unwrap();
                seed_workbook(&d.join("units/a.xlsx"), |p| {
                    for i in &mut p.tables[0].indicators {
                        i.actual.value = i.target.value.clone();
                    }
                });
            },
            &["review", "units", "-o", "out"],
            Some("a.xlsx!公开12表-1!G14"),
            0,
        ),
        c(
            Code::CopiedAcrossUnits,
            |d| {
                std::fs::create_dir(d.join("units")).unwrap();
                seed_workbook(&d.join("units/a.xlsx"), |_| {});
                seed_workbook(&d.join("units/b.xlsx"), |p| {
                    p.tables.iter_mut().for_each(|t| t.implementer.value = "某县信息中心".into())
                });
            },
            &["review", "units", "-o", "out"],
            Some("b.xlsx!公开12表-1!C14"),
            0,
        ),
        c(
            Code::GoalsCopiedAcrossUnits,
            batch,
            &["review", "units", "-o", "out"],
            // Both goal texts were copied: one finding for the table, with the second cell.
            Some("单位0006.xlsx!公开12表-2!B11 (B11, F11)"),
            0,
        ),
        c(
            Code::InconsistentStandard,
            batch,
            &["review", "units", "-o", "out"],
            Some("单位0018.xlsx!公开12表-1!E20"),
            0,
        ),
        c(
            Code::FullScoreMissedTarget,
            batch,
            &["review", "units", "-o", "out"],
            Some("单位0010.xlsx!公开12表-2!I19"),
            0,
        ),
        c(Code::FullMarksLowRate, batch, &["review", "units", "-o", "out"], Some("单位0016.xlsx!公开12表-1!G6"), 0),
        c(Code::DepartmentHighScores, batch, &["review", "units", "-o", "out", "-v"], Some("示范县文化和旅游局"), 0),
        c(
            Code::RateMissing,
            |d| seed(d, |p| p.tables[1].funds.rows[1].rate.value = None),
            CHECK,
            Some("公开12表-2!G7"),
            1,
        ),
        c(
            Code::FundsWeight,
            |d| seed(d, |p| p.tables[1].funds.weight.value = Some(dec!(20))),
            CHECK,
            Some("公开12表-2!F6"),
            1,
        ),
        c(
            Code::ScoreMismatch,
            |d| {
                seed(d, |p| {
                    t2(p, 0).score.value = Some(dec!(9));
                    p.tables[1].total.score.value = Some(dec!(99));
                })
            },
            CHECK,
            Some("公开12表-2!I14"),
            1,
        ),
        c(
            Code::ScoreAboveWeight,
            |d| {
                seed(d, |p| {
                    t2(p, 1).score.value = Some(dec!(12));
                    p.tables[1].total.score.value = Some(dec!(100.5));
                })
            },
            CHECK,
            Some("公开12表-2!I15"),
            1,
        ),
        c(Code::ScoreMissing, |d| seed(d, |p| t2(p, 1).score.value = None), CHECK, Some("公开12表-2!I15"), 1),
        c(Code::ActualMissing, |d| seed(d, |p| t2(p, 1).actual.value = None), CHECK, Some("公开12表-2!G15"), 1),
        c(
            Code::InstructionText,
            |d| seed(d, |p| p.tables[1].department.value = "（主管部门名称）".into()),
            CHECK,
            Some("公开12表-2!C4"),
            1,
        ),
        c(
            Code::GroupPoints,
            |d| crate::common::forms::hubei(&d.join("x.xlsx"), (60, 40)),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!项目自评表!B11"),
            1,
        ),
        c(
            Code::FormUndetected,
            |d| {
                let mut wb = rust_xlsxwriter::Workbook::new();
                let ws = wb.add_worksheet();
                ws.write_string(0, 0, "项目名称").unwrap();
                ws.write_string(0, 1, "某专项资金").unwrap();
                ws.write_string(1, 0, "绩效指标").unwrap();
                wb.save(d.join("x.xlsx")).unwrap();
            },
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!Sheet1"),
            1,
        ),
        c(
            Code::FormInvalid,
            |d| {
                seed(d, |_| {});
                std::fs::create_dir(d.join("forms")).unwrap();
                let text = jixiao::form::BUILTIN[0].1.replacen("money_unit", "currency", 1);
                std::fs::write(d.join("forms/county.toml"), text).unwrap();
            },
            &["check", "seed.xlsx", "--format", "json"],
            Some("county.toml:4"),
            2,
        ),
        c(
            Code::FormUnknown,
            |d| seed(d, |_| {}),
            &["check", "seed.xlsx", "--format", "json", "--form", "nowhere"],
            None,
            2,
        ),
        c(Code::ReasonMissing, |d| seed(d, |p| t2(p, 0).reason.value.clear()), CHECK, Some("公开12表-2!J14"), 1),
        c(
            Code::QualitativeBand,
            |d| {
                seed(d, |p| {
                    let i = t2(p, 4);
                    i.sign.value = None;
                    i.unit.value.clear();
                    i.target.value = Some(Measure::Text("达到预期".into()));
                    i.actual.value = Some(Measure::Text("部分达成".into()));
                })
            },
            CHECK,
            Some("公开12表-2!I18"),
            1,
        ),
        c(Code::WeightMissing, |d| seed(d, |p| t2(p, 2).weight.value = None), CHECK, Some("公开12表-2!H16"), 1),
        c(Code::SignMissing, |d| seed(d, |p| t2(p, 3).sign.value = None), CHECK, Some("公开12表-2!D17"), 1),
        c(
            Code::ActualNotNumber,
            |d| seed(d, |p| t2(p, 3).actual.value = Some(Measure::Text("已完成".into()))),
            CHECK,
            Some("公开12表-2!G17"),
            1,
        ),
        c(
            Code::WeightsSum,
            |d| {
                seed(d, |p| {
                    let i = t2(p, 6);
                    i.weight.value = Some(dec!(20));
                    i.score.value = Some(dec!(20));
                    p.tables[1].total.weight.value = Some(dec!(110));
                    p.tables[1].total.score.value = Some(dec!(108.5));
                })
            },
            CHECK,
            Some("公开12表-2!H22"),
            1,
        ),
        c(
            Code::TotalWeight,
            |d| seed(d, |p| p.tables[1].total.weight.value = Some(dec!(90))),
            CHECK,
            Some("公开12表-2!H22"),
            1,
        ),
        c(
            Code::Level1Weights,
            |d| {
                seed(d, |p| {
                    for (k, w) in [(5, dec!(25)), (6, dec!(15))] {
                        t2(p, k).weight.value = Some(w);
                        t2(p, k).score.value = Some(w);
                    }
                })
            },
            CHECK,
            Some("公开12表-2!A19"),
            1,
        ),
        c(
            Code::TotalMismatch,
            |d| seed(d, |p| p.tables[1].total.score.value = Some(dec!(100))),
            CHECK,
            Some("公开12表-2!I22"),
            1,
        ),
        c(
            Code::GradeFilled,
            |d| std::fs::copy(fixture("fixtures/seed-2021.xlsx"), d.join("seed.xlsx")).map(drop).unwrap(),
            &["check", "seed.xlsx", "--format", "json"],
            Some("seed.xlsx!公开12表-2!J22"),
            0,
        ),
        c(
            Code::GradeMismatch,
            |d| seed(d, |p| p.tables[1].total.grade.value = Some("良".into())),
            CHECK,
            Some("公开12表-2!J22"),
            1,
        ),
        c(Code::DuplicateIndicators, |d| seed(d, |_| {}), CHECK, Some("公开12表-3!C14"), 1),
        c(
            Code::DuplicateNumber,
            |d| seed(d, |p| p.tables[1].number.value = "公开12表-1".into()),
            CHECK,
            Some("公开12表-1(2)!J2"),
            1,
        ),
        c(
            Code::PlaceholderIndicator,
            |d| seed(d, |p| t2(p, 2).name.value = "指标3".into()),
            CHECK,
            Some("公开12表-2!C16"),
            1,
        ),
        c(
            Code::TemplateRows,
            |d| {
                seed(d, |p| {
                    let mut row = jixiao::model::Indicator::default();
                    row.name.value = "指标8".into();
                    p.tables[1].indicators.push(row);
                })
            },
            CHECK,
            Some("公开12表-2!C21"),
            1,
        ),
        c(
            Code::UnreadCell,
            |d| variant(d, Variant { stray: true, ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!L6"),
            1,
        ),
        c(
            Code::UnreadText,
            |d| variant(d, Variant { stray: true, ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!L3"),
            1,
        ),
        c(
            Code::LabelVariant,
            |d| variant(d, Variant { current_label: Some("本级财政资金"), ..Variant::default() }),
            &["check", "variant.xlsx", "--format", "json"],
            Some("variant.xlsx!公开12表-2!B7"),
            0,
        ),
        c(
            Code::RateReasonMissing,
            |d| {
                crate::common::forms::sichuan_with(&d.join("x.xlsx"), 100.0, "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；2.年中发生预算调整的需说明调整原因（100字以内）。")
            },
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!部门预算项目支出绩效自评表!J11"),
            1,
        ),
        c(
            Code::OverAchievement,
            |d| seed(d, |_| {}),
            &["check", "seed.xlsx", "--format", "json"],
            Some("公开12表-2!G16"),
            0,
        ),
        c(
            Code::MissingGlyph,
            |d| seed(d, |p| p.tables[1].implementer.value = "云南省𠀀信息中心".into()),
            &["build", "seed.xlsx", "-o", "out", "--formats", "pdf"],
            Some("公开12表-2!G4"),
            1,
        ),
        c(
            Code::MissingLabel,
            |d| copy(d, "invalid/missing-project-name.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!公开12表-1"),
            1,
        ),
        c(
            Code::NumberExpected,
            |d| copy(d, "invalid/text-in-money-cell.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!公开12表-1!D6"),
            1,
        ),
        c(
            Code::CellError,
            |d| variant(d, Variant { error_in_budget: true, ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!D6"),
            1,
        ),
        c(
            Code::UnknownSign,
            |d| variant(d, Variant { signs: ["约", "<=", ">=", ">=", "<=", ">=", ">="], ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!D14"),
            1,
        ),
        c(
            Code::NoIndicators,
            |d| variant(d, Variant { no_indicators: true, ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!A14"),
            1,
        ),
        c(
            Code::NoTables,
            |d| copy(d, "invalid/empty-workbook.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx"),
            1,
        ),
        c(
            Code::FormulaWithoutValue,
            |d| variant(d, Variant { formulas: true, ..Variant::default() }),
            CHECK_VARIANT,
            Some("variant.xlsx!公开12表-2!D6"),
            1,
        ),
        c(
            Code::SheetSkipped,
            |d| variant(d, Variant { cover_sheet: true, ..Variant::default() }),
            &["check", "variant.xlsx", "--format", "json"],
            Some("variant.xlsx!封面"),
            0,
        ),
        c(
            Code::Typst,
            |d| {
                seed(d, |_| {});
                std::fs::create_dir(d.join("tpl")).unwrap();
                std::fs::write(
                    d.join("tpl/table.typ"),
                    "#let packet-style(opts, body) = body\n#let render-table(t, key, opts) = panic(\"no\")\n",
                )
                .unwrap();
            },
            &["build", "seed.xlsx", "-o", "out", "--templates", "tpl", "--formats", "pdf"],
            Some("table.typ:2"),
            1,
        ),
        c(
            Code::TypstInternal,
            |d| {
                seed(d, |_| {});
                let from = fixture("invalid/templates/header-at-page-top-in-one-table/table.typ");
                std::fs::create_dir(d.join("tpl")).unwrap();
                std::fs::copy(from, d.join("tpl/table.typ")).unwrap();
            },
            &["build", "seed.xlsx", "-o", "out", "--templates", "tpl", "--formats", "pdf"],
            None,
            1,
        ),
        c(
            Code::HtmlTemplate,
            |d| {
                seed(d, |_| {});
                std::fs::create_dir(d.join("tpl")).unwrap();
                std::fs::write(d.join("tpl/index.html.tera"), "{% for %}").unwrap();
            },
            &["build", "seed.xlsx", "-o", "out", "--templates", "tpl", "--formats", "html"],
            None,
            1,
        ),
        c(
            Code::Xlsx,
            |d| {
                // A title longer than an Excel cell holds (32,767 characters).
                seed(d, |_| {});
                std::fs::write(d.join("jixiao.toml"), format!("title = \"{}\"\n", "绩".repeat(33_000))).unwrap();
            },
            &["build", "seed.xlsx", "-o", "out", "--formats", "xlsx"],
            None,
            1,
        ),
        c(
            Code::DateUnknown,
            |d| {
                seed(d, |_| {});
                assert_eq!(run_in(d, &["build", "seed.xlsx", "-o", "old", "--formats", "html"]).0, 0);
                seed(d, |p| p.tables[0].project.value.push_str("（更正）"));
            },
            &["build", "seed.xlsx", "-o", "out", "--formats", "html", "--corrects", "old"],
            None,
            0,
        ),
        c(
            Code::NothingCorrected,
            |d| {
                seed(d, |_| {});
                assert_eq!(run_in(d, &["build", "seed.xlsx", "-o", "old", "--formats", "html"]).0, 0);
            },
            &["build", "seed.xlsx", "-o", "out", "--formats", "html", "--corrects", "old"],
            Some("old"),
            0,
        ),
        c(
            Code::TargetUnnamed,
            |d| targets(d, "t.xlsx", PROJECT, |rows| rows[0].2 = "95"),
            &["check", "t.xlsx", "--format", "json"],
            Some("t.xlsx!绩效目标表!G12"),
            1,
        ),
        c(
            Code::TargetValueMissing,
            |d| targets(d, "t.xlsx", PROJECT, |rows| rows[0].3 = ""),
            &["check", "t.xlsx", "--format", "json"],
            Some("t.xlsx!绩效目标表!H12"),
            1,
        ),
        c(
            Code::TargetTree,
            |d| targets(d, "t.xlsx", PROJECT, |rows| rows[1].1 = ""),
            &["check", "t.xlsx", "--format", "json"],
            Some("t.xlsx!绩效目标表!G13"),
            1,
        ),
        c(
            Code::TargetDropped,
            |d| targets(d, "t.xlsx", PROJECT, |rows| rows.push(("产出指标", "数量指标", "新建桥梁座数", "2座"))),
            TARGETS,
            Some("e.xlsx!县级专项资金绩效目标自评表!C2"),
            1,
        ),
        c(
            Code::TargetAdded,
            |d| {
                targets(d, "t.xlsx", PROJECT, |rows| {
                    rows.remove(3);
                })
            },
            TARGETS,
            Some("e.xlsx!县级专项资金绩效目标自评表!D14"),
            0,
        ),
        c(
            Code::TargetChanged,
            |d| targets(d, "t.xlsx", PROJECT, |rows| rows[2].3 = "≥95%"),
            TARGETS,
            Some("e.xlsx!县级专项资金绩效目标自评表!E13"),
            0,
        ),
        c(
            Code::TargetsUnmatched,
            |d| targets(d, "t.xlsx", "另一个项目", |_| {}),
            TARGETS,
            Some("e.xlsx!县级专项资金绩效目标自评表!C2"),
            0,
        ),
        c(Code::FileUnreadable, |_| {}, &["check", "missing.xlsx", "--format", "json"], Some("missing.xlsx"), 2),
        c(
            Code::NotAWorkbook,
            |d| copy(d, "invalid/not-a-workbook.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx"),
            2,
        ),
        c(
            Code::CorruptWorkbook,
            |d| copy(d, "invalid/corrupt-zip.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx"),
            2,
        ),
        c(
            Code::PasswordProtected,
            |d| copy(d, "invalid/password-protected.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx"),
            2,
        ),
        c(
            Code::TooLarge,
            |d| copy(d, "invalid/sheet-too-large.xlsx"),
            &["check", "x.xlsx", "--format", "json"],
            Some("x.xlsx!Sheet1"),
            2,
        ),
        c(
            Code::Config,
            |d| std::fs::write(d.join("jixiao.toml"), "output = \"out\"\nouptut = \"x\"\n").unwrap(),
            &[],
            Some("jixiao.toml:2"),
            2,
        ),
        c(Code::NoInput, |_| {}, &["build"], None, 2),
        c(
            Code::PacketUnreadable,
            |d| {
                seed(d, |_| {});
                std::fs::create_dir(d.join("empty")).unwrap();
            },
            &["diff", "empty", "seed.xlsx"],
            Some("empty"),
            2,
        ),
        c(
            Code::TemplateUnreadable,
            |d| {
                seed(d, |_| {});
                std::fs::create_dir(d.join("tpl")).unwrap();
                std::fs::write(d.join("tpl/table.typ"), b"\xff\xfe not UTF-8").unwrap();
            },
            &["build", "seed.xlsx", "-o", "out", "--templates", "tpl"],
            Some("table.typ"),
            2,
        ),
        c(
            Code::InvalidDate,
            |d| seed(d, |_| {}),
            &["build", "seed.xlsx", "-o", "out", "--timestamp", "253402300800"],
            None,
            2,
        ),
        c(
            Code::WriteFailed,
            |d| {
                seed(d, |_| {});
                std::fs::write(d.join("file"), "").unwrap();
            },
            &["build", "seed.xlsx", "-o", "file/out", "--formats", "html"],
            Some("file"),
            2,
        ),
    ]
}

/// The planted batch of `examples/synth --batch` in `units/` (24 units of two tables).
fn batch(dir: &Path) {
    let forms = jixiao::form::Forms::builtin();
    let b = jixiao::synth::batch::batch(forms.default_form(), 24, 2);
    std::fs::create_dir(dir.join("units")).unwrap();
    for (file, packet) in &b.units {
        std::fs::write(dir.join("units").join(file), jixiao::synth::batch::workbook(packet, forms).unwrap()).unwrap();
    }
}

fn copy(dir: &Path, fixture_name: &str) {
    std::fs::copy(fixture(fixture_name), dir.join("x.xlsx")).unwrap();
}

/// The codes whose findings quote another program's own words (Typst, the TOML reader, the
/// operating system): those words stay as that program wrote them.
const FOREIGN_WORDS: &[Code] = &[
    Code::Typst,
    Code::TypstInternal,
    Code::HtmlTemplate,
    Code::Config,
    Code::FormInvalid,
    Code::WriteFailed,
    Code::FileUnreadable,
    Code::CorruptWorkbook,
    Code::TemplateUnreadable,
    Code::PacketUnreadable,
    Code::Xlsx,
];

#[test]
fn every_code_is_reported_at_its_place_with_its_exit_code_in_chinese() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let dir = tempfile::tempdir().unwrap();
        (case.setup)(dir.path());
        let r = run(dir.path(), case.args);
        let name = case.code.as_str();
        let hit = r.found.iter().find(|f| {
            f.code == name && case.at.is_none_or(|at| f.location.as_deref().is_some_and(|l| l.ends_with(at)))
        });
        let found: Vec<(&str, Option<&str>)> =
            r.found.iter().map(|f| (f.code.as_str(), f.location.as_deref())).collect();
        match hit {
            Some(f) if r.code == case.exit => {
                // In Chinese, with no English left (a library's own account, quoted, aside).
                let english = english_words(&f.words);
                if !FOREIGN_WORDS.contains(&case.code) && !english.is_empty() {
                    failures.push(format!("{name}: English in the Chinese finding {english:?}:\n{}", f.words));
                }
            }
            _ => failures.push(format!(
                "{name}: exit {} (want {}), found {found:?} (want at {:?})\n{}",
                r.code, case.exit, case.at, r.stderr
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every code has its case, but `internal`: the system refusing threads cannot be provoked.
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| **c != Code::Internal && !cases.iter().any(|k| k.code == **c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}

/// The README's section between `<!-- NAME: generated from SOURCE -->` and `<!-- end of NAME -->`
/// is `table`; `JIXIAO_BLESS=1` rewrites it.
fn readme_section(name: &str, source: &str, table: &str) {
    doc_section("README.md", name, source, table)
}

/// [`readme_section`] in the document `doc` (a path from the project's folder).
fn doc_section(doc: &str, name: &str, source: &str, table: &str) {
    // The tests run at once; two rewriting the README together would lose one's section.
    static README: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _held = README.lock().unwrap_or_else(|e| e.into_inner());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (format!("<!-- {name}: generated from {source} -->\n"), format!("<!-- end of {name} -->"));
    let begin = readme.find(&start).unwrap_or_else(|| panic!("the README's {name} section")) + start.len();
    let stop = begin + readme[begin..].find(&end).unwrap_or_else(|| panic!("the end of the {name} section"));
    if readme[begin..stop] != *table {
        if std::env::var_os("JIXIAO_BLESS").is_some() {
            std::fs::write(&path, format!("{}{table}{}", &readme[..begin], &readme[stop..])).unwrap();
        }
        panic!("{doc}'s {name} are not {source}'s; JIXIAO_BLESS=1 cargo test rewrites them:\n{table}");
    }
}

#[test]
fn the_readme_lists_every_code_as_the_registry_says() {
    readme_section("codes", "src/diag.rs", &jixiao::diag::codes_markdown());
}

#[test]
fn the_user_guide_says_what_to_do_about_every_code_in_chinese() {
    jixiao::i18n::set(jixiao::i18n::Lang::Zh);
    doc_section("docs/用户手册.md", "codes", "src/diag.rs", &jixiao::diag::guide_markdown());
}

#[test]
fn the_readme_lists_every_limit_as_enforced() {
    readme_section("limits", "src/limits.rs", &jixiao::limits::markdown());
}

#[test]
fn a_funds_sum_reads_as_the_bureau_writes_it_in_chinese_and_in_english() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), |p| p.tables[1].funds.rows[0].full_year.value = Some(dec!(606.19)));
    let words = |lang| {
        let (_, out, _) = run_in_lang(dir.path(), CHECK, lang);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "funds-sum").cloned().unwrap();
        (d["message"].as_str().unwrap().to_string(), d["hint"].as_str().unwrap().to_string())
    };
    assert_eq!(
        words("zh"),
        (
            "年度资金总额的全年预算数为 606.19 万元，但其中各项（当年财政拨款 + 上年结转资金 + 其他资金）合计 603.19 万元，相差 3.00 万元".to_string(),
            "年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金；改正填错的那个数".to_string()
        )
    );
    let (message, _) = words("en");
    assert_eq!(
        message,
        "年度资金总额 全年预算数 is 606.19 万元 but its 其中 rows (当年财政拨款 + 上年结转资金 + 其他资金) add up to 603.19 万元, 3.00 万元 apart"
    );
}
