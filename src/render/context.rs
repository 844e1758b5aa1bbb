//! The one serializable context every renderer draws from (as mdBook's RenderContext): each
//! table's cells already formatted by [`super::format`], so PDF, HTML and XLSX agree.

use super::format::{self, DASH};
use crate::check::Profile;
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
    pub formats: Vec<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct TableContext {
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
        Self::with_formats(packet, profile, options, &["pdf", "html", "xlsx"])
    }

    pub fn with_formats(packet: &Packet, profile: &Profile, options: LayoutOptions, formats: &[&str]) -> Self {
        let tables: Vec<_> = packet.tables.iter().map(|t| TableContext::new(t, profile)).collect();
        PacketContext {
            title: tables.first().map(|t| t.title.clone()).unwrap_or_else(|| "项目支出绩效自评表".into()),
            unit: tables.first().map(|t| t.implementer.clone()).unwrap_or_default(),
            tables,
            options,
            formats: formats.iter().map(|f| f.to_string()).collect(),
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
        let funds = t
            .funds
            .rows()
            .into_iter()
            .map(|(kind, row)| {
                let scored = kind == FundKind::Total;
                FundRowContext {
                    label: kind.label().to_string(),
                    initial: format::money(row.initial.value),
                    full_year: format::money(row.full_year.value),
                    executed: format::money(row.executed.value),
                    weight: if scored { format::score(t.funds.weight.value) } else { DASH.into() },
                    rate: if row.is_empty() { String::new() } else { format::rate(row.rate.value) },
                    score: if scored {
                        format::fixed(t.funds.score.value, profile.funds_score_decimals)
                    } else {
                        DASH.into()
                    },
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
            indicators.push(IndicatorContext {
                level1: ind.level1.value.clone(),
                level1_span: if same { 0 } else { 1 },
                level2: ind.level2.value.clone(),
                name: ind.name.value.clone(),
                sign: ind.sign.value.map(|s| s.as_str().to_string()).unwrap_or_default(),
                target: format::measure(&ind.target.value),
                unit: ind.unit.value.clone(),
                actual: format::measure(&ind.actual.value),
                weight: format::score(ind.weight.value),
                score: format::score(ind.score.value),
                reason: ind.reason.value.clone(),
            });
        }
        TableContext {
            number: t.number.value.clone(),
            slug: slug(&t.number.value),
            title: t.title.value.clone(),
            project: t.project.value.clone(),
            department: t.department.value.clone(),
            implementer: t.implementer.value.clone(),
            funds,
            expected: t.goals.expected.value.clone(),
            achieved: t.goals.achieved.value.clone(),
            indicators,
            other_matters: t.other_matters.value.clone(),
            total_weight: format::score(t.total.weight.value),
            total_score: format::score(t.total.score.value),
            grade: t.total.grade.value.clone().unwrap_or_default(),
            notes: t.notes.iter().map(|n| n.value.clone()).collect(),
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
    /// When the corrected packet was published, and when this one is.
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
    /// 随之重算 when the rules recomputed it from another change.
    pub note: String,
}

impl CorrectionContext {
    pub fn new(diff: &crate::diff::PacketDiff, packet: &PacketContext, previous: i64, now: i64) -> Self {
        use crate::diff::Status;
        let blank = |s: &str| if s.is_empty() { "（空）".to_string() } else { s.to_string() };
        CorrectionContext {
            title: format!("关于《{}》的更正说明", packet.title),
            packet_title: packet.title.clone(),
            unit: packet.unit.clone(),
            previous_date: super::format::chinese_date(previous),
            date: super::format::chinese_date(now),
            tables: diff
                .tables
                .iter()
                .map(|t| CorrectedTable {
                    number: t.number.clone(),
                    project: t.project.clone(),
                    status: match t.status {
                        Status::Changed => "更正".into(),
                        Status::Added => "新增".into(),
                        Status::Removed => "删除".into(),
                        Status::Moved => format!("调整表号（原{}）", t.old_number.as_deref().unwrap_or("")),
                    },
                    changes: t
                        .changes
                        .iter()
                        .map(|c| CorrectedField {
                            field: c.field.clone(),
                            old: blank(&c.old),
                            new: blank(&c.new),
                            note: if c.derived { "随之重算".into() } else { String::new() },
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
