//! `jixiao review INPUT… -o review/`: the units' workbooks → review.xlsx, review.html,
//! review.json and 反馈/<unit>.xlsx.

use super::output::{print_report, summary, Bar};
use crate::cli::{Global, ReviewArgs};
use jixiao::diag::{Code, Diagnostic, Report};
use jixiao::render::templates::Templates;
use jixiao::review::{self, sample, Rubric};
use jixiao::t;
use rayon::prelude::*;
use std::path::Path;

/// Every setting the run needs, resolved in one step (flag, then jixiao.toml, then the default);
/// a report when one cannot be.
struct Settings {
    forms: jixiao::form::Forms,
    rubric: Rubric,
    bureau: String,
    templates: Templates,
    font_paths: Vec<std::path::PathBuf>,
    timestamp: Option<i64>,
}

fn settings(g: &Global, args: &ReviewArgs) -> Result<Settings, Report> {
    let forms = super::load_forms(g)?;
    let config = jixiao::config::Config::load(&g.config).map_err(|e| Report::from(e.diagnostic()))?;
    let rubric = match &args.rubric {
        Some(path) => Rubric::load(path)?,
        None => config.review.unwrap_or_default(),
    };
    let templates = Templates::resolve(args.templates.as_deref().or(config.templates.as_deref()))?;
    Ok(Settings {
        forms,
        rubric,
        bureau: args.bureau.clone().or(config.bureau).unwrap_or_else(|| t!("circular-bureau-blank")),
        templates,
        font_paths: config.font_paths.unwrap_or_default(),
        timestamp: args.timestamp.or(config.timestamp),
    })
}

