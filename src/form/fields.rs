//! The catalogue of a table's fields: for each, the label its form prints, the name a message
//! calls it by, and how its value prints. The diff, the glyph check, the grid every renderer
//! draws and the template contexts all read a table through this catalogue, so a label or the
//! printed form of a figure lives in one place: the form.

use super::spec::{Block, FundValue, Signs};
use super::Form;
use crate::model::format;
use crate::model::{FundRow, Indicator, Located, Measure, Sign, Table};
use rust_decimal::Decimal;

/// What a diff or a message prefixes an indicator's fields with.
pub const INDICATORS: &str = "绩效指标";

/// A field of a table outside its indicator rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// 表号 (公开12表-1)
    Number,
    Title,
    Subtitle,
    /// A text by its field name: `project`, `department`, `implementer`, `expected`, `achieved`,
    /// `other_matters`, or one of the form's own (`conclusion`, `report_no`).
    Text(String),
    /// A cell of the funds: the row (by its index in the form) and the column's value.
    Fund(usize, FundColumn),
    /// 分值 of the 执行率 (the 年度资金总额 row)
    FundsWeight,
    /// 得分 of the 执行率
    FundsScore,
    /// 原因 of the funds (Sichuan)
    FundsReason,
    TotalWeight,
    TotalScore,
    Grade,
    /// The k-th 备注 line (from 0).
    Note(usize),
}

/// A money column of the funds, and the 执行率.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundColumn {
    Initial,
    FullYear,
    Executed,
    Rate,
}

impl FundColumn {
    pub const ALL: [FundColumn; 4] =
        [FundColumn::Initial, FundColumn::FullYear, FundColumn::Executed, FundColumn::Rate];

    /// What a form's funds column holds for it.
    pub fn value(self) -> FundValue {
        match self {
            FundColumn::Initial => FundValue::Initial,
            FundColumn::FullYear => FundValue::Budget,
            FundColumn::Executed => FundValue::Executed,
            FundColumn::Rate => FundValue::Rate,
        }
    }

    /// The column's name in a field's stable key (`funds.total.budget`).
    fn key(self) -> &'static str {
        match self {
            FundColumn::Initial => "initial",
            FundColumn::FullYear => "budget",
            FundColumn::Executed => "executed",
            FundColumn::Rate => "rate",
        }
    }

    /// The column that holds `value`, if it is money or the rate.
    pub fn of(value: FundValue) -> Option<FundColumn> {
        FundColumn::ALL.into_iter().find(|c| c.value() == value)
    }

    /// The money cell of this column in `row` (none for the rate).
    pub fn money(self, row: &FundRow) -> Option<&Located<Option<Decimal>>> {
        match self {
            FundColumn::Initial => Some(&row.initial),
            FundColumn::FullYear => Some(&row.full_year),
            FundColumn::Executed => Some(&row.executed),
            FundColumn::Rate => None,
        }
    }

    fn fallback(self) -> &'static str {
        match self {
            FundColumn::Initial => "年初预算数",
            FundColumn::FullYear => "全年预算数",
            FundColumn::Executed => "全年执行数",
            FundColumn::Rate => "执行率",
        }
    }
}

/// A label without the line breaks of its print: 年度\n总体\n目标 → 年度总体目标.
pub fn flat(label: &str) -> String {
    label.replace('\n', "")
}

impl Form {
    /// The funds block's column label for `value`, or what the national form calls it.
    pub fn funds_label(&self, value: FundValue, fallback: &str) -> String {
        self.funds()
            .columns
            .iter()
            .find(|c| c.value == value)
            .map(|c| flat(&c.label))
            .unwrap_or_else(|| fallback.to_string())
    }

    /// The label of the `k`-th funds row.
    pub fn fund_row_label(&self, k: usize) -> String {
        self.funds().funds.get(k).map(|r| r.label.clone()).unwrap_or_default()
    }

    /// The label a text field is printed beside or under, and the label of its block.
    pub fn text_label(&self, field: &str) -> (Option<String>, String) {
        let funds = self.funds();
        if let Some(c) = funds.columns.iter().find(|c| c.field.as_deref() == Some(field)) {
            return (funds.label.as_ref().map(|l| flat(l.text())), flat(&c.label));
        }
        for line in self.title.before.iter().chain(&self.title.after) {
            if line.field == field {
                return (None, line.label.clone());
            }
        }
        for b in self.rows_blocks() {
            for (r, row) in b.rows.iter().enumerate() {
                let Some(i) = row.iter().position(|c| c.field.as_deref() == Some(field)) else { continue };
                let block = b.label.as_ref().map(|l| flat(l.text()));
                // Beside the nearest label to its left, else under the label above it.
                if let Some(l) = row[..i].iter().rev().find_map(|c| c.label.as_ref()) {
                    return (block, flat(l));
                }
                let nth = row[..i].iter().filter(|c| c.field.is_some()).count();
                let above = r.checked_sub(1).and_then(|a| b.rows[a].iter().filter_map(|c| c.label.as_ref()).nth(nth));
                return (block, above.map(|l| flat(l)).unwrap_or_else(|| field.to_string()));
            }
        }
        (None, field.to_string())
    }

