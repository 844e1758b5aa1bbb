//! The 抽查名单: a reproducible sample of units for 抽查复核, stratified by 主管部门 (each
//! department's share of the picks follows its share of the units) and, within one, drawn with
//! weights toward risk (a large budget, a low 自评质量分, the review's red flags, errors), each
//! pick with its reasons. The same units and seed give the same sample.

use super::Unit;
use crate::t;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// How many units to pick: `10` or `10%` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Size {
    Count(usize),
    Percent(f64),
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Size, String> {
        let s = s.trim();
        let bad = || t!("sample-size-invalid", value = s);
        match s.strip_suffix(['%', '％']) {
            Some(p) => match p.trim().parse::<f64>() {
                Ok(p) if p > 0.0 && p <= 100.0 => Ok(Size::Percent(p)),
                _ => Err(bad()),
            },
            None => s.parse::<usize>().ok().filter(|&n| n > 0).map(Size::Count).ok_or_else(bad),
        }
    }
}

/// What was asked: the size and, to draw a sample again, its seed.
#[derive(Debug, Clone, Copy)]
pub struct Ask {
    pub size: Size,
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pick {
    /// The unit's place in the review (0-based).
    pub unit: usize,
    pub name: String,
    pub department: String,
    pub file: String,
    /// The weight it was drawn with (1 plus its risk).
    pub weight: f64,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// The seed used: the one given, else one taken from the units' files, printed to be given back.
    pub seed: u64,
    pub size: Size,
    pub picks: Vec<Pick>,
}

/// A seed from the batch itself: the same files give the same sample without `--seed`.
fn seed_of(units: &[Unit]) -> u64 {
    let mut h = Sha256::new();
    for u in units {
        h.update(u.file.as_bytes());
        h.update([0]);
    }
    u64::from_le_bytes(h.finalize()[..8].try_into().expect("eight bytes"))
}

/// A unit's budget: the sum of its tables' 全年预算数.
fn amount(u: &Unit) -> f64 {
    u.tables.iter().filter_map(|t| t.amount?.to_f64()).sum()
}

/// The risk a unit carries and why: each reason adds to its weight. `rank` is the share of the
/// batch's units with a smaller budget (0–1).
fn risk(u: &Unit, rank: f64) -> (f64, Vec<String>) {
    let mut weight = 1.0 + rank;
    let mut reasons = Vec::new();
    if rank >= 0.8 {
        reasons.push(t!("sample-reason-amount", amount = format!("{:.2}", amount(u))));
    }
    if let Some(q) = u.quality.and_then(|q| q.to_f64()) {
        weight += (100.0 - q) / 10.0;
        if q < 80.0 {
            reasons.push(t!("sample-reason-quality", quality = q));
        }
    }
    let mut flags: Vec<String> =
        u.report.diagnostics.iter().filter(|d| super::flags::is_review_code(d.code)).map(|d| d.code.title()).collect();
    flags.dedup();
    if !flags.is_empty() {
        weight += 3.0 * flags.len().min(3) as f64;
        reasons.push(t!("sample-reason-flags", flags = flags.join("、")));
    }
    if u.errors > 0 {
        weight += 2.0;
        reasons.push(t!("sample-reason-errors", count = u.errors));
    }
    if reasons.is_empty() {
        reasons.push(t!("sample-reason-random"));
    }
    (weight, reasons)
}

pub fn draw(units: &[Unit], ask: Ask) -> Sample {
    let seed = ask.seed.unwrap_or_else(|| seed_of(units));
    let readable: Vec<usize> = (0..units.len()).filter(|&k| units[k].unreadable.is_none()).collect();
    let n = match ask.size {
        Size::Count(n) => n,
        Size::Percent(p) => (readable.len() as f64 * p / 100.0).ceil() as usize,
    }
    .min(readable.len());
    // One uniform draw per unit, in input order: the sample depends on the seed and the units only.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let draws: Vec<f64> = units.iter().map(|_| rng.random::<f64>()).collect();
    let mut budgets: Vec<f64> = readable.iter().map(|&k| amount(&units[k])).collect();
    budgets.sort_by(f64::total_cmp);
    let rank = |u: &Unit| {
        let below = budgets.partition_point(|&b| b < amount(u));
        below as f64 / budgets.len().max(1) as f64
    };
    let mut strata: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &k in &readable {
        strata.entry(units[k].department.as_str()).or_default().push(k);
    }
    // Each stratum's quota: its share of n, the remainders to the largest fractions.
    let total = readable.len().max(1) as f64;
    let exact: Vec<f64> = strata.values().map(|s| n as f64 * s.len() as f64 / total).collect();
    let mut quota: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..quota.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &s in order.iter().take(n - quota.iter().sum::<usize>()) {
        quota[s] += 1;
    }
    let mut picks = Vec::new();
    for (members, q) in strata.values().zip(quota) {
        // Weighted sampling without replacement (Efraimidis–Spirakis): the largest u^(1/w) win.
        let mut keyed: Vec<(f64, usize, f64, Vec<String>)> = members
            .iter()
            .map(|&k| {
                let (w, reasons) = risk(&units[k], rank(&units[k]));
                (draws[k].powf(1.0 / w), k, w, reasons)
            })
            .collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, k, weight, reasons) in keyed.into_iter().take(q) {
            let u = &units[k];
            picks.push(Pick {
                unit: k,
                name: u.name.clone(),
                department: u.department.clone(),
                file: u.file.clone(),
                weight: (weight * 100.0).round() / 100.0,
                reasons,
            });
        }
    }
    picks.sort_by_key(|p| p.unit);
    Sample { seed, size: ask.size, picks }
}
