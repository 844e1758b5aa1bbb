//! The invalid set: one file per case under tests/invalid, each with its code, location and
//! exit code. Never a panic.

use crate::common::{fixture, jixiao};

fn case(file: &str) -> (i32, serde_json::Value) {
    let path = fixture(&format!("invalid/{file}"));
    let (code, out, err) = jixiao(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert!(!err.contains("panicked"), "{err}");
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{file}: {e}: {out}")))
}

fn first(v: &serde_json::Value) -> (&str, &str) {
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").expect("an error");
    assert!(d["hint"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    (d["code"].as_str().unwrap(), d["location"].as_str().unwrap())
}

#[test]
fn not_a_workbook_exits_2() {
    let (code, v) = case("not-a-workbook.xlsx");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("not-a-workbook", "not-a-workbook.xlsx"));
}

#[test]
fn corrupt_zip_exits_2() {
    let (code, v) = case("corrupt-zip.xlsx");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("corrupt-workbook", "corrupt-zip.xlsx"));
}

#[test]
fn password_protected_workbook_exits_2() {
    let (code, v) = case("password-protected.xlsx");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("password-protected", "password-protected.xlsx"));
}

#[test]
fn empty_workbook_has_no_tables() {
    let (code, v) = case("empty-workbook.xlsx");
    assert_eq!(code, 1);
    assert_eq!(first(&v), ("no-tables", "empty-workbook.xlsx"));
}

#[test]
fn table_without_project_name_label_names_the_sheet() {
    let (code, v) = case("missing-project-name.xlsx");
    assert_eq!(code, 1);
    assert_eq!(first(&v), ("missing-label", "missing-project-name.xlsx!公开12表-1"));
    // The other three tables are still read.
    assert_eq!(v["tables"].as_array().unwrap().len(), 3);
}

#[test]
fn oversized_sheet_is_refused_before_it_is_read() {
    let (code, v) = case("sheet-too-large.xlsx");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("too-large", "sheet-too-large.xlsx!Sheet1"));
}

#[test]
fn text_in_a_money_cell_names_the_cell() {
    let (code, v) = case("text-in-money-cell.xlsx");
    assert_eq!(code, 1);
    assert_eq!(first(&v), ("number-expected", "text-in-money-cell.xlsx!公开12表-1!D6"));
}

#[test]
fn missing_file_exits_2() {
    let (code, _out, err) = jixiao(&["check", "/nonexistent/x.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("file-unreadable"), "{err}");
}

#[test]
fn a_panic_inside_typst_is_a_diagnostic_and_writes_nothing() {
    // A template that makes typst-pdf 0.15.1 panic while tagging (see its header comment).
    let templates = fixture("invalid/templates/header-at-page-top-in-one-table");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seed = fixture("fixtures/seed-2021.xlsx");
    let args =
        ["build", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()];
    let (code, _, err) = jixiao(&args);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[typst-internal]") && err.contains("--no-tagged"), "{err}");
    assert!(!err.contains("thread '"), "the default panic report leaked: {err}");
    assert!(!out.exists());
    let left: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, [".out.lock"], "a staging folder was left behind");
}

/// The error a workbook written by `write` into a fresh folder gets from `check`: (exit code, code,
/// location, message).
fn made(name: &str, write: impl FnOnce(&std::path::Path)) -> (i32, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    write(&path);
    let (code, out, err) = jixiao(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert!(!err.contains("panicked"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").expect("an error").clone();
    let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
    (code, s("code"), s("location"), s("message"))
}

#[test]
fn zip_bomb_is_refused_while_it_is_inflated() {
    // 119 KB that inflate to 100 MiB in one sheet (one cell of 100 MiB of text).
    let (code, v) = case("zip-bomb.xlsx");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("too-large", "zip-bomb.xlsx"));
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("xl/worksheets/sheet1.xml") && message.contains("64 MiB"), "{message}");
}

#[test]
fn workbook_file_over_64_mib_is_refused_before_it_is_read() {
    let (code, c, at, message) = made("big.xlsx", |p| {
        std::fs::File::create(p).unwrap().set_len(65 << 20).unwrap();
    });
    assert_eq!((code, c.as_str()), (2, "too-large"));
    assert!(at.ends_with("big.xlsx") && message.contains("68,157,440 bytes"), "{at}: {message}");
}

#[test]
fn cell_text_past_excels_limit_is_refused_with_its_cell() {
    // The seed with its first inline text made 40,000 characters long (no spreadsheet program
    // writes that; rust_xlsxwriter refuses to).
    let (code, c, at, message) = made("long.xlsx", |p| {
        let seed = std::fs::read(crate::common::fixture("fixtures/seed-2021.xlsx")).unwrap();
        let mut zin = zip::ZipArchive::new(std::io::Cursor::new(seed)).unwrap();
        let mut zout = zip::ZipWriter::new(std::fs::File::create(p).unwrap());
        for i in 0..zin.len() {
            let mut part = zin.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                let at = text.find("<t").and_then(|i| text[i..].find('>').map(|j| i + j + 1)).unwrap();
                text.insert_str(at, &"长".repeat(40_000));
            }
            zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zout, text.as_bytes()).unwrap();
        }
        zout.finish().unwrap();
    });
    assert_eq!((code, c.as_str()), (2, "too-large"));
    assert!(at.starts_with("long.xlsx!公开12表-1!") && message.contains("32,767 characters"), "{at}: {message}");
}

