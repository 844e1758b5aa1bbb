//! Fonts that travel: OFL subsets of Noto CJK SC embedded in the binary, so the PDF shows real
//! glyphs on a machine with no fonts installed. System fonts are not consulted; `--font-path`
//! adds a folder (e.g. a licensed 仿宋_GB2312).

use std::path::Path;
use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{FontPath, FontStore};

/// 宋体 role: the body serif, all of GBK.
static SERIF: &[u8] = include_bytes!("../../fonts/NotoSerifCJKsc-Regular-GBK.ttf");
/// 黑体 role: titles and headings, GB2312.
static SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Bold-GB2312.ttf");

pub const SERIF_FAMILY: &str = "Noto Serif CJK SC";
pub const SANS_FAMILY: &str = "Noto Sans CJK SC";

/// The fonts of a run, loaded once and shared by every document of a batch.
pub struct Fonts {
    pub store: FontStore,
    /// Families found in `--font-path` folders, tried after the bundled ones.
    pub extra_families: Vec<String>,
}

impl Fonts {
    pub fn load(font_paths: &[impl AsRef<Path>]) -> Fonts {
        let mut store = FontStore::new();
        for data in [SERIF, SANS_BOLD] {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        let mut extra_families = Vec::new();
        for dir in font_paths {
            let found: Vec<(FontPath, _)> = typst_kit::fonts::scan(dir.as_ref()).collect();
            for (path, info) in found {
                if !extra_families.contains(&info.family) {
                    extra_families.push(info.family.clone());
                }
                store.push((path, info));
            }
        }
        Fonts { store, extra_families }
    }

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let book = self.store.book();
        (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32))
    }
}