    /// How a form prints 指标性质.
    pub fn sign(&self, s: Option<Sign>) -> String {
        match (self.signs, s) {
            (Signs::Ascii, s) => format::sign(s),
            (Signs::Math, Some(Sign::AtLeast)) => "≥".into(),
            (Signs::Math, Some(Sign::AtMost)) => "≤".into(),
            (Signs::Math, Some(Sign::Equal)) => "＝".into(),
            (Signs::Math, None) => String::new(),
        }
    }

    /// A 执行率 as the form prints it: as few decimals as needed (100%), or fixed (100.00%). A
    /// rate the unit left empty, on a row with no money to derive it from, prints empty.
    pub fn rate(&self, row: &FundRow) -> String {
        let b = self.funds();
        match b.rate_decimals {
            Some(dp) => row
                .rate
                .value
                .map(|r| format!("{}%", format::fixed(Some(r * Decimal::ONE_HUNDRED), dp)))
                .unwrap_or_default(),
            None => format::rate(row.rate.value),
        }
    }
}

impl Field {
    /// The label the form prints for the field (its row or column header).
    pub fn label(&self, form: &Form) -> String {
        match self {
            Field::Number => "表号".into(),
            Field::Title => "标题".into(),
            Field::Subtitle => "副标题".into(),
            Field::Text(key) => form.text_label(key).1,
            Field::Fund(_, c) => form.funds_label(c.value(), c.fallback()),
            Field::FundsWeight => form.funds_label(FundValue::Weight, "分值"),
            Field::FundsScore => form.funds_label(FundValue::Score, "得分"),
            Field::FundsReason => form.funds_label(FundValue::Reason, "原因"),
            Field::TotalWeight => IndicatorField::Weight.label(form),
            Field::TotalScore => {
                Some(flat(form.total().label.text())).filter(|l| !l.is_empty()).unwrap_or("总分".into())
            }
            Field::Grade => "自评等级".into(),
            Field::Note(_) => form.notes.clone(),
        }
    }

    /// What a message calls the field: the label, after the row or block it belongs to where the
    /// label alone is ambiguous (年度资金总额 全年预算数, 执行率 得分, 备注 2).
    pub fn name(&self, form: &Form) -> String {
        match self {
            Field::Fund(k, _) => {
                let row = form.fund_row_label(*k);
                format!("{} {}", row.trim_start_matches("其中："), self.label(form))
            }
            Field::FundsWeight | Field::FundsScore => {
                format!("{} {}", form.funds_label(FundValue::Rate, "执行率"), self.label(form))
            }
            Field::Text(key) => match form.text_label(key) {
                (Some(block), label) => format!("{block} {label}"),
                (None, label) => label,
            },
            Field::TotalWeight => format!("{} {}", Field::TotalScore.label(form), self.label(form)),
            Field::Note(k) => format!("{} {}", form.notes, k + 1),
            f => f.label(form),
        }
    }

    /// A stable key, to pair a field of two versions of a table.
    pub fn key(&self, t: &Table) -> String {
        match self {
            Field::Fund(k, c) => {
                format!("funds.{}.{}", t.funds.rows.get(*k).map(|r| r.key.as_str()).unwrap_or(""), c.key())
            }
            Field::Text(key) => format!("text.{key}"),
            Field::Note(k) => format!("note.{k}"),
            f => format!("{f:?}"),
        }
    }

    /// Whether the rules derive the field from others (a rate, a score, the total, the grade).
    pub fn derived(&self) -> bool {
        matches!(self, Field::Fund(_, FundColumn::Rate) | Field::FundsScore | Field::TotalScore | Field::Grade)
    }

    /// Whether the published table prints it under the indicators.
    pub fn below_indicators(&self, form: &Form) -> bool {
        match self {
            Field::TotalWeight | Field::TotalScore | Field::Grade | Field::Note(_) => true,
            Field::Text(key) => {
                let indicators = form.blocks.iter().position(|b| matches!(b, Block::Indicators(_))).unwrap_or(0);
                form.blocks[indicators..].iter().any(|b| match b {
                    Block::Rows(b) => b.rows.iter().flatten().any(|c| c.field.as_deref() == Some(key)),
                    _ => false,
                })
            }
            _ => false,
        }
    }

