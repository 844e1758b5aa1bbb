//! The catalogue of a table's fields: for each, its label as the published table prints it, the
//! name a message calls it by, and how its value prints. The diff, the glyph check, the Excel
//! writer and the template contexts all read a table through this catalogue, so a label or the
//! printed form of a figure lives in one place.

use super::format;
use super::{FundKind, FundRow, Indicator, Located, Measure, Table};
use rust_decimal::Decimal;

/// The labels of the blocks that group fields, as the published layout prints them (line breaks
/// where the narrow label column breaks them).
pub const FUNDS_BLOCK: &str = "项目资金\n（万元）";
pub const GOALS_BLOCK: &str = "年度\n总体\n目标";
pub const INDICATORS_BLOCK: &str = "绩效指标";
pub const TARGET_BLOCK: &str = "年度指标值";

/// A field of a table outside its indicator rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 表号 (公开12表-1)
    Number,
    Title,
    Project,
    Department,
    Implementer,
    Fund(FundKind, FundColumn),
    /// 分值 of the 执行率 (the 年度资金总额 row)
    FundsWeight,
    /// 得分 of the 执行率
    FundsScore,
    Expected,
    Achieved,
    OtherMatters,
    TotalWeight,
    TotalScore,
    Grade,
    /// The k-th 备注 line (from 0).
    Note(usize),
}

/// A money column of the funds block, and the 执行率.
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

    pub fn label(self) -> &'static str {
        match self {
            FundColumn::Initial => "年初预算数",
            FundColumn::FullYear => "全年预算数",
            FundColumn::Executed => "全年执行数",
            FundColumn::Rate => "执行率",
        }
    }

    fn key(self) -> &'static str {
        match self {
            FundColumn::Initial => "initial",
            FundColumn::FullYear => "full",
            FundColumn::Executed => "exec",
            FundColumn::Rate => "rate",
        }
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
}

impl FundKind {
    pub const ALL: [FundKind; 4] = [FundKind::Total, FundKind::Current, FundKind::CarriedOver, FundKind::Other];

    pub fn label(self) -> &'static str {
        match self {
            FundKind::Total => "年度资金总额",
            FundKind::Current => "其中：当年财政拨款",
            FundKind::CarriedOver => "上年结转资金",
            FundKind::Other => "其他资金",
        }
    }

    /// The label without its 其中：, as a message names the row.
    pub fn name(self) -> &'static str {
        self.label().trim_start_matches("其中：")
    }
}

impl Field {
    /// The label the published table prints for the field (its row or column header).
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "表号",
            Field::Title => "标题",
            Field::Project => "项目名称",
            Field::Department => "主管部门",
            Field::Implementer => "实施单位",
            Field::Fund(_, c) => c.label(),
            Field::FundsWeight | Field::TotalWeight => "分值",
            Field::FundsScore => "得分",
            Field::Expected => "预期目标",
            Field::Achieved => "实际完成情况",
            Field::OtherMatters => "其他需要说明事项",
            Field::TotalScore => "总分",
            Field::Grade => "自评等级",
            Field::Note(_) => "备注",
        }
    }

    /// What a message calls the field: the label, after the row or block it belongs to where the
    /// label alone is ambiguous (年度资金总额 全年预算数, 执行率 得分, 备注 2).
    pub fn name(self) -> String {
        match self {
            Field::Fund(kind, c) => format!("{} {}", kind.name(), c.label()),
            Field::FundsWeight | Field::FundsScore => format!("执行率 {}", self.label()),
            Field::Expected | Field::Achieved => format!("年度总体目标 {}", self.label()),
            Field::TotalWeight => format!("总分 {}", self.label()),
            Field::Note(k) => format!("备注 {}", k + 1),
            f => f.label().to_string(),
        }
    }

    /// A stable key, to pair a field of two versions of a table.
    pub fn key(self) -> String {
        match self {
            Field::Fund(kind, c) => format!("funds.{}.{}", kind.name(), c.key()),
            Field::Note(k) => format!("note.{k}"),
            f => format!("{f:?}"),
        }
    }

    /// Whether the rules derive the field from others (a rate, a score, the total, the grade).
    pub fn derived(self) -> bool {
        matches!(self, Field::Fund(_, FundColumn::Rate) | Field::FundsScore | Field::TotalScore | Field::Grade)
    }

    /// Whether the published table prints it under the indicators.
    pub fn below_indicators(self) -> bool {
        matches!(self, Field::OtherMatters | Field::TotalWeight | Field::TotalScore | Field::Grade | Field::Note(_))
    }

    /// The field's printed value in `t`, and its cell. `funds_decimals` is the profile's number
    /// of decimals of the 执行率 得分.
    pub fn print(self, t: &Table, funds_decimals: u32) -> Printed<'_, Field> {
        let (value, cell) = match self {
            Field::Number => text(&t.number),
            Field::Title => text(&t.title),
            Field::Project => text(&t.project),
            Field::Department => text(&t.department),
            Field::Implementer => text(&t.implementer),
            Field::Fund(kind, FundColumn::Rate) => {
                let row = t.funds.row(kind);
                let rate = if row.is_empty() { String::new() } else { format::rate(row.rate.value) };
                (rate, row.rate.cell.as_deref())
            }
            Field::Fund(kind, c) => {
                let m = c.money(t.funds.row(kind)).expect("a money column");
                (format::money(m.value), m.cell.as_deref())
            }
            Field::FundsWeight => (format::score(t.funds.weight.value), t.funds.weight.cell.as_deref()),
            Field::FundsScore => (format::fixed(t.funds.score.value, funds_decimals), t.funds.score.cell.as_deref()),
            Field::Expected => text(&t.goals.expected),
            Field::Achieved => text(&t.goals.achieved),
            Field::OtherMatters => text(&t.other_matters),
            Field::TotalWeight => (format::score(t.total.weight.value), t.total.weight.cell.as_deref()),
            Field::TotalScore => (format::score(t.total.score.value), t.total.score.cell.as_deref()),
            Field::Grade => (t.total.grade.value.clone().unwrap_or_default(), t.total.grade.cell.as_deref()),
            Field::Note(k) => t.notes.get(k).map(text).unwrap_or_default(),
        };
        Printed { field: self, text: value, cell }
    }
}

