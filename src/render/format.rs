//! The one number formatter of every renderer: PDF, HTML and XLSX print a figure the same way,
//! the way the published packet prints it.

use crate::model::{round_half_up, Measure};
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

/// 执行率 as a percentage with up to two decimals: 100%, 98.76%.
pub fn rate(d: Option<Decimal>) -> String {
    d.map(|d| format!("{}%", round_half_up(d * Decimal::ONE_HUNDRED, 2).normalize())).unwrap_or_default()
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

/// Seconds since 1970 → (year, month, day, seconds into the day), UTC, proleptic Gregorian.
pub fn civil(secs: i64) -> (i32, u8, u8, u32) {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d, secs.rem_euclid(86_400) as u32)
}

/// A date as a notice prints it: 2022年6月30日.
pub fn chinese_date(secs: i64) -> String {
    let (y, m, d, _) = civil(secs);
    format!("{y}年{m}月{d}日")
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
