//! `jixiao build`: read → check → render → write, in that order; settings from the flags, then
//! jixiao.toml, then the defaults.

use super::output::{print_report, summary_line};
use super::{EXIT_FINDINGS, EXIT_UNREADABLE};
use crate::check::{self, Diagnostic, Profile, Report};
use crate::cli::{BuildArgs, Global, OutputFormat};
use crate::config::{Config, Orientation};
use crate::diff::diff;
use crate::ingest;
use crate::model::{Located, Packet};
use crate::packet::{self, Corrects, Manifest};
use crate::render::context::CorrectionContext;
use crate::render::fonts::Fonts;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::{missing_glyphs, PdfRenderer, PdfSettings, PdfStandardChoice};
use crate::render::xlsx::XlsxRenderer;
use crate::render::{LayoutOptions, OutFile, PacketContext, Plan, RenderError, Renderer};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Everything a build needs to know, resolved from flags, config and defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub formats: Vec<OutputFormat>,
    pub force: bool,
    pub title: Option<String>,
    pub number_prefix: Option<String>,
    pub notes: Option<Vec<String>>,
    pub landscape: bool,
    pub pdf_standard: PdfStandardChoice,
    pub tagged: bool,
    pub font_paths: Vec<PathBuf>,
    pub templates: Option<PathBuf>,
    pub timestamp: i64,
    pub corrects: Option<PathBuf>,
}

impl Settings {
    pub fn resolve(args: &BuildArgs, cfg: Config) -> Settings {
        let title = args
            .title
            .clone()
            .or(cfg.title)
            .or_else(|| args.year.or(cfg.year).map(|y| format!("{y}年度项目支出绩效自评表")));
        Settings {
            inputs: if args.workbooks.is_empty() { cfg.input.unwrap_or_default() } else { args.workbooks.clone() },
            output: args.output.clone().or(cfg.output).unwrap_or_else(|| "output".into()),
            formats: args
                .formats
                .clone()
                .or(cfg.formats)
                .unwrap_or_else(|| vec![OutputFormat::Pdf, OutputFormat::Html, OutputFormat::Xlsx]),
            force: args.force,
            title,
            number_prefix: args.number_prefix.clone().or(cfg.number_prefix),
            notes: if args.notes.is_empty() { cfg.notes } else { Some(args.notes.clone()) },
            landscape: args.landscape || cfg.orientation == Some(Orientation::Landscape),
            pdf_standard: args.pdf_standard.or(cfg.pdf_standard).unwrap_or_default(),
            tagged: !args.no_tagged && cfg.tagged.unwrap_or(true),
            font_paths: if args.font_paths.is_empty() {
                cfg.font_paths.unwrap_or_default()
            } else {
                args.font_paths.clone()
            },
            templates: args.templates.clone().or(cfg.templates),
            timestamp: args.timestamp.or(cfg.timestamp).unwrap_or(0),
            corrects: args.corrects.clone().or(cfg.corrects),
        }
    }

    /// A hash of what shapes the files besides the model and templates. The timestamp is left
    /// out: a table that did not change keeps its files, creation date and all.
    fn fingerprint(&self) -> String {
        let s = format!(
            "{:?}|{}|{:?}|{}|{:?}",
            self.formats, self.landscape, self.pdf_standard, self.tagged, self.font_paths
        );
        packet::sha256_hex(s.as_bytes())
    }
}

pub fn run(g: &Global, args: &BuildArgs) -> u8 {
    let cfg = match Config::load(&g.config) {
        Ok(c) => c,
        Err(e) => {
            let d = Diagnostic::error("config", e.to_string())
                .hint("see README.md for the keys of jixiao.toml; every key is optional");
            print_report(&Report { diagnostics: vec![d] }, false, false);
            return EXIT_UNREADABLE;
        }
    };
    build(g, &Settings::resolve(args, cfg))
}

