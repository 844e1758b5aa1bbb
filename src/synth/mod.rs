//! Synthetic packets of any size, for tests and benchmarks: deterministic, well-formed tables
//! in the seed's style (every check passes but the grade is left open).

pub mod accounting;
pub mod batch;

use crate::form::{Form, Forms};
use crate::model::{FundRow, Funds, Goals, Indicator, Located, Measure, Packet, Sign, Table, Total};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const LEVELS: [(&str, &str, u32); 5] = [
    ("产出指标", "数量指标", 20),
    ("产出指标", "质量指标", 15),
    ("产出指标", "时效指标", 15),
    ("效益指标", "社会效益指标", 30),
    ("满意度指标", "服务对象满意度指标", 10),
];

/// `tables` tables of `indicators` indicators each (at least 5, so every 一级指标 appears), in
/// the default form.
pub fn packet(tables: usize, indicators: usize) -> Packet {
    packet_in(Forms::builtin().default_form(), tables, indicators)
}

/// The same, in `form`: its funds rows, its groups' points, its numbering and title.
pub fn packet_in(form: &Form, tables: usize, indicators: usize) -> Packet {
    Packet {
        source: "synthetic.xlsx".into(),
        tables: (0..tables).map(|i| table_in(form, i, indicators.max(5))).collect(),
    }
}

