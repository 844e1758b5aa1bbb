//! A table laid out on its form's grid: rows of cells with their spans, text, role and place,
//! values already printed through the field catalogue. The PDF, the HTML and the Excel copy
//! draw this one grid, so a form is printed the same way in every format and the templates
//! hold no label of their own.

use crate::form::fields::{flat, Field, FundColumn, IndicatorField};
use crate::form::{Align, Block, Form, FundValue, FundsBlock, IndicatorsBlock, Label, RowsBlock, TotalBlock};
use crate::model::{round_half_up, Located, Measure, Table};
use rust_decimal::Decimal;
use serde::Serialize;

/// The grid of one table, in the sections it prints in: the rows above the indicators, the
/// indicators' header (repeated on each page where the form allows), and the rest.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub columns: Vec<ColumnContext>,
    pub top: Vec<Vec<CellContext>>,
    pub header: Vec<Vec<CellContext>>,
    /// Whether the header repeats on every page (not where a block label spans it).
    pub repeat_header: bool,
    pub body: Vec<Vec<CellContext>>,
    /// The rows' heights where jixiao knows them before layout (see `render::rows`); none
    /// until [`Grid::measure_rows`], and then every row is left to Typst.
    pub heights: Heights,
}

/// Row heights in points, `None` where Typst decides: the rows of `top`, and those of
/// `header` and `body` (drawn as one table). Empty when not measured: Typst decides them all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Heights {
    pub top: Vec<Option<f64>>,
    pub rest: Vec<Option<f64>>,
}

/// A column: its relative width, and its share of the table's width as CSS says it.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnContext {
    pub width: f64,
    /// `7.6%`
    pub percent: String,
}

/// What a cell is: a label of the form, a value of the table, or the 自评等级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    Label,
    Value,
    Grade,
}

/// A number as Excel should hold it, with the decimals it prints with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A figure printed with at least `min` decimals (money 2, scores 0, the 执行率 得分 2).
    Fixed { value: Decimal, min: u32 },
    /// A 执行率 (1 is 100%), printed with `decimals` or as few as it needs.
    Rate { value: Decimal, decimals: Option<u32> },
}

/// A cell of the grid. The templates receive it compactly (a table has a hundred cells, a
/// packet a thousand tables): `text`; `kind` unless a value; `spans` (colspan, rowspan) unless
/// both are 1; `lines` for a label with line breaks; `left`, `scope`, `group`, `mark` where set.
#[derive(Debug, Clone)]
pub struct CellContext {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub kind: CellKind,
    /// Left-aligned text (names, long texts); otherwise centred.
    pub left: bool,
    /// HTML: what a label heads (`row`, `col`, `rowgroup`, `colgroup`).
    pub scope: Option<String>,
    /// A merged 一级指标 over indicator rows `first`..=`last`: its label repeats on every page.
    pub group: Option<(usize, usize)>,
    /// The mark of indicator row `k`, the last of a merged group (see `group`).
    pub mark: Option<usize>,
    /// The first grid column it occupies.
    pub col: usize,
    /// The value as a number, for Excel.
    pub number: Option<Number>,
}

impl Serialize for CellContext {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(Serialize)]
        struct Spans {
            colspan: usize,
            rowspan: usize,
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("text", &self.text)?;
        if self.kind != CellKind::Value {
            m.serialize_entry("kind", &self.kind)?;
        }
        if self.colspan != 1 || self.rowspan != 1 {
            m.serialize_entry("spans", &Spans { colspan: self.colspan, rowspan: self.rowspan })?;
        }
        if let Some(lines) = self.label_lines() {
            m.serialize_entry("lines", &lines)?;
        }
        if self.left {
            m.serialize_entry("left", &true)?;
        }
        if let Some(scope) = &self.scope {
            m.serialize_entry("scope", scope)?;
        }
        if let Some(g) = &self.group {
            m.serialize_entry("group", g)?;
        }
        if let Some(k) = &self.mark {
            m.serialize_entry("mark", k)?;
        }
        m.end()
    }
}

impl CellContext {
    /// The lines of a label the form breaks (项目资金 / （万元）), each set on a line of its own.
    pub fn label_lines(&self) -> Option<Vec<&str>> {
        (self.kind == CellKind::Label && self.text.contains('\n')).then(|| self.text.split('\n').collect())
    }

