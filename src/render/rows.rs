//! Row heights decided before layout. A grid row of `auto` height makes Typst lay every cell
//! of it out twice (once to measure, once at the height found) and work out what each
//! merged cell over it needs; a row of known height is laid out once. On 200 synthetic
//! tables fixed rows took a fifth of the PDF's CPU time off (BENCHMARKS.md), while measuring
//! the cells in the template first (`measure`) cost as much as it saved.
//!
//! So jixiao works out here how many lines each cell's text takes, as Typst's first-fit line
//! breaking will set it: the same break opportunities (the Chinese line segmenter Typst
//! builds from its own data), the bundled serif's advances, and bounds for what shaping may
//! change (kerning between Latin letters, CJK punctuation squeezed at a line's end or next to
//! another). A row gets a height only when every decision along the way is certain: a line
//! that fits by less than the bounds allow, a character outside the bundled serif, a space,
//! anything else unusual, and the row stays `auto` for Typst to decide. So does a row with a
//! text of more than three lines, which Typst may split over a page break.

use super::fit::{Geometry, GEOMETRY};
use super::fonts;
use super::grid::{CellContext, CellKind};
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;
use std::sync::LazyLock;

/// Lines a cell may have in a row of fixed height. Typst never splits a paragraph of three
/// lines or fewer over a page break (no orphan, no widow), so such a row goes whole to the
/// next page either way; a longer text may be split there, which a row of fixed height
/// cannot be, and its row is left to Typst.
const MOST_LINES: usize = 3;
/// How much a line's width may change where a kerning pair is cut by the line's end, in em
/// (an upper bound).
const KERN: f64 = 0.1;
/// How much a CJK punctuation mark may be squeezed, in em (at a line's end, or beside another).
const SQUEEZE: f64 = 0.5;
/// What a decision must clear by, in points, beyond the bounds.
const MARGIN: f64 = 0.05;

/// The line segmenter Typst uses for Chinese text (typst-layout 0.15.1 builds it from the
/// same blob); `None` if it cannot be built, and then every row stays `auto`.
static SEGMENTER: LazyLock<Option<LineSegmenter>> = LazyLock::new(|| {
    let provider =
        icu_provider_blob::BlobDataProvider::try_new_from_static_blob(typst_assets::icu::ICU_CJ_SEGMENT).ok()?;
    LineSegmenter::try_new_for_non_complex_scripts_with_buffer_provider(&provider, LineBreakOptions::default()).ok()
});

/// The line metrics of the bundled fonts, in em: cap height (a line's height, with Typst's
/// default top and bottom edges) for the serif and the bold sans.
struct Metrics {
    serif_cap: f64,
    sans_cap: f64,
    /// The bold sans the 自评等级 is set in: a grade it lacks a glyph of is not measured.
    sans: ttf_parser::Face<'static>,
}

static METRICS: LazyLock<Option<Metrics>> = LazyLock::new(|| {
    let cap = |face: &ttf_parser::Face| {
        let h = face.capital_height().filter(|&h| h > 0).unwrap_or(face.ascender());
        f64::from(h) / f64::from(face.units_per_em())
    };
    let sans = ttf_parser::Face::parse(fonts::SANS_BOLD, 0).ok()?;
    Some(Metrics { serif_cap: cap(fonts::serif_face()?), sans_cap: cap(&sans), sans })
});

/// CJK punctuation Typst may squeeze (GB style, typst-layout's shaping): opening marks, and
/// closing marks with the stops and commas.
const OPENING: &str = "“‘《〈（『「【〖〔［｛";
const CLOSING: &str = "”’，．。、：；》〉）』」】〗〕］｝？！";

fn squeezable(c: char) -> bool {
    OPENING.contains(c) || CLOSING.contains(c)
}

/// A character this module can measure, if the bundled serif draws it (another font would
/// bring its own line height; see `advances`): not a space or a control character (which
/// Typst trims or treats apart at a line's end), nor right-to-left script.
fn plain(c: char) -> bool {
    let rtl = matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    !c.is_whitespace() && !c.is_control() && !rtl
}

