//! `jixiao dump WORKBOOK`: the normalized, checked model as JSON on stdout; with `--cells`,
//! where every non-empty cell of each table's sheet went.

use super::output::print_report;
use crate::cli::{DumpArgs, Global};
use jixiao::diag::Report;

pub fn run(g: &Global, args: &DumpArgs) -> u8 {
    let dumped = super::load_forms(g).and_then(|forms| {
        let forced = super::forced(&forms, args.form.as_deref())?;
        if !args.cells {
            let loaded = jixiao::load::workbook(&args.workbook, &forms, forced)?;
            return Ok((serde_json::to_string_pretty(&loaded.packet).expect("the model serializes"), loaded.report));
        }
        // The workbook read once: its tables checked as `check` does, its cells as they were placed.
        let wb = jixiao::ingest::workbook::read_path(&args.workbook).map_err(|e| Report::from(e.diagnostic()))?;
        let (mut packet, mut report, cells) = jixiao::ingest::read_workbook(&wb, &forms, forced);
        report.extend(jixiao::check::check(&mut packet, &forms));
        Ok((serde_json::to_string_pretty(&cells).expect("the cells serialize"), report))
    });
    match dumped {
        Ok((json, report)) => {
            println!("{json}");
            print_report(&report, &Global { quiet: true, ..g.clone() });
            report.exit_code(false)
        }
        Err(report) => {
            print_report(&report, g);
            report.exit_code(false)
        }
    }
}
