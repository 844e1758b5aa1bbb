//! The pages of `jixiao serve`: Tera templates embedded from `templates/serve/` (autoescaped),
//! and what each page is given. Findings are placed on the sheet they came from, so each can
//! link to its cell.

use super::jobs::{Built, Job};
use crate::diag::{group_findings, Diagnostic, Findings, Report, Severity};
use crate::form::Forms;
use crate::ingest::grid::{cell_name, parse_cell};
use crate::render::html::chain;
use crate::render::Format;
use crate::t;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tera::{Context, Tera};

const PAGES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/serve/base.html")),
    ("macros.html", include_str!("../../templates/serve/macros.html")),
    ("index.html", include_str!("../../templates/serve/index.html")),
    ("job.html", include_str!("../../templates/serve/job.html")),
    ("sheet.html", include_str!("../../templates/serve/sheet.html")),
    ("error.html", include_str!("../../templates/serve/error.html")),
    ("review.html", include_str!("../../templates/serve/review.html")),
    ("review_done.html", include_str!("../../templates/serve/review_done.html")),
];
pub const CSS: &str = include_str!("../../templates/serve/serve.css");
pub const JS: &str = include_str!("../../templates/serve/serve.js");

/// Rows and columns of a sheet shown at most (a sheet may hold 10,000 rows).
const SHOWN_ROWS: u32 = 400;
const SHOWN_COLS: u32 = 40;
/// How far down a highlighted cell is shown past that.
const HIT_ROWS: u32 = 2_000;

fn tera() -> Result<&'static Tera, String> {
    static TERA: OnceLock<Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("tr", crate::i18n::tera_tr);
        tera.add_raw_templates(PAGES.iter().copied()).map_err(|e| chain(&e))?;
        Ok(tera)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// What every page is given besides its own data.
#[derive(Serialize, Clone)]
pub struct Frame {
    pub version: &'static str,
    /// How long uploads are kept, in words.
    pub keep: String,
    pub max_upload: String,
}

/// Renders page `name` with `frame` and `data` (a struct whose fields become the variables).
pub fn render(name: &str, frame: &Frame, data: &impl Serialize) -> Result<String, String> {
    let mut ctx = Context::from_serialize(frame).map_err(|e| chain(&e))?;
    ctx.extend(Context::from_serialize(data).map_err(|e| chain(&e))?);
    tera()?.render(name, &ctx).map_err(|e| chain(&e))
}

/// The error page, or plain text when even that cannot be rendered.
pub fn error_page(frame: &Frame, title: &str, detail: &str, hint: Option<&str>, findings: &[FindingView]) -> String {
    #[derive(Serialize)]
    struct Error<'a> {
        title: &'a str,
        detail: &'a str,
        hint: Option<&'a str>,
        findings: &'a [FindingView],
    }
    render("error.html", frame, &Error { title, detail, hint, findings })
        .unwrap_or_else(|e| format!("{title}\n{detail}\n({e})"))
}

