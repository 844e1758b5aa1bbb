//! `jixiao build`: the example project, atomic replacement, incremental rebuilds, config errors.

use crate::common::{fixture, run_in, seed_workbook};
use jixiao::model::{Measure, Packet};
use rust_decimal_macros::dec;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every file under `dir`, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_string_lossy().into(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// A copy of the repository's example project: jixiao.toml and data/.
fn example_project() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("jixiao.toml"), dir.path().join("jixiao.toml")).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for e in std::fs::read_dir(root.join("data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join("data").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn no_arguments_build_the_example_packet_with_every_file_of_the_manifest() {
    let dir = example_project();
    let (code, out, err) = run_in(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("rendered 4 of 4 tables"), "{out}");
    let files = snapshot(&dir.path().join("output"));
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed: Vec<&str> = manifest["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    let on_disk: Vec<&str> = files.keys().map(|k| k.as_str()).filter(|k| *k != "manifest.json").collect();
    assert_eq!(listed, on_disk);
    for f in manifest["files"].as_array().unwrap() {
        let bytes = &files[f["path"].as_str().unwrap()];
        assert_eq!(f["size"].as_u64().unwrap(), bytes.len() as u64);
        assert_eq!(f["sha256"].as_str().unwrap(), jixiao::hash::sha256_hex(bytes));
    }
    for want in [
        "packet.pdf",
        "packet.html",
        "index.html",
        "packet.xlsx",
        "model.json",
        "tables/公开12表-2.pdf",
        "tables/公开12表-2.html",
        "tables/公开12表-2.xlsx",
    ] {
        assert!(listed.contains(&want), "{want}");
    }
    assert_eq!(manifest["tables"].as_array().unwrap().len(), 4);
    assert_eq!(manifest["jixiao"], env!("CARGO_PKG_VERSION"));
    let t2 = manifest["files"].as_array().unwrap().iter().find(|f| f["path"] == "tables/公开12表-2.pdf").unwrap();
    assert_eq!(t2["table"], "公开12表-2");
    let model: Packet = serde_json::from_slice(&files["model.json"]).unwrap();
    assert_eq!(model.tables[1].total.grade.value.as_deref(), Some("优"));
}

#[test]
fn rebuilds_are_byte_identical() {
    let (a, b) = (example_project(), example_project());
    assert_eq!(run_in(a.path(), &[]).0, 0);
    assert_eq!(run_in(b.path(), &[]).0, 0);
    assert_eq!(snapshot(&a.path().join("output")), snapshot(&b.path().join("output")));
}

#[test]
fn a_failed_build_leaves_the_previous_packet_exactly_as_it_was() {
    let dir = example_project();
    assert_eq!(run_in(dir.path(), &[]).0, 0);
    let before = snapshot(&dir.path().join("output"));
    // A corrupt workbook: unreadable, exit 2.
    let input = dir.path().join("data/2021-项目支出绩效自评表.xlsx");
    let good = std::fs::read(&input).unwrap();
    std::fs::write(&input, &good[..good.len() / 2]).unwrap();
    let (code, _, err) = run_in(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(snapshot(&dir.path().join("output")), before);
    // A workbook with a check error: exit 1, nothing written.
    std::fs::copy(fixture("invalid/text-in-money-cell.xlsx"), &input).unwrap();
    let (code, _, err) = run_in(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("number-expected") && err.contains("nothing written"), "{err}");
    assert_eq!(snapshot(&dir.path().join("output")), before);
    // A template that fails while the other formats are already writing their files: the
    // half-written temporary folder goes, the packet stays.
    std::fs::write(&input, &good).unwrap();
    let broken = dir.path().join("broken-templates");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(
        broken.join("table.typ"),
        "#let packet-style(opts, body) = body\n#let render-table(t, key, opts) = panic(\"broken on purpose\")\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["build", "--templates", "broken-templates"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("broken on purpose") && err.contains("table.typ:2"), "{err}");
    assert_eq!(snapshot(&dir.path().join("output")), before);
    // No staging folders are left beside it, only the lock file.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.starts_with(".output").then_some(n)
        })
        .collect();
    assert_eq!(leftovers, [".output.lock"]);
}

#[test]
fn changing_one_value_renders_one_table_and_reuses_the_other_three() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("2021.xlsx");
    seed_workbook(&wb, |_| {});
    let args = ["build", "2021.xlsx", "-o", "out"];
    assert_eq!(run_in(dir.path(), &args).0, 0);
    let before = snapshot(&dir.path().join("out"));
    seed_workbook(&wb, |p| {
        let ind = &mut p.tables[1].indicators[0];
        ind.actual.value = Some(Measure::Number(dec!(18)));
        ind.score.value = Some(dec!(9));
        p.tables[1].total.score.value = Some(dec!(99));
    });
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("rendered 1 of 4 tables"), "{out}");
    let after = snapshot(&dir.path().join("out"));
    for n in [1, 3, 4] {
        for ext in ["pdf", "html", "xlsx"] {
            let f = format!("tables/公开12表-{n}.{ext}");
            assert_eq!(before[&f], after[&f], "{f}");
        }
    }
    for ext in ["pdf", "html", "xlsx"] {
        let f = format!("tables/公开12表-2.{ext}");
        assert_ne!(before[&f], after[&f], "{f}");
    }
    assert_ne!(before["packet.pdf"], after["packet.pdf"]);
    // Every file, the combined ones and the manifest among them, is what a full build of the
    // corrected workbook into an empty folder writes.
    assert_eq!(run_in(dir.path(), &["build", "2021.xlsx", "-o", "full"]).0, 0);
    assert_eq!(snapshot(&dir.path().join("full")), after);
}

