//! Reading typed text as people type it: labels with stray spaces and full-width punctuation,
//! numbers stored as text, comparison signs in their many spellings.

use super::{Measure, Sign};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A text with white space (also line breaks and U+3000) removed and full-width ASCII folded to
/// half-width, so `项目资金\n（万元）` and `项目资金(万元)` compare equal.
pub fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(fold_width).collect()
}

fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹦' => '=',
        '﹤' => '<',
        '﹥' => '>',
        '—' => '-',
        _ => c,
    }
}

/// A float as the person typed it: binary noise past ten decimals is dropped
/// (603.1900000000001 → 603.19) and trailing zeros go (178.5, not 178.5000).
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let d = Decimal::from_str(&format!("{f}")).or_else(|_| Decimal::from_scientific(&format!("{f:e}"))).ok()?;
    Some(d.round_dp(10).normalize())
}

/// A number typed as text: ` 8 `, `213.37`, `1,234.5`, full-width digits. Keeps the typed
/// scale (`178.50` stays 178.50). `None` when the text is not a number.
pub fn decimal_from_text(s: &str) -> Option<Decimal> {
    let t: String = norm(s).chars().filter(|&c| c != ',').collect();
    if t.is_empty() {
        return None;
    }
    Decimal::from_str(&t).ok().or_else(|| Decimal::from_scientific(&t).ok())
}

/// A number that may carry a trailing `%`: returns the number and whether it was a percentage.
pub fn percent_from_text(s: &str) -> Option<(Decimal, bool)> {
    let t = norm(s);
    match t.strip_suffix('%') {
        Some(n) => decimal_from_text(n).map(|d| (d, true)),
        None => decimal_from_text(&t).map(|d| (d, false)),
    }
}

/// Text that stands for "no value" in a number cell: the published tables print — there.
pub fn is_blank_mark(s: &str) -> bool {
    let t = norm(s);
    t.is_empty() || t.chars().all(|c| c == '-' || c == '/')
}

/// 指标性质 in any of its spellings: `>=`, `≥`, `<=`, `≤`, `=`, `＝`, `﹦`, also `>`/`<`
/// and the words 正向/反向.
pub fn sign_from_text(s: &str) -> Option<Sign> {
    match norm(s).as_str() {
        ">=" | "≥" | ">" | "≧" | "正向" | "正向指标" => Some(Sign::AtLeast),
        "<=" | "≤" | "<" | "≦" | "反向" | "反向指标" => Some(Sign::AtMost),
        "=" | "==" | "等于" => Some(Sign::Equal),
        _ => None,
    }
}

/// Splits a one-cell 年度指标值 such as `≥8个`, `≤60分钟`, `=100%` or `达到预期` into sign,
/// target and unit. A text with no leading number is a qualitative target.
pub fn split_target(s: &str) -> (Option<Sign>, Option<Measure>, String) {
    let t = norm(s);
    if t.is_empty() {
        return (None, None, String::new());
    }
    let signs = [">=", "<=", "≥", "≤", "≧", "≦", "==", "=", ">", "<"];
    let (sign, rest) =
        signs.iter().find_map(|p| t.strip_prefix(p).map(|r| (sign_from_text(p), r))).unwrap_or((None, t.as_str()));
    let num_end = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || (i == 0 && c == '-')))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    match decimal_from_text(&rest[..num_end]) {
        Some(n) => (sign, Some(Measure::Number(n)), rest[num_end..].to_string()),
        // A qualitative target keeps its text exactly as typed (spaces and all).
        None => (sign, Some(Measure::Text(s.trim().to_string())), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn labels_fold_spaces_breaks_and_full_width_punctuation() {
        assert_eq!(norm("年度\n总体\n目标"), "年度总体目标");
        assert_eq!(norm("项目资金（万元）"), "项目资金(万元)");
        assert_eq!(norm(" 项目资金 (万元)"), "项目资金(万元)");
        assert_eq!(norm("其中：当年财政拨款"), "其中:当年财政拨款");
    }

    #[test]
    // The floats are the binary noise a workbook stores, on purpose.
    #[allow(clippy::excessive_precision)]
    fn float_noise_is_dropped_and_typed_scale_kept() {
        assert_eq!(decimal_from_f64(603.1900000000001).unwrap().to_string(), "603.19");
        assert_eq!(decimal_from_f64(8.890000000000001).unwrap().to_string(), "8.89");
        assert_eq!(decimal_from_f64(67.164).unwrap().to_string(), "67.164");
        assert_eq!(decimal_from_text("178.50").unwrap().to_string(), "178.50");
        assert_eq!(decimal_from_text(" 8 ").unwrap(), dec!(8));
        assert_eq!(decimal_from_text("１２"), Some(dec!(12)));
        assert_eq!(decimal_from_text("1,234.5"), Some(dec!(1234.5)));
        assert_eq!(decimal_from_text("达到预期"), None);
    }

    #[test]
    fn percent_text_is_recognized() {
        assert_eq!(percent_from_text("100%"), Some((dec!(100), true)));
        assert_eq!(percent_from_text("98.76％"), Some((dec!(98.76), true)));
        assert_eq!(percent_from_text("1"), Some((dec!(1), false)));
    }

    #[test]
    fn every_sign_spelling_is_read() {
        for s in [">=", "≥", "＞＝", " >= "] {
            assert_eq!(sign_from_text(s), Some(Sign::AtLeast), "{s}");
        }
        for s in ["<=", "≤", "＜＝"] {
            assert_eq!(sign_from_text(s), Some(Sign::AtMost), "{s}");
        }
        for s in ["=", "＝", "﹦"] {
            assert_eq!(sign_from_text(s), Some(Sign::Equal), "{s}");
        }
        assert_eq!(sign_from_text("约"), None);
    }

    #[test]
    fn one_cell_targets_split_into_sign_value_unit() {
        assert_eq!(split_target("≥8个"), (Some(Sign::AtLeast), Some(Measure::Number(dec!(8))), "个".into()));
        assert_eq!(split_target("≤60分钟"), (Some(Sign::AtMost), Some(Measure::Number(dec!(60))), "分钟".into()));
        assert_eq!(split_target("﹦100%"), (Some(Sign::Equal), Some(Measure::Number(dec!(100))), "%".into()));
        assert_eq!(split_target("达到预期"), (None, Some(Measure::Text("达到预期".into())), String::new()));
    }
}
