//! Packs a PDF as typst-pdf writes it into object streams with a cross-reference stream.
//!
//! typst-pdf (krilla 0.8) writes every object on its own with a classic cross-reference table:
//! a tagged packet of 1,000 tables is 32 MB, of which 22 MB are 164,000 small dictionaries
//! (mostly the tags' structure elements) and 3.3 MB the table of 20-byte offsets. This pass
//! moves every object that may live in an object stream (not a stream, generation 0) into
//! deflated object streams, byte for byte, and writes the offsets as a deflated
//! cross-reference stream; stream objects and the header are copied unchanged. Nothing is
//! parsed beyond what finding the objects needs, so the result holds exactly the objects the
//! input held (tags, metadata, PDF/A's requirements: PDF/A-2 allows object streams).
//!
//! lopdf 0.47 can write object streams too, but it reparses and reserializes every object:
//! 4.6 s and 1.2 GB for that packet, against a fraction of a second and the two buffers here.

use flate2::{write::ZlibEncoder, Compression};
use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;

/// Objects per object stream. Deflate's 32 KB window means few objects a stream cost size
/// (each stream starts its dictionary afresh): at 1,000 tables, 200 a stream gave 6.3 MB, 2,000
/// 6.0 MB, 10,000 5.9 MB. A reader inflates at most about 1.4 MB to find one object.
const PER_STREAM: usize = 10000;
/// Nesting a PDF object may have here; typst-pdf's go a few levels deep.
const MAX_DEPTH: usize = 64;

/// What did not have the shape typst-pdf writes.
#[derive(Debug, thiserror::Error)]
#[error("cannot pack the PDF at byte {at}: {what}")]
pub struct PackError {
    at: usize,
    what: &'static str,
}

fn fail<T>(at: usize, what: &'static str) -> Result<T, PackError> {
    Err(PackError { at, what })
}

/// The PDF `pdf` with its objects in object streams and a cross-reference stream.
pub fn pack(pdf: &[u8]) -> Result<Vec<u8>, PackError> {
    let lex = Lexer(pdf);
    let xref_at = lex.startxref()?;
    let (entries, trailer) = lex.xref_table(xref_at)?;
    let mut objects = entries.into_iter().map(|(num, at)| lex.object(num, at)).collect::<Result<Vec<_>, _>>()?;
    // Each object ends where the next begins (or where the table does): user text inside a
    // string can never be mistaken for the end of an object.
    objects.sort_by_key(|o| o.span.start);
    let ends: Vec<usize> = objects.iter().skip(1).map(|o| o.span.start).chain([xref_at]).collect();
    for (o, end) in objects.iter_mut().zip(ends) {
        lex.close(o, end)?;
    }
    let first = objects.first().map_or(xref_at, |o| o.span.start);

    let size = objects.iter().map(|o| o.num + 1).max().unwrap_or(1);
    let mut out = Vec::with_capacity(pdf.len() / 3);
    out.extend_from_slice(&pdf[..first]);
    let mut xref = vec![Slot::Free; size];

    // Streams (and anything not of generation 0) stay as they were written.
    let mut packed = Vec::new();
    for o in &objects {
        if o.stream || o.gen != 0 {
            xref[o.num] = Slot::At(out.len(), o.gen);
            out.extend_from_slice(&pdf[o.span.clone()]);
            out.push(b'\n');
        } else {
            packed.push(o);
        }
    }
    packed.sort_by_key(|o| o.num);

    let groups: Vec<(&[&Object], Vec<u8>)> =
        packed.par_chunks(PER_STREAM).map(|g| (g, object_stream(pdf, g))).collect();
    let mut num = size;
    for (group, bytes) in groups {
        for (k, o) in group.iter().enumerate() {
            xref[o.num] = Slot::In(num, k);
        }
        xref.push(Slot::At(out.len(), 0));
        writeln!(out, "{num} 0 obj").expect("writing to memory");
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\nendobj\n");
        num += 1;
    }

    // The cross-reference stream describes itself too.
    let at = out.len();
    xref.push(Slot::At(at, 0));
    let (widths, rows) = xref_rows(&xref);
    let data = deflate(&rows);
    write!(
        out,
        "{num} 0 obj\n<</Type/XRef/Size {}/W[{} {} {}]/Filter/FlateDecode/DecodeParms<</Columns {}/Predictor 12>>/Length {}",
        xref.len(),
        widths[0],
        widths[1],
        widths[2],
        widths.iter().sum::<usize>(),
        data.len()
    )
    .expect("writing to memory");
    for entry in &trailer {
        out.extend_from_slice(&pdf[entry.clone()]);
    }
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(&data);
    write!(out, "\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").expect("writing to memory");
    Ok(out)
}

/// One object of the input: its number, generation and where it is.
struct Object {
    num: usize,
    gen: u16,
    /// From `N G obj` to the end of `endobj` (once closed).
    span: Range<usize>,
    /// The value between `obj` and `endobj`, trimmed (once closed).
    body: Range<usize>,
    stream: bool,
}

