//! `jixiao.toml`: what to build and how. Strict: an unknown key is an error that names it and
//! its line. A missing file means defaults. Flags (and their environment twins) are laid over
//! the file with [`Config::overlay`]: the flag wins.

use crate::diag::{Code, Diagnostic};
use crate::render::pdf::PdfStandardChoice;
use crate::render::Format;
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};
use time::Date;

pub const FILE_NAME: &str = "jixiao.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Every setting of a build, declared once: each field is a key of jixiao.toml, a flag of
/// `jixiao build` (and of the bare `jixiao`) and that flag's environment twin, with one doc
/// comment for the file's reader and `--help`. All optional: the file and the flags each set
/// some, [`Config::overlay`] lays the flags over the file, and
/// `build::Settings::from_config` fills in the defaults in one
/// step. Paths in the file are relative to the file.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, clap::Args, merge::Merge)]
#[serde(deny_unknown_fields)]
#[merge(strategy = merge::option::overwrite_none)]
pub struct Config {
    /// The workbook(s) (.xlsx, .xls or .ods); their tables are taken in order [key: input].
    #[arg(value_name = "WORKBOOKS", env = "JIXIAO_INPUT", value_delimiter = ',')]
    pub input: Option<Vec<PathBuf>>,
    /// The output folder, replaced as a whole when the build succeeds [default: output].
    #[arg(short, long, env = "JIXIAO_OUTPUT")]
    pub output: Option<PathBuf>,
    /// The year of each table's title as its form words it (2021 → 2021年度项目支出绩效自评表),
    /// when no title is given.
    #[arg(long, env = "JIXIAO_YEAR")]
    pub year: Option<u16>,
    /// The title over every table, e.g. 2022年度项目支出绩效自评表 [default: the workbook's].
    #[arg(long, env = "JIXIAO_TITLE")]
    pub title: Option<String>,
    /// Prefix for tables the workbook does not number (公开12表 → 公开12表-3).
    #[arg(long, env = "JIXIAO_NUMBER_PREFIX")]
    pub number_prefix: Option<String>,
    /// A 备注 line under every table (repeat the flag for more) [default: the workbook's].
    #[arg(long = "note", env = "JIXIAO_NOTES", value_delimiter = '|')]
    pub notes: Option<Vec<String>>,
    /// The formats to write [default: pdf,html,xlsx].
    #[arg(long, value_parser = names::<Format>(Format::ALL.map(Format::as_str)), value_delimiter = ',', env = "JIXIAO_FORMATS")]
    pub formats: Option<Vec<Format>>,
    /// A4 portrait or landscape (`--landscape` is `orientation = "landscape"`) [default: portrait].
    #[arg(
        long = "landscape",
        num_args = 0,
        default_missing_value = "landscape",
        value_enum,
        env = "JIXIAO_ORIENTATION"
    )]
    pub orientation: Option<Orientation>,
    /// PDF standard: plain PDF or PDF/A-2b for archiving [default: pdf].
    #[arg(long, value_parser = names::<PdfStandardChoice>(PdfStandardChoice::ALL.map(PdfStandardChoice::as_str)), env = "JIXIAO_PDF_STANDARD")]
    pub pdf_standard: Option<PdfStandardChoice>,
    /// Tagged PDF, readable by screen readers (`--no-tagged` is `tagged = false`: smaller files,
    /// less accessible) [default: true].
    #[arg(long = "no-tagged", num_args = 0, default_missing_value = "false", value_parser = clap::builder::BoolishValueParser::new(), env = "JIXIAO_TAGGED")]
    pub tagged: Option<bool>,
    /// Creation time of every file, in seconds since 1970 [default: when the workbook was last
    /// saved, so a rebuild of the same workbook is byte-identical].
    #[arg(long, env = "SOURCE_DATE_EPOCH")]
    pub timestamp: Option<i64>,
    /// Extra font folders (e.g. with a licensed 仿宋_GB2312); system fonts are not used.
    #[arg(long = "font-path", env = "JIXIAO_FONT_PATH", value_delimiter = ':')]
    pub font_paths: Option<Vec<PathBuf>>,
    /// A folder of templates that replace the built-in ones, file by file.
    #[arg(long, env = "JIXIAO_TEMPLATES")]
    pub templates: Option<PathBuf>,
    /// The previously published packet folder this build corrects: adds 更正说明.
    #[arg(long, env = "JIXIAO_CORRECTS")]
    pub corrects: Option<PathBuf>,
    /// The day this packet is published (YYYY-MM-DD): kept in its manifest, and the date a
    /// 更正说明 is signed with.
    #[serde(default, deserialize_with = "date")]
    #[arg(long, value_parser = date_flag, env = "JIXIAO_PUBLISHED")]
    pub published: Option<Date>,
    /// The day the packet named by --corrects was published, where its manifest does not say.
    #[serde(default, deserialize_with = "date")]
    #[arg(long, value_parser = date_flag, env = "JIXIAO_CORRECTS_PUBLISHED")]
    pub corrects_published: Option<Date>,
    /// The form every table is in (`jixiao forms` lists them) [default: each sheet's own].
    #[arg(long, env = "JIXIAO_FORM")]
    pub form: Option<String>,
    /// The 项目支出绩效目标表 workbook(s) the tables answer to: each table is compared with the
    /// target table of its project (indicators dropped, added, 指标值 changed).
    #[arg(long, env = "JIXIAO_TARGETS", value_delimiter = ',')]
    pub targets: Option<Vec<PathBuf>>,
    /// The language of the findings and messages: zh or en [default: the system's; Chinese
    /// where it names none]. Every command's `--lang` (env JIXIAO_LANG) is laid over it.
    #[arg(skip)]
    pub lang: Option<crate::i18n::Lang>,
    /// The rubric of `jixiao review`'s 自评质量分 (`full`, `[[review.category]]`, `[review.other]`,
    /// as in the built-in one, which it replaces whole); `jixiao review --rubric FILE` wins.
    #[arg(skip)]
    pub review: Option<crate::review::Rubric>,
    /// The bureau that signs `jixiao review`'s 通报 (财政局 / 财政厅 绩效管理处).
    #[arg(skip)]
    pub bureau: Option<String>,
    /// The folder of the file (its `forms/` holds the user's forms); not a key.
    #[serde(skip)]
    #[arg(skip)]
    pub dir: Option<PathBuf>,
}