    fn label(text: impl Into<String>, scope: &str) -> CellContext {
        CellContext {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            kind: CellKind::Label,
            left: false,
            scope: Some(scope.into()),
            group: None,
            mark: None,
            col: 0,
            number: None,
        }
    }
    /// A value in column `col`, for tests of the layout.
    #[cfg(test)]
    pub(crate) fn value_at(col: usize, text: &str) -> CellContext {
        CellContext { col, ..CellContext::value(text) }
    }
    fn value(text: impl Into<String>) -> CellContext {
        CellContext { kind: CellKind::Value, scope: None, ..CellContext::label(text, "") }
    }
    fn span(mut self, cols: usize, rows: usize) -> CellContext {
        self.colspan = cols;
        self.rowspan = rows;
        self
    }
    fn left(mut self, left: bool) -> CellContext {
        self.left = left;
        self
    }
    fn number(mut self, n: Option<Number>) -> CellContext {
        self.number = n;
        self
    }
}

/// Relative widths → the columns with their CSS shares.
pub fn columns(widths: &[f64]) -> Vec<ColumnContext> {
    let total: f64 = widths.iter().sum();
    widths
        .iter()
        .map(|&w| {
            let p = Decimal::try_from(w * 100.0 / total).unwrap_or_default();
            ColumnContext { width: w, percent: format!("{}%", round_half_up(p, 1).normalize()) }
        })
        .collect()
}

/// Places cells on the grid row by row: tracks the columns that cells of rows above still
/// cover, so each cell learns its first column.
struct Placer {
    /// Per column: how many more rows it is covered for.
    covered: Vec<usize>,
}

impl Placer {
    fn new(width: usize) -> Placer {
        Placer { covered: vec![0; width] }
    }
    fn place(&mut self, mut row: Vec<CellContext>) -> Vec<CellContext> {
        let mut col = 0;
        for cell in &mut row {
            while col < self.covered.len() && self.covered[col] > 0 {
                col += 1;
            }
            cell.col = col;
            for c in col..(col + cell.colspan).min(self.covered.len()) {
                self.covered[c] = cell.rowspan;
            }
            col += cell.colspan;
        }
        for c in &mut self.covered {
            *c = c.saturating_sub(1);
        }
        row
    }
}

/// The grid of `t`, a table in `form`, on portrait or `landscape` pages.
pub fn build(t: &Table, form: &Form, landscape: bool) -> Grid {
    let width = form.width();
    let mut placer = Placer::new(width);
    let (mut top, mut header, mut body) = (Vec::new(), Vec::new(), Vec::new());
    let mut repeat_header = true;
    let mut after = false;
    let unit = t.money_unit.as_deref();
    for b in &form.blocks {
        let rows = match b {
            Block::Rows(b) => rows_block(b, t, form, unit),
            Block::Funds(b) => funds_block(b, t, form, unit),
            Block::Indicators(b) => {
                let (head, rows, repeat) = indicators_block(b, t, form);
                repeat_header = repeat;
                header = head.into_iter().map(|r| placer.place(r)).collect();
                after = true;
                rows
            }
            Block::Total(b) => vec![total_row(b, t, form)],
        };
        let placed = rows.into_iter().map(|r| placer.place(r));
        if after {
            body.extend(placed);
        } else {
            top.extend(placed);
        }
    }
    let rows: Vec<&Vec<CellContext>> = top.iter().chain(&header).chain(&body).collect();
    let widths = super::fit::fit(&form.columns, &rows, landscape);
    Grid { columns: columns(&widths), top, header, repeat_header, body, heights: Heights::default() }
}

impl Grid {
    /// Measures the rows' heights where jixiao can (see `render::rows`): for the PDF, whose
    /// layout they spare a pass; the other formats have no use for them.
    pub fn measure_rows(&mut self, landscape: bool) {
        let widths: Vec<f64> = self.columns.iter().map(|c| c.width).collect();
        let rows: Vec<&Vec<CellContext>> = self.top.iter().chain(&self.header).chain(&self.body).collect();
        let (top, rest) = rows.split_at(self.top.len());
        let heights = Heights {
            top: super::rows::heights(top, &widths, landscape),
            rest: super::rows::heights(rest, &widths, landscape),
        };
        self.heights = heights;
    }
}

fn block_label(label: Option<&Label>, form: &Form, unit: Option<&str>, rows: usize) -> Option<CellContext> {
    label.map(|l| CellContext::label(form.with_unit(l.text(), unit), "rowgroup").span(1, rows))
}

fn rows_block(b: &RowsBlock, t: &Table, form: &Form, unit: Option<&str>) -> Vec<Vec<CellContext>> {
    let mut out: Vec<Vec<CellContext>> = Vec::new();
    for (r, row) in b.rows.iter().enumerate() {
        let mut cells: Vec<CellContext> = Vec::new();
        if r == 0 {
            cells.extend(block_label(b.label.as_ref(), form, unit, b.rows.len()));
        }
        for c in row {
            let cell = match (&c.label, &c.field) {
                (Some(l), _) => {
                    let text = form.with_unit(l, unit);
                    let scope = c.scope.clone().unwrap_or_else(|| if c.rows > 1 { "rowgroup" } else { "row" }.into());
                    CellContext::label(text, &scope)
                }
                (None, Some(f)) => CellContext::value(Field::Text(f.clone()).print(t, form).text),
                (None, None) => CellContext::value(""),
            };
            cells.push(cell.span(c.span, c.rows).left(c.align == Align::Left));
        }
        out.push(cells);
    }
    out
}

