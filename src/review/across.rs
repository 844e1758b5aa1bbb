//! What only a view across units shows: indicator blocks and goal texts copied from another
//! unit's table, one 三级指标 measured against very different standards, and 主管部门 whose tables
//! score far above the batch. Each finding names both ends. Every pass groups by a key (a block's
//! content, a text, a normalized name), so the work grows with the tables, not with their pairs:
//! a batch of copies gives one finding per copy, never one per pair.

use super::Unit;
use crate::diag::{Code, Diagnostic, Report};
use crate::model::{Indicator, Located, Measure, Table};
use crate::t;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// The findings across units: those that point at one unit's table (with the unit's index),
/// and those about the batch (a 主管部门's shares).
pub struct Across {
    pub pointed: Vec<(usize, Diagnostic)>,
    pub batch: Report,
}

/// The codes of findings across units that point at one unit's table.
pub fn is_across(code: Code) -> bool {
    matches!(code, Code::CopiedAcrossUnits | Code::GoalsCopiedAcrossUnits | Code::InconsistentStandard)
}

pub fn findings(units: &[Unit]) -> Across {
    let mut pointed = Vec::new();
    copied_blocks(units, &mut pointed);
    copied_goals(units, &mut pointed);
    inconsistent_standards(units, &mut pointed);
    Across { pointed, batch: department_shares(units) }
}

/// Where a table sits: (unit, table).
type At = (usize, usize);

fn table(units: &[Unit], (u, k): At) -> &Table {
    &units[u].packet.tables[k]
}

/// Every table of every readable unit, with its place.
fn tables(units: &[Unit]) -> impl Iterator<Item = (At, &Table)> {
    units.iter().enumerate().flat_map(|(u, unit)| unit.packet.tables.iter().enumerate().map(move |(k, t)| ((u, k), t)))
}

/// Another unit's table: another workbook, of a unit by another name (one unit's two workbooks
/// are one unit's repeats, which `check` names within a workbook).
fn other_unit(units: &[Unit], a: At, b: At) -> bool {
    a.0 != b.0 && units[a.0].name != units[b.0].name
}

/// A finding about table `t` at `at`, placed at `place` in it, with the unit it points at.
fn pointing(t: &Table, at: At, d: Diagnostic, place: crate::diag::Location) -> (usize, Diagnostic) {
    (at.0, d.at(place.in_table(at.1)).in_table(&t.number.value))
}

/// For each key, the first table that has it; each later table of another unit with the same key
/// is handed to `found` with that first one.
fn firsts<'u, K: std::hash::Hash + Eq>(
    units: &'u [Unit],
    key: impl Fn(&'u Table) -> Option<K>,
    mut found: impl FnMut(At, At),
) {
    let mut first: HashMap<K, At> = HashMap::new();
    for (at, t) in tables(units) {
        let Some(k) = key(t) else { continue };
        match first.get(&k) {
            None => {
                first.insert(k, at);
            }
            Some(&earlier) if other_unit(units, earlier, at) => found(at, earlier),
            Some(_) => {}
        }
    }
}

fn copied_blocks(units: &[Unit], out: &mut Vec<(usize, Diagnostic)>) {
    let key = |t: &Table| {
        (!t.indicators.is_empty())
            .then(|| t.indicators.iter().map(Indicator::content_key).collect::<Vec<_>>().join("\n"))
    };
    firsts(units, key, |at, earlier| {
        let (t, et) = (table(units, at), table(units, earlier));
        let d = Diagnostic::new(
            Code::CopiedAcrossUnits,
            t!(
                "copied-across-units",
                unit = units[at.0].name,
                table = t.number.value,
                project = t.project.value,
                other_unit = units[earlier.0].name,
                other_table = et.number.value,
                other_project = et.project.value,
                at = et.location(&et.indicators[0].name)
            ),
        )
        .hint(t!("copied-across-units-hint"));
        out.push(pointing(t, at, d, t.location(&t.indicators[0].name)));
    });
}

/// A goal text worth comparing: without spaces, and long enough that two units could not write
/// it alike by chance (a 无 or a 完成年度目标 can be the same in any two tables).
fn goal_key(v: &Located<String>) -> Option<String> {
    let s: String = v.value.chars().filter(|c| !c.is_whitespace()).collect();
    (s.chars().count() >= 20).then_some(s)
}

fn copied_goals(units: &[Unit], out: &mut Vec<(usize, Diagnostic)>) {
    type Field = fn(&Table) -> &Located<String>;
    let fields: [(&str, Field); 2] =
        [("goals-expected", |t| &t.goals.expected), ("goals-achieved", |t| &t.goals.achieved)];
    for (what, field) in fields {
        firsts(
            units,
            |t| goal_key(field(t)),
            |at, earlier| {
                let (t, et) = (table(units, at), table(units, earlier));
                let d = Diagnostic::new(
                    Code::GoalsCopiedAcrossUnits,
                    t!(
                        "goals-copied-across-units",
                        unit = units[at.0].name,
                        table = t.number.value,
                        what = crate::i18n::text(what, &[]),
                        other_unit = units[earlier.0].name,
                        other_table = et.number.value,
                        at = et.location(field(et))
                    ),
                )
                .hint(t!("goals-copied-across-units-hint"));
                out.push(pointing(t, at, d, t.location(field(t))));
            },
        );
    }
}

