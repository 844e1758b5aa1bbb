//! `jixiao build WORKBOOK -o DIR`: read → check → render → write, in that order.

use super::output::{print_report, summary_line};
use super::{EXIT_FINDINGS, EXIT_UNREADABLE};
use crate::check::{Profile, Report};
use crate::cli::OutputFormat;
use crate::cli::{BuildArgs, Global};
use crate::model::Packet;
use crate::packet;
use crate::render::fonts::Fonts;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::{missing_glyphs, PdfRenderer, PdfSettings};
use crate::render::xlsx::XlsxRenderer;
use crate::render::{LayoutOptions, OutFile, PacketContext, RenderError, Renderer};
use std::time::Instant;

pub fn run(g: &Global, args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let (packet, mut report) = match super::check::load(&args.workbook) {
        Ok(x) => x,
        Err(report) => {
            print_report(&report, false, false);
            return EXIT_UNREADABLE;
        }
    };
    let fonts = Fonts::load(&args.font_paths);
    report.diagnostics.extend(missing_glyphs(&packet, &fonts));
    print_report(&report, g.quiet, g.verbose);
    if report.has_errors() && !args.force {
        eprintln!("jixiao: {}; nothing written (--force writes anyway)", summary_line(&report));
        return EXIT_FINDINGS;
    }
    let profile = Profile::default();
    let formats: Vec<&str> = args.formats.iter().map(|f| f.as_str()).collect();
    let ctx = PacketContext::with_formats(&packet, &profile, LayoutOptions { landscape: args.landscape }, &formats);
    let files = match render_all(args, &fonts, &packet, &ctx) {
        Ok(f) => f,
        Err(e) => {
            print_report(&Report { diagnostics: e.diagnostics }, false, false);
            return EXIT_FINDINGS;
        }
    };
    if let Err(e) = packet::write_atomic(&args.output, &files) {
        eprintln!("jixiao: cannot write {}: {e}", args.output.display());
        return EXIT_UNREADABLE;
    }
    if !g.quiet {
        println!(
            "wrote {} ({} tables, {} files) in {:.1}s; {}",
            args.output.display(),
            ctx.tables.len(),
            files.len(),
            started.elapsed().as_secs_f64(),
            summary_line(&report)
        );
    }
    0
}

/// Runs every requested renderer over the one context; each owns the files it writes.
fn render_all(
    args: &BuildArgs,
    fonts: &Fonts,
    packet: &Packet,
    ctx: &PacketContext,
) -> Result<Vec<OutFile>, RenderError> {
    let mut files = Vec::new();
    for format in &args.formats {
        let renderer: Box<dyn Renderer + '_> = match format {
            OutputFormat::Pdf => Box::new(PdfRenderer::new(
                fonts,
                PdfSettings {
                    tagged: !args.no_tagged,
                    standard: args.pdf_standard,
                    timestamp: args.timestamp.unwrap_or(0),
                    template_dir: args.templates.clone(),
                },
            )?),
            OutputFormat::Html => Box::new(HtmlRenderer::new(args.templates.clone())?),
            OutputFormat::Xlsx => Box::new(XlsxRenderer::new(packet, args.timestamp.unwrap_or(0))),
        };
        files.extend(renderer.render(ctx)?);
    }
    Ok(files)
}