fn money(v: Option<Decimal>, min: u32) -> Option<Number> {
    v.map(|value| Number::Fixed { value, min })
}

fn funds_block(b: &FundsBlock, t: &Table, form: &Form, unit: Option<&str>) -> Vec<Vec<CellContext>> {
    let n = b.funds.len();
    let mut head: Vec<CellContext> = block_label(b.label.as_ref(), form, unit, n + 1).into_iter().collect();
    let head_text = b.head.as_ref().map(|h| form.with_unit(h.text(), unit)).unwrap_or_default();
    // An empty header cell is no header: the HTML writes it as a plain cell.
    let mut corner = CellContext::label(head_text.clone(), "col").span(b.head_span.unwrap_or(1), 1);
    if head_text.is_empty() {
        corner.scope = None;
    }
    head.push(corner);
    for c in &b.columns {
        head.push(CellContext::label(c.label.clone(), "col").span(c.span, 1));
    }
    let mut out = vec![head];
    let dp = form.profile.funds_score_decimals;
    let unscored = b.unscored.clone().unwrap_or_default();
    let rate_decimals = b.rate_decimals;
    for (k, spec) in b.funds.iter().enumerate() {
        let row = t.funds.rows.get(k);
        let scored = k == 0;
        let print = |f: Field| f.print(t, form).text;
        let mut cells =
            vec![CellContext::label(spec.label.clone(), "row").span(b.head_span.unwrap_or(1), 1).left(true)];
        let mut merged = false;
        // A 执行率 the unit typed on a row the form would merge into one —: printed as typed in its
        // own cell (the — left in 分值 and 得分), not hidden under the merge.
        let merge = b.merge_unscored && row.is_none_or(|r| r.rate.value.is_none());
        for c in &b.columns {
            let unscored_cell = matches!(c.value, FundValue::Weight | FundValue::Rate | FundValue::Score);
            let cell = match c.value {
                FundValue::Initial | FundValue::Budget | FundValue::Executed => {
                    let col = FundColumn::of(c.value).unwrap_or(FundColumn::Initial);
                    let v = row.and_then(|r| col.money(r)).and_then(|m| m.value);
                    CellContext::value(print(Field::Fund(k, col))).number(money(v, 2))
                }
                _ if unscored_cell && !scored && merge => {
                    if merged {
                        continue;
                    }
                    merged = true;
                    let span: usize = b
                        .columns
                        .iter()
                        .filter(|c| matches!(c.value, FundValue::Weight | FundValue::Rate | FundValue::Score))
                        .map(|c| c.span)
                        .sum();
                    CellContext::value(unscored.clone()).span(span, 1)
                }
                FundValue::Weight if scored => {
                    CellContext::value(print(Field::FundsWeight)).number(money(t.funds.weight.value, 0))
                }
                FundValue::Score if scored => {
                    CellContext::value(print(Field::FundsScore)).number(money(t.funds.score.value, dp))
                }
                FundValue::Weight | FundValue::Score => CellContext::value(unscored.clone()),
                FundValue::Rate => {
                    let v = row.filter(|r| !r.is_empty()).and_then(|r| r.rate.value);
                    CellContext::value(print(Field::Fund(k, FundColumn::Rate)))
                        .number(v.map(|value| Number::Rate { value, decimals: rate_decimals }))
                }
                FundValue::Reason if scored => CellContext::value(print(Field::FundsReason)).span(c.span, n),
                FundValue::Text if scored => {
                    CellContext::value(print(Field::Text(c.field.clone().unwrap_or_default()))).span(c.span, n)
                }
                FundValue::Reason | FundValue::Text => continue,
            };
            let span = if cell.colspan > 1 { cell.colspan } else { c.span };
            let rows = cell.rowspan;
            cells.push(cell.span(span, rows).left(c.align == Align::Left));
        }
        out.push(cells);
    }
    out
}

