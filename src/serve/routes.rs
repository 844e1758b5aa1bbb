//! The routes of `jixiao serve` and their handlers. Each heavy step (reading and checking a
//! workbook, a build, a preview) waits for a permit of the server's semaphore, then runs on a
//! blocking thread; a request's own words never name a file.

use super::jobs::{self, Against, Job, OpenError};
use super::view;
use super::{PageError, State};
use crate::diag::Report;
use crate::ingest::workbook;
use crate::render::pdf::{PagePng, PdfSettings};
use crate::render::{Format, Renderer};
use crate::t;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;

pub(super) type S = axum::extract::State<Arc<State>>;
pub(super) type Page = Result<Response, PageError>;

/// Pixels per point of the page previews: an A4 page 893 pixels wide.
const PREVIEW_SCALE: f32 = 1.5;

pub fn router(state: Arc<State>) -> Router {
    let one = DefaultBodyLimit::max(state.options.max_upload + (1 << 20));
    let two = DefaultBodyLimit::max(2 * state.options.max_upload + (1 << 20));
    let many = DefaultBodyLimit::max(super::review::MAX_TOTAL_FACTOR * state.options.max_upload + (1 << 20));
    Router::new()
        .route("/", get(index))
        .route("/static/serve.css", get(|| async { asset("text/css; charset=utf-8", view::CSS) }))
        .route("/static/serve.js", get(|| async { asset("text/javascript; charset=utf-8", view::JS) }))
        // Browsers ask for it on every page: nothing, rather than a 404 page.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/upload", post(upload).layer(one))
        .route("/correct", post(correct_published).layer(two))
        .route("/jobs/{id}", get(job_page))
        .route("/jobs/{id}/sheets/{k}", get(sheet))
        .route("/jobs/{id}/tables/{t}/print", get(print))
        // The table's HTML page links back to its packet's index (`../index.html`), which from
        // the print preview is this address: back to the job's page.
        .route(
            "/jobs/{id}/tables/index.html",
            get(|Path(id): Path<String>| async move {
                jobs::is_id(&id).then(|| Redirect::to(&format!("/jobs/{id}"))).ok_or_else(PageError::not_found)
            }),
        )
        .route("/jobs/{id}/tables/{t}/pages/{p}", get(page_png))
        .route("/jobs/{id}/build", post(build))
        .route("/jobs/{id}/packet.zip", get(zip))
        .route("/jobs/{id}/files/{*path}", get(file))
        .route("/jobs/{id}/correct", post(correct_built).layer(one))
        .route("/review", get(super::review::form).post(super::review::upload).layer(many))
        .route("/reviews/{id}", get(super::review::done))
        .route("/reviews/{id}/review.zip", get(super::review::zip))
        .route("/reviews/{id}/files/{name}", get(super::review::file))
        .fallback(|| async { PageError::not_found() })
        .method_not_allowed_fallback(|| async {
            PageError::new(StatusCode::METHOD_NOT_ALLOWED, t!("page-method"), t!("page-method-detail"))
        })
        // A request that takes longer than the options allow (a body trickling in, a stuck
        // build) is answered 408, inside the guard so that the answer has its headers too.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.options.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// Answers only to the server's own host names (so a web page elsewhere cannot reach it through
/// a name that resolves here), refuses forms posted from another origin, and sets the security
/// headers on every answer, error pages included.
async fn guard(s: S, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_string();
    let hosts = &s.options.hosts;
    let foreign_origin = req.method() == Method::POST
        && req
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .is_some_and(|o| o != format!("http://{host}"));
    let mut res = if !hosts.is_empty() && !hosts.contains(&host) {
        PageError::new(StatusCode::MISDIRECTED_REQUEST, t!("page-host"), t!("page-host-detail"))
            .hint(t!("page-host-hint", host = hosts[0]))
            .into_response()
    } else if foreign_origin {
        PageError::new(StatusCode::FORBIDDEN, t!("page-origin"), t!("page-origin-detail"))
            .hint(t!("page-origin-hint"))
            .into_response()
    } else {
        next.run(req).await
    };
    super::secure(res.headers_mut());
    res
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

pub(super) fn page(s: &State, name: &str, data: &impl serde::Serialize) -> Page {
    view::render(name, &s.frame, data).map(|h| Html(h).into_response()).map_err(|e| {
        PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-failed"), t!("page-failed-detail"))
            .hint(t!("page-report-hint", error = e))
    })
}

async fn index(s: S) -> Page {
    let (forms, formats) = view::choices(&s.resources.forms);
    /// The packet built last in this session, to correct against.
    #[derive(serde::Serialize)]
    struct Last {
        id: String,
        name: String,
        tables: usize,
    }
    #[derive(serde::Serialize)]
    struct Index {
        forms: Vec<view::FormChoice>,
        formats: Vec<view::FormatChoice>,
        last: Option<Last>,
    }
    let last = s.jobs.last_built().map(|j| Last {
        id: j.id.clone(),
        name: j.name.clone(),
        tables: j.loaded.packet.tables.len(),
    });
    page(&s, "index.html", &Index { forms, formats, last })
}

/// Runs `work` on a blocking thread once a permit is free; a panic is an error page.
pub(super) async fn heavy<T: Send + 'static>(
    s: &Arc<State>,
    work: impl FnOnce() -> Result<T, PageError> + Send + 'static,
) -> Result<T, PageError> {
    let _permit = s.renders.acquire().await.map_err(|_| busy())?;
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-internal"), t!("page-internal-detail"))
            .hint(t!("page-report-workbook-hint", error = e)))
    })
}

