//! The uploads of `jixiao serve`. Each upload is a [`Job`] with a temporary folder of its own
//! under the server's; the folder goes when the job is swept (after the time the server keeps
//! uploads), when the server holds too many, and at shutdown. Jobs are found by a random id,
//! never by a name from the request, and nothing a request says becomes a path: the workbook is
//! saved under a name made of its upload name's letters and digits alone.

use crate::build::{Build, Failed, Resources, Settings, Stop};
use crate::diag::{Diagnostic, Report};
use crate::diff::PacketDiff;
use crate::ingest::Workbook;
use crate::load::Loaded;
use crate::model::Packet;
use crate::packet::{MANIFEST, MODEL};
use crate::render::pdf::PagePng;
use crate::render::{Format, LayoutOptions, PacketContext};
use crate::t;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A job's id: 128 random bits, in hex.
pub fn new_id() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `s` has the shape of a job's id (so a request's id is looked up, never used).
pub fn is_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The name an upload is saved and reported under: the last part of what the browser sent,
/// letters, digits and `-_.()（）` only, with the extension its bytes say (`ext`).
pub fn file_name(uploaded: &str, ext: &str) -> String {
    let last = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let kept: String =
        stem.chars().map(|c| if c.is_alphanumeric() || "-_()（）".contains(c) { c } else { '_' }).take(60).collect();
    let kept = kept.trim_matches('_');
    let stem = if kept.is_empty() { "workbook" } else { kept };
    format!("{stem}.{ext}")
}

/// A packet built from a job's workbook.
#[derive(Debug)]
pub struct Built {
    /// The packet's folder.
    pub dir: PathBuf,
    /// Its files, as its manifest lists them, then the manifest (and the model, where the list
    /// does not hold it).
    pub files: Vec<(String, u64)>,
    /// The whole packet as one zip.
    pub zip: PathBuf,
    /// When it was built.
    pub at: Instant,
    /// What the build found besides the checks (a missing glyph, Typst's warnings, a 更正说明's
    /// unknown date).
    pub report: Report,
}

/// A workbook uploaded to correct a published packet: that packet's model and manifest, kept
/// in the job's folder, and what changed since.
#[derive(Debug)]
pub struct Correction {
    /// The folder holding the published packet's model.json and manifest.json.
    pub published: PathBuf,
    /// What the published packet is (`公开包.zip`, or the packet built from an earlier upload).
    pub against: String,
    pub diff: PacketDiff,
}

/// What a new job is made from: the workbook uploaded, the form and formats chosen, and what it
/// corrects.
pub struct Request<'a> {
    /// The workbook's name as uploaded, its sniffed extension and its bytes.
    pub name: &'a str,
    pub ext: &'static str,
    pub bytes: &'a [u8],
    pub form: Option<String>,
    pub formats: Vec<Format>,
    pub against: Against<'a>,
    /// The spring targets the workbook answers to: its name as uploaded, sniffed extension and
    /// bytes.
    pub targets: Option<(&'a str, &'static str, &'a [u8])>,
}

/// Where the packet a new upload corrects comes from.
pub enum Against<'a> {
    /// Nothing: a first packet.
    Nothing,
    /// A packet zip the user uploaded (its name as uploaded, and its bytes).
    Zip { name: &'a str, bytes: &'a [u8] },
    /// A packet built in this session: its folder, and the name of the workbook it was built from.
    Built { dir: &'a Path, of: &'a str },
}

/// Why a job could not be made; the web page words each.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot save the upload: {0}")]
    Io(#[from] std::io::Error),
    #[error("the workbook cannot be read")]
    Unreadable(Report),
    #[error("the target workbook cannot be read")]
    TargetsUnreadable(Report),
    #[error("{name} is not a packet: {why}")]
    NotAPacket { name: String, why: String },
    #[error("the published packet's model cannot be read")]
    PublishedUnreadable(Report),
}

/// One uploaded workbook: read, checked, and (once asked) built.
pub struct Job {
    pub id: String,
    dir: TempDir,
    /// The workbook's name, as saved and as the findings name it.
    pub name: String,
    pub input: PathBuf,
    /// The form the user chose; none: each sheet's own.
    pub form: Option<String>,
    pub formats: Vec<Format>,
    /// The workbook as read (from its bytes: `modified` is its own record of when it was
    /// saved), for showing each sheet's cells and dating the packet.
    pub workbook: Workbook,
    pub loaded: Loaded,
    pub correction: Option<Correction>,
    created: Instant,
    built: Mutex<Option<Arc<Built>>>,
    /// Each table's pages as PNG, drawn once when first asked for.
    previews: Mutex<HashMap<usize, Arc<Vec<PagePng>>>>,
}

impl Job {
    /// A job's id, and its new folder under `root` holding the workbook (already sniffed:
    /// `ext`).
    fn create(
        root: &Path,
        uploaded_name: &str,
        ext: &str,
        bytes: &[u8],
    ) -> std::io::Result<(String, TempDir, PathBuf)> {
        let id = new_id()?;
        let dir = tempfile::Builder::new().prefix("job-").tempdir_in(root)?;
        let input = dir.path().join(file_name(uploaded_name, ext));
        std::fs::write(&input, bytes)?;
        Ok((id, dir, input))
    }