/// Reads every input workbook into one packet, with the settings' overrides applied.
pub fn load(settings: &Settings) -> Result<(Packet, Report), Report> {
    let mut packet = Packet::default();
    let mut report = Report::default();
    for path in &settings.inputs {
        let (p, r) = ingest::read(path).map_err(|e| Report { diagnostics: vec![super::output::read_error(&e)] })?;
        if packet.source.is_empty() {
            packet.source = p.source;
        }
        packet.tables.extend(p.tables);
        report.extend(r);
    }
    for (i, t) in packet.tables.iter_mut().enumerate() {
        if let Some(title) = &settings.title {
            t.title = Located::bare(title.clone());
        }
        if let (Some(prefix), None) = (&settings.number_prefix, &t.number.cell) {
            t.number = Located::bare(format!("{prefix}-{}", i + 1));
        }
        if let Some(notes) = &settings.notes {
            t.notes = notes.iter().map(|n| Located::bare(n.clone())).collect();
        }
    }
    report.extend(check::check(&mut packet, &Profile::default()));
    Ok((packet, report))
}

fn progress(tables: usize) -> ProgressBar {
    let show = tables >= 50 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(tables as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{prefix:>6} [{bar:30}] {pos}/{len} tables").unwrap().progress_chars("=> "),
    );
    bar
}

pub fn build(g: &Global, s: &Settings) -> u8 {
    let started = Instant::now();
    if s.inputs.is_empty() {
        let d = Diagnostic::error("no-input", "no workbook to build")
            .hint("name one (`jixiao build 2021.xlsx`) or set `input` in jixiao.toml; `jixiao init` makes a start");
        print_report(&Report { diagnostics: vec![d] }, false, false);
        return EXIT_UNREADABLE;
    }
    let (packet, mut report) = match load(s) {
        Ok(x) => x,
        Err(report) => {
            print_report(&report, false, false);
            return EXIT_UNREADABLE;
        }
    };
    let fonts = Fonts::load(&s.font_paths);
    if s.formats.contains(&OutputFormat::Pdf) {
        report.diagnostics.extend(missing_glyphs(&packet, &fonts));
    }
    print_report(&report, g.quiet, g.verbose);
    if report.has_errors() && !s.force {
        eprintln!("jixiao: {}; nothing written (--force writes anyway)", summary_line(&report));
        return EXIT_FINDINGS;
    }
    if packet.tables.is_empty() {
        return EXIT_FINDINGS;
    }

    let profile = Profile::default();
    let formats: Vec<&str> = s.formats.iter().map(|f| f.as_str()).collect();
    let mut ctx = PacketContext::with_formats(&packet, &profile, LayoutOptions { landscape: s.landscape }, &formats);
    // A correction: what changed since the published packet goes into its 更正说明.
    let corrected = match &s.corrects {
        Some(dir) => match super::diff::load_side(dir) {
            Ok(old) => {
                let prev = Manifest::read(dir);
                let d = diff(&old, &packet, &profile);
                if d.is_empty() {
                    eprintln!("note: nothing changed since {}; no 更正说明 written", dir.display());
                } else {
                    let since = prev.as_ref().map(|m| m.timestamp).unwrap_or(0);
                    ctx.correction = Some(CorrectionContext::new(&d, &ctx, since, s.timestamp));
                }
                Some((dir.clone(), prev))
            }
            Err(r) => {
                print_report(&r, false, false);
                return EXIT_UNREADABLE;
            }
        },
        None => None,
    };
    let templates = match crate::render::templates::resolve(s.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("jixiao: cannot read the templates: {e}");
            return EXIT_UNREADABLE;
        }
    };
    let mut manifest = Manifest::new(s.timestamp, &templates, s.fingerprint(), &packet, &ctx);
    manifest.corrects = corrected.as_ref().map(|(dir, prev)| Corrects {
        folder: dir.display().to_string(),
        files: prev.as_ref().map(|m| m.files.clone()).unwrap_or_default(),
    });
    // Unchanged tables keep their files byte for byte: from the previous build in the output
    // folder, else from the packet being corrected.
    let dirs: Vec<PathBuf> = [Some(s.output.clone()), s.corrects.clone()].into_iter().flatten().collect();
    let (fresh, reused) = packet::reuse(&manifest, &dirs, &formats);
    let rendered = fresh.iter().filter(|f| **f).count();
    let cannot_write = |e: std::io::Error| {
        eprintln!("jixiao: cannot write {}: {e}; the previous packet is unchanged", s.output.display());
        EXIT_UNREADABLE
    };
    // Files go into a temporary folder as they are made; it replaces the output folder only
    // once every file is written (dropped on failure, it removes itself).
    let staging = match packet::Staging::new(&s.output) {
        Ok(st) => st,
        Err(e) => return cannot_write(e),
    };
    let sink = |f: OutFile| {
        staging.write(&f).map_err(|e| RenderError {
            format: "output",
            diagnostics: vec![Diagnostic::error(WRITE_FAILED, format!("cannot write {}: {e}", f.path)).hint(
                "check the free space and permissions of the output folder's parent; the previous packet is unchanged",
            )],
        })
    };
    let plan = Plan { fresh, progress: progress(packet.tables.len()), sink: Some(&sink) };
    plan.progress.set_prefix("render");

    let result = render_all(s, &fonts, &packet, &ctx, &plan)
        .and_then(|warnings| reused.into_iter().try_for_each(&sink).map(|()| warnings));
    plan.progress.finish_and_clear();
    match result {
        Ok(warnings) => {
            let rendering = Report { diagnostics: warnings };
            print_report(&rendering, g.quiet, g.verbose);
            report.extend(rendering);
        }
        Err(e) => {
            let io = e.diagnostics.iter().any(|d| d.code == WRITE_FAILED);
            print_report(&Report { diagnostics: e.diagnostics }, false, false);
            return if io { EXIT_UNREADABLE } else { EXIT_FINDINGS };
        }
    }
    drop(plan);
    let files = match staging.commit(&packet, manifest) {
        Ok(n) => n,
        Err(e) => return cannot_write(e),
    };
    if !g.quiet {
        println!(
            "built: rendered {} of {} tables, wrote {} files to {} in {:.1}s; {}",
            rendered,
            packet.tables.len(),
            files,
            s.output.display(),
            started.elapsed().as_secs_f64(),
            summary_line(&report)
        );
    }
    0
}

