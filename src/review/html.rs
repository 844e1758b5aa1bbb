//! review.html: one self-contained page (no scripts, no files beside it) with the 汇总, the
//! findings across units, the 抽查名单, the 统计 with its charts as inline SVG, every finding and
//! the rubric. Rendered by Tera from `templates/review/review.html`; every word from the
//! catalogue through `tr()`.

use super::charts::{self, Charts};
use super::{FindingRow, Review};
use crate::render::html::chain;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use tera::{Context, Tera};

/// Findings listed on the page at most, in each list: a page of a hundred thousand rows helps no
/// reader (and costs the memory of all of them at once); review.xlsx lists every one.
pub const SHOWN: usize = 2_000;

const TEMPLATE: &str = include_str!("../../templates/review/review.html");

/// A unit's line of the page.
#[derive(Serialize)]
pub struct UnitLine<'a> {
    name: &'a str,
    department: &'a str,
    file: &'a str,
    tables: usize,
    errors: usize,
    warnings: usize,
    self_mean: String,
    review_mean: String,
    quality: String,
    rank: String,
    unreadable: &'a str,
}

/// What the page shows (also `jixiao serve`'s review page).
#[derive(Serialize)]
pub struct Page<'a> {
    units: Vec<UnitLine<'a>>,
    stats: &'a super::stats::Stats,
    across: Vec<FindingRow>,
    across_total: usize,
    findings: Vec<FindingRow>,
    findings_total: usize,
    sample: Option<&'a super::sample::Sample>,
    rubric: &'a super::Rubric,
    charts: Charts,
}

fn mean(v: impl Iterator<Item = rust_decimal::Decimal>) -> String {
    let v: Vec<f64> = v.filter_map(|d| d.to_f64()).collect();
    match v.is_empty() {
        true => String::new(),
        false => format!("{:.2}", v.iter().sum::<f64>() / v.len() as f64),
    }
}

/// The page's data: every list and chart of the review.
pub fn page(review: &Review) -> Page<'_> {
    let units = review
        .units
        .iter()
        .map(|u| UnitLine {
            name: &u.name,
            department: &u.department,
            file: &u.file,
            tables: u.tables.len(),
            errors: u.errors,
            warnings: u.warnings,
            self_mean: mean(u.totals()),
            review_mean: mean(u.tables.iter().filter_map(|t| t.review_score)),
            quality: u.quality.map(|q| q.normalize().to_string()).unwrap_or_default(),
            rank: u.rank.map(|r| r.to_string()).unwrap_or_default(),
            unreadable: u.unreadable.as_deref().unwrap_or(""),
        })
        .collect();
    let (mut across, mut findings) = (review.across_rows(), review.finding_rows());
    let (across_total, findings_total) = (across.len(), findings.len());
    across.truncate(SHOWN);
    findings.truncate(SHOWN);
    Page {
        units,
        stats: &review.stats,
        across,
        across_total,
        findings,
        findings_total,
        sample: review.sample.as_ref(),
        rubric: &review.rubric,
        charts: charts::draw(&review.stats),
    }
}

pub fn write(review: &Review) -> Result<Vec<u8>, String> {
    let page = page(review);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.register_function("tr", crate::i18n::tera_tr);
    tera.add_raw_template("review.html", TEMPLATE).map_err(|e| chain(&e))?;
    let ctx = Context::from_serialize(&page).map_err(|e| chain(&e))?;
    tera.render("review.html", &ctx).map(String::into_bytes).map_err(|e| chain(&e))
}
