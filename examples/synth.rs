//! Writes synthetic input, for benchmarks, load tests and the review's ground truth:
//!     cargo run --release --example synth -- 1000 /tmp/synth-1000.xlsx [indicators per table] [--one-changed]
//!     cargo run --release --example synth -- --batch UNITS DIR [--tables K] [--form NAME] [--copies]
//! `--one-changed`: the middle table's project name gains （更正）, as in a corrected workbook.
//! `--batch`: DIR gets UNITS unit workbooks (at least 24) of K tables (default 4) with problems
//! planted in some, and planted.json saying which (`jixiao review DIR` must find each of them and
//! flag nothing in the clean units). `--copies`: every unit's tables carry the first unit's
//! indicators and goals (the benchmark's worst case across units; planted.json no longer holds).

use jixiao::check::check;
use jixiao::form::Forms;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use rayon::prelude::*;

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn batch(args: &[String]) {
    let (Some(units), Some(dir)) = (args.get(2).and_then(|n| n.parse::<usize>().ok()), args.get(3)) else {
        eprintln!("usage: synth --batch UNITS DIR [--tables K] [--form NAME]");
        std::process::exit(2);
    };
    let forms = Forms::builtin();
    let form = match flag(args, "--form") {
        Some(name) => forms.get(&name).unwrap_or_else(|| {
            eprintln!("no built-in form {name}");
            std::process::exit(2)
        }),
        None => forms.default_form(),
    };
    let tables = flag(args, "--tables").and_then(|k| k.parse().ok()).unwrap_or(4);
    let mut b = jixiao::synth::batch::batch(form, units, tables);
    if args.iter().any(|a| a == "--copies") {
        jixiao::synth::batch::all_copies(&mut b);
    }
    std::fs::create_dir_all(dir).expect("make the folder");
    b.units.par_iter().for_each(|(file, packet)| {
        let bytes = jixiao::synth::batch::workbook(packet, forms).expect("the unit's packet renders");
        std::fs::write(std::path::Path::new(dir).join(file), bytes).expect("write a unit's workbook");
    });
    let truth = serde_json::to_vec_pretty(&b.truth).expect("the truth serializes");
    std::fs::write(std::path::Path::new(dir).join("planted.json"), truth).expect("write planted.json");
    println!(
        "wrote {dir}: {} units of {tables} tables in {}, {} problems planted",
        b.units.len(),
        form.name,
        b.truth.planted.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--batch") {
        return batch(&args);
    }
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: synth TABLES OUT.xlsx [INDICATORS] [--one-changed] | synth --batch UNITS DIR [--tables K] [--form NAME]");
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
        &jixiao::render::Plan { fresh: vec![false; n], progress: &jixiao::render::Silent, sink: None, spare: None },
    );
    let bytes = &files.expect("the synthetic packet renders")[0].bytes;
    std::fs::write(out, bytes).expect("write the workbook");
    println!("wrote {out}: {n} tables of {indicators} indicators, {} bytes", bytes.len());
}
