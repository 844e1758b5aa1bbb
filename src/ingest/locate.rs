//! A sheet's grid → a [`Table`], read through its form: the sheet's form is recognised from its
//! labels (or named by the user), then every value is found by the form's labels, not by
//! coordinates, so a grid that starts at any cell, with extra blank rows or columns, reads the
//! same.

use super::account::{self, CellPlace};
use super::cells::Reader;
use super::grid::{cell_name, Grid};
use super::parse::{is_blank_mark, norm, sign_from_text, split_target};
use crate::diag::{location, Code, Diagnostic};
use crate::form::labels::{is_placeholder, shared_run, spellings, telling};
use crate::form::{
    label_is, label_key, label_matches, Block, Detection, Form, Forms, FundValue, FundsBlock, IndicatorField,
    IndicatorsBlock, RowsBlock, TotalBlock,
};
use crate::limits;
use crate::model::{FundRow, Funds, Indicator, Located, Measure, Table, Total};
use crate::t;

/// Where the funds block's columns stand (sheet columns), by what each holds.
struct FundCols {
    initial: Option<u32>,
    full: Option<u32>,
    executed: Option<u32>,
    weight: Option<u32>,
    rate: Option<u32>,
    score: Option<u32>,
    reason: Option<u32>,
}
/// What one sheet held.
pub enum SheetOutcome {
    /// The table, and where every non-empty cell of its sheet went.
    Table(Box<Table>, Vec<CellPlace>),
    /// No table on this sheet (a cover or notes sheet); the note says so.
    Skipped(Diagnostic),
    /// The sheet looks like a table but cannot be read (a label is missing, no form fits).
    Broken,
}

/// Labels whose presence says "this sheet is meant to be a table".
const TABLE_MARKERS: &[&str] = &["项目名称", "绩效指标", "资金总额", "三级指标", "总体目标", "主管部门", "一级指标"];

/// A form's label and its other spellings, as a predicate on a sheet's label keys.
fn matcher(label: &str, accept: &[String]) -> impl Fn(&str) -> bool {
    let all = spellings(label, accept);
    move |cell: &str| all.iter().any(|l| label_matches(cell, l))
}

/// A matcher for column `i` of `columns`: its label or a spelling of it, but not a cell that is
/// exactly another column's label (二级指标（年度） is not 二级指标（长期）, though both begin 二级指标).
fn column_matcher<V>(columns: &[crate::form::Column<V>], i: usize) -> impl Fn(&str) -> bool {
    let own = matcher(&columns[i].label, &columns[i].accept);
    let others: Vec<String> =
        columns.iter().enumerate().filter(|(k, _)| *k != i).flat_map(|(_, c)| spellings(&c.label, &c.accept)).collect();
    let mine = spellings(&columns[i].label, &columns[i].accept);
    move |cell: &str| mine.iter().any(|l| cell == l) || (own(cell) && !others.iter().any(|l| cell == l))
}

/// The same, for a label that must stand alone in its cell ([`label_is`]): a funds row's.
fn strict_matcher(label: &str, accept: &[String]) -> impl Fn(&str) -> bool {
    let all = spellings(label, accept);
    move |cell: &str| all.iter().any(|l| label_is(cell, l))
}

/// Reads the table on a sheet, in `forced` form or the form its labels say.
pub fn read_sheet(
    file: &str,
    grid: &Grid,
    index: usize,
    forms: &Forms,
    forced: Option<&Form>,
    diags: &mut Vec<Diagnostic>,
) -> SheetOutcome {
    let mut rd = Reader::new(file, grid);
    let outcome = read(&mut rd, index, forms, forced);
    diags.append(&mut rd.diags);
    outcome
}

fn read(rd: &mut Reader, index: usize, forms: &Forms, forced: Option<&Form>) -> SheetOutcome {
    let is_table = rd.labels.iter().any(|(_, _, t)| TABLE_MARKERS.iter().any(|m| t.contains(m)));
    if !is_table {
        let sheet = &rd.grid.name;
        let what =
            if rd.grid.is_empty() { t!("sheet-empty", sheet = sheet) } else { t!("sheet-no-table", sheet = sheet) };
        return SheetOutcome::Skipped(
            Diagnostic::new(Code::SheetSkipped, what)
                .at(location(rd.file, &rd.grid.name, None))
                .hint(t!("sheet-skipped-hint")),
        );
    }
    let form = match forced {
        Some(f) => f,
        None => {
            let cells: Vec<String> = rd.labels.iter().map(|(_, _, t)| t.clone()).collect();
            match forms.detect(&cells) {
                Detection::Found(f) => f,
                Detection::Ambiguous(candidates) => {
                    let names: Vec<&str> = candidates.iter().map(|f| f.name.as_str()).collect();
                    rd.diags.push(
                        Diagnostic::new(
                            Code::FormUndetected,
                            t!("form-ambiguous", forms = names.join(&t!("list-sep"))),
                        )
                        .at(location(rd.file, &rd.grid.name, None))
                        .hint(t!("form-ambiguous-hint", form = names[0])),
                    );
                    return SheetOutcome::Broken;
                }
                Detection::NoMatch { best, missed } => {
                    rd.diags.push(
                        Diagnostic::new(
                            Code::FormUndetected,
                            t!("form-none", form = best.name, missed = missed.join("、")),
                        )
                        .at(location(rd.file, &rd.grid.name, None))
                        .hint(t!("form-none-hint")),
                    );
                    return SheetOutcome::Broken;
                }
            }
        }
    };
    FormReader { rd, form, ok: true, spans: Vec::new() }.table(index)
}

