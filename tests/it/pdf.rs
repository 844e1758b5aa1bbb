//! The PDF: every value of the reference packet in order, literal text, fonts that travel,
//! page breaks with the header repeated, byte-identical rebuilds.

use crate::common::{fixture, jixiao};
use jixiao::check::check;
use jixiao::diag::Code;
use jixiao::form::Forms;
use jixiao::render::fonts::Fonts;
use jixiao::render::pdf::{PdfRenderer, PdfSettings};
use jixiao::render::templates::Templates;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use std::sync::OnceLock;

fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts::load(&[] as &[&str]))
}

/// Text without white space, with full-width brackets folded, so wrapped cells compare whole.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// The cells of table N of the reference text, in reading order, as the PDF should print them.
fn reference_cells(n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(fixture("fixtures/reference-2021.txt")).unwrap();
    let start = text.find(&format!("公开12表-{n}\n")).unwrap();
    let end = start + text[start..].find("备注").unwrap();
    let mut cells: Vec<String> = vec!["2021年度项目支出绩效自评表".into()];
    for line in text[start..end].lines() {
        for cell in line.split('\t').map(str::trim).filter(|c| !c.is_empty()) {
            // The published tables leave the grade open; jixiao fills it in.
            cells.push(if cell == "(自评等级)" { "优".into() } else { cell.into() });
        }
    }
    let notes = &text[end..];
    let notes = &notes[..notes.find("2021年度").unwrap_or(notes.len())];
    for line in notes.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()) {
        cells.push(line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-').trim().into());
    }
    cells
}

/// Cells that span rows: Typst draws them after the rows they span, so they are looked for
/// anywhere rather than in sequence.
const ROWSPAN_LABELS: [&str; 4] = ["项目资金(万元)", "年度总体目标", "产出指标", "满意度指标"];

fn assert_in_order(text: &str, cells: &[String], what: &str) {
    let text = squash(text);
    let (spanning, cells): (Vec<&String>, Vec<&String>) =
        cells.iter().partition(|c| ROWSPAN_LABELS.contains(&squash(c).as_str()));
    for c in spanning {
        assert!(text.contains(&squash(c)), "{what}: “{c}” missing");
    }
    let mut at = 0;
    for cell in cells {
        let c = squash(cell);
        match text[at..].find(&c) {
            Some(i) => at += i + c.len(),
            None => panic!("{what}: “{cell}” not found after position {at} in\n{}", &text[at.min(text.len())..]),
        }
    }
}