#[derive(Serialize)]
pub struct FormChoice {
    pub name: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct FormatChoice {
    pub value: &'static str,
    pub label: String,
}

/// The index page's choices: every form, and the formats.
pub fn choices(forms: &Forms) -> (Vec<FormChoice>, Vec<FormatChoice>) {
    let forms = forms.iter().map(|f| FormChoice { name: f.name.clone(), description: f.description.clone() }).collect();
    let formats = Format::ALL.iter().map(|f| FormatChoice { value: f.as_str(), label: format_label(*f) }).collect();
    (forms, formats)
}

fn format_label(f: Format) -> String {
    match f {
        Format::Pdf => t!("format-pdf"),
        Format::Html => t!("format-html"),
        Format::Xlsx => t!("format-xlsx"),
    }
}

/// One finding as the pages list it.
#[derive(Serialize, Clone)]
pub struct FindingView {
    pub severity: Severity,
    pub label: String,
    pub code: &'static str,
    /// The code's Chinese title: the finding's headline.
    pub title: String,
    /// What to do, in Chinese.
    pub advice: String,
    /// Where, as `sheet!C7` (the workbook's name left off), or empty.
    pub place: String,
    pub href: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// This is the finding whose cell the page highlights.
    pub current: bool,
    /// The other findings of the same code on the same sheet, folded into this one (the job's
    /// page lists a code once a table, with its cells).
    pub more: Vec<FindingMore>,
}

/// A further cell of a folded finding: where, linked, and its own message.
#[derive(Serialize, Clone)]
pub struct FindingMore {
    pub place: String,
    pub href: Option<String>,
    pub message: String,
}

/// A sheet's findings as the job's page lists them: those of one code about one table folded
/// into the first ([`group_findings`], as the command line prints them), its other cells under it.
fn fold(job: &Job, findings: Vec<(&Diagnostic, &Place)>) -> Vec<FindingView> {
    group_findings(findings, |(d, _)| d)
        .into_iter()
        .map(|group| {
            let mut views = group.into_iter().map(|(d, place)| finding(job, d, place, None));
            let mut first = views.next().expect("a group has a finding");
            first.more = views.map(|f| FindingMore { place: f.place, href: f.href, message: f.message }).collect();
            first
        })
        .collect()
}

/// A sheet's index and a cell in it, when known.
type Place = (Option<usize>, Option<String>);

/// Where a diagnostic points in a job's workbook: the sheet's index and the cell, when known
/// (by its location's parts: the sheet by its name, else the sheet of the table it is about).
pub fn place_of(job: &Job, d: &Diagnostic) -> Place {
    let Some(loc) = &d.location else { return (None, None) };
    let sheets = &job.workbook.sheets;
    if loc.file == job.workbook.file {
        if let Some(k) = loc.sheet.as_ref().and_then(|name| sheets.iter().position(|g| &g.name == name)) {
            let cell = loc.cell.clone().filter(|c| parse_cell(c).is_some());
            return (Some(k), cell);
        }
    }
    (loc.table.and_then(|t| job.sheet_of(t)), None)
}

fn sheet_href(job: &Job, sheet: usize, cell: Option<&str>) -> String {
    match cell {
        Some(c) => format!("/jobs/{}/sheets/{sheet}?cell={c}#{c}", job.id),
        None => format!("/jobs/{}/sheets/{sheet}", job.id),
    }
}

/// A finding as the pages list it, at `place` (linked to `href`).
fn view(d: &Diagnostic, place: String, href: Option<String>, current: bool) -> FindingView {
    FindingView {
        severity: d.severity,
        label: d.severity.label(),
        code: d.code.as_str(),
        title: d.code.title(),
        advice: d.code.advice(),
        place,
        href,
        message: d.message.clone(),
        hint: d.hint.clone(),
        current,
        more: Vec::new(),
    }
}

/// A finding of the job's checks at its place in the workbook (`place_of`), linked to its cell;
/// `current` when that is the highlighted cell of sheet `k`.
fn finding(job: &Job, d: &Diagnostic, (sheet, cell): &Place, current: Option<(usize, &str)>) -> FindingView {
    let place = match (sheet, cell) {
        (Some(k), Some(c)) => format!("{}!{c}", job.workbook.sheets[*k].name),
        (Some(k), None) => job.workbook.sheets[*k].name.clone(),
        _ => d.location.as_ref().map(|l| l.to_string()).unwrap_or_default(),
    };
    let current = current.is_some_and(|(k, c)| *sheet == Some(k) && cell.as_deref() == Some(c));
    view(d, place, sheet.map(|k| sheet_href(job, k, cell.as_deref())), current)
}

/// Findings with no place in a job's workbook (a build's own), as the pages list them.
pub fn plain_findings(report: &Report) -> Vec<FindingView> {
    report
        .diagnostics
        .iter()
        .map(|d| view(d, d.location.as_ref().map(|l| l.to_string()).unwrap_or_default(), None, false))
        .collect()
}

/// Where each of the job's findings points (`place_of`), worked out once a page.
fn places(job: &Job) -> Vec<Place> {
    job.loaded.report.diagnostics.iter().map(|d| place_of(job, d)).collect()
}

#[derive(Serialize)]
pub struct JobHead<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub form: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TableRow {
    pub number: String,
    pub project: String,
    pub form: String,
    pub total: String,
    pub grade: String,
    pub errors: usize,
    pub warnings: usize,
    pub sheet_href: String,
    pub print_href: String,
}

#[derive(Serialize)]
pub struct Group {
    pub sheet: String,
    pub title: String,
    pub findings: Vec<FindingView>,
}

#[derive(Serialize)]
pub struct FileLink {
    pub name: String,
    pub href: String,
    pub size: String,
}

#[derive(Serialize)]
pub struct BuiltView {
    pub files: Vec<FileLink>,
    pub findings: Vec<FindingView>,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub field: String,
    pub old: String,
    pub new: String,
    pub href: Option<String>,
    pub follows: bool,
}

#[derive(Serialize)]
pub struct TableChanges {
    pub number: String,
    pub project: String,
    pub status: String,
    pub changes: Vec<ChangeView>,
}

#[derive(Serialize)]
pub struct CorrectionView {
    pub against: String,
    pub tables: Vec<TableChanges>,
}

#[derive(Serialize)]
pub struct JobPage<'a> {
    pub job: JobHead<'a>,
    pub counts: Findings,
    pub tables: Vec<TableRow>,
    pub groups: Vec<Group>,
    pub built: Option<BuiltView>,
    pub correction: Option<CorrectionView>,
}