/// The header rows, one row per indicator, and whether the header repeats on every page.
fn indicators_block(
    b: &IndicatorsBlock,
    t: &Table,
    form: &Form,
) -> (Vec<Vec<CellContext>>, Vec<Vec<CellContext>>, bool) {
    let two = !b.groups.is_empty();
    let header_rows = if two { 2 } else { 1 };
    let repeat = b.label.is_none() && b.repeat_header.unwrap_or(true);
    let mut first: Vec<CellContext> = Vec::new();
    if let Some(l) = &b.label {
        // Down the first column, beside the header and every indicator.
        first.push(CellContext::label(l.text(), "rowgroup").span(1, header_rows + t.indicators.len().max(1)));
    }
    let mut second = Vec::new();
    let mut grouped = 0;
    for g in &b.groups {
        first.push(CellContext::label(g.label.clone(), "colgroup").span(g.columns, 1));
        grouped += g.columns;
    }
    for (i, c) in b.columns.iter().enumerate() {
        let cell = CellContext::label(c.label.clone(), "col").span(c.span, 1);
        if i < grouped {
            second.push(cell);
        } else {
            first.push(cell.span(c.span, header_rows));
        }
    }
    let mut header = vec![first];
    if two {
        header.push(second);
    }

    let mut rows = Vec::with_capacity(t.indicators.len());
    // 一级指标 merges down runs of equal values, as the published tables print it.
    let mut group_start = 0;
    for (k, ind) in t.indicators.iter().enumerate() {
        let same = k > 0 && t.indicators[k - 1].level1.value == ind.level1.value;
        if !same {
            group_start = k;
        }
        let span = t.indicators[group_start..].iter().take_while(|i| i.level1.value == ind.level1.value).count();
        let ends_group = span > 1 && group_start + span - 1 == k;
        let mut cells = Vec::new();
        let mut marked = false;
        for c in &b.columns {
            let field = c.value;
            if field == IndicatorField::Level1 {
                if same {
                    continue;
                }
                let mut cell = CellContext::label(ind.level1.value.clone(), "rowgroup").span(c.span, span);
                if span > 1 {
                    cell.group = Some((k, k + span - 1));
                }
                cells.push(cell);
                continue;
            }
            let number = match field {
                IndicatorField::Target => measure(&ind.target),
                IndicatorField::Actual => measure(&ind.actual),
                IndicatorField::Weight => money(ind.weight.value, 0),
                IndicatorField::Score => money(ind.score.value, 0),
                _ => None,
            };
            let mut cell =
                CellContext::value(c.print(ind, form).text).span(c.span, 1).left(c.align == Align::Left).number(number);
            // The row that ends a merged group carries its mark, in the first cell after 一级指标.
            if ends_group && !marked {
                cell.mark = Some(k);
            }
            marked = true;
            cells.push(cell);
        }
        rows.push(cells);
    }
    if rows.is_empty() {
        // No indicator (an error of the checks, printed with --force): one empty row, so that a
        // label down the first column spans the rows it says and the rows below stay in place.
        let width = b.columns.iter().map(|c| c.span).sum();
        rows.push(vec![CellContext::value(String::new()).span(width, 1)]);
    }
    (header, rows, repeat)
}

/// A target or actual as Excel holds it: a number, unless its cell showed it otherwise (`95%`,
/// `1,200`), when Excel holds the text as shown.
fn measure(m: &Located<Option<Measure>>) -> Option<Number> {
    match &m.value {
        Some(Measure::Number(n)) if m.shown.is_none() => money(Some(*n), 0),
        _ => None,
    }
}

/// 总分 across the columns before 分值 (or 得分), then the weight, an empty cell over the columns
/// between the weight and the score, the score, and the grade or an empty cell to the end of the
/// row.
fn total_row(b: &TotalBlock, t: &Table, form: &Form) -> Vec<CellContext> {
    let ind = form.indicators();
    let lead = usize::from(ind.label.is_some());
    let before = |value: IndicatorField| -> Option<usize> {
        let i = ind.columns.iter().position(|c| c.value == value)?;
        Some(lead + ind.columns[..i].iter().map(|c| c.span).sum::<usize>())
    };
    let weight_at = before(IndicatorField::Weight);
    let score_at = before(IndicatorField::Score).unwrap_or(form.width() - 1);
    let label = flat(b.label.text());
    let mut cells = vec![CellContext::label(label, "row").span(weight_at.unwrap_or(score_at), 1)];
    if let Some(w) = weight_at {
        cells.push(CellContext::value(Field::TotalWeight.print(t, form).text).number(money(t.total.weight.value, 0)));
        // Columns between 分值 and 得分 (Xinjiang's 赋分规则, 佐证资料, 完成值) stay empty.
        if score_at > w + 1 {
            cells.push(CellContext::value("").span(score_at - w - 1, 1));
        }
    }
    cells.push(CellContext::value(Field::TotalScore.print(t, form).text).number(money(t.total.score.value, 0)));
    let rest = form.width() - score_at - 1;
    if b.grade {
        let grade = CellContext { kind: CellKind::Grade, ..CellContext::value(Field::Grade.print(t, form).text) };
        cells.push(grade.span(rest.max(1), 1));
    } else if rest > 0 {
        cells.push(CellContext::value("").span(rest, 1));
    }
    cells
}
