//! The other provinces' forms: a workbook in each (written cell by cell, not by jixiao) reads,
//! checks and builds in its own form; no text crosses a cell border in any form; a user's form
//! file is used, bad ones are refused with their file and line; a workbook of two forms prints
//! each table in its own.

use crate::common::forms::{
    beijing, hubei, hunan_county, national, ningxia, sichuan, wuhan_targets, xinjiang, WUHAN_TARGETS,
};
use jixiao::build::{Build, Settings, Silent};
use jixiao::check::check;
use jixiao::config::Config;
use jixiao::diag::{Code, Report};
use jixiao::form::Forms;
use jixiao::model::{Measure, Packet};
use jixiao::render::fonts::Fonts;
use jixiao::render::pdf::{PdfRenderer, PdfSettings};
use jixiao::render::templates::Templates;
use jixiao::render::{LayoutOptions, PacketContext};
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::visualize::Geometry;

/// A workbook written by `write` into a fresh folder.
fn workbook(write: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.xlsx");
    write(&path);
    (dir, path)
}

fn read(path: &Path) -> (Packet, Report) {
    let (mut p, mut r) = jixiao::ingest::read(path).unwrap();
    r.extend(check(&mut p, Forms::builtin()));
    (p, r)
}

/// Builds `path` through the library into `dir/out` (all formats); returns the report.
fn build(path: &Path, dir: &Path) -> Report {
    let cfg = Config {
        input: Some(vec![path.to_path_buf()]),
        output: Some(dir.join("out")),
        timestamp: Some(1_640_995_200),
        ..Config::default()
    };
    match Build::new(Settings::from_config(cfg).unwrap()).unwrap().run(&Silent) {
        Ok(b) => b.report,
        Err(f) => panic!("{:?}", f.report.diagnostics),
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The packet's PDF text, squashed, and its HTML.
fn outputs(dir: &Path) -> (String, String) {
    let pdf = pdf_extract::extract_text(dir.join("out/packet.pdf")).unwrap();
    let html = std::fs::read_to_string(dir.join("out/packet.html")).unwrap();
    (squash(&pdf), html)
}

fn in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for p in parts {
        match text[at..].find(&squash(p)) {
            Some(i) => at += i + squash(p).len(),
            None => panic!("“{p}” not found after {at} in {text}"),
        }
    }
}

/// Every row of every grid in `html` fills exactly `width` columns, counting the cells that
/// rows above span down into it within its row group (a rowspan does not cross thead/tbody).
fn rows_fill_the_grid(html: &str, width: usize) {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    for group in doc.select(&sel("table.grid > thead, table.grid > tbody")) {
        let mut covered: Vec<usize> = Vec::new(); // rows left per column
        for (r, tr) in group.select(&sel("tr")).enumerate() {
            let mut used = covered.iter().filter(|&&n| n > 0).count();
            let mut next = vec![0usize; width.max(covered.len())];
            for (i, n) in covered.iter().enumerate() {
                next[i] = n.saturating_sub(1);
            }
            let mut col = 0;
            for cell in tr.select(&sel("th, td")) {
                let span = |a: &str| cell.value().attr(a).map_or(1, |v| v.parse().unwrap());
                while col < covered.len() && covered[col] > 0 {
                    col += 1;
                }
                for c in col..col + span("colspan") {
                    if c < next.len() {
                        next[c] = span("rowspan") - 1;
                    }
                }
                col += span("colspan");
                used += span("colspan");
            }
            assert_eq!(used, width, "row {} of a row group fills {used} of {width} columns: {}", r + 1, tr.html());
            covered = next;
        }
    }
}

/// The Excel copy read back is the table that was read from the workbook (figures compared by
/// value: Excel keeps a number as a double, so 0.90 comes back as 0.9).
fn round_trips(dir: &Path, original: &Packet) {
    let (back, r) = read(&dir.join("out/packet.xlsx"));
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(back.tables.len(), original.tables.len());
    let strip = |p: &Packet| {
        let mut v = serde_json::to_value(p).unwrap();
        fn cells(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    m.remove("cell");
                    m.remove("source");
                    m.remove("sheet");
                    m.values_mut().for_each(cells);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(cells),
                serde_json::Value::String(s) => {
                    if let Ok(d) = s.parse::<rust_decimal::Decimal>() {
                        *s = d.normalize().to_string();
                    }
                }
                _ => {}
            }
        }
        cells(&mut v);
        v
    };
    assert_eq!(strip(&back), strip(original));
}

#[test]
fn a_rate_typed_where_the_national_form_prints_its_dash_is_read_or_named_at_its_cell() {
    // Units do type a 执行率 on the rows under the total, where the form merges a —: the figure
    // is theirs, so it lands in the model or in a finding at G7, never nowhere.
    let (_dir, path) = workbook(|p| crate::common::forms::national_with(p, Some("86.18%")));
    let (p, r) = read(&path);
    let row = &p.tables[0].funds.rows[1];
    let in_model = row.rate.value == Some(dec!(0.8618));
    let named = r.diagnostics.iter().any(|d| d.cell() == Some("G7"));
    assert!(in_model || named, "86.18% at G7 dropped: {:?} {:?}", row.rate, r.diagnostics);
    // And printed as the unit typed it, in its own cell, the — kept in 分值 and 得分.
    let dir2 = tempfile::tempdir().unwrap();
    build(&path, dir2.path());
    let (pdf, html) = outputs(dir2.path());
    assert!(html.contains("86.18%") && pdf.contains("86.18%"), "{html}");
    // Left as the form prints it (the merged —), nothing is missing there.
    let (_dir, path) = workbook(national);
    let (_, r) = read(&path);
    assert_eq!(r.with_code(Code::RateMissing).count(), 0, "{:?}", r.diagnostics);
}

