//! The 自评质量分 rubric as data: the built-in default (`rubric.toml` beside this file), a
//! `[review]` section of jixiao.toml, or a file given with `--rubric`; the same keys in each.

use crate::diag::{Code, Diagnostic, Severity};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::Path;

const BUILTIN: &str = include_str!("rubric.toml");

/// 100 points; each category takes `each` points per finding of one of its codes, at most `cap`
/// (扣完为止 per category); a finding of a code no category names falls to `other`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub full: Decimal,
    #[serde(rename = "category", default)]
    pub categories: Vec<Category>,
    pub other: Other,
}

/// One line of a published rubric: 评价计分正确, 3 points a slip, at most 30.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: String,
    pub each: Decimal,
    pub cap: Decimal,
    pub codes: Vec<Code>,
}

/// Points per finding of a code no category names, by severity, at most `cap` in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Other {
    pub error: Decimal,
    pub warning: Decimal,
    pub note: Decimal,
    pub cap: Decimal,
}

impl Default for Rubric {
    fn default() -> Self {
        toml::from_str(BUILTIN).expect("the built-in rubric parses (a test pins it)")
    }
}

impl Rubric {
    /// Reads a rubric file; the error names the file and line.
    pub fn load(path: &Path) -> Result<Rubric, Diagnostic> {
        let place = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::new(Code::Config, crate::t!("config-unreadable", error = e)).at(place.clone()))?;
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            let at = line.map(|l| format!("{place}:{l}")).unwrap_or(place);
            Diagnostic::new(Code::Config, e.message().to_string()).at(at).hint(crate::t!("rubric-hint"))
        })
    }

    /// The category a code's findings count under; `None`: `other`.
    pub fn category_of(&self, code: Code) -> Option<usize> {
        self.categories.iter().position(|c| c.codes.contains(&code))
    }

    /// The points left of `full` after the findings: each category's deduction up to its cap.
    pub fn score<'a>(&self, findings: impl Iterator<Item = &'a Diagnostic>) -> Decimal {
        let mut taken = vec![Decimal::ZERO; self.categories.len()];
        let mut other = Decimal::ZERO;
        for d in findings {
            match self.category_of(d.code) {
                Some(k) => taken[k] += self.categories[k].each,
                None => {
                    other += match d.severity {
                        Severity::Error => self.other.error,
                        Severity::Warning => self.other.warning,
                        Severity::Note => self.other.note,
                    }
                }
            }
        }
        let capped: Decimal = taken.iter().zip(&self.categories).map(|(t, c)| (*t).min(c.cap)).sum::<Decimal>()
            + other.min(self.other.cap);
        (self.full - capped).max(Decimal::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn the_builtin_rubric_parses_and_names_each_code_once() {
        let r = Rubric::default();
        let mut seen = std::collections::BTreeSet::new();
        for c in r.categories.iter().flat_map(|c| &c.codes) {
            assert!(seen.insert(c.as_str()), "{c} in two categories");
        }
        assert_eq!(r.full, Decimal::ONE_HUNDRED);
    }

    #[test]
    fn a_category_takes_no_more_than_its_cap() {
        let r = Rubric::default();
        let mismatch = Diagnostic::new(Code::ScoreMismatch, String::new());
        let twenty = vec![mismatch; 20];
        // 评价计分正确: 3 points each, at most 30.
        assert_eq!(r.score(twenty.iter()), Decimal::from(70));
        assert_eq!(r.score(twenty.iter().take(2)), Decimal::from(94));
    }
}