    /// A new job under `root`: the workbook saved in the job's folder, read from its bytes and
    /// checked with `settings`' overrides and `forms`, and, for a correction, compared with the
    /// packet it corrects (whose model.json and manifest.json are kept in the job's folder).
    pub fn open(root: &Path, r: Request, settings: &Settings, forms: &crate::form::Forms) -> Result<Job, OpenError> {
        let (id, dir, input) = Job::create(root, r.name, r.ext, r.bytes)?;
        // Read from the bytes, so the packet is dated by the workbook's own record of when it
        // was saved (or jixiao.toml's timestamp), never by when it was uploaded: the same
        // workbook gives the same packet.
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let workbook = crate::ingest::workbook::read_bytes(&name, r.ext, r.bytes.to_vec())
            .map_err(|e| OpenError::Unreadable(Report::from(e.diagnostic())))?;
        let forced = r.form.as_deref().and_then(|n| forms.get(n));
        let mut loaded = crate::load::read(std::slice::from_ref(&workbook), &settings.overrides, forms, forced);
        if let Some((name, ext, bytes)) = r.targets {
            let targets = crate::ingest::workbook::read_bytes(&file_name(name, ext), ext, bytes.to_vec())
                .map_err(|e| OpenError::TargetsUnreadable(Report::from(e.diagnostic())))?;
            let targets = crate::load::read(&[targets], &Default::default(), forms, None);
            loaded.report.extend(crate::targets::compare(&loaded.packet, &targets.packet, forms));
        }
        let published = dir.path().join("published");
        let against = match r.against {
            Against::Nothing => None,
            Against::Zip { name, bytes } => {
                unpack_published(bytes, &published)
                    .map_err(|why| OpenError::NotAPacket { name: name.to_string(), why })?;
                Some(t!("page-against-zip", name = file_name(name, "zip")))
            }
            Against::Built { dir: built, of } => {
                std::fs::create_dir_all(&published)?;
                for f in [MODEL, MANIFEST] {
                    std::fs::copy(built.join(f), published.join(f))?;
                }
                Some(t!("page-against-built", name = of))
            }
        };
        let correction = match against {
            None => None,
            Some(against) => {
                let old = crate::load::version(&published, forms).map_err(OpenError::PublishedUnreadable)?;
                let diff = crate::diff::diff(&old, &loaded.packet, forms);
                Some(Correction { published, against, diff })
            }
        };
        Ok(Job {
            id,
            dir,
            name,
            input,
            form: r.form,
            formats: r.formats,
            workbook,
            loaded,
            correction,
            created: Instant::now(),
            built: Mutex::new(None),
            previews: Mutex::new(HashMap::new()),
        })
    }

    /// The sheet (its index in the workbook) table `t` was read from.
    pub fn sheet_of(&self, t: usize) -> Option<usize> {
        let name = &self.loaded.packet.tables.get(t)?.sheet;
        self.workbook.sheets.iter().position(|g| &g.name == name)
    }

    /// The table read from sheet `k`, if one was.
    pub fn table_on(&self, k: usize) -> Option<usize> {
        let name = &self.workbook.sheets.get(k)?.name;
        self.loaded.packet.tables.iter().position(|t| &t.sheet == name)
    }

    /// Table `t` alone, as every format lays it out: for its previews.
    pub fn single(&self, t: usize, forms: &crate::form::Forms, options: LayoutOptions) -> PacketContext {
        let packet =
            Packet { source: self.loaded.packet.source.clone(), tables: vec![self.loaded.packet.tables[t].clone()] };
        PacketContext::new(&packet, forms, options)
    }

