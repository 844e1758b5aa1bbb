//! The extent of an .ods's sheets, counted from content.xml before calamine expands it. A cell or
//! row may say it repeats a million times: calamine expands repeats up to 100 million cells a
//! sheet, so a 43 KB file took 6 GB and 25 s before its sheet could be refused. The .ods twin of
//! the .xlsx dimension check and of [`super::biff`].

use super::workbook::{too_large, ReadError};
use crate::limits::{MAX_COLS, MAX_ROWS};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Refuses an .ods whose sheets have a non-empty cell past [`MAX_ROWS`] × [`MAX_COLS`], counting
/// every repeat. `bytes` is the whole file; its size was checked while it was inflated.
pub(super) fn check_extent(file: &str, bytes: &[u8]) -> Result<(), ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt { file: file.into(), detail };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let mut xml = Vec::new();
    zip.by_name("content.xml")
        .and_then(|mut part| part.read_to_end(&mut xml).map_err(Into::into))
        .map_err(|e| corrupt(format!("content.xml: {e}")))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut sheet = Sheet::default();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| corrupt(format!("content.xml: {e}")))?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().into_inner() {
                "table:table" => sheet = Sheet { name: attr(e, "table:name").unwrap_or_default(), ..Sheet::default() },
                "table:table-row" => {
                    sheet.row_repeats = repeats(e, "table:number-rows-repeated");
                    sheet.row_last_col = None;
                    if empty {
                        sheet.end_row();
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated");
                    // A cell with a value, or with content of its own, is kept by calamine.
                    if !empty || e.try_get_attribute("office:value-type").ok().flatten().is_some() {
                        sheet.row_last_col = Some(sheet.col + n - 1);
                    }
                    sheet.col += n;
                }
                _ => {}
            },
            Event::End(e) if e.name().into_inner() == "table:table-row" => sheet.end_row(),
            Event::End(e)
                if e.name().into_inner() == "table:table"
                    && (sheet.rows > MAX_ROWS as u64 || sheet.cols > MAX_COLS as u64) =>
            {
                return Err(too_large(file, &sheet.name, sheet.rows, sheet.cols));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Where the sheet being read has got to, and how far its non-empty cells reach.
#[derive(Default)]
struct Sheet {
    name: String,
    /// The next row's index, every repeat counted.
    row: u64,
    row_repeats: u64,
    /// The next cell's column in the row being read.
    col: u64,
    /// The last column holding something in the row being read.
    row_last_col: Option<u64>,
    /// The rows and columns the non-empty cells reach.
    rows: u64,
    cols: u64,
}

impl Sheet {
    fn end_row(&mut self) {
        if let Some(c) = self.row_last_col.take() {
            self.rows = self.rows.max(self.row + self.row_repeats);
            self.cols = self.cols.max(c + 1);
        }
        self.row = self.row.saturating_add(self.row_repeats);
        self.col = 0;
        self.row_repeats = 1;
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    Some(a.value.into_owned())
}

/// A repeat count (at least 1); a number too large to read counts as the largest.
fn repeats(e: &BytesStart, name: &str) -> u64 {
    attr(e, name).map_or(1, |v| v.trim().parse::<u64>().unwrap_or(u32::MAX as u64).clamp(1, u32::MAX as u64))
}
