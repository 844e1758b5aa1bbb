//! `jixiao dump WORKBOOK`: the normalized, checked model as JSON on stdout.

use super::output::print_report;
use crate::cli::{DumpArgs, Global};
pub fn run(g: &Global, args: &DumpArgs) -> u8 {
    let loaded = super::load_forms(g).and_then(|forms| {
        let forced = super::forced(&forms, args.form.as_deref())?;
        jixiao::load::workbook(&args.workbook, &forms, forced)
    });
    match loaded {
        Ok(loaded) => {
            println!("{}", serde_json::to_string_pretty(&loaded.packet).expect("the model serializes"));
            print_report(&loaded.report, &Global { quiet: true, ..g.clone() });
            loaded.report.exit_code(false)
        }
        Err(report) => {
            print_report(&report, g);
            report.exit_code(false)
        }
    }
}
