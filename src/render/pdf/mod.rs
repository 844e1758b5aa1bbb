//! PDF through the Typst compiler used as a library. jixiao owns the [`World`]: the bundled
//! fonts loaded once for the batch, a fixed `today`, the template from `templates/` (or the
//! built-in copy) and each table's cells handed over as JSON in the virtual file `/data.json`.
//! Cell text is never spliced into Typst source, so `#`, `$`, `[`, `@` print as themselves.
//!
//! Each table is laid out once, as its own document (its own page numbers), and exported as
//! `tables/<number>.pdf`; `packet.pdf` is assembled from the same pages, so a table's own file
//! does not depend on the other tables.

mod pack;

use super::context::PacketContext;
use super::fonts::Fonts;
use super::templates::{Templates, TYPST_LIBRARY};
use super::{Format, OutFile, Plan, RenderError, Renderer};
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Severity};
use crate::t;
use rayon::prelude::*;
use std::ops::Range;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::Label;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::introspection::{Introspector, Tag};
use typst::layout::resolve::Entry;
use typst::layout::{Frame, FrameItem};
use typst::model::TableElem;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::utils::PicoStr;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfStandard, PdfStandards, Timestamp as PdfTimestamp};

/// The PDF standard a packet is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum PdfStandardChoice {
    /// Plain PDF 1.7 (tagged unless --no-tagged).
    #[default]
    #[serde(rename = "pdf")]
    Plain,
    /// PDF/A-2b for archiving.
    #[serde(rename = "a-2b")]
    A2b,
}

impl PdfStandardChoice {
    pub const ALL: [PdfStandardChoice; 2] = [PdfStandardChoice::Plain, PdfStandardChoice::A2b];

    pub fn as_str(self) -> &'static str {
        match self {
            PdfStandardChoice::Plain => "pdf",
            PdfStandardChoice::A2b => "a-2b",
        }
    }
}

impl std::str::FromStr for PdfStandardChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| format!("unknown PDF standard `{s}`"))
    }
}

#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Tagged PDF (structure for screen readers); about twice the size of an untagged one.
    pub tagged: bool,
    pub standard: PdfStandardChoice,
    /// The creation date and Typst's `today`.
    pub timestamp: Timestamp,
}

impl Default for PdfSettings {
    fn default() -> Self {
        PdfSettings { tagged: true, standard: PdfStandardChoice::Plain, timestamp: Timestamp::epoch() }
    }
}

/// The stack of every thread that lays tables out (see `on_typst_threads`).
const STACK: usize = 64 << 20;

/// A page drawn as PNG, and its width in pixels.
#[derive(Debug, Clone)]
pub struct PagePng {
    pub width: u32,
    pub png: Vec<u8>,
}

/// The main file of a packet: every table through table.typ's `render-table`. Fixed code; the
/// tables come as data.
const PACKET_MAIN: &str = r#"#import "/table.typ": render-table, packet-style
#let data = json("/data.json")
#show: packet-style.with(data.options)
#for entry in data.tables { render-table(entry.t, entry.key, data.options) }
"#;

/// Label keys for the tables' start and end markers: the slug, made unique.
fn table_keys(ctx: &PacketContext) -> Vec<String> {
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    ctx.tables
        .iter()
        .map(|t| {
            let n = seen.entry(t.slug.as_str()).or_insert(0);
            *n += 1;
            if *n == 1 {
                t.slug.clone()
            } else {
                format!("{}~{n}", t.slug)
            }
        })
        .collect()
}

/// What every Typst document of jixiao's receives besides its data: the extra font families,
/// and the geometry the columns were fitted to.
#[derive(serde::Serialize)]
struct Options<'a> {
    fonts: &'a [String],
    geometry: super::fit::Geometry,
}

/// The templates of `jixiao review`'s documents ([`PdfRenderer::document`]).
pub const DOCUMENTS: [&str; 2] = ["circular.typ", "feedback.typ"];

