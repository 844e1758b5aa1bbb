//! The HTML: the published grid with its merges and header scopes, literal text, and a real
//! browser that opens it.

use crate::common::fixture;
use jixiao::check::check;
use jixiao::form::Forms;
use jixiao::render::html::HtmlRenderer;
use jixiao::render::templates::Templates;
use jixiao::render::{LayoutOptions, OutFile, PacketContext, Renderer};
use scraper::{ElementRef, Html, Selector};

fn render_packet(packet: &mut jixiao::model::Packet) -> Vec<OutFile> {
    check(packet, Forms::builtin());
    let ctx = PacketContext::new(packet, Forms::builtin(), LayoutOptions::default());
    HtmlRenderer::new(&Templates::builtin()).unwrap().render(&ctx).unwrap()
}

fn seed_files() -> Vec<OutFile> {
    let (mut p, _) = jixiao::ingest::read(&fixture("fixtures/seed-2021.xlsx")).unwrap();
    render_packet(&mut p)
}

fn file<'a>(files: &'a [OutFile], path: &str) -> &'a str {
    std::str::from_utf8(&files.iter().find(|f| f.path == path).unwrap().bytes).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join("")
}

/// Every cell of a section's tables, row by row: (tag, text, rowspan, colspan, scope).
/// A cell as the test reads it: (tag, text, rowspan, colspan, scope).
type Cell = (String, String, u32, u32, String);