struct FormReader<'r, 'a> {
    rd: &'r mut Reader<'a>,
    form: &'r Form,
    ok: bool,
    /// Where each block was looked for from: (row, block index), for the accounting's messages.
    spans: Vec<(u32, usize)>,
}

impl FormReader<'_, '_> {
    fn missing(&mut self, label: &str, hint: &str) {
        self.rd.missing(&label.replace('\n', ""), hint);
        self.ok = false;
    }

    /// The first row from `from` on where a label of `b` stands: where the block begins.
    fn block_start(&self, b: &Block, from: u32) -> Option<u32> {
        // A funds block begins at its label or header row, not at a row label further down.
        let labels: Vec<(String, Vec<String>)> = match b {
            Block::Funds(f) => f
                .label
                .iter()
                .map(|l| (l.text().to_string(), l.accept().to_vec()))
                .chain(f.columns.iter().map(|c| (c.label.clone(), c.accept.clone())))
                .collect(),
            other => other.labels(),
        };
        labels
            .iter()
            .filter_map(|(l, a)| {
                let m = matcher(l, a);
                self.rd.find(from, |t| m(t)).map(|p| p.0)
            })
            .min()
    }

    /// Where the blocks after block `k` begin: the end of block `k`.
    fn end_of(&self, k: usize, from: u32) -> u32 {
        let next = self.form.blocks[k + 1..].iter().filter_map(|b| self.block_start(b, from)).min();
        let notes = self.rd.find(from, |t| self.form.is_notes_label(t)).map(|p| p.0);
        next.into_iter().chain(notes).min().unwrap_or(self.rd.grid.rows)
    }

    fn table(mut self, index: usize) -> SheetOutcome {
        let form = self.form;
        // The anchor: the first label of the first block (项目名称).
        let anchor = form
            .rows_blocks()
            .flat_map(|b| b.rows.iter().flatten())
            .find_map(|c| c.label.as_ref().map(|l| (l.clone(), c.accept.clone())));
        let r_anchor = match &anchor {
            Some((l, a)) => {
                let m = matcher(l, a);
                match self.rd.find(0, |t| m(t)) {
                    Some((r, _)) => r,
                    None => {
                        self.missing(l, &t!("missing-project-label", label = l));
                        return SheetOutcome::Broken;
                    }
                }
            }
            None => 0,
        };
        let mut t = Table {
            source: self.rd.file.to_string(),
            sheet: self.rd.grid.name.clone(),
            form: form.name.clone(),
            ..Table::default()
        };
        self.head(&mut t, r_anchor, index);

        let mut cursor = r_anchor;
        let mut c_weight = None;
        let mut c_score = None;
        for (k, b) in form.blocks.iter().enumerate() {
            self.spans.push((cursor, k));
            match b {
                Block::Rows(b) => cursor = self.rows_block(b, k, cursor, &mut t),
                Block::Funds(b) => cursor = self.funds_block(b, k, cursor, &mut t),
                Block::Indicators(b) => {
                    let Some((end, w, s)) = self.indicators_block(b, k, cursor, &mut t) else {
                        return SheetOutcome::Broken;
                    };
                    cursor = end;
                    (c_weight, c_score) = (w, s);
                }
                Block::Total(b) => cursor = self.total_block(b, cursor, c_weight, c_score, &mut t),
            }
        }
        t.notes = self.rd.notes(cursor, self.form);
        if !self.ok {
            return SheetOutcome::Broken;
        }
        t.uncached_formulas = std::mem::take(&mut self.rd.uncached);
        let places = account::account(self.rd, &t, form, &self.spans);
        SheetOutcome::Table(Box::new(t), places)
    }