/// A clap parser for a domain enum that names its values with `as_str` and parses them back.
fn names<T: std::str::FromStr<Err = String> + Clone + Send + Sync + 'static>(
    all: impl IntoIterator<Item = &'static str>,
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(all).try_map(|s| s.parse::<T>())
}

/// A date flag, checked as the file's dates are.
fn date_flag(s: &str) -> Result<Date, String> {
    crate::dates::parse_date(s, &crate::t!("what-date"))
        .map_err(|d| format!("{} ({})", d.message, d.hint.unwrap_or_default()))
}

/// A date written as a TOML date (`published = 2022-05-31`) or as a string.
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    use serde::de::Error;
    let text = match toml::Value::deserialize(d)? {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
        toml::Value::String(s) => s,
        other => return Err(D::Error::custom(crate::t!("config-not-a-date", found = other))),
    };
    crate::dates::parse_date(&text, &crate::t!("what-date")).map(Some).map_err(|e| D::Error::custom(e.message))
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl ConfigError {
    pub fn diagnostic(&self) -> Diagnostic {
        let at = match self {
            ConfigError::Io { path, .. } | ConfigError::Invalid { path, .. } => path.clone(),
        };
        let message = match self {
            ConfigError::Io { source, .. } => crate::t!("config-unreadable", error = source),
            ConfigError::Invalid { message, .. } => message.clone(),
        };
        Diagnostic::new(Code::Config, message).at(at).hint(crate::t!("config-hint"))
    }
}

