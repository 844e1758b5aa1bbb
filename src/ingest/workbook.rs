//! Workbook files → [`Grid`]s of raw cells, one per sheet. Knows file formats, nothing about
//! the table.

use super::grid::{Grid, RawValue};
use super::numfmt::NumFormat;
use crate::diag::{Code, Diagnostic};
use crate::limits::{self, MAX_CELL_CHARS, MAX_COLS, MAX_ROWS};
use crate::t;
use calamine::{open_workbook_from_rs, Data, Ods, Reader, Xls, Xlsx, XlsxError};
use std::io::{Cursor, Read};
use std::path::Path;

/// Why a workbook could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot open {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{file} is not a spreadsheet workbook (.xlsx, .xls or .ods)")]
    NotAWorkbook { file: String },
    #[error("{file} looks like a workbook but cannot be read: {detail}")]
    Corrupt { file: String, detail: String },
    #[error("{file} is password-protected")]
    Password { file: String },
    /// Past one of [`limits`]: `place` holds `what`, more than `limit`.
    #[error("{place} holds {what}, more than the {limit} jixiao reads")]
    TooLarge { place: String, what: String, limit: String },
}

impl ReadError {
    /// `file` is damaged or not what it says it is: `detail` is what the reader met.
    fn corrupt(file: &str, detail: impl std::fmt::Display) -> ReadError {
        ReadError::Corrupt { file: file.into(), detail: detail.to_string() }
    }

    pub fn code(&self) -> Code {
        match self {
            ReadError::Io { .. } => Code::FileUnreadable,
            ReadError::NotAWorkbook { .. } => Code::NotAWorkbook,
            ReadError::Corrupt { .. } => Code::CorruptWorkbook,
            ReadError::Password { .. } => Code::PasswordProtected,
            ReadError::TooLarge { .. } => Code::TooLarge,
        }
    }
    /// The error as the person who sent the workbook reads it.
    pub fn message(&self) -> String {
        match self {
            ReadError::Io { path, source } => t!("file-unreadable", path = path, error = source),
            ReadError::NotAWorkbook { file } => t!("not-a-workbook", file = file),
            ReadError::Corrupt { file, detail } => t!("corrupt-workbook", file = file, detail = detail),
            ReadError::Password { file } => t!("password-protected", file = file),
            ReadError::TooLarge { place, what, limit } => t!("too-large", place = place, what = what, limit = limit),
        }
    }
    pub fn hint(&self) -> String {
        match self {
            ReadError::Io { .. } => t!("file-unreadable-hint"),
            ReadError::NotAWorkbook { .. } => t!("not-a-workbook-hint"),
            ReadError::Corrupt { .. } => t!("corrupt-workbook-hint"),
            ReadError::Password { .. } => t!("password-protected-hint"),
            ReadError::TooLarge { .. } => t!("too-large-hint"),
        }
    }

    /// The diagnostic that reports the error: the file (and sheet) and a hint.
    pub fn diagnostic(&self) -> Diagnostic {
        let loc = match self {
            ReadError::Io { path, .. } => path.clone(),
            ReadError::NotAWorkbook { file } | ReadError::Corrupt { file, .. } | ReadError::Password { file } => {
                file.clone()
            }
            ReadError::TooLarge { place, .. } => place.clone(),
        };
        Diagnostic::new(self.code(), self.message()).at(loc).hint(self.hint())
    }
}

/// A workbook read into memory: its file name and one grid per sheet, in sheet order.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub file: String,
    pub sheets: Vec<Grid>,
    /// When the workbook was last saved, in seconds since 1970: its own record of it (an .xlsx's
    /// docProps/core.xml), else the file's modification time.
    pub modified: Option<i64>,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a workbook's bytes say it is, whatever its name says: `xlsx`, `xls` or `ods` (the
/// extension it is saved under); `None` for anything else (a zip that is not a workbook too).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(CFB_MAGIC) {
        return Some("xls");
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return None;
    }
    if is_ods(bytes) {
        return Some("ods");
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let is_xlsx = zip.by_name("xl/workbook.xml").is_ok();
    is_xlsx.then_some("xlsx")
}

pub fn read_path(path: &Path) -> Result<Workbook, ReadError> {
    let io = |source| ReadError::Io { path: path.display().to_string(), source };
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder")));
    }
    let mtime = meta.modified().ok();
    // Read at most one byte past the limit: the file may grow while it is read.
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(file_too_large(path.display().to_string(), meta.len().max(bytes.len() as u64)));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut wb = read_bytes(&name, &ext, bytes)?;
    wb.modified = wb.modified.or_else(|| unix(mtime?));
    Ok(wb)
}