    /// The field's printed value in `t` (a table in `form`), and its cell.
    pub fn print<'a>(&self, t: &'a Table, form: &Form) -> Printed<'a, Field> {
        let (value, cell) = match self {
            Field::Number => text(&t.number),
            Field::Title => text(&t.title),
            Field::Subtitle => text(&t.subtitle),
            Field::Text(key) => match t.text(key) {
                Some(v) => text(v),
                None => (String::new(), None),
            },
            Field::Fund(k, FundColumn::Rate) => match t.funds.rows.get(*k) {
                Some(row) => (form.rate(row), row.rate.cell.as_deref()),
                None => (String::new(), None),
            },
            Field::Fund(k, c) => match t.funds.rows.get(*k).and_then(|r| c.money(r)) {
                Some(m) => (format::money(m.value), m.cell.as_deref()),
                None => (String::new(), None),
            },
            Field::FundsWeight => (format::score(t.funds.weight.value), t.funds.weight.cell.as_deref()),
            Field::FundsScore => {
                (format::fixed(t.funds.score.value, form.profile.funds_score_decimals), t.funds.score.cell.as_deref())
            }
            Field::FundsReason => text(&t.funds.reason),
            Field::TotalWeight => (format::score(t.total.weight.value), t.total.weight.cell.as_deref()),
            Field::TotalScore => (format::score(t.total.score.value), t.total.score.cell.as_deref()),
            Field::Grade => (t.total.grade.value.clone().unwrap_or_default(), t.total.grade.cell.as_deref()),
            Field::Note(k) => t.notes.get(*k).map(text).unwrap_or_default(),
        };
        Printed { field: self.clone(), text: value, cell }
    }
}

/// A field of an indicator row, and what an indicators column of a form holds (`level1`, …,
/// `target_text`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorField {
    Level1,
    Level2,
    Name,
    Sign,
    Target,
    Unit,
    /// 年度指标值 in one cell: sign, value and unit (≥90%).
    TargetText,
    Actual,
    Weight,
    Score,
    Reason,
    Improvement,
    /// A column of the form's own text, named by the column's `field` (指标值设置依据, 佐证资料).
    Text,
}

impl IndicatorField {
    /// The fields a diff compares, in the order of the published columns.
    pub const ALL: [IndicatorField; 11] = [
        IndicatorField::Level1,
        IndicatorField::Level2,
        IndicatorField::Name,
        IndicatorField::Sign,
        IndicatorField::Target,
        IndicatorField::Unit,
        IndicatorField::Actual,
        IndicatorField::Weight,
        IndicatorField::Score,
        IndicatorField::Reason,
        IndicatorField::Improvement,
    ];

    fn fallback(self) -> &'static str {
        match self {
            IndicatorField::Level1 => "一级指标",
            IndicatorField::Level2 => "二级指标",
            IndicatorField::Name => "三级指标",
            IndicatorField::Sign => "指标性质",
            IndicatorField::Target => "指标值",
            IndicatorField::Unit => "度量单位",
            IndicatorField::TargetText => "年度指标值",
            IndicatorField::Actual => "实际完成值",
            IndicatorField::Weight => "分值",
            IndicatorField::Score => "得分",
            IndicatorField::Reason => "偏差原因分析及改进措施",
            IndicatorField::Improvement => "改进措施",
            IndicatorField::Text => "",
        }
    }

    /// The column header the form prints (without its line breaks).
    pub fn label(self, form: &Form) -> String {
        form.indicator_column(self).map(|c| flat(&c.label)).unwrap_or_else(|| self.fallback().to_string())
    }

    /// Whether the field decides the rule's score (a change to one of these changes 得分).
    pub fn scores(self) -> bool {
        matches!(
            self,
            IndicatorField::Sign
                | IndicatorField::Target
                | IndicatorField::Unit
                | IndicatorField::TargetText
                | IndicatorField::Actual
                | IndicatorField::Weight
        )
    }

    pub fn print<'a>(self, i: &'a Indicator, form: &Form) -> Printed<'a, IndicatorField> {
        // A free-form value prints as its cell showed it.
        let measure = |v: &'a Located<Option<Measure>>| {
            (v.shown.clone().unwrap_or_else(|| format::measure(&v.value)), v.cell.as_deref())
        };
        let (value, cell) = match self {
            IndicatorField::Level1 => text(&i.level1),
            IndicatorField::Level2 => text(&i.level2),
            IndicatorField::Name => text(&i.name),
            IndicatorField::Sign => (form.sign(i.sign.value), i.sign.cell.as_deref()),
            IndicatorField::Target => measure(&i.target),
            IndicatorField::Unit => text(&i.unit),
            IndicatorField::TargetText => (
                i.target
                    .shown
                    .clone()
                    .unwrap_or_else(|| target_text(i.sign.value, &i.target.value, &i.unit.value, form)),
                i.target.cell.as_deref(),
            ),
            IndicatorField::Actual => measure(&i.actual),
            IndicatorField::Weight => (format::score(i.weight.value), i.weight.cell.as_deref()),
            IndicatorField::Score => (format::score(i.score.value), i.score.cell.as_deref()),
            IndicatorField::Reason => text(&i.reason),
            IndicatorField::Improvement => text(&i.improvement),
            // A text column prints through its column ([`IndicatorField::print_column`]).
            IndicatorField::Text => (String::new(), None),
        };
        Printed { field: self, text: value, cell }
    }
}

