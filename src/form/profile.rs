//! The numbers of the scoring rules, in one value per form (its `[profile]`), so a province's
//! variant is data, not code.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A scoring profile. [`Profile::default`] is the built-in `yunnan-2021` form's: the national
/// rules as the seed packet applies them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The form it belongs to (set from the form's name).
    #[serde(default)]
    pub name: String,
    /// Points of the budget execution (预算执行率): 10, or 20 in Hubei.
    #[serde(rename = "budget_points")]
    pub funds_weight: Decimal,
    /// The whole table's points.
    #[serde(rename = "total_points")]
    pub total_weight: Decimal,
    /// Decimals of the 执行率 得分 (two in Yunnan: 10.00).
    pub funds_score_decimals: u32,
    /// Decimals the rules round an indicator's score to: 2, or 0 for whole points.
    #[serde(default = "two")]
    pub score_decimals: u32,
    /// Expected points per 一级指标; a missing 满意度 group gives its weight to the others.
    #[serde(rename = "groups", default)]
    pub first_level_weights: Vec<LevelWeight>,
    /// 定性 bands as fractions of 分值: 达成, 部分达成, 未达成.
    pub qualitative: QualitativeBands,
    /// Grades from the highest threshold down; below the last one is `lowest_grade`. A form
    /// without a 自评等级 has none.
    #[serde(default)]
    pub grades: Vec<GradeBand>,
    #[serde(default)]
    pub lowest_grade: Option<String>,
    /// Flag an actual at or above this multiple of a `>=` target (the target may be too low).
    #[serde(rename = "over_achievement", default)]
    pub over_achievement_ratio: Option<Decimal>,
    /// A typed score within this of the computed one is taken as equal.
    pub score_tolerance: Decimal,
}

fn two() -> u32 {
    2
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelWeight {
    #[serde(rename = "name")]
    pub level1: String,
    #[serde(rename = "points")]
    pub weight: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualitativeBands {
    pub achieved: (Decimal, Decimal),
    pub partial: (Decimal, Decimal),
    pub missed: (Decimal, Decimal),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub min: Decimal,
    pub grade: String,
}

impl Default for Profile {
    fn default() -> Self {
        crate::form::Forms::builtin().default_form().profile.clone()
    }
}

impl Profile {
    /// The profile of a form that does not score: no points anywhere.
    pub fn unscored() -> Profile {
        let zero = (Decimal::ZERO, Decimal::ZERO);
        Profile {
            name: String::new(),
            funds_weight: Decimal::ZERO,
            total_weight: Decimal::ZERO,
            funds_score_decimals: 2,
            score_decimals: 2,
            first_level_weights: Vec::new(),
            qualitative: QualitativeBands { achieved: zero, partial: zero, missed: zero },
            grades: Vec::new(),
            lowest_grade: None,
            over_achievement_ratio: None,
            score_tolerance: Decimal::ZERO,
        }
    }

    /// 自评等级 for a total score; none for a form without grades.
    pub fn grade(&self, total: Decimal) -> Option<&str> {
        if self.grades.is_empty() {
            return None;
        }
        self.grades.iter().find(|b| total >= b.min).map(|b| b.grade.as_str()).or(self.lowest_grade.as_deref())
    }

    /// The points of the indicators: the whole table's less the budget's.
    pub fn indicator_points(&self) -> Decimal {
        self.total_weight - self.funds_weight
    }

    /// How the grades read in a hint: `优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差`.
    pub fn grades_hint(&self) -> String {
        let mut s: Vec<String> = self.grades.iter().map(|b| format!("{} ≥ {}", b.grade, b.min.normalize())).collect();
        if let Some(l) = &self.lowest_grade {
            s.push(crate::t!("grades-else", grade = l));
        }
        s.join(&crate::t!("list-sep"))
    }

    /// How the groups' points read in a hint: `产出指标 50, 效益指标 30, 满意度指标 10`.
    pub fn groups_hint(&self) -> String {
        let s: Vec<String> =
            self.first_level_weights.iter().map(|g| format!("{} {}", g.level1, g.weight.normalize())).collect();
        s.join(", ")
    }
}
