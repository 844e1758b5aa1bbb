//! The `jixiao` command: flags → library calls (`src/cmd/`), diagnostics → the terminal.

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

/// Typst's layout allocates a great many small objects; mimalloc is markedly faster at that
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3 keeps freed memory a second (`purge_delay` 1000 ms) before giving it back; over
/// a large packet that held about 50 MiB more at the peak, when the PDF writer starts on what
/// layout has freed. 10 ms (mimalloc 2's value) gives it back between the stages and costs no
/// time measurable here (BENCHMARKS.md). `MIMALLOC_PURGE_DELAY` still decides when it is set.
fn prompt_purging() {
    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (libmimalloc-sys names no constant).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: reading and setting an option is what mimalloc's API is for; the option is set
    // only when it holds mimalloc 3's default, so another version's numbering cannot set
    // another option.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 10);
        }
    }
}

fn main() -> ExitCode {
    // Transparent huge pages make every fresh allocator page a 2 MiB page zeroed up front: that
    // doubled the time of a small packet (BENCHMARKS.md). Plain pages are zeroed as touched.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    prompt_purging();
    // A panic (in a library: jixiao's own code does not panic on input) is reported in one line;
    // the reader and the PDF renderer contain the libraries' (diag::contain) and report them as
    // diagnostics. RUST_BACKTRACE keeps the full report.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        } else if !jixiao::diag::panic_is_contained() {
            eprintln!("jixiao: internal error: {info}");
        }
    }));
    cmd::run(cli::Cli::parse())
}
