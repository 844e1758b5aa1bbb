//! The invalid set: one file per case under tests/invalid, each with its code, location and
//! exit code. Never a panic.

mod common;
use common::{fixture, jixiao};

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
    assert_eq!(first(&v), ("sheet-too-large", "sheet-too-large.xlsx!Sheet1"));
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
