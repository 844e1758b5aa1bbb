//! The command line: every flag has an environment twin (`JIXIAO_*`), as typst-cli does. Clap
//! lives here and in [`Config`], whose keys are `build`'s flags: the flags are a [`Config`] laid
//! over jixiao.toml.

use clap::{Args, Parser, Subcommand, ValueEnum};
use jixiao::config::Config;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "Check and publish 项目支出绩效自评表 (project expenditure performance self-evaluation tables)",
    long_about = "jixiao reads the workbook a unit already keeps, checks it as the finance bureau would \
                  and writes the disclosure packet (PDF, HTML, Excel) in the published layout.\n\n\
                  With no command it builds the packet described by ./jixiao.toml.",
    after_help = "Examples:\n  \
                  jixiao                                  build the packet of ./jixiao.toml\n  \
                  jixiao check 2021.xlsx                  check a workbook, print the findings\n  \
                  jixiao check 2021.xlsx --format json    the findings as JSON\n  \
                  jixiao dump 2021.xlsx                   the normalized tables as JSON\n  \
                  jixiao build 2021.xlsx -o packet        write the packet into ./packet\n  \
                  jixiao diff published/ 2021.xlsx        what changed since the published packet\n  \
                  jixiao build --corrects published/      a new packet with its 更正说明\n  \
                  jixiao init my-unit                     a blank workbook and jixiao.toml to start from\n  \
                  jixiao forms                            the forms jixiao reads and prints\n  \
                  jixiao init my-unit --form sichuan-2023 a blank workbook in Sichuan's form\n  \
                  jixiao serve --open                     the same as a local web page\n  \
                  jixiao review 各单位/ -o review         the bureau's review of many units' workbooks"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Print only errors.
    #[arg(short, long, global = true, env = "JIXIAO_QUIET")]
    pub quiet: bool,
    /// Print notes too (what jixiao filled in, sheets it skipped).
    #[arg(short, long, global = true, env = "JIXIAO_VERBOSE")]
    pub verbose: bool,
    /// The language of the findings and messages: zh (中文) or en [default: `lang` of
    /// jixiao.toml, else the system's; Chinese where it names none].
    #[arg(long, global = true, value_parser = lang, env = "JIXIAO_LANG")]
    pub lang: Option<jixiao::i18n::Lang>,
    /// The configuration file; missing means defaults.
    #[arg(long, global = true, default_value = "jixiao.toml", env = "JIXIAO_CONFIG")]
    pub config: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a workbook as the finance bureau would (审核) and print the findings.
    Check(CheckArgs),
    /// Print the normalized, checked model of a workbook as JSON.
    Dump(DumpArgs),
    /// Check the workbook(s) and write the disclosure packet: PDF, HTML and Excel (the default).
    Build(Box<BuildArgs>),
    /// List what changed between two versions: workbooks or built packet folders.
    Diff(DiffArgs),
    /// Write a blank input workbook with one example table and a jixiao.toml into a folder.
    Init(InitArgs),
    /// List the forms: the built-in ones and those in forms/ beside jixiao.toml.
    Forms,
    /// Run jixiao as a local web page: upload a workbook, read the findings, download the packet.
    Serve(ServeArgs),
    /// The finance bureau's review of many units' workbooks (汇总审核): each read and checked, a
    /// row per unit with its 自评质量分, the findings, and indicators copied across units.
    Review(ReviewArgs),
}

#[derive(Debug, Args, Clone, Default)]
pub struct BuildArgs {
    /// The keys of jixiao.toml as flags (each declared once, in [`Config`]).
    #[command(flatten)]
    pub config: Config,
    /// Write the packet even when the checks find errors.
    #[arg(long, env = "JIXIAO_FORCE")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; anything but 127.0.0.1 (or ::1) lets other computers in.
    #[arg(long, default_value = "127.0.0.1", env = "JIXIAO_LISTEN")]
    pub listen: std::net::IpAddr,
    /// The port (0: any free one; the address is printed).
    #[arg(long, default_value_t = 8080, env = "JIXIAO_PORT")]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long, env = "JIXIAO_OPEN")]
    pub open: bool,
    /// The largest workbook accepted, in MB (at most the largest jixiao reads, README: Limits).
    #[arg(long, default_value_t = 20, env = "JIXIAO_MAX_UPLOAD_MB",
          value_parser = clap::value_parser!(u32).range(1..=(jixiao::limits::MAX_FILE_BYTES >> 20) as i64))]
    pub max_upload_mb: u32,
    /// How long an upload and its packet are kept, in minutes (all go when jixiao stops).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=10080), env = "JIXIAO_KEEP_MINUTES")]
    pub keep_minutes: u32,
    /// Checks and builds at once; more wait their turn [default: the number of cores].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=64), env = "JIXIAO_RENDERS")]
    pub renders: Option<u32>,
    /// Seconds a client may take to send a request's header before its connection is closed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=600), env = "JIXIAO_HEADER_TIMEOUT")]
    pub header_timeout: u32,
    /// Seconds one request may take (its upload and build included) before it is answered 408.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..=3600), env = "JIXIAO_REQUEST_TIMEOUT")]
    pub request_timeout: u32,
}

