//! The one number formatter of every renderer: PDF, HTML and XLSX print a figure the same way,
//! the way the published packet prints it.

use super::{round_half_up, Measure, Sign};
use rust_decimal::Decimal;

/// What the 其中 rows print for 分值 and 得分.
pub const DASH: &str = "—";

/// Money in 万元: as typed, with at least two decimals (178.50, 213.37, 67.164); empty stays empty.
pub fn money(d: Option<Decimal>) -> String {
    d.map(|d| {
        let mut d = d;
        if d.scale() < 2 {
            d.rescale(2);
        }
        d.to_string()
    })
    .unwrap_or_default()
}

/// 执行率 as a percentage with up to two decimals: 100%, 98.76%; a dash for a rate too large to
/// be one (only a damaged model holds it: the checks have said so).
pub fn rate(d: Option<Decimal>) -> String {
    d.map(|d| match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", round_half_up(p, 2).normalize()),
        None => DASH.to_string(),
    })
    .unwrap_or_default()
}

/// The 执行率 得分 at a fixed number of decimals (two in the national profile: 10.00).
pub fn fixed(d: Option<Decimal>, decimals: u32) -> String {
    d.map(|d| {
        let mut d = round_half_up(d, decimals);
        d.rescale(decimals);
        d.to_string()
    })
    .unwrap_or_default()
}

/// Scores and weights as typed: 20, 8.5, 98.5.
pub fn score(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A target or actual value: the number as typed, or the text.
pub fn measure(m: &Option<Measure>) -> String {
    match m {
        Some(Measure::Number(n)) => n.to_string(),
        Some(Measure::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// 指标性质 as the published tables print it: >=, <=, =.
pub fn sign(s: Option<Sign>) -> String {
    s.map(|s| s.as_str().to_string()).unwrap_or_default()
}

/// The Excel number format that prints a figure as [`money`], [`score`] or [`fixed`] do:
/// `0.00`, `0.000`, `0`.
pub fn excel_format(d: Decimal, min_decimals: u32) -> String {
    let places = d.scale().max(min_decimals);
    if places == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(places as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_keeps_typed_decimals_with_at_least_two() {
        assert_eq!(money(Some(dec!(178.5))), "178.50");
        assert_eq!(money(Some(dec!(178.50))), "178.50");
        assert_eq!(money(Some(dec!(67.164))), "67.164");
        assert_eq!(money(Some(dec!(2))), "2.00");
        assert_eq!(money(None), "");
    }

    #[test]
    fn rates_print_as_percentages() {
        assert_eq!(rate(Some(dec!(1))), "100%");
        assert_eq!(rate(Some(dec!(0.98765))), "98.77%");
        assert_eq!(rate(Some(dec!(0.5))), "50%");
    }

    #[test]
    fn funds_score_has_two_decimals_and_scores_print_as_typed() {
        assert_eq!(fixed(Some(dec!(10)), 2), "10.00");
        assert_eq!(fixed(Some(dec!(9.876)), 2), "9.88");
        assert_eq!(score(Some(dec!(8.5))), "8.5");
        assert_eq!(score(Some(dec!(20))), "20");
    }

    #[test]
    fn excel_formats_match_the_printed_decimals() {
        assert_eq!(excel_format(dec!(178.5), 2), "0.00");
        assert_eq!(excel_format(dec!(67.164), 2), "0.000");
        assert_eq!(excel_format(dec!(20), 0), "0");
        assert_eq!(excel_format(dec!(8.5), 0), "0.0");
    }
}
