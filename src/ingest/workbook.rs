//! Workbook files → [`Grid`]s of raw cells, one per sheet. Knows file formats, nothing about
//! the table.

use super::grid::{Grid, RawValue};
use crate::diag::{Code, Diagnostic};
use calamine::{open_workbook_from_rs, Data, Ods, Reader, Xls, Xlsx, XlsxError};
use std::io::Cursor;
use std::path::Path;

/// The largest sheet jixiao reads. A self-evaluation table has a few dozen rows; anything past
/// this is a mistake (a whole column formatted to the end) or an attack, and is refused before
/// it is read in full.
pub const MAX_ROWS: u32 = 10_000;
pub const MAX_COLS: u32 = 200;

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
    #[error("{file}!{sheet} is {rows} rows × {cols} columns, more than the {max_rows} × {max_cols} jixiao reads")]
    TooLarge { file: String, sheet: String, rows: u64, cols: u64, max_rows: u32, max_cols: u32 },
}

impl ReadError {
    pub fn code(&self) -> Code {
        match self {
            ReadError::Io { .. } => Code::FileUnreadable,
            ReadError::NotAWorkbook { .. } => Code::NotAWorkbook,
            ReadError::Corrupt { .. } => Code::CorruptWorkbook,
            ReadError::Password { .. } => Code::PasswordProtected,
            ReadError::TooLarge { .. } => Code::SheetTooLarge,
        }
    }
    pub fn hint(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "check the path and that the file is readable",
            ReadError::NotAWorkbook { .. } => {
                "save the table from Excel or WPS as .xlsx (文件 → 另存为 → Excel 工作簿)"
            }
            ReadError::Corrupt { .. } => "open the file in Excel or WPS and save it again as .xlsx",
            ReadError::Password { .. } => {
                "remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it) and save again"
            }
            ReadError::TooLarge { .. } => {
                "delete the empty rows and columns below and right of the table, or move other data to another workbook"
            }
        }
    }

    /// The diagnostic that reports the error: the file (and sheet) and a hint.
    pub fn diagnostic(&self) -> Diagnostic {
        let loc = match self {
            ReadError::Io { path, .. } => path.clone(),
            ReadError::NotAWorkbook { file } | ReadError::Corrupt { file, .. } | ReadError::Password { file } => {
                file.clone()
            }
            ReadError::TooLarge { file, sheet, .. } => format!("{file}!{sheet}"),
        };
        Diagnostic::new(self.code(), self.to_string()).at(loc).hint(self.hint())
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

pub fn read_path(path: &Path) -> Result<Workbook, ReadError> {
    let io = |source| ReadError::Io { path: path.display().to_string(), source };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mtime = file.metadata().and_then(|m| m.modified()).ok();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut wb = read_bytes(&name, &ext, bytes)?;
    if wb.modified.is_none() {
        wb.modified = mtime.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_secs() as i64);
    }
    Ok(wb)
}

/// Reads a workbook from memory; `ext` (without the dot) picks between the zip formats.
pub fn read_bytes(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt { file: file.to_string(), detail };
    let mut modified = None;
    let sheets = if bytes.starts_with(ZIP_MAGIC) {
        if ext == "ods" || is_ods(&bytes) {
            let mut wb: Ods<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
                calamine::OdsError::Password => ReadError::Password { file: file.into() },
                e => corrupt(e.to_string()),
            })?;
            read_ranges(file, &mut wb)?
        } else {
            let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
                XlsxError::Password => ReadError::Password { file: file.into() },
                e => corrupt(e.to_string()),
            })?;
            modified = wb.workbook_properties().ok().and_then(|p| p.modified).and_then(|m| parse_w3c(&m));
            read_xlsx(file, &mut wb)?
        }
    } else if bytes.starts_with(CFB_MAGIC) {
        // An encrypted .xlsx is an OLE container holding an `EncryptedPackage` stream.
        if contains(&bytes, &utf16("EncryptedPackage")) {
            return Err(ReadError::Password { file: file.into() });
        }
        let mut wb: Xls<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => ReadError::Password { file: file.into() },
            e => corrupt(e.to_string()),
        })?;
        read_ranges(file, &mut wb)?
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

fn too_large(file: &str, sheet: &str, rows: u64, cols: u64) -> ReadError {
    ReadError::TooLarge { file: file.into(), sheet: sheet.into(), rows, cols, max_rows: MAX_ROWS, max_cols: MAX_COLS }
}

/// Streams each .xlsx sheet cell by cell, so an oversized sheet is refused from its declared
/// dimensions (or as soon as a cell lies outside the limit) without being read in full.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(file: &str, wb: &mut Xlsx<RS>) -> Result<Vec<Grid>, ReadError> {
    let names = wb.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let mut grid = Grid::new(&name);
        let mut reader = match wb.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // Chart sheets and dialog sheets have no cells: keep them as empty sheets.
            Err(XlsxError::WorksheetNotFound(_)) => {
                grids.push(grid);
                continue;
            }
            Err(e) => return Err(ReadError::Corrupt { file: file.into(), detail: e.to_string() }),
        };
        let dims = reader.dimensions();
        let (rows, cols) =
            (dims.end.0.saturating_sub(dims.start.0) as u64 + 1, dims.end.1.saturating_sub(dims.start.1) as u64 + 1);
        if rows > MAX_ROWS as u64 || cols > MAX_COLS as u64 {
            return Err(too_large(file, &name, rows, cols));
        }
        loop {
            let cell = reader
                .next_cell_with_formula()
                .map_err(|e| ReadError::Corrupt { file: file.into(), detail: e.to_string() })?;
            let Some(cell) = cell else { break };
            let (r, c) = cell.pos;
            if r >= MAX_ROWS || c >= MAX_COLS {
                return Err(too_large(file, &name, r as u64 + 1, c as u64 + 1));
            }
            let value = raw_from_data(&Data::from(cell.value));
            let formula = cell.formula.filter(|f| !f.is_empty());
            if value != RawValue::Empty || formula.is_some() {
                grid.set(r, c, value, formula);
            }
        }
        grids.push(grid);
    }
    Ok(grids)
}

/// .xls and .ods are read whole by calamine; their size is checked right after.
fn read_ranges<RS, R>(file: &str, wb: &mut R) -> Result<Vec<Grid>, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let mut grid = Grid::new(&name);
        let range =
            wb.worksheet_range(&name).map_err(|e| ReadError::Corrupt { file: file.into(), detail: e.to_string() })?;
        if let (Some(start), Some(end)) = (range.start(), range.end()) {
            let (rows, cols) = ((end.0 - start.0) as u64 + 1, (end.1 - start.1) as u64 + 1);
            if end.0 >= MAX_ROWS || end.1 >= MAX_COLS {
                return Err(too_large(file, &name, rows.max(end.0 as u64 + 1), cols.max(end.1 as u64 + 1)));
            }
        }
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r as u32 + range.start().unwrap().0, c as u32 + range.start().unwrap().1);
            grid.set(r, c, raw_from_data(v), None);
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