/// How `check` and `diff` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The workbook (.xlsx, .xls or .ods).
    #[arg(env = "JIXIAO_INPUT")]
    pub workbook: PathBuf,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human, env = "JIXIAO_FORMAT")]
    pub format: ReportFormat,
    /// Exit 1 on warnings too, not only on errors.
    #[arg(long, env = "JIXIAO_DENY_WARNINGS")]
    pub deny_warnings: bool,
    /// The 项目支出绩效目标表 workbook(s) to check the tables against [default: `targets` of
    /// jixiao.toml].
    #[arg(long, env = "JIXIAO_TARGETS", value_delimiter = ',')]
    pub targets: Vec<PathBuf>,
    /// The form every table is in [default: each sheet's own, from its labels].
    #[arg(long, env = "JIXIAO_FORM")]
    pub form: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Workbooks and folders of workbooks (walked, subfolders too).
    #[arg(required = true, env = "JIXIAO_REVIEW_INPUT", value_delimiter = ',')]
    pub inputs: Vec<PathBuf>,
    /// The 项目支出绩效目标表 workbooks (files, folders or zips) the units' tables answer to: each table
    /// is compared with its project's target table, and the 汇总 counts the differences per unit.
    #[arg(long, env = "JIXIAO_TARGETS", value_delimiter = ',')]
    pub targets: Vec<PathBuf>,
    /// The folder for review.xlsx, review.html, review.json and 反馈/ (a workbook per unit).
    #[arg(short, long, default_value = "review", env = "JIXIAO_REVIEW_OUTPUT")]
    pub output: PathBuf,
    /// Draw an 抽查名单 of N units, or N% of them: stratified by 主管部门, weighted toward risk.
    #[arg(long, env = "JIXIAO_SAMPLE", value_name = "N|N%")]
    pub sample: Option<jixiao::review::sample::Size>,
    /// The seed of the sample, to draw the same one again [default: one from the files' names,
    /// printed with the sample].
    #[arg(long, env = "JIXIAO_SEED", requires = "sample")]
    pub seed: Option<u64>,
    /// The rubric of the 自评质量分 (a TOML file with the keys of the built-in one) [default:
    /// jixiao.toml's [review], else the built-in one].
    #[arg(long, env = "JIXIAO_RUBRIC")]
    pub rubric: Option<PathBuf>,
    /// Leave out the 反馈/ folder of one workbook per unit.
    #[arg(long, env = "JIXIAO_NO_FEEDBACK")]
    pub no_feedback: bool,
    /// Beside each unit's feedback workbook, the same as a PDF to send (feedback.typ).
    #[arg(long, env = "JIXIAO_FEEDBACK_PDF", conflicts_with = "no_feedback")]
    pub feedback_pdf: bool,
    /// The bureau that signs the 通报 [default: jixiao.toml's bureau, else a blank to fill in].
    #[arg(long, env = "JIXIAO_BUREAU")]
    pub bureau: Option<String>,
    /// A folder whose circular.typ replaces the built-in wording of the 通报 (`jixiao init
    /// --eject-templates` writes it out) [default: jixiao.toml's templates].
    #[arg(long, env = "JIXIAO_TEMPLATES")]
    pub templates: Option<PathBuf>,
    /// The date of the 通报 and the reports, in seconds since 1970 [default: jixiao.toml's, else
    /// when the newest workbook was saved, so the same workbooks give the same files].
    #[arg(long, env = "SOURCE_DATE_EPOCH")]
    pub timestamp: Option<i64>,
    /// The form every table is in [default: each sheet's own, from its labels].
    #[arg(long, env = "JIXIAO_FORM")]
    pub form: Option<String>,
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// The workbook (.xlsx, .xls or .ods).
    #[arg(env = "JIXIAO_INPUT")]
    pub workbook: PathBuf,
    /// The form every table is in [default: each sheet's own, from its labels].
    #[arg(long, env = "JIXIAO_FORM")]
    pub form: Option<String>,
    /// Instead of the model: where every non-empty cell of each table's sheet went (a value of
    /// the model, a label of the form, a text the form prints, a finding, or unread).
    #[arg(long, env = "JIXIAO_DUMP_CELLS")]
    pub cells: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to set up (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also copy the built-in templates into DIR/templates for editing.
    #[arg(long)]
    pub eject_templates: bool,
    /// The form of the blank workbook (`jixiao forms` lists them) [default: yunnan-2021].
    #[arg(long)]
    pub form: Option<String>,
    /// Copy the definition of form NAME into DIR/forms/NAME.toml for editing.
    #[arg(long, value_name = "NAME")]
    pub eject_form: Option<String>,
    /// Replace jixiao.toml, templates and forms that exist (each kept as NAME.bak); a workbook is
    /// never replaced. Without it, init adds only what is missing.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version: a workbook, or a packet folder built by jixiao (its model.json).
    pub old: PathBuf,
    /// The later version.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human, env = "JIXIAO_FORMAT")]
    pub format: ReportFormat,
}

/// `--lang zh`, `--lang zh-CN`, `--lang en`.
fn lang(s: &str) -> Result<jixiao::i18n::Lang, String> {
    s.parse()
}
