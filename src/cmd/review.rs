//! `jixiao review INPUT… -o review/`: the units' workbooks → review.xlsx, review.html,
//! review.json and 反馈/<unit>.xlsx.

use super::output::{print_report, summary, Bar};
use crate::cli::{Global, ReviewArgs};
use jixiao::diag::{Code, Diagnostic, Report};
use jixiao::render::templates::Templates;
use jixiao::review::output::Feedback;
use jixiao::review::{self, sample, Rubric};
use jixiao::t;
use std::path::Path;

/// Every setting the run needs, resolved in one step (flag, then jixiao.toml, then the default);
/// a report when one cannot be.
struct Settings {
    forms: jixiao::form::Forms,
    rubric: Rubric,
    bureau: String,
    templates: Templates,
    fonts: jixiao::render::fonts::Fonts,
    timestamp: Option<jixiao::dates::Timestamp>,
}

fn settings(g: &Global, args: &ReviewArgs) -> Result<Settings, Report> {
    let forms = super::load_forms(g)?;
    let config = jixiao::config::Config::load(&g.config).map_err(|e| Report::from(e.diagnostic()))?;
    let rubric = match &args.rubric {
        Some(path) => Rubric::load(path)?,
        None => config.review.unwrap_or_default(),
    };
    let templates = Templates::resolve(args.templates.as_deref().or(config.templates.as_deref()))?;
    // Checked as `build` checks it: a date past 9999 is refused, not quietly 1970.
    let timestamp = args
        .timestamp
        .or(config.timestamp)
        .map(|t| jixiao::dates::Timestamp::from_unix(t, &t!("what-timestamp")))
        .transpose()?;
    Ok(Settings {
        forms,
        rubric,
        bureau: args.bureau.clone().or(config.bureau).unwrap_or_else(|| t!("circular-bureau-blank")),
        templates,
        fonts: jixiao::render::fonts::Fonts::load(&config.font_paths.unwrap_or_default()),
        timestamp,
    })
}

pub fn run(g: &Global, args: &ReviewArgs) -> u8 {
    let Settings { forms, rubric, bureau, templates, fonts, timestamp } = match settings(g, args) {
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
    // The spring targets: files, folders or zips, as the units' workbooks are.
    let targets = match review::inputs::one_packet(&review::collect(&args.targets), &forms) {
        Ok(t) => t,
        Err(r) => {
            print_report(&r, g);
            return r.exit_code(false);
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
    let feedback = match (args.no_feedback, args.feedback_pdf) {
        (true, _) => Feedback::None,
        (false, false) => Feedback::Xlsx,
        (false, true) => Feedback::XlsxAndPdf,
    };
    let docs = review::output::Docs { fonts: &fonts, templates: &templates, timestamp, bureau: &bureau, feedback };
    let files = match review::output::files(&result, &docs) {
        Ok(f) => f,
        Err(e) => {
            let r = Report { diagnostics: e.diagnostics };
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    if let Err(d) = write(&args.output, &files) {
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

/// Every file into `dir`, each written beside its place and moved there, so that a reader never
/// sees half a file; 反馈/ made anew (a unit of an earlier run that is not in this one keeps no
/// stale feedback).
fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Diagnostic> {
    let failed = |e: String| Diagnostic::new(Code::WriteFailed, e).at(dir.display().to_string());
    std::fs::create_dir_all(dir).map_err(|e| failed(t!("cannot-create", path = dir.display(), error = e)))?;
    let folder = review::feedback::FOLDER;
    let tmp = dir.join(".feedback.tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    let mut feedback = false;
    for (name, bytes) in files {
        let written = match name.strip_prefix(&format!("{folder}/")) {
            Some(file) => {
                if !feedback {
                    std::fs::create_dir_all(&tmp)
                        .map_err(|e| failed(t!("cannot-create", path = tmp.display(), error = e)))?;
                    feedback = true;
                }
                std::fs::write(tmp.join(file), bytes)
            }
            None => {
                let part = dir.join(format!(".{name}.tmp"));
                std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, dir.join(name)))
            }
        };
        written.map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))?;
    }
    if feedback {
        let _ = std::fs::remove_dir_all(dir.join(folder));
        std::fs::rename(&tmp, dir.join(folder))
            .map_err(|e| failed(t!("cannot-write-file", path = folder, error = e)))?;
    }
    Ok(())
}
