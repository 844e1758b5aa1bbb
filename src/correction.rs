//! The 更正说明 (correction notice) of a packet that corrects a published one: the diff of the
//! two packets, put in the notice's words for the renderers. Built here, between the diff and
//! the renderers, so that neither depends on the other.

use crate::dates::{chinese, BLANK_DATE};
use crate::diag::{Code, Diagnostic};
use crate::diff::{PacketDiff, Status};
use crate::render::context::{CorrectedField, CorrectedTable, CorrectionContext};
use crate::render::PacketContext;
use crate::t;
use time::Date;

/// What the 说明 column says of a value that follows from a change above it.
pub const FOLLOWS: &str = "随上述更正调整";

/// The notice for `diff`. `published` is the day the corrected packet was published and `date`
/// the day of this notice; an unknown one leaves a blank line to fill in, and a warning says so.
pub fn notice(
    diff: &PacketDiff,
    packet: &PacketContext,
    published: Option<Date>,
    date: Option<Date>,
) -> (CorrectionContext, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut day = |d: Option<Date>, what: String, hint: String| match d {
        Some(d) => chinese(d),
        None => {
            warnings.push(Diagnostic::new(Code::DateUnknown, what).hint(hint));
            BLANK_DATE.to_string()
        }
    };
    let previous_date = day(published, t!("date-unknown-previous"), t!("date-unknown-previous-hint"));
    let date = day(date, t!("date-unknown-today"), t!("date-unknown-today-hint"));
    let blank = |s: &str| if s.is_empty() { "（空）".to_string() } else { s.to_string() };
    let notice = CorrectionContext {
        title: format!("关于《{}》的更正说明", packet.title),
        packet_title: packet.title.clone(),
        unit: packet.unit.clone(),
        previous_date,
        date,
        tables: diff
            .tables
            .iter()
            .map(|t| CorrectedTable {
                number: t.number.clone(),
                project: t.project.clone(),
                status: match t.status {
                    Status::Changed => "更正".into(),
                    Status::Added => "新增".into(),
                    Status::Removed => "删除".into(),
                    Status::Moved => format!("调整表号（原{}）", t.old_number.as_deref().unwrap_or("")),
                },
                changes: t
                    .changes
                    .iter()
                    .map(|c| CorrectedField {
                        field: c.field.clone(),
                        old: blank(&c.old),
                        new: blank(&c.new),
                        note: if c.follows { FOLLOWS.into() } else { String::new() },
                    })
                    .collect(),
            })
            .collect(),
    };
    (notice, warnings)
}