    /// Title, subtitle, number and the label-value lines above the grid.
    fn head(&mut self, t: &mut Table, r_anchor: u32, index: usize) {
        let form = self.form;
        let above: Vec<(u32, u32, String)> = self.rd.labels.iter().filter(|(r, _, _)| *r < r_anchor).cloned().collect();
        let lines: Vec<&crate::form::spec::LineField> = form.title.before.iter().chain(&form.title.after).collect();
        let mut used: Vec<(u32, u32)> = Vec::new();
        for line in &lines {
            let label = norm(&line.label);
            if let Some((r, c, text)) = above.iter().find(|(_, _, text)| text.starts_with(&label)) {
                used.push((*r, *c));
                let rest = text[label.len()..].trim_start_matches([':', '：']).to_string();
                let value = if rest.is_empty() {
                    self.rd.value_right(*r, *c, u32::MAX)
                } else {
                    // The value after the label in its own cell, as typed.
                    let raw = self.rd.grid.text(*r, *c);
                    let v = raw.split_once(['：', ':']).map(|(_, v)| v.trim().to_string()).unwrap_or(rest);
                    Located::new(v, Some(cell_name(*r, *c)))
                };
                t.texts.insert(line.field.clone(), value);
            }
        }
        let free: Vec<&(u32, u32, String)> = above.iter().filter(|(r, c, _)| !used.contains(&(*r, *c))).collect();
        let is_subtitle = |s: &str| s.starts_with('(') && s.ends_with(')') && s.contains("年度");
        if form.title.subtitle.is_some() {
            if let Some((r, c, _)) = free.iter().find(|(_, _, s)| is_subtitle(s)) {
                t.subtitle = self.rd.text(*r, Some(*c));
            }
        }
        t.title = free
            .iter()
            .filter(|(_, _, s)| !is_subtitle(s))
            .find(|(_, _, s)| s.contains("自评表") || s.contains("绩效"))
            .or_else(|| free.first())
            .map(|(r, c, _)| self.rd.text(*r, Some(*c)))
            .unwrap_or_else(|| Located::bare(form.title.text.replace("{year}年度", "").replace("{year}", "")));
        let numbered = free
            .iter()
            .filter(|(r, c, s)| Some(cell_name(*r, *c)) != t.title.cell && !is_subtitle(s))
            .find(|(_, _, s)| s.contains('表') || s.contains('-') || s.chars().any(|c| c.is_ascii_digit()));
        t.number = match numbered.filter(|_| form.title.number.is_some()) {
            Some((r, c, _)) => self.rd.text(*r, Some(*c)),
            None => {
                let sheet = self.rd.grid.name.trim();
                if sheet.contains('表') {
                    Located::bare(sheet.to_string())
                } else {
                    Located::bare(format!("表{}", index + 1))
                }
            }
        };
    }

    /// A text field's value: the table's own field, or one of the form's texts.
    fn set_text(t: &mut Table, field: &str, v: Located<String>) {
        match field {
            "project" => t.project = v,
            "department" => t.department = v,
            "implementer" => t.implementer = v,
            "expected" => t.goals.expected = v,
            "achieved" => t.goals.achieved = v,
            "other_matters" => t.other_matters = v,
            other => {
                t.texts.insert(other.to_string(), v);
            }
        }
    }

    /// Rows of labels and fields: a field right of its label, or under the label above it.
    fn rows_block(&mut self, b: &RowsBlock, k: usize, from: u32, t: &mut Table) -> u32 {
        let mut cursor = from;
        // The labels of the previous spec row as found: (row, column).
        let mut above: Vec<(u32, u32)> = Vec::new();
        for spec in &b.rows {
            let mut found: Vec<Option<(u32, u32)>> = Vec::new();
            for c in spec {
                found.push(c.label.as_ref().and_then(|l| {
                    let m = matcher(l, &c.accept);
                    self.rd.find(cursor, |t| m(t))
                }));
            }
            let labels_here: Vec<(u32, u32)> = found.iter().flatten().copied().collect();
            let mut nth_field = 0;
            for (i, c) in spec.iter().enumerate() {
                let Some(field) = &c.field else { continue };
                let required = crate::form::MODEL_FIELDS.contains(&field.as_str());
                // Beside the nearest label to its left in the same row.
                let left = (0..i).rev().find_map(|j| spec[j].label.as_ref().map(|l| (l, found[j])));
                let value = match left {
                    Some((_, Some((r, c_label)))) => {
                        let stop = labels_here.iter().filter(|(lr, lc)| *lr == r && *lc > c_label).map(|p| p.1).min();
                        Some(self.rd.value_right(r, c_label, stop.unwrap_or(u32::MAX)))
                    }
                    Some((label, None)) => {
                        if required {
                            self.missing(
                                label,
                                &t!("missing-form-label", form = self.form.name, label = label.replace('\n', "")),
                            );
                        }
                        None
                    }
                    // Under the label above: the first row below it with text in its columns.
                    None => match above.get(nth_field) {
                        Some(&(r_label, c_label)) => {
                            let next = above.get(nth_field + 1).map(|p| p.1).unwrap_or(u32::MAX);
                            let r_text = (r_label + 1..self.rd.grid.rows)
                                .find(|&r| {
                                    (c_label..next.min(self.rd.grid.cols)).any(|c| !self.rd.grid.text(r, c).is_empty())
                                })
                                .unwrap_or(r_label + 1);
                            Some(self.rd.value_right(r_text, c_label.saturating_sub(1), next))
                        }
                        None => {
                            if required {
                                let prev = b.rows.iter().flatten().find_map(|c| c.label.clone()).unwrap_or_default();
                                self.missing(&prev, &t!("missing-header-row"));
                            }
                            None
                        }
                    },
                };
                nth_field += 1;
                if let Some(v) = value {
                    if let Some(r) = v.cell.as_deref().and_then(row_of) {
                        cursor = cursor.max(r);
                    }
                    Self::set_text(t, field, v);
                }
            }
            if !labels_here.is_empty() {
                above = labels_here.clone();
                cursor = cursor.max(labels_here.iter().map(|p| p.0).max().unwrap_or(cursor));
            }
        }
        cursor.min(self.end_of(k, from)).max(from)
    }

