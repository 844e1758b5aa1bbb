//! What `jixiao review` reads: workbooks, folders of them (walked) and .zip files of them, each
//! an [`Input`] read on its own thread. A zip is read into memory once and its directory parsed
//! once; each worker reads its entry through a cheap clone of the archive.

use crate::diag::{Diagnostic, Report};
use crate::form::{Form, Forms};
use crate::ingest::workbook::{file_too_large, read_bytes, read_path, ReadError};
use crate::limits;
use crate::load::{self, Loaded};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zip::ZipArchive;

type Archive = ZipArchive<Cursor<Arc<[u8]>>>;

/// One unit's workbook, or a zip that could not be opened (a row of the report with its reason).
#[derive(Clone)]
pub enum Input {
    File(PathBuf),
    /// A workbook uploaded to `jixiao serve`: its name as sent and its bytes.
    Memory {
        name: String,
        bytes: Arc<[u8]>,
    },
    Zipped {
        zip: PathBuf,
        archive: Archive,
        entry: String,
    },
    BadZip {
        zip: PathBuf,
        why: Report,
    },
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl Input {
    /// The workbook as the report names it: its path, or the zip's path and the entry.
    pub fn label(&self) -> String {
        match self {
            Input::File(p) | Input::BadZip { zip: p, .. } => p.display().to_string(),
            Input::Zipped { zip, entry, .. } => format!("{}/{entry}", zip.display()),
            Input::Memory { name, .. } => name.clone(),
        }
    }

    /// The file name without its extension: the unit's name when its tables give none.
    pub fn stem(&self) -> String {
        let path = match self {
            Input::File(p) | Input::BadZip { zip: p, .. } => p.clone(),
            Input::Zipped { entry, .. } => PathBuf::from(entry),
            Input::Memory { name, .. } => PathBuf::from(name),
        };
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| self.label())
    }

    /// Reads and checks the workbook, as `check` does.
    pub fn load(&self, forms: &Forms, forced: Option<&Form>) -> Result<Loaded, Report> {
        let wb = match self {
            Input::File(p) => read_path(p),
            Input::BadZip { why, .. } => return Err(why.clone()),
            Input::Zipped { archive, entry, .. } => read_entry(archive.clone(), entry),
            Input::Memory { name, bytes } => {
                if bytes.len() as u64 > limits::MAX_FILE_BYTES {
                    return Err(Report::from(file_too_large(name.clone(), bytes.len() as u64).diagnostic()));
                }
                read_bytes(name, &extension(Path::new(name)), bytes.to_vec())
            }
        };
        let wb = wb.map_err(|e| Report::from(e.diagnostic()))?;
        Ok(load::read(&[wb], &Default::default(), forms, forced))
    }
}

/// The tables of every one of `inputs` in one packet (the spring targets every unit's tables
/// are compared with), zips included; `None` without inputs; the first that cannot be read is
/// the `Err`.
pub fn one_packet(inputs: &[Input], forms: &Forms) -> Result<Option<crate::model::Packet>, Report> {
    if inputs.is_empty() {
        return Ok(None);
    }
    let mut packet = crate::model::Packet::default();
    for input in inputs {
        let loaded = input.load(forms, None)?;
        if packet.source.is_empty() {
            packet.source = loaded.packet.source;
        }
        packet.tables.extend(loaded.packet.tables);
    }
    Ok(Some(packet))
}

fn read_entry(mut archive: Archive, entry: &str) -> Result<crate::ingest::Workbook, ReadError> {
    let name = Path::new(entry).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let corrupt = |detail: String| ReadError::Corrupt { file: name.clone(), detail };
    let file = archive.by_name(entry).map_err(|e| corrupt(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| corrupt(e.to_string()))?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(file_too_large(entry.to_string(), bytes.len() as u64));
    }
    read_bytes(&name, &extension(Path::new(entry)), bytes)
}

fn extension(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// The workbooks named by `inputs`: files as they are, folders walked and zips opened (in name
/// order, so that the report's order does not depend on the file system or the zip tool). Other
/// files in a folder or a zip are passed over.
pub fn collect(inputs: &[PathBuf]) -> Vec<Input> {
    fn walk(dir: &Path, out: &mut Vec<Input>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if extension(&p) == "zip" {
                out.extend(zipped(&p));
            } else if is_workbook_name(&p) {
                out.push(Input::File(p));
            }
        }
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out);
        } else if extension(i) == "zip" {
            out.extend(zipped(i));
        } else {
            out.push(Input::File(i.clone()));
        }
    }
    out
}

/// An uploaded file: a zip of workbooks (by its name, or because it is a zip that is no
/// workbook) opened into its workbooks, else one workbook.
pub fn uploaded(name: &str, bytes: Vec<u8>) -> Vec<Input> {
    let is_zip = extension(Path::new(name)) == "zip"
        || (bytes.starts_with(b"PK\x03\x04") && crate::ingest::workbook::sniff(&bytes).is_none());
    match is_zip {
        true => zipped_bytes(Path::new(name), bytes.into()),
        false => vec![Input::Memory { name: name.to_string(), bytes: bytes.into() }],
    }
}

/// The workbooks inside a zip, or one [`Input::BadZip`] saying why it cannot be opened.
fn zipped(path: &Path) -> Vec<Input> {
    match std::fs::read(path) {
        Ok(b) => zipped_bytes(path, b.into()),
        Err(source) => vec![Input::BadZip {
            zip: path.to_path_buf(),
            why: Report::from(ReadError::Io { path: path.display().to_string(), source }.diagnostic()),
        }],
    }
}

fn zipped_bytes(path: &Path, bytes: Arc<[u8]>) -> Vec<Input> {
    let bad = |d: Diagnostic| vec![Input::BadZip { zip: path.to_path_buf(), why: Report::from(d) }];
    let archive = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            let file = path.display().to_string();
            return bad(ReadError::Corrupt { file, detail: e.to_string() }.diagnostic());
        }
    };
    let mut names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| !n.ends_with('/') && is_workbook_name(Path::new(n.as_ref())) && !n.starts_with("__MACOSX/"))
        .map(|n| n.into_owned())
        .collect();
    names.sort();
    names.into_iter().map(|entry| Input::Zipped { zip: path.to_path_buf(), archive: archive.clone(), entry }).collect()
}

/// `.xlsx`, `.xls`, `.ods`, not a lock file Excel or WPS leaves beside an open workbook (`~$…`).
fn is_workbook_name(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    !name.starts_with("~$") && !name.starts_with('.') && ["xlsx", "xls", "ods"].contains(&extension(p).as_str())
}
