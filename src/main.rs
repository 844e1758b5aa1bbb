use clap::Parser;

/// Typst's layout allocates a great many small objects; mimalloc is markedly faster at that
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jixiao::cli::Cli::parse();
    jixiao::cmd::run(cli)
}
