//! `jixiao dump WORKBOOK`: the normalized, checked model as JSON on stdout.

use super::output::print_report;
use crate::cli::{DumpArgs, Global};
use jixiao::check::Profile;

pub fn run(g: &Global, args: &DumpArgs) -> u8 {
    match jixiao::load::workbook(&args.workbook, &Profile::default()) {
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