fn head(job: &Job) -> JobHead<'_> {
    JobHead { id: &job.id, name: &job.name, form: job.form.as_deref() }
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / (1 << 10) as f64),
        b => format!("{b} B"),
    }
}

/// Table `t`'s row of the list, with its sheet's errors and warnings counted from `places`.
fn table_row(job: &Job, t: usize, places: &[Place]) -> TableRow {
    let table = &job.loaded.packet.tables[t];
    let sheet = job.sheet_of(t).unwrap_or_default();
    let mine = |s: Severity| {
        job.loaded.report.diagnostics.iter().zip(places).filter(|(d, p)| d.severity == s && p.0 == Some(sheet)).count()
    };
    TableRow {
        number: table.number.value.clone(),
        project: table.project.value.clone(),
        form: table.form.clone(),
        total: table.total.score.value.map(|d| d.normalize().to_string()).unwrap_or_else(|| "—".into()),
        grade: table.total.grade.value.clone().unwrap_or_else(|| "—".into()),
        errors: mine(Severity::Error),
        warnings: mine(Severity::Warning),
        sheet_href: sheet_href(job, sheet, None),
        print_href: format!("/jobs/{}/tables/{t}/print", job.id),
    }
}

/// The job's page: its tables, its findings sheet by sheet, what changed since the packet it
/// corrects, and the packet once built.
pub fn job_page<'a>(job: &'a Job, built: Option<&Built>) -> JobPage<'a> {
    let report = &job.loaded.report;
    let places = places(job);
    let mut by_sheet: Vec<Vec<(&Diagnostic, &Place)>> = vec![Vec::new(); job.workbook.sheets.len()];
    let mut elsewhere = Vec::new();
    for (d, place) in report.diagnostics.iter().zip(&places) {
        match place.0 {
            Some(k) => by_sheet[k].push((d, place)),
            None => elsewhere.push(finding(job, d, place, None)),
        }
    }
    let title = |k: usize| {
        let name = &job.workbook.sheets[k].name;
        match job.table_on(k).map(|t| &job.loaded.packet.tables[t]) {
            Some(t) => t!("group-table", number = t.number.value, project = t.project.value, sheet = name),
            None => t!("group-sheet", sheet = name),
        }
    };
    let mut groups: Vec<Group> = by_sheet
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .map(|(k, findings)| Group { sheet: k.to_string(), title: title(k), findings: fold(job, findings) })
        .collect();
    if !elsewhere.is_empty() {
        groups.insert(0, Group { sheet: "workbook".into(), title: t!("page-whole-workbook"), findings: elsewhere });
    }
    let built = built.map(|b| BuiltView {
        files: b
            .files
            .iter()
            .map(|(name, bytes)| FileLink {
                name: name.clone(),
                href: format!("/jobs/{}/files/{}", job.id, percent(name)),
                size: size(*bytes),
            })
            .collect(),
        findings: plain_findings(&b.report),
    });
    let correction = job.correction.as_ref().map(|c| CorrectionView {
        against: c.against.clone(),
        tables: c
            .diff
            .tables
            .iter()
            .map(|t| {
                let sheet = job
                    .loaded
                    .packet
                    .tables
                    .iter()
                    .position(|x| x.number.value == t.number)
                    .and_then(|x| job.sheet_of(x));
                TableChanges {
                    number: t.number.clone(),
                    project: t.project.clone(),
                    status: match t.status {
                        crate::diff::Status::Changed => t!("diff-status-changed"),
                        crate::diff::Status::Added => t!("diff-status-added"),
                        crate::diff::Status::Removed => t!("diff-status-removed"),
                        crate::diff::Status::Moved => t!("diff-status-moved"),
                    },
                    changes: t
                        .changes
                        .iter()
                        .map(|c| ChangeView {
                            field: c.field.clone(),
                            old: c.old.clone(),
                            new: c.new.clone(),
                            href: sheet.map(|k| sheet_href(job, k, c.cell.as_deref())),
                            follows: c.follows,
                        })
                        .collect(),
                }
            })
            .collect(),
    });
    let tables = (0..job.loaded.packet.tables.len()).map(|t| table_row(job, t, &places)).collect();
    JobPage { job: head(job), counts: Findings::of(report), tables, groups, built, correction }
}

