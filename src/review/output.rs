//! Every file of a review, made in memory from the one [`Review`]: review.xlsx, review.html,
//! review.json, 通报.pdf and 反馈/ (a workbook per unit, and a PDF with `--feedback-pdf`). The
//! command line writes them into its folder; `jixiao serve` zips them.

use super::Review;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic};
use crate::render::fonts::Fonts;
use crate::render::pdf::{PdfRenderer, PdfSettings};
use crate::render::templates::Templates;
use crate::render::RenderError;
use crate::t;
use rayon::prelude::*;

/// The draft circular's file name (fixed, as the bureau's scripts expect it).
pub const CIRCULAR: &str = "通报.pdf";

/// What goes into 反馈/.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    None,
    Xlsx,
    XlsxAndPdf,
}

/// What the documents are made with besides the review.
pub struct Docs<'a> {
    pub fonts: &'a Fonts,
    /// circular.typ and feedback.typ, built in or the user's.
    pub templates: &'a Templates,
    /// The date of every file: this one, else the newest workbook's save
    /// ([`Timestamp::given_or_saved`]).
    pub timestamp: Option<Timestamp>,
    /// The bureau that signs the circular and the feedback.
    pub bureau: &'a str,
    pub feedback: Feedback,
}

/// Each file's path (relative, `/`-separated) and bytes, in a fixed order.
pub fn files(review: &Review, docs: &Docs) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let when = Timestamp::given_or_saved(docs.timestamp, review.units.iter().filter_map(|u| u.modified).max());
    let date = crate::dates::chinese(when.date());
    let renderer = PdfRenderer::new(docs.fonts, PdfSettings { timestamp: when, ..Default::default() }, docs.templates);
    let circular = super::circular::Circular::of(review, docs.bureau, &date);
    // The reports side by side with the circular (Typst runs on threads of its own).
    let ((xlsx, html), pdf) = rayon::join(
        || {
            rayon::join(
                || super::xlsx::write(review).map_err(|e| Diagnostic::new(Code::Xlsx, t!("xlsx-failed", error = e))),
                || {
                    super::html::write(review)
                        .map_err(|e| Diagnostic::new(Code::HtmlTemplate, t!("html-failed", error = e)))
                },
            )
        },
        || renderer.document("circular.typ", &circular),
    );
    let json = serde_json::to_vec_pretty(review).map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))?;
    let mut out = vec![
        ("review.xlsx".to_string(), xlsx?),
        ("review.html".to_string(), html?),
        ("review.json".to_string(), json),
        (CIRCULAR.to_string(), pdf?),
    ];
    if docs.feedback == Feedback::None {
        return Ok(out);
    }
    let names = super::feedback::file_names(review);
    let books: Vec<Vec<u8>> = review
        .units
        .par_iter()
        .map(|u| super::feedback::write(u).map_err(|e| Diagnostic::new(Code::Xlsx, t!("xlsx-failed", error = e))))
        .collect::<Result<_, _>>()?;
    let folder = super::feedback::FOLDER;
    out.extend(names.iter().zip(books).map(|(n, b)| (format!("{folder}/{n}"), b)));
    if docs.feedback == Feedback::XlsxAndPdf {
        let n = review.units.len();
        let letters: Vec<_> =
            review.units.iter().map(|u| super::feedback::Letter::of(u, n, docs.bureau, &date)).collect();
        let pdfs = renderer.documents("feedback.typ", &letters)?;
        out.extend(names.iter().zip(pdfs).map(|(n, b)| (format!("{folder}/{}", n.replace(".xlsx", ".pdf")), b)));
    }
    Ok(out)
}