/// A field of an indicator row, in the order of the published columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorField {
    Level1,
    Level2,
    Name,
    Sign,
    Target,
    Unit,
    Actual,
    Weight,
    Score,
    Reason,
}

impl IndicatorField {
    pub const ALL: [IndicatorField; 10] = [
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
    ];

    /// The column header the published table prints.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorField::Level1 => "一级指标",
            IndicatorField::Level2 => "二级指标",
            IndicatorField::Name => "三级指标",
            IndicatorField::Sign => "指标性质",
            IndicatorField::Target => "指标值",
            IndicatorField::Unit => "度量单位",
            IndicatorField::Actual => "实际完成值",
            IndicatorField::Weight => "分值",
            IndicatorField::Score => "得分",
            IndicatorField::Reason => "偏差原因分析及改进措施",
        }
    }

    /// Whether the field decides the rule's score (a change to one of these changes 得分).
    pub fn scores(self) -> bool {
        matches!(
            self,
            IndicatorField::Sign
                | IndicatorField::Target
                | IndicatorField::Unit
                | IndicatorField::Actual
                | IndicatorField::Weight
        )
    }

    pub fn print<'a>(self, i: &'a Indicator) -> Printed<'a, IndicatorField> {
        let measure = |v: &'a Located<Option<Measure>>| (format::measure(&v.value), v.cell.as_deref());
        let (value, cell) = match self {
            IndicatorField::Level1 => text(&i.level1),
            IndicatorField::Level2 => text(&i.level2),
            IndicatorField::Name => text(&i.name),
            IndicatorField::Sign => (format::sign(i.sign.value), i.sign.cell.as_deref()),
            IndicatorField::Target => measure(&i.target),
            IndicatorField::Unit => text(&i.unit),
            IndicatorField::Actual => measure(&i.actual),
            IndicatorField::Weight => (format::score(i.weight.value), i.weight.cell.as_deref()),
            IndicatorField::Score => (format::score(i.score.value), i.score.cell.as_deref()),
            IndicatorField::Reason => text(&i.reason),
        };
        Printed { field: self, text: value, cell }
    }
}

/// A text field's value and cell.
fn text(v: &Located<String>) -> (String, Option<&str>) {
    (v.value.clone(), v.cell.as_deref())
}

/// A field's value as every format prints it, and the cell it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed<'a, F> {
    pub field: F,
    pub text: String,
    pub cell: Option<&'a str>,
}

/// Every field of `t` outside the indicator rows, in reading order.
pub fn table_fields(t: &Table, funds_decimals: u32) -> Vec<Printed<'_, Field>> {
    let mut fields: Vec<Field> =
        vec![Field::Number, Field::Title, Field::Project, Field::Department, Field::Implementer];
    for kind in FundKind::ALL {
        fields.extend(FundColumn::ALL.map(|c| Field::Fund(kind, c)));
    }
    fields.extend([
        Field::FundsWeight,
        Field::FundsScore,
        Field::Expected,
        Field::Achieved,
        Field::OtherMatters,
        Field::TotalWeight,
        Field::TotalScore,
        Field::Grade,
    ]);
    fields.extend((0..t.notes.len()).map(Field::Note));
    fields.into_iter().map(|f| f.print(t, funds_decimals)).collect()
}

/// Every field of an indicator row, in column order.
pub fn indicator_fields(i: &Indicator) -> [Printed<'_, IndicatorField>; 10] {
    IndicatorField::ALL.map(|f| f.print(i))
}
