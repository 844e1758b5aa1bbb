//! A form file's meaning checked before it is used, past what its types already say (each
//! block's keys fit its kind and every column holds something jixiao knows: serde refuses the
//! rest with its line): one indicators block, at most one funds and one total block (a form
//! without a total block does not score, and has no `[profile]`, 分值 or 得分), every row filling the grid's
//! columns exactly, the columns a block cannot do without, and points that add up. An error
//! says what is wrong and a text to find its line by.

use super::fields::IndicatorField;
use super::spec::{Block, Cell, FormSpec, FundValue, FundsBlock, IndicatorsBlock, RowsBlock, TableKind};
use crate::t;

/// (message, a text of the file near the problem, to find its line).
type Problem = (String, Option<String>);

pub(super) fn check(f: &FormSpec) -> Result<(), Problem> {
    if f.name.is_empty() || !f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err((t!("form-bad-name", name = f.name), Some("name".into())));
    }
    let width = f.columns.len();
    if width == 0 || f.columns.iter().any(|w| w.is_nan() || *w <= 0.0) {
        return Err((t!("form-bad-columns"), Some("columns".into())));
    }
    for field in f.title.before.iter().chain(&f.title.after) {
        field_name(&field.field)?;
    }
    let count = |is: fn(&Block) -> bool| f.blocks.iter().filter(|b| is(b)).count();
    for (name, is, least) in [
        ("funds", (|b| matches!(b, Block::Funds(_))) as fn(&Block) -> bool, 0),
        ("indicators", |b| matches!(b, Block::Indicators(_)), 1),
        ("total", |b| matches!(b, Block::Total(_)), 0),
    ] {
        let found = count(is);
        if found < least || found > 1 {
            let message =
                if least == 1 { t!("form-exactly-one", block = name) } else { t!("form-at-most-one", block = name) };
            return Err((message, Some("[[blocks]]".into())));
        }
    }
    let scored = count(|b| matches!(b, Block::Total(_))) == 1;
    if f.kind == TableKind::Targets && scored {
        return Err((t!("form-targets-total"), Some("kind = \"total\"".into())));
    }
    // A form scores with a total block and its `[profile]`, or does neither.
    if scored == f.profile.total_weight.is_zero() {
        let message = if scored { t!("form-total-needs-profile") } else { t!("form-profile-needs-total") };
        return Err((message, Some(if scored { "kind = \"total\"" } else { "[profile]" }.into())));
    }
    let indicators = f.blocks.iter().position(|b| matches!(b, Block::Indicators(_))).unwrap_or(0);
    let total = f.blocks.iter().position(|b| matches!(b, Block::Total(_))).unwrap_or(usize::MAX);
    if total < indicators {
        return Err((t!("form-total-last"), Some("kind = \"total\"".into())));
    }
    for (n, b) in f.blocks.iter().enumerate() {
        let n = n + 1;
        match b {
            Block::Rows(b) => rows(b, n, width)?,
            // Funds carry points only where the profile gives the budget some (Ningxia scores the
            // 预算执行率 among the indicators).
            Block::Funds(b) => funds(b, n, width, scored && !f.profile.funds_weight.is_zero())?,
            Block::Indicators(b) => indicator_columns(b, n, width, scored, f.kind)?,
            Block::Total(_) => {}
        }
    }
    let fields: Vec<&str> = f
        .blocks
        .iter()
        .filter_map(|b| if let Block::Rows(r) = b { Some(r) } else { None })
        .flat_map(|b| b.rows.iter().flatten())
        .filter_map(|c| c.field.as_deref())
        .collect();
    for name in f.sums.iter().flat_map(|s| std::iter::once(&s.total).chain(&s.parts)) {
        if !fields.contains(&name.as_str()) {
            return Err((t!("form-sums-unknown", name = name), Some(format!("\"{name}\""))));
        }
    }
    let p = &f.profile;
    let groups: rust_decimal::Decimal = p.first_level_weights.iter().map(|g| g.weight).sum();
    if !p.first_level_weights.is_empty() && groups + p.funds_weight != p.total_weight {
        return Err((
            t!(
                "form-points-sum",
                budget = p.funds_weight.normalize(),
                groups = groups.normalize(),
                total = p.total_weight.normalize()
            ),
            Some("groups".into()),
        ));
    }
    let grade = f.blocks.iter().any(|b| matches!(b, Block::Total(t) if t.grade));
    if grade == p.grades.is_empty() {
        return Err((t!("form-grade-grades"), Some(if grade { "grade = true" } else { "grades" }.into())));
    }
    Ok(())
}

/// A field name: the model's own, or a text of the form's own (`conclusion`, `report_no`).
fn field_name(name: &str) -> Result<(), Problem> {
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err((t!("form-bad-field", name = name), Some(format!("\"{name}\""))));
    }
    Ok(())
}

