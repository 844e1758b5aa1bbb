//! Fonts that travel: OFL subsets of Noto CJK SC embedded in the binary, so the PDF shows real
//! glyphs on a machine with no fonts installed. System fonts are not consulted; `--font-path`
//! adds a folder (e.g. a licensed 仿宋_GB2312).

use crate::diag::{Code, Diagnostic};
use crate::form::fields::{indicator_fields, indicator_texts, table_fields};
use crate::form::Forms;
use crate::model::Packet;
use crate::t;
use std::path::Path;
use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{FontPath, FontStore};

/// 宋体 role: the body serif, all of GBK (build.rs names the files and hashes them).
pub(super) static SERIF: &[u8] = include_bytes!(env!("JIXIAO_SERIF_FONT"));
/// 黑体 role: titles and headings, GB2312.
pub(super) static SANS_BOLD: &[u8] = include_bytes!(env!("JIXIAO_SANS_FONT"));
/// Fallback for the check boxes and ticks (☐ ☑ ✓) that forms print and Noto CJK lacks.
static SYMBOLS: &[u8] = include_bytes!(env!("JIXIAO_SYMBOLS_FONT"));

pub const SERIF_FAMILY: &str = "Noto Serif CJK SC";
pub const SANS_FAMILY: &str = "Noto Sans CJK SC";

/// The fonts of a run, loaded once and shared by every document of a batch.
pub struct Fonts {
    pub store: FontStore,
    /// Families found in `--font-path` folders, tried after the bundled ones.
    pub extra_families: Vec<String>,
    /// SHA-256 over the bytes of every font loaded: a packet's files are reused only when the
    /// fonts that drew them are the same, wherever they were found.
    pub fingerprint: String,
}

impl Fonts {
    pub fn load(font_paths: &[impl AsRef<Path>]) -> Fonts {
        let mut store = FontStore::new();
        for data in [SERIF, SANS_BOLD, SYMBOLS] {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        let mut hash = crate::hash::Hasher::default();
        hash.update(env!("JIXIAO_BUNDLED_FONTS_SHA256").as_bytes());
        let mut extra_families = Vec::new();
        for dir in font_paths {
            let mut found: Vec<(FontPath, _)> = typst_kit::fonts::scan(dir.as_ref()).collect();
            found.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
            let mut files: Vec<&Path> = found.iter().map(|(p, _)| p.path.as_path()).collect();
            files.dedup();
            for f in files {
                // A font that cannot be read is one Typst cannot use either: it adds nothing.
                hash.update(&std::fs::read(f).unwrap_or_default());
            }
            for (path, info) in found {
                if !extra_families.contains(&info.family) {
                    extra_families.push(info.family.clone());
                }
                store.push((path, info));
            }
        }
        Fonts { store, extra_families, fingerprint: hash.finish() }
    }

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let book = self.store.book();
        (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32))
    }

    /// Typst draws a character no font has as a blank, silently. Every printed field of the
    /// packet is checked against these fonts first, and each gap is named by table, field and
    /// cell. The tables are looked through in parallel (on 1,000 tables this was a tenth of a
    /// second on one core before layout begins), their findings kept in the packet's order.
    pub fn missing_glyphs(&self, packet: &Packet, forms: &Forms) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        packet.tables.par_iter().flat_map_iter(|t| self.missing_in(t, forms)).collect()
    }

    fn missing_in(&self, t: &crate::model::Table, forms: &Forms) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let form = forms.of(&t.form);
        let fields = table_fields(t, form).into_iter().map(|p| (p.field.name(form), p.text, p.cell));
        let rows = t.indicators.iter().flat_map(|i| {
            let own = indicator_texts(i, form).into_iter().map(|(label, p)| (label, p.text, p.cell));
            indicator_fields(i, form).into_iter().map(|p| (p.field.label(form), p.text, p.cell)).chain(own)
        });
        for (field, text, cell) in fields.chain(rows) {
            let mut seen = Vec::new();
            for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
                if !seen.contains(&c) && !self.covers(c) {
                    seen.push(c);
                }
            }
            if seen.is_empty() {
                continue;
            }
            let chars: Vec<String> = seen.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
            out.push(
                Diagnostic::new(
                    Code::MissingGlyph,
                    t!("missing-glyph", table = t.number.value, field = field, chars = chars.join(&t!("list-sep"))),
                )
                .at(crate::diag::location(&t.source, &t.sheet, cell))
                .in_table(&t.number.value)
                .hint(t!("missing-glyph-hint")),
            );
        }
        out
    }
}

/// The bundled serif's advance of `c`, in em (one em for a character it lacks): what a line of
/// body text is measured with before it is laid out.
pub fn serif_advance(c: char) -> f64 {
    let Some(face) = serif_face() else { return 1.0 };
    let em = f64::from(face.units_per_em());
    face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map(|a| f64::from(a) / em).unwrap_or(1.0)
}

/// The bundled serif, parsed once: for its advances here and its line metrics in `render::rows`.
pub(super) fn serif_face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> = std::sync::OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(SERIF, 0).ok()).as_ref()
}
