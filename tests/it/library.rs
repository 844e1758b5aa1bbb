//! The build as a library call, with no process spawned: the seed packet, byte for byte as
//! recorded, progress reported per table, and a rebuild that renders nothing.

use crate::common::fixture;
use jixiao::build::{Build, Progress, Settings};
use jixiao::config::Config;
use jixiao::dates::Timestamp;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// Records what a build says of its progress.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl Progress for Recorder {
    fn start(&self, stage: &str, total: usize) {
        self.0.lock().unwrap().push(format!("{stage} {total}"));
    }
    fn advance(&self) {
        self.0.lock().unwrap().push("+".into());
    }
}

fn settings(out: &Path) -> Settings {
    let cfg = Config {
        input: Some(vec![fixture("fixtures/seed-2021.xlsx")]),
        output: Some(out.to_path_buf()),
        timestamp: Some(1_640_995_200),
        ..Config::default()
    };
    Settings::from_config(cfg).unwrap()
}

/// SHA-256 of every file of a packet folder but its manifest (which also hashes the templates
/// and fonts, and so changes with any edit to them).
fn hashes(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if rel != "manifest.json" {
                    out.insert(rel, jixiao::hash::sha256_hex(&std::fs::read(&p).unwrap()));
                }
            }
        }
    }
    out
}

#[test]
fn the_seed_builds_through_the_library_as_recorded_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let progress = Recorder::default();
    let built = Build::new(settings(&out)).unwrap().run(&progress).unwrap();
    assert_eq!((built.tables, built.rendered, built.files), (4, 4, 18));
    assert!(!built.report.has_errors());
    // The PDF reports each table; HTML and Excel are written beside it, silently.
    assert_eq!(progress.0.lock().unwrap().join(" "), "pdf 4 + + + +");

    // Recorded from the build before the library refactor (same timestamp); HTML and Excel
    // since the column widths came from one source. `JIXIAO_BLESS=1` records anew.
    let recorded_path = fixture("fixtures/seed-2021.packet.sha256");
    let got = hashes(&out);
    let text: String = got.iter().map(|(p, h)| format!("{h}  {p}\n")).collect();
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::write(&recorded_path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(&recorded_path).unwrap();
    assert_eq!(text, recorded, "the seed packet is no longer byte-identical to the recorded one");

    // Nothing changed: nothing is rendered, and every file stays as it was.
    let again = Build::new(settings(&out)).unwrap().run(&Recorder::default()).unwrap();
    assert_eq!(again.rendered, 0);
    assert_eq!(hashes(&out), got);
}

#[test]
fn without_a_timestamp_the_files_carry_the_workbooks_own_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let s = Settings { timestamp: None, formats: vec![jixiao::render::Format::Xlsx], ..settings(&out) };
    Build::new(s).unwrap().run(&jixiao::build::Silent).unwrap();
    // The seed workbook says it was saved at 2026-11-28T02:37:10Z (docProps/core.xml).
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let saved = Timestamp::from_unix(manifest["timestamp"].as_i64().unwrap(), "t").unwrap();
    assert_eq!(saved.utc().to_string(), "2026-11-28 2:37:10.0 +00:00:00");
    let xlsx = std::fs::read(out.join("packet.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    assert!(core.contains("2026-11-28T02:37:10Z"), "{core}");
}
