//! A sheet's grid → a [`Table`]: the table is found by its labels, not by coordinates, so a
//! grid that starts at any cell, with extra blank rows or columns, reads the same.

use super::grid::{cell_name, Grid, RawValue};
use super::parse::{
    decimal_from_f64, decimal_from_text, is_blank_mark, norm, percent_from_text, sign_from_text, split_target,
};
use crate::diag::{location, Code, Diagnostic};
use crate::model::{FundRow, Funds, Goals, Indicator, Located, Measure, Money, Table, Total};
use rust_decimal::Decimal;

/// What one sheet held.
pub enum SheetOutcome {
    Table(Box<Table>),
    /// No table on this sheet (a cover or notes sheet); the note says so.
    Skipped(Diagnostic),
    /// The sheet looks like a table but a required label is missing.
    Broken,
}

/// Labels whose presence says "this sheet is meant to be a table".
const TABLE_MARKERS: &[&str] = &["项目名称", "绩效指标", "年度资金总额", "三级指标", "年度总体目标", "主管部门"];

struct Reader<'a> {
    file: &'a str,
    grid: &'a Grid,
    /// Normalized text of every text cell, in reading order.
    labels: Vec<(u32, u32, String)>,
    diags: Vec<Diagnostic>,
    uncached: Vec<String>,
}