#[derive(Serialize)]
pub struct CellView {
    pub text: String,
    pub id: Option<String>,
    pub class: Option<&'static str>,
    pub hit: bool,
    pub rowspan: u32,
    pub colspan: u32,
}

#[derive(Serialize)]
pub struct RowView {
    pub number: u32,
    pub cells: Vec<CellView>,
}

#[derive(Serialize)]
pub struct SheetView {
    pub name: String,
    pub cols: Vec<String>,
    pub rows: Vec<RowView>,
    pub clipped: bool,
}

#[derive(Serialize)]
pub struct PageImage {
    pub src: String,
    pub width: u32,
}

#[derive(Serialize)]
pub struct SheetPage<'a> {
    pub job: JobHead<'a>,
    pub sheet: SheetView,
    pub hit: Option<String>,
    pub table: Option<TableRow>,
    pub findings: Vec<FindingView>,
    pub pages: Vec<PageImage>,
}

/// Sheet `k` as read, with `hit` highlighted and every cell that has a finding marked; the
/// sheet's findings, the highlighted one marked; the table read from it, if any, and its printed
/// pages (their widths in pixels).
pub fn sheet_page<'a>(job: &'a Job, k: usize, hit: Option<&str>, page_widths: &[u32]) -> SheetPage<'a> {
    let grid = &job.workbook.sheets[k];
    let places = places(job);
    let mine: Vec<(&Diagnostic, &Place)> =
        job.loaded.report.diagnostics.iter().zip(&places).filter(|(_, p)| p.0 == Some(k)).collect();
    let hit = hit.filter(|c| parse_cell(c).is_some());
    let (rows, cols) = (grid.rows.min(SHOWN_ROWS), grid.cols.min(SHOWN_COLS));
    // The highlighted cell is shown even past the clipped extent (never past the sheet's, nor
    // past what a page can hold).
    let (rows, cols) = match hit.and_then(parse_cell) {
        Some((r, c)) if r < grid.rows.min(HIT_ROWS) && c < grid.cols => (rows.max(r + 1), cols.max(c + 1)),
        _ => (rows, cols),
    };
    let sheet = sheet_view(grid, rows, cols, hit, |first| {
        mine.iter().filter_map(|(_, p)| p.1.as_deref()).filter_map(parse_cell).map(first).collect()
    });
    let table_index = job.table_on(k);
    let table = table_index.map(|t| table_row(job, t, &places));
    let mut findings: Vec<FindingView> = mine.iter().map(|(d, p)| finding(job, d, p, hit.map(|c| (k, c)))).collect();
    // The highlighted finding first.
    findings.sort_by_key(|f| !f.current);
    let pages = table_index
        .map(|t| {
            (1..)
                .zip(page_widths)
                .map(|(p, &width)| PageImage { src: format!("/jobs/{}/tables/{t}/pages/{p}", job.id), width })
                .collect()
        })
        .unwrap_or_default();
    SheetPage { job: head(job), sheet, hit: hit.map(str::to_string), table, findings, pages }
}