/// Every file and folder under `dir` with its modification time and bytes (none for folders).
fn stamps(dir: &Path) -> BTreeMap<String, (std::time::SystemTime, Vec<u8>)> {
    let mut m = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
            let bytes = if p.is_dir() { Vec::new() } else { std::fs::read(&p).unwrap() };
            if p.is_dir() && p.file_name().unwrap() != "data" {
                stack.push(p.clone());
            }
            m.insert(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), (modified, bytes));
        }
    }
    m
}

#[test]
fn a_rebuild_with_nothing_changed_touches_no_file_and_says_so() {
    let dir = example_project();
    assert_eq!(run_in(dir.path(), &[]).0, 0);
    let before = stamps(dir.path());
    // A file system with a coarse clock would hide a rewrite within the same tick.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (code, out, err) = run_in(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nothing changed since the last build") && out.contains("1 warning"), "{out}");
    assert_eq!(stamps(dir.path()), before);
    // Any change to what the build reads builds again: a setting, a file gone from the packet.
    let (_, out, _) = run_in(dir.path(), &["build", "--no-tagged"]);
    assert!(out.contains("rendered 4 of 4 tables"), "{out}");
    std::fs::remove_file(dir.path().join("output/tables/公开12表-2.pdf")).unwrap();
    let (_, out, _) = run_in(dir.path(), &["build", "--no-tagged"]);
    assert!(out.contains("rendered 1 of 4 tables"), "{out}");
}

