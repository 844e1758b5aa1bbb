//! The extent of an .xls's sheets, read from its records before calamine reads them. calamine
//! lays each sheet out as one dense block from its first cell to its farthest, and reserves room
//! for the extent a sheet's DIMENSIONS record declares: a damaged row number in a 70 KB file
//! asked it for gigabytes (found by the `workbook` fuzz target). An .xlsx's extent is checked from
//! its XML the same way; this is the .xls twin.

use super::workbook::{sheet_count, too_large, ReadError};
use crate::limits::{MAX_COLS, MAX_ROWS};
use std::io::{Cursor, Read};

/// Record types (MS-XLS 2.3).
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const MULRK: u16 = 0x00BD;
/// The cell records calamine reads, each starting with its row and column (u16, u16).
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Refuses an .xls whose sheets reach past [`MAX_ROWS`] × [`MAX_COLS`] (by a cell or by the
/// declared dimensions), or that holds more sheets than a packet may, before calamine lays
/// anything out. A file whose compound-file structure cannot be read is corrupt.
pub(super) fn check_extent(file: &str, bytes: &[u8]) -> Result<(), ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt { file: file.into(), detail };
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let mut stream = cfb
        .open_stream("/Workbook")
        .or_else(|_| cfb.open_stream("/Book"))
        .map_err(|_| corrupt("it holds no Workbook stream".into()))?;
    let mut data = Vec::new();
    // A stream is never longer than the file that holds it.
    stream.by_ref().take(bytes.len() as u64).read_to_end(&mut data).map_err(|e| corrupt(e.to_string()))?;

    let sheets: Vec<(usize, String)> = records(&data, 0)
        .take_while(|(t, _)| *t != EOF)
        .filter(|(t, _)| *t == BOUNDSHEET)
        .enumerate()
        .filter_map(|(i, (_, d))| {
            let pos = u32::from_le_bytes(d.get(..4)?.try_into().ok()?) as usize;
            Some((pos, sheet_name(d).unwrap_or_else(|| format!("sheet {}", i + 1))))
        })
        .collect();
    sheet_count(file, sheets.len())?;
    let mut seen = std::collections::HashSet::new();
    for (pos, name) in sheets {
        if pos >= data.len() || !seen.insert(pos) {
            continue;
        }
        let (rows, cols) = extent(&data, pos);
        if rows > MAX_ROWS as u64 || cols > MAX_COLS as u64 {
            return Err(too_large(file, &name, rows, cols));
        }
    }
    Ok(())
}

/// The rows and columns the sheet at `pos` reaches: the farthest cell, or the dimensions it
/// declares, whichever is larger (an inverted range counts as reaching the last row or column).
fn extent(data: &[u8], pos: usize) -> (u64, u64) {
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut reach = |r: u64, c: u64| {
        rows = rows.max(r + 1);
        cols = cols.max(c + 1);
    };
    for (t, d) in records(data, pos).take_while(|(t, _)| *t != EOF) {
        let u16_at = |i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
        let u32_at = |i: usize| d.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64);
        match t {
            DIMENSIONS => {
                // [first row, last row + 1), [first column, last column + 1): u16s before BIFF8.
                // calamine reserves (last row − first row + 1) × columns: a last row before the
                // first wraps round to the end of the sheet.
                let (rf, rl, cl) =
                    if d.len() == 10 { (u16_at(0), u16_at(2), u16_at(6)) } else { (u32_at(0), u32_at(4), u16_at(10)) };
                if let (Some(rf), Some(rl), Some(cl)) = (rf, rl, cl) {
                    if rl >= 1 && cl >= 1 {
                        reach(if rl - 1 < rf { u32::MAX as u64 - 1 } else { rl - 1 }, cl - 1);
                    }
                }
            }
            MULRK => {
                if let (Some(r), Some(c), Some(last)) = (u16_at(0), u16_at(2), d.len().checked_sub(2).and_then(u16_at))
                {
                    reach(r, c.max(last));
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    reach(r, c);
                }
            }
            _ => {}
        }
    }
    (rows, cols)
}

/// The records from `pos` on: (type, data), CONTINUE records skipped, ending where a record runs
/// past the stream.
fn records(data: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = data.get(pos..).unwrap_or_default();
    std::iter::from_fn(move || loop {
        let head = rest.get(..4)?;
        let t = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let body = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        if t != CONTINUE {
            return Some((t, body));
        }
    })
}

/// A BOUNDSHEET record's sheet name (BIFF8: a length, a flag for UTF-16, the characters).
fn sheet_name(d: &[u8]) -> Option<String> {
    let n = *d.get(6)? as usize;
    let wide = d.get(7)? & 1 == 1;
    let chars = d.get(8..)?;
    if wide {
        let units: Vec<u16> = chars.get(..2 * n)?.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    } else {
        Some(chars.get(..n)?.iter().map(|&b| b as char).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(t: u16, d: &[u8]) -> Vec<u8> {
        [&t.to_le_bytes()[..], &(d.len() as u16).to_le_bytes(), d].concat()
    }

    #[test]
    fn the_extent_is_the_farthest_cell_or_the_declared_dimensions() {
        let number = |r: u16, c: u16| record(0x0203, &[&r.to_le_bytes()[..], &c.to_le_bytes(), &[0; 10]].concat());
        let dims = |rf: u32, rl: u32, cf: u16, cl: u16| {
            record(
                DIMENSIONS,
                &[&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat(),
            )
        };
        let sheet = |parts: &[Vec<u8>]| [parts.concat(), record(EOF, &[])].concat();
        assert_eq!(extent(&sheet(&[dims(0, 24, 0, 10), number(5, 3)]), 0), (24, 10));
        assert_eq!(extent(&sheet(&[dims(0, 24, 0, 10), number(40_000, 3)]), 0), (40_001, 10));
        // A damaged DIMENSIONS record (last before first) counts as reaching the end.
        assert_eq!(extent(&sheet(&[dims(9, 3, 0, 10)]), 0).0, u32::MAX as u64);
        // What follows the sheet's EOF is not the sheet's.
        assert_eq!(extent(&[sheet(&[number(1, 1)]), number(60_000, 1)].concat(), 0), (2, 2));
    }
}