#[test]
fn national_form_reads_in_yuan_without_a_grade_and_prints_in_its_own_nine_columns() {
    let (dir, path) = workbook(national);
    let (p, r) = read(&path);
    let t = &p.tables[0];
    assert_eq!(t.form, "national-2020");
    assert_eq!(t.money_unit.as_deref(), Some("元"));
    assert_eq!(t.subtitle.value, "（2022年度）");
    assert_eq!(t.funds.total().full_year.value, Some(dec!(1234567.89)));
    // 年度指标值 in one cell: ≥12次 is a sign, a number and a unit.
    let i = &t.indicators[0];
    assert_eq!((i.target.value.clone(), i.unit.value.as_str()), (Some(Measure::Number(dec!(12))), "次"));
    assert_eq!(t.total.grade.value, None, "the national form has no 自评等级");
    // The publisher's 86.19% is 86.18%.
    let d: Vec<_> = r.with_code(Code::RateMismatch).collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert!(d[0].message.contains("86.19%") && d[0].message.contains("86.18%"), "{}", d[0].message);
    assert_eq!(r.with_code(Code::GradeFilled).count(), 0);

    build(&path, dir.path());
    let (pdf, html) = outputs(dir.path());
    // Labels that span rows are drawn after the rows they span: they are looked for anywhere.
    in_order(
        &pdf,
        &[
            "财政项目支出绩效自评表",
            "（2022年度）",
            "全年预算数",
            "1234567.89",
            "一级指标",
            "年度指标值",
            "≥12次",
            "总分",
            "100",
            "96.62",
        ],
    );
    assert!(pdf.contains("项目资金（元）") && pdf.contains("绩效指标"), "{pdf}");
    assert!(!pdf.contains("万元") && !pdf.contains("自评等级") && !pdf.contains("优"), "{pdf}");
    assert!(!pdf.contains("其他需要说明事项"), "the form has no such row");
    let doc = scraper::Html::parse_document(&html);
    let cols = doc.select(&scraper::Selector::parse("table.grid colgroup").unwrap()).next().unwrap();
    assert_eq!(cols.children().count(), 9);
    assert!(html.contains("<th scope=\"col\">年度指标值</th>"), "{html}");
    rows_fill_the_grid(&html, 9);
    round_trips(dir.path(), &p);
}

#[test]
fn hunan_county_form_without_scoring_reads_checks_and_prints_with_no_points_anywhere() {
    let (dir, path) = workbook(hunan_county);
    let (p, r) = read(&path);
    let t = &p.tables[0];
    assert_eq!(t.form, "hunan-county-2020");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    // The one thing to say: the unit left 其他资金's 执行率 empty. It is named, not filled in.
    let said: Vec<_> = r.diagnostics.iter().map(|d| (d.code, d.cell().unwrap_or("").to_string())).collect();
    assert_eq!(said, [(Code::RateMissing, "G7".to_string())], "{:?}", r.diagnostics);
    assert_eq!(t.funds.rows[2].rate.value, None, "printed empty, as typed");
    assert_eq!(t.project.value, "农村公路提质改造专项资金");
    assert_eq!(t.text("contact").map(|v| v.value.as_str()), Some("李某某 0731-1234567"));
    assert_eq!(t.text("explanation").map(|v| v.value.as_str()), Some("资金按进度拨付，无截留挪用。"));
    let grants = t.funds.row("grants").unwrap();
    assert_eq!((grants.full_year.value, grants.executed.value), (Some(dec!(300)), Some(dec!(300))));
    assert_eq!(t.funds.total().initial.value, None, "the form has no 年初预算数");
    assert_eq!(t.indicators.len(), 5);
    assert_eq!(t.indicators[2].reason.value, "受雨季影响两个标段延期；已督促施工单位增加作业面");
    assert_eq!(t.indicators[4].level1.value, "满意度指标");
    assert_eq!(
        t.notes.iter().map(|n| n.value.as_str()).collect::<Vec<_>>(),
        ["本表由项目实施单位填报，县级主管部门审核。"]
    );
    // No score is filled in or invented.
    assert_eq!((t.total.score.value, t.funds.score.value, t.funds.weight.value), (None, None, None));

    build(&path, dir.path());
    let (pdf, html) = outputs(dir.path());
    in_order(
        &pdf,
        &[
            "2020年度县级专项资金绩效目标自评表",
            "负责人及电话",
            "李某某0731-1234567",
            "全年预算数（A）",
            "其中：中央、省、市补助县级资金",
            "年初设定目标",
            "全年完成值",
            "≥50公里",
            "52公里",
            "说明",
            "资金按进度拨付",
            "注：",
        ],
    );
    for absent in ["总分", "得分", "分值", "年初预算数", "备注"] {
        assert!(!pdf.contains(absent), "{absent} in {pdf}");
    }
    rows_fill_the_grid(&html, 7);
    round_trips(dir.path(), &p);
}

#[test]
fn wuhan_target_table_reads_its_long_term_columns_and_money_pairs_and_builds() {
    let (dir, path) = workbook(|p| wuhan_targets(p, "教师培训专项经费", &WUHAN_TARGETS));
    let (p, r) = read(&path);
    let t = &p.tables[0];
    assert_eq!(t.form, "wuhan-targets-2020");
    assert_eq!(r.diagnostics.len(), 0, "{:?}", r.diagnostics);
    assert_eq!(t.text("funds_total").map(|v| v.value.as_str()), Some("300万元"));
    assert_eq!(t.text("medium_term").map(|v| v.value.as_str()), Some("三年内全区教师完成一轮全员培训。"));
    assert_eq!(t.goals.expected.value, "完成2000人次教师培训，培训合格率不低于90%。");
    assert_eq!(t.indicators.len(), 6);
    let first = &t.indicators[0];
    // The annual columns are the model's; the long-term ones the form's own texts.
    assert_eq!((first.level2.value.as_str(), first.name.value.as_str()), ("数量指标", "培训教师人次"));
    assert_eq!(first.texts["name_long"].value, "三年培训教师人次");
    assert_eq!(first.texts["target_long"].value, "6000人次");
    assert_eq!(t.indicators[3].target.value, Some(Measure::Text("参照政府采购成本控制".into())));

    build(&path, dir.path());
    let (pdf, html) = outputs(dir.path());
    in_order(
        &pdf,
        &["项目支出绩效目标表", "（2020年度）", "项目起止时间", "202001-202012", "当年资金总额", "300万元", "中期目标"],
    );
    in_order(
        &pdf,
        &["二级指标（长期）", "三级指标（年度）", "三年培训教师人次", "6000人次", "培训教师人次", "2000人次"],
    );
    for absent in ["实际完成值", "得分", "总分", "分值"] {
        assert!(!pdf.contains(absent), "{absent} in {pdf}");
    }
    rows_fill_the_grid(&html, 8);
    round_trips(dir.path(), &p);
}

