//! Any text as a form file: the parser either refuses it with a diagnostic (file and line) or
//! gives a form that a synthetic table in it, the checks and the renderers' grids all take.
#![no_main]
use jixiao::form::{Form, Forms};
use jixiao::render::{LayoutOptions, PacketContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(form) = Form::parse(text, "forms/fuzz.toml", "forms/fuzz.toml") else { return };
    let mut packet = jixiao::synth::packet_in(&form, 1, 5);
    let forms = Forms::with(vec![form]);
    jixiao::check::check(&mut packet, &forms);
    let _ = PacketContext::new(&packet, &forms, LayoutOptions::default());
});
