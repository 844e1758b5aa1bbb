//! Stage 4: the output folder, owned by a [`PacketDir`]. A build holds an advisory lock beside
//! the folder, writes every file into a [`Staging`] folder next to it, and swaps that folder in
//! only when every file is written: a failed or killed build leaves the previous packet exactly
//! as it was, and a second build into the same folder waits instead of interleaving.

mod manifest;

pub use manifest::{content_hash, reuse, Corrects, FileEntry, Manifest, TableEntry, MANIFEST};

use crate::diag::{Code, Diagnostic};
use crate::hash::sha256_hex;
use crate::model::Packet;
use crate::render::OutFile;
use crate::t;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The checked model, beside the files it was rendered from.
pub const MODEL: &str = "model.json";

/// An output folder, locked for one build.
pub struct PacketDir {
    target: PathBuf,
    /// Held for the life of the build; the operating system releases it when the process ends,
    /// however it ends.
    _lock: File,
}

/// `.output.lock`, `.output.tmp-…`: the names beside `output` that belong to its builds.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{what}"))
}

fn write_failed(what: String, path: &Path) -> Diagnostic {
    Diagnostic::new(Code::WriteFailed, what).at(path.display().to_string()).hint(t!("write-failed-hint"))
}

impl PacketDir {
    /// Takes the lock on the output folder `dir` (creating its parent). When another build
    /// holds it, `waiting` is called once and this one waits for it to finish. Staging folders
    /// of builds that were killed are removed.
    pub fn lock(dir: &Path, waiting: impl FnOnce(&Path)) -> Result<PacketDir, Diagnostic> {
        let target = std::path::absolute(dir).map_err(|e| write_failed(t!("cannot-resolve-output", error = e), dir))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| write_failed(t!("cannot-create", path = parent.display(), error = e), parent))?;
        }
        if target.exists() && !target.is_dir() {
            return Err(Diagnostic::new(Code::WriteFailed, t!("output-is-file"))
                .at(target.display().to_string())
                .hint(t!("output-is-file-hint")));
        }
        let lock_path = sibling(&target, "lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| write_failed(t!("cannot-lock-file", error = e), &lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                waiting(&target);
                lock.lock().map_err(|e| write_failed(t!("cannot-lock-output", error = e), &lock_path))?;
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(write_failed(t!("cannot-lock-output", error = e), &lock_path))
            }
        }
        let dir = PacketDir { target, _lock: lock };
        dir.remove_stale();
        Ok(dir)
    }

    pub fn path(&self) -> &Path {
        &self.target
    }

    /// The manifest of the packet in the folder, when it was built from what `key` hashes and
    /// every file is still there as written: then a build has nothing to do.
    pub fn unchanged(&self, key: &str) -> Option<Manifest> {
        let m = Manifest::read(&self.target)?;
        (m.key.as_deref() == Some(key) && m.on_disk(&self.target)).then_some(m)
    }

    /// While the lock is held no other build writes here: every staging folder beside the
    /// target belongs to a build that ended without committing.
    fn remove_stale(&self) {
        let prefix = sibling(&self.target, "tmp-");
        let (Some(parent), Some(tmp)) = (self.target.parent(), prefix.file_name()) else {
            return;
        };
        let tmp = tmp.to_string_lossy().into_owned();
        for e in fs::read_dir(parent).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(&tmp) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }

    /// A fresh staging folder beside the target.
    pub fn staging(&self) -> Result<Staging<'_>, Diagnostic> {
        let prefix = sibling(&self.target, "tmp-");
        let parent = self.target.parent().unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(prefix.file_name().unwrap_or_default())
            .tempdir_in(parent)
            .map_err(|e| write_failed(t!("cannot-stage", error = e), parent))?;
        Ok(Staging { dir: self, tmp, entries: Mutex::new(Vec::new()) })
    }
}

/// The folder a build writes into, beside the target. Files go to disk as soon as they are
/// made (a large packet is never held in memory whole); [`Staging::commit`] adds `model.json`
/// and `manifest.json` and swaps the folder in. Dropped without a commit (a failed build), it
/// removes itself and the target is untouched.
pub struct Staging<'a> {
    dir: &'a PacketDir,
    tmp: tempfile::TempDir,
    entries: Mutex<Vec<FileEntry>>,
}