fn unix(t: std::time::SystemTime) -> Option<i64> {
    t.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs() as i64)
}

/// When the workbook at `path` was last saved: the date it gives itself, else its file's date.
/// The build's key hashes it (with the bytes) when it dates the packet's files.
pub fn saved(path: &Path, bytes: &[u8]) -> Option<i64> {
    own_date(bytes).or_else(|| unix(std::fs::metadata(path).and_then(|m| m.modified()).ok()?))
}

/// The date an .xlsx gives itself (docProps/core.xml, dcterms:modified); `None` for a workbook
/// that gives none.
fn own_date(bytes: &[u8]) -> Option<i64> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    zip.by_name("docProps/core.xml").ok()?.take(1 << 20).read_to_string(&mut xml).ok()?;
    let start = xml.find("<dcterms:modified")?;
    let value = &xml[start..];
    let value = &value[value.find('>')? + 1..];
    parse_w3c(&value[..value.find('<')?])
}

/// Reads a workbook from memory; `ext` (without the dot) picks between the zip formats. A panic
/// inside calamine (it has them on some damaged .xls files) is a damaged workbook, not a crash.
pub fn read_bytes(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    crate::diag::contain(|| read_unguarded(file, ext, bytes)).unwrap_or_else(|what| {
        let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
        Err(ReadError::corrupt(file, format!("the reader stopped on a damaged part ({what})")))
    })
}

fn read_unguarded(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    let modified = own_date(&bytes);
    let sheets = if bytes.starts_with(ZIP_MAGIC) {
        unzipped_size(file, &bytes)?;
        if ext == "ods" || is_ods(&bytes) {
            super::ods::check_extent(file, &bytes)?;
            let mut wb: Ods<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
                calamine::OdsError::Password => ReadError::Password { file: file.into() },
                e => ReadError::corrupt(file, e),
            })?;
            read_ranges(file, &mut wb)?
        } else {
            read_xlsx(file, &bytes)?
        }
    } else if bytes.starts_with(CFB_MAGIC) {
        // An encrypted .xlsx is an OLE container holding an `EncryptedPackage` stream.
        if contains(&bytes, &utf16("EncryptedPackage")) {
            return Err(ReadError::Password { file: file.into() });
        }
        super::biff::check_extent(file, &bytes)?;
        let mut wb: Xls<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => ReadError::Password { file: file.into() },
            e => ReadError::corrupt(file, e),
        })?;
        let mut grids = read_ranges(file, &mut wb)?;
        for g in &mut grids {
            g.set_merges(&wb.merge_cells_by_sheet_name(&g.name).unwrap_or_default());
        }
        grids
    } else {
        return Err(ReadError::NotAWorkbook { file: file.into() });
    };
    Ok(Workbook { file: file.to_string(), sheets, modified })
}

/// `2024-06-20T14:22:00Z` (dcterms:modified) → seconds since 1970.
fn parse_w3c(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s.trim(), &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

fn is_ods(bytes: &[u8]) -> bool {
    // The first zip entry of an OpenDocument file is the uncompressed `mimetype`.
    bytes.len() > 100 && contains(&bytes[..100.min(bytes.len())], b"mimetypeapplication/vnd.oasis")
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A file of `bytes` past the largest jixiao reads ([`limits::MAX_FILE_BYTES`]), at `place`
/// (a path, a zip's entry, an upload's name).
pub fn file_too_large(place: String, bytes: u64) -> ReadError {
    ReadError::TooLarge {
        place,
        what: t!("count-bytes", count = limits::count(bytes as usize)),
        limit: limits::mib(limits::MAX_FILE_BYTES),
    }
}

pub(super) fn too_large(file: &str, sheet: &str, rows: u64, cols: u64) -> ReadError {
    ReadError::TooLarge {
        place: format!("{file}!{sheet}"),
        what: t!("extent", rows = limits::count(rows as usize), cols = limits::count(cols as usize)),
        limit: t!("extent", rows = limits::count(MAX_ROWS as usize), cols = limits::count(MAX_COLS as usize)),
    }
}

/// Inflates every part of a zip once, counting and keeping nothing, so that a decompression bomb
/// (a small file that inflates to gigabytes, whatever its headers say) is refused before the
/// reader holds any of it in memory. A part that cannot be inflated is left for the reader to
/// report in its own words.
fn unzipped_size(file: &str, bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let over = |what: String, limit: u64| ReadError::TooLarge { place: file.into(), what, limit: limits::mib(limit) };
    if zip.len() > limits::MAX_PARTS {
        return Err(ReadError::TooLarge {
            place: file.into(),
            what: t!("count-parts", count = limits::count(zip.len())),
            limit: t!("count-parts", count = limits::count(limits::MAX_PARTS)),
        });
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else { return Ok(()) };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut size = 0u64;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n as u64,
            };
            size += n;
            total += n;
            if size > limits::MAX_PART_BYTES {
                return Err(over(
                    format!("a part ({name}) of over {} once unzipped", limits::mib(size)),
                    limits::MAX_PART_BYTES,
                ));
            }
            if total > limits::MAX_UNZIPPED_BYTES {
                return Err(over(format!("over {} once unzipped", limits::mib(total)), limits::MAX_UNZIPPED_BYTES));
            }
        }
    }
    Ok(())
}

