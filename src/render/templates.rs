//! The built-in templates, embedded in the binary and overridable file by file by a user's
//! template folder (as zola does). `jixiao init --eject-templates` writes these out.

use std::path::Path;

/// Every built-in template: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("table.typ", include_str!("../../templates/table.typ")),
    ("correction.typ", include_str!("../../templates/correction.typ")),
    ("correction.html.tera", include_str!("../../templates/correction.html.tera")),
    ("layout.html.tera", include_str!("../../templates/layout.html.tera")),
    ("table.html.tera", include_str!("../../templates/table.html.tera")),
    ("table_page.html.tera", include_str!("../../templates/table_page.html.tera")),
    ("packet.html.tera", include_str!("../../templates/packet.html.tera")),
    ("index.html.tera", include_str!("../../templates/index.html.tera")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// The templates in force: each built-in one, replaced by `dir/<name>` where that file exists.
pub fn resolve(dir: Option<&Path>) -> std::io::Result<Vec<(String, String)>> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            let user = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let text = match user {
                Some(p) => std::fs::read_to_string(p)?,
                None => text.to_string(),
            };
            Ok((name.to_string(), text))
        })
        .collect()
}