pub fn run(g: &Global, args: &ReviewArgs) -> u8 {
    let Settings { forms, rubric, bureau, templates, font_paths, timestamp } = match settings(g, args) {
        Ok(s) => s,
        Err(r) => {
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    let forced = match super::forced(&forms, args.form.as_deref()) {
        Ok(f) => f,
        Err(r) => {
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    let inputs = review::collect(&args.inputs);
    if inputs.is_empty() {
        let r = Report::from(Diagnostic::new(Code::NoInput, t!("review-no-input")));
        print_report(&r, g);
        return 2;
    }
    let targets = review::collect(&args.targets);
    let targets = match targets.is_empty() {
        true => None,
        false => {
            let paths: Vec<_> = targets.iter().map(|t| std::path::PathBuf::from(t.label())).collect();
            match jixiao::load::workbooks(&paths, &Default::default(), &forms, None) {
                Ok(t) => Some(t.packet),
                Err(r) => {
                    print_report(&r, g);
                    return r.exit_code(false);
                }
            }
        }
    };
    let bar = Bar::counting("progress-workbooks");
    let progress: &dyn jixiao::render::Progress = if g.quiet { &jixiao::render::Silent } else { &bar };
    let result = review::run(
        &inputs,
        review::Options {
            forms: &forms,
            forced,
            targets: targets.as_ref(),
            rubric,
            sample: args.sample.map(|size| sample::Ask { size, seed: args.seed }),
            progress,
        },
    );
    drop(bar);
    print_report(&result.own_findings(), g);
    // One timestamp dates every file: the one given, else the newest workbook's.
    let newest = result.units.iter().filter_map(|u| u.modified).max();
    let when = timestamp
        .or(newest)
        .and_then(|s| jixiao::dates::Timestamp::from_unix(s, &t!("what-workbook-date")).ok())
        .unwrap_or_else(jixiao::dates::Timestamp::epoch);
    let date = jixiao::dates::chinese(when.date());
    let circular = review::circular::Circular::of(&result, &bureau, &date);
    let fonts = jixiao::render::fonts::Fonts::load(&font_paths);
    let pdf = jixiao::render::pdf::PdfRenderer::new(
        &fonts,
        jixiao::render::pdf::PdfSettings { timestamp: when, ..Default::default() },
        &templates,
    );
    let circular = match pdf.document("circular.typ", &circular) {
        Ok(bytes) => bytes,
        Err(e) => {
            print_report(&Report { diagnostics: e.diagnostics }, g);
            return 1;
        }
    };
    let letters = args.feedback_pdf.then_some(Letters { pdf: &pdf, bureau: &bureau, date: &date });
    let feedback = (!args.no_feedback).then_some(letters);
    if let Err(d) = write(&args.output, &result, feedback, &circular) {
        print_report(&Report::from(d), g);
        return 2;
    }
    if !g.quiet {
        let all = result.all_findings();
        let line = t!(
            "review-done",
            units = result.units.len(),
            tables = result.stats.tables,
            unreadable = result.stats.unreadable,
            output = args.output.display(),
            findings = summary(&all, g),
            across = result.across().count()
        );
        println!("{line}");
        if let Some(s) = &result.sample {
            println!("{}", t!("review-sample-seed", seed = s.seed, count = s.picks.len()));
        }
    }
    // The review ran: its findings are the report's content, not a failure of the run.
    0
}

/// The draft circular's file name (fixed, as the bureau's scripts expect it).
const CIRCULAR: &str = "通报.pdf";

/// Everything into `dir`, each file written beside its place and moved there, so that a reader
/// never sees half a file: review.xlsx, review.html, review.json, and 反馈/ (made anew).
/// What the units' feedback PDFs are made with (`--feedback-pdf`).
struct Letters<'a> {
    pdf: &'a jixiao::render::pdf::PdfRenderer<'a>,
    bureau: &'a str,
    date: &'a str,
}

/// Units whose feedback PDFs are laid out at once (and held in memory before they are written).
const LETTERS_AT_ONCE: usize = 200;

fn write(
    dir: &Path,
    result: &review::Review,
    feedback: Option<Option<Letters>>,
    circular: &[u8],
) -> Result<(), Diagnostic> {
    let failed = |e: String| Diagnostic::new(Code::WriteFailed, e).at(dir.display().to_string());
    std::fs::create_dir_all(dir).map_err(|e| failed(t!("cannot-create", path = dir.display(), error = e)))?;
    let put = |dir: &Path, name: &str, bytes: &[u8]| {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, dir.join(name)))
            .map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))
    };
    // The two reports are made side by side; each is a few seconds at thousands of units.
    let (xlsx, html) = rayon::join(
        || review::xlsx::write(result).map_err(|e| failed(t!("xlsx-failed", error = e))),
        || review::html::write(result).map_err(|e| failed(t!("html-failed", error = e))),
    );
    put(dir, "review.xlsx", &xlsx?)?;
    put(dir, "review.html", &html?)?;
    put(dir, CIRCULAR, circular)?;
    // review.json streamed to its file: the whole review as one buffer would double its memory.
    let tmp = dir.join(".review.json.tmp");
    std::fs::File::create(&tmp)
        .map(std::io::BufWriter::new)
        .and_then(|mut w| {
            serde_json::to_writer_pretty(&mut w, result)?;
            std::io::Write::flush(&mut w)
        })
        .and_then(|()| std::fs::rename(&tmp, dir.join("review.json")))
        .map_err(|e| failed(t!("cannot-write-file", path = "review.json", error = e)))?;
    if let Some(letters) = feedback {
        let folder = dir.join(review::feedback::FOLDER);
        // Made anew: a unit of an earlier run that is not in this one gets no stale feedback.
        let tmp = dir.join(".feedback.tmp");
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| failed(t!("cannot-create", path = tmp.display(), error = e)))?;
        let names = review::feedback::file_names(result);
        result.units.par_iter().zip(&names).try_for_each(|(u, name)| {
            let bytes = review::feedback::write(u).map_err(|e| failed(t!("xlsx-failed", error = e)))?;
            std::fs::write(tmp.join(name), bytes).map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))
        })?;
        if let Some(l) = letters {
            let n = result.units.len();
            for (units, names) in result.units.chunks(LETTERS_AT_ONCE).zip(names.chunks(LETTERS_AT_ONCE)) {
                let of: Vec<_> = units.iter().map(|u| review::feedback::Letter::of(u, n, l.bureau, l.date)).collect();
                let pdfs = l.pdf.documents("feedback.typ", &of).map_err(|e| {
                    let first = e.diagnostics.into_iter().next();
                    failed(first.map(|d| d.message).unwrap_or_default())
                })?;
                for (name, bytes) in names.iter().zip(pdfs) {
                    let name = name.replace(".xlsx", ".pdf");
                    std::fs::write(tmp.join(&name), bytes)
                        .map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))?;
                }
            }
        }
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::rename(&tmp, &folder)
            .map_err(|e| failed(t!("cannot-write-file", path = folder.display(), error = e)))?;
    }
    Ok(())
}
