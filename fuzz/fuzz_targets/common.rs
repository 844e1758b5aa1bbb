//! What the targets share.

/// libFuzzer's panic hook aborts at once, before `catch_unwind`: a panic jixiao contains (a
/// library's bug on a damaged input, reported as a diagnostic) is not a crash of jixiao's.
pub fn contained_panics_are_not_crashes() {
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