#[test]
fn a_target_table_says_what_is_missing_from_its_tree_and_where_its_money_does_not_add_up() {
    let mut rows = WUHAN_TARGETS;
    rows[1].2 = "95";
    rows[2].3 = "";
    rows[4].1 = "";
    let (_dir, path) = workbook(|p| wuhan_targets(p, "教师培训专项经费", &rows));
    let (mut p, _) = read(&path);
    p.tables[0].texts.get_mut("funds_grant").unwrap().value = "290万元".into();
    let r = check(&mut p, Forms::builtin());
    let at = |code: Code| -> Vec<String> {
        r.with_code(code).map(|d| d.location.as_ref().unwrap().cell.clone().unwrap_or_default()).collect()
    };
    assert_eq!(at(Code::TargetUnnamed), ["G13"], "{:?}", r.diagnostics);
    assert_eq!(at(Code::TargetValueMissing), ["H14"], "{:?}", r.diagnostics);
    assert_eq!(at(Code::TargetTree), ["G16"], "{:?}", r.diagnostics);
    assert_eq!(at(Code::FundsSum), ["C6"], "{:?}", r.diagnostics);
    let sum = r.with_code(Code::FundsSum).next().unwrap();
    assert!(sum.message.contains("300") && sum.message.contains("310"), "{}", sum.message);
    assert_eq!(r.diagnostics.len(), 4, "nothing else: {:?}", r.diagnostics);
}

#[test]
fn an_unscored_table_still_gets_every_check_but_the_scoring_ones() {
    let (_dir, path) = workbook(hunan_county);
    let (mut p, _) = read(&path);
    let t = &mut p.tables[0];
    // 其中 rows that do not add up, a rate typed wrong, and a target with no actual.
    t.funds.rows[1].full_year.value = Some(dec!(310));
    t.funds.rows[0].rate.value = Some(dec!(0.9));
    t.indicators[0].actual.value = None;
    let r = check(&mut p, Forms::builtin());
    let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
    for code in [Code::FundsSum, Code::RateMismatch, Code::ActualMissing] {
        assert!(codes.contains(&code), "{code:?} in {:?}", r.diagnostics);
    }
    for code in [Code::ScoreMissing, Code::WeightMissing, Code::TotalMismatch, Code::WeightsSum] {
        assert!(!codes.contains(&code), "{code:?} in {:?}", r.diagnostics);
    }
}

#[test]
fn sichuan_form_reads_its_weights_texts_and_signatures() {
    let (dir, path) = workbook(sichuan);
    let (p, r) = read(&path);
    assert!(!r.has_errors() && r.count(jixiao::diag::Severity::Warning) == 0, "{:?}", r.diagnostics);
    let t = &p.tables[0];
    assert_eq!(t.form, "sichuan-2023");
    let keys: Vec<&str> = t.funds.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["total", "fiscal", "special", "unit", "other"]);
    assert_eq!(t.funds.reason.value, "部分示范基地建设延至次年。");
    assert_eq!(t.texts["report_no"].value, "510000_0013zp");
    assert_eq!(t.texts["process"].value, "按计划组织培训班12期，建设示范基地8个。");
    assert_eq!((t.texts["leader"].value.as_str(), t.texts["finance_leader"].value.as_str()), ("张某", "李某"));
    assert_eq!(t.indicators.iter().map(|i| i.weight.value.unwrap()).sum::<rust_decimal::Decimal>(), dec!(90));
    // 定性 is the 指标性质 of a qualitative target, not an unknown sign.
    assert!(t.indicators[2].is_qualitative());

    build(&path, dir.path());
    let (pdf, html) = outputs(dir.path());
    in_order(
        &pdf,
        &[
            "报表编号：510000_0013zp",
            "部门预算项目支出绩效自评表",
            "项目年度目标",
            "年度预算数（万元）",
            "权重",
            "原因",
            "95.83%",
            "0.00%",
            "完成值",
            "合计",
            "99.58",
            "评价结论",
            "项目负责人：",
            "张某",
        ],
    );
    for spanning in ["项目基本情况", "预算执行情况（10分）", "绩效指标（90分）", "部分示范基地建设延至次年。"]
    {
        assert!(pdf.contains(spanning), "{spanning}");
    }
    assert!(!pdf.contains("自评等级"));
    assert!(html.contains("<th scope=\"row\" colspan=\"2\">评价结论</th>"), "{html}");
    rows_fill_the_grid(&html, 11);
    round_trips(dir.path(), &p);
}

