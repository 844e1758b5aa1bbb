//! Test helpers: a compact view of the model, and variant workbooks written with
//! rust_xlsxwriter in the published layout.
#![allow(dead_code)]

pub mod forms;
pub mod respell;

use jixiao::model::{FundRow, Measure, Packet};
use rust_xlsxwriter::{Formula, Workbook, Worksheet};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

fn dec(d: Option<rust_decimal::Decimal>) -> Value {
    d.map(|d| Value::String(d.normalize().to_string())).unwrap_or(Value::Null)
}

fn measure(m: &Option<Measure>) -> Value {
    match m {
        Some(Measure::Number(n)) => Value::String(n.normalize().to_string()),
        Some(Measure::Text(t)) => Value::String(t.clone()),
        None => Value::Null,
    }
}

fn row(r: &FundRow) -> Value {
    json!([dec(r.initial.value), dec(r.full_year.value), dec(r.executed.value), dec(r.rate.value)])
}

/// The model's values without cell positions, in the shape of `fixtures/*.expected.json`.
pub fn compact(p: &Packet) -> Value {
    let tables: Vec<Value> = p
        .tables
        .iter()
        .map(|t| {
            json!({
                "number": t.number.value, "title": t.title.value, "project": t.project.value,
                "department": t.department.value, "implementer": t.implementer.value,
                "funds": {
                    "total": row(&t.funds.rows[0]), "current": row(&t.funds.rows[1]),
                    "carried_over": row(&t.funds.rows[2]), "other": row(&t.funds.rows[3]),
                    "weight": dec(t.funds.weight.value), "score": dec(t.funds.score.value),
                },
                "expected": t.goals.expected.value, "achieved": t.goals.achieved.value,
                "indicators": t.indicators.iter().map(|i| json!([
                    i.level1.value, i.level2.value, i.name.value,
                    i.sign.value.map(|s| s.as_str()).unwrap_or(""),
                    measure(&i.target.value), i.unit.value, measure(&i.actual.value),
                    dec(i.weight.value), dec(i.score.value), i.reason.value,
                ])).collect::<Vec<_>>(),
                "other_matters": t.other_matters.value,
                "total": [dec(t.total.weight.value), dec(t.total.score.value), t.total.grade.value],
                "notes": t.notes.iter().map(|n| n.value.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "tables": tables })
}

/// How a generated workbook departs from the seed's layout of 公开12表-2.
#[derive(Clone)]
pub struct Variant {
    /// Zero-based row and column of the title cell.
    pub origin: (u32, u16),
    pub numbers_as_text: bool,
    /// 指标性质 spellings for the seven rows (the seed uses >= and <=).
    pub signs: [&'static str; 7],
    /// 年度指标值 as one cell ("≥20个") instead of three columns.
    pub single_cell_target: bool,
    /// 执行率, 年度资金总额, 得分 and 总分 as formulas with no saved result.
    pub formulas: bool,
    /// Labels with line breaks and full-width punctuation.
    pub label_noise: bool,
    /// Indicator text override: (row index, 三级指标 text).
    pub names: Vec<(usize, String)>,
    /// A sheet before the table (a cover page).
    pub cover_sheet: bool,
    /// The 绩效指标 header with no indicator rows under it.
    pub no_indicators: bool,
    /// 年度资金总额 全年预算数 (D6) a formula whose saved result is the error #DIV/0!.
    pub error_in_budget: bool,
    /// Cells no form has a place for: the figure 42 right of the funds (L6), the note 见附件 right
    /// of the project (L3).
    pub stray: bool,
    /// The 当年财政拨款 row's label as a unit spells it.
    pub current_label: Option<&'static str>,
}

impl Default for Variant {
    fn default() -> Self {
        Variant {
            origin: (0, 0),
            numbers_as_text: false,
            signs: [">=", "<=", ">=", ">=", "<=", ">=", ">="],
            single_cell_target: false,
            formulas: false,
            label_noise: false,
            names: Vec::new(),
            cover_sheet: false,
            no_indicators: false,
            error_in_budget: false,
            stray: false,
            current_label: None,
        }
    }
}

/// One indicator row of 公开12表-2: 一级, 二级, 三级指标, target, unit, actual, 分值, 得分, reason.
pub type IndicatorRow = (&'static str, &'static str, &'static str, f64, &'static str, f64, f64, f64, &'static str);

pub const T2_ROWS: [IndicatorRow; 7] = [
    (
        "产出指标",
        "数量指标",
        "运维保障业务系统数量",
        20.0,
        "个",
        17.0,
        10.0,
        8.5,
        "由于省纪委、省政务服务管理局、省人社厅等省级部门托管的系统迁移，运维保障系统数量有所减少。",
    ),
    ("", "质量指标", "平均修复时间(MTTR)", 60.0, "分钟", 30.08, 10.0, 10.0, ""),
    ("", "质量指标", "平均无故障时间(MTBF)", 90.0, "天", 164.0, 10.0, 10.0, ""),
    ("", "质量指标", "对承载业务的服务响应率", 95.0, "%", 100.0, 10.0, 10.0, ""),
    ("", "时效指标", "对承载业务的服务响应时间", 10.0, "分钟", 8.89, 10.0, 10.0, ""),
    ("效益指标", "社会效益指标", "对承载业务的运维服务响应率", 95.0, "%", 100.0, 30.0, 30.0, ""),
    ("满意度指标", "服务对象满意度指标等", "应用系统业主方满意度", 90.0, "%", 100.0, 10.0, 10.0, ""),
];

/// Writes 公开12表-2 of the seed in the published layout, varied as `v` says.
pub fn write_variant(path: &Path, v: &Variant) {
    let mut wb = Workbook::new();
    if v.cover_sheet {
        let cover = wb.add_worksheet();
        cover.set_name("封面").unwrap();
        cover.write_string(0, 0, "2021年度部门决算公开").unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("公开12表-2").unwrap();
    if v.formulas {
        ws.set_formula_result_default("");
    }
    write_table(ws, v);
    wb.save(path).unwrap();
}

fn write_table(ws: &mut Worksheet, v: &Variant) {
    let (r0, c0) = v.origin;
    let s = |ws: &mut Worksheet, r: u32, c: u16, t: &str| {
        if !t.is_empty() {
            ws.write_string(r0 + r, c0 + c, t).unwrap();
        }
    };
    let num = |ws: &mut Worksheet, r: u32, c: u16, x: f64| {
        if v.numbers_as_text {
            ws.write_string(r0 + r, c0 + c, format!(" {x} ")).unwrap();
        } else {
            ws.write_number(r0 + r, c0 + c, x).unwrap();
        }
    };
    let cell = |r: u32, c: u16| format!("{}{}", (b'A' + (c0 + c) as u8) as char, r0 + r + 1);
    let noisy = |plain: &'static str, noisy: &'static str| if v.label_noise { noisy } else { plain };
    s(ws, 0, 0, "2021年度项目支出绩效自评表");
    s(ws, 1, 9, "公开12表-2");
    s(ws, 2, 0, noisy("项目名称", "项目\n名称"));
    s(ws, 2, 2, "电子政务公共应用系统运维专项资金");
    s(ws, 3, 0, noisy("主管部门", " 主管部门 "));
    s(ws, 3, 2, "云南省工业和信息化厅");
    s(ws, 3, 5, "实施单位");
    s(ws, 3, 6, "云南省信息技术发展中心");
    s(ws, 4, 0, noisy("项目资金 (万元)", "项目资金\n（万元）"));
    for (i, h) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].iter().enumerate()
    {
        s(ws, 4, 2 + i as u16, h);
    }
    let labels = [
        noisy("年度资金总额", "年度资金\n总额"),
        v.current_label.unwrap_or(noisy("其中：当年财政拨款", "其中:当年财政拨款")),
        "上年结转资金",
        "其他资金",
    ];
    for (i, l) in labels.iter().enumerate() {
        let r = 5 + i as u32;
        s(ws, r, 1, l);
        s(ws, r, 5, if i == 0 { "" } else { "—" });
        s(ws, r, 7, if i == 0 { "" } else { "—" });
    }
    num(ws, 5, 5, 10.0);
    num(ws, 6, 3, 603.19);
    num(ws, 6, 4, 603.19);
    if v.formulas {
        ws.write_formula(r0 + 5, c0 + 3, Formula::new(format!("={}+{}+{}", cell(6, 3), cell(7, 3), cell(8, 3))))
            .unwrap();
        ws.write_formula(r0 + 5, c0 + 4, Formula::new(format!("={}+{}+{}", cell(6, 4), cell(7, 4), cell(8, 4))))
            .unwrap();
        ws.write_formula(r0 + 5, c0 + 6, Formula::new(format!("={}/{}", cell(5, 4), cell(5, 3)))).unwrap();
        ws.write_formula(r0 + 5, c0 + 7, Formula::new(format!("=F{}*MIN(1,{})", r0 + 6, cell(5, 6)))).unwrap();
    } else {
        num(ws, 5, 3, 603.19);
        num(ws, 5, 4, 603.19);
        if v.numbers_as_text {
            ws.write_string(r0 + 5, c0 + 6, "100%").unwrap();
        } else {
            num(ws, 5, 6, 1.0);
        }
        num(ws, 5, 7, 10.0);
    }
    num(ws, 6, 6, 1.0);
    if v.error_in_budget {
        ws.write_formula(r0 + 5, c0 + 3, Formula::new(format!("={}/0", cell(6, 3))).set_result("#DIV/0!")).unwrap();
    }
    s(ws, 9, 0, noisy("年度总体目标", "年度\n总体\n目标"));
    s(ws, 9, 1, "预期目标");
    s(ws, 9, 5, "实际完成情况");
    s(ws, 10, 1, "完成20余个业务系统的运维。");
    s(ws, 10, 5, "规范开展17个电子政务公共应用系统的运维工作。");
    s(ws, 11, 0, "绩效指标");
    s(ws, 11, 3, "年度指标值");
    s(ws, 11, 6, "实际完成值");
    s(ws, 11, 7, "分值");
    s(ws, 11, 8, "得分");
    s(ws, 11, 9, noisy("偏差原因分析及改进措施", "偏差原因分析\n及改进措施"));
    s(ws, 12, 0, "一级指标");
    s(ws, 12, 1, "二级指标");
    s(ws, 12, 2, "三级指标");
    if !v.single_cell_target {
        s(ws, 12, 3, "指标性质");
        s(ws, 12, 4, "指标值");
        s(ws, 12, 5, "度量单位");
    }
    for (i, row) in T2_ROWS.iter().enumerate().take(if v.no_indicators { 0 } else { T2_ROWS.len() }) {
        let r = 13 + i as u32;
        let name = v.names.iter().find(|(k, _)| *k == i).map(|(_, n)| n.as_str()).unwrap_or(row.2);
        s(ws, r, 0, row.0);
        s(ws, r, 1, row.1);
        s(ws, r, 2, name);
        if v.single_cell_target {
            s(ws, r, 3, &format!("{}{}{}", v.signs[i], row.3, row.4));
        } else {
            s(ws, r, 3, v.signs[i]);
            num(ws, r, 4, row.3);
            s(ws, r, 5, row.4);
        }
        num(ws, r, 6, row.5);
        num(ws, r, 7, row.6);
        if v.formulas && i == 0 {
            ws.write_formula(r0 + r, c0 + 8, Formula::new(format!("={}*{}/{}", cell(r, 7), cell(r, 6), cell(r, 4))))
                .unwrap();
        } else {
            num(ws, r, 8, row.7);
        }
        s(ws, r, 9, row.8);
    }
    s(ws, 20, 0, "其他需要说明事项");
    s(ws, 21, 0, "总分");
    num(ws, 21, 7, 100.0);
    if v.formulas {
        ws.write_formula(
            r0 + 21,
            c0 + 8,
            Formula::new(format!("=SUM({}:{})+{}", cell(13, 8), cell(19, 8), cell(5, 7))),
        )
        .unwrap();
    } else {
        num(ws, 21, 8, 98.5);
    }
    s(ws, 21, 9, "(自评等级)");
    if v.stray {
        num(ws, 5, 11, 42.0);
        s(ws, 2, 11, "见附件");
    }
    s(ws, 23, 0, "备注：");
    s(ws, 24, 0, "1. 涉密部门和涉密信息按保密规定不公开。");
}

/// Runs the built `jixiao` binary; returns (exit code, stdout, stderr).
pub fn jixiao(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the built `jixiao` binary in `dir`, in English (the tests that pin the Chinese wording
/// use [`run_in_lang`]), without colour or an inherited SOURCE_DATE_EPOCH or RUST_BACKTRACE.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in_lang(dir, args, "en")
}

/// [`run_in`] in the language `lang` (`zh`, `en`).
pub fn run_in_lang(dir: &Path, args: &[&str], lang: &str) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("JIXIAO_LANG", lang)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run jixiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes the seed, checked and then with `edit` applied, as a workbook jixiao reads (through its
/// Excel writer).
pub fn seed_workbook(path: &Path, edit: impl FnOnce(&mut Packet)) {
    use jixiao::check::check;
    use jixiao::form::Forms;
    use jixiao::render::{LayoutOptions, PacketContext, Renderer};
    let (mut p, _) = jixiao::ingest::read(&fixture("fixtures/seed-2021.xlsx")).unwrap();
    // Checked first (the grades filled in), then edited: the edit is written as it is.
    check(&mut p, Forms::builtin());
    edit(&mut p);
    let ctx = PacketContext::new(&p, Forms::builtin(), LayoutOptions::default());
    let files = jixiao::render::xlsx::XlsxRenderer::new(jixiao::dates::Timestamp::epoch()).render(&ctx).unwrap();
    std::fs::write(path, &files[0].bytes).unwrap();
}

/// Whether `program` runs here (`program arg` exits 0). Tests that look at the output the way a
/// person would (Chromium, LibreOffice, poppler) skip with a notice where their tool is missing;
/// under CI (`CI=true`, where .ci/run installs them) a missing tool fails the test instead.
pub fn tool(program: &str, arg: &str) -> bool {
    let found = std::process::Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var("CI").map_or(true, |v| v.is_empty() || v == "false"), "CI: {program} is not installed");
        eprintln!("notice: {program} not found; skipping this test");
    }
    found
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The entry names of a zip, in order.
pub fn zip_entries(bytes: &[u8]) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len()).map(|i| z.by_index(i).unwrap().name().unwrap().to_string()).collect()
}