/// Lays the rows out on the grid, rowspans and the block label included: every row must fill
/// the columns exactly.
fn rows(b: &RowsBlock, n: usize, width: usize) -> Result<(), Problem> {
    if b.rows.is_empty() {
        return Err((t!("form-rows-empty", block = n), None));
    }
    let label = usize::from(b.label.is_some());
    for (r, row) in b.rows.iter().enumerate() {
        for cell in row {
            cell_ok(cell, n)?;
            if r + cell.rows > b.rows.len() {
                return Err((t!("form-rowspan", block = n, row = r + 1), cell_text(cell)));
            }
        }
        // Cells of rows above that reach down into this one.
        let from_above: usize = b.rows[..r]
            .iter()
            .enumerate()
            .flat_map(|(above, cells)| cells.iter().filter(move |c| above + c.rows > r))
            .map(|c| c.span)
            .sum();
        let used = label + from_above + row.iter().map(|c| c.span).sum::<usize>();
        if used != width {
            return Err((
                t!("form-row-width", block = n, row = r + 1, used = used, width = width),
                row.first().and_then(cell_text),
            ));
        }
    }
    Ok(())
}

fn cell_text(c: &Cell) -> Option<String> {
    c.label.clone().or_else(|| c.field.clone()).map(|t| format!("\"{t}\""))
}

fn cell_ok(c: &Cell, n: usize) -> Result<(), Problem> {
    match (&c.label, &c.field) {
        (Some(_), None) => {}
        (None, Some(f)) => field_name(f)?,
        _ => return Err((t!("form-cell-kind", block = n), cell_text(c))),
    }
    if c.span == 0 || c.rows == 0 {
        return Err((t!("form-cell-span", block = n), cell_text(c)));
    }
    Ok(())
}

fn funds(b: &FundsBlock, n: usize, width: usize, scored: bool) -> Result<(), Problem> {
    if b.funds.is_empty() {
        return Err((t!("form-funds-rows", block = n), None));
    }
    let has = |v: FundValue| b.columns.iter().any(|c| c.value == v);
    let needed: &[(FundValue, &str)] = if scored {
        &[(FundValue::Budget, "budget"), (FundValue::Executed, "executed"), (FundValue::Score, "score")]
    } else {
        &[(FundValue::Budget, "budget")]
    };
    for &(v, name) in needed {
        if !has(v) {
            return Err((t!("form-funds-column", block = n, name = name), Some("kind = \"funds\"".into())));
        }
    }
    unscored_columns(!scored && (has(FundValue::Weight) || has(FundValue::Score)), n)?;
    for c in b.columns.iter().filter(|c| c.value == FundValue::Text) {
        match &c.field {
            Some(f) => field_name(f)?,
            None => {
                return Err((t!("form-funds-text-field", block = n, label = c.label), Some(format!("\"{}\"", c.label))))
            }
        }
    }
    let used =
        usize::from(b.label.is_some()) + b.head_span.unwrap_or(1) + b.columns.iter().map(|c| c.span).sum::<usize>();
    if used != width {
        return Err((t!("form-funds-width", block = n, used = used, width = width), Some("kind = \"funds\"".into())));
    }
    Ok(())
}

/// A `weight` or `score` column in a form that does not score.
fn unscored_columns(found: bool, n: usize) -> Result<(), Problem> {
    if found {
        return Err((t!("form-unscored-points", block = n), Some("\"score\"".into())));
    }
    Ok(())
}

fn indicator_columns(
    b: &IndicatorsBlock,
    n: usize,
    width: usize,
    scored: bool,
    kind: TableKind,
) -> Result<(), Problem> {
    let has = |v: IndicatorField| b.columns.iter().any(|c| c.value == v);
    let mut needed = vec![(IndicatorField::Level1, "level1"), (IndicatorField::Name, "name")];
    if kind == TableKind::SelfEvaluation {
        needed.push((IndicatorField::Actual, "actual"));
    } else if has(IndicatorField::Actual) {
        return Err((t!("form-targets-actual", block = n), Some("\"actual\"".into())));
    }
    if scored {
        needed.push((IndicatorField::Score, "score"));
    }
    unscored_columns(!scored && (has(IndicatorField::Weight) || has(IndicatorField::Score)), n)?;
    for (needed, name) in needed {
        if !has(needed) {
            return Err((t!("form-indicators-column", block = n, name = name), Some("kind = \"indicators\"".into())));
        }
    }
    if has(IndicatorField::TargetText) == has(IndicatorField::Target) {
        return Err((t!("form-indicators-target", block = n), Some("kind = \"indicators\"".into())));
    }
    for c in &b.columns {
        match (c.value == IndicatorField::Text, &c.field) {
            (true, Some(f)) => field_name(f)?,
            (true, None) => {
                return Err((
                    t!("form-indicators-text-field", block = n, label = c.label),
                    Some(format!("\"{}\"", c.label)),
                ))
            }
            (false, Some(f)) => {
                return Err((t!("form-field-on-text-only", block = n, field = f), Some(format!("\"{f}\""))))
            }
            (false, None) => {}
        }
    }
    let used = usize::from(b.label.is_some()) + b.columns.iter().map(|c| c.span).sum::<usize>();
    if used != width {
        return Err((
            t!("form-indicators-width", block = n, used = used, width = width),
            Some("kind = \"indicators\"".into()),
        ));
    }
    if b.groups.iter().map(|g| g.columns).sum::<usize>() > b.columns.len() {
        return Err((t!("form-groups-width", block = n), Some("groups".into())));
    }
    Ok(())
}
