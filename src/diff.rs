//! What changed between two packets, table by table and field by field, as the published
//! tables print it. Scores, totals and grades that the rules recompute from a changed input are
//! marked as following from it. The model knows no I/O; neither does this.

use crate::check::{indicator_score, Profile};
use crate::model::{round_half_up, Indicator, Packet, Table};
use crate::render::format;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Changed,
    Added,
    Removed,
    /// Renumbered: the same project under another number.
    Moved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// What the field is, in the table's words: 绩效指标「运维保障业务系统数量」实际完成值.
    pub field: String,
    pub old: String,
    pub new: String,
    /// The cell in the new workbook (the old one for removed rows), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Recomputed by the rules from another change (a score, 总分, 自评等级).
    pub derived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableDiff {
    pub number: String,
    pub project: String,
    pub status: Status,
    /// The number in the old packet, for moved tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_number: Option<String>,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct PacketDiff {
    pub tables: Vec<TableDiff>,
}

impl PacketDiff {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }
}

/// One printed field of a table: a stable key (to pair old and new), its label, its printed
/// value, its cell, and whether the rules derive it.
struct Field {
    key: String,
    label: String,
    value: String,
    cell: Option<String>,
    derived: bool,
}

fn fields(t: &Table, profile: &Profile) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |key: &str, label: String, value: String, cell: &Option<String>, derived: bool| {
        out.push(Field { key: key.to_string(), label, value, cell: cell.clone(), derived });
    };
    push("title", "标题".into(), t.title.value.clone(), &t.title.cell, false);
    push("project", "项目名称".into(), t.project.value.clone(), &t.project.cell, false);
    push("department", "主管部门".into(), t.department.value.clone(), &t.department.cell, false);
    push("implementer", "实施单位".into(), t.implementer.value.clone(), &t.implementer.cell, false);
    for (kind, row) in t.funds.rows() {
        let l = kind.label().trim_start_matches("其中：");
        push(
            &format!("funds.{l}.initial"),
            format!("{l} 年初预算数"),
            format::money(row.initial.value),
            &row.initial.cell,
            false,
        );
        push(
            &format!("funds.{l}.full"),
            format!("{l} 全年预算数"),
            format::money(row.full_year.value),
            &row.full_year.cell,
            false,
        );
        push(
            &format!("funds.{l}.exec"),
            format!("{l} 全年执行数"),
            format::money(row.executed.value),
            &row.executed.cell,
            false,
        );
        let rate = if row.is_empty() { String::new() } else { format::rate(row.rate.value) };
        push(&format!("funds.{l}.rate"), format!("{l} 执行率"), rate, &row.rate.cell, true);
    }
    push("funds.weight", "执行率 分值".into(), format::score(t.funds.weight.value), &t.funds.weight.cell, false);
    push(
        "funds.score",
        "执行率 得分".into(),
        format::fixed(t.funds.score.value, profile.funds_score_decimals),
        &t.funds.score.cell,
        true,
    );
    push(
        "goals.expected",
        "年度总体目标 预期目标".into(),
        t.goals.expected.value.clone(),
        &t.goals.expected.cell,
        false,
    );
    push(
        "goals.achieved",
        "年度总体目标 实际完成情况".into(),
        t.goals.achieved.value.clone(),
        &t.goals.achieved.cell,
        false,
    );
    push("other", "其他需要说明事项".into(), t.other_matters.value.clone(), &t.other_matters.cell, false);
    push("total.weight", "总分 分值".into(), format::score(t.total.weight.value), &t.total.weight.cell, false);
    push("total.score", "总分".into(), format::score(t.total.score.value), &t.total.score.cell, true);
    push("total.grade", "自评等级".into(), t.total.grade.value.clone().unwrap_or_default(), &t.total.grade.cell, true);
    for (k, n) in t.notes.iter().enumerate() {
        push(&format!("note.{k}"), format!("备注 {}", k + 1), n.value.clone(), &n.cell, false);
    }
    out
}

fn indicator_fields(i: &Indicator) -> Vec<(&'static str, String, Option<String>)> {
    vec![
        ("一级指标", i.level1.value.clone(), i.level1.cell.clone()),
        ("二级指标", i.level2.value.clone(), i.level2.cell.clone()),
        ("三级指标", i.name.value.clone(), i.name.cell.clone()),
        ("指标性质", i.sign.value.map(|s| s.as_str().to_string()).unwrap_or_default(), i.sign.cell.clone()),
        ("指标值", format::measure(&i.target.value), i.target.cell.clone()),
        ("度量单位", i.unit.value.clone(), i.unit.cell.clone()),
        ("实际完成值", format::measure(&i.actual.value), i.actual.cell.clone()),
        ("分值", format::score(i.weight.value), i.weight.cell.clone()),
        ("得分", format::score(i.score.value), i.score.cell.clone()),
        ("偏差原因分析及改进措施", i.reason.value.clone(), i.reason.cell.clone()),
    ]
}

/// Whether a derived field's new value is what the rules give from the new inputs.
fn follows(key: &str, new: &Table, profile: &Profile) -> bool {
    match key {
        "funds.score" => {
            let w = new.funds.weight.value.unwrap_or(profile.funds_weight);
            new.funds
                .total
                .computed_rate()
                .map(|r| round_half_up(w * r.min(rust_decimal::Decimal::ONE), profile.funds_score_decimals))
                == new.funds.score.value
        }
        "total.score" => {
            let sum = new.funds.score.value.unwrap_or_default()
                + new.indicators.iter().filter_map(|i| i.score.value).sum::<rust_decimal::Decimal>();
            new.total.score.value.is_some_and(|s| (s - sum).abs() <= profile.score_tolerance)
        }
        "total.grade" => new.total.score.value.map(|s| profile.grade(s).to_string()) == new.total.grade.value,
        k if k.ends_with(".rate") => true,
        _ => false,
    }
}