impl Staging<'_> {
    /// Writes one file of the packet and records its size and hash for the manifest.
    pub fn write(&self, f: &OutFile) -> Result<(), Diagnostic> {
        let path = self.tmp.path().join(&f.path);
        let written = path.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::write(&path, &f.bytes));
        written.map_err(|e| write_failed(t!("cannot-write-file", path = f.path, error = e), &self.dir.target))?;
        let entry = FileEntry {
            path: f.path.clone(),
            size: f.bytes.len() as u64,
            sha256: sha256_hex(&f.bytes),
            table: f.table.clone(),
        };
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
        Ok(())
    }

    /// Adds `model.json` and `manifest.json` (every file in path order), then puts this folder
    /// in the target's place. Returns how many files the packet has.
    /// Returns every file of the packet with its size, manifest.json last.
    pub fn commit(self, packet: &Packet, mut manifest: Manifest) -> Result<Vec<(String, u64)>, Diagnostic> {
        let model = serde_json::to_vec_pretty(packet).expect("the model serializes");
        self.write(&OutFile { path: MODEL.into(), bytes: model, table: None })?;
        let mut entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        manifest.files = entries;
        let bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest serializes");
        let mut listing: Vec<(String, u64)> = manifest.files.iter().map(|f| (f.path.clone(), f.size)).collect();
        listing.push((MANIFEST.to_string(), bytes.len() as u64));
        let target = &self.dir.target;
        fs::write(self.tmp.path().join(MANIFEST), bytes)
            .map_err(|e| write_failed(t!("cannot-write-file", path = MANIFEST, error = e), target))?;
        let tmp = self.tmp.keep();
        swap(&tmp, target).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            write_failed(t!("cannot-move-packet", error = e), target)
        })?;
        Ok(listing)
    }
}

/// Puts folder `new` in the place of `target`. On Linux the two are exchanged in one step
/// (`renameat2` with `RENAME_EXCHANGE`), so `target` always exists and always holds a whole
/// packet; the old packet, now at `new`, is then removed. Where the exchange is not available
/// (another system, or a file system without it) the old folder steps aside and the new one
/// takes its name: a moment without the folder, never a half-written one.
fn swap(new: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return fs::rename(new, target);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return fs::remove_dir_all(new),
            Err(e) if [rustix::io::Errno::INVAL, rustix::io::Errno::NOSYS].contains(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let old = sibling(target, "tmp-old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(new, target) {
        fs::rename(&old, target)?;
        return Err(e);
    }
    fs::remove_dir_all(&old)
}

/// The model of a packet folder written by `jixiao build` (its model.json).
pub fn read_model(dir: &Path) -> Result<Packet, Diagnostic> {
    let model = dir.join(MODEL);
    let bytes = fs::read(&model).map_err(|e| {
        Diagnostic::new(Code::PacketUnreadable, t!("cannot-read-model", path = model.display(), error = e))
            .at(dir.display().to_string())
            .hint(t!("packet-unreadable-hint"))
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Diagnostic::new(Code::PacketUnreadable, t!("not-a-model", path = model.display(), error = e))
            .at(model.display().to_string())
            .hint(t!("packet-old-hint"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_commit_exchanges_the_folders_and_leaves_nothing_beside_them() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("out");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        let dir = PacketDir::lock(&target, |_| panic!("nobody else holds the lock")).unwrap();
        let staging = dir.staging().unwrap();
        staging.write(&OutFile { path: "tables/a.pdf".into(), bytes: b"a".to_vec(), table: None }).unwrap();
        let manifest: Manifest =
            serde_json::from_str(r#"{"jixiao":"0","timestamp":0,"templates":"","settings":"","tables":[],"files":[]}"#)
                .unwrap();
        let listing = staging.commit(&Packet::default(), manifest).unwrap();
        let listed: Vec<&str> = listing.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(listed, ["model.json", "tables/a.pdf", "manifest.json"]);
        assert_eq!(listing[1].1, 1);
        assert_eq!(listing[2].1, fs::metadata(target.join("manifest.json")).unwrap().len());
        assert_eq!(names(&target), ["manifest.json", "model.json", "tables"]);
        assert_eq!(names(parent.path()), [".out.lock", "out"]);
    }

    #[test]
    fn staging_folders_of_killed_builds_go_and_a_dropped_staging_removes_itself() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("out");
        fs::create_dir(parent.path().join(".out.tmp-killed")).unwrap();
        fs::create_dir(parent.path().join(".other.tmp-x")).unwrap();
        let dir = PacketDir::lock(&target, |_| {}).unwrap();
        assert_eq!(names(parent.path()), [".other.tmp-x", ".out.lock"]);
        let staging = dir.staging().unwrap();
        assert_eq!(names(parent.path()).len(), 3);
        drop(staging);
        assert_eq!(names(parent.path()), [".other.tmp-x", ".out.lock"]);
    }

    #[test]
    fn a_second_build_waits_for_the_lock() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("out");
        let first = PacketDir::lock(&target, |_| panic!("free")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let t2 = target.clone();
        let second = std::thread::spawn(move || {
            let d = PacketDir::lock(&t2, |p| tx.send(p.to_path_buf()).unwrap()).unwrap();
            d.path().to_path_buf()
        });
        // The second build says it waits, naming the folder, and takes the lock once it is free.
        assert_eq!(rx.recv().unwrap(), target);
        drop(first);
        assert_eq!(second.join().unwrap(), target);
    }

    #[test]
    fn an_output_path_that_is_a_file_is_refused() {
        let parent = tempfile::tempdir().unwrap();
        let file = parent.path().join("out");
        fs::write(&file, "x").unwrap();
        assert_eq!(PacketDir::lock(&file, |_| {}).err().unwrap().code, Code::WriteFailed);
        let under = PacketDir::lock(&file.join("packet"), |_| {}).err().unwrap();
        assert_eq!(under.code, Code::WriteFailed);
    }
}
