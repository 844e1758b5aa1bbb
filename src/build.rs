//! The build as a library call (as zola's `Site` or mdBook's `MDBook`): [`Settings`] resolved
//! once from jixiao.toml and the flags, then [`Build::run`] loads and checks the workbooks,
//! plans which tables to render afresh, renders every format and commits the packet folder.
//!
//! ```no_run
//! use jixiao::build::{Build, Settings};
//! let settings = Settings::from_config(jixiao::config::Config::load("jixiao.toml".as_ref()).unwrap()).unwrap();
//! let built = Build::new(settings).unwrap().run(&jixiao::render::Silent).unwrap();
//! println!("rendered {} of {} tables", built.rendered, built.tables);
//! ```

use crate::config::{Config, Orientation};
use crate::correction;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Findings, Report};
use crate::diff::diff;
use crate::form::Forms;
use crate::load::{self, Loaded, Overrides};
use crate::model::Packet;
use crate::packet::{self, Corrects, Manifest, PacketDir};
use crate::render::fonts::Fonts;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::{PdfRenderer, PdfSettings, PdfStandardChoice};
use crate::render::templates::Templates;
use crate::render::xlsx::XlsxRenderer;
use crate::render::{Format, Gate, LayoutOptions, OutFile, PacketContext, Plan, RenderError, Renderer};
use crate::t;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::Date;

pub use crate::render::{Progress, Silent};

/// Everything a build needs to know, resolved from the flags, jixiao.toml and the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub formats: Vec<Format>,
    /// Write the packet even when the checks find errors.
    pub force: bool,
    pub overrides: Overrides,
    pub landscape: bool,
    pub pdf_standard: PdfStandardChoice,
    pub tagged: bool,
    pub font_paths: Vec<PathBuf>,
    pub templates: Option<PathBuf>,
    /// Every file's creation date; `None`: when the newest workbook was last saved.
    pub timestamp: Option<Timestamp>,
    pub corrects: Option<PathBuf>,
    /// The day this packet is published.
    pub published: Option<Date>,
    /// The day the corrected packet was published, where its manifest does not say.
    pub corrects_published: Option<Date>,
    /// The form every table is in; none: each sheet's own, from its labels.
    pub form: Option<String>,
    /// The user's forms (`forms/` beside jixiao.toml), added to the built-in ones.
    pub forms_dir: Option<PathBuf>,
    /// The target workbooks the tables are compared with.
    pub targets: Vec<PathBuf>,
}

impl Settings {
    /// The settings a configuration (the file, with the flags laid over it) gives; the timestamp
    /// is checked here, once.
    pub fn from_config(cfg: Config) -> Result<Settings, Diagnostic> {
        let timestamp = cfg.timestamp.map(|t| Timestamp::from_unix(t, &t!("what-timestamp"))).transpose()?;
        Ok(Settings {
            inputs: cfg.input.unwrap_or_default(),
            output: cfg.output.unwrap_or_else(|| "output".into()),
            formats: cfg.formats.unwrap_or_else(|| Format::ALL.to_vec()),
            force: false,
            overrides: Overrides {
                title: cfg.title,
                year: cfg.year,
                number_prefix: cfg.number_prefix,
                notes: cfg.notes,
            },
            landscape: cfg.orientation == Some(Orientation::Landscape),
            pdf_standard: cfg.pdf_standard.unwrap_or_default(),
            tagged: cfg.tagged.unwrap_or(true),
            font_paths: cfg.font_paths.unwrap_or_default(),
            templates: cfg.templates,
            timestamp,
            corrects: cfg.corrects,
            published: cfg.published,
            corrects_published: cfg.corrects_published,
            form: cfg.form,
            forms_dir: cfg.dir.map(|d| d.join("forms")),
            targets: cfg.targets.unwrap_or_default(),
        })
    }

