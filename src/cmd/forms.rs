//! `jixiao forms`: the forms jixiao reads and prints, built-in and the user's.

use super::output::print_report;
use crate::cli::Global;
use jixiao::t;
use owo_colors::OwoColorize;
use std::io::Write;

pub fn run(g: &Global) -> u8 {
    let forms = match super::load_forms(g) {
        Ok(f) => f,
        Err(r) => {
            print_report(&r, g);
            return r.exit_code(false);
        }
    };
    let mut out = anstream::stdout().lock();
    for f in forms.iter() {
        // What the form's tables are, and whether they are scored.
        let scoring = if f.scored() { t!("forms-scored") } else { t!("forms-unscored") };
        let _ = writeln!(out, "{}  [{}，{scoring}]  {}", f.name.bold(), f.kind.name(), f.description);
        let _ = writeln!(out, "    {}", f.origin.dimmed());
    }
    0
}
