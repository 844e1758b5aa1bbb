//! `jixiao serve` in a real browser: the built binary serves on a free port, and
//! tests/browser/serve.spec.mjs drives Debian's Chromium through Playwright (installed by
//! .ci/run: `npm ci` in tests/browser). Screenshots land in target/serve-screenshots/.

use crate::common::{fixture, seed_workbook, tool, zip_entries};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Whether Playwright is installed beside the spec (under CI a missing one fails the test).
fn playwright() -> bool {
    let found = fixture("browser/node_modules/playwright-core/package.json").is_file();
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v.is_empty() || v == "false"),
            "CI: playwright-core is not installed (npm ci --prefix tests/browser)"
        );
        eprintln!("notice: tests/browser/node_modules missing (npm ci --prefix tests/browser); skipping");
    }
    found
}

#[test]
fn a_finance_officer_uploads_checks_builds_downloads_and_corrects_in_chromium() {
    if !tool("node", "--version") || !tool("chromium", "--version") || !playwright() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let tmp = work.path().join("tmp");
    let (shots, downloads) = (fixture("../target/serve-screenshots"), work.path().join("downloads"));
    for d in [&tmp, &shots, &downloads] {
        std::fs::create_dir_all(d).unwrap();
    }
    let corrected = work.path().join("2021-更正.xlsx");
    seed_workbook(&corrected, |p| p.tables[1].project.value = "电子政务公共应用系统运维（更正）专项资金".into());
    // A bureau's batch: the planted one of `examples/synth --batch`, half as workbooks, half in a zip.
    let forms = jixiao::form::Forms::builtin();
    let batch = jixiao::synth::batch::batch(forms.default_form(), 24, 2);
    let (mut loose, zip_path) = (Vec::new(), work.path().join("各单位.zip"));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for (k, (file, packet)) in batch.units.iter().enumerate() {
        let bytes = jixiao::synth::batch::workbook(packet, forms).unwrap();
        if k < 12 {
            let path = work.path().join(file);
            std::fs::write(&path, bytes).unwrap();
            loose.push(path);
        } else {
            zip.start_file(format!("各单位/{file}"), zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, &bytes).unwrap();
        }
    }
    zip.finish().unwrap();

    // The server's temporary folders go to `tmp`, so the test can see that none is left.
    let mut server = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["serve", "--port", "0"])
        .current_dir(work.path())
        .env("TMPDIR", &tmp)
        // As a finance officer runs it: in Chinese.
        .env("JIXIAO_LANG", "zh")
        // The request log stays out of the test's output; warnings still show.
        .env("RUST_LOG", "warn")
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Kept open to the end: the server says when it stops.
    let mut out = BufReader::new(server.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    // `jixiao serve：http://…/（按 Ctrl-C …）`
    let at = first.find("http://").expect("the address printed");
    let url: String = first[at..].chars().take_while(|c| !c.is_whitespace() && *c != '（').collect();

    let cfg = serde_json::json!({
        "url": url,
        "seed": fixture("fixtures/seed-2021.xlsx"),
        "corrected": corrected,
        "broken": fixture("invalid/not-a-workbook.xlsx"),
        "erroneous": fixture("invalid/text-in-money-cell.xlsx"),
        "shots": shots,
        "downloads": downloads,
        "batch": loose,
        "batchZip": zip_path,
    });
    let clock = std::time::Instant::now();
    let run = Command::new("node").arg(fixture("browser/serve.spec.mjs")).arg(cfg.to_string()).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));

    // Ctrl-C: the server stops and removes every upload (the seed, the corrected, the erroneous
    // and the dropped workbook; the broken file was refused).
    Command::new("kill").args(["-INT", &server.id().to_string()]).status().unwrap();
    let ran = clock.elapsed();
    let stopped = server.wait().unwrap();
    eprintln!(
        "{said}browser steps {:.1} s, shutdown {:.1} s",
        ran.as_secs_f64(),
        (clock.elapsed() - ran).as_secs_f64()
    );
    let mut last = String::new();
    out.read_line(&mut last).unwrap();
    assert!(run.status.success(), "the browser steps failed:\n{said}");
    assert!(said.contains("ok: all steps passed"), "{said}");
    assert!(stopped.success(), "the server's exit: {stopped}");
    assert!(last.contains("已停止；删除了 4 份上传"), "{last}");
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "files left behind after Ctrl-C: {left:?}");

    let review = zip_entries(&std::fs::read(downloads.join("review.zip")).unwrap());
    for f in [
        "review/review.xlsx",
        "review/review.html",
        "review/review.json",
        "review/通报.pdf",
        "review/反馈/示范县教育第10单位.xlsx",
    ] {
        assert!(review.iter().any(|e| e == f), "{f} in the review's zip: {review:?}");
    }
    assert_eq!(review.iter().filter(|e| e.starts_with("review/反馈/")).count(), 24);
    let zip = zip_entries(&std::fs::read(downloads.join("seed.zip")).unwrap());
    for f in ["packet.pdf", "packet.html", "packet.xlsx", "tables/公开12表-3.pdf", "manifest.json", "model.json"] {
        assert!(zip.iter().any(|e| e == f), "{f} in the downloaded zip: {zip:?}");
    }
}