pub(super) fn sheet_count(file: &str, n: usize) -> Result<(), ReadError> {
    if n <= limits::MAX_SHEETS {
        return Ok(());
    }
    Err(ReadError::TooLarge {
        place: file.into(),
        what: t!("count-sheets", count = limits::count(n)),
        limit: t!("count-sheets", count = limits::count(limits::MAX_SHEETS)),
    })
}

/// A cell's text past Excel's own limit, which only a damaged or hand-made file holds.
fn check_text(file: &str, sheet: &str, r: u32, c: u32, value: &RawValue) -> Result<(), ReadError> {
    match value {
        RawValue::Text(t) if t.len() > MAX_CELL_CHARS && t.chars().count() > MAX_CELL_CHARS => {
            Err(ReadError::TooLarge {
                place: crate::diag::location(file, sheet, Some(&super::grid::cell_name(r, c))).to_string(),
                what: t!("text-of-characters", count = limits::count(t.chars().count())),
                limit: t!("count-characters", count = limits::count(MAX_CELL_CHARS)),
            })
        }
        _ => Ok(()),
    }
}

/// Sheets a reader of its own takes on: opening the workbook again parses its shared strings
/// and styles again, which pays only over a run of sheets (a packet of 1,000 tables read in
/// 0.6 s on one core; see BENCHMARKS.md).
const SHEETS_PER_READER: usize = 16;

/// Reads every sheet of an .xlsx, in runs of sheets read in parallel, each run through its own
/// reader of the same bytes; the grids come back in the workbook's order, and the first
/// sheet in that order that cannot be read is the error.
fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    use rayon::prelude::*;
    let open = || -> Result<Xlsx<Cursor<&[u8]>>, ReadError> {
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
            XlsxError::Password => ReadError::Password { file: file.into() },
            e => ReadError::corrupt(file, e),
        })
    };
    let mut first = open()?;
    let names = first.sheet_names();
    sheet_count(file, names.len())?;
    let runs = names.len().div_ceil(SHEETS_PER_READER).clamp(1, rayon::current_num_threads());
    if runs == 1 {
        return read_xlsx_sheets(file, &mut first, &names);
    }
    drop(first);
    let per_run = names.len().div_ceil(runs).max(1);
    let read: Vec<Result<Vec<Grid>, ReadError>> =
        names.par_chunks(per_run).map(|run| read_xlsx_sheets(file, &mut open()?, run)).collect();
    let mut grids = Vec::with_capacity(names.len());
    for run in read {
        grids.extend(run?);
    }
    Ok(grids)
}