impl Config {
    /// Reads `path`; a missing file is the default configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = path.parent().map(Path::to_path_buf);
                return Ok(Config { dir, ..Config::default() });
            }
            Err(source) => return Err(ConfigError::Io { path: path.display().to_string(), source }),
        };
        let mut cfg: Config = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            let path = path.display().to_string();
            ConfigError::Invalid {
                path: line.map(|l| format!("{path}:{l}")).unwrap_or(path),
                message: e.message().to_string(),
            }
        })?;
        // Paths in the file are relative to the file.
        let base = path.parent().unwrap_or(Path::new(""));
        let rel = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        cfg.input.iter_mut().flatten().for_each(rel);
        cfg.output.iter_mut().for_each(rel);
        cfg.font_paths.iter_mut().flatten().for_each(rel);
        cfg.templates.iter_mut().for_each(rel);
        cfg.corrects.iter_mut().for_each(rel);
        cfg.targets.iter_mut().flatten().for_each(rel);
        cfg.dir = Some(base.to_path_buf());
        Ok(cfg)
    }

    /// This configuration with every key that `top` sets taken from `top` (flags over the file).
    pub fn overlay(self, mut top: Config) -> Config {
        merge::Merge::merge(&mut top, self);
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, s).unwrap();
        Config::load(&p)
    }

    #[test]
    fn unknown_key_is_an_error_naming_it_and_its_line() {
        let e = parse("output = \"out\"\nformat = [\"pdf\"]\n").unwrap_err();
        let d = e.diagnostic();
        assert_eq!(d.code, Code::Config);
        assert!(d.message.contains("unknown field `format`"), "{}", d.message);
        assert!(
            d.location.as_ref().map(|l| l.to_string()).as_deref().unwrap().ends_with("jixiao.toml:2"),
            "{:?}",
            d.location
        );
        assert!(d.hint.unwrap().contains("jixiao build --help"));
    }

    #[test]
    fn wrong_type_names_the_key_and_its_line() {
        let e = parse("output = \"out\"\n\ntagged = \"yes\"\n").unwrap_err().to_string();
        assert!(e.contains("bool") && e.contains("jixiao.toml:3"), "{e}");
    }

    #[test]
    fn missing_file_is_the_default() {
        let c = Config::load(Path::new("/nonexistent/jixiao.toml")).unwrap();
        assert_eq!(c, Config { dir: Some("/nonexistent".into()), ..Config::default() });
    }

    #[test]
    fn dates_are_toml_dates_or_strings_and_checked() {
        let c = parse("published = 2022-06-30\ncorrects_published = \"2022-05-31\"\n").unwrap();
        assert_eq!(c.published.map(crate::dates::chinese).as_deref(), Some("2022年6月30日"));
        assert_eq!(c.corrects_published.map(crate::dates::chinese).as_deref(), Some("2022年5月31日"));
        let e = parse("published = 2022-02-30\n").unwrap_err().to_string();
        assert!(e.contains("jixiao.toml:1"), "{e}");
        let e = parse("published = \"soon\"\n").unwrap_err().to_string();
        assert!(e.contains("“soon”"), "{e}");
    }

    #[test]
    fn every_key_is_read_and_paths_are_relative_to_the_file() {
        let c = parse(
            r#"input = ["a.xlsx"]
output = "out"
year = 2022
title = "2022年度项目支出绩效自评表"
number_prefix = "公开12表"
notes = ["涉密信息不公开。"]
formats = ["pdf", "html"]
orientation = "landscape"
pdf_standard = "a-2b"
tagged = false
timestamp = 1640995200
font_paths = ["fonts"]
templates = "tpl"
corrects = "old"
published = 2022-06-30
corrects_published = 2022-05-31
form = "national-2020"
"#,
        )
        .unwrap();
        assert!(c.input.unwrap()[0].ends_with("a.xlsx"));
        assert!(c.output.unwrap().is_absolute());
        assert_eq!(c.formats.unwrap(), [Format::Pdf, Format::Html]);
        assert_eq!(c.orientation, Some(Orientation::Landscape));
        assert_eq!(c.pdf_standard, Some(PdfStandardChoice::A2b));
        assert_eq!(c.tagged, Some(false));
        assert_eq!(c.form.as_deref(), Some("national-2020"));
    }

    /// The flags as `jixiao build` parses them.
    fn flags(args: &[&str]) -> Config {
        #[derive(clap::Parser)]
        struct Flags {
            #[command(flatten)]
            config: Config,
        }
        let argv = std::iter::once("jixiao").chain(args.iter().copied());
        <Flags as clap::Parser>::try_parse_from(argv).unwrap().config
    }

    #[test]
    fn no_flag_sets_no_key_so_the_file_keeps_its_own() {
        // The test runner's environment sets none of the twins.
        assert_eq!(flags(&[]), Config::default());
        let file = parse("tagged = true\norientation = \"landscape\"\nformats = [\"pdf\"]\n").unwrap();
        let c = file.clone().overlay(flags(&[]));
        assert_eq!((c.tagged, c.orientation, c.formats), (file.tagged, file.orientation, file.formats));
    }

    #[test]
    fn each_flag_sets_its_key() {
        let c = flags(&[
            "a.xlsx",
            "b.xlsx",
            "--no-tagged",
            "--landscape",
            "--formats",
            "pdf,html",
            "--note",
            "甲",
            "--note",
            "乙",
            "--published",
            "2022-06-30",
            "--font-path",
            "f1:f2",
        ]);
        assert_eq!(c.input, Some(vec!["a.xlsx".into(), "b.xlsx".into()]));
        assert_eq!(c.tagged, Some(false));
        assert_eq!(c.orientation, Some(Orientation::Landscape));
        assert_eq!(c.formats, Some(vec![Format::Pdf, Format::Html]));
        assert_eq!(c.notes, Some(vec!["甲".to_string(), "乙".to_string()]));
        assert_eq!(c.published.map(crate::dates::chinese).as_deref(), Some("2022年6月30日"));
        assert_eq!(c.font_paths, Some(vec!["f1".into(), "f2".into()]));
        let file = parse("tagged = true\noutput = \"out\"\n").unwrap();
        let c = file.overlay(c);
        assert_eq!(c.tagged, Some(false), "the flag wins over the file");
        assert!(c.output.unwrap().ends_with("out"), "a key no flag sets stays the file's");
    }

    #[test]
    fn the_overlay_wins_where_it_sets_a_key() {
        let file = Config { output: Some("a".into()), year: Some(2021), ..Config::default() };
        let flags = Config { output: Some("b".into()), ..Config::default() };
        let c = file.overlay(flags);
        assert_eq!((c.output, c.year), (Some("b".into()), Some(2021)));
    }
}