/// A 三级指标's name as units spell it alike: letters, digits and CJK only, a leading number
/// (1. / （1） / 一、) dropped.
pub fn normalized_name(name: &str) -> String {
    let s = name.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十.、．)）(（ ".contains(c) || c.is_whitespace()
    });
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A target is far from the others' when it is over three times, or under a third of, the
/// median of the same indicator's targets.
const FAR: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// One 三级指标 (normalized name) in tables of at least three units: a row whose 度量单位 is not
/// the one most units use, or whose numeric 指标值 is far from their median, is named with an
/// example of the common standard.
fn inconsistent_standards(units: &[Unit], out: &mut Vec<(usize, Diagnostic)>) {
    // name → rows (unit, table, indicator) with a numeric target.
    let mut by_name: BTreeMap<String, Vec<(At, usize)>> = BTreeMap::new();
    for (at, t) in tables(units) {
        for (i, ind) in t.indicators.iter().enumerate() {
            if ind.target.value.as_ref().and_then(Measure::number).is_some() {
                let name = normalized_name(&ind.name.value);
                if !name.is_empty() {
                    by_name.entry(name).or_default().push((at, i));
                }
            }
        }
    }
    let ind = |(at, i): (At, usize)| &table(units, at).indicators[i];
    for rows in by_name.values() {
        let mut names: Vec<&str> = rows.iter().map(|r| units[r.0 .0].name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() < 3 {
            continue;
        }
        // The unit of measure most rows use (by count; the first seen among equals).
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for &r in rows {
            let u = ind(r).unit.value.trim();
            match counts.iter_mut().find(|(n, _)| *n == u) {
                Some(c) => c.1 += 1,
                None => counts.push((u, 1)),
            }
        }
        let (common, n) = counts.iter().copied().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).unwrap_or(("", 0));
        if n * 2 <= rows.len() {
            continue; // no unit of measure most rows agree on
        }
        let usual: Vec<(At, usize)> = rows.iter().copied().filter(|&r| ind(r).unit.value.trim() == common).collect();
        let mut values: Vec<Decimal> =
            usual.iter().filter_map(|&r| ind(r).target.value.as_ref().and_then(Measure::number)).collect();
        values.sort();
        let median = values[values.len() / 2];
        let example = usual[0];
        for &r in rows {
            let row = ind(r);
            let v = row.target.value.as_ref().and_then(Measure::number).unwrap_or_default();
            let unit_differs = row.unit.value.trim() != common;
            let far = median > Decimal::ZERO && (v > median * FAR || v * FAR < median);
            if !unit_differs && !far {
                continue;
            }
            let (at, t) = (r.0, table(units, r.0));
            let et = table(units, example.0);
            let d = Diagnostic::new(
                Code::InconsistentStandard,
                t!(
                    "inconsistent-standard",
                    unit = units[at.0].name,
                    table = t.number.value,
                    indicator = row.name.value,
                    target = v.normalize(),
                    measure = row.unit.value.trim(),
                    others = names.len() - 1,
                    median = median.normalize(),
                    common = common,
                    at = et.location(&ind(example).target)
                ),
            )
            .hint(t!("inconsistent-standard-hint"));
            let place = if unit_differs { t.location(&row.unit) } else { t.location(&row.target) };
            out.push(pointing(t, at, d, place));
        }
    }
}

/// A 主管部门 (with at least three tables) whose share of full-mark tables is at least half and
/// at least twice the batch's.
fn department_shares(units: &[Unit]) -> Report {
    let mut report = Report::default();
    let all: Vec<&super::TableRow> = units.iter().flat_map(|u| &u.tables).collect();
    if all.is_empty() {
        return report;
    }
    let share = |rows: &[&super::TableRow], f: fn(&super::TableRow) -> bool| {
        Decimal::from(rows.iter().filter(|r| f(r)).count() as u64) / Decimal::from(rows.len() as u64)
    };
    let full = |r: &super::TableRow| r.full_marks;
    let batch_full = share(&all, full);
    for (dept, members) in super::stats::by_department(units) {
        let rows: Vec<&super::TableRow> = members.iter().flat_map(|u| &u.tables).collect();
        if rows.len() < 3 {
            continue;
        }
        let s = share(&rows, full);
        if s >= Decimal::new(5, 1) && s >= batch_full * Decimal::TWO {
            let pct = |d: Decimal| crate::model::round_half_up(d * Decimal::ONE_HUNDRED, 1).normalize();
            report.push(
                Diagnostic::new(
                    Code::DepartmentHighScores,
                    t!(
                        "department-high-scores",
                        department = dept,
                        tables = rows.len(),
                        share = pct(s),
                        top = pct(share(&rows, super::stats::top_grade)),
                        batch = pct(batch_full)
                    ),
                )
                .at(dept.to_string())
                .hint(t!("department-high-scores-hint")),
            );
        }
    }
    report
}