/// The sheet's first `rows` × `cols` cells as the page draws them: each merged area as one cell,
/// its first, which stands for every cell of the area (a finding may name any of them); `hit`
/// highlighted and the cells `flagged` names (given the map to each area's first cell) marked.
fn sheet_view(
    grid: &crate::ingest::grid::Grid,
    rows: u32,
    cols: u32,
    hit: Option<&str>,
    flagged: impl FnOnce(&dyn Fn((u32, u32)) -> (u32, u32)) -> HashSet<(u32, u32)>,
) -> SheetView {
    let mut anchor: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut span: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for m in &grid.merges {
        let (r0, c0) = m.first;
        if r0 >= rows || c0 >= cols {
            continue;
        }
        let (r1, c1) = (m.last.0.min(rows - 1), m.last.1.min(cols - 1));
        let area = || (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| (r, c)));
        // Overlapping areas (a damaged file) are drawn as plain cells.
        if area().any(|p| anchor.contains_key(&p)) {
            continue;
        }
        area().for_each(|p| {
            anchor.insert(p, (r0, c0));
        });
        span.insert((r0, c0), (r1 - r0 + 1, c1 - c0 + 1));
    }
    let first = |p: (u32, u32)| anchor.get(&p).copied().unwrap_or(p);
    let hit_at = hit.and_then(parse_cell).map(first);
    let flagged = flagged(&first);
    let cell = |r: u32, c: u32| {
        let is_hit = hit_at == Some((r, c));
        let is_flag = flagged.contains(&(r, c));
        let (rowspan, colspan) = span.get(&(r, c)).copied().unwrap_or((1, 1));
        CellView {
            text: grid.text(r, c),
            class: if is_hit {
                Some("hit")
            } else if is_flag {
                Some("flag")
            } else {
                None
            },
            // The highlighted cell answers to the name the link gave.
            id: if is_hit { hit.map(str::to_string) } else { is_flag.then(|| cell_name(r, c)) },
            hit: is_hit,
            rowspan,
            colspan,
        }
    };
    SheetView {
        name: grid.name.clone(),
        cols: (0..cols).map(|c| cell_name(0, c).trim_end_matches('1').to_string()).collect(),
        rows: (0..rows)
            .map(|r| RowView {
                number: r + 1,
                cells: (0..cols).filter(|&c| first((r, c)) == (r, c)).map(|c| cell(r, c)).collect(),
            })
            .collect(),
        clipped: grid.rows > rows || grid.cols > cols,
    }
}

/// A packet file's name as a URL path: `/` kept, everything else outside the unreserved set
/// percent-encoded (`tables/公开12表-1.pdf`).
pub fn percent(name: &str) -> String {
    let mut s = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_template_compiles() {
        assert!(tera().is_ok(), "{:?}", tera().err());
    }
}
