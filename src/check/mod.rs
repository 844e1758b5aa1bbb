//! Stage 2: the checks a finance bureau applies (审核), and the values they derive.
//!
//! [`check`] fills in what the rules determine and the workbook left open (the 自评等级, a
//! formula's missing result) and reports every departure from the [`Profile`]'s rules.

mod rules;
#[cfg(test)]
mod tests;

pub use crate::form::Profile;
pub use rules::{indicator_score, rescore, Band};

use crate::diag::Report;
use crate::form::Forms;
use crate::model::Packet;

/// Checks every table, each by its form's rules, and the packet as a whole; fills derived values
/// into `packet`.
pub fn check(packet: &mut Packet, forms: &Forms) -> Report {
    let mut report = Report::default();
    for (i, table) in packet.tables.iter_mut().enumerate() {
        let form = forms.of(&table.form);
        rules::check_table(table, i, form, &mut report);
    }
    rules::check_numbers(packet, &mut report);
    rules::check_duplicates(packet, &mut report);
    report
}
