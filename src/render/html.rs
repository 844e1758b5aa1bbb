//! HTML through Tera: portal-ready pages, self-contained (inline CSS, no scripts, no fonts or
//! images from the network), with autoescaping on for every HTML template.

use super::context::PacketContext;
use super::{OutFile, Plan, RenderError, Renderer};
use crate::check::Diagnostic;
use std::path::PathBuf;
use tera::{Context, Tera};

pub struct HtmlRenderer {
    tera: Tera,
}

fn error(message: String) -> RenderError {
    RenderError {
        format: "html",
        diagnostics: vec![Diagnostic::error("html-template", message)
            .hint("check your template folder against the built-in templates (`jixiao init --eject-templates`)")],
    }
}

/// Tera's own error chain, which names the template and the line.
fn chain(e: &tera::Error) -> String {
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
    pub fn new(template_dir: Option<PathBuf>) -> Result<Self, RenderError> {
        let templates = super::templates::resolve(template_dir.as_deref())
            .map_err(|e| error(format!("cannot read the templates: {e}")))?;
        let mut tera = Tera::default();
        // Template names end in .html.tera, which Tera would not escape by default.
        tera.autoescape_on(vec![".html.tera", ".html"]);
        tera.add_raw_templates(
            templates.iter().filter(|(n, _)| !n.ends_with(".typ")).map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| error(chain(&e)))?;
        Ok(HtmlRenderer { tera })
    }

    fn page(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, RenderError> {
        self.tera.render(name, ctx).map(String::into_bytes).map_err(|e| error(chain(&e)))
    }
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render_planned(&self, packet: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        let mut base = Context::new();
        base.insert("packet", packet);
        base.insert("formats", &packet.formats);
        base.insert("version", env!("CARGO_PKG_VERSION"));
        let mut files = vec![
            OutFile { path: "index.html".into(), bytes: self.page("index.html.tera", &base)?, table: None },
            OutFile { path: "packet.html".into(), bytes: self.page("packet.html.tera", &base)?, table: None },
        ];
        if packet.correction.is_some() {
            files.push(OutFile {
                path: "更正说明.html".into(),
                bytes: self.page("correction.html.tera", &base)?,
                table: None,
            });
        }
        // A table's page needs the packet's title, not its other tables: a small context each,
        // so a packet of n tables renders in O(n), not O(n²).
        let head = serde_json::json!({ "title": packet.title, "unit": packet.unit });
        let mut page_base = Context::new();
        page_base.insert("packet", &head);
        page_base.insert("formats", &packet.formats);
        page_base.insert("version", env!("CARGO_PKG_VERSION"));
        for (_, t) in packet.tables.iter().enumerate().filter(|(i, _)| plan.is_fresh(*i)) {
            let mut ctx = page_base.clone();
            ctx.insert("t", t);
            files.push(OutFile {
                path: format!("tables/{}.html", t.slug),
                bytes: self.page("table_page.html.tera", &ctx)?,
                table: Some(t.number.clone()),
            });
        }
        Ok(files)
    }
}