fn d(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

pub fn table(i: usize, indicators: usize) -> Table {
    table_in(Forms::builtin().default_form(), i, indicators)
}

pub fn table_in(form: &Form, i: usize, indicators: usize) -> Table {
    let p = &form.profile;
    let budget = d(10_000 + (i as i64 * 7919) % 90_000, 2);
    let row = |key: &str, v: Option<Decimal>| FundRow {
        key: key.into(),
        initial: Located::bare(v),
        full_year: Located::bare(v),
        executed: Located::bare(v),
        rate: Located::bare(v.map(|_| Decimal::ONE)),
    };
    let fund_rows: Vec<FundRow> =
        form.funds().funds.iter().enumerate().map(|(k, r)| row(&r.key, (k < 2).then_some(budget))).collect();
    let (inds, weighted) = indicators_of(form, i, indicators);
    let number = match &form.title.number {
        Some(prefix) => format!("{prefix}-{}", i + 1),
        None => format!("表{}", i + 1),
    };
    let texts = texts_of(form);
    Table {
        source: "synthetic.xlsx".into(),
        sheet: number.clone(),
        number: Located::bare(number),
        form: form.name.clone(),
        title: Located::bare(form.title.text.replace("{year}", "2021")),
        subtitle: Located::bare(
            form.title.subtitle.as_deref().map(|s| s.replace("{year}", "2021")).unwrap_or_default(),
        ),
        project: Located::bare(format!("第{}号专项资金", i + 1)),
        department: Located::bare("云南省工业和信息化厅".into()),
        implementer: Located::bare("云南省信息技术发展中心".into()),
        funds: Funds {
            rows: fund_rows,
            weight: Located::bare(Some(p.funds_weight)),
            score: Located::bare(Some(p.funds_weight)),
            reason: Located::default(),
        },
        goals: Goals {
            expected: Located::bare("完成年度工作任务，保障业务系统安全稳定运行，提升服务质量和效率。".repeat(2)),
            achieved: Located::bare("全面完成年度工作任务，业务系统安全稳定运行，服务对象满意度达到预期。".repeat(2)),
        },
        indicators: inds,
        other_matters: Located::bare(String::new()),
        total: Total {
            weight: Located::bare(weighted.then_some(p.total_weight)),
            score: Located::bare(Some(p.total_weight)),
            grade: Located::bare(None),
        },
        notes: vec![
            Located::bare("涉密部门和涉密信息按保密规定不公开。".into()),
            Located::bare(
                "一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。".into(),
            ),
        ],
        texts,
        uncached_formulas: Vec::new(),
        money_unit: None,
    }
}

/// Table `i`'s `indicators` rows in `form`, grouped by 一级指标 with each group's points shared
/// out (the form's groups, else the national shares); whether the form has a weight column
/// (else the points go into the 一级 labels: 产出指标（40分）).
fn indicators_of(form: &Form, i: usize, indicators: usize) -> (Vec<Indicator>, bool) {
    let mut groups: Vec<(String, Decimal)> =
        form.profile.first_level_weights.iter().map(|g| (g.level1.clone(), g.weight)).collect();
    if groups.is_empty() {
        groups = vec![("产出指标".into(), d(50, 0)), ("效益指标".into(), d(30, 0)), ("满意度指标".into(), d(10, 0))];
    }
    let group_of = |l1: &str| groups.iter().position(|g| g.0 == l1).unwrap_or(groups.len() - 1);
    let weighted = form.weighs_indicators();
    // Weights: the five base rows as in the seed, the rest of each group split off its first row.
    let mut inds = Vec::with_capacity(indicators);
    for k in 0..indicators {
        let (l1, l2, _) = LEVELS[if k < 5 { k } else { k % 3 }];
        inds.push(Indicator {
            level1: Located::bare(groups[group_of(l1)].0.clone()),
            level2: Located::bare(l2.into()),
            name: Located::bare(format!("第{}号项目{}考核指标{}", i + 1, l2, k + 1)),
            sign: Located::bare(Some(Sign::AtLeast)),
            target: Located::bare(Some(Measure::Number(d(90, 0)))),
            unit: Located::bare("%".into()),
            actual: Located::bare(Some(Measure::Number(d(95, 0)))),
            weight: Located::bare(None),
            score: Located::bare(None),
            reason: Located::bare(String::new()),
            improvement: Located::default(),
            texts: Default::default(),
        });
    }
    // Sort by 一级指标 so groups are contiguous, then share out each group's weight.
    inds.sort_by_key(|ind| group_of(&ind.level1.value));
    for (k, ind) in inds.iter_mut().enumerate() {
        ind.name.value = format!("第{}号项目{}考核指标{}", i + 1, ind.level2.value, k + 1);
    }
    for (l1, total) in &groups {
        let idx: Vec<usize> = (0..inds.len()).filter(|&j| &inds[j].level1.value == l1).collect();
        let n = idx.len() as i64;
        if n == 0 {
            continue;
        }
        let cents = (total * Decimal::ONE_HUNDRED).to_i64().unwrap_or_default();
        let base = d(cents / n, 2);
        for (m, &j) in idx.iter().enumerate() {
            let w = if m == 0 { total - base * Decimal::from(n - 1) } else { base };
            inds[j].weight.value = weighted.then_some(w);
            inds[j].score.value = Some(w);
        }
    }
    if !weighted {
        // The groups' points go into their labels: 产出指标（40分）.
        for ind in &mut inds {
            let points = groups[group_of(&ind.level1.value)].1;
            ind.level1.value = format!("{}（{}分）", ind.level1.value, points.normalize());
        }
    }
    (inds, weighted)
}

/// The form's own text fields (those not in the model's fixed fields, and the lines above and
/// below the title), each 无.
fn texts_of(form: &Form) -> std::collections::BTreeMap<String, Located<String>> {
    let mut texts = std::collections::BTreeMap::new();
    for field in form.rows_blocks().flat_map(|b| b.rows.iter().flatten()).filter_map(|c| c.field.as_deref()) {
        if !crate::form::MODEL_FIELDS.contains(&field) {
            texts.insert(field.to_string(), Located::bare("无".to_string()));
        }
    }
    for line in form.title.before.iter().chain(&form.title.after) {
        texts.insert(line.field.clone(), Located::bare("无".to_string()));
    }
    texts
}

#[cfg(test)]
mod tests {
    use crate::check::check;
    use crate::diag::Severity;
    use crate::form::Forms;

    #[test]
    fn synthetic_tables_pass_every_check() {
        for n in [5, 7, 60] {
            let mut p = super::packet(3, n);
            let r = check(&mut p, Forms::builtin());
            assert_eq!(r.count(Severity::Error) + r.count(Severity::Warning), 0, "{n}: {:?}", r.diagnostics);
            assert_eq!(p.tables[0].indicators.len(), n);
        }
    }
}