/// Streams each of the .xlsx sheets `names` cell by cell, so an oversized sheet is refused from
/// its declared dimensions (or as soon as a cell lies outside the limit) without being read in
/// full.
fn read_xlsx_sheets<RS: std::io::Read + std::io::Seek>(
    file: &str,
    wb: &mut Xlsx<RS>,
    names: &[String],
) -> Result<Vec<Grid>, ReadError> {
    let mut grids = Vec::with_capacity(names.len());
    // The number formats of the workbook's styles, by style id: those that show a number otherwise
    // than as its shortest form. None such (most workbooks), and the sheets are read once.
    let mut formats: Option<Vec<Option<NumFormat>>> = None;
    for name in names {
        let mut grid = Grid::new(name);
        let mut reader = match wb.worksheet_cells_reader(name) {
            Ok(r) => r,
            // Chart sheets and dialog sheets have no cells: keep them as empty sheets.
            Err(XlsxError::WorksheetNotFound(_)) => {
                grids.push(grid);
                continue;
            }
            Err(e) => return Err(ReadError::corrupt(file, e)),
        };
        let dims = reader.dimensions();
        let (rows, cols) =
            (dims.end.0.saturating_sub(dims.start.0) as u64 + 1, dims.end.1.saturating_sub(dims.start.1) as u64 + 1);
        if rows > MAX_ROWS as u64 || cols > MAX_COLS as u64 {
            return Err(too_large(file, name, rows, cols));
        }
        loop {
            let cell = reader.next_cell_with_formula().map_err(|e| ReadError::corrupt(file, e))?;
            let Some(cell) = cell else { break };
            let (r, c) = cell.pos;
            if r >= MAX_ROWS || c >= MAX_COLS {
                return Err(too_large(file, name, r as u64 + 1, c as u64 + 1));
            }
            let value = raw_from_data(&Data::from(cell.value));
            check_text(file, name, r, c, &value)?;
            let formula = cell.formula.filter(|f| !f.is_empty());
            if value != RawValue::Empty || formula.is_some() {
                grid.set(r, c, value, formula);
            }
        }
        let palette = formats.get_or_insert_with(|| {
            reader
                .styles()
                .iter()
                .map(|st| st.number_format.as_ref().and_then(|f| NumFormat::parse(&f.format_code)))
                .collect()
        });
        drop(reader);
        if palette.iter().any(Option::is_some) {
            read_formats(file, wb, name, palette, &mut grid)?;
        }
        // Merged areas only shape how the sheet is shown (`jixiao serve`): unreadable ones are
        // left out, not an error.
        grid.set_merges(&wb.merge_cells_by_sheet_name(name).unwrap_or_default());
        grids.push(grid);
    }
    Ok(grids)
}

/// The number formats of a sheet's number cells, from a second pass over its styles.
fn read_formats<RS: std::io::Read + std::io::Seek>(
    file: &str,
    wb: &mut Xlsx<RS>,
    name: &str,
    palette: &[Option<NumFormat>],
    grid: &mut Grid,
) -> Result<(), ReadError> {
    let corrupt = |e: XlsxError| ReadError::corrupt(file, e);
    let mut reader = wb.worksheet_cells_reader(name).map_err(corrupt)?;
    while let Some((r, c, style)) = reader.next_style_id().map_err(corrupt)? {
        if let Some(Some(f)) = palette.get(style) {
            if r < MAX_ROWS && c < MAX_COLS {
                grid.set_format(r, c, f.clone());
            }
        }
    }
    Ok(())
}

/// .xls and .ods are read whole by calamine: their extent is counted before ([`super::biff`],
/// [`super::ods`]) and checked again here.
fn read_ranges<RS, R>(file: &str, wb: &mut R) -> Result<Vec<Grid>, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    sheet_count(file, names.len())?;
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let mut grid = Grid::new(&name);
        let range = wb.worksheet_range(&name).map_err(|e| ReadError::corrupt(file, e))?;
        if let (Some(start), Some(end)) = (range.start(), range.end()) {
            let (rows, cols) = ((end.0 - start.0) as u64 + 1, (end.1 - start.1) as u64 + 1);
            if end.0 >= MAX_ROWS || end.1 >= MAX_COLS {
                return Err(too_large(file, &name, rows.max(end.0 as u64 + 1), cols.max(end.1 as u64 + 1)));
            }
        }
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r as u32 + range.start().unwrap().0, c as u32 + range.start().unwrap().1);
            let value = raw_from_data(v);
            check_text(file, &name, r, c, &value)?;
            grid.set(r, c, value, None);
        }
        if let Ok(formulas) = wb.worksheet_formula(&name) {
            if let Some(start) = formulas.start() {
                for (r, c, f) in formulas.used_cells() {
                    if !f.is_empty() {
                        grid.set_formula(r as u32 + start.0, c as u32 + start.1, f.clone());
                    }
                }
            }
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn raw_from_data(d: &Data) -> RawValue {
    match d {
        Data::Int(i) => RawValue::Int(*i),
        Data::Float(f) => RawValue::Float(*f),
        Data::String(s) if s.is_empty() => RawValue::Empty,
        Data::String(s) => RawValue::Text(s.clone()),
        Data::Bool(b) => RawValue::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(d) => RawValue::Float(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawValue::Text(s.clone()),
        Data::Error(e) => RawValue::Error(e.to_string()),
        Data::Empty => RawValue::Empty,
    }
}