pub struct PdfRenderer<'f> {
    fonts: &'f Fonts,
    library: LazyHash<Library>,
    /// table.typ and correction.typ, as resolved (built-in or the user's), the built-in library
    /// they import, and the fixed main file that lays out every table of a packet with table.typ.
    table: Source,
    library_file: Source,
    packet: Source,
    correction: Source,
    /// The documents of `jixiao review`, by template name: the 通报 (circular.typ) and a unit's
    /// feedback (feedback.typ).
    documents: Vec<Source>,
    data_id: FileId,
    today: Datetime,
    settings: PdfSettings,
    /// Typst's warnings, each once (every chunk of a packet may raise the same one).
    warnings: std::sync::Mutex<Vec<Diagnostic>>,
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("a valid virtual path")).intern()
}

impl<'f> PdfRenderer<'f> {
    pub fn new(fonts: &'f Fonts, settings: PdfSettings, templates: &Templates) -> Self {
        let source = |name: &str, text: &str| Source::new(file_id(&format!("/{name}")), text.to_string());
        PdfRenderer {
            fonts,
            library: LazyHash::new(Library::builder().build()),
            table: source("table.typ", templates.get("table.typ")),
            library_file: source(TYPST_LIBRARY.0, TYPST_LIBRARY.1),
            packet: Source::new(file_id("/packet.typ"), PACKET_MAIN.to_string()),
            correction: source("correction.typ", templates.get("correction.typ")),
            documents: DOCUMENTS.iter().map(|name| source(name, templates.get(name))).collect(),
            data_id: file_id("/data.json"),
            today: typst_datetime(settings.timestamp),
            settings,
            warnings: Default::default(),
        }
    }

