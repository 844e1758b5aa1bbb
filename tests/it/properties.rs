//! Properties over generated values (proptest, 256 cases each): the readers of numbers,
//! percentages, signs and one-cell targets read back what the formatter prints or a person types;
//! a rule never scores past its 分值 or below zero; a total is the sum of its parts; and no
//! decimal, however large or small, makes the checks or the renderers' context panic.

use jixiao::check::{check, indicator_score};
use jixiao::form::Forms;
use jixiao::ingest::parse::{decimal_from_f64, decimal_from_text, percent_from_text, sign_from_text, split_target};
use jixiao::model::{format, round_half_up, Measure, Sign};
use jixiao::render::{LayoutOptions, PacketContext};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Any decimal: everyday figures, and the full range down to 28 decimals and up to 2⁹⁶.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => (any::<i64>(), 0u32..=10).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (-(1i128 << 96) + 1..(1i128 << 96), 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
    ]
}

/// A figure as a unit types it: up to 13 digits before the point and 4 after, not negative.
fn figure() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn sign() -> impl Strategy<Value = Sign> {
    prop_oneof![Just(Sign::AtLeast), Just(Sign::AtMost), Just(Sign::Equal)]
}

/// The integer part of `s` grouped by thousands: 1234567.5 → 1,234,567.5.
fn grouped(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{out}.{f}"),
        None => out,
    }
}

/// ASCII folded to full width, as a Chinese input method types it: 12.5 → １２．５.
fn full_width(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect()
}

