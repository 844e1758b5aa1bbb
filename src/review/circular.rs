//! 通报.pdf: the draft circular of a review, laid out by Typst from `templates/circular.typ` (the
//! bureau's wording, ejectable and editable) with this module's figures as its data: the scope,
//! the grades, the ranking, the problems by rubric category with counts and examples, and what
//! needs attention (copies across units, inconsistent standards, departments of full marks).

use super::{FindingRow, Review};
use crate::diag::Severity;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// How many units the ranking names at each end, and examples per category.
const RANKED: usize = 10;
const EXAMPLES: usize = 3;
/// A unit with a quality score under this is named among those with many problems.
const LOW_QUALITY: f64 = 80.0;

#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub rank: String,
    pub name: String,
    pub department: String,
    pub quality: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub unit: String,
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub name: String,
    pub count: String,
    pub units: String,
    /// Up to three, from different units.
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grade {
    pub grade: String,
    pub count: String,
}

/// The circular's data: every figure already in words, as the template places it.
#[derive(Debug, Clone, Serialize)]
pub struct Circular {
    pub bureau: String,
    pub date: String,
    pub units: String,
    pub tables: String,
    pub unreadable: String,
    pub departments: String,
    pub top_share: String,
    pub full_share: String,
    pub mean_quality: String,
    pub full: String,
    /// Tables whose 自评得分 is above their 复核得分.
    pub inflated: String,
    pub grades: Vec<Grade>,
    pub best: Vec<Ranked>,
    pub worst: Vec<Ranked>,
    pub categories: Vec<Category>,
    /// What needs attention, a sentence each (the cross-unit findings' counts, the departments).
    pub flags: Vec<String>,
    /// How many units the 抽查名单 names, when one was drawn.
    pub sample: Option<String>,
}

fn pct(v: f64) -> String {
    format!("{:.1}", v * 100.0)
}

impl Circular {
    pub fn of(review: &Review, bureau: &str, date: &str) -> Circular {
        let st = &review.stats;
        let batch = st.batch.as_ref();
        let ranked = |u: &super::Unit| Ranked {
            rank: u.rank.map(|r| r.to_string()).unwrap_or_default(),
            name: u.name.clone(),
            department: u.department.clone(),
            quality: u.quality.map(|q| q.normalize().to_string()).unwrap_or_default(),
        };
        let mut order: Vec<&super::Unit> = review.units.iter().filter(|u| u.rank.is_some()).collect();
        order.sort_by_key(|u| u.rank);
        let best: Vec<Ranked> = order.iter().take(RANKED).map(|u| ranked(u)).collect();
        let worst: Vec<Ranked> = order
            .iter()
            .rev()
            .filter(|u| u.quality.and_then(|q| q.to_f64()).is_some_and(|q| q < LOW_QUALITY))
            .take(RANKED)
            .map(|u| ranked(u))
            .collect();
        // Problems by the rubric's categories (then 其他), warnings and errors only.
        let rubric = &review.rubric;
        let n = rubric.categories.len();
        let mut found: Vec<(usize, Vec<Example>, std::collections::BTreeSet<usize>)> =
            (0..=n).map(|_| (0, Vec::new(), Default::default())).collect();
        for (k, u) in review.units.iter().enumerate() {
            for d in u.report.diagnostics.iter().filter(|d| d.severity > Severity::Note) {
                let c = rubric.category_of(d.code).unwrap_or(n);
                let slot = &mut found[c];
                slot.0 += 1;
                let first_of_unit = slot.2.insert(k);
                if slot.1.len() < EXAMPLES && first_of_unit {
                    let row = FindingRow::of(&u.name, d);
                    // A message that names its unit itself is not prefixed with the name again.
                    let unit = if row.message.starts_with(&row.unit) { String::new() } else { row.unit };
                    slot.1.push(Example { unit, place: row.place, message: row.message });
                }
            }
        }
        let names = rubric.categories.iter().map(|c| c.name.clone()).chain([crate::t!("review-category-other")]);
        let categories = names
            .zip(found)
            .filter(|(_, (count, _, _))| *count > 0)
            .map(|(name, (count, examples, units))| Category {
                name,
                count: count.to_string(),
                units: units.len().to_string(),
                examples,
            })
            .collect();
        let count = |code: crate::diag::Code| review.across().filter(|d| d.code == code).count();
        let mut flags = Vec::new();
        for (code, key) in [
            (crate::diag::Code::CopiedAcrossUnits, "circular-copied"),
            (crate::diag::Code::GoalsCopiedAcrossUnits, "circular-goals"),
            (crate::diag::Code::InconsistentStandard, "circular-standards"),
        ] {
            let n = count(code);
            if n > 0 {
                flags.push(crate::i18n::text(key, &[("count", n.to_string())]));
            }
        }
        flags.extend(review.batch.diagnostics.iter().map(|d| format!("{}。", d.message)));
        Circular {
            bureau: bureau.to_string(),
            date: date.to_string(),
            units: st.units.to_string(),
            tables: st.tables.to_string(),
            unreadable: st.unreadable.to_string(),
            departments: st.departments.iter().filter(|d| !d.name.is_empty()).count().to_string(),
            top_share: batch.map(|b| pct(b.top_share)).unwrap_or_default(),
            full_share: batch.map(|b| pct(b.full_share)).unwrap_or_default(),
            mean_quality: batch.map(|b| format!("{:.1}", b.mean_quality)).unwrap_or_default(),
            full: rubric.full.normalize().to_string(),
            inflated: review
                .units
                .iter()
                .flat_map(|u| &u.tables)
                .filter(|t| t.gap.is_some_and(|g| g > rust_decimal::Decimal::new(5, 1)))
                .count()
                .to_string(),
            grades: super::stats::GRADES
                .iter()
                .zip(batch.map(|b| b.grades).unwrap_or_default())
                .map(|(g, n)| Grade { grade: g.to_string(), count: n.to_string() })
                .collect(),
            best,
            worst,
            categories,
            flags,
            sample: review.sample.as_ref().map(|s| s.picks.len().to_string()),
        }
    }
}
