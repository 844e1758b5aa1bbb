//! Synthetic packets of any size, for tests and benchmarks: deterministic, well-formed tables
//! in the seed's style (every check passes but the grade is left open).

use crate::model::{FundRow, Funds, Goals, Indicator, Located, Measure, Packet, Sign, Table, Total};
use rust_decimal::Decimal;

const LEVELS: [(&str, &str, u32); 5] = [
    ("产出指标", "数量指标", 20),
    ("产出指标", "质量指标", 15),
    ("产出指标", "时效指标", 15),
    ("效益指标", "社会效益指标", 30),
    ("满意度指标", "服务对象满意度指标", 10),
];

/// `tables` tables of `indicators` indicators each (at least 5, so every 一级指标 appears).
pub fn packet(tables: usize, indicators: usize) -> Packet {
    Packet { source: "synthetic.xlsx".into(), tables: (0..tables).map(|i| table(i, indicators.max(5))).collect() }
}

fn d(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

pub fn table(i: usize, indicators: usize) -> Table {
    let budget = d(10_000 + (i as i64 * 7919) % 90_000, 2);
    let row = |v: Option<Decimal>| FundRow {
        initial: Located::bare(v),
        full_year: Located::bare(v),
        executed: Located::bare(v),
        rate: Located::bare(v.map(|_| Decimal::ONE)),
    };
    // Weights: the five base rows as in the seed, the rest of each group split off its first row.
    let mut inds = Vec::with_capacity(indicators);
    for k in 0..indicators {
        let (l1, l2, _) = LEVELS[if k < 5 { k } else { k % 3 }];
        inds.push(Indicator {
            level1: Located::bare(l1.into()),
            level2: Located::bare(l2.into()),
            name: Located::bare(format!("第{}号项目{}考核指标{}", i + 1, l2, k + 1)),
            sign: Located::bare(Some(Sign::AtLeast)),
            target: Located::bare(Some(Measure::Number(d(90, 0)))),
            unit: Located::bare("%".into()),
            actual: Located::bare(Some(Measure::Number(d(95, 0)))),
            weight: Located::bare(None),
            score: Located::bare(None),
            reason: Located::bare(String::new()),
        });
    }
    // Sort by 一级指标 so groups are contiguous, then share out each group's weight.
    inds.sort_by_key(|ind| LEVELS.iter().position(|(l1, _, _)| *l1 == ind.level1.value).unwrap_or(0));
    for (k, ind) in inds.iter_mut().enumerate() {
        ind.name.value = format!("第{}号项目{}考核指标{}", i + 1, ind.level2.value, k + 1);
    }
    for (l1, total) in [("产出指标", 50i64), ("效益指标", 30), ("满意度指标", 10)] {
        let idx: Vec<usize> = (0..inds.len()).filter(|&j| inds[j].level1.value == l1).collect();
        let n = idx.len() as i64;
        let base = d(total * 100 / n, 2);
        for (m, &j) in idx.iter().enumerate() {
            let w = if m == 0 { d(total, 0) - base * Decimal::from(n - 1) } else { base };
            inds[j].weight.value = Some(w);
            inds[j].score.value = Some(w);
        }
    }
    Table {
        source: "synthetic.xlsx".into(),
        sheet: format!("公开12表-{}", i + 1),
        number: Located::bare(format!("公开12表-{}", i + 1)),
        title: Located::bare("2021年度项目支出绩效自评表".into()),
        project: Located::bare(format!("第{}号专项资金", i + 1)),
        department: Located::bare("云南省工业和信息化厅".into()),
        implementer: Located::bare("云南省信息技术发展中心".into()),
        funds: Funds {
            total: row(Some(budget)),
            current: row(Some(budget)),
            carried_over: row(None),
            other: row(None),
            weight: Located::bare(Some(d(10, 0))),
            score: Located::bare(Some(d(10, 0))),
        },
        goals: Goals {
            expected: Located::bare("完成年度工作任务，保障业务系统安全稳定运行，提升服务质量和效率。".repeat(2)),
            achieved: Located::bare("全面完成年度工作任务，业务系统安全稳定运行，服务对象满意度达到预期。".repeat(2)),
        },
        indicators: inds,
        other_matters: Located::bare(String::new()),
        total: Total {
            weight: Located::bare(Some(d(100, 0))),
            score: Located::bare(Some(d(100, 0))),
            grade: Located::bare(None),
        },
        notes: vec![
            Located::bare("涉密部门和涉密信息按保密规定不公开。".into()),
            Located::bare(
                "一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。".into(),
            ),
        ],
        uncached_formulas: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Profile};
    use crate::diag::Severity;

    #[test]
    fn synthetic_tables_pass_every_check() {
        for n in [5, 7, 60] {
            let mut p = super::packet(3, n);
            let r = check(&mut p, &Profile::default());
            assert_eq!(r.count(Severity::Error) + r.count(Severity::Warning), 0, "{n}: {:?}", r.diagnostics);
            assert_eq!(p.tables[0].indicators.len(), n);
        }
    }
}
