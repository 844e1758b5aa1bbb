//! A form file's meaning checked before it is used: every block's keys fit its kind, every row
//! fills the grid's columns exactly, every column holds something jixiao knows, and the points
//! add up. An error says what is wrong and a text to find its line by.

use super::spec::{Block, BlockKind, Cell, FormSpec};
use super::{FUND_VALUES, INDICATOR_VALUES};

/// (message, a text of the file near the problem, to find its line).
type Problem = (String, Option<String>);

pub(super) fn check(f: &FormSpec) -> Result<(), Problem> {
    if f.name.is_empty() || !f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err((format!("the name “{}” must be lower-case letters, digits and -", f.name), Some("name".into())));
    }
    let width = f.columns.len();
    if width == 0 || f.columns.iter().any(|w| w.is_nan() || *w <= 0.0) {
        return Err(("`columns` must list every column's width, each above 0".into(), Some("columns".into())));
    }
    for field in f.title.before.iter().chain(&f.title.after) {
        field_name(&field.field)?;
    }
    let kinds: Vec<BlockKind> = f.blocks.iter().map(|b| b.kind).collect();
    for needed in [BlockKind::Funds, BlockKind::Indicators, BlockKind::Total] {
        if kinds.iter().filter(|k| **k == needed).count() != 1 {
            return Err((format!("a form has exactly one {needed:?} block"), Some("[[blocks]]".into())));
        }
    }
    let indicators = kinds.iter().position(|k| *k == BlockKind::Indicators).unwrap_or(0);
    let total = kinds.iter().position(|k| *k == BlockKind::Total).unwrap_or(0);
    if total < indicators {
        return Err(("the total block comes after the indicators".into(), Some("kind = \"total\"".into())));
    }
    for (n, b) in f.blocks.iter().enumerate() {
        let n = n + 1;
        unused(b, n)?;
        match b.kind {
            BlockKind::Rows => rows(b, n, width)?,
            BlockKind::Funds => funds(b, n, width)?,
            BlockKind::Indicators => indicator_columns(b, n, width)?,
            BlockKind::Total => {
                if b.label.is_none() {
                    return Err((
                        format!("block {n} (total) needs its `label`, e.g. 总分"),
                        Some("kind = \"total\"".into()),
                    ));
                }
            }
        }
    }
    let p = &f.profile;
    let groups: rust_decimal::Decimal = p.first_level_weights.iter().map(|g| g.weight).sum();
    if !p.first_level_weights.is_empty() && groups + p.funds_weight != p.total_weight {
        return Err((
            format!(
                "the profile's points do not add up: budget {} + groups {} ≠ total {}",
                p.funds_weight.normalize(),
                groups.normalize(),
                p.total_weight.normalize()
            ),
            Some("groups".into()),
        ));
    }
    let grade = f.blocks.iter().any(|b| b.kind == BlockKind::Total && b.grade);
    if grade == p.grades.is_empty() {
        return Err((
            "a total block with `grade = true` and the profile's `grades` go together".into(),
            Some(if grade { "grade = true" } else { "grades" }.into()),
        ));
    }
    Ok(())
}

/// A field name: the model's own, or a text of the form's own (`conclusion`, `report_no`).
fn field_name(name: &str) -> Result<(), Problem> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err((format!("the field “{name}” must be lower-case letters and _"), Some(format!("\"{name}\""))));
    }
    Ok(())
}

/// Keys that a block of another kind takes are an error here, not silently ignored.
fn unused(b: &Block, n: usize) -> Result<(), Problem> {
    let set: [(&str, bool); 11] = [
        ("rows", !b.rows.is_empty()),
        ("head", b.head.is_some()),
        ("head_span", b.head_span.is_some()),
        ("columns", !b.columns.is_empty()),
        ("funds", !b.funds.is_empty()),
        ("unscored", b.unscored.is_some()),
        ("merge_unscored", b.merge_unscored),
        ("rate_decimals", b.rate_decimals.is_some()),
        ("groups", !b.groups.is_empty()),
        ("repeat_header", b.repeat_header.is_some()),
        ("grade", b.grade),
    ];
    let allowed: &[&str] = match b.kind {
        BlockKind::Rows => &["rows"],
        BlockKind::Funds => &["head", "head_span", "columns", "funds", "unscored", "merge_unscored", "rate_decimals"],
        BlockKind::Indicators => &["columns", "groups", "repeat_header"],
        BlockKind::Total => &["grade"],
    };
    match set.iter().find(|(k, on)| *on && !allowed.contains(k)) {
        Some((k, _)) => Err((format!("block {n} ({:?}) does not take `{k}`", b.kind), Some(format!("{k} =")))),
        None => Ok(()),
    }
}

