//! `jixiao forms`: the forms jixiao reads and prints, built-in and the user's.

use super::output::print_report;
use crate::cli::Global;
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
        let _ = writeln!(out, "{}  {}", f.name.bold(), f.description);
        let _ = writeln!(out, "    {}", f.origin.dimmed());
    }
    0
}