/// Field-by-field changes of two versions of one table.
pub fn diff_tables(old: &Table, new: &Table, profile: &Profile) -> Vec<FieldChange> {
    // In reading order: the fields above the indicators, the indicators, the fields below.
    let below = |k: &str| k.starts_with("other") || k.starts_with("total") || k.starts_with("note");
    let old_fields = fields(old, profile);
    let mut head = Vec::new();
    let mut tail = Vec::new();
    for f in fields(new, profile) {
        let o = old_fields.iter().find(|o| o.key == f.key).map(|o| o.value.clone()).unwrap_or_default();
        if o != f.value {
            let derived = f.derived && follows(&f.key, new, profile);
            let c = FieldChange { field: f.label, old: o, new: f.value, cell: f.cell, derived };
            if below(&f.key) {
                tail.push(c)
            } else {
                head.push(c)
            }
        }
    }
    let mut changes = head;
    // Indicator rows: paired by 二级+三级指标 first, then the rest in order.
    let key = |i: &Indicator| format!("{}|{}", i.level2.value, i.name.value);
    let mut old_left: Vec<Option<&Indicator>> = old.indicators.iter().map(Some).collect();
    let mut pairs: Vec<(Option<&Indicator>, Option<&Indicator>)> = Vec::new();
    let mut unmatched_new = Vec::new();
    for n in &new.indicators {
        match old_left.iter().position(|o| o.is_some_and(|o| key(o) == key(n))) {
            Some(p) => pairs.push((old_left[p].take(), Some(n))),
            None => unmatched_new.push(n),
        }
    }
    let mut rest_old = old_left.into_iter().flatten();
    for n in unmatched_new {
        pairs.push((rest_old.next(), Some(n)));
    }
    pairs.extend(rest_old.map(|o| (Some(o), None)));
    for (o, n) in pairs {
        let name = n.or(o).map(|i| i.name.value.clone()).unwrap_or_default();
        let (of, nf) = (o.map(indicator_fields), n.map(indicator_fields));
        for k in 0..10 {
            let ov = of.as_ref().map(|f| f[k].1.clone()).unwrap_or_default();
            let nv = nf.as_ref().map(|f| f[k].1.clone()).unwrap_or_default();
            if ov == nv {
                continue;
            }
            let label = nf.as_ref().or(of.as_ref()).unwrap()[k].0;
            let cell = nf.as_ref().map(|f| f[k].2.clone()).unwrap_or_else(|| of.as_ref().and_then(|f| f[k].2.clone()));
            let derived = label == "得分"
                && match (o, n) {
                    (Some(o), Some(n)) => {
                        indicator_fields(o)[3..8] != indicator_fields(n)[3..8]
                            && indicator_score(n).is_some_and(|c| Some(c) == n.score.value.map(|s| round_half_up(s, 2)))
                    }
                    _ => false,
                };
            changes.push(FieldChange {
                field: format!("绩效指标「{name}」{label}"), old: ov, new: nv, cell, derived
            });
        }
    }
    changes.extend(tail);
    changes
}

/// Pairs the tables of two packets (by number and project; the same project under another
/// number is a move) and lists what changed.
pub fn diff(old: &Packet, new: &Packet, profile: &Profile) -> PacketDiff {
    let mut old_left: Vec<Option<&Table>> = old.tables.iter().map(Some).collect();
    let mut take = |pred: &dyn Fn(&Table) -> bool| -> Option<&Table> {
        let p = old_left.iter().position(|o| o.is_some_and(pred))?;
        old_left[p].take()
    };
    let mut paired: Vec<(Option<&Table>, &Table)> = Vec::new();
    let mut rest = Vec::new();
    for n in &new.tables {
        match take(&|o| o.number.value == n.number.value && o.project.value == n.project.value) {
            Some(o) => paired.push((Some(o), n)),
            None => rest.push(n),
        }
    }
    let mut rest2 = Vec::new();
    for n in rest {
        match take(&|o| o.project.value == n.project.value) {
            Some(o) => paired.push((Some(o), n)),
            None => rest2.push(n),
        }
    }
    for n in rest2 {
        let o = take(&|o| o.number.value == n.number.value);
        paired.push((o, n));
    }
    let mut tables = Vec::new();
    for (o, n) in &paired {
        let d = match o {
            None => TableDiff {
                number: n.number.value.clone(),
                project: n.project.value.clone(),
                status: Status::Added,
                old_number: None,
                changes: vec![],
            },
            Some(o) => {
                let changes = diff_tables(o, n, profile);
                let moved = o.number.value != n.number.value;
                if changes.is_empty() && !moved {
                    continue;
                }
                TableDiff {
                    number: n.number.value.clone(),
                    project: n.project.value.clone(),
                    status: if moved { Status::Moved } else { Status::Changed },
                    old_number: moved.then(|| o.number.value.clone()),
                    changes,
                }
            }
        };
        tables.push(d);
    }
    // Keep the new packet's order; removed tables follow.
    tables.sort_by_key(|d| new.tables.iter().position(|t| t.number.value == d.number).unwrap_or(usize::MAX));
    for o in old_left.into_iter().flatten() {
        tables.push(TableDiff {
            number: o.number.value.clone(),
            project: o.project.value.clone(),
            status: Status::Removed,
            old_number: None,
            changes: vec![],
        });
    }
    PacketDiff { tables }
}
