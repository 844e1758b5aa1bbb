//! The one serializable context every renderer draws from (as mdBook's RenderContext): each
//! table's cells already formatted by [`super::format`], so PDF, HTML and XLSX agree.

use super::grid::{self, Grid};
use super::Format;
use crate::form::fields::Field;
use crate::form::{Form, Forms};
use crate::model::{Packet, Table};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PacketContext {
    /// The packet's title, e.g. 2021年度项目支出绩效自评表.
    pub title: String,
    /// The unit publishing the packet (the 实施单位 of the first table).
    pub unit: String,
    pub tables: Vec<TableContext>,
    pub options: LayoutOptions,
    /// The formats this build writes (`pdf`, `html`, `xlsx`), so pages link only to files that exist.
    pub formats: Vec<Format>,
    /// Set when this packet corrects a published one.
    pub correction: Option<CorrectionContext>,
}

/// Choices about the page, shared by every table.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LayoutOptions {
    pub landscape: bool,
}

/// One table as every format prints it: the lines above the grid, the grid itself on its
/// form's columns, and the notes.
#[derive(Debug, Clone, Serialize)]
pub struct TableContext {
    /// The form the table is printed in.
    pub form: String,
    pub number: String,
    /// Whether the form prints the table's number (公开12表-1) above the grid.
    pub show_number: bool,
    /// A file-name-safe form of the number, for `tables/<slug>.pdf`.
    pub slug: String,
    pub title: String,
    /// A line under the title (（2022年度）), or empty.
    pub subtitle: String,
    /// Label-value lines above the title (报表编号：…) and between the title and the grid.
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub project: String,
    pub implementer: String,
    pub total_score: String,
    pub grade: String,
    /// Landscape pages, as the form or the settings say.
    pub landscape: bool,
    pub grid: Grid,
    pub notes: Vec<String>,
    /// What the notes are headed by: the form's 备注 (注).
    pub notes_label: String,
}

impl PacketContext {
    pub fn new(packet: &Packet, forms: &Forms, options: LayoutOptions) -> Self {
        Self::with_formats(packet, forms, options, &Format::ALL)
    }

    pub fn with_formats(packet: &Packet, forms: &Forms, options: LayoutOptions, formats: &[Format]) -> Self {
        use rayon::prelude::*;
        // Each table's grid and fitted columns are its own: made in parallel, in order.
        let pdf = formats.contains(&Format::Pdf);
        let mut tables: Vec<_> = packet
            .tables
            .par_iter()
            .map(|t| {
                let mut c = TableContext::new(t, forms.of(&t.form), &options);
                if pdf {
                    c.grid.measure_rows(c.landscape);
                }
                c
            })
            .collect();
        unique_slugs(&mut tables);
        PacketContext {
            title: tables.first().map(|t| t.title.clone()).unwrap_or_else(|| "项目支出绩效自评表".into()),
            unit: tables.first().map(|t| t.implementer.clone()).unwrap_or_default(),
            tables,
            options,
            formats: formats.to_vec(),
            correction: None,
        }
    }
}

/// `公开12表-1` stays as it is. Whatever a table's number holds, its files stay inside `tables/`,
/// visible, and valid on every system: path separators, control and reserved characters become
/// `_`; a leading dot (`.hidden`, `../x`) and trailing dots and spaces go; Windows' device names
/// (`CON`, `nul.txt`) get a leading `_`; a name past 120 bytes is cut and keeps a hash of the
/// whole number, so that two long numbers stay apart.
pub fn slug(number: &str) -> String {
    const MAX: usize = 120;
    let s: String = number
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) || c.is_whitespace() { '_' } else { c })
        .collect();
    let s = s.trim_start_matches('.').trim_end_matches(['.', ' ']);
    let mut s = if s.is_empty() { "table".to_string() } else { s.to_string() };
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let device = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if device {
        s.insert(0, '_');
    }
    if s.len() > MAX {
        let mut cut = MAX - 9;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s = format!("{}~{}", &s[..cut], &crate::hash::sha256_hex(number.as_bytes())[..8]);
    }
    s
}

/// Two tables whose numbers make the same file name (`a/b` and `a:b`, or `X` and `x` on a
/// system that does not tell case apart) would overwrite each other's files: the later ones get
/// `~2`, `~3` in packet order. (Two tables with the very same number are an error of the checks.)
fn unique_slugs(tables: &mut [TableContext]) {
    let mut used = std::collections::HashSet::new();
    for t in tables {
        let base = t.slug.clone();
        let mut k = 1;
        while !used.insert(t.slug.to_lowercase()) {
            k += 1;
            t.slug = format!("{base}~{k}");
        }
    }
}

impl TableContext {
    pub fn new(t: &Table, form: &Form, options: &LayoutOptions) -> Self {
        let print = |f: Field| f.print(t, form).text;
        let line = |l: &crate::form::spec::LineField| {
            let v = print(Field::Text(l.field.clone()));
            format!("{}：{v}", l.label)
        };
        let number = print(Field::Number);
        TableContext {
            form: form.name.clone(),
            slug: slug(&number),
            number,
            show_number: form.title.number.is_some(),
            title: print(Field::Title),
            subtitle: print(Field::Subtitle),
            before: form.title.before.iter().map(line).collect(),
            after: form.title.after.iter().map(line).collect(),
            project: print(Field::Text("project".into())),
            implementer: print(Field::Text("implementer".into())),
            total_score: print(Field::TotalScore),
            grade: print(Field::Grade),
            landscape: options.landscape || form.landscape,
            grid: grid::build(t, form, options.landscape || form.landscape),
            notes: (0..t.notes.len()).map(|k| print(Field::Note(k))).collect(),
            notes_label: form.notes.clone(),
        }
    }
}

/// The 更正说明 (correction notice) of a packet that corrects a published one.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionContext {
    /// 关于《2021年度项目支出绩效自评表》的更正说明
    pub title: String,
    /// The corrected packet's title: 2021年度项目支出绩效自评表.
    pub packet_title: String,
    pub unit: String,
    /// When the corrected packet was published, and when this one is (2022年6月30日, or a blank
    /// line to fill in where the date is not known).
    pub previous_date: String,
    pub date: String,
    pub tables: Vec<CorrectedTable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectedTable {
    pub number: String,
    pub project: String,
    /// 更正, 新增, 删除, 调整表号（原公开12表-3）.
    pub status: String,
    pub changes: Vec<CorrectedField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectedField {
    pub field: String,
    pub old: String,
    pub new: String,
    /// Why the value changed when the user did not change it: it follows from a change above.
    pub note: String,
}
