//! Column widths that fit their text: a column gets at least the width of the widest run of
//! its cells that cannot wrap (a 10-digit amount with decimals, `≥1000户`, `(MTTR)`), measured
//! with the bundled serif's own advances, so no text ever crosses a cell border. Where every
//! run fits, the form's widths stand as they are.

use super::grid::CellContext;

/// The page and cell geometry of a table: one source, which the column fitting reads here and
/// table.typ receives as `opts.geometry` (so an edited template that keeps using it cannot drift
/// from the fitting).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Geometry {
    /// The page's left and right margins, and its top and bottom ones, in mm.
    pub margin_x_mm: f64,
    pub margin_y_mm: f64,
    /// The text size of the table's cells and of the packet, in points.
    pub text_pt: f64,
    /// The space between two lines of a paragraph, in em: the packet's and the cells' (the row
    /// heights jixiao measures count on it, see `render::rows`).
    pub leading_em: f64,
    /// A cell's horizontal and vertical inset, and its stroke, in points.
    pub inset_x_pt: f64,
    pub inset_y_pt: f64,
    pub stroke_pt: f64,
}

pub const GEOMETRY: Geometry = Geometry {
    margin_x_mm: 14.0,
    margin_y_mm: 16.0,
    text_pt: 10.5,
    leading_em: 0.45,
    inset_x_pt: 3.0,
    inset_y_pt: 4.0,
    stroke_pt: 0.5,
};

impl Geometry {
    /// The width of A4 less the side margins, in points: portrait or landscape.
    pub fn line_width(&self, landscape: bool) -> f64 {
        let paper = if landscape { 297.0 } else { 210.0 };
        (paper - 2.0 * self.margin_x_mm) / 25.4 * 72.0
    }
}
/// Air between a figure and the border, so the two never seem to touch.
const AIR: f64 = 2.0;

/// Whether a line may break before and after `c` (CJK ideographs and kana break anywhere).
fn breaks_around(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FFF | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Punctuation that may not begin a line (it stays with what precedes it) or end one.
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』】〕％,.;:!?)]}%".contains(c)
}
fn no_line_end(c: char) -> bool {
    "（《「『【〔([{".contains(c)
}

/// The runs of `text` that a line cannot break inside.
fn runs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut glue_next = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            glue_next = false;
            continue;
        }
        if no_line_start(c) {
            // Closing punctuation stays with the run before it.
            match (cur.is_empty(), out.last_mut()) {
                (true, Some(last)) => last.push(c),
                _ => cur.push(c),
            }
            continue;
        }
        let cjk = breaks_around(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c);
        if cjk && !glue_next && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        glue_next = no_line_end(c);
        if cjk && !glue_next {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The width, in points, the widest unbreakable run of `text` needs in a cell.
pub fn needed(text: &str) -> f64 {
    let widest = text
        .split('\n')
        .flat_map(runs)
        .map(|r| r.chars().map(super::fonts::serif_advance).sum::<f64>() * GEOMETRY.text_pt)
        .fold(0.0, f64::max);
    if widest == 0.0 {
        0.0
    } else {
        widest + 2.0 * GEOMETRY.inset_x_pt + GEOMETRY.stroke_pt + AIR
    }
}

/// The form's relative `widths`, widened where a column's text needs it (the others give up
/// their share in proportion); unchanged where everything fits.
pub fn fit(widths: &[f64], rows: &[&Vec<CellContext>], landscape: bool) -> Vec<f64> {
    let page = GEOMETRY.line_width(landscape);
    let total: f64 = widths.iter().sum();
    let share: Vec<f64> = widths.iter().map(|w| page * w / total).collect();
    // What each column needs: its own cells', and its part of what a wider cell needs.
    let mut need = vec![0.0f64; widths.len()];
    for cell in rows.iter().flat_map(|r| r.iter()) {
        let n = needed(&cell.text);
        let cols = cell.col..(cell.col + cell.colspan).min(widths.len());
        let have: f64 = share[cols.clone()].iter().sum();
        for c in cols {
            need[c] = need[c].max(if cell.colspan == 1 { n } else { n * share[c] / have });
        }
    }
    if need.iter().zip(&share).all(|(n, s)| n <= s) {
        return widths.to_vec();
    }
    // Fix the columns that need more than their share; the rest share what is left.
    let mut fixed = vec![false; widths.len()];
    loop {
        let taken: f64 = (0..widths.len()).filter(|&i| fixed[i]).map(|i| need[i]).sum();
        let free: f64 = (0..widths.len()).filter(|&i| !fixed[i]).map(|i| widths[i]).sum();
        let left = (page - taken).max(0.0);
        let width = |i: usize| if fixed[i] { need[i] } else { left * widths[i] / free.max(f64::EPSILON) };
        let more: Vec<usize> = (0..widths.len()).filter(|&i| !fixed[i] && need[i] > width(i)).collect();
        if more.is_empty() || free == 0.0 {
            // In points, rounded: Typst takes them as relative widths.
            return (0..widths.len()).map(|i| (width(i) * 100.0).round() / 100.0).collect();
        }
        more.into_iter().for_each(|i| fixed[i] = true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_between_ideographs_and_keep_numbers_and_punctuation_whole() {
        assert_eq!(runs("≥1000户"), ["≥1000", "户"]);
        assert_eq!(runs("1234567.89"), ["1234567.89"]);
        assert_eq!(runs("平均修复时间(MTTR)"), ["平", "均", "修", "复", "时", "间", "(MTTR)"]);
        assert_eq!(runs("项目资金（元）"), ["项", "目", "资", "金", "（元）"]);
        assert_eq!(runs("完成，达到"), ["完", "成，", "达", "到"]);
    }

    #[test]
    fn a_column_too_narrow_for_its_amount_is_widened_and_the_others_give_way() {
        let cell = |col: usize, text: &str| CellContext::value_at(col, text);
        let row = vec![cell(0, "项目"), cell(1, "1234567890.12"), cell(2, "说明")];
        let fitted = fit(&[10.0, 5.0, 85.0], &[&row], false);
        let page: f64 = fitted.iter().sum();
        assert!((page - GEOMETRY.line_width(false)).abs() < 0.1, "{fitted:?}");
        assert!(fitted[1] >= needed("1234567890.12") - 0.01, "{fitted:?}");
        assert!((fitted[0] / fitted[2] - 10.0 / 85.0).abs() < 1e-3, "the others keep their proportions: {fitted:?}");
        // A grid whose text fits keeps the form's widths exactly.
        let fits = vec![cell(0, "项目"), cell(1, "12.5"), cell(2, "说明")];
        assert_eq!(fit(&[10.0, 20.0, 70.0], &[&fits], false), [10.0, 20.0, 70.0]);
    }
}