    fn funds_block(&mut self, b: &FundsBlock, k: usize, from: u32, t: &mut Table) -> u32 {
        let Some(r_fh) = self.funds_header(b, from) else {
            return from;
        };
        // The unit, from the block label (项目资金（元）).
        if let Some(l) = &b.label {
            self.read_unit(l.text(), from, t);
        }
        if let Some(h) = &b.head {
            self.read_unit(h.text(), from, t);
        }
        let cols = self.funds_columns(b, r_fh);
        let end = self.end_of(k, r_fh + 1);
        // Each row where its label (or a spelling of it) stands, then the rows whose label is
        // none of them but tells one row apart by the words it shares with it.
        let mut at: Vec<Option<u32>> = b
            .funds
            .iter()
            .map(|spec| {
                let m = strict_matcher(&spec.label, &spec.accept);
                self.rd.find_before(r_fh + 1, end, |t| m(t)).map(|p| p.0)
            })
            .collect();
        let first_money =
            [cols.initial, cols.full, cols.executed].into_iter().flatten().min().unwrap_or(self.rd.grid.cols);
        self.variant_rows(b, r_fh + 1, end, first_money, &mut at);
        let rows = self.fund_rows(b, &at, &cols);
        // The form's own texts beside the funds, from the first row (Beijing's 得分计算方法).
        if let Some(r) = at.first().copied().flatten() {
            for (i, c) in b.columns.iter().enumerate().filter(|(_, c)| c.value == FundValue::Text) {
                let m = column_matcher(&b.columns, i);
                let (Some(at), Some(name)) = (self.rd.find_in_row(r_fh, |t| m(t)), &c.field) else { continue };
                t.texts.insert(name.clone(), self.rd.text(r, Some(at)));
            }
        }
        let last = at.iter().flatten().copied().fold(r_fh, u32::max);
        let (weight, score, reason) = match at.first().copied().flatten() {
            Some(r) => (
                self.rd.number(r, cols.weight, "分值"),
                self.rd.number(r, cols.score, "得分"),
                cols.reason.map(|c| self.rd.value_right(r, c.saturating_sub(1), u32::MAX)).unwrap_or_default(),
            ),
            None => Default::default(),
        };
        t.funds = Funds { rows, weight, score, reason };
        last
    }

    /// The funds block's header row: where the first of its column labels stands; else a
    /// finding that the block is missing.
    fn funds_header(&mut self, b: &FundsBlock, from: u32) -> Option<u32> {
        let header = b.columns.iter().filter_map(|c| {
            let m = matcher(&c.label, &c.accept);
            self.rd.find(from, |t| m(t)).map(|p| p.0)
        });
        let found = header.min();
        if found.is_none() {
            let l =
                b.columns.iter().find(|c| c.value == FundValue::Budget).map(|c| c.label.clone()).unwrap_or_default();
            let cols: Vec<String> = b.columns.iter().map(|c| c.label.clone()).collect();
            self.missing(&format!("项目资金（{l}）"), &t!("missing-funds-block", columns = cols.join(" | ")));
        }
        found
    }

