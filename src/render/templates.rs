//! The built-in templates, embedded in the binary and overridable file by file by a user's
//! template folder (as zola does). `jixiao init --eject-templates` writes the overridable ones
//! out; `jixiao.typ`, the Typst machinery they call (page marks, 续表, continued groups), is not
//! overridable, so an ejected template keeps working when jixiao's machinery changes.

use crate::diag::{Code, Diagnostic};
use crate::t;
use std::path::Path;

/// Every overridable template: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("table.typ", include_str!("../../templates/table.typ")),
    ("correction.typ", include_str!("../../templates/correction.typ")),
    ("circular.typ", include_str!("../../templates/circular.typ")),
    ("feedback.typ", include_str!("../../templates/feedback.typ")),
    ("correction.html.tera", include_str!("../../templates/correction.html.tera")),
    ("layout.html.tera", include_str!("../../templates/layout.html.tera")),
    ("table.html.tera", include_str!("../../templates/table.html.tera")),
    ("table_page.html.tera", include_str!("../../templates/table_page.html.tera")),
    ("sheet.html.tera", include_str!("../../templates/sheet.html.tera")),
    ("packet.html.tera", include_str!("../../templates/packet.html.tera")),
    ("index.html.tera", include_str!("../../templates/index.html.tera")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// The Typst library every PDF template imports (`#import "/jixiao.typ": …`); always built in.
pub const TYPST_LIBRARY: (&str, &str) = ("jixiao.typ", include_str!("../../templates/jixiao.typ"));

/// The templates in force for one build, resolved once: each built-in one, replaced by
/// `dir/<name>` where that file exists.
#[derive(Debug, Clone)]
pub struct Templates {
    files: Vec<(&'static str, String)>,
}

impl Templates {
    pub fn builtin() -> Templates {
        Templates { files: BUILTIN.iter().map(|(n, t)| (*n, t.to_string())).collect() }
    }

    pub fn resolve(dir: Option<&Path>) -> Result<Templates, Diagnostic> {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                let Some(user) = dir.map(|d| d.join(name)).filter(|p| p.is_file()) else {
                    return Ok((*name, text.to_string()));
                };
                std::fs::read_to_string(&user).map(|t| (*name, t)).map_err(|e| {
                    Diagnostic::new(Code::TemplateUnreadable, t!("cannot-read-template", name = name, error = e))
                        .at(user.display().to_string())
                        .hint(t!("cannot-read-template-hint"))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Templates { files })
    }

    /// The text of template `name` (one of [`BUILTIN`]).
    pub fn get(&self, name: &str) -> &str {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str()).expect("a built-in template name")
    }

    /// Every template by name, in the built-in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.files.iter().map(|(n, t)| (*n, t.as_str()))
    }

    /// SHA-256 of every template in force and of the Typst library, for the manifest: a change
    /// to any of them renders every table afresh.
    pub fn hash(&self) -> String {
        let all: String = self.iter().chain([TYPST_LIBRARY]).map(|(n, t)| format!("{n}\0{t}\0")).collect();
        crate::hash::sha256_hex(all.as_bytes())
    }
}
