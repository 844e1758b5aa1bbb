//! `jixiao serve`: the whole job as a local web page, for finance staff who never open a
//! terminal. The same pipeline as the command line (load → check → build), behind a few plain
//! forms rendered on the server: upload a workbook, read the findings sheet by sheet with each
//! cell highlighted, look at the pages as they will print, download the packet as one zip, and
//! upload a corrected workbook against a packet built earlier.
//!
//! Safe as a server: it listens on 127.0.0.1 unless told otherwise, and then answers only to
//! its own host name (a web page elsewhere cannot reach it through DNS); uploads are limited in
//! size and sniffed; every job lives in its own temporary folder, removed after
//! [`Options::keep`] and at shutdown; no request names a file (jobs by random id, packet files
//! only from the packet's own list); every answer carries a strict CSP; errors are pages.
//! Checks and renders run on blocking threads, at most [`Options::renders`] at once; at most
//! [`Options::uploads`] uploads are taken in at once (each may hold its bytes in memory while
//! it waits), and past that the page says to try again.

pub mod jobs;
pub mod review;
mod routes;
pub mod view;

use crate::build::Settings;
use crate::diag::{Diagnostic, Report};
use crate::t;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The largest workbook (or packet zip) accepted, in bytes.
    pub max_upload: usize,
    /// How long an upload and its packet are kept.
    pub keep: Duration,
    /// Checks and renders at once; more wait their turn.
    pub renders: usize,
    /// Uploads taken in or waiting their turn at once; more are turned away (503).
    pub uploads: usize,
    /// Uploads kept at once; beyond, the oldest go (each holds its workbook as read).
    pub max_jobs: usize,
    /// The Host headers answered (`127.0.0.1:8080`); empty: any (listening beyond loopback).
    pub hosts: Vec<String>,
    /// Every build's settings besides the workbook, form and formats (jixiao.toml's).
    pub settings: Settings,
    /// How long a client may take to send a request's header; then its connection is closed
    /// (a client that sends half a header holds nothing for long).
    pub header_timeout: Duration,
    /// How long one request may take, its upload and its build included; then it is answered 408.
    pub request_timeout: Duration,
    /// How long shutdown waits for the requests under way before it closes their connections.
    pub shutdown_grace: Duration,
}

impl Options {
    pub const DEFAULT_MAX_UPLOAD: usize = 20 << 20;

    pub fn new(settings: Settings) -> Options {
        Options {
            max_upload: Self::DEFAULT_MAX_UPLOAD,
            keep: Duration::from_secs(3600),
            renders: std::thread::available_parallelism().map_or(2, |n| n.get()),
            uploads: 32,
            max_jobs: 50,
            hosts: Vec::new(),
            settings,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(300),
            shutdown_grace: Duration::from_secs(5),
        }
    }
}

/// What every request shares: the options, the forms, templates and fonts loaded once, the
/// jobs, and the folder they live in.
pub struct State {
    pub options: Options,
    /// The forms, templates and fonts, loaded once for every check, preview and build.
    resources: Arc<crate::build::Resources>,
    pub jobs: jobs::Jobs,
    /// The reviews of many workbooks made in this session (`/review`), with their files.
    pub reviews: review::Reviews,
    renders: Semaphore,
    uploads: Semaphore,
    root: tempfile::TempDir,
    frame: view::Frame,
}

impl State {
    pub fn new(options: Options) -> Result<Arc<State>, Report> {
        let resources = Arc::new(crate::build::Resources::load(&options.settings)?);
        let root = tempfile::Builder::new().prefix("jixiao-serve-").tempdir().map_err(|e| {
            Diagnostic::new(crate::diag::Code::WriteFailed, t!("cannot-temp", error = e)).hint(t!("cannot-temp-hint"))
        })?;
        let frame = view::Frame {
            version: env!("CARGO_PKG_VERSION"),
            keep: minutes(options.keep),
            max_upload: format!("{} MB", options.max_upload >> 20),
        };
        Ok(Arc::new(State {
            renders: Semaphore::new(options.renders.max(1)),
            uploads: Semaphore::new(options.uploads.max(1)),
            options,
            resources,
            jobs: jobs::Jobs::default(),
            reviews: review::Reviews::default(),
            root,
            frame,
        }))
    }

    /// The folder every job's folder is made in.
    pub fn root(&self) -> PathBuf {
        self.root.path().to_path_buf()
    }

    /// Removes every job and the server's folder (at shutdown). Returns how many jobs there were.
    pub fn close(&self) -> usize {
        let n = self.jobs.clear();
        let _ = std::fs::remove_dir_all(self.root.path());
        n
    }
}