proptest! {
    #[test]
    fn a_decimal_reads_back_with_its_typed_scale(d in decimal()) {
        let back = decimal_from_text(&d.to_string());
        prop_assert_eq!(back, Some(d));
        prop_assert_eq!(back.unwrap().scale(), d.scale());
    }

    #[test]
    fn separators_spaces_and_full_width_digits_do_not_change_a_figure(d in figure(), pad in "[ \u{3000}\n]{0,2}") {
        let typed = grouped(&d.to_string());
        prop_assert_eq!(decimal_from_text(&format!("{pad}{typed}{pad}")), Some(d));
        prop_assert_eq!(decimal_from_text(&full_width(&typed)), Some(d));
    }

    #[test]
    fn a_percentage_reads_as_its_number(d in figure(), full in any::<bool>()) {
        let typed = if full { format!("{d}％") } else { format!("{d}%") };
        prop_assert_eq!(percent_from_text(&typed), Some((d, true)));
        prop_assert_eq!(percent_from_text(&d.to_string()), Some((d, false)));
    }

    #[test]
    fn a_stored_float_reads_as_the_figure_it_shows(m in -10_000_000_000i64..10_000_000_000, s in 0u32..=4) {
        let d = Decimal::new(m, s);
        prop_assert_eq!(decimal_from_f64(d.to_f64().unwrap()), Some(d.normalize()));
    }

    #[test]
    fn every_spelling_of_a_sign_reads_as_that_sign(sign in sign(), pad in "[ \u{3000}]{0,2}", full in any::<bool>()) {
        let spellings: &[&str] = match sign {
            Sign::AtLeast => &[">=", "≥", ">", "正向", "正向指标"],
            Sign::AtMost => &["<=", "≤", "<", "反向", "反向指标"],
            Sign::Equal => &["=", "=="],
        };
        for s in spellings {
            let typed = if full { full_width(s) } else { s.to_string() };
            prop_assert_eq!(sign_from_text(&format!("{pad}{typed}{pad}")), Some(sign), "{}", typed);
        }
    }

    #[test]
    fn a_one_cell_target_splits_into_the_sign_figure_and_unit_it_was_typed_as(
        sign in sign(),
        d in figure(),
        unit in "[个次项%分钟人天元户场]{0,3}",
    ) {
        let typed = format!("{}{d}{unit}", sign.as_str());
        prop_assert_eq!(split_target(&typed), (Some(sign), Some(Measure::Number(d)), unit));
    }

    #[test]
    fn what_the_formatter_prints_reads_back_as_the_same_value(d in decimal(), decimals in 0u32..=2) {
        prop_assert_eq!(decimal_from_text(&format::money(Some(d))), Some(d));
        prop_assert_eq!(decimal_from_text(&format::score(Some(d))), Some(d));
        prop_assert_eq!(decimal_from_text(&format::measure(&Some(Measure::Number(d)))), Some(d));
        let fixed = format::fixed(Some(d), decimals);
        prop_assert_eq!(decimal_from_text(&fixed), Some(round_half_up(d, decimals)));
        // A rate too large to show as a percentage (past 2⁹⁶ / 100) prints as a dash.
        match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(pct) => prop_assert_eq!(
                percent_from_text(&format::rate(Some(d))),
                Some((round_half_up(pct, 2).normalize(), true))
            ),
            None => prop_assert_eq!(format::rate(Some(d)), format::DASH),
        }
    }

    #[test]
    fn a_rule_never_scores_past_its_weight_or_below_zero(
        weight in figure(),
        target in decimal(),
        actual in decimal(),
        sign in proptest::option::of(sign()),
        decimals in 0u32..=2,
    ) {
        let mut ind = jixiao::synth::table(0, 5).indicators.remove(0);
        ind.weight.value = Some(weight);
        ind.target.value = Some(Measure::Number(target));
        ind.actual.value = Some(Measure::Number(actual));
        ind.sign.value = sign;
        if let Some(s) = indicator_score(&ind, decimals) {
            prop_assert!(s >= Decimal::ZERO && s <= round_half_up(weight, decimals), "{} of {}", s, weight);
        }
    }

    #[test]
    fn a_total_left_empty_is_the_sum_of_the_scores_above_it(
        form in 0usize..4,
        weights in proptest::collection::vec(0i64..5_000, 5..30),
        actuals in proptest::collection::vec(decimal(), 5..30),
    ) {
        let forms = Forms::builtin();
        let form = forms.iter().nth(form).unwrap();
        let mut packet = jixiao::synth::packet_in(form, 1, weights.len());
        let t = &mut packet.tables[0];
        for (k, ind) in t.indicators.iter_mut().enumerate() {
            ind.weight.value = ind.weight.value.map(|_| Decimal::new(weights[k], 2));
            ind.actual.value = actuals.get(k).map(|a| Measure::Number(*a));
            ind.score.value = None;
        }
        t.total.score.value = None;
        check(&mut packet, forms);
        let t = &packet.tables[0];
        let parts: Decimal = t.indicators.iter().filter_map(|i| i.score.value).sum::<Decimal>()
            + t.funds.score.value.unwrap_or_default();
        prop_assert_eq!(t.total.score.value, Some(parts));
    }

    #[test]
    fn no_decimal_makes_the_checks_or_the_grids_panic(
        form in 0usize..4,
        values in proptest::collection::vec(proptest::option::of(decimal()), 64),
    ) {
        let forms = Forms::builtin();
        let form = forms.iter().nth(form).unwrap();
        let mut packet = jixiao::synth::packet_in(form, 1, 7);
        let t = &mut packet.tables[0];
        let mut v = values.into_iter();
        for row in &mut t.funds.rows {
            for cell in [&mut row.initial, &mut row.full_year, &mut row.executed, &mut row.rate] {
                cell.value = v.next().flatten();
            }
        }
        t.funds.weight.value = v.next().flatten();
        t.funds.score.value = v.next().flatten();
        for ind in &mut t.indicators {
            ind.weight.value = v.next().flatten();
            ind.score.value = v.next().flatten();
            ind.actual.value = v.next().flatten().map(Measure::Number);
        }
        t.total.weight.value = v.next().flatten();
        t.total.score.value = v.next().flatten();
        check(&mut packet, forms);
        let ctx = PacketContext::new(&packet, forms, LayoutOptions::default());
        prop_assert_eq!(ctx.tables.len(), 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: accounting_cases(), ..ProptestConfig::default() })]

    /// Every non-empty cell of a sheet edited as units edit theirs (respelled labels, stray
    /// figures and notes, template rows, percentages as text, emptied cells) in every built-in
    /// form ends in exactly one place, and no figure is missing from both the model and the
    /// findings. `JIXIAO_ACCOUNTING_CASES` runs more cases (RELIABILITY.md: 10⁶).
    #[test]
    fn every_cell_of_an_edited_sheet_is_placed_or_named(input in proptest::collection::vec(any::<u8>(), 0..96)) {
        let grid = jixiao::synth::accounting::edited(&input);
        if let Err(e) = jixiao::synth::accounting::holds(&grid) {
            panic!("{e}\n{:?}", input);
        }
    }
}

fn accounting_cases() -> u32 {
    std::env::var("JIXIAO_ACCOUNTING_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}