    /// The one timestamp that dates every file of a packet: the configured one, else when the
    /// newest workbook was last saved (`modified`), else 1970; never the clock, so the same
    /// input gives the same bytes.
    pub fn timestamp_for(&self, modified: Option<i64>) -> Timestamp {
        Timestamp::given_or_saved(self.timestamp, modified)
    }

    /// How every table is laid out on its page.
    pub fn layout(&self) -> LayoutOptions {
        LayoutOptions { landscape: self.landscape }
    }

    /// A hash of what shapes the files besides the tables and the templates. The timestamp is
    /// left out: a table that did not change keeps its files, creation date and all.
    fn fingerprint(&self, fonts: &Fonts) -> String {
        let s = format!(
            "{:?}|{}|{:?}|{}|{}",
            self.formats, self.landscape, self.pdf_standard, self.tagged, fonts.fingerprint
        );
        crate::hash::sha256_hex(s.as_bytes())
    }
}

impl Built {
    /// The build's own findings (rendering's, the correction's), not the workbooks' it was given.
    pub fn own(&self) -> &[Diagnostic] {
        &self.report.diagnostics[self.own_from.min(self.report.diagnostics.len())..]
    }
}

/// A packet written.
#[derive(Debug)]
pub struct Built {
    /// Everything found, from reading to rendering.
    pub report: Report,
    pub output: PathBuf,
    pub tables: usize,
    /// Tables rendered afresh; the others' files were reused byte for byte.
    pub rendered: usize,
    pub files: usize,
    /// The timestamp every file is dated with ([`Settings::timestamp_for`]).
    pub timestamp: Timestamp,
    /// Every file of the packet with its size, manifest.json included.
    pub listing: Vec<(String, u64)>,
    /// Where the build's own findings start in `report`: those before are the reading's and the
    /// checks'.
    pub own_from: usize,
    /// Nothing had changed since the packet in the folder was built, so nothing was read,
    /// checked or written: what that build's checks found.
    pub unchanged: Option<Findings>,
}

/// A build that wrote nothing (the previous packet is as it was), and why.
#[derive(Debug)]
pub struct Failed {
    pub report: Report,
    pub stop: Stop,
}

/// Where a build stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// An input could not be read (a workbook, the templates, the packet it corrects).
    Input,
    /// The checks found errors, and the build was not forced (or there is no table).
    Findings,
    /// A renderer failed.
    Render,
    /// The output folder could not be written.
    Output,
}

impl Failed {
    fn new(report: Report, stop: Stop) -> Failed {
        Failed { report, stop }
    }
    /// The exit code: the report's, and at least 1.
    pub fn exit_code(&self) -> u8 {
        self.report.exit_code(false).max(1)
    }
}

/// One build: its settings, and the templates and forms in force, resolved once.
pub struct Build {
    settings: Settings,
    resources: Arc<Resources>,
}

/// What a build reads besides the workbooks, loaded once: the forms, the templates and the
/// fonts. `jixiao serve` keeps one for every build it runs.
pub struct Resources {
    pub forms: Forms,
    pub templates: Templates,
    pub fonts: Fonts,
}

impl Resources {
    /// The forms, templates and fonts `settings` name.
    pub fn load(settings: &Settings) -> Result<Resources, Report> {
        Ok(Resources {
            templates: Templates::resolve(settings.templates.as_deref())?,
            forms: Forms::load(settings.forms_dir.as_deref())?,
            fonts: Fonts::load(&settings.font_paths),
        })
    }

    /// The PDF renderer: the one place one is made.
    pub fn pdf(&self, settings: PdfSettings) -> PdfRenderer<'_> {
        PdfRenderer::new(&self.fonts, settings, &self.templates)
    }

    /// The HTML renderer: the one place one is made.
    pub fn html(&self) -> Result<HtmlRenderer, RenderError> {
        HtmlRenderer::new(&self.templates)
    }

    /// The renderer of `format`, as a build runs it.
    pub fn renderer(&self, format: Format, pdf: PdfSettings) -> Result<Box<dyn Renderer + '_>, RenderError> {
        Ok(match format {
            Format::Pdf => Box::new(self.pdf(pdf)),
            Format::Html => Box::new(self.html()?),
            Format::Xlsx => Box::new(XlsxRenderer::new(pdf.timestamp)),
        })
    }
}