/// Where an object is found in the output.
#[derive(Clone, Copy)]
enum Slot {
    Free,
    At(usize, u16),
    /// In object stream `.0`, at index `.1`.
    In(usize, usize),
}

/// An object stream of `group`: its dictionary, `stream` and deflated data, `endstream`.
fn object_stream(pdf: &[u8], group: &[&Object]) -> Vec<u8> {
    let mut head = Vec::new();
    let mut body = Vec::new();
    for o in group {
        write!(head, "{} {} ", o.num, body.len()).expect("writing to memory");
        body.extend_from_slice(&pdf[o.body.clone()]);
        body.push(b'\n');
    }
    let first = head.len();
    let mut raw = head;
    raw.extend_from_slice(&body);
    let data = deflate(&raw);
    let mut out =
        format!("<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n", group.len(), data.len())
            .into_bytes();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The cross-reference stream's rows with the PNG Up predictor applied (each row as the
/// difference from the row above, which is mostly zeros), and its field widths.
fn xref_rows(xref: &[Slot]) -> ([usize; 3], Vec<u8>) {
    let fields: Vec<(u8, u64, u64)> = xref
        .iter()
        .enumerate()
        .map(|(i, s)| match *s {
            // Object 0 heads the free list with generation 65535.
            Slot::Free if i == 0 => (0, 0, 65535),
            Slot::Free => (0, 0, 0),
            Slot::At(at, gen) => (1, at as u64, u64::from(gen)),
            Slot::In(stm, k) => (2, stm as u64, k as u64),
        })
        .collect();
    let bytes_for = |v: u64| (((64 - v.leading_zeros()) as usize).div_ceil(8)).max(1);
    let mut widths = [1, 1, 1];
    for &(_, a, b) in &fields {
        widths[1] = widths[1].max(bytes_for(a));
        widths[2] = widths[2].max(bytes_for(b));
    }
    let cols = widths.iter().sum::<usize>();
    let mut rows = Vec::with_capacity(fields.len() * (cols + 1));
    let mut above = vec![0u8; cols];
    let mut row = Vec::with_capacity(cols);
    for (t, a, b) in fields {
        row.clear();
        row.push(t);
        row.extend_from_slice(&a.to_be_bytes()[8 - widths[1]..]);
        row.extend_from_slice(&b.to_be_bytes()[8 - widths[2]..]);
        rows.push(2);
        rows.extend(row.iter().zip(&above).map(|(x, y)| x.wrapping_sub(*y)));
        std::mem::swap(&mut above, &mut row);
    }
    (widths, rows)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(data.len() / 4), Compression::best());
    z.write_all(data).expect("writing to memory");
    z.finish().expect("writing to memory")
}

/// Just enough of a PDF lexer to find objects and skip over values.
struct Lexer<'a>(&'a [u8]);

