//! The form definition file: what a form is, as data. Read from TOML (strict: an unknown key is
//! an error with its line), then checked by [`super::validate`].

use super::fields::IndicatorField;
use super::Profile;
use serde::Deserialize;

/// One form, as its file says it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    /// The form's name: `yunnan-2021`.
    pub name: String,
    /// One line for `jixiao forms`.
    pub description: String,
    /// The money unit the form prints (万元, 元); a workbook's own funds label may say another.
    pub money_unit: String,
    #[serde(default)]
    pub landscape: bool,
    /// The grid's columns, left to right, by relative width: the one source of the column widths
    /// of the PDF, the HTML and the Excel copy.
    pub columns: Vec<f64>,
    pub title: TitleSpec,
    /// How 指标性质 prints: `>=`, `<=`, `=` or `≥`, `≤`, `＝`.
    #[serde(default)]
    pub signs: Signs,
    /// The blocks of the grid, top to bottom.
    pub blocks: Vec<Block>,
    /// Money the form keeps as its own fields that must add up (Wuhan's 资金总额 = 财政拨款 +
    /// 其他资金, written as 10000万元).
    #[serde(default)]
    pub sums: Vec<Sum>,
    /// The label of the lines under the table (备注; Hunan's county form: 注).
    #[serde(default = "notes_label")]
    pub notes: String,
    /// Texts of the form's own that a unit must replace (`（100字以内）`, `（主管部门名称）`): a
    /// cell that still holds one is an error.
    #[serde(default)]
    pub instructions: Vec<String>,
    /// Texts the form itself prints in a cell (Sichuan's note on the 执行率 in 原因): printed as
    /// the form prints them, never a left-over instruction.
    #[serde(default)]
    pub standing: Vec<Standing>,
    /// What the form's tables are: a self-evaluation (the default) or the spring targets.
    #[serde(default)]
    pub kind: TableKind,
    /// The scoring rules' numbers; none for a form that does not score (no 分值, 得分 or 总分:
    /// Hunan's county form, every target table), whose checks are all the others.
    #[serde(default = "Profile::unscored")]
    pub profile: Profile,
}

/// Fields of the form's own that hold money, one the sum of the others.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sum {
    pub total: String,
    pub parts: Vec<String>,
}

/// What a form's tables are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// 项目支出绩效自评表: what was achieved against the targets, after the year.
    #[default]
    #[serde(rename = "self-evaluation")]
    SelfEvaluation,
    /// 项目支出绩效目标表: the targets set with the budget, in spring.
    Targets,
}

impl TableKind {
    /// As `jixiao forms` lists it.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::SelfEvaluation => "自评表",
            TableKind::Targets => "目标表",
        }
    }
}

/// A text the form prints in a cell of its own, recognised by how it begins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standing {
    /// The text's beginning as the form prints it (spaces, widths and brackets aside): a cell
    /// that begins so holds the form's text.
    pub text: String,
    /// Where the note asks for the unit's own words when the 年度资金总额's 执行率 is below this
    /// percentage (Sichuan: 90): a table below it whose funds 原因 holds only this text is an
    /// error.
    #[serde(default)]
    pub reason_below: Option<u32>,
}

/// Above the grid: the title, its subtitle, the table number, and label-value lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleSpec {
    /// The title when neither the workbook nor the settings give one; `{year}` is the year.
    pub text: String,
    /// A line under the title (`（{year}年度）`), printed when the table has one.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The numbering prefix (`公开12表` → 公开12表-3), printed right above the grid; none for a
    /// form whose tables carry no number.
    #[serde(default)]
    pub number: Option<String>,
    /// Label-value fields printed above the title (报表编号：…).
    #[serde(default)]
    pub before: Vec<LineField>,
    /// Label-value fields printed between the title and the grid (单位名称：… 填报日期：…).
    #[serde(default)]
    pub after: Vec<LineField>,
}

/// A label and its value on one line, outside the grid: `报表编号：510000_0013zp`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineField {
    pub label: String,
    pub field: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signs {
    /// `>=`, `<=`, `=`
    #[default]
    Ascii,
    /// `≥`, `≤`, `＝`
    Math,
}

/// A block of the grid, by its `kind`: each kind takes its own keys (another kind's key is an
/// error with its line, as any unknown key is).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Rows(RowsBlock),
    Funds(FundsBlock),
    Indicators(IndicatorsBlock),
    Total(TotalBlock),
}

/// Rows of labels and fields, with an optional label down the first column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowsBlock {
    #[serde(default)]
    pub label: Option<Label>,
    /// The rows, each a list of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// 项目资金: its header row, its columns and its rows (the first, 年度资金总额, the scored one).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsBlock {
    /// A label down the first column, beside every row of the block.
    #[serde(default)]
    pub label: Option<Label>,
    /// The header cell over the row labels (often empty), and how many columns they span.
    #[serde(default)]
    pub head: Option<Label>,
    #[serde(default)]
    pub head_span: Option<usize>,
    /// The columns, left to right.
    pub columns: Vec<Column<FundValue>>,
    /// The rows, the first (年度资金总额) the one that is scored.
    pub funds: Vec<FundRowSpec>,
    /// What the unscored rows print under 分值 and 得分 (—, /).
    #[serde(default)]
    pub unscored: Option<String>,
    /// The unscored rows merge 分值, 执行率 and 得分 into one cell.
    #[serde(default)]
    pub merge_unscored: bool,
    /// Decimals of every printed 执行率 (Sichuan prints 100.00%); by default as few as needed. A
    /// row the unit left empty prints no rate: nothing is invented.
    #[serde(default)]
    pub rate_decimals: Option<u32>,
}

