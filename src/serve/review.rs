//! `jixiao serve`'s review page: many workbooks (or zips of them) dropped at once, reviewed as
//! `jixiao review` does, the summary, charts, findings across units and sample shown, and every
//! file of the review downloadable (one by one, or all as review.zip). The same safety limits as
//! an upload, scaled: each file at most the upload size, at most [`MAX_FILES`] workbooks and
//! [`MAX_TOTAL_FACTOR`] uploads' worth of bytes in all. Reviews are kept in memory as long as a
//! job is, and as many.

use super::routes::{admitted, disposition, heavy, page, parts, Page, Part, S};
use super::{jobs, PageError, State};
use crate::review::{self, output, sample};
use crate::t;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Workbooks in one review at most (a zip's count one each).
pub const MAX_FILES: usize = 1_000;
/// The bytes of one review's uploads at most, in uploads' worth.
pub const MAX_TOTAL_FACTOR: usize = 20;

/// A review done: its files and when it was made.
pub struct Done {
    pub id: String,
    made: Instant,
    /// The files of the review (as `jixiao review` writes them), in their order.
    files: Vec<(String, Vec<u8>)>,
    /// The page's data, rendered once.
    html: String,
}

#[derive(Default)]
pub struct Reviews(Mutex<Vec<Arc<Done>>>);

impl Reviews {
    fn insert(&self, done: Done, max: usize) -> Arc<Done> {
        let done = Arc::new(done);
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        list.push(done.clone());
        let over = list.len().saturating_sub(max.max(1));
        list.drain(..over);
        done
    }

    fn get(&self, id: &str, keep: std::time::Duration) -> Option<Arc<Done>> {
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|d| d.made.elapsed() <= keep);
        list.iter().find(|d| d.id == id).cloned()
    }
}

fn the_review(s: &State, id: &str) -> Result<Arc<Done>, PageError> {
    jobs::is_id(id).then(|| s.reviews.get(id, s.options.keep)).flatten().ok_or_else(PageError::not_found)
}

pub async fn form(s: S) -> Page {
    #[derive(serde::Serialize)]
    struct Form {
        max_files: usize,
        max_total: String,
    }
    page(
        &s,
        "review.html",
        &Form { max_files: MAX_FILES, max_total: format!("{} MB", (MAX_TOTAL_FACTOR * s.options.max_upload) >> 20) },
    )
}

fn bad(detail: String) -> PageError {
    PageError::new(StatusCode::BAD_REQUEST, t!("page-upload-failed"), detail).hint(t!("page-review-hint"))
}

pub async fn upload(s: S, multipart: Result<Multipart, MultipartRejection>) -> Page {
    let _admitted = admitted(&s)?;
    let mut inputs = Vec::new();
    let mut ask = None;
    let mut bureau = None;
    for Part { name, file_name, bytes } in parts(&s, multipart, bad).await? {
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "workbooks" if !bytes.is_empty() => {
                inputs.extend(review::inputs::uploaded(&file_name, bytes.to_vec()));
                if inputs.len() > MAX_FILES {
                    return Err(bad(t!("page-review-too-many", max = MAX_FILES)));
                }
            }
            "sample" if !text().is_empty() => {
                let size = text().parse::<sample::Size>().map_err(bad)?;
                ask = Some(sample::Ask { size, seed: None });
            }
            "bureau" => bureau = Some(text()).filter(|b| !b.is_empty()),
            _ => {}
        }
    }
    if inputs.is_empty() {
        return Err(PageError::new(StatusCode::BAD_REQUEST, t!("page-no-workbook"), t!("page-review-none")));
    }
    let st = s.clone();
    let done = heavy(&s, move || {
        let resources = &st.resources;
        let result = review::run(
            &inputs,
            review::Options {
                forms: &resources.forms,
                forced: None,
                targets: None,
                rubric: review::Rubric::default(),
                sample: ask,
                progress: &crate::render::Silent,
            },
        );
        let bureau = bureau.unwrap_or_else(|| t!("circular-bureau-blank"));
        let docs = output::Docs {
            fonts: &resources.fonts,
            templates: &resources.templates,
            timestamp: st.options.settings.timestamp,
            bureau: &bureau,
            feedback: output::Feedback::Xlsx,
        };
        let files = output::files(&result, &docs).map_err(|e| {
            PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-failed"), t!("page-failed-detail"))
                .findings(crate::diag::Report { diagnostics: e.diagnostics })
        })?;
        let id = jobs::new_id().map_err(|e| {
            PageError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                t!("page-cannot-save"),
                t!("page-cannot-save-detail", error = e),
            )
        })?;
        #[derive(serde::Serialize)]
        struct Data<'a> {
            id: &'a str,
            page: review::html::Page<'a>,
            downloads: Vec<&'a str>,
        }
        let top: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).filter(|n| !n.contains('/')).collect();
        let data = Data { id: &id, page: review::html::page(&result), downloads: top };
        let html = super::view::render("review_done.html", &st.frame, &data).map_err(|e| {
            PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-failed"), t!("page-failed-detail"))
                .hint(t!("page-report-hint", error = e))
        })?;
        Ok(Done { id, made: Instant::now(), files, html })
    })
    .await?;
    let done = s.reviews.insert(done, s.options.max_jobs);
    Ok(Redirect::to(&format!("/reviews/{}", done.id)).into_response())
}

pub async fn done(s: S, Path(id): Path<String>) -> Page {
    let d = the_review(&s, &id)?;
    Ok(axum::response::Html(d.html.clone()).into_response())
}

/// Every file of the review in one zip, as `jixiao review -o review/` would leave the folder.
pub async fn zip(s: S, Path(id): Path<String>) -> Page {
    use std::io::Write;
    let d = the_review(&s, &id)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let written: zip::result::ZipResult<Vec<u8>> = (|| {
        for (name, bytes) in &d.files {
            zip.start_file(format!("review/{name}"), opts)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    })();
    let bytes = written.map_err(|e| {
        PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-failed"), t!("page-failed-detail"))
            .hint(t!("page-report-hint", error = e))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/zip")),
            (header::CONTENT_DISPOSITION, disposition("attachment", "review.zip")),
        ],
        bytes,
    )
        .into_response())
}

/// One of the review's own files (review.xlsx, review.html, review.json, 通报.pdf), found by its
/// name in the review's list.
pub async fn file(s: S, Path((id, name)): Path<(String, String)>) -> Page {
    let d = the_review(&s, &id)?;
    let (name, bytes) =
        d.files.iter().find(|(n, _)| *n == name && !n.contains('/')).ok_or_else(PageError::not_found)?;
    let (kind, how) = match name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default() {
        "pdf" => ("application/pdf", "inline"),
        "html" => ("text/html; charset=utf-8", "inline"),
        "json" => ("application/json", "inline"),
        _ => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    };
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(kind)), (header::CONTENT_DISPOSITION, disposition(how, name))],
        bytes.clone(),
    )
        .into_response())
}
