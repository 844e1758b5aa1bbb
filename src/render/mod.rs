//! Stage 3: the checked packet → files. One [`Renderer`] per [`Format`] over one serializable
//! [`PacketContext`]; each renderer owns the files it writes.

pub mod context;
mod fit;
pub mod fonts;
pub mod grid;
pub mod html;
pub mod pdf;
mod rows;
pub mod templates;
pub mod xlsx;

pub use context::{LayoutOptions, PacketContext, TableContext};

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// An output format of a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Html,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Html, Format::Xlsx];

    /// The name, which is also the files' extension: `pdf`, `html`, `xlsx`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| format!("unknown format `{s}`"))
    }
}

/// The names of a packet's files: the one place of the scheme. The renderers write under these
/// names and the HTML templates receive them ([`FileNames`]), so a page links to what is there.
pub mod names {
    use super::Format;

    /// The packet's front page.
    pub const INDEX: &str = "index.html";
    /// The folder of each table's own files.
    pub const TABLES: &str = "tables";

    /// Every table in one file: `packet.pdf`.
    pub fn packet(format: Format) -> String {
        format!("packet.{}", format.as_str())
    }

    /// The correction notice: `更正说明.pdf`.
    pub fn correction(format: Format) -> String {
        format!("更正说明.{}", format.as_str())
    }

    /// A table's own file inside [`TABLES`]: `公开12表-1.pdf`.
    pub fn table(slug: &str, format: Format) -> String {
        format!("{slug}.{}", format.as_str())
    }
}

/// Where a table's own file of `format` goes in the packet folder: `tables/公开12表-1.pdf`.
pub fn table_file(slug: &str, format: Format) -> String {
    format!("{}/{}", names::TABLES, names::table(slug, format))
}

/// A file name for each format, keyed by the format's name (`pdf`, `html`, `xlsx`), as the
/// HTML templates receive them: `packet.files.packet.pdf`.
pub type ByFormat = std::collections::BTreeMap<&'static str, String>;

fn by_format(name: impl Fn(Format) -> String) -> ByFormat {
    Format::ALL.into_iter().map(|f| (f.as_str(), name(f))).collect()
}

/// The packet's file names as the HTML templates receive them (`packet.files`); a table's own
/// are its `files`, names inside `tables`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileNames {
    pub index: &'static str,
    pub tables: &'static str,
    pub packet: ByFormat,
    pub correction: ByFormat,
}

impl FileNames {
    pub fn new() -> Self {
        FileNames {
            index: names::INDEX,
            tables: names::TABLES,
            packet: by_format(names::packet),
            correction: by_format(names::correction),
        }
    }

    /// A table's own file names inside [`names::TABLES`].
    pub fn of_table(slug: &str) -> ByFormat {
        by_format(|f| names::table(slug, f))
    }
}

impl Default for FileNames {
    fn default() -> Self {
        Self::new()
    }
}

/// A file a renderer produced, relative to the output folder (`tables/公开12表-1.pdf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
    /// The table (by number) the file shows, when it shows one.
    pub table: Option<String>,
}

/// Why rendering failed: diagnostics with hints, as the checks report them.
#[derive(Debug, Clone, thiserror::Error)]
#[error("rendering failed: {}", .diagnostics.first().map(|d| d.message.as_str()).unwrap_or(""))]
pub struct RenderError {
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for RenderError {
    fn from(d: Diagnostic) -> Self {
        RenderError { diagnostics: vec![d] }
    }
}

/// Where a build's progress goes (the CLI draws a bar); every method does nothing by default.
pub trait Progress: Sync {
    /// A stage begins (`pdf`, `html`, `xlsx`) that will advance `total` times.
    fn start(&self, _stage: &str, _total: usize) {}
    /// One table of the stage is done.
    fn advance(&self) {}
    /// Something the user should know while the build runs (another build holds the folder).
    fn note(&self, _message: &str) {}
}

/// Progress that goes nowhere.
pub struct Silent;
impl Progress for Silent {}

/// Where a renderer's files go as soon as each is made (the build's staging folder), so a
/// large packet is not held in memory until the end.
pub type Sink<'a> = dyn Fn(OutFile) -> Result<(), RenderError> + Send + Sync + 'a;

/// Which tables a build renders afresh (the others' files are reused from the previous
/// packet), where progress goes, and where finished files go.
pub struct Plan<'a> {
    pub fresh: Vec<bool>,
    pub progress: &'a dyn Progress,
    /// Without a sink, every file comes back in the renderer's result.
    pub sink: Option<&'a Sink<'a>>,
    /// Opened by a renderer from the moment it no longer keeps every core busy (the PDF renderer
    /// once its last tables are being laid out: packet.pdf is written mostly on one core). The
    /// build renders the other formats behind it, in that spare time rather than beside layout.
    pub spare: Option<&'a Gate>,
}

/// A signal opened once, by whoever comes first, and waited for by the work it holds back.
#[derive(Default)]
pub struct Gate {
    open: std::sync::Mutex<bool>,
    opened: std::sync::Condvar,
}

impl Gate {
    /// Lets every waiter go, now and later; opening again does nothing.
    pub fn open(&self) {
        *self.open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.opened.notify_all();
    }

    /// Opens the gate when the returned guard goes, however its scope is left.
    pub fn opened_on_drop(&self) -> impl Drop + '_ {
        struct Opens<'g>(&'g Gate);
        impl Drop for Opens<'_> {
            fn drop(&mut self) {
                self.0.open();
            }
        }
        Opens(self)
    }

    /// Returns once the gate is open.
    pub fn wait(&self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while !*open {
            open = self.opened.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Plan<'_> {
    /// Every table afresh, no progress shown, files returned.
    pub fn all(tables: usize) -> Plan<'static> {
        Plan { fresh: vec![true; tables], progress: &Silent, sink: None, spare: None }
    }
    /// Opens the plan's gate, if it has one: this renderer now leaves a core to spare.
    pub fn spare_core(&self) {
        if let Some(gate) = self.spare {
            gate.open();
        }
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
    fn format(&self) -> Format;
    /// The packet's combined files, and the per-table files of the tables `plan` marks fresh.
    fn render_planned(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError>;
    /// Every file, every table afresh.
    fn render(&self, ctx: &PacketContext) -> Result<Vec<OutFile>, RenderError> {
        self.render_planned(ctx, &Plan::all(ctx.tables.len()))
    }
    /// What rendering warned about without failing (Typst's warnings about a template), each
    /// once; none by default.
    fn warnings(&self) -> Vec<Diagnostic> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[test]
    fn a_gate_holds_its_waiters_until_opened_and_a_dropped_guard_opens_it() {
        let gate = Gate::default();
        let passed = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                gate.wait();
                passed.store(true, std::sync::atomic::Ordering::SeqCst);
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!passed.load(std::sync::atomic::Ordering::SeqCst), "went through a closed gate");
            drop(gate.opened_on_drop());
        });
        assert!(passed.into_inner());
        gate.open(); // again: nothing happens
        gate.wait();
    }
}
