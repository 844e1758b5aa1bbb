//! `jixiao dump WORKBOOK`: the normalized, checked model as JSON on stdout.

use super::output::print_report;
use crate::cli::{DumpArgs, Global};
use jixiao::diag::Report;
pub fn run(g: &Global, args: &DumpArgs) -> u8 {
    let loaded = super::load_forms(g).and_then(|forms| {
        let forced = super::forced(&forms, args.form.as_deref())?;
        jixiao::load::workbook(&args.workbook, &forms, forced)
    });
    match loaded {
        Ok(loaded) if args.cells => {
            let cells = super::load_forms(g).and_then(|forms| {
                let forced = super::forced(&forms, args.form.as_deref())?;
                let wb =
                    jixiao::ingest::workbook::read_path(&args.workbook).map_err(|e| Report::from(e.diagnostic()))?;
                Ok(jixiao::ingest::cells_of(&wb, &forms, forced))
            });
            match cells {
                Ok(cells) => println!("{}", serde_json::to_string_pretty(&cells).expect("the cells serialize")),
                Err(report) => print_report(&report, g),
            }
            print_report(&loaded.report, &Global { quiet: true, ..g.clone() });
            loaded.report.exit_code(false)
        }
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