fn seed_build(dir: &std::path::Path) {
    let seed = fixture("fixtures/seed-2021.xlsx");
    let (code, _, err) = jixiao(&["build", seed.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn seed_packet_pdf_holds_every_value_of_the_reference_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    seed_build(&out);
    let packet = pdf_extract::extract_text(out.join("packet.pdf")).unwrap();
    for n in 1..=4 {
        let table = pdf_extract::extract_text(out.join(format!("tables/公开12表-{n}.pdf"))).unwrap();
        let cells = reference_cells(n);
        assert_in_order(&table, &cells, &format!("tables/公开12表-{n}.pdf"));
        assert_in_order(&packet, &cells, &format!("packet.pdf, table {n}"));
    }
    let t = squash(&packet);
    for v in ["8.5", "98.5", "67.164", "10.00", "178.50", "100%"] {
        assert!(t.contains(v), "{v}");
    }
    // The tables follow each other in order in the packet.
    let pos: Vec<_> = (1..=4).map(|n| t.find(&format!("公开12表-{n}")).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
}

fn render(packet: &mut jixiao::model::Packet) -> Vec<jixiao::render::OutFile> {
    check(packet, Forms::builtin());
    let ctx = PacketContext::new(packet, Forms::builtin(), LayoutOptions::default());
    PdfRenderer::new(fonts(), PdfSettings::default(), &Templates::builtin()).render(&ctx).unwrap()
}

#[test]
fn markup_characters_in_cells_come_out_literally() {
    let mut p = jixiao::synth::packet(1, 5);
    let evil = r#"#set page(fill: red) $x^2$ *bold* _em_ [link] <label> @ref \n `code` #{1+1}"#;
    p.tables[0].project.value = evil.into();
    p.tables[0].indicators[0].reason.value = "#panic(\"x\")".into();
    p.tables[0].indicators[0].unit.value = "]".into();
    let files = render(&mut p);
    let text = pdf_extract::extract_text_from_mem(&files[1].bytes).unwrap();
    assert!(squash(&text).contains(&squash(evil)), "{text}");
    assert!(text.contains("#panic(\"x\")"), "{text}");
}

#[test]
fn a_character_no_font_has_is_reported_with_table_field_and_cell() {
    let (mut p, _) = jixiao::ingest::read(&fixture("fixtures/seed-2021.xlsx")).unwrap();
    p.tables[1].implementer.value = "云南省𠀀信息中心".into(); // U+20000 is outside GBK
    let d = fonts().missing_glyphs(&p, Forms::builtin());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, Code::MissingGlyph);
    assert!(
        d[0].message.contains("公开12表-2") && d[0].message.contains("实施单位") && d[0].message.contains("U+20000"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].location.as_ref().map(|l| l.to_string()).as_deref(), Some("seed-2021.xlsx!公开12表-2!G4"));
    // Names with GBK characters outside GB2312 are covered.
    p.tables[1].implementer.value = "王堃 李喆 张祎".into();
    assert!(fonts().missing_glyphs(&p, Forms::builtin()).is_empty());
}

#[test]
fn sixty_indicators_span_pages_with_the_header_repeated() {
    let mut p = jixiao::synth::packet(1, 60);
    let files = render(&mut p);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&files[1].bytes).unwrap();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let t = squash(page);
        assert!(t.contains("一级指标二级指标三级指标指标性质指标值度量单位"), "page {} lacks the header", i + 1);
        assert_eq!(t.contains("(续表)"), i > 0, "page {}", i + 1);
        assert!(t.contains(&format!("第{}页共{}页", i + 1, pages.len())), "page {}: {t}", i + 1);
    }
    // The 产出指标 group runs over every page: its merged cell is labelled on each.
    for (i, page) in pages.iter().enumerate() {
        let table = squash(page);
        let table = &table[..table.find("备注").unwrap_or(table.len())];
        assert!(table.contains("产出指标"), "page {}: the continued group is not named", i + 1);
    }
    // Every indicator is printed once, in order.
    let all = squash(&pages.concat());
    assert_in_order(&all, &(1..=60).map(|k| format!("考核指标{k}")).collect::<Vec<_>>(), "60 indicators");
}

#[test]
fn rebuilds_are_byte_identical_and_tables_do_not_depend_on_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    seed_build(&a);
    seed_build(&b);
    for f in ["packet.pdf", "tables/公开12表-1.pdf", "tables/公开12表-3.pdf"] {
        assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{f}");
    }
    // A table that grows leaves the other tables' files untouched.
    let mut p = jixiao::synth::packet(3, 5);
    let before = render(&mut p.clone());
    p.tables[1].indicators.extend(jixiao::synth::table(1, 40).indicators);
    let after = render(&mut p);
    assert_eq!(before[1], after[1]);
    assert_eq!(before[3], after[3]);
    assert_ne!(before[2].bytes, after[2].bytes);
}

#[test]
fn pdf_embeds_font_subsets_and_an_outline_entry_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    seed_build(&out);
    let bytes = std::fs::read(out.join("packet.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut fonts = Vec::new();
    for (_, obj) in doc.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                fonts.push(String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned());
            }
        }
    }
    fonts.sort();
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    // Subset fonts carry a six-letter tag: ABCDEF+Name.
    assert!(fonts.iter().all(|f| f.len() > 7 && f.as_bytes()[6] == b'+'), "{fonts:?}");
    assert!(fonts.iter().any(|f| f.contains("NotoSerifCJKsc")) && fonts.iter().any(|f| f.contains("NotoSansCJKsc")));
    let titles: Vec<String> =
        doc.get_toc().map(|toc| toc.toc.into_iter().map(|e| e.title).collect()).unwrap_or_default();
    assert_eq!(
        titles,
        [
            "公开12表-1 计算机技术与软件专业资格考试专项资金",
            "公开12表-2 电子政务公共应用系统运维专项资金",
            "公开12表-3 省级电子政务公共机房配套基础设施及环境升级改造专项资金",
            "公开12表-4 省信息技术发展中心2021年省政府特殊津贴补助经费"
        ]
    );
}