fn is_space(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl Lexer<'_> {
    fn spaces(&self, mut i: usize) -> usize {
        let b = self.0;
        loop {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i < b.len() && b[i] == b'%' {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            } else {
                return i;
            }
        }
    }

    /// The end of the regular token (number, keyword) at `i`.
    fn word(&self, mut i: usize) -> usize {
        while i < self.0.len() && !is_space(self.0[i]) && !is_delimiter(self.0[i]) {
            i += 1;
        }
        i
    }

    /// The end of the value, name or keyword at `i` (an indirect reference is three of them).
    fn skip(&self, i: usize, depth: usize) -> Result<usize, PackError> {
        let b = self.0;
        if depth > MAX_DEPTH {
            return fail(i, "objects nested too deeply");
        }
        match b.get(i) {
            None => fail(i, "unexpected end"),
            Some(b'(') => {
                let mut nest = 0usize;
                let mut j = i;
                while j < b.len() {
                    match b[j] {
                        b'\\' => j += 1,
                        b'(' => nest += 1,
                        b')' => {
                            nest -= 1;
                            if nest == 0 {
                                return Ok(j + 1);
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                fail(i, "unterminated string")
            }
            Some(b'<') if b.get(i + 1) == Some(&b'<') => self.until(i + 2, b">>", depth),
            Some(b'<') => match b[i..].iter().position(|&c| c == b'>') {
                Some(k) => Ok(i + k + 1),
                None => fail(i, "unterminated hex string"),
            },
            Some(b'[') => self.until(i + 1, b"]", depth),
            Some(b'/') => Ok(self.word(i + 1)),
            Some(&c) if is_delimiter(c) => fail(i, "unbalanced delimiter"),
            Some(_) => Ok(self.word(i)),
        }
    }

    /// The end of the values from `i` up to and including `close`.
    fn until(&self, mut i: usize, close: &[u8], depth: usize) -> Result<usize, PackError> {
        loop {
            i = self.spaces(i);
            if self.0[i..].starts_with(close) {
                return Ok(i + close.len());
            }
            i = self.skip(i, depth + 1)?;
        }
    }

    /// The end of the value at `i`, an indirect reference (`N G R`) taken whole.
    fn value(&self, i: usize) -> Result<usize, PackError> {
        let end = self.skip(i, 0)?;
        let reference = self.number(i).and_then(|(_, j)| self.number(j)).and_then(|(_, j)| self.keyword(j, b"R"));
        Ok(reference.unwrap_or(end))
    }

    fn number(&self, i: usize) -> Result<(usize, usize), PackError> {
        let i = self.spaces(i);
        let end = self.word(i);
        let n = std::str::from_utf8(&self.0[i..end]).ok().and_then(|s| s.parse().ok());
        n.map(|n| (n, end)).ok_or(PackError { at: i, what: "expected a number" })
    }

    fn keyword(&self, i: usize, word: &[u8]) -> Result<usize, PackError> {
        let i = self.spaces(i);
        if self.0[i..].starts_with(word) {
            Ok(i + word.len())
        } else {
            fail(i, "expected a keyword")
        }
    }

    fn startxref(&self) -> Result<usize, PackError> {
        let tail = self.0.len().saturating_sub(64);
        let Some(k) = self.0[tail..].windows(9).rposition(|w| w == b"startxref") else {
            return fail(self.0.len(), "no startxref");
        };
        let (at, _) = self.number(tail + k + 9)?;
        if at >= self.0.len() {
            return fail(tail + k, "startxref past the end");
        }
        Ok(at)
    }

    /// The in-use entries of the classic cross-reference table at `at` (number, offset) and
    /// the trailer's entries to keep (all but /Size).
    #[allow(clippy::type_complexity)]
    fn xref_table(&self, at: usize) -> Result<(Vec<(usize, usize)>, Vec<Range<usize>>), PackError> {
        let mut i = self.keyword(at, b"xref").or(fail(at, "not a classic cross-reference table"))?;
        let mut entries = Vec::new();
        loop {
            i = self.spaces(i);
            if self.0[i..].starts_with(b"trailer") {
                break;
            }
            let (start, j) = self.number(i)?;
            let (count, j) = self.number(j)?;
            i = j;
            for num in start..start.saturating_add(count) {
                let (offset, j) = self.number(i)?;
                let (_gen, j) = self.number(j)?;
                let j = self.spaces(j);
                match self.0.get(j) {
                    Some(b'n') if offset < self.0.len() => entries.push((num, offset)),
                    Some(b'n') => return fail(j, "an offset past the end"),
                    Some(b'f') => {}
                    _ => return fail(j, "expected n or f"),
                }
                i = j + 1;
            }
        }
        let i = self.spaces(self.keyword(i, b"trailer")?);
        if !self.0[i..].starts_with(b"<<") {
            return fail(i, "expected the trailer dictionary");
        }
        let mut keep = Vec::new();
        let mut j = i + 2;
        loop {
            j = self.spaces(j);
            if self.0[j..].starts_with(b">>") {
                break;
            }
            let key = j;
            let end = self.value(self.spaces(self.skip(key, 0)?))?;
            if !self.0[key..].starts_with(b"/Size") {
                keep.push(key..end);
            }
            j = end;
        }
        Ok((entries, keep))
    }

    /// The object said to be at `at`: its header.
    fn object(&self, num: usize, at: usize) -> Result<Object, PackError> {
        let (n, i) = self.number(at)?;
        let (gen, i) = self.number(i)?;
        let i = self.keyword(i, b"obj")?;
        if n != num {
            return fail(at, "the cross-reference table points at another object");
        }
        let gen = u16::try_from(gen).or(fail(at, "generation past 65535"))?;
        Ok(Object { num, gen, span: at..i, body: i..i, stream: false })
    }

    /// Finds the end of `o`, which runs no further than `end`, and whether it is a stream.
    fn close(&self, o: &mut Object, end: usize) -> Result<(), PackError> {
        let start = o.span.end;
        if end < start {
            return fail(o.span.start, "two objects at one place");
        }
        let Some(k) = self.0[start..end].windows(6).rposition(|w| w == b"endobj") else {
            return fail(o.span.start, "no endobj before the next object");
        };
        let mut body_end = start + k;
        while body_end > start && is_space(self.0[body_end - 1]) {
            body_end -= 1;
        }
        let body_start = self.spaces(start);
        if self.0[body_start..].starts_with(b"<<") {
            let after = self.spaces(self.skip(body_start, 0)?);
            o.stream = after < body_end && self.0[after..].starts_with(b"stream");
        }
        o.span.end = start + k + 6;
        o.body = body_start..body_end.max(body_start);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_zero_heads_the_free_list_with_generation_65535_however_narrow_the_other_entries() {
        // Every other entry fits a one-byte third field.
        let (widths, rows) = xref_rows(&[Slot::Free, Slot::At(15, 0), Slot::In(9, 3)]);
        assert_eq!(widths, [1, 1, 2]);
        // Rows after the PNG Up predictor: each the difference from the one above.
        assert_eq!(rows, [2, 0, 0, 0xff, 0xff, 2, 1, 15, 1, 1, 2, 1, 0xfa, 0, 3]);
    }
}