#[test]
fn an_unknown_config_key_is_an_error_naming_it() {
    let dir = example_project();
    std::fs::write(
        dir.path().join("jixiao.toml"),
        "input = [\"data/2021-项目支出绩效自评表.xlsx\"]\nouptut = \"out\"\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("error[config]") && err.contains("ouptut") && err.contains("jixiao.toml:2"), "{err}");
    assert!(err.contains("`jixiao build --help`") && !err.contains("README"), "{err}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn flags_and_environment_win_over_the_config() {
    let dir = example_project();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["build", "--formats", "html"])
        .current_dir(dir.path())
        .env("JIXIAO_LANG", "en")
        .env("JIXIAO_OUTPUT", "elsewhere")
        .env("JIXIAO_TITLE", "2021年度项目支出绩效自评表（更正）")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files = snapshot(&dir.path().join("elsewhere"));
    assert!(files.contains_key("packet.html") && !files.contains_key("packet.pdf"));
    assert!(String::from_utf8_lossy(&files["packet.html"]).contains("2021年度项目支出绩效自评表（更正）"));
}

#[test]
fn init_writes_a_workbook_that_refuses_to_publish_until_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_in(dir.path(), &["init", "unit", "--eject-templates"]).0, 0);
    assert!(dir.path().join("unit/templates/table.typ").is_file());
    // The blank workbook's placeholders are the form's own instruction texts: errors at their cells.
    let (code, _, err) = run_in(&dir.path().join("unit"), &[]);
    assert_eq!(code, 1, "{err}");
    // One finding for the code in the table, listing its cells.
    assert!(err.contains("项目支出绩效自评表.xlsx!公开12表-1!C3 (C3, C4, G4"), "{err}");
    for cell in ["C4", "G4", "C14"] {
        assert!(err.contains(&format!("· {cell}: ")), "{cell}: {err}");
    }
    assert!(err.contains("error[instruction-text]") && err.contains("（示例）某某专项资金"), "{err}");
    // Filled in, it builds with nothing to say.
    let wb = dir.path().join("unit/项目支出绩效自评表.xlsx");
    let (mut p, _) = jixiao::ingest::read(&wb).unwrap();
    let t = &mut p.tables[0];
    t.project.value = "信息系统运维专项资金".into();
    t.department.value = "某某厅".into();
    t.implementer.value = "某某中心".into();
    t.goals.expected.value = "保障系统运行。".into();
    t.goals.achieved.value = "系统全年稳定运行。".into();
    for (k, i) in t.indicators.iter_mut().enumerate() {
        i.name.value = format!("运维指标{}", k + 1);
    }
    jixiao::check::check(&mut p, jixiao::form::Forms::builtin());
    let ctx = jixiao::render::PacketContext::new(&p, jixiao::form::Forms::builtin(), Default::default());
    let files = jixiao::render::xlsx::XlsxRenderer::new(jixiao::dates::Timestamp::epoch());
    std::fs::write(&wb, &jixiao::render::Renderer::render(&files, &ctx).unwrap()[0].bytes).unwrap();
    let (code, out, err) = run_in(&dir.path().join("unit"), &["-v"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    // A second init keeps the filled-in workbook.
    let filled = std::fs::read(&wb).unwrap();
    assert_eq!(run_in(dir.path(), &["init", "unit"]).0, 0);
    assert_eq!(std::fs::read(&wb).unwrap(), filled);
}

#[test]
fn init_never_destroys_work() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("unit");
    assert_eq!(run_in(dir.path(), &["init", "unit", "--eject-templates"]).0, 0);
    // The unit's work: a filled workbook, its own settings and template.
    let (wb, toml, typ) =
        (unit.join("项目支出绩效自评表.xlsx"), unit.join("jixiao.toml"), unit.join("templates/table.typ"));
    std::fs::copy(crate::common::fixture("fixtures/seed-2021.xlsx"), &wb).unwrap();
    std::fs::write(&toml, "input = [\"项目支出绩效自评表.xlsx\"]\nyear = 2021\n").unwrap();
    let own_typ = format!("{}\n// 本单位修改\n", std::fs::read_to_string(&typ).unwrap());
    std::fs::write(&typ, &own_typ).unwrap();
    std::fs::remove_file(unit.join("templates/table.html.tera")).unwrap();
    let work = || (std::fs::read(&wb).unwrap(), std::fs::read(&toml).unwrap(), std::fs::read_to_string(&typ).unwrap());
    let before = work();

    // Ejecting again adds only what is missing.
    let (code, out, err) = run_in(dir.path(), &["init", "unit", "--eject-templates"]);
    assert_eq!(code, 0, "{err}");
    assert!(unit.join("templates/table.html.tera").is_file());
    assert_eq!(work(), before);
    assert!(out.contains("kept") && out.contains("jixiao.toml") && out.contains("templates/table.typ"), "{out}");

    // --force never replaces a workbook: it names it and writes nothing.
    let (code, _, err) = run_in(dir.path(), &["init", "unit", "--eject-templates", "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("项目支出绩效自评表.xlsx") && err.contains("never replaces a workbook"), "{err}");
    assert_eq!(work(), before);

    // Without the workbook, --force replaces the rest and keeps each replaced file beside it.
    std::fs::rename(&wb, unit.join("mine.xlsx")).unwrap();
    let (code, out, err) = run_in(dir.path(), &["init", "unit", "--eject-templates", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(unit.join("jixiao.toml.bak")).unwrap(), before.1);
    assert_eq!(std::fs::read_to_string(unit.join("templates/table.typ.bak")).unwrap(), before.2);
    assert!(out.contains("replaced jixiao.toml (the previous one is now jixiao.toml.bak)"), "{out}");
    // A second --force keeps the first backup too.
    std::fs::write(&toml, "year = 2022\n").unwrap();
    assert_eq!(run_in(dir.path(), &["init", "unit", "--force"]).0, 0);
    assert_eq!(std::fs::read(unit.join("jixiao.toml.bak")).unwrap(), before.1);
    assert_eq!(std::fs::read_to_string(unit.join("jixiao.toml.bak2")).unwrap(), "year = 2022\n");
    assert_eq!(std::fs::read(unit.join("mine.xlsx")).unwrap(), before.0);
}

#[test]
fn a_second_build_into_the_same_folder_waits_for_the_first() {
    let dir = example_project();
    assert_eq!(run_in(dir.path(), &[]).0, 0);
    let before = snapshot(&dir.path().join("output"));
    // Another build holds the folder's lock.
    let lock = std::fs::File::options().write(true).open(dir.path().join(".output.lock")).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["build", "--title", "2021年度项目支出绩效自评表（第二次）"])
        .current_dir(dir.path())
        .env("JIXIAO_LANG", "en")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the second build did not wait");
    // Meanwhile the packet is untouched; once the lock is free the second build runs.
    assert_eq!(snapshot(&dir.path().join("output")), before);
    drop(lock);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("note: waiting for another build into") && err.contains("output to finish"), "{err}");
    let after = snapshot(&dir.path().join("output"));
    assert!(String::from_utf8_lossy(&after["packet.html"]).contains("（第二次）"));
}

#[test]
fn an_out_of_range_timestamp_is_an_error_not_a_panic() {
    let dir = example_project();
    for ts in ["253402300800", "-1"] {
        let (code, _, err) = run_in(dir.path(), &["build", &format!("--timestamp={ts}")]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("error[invalid-date]") && err.contains(ts), "{err}");
    }
    assert!(!dir.path().join("output").exists());
}