#[test]
fn pdf_a_2b_carries_an_output_intent_and_its_xmp_identification() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seed = fixture("fixtures/seed-2021.xlsx");
    let (code, _, err) = jixiao(&[
        "build",
        seed.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--formats",
        "pdf",
        "--pdf-standard",
        "a-2b",
    ]);
    assert_eq!(code, 0, "{err}");
    for f in ["packet.pdf", "tables/公开12表-1.pdf"] {
        let bytes = std::fs::read(out.join(f)).unwrap();
        // The catalog lies in a compressed object stream: read through a PDF reader.
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let intent = doc
            .catalog()
            .and_then(|c| c.get(b"OutputIntents"))
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_array())
            .and_then(|a| doc.dereference(&a[0]))
            .and_then(|(_, o)| o.as_dict())
            .and_then(|d| d.get(b"S"))
            .and_then(|s| s.as_name());
        assert_eq!(intent.ok(), Some(&b"GTS_PDFA1"[..]), "{f}: no PDF/A output intent");
        let b = String::from_utf8_lossy(&bytes).into_owned();
        assert!(
            b.contains("<pdfaid:part>2</pdfaid:part>") && b.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{f}: no PDF/A-2b XMP"
        );
    }
}

/// A templates folder with the built-in table.typ, `line` inserted just above its tables (after
/// its `v(-0.4em)`); and the line number `line` has there.
fn builtin_template_with(line: &str) -> (tempfile::TempDir, usize) {
    let builtin = include_str!("../../templates/table.typ");
    let anchor = "  v(-0.4em)\n";
    let at = builtin.find(anchor).expect("table.typ no longer has the line these tests insert after");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("table.typ"), builtin.replacen(anchor, &format!("{anchor}{line}\n"), 1)).unwrap();
    (dir, builtin[..at].lines().count() + 2)
}

/// The seed's 公开12表-2 alone, rendered with the built-in table.typ moved down by `shift`.
fn seed_table_2_shifted(shift: u32) -> Vec<jixiao::render::OutFile> {
    let (mut packet, _) = jixiao::ingest::read(&fixture("fixtures/seed-2021.xlsx")).unwrap();
    packet.tables.retain(|t| t.number.value == "公开12表-2");
    let (dir, _) = builtin_template_with(&format!("  v({shift}pt)"));
    check(&mut packet, Forms::builtin());
    let ctx = PacketContext::new(&packet, Forms::builtin(), LayoutOptions::default());
    let templates = Templates::resolve(Some(dir.path())).unwrap();
    PdfRenderer::new(fonts(), PdfSettings::default(), &templates).render(&ctx).unwrap()
}

#[test]
fn a_page_break_anywhere_in_the_table_writes_a_tagged_pdf() {
    // typst-pdf 0.15.1 panicked while tagging a table whose header, in its middle, began a new
    // page. Moving the table down 0–400 pt puts the page break at every row of 公开12表-2 in turn,
    // the indicator header's among them.
    let mut header_began_page_2 = false;
    for shift in (0..=400).step_by(10) {
        let files = seed_table_2_shifted(shift);
        let pages = pdf_extract::extract_text_from_mem_by_pages(&files[1].bytes).unwrap();
        header_began_page_2 |= !squash(&pages[0]).contains("绩效指标");
        for (i, page) in pages.iter().enumerate().skip(1) {
            let table = squash(page);
            let rows = &table[..table.find("备注").unwrap_or(table.len())];
            if rows.contains("质量指标") || rows.contains("时效指标") {
                assert!(rows.contains("产出指标"), "shift {shift}: page {} continues 产出指标 unnamed", i + 1);
            }
        }
    }
    assert!(header_began_page_2, "no shift put the indicator header at the top of page 2");
}

#[test]
fn typst_warnings_about_a_template_are_reported_once_with_their_line() {
    let (templates, line) = builtin_template_with("  text(font: \"No Such Font\")[x]");
    let templates = templates.path();
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("fixtures/seed-2021.xlsx");
    let out = dir.path().join("out");
    let args =
        ["build", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()];
    let (code, stdout, err) = jixiao(&args);
    assert_eq!(code, 0, "{err}");
    // Every chunk of the packet raises it; it is reported once, at the template's line.
    assert_eq!(err.matches("warning[typst]").count(), 1, "{err}");
    assert!(err.contains("unknown font family: no such font"), "{err}");
    assert!(err.contains(&format!("--> table.typ:{line}")), "{err}");
    assert!(stdout.contains("2 warnings"), "the seed's duplicate-indicators warning and Typst's: {stdout}");
}