impl crate::form::Column<IndicatorField> {
    /// This column's value in indicator `i`: a text column's by its field name, any other as
    /// its field prints.
    pub fn print<'a>(&self, i: &'a Indicator, form: &Form) -> Printed<'a, IndicatorField> {
        match (&self.value, &self.field) {
            (IndicatorField::Text, Some(name)) => {
                let (text, cell) = i.texts.get(name).map(text).unwrap_or_default();
                Printed { field: IndicatorField::Text, text, cell }
            }
            (v, _) => v.print(i, form),
        }
    }
}

/// 年度指标值 in one cell, composed as the form prints it: ≥90%, ≤60分钟, or a 定性 target's
/// text (a cell that showed it otherwise prints as it showed it).
pub(crate) fn target_text(sign: Option<Sign>, target: &Option<Measure>, unit: &str, form: &Form) -> String {
    match target {
        Some(Measure::Number(n)) => format!("{}{}{}", form.sign(sign), n, unit),
        Some(Measure::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// A field's value as every format prints it, and the cell it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed<'a, F> {
    pub field: F,
    pub text: String,
    pub cell: Option<&'a str>,
}

/// A text field's value and cell.
fn text(v: &Located<String>) -> (String, Option<&str>) {
    (v.value.clone(), v.cell.as_deref())
}

/// Every field of `t` outside the indicator rows, in reading order.
pub fn table_fields<'a>(t: &'a Table, form: &Form) -> Vec<Printed<'a, Field>> {
    let mut fields: Vec<Field> = vec![Field::Number, Field::Title];
    if !t.subtitle.value.is_empty() {
        fields.push(Field::Subtitle);
    }
    for line in form.title.before.iter().chain(&form.title.after) {
        fields.push(Field::Text(line.field.clone()));
    }
    for b in &form.blocks {
        match b {
            Block::Rows(b) => fields.extend(b.rows.iter().flatten().filter_map(|c| c.field.clone()).map(Field::Text)),
            Block::Funds(b) => {
                for k in 0..t.funds.rows.len() {
                    fields.extend(FundColumn::ALL.map(|c| Field::Fund(k, c)));
                }
                fields.extend([Field::FundsWeight, Field::FundsScore]);
                if b.columns.iter().any(|c| c.value == FundValue::Reason) {
                    fields.push(Field::FundsReason);
                }
                let texts = b.columns.iter().filter(|c| c.value == FundValue::Text);
                fields.extend(texts.filter_map(|c| c.field.clone()).map(Field::Text));
            }
            Block::Indicators(_) => {}
            Block::Total(b) => {
                fields.extend([Field::TotalWeight, Field::TotalScore]);
                if b.grade {
                    fields.push(Field::Grade);
                }
            }
        }
    }
    fields.extend((0..t.notes.len()).map(Field::Note));
    fields.into_iter().map(|f| f.print(t, form)).collect()
}

/// Every field of an indicator row that a diff compares.
pub fn indicator_fields<'a>(i: &'a Indicator, form: &Form) -> [Printed<'a, IndicatorField>; 11] {
    IndicatorField::ALL.map(|f| f.print(i, form))
}

/// The indicator's values in the form's own text columns (上年完成值, 佐证资料), each with its
/// column's label: they are figures the unit typed like any other, so whatever reads every
/// field (the instruction-text check, the fonts, the diff) reads these too.
pub fn indicator_texts<'a>(i: &'a Indicator, form: &Form) -> Vec<(String, Printed<'a, IndicatorField>)> {
    form.indicators()
        .columns
        .iter()
        .filter(|c| c.value == IndicatorField::Text && c.field.is_some())
        .map(|c| (c.label.replace('\n', ""), c.print(i, form)))
        .collect()
}
