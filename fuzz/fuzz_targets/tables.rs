//! Tables no workbook would give: a synthetic packet in any built-in form, edited field by field
//! with arbitrary text (Typst, HTML and formula syntax among it), huge and tiny decimals, empty
//! groups and up to 500 indicators, then checked and printed in all three formats, as
//! `build --force` would. Rendering may refuse a table with a diagnostic; it must not panic.
#![no_main]
mod common;
use arbitrary::Arbitrary;
use jixiao::dates::Timestamp;
use jixiao::form::Forms;
use jixiao::model::{Located, Measure, Sign, Table};
use jixiao::render::fonts::Fonts;
use jixiao::render::html::HtmlRenderer;
use jixiao::render::pdf::{PdfRenderer, PdfSettings};
use jixiao::render::templates::Templates;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::sync::OnceLock;

#[derive(Arbitrary, Debug)]
struct Input {
    form: u8,
    /// 5 + this % 40 indicators; 255: 500 (one run in 256, each of those takes seconds).
    indicators: u8,
    landscape: bool,
    edits: Vec<Edit>,
}

#[derive(Arbitrary, Debug)]
enum Num {
    None,
    Small(i32, u8),
    Huge(i128, u8),
}

impl Num {
    fn get(&self) -> Option<Decimal> {
        match *self {
            Num::None => None,
            Num::Small(m, s) => Some(Decimal::new(m as i64, (s % 29) as u32)),
            Num::Huge(m, s) => Decimal::try_from_i128_with_scale(m, (s % 29) as u32).ok(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Value {
    Number(Num),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Text { field: u8, text: String },
    FormText { key: u8, text: String },
    Note(String),
    Money { row: u8, column: u8, value: Num },
    Funds { score: bool, value: Num },
    Total { field: u8, value: Num },
    Grade(Option<String>),
    IndicatorText { at: u16, field: u8, text: String },
    IndicatorNumber { at: u16, score: bool, value: Num },
    Measure { at: u16, actual: bool, value: Option<Value> },
    Sign { at: u16, sign: u8 },
    Truncate { keep: u16 },
}

fn apply(t: &mut Table, e: Edit) {
    let n = t.indicators.len().max(1);
    match e {
        Edit::Text { field, text } => {
            let f = match field % 10 {
                0 => &mut t.project,
                1 => &mut t.department,
                2 => &mut t.implementer,
                3 => &mut t.title,
                4 => &mut t.subtitle,
                5 => &mut t.number,
                6 => &mut t.goals.expected,
                7 => &mut t.goals.achieved,
                8 => &mut t.other_matters,
                _ => {
                    t.sheet = text;
                    return;
                }
            };
            f.value = text;
        }
        Edit::FormText { key, text } => {
            let len = t.texts.len();
            if let Some(v) = (len > 0).then(|| t.texts.values_mut().nth(key as usize % len)).flatten() {
                v.value = text;
            }
        }
        Edit::Note(text) => t.notes.push(Located::bare(text)),
        Edit::Money { row, column, value } => {
            let len = t.funds.rows.len();
            if len == 0 {
                return;
            }
            let r = &mut t.funds.rows[row as usize % len];
            let cell = match column % 4 {
                0 => &mut r.initial,
                1 => &mut r.full_year,
                2 => &mut r.executed,
                _ => &mut r.rate,
            };
            cell.value = value.get();
        }
        Edit::Funds { score, value } => {
            let cell = if score { &mut t.funds.score } else { &mut t.funds.weight };
            cell.value = value.get();
        }
        Edit::Total { field, value } => {
            let cell = if field % 2 == 0 { &mut t.total.weight } else { &mut t.total.score };
            cell.value = value.get();
        }
        Edit::Grade(g) => t.total.grade.value = g,
        Edit::IndicatorText { at, field, text } => {
            let Some(i) = t.indicators.get_mut(at as usize % n) else { return };
            let f = match field % 6 {
                0 => &mut i.level1,
                1 => &mut i.level2,
                2 => &mut i.name,
                3 => &mut i.unit,
                4 => &mut i.reason,
                _ => &mut i.improvement,
            };
            f.value = text;
        }
        Edit::IndicatorNumber { at, score, value } => {
            let Some(i) = t.indicators.get_mut(at as usize % n) else { return };
            let cell = if score { &mut i.score } else { &mut i.weight };
            cell.value = value.get();
        }
        Edit::Measure { at, actual, value } => {
            let Some(i) = t.indicators.get_mut(at as usize % n) else { return };
            let cell = if actual { &mut i.actual } else { &mut i.target };
            cell.value = value.and_then(|v| match v {
                Value::Number(n) => n.get().map(Measure::Number),
                Value::Text(s) => Some(Measure::Text(s)),
            });
        }
        Edit::Sign { at, sign } => {
            let Some(i) = t.indicators.get_mut(at as usize % n) else { return };
            i.sign.value = [None, Some(Sign::AtLeast), Some(Sign::AtMost), Some(Sign::Equal)][sign as usize % 4];
        }
        Edit::Truncate { keep } => t.indicators.truncate(keep as usize % n),
    }
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load(&[] as &[&str]))
}

fuzz_target!(|input: Input| {
    common::contained_panics_are_not_crashes();
    let forms = Forms::builtin();
    let all: Vec<_> = forms.iter().collect();
    let form = all[input.form as usize % all.len()];
    let indicators = if input.indicators == 255 { 500 } else { 5 + input.indicators as usize % 40 };
    let mut packet = jixiao::synth::packet_in(form, 1, indicators);
    for e in input.edits.into_iter().take(64) {
        apply(&mut packet.tables[0], e);
    }
    jixiao::check::check(&mut packet, forms);
    let ctx = PacketContext::new(&packet, forms, LayoutOptions { landscape: input.landscape });
    let templates = Templates::builtin();
    let when = Timestamp::epoch();
    let _ = XlsxRenderer::new(when).render(&ctx);
    let _ = HtmlRenderer::new(&templates).map(|r| r.render(&ctx));
    let _ = PdfRenderer::new(fonts(), PdfSettings::default(), &templates).render(&ctx);
});