fn busy() -> PageError {
    PageError::new(StatusCode::SERVICE_UNAVAILABLE, t!("page-closing"), t!("page-closing-detail"))
}

/// The job a request's `{id}` names: only a well-formed id is looked up, and an unknown or
/// expired one is the not-found page. Its handler never sees the id's text.
struct TheJob(Arc<Job>);

impl axum::extract::FromRequestParts<Arc<State>> for TheJob {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &Arc<State>,
    ) -> Result<TheJob, PageError> {
        let params =
            axum::extract::RawPathParams::from_request_parts(parts, state).await.map_err(|_| PageError::not_found())?;
        let id = params.iter().find(|(name, _)| *name == "id").map(|(_, v)| v).ok_or_else(PageError::not_found)?;
        jobs::is_id(id).then(|| state.jobs.get(id)).flatten().map(TheJob).ok_or_else(PageError::not_found)
    }
}

/// A file field of a form: its name as the browser sent it, and its bytes.
struct Upload {
    name: String,
    bytes: axum::body::Bytes,
}

/// What the upload forms send.
#[derive(Default)]
struct Fields {
    workbook: Option<Upload>,
    packet: Option<Upload>,
    /// The spring targets (项目支出绩效目标表) the workbook answers to.
    targets: Option<Upload>,
    form: Option<String>,
    formats: Vec<Format>,
}

pub(super) fn too_large(max: usize) -> PageError {
    PageError::new(StatusCode::PAYLOAD_TOO_LARGE, t!("page-too-large"), t!("page-too-large-detail", mb = max >> 20))
        .hint(t!("page-too-large-hint"))
}

async fn fields(s: &State, multipart: Result<Multipart, MultipartRejection>) -> Result<Fields, PageError> {
    let bad = |detail: String| {
        PageError::new(StatusCode::BAD_REQUEST, t!("page-upload-failed"), detail).hint(t!("page-upload-failed-hint"))
    };
    let mut out = Fields::default();
    for Part { name, file_name, bytes } in parts(s, multipart, bad).await? {
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "workbook" if !bytes.is_empty() => out.workbook = Some(Upload { name: file_name, bytes }),
            "packet" if !bytes.is_empty() => out.packet = Some(Upload { name: file_name, bytes }),
            "targets" if !bytes.is_empty() => out.targets = Some(Upload { name: file_name, bytes }),
            "form" => out.form = Some(text()).filter(|f| !f.is_empty()),
            "formats" => {
                let f = text().parse::<Format>().map_err(|_| bad(t!("page-unknown-format", format = text())))?;
                if !out.formats.contains(&f) {
                    out.formats.push(f);
                }
            }
            _ => {}
        }
    }
    out.formats.sort();
    if let Some(f) = &out.form {
        if s.resources.forms.get(f).is_none() {
            return Err(bad(t!("page-unknown-form", form = f)));
        }
    }
    Ok(out)
}

