//! The cell accounting (issue 21): a table of every built-in form, edited as units edit their
//! sheets from the fuzzer's bytes (labels respelled, stray figures and notes, template rows,
//! percentages as text, emptied cells), read again: every non-empty cell must end in exactly one
//! place, and no figure may be missing from both the model and the findings.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let grid = jixiao::synth::accounting::edited(data);
    if let Err(e) = jixiao::synth::accounting::holds(&grid) {
        panic!("{e}");
    }
});
