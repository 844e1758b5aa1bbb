//! The normalized packet: what a 项目支出绩效自评表 says, independent of where it was read
//! from or how it will be printed. No I/O lives here.
//!
//! Money and scores are [`Decimal`]s that keep the scale they were typed with, so 178.50 and
//! 67.164 survive the trip to every renderer. Every value read from a workbook carries the cell
//! it came from ([`Located::cell`]) so a diagnostic can point at it.

pub mod format;
pub mod parse;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A value and the cell it was read from (`C7`), when it was read from one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Located<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The value as its cell showed it, where that is not how the value prints by itself: `95%`
    /// for a 实际完成值 of 95 in a form with no unit column, `1,200`, `≥ 90%`. Free-form values
    /// print this; the checks read `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<String>,
}

impl Located<String> {
    pub fn is_empty(&self) -> bool {
        self.value.is_empty() && self.cell.is_none()
    }
}

impl<T> Located<T> {
    pub fn new(value: T, cell: Option<String>) -> Self {
        Located { value, cell, shown: None }
    }
    /// A value that was derived or configured, not read from a cell.
    pub fn bare(value: T) -> Self {
        Located { value, cell: None, shown: None }
    }

    /// The value, shown in its cell as `shown` (kept where it differs from `printed`, how the
    /// value prints by itself).
    pub fn showing(mut self, shown: &str, printed: &str) -> Self {
        let shown = shown.trim();
        if !shown.is_empty() && shown != printed {
            self.shown = Some(shown.to_string());
        }
        self
    }
}

pub type Money = Located<Option<Decimal>>;

/// All tables of one disclosure packet, in sheet order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Packet {
    /// The workbook's file name, used in diagnostics (`seed.xlsx!公开12表-1!C7`).
    pub source: String,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Table {
    /// The workbook the table was read from (its file name), for diagnostics.
    #[serde(default)]
    pub source: String,
    /// The sheet the table was read from.
    pub sheet: String,
    /// 公开12表-1: from the sheet's number cell, else the sheet name, else made up in order.
    pub number: Located<String>,
    /// The form the table is in (`yunnan-2021`): how it is read, checked and printed.
    #[serde(default)]
    pub form: String,
    /// 2021年度项目支出绩效自评表
    pub title: Located<String>,
    /// A line under the title, where the form has one: （2022年度）.
    #[serde(default, skip_serializing_if = "Located::is_empty")]
    pub subtitle: Located<String>,
    /// The money unit the workbook's funds label states, where it is not the form's (元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money_unit: Option<String>,
    /// 项目名称
    pub project: Located<String>,
    /// 主管部门
    pub department: Located<String>,
    /// 实施单位
    pub implementer: Located<String>,
    pub funds: Funds,
    pub goals: Goals,
    pub indicators: Vec<Indicator>,
    /// 其他需要说明事项
    pub other_matters: Located<String>,
    pub total: Total,
    /// The 备注 lines under the table, without their numbering.
    pub notes: Vec<Located<String>>,
    /// The texts of the form's own fields, by the form's field name (报表编号 `report_no`, 评价结论
    /// `conclusion`, check-box rows, signatures).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, Located<String>>,
    /// Formula cells that had no saved result (files written by scripts): the checks
    /// recompute these and say so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncached_formulas: Vec<String>,
}

/// 项目资金: the form's rows (年度资金总额 first, the only scored one) by its money columns, the
/// scored 执行率, and (in Sichuan's form) the reason for the execution.
///
/// Serialized as one object: each row under its key (`total`, `current`, …), then `weight`,
/// `score` and `reason`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Funds {
    pub rows: Vec<FundRow>,
    /// 分值 of the 执行率 (10 in the national profile).
    pub weight: Located<Option<Decimal>>,
    /// 得分 as typed.
    pub score: Located<Option<Decimal>>,
    /// 原因, where the form has it.
    pub reason: Located<String>,
}

static NO_ROW: FundRow = FundRow {
    key: String::new(),
    initial: Located { value: None, cell: None, shown: None },
    full_year: Located { value: None, cell: None, shown: None },
    executed: Located { value: None, cell: None, shown: None },
    rate: Located { value: None, cell: None, shown: None },
};