#[test]
fn hubei_form_reads_its_check_boxes_and_group_points_and_says_when_they_do_not_add_up() {
    let (dir, path) = workbook(|p| hubei(p, (40, 40)));
    let (p, r) = read(&path);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let t = &p.tables[0];
    assert_eq!(t.form, "hubei-2020");
    assert_eq!(t.texts["category"].value, "☑部门预算项目　□省直专项");
    assert_eq!(t.texts["fill_date"].value, "2021年3月15日");
    assert_eq!(t.indicators[0].level1.value, "产出指标（40分）");
    assert_eq!(t.indicators[0].weight.value, None, "the form has no 分值 column");
    assert_eq!(t.funds.score.value, Some(dec!(19.2)));

    build(&path, dir.path());
    let (pdf, _) = outputs(dir.path());
    in_order(
        &pdf,
        &[
            "2020年度省级农业技术推广专项资金项目自评表",
            "单位名称：湖北省农业农村厅",
            "☑部门预算项目",
            "预算数（A）",
            "19.20",
            "改进措施及结果应用方案",
            "总分",
            "99.2",
            "单位主要负责人签批意见",
        ],
    );
    for spanning in ["预算执行情况（万元）（20分）", "年度绩效目标（80分）", "产出指标（40分）"]
    {
        assert!(pdf.contains(spanning), "{spanning}");
    }
    round_trips(dir.path(), &p);

    // The published slip: 60 + 40 against the indicators' 80.
    let (_slip_dir, slip) = workbook(|p| hubei(p, (60, 40)));
    let (_, r) = read(&slip);
    let d: Vec<_> = r.with_code(Code::GroupPoints).collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert!(d[0].message.contains("100") && d[0].message.contains("80"), "{}", d[0].message);
    assert!(d[0].location.as_ref().map(|l| l.to_string()).as_deref().unwrap().ends_with("!B11"), "{:?}", d[0].location);
}

/// Every glyph's box and every vertical line of the grid, in page coordinates.
struct Ink {
    /// (the glyph, its left and right edge, its top and bottom)
    glyphs: Vec<(char, f64, f64, f64, f64)>,
    /// (x, top, bottom)
    lines: Vec<(f64, f64, f64)>,
}

