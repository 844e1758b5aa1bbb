//! `manifest.json`: every file of a packet with its size and SHA-256, the table it shows, the
//! hash of each table's content and of what shapes the files (templates, fonts, settings), and
//! jixiao's version. The next build reads it to reuse the files of tables that did not change.

use crate::diag::Findings;
use crate::hash::sha256_hex;
use crate::model::{Packet, Table};
use crate::render::table_file;
use crate::render::{Format, OutFile, PacketContext, TableContext};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub jixiao: String,
    /// Seconds since 1970: every file's creation date.
    pub timestamp: i64,
    /// The day the packet is published (YYYY-MM-DD), when the user gave it: a 更正说明 of this
    /// packet cites it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// SHA-256 of the templates in force.
    pub templates: String,
    /// SHA-256 of what else shapes the files: formats, page, PDF standard, the fonts' bytes.
    pub settings: String,
    pub tables: Vec<TableEntry>,
    pub files: Vec<FileEntry>,
    /// The previously published packet this one corrects, by its manifest's files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Corrects>,
    /// SHA-256 of everything the build read (the workbooks' bytes, the settings, templates, forms
    /// and fonts): the next build with the same key has nothing to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What the checks found, for a build with nothing to do to report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Findings>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    pub number: String,
    pub project: String,
    pub slug: String,
    /// SHA-256 of the table's checked model and its formatted cells.
    pub model: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrects {
    /// Where the previous packet was read from.
    pub folder: String,
    /// Its files, as its manifest recorded them.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// The manifest of a packet about to be written; its files are filled in last.
    pub fn new(timestamp: i64, templates: String, settings: String, packet: &Packet, ctx: &PacketContext) -> Manifest {
        Manifest {
            jixiao: env!("CARGO_PKG_VERSION").into(),
            timestamp,
            published: None,
            templates,
            settings,
            tables: packet
                .tables
                .iter()
                .zip(&ctx.tables)
                .map(|(t, v)| TableEntry {
                    number: v.number.clone(),
                    project: v.project.clone(),
                    slug: v.slug.clone(),
                    model: content_hash(t, v),
                })
                .collect(),
            files: Vec::new(),
            corrects: None,
            key: None,
            findings: None,
        }
    }

    /// Whether the packet in `dir` is the one this manifest describes, file by file (each there,
    /// with its recorded size): a quick look, not a hash of every file.
    pub fn on_disk(&self, dir: &Path) -> bool {
        dir.join(super::MODEL).is_file()
            && self.files.iter().all(|f| fs::metadata(dir.join(&f.path)).is_ok_and(|m| m.len() == f.size))
    }

    /// The manifest of a built packet folder, if it has a readable one.
    pub fn read(dir: &Path) -> Option<Manifest> {
        serde_json::from_slice(&fs::read(dir.join(MANIFEST)).ok()?).ok()
    }
}

/// Files of the previous packet that can be reused for a table: its entry has the same model
/// hash, the templates, settings and jixiao version are the same, and each of `paths` is on
/// disk as the manifest recorded it. `None` when anything differs.
fn reusable(
    prev: &Manifest,
    dir: &Path,
    current: &Manifest,
    entry: &TableEntry,
    paths: &[String],
) -> Option<Vec<OutFile>> {
    if prev.jixiao != current.jixiao || prev.templates != current.templates || prev.settings != current.settings {
        return None;
    }
    prev.tables.iter().find(|t| t.number == entry.number && t.model == entry.model && t.slug == entry.slug)?;
    paths
        .iter()
        .map(|p| {
            let recorded = prev.files.iter().find(|f| &f.path == p)?;
            let bytes = fs::read(dir.join(p)).ok()?;
            (sha256_hex(&bytes) == recorded.sha256).then(|| OutFile {
                path: p.clone(),
                bytes,
                table: Some(entry.number.clone()),
            })
        })
        .collect()
}

/// What a table's files show: its formatted cells and its typed values, without where they were
/// read from (file, sheet, cells), so the same table read from another workbook hashes alike.
pub fn content_hash(table: &Table, view: &TableContext) -> String {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("cell");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut model = serde_json::to_value(table).expect("the model serializes");
    if let Some(m) = model.as_object_mut() {
        for k in ["source", "sheet", "uncached_formulas"] {
            m.remove(k);
        }
    }
    strip(&mut model);
    let view = serde_json::to_vec(view).expect("the context serializes");
    sha256_hex(&[serde_json::to_vec(&model).expect("JSON"), view].concat())
}

/// Which tables must be rendered afresh, and the files of the others, taken from the first of
/// `dirs` (earlier packets) whose manifest has them unchanged.
pub fn reuse(current: &Manifest, dirs: &[PathBuf], formats: &[Format]) -> (Vec<bool>, Vec<OutFile>) {
    let sources: Vec<(&PathBuf, Manifest)> = dirs.iter().filter_map(|d| Manifest::read(d).map(|m| (d, m))).collect();
    let mut fresh = vec![true; current.tables.len()];
    let mut reused = Vec::new();
    for (i, entry) in current.tables.iter().enumerate() {
        let paths: Vec<String> = formats.iter().map(|f| table_file(&entry.slug, *f)).collect();
        if let Some(files) = sources.iter().find_map(|(dir, prev)| reusable(prev, dir, current, entry, &paths)) {
            reused.extend(files);
            fresh[i] = false;
        }
    }
    (fresh, reused)
}
