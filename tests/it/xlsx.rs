//! The Excel copy: the published grid and print setup, text that stays text, and a round trip
//! through jixiao's own reader.

use crate::common::{compact, fixture, jixiao};
use jixiao::check::check;
use jixiao::form::Forms;
use jixiao::model::Packet;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, OutFile, PacketContext, Renderer};
use std::io::Read;

fn render(packet: &Packet) -> Vec<OutFile> {
    let ctx = PacketContext::new(packet, Forms::builtin(), LayoutOptions::default());
    XlsxRenderer::new(jixiao::dates::Timestamp::from_unix(1_640_995_200, "t").unwrap()).render(&ctx).unwrap()
}

fn checked_seed() -> Packet {
    let (mut p, _) = jixiao::ingest::read(&fixture("fixtures/seed-2021.xlsx")).unwrap();
    check(&mut p, Forms::builtin());
    p
}

/// Writes `bytes` to a temporary file and reads and checks it with jixiao's reader.
fn read_back(bytes: &[u8], name: &str) -> (Packet, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (mut p, r) = jixiao::ingest::read(&path).unwrap();
    check(&mut p, Forms::builtin());
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    (p, dir)
}

#[test]
fn seed_round_trips_through_the_excel_copy_cell_for_cell() {
    let seed = checked_seed();
    let files = render(&seed);
    let (back, _d) = read_back(&files[0].bytes, "packet.xlsx");
    assert_eq!(back.tables.len(), 4);
    for (a, b) in seed.tables.iter().zip(&back.tables) {
        // Everything but the file name it was read from.
        let b = jixiao::model::Table { source: a.source.clone(), ..b.clone() };
        assert_eq!(a, &b, "{}", a.number.value);
    }
    // A per-table copy holds just its table.
    let one = files.iter().find(|f| f.path == "tables/公开12表-3.xlsx").unwrap();
    let (single, _d) = read_back(&one.bytes, "t3.xlsx");
    assert_eq!(single.tables.len(), 1);
    assert_eq!(
        jixiao::model::Table { source: seed.tables[2].source.clone(), ..single.tables[0].clone() },
        seed.tables[2]
    );
}

