//! `jixiao serve` over HTTP, without a socket: each request handed to the app (axum's router as a
//! tower service). Limits, headers, paths, and the upload → check → build → download →
//! correct path with real workbooks.

use crate::common::{files_under, fixture, seed_workbook, zip_entries};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use jixiao::build::Settings;
use jixiao::config::Config;
use jixiao::serve::{app, Options, State};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

fn server(adjust: impl FnOnce(&mut Options)) -> (Arc<State>, Router) {
    let mut options = Options::new(Settings::from_config(Config::default()).unwrap());
    adjust(&mut options);
    let state = State::new(options).unwrap();
    (state.clone(), app(state))
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: header::HeaderName) -> String {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    }
    /// Where a 303 sends the browser.
    fn location(&self) -> String {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "{}", self.text());
        self.header(header::LOCATION)
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Answer { status: parts.status, headers: parts.headers, body }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A form part: its name, the file name it is sent under (for files), and its bytes.
type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

fn multipart(uri: &str, parts: &[Part]) -> Request<Body> {
    let boundary = "jixiao-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap()
}

const ALL_FORMATS: [Part; 3] = [("formats", None, b"pdf"), ("formats", None, b"html"), ("formats", None, b"xlsx")];

/// Uploads `bytes` as `name` with every format; the answer.
async fn upload(app: &Router, name: &str, bytes: &[u8]) -> Answer {
    let mut parts: Vec<Part> = vec![("workbook", Some(name), bytes)];
    parts.extend(ALL_FORMATS);
    send(app, multipart("/upload", &parts)).await
}

fn seed() -> Vec<u8> {
    std::fs::read(fixture("fixtures/seed-2021.xlsx")).unwrap()
}

