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

/// Which tables a build renders afresh (the others' files are reused from the previous
/// packet), and where progress goes.
pub struct Plan {
    pub fresh: Vec<bool>,
    pub progress: indicatif::ProgressBar,
}

impl Plan {
    /// Every table afresh, no progress shown.
    pub fn all(tables: usize) -> Plan {
        Plan { fresh: vec![true; tables], progress: indicatif::ProgressBar::hidden() }
    }
    pub fn is_fresh(&self, table: usize) -> bool {
        self.fresh.get(table).copied().unwrap_or(true)
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
}