/// 绩效指标: the header (with its groups) and one row per indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsBlock {
    /// A label down the first column, beside the header and every indicator.
    #[serde(default)]
    pub label: Option<Label>,
    /// The columns, left to right.
    pub columns: Vec<Column<IndicatorField>>,
    /// A header row above the column labels that groups them (绩效指标 over three).
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The header repeats on every page (not where a block label spans it).
    #[serde(default)]
    pub repeat_header: Option<bool>,
}

/// The total row: its label (总分, 合计) and whether a 自评等级 cell follows the score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalBlock {
    pub label: Label,
    #[serde(default)]
    pub grade: bool,
}

/// What a funds column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundValue {
    /// 年初预算数
    Initial,
    /// 全年预算数 (调整后预算数): what the 执行率 is measured against.
    Budget,
    /// 全年执行数
    Executed,
    /// 分值 of the 执行率
    Weight,
    /// 执行率
    Rate,
    /// 得分 of the 执行率
    Score,
    /// 原因 (Sichuan)
    Reason,
    /// A text of the form's own beside the funds, named by the column's `field` (Beijing's
    /// 得分计算方法): read from the first row, printed down the block.
    Text,
}

impl Block {
    /// The label down the block's first column, if it has one.
    pub fn label(&self) -> Option<&Label> {
        match self {
            Block::Rows(b) => b.label.as_ref(),
            Block::Funds(b) => b.label.as_ref(),
            Block::Indicators(b) => b.label.as_ref(),
            Block::Total(b) => Some(&b.label),
        }
    }

    /// Every label the block prints, with its other spellings, in reading order.
    pub fn labels(&self) -> Vec<(String, Vec<String>)> {
        let label = |l: &Label| (l.text().to_string(), l.accept().to_vec());
        let mut out: Vec<(String, Vec<String>)> = self.label().map(label).into_iter().collect();
        match self {
            Block::Rows(b) => {
                for row in &b.rows {
                    out.extend(row.iter().filter_map(|c| c.label.as_ref().map(|l| (l.clone(), c.accept.clone()))));
                }
            }
            Block::Funds(b) => {
                out.extend(b.head.iter().filter(|h| !h.text().is_empty()).map(label));
                out.extend(b.columns.iter().map(|c| (c.label.clone(), c.accept.clone())));
                out.extend(b.funds.iter().map(|r| (r.label.clone(), r.accept.clone())));
            }
            Block::Indicators(b) => {
                out.extend(b.columns.iter().map(|c| (c.label.clone(), c.accept.clone())));
                out.extend(b.groups.iter().map(|g| (g.label.clone(), vec![])));
            }
            Block::Total(_) => {}
        }
        out
    }
}

/// A label as printed (line breaks where the published form breaks it) and the other spellings
/// a workbook may use for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Label {
    Text(String),
    Full {
        text: String,
        #[serde(default)]
        accept: Vec<String>,
    },
}

impl Label {
    pub fn text(&self) -> &str {
        match self {
            Label::Text(t) | Label::Full { text: t, .. } => t,
        }
    }
    pub fn accept(&self) -> &[String] {
        match self {
            Label::Text(_) => &[],
            Label::Full { accept, .. } => accept,
        }
    }
}

/// A cell of a `rows` block: a label, or a field's value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default = "one")]
    pub span: usize,
    #[serde(default = "one")]
    pub rows: usize,
    #[serde(default)]
    pub align: Align,
    /// HTML: what a label cell heads (`row`, `col`, `rowgroup`, `colgroup`).
    #[serde(default)]
    pub scope: Option<String>,
}

fn notes_label() -> String {
    "备注".into()
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Center,
    Left,
}

/// A column of the funds or the indicators: what it holds (`V`), its label and other spellings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column<V> {
    /// What the column holds: a [`FundValue`] or an [`IndicatorField`].
    pub value: V,
    pub label: String,
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default = "one")]
    pub span: usize,
    #[serde(default)]
    pub align: Align,
    /// For a column of the form's own text (`value = "text"`: 指标值设置依据, 佐证资料, 二级指标（长期）):
    /// the name its values are kept under in the model, as a `rows` block's `field` is.
    #[serde(default)]
    pub field: Option<String>,
}

/// A row of the funds block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundRowSpec {
    /// The row's key in the model: `total`, `current`, `carried_over`, `other`, …
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub accept: Vec<String>,
}

/// A header cell over several indicator columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub label: String,
    pub columns: usize,
}
