//! `jixiao dump WORKBOOK`: the normalized, checked model as JSON on stdout.

use super::output::print_report;
use super::{EXIT_FINDINGS, EXIT_UNREADABLE};
use crate::cli::{DumpArgs, Global};

pub fn run(_g: &Global, args: &DumpArgs) -> u8 {
    match super::check::load(&args.workbook) {
        Ok((packet, report)) => {
            println!("{}", serde_json::to_string_pretty(&packet).expect("the model serializes"));
            print_report(&report, true, false);
            if report.has_errors() {
                EXIT_FINDINGS
            } else {
                0
            }
        }
        Err(report) => {
            print_report(&report, false, false);
            EXIT_UNREADABLE
        }
    }
}
