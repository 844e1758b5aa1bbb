use clap::Parser;
use std::process::ExitCode;

/// Typst's layout allocates a great many small objects; mimalloc is markedly faster at that
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Transparent huge pages make every fresh allocator page a 2 MiB page zeroed up front: that
    // doubled the time of a small packet (BENCHMARKS.md). Plain pages are zeroed as touched.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_THP_DISABLE) takes integer arguments and only sets a process flag.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let cli = jixiao::cli::Cli::parse();
    jixiao::cmd::run(cli)
}