#[test]
fn sixty_indicator_table_round_trips() {
    let mut p = jixiao::synth::packet(2, 60);
    check(&mut p, Forms::builtin());
    let files = render(&p);
    let (back, _d) = read_back(&files[0].bytes, "synth.xlsx");
    assert_eq!(compact(&back), compact(&p));
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn sheet_has_the_published_merges_and_print_setup() {
    let files = render(&checked_seed());
    let sheet = zip_text(&files[0].bytes, "xl/worksheets/sheet2.xml");
    let mut merges: Vec<&str> = sheet.split("<mergeCell ref=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    merges.sort();
    let mut expected = vec![
        "A1:J1", "A3:B3", "C3:J3", "A4:B4", "C4:E4", "G4:J4", "A5:A9", "H5:J5", "H6:J6", "H7:J7", "H8:J8", "H9:J9",
        "A10:A11", "B10:E10", "F10:J10", "B11:E11", "F11:J11", "A12:C12", "D12:F12", "G12:G13", "H12:H13", "I12:I13",
        "J12:J13", "A14:A18", "A21:C21", "D21:J21", "A22:G22", "A24:J24", "A25:J25", "A26:J26",
    ];
    expected.sort();
    assert_eq!(merges, expected);
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"fitToHeight="0""#), "{sheet}");
    assert!(sheet.contains(r#"orientation="portrait""#));
    assert!(sheet.contains(r#"horizontalCentered="1""#));
    let book = zip_text(&files[0].bytes, "xl/workbook.xml");
    assert!(book.contains("'公开12表-2'!$12:$13"), "indicator header repeats: {book}");
    assert!(book.contains("'公开12表-2'!$A$1:$J$26"), "print area: {book}");
    // The goal texts wrap: their row is tall enough for the longer of the two.
    let row11 = &sheet[sheet.find(r#"<row r="11""#).unwrap()..];
    let ht: f64 = row11[row11.find("ht=\"").unwrap() + 4..].split('"').next().unwrap().parse().unwrap();
    assert!(ht > 200.0, "row 11 is {ht} pt");
    // 67.164 keeps its three decimals; money has at least two.
    let styles = zip_text(&files[0].bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.000""#) && styles.contains(r#"formatCode="0.00""#));
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let mut p = jixiao::synth::packet(1, 5);
    p.tables[0].project.value = r#"=HYPERLINK("http://x","y")"#.into();
    p.tables[0].indicators[0].reason.value = "=1+1".into();
    p.tables[0].indicators[1].reason.value = "+86 871".into();
    p.tables[0].indicators[2].reason.value = "-减少".into();
    p.tables[0].indicators[3].reason.value = "@所有人".into();
    check(&mut p, Forms::builtin());
    let files = render(&p);
    let sheet = zip_text(&files[0].bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "a formula was written: {sheet}");
    let (back, _d) = read_back(&files[0].bytes, "f.xlsx");
    assert_eq!(back.tables[0].project.value, r#"=HYPERLINK("http://x","y")"#);
    let reasons: Vec<_> = back.tables[0].indicators.iter().take(4).map(|i| i.reason.value.as_str()).collect();
    assert_eq!(reasons, ["=1+1", "+86 871", "-减少", "@所有人"]);
}

#[test]
fn excel_bytes_are_identical_for_the_same_input_and_timestamp() {
    let seed = checked_seed();
    assert_eq!(render(&seed), render(&seed));
    let core = zip_text(&render(&seed)[0].bytes, "docProps/core.xml");
    assert!(core.contains("2022-01-01T00:00:00Z"), "{core}");
}

/// LibreOffice opens the copy and prints it to PDF; the text is all there, one page a table.
/// Skips with a notice where LibreOffice or poppler is absent; fails under CI (.ci/run installs both).
#[test]
fn libreoffice_prints_the_excel_copy() {
    if !crate::common::tool("soffice", "--version") || !crate::common::tool("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seed = fixture("fixtures/seed-2021.xlsx");
    let (code, _, err) = jixiao(&["build", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--formats", "xlsx"]);
    assert_eq!(code, 0, "{err}");
    let profile = dir.path().join("lo-profile");
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(out.join("packet.xlsx"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pdf = dir.path().join("packet.pdf");
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout).split_whitespace().collect();
    for v in
        ["公开12表-1", "计算机技术与软件专业资格考试专项资金", "178.50", "67.164", "10.00", "100%", "8.5", "98.5", "优"]
    {
        assert!(text.contains(v), "{v} missing from LibreOffice's PDF");
    }
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 4")), "{info}");
}

#[test]
fn a_table_without_indicators_or_project_name_writes_in_every_form_and_orientation() {
    // Found by the tables fuzz target: a table whose indicators were all deleted and whose
    // project name is empty made the Excel writer index a column past the grid (a panic): a
    // label down the indicators' rows spanned one row more than there were.
    for form in Forms::builtin().iter() {
        for landscape in [false, true] {
            let mut packet = jixiao::synth::packet_in(form, 1, 5);
            packet.tables[0].indicators.clear();
            packet.tables[0].project.value.clear();
            check(&mut packet, Forms::builtin());
            let ctx = PacketContext::new(&packet, Forms::builtin(), LayoutOptions { landscape });
            // Every cell within the form's columns (the 绩效指标 label's rows once overran).
            let g = &ctx.tables[0].grid;
            for row in g.top.iter().chain(&g.header).chain(&g.body) {
                assert!(row.iter().all(|c| c.col + c.colspan <= g.columns.len()), "{} {row:?}", form.name);
            }
            let when = jixiao::dates::Timestamp::epoch();
            let files = XlsxRenderer::new(when).render(&ctx);
            assert!(files.is_ok_and(|f| f.len() == 2), "{} landscape={landscape}", form.name);
        }
    }
}