fn ink(frame: &Frame, ts: Transform, out: &mut Ink) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(g.transform);
                ink(&g.frame, ts, out);
            }
            FrameItem::Text(t) => {
                let size = t.size.to_pt();
                let mut x = Abs::zero();
                for g in &t.glyphs {
                    let c = t.text[g.range()].chars().next().unwrap_or(' ');
                    let left = Point::new(pos.x + x + g.x_offset.at(t.size), pos.y).transform(ts);
                    let right =
                        Point::new(pos.x + x + g.x_offset.at(t.size) + g.x_advance.at(t.size), pos.y).transform(ts);
                    let y = left.y.to_pt();
                    out.glyphs.push((c, left.x.to_pt(), right.x.to_pt(), y - 0.85 * size, y + 0.1 * size));
                    x += g.x_advance.at(t.size);
                }
            }
            FrameItem::Shape(s, _) => {
                if let Geometry::Line(to) = &s.geometry {
                    if to.x == Abs::zero() && s.stroke.is_some() {
                        let (a, b) = (pos.transform(ts), (*pos + *to).transform(ts));
                        out.lines.push((a.x.to_pt(), a.y.to_pt().min(b.y.to_pt()), a.y.to_pt().max(b.y.to_pt())));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The glyphs that cross a vertical line of the grid. Full-width punctuation draws its ink in
/// one half of its em box; only that half counts.
fn crossings(ctx: &PacketContext) -> Vec<String> {
    let fonts = Fonts::load(&[] as &[&str]);
    let pages = PdfRenderer::new(&fonts, PdfSettings::default(), &Templates::builtin()).layout(ctx).unwrap();
    let mut bad = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut out = Ink { glyphs: Vec::new(), lines: Vec::new() };
        ink(&page.frame, Transform::identity(), &mut out);
        for &(c, mut x0, mut x1, y0, y1) in out.glyphs.iter().filter(|g| !g.0.is_whitespace()) {
            if "（《“‘「【".contains(c) {
                x0 = (x0 + x1) / 2.0;
            } else if "）》”’」】，。、；：！？".contains(c) {
                x1 = (x0 + x1) / 2.0;
            }
            for &(x, top, bottom) in &out.lines {
                let overlaps = top < y1 - 1.0 && bottom > y0 + 1.0;
                if overlaps && x > x0 + 0.3 && x < x1 - 0.3 {
                    bad.push(format!("page {}: “{c}” at {x0:.1}–{x1:.1} crosses the line at {x:.1}", n + 1));
                }
            }
        }
    }
    bad
}

/// A table of every built-in form and the tests' own form files, and the hard cases in every
/// form: ten-digit amounts with decimals, a long name, long unbreakable texts in the narrow
/// columns, long reasons and goals, punctuation where lines end, a table over several pages.
fn hard_packet(forms: &Forms) -> Packet {
    let mut packet = Packet::default();
    let writers =
        [national as fn(&Path), sichuan, |p: &Path| hubei(p, (40, 40)), hunan_county, xinjiang, ningxia, beijing];
    for write in writers {
        let (_dir, path) = workbook(write);
        packet.tables.extend(jixiao::load::workbook(&path, forms, None).unwrap().packet.tables);
    }
    let (_dir, path) = workbook(|p| wuhan_targets(p, "教师培训专项经费", &WUHAN_TARGETS));
    packet.tables.extend(read(&path).0.tables);
    // And the hard cases, in every form: ten-digit amounts with decimals, a long name, long
    // unbreakable texts in the narrow columns.
    for form in forms.iter() {
        let mut t = jixiao::synth::table_in(form, 9, 7);
        for row in &mut t.funds.rows {
            row.initial.value = Some(dec!(1234567890.12));
            row.full_year.value = Some(dec!(2345678901.23));
            row.executed.value = Some(dec!(2345678901.23));
        }
        t.project.value = "云南省".repeat(30);
        t.indicators[0].unit.value = "MWh/(km²·a)".into();
        t.indicators[1].target.value = Some(Measure::Number(dec!(12345678.9)));
        t.indicators[2].actual.value = Some(Measure::Text("≥1000000户".into()));
        t.indicators[3].level2.value = "服务对象满意度指标等（含社会公众和服务对象）".into();
        t.indicators[4].reason.value = "受疫情影响，部分采购项目延期（已于次年一季度完成），".repeat(6);
        t.indicators[5].name.value = "《办法》执行率、“一网通办”办结率（%）".into();
        t.indicators[6].reason.value = "进度滞后。".into();
        t.goals.expected.value = "完成年度工作任务，保障业务系统安全稳定运行；提升服务质量和效率。".repeat(4);
        packet.tables.push(t);
        packet.tables.push(jixiao::synth::table_in(form, 10, 45));
    }
    check(&mut packet, forms);
    packet
}

#[test]
fn no_text_crosses_a_cell_border_in_any_form() {
    let (test_forms, _) = test_forms();
    let packet = hard_packet(&test_forms);
    let forms = &test_forms;
    for landscape in [false, true] {
        let ctx = PacketContext::new(&packet, forms, LayoutOptions { landscape });
        let bad = crossings(&ctx);
        assert!(bad.is_empty(), "landscape {landscape}: {} glyphs cross a border:\n{}", bad.len(), bad.join("\n"));
    }
}

/// Every glyph's box and every vertical line of the grid, as `pages` draw them.
fn ink_of(pages: &[typst_layout::Page]) -> Vec<Ink> {
    pages
        .iter()
        .map(|page| {
            let mut out = Ink { glyphs: Vec::new(), lines: Vec::new() };
            ink(&page.frame, Transform::identity(), &mut out);
            out
        })
        .collect()
}

#[test]
fn rows_of_the_heights_jixiao_measured_lay_out_exactly_as_rows_typst_measures() {
    let (test_forms, _) = test_forms();
    let packet = hard_packet(&test_forms);
    let fonts = Fonts::load(&[] as &[&str]);
    let renderer = PdfRenderer::new(&fonts, PdfSettings::default(), &Templates::builtin());
    for landscape in [false, true] {
        let measured = PacketContext::new(&packet, &test_forms, LayoutOptions { landscape });
        let heights = measured.tables.iter().flat_map(|t| t.grid.heights.top.iter().chain(&t.grid.heights.rest));
        let (known, all) = heights.fold((0, 0), |(k, a), h| (k + usize::from(h.is_some()), a + 1));
        // Most rows are measured (else the test proves nothing), some left to Typst.
        assert!(known * 2 > all && known < all, "landscape {landscape}: {known} of {all} rows measured");
        // A context made for HTML and Excel alone measures no row: Typst measures them all.
        let options = LayoutOptions { landscape };
        let by_typst = PacketContext::with_formats(&packet, &test_forms, options, &[jixiao::render::Format::Html]);
        assert!(by_typst.tables.iter().all(|t| t.grid.heights.top.is_empty() && t.grid.heights.rest.is_empty()));
        let a = renderer.layout(&measured).unwrap();
        let b = renderer.layout(&by_typst).unwrap();
        assert_eq!(a.len(), b.len(), "landscape {landscape}: the same pages");
        assert!(a.len() > packet.tables.len(), "some tables run over pages");
        for (n, (pa, pb)) in ink_of(&a).into_iter().zip(ink_of(&b)).enumerate() {
            let close = |x: f64, y: f64| (x - y).abs() < 1e-6;
            assert_eq!(pa.glyphs.len(), pb.glyphs.len(), "page {}: the same glyphs", n + 1);
            for (ga, gb) in pa.glyphs.iter().zip(&pb.glyphs) {
                let same = ga.0 == gb.0 && close(ga.1, gb.1) && close(ga.3, gb.3);
                assert!(
                    same,
                    "landscape {landscape}, page {}: “{}” at {:.3},{:.3} not at {:.3},{:.3}",
                    n + 1,
                    ga.0,
                    ga.1,
                    ga.3,
                    gb.1,
                    gb.3
                );
            }
            assert_eq!(pa.lines.len(), pb.lines.len(), "page {}: the same lines", n + 1);
            for (la, lb) in pa.lines.iter().zip(&pb.lines) {
                assert!(
                    close(la.0, lb.0) && close(la.1, lb.1) && close(la.2, lb.2),
                    "page {}: line {la:?} not {lb:?}",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn the_check_catches_a_glyph_on_a_border() {
    // The same check on the seed with its columns squeezed: the amounts do cross the lines.
    let (mut p, _) = jixiao::ingest::read(&crate::common::fixture("fixtures/seed-2021.xlsx")).unwrap();
    check(&mut p, Forms::builtin());
    let mut ctx = PacketContext::new(&p, Forms::builtin(), LayoutOptions::default());
    for t in &mut ctx.tables {
        t.grid.columns[3].width = 1.0;
    }
    assert!(!crossings(&ctx).is_empty());
}

#[test]
fn a_users_form_file_is_read_beside_jixiao_toml() {
    let dir = tempfile::tempdir().unwrap();
    // A county variant of Yunnan's form: 实施单位 is 项目实施单位, and the table has no number.
    let text = jixiao::form::BUILTIN[0]
        .1
        .replace("name = \"yunnan-2021\"", "name = \"county-2022\"")
        .replace("{ label = \"实施单位\" }", "{ label = \"项目实施单位\" }")
        .replace("number = \"公开12表\"\n", "");
    std::fs::create_dir(dir.path().join("forms")).unwrap();
    std::fs::write(dir.path().join("forms/county-2022.toml"), text).unwrap();
    let forms = Forms::load(Some(&dir.path().join("forms"))).unwrap();
    let county = forms.get("county-2022").expect("the user's form");
    assert!(county.origin.ends_with("county-2022.toml"));
    // A workbook in it: the seed's 公开12表-2 with the renamed label, read and printed.
    let path = dir.path().join("in.xlsx");
    crate::common::write_variant(&path, &crate::common::Variant::default());
    relabel(&path, "实施单位", "项目实施单位");
    let mut p = jixiao::ingest::packet_from_workbook(
        &jixiao::ingest::workbook::read_path(&path).unwrap(),
        &forms,
        Some(county),
    )
    .0;
    check(&mut p, &forms);
    assert_eq!(p.tables[0].form, "county-2022");
    assert_eq!(p.tables[0].implementer.value, "云南省信息技术发展中心");
    let ctx = PacketContext::new(&p, &forms, LayoutOptions::default());
    let files = jixiao::render::Renderer::render(
        &jixiao::render::html::HtmlRenderer::new(&Templates::builtin()).unwrap(),
        &ctx,
    )
    .unwrap();
    let html = String::from_utf8(files[2].bytes.clone()).unwrap();
    assert!(html.contains(">项目实施单位</th>") && !html.contains("class=\"number\""), "{html}");
}

/// Rewrites a workbook's only sheet with one label replaced.
fn relabel(path: &Path, from: &str, to: &str) {
    let wb = jixiao::ingest::workbook::read_path(path).unwrap();
    let grid = &wb.sheets[0];
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name(&grid.name).unwrap();
    for r in 0..grid.rows {
        for c in 0..grid.cols {
            match &grid.get(r, c).value {
                jixiao::ingest::grid::RawValue::Float(f) => {
                    ws.write_number(r, c as u16, *f).unwrap();
                }
                jixiao::ingest::grid::RawValue::Text(t) => {
                    ws.write_string(r, c as u16, if t == from { to } else { t }).unwrap();
                }
                _ => {}
            }
        }
    }
    out.save(path).unwrap();
}

/// The error a form file `text` gets: (message, location).
fn refused(text: &str) -> (String, String) {
    let d = jixiao::form::Form::parse(text, "forms/bad.toml", "forms/bad.toml").unwrap_err();
    assert_eq!(d.code, Code::FormInvalid);
    (d.message, d.location.unwrap().to_string())
}

#[test]
fn bad_form_files_are_refused_with_their_file_and_line() {
    let good = jixiao::form::BUILTIN[0].1;
    let line_of =
        |needle: &str| format!("forms/bad.toml:{}", good[..good.find(needle).unwrap()].matches('\n').count() + 1);
    // An unknown key.
    let (m, at) = refused(&good.replacen("money_unit", "currency", 1));
    assert!(m.contains("unknown field `currency`"), "{m}");
    assert_eq!(at, line_of("money_unit"));
    // A column that holds nothing jixiao knows.
    let (m, at) = refused(&good.replacen("value = \"unit\"", "value = \"units\"", 1));
    assert!(m.contains("unknown variant `units`") && m.contains("`target_text`"), "{m}");
    assert_eq!(at, line_of("value = \"unit\""));
    // A key of another kind of block.
    let bad = good.replacen("kind = \"indicators\"", "kind = \"indicators\"\nunscored = \"—\"", 1);
    let (m, at) = refused(&bad);
    assert!(m.contains("unknown field `unscored`"), "{m}");
    assert_eq!(
        at,
        format!("forms/bad.toml:{}", bad[..bad.find("unscored = \"—\"\ngroups").unwrap()].matches('\n').count() + 1)
    );
    // Points that do not add up.
    let (m, at) = refused(&good.replacen("points = 50", "points = 60", 1));
    assert!(m.contains("预算 10 + 各一级指标 100 ≠ 总分 100"), "{m}");
    assert_eq!(at, line_of("groups = ["));
    // A row wider than the grid.
    let (m, _) = refused(&good.replacen("{ field = \"project\", span = 8", "{ field = \"project\", span = 9", 1));
    assert!(m.contains("各格共占 11 栏，表样有 10 栏"), "{m}");
}

#[test]
fn a_workbook_of_two_forms_prints_each_table_in_its_own() {
    // A form change mid-year: the seed's 公开12表-2 and a national-form table, in one workbook.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    crate::common::write_variant(&a, &crate::common::Variant::default());
    national(&b);
    let cfg = Config {
        input: Some(vec![a, b]),
        output: Some(dir.path().join("out")),
        timestamp: Some(1_640_995_200),
        ..Config::default()
    };
    Build::new(Settings::from_config(cfg).unwrap()).unwrap().run(&Silent).unwrap();
    let model: Packet = serde_json::from_slice(&std::fs::read(dir.path().join("out/model.json")).unwrap()).unwrap();
    let forms: Vec<&str> = model.tables.iter().map(|t| t.form.as_str()).collect();
    assert_eq!(forms, ["yunnan-2021", "national-2020"]);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&std::fs::read(dir.path().join("out/packet.pdf")).unwrap())
        .unwrap();
    let first = squash(&pages[0]);
    let last = squash(pages.last().unwrap());
    assert!(
        first.contains("公开12表-2") && first.contains("项目资金（万元）") && first.contains("指标性质"),
        "{first}"
    );
    assert!(last.contains("项目资金（元）") && last.contains("年度指标值") && !last.contains("指标性质"), "{last}");
}

#[test]
fn forms_are_listed_and_init_writes_a_blank_workbook_of_any_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("forms")).unwrap();
    let county = jixiao::form::BUILTIN[0].1.replace("name = \"yunnan-2021\"", "name = \"county-2022\"");
    std::fs::write(dir.path().join("forms/county-2022.toml"), county).unwrap();
    let (code, out, err) = crate::common::run_in(dir.path(), &["forms"]);
    assert_eq!(code, 0, "{err}");
    for name in ["yunnan-2021", "national-2020", "sichuan-2023", "hubei-2020", "county-2022"] {
        assert!(out.contains(name), "{name}: {out}");
    }
    assert!(out.contains("built-in") && out.contains("forms/county-2022.toml"), "{out}");
    assert!(out.contains("四川省 2022–2023（部门预算项目支出绩效自评表）"), "{out}");

    // A blank Sichuan workbook, and Hubei's definition to edit.
    let (code, _, err) =
        crate::common::run_in(dir.path(), &["init", "unit", "--form", "sichuan-2023", "--eject-form", "hubei-2020"]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(dir.path().join("unit/jixiao.toml")).unwrap();
    assert!(config.contains("\nform = \"sichuan-2023\""), "{config}");
    let ejected = std::fs::read_to_string(dir.path().join("unit/forms/hubei-2020.toml")).unwrap();
    assert_eq!(ejected, jixiao::form::BUILTIN[3].1);
    // It reads as Sichuan's form and refuses to publish its placeholders.
    let unit = dir.path().join("unit");
    let (code, out, err) = crate::common::run_in(&unit, &["check", "项目支出绩效自评表.xlsx"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[sichuan-2023]"), "{out}");
    assert!(err.contains("error[instruction-text]") && err.contains("评价结论"), "{err}");
    // An unknown form is named as such, with the forms there are.
    let (code, _, err) = crate::common::run_in(dir.path(), &["init", "other", "--form", "texas-2020"]);
    assert_eq!(code, 2);
    assert!(err.contains("texas-2020") && err.contains("national-2020"), "{err}");
}

#[test]
fn a_year_setting_words_each_title_as_its_form_does() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = ["a.xlsx", "b.xlsx", "c.xlsx"].iter().map(|n| dir.path().join(n)).collect();
    crate::common::write_variant(&paths[0], &crate::common::Variant::default());
    national(&paths[1]);
    hubei(&paths[2], (20, 30));
    let overrides = jixiao::load::Overrides { year: Some(2022), ..Default::default() };
    let loaded = jixiao::load::workbooks(&paths, &overrides, Forms::builtin(), None).unwrap();
    let titles: Vec<(&str, &str, &str)> = loaded
        .packet
        .tables
        .iter()
        .map(|t| (t.form.as_str(), t.title.value.as_str(), t.subtitle.value.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("yunnan-2021", "2022年度项目支出绩效自评表", ""),
            ("national-2020", "项目支出绩效自评表", "（2022年度）"),
            ("hubei-2020", "2022年度项目自评表", ""),
        ]
    );
}

#[test]
fn a_self_evaluation_against_its_targets_names_every_planted_difference_at_its_cells() {
    use crate::common::forms::hunan_targets;
    let dir = tempfile::tempdir().unwrap();
    hunan_county(&dir.path().join("2020.xlsx"));
    // The spring targets: 按期完工率 was ≥95% (the self-evaluation reports ≥90%), 新建桥梁座数
    // was set and is not reported, 群众出行条件 was not set and is.
    let mut targets = hunan_targets();
    targets[2].3 = "≥95%";
    targets.remove(3);
    targets.push(("产出指标", "数量指标", "新建桥梁座数", "2座"));
    wuhan_targets(&dir.path().join("targets.xlsx"), "农村公路提质改造专项资金", &targets);
    let (code, out, err) =
        crate::common::run_in(dir.path(), &["check", "2020.xlsx", "--targets", "targets.xlsx", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("location"), s("message"))
        })
        .filter(|(code, _, _)| code.starts_with("target"))
        .collect();
    let codes: Vec<(&str, &str)> = found.iter().map(|(c, l, _)| (c.as_str(), l.rsplit('!').next().unwrap())).collect();
    assert_eq!(codes, [("target-changed", "E13"), ("target-dropped", "C2"), ("target-added", "D14")], "{found:#?}");
    let changed = &found[0].2;
    assert!(
        changed.contains("≥90%") && changed.contains("≥95%") && changed.contains("targets.xlsx!绩效目标表!H14"),
        "{changed}"
    );
    assert!(
        found[1].2.contains("新建桥梁座数") && found[1].2.contains("targets.xlsx!绩效目标表!G16"),
        "{}",
        found[1].2
    );
    assert_eq!(code, 1, "a dropped target is an error");

    // The same targets for another project: the table has none to answer to.
    wuhan_targets(&dir.path().join("other.xlsx"), "农村饮水安全巩固提升专项资金", &hunan_targets());
    let (code, out, _) =
        crate::common::run_in(dir.path(), &["check", "2020.xlsx", "--targets", "other.xlsx", "--format", "json"]);
    assert!(out.contains("\"targets-unmatched\"") && !out.contains("target-dropped"), "{out}");
    assert_eq!(code, 0);
    // Against its own targets unchanged, nothing is said.
    wuhan_targets(&dir.path().join("same.xlsx"), "农村公路提质改造专项资金", &hunan_targets());
    let (code, out, _) =
        crate::common::run_in(dir.path(), &["check", "2020.xlsx", "--targets", "same.xlsx", "--format", "json"]);
    assert!(!out.contains("\"target-"), "{out}");
    assert_eq!(code, 0);
}

/// The tests' own form files (`tests/fixtures/forms/`), beside the built-in ones.
fn test_forms() -> (Forms, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    (Forms::load(Some(&root.join("forms"))).unwrap(), root)
}

#[test]
fn xinjiang_layout_with_thirteen_indicator_columns_is_a_form_file_that_reads_checks_and_builds() {
    let (forms, root) = test_forms();
    let (dir, path) = workbook(xinjiang);
    let loaded = jixiao::load::workbook(&path, &forms, None).unwrap();
    let (p, r) = (&loaded.packet, &loaded.report);
    let t = &p.tables[0];
    assert_eq!(t.form, "xinjiang-county-2023");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::UnreadCell).count() + r.with_code(Code::UnreadText).count(), 0, "{:?}", r.diagnostics);
    let i = &t.indicators[0];
    assert_eq!(i.texts["basis"].value, "年度统计调查计划");
    assert_eq!(i.texts["rule"].value, "每少1项扣5分");
    assert_eq!(i.texts["evidence"].value, "调查任务台账");
    assert_eq!(t.indicators[2].texts["completion"].value, "105.56%");
    assert_eq!((i.weight.value, i.score.value), (Some(dec!(50)), Some(dec!(50))));
    assert_eq!(t.total.score.value, Some(dec!(100)));
    assert_eq!(t.funds.total().rate.value, Some(dec!(1.0000)));

    let cfg = Config {
        input: Some(vec![path.clone()]),
        output: Some(dir.path().join("out")),
        timestamp: Some(1_640_995_200),
        dir: Some(root),
        ..Config::default()
    };
    if let Err(f) = Build::new(Settings::from_config(cfg).unwrap()).unwrap().run(&Silent) {
        panic!("{:?}", f.report.diagnostics);
    }
    let (pdf, html) = outputs(dir.path());
    in_order(&pdf, &["项目支出绩效自评表", "资金来源", "分值权重", "年度绩效指标完成情况"]);
    in_order(&pdf, &["指标值设置依据", "上年完成值", "指标赋分规则", "佐证资料", "完成率", "指标得分"]);
    in_order(&pdf, &["完成统计调查项数", "≥12项", "年度统计调查计划", "12项", "每少1项扣5分", "调查任务台账"]);
    rows_fill_the_grid(&html, 14);
    let ctx = PacketContext::new(p, &forms, LayoutOptions { landscape: false });
    let bad = crossings(&ctx);
    assert!(bad.is_empty(), "{} glyphs cross a border:\n{}", bad.len(), bad.join("\n"));
}

/// Builds `path` through the library with the tests' own forms; the packet's PDF text and HTML.
fn build_with_test_forms(path: &Path, dir: &Path) -> (String, String) {
    let (_, root) = test_forms();
    let cfg = Config {
        input: Some(vec![path.to_path_buf()]),
        output: Some(dir.join("out")),
        timestamp: Some(1_640_995_200),
        dir: Some(root),
        ..Config::default()
    };
    if let Err(f) = Build::new(Settings::from_config(cfg).unwrap()).unwrap().run(&Silent) {
        panic!("{:?}", f.report.diagnostics);
    }
    outputs(dir)
}

#[test]
fn ningxia_framework_scores_a_hundred_points_over_four_groups_with_no_points_on_the_funds() {
    let (forms, _) = test_forms();
    let (dir, path) = workbook(ningxia);
    let loaded = jixiao::load::workbook(&path, &forms, None).unwrap();
    let (p, r) = (&loaded.packet, &loaded.report);
    let t = &p.tables[0];
    assert_eq!(t.form, "ningxia-yinchuan-2021");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::UnreadCell).count() + r.with_code(Code::UnreadText).count(), 0, "{:?}", r.diagnostics);
    assert_eq!(t.text("self_score").map(|v| v.value.as_str()), Some("99.6"));
    assert_eq!(t.text("bureau_score").map(|v| v.value.as_str()), Some(""), "left for the bureau");
    assert_eq!(t.funds.total().full_year.value, Some(dec!(1600)));
    assert_eq!((t.funds.weight.value, t.funds.score.value), (None, None), "the funds carry no points");
    // 预算执行率 is an indicator: 96% of ≥100% is 9.6 of 10, as typed.
    assert_eq!(r.with_code(Code::ScoreMismatch).count(), 0, "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::WeightsSum).count(), 0, "{:?}", r.diagnostics);
    assert_eq!(t.total.score.value, Some(dec!(99.6)));
    assert_eq!(t.indicators[5].level2.value, "数量指标（10分）");

    let (pdf, html) = build_with_test_forms(&path, dir.path());
    in_order(
        &pdf,
        &["银川市本级部门项目支出绩效自评表", "自评得分", "99.6", "财政审核评分", "调整预算数（A）", "1600.00"],
    );
    in_order(&pdf, &["参考分值", "指标值（A）", "项目立项规范性", "5", "规范", "总分", "100", "99.6"]);
    assert!(pdf.contains("项目决策") && pdf.contains("项目效益"), "{pdf}");
    rows_fill_the_grid(&html, 9);
}

#[test]
fn beijing_2016_layout_scores_against_the_initial_budget_and_keeps_its_scoring_rules_as_text() {
    let (forms, _) = test_forms();
    let (dir, path) = workbook(beijing);
    let loaded = jixiao::load::workbook(&path, &forms, None).unwrap();
    let (p, r) = (&loaded.packet, &loaded.report);
    let t = &p.tables[0];
    assert_eq!(t.form, "beijing-district-2016");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::UnreadCell).count() + r.with_code(Code::UnreadText).count(), 0, "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::ScoreMismatch).count(), 0, "{:?}", r.diagnostics);
    assert_eq!(r.with_code(Code::GroupPoints).count(), 0, "50 + 30 + 10 are the indicators' 90: {:?}", r.diagnostics);
    assert_eq!(t.text("funds_method").map(|v| v.value.as_str()), Some("执行率*该指标分值，最高不得超过分值上限。"));
    assert_eq!(t.indicators[4].texts["method"].value, "定性评价，达成得80%—100%");
    assert_eq!(t.indicators[0].weight.value, Some(dec!(12.5)));
    // The rate is measured against 年初预算数（A）: 190 / 200.
    assert_eq!(t.funds.total().full_year.value, Some(dec!(200)));
    assert_eq!(t.funds.score.value, Some(dec!(9.5)));
    assert_eq!(t.total.score.value, Some(dec!(97.5)));

    let (pdf, html) = build_with_test_forms(&path, dir.path());
    in_order(
        &pdf,
        &["主管部门及代码", "年初预算数（A）", "分值（10分）", "得分计算方法", "200.00", "190.00", "10", "95%", "9.50"],
    );
    in_order(
        &pdf,
        &["执行率*该指标分值，最高不得超过分值上限。", "得分计算方法", "培训人次", "12.5", "≥500人次", "520人次"],
    );
    assert!(pdf.contains("产出指标（50分）") && pdf.contains("97.5"), "{pdf}");
    rows_fill_the_grid(&html, 10);
}

#[test]
fn a_changed_value_in_a_forms_own_indicator_column_is_a_change_with_its_label_and_cell() {
    let (_dir, path) = workbook(|p| wuhan_targets(p, "教师培训专项经费", &WUHAN_TARGETS));
    let (old, _) = read(&path);
    let first = &old.tables[0].indicators[0];
    let before = first.texts["target_long"].clone();
    assert!(!before.value.is_empty(), "the long-term 指标值 of the first row is read: {:?}", first.texts);
    let mut new = old.clone();
    new.tables[0].indicators[0].texts.get_mut("target_long").unwrap().value = "9000人次".into();
    let d = jixiao::diff::diff(&old, &new, Forms::builtin());
    let changes = &d.tables[0].changes;
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].field, "绩效指标「培训教师人次」指标值（长期）");
    assert_eq!((changes[0].old.as_str(), changes[0].new.as_str()), (before.value.as_str(), "9000人次"));
    assert_eq!(changes[0].cell, before.cell);
}
