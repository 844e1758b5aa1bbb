//! `jixiao review INPUT… -o review/`: the units' workbooks → review.xlsx and review.json.

use super::output::{print_report, summary};
use crate::cli::{Global, ReviewArgs};
use jixiao::diag::{Code, Diagnostic, Report};
use jixiao::review::{self, Rubric};
use jixiao::t;
use std::path::Path;

pub fn run(g: &Global, args: &ReviewArgs) -> u8 {
    let forms = match super::load_forms(g) {
        Ok(f) => f,
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
    let paths = review::collect(&args.inputs);
    if paths.is_empty() {
        let r = Report::from(Diagnostic::new(Code::NoInput, t!("review-no-input")));
        print_report(&r, g);
        return 2;
    }
    let targets = review::collect(&args.targets);
    let targets = match targets.is_empty() {
        true => None,
        false => match jixiao::load::workbooks(&targets, &Default::default(), &forms, None) {
            Ok(t) => Some(t.packet),
            Err(r) => {
                print_report(&r, g);
                return r.exit_code(false);
            }
        },
    };
    let result = review::run(&paths, &forms, forced, targets.as_ref(), Rubric::default());
    let all = result.all_findings();
    print_report(&result.own_findings(), g);
    let written = write(&args.output, &result);
    if let Err(d) = written {
        let r = Report::from(d);
        print_report(&r, g);
        return 2;
    }
    if !g.quiet {
        let line = t!(
            "review-done",
            units = result.units.len(),
            tables = result.units.iter().map(|u| u.tables).sum::<usize>(),
            unreadable = result.units.iter().filter(|u| u.unreadable.is_some()).count(),
            output = args.output.display(),
            findings = summary(&all, g),
            across = result.across.diagnostics.len()
        );
        println!("{line}");
    }
    // The review ran: its findings are the report's content, not a failure of the run.
    0
}

/// review.xlsx and review.json into `dir`, each written beside its place and moved there.
fn write(dir: &Path, result: &review::Review) -> Result<(), Diagnostic> {
    let failed = |e: String| Diagnostic::new(Code::WriteFailed, e).at(dir.display().to_string());
    std::fs::create_dir_all(dir).map_err(|e| failed(t!("cannot-create", path = dir.display(), error = e)))?;
    let xlsx = review::xlsx::write(result).map_err(|e| failed(t!("xlsx-failed", error = e)))?;
    let json = serde_json::to_vec_pretty(result).map_err(|e| failed(e.to_string()))?;
    for (name, bytes) in [("review.xlsx", xlsx), ("review.json", json)] {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, dir.join(name)))
            .map_err(|e| failed(t!("cannot-write-file", path = name, error = e)))?;
    }
    Ok(())
}
