//! Any bytes as a workbook: reading either refuses them with a diagnostic or gives tables that
//! the checks and the renderers' context take without a panic.
#![no_main]
mod common;
use jixiao::form::Forms;
use jixiao::render::{LayoutOptions, PacketContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::contained_panics_are_not_crashes();
    let forms = Forms::builtin();
    let Ok(wb) = jixiao::ingest::workbook::read_bytes("fuzz.xlsx", "xlsx", data.to_vec()) else { return };
    let (mut packet, _) = jixiao::ingest::packet_from_workbook(&wb, forms, None);
    jixiao::check::check(&mut packet, forms);
    let ctx = PacketContext::new(&packet, forms, LayoutOptions::default());
    let _ = serde_json::to_vec(&ctx);
});