fn minutes(d: Duration) -> String {
    match d.as_secs() / 60 {
        m if m % 60 == 0 && m > 0 => t!("keep-hours", hours = m / 60),
        m => t!("keep-minutes", minutes = m),
    }
}

/// The web app over `state`: every route, the body limit, and the guard that checks the host
/// and sets the security headers on every answer.
pub fn app(state: Arc<State>) -> axum::Router {
    routes::router(state)
}

/// A page that says what went wrong, with its status.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub title: String,
    pub detail: String,
    pub hint: Option<String>,
    pub report: Report,
}

impl PageError {
    pub fn new(status: StatusCode, title: impl Into<String>, detail: impl Into<String>) -> PageError {
        PageError { status, title: title.into(), detail: detail.into(), hint: None, report: Report::default() }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> PageError {
        self.hint = Some(hint.into());
        self
    }
    pub fn findings(mut self, report: Report) -> PageError {
        self.report = report;
        self
    }
    pub fn not_found() -> PageError {
        PageError::new(StatusCode::NOT_FOUND, t!("page-not-found"), t!("page-not-found-detail"))
            .hint(t!("page-not-found-hint"))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        // The frame is the server's; an error page outside a request's state uses the defaults.
        let frame = view::Frame { version: env!("CARGO_PKG_VERSION"), keep: String::new(), max_upload: String::new() };
        let findings = view::plain_findings(&self.report);
        let page = view::error_page(&frame, &self.title, &self.detail, self.hint.as_deref(), &findings);
        (self.status, Html(page)).into_response()
    }
}

/// The headers every answer carries: no script but the page's own file, no framing, no
/// sniffing, nothing cached (the tables are the unit's own until published).
pub fn secure(headers: &mut axum::http::HeaderMap) {
    let set = |h: &mut axum::http::HeaderMap, k, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    // Not `no-referrer`: with it Chromium posts forms with `Origin: null`, which the guard refuses.
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::CACHE_CONTROL, "no-store");
}

/// A server bound to its address, not yet answering.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Arc<State>,
}

impl Server {
    /// Binds `addr` (port 0: any free port). On a loopback address, only that address and
    /// `localhost` with its port are answered as hosts.
    pub async fn bind(addr: SocketAddr, mut options: Options) -> Result<Server, Report> {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Report::from(
                Diagnostic::new(crate::diag::Code::Config, t!("cannot-listen", address = addr, error = e))
                    .hint(t!("cannot-listen-hint")),
            )
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| Report::from(Diagnostic::new(crate::diag::Code::Config, e.to_string())))?;
        if local.ip().is_loopback() && options.hosts.is_empty() {
            let port = local.port();
            options.hosts = vec![local.to_string(), format!("localhost:{port}")];
        }
        Ok(Server { listener, state: State::new(options)? })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> Arc<State> {
        self.state.clone()
    }

    /// Answers until `shutdown` resolves, sweeping old jobs every minute; then gives the requests
    /// under way [`Options::shutdown_grace`] to finish, closes every connection, and removes every
    /// job and the server's folder. Each connection is served by hyper with a deadline for each
    /// request's header ([`Options::header_timeout`]).
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<usize> {
        use hyper_util::rt::{TokioIo, TokioTimer};
        let state = self.state.clone();
        let sweeper = tokio::spawn({
            let state = state.clone();
            async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    state.jobs.sweep(state.options.keep);
                }
            }
        });
        let router = app(state.clone());
        let (closing, closed) = tokio::sync::watch::channel(false);
        let mut connections = tokio::task::JoinSet::new();
        let mut shutdown = std::pin::pin!(shutdown);
        let (header_timeout, grace) = (state.options.header_timeout, state.options.shutdown_grace);
        loop {
            let stream = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // A connection that failed before it was accepted (reset, too many open
                    // files): the next may not.
                    Err(e) => {
                        tracing::warn!("accept: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            let mut closed = closed.clone();
            connections.spawn(async move {
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                let mut connection = std::pin::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = closed.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = tokio::time::timeout(grace, connection).await;
                    }
                }
            });
        }
        drop(self.listener);
        let _ = closing.send(true);
        let drained = tokio::time::timeout(grace, async { while connections.join_next().await.is_some() {} }).await;
        if drained.is_err() {
            tracing::warn!("{} connection(s) still open after {grace:?}: closed", connections.len());
        }
        connections.shutdown().await;
        sweeper.abort();
        Ok(state.close())
    }
}
