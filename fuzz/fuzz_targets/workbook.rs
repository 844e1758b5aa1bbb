//! Any bytes as a workbook: reading either refuses them with a diagnostic or gives tables that
//! the checks and the renderers' context take without a panic.
#![no_main]
use jixiao::form::Forms;
use jixiao::render::{LayoutOptions, PacketContext};
use libfuzzer_sys::fuzz_target;

/// libFuzzer's panic hook aborts at once, before `catch_unwind`: a panic jixiao contains (a
/// library's bug on a damaged input, reported as a diagnostic) is not a crash of jixiao's.
fn contained_panics_are_not_crashes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if jixiao::diag::panic_is_contained() {
                eprintln!("contained panic: {info}");
            } else {
                fuzzer(info)
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    contained_panics_are_not_crashes();
    let forms = Forms::builtin();
    let Ok(wb) = jixiao::ingest::workbook::read_bytes("fuzz.xlsx", "xlsx", data.to_vec()) else { return };
    let (mut packet, _) = jixiao::ingest::packet_from_workbook(&wb, forms, None);
    jixiao::check::check(&mut packet, forms);
    let ctx = PacketContext::new(&packet, forms, LayoutOptions::default());
    let _ = serde_json::to_vec(&ctx);
});