/// Each character of `text` with its byte offset and its advance in em, as the bundled serif's
/// shaping gives them (kerning included): what Typst sums a line's width from. `None` when the
/// serif lacks a glyph of it.
fn advances(text: &str) -> Option<Vec<(usize, char, f64)>> {
    static FACE: LazyLock<Option<rustybuzz::Face<'static>>> =
        LazyLock::new(|| rustybuzz::Face::from_slice(fonts::SERIF, 0));
    let face = FACE.as_ref()?;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_language("zh".parse().ok()?);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let em = f64::from(face.units_per_em());
    let mut out: Vec<(usize, char, f64)> = text.char_indices().map(|(i, c)| (i, c, 0.0)).collect();
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        if info.glyph_id == 0 {
            return None;
        }
        let k = out.partition_point(|(i, ..)| *i < info.cluster as usize);
        out.get_mut(k)?.2 += f64::from(pos.x_advance) / em;
    }
    Some(out)
}

/// How many lines `text` takes in a cell whose text may be `width` points wide, at `size`
/// points; `None` when that is not certain.
fn lines(text: &str, width: f64, size: f64) -> Option<usize> {
    if text.is_empty() || !text.chars().all(plain) {
        return None;
    }
    let segmenter = SEGMENTER.as_ref()?;
    let breaks: Vec<usize> = segmenter.as_borrowed().segment_str(text).filter(|&b| b > 0).collect();
    let chars = advances(text)?;
    // (lowest, highest) width of text[a..b], in points: the shaped advances, less what Typst
    // may squeeze out of CJK punctuation, give or take a kerning pair cut at the line's end.
    let bounds = |a: usize, b: usize| {
        let (mut width, mut give, mut sure) = (0.0, 0.0, 0.0);
        let (from, to) = (chars.partition_point(|c| c.0 < a), chars.partition_point(|c| c.0 < b));
        for k in from..to {
            let (i, c, adv) = chars[k];
            width += adv;
            // Typst squeezes an opening mark that begins a line and a closing one that ends
            // it by half (exactly, unless a mark beside it took part of that already, or it
            // is a quotation mark, whose width depends on the font), and one of two marks side
            // by side.
            let (before, after) = (k.checked_sub(1).map(|j| chars[j].1), chars.get(k + 1).map(|n| n.1));
            let alone = !before.is_some_and(squeezable) && !after.is_some_and(squeezable) && !"“”‘’".contains(c);
            let first = k == from && OPENING.contains(c);
            let last = i + c.len_utf8() == b && CLOSING.contains(c);
            if first || last {
                give += SQUEEZE;
                if alone {
                    sure += adv / 2.0;
                }
            }
            if k > from && before.is_some_and(|p| squeezable(p) && squeezable(c)) {
                give += SQUEEZE;
            }
        }
        ((width - give - KERN) * size, (width - sure + KERN) * size)
    };
    // Typst's first fit: a line grows to each break while it fits; the first that does not
    // fit ends the line at the break before it.
    let fits = |a: usize, b: usize| -> Option<bool> {
        let (lo, hi) = bounds(a, b);
        if hi + MARGIN <= width {
            Some(true)
        } else if lo - MARGIN > width {
            Some(false)
        } else {
            None
        }
    };
    let mut count = 0;
    let mut start = 0;
    let mut last: Option<usize> = None;
    for &end in &breaks {
        let mut ok = fits(start, end)?;
        if !ok {
            if let Some(l) = last.take() {
                count += 1;
                start = l;
                ok = fits(start, end)?;
            }
        }
        if end == text.len() || !ok {
            count += 1;
            start = end;
            last = None;
        } else {
            last = Some(end);
        }
    }
    if last.is_some() {
        count += 1;
    }
    Some(count)
}