    /// Lays out the tables `chunk` (indices into the packet) as one document; returns it with
    /// the range of pages of each of those tables.
    fn layout_chunk(
        &self,
        ctx: &PacketContext,
        keys: &[String],
        chunk: &[usize],
    ) -> Result<(PagedDocument, Vec<Range<usize>>), RenderError> {
        // Written straight to JSON bytes: no tree of values per chunk.
        #[derive(serde::Serialize)]
        struct Entry<'a> {
            t: &'a super::TableContext,
            key: &'a str,
        }
        #[derive(serde::Serialize)]
        struct Chunk<'a> {
            tables: Vec<Entry<'a>>,
            options: Options<'a>,
        }
        let data = Chunk {
            tables: chunk.iter().map(|&i| Entry { t: &ctx.tables[i], key: &keys[i] }).collect(),
            options: Options { fonts: &self.fonts.extra_families, geometry: super::fit::GEOMETRY },
        };
        let doc = self.compile(&self.packet, &data, "")?;
        // The memoized intermediate results of earlier chunks are not needed again; dropping them
        // keeps memory flat over a large packet (evicting this chunk's too made layout slower).
        typst::comemo::evict(1);
        // Each table ends at its end marker; the next one starts on the following page.
        let intro = doc.introspector();
        let mut start = 0;
        let mut ranges = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let t = &ctx.tables[i];
            let label = Label::new(PicoStr::intern(&format!("jx-e-{}", keys[i]))).expect("a non-empty label");
            let end = intro
                .query_label(label)
                .ok()
                .and_then(|c| c.location())
                .and_then(|loc| intro.page(loc))
                .map(|p| p.get())
                .ok_or_else(|| {
                    Diagnostic::new(Code::Typst, t!("typst-no-end", table = t.number))
                        .in_table(&t.number)
                        .hint("call table-end(t, key) at the end of render-table in table.typ")
                })?;
            let end = end.max(start + 1);
            ranges.push(start..end);
            start = end;
        }
        Ok((doc, ranges))
    }

    /// Lays the tables of `ctx` out, as they go into packet.pdf, and returns their pages: for
    /// tests that look at where every glyph and every line of the grid lands.
    pub fn layout(&self, ctx: &PacketContext) -> Result<Vec<Page>, RenderError> {
        let all: Vec<usize> = (0..ctx.tables.len()).collect();
        let (doc, _) = self.layout_chunk(ctx, &table_keys(ctx), &all)?;
        Ok(doc.pages().to_vec())
    }

    /// Table `i`'s pages as its own PDF holds them, drawn by Typst's rasterizer from the same
    /// layout at `pixel_per_pt` pixels per point: `jixiao serve`'s previews. Runs on Typst's
    /// threads, as a packet does.
    pub fn preview(&self, ctx: &PacketContext, i: usize, pixel_per_pt: f32) -> Result<Vec<PagePng>, RenderError> {
        on_typst_threads(|| self.draw(ctx, i, pixel_per_pt))
    }

    fn draw(&self, ctx: &PacketContext, i: usize, pixel_per_pt: f32) -> Result<Vec<PagePng>, RenderError> {
        let (doc, ranges) = self.layout_chunk(ctx, &table_keys(ctx), &[i])?;
        let options = typst_render::RenderOptions {
            pixel_per_pt: typst::utils::Scalar::new(pixel_per_pt.into()),
            render_bleed: false,
        };
        doc.pages()[ranges[0].clone()]
            .iter()
            .map(|page| {
                let pixmap = typst_render::render(page, &options);
                let png = pixmap.encode_png().map_err(|e| {
                    Diagnostic::new(Code::Internal, t!("preview-failed", table = ctx.tables[i].number, error = e))
                })?;
                Ok(PagePng { width: pixmap.width(), png })
            })
            .collect()
    }

    fn compile(&self, main: &Source, data: &impl serde::Serialize, number: &str) -> Result<PagedDocument, RenderError> {
        let world = JxWorld { r: self, main, data: Bytes::new(serde_json::to_vec(&data).expect("JSON of plain data")) };
        let warned = typst::compile::<PagedDocument>(&world);
        // Diagnostics point into a template (table.typ:42): name the file and line.
        let at = |e: &SourceDiagnostic| {
            let id = e.span.id();
            let src = [&self.table, &self.correction, &self.library_file, main]
                .into_iter()
                .chain(&self.documents)
                .find(|s| Some(s.id()) == id);
            let line = src.and_then(|s| world.range(e.span).and_then(|r| s.lines().byte_to_line(r.start)));
            let name = src.map(|s| s.id().vpath().get_without_slash().to_string()).unwrap_or_default();
            Some(line.map(|l| format!("{name}:{}", l + 1)).unwrap_or(name)).filter(|at| !at.is_empty())
        };
        if !warned.warnings.is_empty() {
            let mut kept = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
            for w in &warned.warnings {
                let d = typst_diagnostic(w, "", at(w));
                if !kept.iter().any(|k| k.message == d.message && k.location == d.location) {
                    kept.push(d);
                }
            }
        }
        warned.output.map_err(|errors| RenderError {
            diagnostics: errors.iter().map(|e| typst_diagnostic(e, number, at(e))).collect(),
        })
    }

    /// 更正说明.pdf, when the packet corrects a published one.
    fn correction(&self, ctx: &PacketContext) -> Result<Option<OutFile>, RenderError> {
        let Some(c) = &ctx.correction else { return Ok(None) };
        #[derive(serde::Serialize)]
        struct Notice<'a> {
            correction: &'a super::context::CorrectionContext,
            options: Options<'a>,
        }
        let data = Notice {
            correction: c,
            options: Options { fonts: &self.fonts.extra_families, geometry: super::fit::GEOMETRY },
        };
        let doc = self.compile(&self.correction, &data, "")?;
        let bytes = self.export(&doc, "jixiao/correction", "")?;
        Ok(Some(OutFile { path: super::names::correction(Format::Pdf), bytes, table: None }))
    }

    /// A document of `jixiao review` (one of [`DOCUMENTS`]): template `name` laid out with
    /// `data` under the key of its stem (`circular` for circular.typ) in /data.json.
    pub fn document(&self, name: &str, data: &(impl serde::Serialize + Sync)) -> Result<Vec<u8>, RenderError> {
        let mut one = self.documents(name, std::slice::from_ref(data))?;
        Ok(one.pop().unwrap_or_default())
    }

    /// [`PdfRenderer::document`] for each of `items`, laid out in parallel on Typst's threads.
    pub fn documents<T: serde::Serialize + Sync>(&self, name: &str, items: &[T]) -> Result<Vec<Vec<u8>>, RenderError> {
        let source = self.documents.iter().find(|s| s.id().vpath().get_without_slash() == name).ok_or_else(|| {
            RenderError::from(Diagnostic::new(Code::Internal, format!("{name} is not a document template")))
        })?;
        let stem = name.trim_end_matches(".typ");
        let options =
            serde_json::to_value(Options { fonts: &self.fonts.extra_families, geometry: super::fit::GEOMETRY })
                .expect("plain options");
        on_typst_threads(|| {
            items
                .par_iter()
                .map(|data| {
                    let value = serde_json::to_value(data)
                        .map_err(|e| RenderError::from(Diagnostic::new(Code::Internal, e.to_string())))?;
                    let mut json = serde_json::Map::new();
                    json.insert(stem.to_string(), value);
                    json.insert("options".into(), options.clone());
                    let doc = self.compile(source, &json, "")?;
                    self.export(&doc, &format!("jixiao/{stem}"), "")
                })
                .collect()
        })
    }

    fn options(&self, ident: &str) -> Result<typst_pdf::PdfOptions, RenderError> {
        let standards = match self.settings.standard {
            PdfStandardChoice::Plain => PdfStandards::default(),
            PdfStandardChoice::A2b => PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| Diagnostic::new(Code::Typst, e.message().to_string()))?,
        };
        Ok(typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some(format!("jixiao {}", env!("CARGO_PKG_VERSION")))),
            timestamp: Some(PdfTimestamp::new_utc(self.today)),
            page_ranges: None,
            standards,
            tagged: self.settings.tagged,
            pretty: false,
        })
    }

    fn export(&self, doc: &PagedDocument, ident: &str, number: &str) -> Result<Vec<u8>, RenderError> {
        let pdf = typst_pdf::pdf(doc, &self.options(ident)?).map_err(|errors| RenderError {
            diagnostics: errors.iter().map(|e| typst_diagnostic(e, number, None)).collect(),
        })?;
        pack::pack(&pdf).map_err(|e| {
            Diagnostic::new(Code::Internal, e.to_string())
                .hint("typst-pdf wrote a PDF jixiao did not expect; please report it with the workbook")
                .into()
        })
    }

    fn render_in_pool(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        // Each chunk, as soon as it is laid out, writes its tables' own files (their pages alone,
        // renumbered from 1, under their own titles) and hands them to the plan's sink, so they
        // are on disk, not in memory, while the other chunks are laid out.
        let keys = table_keys(ctx);
        let n = ctx.tables.len();
        // Tables are independent page runs, laid out in chunks of one document each, in
        // parallel: one document of 1,000 tables took twice as long as chunks of 20 on two
        // cores (BENCHMARKS.md).
        let size = n.div_ceil(rayon::current_num_threads() * 4).clamp(1, 20);
        let idx: Vec<usize> = (0..n).collect();
        let chunks: Vec<&[usize]> = idx.chunks(size).collect();
        let chunks = each_on_its_own_core(&chunks, plan, |c| {
            let (doc, ranges) = self.layout_chunk(ctx, &keys, c)?;
            let mut kept = Vec::new();
            for (&i, range) in c.iter().zip(ranges) {
                plan.progress.advance();
                if !plan.is_fresh(i) {
                    continue;
                }
                let t = &ctx.tables[i];
                let single =
                    document(doc.pages()[range].iter().cloned(), format!("{} {}", t.number, t.project), &t.implementer);
                let bytes = self.export(&single, &format!("jixiao/{}", t.number), &t.number)?;
                let file =
                    OutFile { path: super::table_file(&t.slug, Format::Pdf), bytes, table: Some(t.number.clone()) };
                kept.extend(plan.deliver(file)?);
            }
            // Only the pages are kept for packet.pdf: the chunk's introspector goes now, and
            // so does what the PDF writer never reads (see `slim`).
            let mut pages = doc.pages().to_vec();
            drop(doc);
            pages.iter_mut().for_each(|p| slim(&mut p.frame));
            Ok((pages, kept))
        })?;
        let (pages, tables): (Vec<Vec<Page>>, Vec<Vec<OutFile>>) = chunks.into_iter().unzip();
        // Layout is over: its memoized results make room for the PDF writer's. Without them the
        // tables' grids are the tags' own, and a second `slim` can clear what their cells hold
        // (the chunks' own pass still pays: without it the peak was about 55 MiB higher).
        typst::comemo::evict(0);
        let mut pages: Vec<Page> = pages.into_iter().flatten().collect();
        pages.par_iter_mut().for_each(|p| slim(&mut p.frame));
        let packet = document(pages, ctx.title.clone(), &ctx.unit);
        let packet_pdf = self.export(&packet, "jixiao/packet", "")?;
        drop(packet);
        // Memoized layout results would otherwise accumulate over a long batch.
        typst::comemo::evict(10);
        // Returned in reading order: the packet, the 更正说明, then the tables.
        let mut files: Vec<OutFile> = plan
            .deliver(OutFile { path: super::names::packet(Format::Pdf), bytes: packet_pdf, table: None })?
            .into_iter()
            .collect();
        if let Some(c) = self.correction(ctx)? {
            files.extend(plan.deliver(c)?);
        }
        files.extend(tables.into_iter().flatten());
        Ok(files)
    }
}

