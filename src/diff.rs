//! What changed between two packets, table by table and field by field, as the published
//! tables print it (through the field catalogue). A rate, score, total or grade whose new value
//! is what the rules give from a change above is marked as following from that change. No I/O.

use crate::check::indicator_score;
use crate::form::fields::{indicator_fields, indicator_texts, table_fields, Field, IndicatorField, INDICATORS};
use crate::form::{Form, Forms};
use crate::model::{round_half_up, Indicator, Packet, Table};
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
    /// The value follows from another change by the rules (a rate, a score, 总分, 自评等级):
    /// the user changed what it is derived from, not the value itself.
    pub follows: bool,
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

/// Whether a derived field's new value is what the rules give from the new inputs.
fn follows(field: &Field, new: &Table, form: &Form) -> bool {
    let profile = &form.profile;
    match field {
        Field::FundsScore => {
            let w = new.funds.weight.value.unwrap_or(profile.funds_weight);
            new.funds
                .total()
                .computed_rate()
                .map(|r| round_half_up(w * r.min(rust_decimal::Decimal::ONE), profile.funds_score_decimals))
                == new.funds.score.value
        }
        Field::TotalScore => {
            let sum = new.funds.score.value.unwrap_or_default()
                + new.indicators.iter().filter_map(|i| i.score.value).sum::<rust_decimal::Decimal>();
            new.total.score.value.is_some_and(|s| (s - sum).abs() <= profile.score_tolerance)
        }
        Field::Grade => new.total.score.value.and_then(|s| profile.grade(s)).map(String::from) == new.total.grade.value,
        Field::Fund(..) => true,
        _ => false,
    }
}

/// Field-by-field changes of two versions of one table, each printed in its own form.
pub fn diff_tables(old: &Table, new: &Table, forms: &Forms) -> Vec<FieldChange> {
    let (old_form, form) = (forms.of(&old.form), forms.of(&new.form));
    // In reading order: the fields above the indicators, the indicators, the fields below. The
    // table number is what pairs the tables; a new number is a move, not a change.
    let old_fields = table_fields(old, old_form);
    let mut head = Vec::new();
    let mut tail = Vec::new();
    for f in table_fields(new, form).into_iter().filter(|f| f.field != Field::Number) {
        let key = f.field.key(new);
        let o = old_fields.iter().find(|o| o.field.key(old) == key).map(|o| o.text.clone()).unwrap_or_default();
        if o != f.text {
            let follows = f.field.derived() && follows(&f.field, new, form);
            let below = f.field.below_indicators(form);
            let c =
                FieldChange { field: f.field.name(form), old: o, new: f.text, cell: f.cell.map(String::from), follows };
            if below {
                tail.push(c)
            } else {
                head.push(c)
            }
        }
    }
    let mut changes = head;
    let dp = form.profile.score_decimals;
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
        let (of, nf) = (o.map(|i| indicator_fields(i, old_form)), n.map(|i| indicator_fields(i, form)));
        for (k, field) in IndicatorField::ALL.into_iter().enumerate() {
            let ov = of.as_ref().map(|f| f[k].text.clone()).unwrap_or_default();
            let nv = nf.as_ref().map(|f| f[k].text.clone()).unwrap_or_default();
            if ov == nv {
                continue;
            }
            let cell = nf.as_ref().or(of.as_ref()).and_then(|f| f[k].cell).map(String::from);
            // A score follows when what decides it changed and it is what the rule gives.
            let follows = field == IndicatorField::Score
                && match (&of, &nf, n) {
                    (Some(of), Some(nf), Some(n)) => {
                        of.iter().zip(nf).any(|(a, b)| a.field.scores() && a.text != b.text)
                            && indicator_score(n, dp)
                                .is_some_and(|c| Some(c) == n.score.value.map(|s| round_half_up(s, dp)))
                    }
                    _ => false,
                };
            changes.push(FieldChange {
                field: format!("{INDICATORS}「{name}」{}", field.label(form)),
                old: ov,
                new: nv,
                cell,
                follows,
            });
        }
        // The form's own text columns, by label (上年完成值, 佐证资料).
        let own = |i: Option<&Indicator>, form: &Form| -> Vec<(String, String, Option<String>)> {
            i.map(|i| indicator_texts(i, form))
                .unwrap_or_default()
                .into_iter()
                .map(|(label, p)| (label, p.text, p.cell.map(String::from)))
                .collect()
        };
        let (ot, nt) = (own(o, old_form), own(n, form));
        let mut labels: Vec<&String> = Vec::new();
        for (label, _, _) in nt.iter().chain(&ot) {
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        for label in labels {
            let find = |side: &[(String, String, Option<String>)]| side.iter().find(|v| &v.0 == label).cloned();
            let (ov, nv) = (find(&ot), find(&nt));
            let text =
                |v: &Option<(String, String, Option<String>)>| v.as_ref().map(|v| v.1.clone()).unwrap_or_default();
            if text(&ov) == text(&nv) {
                continue;
            }
            changes.push(FieldChange {
                field: format!("{INDICATORS}「{name}」{label}"),
                old: text(&ov),
                new: text(&nv),
                cell: nv.or(ov).and_then(|v| v.2),
                follows: false,
            });
        }
    }
    changes.extend(tail);
    changes
}

/// Pairs the tables of two packets (by number and project; the same project under another
/// number is a move) and lists what changed.
pub fn diff(old: &Packet, new: &Packet, forms: &Forms) -> PacketDiff {
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
                let changes = diff_tables(o, n, forms);
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
