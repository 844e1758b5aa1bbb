//! The cell accounting as a property, for the property tests and the `accounting` fuzz target:
//! a table in every built-in form, as jixiao's Excel copy lays it out, is edited as units edit
//! their sheets (labels respelled, stray figures and notes, template rows, percentages typed as
//! text, cells emptied), read again, and every non-empty cell must have exactly one place; no
//! figure may be missing from both the model and the findings.

use crate::dates::Timestamp;
use crate::diag::{Code, Report};
use crate::form::Forms;
use crate::ingest::account::{is_figure, Place};
use crate::ingest::grid::{cell_name, Grid, RawValue};
use crate::ingest::{self, Workbook};
use crate::render::{xlsx::XlsxRenderer, LayoutOptions, PacketContext, Renderer};
use std::sync::OnceLock;

/// Each built-in form's synthetic table as a sheet: written by the Excel renderer, read back.
pub fn sheets() -> &'static [Grid] {
    static SHEETS: OnceLock<Vec<Grid>> = OnceLock::new();
    SHEETS.get_or_init(|| {
        let forms = Forms::builtin();
        forms
            .iter()
            .map(|form| {
                let packet = super::packet_in(form, 1, 6);
                let ctx = PacketContext::new(&packet, forms, LayoutOptions::default());
                let files = XlsxRenderer::new(Timestamp::epoch()).render(&ctx).expect("the synthetic table renders");
                let wb = ingest::workbook::read_bytes("synthetic.xlsx", "xlsx", files[0].bytes.clone())
                    .expect("jixiao reads its own Excel copy");
                wb.sheets.into_iter().next().expect("one sheet")
            })
            .collect()
    })
}

/// The bytes an edit list is drawn from, one at a time (0 once they run out).
struct Draw<'a>(&'a [u8]);

impl Draw<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        (u32::from(self.byte()) << 8 | u32::from(self.byte())) % n
    }
}

/// How units respell a label.
fn respell(t: &str, how: u8) -> String {
    match how % 8 {
        0 => format!("{t}："),
        1 => t.chars().flat_map(|c| [c, ' ']).collect::<String>().trim_end().to_string(),
        2 => t.replacen(|c: char| !c.is_whitespace(), &format!("{}　", t.chars().next().unwrap_or(' ')), 1),
        3 => t.replace('（', "【").replace('）', "】").replace('(', "〔").replace(')', "〕"),
        4 => format!("其中：{t}"),
        5 => t.replace("当年", "本年").replace("结转", "结余结转"),
        6 => format!(" {t}\n"),
        _ => t.replace("资金", "资金 "),
    }
}

/// A sheet edited as `input` says.
pub fn edited(input: &[u8]) -> Grid {
    let mut d = Draw(input);
    let all = sheets();
    let base = &all[d.byte() as usize % all.len()];
    let mut cells: Vec<((u32, u32), RawValue)> = base
        .cells_in_order()
        .into_iter()
        .map(|(r, c)| ((r, c), base.get(r, c).value.clone()))
        .filter(|(_, v)| *v != RawValue::Empty)
        .collect();
    let edits = d.byte() % 12;
    for _ in 0..edits {
        let rows = cells.iter().map(|((r, _), _)| r + 1).max().unwrap_or(1);
        let cols = cells.iter().map(|((_, c), _)| c + 1).max().unwrap_or(1);
        let pick = d.below(cells.len() as u32) as usize;
        match d.byte() % 7 {
            0 => {
                if let Some((_, RawValue::Text(t))) = cells.get_mut(pick) {
                    *t = respell(t, d.byte());
                }
            }
            1 | 2 => {
                let at = (d.below(rows + 2), d.below(cols + 2));
                let v = if d.byte() % 2 == 0 {
                    RawValue::Float(f64::from(d.below(100_000)) / 100.0)
                } else {
                    RawValue::Text(["说明", "见附件", "合计", "备注", "12.5万元"][d.below(5) as usize].into())
                };
                cells.retain(|(k, _)| *k != at);
                cells.push((at, v));
            }
            3 => {
                // Template rows: a row of the form's placeholders pushed in.
                let r = d.below(rows);
                let c = d.below(cols);
                for ((rr, _), _) in cells.iter_mut() {
                    if *rr >= r {
                        *rr += 1;
                    }
                }
                let text = ["指标2", "……", "三级指标名称", "经济效益指标"][d.below(4) as usize];
                cells.push(((r, c), RawValue::Text(text.into())));
            }
            4 => {
                if let Some((_, v @ RawValue::Float(_))) = cells.get_mut(pick) {
                    if let RawValue::Float(f) = v {
                        *v = RawValue::Text(format!("{f}%"));
                    }
                }
            }
            5 => {
                if pick < cells.len() {
                    cells.remove(pick);
                }
            }
            _ => {
                if let Some((_, v)) = cells.get_mut(pick) {
                    *v = RawValue::Text(format!("{:.2}", f64::from(d.below(1_000_000)) / 7.0));
                }
            }
        }
    }
    let mut grid = Grid::new(&base.name);
    for ((r, c), v) in cells {
        grid.set(r, c, v, None);
    }
    grid
}

/// The property: reading `grid` places every non-empty cell exactly once, never takes a figure
/// for a label or the form's text, and names every unplaced cell in a finding at that cell.
pub fn holds(grid: &Grid) -> Result<(), String> {
    let wb = Workbook { file: "edited.xlsx".into(), sheets: vec![grid.clone()], modified: None };
    let (_, report, sheets): (_, Report, _) = ingest::read_workbook(&wb, Forms::builtin(), None);
    let Some(sheet) = sheets.first() else {
        // No table read: the sheet is skipped or broken, and a finding says why.
        return match report.diagnostics.is_empty() {
            true => Err("a sheet with no table and no finding".into()),
            false => Ok(()),
        };
    };
    let non_empty: Vec<(u32, u32)> = grid
        .cells_in_order()
        .into_iter()
        .filter(|&(r, c)| grid.get(r, c).value != RawValue::Empty && !grid.text(r, c).is_empty())
        .collect();
    if non_empty.len() != sheet.cells.len() {
        return Err(format!("{} non-empty cells, {} placed", non_empty.len(), sheet.cells.len()));
    }
    for ((r, c), placed) in non_empty.iter().zip(&sheet.cells) {
        let name = cell_name(*r, *c);
        if placed.cell != name {
            return Err(format!("{name} placed as {}", placed.cell));
        }
        let figure = is_figure(&grid.get(*r, *c).value);
        if figure && matches!(placed.place, Place::Label | Place::Standing) {
            return Err(format!("the figure {} at {name} was taken for the form's words", placed.text));
        }
        if placed.place == Place::Unread {
            let named = report.diagnostics.iter().any(|d| {
                matches!(d.code, Code::UnreadCell | Code::UnreadText)
                    && d.location
                        .as_ref()
                        .is_some_and(|l| l.sheet.as_ref() == Some(&grid.name) && d.cell() == Some(&name))
            });
            if !named {
                return Err(format!("{name} is unread and no finding names it"));
            }
        }
    }
    Ok(())
}