/// The height a cell's content needs, in points, insets included; `None` when not certain.
fn cell_height(cell: &CellContext, lines_of: &[&str], width: f64, g: &Geometry, m: &Metrics) -> Option<f64> {
    let size = g.text_pt;
    let cap = if cell.kind == CellKind::Grade { m.sans_cap } else { m.serif_cap };
    // A grade is a word or two of ideographs (优, 良好): one em each in the sans as in the serif.
    let ideographs = |c: char| matches!(c as u32, 0x4E00..=0x9FFF) && m.sans.glyph_index(c).is_some();
    if cell.kind == CellKind::Grade && !cell.text.chars().all(ideographs) {
        return None;
    }
    let text_width = width - 2.0 * g.inset_x_pt;
    let mut n = 0;
    for line in lines_of {
        n += lines(line, text_width, size)?;
    }
    if n > MOST_LINES {
        return None;
    }
    // Each line is a cap height tall (Typst's default top and bottom edges), the lines the
    // leading apart.
    let leading = g.leading_em * size;
    Some(2.0 * g.inset_y_pt + n as f64 * cap * size + (n.max(1) - 1) as f64 * leading)
}

/// The heights of `rows` (one table of the grid), in points: `Some` where jixiao is certain
/// of a row's height, `None` where Typst decides. `columns` are the grid's relative widths on
/// a page `landscape` or not.
pub fn heights(rows: &[&Vec<CellContext>], columns: &[f64], landscape: bool) -> Vec<Option<f64>> {
    let g = GEOMETRY;
    let Some(m) = METRICS.as_ref() else { return vec![None; rows.len()] };
    let page = g.line_width(landscape);
    let total: f64 = columns.iter().sum();
    let col_width = |c: usize, span: usize| -> f64 {
        columns[c.min(columns.len())..(c + span).min(columns.len())].iter().sum::<f64>() * page / total
    };
    let mut own: Vec<Option<f64>> = vec![Some(0.0); rows.len()];
    let mut any_text = vec![false; rows.len()];
    let mut spans: Vec<(usize, usize, Option<f64>)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for cell in row.iter() {
            let empty = cell.text.is_empty();
            let h = if empty {
                Some(2.0 * g.inset_y_pt)
            } else {
                let texts = cell.label_lines().unwrap_or_else(|| vec![cell.text.as_str()]);
                cell_height(cell, &texts, col_width(cell.col, cell.colspan), &g, m)
            };
            if cell.rowspan > 1 {
                spans.push((r, cell.rowspan, h));
                continue;
            }
            any_text[r] |= !empty;
            own[r] = match (own[r], h) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        }
    }
    let mut out: Vec<Option<f64>> = own.into_iter().zip(any_text).map(|(h, text)| h.filter(|_| text)).collect();
    // A merged cell that needs more than its rows give makes its last row grow, as Typst does
    // with an `auto` last row.
    for (r, span, need) in spans {
        let last = (r + span).min(out.len()) - 1;
        let have: f64 = out[r..=last].iter().flatten().sum();
        if need.is_none_or(|n| n > have) {
            out[last] = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_takes_one_line_and_a_long_one_wraps_at_the_width() {
        let em = GEOMETRY.text_pt;
        assert_eq!(lines("项目名称", 10.0 * em + 2.0, em), Some(1));
        assert_eq!(lines("一二三四五六七八九十一二", 10.0 * em + 2.0, em), Some(2));
        // Exactly at the width: a decision within the bounds is left to Typst.
        assert_eq!(lines("一二三四五六七八九十", 10.0 * em, em), None);
        // Brackets that begin and end a line lose half their width each, as Typst sets them.
        assert_eq!(lines("（万元）", 3.5 * em, em), Some(1));
        assert_eq!(lines("≥90%", 100.0, em), Some(1));
        // A space, or a character the serif lacks (another font would set it), is not measured.
        assert_eq!(lines("a b", 100.0, em), None);
        assert_eq!(lines("☐是", 100.0, em), None);
    }
}
