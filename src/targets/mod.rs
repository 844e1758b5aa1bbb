//! The self-evaluation against its targets: each table matched to the 项目支出绩效目标表 the unit
//! published for the same project in spring, then each indicator by its tree (一级 / 二级) and
//! normalized 三级 name, as the bureau asks units to report "对照年初预算设定的绩效目标及指标值".
//!
//! Reported, each at its cells: a target indicator the self-evaluation dropped, an indicator it
//! added, a 指标值 that changed (its value, sign or unit, with both values and both places), and a
//! table with no target table. Matching indicators say nothing.

use crate::diag::{location, Code, Diagnostic, Report};
use crate::form::fields::target_text;
use crate::form::{label_key, Forms, TableKind};
use crate::model::{Indicator, Measure, Packet, Table};
use crate::t;

/// How an indicator is matched: its 一级, 二级 and 三级 names, normalized (spaces, widths,
/// brackets and the points a 一级 label may carry, 产出指标（50分）, aside).
fn key(i: &Indicator) -> (String, String, String) {
    let k = |s: &str| {
        let key = label_key(s);
        match key.find('(') {
            Some(at) if at > 0 => key[..at].to_string(),
            _ => key,
        }
    };
    (k(&i.level1.value), k(&i.level2.value), k(&i.name.value))
}

/// A target as the two tables compare it: its sign, its figure (by value, not its typed scale)
/// or text, and its unit.
fn target(i: &Indicator) -> (Option<crate::model::Sign>, Option<Measure>, String) {
    let m = i.target.value.clone().map(|m| match m {
        Measure::Number(d) => Measure::Number(d.normalize()),
        Measure::Text(t) => Measure::Text(label_key(&t)),
    });
    (i.sign.value, m, label_key(&i.unit.value))
}

/// The 指标值 as the table printed it.
fn shown(i: &Indicator, t: &Table, forms: &Forms) -> String {
    i.target
        .shown
        .clone()
        .unwrap_or_else(|| target_text(i.sign.value, &i.target.value, &i.unit.value, forms.of(&t.form)))
}

/// Compares every self-evaluation table of `evaluation` (its index in the packet is the index
/// findings carry) with the target table of the same project in `targets`.
pub fn compare(evaluation: &Packet, targets: &Packet, forms: &Forms) -> Report {
    let mut report = Report::default();
    let goals: Vec<&Table> = targets.tables.iter().filter(|t| forms.of(&t.form).kind == TableKind::Targets).collect();
    for (index, t) in evaluation.tables.iter().enumerate() {
        if forms.of(&t.form).kind != TableKind::SelfEvaluation {
            continue;
        }
        let here = |cell: Option<&str>| location(&t.source, &t.sheet, cell).in_table(index);
        let project = label_key(&t.project.value);
        let Some(goal) = goals.iter().find(|g| label_key(&g.project.value) == project) else {
            report.push(
                Diagnostic::new(Code::TargetsUnmatched, t!("targets-unmatched", project = t.project.value))
                    .at(here(t.project.cell.as_deref()))
                    .in_table(&t.number.value)
                    .hint(t!("targets-unmatched-hint")),
            );
            continue;
        };
        let there = |cell: Option<&str>| location(&goal.source, &goal.sheet, cell).to_string();
        for g in &goal.indicators {
            match t.indicators.iter().find(|i| key(i) == key(g)) {
                None => report.push(
                    Diagnostic::new(
                        Code::TargetDropped,
                        t!(
                            "target-dropped",
                            name = g.name.value,
                            level1 = g.level1.value,
                            level2 = g.level2.value,
                            value = shown(g, goal, forms),
                            at = there(g.name.cell.as_deref())
                        ),
                    )
                    .at(here(t.project.cell.as_deref()))
                    .in_table(&t.number.value)
                    .hint(t!("target-dropped-hint")),
                ),
                Some(i) if target(i) != target(g) => report.push(
                    Diagnostic::new(
                        Code::TargetChanged,
                        t!(
                            "target-changed",
                            name = i.name.value,
                            value = shown(i, t, forms),
                            target = shown(g, goal, forms),
                            at = there(g.target.cell.as_deref())
                        ),
                    )
                    .at(here(i.target.cell.as_deref()))
                    .in_table(&t.number.value)
                    .hint(t!("target-changed-hint")),
                ),
                Some(_) => {}
            }
        }
        for i in t.indicators.iter().filter(|i| !goal.indicators.iter().any(|g| key(g) == key(i))) {
            report.push(
                Diagnostic::new(
                    Code::TargetAdded,
                    t!(
                        "target-added",
                        name = i.name.value,
                        level1 = i.level1.value,
                        level2 = i.level2.value,
                        at = there(None)
                    ),
                )
                .at(here(i.name.cell.as_deref()))
                .in_table(&t.number.value)
                .hint(t!("target-added-hint")),
            );
        }
    }
    report
}