/// Code of the diagnostic for a file that could not be written.
const WRITE_FAILED: &str = "write-failed";

/// Runs every requested renderer over the one context; each owns the files it writes, and
/// hands them to the plan's sink as it makes them. The PDF takes by far the longest: HTML and
/// Excel are written beside it on a thread of their own, in CPU time the PDF leaves idle.
/// Returns what the renderers warned about.
fn render_all(
    s: &Settings,
    fonts: &Fonts,
    packet: &Packet,
    ctx: &PacketContext,
    plan: &Plan,
) -> Result<Vec<Diagnostic>, RenderError> {
    let run = |format: OutputFormat, plan: &Plan| -> Result<Vec<Diagnostic>, RenderError> {
        let renderer: Box<dyn Renderer + '_> = match format {
            OutputFormat::Pdf => Box::new(PdfRenderer::new(
                fonts,
                PdfSettings {
                    tagged: s.tagged,
                    standard: s.pdf_standard,
                    timestamp: s.timestamp,
                    template_dir: s.templates.clone(),
                },
            )?),
            OutputFormat::Html => Box::new(HtmlRenderer::new(s.templates.clone())?),
            OutputFormat::Xlsx => Box::new(XlsxRenderer::new(packet, s.timestamp)),
        };
        plan.progress.set_prefix(renderer.name());
        for f in renderer.render_planned(ctx, plan)? {
            plan.deliver(f)?;
        }
        Ok(renderer.warnings())
    };
    let run_all = |formats: &[OutputFormat], plan: &Plan| -> Result<Vec<Diagnostic>, RenderError> {
        let mut warnings = Vec::new();
        for f in formats {
            warnings.extend(run(*f, plan)?);
        }
        Ok(warnings)
    };
    let (pdf, others): (Vec<OutputFormat>, Vec<OutputFormat>) =
        s.formats.iter().partition(|f| **f == OutputFormat::Pdf);
    // The progress bar follows the PDF when there is one.
    let beside = Plan { fresh: plan.fresh.clone(), progress: ProgressBar::hidden(), sink: plan.sink };
    let side_plan = if pdf.is_empty() { plan } else { &beside };
    std::thread::scope(|scope| {
        let side = scope.spawn(|| run_all(&others, side_plan));
        let main = run_all(&pdf, plan);
        let side = side.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok([main?, side?].concat())
    })
}
