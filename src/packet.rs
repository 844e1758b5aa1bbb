//! Stage 4: the output folder. Files are written into a temporary folder beside the target and
//! swapped in only when every file is written, so a failed or killed build leaves the previous
//! packet exactly as it was.

use crate::render::OutFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    dir.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Removes temporary folders that a killed build left beside `dir` (`.output.tmp-1234`). A
/// folder whose build is still running (another jixiao writing the same packet) is left alone.
fn remove_stale(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else { return };
    let prefixes = [format!(".{}.tmp-", name.to_string_lossy()), format!(".{}.old-", name.to_string_lossy())];
    for e in fs::read_dir(parent).into_iter().flatten().flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = prefixes.iter().find_map(|p| file.strip_prefix(p.as_str())) else { continue };
        if !pid.parse().is_ok_and(build_is_running) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Whether process `pid` still runs (signal 0 checks without sending anything).
#[cfg(unix)]
fn build_is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 only checks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM) }
}

/// Without a cheap check, a folder of this very process is the only one known to be in use.
#[cfg(not(unix))]
fn build_is_running(pid: u32) -> bool {
    pid == std::process::id()
}

/// The temporary folder a build writes into, beside the target. Files go to disk as soon as
/// they are made (a large packet is never held in memory whole); [`Staging::commit`] adds
/// `model.json` and `manifest.json` and swaps the folder in. Dropped without a commit (a failed
/// build), it removes itself and the target is untouched.
pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    entries: Mutex<Vec<FileEntry>>,
    committed: bool,
}

impl Staging {
    pub fn new(dir: &Path) -> io::Result<Staging> {
        let target = if dir.is_absolute() { dir.to_path_buf() } else { std::env::current_dir()?.join(dir) };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        remove_stale(&target);
        let tmp = sibling(&target, "tmp");
        fs::create_dir_all(&tmp)?;
        Ok(Staging { target, tmp, entries: Mutex::new(Vec::new()), committed: false })
    }

    /// Writes one file of the packet and records its size and hash for the manifest.
    pub fn write(&self, f: &OutFile) -> io::Result<()> {
        let path = self.tmp.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&path, &f.bytes)?;
        let entry = FileEntry {
            path: f.path.clone(),
            size: f.bytes.len() as u64,
            sha256: sha256_hex(&f.bytes),
            table: f.table.clone(),
        };
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
        Ok(())
    }

    /// Adds `model.json` and `manifest.json` (every file in path order), then replaces the target
    /// folder with this one. Returns how many files the packet has.
    pub fn commit(mut self, packet: &crate::model::Packet, mut manifest: Manifest) -> io::Result<usize> {
        let model = serde_json::to_vec_pretty(packet).expect("the model serializes");
        self.write(&OutFile { path: "model.json".into(), bytes: model, table: None })?;
        let mut entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        manifest.files = entries;
        let bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest serializes");
        fs::write(self.tmp.join(MANIFEST), bytes)?;
        self.swap()?;
        self.committed = true;
        Ok(manifest.files.len() + 1)
    }

    /// The old folder steps aside, the new one takes its name, the old one goes.
    fn swap(&self) -> io::Result<()> {
        let (dir, tmp) = (&self.target, &self.tmp);
        if dir.exists() {
            let old = sibling(dir, "old");
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(dir, &old)?;
            if let Err(e) = fs::rename(tmp, dir) {
                fs::rename(&old, dir)?;
                return Err(e);
            }
            fs::remove_dir_all(&old)
        } else {
            fs::rename(tmp, dir)
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.tmp.exists() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `manifest.json`: every file with its size and SHA-256, the table it shows, the hash of that
/// table's model and of the templates, and jixiao's version. The next build reads it to reuse
/// the files of tables that did not change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub jixiao: String,
    pub timestamp: i64,
    /// SHA-256 of the templates in force.
    pub templates: String,
    /// SHA-256 of the settings that shape the files (formats, page, PDF standard, fonts).
    pub settings: String,
    pub tables: Vec<TableEntry>,
    pub files: Vec<FileEntry>,
    /// The previously published packet this one corrects, by its manifest's files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Corrects>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableEntry {
    pub number: String,
    pub project: String,
    pub slug: String,
    /// SHA-256 of the table's checked model and its formatted cells.
    pub model: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Corrects {
    /// Where the previous packet was read from.
    pub folder: String,
    /// Its files, as its manifest recorded them.
    pub files: Vec<FileEntry>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

pub const MANIFEST: &str = "manifest.json";

impl Manifest {
    /// The manifest of a packet about to be written; its files are filled in last.
    pub fn new(
        timestamp: i64,
        templates: &[(String, String)],
        settings: String,
        packet: &crate::model::Packet,
        ctx: &crate::render::PacketContext,
    ) -> Manifest {
        let templates: String = templates.iter().map(|(n, t)| format!("{n}\0{t}\0")).collect();
        Manifest {
            jixiao: env!("CARGO_PKG_VERSION").into(),
            timestamp,
            templates: sha256_hex(templates.as_bytes()),
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
        }
    }

    /// The manifest of a built packet folder, if it has a readable one.
    pub fn read(dir: &Path) -> Option<Manifest> {
        serde_json::from_slice(&fs::read(dir.join(MANIFEST)).ok()?).ok()
    }
}

/// Files of the previous packet that can be reused for a table: its entry has the same model
/// hash, the templates, settings and jixiao version are the same, and each of `paths` is on
/// disk as the manifest recorded it. `None` when anything differs.
pub fn reusable(
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
pub fn content_hash(table: &crate::model::Table, view: &crate::render::TableContext) -> String {
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
pub fn reuse(current: &Manifest, dirs: &[PathBuf], formats: &[&str]) -> (Vec<bool>, Vec<OutFile>) {
    let sources: Vec<(&PathBuf, Manifest)> = dirs.iter().filter_map(|d| Manifest::read(d).map(|m| (d, m))).collect();
    let mut fresh = vec![true; current.tables.len()];
    let mut reused = Vec::new();
    for (i, entry) in current.tables.iter().enumerate() {
        let paths: Vec<String> = formats.iter().map(|f| format!("tables/{}.{f}", entry.slug)).collect();
        if let Some(files) = sources.iter().find_map(|(dir, prev)| reusable(prev, dir, current, entry, &paths)) {
            reused.extend(files);
            fresh[i] = false;
        }
    }
    (fresh, reused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_folders_of_finished_builds_go_and_those_of_running_builds_stay() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("output");
        // A build that has ended: a child process that has been waited for.
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let running = std::process::id();
        for name in [format!(".output.tmp-{ended}"), format!(".output.old-{ended}"), format!(".output.tmp-{running}")] {
            fs::create_dir(parent.path().join(name)).unwrap();
        }
        remove_stale(&target);
        let mut left: Vec<String> = fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, vec![format!(".output.tmp-{running}")]);
    }
}
