//! A number as its cell shows it: the cell's own number format (`0%`, `#,##0.00`, `0.0"人"`)
//! applied to its value, so that a free-form value (指标值, 实际完成值) prints as the unit saw it
//! in Excel or WPS. Only the formats that tables use are understood (digits, decimals,
//! thousands separators, percent, literal text); a date or anything else gives `None`, and the
//! value prints as the number it is.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a format shows a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumFormat {
    prefix: String,
    suffix: String,
    /// Decimals always shown (`0.00` → 2) and at most (`0.0#` → 2).
    min_decimals: u32,
    max_decimals: u32,
    grouped: bool,
    pub percent: bool,
}

impl NumFormat {
    /// The format's first section, when it is one jixiao understands and shows a number other
    /// than as its shortest form (`General`, `@` and `0` give `None`).
    pub fn parse(code: &str) -> Option<NumFormat> {
        let section = first_section(code);
        let mut f = NumFormat {
            prefix: String::new(),
            suffix: String::new(),
            min_decimals: 0,
            max_decimals: 0,
            grouped: false,
            percent: false,
        };
        let mut digits_seen = false;
        let mut after_point = false;
        let mut chars = section.chars().peekable();
        while let Some(ch) = chars.next() {
            let literal = |f: &mut NumFormat, s: &str| {
                if digits_seen {
                    f.suffix.push_str(s)
                } else {
                    f.prefix.push_str(s)
                }
            };
            match ch {
                '0' | '#' | '?' => {
                    digits_seen = true;
                    if after_point {
                        f.max_decimals += 1;
                        if ch == '0' {
                            f.min_decimals += 1;
                        }
                    }
                }
                '.' if !after_point => {
                    after_point = true;
                    digits_seen = true;
                }
                ',' if digits_seen && !after_point => f.grouped = true,
                '%' => {
                    f.percent = true;
                    literal(&mut f, "%");
                }
                '"' => {
                    let mut lit = String::new();
                    for c in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                        lit.push(c);
                    }
                    literal(&mut f, &lit);
                }
                '\\' => {
                    if let Some(c) = chars.next() {
                        literal(&mut f, &c.to_string());
                    }
                }
                '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    // A colour or locale ([Red], [$-804]): shown as nothing.
                    for c in chars.by_ref() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                ' ' | '-' | '+' | '(' | ')' | '/' | ':' => literal(&mut f, &ch.to_string()),
                // A date, time, exponent or text part, or a letter left unquoted: not a number format
                // jixiao shows.
                _ => return None,
            }
        }
        if !digits_seen {
            return None;
        }
        let plain = f.prefix.is_empty() && f.suffix.is_empty() && f.min_decimals == 0 && !f.grouped;
        (!plain).then_some(f)
    }

    /// The value as the format shows it, and the value the unit means: a percent format shows
    /// 0.95 as `95%` and means 95 (of a `%` unit).
    pub fn show(&self, value: Decimal) -> (String, Decimal) {
        let meant = if self.percent { value * Decimal::ONE_HUNDRED } else { value };
        let mut v = meant.round_dp_with_strategy(self.max_decimals, RoundingStrategy::MidpointAwayFromZero);
        if v.scale() < self.min_decimals {
            v.rescale(self.min_decimals);
        }
        let mut text = v.abs().to_string();
        // Trailing zeros past the decimals always shown (`0.0#`) go.
        if let Some(point) = text.find('.') {
            let keep = point + 1 + self.min_decimals as usize;
            while text.len() > keep && text.ends_with('0') {
                text.pop();
            }
            if text.ends_with('.') {
                text.pop();
            }
        }
        if self.grouped {
            text = group(&text);
        }
        let sign = if v.is_sign_negative() && !v.is_zero() { "-" } else { "" };
        (format!("{sign}{}{text}{}", self.prefix, self.suffix), meant)
    }
}

/// The first section of a format (`0.00;[Red]-0.00` → `0.00`), quotes respected.
fn first_section(code: &str) -> &str {
    let mut quoted = false;
    for (i, c) in code.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &code[..i],
            _ => {}
        }
    }
    code
}

/// `1234567.5` → `1,234,567.5`
fn group(text: &str) -> String {
    let (int, frac) = text.split_once('.').map(|(a, b)| (a, Some(b))).unwrap_or((text, None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn show(code: &str, v: Decimal) -> Option<String> {
        NumFormat::parse(code).map(|f| f.show(v).0)
    }

    #[test]
    fn percent_formats_show_the_fraction_as_a_percentage_and_mean_it() {
        assert_eq!(show("0%", dec!(0.95)), Some("95%".into()));
        assert_eq!(show("0.00%", dec!(0.9876)), Some("98.76%".into()));
        assert_eq!(NumFormat::parse("0%").unwrap().show(dec!(0.95)).1, dec!(95));
    }

    #[test]
    fn separators_decimals_and_literals_are_shown() {
        assert_eq!(show("#,##0", dec!(1200)), Some("1,200".into()));
        assert_eq!(show("#,##0.00", dec!(1234567.891)), Some("1,234,567.89".into()));
        assert_eq!(show("0.00", dec!(30.1)), Some("30.10".into()));
        assert_eq!(show("0.0#", dec!(30.125)), Some("30.13".into()));
        assert_eq!(show("0.0#", dec!(30)), Some("30.0".into()));
        assert_eq!(show("0\"人\"", dec!(38508)), Some("38508人".into()));
        assert_eq!(show("#,##0.00;[Red]-#,##0.00", dec!(-5)), Some("-5.00".into()));
    }

    #[test]
    fn general_dates_and_text_formats_are_not_shown() {
        for code in ["General", "@", "0", "yyyy-mm-dd", "m/d/yy", "0.00E+00", "h:mm"] {
            assert_eq!(NumFormat::parse(code), None, "{code}");
        }
    }
}