impl Funds {
    /// 年度资金总额: the first row (an empty one when the table has none).
    pub fn total(&self) -> &FundRow {
        self.rows.first().unwrap_or(&NO_ROW)
    }

    /// The 其中 rows under the total.
    pub fn parts(&self) -> &[FundRow] {
        self.rows.get(1..).unwrap_or(&[])
    }

    pub fn row(&self, key: &str) -> Option<&FundRow> {
        self.rows.iter().find(|r| r.key == key)
    }
}

impl Serialize for Funds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for r in &self.rows {
            m.serialize_entry(&r.key, r)?;
        }
        m.serialize_entry("weight", &self.weight)?;
        m.serialize_entry("score", &self.score)?;
        if !self.reason.is_empty() {
            m.serialize_entry("reason", &self.reason)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Funds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Funds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the funds: rows by key, weight, score")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Funds, A::Error> {
                let mut funds = Funds::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "weight" => funds.weight = map.next_value()?,
                        "score" => funds.score = map.next_value()?,
                        "reason" => funds.reason = map.next_value()?,
                        _ => funds.rows.push(FundRow { key, ..map.next_value()? }),
                    }
                }
                Ok(funds)
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FundRow {
    /// The row's key in the form (`total`, `current`): the key it is serialized under.
    #[serde(skip)]
    pub key: String,
    /// 年初预算数
    pub initial: Money,
    /// 全年预算数 (the adjusted budget the rate is measured against)
    pub full_year: Money,
    /// 全年执行数
    pub executed: Money,
    /// 执行率 as typed (a fraction: 1 is 100%).
    pub rate: Located<Option<Decimal>>,
}

impl FundRow {
    /// 执行率 = 全年执行数 / 全年预算数, when both are there and the budget is not zero.
    pub fn computed_rate(&self) -> Option<Decimal> {
        let budget = self.full_year.value?;
        let executed = self.executed.value?;
        if budget.is_zero() {
            return None;
        }
        executed.checked_div(budget)
    }

    pub fn is_empty(&self) -> bool {
        self.initial.value.is_none() && self.full_year.value.is_none() && self.executed.value.is_none()
    }
}

/// 年度总体目标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Goals {
    /// 预期目标
    pub expected: Located<String>,
    /// 实际完成情况
    pub achieved: Located<String>,
}

/// 指标性质: how the actual value is compared with the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sign {
    /// `>=` (正向): more is better.
    #[serde(rename = ">=")]
    AtLeast,
    /// `<=` (反向): less is better.
    #[serde(rename = "<=")]
    AtMost,
    /// `=`
    #[serde(rename = "=")]
    Equal,
}

impl Sign {
    /// The sign as the published tables print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::AtLeast => ">=",
            Sign::AtMost => "<=",
            Sign::Equal => "=",
        }
    }
}

/// A target or actual value: a number (kept at its typed scale) or a text such as 达到预期.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Number(Decimal),
    Text(String),
}

impl Measure {
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Measure::Number(n) => Some(*n),
            Measure::Text(_) => None,
        }
    }
}

/// One indicator row of 绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Indicator {
    /// 一级指标 (产出指标, 效益指标, 满意度指标), carried down a merged group.
    pub level1: Located<String>,
    /// 二级指标
    pub level2: Located<String>,
    /// 三级指标: the indicator's name.
    pub name: Located<String>,
    /// 指标性质; none for a qualitative target.
    pub sign: Located<Option<Sign>>,
    /// 指标值
    pub target: Located<Option<Measure>>,
    /// 度量单位
    pub unit: Located<String>,
    /// 实际完成值
    pub actual: Located<Option<Measure>>,
    /// 分值
    pub weight: Located<Option<Decimal>>,
    /// 得分 as typed
    pub score: Located<Option<Decimal>>,
    /// 偏差原因分析及改进措施
    pub reason: Located<String>,
    /// 改进措施, where the form has a column of its own for it (Hubei).
    #[serde(default, skip_serializing_if = "Located::is_empty")]
    pub improvement: Located<String>,
    /// The texts of the form's own columns, by the column's field name (指标值设置依据 `basis`,
    /// 佐证资料 `evidence`, 二级指标（长期） `level2_long`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, Located<String>>,
}

