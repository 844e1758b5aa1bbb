//! HTML through Tera: portal-ready pages, self-contained (inline CSS, no scripts, no fonts or
//! images from the network), with autoescaping on for every HTML template.

use super::context::{CorrectionContext, PacketContext, TableContext};
use super::templates::Templates;
use super::{names, ByFormat, FileNames, Format, OutFile, Plan, RenderError, Renderer};
use crate::diag::{Code, Diagnostic};
use crate::t;
use serde::Serialize;
use tera::{Context, Tera};

pub struct HtmlRenderer {
    tera: Tera,
}

fn error(message: String) -> RenderError {
    Diagnostic::new(Code::HtmlTemplate, message).hint(t!("html-template-hint")).into()
}

/// What every page template receives, the same shape on every page: the packet's head, the
/// tables the page shows (their numbers, titles, totals: all of them, or the one of a table's
/// own page), their grids as `sheet.html.tera` rendered them (each once, for its own page and
/// the packet's), and jixiao's version.
#[derive(Serialize, Clone, Copy)]
struct Page<'a> {
    packet: Head<'a>,
    tables: &'a [TableHead<'a>],
    sections: &'a [String],
    version: &'static str,
}

/// A table as the pages list it, without its grid.
#[derive(Serialize)]
struct TableHead<'a> {
    number: &'a str,
    slug: &'a str,
    /// Its own files' names, inside `packet.files.tables`.
    files: ByFormat,
    form: &'a str,
    title: &'a str,
    project: &'a str,
    implementer: &'a str,
    total_score: &'a str,
    grade: &'a str,
}

impl<'a> From<&'a TableContext> for TableHead<'a> {
    fn from(t: &'a TableContext) -> Self {
        TableHead {
            number: &t.number,
            slug: &t.slug,
            files: FileNames::of_table(&t.slug),
            form: &t.form,
            title: &t.title,
            project: &t.project,
            implementer: &t.implementer,
            total_score: &t.total_score,
            grade: &t.grade,
        }
    }
}

/// What `sheet.html.tera` receives to render one table's grid: the table, whole.
#[derive(Serialize)]
struct Sheet<'a> {
    packet: Head<'a>,
    t: &'a TableContext,
}

/// The packet without its tables.
#[derive(Serialize, Clone, Copy)]
struct Head<'a> {
    title: &'a str,
    unit: &'a str,
    formats: &'a [Format],
    correction: Option<&'a CorrectionContext>,
    /// The names of the packet's files, to link to.
    files: &'a FileNames,
}

/// Tera's own error chain, which names the template and the line (`jixiao serve`'s pages say
/// theirs the same way).
pub fn chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

impl HtmlRenderer {
    pub fn new(templates: &Templates) -> Result<Self, RenderError> {
        let mut tera = Tera::default();
        // Template names end in .html.tera, which Tera would not escape by default.
        tera.autoescape_on(vec![".html.tera", ".html"]);
        tera.add_raw_templates(templates.iter().filter(|(n, _)| !n.ends_with(".typ"))).map_err(|e| error(chain(&e)))?;
        Ok(HtmlRenderer { tera })
    }

    fn render(&self, name: &str, data: &impl Serialize) -> Result<String, RenderError> {
        let ctx = Context::from_serialize(data).map_err(|e| error(chain(&e)))?;
        self.tera.render(name, &ctx).map_err(|e| error(chain(&e)))
    }

    fn page(&self, name: &str, page: &Page) -> Result<Vec<u8>, RenderError> {
        self.render(name, page).map(String::into_bytes)
    }
}

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render_planned(&self, packet: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        let files = FileNames::new();
        let head = Head {
            files: &files,
            title: &packet.title,
            unit: &packet.unit,
            formats: &packet.formats,
            correction: packet.correction.as_ref(),
        };
        // Each table's grid, rendered once: for its own page and for the packet's.
        let sections: Vec<String> = packet
            .tables
            .iter()
            .map(|t| self.render("sheet.html.tera", &Sheet { packet: head, t }))
            .collect::<Result<_, _>>()?;
        let heads: Vec<TableHead> = packet.tables.iter().map(TableHead::from).collect();
        let version = env!("CARGO_PKG_VERSION");
        let all = Page { packet: head, tables: &heads, sections: &[], version };
        let mut out = vec![
            OutFile { path: names::INDEX.into(), bytes: self.page("index.html.tera", &all)?, table: None },
            OutFile {
                path: names::packet(Format::Html),
                bytes: self.page("packet.html.tera", &Page { sections: &sections, ..all })?,
                table: None,
            },
        ];
        if packet.correction.is_some() {
            out.push(OutFile {
                path: names::correction(Format::Html),
                bytes: self.page("correction.html.tera", &all)?,
                table: None,
            });
        }
        // A table's page holds that table alone, so a packet of n tables renders in O(n).
        for (i, t) in packet.tables.iter().enumerate().filter(|(i, _)| plan.is_fresh(*i)) {
            let page = Page { tables: &heads[i..=i], sections: &sections[i..=i], ..all };
            out.push(OutFile {
                path: super::table_file(&t.slug, Format::Html),
                bytes: self.page("table_page.html.tera", &page)?,
                table: Some(t.number.clone()),
            });
        }
        Ok(out)
    }
}
