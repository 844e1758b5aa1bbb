//! The one serializable context every renderer draws from (as mdBook's RenderContext): each
//! table's cells already formatted by [`super::format`], so PDF, HTML and XLSX agree.

use super::Format;
use crate::check::Profile;
use crate::model::fields::{Field, FundColumn, IndicatorField};
use crate::model::format::DASH;
use crate::model::{FundKind, Packet, Table};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PacketContext {
    /// The packet's title, e.g. 2021年度项目支出绩效自评表.
    pub title: String,
    /// The unit publishing the packet (the 实施单位 of the first table).
    pub unit: String,
    pub tables: Vec<TableContext>,
    pub options: LayoutOptions,
    /// The formats this build writes (`pdf`, `html`, `xlsx`), so pages link only to files that exist.
    pub formats: Vec<Format>,
    /// Set when this packet corrects a published one.
    pub correction: Option<CorrectionContext>,
    /// Decimals of the 执行率 得分, for writers that print numbers themselves (Excel).
    pub funds_score_decimals: u32,
}

/// Choices about the page, shared by every table.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LayoutOptions {
    pub landscape: bool,
}

/// The ten columns A–J of the published grid, by relative width: the one source of the column
/// widths of the PDF (Typst `fr`), the HTML (percentages) and the Excel copy (characters).
pub const COLUMNS: [u32; 10] = [9, 17, 19, 10, 10, 9, 11, 7, 7, 19];

/// A column of the grid: its relative width, and its share of the table's width as CSS says it.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnContext {
    pub width: u32,
    /// `7.6%`
    pub percent: String,
}

fn columns(widths: &[u32]) -> Vec<ColumnContext> {
    let total: u32 = widths.iter().sum();
    let percent = |w: u32| {
        let p = rust_decimal::Decimal::from(w * 100) / rust_decimal::Decimal::from(total);
        format!("{}%", crate::model::round_half_up(p, 1).normalize())
    };
    widths.iter().map(|&w| ColumnContext { width: w, percent: percent(w) }).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct TableContext {
    /// The grid's columns, left to right.
    pub columns: Vec<ColumnContext>,
    pub number: String,
    /// A file-name-safe form of the number, for `tables/<slug>.pdf`.
    pub slug: String,
    pub title: String,
    pub project: String,
    pub department: String,
    pub implementer: String,
    pub funds: Vec<FundRowContext>,
    pub expected: String,
    pub achieved: String,
    pub indicators: Vec<IndicatorContext>,
    pub other_matters: String,
    pub total_weight: String,
    pub total_score: String,
    pub grade: String,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FundRowContext {
    pub label: String,
    pub initial: String,
    pub full_year: String,
    pub executed: String,
    pub weight: String,
    pub rate: String,
    pub score: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorContext {
    pub level1: String,
    /// Rows the 一级指标 cell spans from this row; 0 on the rows it covers.
    pub level1_span: usize,
    pub level2: String,
    pub name: String,
    pub sign: String,
    pub target: String,
    pub unit: String,
    pub actual: String,
    pub weight: String,
    pub score: String,
    pub reason: String,
}

impl PacketContext {
    pub fn new(packet: &Packet, profile: &Profile, options: LayoutOptions) -> Self {
        Self::with_formats(packet, profile, options, &Format::ALL)
    }

    pub fn with_formats(packet: &Packet, profile: &Profile, options: LayoutOptions, formats: &[Format]) -> Self {
        let tables: Vec<_> = packet.tables.iter().map(|t| TableContext::new(t, profile)).collect();
        PacketContext {
            title: tables.first().map(|t| t.title.clone()).unwrap_or_else(|| "项目支出绩效自评表".into()),
            unit: tables.first().map(|t| t.implementer.clone()).unwrap_or_default(),
            tables,
            options,
            formats: formats.to_vec(),
            correction: None,
            funds_score_decimals: profile.funds_score_decimals,
        }
    }
}

/// `公开12表-1` stays as it is; characters that file systems dislike become `_`.
pub fn slug(number: &str) -> String {
    let s: String = number
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) || c.is_whitespace() { '_' } else { c })
        .collect();
    if s.is_empty() {
        "table".into()
    } else {
        s
    }
}

impl TableContext {
    pub fn new(t: &Table, profile: &Profile) -> Self {
        let decimals = profile.funds_score_decimals;
        let print = |f: Field| f.print(t, decimals).text;
        let funds = FundKind::ALL
            .into_iter()
            .map(|kind| {
                let scored = kind == FundKind::Total;
                let [initial, full_year, executed, rate] = FundColumn::ALL.map(|c| print(Field::Fund(kind, c)));
                FundRowContext {
                    label: kind.label().to_string(),
                    initial,
                    full_year,
                    executed,
                    weight: if scored { print(Field::FundsWeight) } else { DASH.into() },
                    rate,
                    score: if scored { print(Field::FundsScore) } else { DASH.into() },
                }
            })
            .collect();
        // 一级指标 merges down runs of equal values, as the published tables print it.
        let mut indicators: Vec<IndicatorContext> = Vec::with_capacity(t.indicators.len());
        let mut group_start = 0;
        for (i, ind) in t.indicators.iter().enumerate() {
            let same = i > 0 && t.indicators[i - 1].level1.value == ind.level1.value;
            if same {
                indicators[group_start].level1_span += 1;
            } else {
                group_start = i;
            }
            let [level1, level2, name, sign, target, unit, actual, weight, score, reason] =
                IndicatorField::ALL.map(|f| f.print(ind).text);
            indicators.push(IndicatorContext {
                level1,
                level1_span: if same { 0 } else { 1 },
                level2,
                name,
                sign,
                target,
                unit,
                actual,
                weight,
                score,
                reason,
            });
        }
        let number = print(Field::Number);
        TableContext {
            columns: columns(&COLUMNS),
            slug: slug(&number),
            number,
            title: print(Field::Title),
            project: print(Field::Project),
            department: print(Field::Department),
            implementer: print(Field::Implementer),
            funds,
            expected: print(Field::Expected),
            achieved: print(Field::Achieved),
            indicators,
            other_matters: print(Field::OtherMatters),
            total_weight: print(Field::TotalWeight),
            total_score: print(Field::TotalScore),
            grade: print(Field::Grade),
            notes: (0..t.notes.len()).map(|k| print(Field::Note(k))).collect(),
        }
    }
}

/// The 更正说明 (correction notice) of a packet that corrects a published one.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionContext {
    /// 关于《2021年度项目支出绩效自评表》的更正说明
    pub title: String,
    /// The corrected packet's title: 2021年度项目支出绩效自评表.
    pub packet_title: String,
    pub unit: String,
    /// When the corrected packet was published, and when this one is (2022年6月30日, or a blank
    /// line to fill in where the date is not known).
    pub previous_date: String,
    pub date: String,
    pub tables: Vec<CorrectedTable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectedTable {
    pub number: String,
    pub project: String,
    /// 更正, 新增, 删除, 调整表号（原公开12表-3）.
    pub status: String,
    pub changes: Vec<CorrectedField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectedField {
    pub field: String,
    pub old: String,
    pub new: String,
    /// Why the value changed when the user did not change it: it follows from a change above.
    pub note: String,
}