async fn build(app: &Router, job: &str, force: bool) -> Answer {
    let body = if force { "force=1" } else { "" };
    let req = Request::post(format!("{job}/build"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    send(app, req).await
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_error_pages_included() {
    let (_, app) = server(|_| {});
    for uri in ["/", "/static/serve.js", "/no/such/page", "/jobs/0123456789abcdef0123456789abcdef"] {
        let a = get(&app, uri).await;
        let csp = a.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(csp.starts_with("default-src 'none';"), "{uri}: {csp}");
        assert!(!csp.split(';').any(|d| d.contains("script-src") && d.contains("unsafe")), "{csp}");
        assert_eq!(a.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{uri}");
        assert_eq!(a.header(header::X_FRAME_OPTIONS), "DENY", "{uri}");
        assert_eq!(a.header(header::CACHE_CONTROL), "no-store", "{uri}");
    }
    let missing = get(&app, "/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("找不到这个页面"), "an error is a page");
    // No inline script on any page: the one script is a file.
    let index = get(&app, "/").await.text();
    assert!(index.contains(r#"<script src="/static/serve.js" defer></script>"#));
    assert_eq!(index.matches("<script").count(), 1);
}

#[tokio::test]
async fn the_seed_uploads_to_four_tables_with_the_duplicate_warning_under_公开12表_3() {
    let (state, app) = server(|_| {});
    let job = upload(&app, "seed-2021.xlsx", &seed()).await.location();
    assert!(job.starts_with("/jobs/") && job.len() == "/jobs/".len() + 32, "{job}");
    let page = get(&app, &job).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    for n in ["公开12表-1", "公开12表-2", "公开12表-3", "公开12表-4"] {
        assert!(text.contains(&format!("<th scope=\"row\">{n}</th>")), "{n} listed");
    }
    // The warning sits in 公开12表-3's group, which names 公开12表-2.
    let group = text.find("<h3 id=\"sheet-2\">公开12表-3 ").expect("公开12表-3's findings");
    let next = text[group..].find("<h3 id=\"sheet-3\">").map_or(text.len(), |i| group + i);
    let findings = &text[group..next];
    // In Chinese, as the page is throughout.
    assert!(
        findings.contains("duplicate-indicators")
            && findings.contains("的绩效指标与 公开12表-2（电子政务公共应用系统运维专项资金）逐字相同"),
        "{findings}"
    );
    assert!(text.contains("0 个错误") && text.contains("1 个警告"), "the counts");
    // With many tables the build is far down: the top of the page links to it.
    assert!(text.contains(r##"<a href="#build">生成公开文件</a>"##));
    assert_eq!(state.jobs.len(), 1);
}

#[tokio::test]
async fn a_finding_links_to_its_sheet_with_the_cell_highlighted() {
    let (_, app) = server(|_| {});
    let job = upload(&app, "seed-2021.xlsx", &seed()).await.location();
    let page = get(&app, &job).await.text();
    let link = format!("{job}/sheets/0?cell=G14#G14").replace('/', "&#x2F;");
    assert!(page.contains(&format!("href=\"{link}\"")), "the over-achievement finding links to G14");
    let sheet = get(&app, &format!("{job}/sheets/0?cell=G14")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    let text = sheet.text();
    assert!(text.contains(r#"<td id="G14" class="hit" aria-current="location">12</td>"#), "G14 highlighted");
    assert_eq!(text.matches("class=\"hit\"").count(), 1);
    assert!(text.contains("finding note current"), "its finding marked");
    // Other flagged cells are marked, not highlighted; junk in `cell` highlights nothing.
    assert!(text.contains(r#"<td id="G16" class="flag">33.2</td>"#));
    // Merged areas are drawn as the workbook has them, and a cell inside one highlights it.
    assert!(text.contains(r#"<td rowspan="3">产出指标</td>"#), "A14:A16 merged");
    let inside = get(&app, &format!("{job}/sheets/0?cell=A15")).await.text();
    assert!(inside.contains(r#"<td rowspan="3" id="A15" class="hit" aria-current="location">产出指标</td>"#));
    let junk = get(&app, &format!("{job}/sheets/0?cell=%3Cscript%3E")).await;
    assert_eq!(junk.status, StatusCode::OK);
    assert!(!junk.text().contains("class=\"hit\"") && !junk.text().contains("<script>"));
}

#[tokio::test]
async fn the_table_previews_are_pngs_of_its_printed_pages_and_the_html_version_prints_it() {
    let (_, app) = server(|_| {});
    let job = upload(&app, "seed-2021.xlsx", &seed()).await.location();
    let png = get(&app, &format!("{job}/tables/1/pages/1")).await;
    assert_eq!(png.status, StatusCode::OK);
    assert_eq!(png.header(header::CONTENT_TYPE), "image/png");
    assert_eq!(&png.body[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png.body[16..20].try_into().unwrap());
    assert_eq!(width, 893, "A4 at 1.5 pixels a point");
    // The sheet's page shows every page of its table, and there is none past them.
    let pages = get(&app, &format!("{job}/sheets/1")).await.text().matches("<figure><img").count();
    assert!(pages >= 1);
    for p in 1..=pages {
        assert_eq!(get(&app, &format!("{job}/tables/1/pages/{p}")).await.status, StatusCode::OK);
    }
    assert_eq!(get(&app, &format!("{job}/tables/1/pages/{}", pages + 1)).await.status, StatusCode::NOT_FOUND);
    let print = get(&app, &format!("{job}/tables/1/print")).await.text();
    assert!(print.contains("电子政务公共应用系统运维专项资金") && print.contains("公开12表-2"));
    // Its link back to the packet's index leads to the job's page.
    assert!(print.contains(r#"<a href="../index.html">"#));
    assert_eq!(get(&app, &format!("{job}/tables/index.html")).await.location(), job);
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_with_a_page_and_nothing_is_kept() {
    let (state, app) = server(|o| o.max_upload = 4 << 10);
    let seed = seed();
    assert!(seed.len() > 4 << 10);
    let a = upload(&app, "seed-2021.xlsx", &seed).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.text().contains("文件太大") && a.text().contains("--max-upload-mb"), "{}", a.text());
    assert_eq!(a.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(state.jobs.is_empty());
    assert!(files_under(&state.root()).is_empty());
}

#[tokio::test]
async fn a_workbook_is_known_by_its_bytes_not_its_name() {
    let (state, app) = server(|_| {});
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let packet_zip = {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("a.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, b"not a workbook").unwrap();
        z.finish().unwrap().into_inner()
    };
    for (name, bytes) in [("report.xlsx", png), ("2021.xlsx", packet_zip)] {
        let a = upload(&app, name, &bytes).await;
        assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{name}");
        assert!(a.text().contains("这不是工作簿"));
    }
    assert!(state.jobs.is_empty());
    // An .xls sent as .xlsx is read as what it is, and saved under its true extension.
    let xls = std::fs::read(fixture("fixtures/seed-2021.xls")).unwrap();
    let job = upload(&app, "renamed.xlsx", &xls).await.location();
    assert!(get(&app, &job).await.text().contains("<h1>renamed.xls</h1>"));
}

#[tokio::test]
async fn no_path_from_a_request_reaches_the_file_system() {
    let (state, app) = server(|_| {});
    let job = upload(&app, "../../../evil.xlsx", &seed()).await.location();
    assert!(get(&app, &job).await.text().contains("<h1>evil.xlsx</h1>"));
    let root = state.root();
    let saved = files_under(&root);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].starts_with(&root) && saved[0].ends_with("evil.xlsx"));
    assert_eq!(build(&app, &job, false).await.location(), format!("{job}#download"));
    for uri in [
        format!("{job}/files/..%2F..%2Fevil.xlsx"),
        format!("{job}/files/%2e%2e/packet.zip"),
        format!("{job}/files/tables/../packet.pdf"),
        format!("{job}/files//etc/passwd"),
        format!("{job}/sheets/99"),
        format!("{job}/sheets/-1"),
        format!("{job}/tables/0/pages/0"),
        format!("{job}/tables/9/print"),
        "/jobs/..%2F..%2Fetc/packet.zip".to_string(),
        "/jobs/0123456789ABCDEF0123456789ABCDEF".to_string(),
    ] {
        let a = get(&app, &uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}: {}", a.text());
    }
    // A packet file is served by its name in the packet's own list.
    let pdf = get(&app, &format!("{job}/files/packet.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_build_with_errors_needs_the_confirmation_and_the_zip_holds_the_packet() {
    let (_, app) = server(|_| {});
    let bytes = std::fs::read(fixture("invalid/text-in-money-cell.xlsx")).unwrap();
    let job = upload(&app, "text-in-money-cell.xlsx", &bytes).await.location();
    let page = get(&app, &job).await.text();
    assert!(page.contains("2 个错误") && page.contains(r#"name="force" value="1" required"#));
    let refused = build(&app, &job, false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.text().contains("有错误，没有生成"));
    assert_eq!(get(&app, &format!("{job}/packet.zip")).await.status, StatusCode::NOT_FOUND);

    assert_eq!(build(&app, &job, true).await.location(), format!("{job}#download"));
    let zip = get(&app, &format!("{job}/packet.zip")).await;
    assert_eq!(zip.header(header::CONTENT_TYPE), "application/zip");
    assert!(zip.header(header::CONTENT_DISPOSITION).starts_with("attachment;"));
    let names = zip_entries(&zip.body);
    for f in ["packet.pdf", "packet.html", "packet.xlsx", "index.html", "manifest.json", "model.json"] {
        assert!(names.iter().any(|n| n == f), "{f} in {names:?}");
    }
    assert_eq!(names.iter().filter(|n| n.starts_with("tables/")).count(), 12, "{names:?}");
    // Each file on its own, by its name in the list (percent-encoded in the URL).
    let xlsx = get(&app, &format!("{job}/files/tables/%E5%85%AC%E5%BC%8012%E8%A1%A8-1.xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.header(header::CONTENT_DISPOSITION).contains("filename*=UTF-8''%E5%85%AC%E5%BC%8012%E8%A1%A8-1.xlsx"));
}

#[tokio::test]
async fn other_hosts_and_forms_from_other_sites_are_refused() {
    let (_, app) = server(|o| o.hosts = vec!["127.0.0.1:8080".into(), "localhost:8080".into()]);
    let with_host = |h: &str| Request::get("/").header(header::HOST, h).body(Body::empty()).unwrap();
    assert_eq!(send(&app, with_host("127.0.0.1:8080")).await.status, StatusCode::OK);
    assert_eq!(send(&app, with_host("localhost:8080")).await.status, StatusCode::OK);
    let rebound = send(&app, with_host("attacker.example:8080")).await;
    assert_eq!(rebound.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(rebound.text().contains("http:&#x2F;&#x2F;127.0.0.1:8080&#x2F;"), "the hint names the address to use");
    assert_eq!(rebound.header(header::X_FRAME_OPTIONS), "DENY");

    let (state, app) = server(|_| {});
    let mut req = multipart("/upload", &[("workbook", Some("a.xlsx"), &seed()), ALL_FORMATS[0]]);
    req.headers_mut().insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
    req.headers_mut().insert(header::ORIGIN, "http://attacker.example".parse().unwrap());
    assert_eq!(send(&app, req).await.status, StatusCode::FORBIDDEN);
    assert!(state.jobs.is_empty());
}

#[tokio::test]
async fn a_corrected_workbook_against_an_uploaded_packet_zip_shows_the_change_and_writes_更正说明() {
    let (_, app) = server(|_| {});
    let job = upload(&app, "seed-2021.xlsx", &seed()).await.location();
    build(&app, &job, false).await.location();
    let published = get(&app, &format!("{job}/packet.zip")).await.body;

    let dir = tempfile::tempdir().unwrap();
    let corrected = dir.path().join("corrected.xlsx");
    seed_workbook(&corrected, |p| p.tables[1].project.value = "电子政务公共应用系统运维（更正）专项资金".into());
    let corrected = std::fs::read(corrected).unwrap();
    let mut parts: Vec<Part> =
        vec![("workbook", Some("2021-更正.xlsx"), &corrected), ("packet", Some("公开.zip"), &published)];
    parts.extend(ALL_FORMATS);
    let fixed = send(&app, multipart("/correct", &parts)).await.location();
    let page = get(&app, &fixed).await.text();
    assert!(page.contains("与已公开版本相比"));
    assert!(
        page.contains("<td>电子政务公共应用系统运维专项资金</td><td>电子政务公共应用系统运维（更正）专项资金</td>"),
        "{page}"
    );
    build(&app, &fixed, false).await.location();
    let names = zip_entries(&get(&app, &format!("{fixed}/packet.zip")).await.body);
    assert!(names.iter().any(|n| n == "更正说明.pdf") && names.iter().any(|n| n == "更正说明.html"), "{names:?}");

    // A zip that is not a packet jixiao wrote is refused, saying why.
    let mut parts: Vec<Part> = vec![("workbook", Some("c.xlsx"), &corrected), ("packet", Some("x.zip"), &corrected)];
    parts.extend(ALL_FORMATS);
    let refused = send(&app, multipart("/correct", &parts)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("这不是公开文件包") && refused.text().contains("model.json"));
}

#[tokio::test]
async fn old_jobs_are_swept_with_their_folders_and_close_removes_everything() {
    let (state, app) = server(|o| o.max_jobs = 2);
    for _ in 0..3 {
        upload(&app, "seed-2021.xlsx", &seed()).await.location();
    }
    assert_eq!(state.jobs.len(), 2, "the oldest beyond max_jobs goes");
    assert_eq!(files_under(&state.root()).len(), 2);
    assert_eq!(state.jobs.sweep(Duration::from_secs(3600)), 0);
    assert_eq!(state.jobs.sweep(Duration::ZERO), 2);
    assert!(files_under(&state.root()).is_empty());
    upload(&app, "seed-2021.xlsx", &seed()).await.location();
    assert_eq!(state.close(), 1);
    assert!(!state.root().exists());
}

#[tokio::test]
async fn a_packet_built_in_the_browser_is_the_command_lines_byte_for_byte() {
    // The timestamp of the recorded packet (tests/library.rs), set as jixiao.toml would.
    let (_, app) =
        server(|o| o.settings.timestamp = Some(jixiao::dates::Timestamp::from_unix(1_640_995_200, "t").unwrap()));
    let golden = std::fs::read_to_string(fixture("fixtures/seed-2021.packet.sha256")).unwrap();
    for _ in 0..2 {
        let job = upload(&app, "seed-2021.xlsx", &seed()).await.location();
        build(&app, &job, false).await.location();
        for line in golden.lines() {
            let (sha, path) = line.split_once("  ").unwrap();
            let got = get(&app, &format!("{job}/files/{}", jixiao::serve::view::percent(path))).await;
            assert_eq!(got.status, StatusCode::OK, "{path}");
            assert_eq!(jixiao::hash::sha256_hex(&got.body), sha, "{path} differs from the command line's");
        }
    }
}

#[tokio::test]
async fn the_index_offers_the_packet_built_last_in_this_session_to_correct_against() {
    let (_, app) = server(|_| {});
    assert!(!get(&app, "/").await.text().contains("l-workbook"), "nothing built yet");
    let first = upload(&app, "seed-2021.xlsx", &seed()).await.location();
    build(&app, &first, false).await.location();
    let second = upload(&app, "second.xlsx", &seed()).await.location();
    let index = get(&app, "/").await.text();
    assert!(index.contains(&format!("action=\"{first}/correct\"")), "the built one, not {second}");
    assert!(index.contains("「seed-2021.xlsx」，4 张表"));
}

/// A body that sends its first bytes and then never finishes: an upload still arriving.
struct Arriving(Option<axum::body::Bytes>);

impl http_body::Body for Arriving {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        match self.0.take() {
            Some(b) => std::task::Poll::Ready(Some(Ok(http_body::Frame::data(b)))),
            None => std::task::Poll::Pending,
        }
    }
}

#[tokio::test]
async fn uploads_past_the_ones_in_flight_are_turned_away_until_one_is_done() {
    let (state, app) = server(|o| o.uploads = 1);
    let head = "--b\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"a.xlsx\"\r\n\r\nPK";
    let slow = Request::post("/upload")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=b")
        .body(Body::new(Arriving(Some(head.into()))))
        .unwrap();
    let arriving = tokio::spawn({
        let app = app.clone();
        async move { app.oneshot(slow).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let turned = upload(&app, "seed-2021.xlsx", &seed()).await;
    assert_eq!(turned.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(turned.text().contains("jixiao 正忙"));
    arriving.abort();
    let _ = arriving.await;
    upload(&app, "seed-2021.xlsx", &seed()).await.location();
    assert_eq!(state.jobs.len(), 1);
}

#[tokio::test]
async fn the_findings_of_one_code_in_a_table_are_one_finding_listing_its_cells() {
    let (_, app) = server(|_| {});
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("variant.xlsx");
    // A funds row no form has: its three figures are unread, one finding with two more cells.
    crate::common::write_variant(
        &path,
        &crate::common::Variant { current_label: Some("中央补助资金"), ..Default::default() },
    );
    let job = upload(&app, "variant.xlsx", &std::fs::read(&path).unwrap()).await.location();
    let text = get(&app, &job).await.text();
    assert_eq!(text.matches("<code class=\"code\">unread-cell</code>").count(), 1, "one unread-cell finding");
    assert!(text.contains("同类问题另有 2 处"), "its other cells listed");
    for cell in ["D7", "E7", "G7"] {
        let link = format!("{job}/sheets/0?cell={cell}#{cell}").replace('/', "&#x2F;");
        assert!(text.contains(&format!("href=\"{link}\"")), "{cell} linked");
    }
}

/// Starts the built binary's server on a free port; returns it, its address and its standard
/// output (kept open: the server prints a last line when it stops).
fn spawn_server(args: &[&str]) -> (std::process::Child, String, impl std::io::BufRead) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["serve", "--port", "0"])
        .args(args)
        .env("JIXIAO_LANG", "en")
        .env("RUST_LOG", "off")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).unwrap().split('/').next().unwrap().to_string();
    (child, addr, out)
}

#[test]
fn a_client_that_sends_half_a_header_is_cut_off_and_does_not_hold_up_shutdown() {
    use std::io::{Read, Write};
    use std::time::Instant;
    let (mut child, addr, mut out) = spawn_server(&["--header-timeout", "2"]);
    // Half a request header, then nothing.
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").as_bytes()).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let start = Instant::now();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let cut = start.elapsed();
    assert!(cut >= Duration::from_millis(1500) && cut < Duration::from_secs(6), "closed after {cut:?}");
    // Another such client, connected when the server is told to stop: it stops within seconds.
    let mut held = std::net::TcpStream::connect(&addr).unwrap();
    held.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    assert!(std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still running 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(start.elapsed() < Duration::from_secs(7), "stopped after {:?}", start.elapsed());
    eprintln!("half a header: closed after {cut:?}; SIGTERM with such a client: stopped after {:?}", start.elapsed());
    let mut last = String::new();
    std::io::BufRead::read_line(&mut out, &mut last).unwrap();
    assert!(last.contains("stopped"), "{last}");
}

#[tokio::test]
async fn a_workbook_uploaded_with_its_targets_lists_what_it_changed_from_them() {
    use crate::common::forms::{hunan_county, hunan_targets, wuhan_targets};
    let dir = tempfile::tempdir().unwrap();
    hunan_county(&dir.path().join("2020.xlsx"));
    // 按期完工率 was ≥95% in spring; the self-evaluation reports ≥90%.
    let mut targets = hunan_targets();
    targets[2].3 = "≥95%";
    wuhan_targets(&dir.path().join("targets.xlsx"), "农村公路提质改造专项资金", &targets);
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
    let (workbook, spring) = (read("2020.xlsx"), read("targets.xlsx"));
    let (_, app) = server(|_| {});
    let with = [
        ("workbook", Some("2020.xlsx"), &workbook[..]),
        ("targets", Some("targets.xlsx"), &spring[..]),
        ALL_FORMATS[0],
    ];
    let page = get(&app, &send(&app, multipart("/upload", &with)).await.location()).await.text();
    assert!(page.contains("target-changed") && page.contains("≥95%") && page.contains("按期完工率"), "{page}");
    // Without the targets, nothing is compared.
    let page = get(&app, &upload(&app, "2020.xlsx", &workbook).await.location()).await.text();
    assert!(!page.contains("target-changed"), "{page}");
    // A targets file that is not a workbook is refused with its own page.
    let with = [
        ("workbook", Some("2020.xlsx"), &workbook[..]),
        ("targets", Some("targets.xlsx"), &b"not a workbook"[..]),
        ALL_FORMATS[0],
    ];
    let refused = send(&app, multipart("/upload", &with)).await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(refused.text().contains("「targets.xlsx」的内容不是"), "{}", refused.text());
    assert!(refused.text().contains(r#"<a href="/">返回首页</a>"#), "the way back is the index");
}

#[tokio::test]
async fn a_review_takes_workbooks_and_a_zip_at_once_and_refuses_more_than_its_limit() {
    let (_state, app) = server(|_| {});
    let dir = tempfile::tempdir().unwrap();
    let forms = jixiao::form::Forms::builtin();
    let batch = jixiao::synth::batch::batch(forms.default_form(), 24, 2);
    let books: Vec<(String, Vec<u8>)> =
        batch.units.iter().map(|(f, p)| (f.clone(), jixiao::synth::batch::workbook(p, forms).unwrap())).collect();
    // Twenty workbooks as they are, four in a zip.
    let zip_path = dir.path().join("四个.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for (f, b) in &books[20..] {
        zip.start_file(f.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, b).unwrap();
    }
    zip.finish().unwrap();
    let zipped = std::fs::read(&zip_path).unwrap();
    let mut parts: Vec<Part> = books[..20].iter().map(|(f, b)| ("workbooks", Some(f.as_str()), b.as_slice())).collect();
    parts.push(("workbooks", Some("四个.zip"), &zipped));
    parts.push(("sample", None, b"25%"));
    let to = send(&app, multipart("/review", &parts)).await.location();
    assert!(to.starts_with("/reviews/"), "{to}");
    let page = get(&app, &to).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("共 24 个单位、48 张表（0 份无法读取）"), "{html}");
    assert!(html.contains("inconsistent-standard") && html.contains("department-high-scores"));
    let zip = get(&app, &format!("{to}/review.zip")).await;
    assert_eq!(zip.header(header::CONTENT_TYPE), "application/zip");
    let entries = zip_entries(&zip.body);
    assert!(entries.contains(&"review/通报.pdf".to_string()), "{entries:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&get(&app, &format!("{to}/files/review.json")).await.body).unwrap();
    assert_eq!(json["sample"]["picks"].as_array().unwrap().len(), 6, "25% of 24 units");
    // A file of the review is found by its name in its list, nothing else.
    assert_eq!(get(&app, &format!("{to}/files/..%2Freview.json")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/reviews/0123456789abcdef0123456789abcdef").await.status, StatusCode::NOT_FOUND);

    // More workbooks than a review takes: refused, saying the limit.
    let tiny = b"x".to_vec();
    let many: Vec<Part> = (0..1_001).map(|_| ("workbooks", Some("a.xlsx"), tiny.as_slice())).collect();
    let refused = send(&app, multipart("/review", &many)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.text().contains("1000"), "{}", refused.text());
}