pub fn read_sheet(file: &str, grid: &Grid, index: usize, diags: &mut Vec<Diagnostic>) -> SheetOutcome {
    let mut rd = Reader::new(file, grid);
    let outcome = rd.table(index);
    diags.append(&mut rd.diags);
    outcome
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, grid: &'a Grid) -> Self {
        let labels = grid
            .cells_in_order()
            .into_iter()
            .filter_map(|(r, c)| match &grid.get(r, c).value {
                RawValue::Text(t) => Some((r, c, norm(t))),
                _ => None,
            })
            .filter(|(_, _, t)| !t.is_empty())
            .collect();
        Reader { file, grid, labels, diags: Vec::new(), uncached: Vec::new() }
    }

    fn loc(&self, r: u32, c: u32) -> String {
        location(self.file, &self.grid.name, Some(&cell_name(r, c)))
    }

    /// The first label (in reading order, from row `from` on) that `pred` accepts.
    fn find(&self, from: u32, pred: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.labels.iter().find(|(r, _, t)| *r >= from && pred(t)).map(|&(r, c, _)| (r, c))
    }

    /// A label in one row.
    fn find_in_row(&self, row: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
        self.labels.iter().find(|(r, _, t)| *r == row && pred(t)).map(|&(_, c, _)| c)
    }

    fn missing(&mut self, label: &str, hint: &str) {
        let d = Diagnostic::new(Code::MissingLabel, format!("the table has no {label} label"))
            .at(location(self.file, &self.grid.name, None))
            .hint(hint.to_string());
        self.diags.push(d);
    }

    /// The first non-empty cell right of `c` in row `r`, before column `stop`.
    fn value_right(&self, r: u32, c: u32, stop: u32) -> Located<String> {
        for cc in c + 1..stop.min(self.grid.cols) {
            let t = self.grid.text(r, cc);
            if !t.is_empty() {
                return Located::new(t, Some(cell_name(r, cc)));
            }
        }
        Located::new(String::new(), Some(cell_name(r, c + 1)))
    }

    fn text(&self, r: u32, c: Option<u32>) -> Located<String> {
        match c {
            Some(c) => Located::new(self.grid.text(r, c), Some(cell_name(r, c))),
            None => Located::default(),
        }
    }

    /// Notes a formula whose cached value is missing (files written by scripts): the checks
    /// recompute what they can derive.
    fn note_formula(&mut self, r: u32, c: u32) {
        if let Some(f) = &self.grid.get(r, c).formula {
            if self.grid.get(r, c).value == RawValue::Empty {
                self.uncached.push(cell_name(r, c));
                self.diags.push(
                    Diagnostic::new(Code::FormulaWithoutValue, format!("the formula ={f} has no saved result"))
                        .at(self.loc(r, c))
                        .hint("jixiao recomputes what it can; open and save the workbook in Excel or WPS to store the results"),
                );
            }
        }
    }

    /// A number cell: money or a score. Text that is a number is read as one; `—` is empty.
    fn number(&mut self, r: u32, c: Option<u32>, what: &str) -> Money {
        let Some(c) = c else {
            return Located::default();
        };
        let at = Some(cell_name(r, c));
        self.note_formula(r, c);
        let value = match &self.grid.get(r, c).value {
            RawValue::Empty => None,
            RawValue::Int(i) => Some(Decimal::from(*i)),
            RawValue::Float(f) => decimal_from_f64(*f),
            RawValue::Text(t) if is_blank_mark(t) => None,
            RawValue::Text(t) => match decimal_from_text(t) {
                Some(d) => Some(d),
                None => {
                    let d = Diagnostic::new(
                        Code::NumberExpected,
                        format!("{what}: expected a number, found “{}”", t.trim()),
                    )
                    .at(self.loc(r, c))
                    .hint("type the figure as a plain number, e.g. 213.37, or leave the cell empty");
                    self.diags.push(d);
                    None
                }
            },
            RawValue::Error(e) => {
                let d = Diagnostic::new(Code::CellError, format!("{what}: the cell shows the error {e}"))
                    .at(self.loc(r, c))
                    .hint("fix the formula in Excel or WPS so that it gives a number");
                self.diags.push(d);
                None
            }
        };
        Located::new(value, at)
    }

    /// 执行率 as a fraction: a number cell holds 1 for 100%; text may say `100%` or `98.76`.
    fn rate(&mut self, r: u32, c: Option<u32>) -> Located<Option<Decimal>> {
        let Some(c) = c else {
            return Located::default();
        };
        if let RawValue::Text(t) = &self.grid.get(r, c).value {
            if let Some((d, pct)) = percent_from_text(t) {
                // A plain number above 2 can only be a percentage typed without its sign.
                let v = if pct || d > Decimal::TWO { d / Decimal::ONE_HUNDRED } else { d };
                return Located::new(Some(v), Some(cell_name(r, c)));
            }
        }
        self.number(r, Some(c), "执行率")
    }

    /// A target or actual: a number, a percentage (`100%`, its `%` becomes the unit), or text.
    fn measure(&mut self, r: u32, c: Option<u32>) -> (Located<Option<Measure>>, Option<String>) {
        let Some(c) = c else {
            return (Located::default(), None);
        };
        let at = Some(cell_name(r, c));
        self.note_formula(r, c);
        let (m, unit) = match &self.grid.get(r, c).value {
            RawValue::Empty => (None, None),
            RawValue::Int(i) => (Some(Measure::Number(Decimal::from(*i))), None),
            RawValue::Float(f) => (decimal_from_f64(*f).map(Measure::Number), None),
            RawValue::Text(t) if is_blank_mark(t) => (None, None),
            RawValue::Text(t) => match percent_from_text(t) {
                Some((d, true)) => (Some(Measure::Number(d)), Some("%".to_string())),
                Some((d, false)) => (Some(Measure::Number(d)), None),
                None => (Some(Measure::Text(t.trim().to_string())), None),
            },
            RawValue::Error(e) => (Some(Measure::Text(e.clone())), None),
        };
        (Located::new(m, at), unit)
    }

    fn table(&mut self, index: usize) -> SheetOutcome {
        let Some((r_proj, c_proj)) = self.find(0, |t| t == "项目名称") else {
            if self.labels.iter().any(|(_, _, t)| TABLE_MARKERS.iter().any(|m| t.contains(m))) {
                self.missing("项目名称", "the row with the project name must start with the label 项目名称");
                return SheetOutcome::Broken;
            }
            let what = if self.grid.is_empty() { "is empty" } else { "has no 项目名称 label" };
            return SheetOutcome::Skipped(
                Diagnostic::new(Code::SheetSkipped, format!("sheet {what}: no table read from it"))
                    .at(location(self.file, &self.grid.name, None))
                    .hint("this is fine for a cover or notes sheet"),
            );
        };
        let mut ok = true;

        // Title and number sit above the 项目名称 row.
        let above: Vec<_> = self.labels.iter().filter(|(r, _, _)| *r < r_proj).cloned().collect();
        let title = above
            .iter()
            .find(|(_, _, t)| t.contains("自评表") || t.contains("绩效"))
            .or_else(|| above.first())
            .map(|(r, c, _)| self.text(*r, Some(*c)))
            .unwrap_or_else(|| Located::bare("项目支出绩效自评表".to_string()));
        let number = above
            .iter()
            .filter(|(r, c, _)| Some(cell_name(*r, *c)) != title.cell)
            .find(|(_, _, t)| t.contains('表') || t.contains('-') || t.chars().any(|c| c.is_ascii_digit()))
            .map(|(r, c, _)| self.text(*r, Some(*c)))
            .unwrap_or_else(|| {
                let sheet = self.grid.name.trim();
                if sheet.contains('表') {
                    Located::bare(sheet.to_string())
                } else {
                    Located::bare(format!("表{}", index + 1))
                }
            });

        let project = self.value_right(r_proj, c_proj, u32::MAX);

        // 主管部门 … 实施单位 share a row.
        let (department, implementer) = match self.find(r_proj, |t| t == "主管部门") {
            Some((r, c)) => {
                let c_impl = self.find_in_row(r, |t| t == "实施单位");
                let dept = self.value_right(r, c, c_impl.unwrap_or(u32::MAX));
                let imp = c_impl.map(|ci| self.value_right(r, ci, u32::MAX)).unwrap_or_default();
                if c_impl.is_none() {
                    self.missing("实施单位", "put 实施单位 and the unit's name in the 主管部门 row");
                    ok = false;
                }
                (dept, imp)
            }
            None => {
                self.missing("主管部门", "add a row 主管部门 … 实施单位 under 项目名称");
                ok = false;
                Default::default()
            }
        };

        // 项目资金: a header row with the money columns, then the four rows by their labels.
        let funds = match self.find(r_proj, |t| t.contains("全年预算数") || t.contains("年初预算数")) {
            Some((r_fh, _)) => {
                let col = |rd: &Self, p: &dyn Fn(&str) -> bool| rd.find_in_row(r_fh, p);
                let c_init = col(self, &|t| t.contains("年初预算"));
                let c_full = col(self, &|t| t.contains("全年预算") || t.contains("调整后预算"));
                let c_exec = col(self, &|t| t.contains("全年执行") || t.contains("预算执行数"));
                let c_weight = col(self, &|t| t == "分值");
                let c_rate = col(self, &|t| t.contains("执行率"));
                let c_score = col(self, &|t| t == "得分");
                let end = self.find(r_fh, |t| t.contains("总体目标")).map(|p| p.0).unwrap_or(u32::MAX);
                let row_of = |rd: &Self, p: &dyn Fn(&str) -> bool| {
                    rd.find(r_fh + 1, |t| p(t)).map(|(r, _)| r).filter(|&r| r < end)
                };
                let r_total = row_of(self, &|t| t.contains("资金总额"));
                let r_cur = row_of(self, &|t| t.contains("当年财政拨款") || t.contains("财政拨款"));
                let r_carry = row_of(self, &|t| t.contains("上年结转"));
                let r_other = row_of(self, &|t| t.contains("其他资金"));
                if c_full.is_none() || c_exec.is_none() {
                    self.missing(
                        "全年预算数 / 全年执行数",
                        "the 项目资金 header row needs 年初预算数, 全年预算数 and 全年执行数",
                    );
                    ok = false;
                }
                if r_total.is_none() {
                    self.missing("年度资金总额", "the first 项目资金 row must be labelled 年度资金总额");
                    ok = false;
                }
                let row = |rd: &mut Self, r: Option<u32>, name: &str| -> FundRow {
                    match r {
                        Some(r) => FundRow {
                            initial: rd.number(r, c_init, &format!("{name} 年初预算数")),
                            full_year: rd.number(r, c_full, &format!("{name} 全年预算数")),
                            executed: rd.number(r, c_exec, &format!("{name} 全年执行数")),
                            rate: rd.rate(r, c_rate),
                        },
                        None => FundRow::default(),
                    }
                };
                let total = row(self, r_total, "年度资金总额");
                let current = row(self, r_cur, "当年财政拨款");
                let carried_over = row(self, r_carry, "上年结转资金");
                let other = row(self, r_other, "其他资金");
                let (weight, score) = match r_total {
                    Some(r) => (self.number(r, c_weight, "分值"), self.number(r, c_score, "得分")),
                    None => Default::default(),
                };
                Funds { total, current, carried_over, other, weight, score }
            }
            None => {
                self.missing(
                    "项目资金 (全年预算数)",
                    "add the 项目资金（万元） block: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分",
                );
                ok = false;
                Funds::default()
            }
        };

        // 年度总体目标: a header row 预期目标 | 实际完成情况 and the texts below it.
        let goals = match self.find(r_proj, |t| t == "预期目标") {
            Some((r_gh, c_exp)) => {
                let c_ach = self.find_in_row(r_gh, |t| t.contains("实际完成"));
                let r_text = (r_gh + 1..self.grid.rows)
                    .find(|&r| (c_exp..self.grid.cols).any(|c| !self.grid.text(r, c).is_empty()))
                    .unwrap_or(r_gh + 1);
                let expected = self.value_right(r_text, c_exp.saturating_sub(1), c_ach.unwrap_or(u32::MAX));
                let achieved = c_ach.map(|c| self.value_right(r_text, c - 1, u32::MAX)).unwrap_or_default();
                Goals { expected, achieved }
            }
            None => {
                self.missing("预期目标", "the 年度总体目标 block needs a header row 预期目标 | 实际完成情况");
                ok = false;
                Goals::default()
            }
        };

        // 绩效指标: two header rows, then one row per indicator until 其他需要说明事项 or 总分.
        let r_end =
            self.find(r_proj, |t| t.contains("其他需要说明") || t == "总分").map(|p| p.0).unwrap_or(self.grid.rows);
        let mut indicators = Vec::new();
        match self.find(r_proj, |t| t == "一级指标") {
            Some((r_ih, c1)) => {
                let head = |rd: &Self, p: &dyn Fn(&str) -> bool| -> Option<u32> {
                    rd.find_in_row(r_ih, p).or_else(|| rd.find_in_row(r_ih.saturating_sub(1), p))
                };
                let c2 = head(self, &|t| t == "二级指标");
                let c3 = head(self, &|t| t == "三级指标");
                let c_sign = head(self, &|t| t.contains("指标性质"));
                let c_target = self.find_in_row(r_ih, |t| t == "指标值");
                let c_unit = head(self, &|t| t.contains("度量单位") || t.contains("计量单位"));
                let c_year = head(self, &|t| t.contains("年度指标值"));
                let c_actual = head(self, &|t| t.contains("实际完成值"));
                let c_weight = head(self, &|t| t == "分值");
                let c_score = head(self, &|t| t == "得分");
                let c_reason = head(self, &|t| t.contains("偏差原因"));
                for (c, name) in [(c3, "三级指标"), (c_actual, "实际完成值"), (c_weight, "分值"), (c_score, "得分")]
                {
                    if c.is_none() {
                        self.missing(name, "the 绩效指标 header must name every column of the published layout");
                        ok = false;
                    }
                }
                // One-cell 年度指标值 ("≥8个") when the three sub-columns are absent.
                let split = c_sign.is_none() && c_target.is_none();
                let (mut level1, mut level2) = (Located::<String>::default(), Located::<String>::default());
                for r in r_ih + 1..r_end {
                    let cols =
                        [Some(c1), c2, c3, c_sign, c_target, c_unit, c_year, c_actual, c_weight, c_score, c_reason];
                    if cols.iter().flatten().all(|&c| self.grid.text(r, c).is_empty()) {
                        continue;
                    }
                    let l1 = self.text(r, Some(c1));
                    if !l1.value.is_empty() {
                        level1 = l1;
                        level2 = Located::default();
                    }
                    let l2 = self.text(r, c2);
                    if !l2.value.is_empty() {
                        level2 = l2;
                    }
                    let (sign, target, unit) = if split {
                        let cell = self.text(r, c_year);
                        let (s, t, u) = split_target(&cell.value);
                        (
                            Located::new(s, cell.cell.clone()),
                            Located::new(t, cell.cell.clone()),
                            Located::new(u, cell.cell),
                        )
                    } else {
                        let s = self.text(r, c_sign);
                        let sign = sign_from_text(&s.value);
                        if sign.is_none() && !s.value.is_empty() {
                            let d = Diagnostic::new(
                                Code::UnknownSign,
                                format!("指标性质 “{}” is not a comparison sign", s.value),
                            )
                            .at(self.loc(r, c_sign.unwrap_or(0)))
                            .hint("use >=, <= or = (≥, ≤, ＝ are read too)");
                            self.diags.push(d);
                        }
                        let (target, pct) = self.measure(r, c_target);
                        let mut unit = self.text(r, c_unit);
                        if unit.value.is_empty() {
                            if let Some(p) = pct {
                                unit.value = p;
                            }
                        }
                        (Located::new(sign, s.cell), target, unit)
                    };
                    let (actual, _) = self.measure(r, c_actual);
                    indicators.push(Indicator {
                        level1: level1.clone(),
                        level2: level2.clone(),
                        name: self.text(r, c3),
                        sign,
                        target,
                        unit,
                        actual,
                        weight: self.number(r, c_weight, "分值"),
                        score: self.number(r, c_score, "得分"),
                        reason: self.text(r, c_reason),
                    });
                }
                if indicators.is_empty() {
                    let d = Diagnostic::new(Code::NoIndicators, "the 绩效指标 block has no indicator rows")
                        .at(self.loc(r_ih + 1, c1))
                        .hint("add at least one indicator under 一级指标 … 偏差原因分析及改进措施");
                    self.diags.push(d);
                    ok = false;
                }

                // 其他需要说明事项 and 总分, by their labels.
                let other_matters = self
                    .find(r_ih, |t| t.contains("其他需要说明"))
                    .map(|(r, c)| self.value_right(r, c, u32::MAX))
                    .unwrap_or_default();
                let total = match self.find(r_ih, |t| t == "总分") {
                    Some((r_t, _)) => {
                        let weight = self.number(r_t, c_weight, "总分 分值");
                        let score = self.number(r_t, c_score, "总分 得分");
                        let grade_col = c_score.map(|c| c + 1);
                        let g = grade_col.map(|c| self.value_right(r_t, c - 1, u32::MAX)).unwrap_or_default();
                        let grade = if g.value.is_empty() || norm(&g.value).contains("自评等级") {
                            Located::new(None, g.cell)
                        } else {
                            Located::new(Some(g.value), g.cell)
                        };
                        Total { weight, score, grade }
                    }
                    None => {
                        self.missing("总分", "end the table with the row 总分 | 100 | score | 自评等级");
                        ok = false;
                        Total::default()
                    }
                };
                let notes = self.notes(r_end);
                if !ok {
                    return SheetOutcome::Broken;
                }
                let uncached = std::mem::take(&mut self.uncached);
                SheetOutcome::Table(Box::new(Table {
                    source: self.file.to_string(),
                    sheet: self.grid.name.clone(),
                    number,
                    title,
                    project,
                    department,
                    implementer,
                    funds,
                    goals,
                    indicators,
                    other_matters,
                    total,
                    notes,
                    uncached_formulas: uncached,
                }))
            }
            None => {
                self.missing("一级指标", "the 绩效指标 block needs the header row 一级指标 | 二级指标 | 三级指标 | …");
                SheetOutcome::Broken
            }
        }
    }

    /// The 备注 lines below the table, with their numbering (`1.`, `（1）`, `-`) taken off.
    fn notes(&self, from: u32) -> Vec<Located<String>> {
        let Some((r_note, c_note)) = self.find(from, |t| t.starts_with("备注")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.grid.text(r_note, c_note);
        let rest = first.trim_start_matches("备注").trim_start_matches([':', '：']).trim();
        if !rest.is_empty() {
            out.push(Located::new(strip_numbering(rest), Some(cell_name(r_note, c_note))));
        }
        for (r, c, _) in self.labels.iter().filter(|(r, _, _)| *r > r_note) {
            let t = self.grid.text(*r, *c);
            out.push(Located::new(strip_numbering(&t), Some(cell_name(*r, *c))));
        }
        out
    }
}

/// `1. 涉密…`, `1、涉密…`, `（1）涉密…`, `- 涉密…` → `涉密…`
pub fn strip_numbering(s: &str) -> String {
    let t = s.trim();
    let t = t.trim_start_matches(['-', '•', '·', '*']).trim_start();
    let digits = t.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(0);
    let seps = ['.', '、', '．', ')', '）'];
    let t2 = if digits > 0 && t[digits..].starts_with(seps) {
        t[digits..].trim_start_matches(seps).trim_start()
    } else if let Some(inner) = t.strip_prefix(['(', '（']) {
        let d = inner.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(0);
        if d > 0 {
            inner[d..].trim_start_matches([')', '）']).trim_start()
        } else {
            t
        }
    } else {
        t
    };
    t2.to_string()
}