/// One field of a form as it arrived.
pub(super) struct Part {
    pub name: String,
    pub file_name: String,
    pub bytes: axum::body::Bytes,
}

/// Every field of a posted form, each at most the upload size; `bad` words a malformed one.
pub(super) async fn parts(
    s: &State,
    multipart: Result<Multipart, MultipartRejection>,
    bad: impl Fn(String) -> PageError,
) -> Result<Vec<Part>, PageError> {
    let max = s.options.max_upload;
    let failed = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(max),
        _ => bad(e.body_text()),
    };
    let mut mp = multipart.map_err(|e| bad(e.body_text()))?;
    let mut out = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(failed)?;
        if bytes.len() > max {
            return Err(too_large(max));
        }
        out.push(Part { name, file_name, bytes });
    }
    Ok(out)
}

/// The extension a workbook's bytes say it has; an error page for anything else.
fn sniffed(upload: &Upload) -> Result<&'static str, PageError> {
    workbook::sniff(&upload.bytes).ok_or_else(|| {
        PageError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            t!("page-not-workbook"),
            t!("page-not-workbook-detail", name = upload.name),
        )
        .hint(t!("page-not-workbook-hint"))
    })
}

fn unreadable(report: Report) -> PageError {
    PageError::new(StatusCode::UNPROCESSABLE_ENTITY, t!("page-unreadable"), t!("page-unreadable-detail"))
        .hint(t!("page-unreadable-hint"))
        .findings(report)
}

fn io_error(e: std::io::Error) -> PageError {
    PageError::new(StatusCode::INTERNAL_SERVER_ERROR, t!("page-cannot-save"), t!("page-cannot-save-detail", error = e))
        .hint(t!("page-cannot-save-hint"))
}

/// Saves the workbook in a new job's folder, reads and checks it (and compares it with the
/// published packet, for a correction), and keeps the job.
async fn start(s: &Arc<State>, f: Fields, against: Published) -> Page {
    if f.formats.is_empty() {
        return Err(PageError::new(StatusCode::BAD_REQUEST, t!("page-no-formats"), t!("page-no-formats-detail")));
    }
    let upload = f.workbook.ok_or_else(|| {
        PageError::new(StatusCode::BAD_REQUEST, t!("page-no-workbook"), t!("page-no-workbook-detail"))
    })?;
    let ext = sniffed(&upload)?;
    let targets = f.targets.map(|t| sniffed(&t).map(|ext| (t, ext))).transpose()?;
    let st = s.clone();
    let job = heavy(s, move || {
        let against = match &against {
            Published::None => Against::Nothing,
            Published::Zip(zip) => Against::Zip { name: &zip.name, bytes: &zip.bytes },
            Published::Built { dir, of } => Against::Built { dir, of },
        };
        let targets = targets.as_ref().map(|(t, ext)| (t.name.as_str(), *ext, &t.bytes[..]));
        let request = jobs::Request {
            name: &upload.name,
            ext,
            bytes: &upload.bytes,
            form: f.form,
            formats: f.formats,
            against,
            targets,
        };
        Job::open(&st.root(), request, &st.options.settings, &st.resources.forms).map_err(|e| match e {
            OpenError::Io(e) => io_error(e),
            OpenError::Unreadable(report) => unreadable(report),
            OpenError::TargetsUnreadable(report) => PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("page-targets-unreadable"),
                t!("page-targets-unreadable-detail"),
            )
            .hint(t!("page-targets-unreadable-hint"))
            .findings(report),
            OpenError::NotAPacket { name, why } => PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("page-not-packet"),
                t!("page-not-packet-detail", name = name, why = why),
            )
            .hint(t!("page-not-packet-hint")),
            OpenError::PublishedUnreadable(report) => PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("page-published-unreadable"),
                t!("page-published-unreadable-detail"),
            )
            .findings(report),
        })
    })
    .await?;
    let job = s.jobs.insert(job, s.options.max_jobs);
    Ok(Redirect::to(&format!("/jobs/{}", job.id)).into_response())
}

/// Where a correction's published packet comes from, as the request holds it.
enum Published {
    None,
    /// A packet zip the user uploaded.
    Zip(Upload),
    /// A packet built in this session.
    Built {
        dir: std::path::PathBuf,
        of: String,
    },
}

