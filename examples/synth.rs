//! Writes a synthetic packet as an input workbook, for benchmarks and load tests:
//!     cargo run --release --example synth -- 1000 /tmp/synth-1000.xlsx [indicators per table] [--one-changed]
//! `--one-changed`: the middle table's project name gains （更正）, as in a corrected workbook.

use jixiao::check::check;
use jixiao::form::Forms;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: synth TABLES OUT.xlsx [INDICATORS] [--one-changed]");
        std::process::exit(2);
    };
    let indicators = args.get(3).and_then(|k| k.parse().ok()).unwrap_or(7);
    let mut packet = jixiao::synth::packet(n, indicators);
    if args.iter().any(|a| a == "--one-changed") {
        packet.tables[n / 2].project.value.push_str("（更正）");
    }
    check(&mut packet, Forms::builtin());
    let ctx = PacketContext::new(&packet, Forms::builtin(), LayoutOptions::default());
    let files = XlsxRenderer::new(jixiao::dates::Timestamp::epoch()).render_planned(
        &ctx,
        &jixiao::render::Plan { fresh: vec![false; n], progress: &jixiao::render::Silent, sink: None },
    );
    let bytes = &files.expect("the synthetic packet renders")[0].bytes;
    std::fs::write(out, bytes).expect("write the workbook");
    println!("wrote {out}: {n} tables of {indicators} indicators, {} bytes", bytes.len());
}