/// Lays the rows out on the grid, rowspans and the block label included: every row must fill
/// the columns exactly.
fn rows(b: &Block, n: usize, width: usize) -> Result<(), Problem> {
    if b.rows.is_empty() {
        return Err((format!("block {n} (rows) has no rows"), None));
    }
    let label = usize::from(b.label.is_some());
    for (r, row) in b.rows.iter().enumerate() {
        for cell in row {
            cell_ok(cell, n)?;
            if r + cell.rows > b.rows.len() {
                return Err((
                    format!("block {n}, row {}: a cell spans more rows than the block has", r + 1),
                    cell_text(cell),
                ));
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
                format!("block {n}, row {}: its cells span {used} columns, the form has {width}", r + 1),
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
        _ => return Err((format!("block {n}: a cell is either a `label` or a `field`"), cell_text(c))),
    }
    if c.span == 0 || c.rows == 0 {
        return Err((format!("block {n}: a cell spans at least one column and row"), cell_text(c)));
    }
    Ok(())
}

fn funds(b: &Block, n: usize, width: usize) -> Result<(), Problem> {
    if b.funds.is_empty() {
        return Err((format!("block {n} (funds) lists no `funds` rows"), None));
    }
    for c in &b.columns {
        if !FUND_VALUES.contains(&c.value.as_str()) {
            return Err((
                format!("block {n}: a funds column holds “{}”, not one of {}", c.value, FUND_VALUES.join(", ")),
                Some(format!("\"{}\"", c.value)),
            ));
        }
    }
    for needed in ["budget", "executed", "score"] {
        if !b.columns.iter().any(|c| c.value == needed) {
            return Err((format!("block {n}: the funds need a `{needed}` column"), Some("kind = \"funds\"".into())));
        }
    }
    let used =
        usize::from(b.label.is_some()) + b.head_span.unwrap_or(1) + b.columns.iter().map(|c| c.span).sum::<usize>();
    if used != width {
        return Err((
            format!("block {n} (funds): its columns span {used} columns, the form has {width}"),
            Some("kind = \"funds\"".into()),
        ));
    }
    Ok(())
}

fn indicator_columns(b: &Block, n: usize, width: usize) -> Result<(), Problem> {
    for c in &b.columns {
        if !INDICATOR_VALUES.contains(&c.value.as_str()) {
            return Err((
                format!(
                    "block {n}: an indicator column holds “{}”, not one of {}",
                    c.value,
                    INDICATOR_VALUES.join(", ")
                ),
                Some(format!("\"{}\"", c.value)),
            ));
        }
    }
    for needed in ["level1", "name", "actual", "score"] {
        if !b.columns.iter().any(|c| c.value == needed) {
            return Err((
                format!("block {n}: the indicators need a `{needed}` column"),
                Some("kind = \"indicators\"".into()),
            ));
        }
    }
    let one_cell = b.columns.iter().any(|c| c.value == "target_text");
    let split = b.columns.iter().any(|c| c.value == "target");
    if one_cell == split {
        return Err((
            format!(
                "block {n}: the indicators need either `target` (with `sign` and `unit`) or `target_text`, one of them"
            ),
            Some("kind = \"indicators\"".into()),
        ));
    }
    let used = usize::from(b.label.is_some()) + b.columns.iter().map(|c| c.span).sum::<usize>();
    if used != width {
        return Err((
            format!("block {n} (indicators): its columns span {used} columns, the form has {width}"),
            Some("kind = \"indicators\"".into()),
        ));
    }
    if b.groups.iter().map(|g| g.columns).sum::<usize>() > b.columns.len() {
        return Err((format!("block {n}: the groups cover more columns than there are"), Some("groups".into())));
    }
    Ok(())
}