/// A place among the uploads under way, or the page that says to come back.
pub(super) fn admitted(s: &State) -> Result<tokio::sync::SemaphorePermit<'_>, PageError> {
    s.uploads.try_acquire().map_err(|_| {
        PageError::new(StatusCode::SERVICE_UNAVAILABLE, t!("page-busy"), t!("page-busy-detail"))
            .hint(t!("page-busy-hint"))
    })
}

async fn upload(s: S, multipart: Result<Multipart, MultipartRejection>) -> Page {
    let _admitted = admitted(&s)?;
    let f = fields(&s, multipart).await?;
    start(&s, f, Published::None).await
}

async fn correct_published(s: S, multipart: Result<Multipart, MultipartRejection>) -> Page {
    let _admitted = admitted(&s)?;
    let mut f = fields(&s, multipart).await?;
    let zip = f
        .packet
        .take()
        .ok_or_else(|| PageError::new(StatusCode::BAD_REQUEST, t!("page-no-packet"), t!("page-no-packet-detail")))?;
    start(&s, f, Published::Zip(zip)).await
}

async fn correct_built(s: S, TheJob(old): TheJob, multipart: Result<Multipart, MultipartRejection>) -> Page {
    let built = old.built().ok_or_else(not_built)?;
    let _admitted = admitted(&s)?;
    let mut f = fields(&s, multipart).await?;
    // The corrected packet keeps the first one's form and formats.
    f.form = old.form.clone();
    f.formats = old.formats.clone();
    start(&s, f, Published::Built { dir: built.dir.clone(), of: old.name.clone() }).await
}

fn not_built() -> PageError {
    PageError::new(StatusCode::NOT_FOUND, t!("page-not-built"), t!("page-not-built-detail"))
        .hint(t!("page-not-built-hint"))
}

async fn job_page(s: S, TheJob(job): TheJob) -> Page {
    let built = job.built();
    page(&s, "job.html", &view::job_page(&job, built.as_deref()))
}

#[derive(Deserialize)]
struct CellQuery {
    cell: Option<String>,
}

fn index_in(s: &str, len: usize) -> Result<usize, PageError> {
    s.parse::<usize>().ok().filter(|i| *i < len).ok_or_else(PageError::not_found)
}

/// Table `t`'s pages as PNG: kept with the job once drawn, so only the first asking waits for a
/// permit (behind builds under way).
async fn pages_of(s: &Arc<State>, job: &Arc<Job>, t: usize) -> Result<Arc<Vec<PagePng>>, PageError> {
    if let Some(p) = job.preview(t) {
        return Ok(p);
    }
    let (st, j) = (s.clone(), job.clone());
    heavy(s, move || previews(&st, &j, t)).await
}

fn previews(s: &State, job: &Job, t: usize) -> Result<Arc<Vec<PagePng>>, PageError> {
    let ctx = job.single(t, &s.resources.forms, s.options.settings.layout());
    let renderer = s.resources.pdf(PdfSettings { tagged: false, ..PdfSettings::default() });
    let pages = renderer.preview(&ctx, 0, PREVIEW_SCALE).map_err(|e| {
        PageError::new(StatusCode::UNPROCESSABLE_ENTITY, t!("page-no-preview"), t!("page-no-preview-detail"))
            .findings(Report { diagnostics: e.diagnostics })
    })?;
    Ok(job.keep_preview(t, pages))
}

async fn sheet(
    s: S,
    TheJob(job): TheJob,
    Path((_, k)): Path<(String, String)>,
    q: Result<Query<CellQuery>, axum::extract::rejection::QueryRejection>,
) -> Page {
    let k = index_in(&k, job.workbook.sheets.len())?;
    let cell = q.ok().and_then(|Query(q)| q.cell);
    let widths: Vec<u32> = match job.table_on(k) {
        Some(t) => pages_of(&s, &job, t).await?.iter().map(|p| p.width).collect(),
        None => Vec::new(),
    };
    page(&s, "sheet.html", &view::sheet_page(&job, k, cell.as_deref(), &widths))
}