/// Drops from a laid-out frame what only layout needed: a table's introspection tag carries
/// the table's source cells and its resolved grid with every cell's content, and the PDF writer
/// reads only the grid's structure (pinned typst-pdf 0.15.1; the tests compare the PDF bytes).
/// About 80 MiB for 1,000 tables for the source cells, 70 MiB more for the grid's contents
/// (cleared only where the grid is the tag's own, not shared with layout's cache).
fn slim(frame: &mut Frame) {
    // `retain` is the one way Frame lends its items mutably; every item is kept.
    frame.retain(|item| {
        match item {
            FrameItem::Group(g) => slim(&mut g.frame),
            FrameItem::Tag(Tag::Start(content, _)) => {
                if let Some(table) = content.to_packed_mut::<TableElem>() {
                    table.children = Vec::new();
                    if let Some(grid) = table.grid.as_mut().and_then(std::sync::Arc::get_mut) {
                        for entry in &mut grid.entries {
                            if let Entry::Cell(cell) = entry {
                                cell.body = typst::foundations::Content::empty();
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        true
    });
}

impl Renderer for PdfRenderer<'_> {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn warnings(&self) -> Vec<Diagnostic> {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn render_planned(&self, ctx: &PacketContext, plan: &Plan) -> Result<Vec<OutFile>, RenderError> {
        on_typst_threads(|| self.render_in_pool(ctx, plan))
    }
}

/// `work` for each of `items` (in order), on every thread of the current pool, each worker
/// taking the next item when it is done with one, inside a rayon pool of its own single thread.
///
/// Why not `par_iter`: Typst lays a document's page runs out in parallel itself (each table is
/// one), and nested in rayon's work stealing with the chunks that left one of two cores mostly
/// idle for the last 2 s of laying out 1,000 tables (perf: its thread waiting in rayon while the
/// other laid out the last chunks). In a pool of one thread Typst's parallel work stays with its
/// chunk, and the queue keeps both cores busy to the last chunk (BENCHMARKS.md, issue 26). When
/// the queue runs dry a core is about to be spared, which the plan is told. Stops taking items
/// after the first error; the error of the earliest failed item is returned.
fn each_on_its_own_core<I: Sync, T: Send>(
    items: &[I],
    plan: &Plan,
    work: impl Fn(&I) -> Result<T, RenderError> + Sync,
) -> Result<Vec<T>, RenderError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done: Vec<Mutex<Option<Result<T, RenderError>>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let store = |k: usize, result: Result<T, RenderError>| {
        failed.fetch_or(result.is_err(), Ordering::Relaxed);
        *done[k].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
    };
    rayon::broadcast(|_| {
        let take = || loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= items.len() || failed.load(Ordering::Relaxed) {
                plan.spare_core();
                break;
            }
            store(k, work(&items[k]));
        };
        // Without a pool of its own (the system refused a thread), this worker takes its items
        // where it is, nested as par_iter would be.
        match rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(STACK).build() {
            Ok(own) => own.install(take),
            Err(_) => take(),
        }
    });
    // Every item before a failed one was taken before it, so it is done; the items after it
    // were not taken, and the first error in order is the earliest failure.
    done.into_iter()
        .enumerate()
        .map(|(k, slot)| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(Diagnostic::new(Code::Internal, t!("work-not-done", part = k + 1)).into()))
        })
        .collect()
}

