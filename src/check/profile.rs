//! The numbers of the scoring rules, in one value, so a province's variant is data, not code.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// A scoring profile. [`Profile::national`] is the default: the national rules as the seed
/// packet (Yunnan, 2021) applies them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// 分值 of the 预算执行率 row.
    pub funds_weight: Decimal,
    /// The whole table's 分值.
    pub total_weight: Decimal,
    /// Decimals of the 执行率 得分 (two in Yunnan: 10.00).
    pub funds_score_decimals: u32,
    /// Expected 分值 per 一级指标; a missing 满意度 group gives its weight to the others.
    pub first_level_weights: Vec<LevelWeight>,
    /// 定性 bands as fractions of 分值: 达成, 部分达成, 未达成.
    pub qualitative: QualitativeBands,
    /// Grades from the highest threshold down; below the last one is `lowest_grade`.
    pub grades: Vec<GradeBand>,
    pub lowest_grade: String,
    /// Flag an actual at or above this multiple of a `>=` target (the target may be too low).
    pub over_achievement_ratio: Option<Decimal>,
    /// A typed score within this of the computed one is taken as equal.
    pub score_tolerance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelWeight {
    pub level1: String,
    pub weight: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualitativeBands {
    pub achieved: (Decimal, Decimal),
    pub partial: (Decimal, Decimal),
    pub missed: (Decimal, Decimal),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeBand {
    pub min: Decimal,
    pub grade: String,
}

impl Default for Profile {
    fn default() -> Self {
        Self::national()
    }
}

impl Profile {
    pub fn national() -> Self {
        let lw = |l: &str, w| LevelWeight { level1: l.into(), weight: w };
        let gb = |min, g: &str| GradeBand { min, grade: g.into() };
        Profile {
            name: "national".into(),
            funds_weight: dec!(10),
            total_weight: dec!(100),
            funds_score_decimals: 2,
            first_level_weights: vec![lw("产出指标", dec!(50)), lw("效益指标", dec!(30)), lw("满意度指标", dec!(10))],
            qualitative: QualitativeBands {
                achieved: (dec!(0.8), dec!(1)),
                partial: (dec!(0.6), dec!(0.8)),
                missed: (dec!(0), dec!(0.6)),
            },
            grades: vec![gb(dec!(90), "优"), gb(dec!(80), "良"), gb(dec!(60), "中")],
            lowest_grade: "差".into(),
            over_achievement_ratio: Some(dec!(1.2)),
            score_tolerance: dec!(0.01),
        }
    }

    /// 自评等级 for a total score.
    pub fn grade(&self, total: Decimal) -> &str {
        self.grades.iter().find(|b| total >= b.min).map(|b| b.grade.as_str()).unwrap_or(&self.lowest_grade)
    }
}