impl Build {
    pub fn new(settings: Settings) -> Result<Build, Report> {
        let resources = Arc::new(Resources::load(&settings)?);
        Build::with(settings, resources)
    }

    /// A build with resources already loaded (by [`Resources::load`] for the same templates,
    /// forms and fonts).
    pub fn with(settings: Settings, resources: Arc<Resources>) -> Result<Build, Report> {
        if let Some(name) = &settings.form {
            resources.forms.named(name)?;
        }
        Ok(Build { settings, resources })
    }

    /// The forms in force: the built-in ones and the user's.
    pub fn forms(&self) -> &Forms {
        &self.resources.forms
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Reads, checks, renders and writes the packet. Nothing is written unless every file
    /// could be; `progress` hears of each table rendered.
    pub fn run(&self, progress: &dyn Progress) -> Result<Built, Failed> {
        let s = &self.settings;
        let key = self.key();
        if let Some(built) = key.as_deref().and_then(|k| self.unchanged(k, progress)) {
            return Ok(built);
        }
        let forced = s.form.as_deref().and_then(|f| self.forms().get(f));
        let mut loaded =
            load::workbooks(&s.inputs, &s.overrides, self.forms(), forced).map_err(|r| Failed::new(r, Stop::Input))?;
        load::against_targets(&mut loaded, &s.targets, self.forms()).map_err(|r| Failed::new(r, Stop::Input))?;
        self.write(loaded, key, progress)
    }

    /// Writes the packet of workbooks already read and checked (as [`load::workbooks`] reads
    /// them with this build's settings and forms): `jixiao serve` has read them to show the
    /// findings. The built packet's report holds the findings of `loaded` and the build's own.
    pub fn run_loaded(&self, loaded: Loaded, progress: &dyn Progress) -> Result<Built, Failed> {
        self.write(loaded, self.key(), progress)
    }

    /// Writes the packet of `loaded`.
    fn write(&self, loaded: Loaded, key: Option<String>, progress: &dyn Progress) -> Result<Built, Failed> {
        let s = &self.settings;
        let fonts = &self.resources.fonts;
        let Loaded { packet, mut report, modified } = loaded;
        let own_from = report.diagnostics.len();
        let timestamp = s.timestamp_for(modified);
        if s.formats.contains(&Format::Pdf) {
            report.diagnostics.extend(fonts.missing_glyphs(&packet, self.forms()));
        }
        if (report.has_errors() && !s.force) || packet.tables.is_empty() {
            return Err(Failed::new(report, Stop::Findings));
        }

        let mut ctx = PacketContext::with_formats(&packet, self.forms(), s.layout(), &s.formats);
        let corrects = match &s.corrects {
            Some(dir) => Some(self.correction(dir, &packet, &mut ctx, &mut report)?),
            None => None,
        };

        let out = self.lock(progress).map_err(|d| self.failed(report.clone(), d, Stop::Output))?;
        let fingerprint = s.fingerprint(fonts);
        let mut manifest = Manifest::new(timestamp.unix(), self.resources.templates.hash(), fingerprint, &packet, &ctx);
        manifest.published = s.published.map(|d| d.to_string());
        manifest.key = key;
        manifest.corrects = corrects.map(|(dir, prev)| Corrects {
            folder: dir.display().to_string(),
            files: prev.map(|m| m.files).unwrap_or_default(),
        });
        // Unchanged tables keep their files byte for byte: from the previous build in the output
        // folder, else from the packet being corrected.
        let dirs: Vec<PathBuf> = [Some(out.path().to_path_buf()), s.corrects.clone()].into_iter().flatten().collect();
        let (fresh, reused) = packet::reuse(&manifest, &dirs, &s.formats);
        let rendered = fresh.iter().filter(|f| **f).count();

        let staging = out.staging().map_err(|d| self.failed(report.clone(), d, Stop::Output))?;
        let sink = |f: OutFile| staging.write(&f).map_err(RenderError::from);
        let plan = Plan { fresh, progress, sink: Some(&sink), spare: None };
        let rendering = self
            .render_all(timestamp, &ctx, &plan)
            .and_then(|warnings| reused.into_iter().try_for_each(&sink).map(|()| warnings));
        match rendering {
            Ok(warnings) => report.diagnostics.extend(warnings),
            Err(e) => {
                report.diagnostics.extend(e.diagnostics);
                return Err(Failed::new(report, Stop::Render));
            }
        }
        drop(plan);
        manifest.findings = Some(Findings::of(&report));
        let listing = staging.commit(&packet, manifest).map_err(|d| self.failed(report.clone(), d, Stop::Output))?;
        Ok(Built {
            report,
            output: out.path().to_path_buf(),
            tables: packet.tables.len(),
            rendered,
            files: listing.len(),
            timestamp,
            listing,
            own_from,
            unchanged: None,
        })
    }

    /// SHA-256 of everything a build reads: jixiao's version, the settings, the templates, forms
    /// and fonts, the workbooks' bytes (and their dates, when they give the files' date), the
    /// packet being corrected. `None` when a workbook cannot be read (the build then says why).
    fn key(&self) -> Option<String> {
        let s = &self.settings;
        let fonts = &self.resources.fonts;
        let mut h = crate::hash::Hasher::default();
        h.update(env!("CARGO_PKG_VERSION").as_bytes())
            // Where the packet goes does not change what it holds.
            .update(format!("{:?}", Settings { output: PathBuf::new(), ..s.clone() }).as_bytes())
            .update(self.resources.templates.hash().as_bytes())
            .update(self.forms().fingerprint().as_bytes())
            .update(s.fingerprint(fonts).as_bytes());
        // The target workbooks' findings are the build's too.
        for target in &s.targets {
            h.update(&std::fs::read(target).ok()?);
        }
        for input in &s.inputs {
            let bytes = std::fs::read(input).ok()?;
            h.update(&bytes);
            if s.timestamp.is_none() {
                h.update(format!("{:?}", crate::ingest::workbook::saved(input, &bytes)).as_bytes());
            }
        }
        if let Some(dir) = &s.corrects {
            for f in [packet::MANIFEST, packet::MODEL] {
                h.update(&std::fs::read(dir.join(f)).unwrap_or_default());
            }
        }
        Some(h.finish())
    }

    /// The packet in the output folder, when it was built from what `key` hashes and is still
    /// whole: nothing to do, and no file is touched.
    fn unchanged(&self, key: &str, progress: &dyn Progress) -> Option<Built> {
        let s = &self.settings;
        if !s.output.join(packet::MANIFEST).is_file() {
            return None;
        }
        let out = self.lock(progress).ok()?;
        let m = out.unchanged(key)?;
        let mut listing: Vec<(String, u64)> = m.files.iter().map(|f| (f.path.clone(), f.size)).collect();
        let size = std::fs::metadata(out.path().join(packet::MANIFEST)).map(|f| f.len()).unwrap_or_default();
        listing.push((packet::MANIFEST.to_string(), size));
        Some(Built {
            report: Report::default(),
            output: out.path().to_path_buf(),
            tables: m.tables.len(),
            rendered: 0,
            files: listing.len(),
            timestamp: Timestamp::from_unix(m.timestamp, &t!("what-manifest-timestamp"))
                .unwrap_or_else(|_| Timestamp::epoch()),
            listing,
            own_from: 0,
            unchanged: Some(m.findings.unwrap_or_default()),
        })
    }

    /// The output folder, locked for this build (waiting, and saying so, while another holds it).
    fn lock(&self, progress: &dyn Progress) -> Result<PacketDir, Diagnostic> {
        PacketDir::lock(&self.settings.output, |dir| progress.note(&t!("waiting-for-build", output = dir.display())))
    }

    fn failed(&self, mut report: Report, d: Diagnostic, stop: Stop) -> Failed {
        report.push(d);
        Failed::new(report, stop)
    }

    /// What changed since the published packet in `dir` goes into the 更正说明. Returns the
    /// folder and its manifest, which the new manifest records.
    fn correction(
        &self,
        dir: &Path,
        packet: &Packet,
        ctx: &mut PacketContext,
        report: &mut Report,
    ) -> Result<(PathBuf, Option<Manifest>), Failed> {
        let old = load::version(dir, self.forms()).map_err(|r| {
            let mut all = report.clone();
            all.extend(r);
            Failed::new(all, Stop::Input)
        })?;
        let prev = Manifest::read(dir);
        let changes = diff(&old, packet, self.forms());
        if changes.is_empty() {
            report.push(
                Diagnostic::new(Code::NothingCorrected, t!("nothing-corrected", packet = dir.display()))
                    .at(dir.display().to_string())
                    .hint(t!("nothing-corrected-hint")),
            );
        } else {
            let s = &self.settings;
            let recorded =
                prev.as_ref().and_then(|m| m.published.as_deref()).and_then(|d| crate::dates::parse_date(d, "").ok());
            let (notice, warnings) = correction::notice(&changes, ctx, s.corrects_published.or(recorded), s.published);
            ctx.correction = Some(notice);
            report.diagnostics.extend(warnings);
        }
        Ok((dir.to_path_buf(), prev))
    }

    /// Runs every requested renderer over the one context; each owns the files it writes, and
    /// hands them to the plan's sink as it makes them. The PDF takes by far the longest: HTML
    /// and Excel are written beside it on a thread of their own, in CPU time the PDF leaves
    /// idle. Returns what the renderers warned about.
    fn render_all(
        &self,
        timestamp: Timestamp,
        ctx: &PacketContext,
        plan: &Plan,
    ) -> Result<Vec<Diagnostic>, RenderError> {
        let s = &self.settings;
        let pdf_settings = PdfSettings { tagged: s.tagged, standard: s.pdf_standard, timestamp };
        let run = |format: Format, plan: &Plan| -> Result<Vec<Diagnostic>, RenderError> {
            let renderer = self.resources.renderer(format, pdf_settings.clone())?;
            plan.progress.start(format.as_str(), ctx.tables.len());
            for f in renderer.render_planned(ctx, plan)? {
                plan.deliver(f)?;
            }
            Ok(renderer.warnings())
        };
        let run_all = |formats: &[Format], plan: &Plan| -> Result<Vec<Diagnostic>, RenderError> {
            let mut warnings = Vec::new();
            for f in formats {
                warnings.extend(run(*f, plan)?);
            }
            Ok(warnings)
        };
        let (pdf, others): (Vec<Format>, Vec<Format>) = s.formats.iter().partition(|f| **f == Format::Pdf);
        // The progress follows the PDF when there is one.
        let beside = Plan { fresh: plan.fresh.clone(), progress: &Silent, sink: plan.sink, spare: None };
        let side_plan = if pdf.is_empty() { plan } else { &beside };
        // The other formats wait until the PDF renderer leaves a core to spare (on two cores,
        // beside its layout they only slowed it; packet.pdf is written mostly on one core).
        let gate = Gate::default();
        let pdf_plan = Plan { fresh: plan.fresh.clone(), progress: plan.progress, sink: plan.sink, spare: Some(&gate) };
        std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                gate.wait();
                run_all(&others, side_plan)
            });
            // Whatever becomes of the PDF, even a panic, the others go on.
            let open = gate.opened_on_drop();
            let main = run_all(&pdf, &pdf_plan);
            drop(open);
            let side = side.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok([main?, side?].concat())
        })
    }
}