#[test]
fn more_indicators_than_a_table_may_hold_are_refused_at_the_first_row_past_the_limit() {
    let (code, c, at, message) = made("many.xlsx", |p| {
        crate::common::seed_workbook(p, |packet| {
            let t = &mut packet.tables[0];
            let first = t.indicators[0].clone();
            t.indicators = (0..501).map(|_| first.clone()).collect();
        })
    });
    assert_eq!((code, c.as_str()), (2, "too-large"));
    assert!(at.starts_with("many.xlsx!公开12表-1!A") && message.contains("500 indicator rows"), "{at}: {message}");
}

#[test]
fn more_sheets_than_a_packet_may_hold_are_refused_before_any_is_read() {
    let (code, c, at, message) = made("sheets.xlsx", |p| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for _ in 0..5_001 {
            wb.add_worksheet();
        }
        wb.save(p).unwrap();
    });
    assert_eq!((code, c.as_str()), (2, "too-large"));
    assert!(at.ends_with("sheets.xlsx") && message.contains("5,001 sheets"), "{at}: {message}");
}

#[test]
fn figure_past_fifteen_digits_is_an_error_at_its_cell_not_an_overflow() {
    // Found by tests/properties.rs: two 分值 near 2⁹⁶ made the sum of the weights overflow (a
    // panic). The figures are refused at their cells and left out of the sums.
    let (code, c, at, message) = made("huge.xlsx", |p| {
        let seed = crate::common::fixture("fixtures/seed-2021.xlsx");
        let (packet, _) = jixiao::ingest::read(&seed).unwrap();
        let cells: Vec<String> =
            packet.tables[0].indicators[..2].iter().map(|i| i.weight.cell.clone().unwrap()).collect();
        let wb = jixiao::ingest::workbook::read_path(&seed).unwrap();
        let mut out = rust_xlsxwriter::Workbook::new();
        for (k, grid) in wb.sheets.iter().enumerate() {
            let ws = out.add_worksheet();
            ws.set_name(&grid.name).unwrap();
            for r in 0..grid.rows {
                for col in 0..grid.cols {
                    let name = jixiao::ingest::grid::cell_name(r, col);
                    if k == 0 && cells.contains(&name) {
                        ws.write_string(r, col as u16, "79228162514264337593543950335").unwrap();
                        continue;
                    }
                    match &grid.get(r, col).value {
                        jixiao::ingest::grid::RawValue::Float(f) => {
                            ws.write_number(r, col as u16, *f).unwrap();
                        }
                        jixiao::ingest::grid::RawValue::Int(i) => {
                            ws.write_number(r, col as u16, *i as f64).unwrap();
                        }
                        jixiao::ingest::grid::RawValue::Text(t) => {
                            ws.write_string(r, col as u16, t).unwrap();
                        }
                        _ => {}
                    }
                }
            }
        }
        out.save(p).unwrap();
    });
    assert_eq!((code, c.as_str()), (2, "too-large"));
    assert!(
        at.starts_with("huge.xlsx!公开12表-1!") && message.contains("15 digits before the point"),
        "{at}: {message}"
    );
}

#[test]
fn damaged_xls_files_that_made_calamine_panic_are_corrupt_workbooks() {
    // Found by the workbook fuzz target (fuzz/, RELIABILITY.md), minimized: calamine 0.38 panics
    // on each (utils.rs:29, a sector shorter than its header says; cfb.rs:320, a sector chain
    // past the end of the file). The compound-file check before calamine now refuses them; a
    // panic inside calamine would still be contained and reported the same way.
    for file in ["xls-short-sector.xls", "xls-sector-past-end.xls"] {
        let (code, v) = case(file);
        assert_eq!((code, first(&v)), (2, ("corrupt-workbook", file)));
    }
}

#[test]
fn xls_cell_far_past_the_sheet_is_refused_before_calamine_lays_it_out() {
    // Found by the workbook fuzz target: a 24 KB .xls (the seed's, damaged) whose cell records
    // reach row 65,532 and column 1,792. calamine lays a sheet out densely from its farthest
    // cell and asked for over 4 GiB; the records are now scanned for their extent first.
    let (code, v) = case("xls-cell-far-past-the-sheet.xls");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("too-large", "xls-cell-far-past-the-sheet.xls!公开12表-2"));
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("65,532 rows × 1,792 columns"), "{message}");
}

#[test]
fn ods_cells_repeated_far_past_the_sheet_are_refused_before_calamine_expands_them() {
    // The seed's .ods with one more sheet: a cell repeated over 16,000 columns in a row repeated
    // 6,000 times, 43 KB in all. calamine expanded it to 96 million cells (6 GB, 25 s) before
    // the sheet could be refused; the repeats are now counted first.
    let (code, v) = case("ods-cells-repeated-far-past-the-sheet.ods");
    assert_eq!(code, 2);
    assert_eq!(first(&v), ("too-large", "ods-cells-repeated-far-past-the-sheet.ods!X"));
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("6,000 rows × 16,000 columns"), "{message}");
}
