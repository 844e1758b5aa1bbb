//! The bundled fonts, named once: their paths go to `src/render/fonts.rs` (which embeds them)
//! as JIXIAO_SERIF_FONT, JIXIAO_SANS_FONT and JIXIAO_SYMBOLS_FONT, and their SHA-256, computed here once at build time,
//! as JIXIAO_BUNDLED_FONTS_SHA256. A packet's manifest records the fonts that drew it (the reuse
//! key); hashing their 23 MB at every run cost a small packet a quarter of its time.

use sha2::{Digest, Sha256};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut h = Sha256::new();
    for (var, file) in [
        ("JIXIAO_SERIF_FONT", "NotoSerifCJKsc-Regular-GBK.ttf"),
        ("JIXIAO_SANS_FONT", "NotoSansCJKsc-Bold-GB2312.ttf"),
        ("JIXIAO_SYMBOLS_FONT", "NotoSansSymbols2-Regular-Boxes.ttf"),
    ] {
        let path = format!("{dir}/fonts/{file}");
        println!("cargo:rerun-if-changed={path}");
        println!("cargo:rustc-env={var}={path}");
        h.update(std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")));
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=JIXIAO_BUNDLED_FONTS_SHA256={hex}");
}