fn cells(section: ElementRef) -> Vec<Vec<Cell>> {
    section
        .select(&sel("tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| {
                    let v = c.value();
                    let n = |a: &str| v.attr(a).map(|x| x.parse().unwrap()).unwrap_or(1);
                    (
                        v.name().to_string(),
                        text(c),
                        n("rowspan"),
                        n("colspan"),
                        v.attr("scope").unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn seed_table_2_has_the_published_grid_merges_and_header_scopes() {
    let files = seed_files();
    let doc = Html::parse_document(file(&files, "tables/公开12表-2.html"));
    assert_eq!(doc.root_element().value().attr("lang"), Some("zh-CN"));
    let section = doc.select(&sel("section.sheet")).next().unwrap();
    let caption = text(section.select(&sel("caption")).next().unwrap());
    assert_eq!(caption, "2021年度项目支出绩效自评表公开12表-2");
    let rows = cells(section);
    let spans = |r: usize| rows[r].iter().map(|c| (c.1.as_str(), c.2, c.3)).collect::<Vec<_>>();
    assert_eq!(spans(0), [("项目名称", 1, 2), ("电子政务公共应用系统运维专项资金", 1, 8)]);
    assert_eq!(
        spans(1),
        [("主管部门", 1, 2), ("云南省工业和信息化厅", 1, 3), ("实施单位", 1, 1), ("云南省信息技术发展中心", 1, 4)]
    );
    assert_eq!(spans(2)[0], ("项目资金（万元）", 5, 1));
    assert_eq!(spans(2)[7], ("得分", 1, 3));
    assert_eq!(
        spans(3),
        [
            ("年度资金总额", 1, 1),
            ("", 1, 1),
            ("603.19", 1, 1),
            ("603.19", 1, 1),
            ("10", 1, 1),
            ("100%", 1, 1),
            ("10.00", 1, 3)
        ]
    );
    assert_eq!(spans(4)[4..], [("—", 1, 1), ("100%", 1, 1), ("—", 1, 3)]);
    assert_eq!(spans(7)[0], ("年度总体目标", 2, 1));
    assert_eq!(spans(7)[1..], [("预期目标", 1, 4), ("实际完成情况", 1, 5)]);
    assert_eq!((spans(8)[0].1, spans(8)[0].2, spans(8)[1].2), (1, 4, 5));
    assert_eq!(
        spans(9),
        [
            ("绩效指标", 1, 3),
            ("年度指标值", 1, 3),
            ("实际完成值", 2, 1),
            ("分值", 2, 1),
            ("得分", 2, 1),
            ("偏差原因分析及改进措施", 2, 1)
        ]
    );
    assert_eq!(rows[10].len(), 6);
    // Seven indicators: 产出指标 spans five rows, then 效益 and 满意度 one each.
    let ind: Vec<_> = rows[11..18].iter().map(|r| r.iter().map(|c| c.1.clone()).collect::<Vec<_>>()).collect();
    assert_eq!(rows[11][0].2, 5);
    assert_eq!(
        ind[0],
        [
            "产出指标",
            "数量指标",
            "运维保障业务系统数量",
            ">=",
            "20",
            "个",
            "17",
            "10",
            "8.5",
            "由于省纪委、省政务服务管理局、省人社厅等省级部门托管的系统迁移，运维保障系统数量有所减少。"
        ]
    );
    assert_eq!(ind[4], ["时效指标", "对承载业务的服务响应时间", "<=", "10", "分钟", "8.89", "10", "10", ""]);
    assert_eq!(ind[6][..2], ["满意度指标".to_string(), "服务对象满意度指标等".to_string()]);
    assert_eq!(spans(18), [("其他需要说明事项", 1, 3), ("", 1, 7)]);
    assert_eq!(spans(19), [("总分", 1, 7), ("100", 1, 1), ("98.5", 1, 1), ("优", 1, 1)]);
    // Every header cell says what it heads.
    for row in &rows {
        for (tag, t, _, _, scope) in row {
            if tag == "th" {
                assert!(["row", "col", "rowgroup", "colgroup"].contains(&scope.as_str()), "{t} has scope “{scope}”");
            }
        }
    }
    let notes: Vec<_> = section.select(&sel(".notes li")).map(text).collect();
    assert_eq!(
        notes,
        [
            "涉密部门和涉密信息按保密规定不公开。",
            "一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。"
        ]
    );
}

#[test]
fn packet_page_holds_the_four_tables_in_order_and_the_index_links_them() {
    let files = seed_files();
    let doc = Html::parse_document(file(&files, "packet.html"));
    let numbers: Vec<_> = doc.select(&sel("section.sheet caption .number")).map(text).collect();
    assert_eq!(numbers, ["公开12表-1", "公开12表-2", "公开12表-3", "公开12表-4"]);
    let budgets: Vec<_> = doc.select(&sel("section.sheet")).map(|s| cells(s)[3][2].1.clone()).collect();
    assert_eq!(budgets, ["213.37", "603.19", "67.164", "2.00"]);
    let index = Html::parse_document(file(&files, "index.html"));
    let rows: Vec<Vec<String>> =
        index.select(&sel("table.index tbody tr")).map(|r| r.select(&sel("th, td")).map(text).collect()).collect();
    assert_eq!(rows[1][..4], ["公开12表-2", "电子政务公共应用系统运维专项资金", "98.5", "优"]);
    let links: Vec<_> = index.select(&sel("table.index a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"tables/公开12表-3.pdf") && links.contains(&"tables/公开12表-4.xlsx"), "{links:?}");
    // Self-contained: nothing is fetched, nothing runs.
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let s = std::str::from_utf8(&f.bytes).unwrap();
        for bad in ["<script", "<link", "<img", "src=", "@import", "url("] {
            assert!(!s.contains(bad), "{} contains {bad}", f.path);
        }
    }
}

const INJECTIONS: [&str; 3] = ["<script>alert(1)</script>", r#""><img src=x onerror=alert(1)>"#, "&amp;"];

#[test]
fn cell_text_that_looks_like_html_appears_literally() {
    let mut p = jixiao::synth::packet(1, 5);
    p.tables[0].project.value = INJECTIONS[0].into();
    p.tables[0].indicators[0].reason.value = INJECTIONS[1].into();
    p.tables[0].goals.expected.value = INJECTIONS[2].into();
    let files = render_packet(&mut p);
    for f in &files {
        let s = std::str::from_utf8(&f.bytes).unwrap();
        assert!(!s.contains("<script>") && !s.contains("<img"), "{}", f.path);
    }
    let doc = Html::parse_document(file(&files, "tables/公开12表-1.html"));
    let all: String = doc.root_element().text().collect();
    for s in INJECTIONS {
        assert!(all.contains(s), "{s} not shown literally");
    }
}

#[test]
fn html_is_byte_identical_for_the_same_input() {
    assert_eq!(seed_files(), seed_files());
}

/// Headless Chromium opens packet.html: the DOM it builds holds the tables, and it takes a
/// screenshot. Skips with a notice where Chromium is not installed, fails under CI (.ci/run
/// installs it).
#[test]
fn chromium_renders_the_packet() {
    if !crate::common::tool("chromium", "--version") {
        return;
    }
    let chromium = "chromium";
    let dir = tempfile::tempdir().unwrap();
    for f in seed_files() {
        let p = dir.path().join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
    let url = format!("file://{}", dir.path().join("packet.html").display());
    let run = |extra: &[String]| {
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.extend_from_slice(extra);
        args.push(url.clone());
        std::process::Command::new(chromium).args(&args).output().unwrap()
    };
    let dom = run(&["--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    let parsed = Html::parse_document(&dom);
    assert_eq!(parsed.select(&sel("section.sheet")).count(), 4, "{dom}");
    let grades: Vec<_> = parsed.select(&sel("td.grade")).map(text).collect();
    assert_eq!(grades, ["优", "优", "优", "优"]);
    let shot = dir.path().join("shot.png");
    run(&[format!("--screenshot={}", shot.display()), "--window-size=1280,1800".into()]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{} bytes", png.len());
}