    /// Where each of the funds block's columns stands in its header row `r_fh`; a finding when
    /// 全年预算数 or 全年执行数 is not there.
    fn funds_columns(&mut self, b: &FundsBlock, r_fh: u32) -> FundCols {
        let col = |rd: &Reader, value: FundValue| -> Option<u32> {
            let c = b.columns.iter().find(|c| c.value == value)?;
            let m = matcher(&c.label, &c.accept);
            rd.find_in_row(r_fh, |t| m(t))
        };
        let cols = FundCols {
            initial: col(self.rd, FundValue::Initial),
            full: col(self.rd, FundValue::Budget),
            executed: col(self.rd, FundValue::Executed),
            weight: col(self.rd, FundValue::Weight),
            rate: col(self.rd, FundValue::Rate),
            score: col(self.rd, FundValue::Score),
            reason: col(self.rd, FundValue::Reason),
        };
        if cols.full.is_none() || cols.executed.is_none() {
            let need: Vec<String> = b.columns.iter().map(|c| c.label.replace('\n', "")).collect();
            self.missing(
                &b.columns
                    .iter()
                    .filter(|c| matches!(c.value, FundValue::Budget | FundValue::Executed))
                    .map(|c| c.label.clone())
                    .collect::<Vec<_>>()
                    .join(" / "),
                &t!("missing-funds-header", columns = need.join(" | ")),
            );
        }
        cols
    }

    /// The form's funds rows, each read from the sheet's row `at[i]` (empty where it has none).
    fn fund_rows(&mut self, b: &FundsBlock, at: &[Option<u32>], cols: &FundCols) -> Vec<FundRow> {
        let mut rows = Vec::new();
        for (i, spec) in b.funds.iter().enumerate() {
            if i == 0 && at[0].is_none() {
                self.missing(&spec.label, &t!("missing-funds-first-row", label = spec.label));
            }
            let name = spec.label.trim_start_matches("其中：");
            let row = match at[i] {
                Some(r) => FundRow {
                    key: spec.key.clone(),
                    initial: self.rd.number(r, cols.initial, &format!("{name} 年初预算数")),
                    full_year: self.rd.number(r, cols.full, &format!("{name} 全年预算数")),
                    executed: self.rd.number(r, cols.executed, &format!("{name} 全年执行数")),
                    rate: self.rd.rate(r, cols.rate),
                },
                None => FundRow { key: spec.key.clone(), ..FundRow::default() },
            };
            rows.push(row);
        }
        rows
    }