    pub fn built(&self) -> Option<Arc<Built>> {
        self.built.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn preview(&self, table: usize) -> Option<Arc<Vec<PagePng>>> {
        self.previews.lock().unwrap_or_else(|e| e.into_inner()).get(&table).cloned()
    }

    pub fn keep_preview(&self, table: usize, pages: Vec<PagePng>) -> Arc<Vec<PagePng>> {
        let pages = Arc::new(pages);
        self.previews.lock().unwrap_or_else(|e| e.into_inner()).insert(table, pages.clone());
        pages
    }

    /// Builds the packet into the job's folder with `base`'s settings (jixiao.toml's), this
    /// job's workbook, form and formats, and `force` as `--force`, from the workbook as already
    /// read and checked and the server's forms, templates and fonts; zips it.
    pub fn build(&self, base: &Settings, resources: Arc<Resources>, force: bool) -> Result<Arc<Built>, Failed> {
        let out = self.dir.path().join("packet");
        let settings = Settings {
            inputs: vec![self.input.clone()],
            output: out.clone(),
            formats: self.formats.clone(),
            force,
            form: self.form.clone(),
            corrects: self.correction.as_ref().map(|c| c.published.clone()),
            ..base.clone()
        };
        let build = Build::with(settings, resources).map_err(|report| Failed { report, stop: Stop::Input })?;
        let done = build.run_loaded(self.loaded.clone(), &crate::render::Silent)?;
        let output = |d: Diagnostic| Failed { report: Report::from(d), stop: Stop::Output };
        let zip = self.dir.path().join("packet.zip");
        write_zip(&out, &done.listing, done.timestamp.unix(), &zip)
            .map_err(|e| output(Diagnostic::new(crate::diag::Code::WriteFailed, t!("cannot-zip", error = e))))?;
        // The checks' findings are on the job's page already; the build's own are kept.
        let own = Report { diagnostics: done.own().to_vec() };
        let built = Arc::new(Built { dir: out, files: done.listing.clone(), zip, at: Instant::now(), report: own });
        *self.built.lock().unwrap_or_else(|e| e.into_inner()) = Some(built.clone());
        Ok(built)
    }
}

/// The packet's files as one zip, each dated with the packet's timestamp (so the same packet
/// gives the same zip).
fn write_zip(dir: &Path, files: &[(String, u64)], timestamp: i64, to: &Path) -> std::io::Result<()> {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .ok()
        .and_then(|t| {
            zip::DateTime::from_date_and_time(
                t.year().try_into().ok()?,
                t.month().into(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
            .ok()
        })
        .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(date);
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(std::fs::File::create(to)?));
    for (name, _) in files {
        zip.start_file(name.as_str(), options).map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(dir.join(name))?)?;
    }
    zip.finish().map_err(std::io::Error::other)?.flush()
}

/// From a packet zip the user downloaded earlier, the two files a correction reads (model.json
/// and manifest.json, by those fixed names; nothing else is unpacked) into `to`. `Err` says why
/// the zip is not such a packet.
pub fn unpack_published(bytes: &[u8], to: &Path) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| t!("page-zip-not-zip"))?;
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for name in [MODEL, MANIFEST] {
        let mut entry = match zip.by_name(name) {
            Ok(e) => e,
            Err(_) if name == MANIFEST => continue,
            Err(_) => return Err(t!("page-zip-lacks", name = name)),
        };
        let mut data = Vec::new();
        entry.by_ref().take(crate::limits::MAX_FILE_BYTES + 1).read_to_end(&mut data).map_err(|e| e.to_string())?;
        if data.len() as u64 > crate::limits::MAX_FILE_BYTES {
            return Err(t!(
                "page-zip-too-large",
                name = name,
                limit = crate::limits::mib(crate::limits::MAX_FILE_BYTES)
            ));
        }
        std::fs::write(to.join(name), data).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Every job of the server, by id; the oldest go first when there are too many.
#[derive(Default)]
pub struct Jobs {
    map: Mutex<HashMap<String, Arc<Job>>>,
}

impl Jobs {
    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).get(id).cloned()
    }

    /// Adds a job; beyond `max`, the oldest jobs are removed with their folders.
    pub fn insert(&self, job: Job, max: usize) -> Arc<Job> {
        let job = Arc::new(job);
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(job.id.clone(), job.clone());
        while map.len() > max.max(1) {
            let Some(oldest) = map.values().min_by_key(|j| j.created).map(|j| j.id.clone()) else { break };
            map.remove(&oldest);
        }
        job
    }

    /// The job whose packet was built last (in this session: jobs live no longer).
    pub fn last_built(&self) -> Option<Arc<Job>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.values().filter_map(|j| j.built().map(|b| (b.at, j))).max_by_key(|(at, _)| *at).map(|(_, j)| j.clone())
    }

    /// Removes the jobs older than `keep`; returns how many.
    pub fn sweep(&self, keep: Duration) -> usize {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let before = map.len();
        map.retain(|_, j| j.created.elapsed() < keep);
        before - map.len()
    }

    /// Removes every job (at shutdown); returns how many there were.
    pub fn clear(&self) -> usize {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.len();
        map.clear();
        n
    }

    pub fn len(&self) -> usize {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_name_never_leaves_the_job_folder() {
        assert_eq!(file_name("../../etc/passwd.xlsx", "xlsx"), "passwd.xlsx");
        assert_eq!(file_name("C:\\Users\\a\\2021年 自评.xls", "xls"), "2021年_自评.xls");
        assert_eq!(file_name("..", "xlsx"), "workbook.xlsx");
        assert_eq!(file_name(".hidden", "ods"), "workbook.ods");
        assert_eq!(file_name("report.pdf", "xlsx"), "report.xlsx");
    }

    #[test]
    fn ids_are_random_hex_and_only_that_shape_is_looked_up() {
        let (a, b) = (new_id().unwrap(), new_id().unwrap());
        assert!(is_id(&a) && is_id(&b) && a != b);
        assert!(!is_id("../../etc/passwd"));
        assert!(!is_id(&a.to_uppercase()));
    }
}