impl Indicator {
    /// A qualitative (定性) indicator has a text target such as 达到预期.
    pub fn is_qualitative(&self) -> bool {
        matches!(self.target.value, Some(Measure::Text(_)))
    }

    /// The row's content without positions: what a copy-and-paste comparison looks at.
    pub fn content_key(&self) -> String {
        fn m(v: &Option<Measure>) -> String {
            match v {
                Some(Measure::Number(n)) => n.normalize().to_string(),
                Some(Measure::Text(t)) => t.clone(),
                None => String::new(),
            }
        }
        format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.level2.value,
            self.name.value,
            self.sign.value.map(Sign::as_str).unwrap_or(""),
            m(&self.target.value),
            self.unit.value,
            m(&self.actual.value),
            self.reason.value
        )
    }
}

/// 总分 row: the weights (100), the score and the 自评等级.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Total {
    /// 分值 of the whole table (100).
    pub weight: Located<Option<Decimal>>,
    /// 得分 as typed.
    pub score: Located<Option<Decimal>>,
    /// 自评等级: as typed when the unit filled it in, else filled by the checks.
    pub grade: Located<Option<String>>,
}

impl Table {
    /// A text field by the name a form gives it: the table's own (`project`, `expected`, …) or
    /// one of the form's texts.
    pub fn text(&self, field: &str) -> Option<&Located<String>> {
        match field {
            "project" => Some(&self.project),
            "department" => Some(&self.department),
            "implementer" => Some(&self.implementer),
            "expected" => Some(&self.goals.expected),
            "achieved" => Some(&self.goals.achieved),
            "other_matters" => Some(&self.other_matters),
            other => self.texts.get(other),
        }
    }

    /// Every cell a value of the table was read from, in no particular order: what the cell
    /// accounting counts as placed in the model.
    pub fn cells(&self) -> Vec<&str> {
        let mut out: Vec<Option<&str>> = vec![
            self.number.cell.as_deref(),
            self.title.cell.as_deref(),
            self.subtitle.cell.as_deref(),
            self.project.cell.as_deref(),
            self.department.cell.as_deref(),
            self.implementer.cell.as_deref(),
            self.goals.expected.cell.as_deref(),
            self.goals.achieved.cell.as_deref(),
            self.other_matters.cell.as_deref(),
            self.funds.weight.cell.as_deref(),
            self.funds.score.cell.as_deref(),
            self.funds.reason.cell.as_deref(),
            self.total.weight.cell.as_deref(),
            self.total.score.cell.as_deref(),
            self.total.grade.cell.as_deref(),
        ];
        for r in &self.funds.rows {
            out.extend([&r.initial, &r.full_year, &r.executed].map(|m| m.cell.as_deref()));
            out.push(r.rate.cell.as_deref());
        }
        for i in &self.indicators {
            out.extend([&i.level1, &i.level2, &i.name, &i.unit, &i.reason, &i.improvement].map(|v| v.cell.as_deref()));
            out.extend([i.sign.cell.as_deref(), i.target.cell.as_deref(), i.actual.cell.as_deref()]);
            out.extend([i.weight.cell.as_deref(), i.score.cell.as_deref()]);
            out.extend(i.texts.values().map(|v| v.cell.as_deref()));
        }
        out.extend(self.notes.iter().map(|n| n.cell.as_deref()));
        out.extend(self.texts.values().map(|v| v.cell.as_deref()));
        out.into_iter().flatten().collect()
    }

    /// `file!sheet!cell` of a value of this table.
    pub fn location<T>(&self, v: &Located<T>) -> crate::diag::Location {
        crate::diag::location(&self.source, &self.sheet, v.cell.as_deref())
    }
}

/// 四舍五入: rounding as finance staff do it (half away from zero), not banker's rounding.
pub fn round_half_up(d: Decimal, decimals: u32) -> Decimal {
    d.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