/// Runs `work` on worker threads of its own: Typst's layout and the PDF writer (which runs
/// parallel work of its own) recurse deeply on large documents, past Rust's default 2 MiB
/// stack. A panic inside Typst (typst-pdf 0.15.1 has had them in its tagging) becomes a
/// diagnostic: the build fails cleanly and the previous packet stays.
fn on_typst_threads<T: Send>(work: impl FnOnce() -> Result<T, RenderError> + Send) -> Result<T, RenderError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK)
        .build()
        .map_err(|e| Diagnostic::new(Code::Internal, t!("threads-failed", error = e)))?;
    crate::diag::contain(|| pool.install(work)).unwrap_or_else(|what| {
        Err(Diagnostic::new(Code::TypstInternal, t!("typst-internal", error = what))
            .hint(
                "a bug in the pinned Typst; --no-tagged avoids its tagging code, and a changed page break \
                 (landscape, shorter texts) often avoids the bug. Please report it with the workbook",
            )
            .into())
    })
}

/// A document of laid-out pages (numbered from 1) with its title and author.
fn document(pages: impl IntoIterator<Item = Page>, title: String, author: &str) -> PagedDocument {
    let pages: ecow::EcoVec<Page> =
        pages.into_iter().enumerate().map(|(k, p)| Page { number: k as u64 + 1, ..p }).collect();
    let author = if author.is_empty() { vec![] } else { vec![author.into()] };
    let info = typst::model::DocumentInfo { title: Some(title.into()), author, ..Default::default() };
    PagedDocument::new(pages, info)
}

