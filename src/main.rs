//! The `jixiao` command: flags → library calls (`src/cmd/`), diagnostics → the terminal.

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

/// Typst's layout allocates a great many small objects; mimalloc is markedly faster at that
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Transparent huge pages make every fresh allocator page a 2 MiB page zeroed up front: that
    // doubled the time of a small packet (BENCHMARKS.md). Plain pages are zeroed as touched.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
