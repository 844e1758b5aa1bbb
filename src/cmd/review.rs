//! `jixiao review INPUT… -o review/`: the units' workbooks → review.xlsx, review.html,
//! review.json and 反馈/<unit>.xlsx.

use super::output::{print_report, summary, Bar};
use crate::cli::{Global, ReviewArgs};
use jixiao::diag::{Code, Diagnostic, Report};
use jixiao::review::{self, sample, Rubric};
use jixiao::t;
use rayon::prelude::*;
use std::path::Path;

/// Every setting the run needs, resolved in one step; a report when one cannot be.
fn settings(g: &Global, args: &ReviewArgs) -> Result<(jixiao::form::Forms, Rubric), Report> {
    let forms = super::load_forms(g)?;
    let rubric = match &args.rubric {
        Some(path) => Rubric::load(path)?,
        None => jixiao::config::Config::load(&g.config)
            .map_err(|e| Report::from(e.diagnostic()))?
            .review
            .unwrap_or_default(),
    };
    Ok((forms, rubric))
}

pub fn run(g: &Global, args: &ReviewArgs) -> u8 {
    let (forms, rubric) = match settings(g, args) {
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
    if let Err(d) = write(&args.output, &result, !args.no_feedback) {
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
            across = result.across.diagnostics.len()
        );
        println!("{line}");
        if let Some(s) = &result.sample {
            println!("{}", t!("review-sample-seed", seed = s.seed, count = s.picks.len()));
        }
    }
    // The review ran: its findings are the report's content, not a failure of the run.
    0
}

/// Everything into `dir`, each file written beside its place and moved there, so that a reader
/// never sees half a file: review.xlsx, review.html, review.json, and 反馈/ (made anew).
fn write(dir: &Path, result: &review::Review, feedback: bool) -> Result<(), Diagnostic> {
    let failed = |e: String| Diagnostic::new(Code::WriteFailed, e).at(dir.display().to_string());
    std::fs::create_dir_all(dir).map_err(|e| failed(t!("cannot-create", path = dir.display(), error = e)))?;
    let put = |dir: &Path, name: &str, bytes: &[u8]| {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, dir.join(name)))
            .map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))
    };
    // The three reports are made side by side; each is a few seconds at thousands of units.
    let (xlsx, (html, json)) = rayon::join(
        || review::xlsx::write(result).map_err(|e| failed(t!("xlsx-failed", error = e))),
        || {
            rayon::join(
                || review::html::write(result).map_err(|e| failed(t!("html-failed", error = e))),
                || serde_json::to_vec_pretty(result).map_err(|e| failed(e.to_string())),
            )
        },
    );
    put(dir, "review.xlsx", &xlsx?)?;
    put(dir, "review.html", &html?)?;
    put(dir, "review.json", &json?)?;
    if feedback {
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
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::rename(&tmp, &folder)
            .map_err(|e| failed(t!("cannot-write-file", path = folder.display(), error = e)))?;
    }
    Ok(())
}