struct JxWorld<'a, 'f> {
    r: &'a PdfRenderer<'f>,
    main: &'a Source,
    data: Bytes,
}

impl World for JxWorld<'_, '_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.r.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.r.fonts.store.book()
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.r.table.id() {
            Ok(self.r.table.clone())
        } else if id == self.r.library_file.id() {
            Ok(self.r.library_file.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.r.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.r.fonts.store.font(index)
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.r.today)
    }
}

/// A Typst error or warning as a jixiao diagnostic: where in which template (`table.typ:42`),
/// for which table, with Typst's own hints.
fn typst_diagnostic(e: &SourceDiagnostic, table: &str, at: Option<String>) -> Diagnostic {
    let at = at.map(crate::diag::Location::from);
    let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
    let mut d = match e.severity {
        typst::diag::Severity::Error => Diagnostic::new(Code::Typst, t!("typst-failed", error = e.message)),
        typst::diag::Severity::Warning => {
            Diagnostic::new(Code::Typst, t!("typst-warned", error = e.message)).with_severity(Severity::Warning)
        }
    }
    .at_opt(at);
    if !table.is_empty() {
        d = d.in_table(table);
    }
    d.hint(if hints.is_empty() {
        "compare your template with the built-in one (`jixiao init --eject-templates`)".into()
    } else {
        hints.join("; ")
    })
}