async fn page_png(s: S, TheJob(job): TheJob, Path((_, t, p)): Path<(String, String, String)>) -> Page {
    let t = index_in(&t, job.loaded.packet.tables.len())?;
    let pages = pages_of(&s, &job, t).await?;
    let p = p
        .parse::<usize>()
        .ok()
        .and_then(|p| p.checked_sub(1))
        .filter(|p| *p < pages.len())
        .ok_or_else(PageError::not_found)?;
    Ok(([(header::CONTENT_TYPE, "image/png")], pages[p].png.clone()).into_response())
}

/// Table `t` as its HTML page prints it.
async fn print(s: S, TheJob(job): TheJob, Path((_, t)): Path<(String, String)>) -> Page {
    let t = index_in(&t, job.loaded.packet.tables.len())?;
    let ctx = job.single(t, &s.resources.forms, s.options.settings.layout());
    let files = s.resources.html().and_then(|r| r.render(&ctx)).map_err(|e| {
        PageError::new(StatusCode::UNPROCESSABLE_ENTITY, t!("page-no-html"), t!("page-no-html-detail"))
            .findings(Report { diagnostics: e.diagnostics })
    })?;
    let html = files.into_iter().find(|f| f.table.is_some()).ok_or_else(PageError::not_found)?;
    Ok(Html(html.bytes).into_response())
}

#[derive(Deserialize)]
struct BuildForm {
    force: Option<String>,
}

async fn build(
    s: S,
    TheJob(job): TheJob,
    form: Result<axum::Form<BuildForm>, axum::extract::rejection::FormRejection>,
) -> Page {
    let force = form.ok().and_then(|f| f.0.force).is_some_and(|v| v == "1");
    if job.loaded.packet.tables.is_empty() {
        return Err(PageError::new(
            StatusCode::CONFLICT,
            t!("page-nothing-to-build"),
            t!("page-nothing-to-build-detail"),
        )
        .hint(t!("page-nothing-to-build-hint")));
    }
    if job.loaded.report.has_errors() && !force {
        return Err(PageError::new(StatusCode::CONFLICT, t!("page-errors"), t!("page-errors-detail"))
            .hint(t!("page-errors-hint")));
    }
    let (st, j) = (s.0.clone(), job.clone());
    heavy(&s, move || {
        j.build(&st.options.settings, st.resources.clone(), force).map_err(|failed| {
            PageError::new(StatusCode::UNPROCESSABLE_ENTITY, t!("page-build-failed"), t!("page-build-failed-detail"))
                .findings(failed.report)
        })
    })
    .await?;
    Ok(Redirect::to(&format!("/jobs/{}#download", job.id)).into_response())
}

/// `attachment` or `inline` with the file's name, in ASCII and in UTF-8 (RFC 6266).
pub(super) fn disposition(kind: &str, name: &str) -> HeaderValue {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let value = format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{}", view::percent(name).replace('/', "%2F"));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

async fn zip(TheJob(job): TheJob) -> Page {
    let built = job.built().ok_or_else(not_built)?;
    let bytes = tokio::fs::read(&built.zip).await.map_err(io_error)?;
    let stem = job.name.rsplit_once('.').map_or(job.name.as_str(), |(s, _)| s);
    let name = format!("{stem}-公开文件.zip");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/zip")),
            (header::CONTENT_DISPOSITION, disposition("attachment", &name)),
        ],
        bytes,
    )
        .into_response())
}

/// One file of the built packet, found by its name in the packet's own list (never joined
/// onto a path as the request gave it).
async fn file(TheJob(job): TheJob, Path((_, path)): Path<(String, String)>) -> Page {
    let built = job.built().ok_or_else(not_built)?;
    let (name, _) = built.files.iter().find(|(name, _)| *name == path).ok_or_else(PageError::not_found)?;
    let bytes = tokio::fs::read(built.dir.join(name)).await.map_err(io_error)?;
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    let (kind, how) = match ext {
        "pdf" => ("application/pdf", "inline"),
        "html" => ("text/html; charset=utf-8", "inline"),
        "json" => ("application/json", "inline"),
        "xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
        _ => ("application/octet-stream", "attachment"),
    };
    let base = name.rsplit('/').next().unwrap_or(name);
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(kind)), (header::CONTENT_DISPOSITION, disposition(how, base))],
        bytes,
    )
        .into_response())
}
