//! Stage 3: the checked packet → files. One [`Renderer`] per format over one serializable
//! [`PacketContext`]; each renderer owns the files it writes.

pub mod context;
pub mod fonts;
pub mod format;
pub mod html;
pub mod pdf;
pub mod templates;
pub mod xlsx;

pub use context::{LayoutOptions, PacketContext, TableContext};

use crate::check::Diagnostic;

/// A file a renderer produced, relative to the output folder (`tables/公开12表-1.pdf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
    /// The table (by number) the file shows, when it shows one.
    pub table: Option<String>,
}

/// Why a renderer failed: diagnostics with hints, as the checks report them.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} rendering failed: {}", .format, .diagnostics.first().map(|d| d.message.as_str()).unwrap_or(""))]
pub struct RenderError {
    pub format: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a renderer's files go as soon as each is made (the build's staging folder), so a
/// large packet is not held in memory until the end.
pub type Sink<'a> = dyn Fn(OutFile) -> Result<(), RenderError> + Send + Sync + 'a;

/// Which tables a build renders afresh (the others' files are reused from the previous
/// packet), where progress goes, and where finished files go.
pub struct Plan<'a> {
    pub fresh: Vec<bool>,
    pub progress: indicatif::ProgressBar,
    /// Without a sink, every file comes back in the renderer's result.
    pub sink: Option<&'a Sink<'a>>,
}

impl Plan<'_> {
    /// Every table afresh, no progress shown, files returned.
    pub fn all(tables: usize) -> Plan<'static> {
        Plan { fresh: vec![true; tables], progress: indicatif::ProgressBar::hidden(), sink: None }
    }
    pub fn is_fresh(&self, table: usize) -> bool {
        self.fresh.get(table).copied().unwrap_or(true)
    }
    /// Hands `file` to the sink; without one, gives it back to be returned.
    pub fn deliver(&self, file: OutFile) -> Result<Option<OutFile>, RenderError> {
        match self.sink {
            Some(sink) => sink(file).map(|()| None),
            None => Ok(Some(file)),
        }
    }
}

pub trait Renderer {
    /// `pdf`, `html`, `xlsx`.
    fn name(&self) -> &'static str;
    /// The packet's combined files, and the per-table files of the tables `plan` marks fresh.
    fn render_planned(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError>;
    /// Every file, every table afresh.
    fn render(&self, ctx: &PacketContext) -> Result<Vec<OutFile>, RenderError> {
        self.render_planned(ctx, &Plan::all(ctx.tables.len()))
    }
    /// What rendering warned about without failing (Typst's warnings about a template), each
    /// once; none by default.
    fn warnings(&self) -> Vec<crate::check::Diagnostic> {
        Vec::new()
    }
}