    /// Rows of the funds block (rows `from..end`) whose label is no spelling of the form's rows:
    /// a row whose telling words ([`telling`]) share two characters or more with one row's
    /// spellings, and more than with any other's, is read as that row (when no row of the sheet
    /// is that row already), with a note naming the reading. Any other is left to the cell
    /// accounting, which names its figures.
    fn variant_rows(&mut self, b: &FundsBlock, from: u32, end: u32, first_money: u32, at: &mut [Option<u32>]) {
        let taken: Vec<u32> = at.iter().flatten().copied().collect();
        // The block's own label and head stand beside its rows (项目资金（万元） down column A).
        let own: Vec<String> = b.label.iter().chain(&b.head).flat_map(|l| spellings(l.text(), l.accept())).collect();
        let rows: Vec<(u32, u32, String)> = self
            .rd
            .labels
            .iter()
            .filter(|(r, c, _)| *r >= from && *r < end && *c < first_money && !taken.contains(r))
            .filter(|(_, _, key)| !is_blank_mark(key) && super::parse::decimal_from_text(key).is_none())
            .filter(|(_, _, key)| !own.iter().any(|l| label_matches(key, l)))
            .cloned()
            .collect();
        let mut seen_rows = Vec::new();
        for (r, c, key) in rows {
            // The row's first label is its label.
            if seen_rows.contains(&r) {
                continue;
            }
            seen_rows.push(r);
            let words = telling(&key);
            let fits: Vec<usize> = b
                .funds
                .iter()
                .map(|spec| {
                    spellings(&spec.label, &spec.accept)
                        .iter()
                        .map(|s| shared_run(&words, &telling(s)))
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let best = fits.iter().copied().max().unwrap_or(0);
            let best_rows: Vec<usize> = (0..fits.len()).filter(|&i| fits[i] == best).collect();
            if best < 2 || best_rows.len() != 1 || at[best_rows[0]].is_some() {
                continue;
            }
            let i = best_rows[0];
            at[i] = Some(r);
            self.rd.mark_label(r, c);
            let spec = &b.funds[i];
            let d = Diagnostic::new(
                Code::LabelVariant,
                t!("funds-row-variant", typed = self.rd.grid.text(r, c), label = spec.label),
            )
            .hint(t!("funds-row-variant-hint", label = spec.label));
            self.rd.diags.push(d.at(self.rd.loc(r, c)));
        }
    }

    /// The money unit a label states where the form's label says {unit}: 项目资金（元） → 元.
    fn read_unit(&mut self, label: &str, from: u32, t: &mut Table) {
        let Some((before, _)) = label.split_once("{unit}") else { return };
        let prefix = label_key(before);
        let Some((r, c)) = self.rd.find(from, |s| s.starts_with(&prefix) && s.len() > prefix.len()) else { return };
        let text = label_key(&self.rd.grid.text(r, c));
        let unit: String = text.get(prefix.len()..).unwrap_or("").chars().take_while(|c| *c != ')').collect();
        if !unit.is_empty() && unit != self.form.money_unit {
            t.money_unit = Some(unit);
        }
    }

    /// The indicators: returns where the block ends, and the 分值 and 得分 columns (for the total).
    fn indicators_block(
        &mut self,
        b: &IndicatorsBlock,
        k: usize,
        from: u32,
        t: &mut Table,
    ) -> Option<(u32, Option<u32>, Option<u32>)> {
        let (r_ih, cols) = self.indicator_columns(b, from)?;
        let r_end = self.end_of(k, r_ih + 1);
        let mut indicators = Vec::new();
        let mut template: Vec<(u32, u32, String)> = Vec::new();
        let (mut l1, mut l2) = (Located::<String>::default(), Located::<String>::default());
        for r in r_ih + 1..r_end {
            if cols.all().all(|c| self.rd.grid.text(r, c).is_empty()) {
                continue;
            }
            if indicators.len() == limits::MAX_INDICATORS {
                let d = Diagnostic::new(
                    Code::TooLarge,
                    t!("too-many-indicators", limit = limits::count(limits::MAX_INDICATORS)),
                )
                .at(self.rd.loc(r, cols.level1))
                .hint(t!("too-many-indicators-hint"));
                self.rd.diags.push(d);
                self.ok = false;
                break;
            }
            let v1 = self.rd.text(r, Some(cols.level1));
            if !v1.value.is_empty() {
                l1 = v1;
                l2 = Located::default();
            }
            let v2 = self.rd.text(r, cols.level2);
            if !v2.value.is_empty() {
                l2 = v2;
            }
            if let Some(row) = self.template_row(r, &cols) {
                template.push(row);
                continue;
            }
            indicators.push(self.indicator(r, &cols, &l1, &l2));
        }
        if let Some(&(r, c, _)) = template.first() {
            let rows: Vec<&str> = template.iter().map(|(_, _, s)| s.as_str()).collect();
            let d =
                Diagnostic::new(Code::TemplateRows, t!("template-rows", count = rows.len(), rows = rows.join("；")))
                    .hint(t!("template-rows-hint"));
            self.rd.diags.push(d.at(self.rd.loc(r, c)));
        }
        if indicators.is_empty() {
            let d = Diagnostic::new(Code::NoIndicators, t!("no-indicators"))
                .at(self.rd.loc(r_ih + 1, cols.level1))
                .hint(t!("no-indicators-hint"));
            self.rd.diags.push(d);
            self.ok = false;
        }
        t.indicators = indicators;
        Some((r_end, cols.weight, cols.score))
    }

    /// The indicators' header row and where each of the form's columns stands in it (or in the
    /// row above, under a group label); a column the form has and the sheet lacks is an error.
    fn indicator_columns(&mut self, b: &IndicatorsBlock, from: u32) -> Option<(u32, IndicatorColumns)> {
        let col_spec = |v: IndicatorField| b.columns.iter().find(|c| c.value == v);
        let Some(level1) = col_spec(IndicatorField::Level1) else {
            self.missing("一级指标", &t!("missing-level1-column"));
            return None;
        };
        let m1 = matcher(&level1.label, &level1.accept);
        let Some((r_ih, c1)) = self.rd.find(from, |t| m1(t)) else {
            self.missing(&level1.label, &t!("missing-indicator-header"));
            return None;
        };
        let at = |rd: &Reader, i: usize| -> Option<u32> {
            let m = column_matcher(&b.columns, i);
            rd.find_in_row(r_ih, |t| m(t)).or_else(|| rd.find_in_row(r_ih.saturating_sub(1), |t| m(t)))
        };
        let head =
            |rd: &Reader, v: IndicatorField| -> Option<u32> { at(rd, b.columns.iter().position(|c| c.value == v)?) };
        let mut cols = IndicatorColumns {
            level1: c1,
            level2: head(self.rd, IndicatorField::Level2),
            name: head(self.rd, IndicatorField::Name),
            sign: head(self.rd, IndicatorField::Sign),
            target: head(self.rd, IndicatorField::Target),
            unit: head(self.rd, IndicatorField::Unit),
            text: head(self.rd, IndicatorField::TargetText),
            actual: head(self.rd, IndicatorField::Actual),
            weight: head(self.rd, IndicatorField::Weight),
            score: head(self.rd, IndicatorField::Score),
            reason: head(self.rd, IndicatorField::Reason),
            improvement: head(self.rd, IndicatorField::Improvement),
            texts: Vec::new(),
        };
        for (i, c) in b.columns.iter().enumerate().filter(|(_, c)| c.value == IndicatorField::Text) {
            match (at(self.rd, i), &c.field) {
                (Some(at), Some(name)) => cols.texts.push((name.clone(), at)),
                _ => self.missing(&c.label, &t!("missing-indicator-column")),
            }
        }
        // A one-cell 年度指标值 (≥8个) where the form splits it but the sheet does not.
        if cols.text.is_none() && cols.sign.is_none() && cols.target.is_none() {
            let group = b.groups.iter().find(|g| g.label.contains("指标值")).map(|g| norm(&g.label));
            cols.text = group.and_then(|g| {
                self.rd
                    .find_in_row(r_ih, |t| t == g)
                    .or_else(|| self.rd.find_in_row(r_ih.saturating_sub(1), |t| t == g))
            });
            cols.unit = cols.unit.filter(|_| cols.text.is_none());
        }
        for v in [IndicatorField::Name, IndicatorField::Actual, IndicatorField::Weight, IndicatorField::Score] {
            let Some(spec) = col_spec(v) else { continue };
            if head(self.rd, v).is_none() {
                self.missing(&spec.label, &t!("missing-indicator-column"));
            }
        }
        Some((r_ih, cols))
    }

    /// A row the form's template left (指标2, ……) or a 二级 label with no indicator: no indicator
    /// of the table. Its cells count as reported (one warning lists the rows, and the packet
    /// leaves them out); returns the row, its first cell's column and how the warning names it.
    fn template_row(&mut self, r: u32, cols: &IndicatorColumns) -> Option<(u32, u32, String)> {
        let grid = self.rd.grid;
        let name = cols.name.map(|c| grid.text(r, c)).unwrap_or_default();
        let rest =
            [cols.target, cols.unit, cols.text, cols.actual, cols.weight, cols.score, cols.reason, cols.improvement];
        let idle = |t: String| t.is_empty() || is_blank_mark(&t) || is_placeholder(&t);
        let rest = rest.into_iter().flatten().chain(cols.texts.iter().map(|t| t.1));
        if !(name.is_empty() || is_placeholder(&name)) || !rest.into_iter().all(|c| idle(grid.text(r, c))) {
            return None;
        }
        let cells: Vec<u32> = cols.all().filter(|&c| !grid.text(r, c).is_empty()).collect();
        let shown = match cols.name.filter(|_| !name.is_empty()) {
            Some(c) => format!("{} {name}", cell_name(r, c)),
            None => {
                let c = cols.level2.filter(|&c| !grid.text(r, c).is_empty()).unwrap_or(cells[0]);
                t!("template-row-nameless", cell = cell_name(r, c), level2 = grid.text(r, c))
            }
        };
        self.rd.reported.extend(cells.iter().map(|&c| (r, c)));
        Some((r, cells[0], shown))
    }

    /// One indicator row, under the 一级 and 二级 labels carried down to it.
    fn indicator(&mut self, r: u32, cols: &IndicatorColumns, l1: &Located<String>, l2: &Located<String>) -> Indicator {
        let (sign, target, unit) = match cols.text {
            Some(c) => self.one_cell_target(r, c),
            None => self.split_target(r, cols),
        };
        let (mut actual, _) = self.rd.measure(r, cols.actual);
        // An actual typed with the target's unit (52公里 against ≥50公里) is the number 52.
        if let Some(Measure::Text(typed)) = &actual.value {
            let number = typed.trim().strip_suffix(unit.value.as_str()).filter(|_| !unit.value.is_empty());
            if let Some(d) = number.and_then(super::parse::decimal_from_text) {
                let typed = typed.clone();
                actual.value = Some(Measure::Number(d));
                actual.shown = Some(typed);
            }
        }
        Indicator {
            level1: l1.clone(),
            level2: l2.clone(),
            name: self.rd.text(r, cols.name),
            sign,
            target,
            unit,
            actual,
            weight: self.rd.number(r, cols.weight, "分值"),
            score: self.rd.number(r, cols.score, "得分"),
            reason: self.rd.text(r, cols.reason),
            improvement: self.rd.text(r, cols.improvement),
            texts: cols.texts.iter().map(|(name, c)| (name.clone(), self.rd.text(r, Some(*c)))).collect(),
        }
    }

    /// 年度指标值 in one cell (≥90%): its sign, value and unit, and how the cell showed it.
    fn one_cell_target(&mut self, r: u32, c: u32) -> Target {
        let mut cell = self.rd.text(r, Some(c));
        // A number in its cell's format (0.9 formatted 0% is 90%).
        if let (Some(f), Some(d)) = (self.rd.grid.format(r, c), super::parse::decimal_from_text(&cell.value)) {
            cell.value = f.show(d).0;
        }
        let (s, tg, u) = split_target(&cell.value);
        let target = Located::new(tg, cell.cell.clone());
        let composed = crate::form::fields::target_text(s, &target.value, &u, self.form);
        (Located::new(s, cell.cell.clone()), target.showing(&cell.value, &composed), Located::new(u, cell.cell))
    }

    /// 指标性质 | 指标值 | 度量单位 in three cells; a `%` typed with the value goes to an empty unit.
    fn split_target(&mut self, r: u32, cols: &IndicatorColumns) -> Target {
        let s = self.rd.text(r, cols.sign);
        let sign = sign_from_text(&s.value);
        // 定性 marks a qualitative target: no comparison, no error.
        if sign.is_none() && !s.value.is_empty() && norm(&s.value) != "定性" {
            let d = Diagnostic::new(Code::UnknownSign, t!("unknown-sign", sign = s.value))
                .at(self.rd.loc(r, cols.sign.unwrap_or(0)))
                .hint(t!("unknown-sign-hint"));
            self.rd.diags.push(d);
        }
        let (mut target, pct) = self.rd.measure(r, cols.target);
        let mut unit = self.rd.text(r, cols.unit);
        if unit.value.is_empty() {
            if let Some(p) = pct {
                // The % goes to the unit column, where it prints: the value shows without it.
                unit.value = p;
                let printed = crate::model::format::measure(&target.value);
                let bare = target.shown.take().map(|s| s.trim().trim_end_matches(['%', '％']).trim().to_string());
                target = target.showing(bare.as_deref().unwrap_or(""), &printed);
            }
        }
        (Located::new(sign, s.cell), target, unit)
    }

    fn total_block(
        &mut self,
        b: &TotalBlock,
        from: u32,
        c_weight: Option<u32>,
        c_score: Option<u32>,
        t: &mut Table,
    ) -> u32 {
        let label = &b.label;
        let m = matcher(label.text(), label.accept());
        let Some((r_t, _)) = self.rd.find(from, |s| m(s)) else {
            self.missing(label.text(), &t!("missing-total-row", label = label.text()));
            return from;
        };
        let weight = self.rd.number(r_t, c_weight, &format!("{} 分值", label.text()));
        let score = self.rd.number(r_t, c_score, &format!("{} 得分", label.text()));
        let grade = match (b.grade, c_score) {
            (true, Some(c)) => {
                let g = self.rd.value_right(r_t, c, u32::MAX);
                if g.value.is_empty() || norm(&g.value).contains("自评等级") {
                    Located::new(None, g.cell)
                } else {
                    Located::new(Some(g.value), g.cell)
                }
            }
            _ => Located::default(),
        };
        t.total = Total { weight, score, grade };
        r_t + 1
    }
}

/// Where each column of the indicators stands on the sheet.
struct IndicatorColumns {
    level1: u32,
    level2: Option<u32>,
    name: Option<u32>,
    sign: Option<u32>,
    target: Option<u32>,
    unit: Option<u32>,
    /// 年度指标值 in one cell.
    text: Option<u32>,
    actual: Option<u32>,
    weight: Option<u32>,
    score: Option<u32>,
    reason: Option<u32>,
    improvement: Option<u32>,
    /// The form's own text columns found: (field name, sheet column).
    texts: Vec<(String, u32)>,
}

impl IndicatorColumns {
    /// The columns the sheet has, left to right as the form lists them.
    fn all(&self) -> impl Iterator<Item = u32> + '_ {
        [
            Some(self.level1),
            self.level2,
            self.name,
            self.sign,
            self.target,
            self.unit,
            self.text,
            self.actual,
            self.weight,
            self.score,
            self.reason,
            self.improvement,
        ]
        .into_iter()
        .flatten()
        .chain(self.texts.iter().map(|t| t.1))
    }
}

/// An indicator's 指标性质, 指标值 and 度量单位.
type Target = (Located<Option<crate::model::Sign>>, Located<Option<crate::model::Measure>>, Located<String>);

/// The row (zero-based) of a cell name: `C7` → 6.
fn row_of(cell: &str) -> Option<u32> {
    let digits: String = cell.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
    digits.parse::<u32>().ok()?.checked_sub(1)
}