/// A timestamp as Typst's `today` and the PDF dates: UTC.
fn typst_datetime(t: Timestamp) -> Datetime {
    let u = t.utc();
    Datetime::from_ymd_hms(u.year(), u8::from(u.month()), u.day(), u.hour(), u.minute(), u.second())
        .expect("a timestamp between 1970 and 9999 is a valid Typst date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Forms;

    /// The source cells, and the resolved cells with content, held by the tables'
    /// introspection tags in `frame`.
    fn tagged_table_cells(frame: &Frame) -> (usize, usize) {
        let mut n = (0, 0);
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => {
                    let (a, b) = tagged_table_cells(&g.frame);
                    n = (n.0 + a, n.1 + b);
                }
                FrameItem::Tag(Tag::Start(c, _)) => {
                    if let Some(t) = c.to_packed::<TableElem>() {
                        let full = |e: &&Entry| e.as_cell().is_some_and(|c| !c.body.is_empty());
                        n.0 += t.children.len();
                        n.1 += t.grid.as_ref().map_or(0, |g| g.entries.iter().filter(full).count());
                    }
                }
                _ => {}
            }
        }
        n
    }

    #[test]
    fn slimmed_pages_write_the_same_pdf_bytes() {
        let fonts = Fonts::load(&[] as &[&str]);
        let r = PdfRenderer::new(&fonts, PdfSettings::default(), &Templates::builtin());
        let mut pages = seed_pages(&r);
        let export =
            |pages: &[Page]| r.export(&document(pages.iter().cloned(), "t".into(), "u"), "x", "").expect("export");
        let whole = export(&pages);
        let count = |pages: &[Page]| {
            pages.iter().map(|p| tagged_table_cells(&p.frame)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        };
        let before = count(&pages);
        pages.iter_mut().for_each(|p| slim(&mut p.frame));
        // As the renderer does once layout is over: the cache shares the grids no longer.
        typst::comemo::evict(0);
        pages.iter_mut().for_each(|p| slim(&mut p.frame));
        let after = count(&pages);
        // Every source cell goes, and so does every resolved cell's content.
        assert!(before.0 > 100 && after.0 == 0, "source cells {before:?} → {after:?}");
        assert!(before.1 > 100 && after.1 == 0, "resolved cells with content {before:?} → {after:?}");
        assert!(export(&pages) == whole, "slimming changed the PDF");
    }

    /// The seed's four tables laid out as one chunk: their pages, without the chunk's
    /// introspector.
    fn seed_pages(r: &PdfRenderer) -> Vec<Page> {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-2021.xlsx");
        let (mut packet, _) = crate::ingest::read(&seed).expect("the seed reads");
        crate::check::check(&mut packet, Forms::builtin());
        let ctx = PacketContext::new(&packet, Forms::builtin(), Default::default());
        let (doc, _) = r.layout_chunk(&ctx, &table_keys(&ctx), &[0, 1, 2, 3]).expect("the seed lays out");
        doc.pages().to_vec()
    }

    /// The seed's four tables laid out, as a document titled `title`.
    fn seed_document(r: &PdfRenderer, title: &str) -> PagedDocument {
        document(seed_pages(r), title.into(), "trailer startxref %%EOF")
    }

    #[test]
    fn packing_keeps_every_object_typst_wrote_even_with_pdf_syntax_in_the_text() {
        let fonts = Fonts::load(&[] as &[&str]);
        let r = PdfRenderer::new(&fonts, PdfSettings::default(), &Templates::builtin());
        // PDF keywords and unbalanced delimiters in a string the packer must step over
        // (typst-pdf writes a printable ASCII title as a literal string, keywords and all).
        let title = "(T) endobj 1 0 obj << stream >> endstream \\ % xref trailer";
        let raw = typst_pdf::pdf(&seed_document(&r, title), &r.options("x").unwrap()).expect("typst-pdf writes");
        assert!(raw.windows(22).any(|w| w == b"(T) endobj 1 0 obj << "), "the title is not a literal string");
        let packed = pack::pack(&raw).expect("packs");
        let (a, b) = (lopdf::Document::load_mem(&raw).unwrap(), lopdf::Document::load_mem(&packed).unwrap());
        for (id, o) in &a.objects {
            assert_eq!(b.objects.get(id), Some(o), "object {id:?}");
        }
        // Besides them, only the object streams and the cross-reference stream.
        let added: Vec<_> = b.objects.iter().filter(|(id, _)| !a.objects.contains_key(id)).collect();
        assert!(!added.is_empty());
        for (id, o) in added {
            let kind = o.as_stream().ok().and_then(|s| s.dict.get(b"Type").ok()).and_then(|t| t.as_name().ok());
            assert!(matches!(kind, Some(b"ObjStm" | b"XRef")), "object {id:?} is {o:?}");
        }
        for key in [&b"Root"[..], b"Info", b"ID"] {
            assert_eq!(a.trailer.get(key).ok(), b.trailer.get(key).ok(), "{}", String::from_utf8_lossy(key));
        }
        let info = b.trailer.get(b"Info").and_then(|i| b.dereference(i)).unwrap().1.as_dict().unwrap();
        assert_eq!(lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap(), title);
        assert!(packed.len() * 10 < raw.len() * 7, "{} → {} bytes", raw.len(), packed.len());
        // Packing what is already packed is refused, not attempted.
        assert!(pack::pack(&packed).is_err());
    }

    #[test]
    fn packing_a_damaged_pdf_is_an_error_never_a_panic() {
        let fonts = Fonts::load(&[] as &[&str]);
        let r = PdfRenderer::new(&fonts, PdfSettings::default(), &Templates::builtin());
        let raw = typst_pdf::pdf(&seed_document(&r, "t"), &r.options("x").unwrap()).expect("typst-pdf writes");
        for cut in [0, 9, raw.len() / 2, raw.len() - 30, raw.len() - 7] {
            assert!(pack::pack(&raw[..cut]).is_err(), "cut at {cut}");
        }
        // Bytes overwritten in the table of offsets, the trailer and anywhere else.
        let table = raw.windows(4).rposition(|w| w == b"xref").unwrap();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for k in 0..400 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let at = if k % 2 == 0 {
                table + (state >> 33) as usize % (raw.len() - table)
            } else {
                (state >> 33) as usize % raw.len()
            };
            let mut bad = raw.clone();
            bad[at] = b"0 9(<[/>endobj"[(state >> 20) as usize % 14];
            let _ = pack::pack(&bad);
        }
    }

    #[test]
    fn epoch_seconds_become_utc_dates() {
        let ymdhms = |s| {
            let d = typst_datetime(Timestamp::from_unix(s, "t").unwrap());
            (d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second())
        };
        assert_eq!(ymdhms(0), (Some(1970), Some(1), Some(1), Some(0), Some(0), Some(0)));
        assert_eq!(ymdhms(1_640_995_200), (Some(2022), Some(1), Some(1), Some(0), Some(0), Some(0)));
        assert_eq!(ymdhms(951_782_400 + 3_723), (Some(2000), Some(2), Some(29), Some(1), Some(2), Some(3)));
    }

    /// Runs `f` in a pool of `threads` threads, as a packet's layout runs.
    fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(f)
    }

    #[test]
    fn the_queue_returns_every_item_in_order_worked_on_every_thread_and_opens_the_gate() {
        let gate = crate::render::Gate::default();
        let plan = Plan { spare: Some(&gate), ..Plan::all(0) };
        let items: Vec<usize> = (0..40).collect();
        let seen = std::sync::Mutex::new(std::collections::HashSet::new());
        let out = in_pool(2, || {
            each_on_its_own_core(&items, &plan, |&k| {
                seen.lock().unwrap().insert(std::thread::current().id());
                // Typst's own parallel work stays on the worker's thread.
                assert_eq!(rayon::current_num_threads(), 1);
                std::thread::sleep(std::time::Duration::from_millis(2));
                Ok(k * 10)
            })
        })
        .unwrap();
        assert_eq!(out, items.iter().map(|k| k * 10).collect::<Vec<_>>());
        assert_eq!(seen.into_inner().unwrap().len(), 2);
        gate.wait(); // would hang had the queue not opened it
    }

    #[test]
    fn the_queue_stops_at_a_failure_and_returns_the_earliest_one() {
        let plan = Plan::all(0);
        let items: Vec<usize> = (0..200).collect();
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let err = in_pool(2, || {
            each_on_its_own_core(&items, &plan, |&k| {
                taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k == 7 || k == 9 {
                    return Err(Diagnostic::new(Code::Internal, format!("item {k}")).into());
                }
                Ok(k)
            })
        })
        .unwrap_err();
        assert_eq!(err.diagnostics[0].message, "item 7");
        assert!(taken.into_inner() < items.len(), "items after the failure were still taken");
    }
}
