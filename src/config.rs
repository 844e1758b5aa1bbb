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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// The file's keys, all optional. Paths are relative to the file's folder.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Input workbook(s); their tables are taken in order.
    pub input: Option<Vec<PathBuf>>,
    /// The output folder.
    pub output: Option<PathBuf>,
    /// The year in each table's title (and subtitle) as its form words them (2021 →
    /// 2021年度项目支出绩效自评表), when `title` is not set.
    pub year: Option<u16>,
    /// The title over every table; default: as the workbook has it.
    pub title: Option<String>,
    /// The numbering prefix for tables whose number is not in the workbook (公开12表 → 公开12表-3).
    pub number_prefix: Option<String>,
    /// The 备注 lines under every table; default: as the workbook has them.
    pub notes: Option<Vec<String>>,
    pub formats: Option<Vec<Format>>,
    pub orientation: Option<Orientation>,
    pub pdf_standard: Option<PdfStandardChoice>,
    /// Tagged PDF (default true).
    pub tagged: Option<bool>,
    /// Seconds since 1970 for every creation date (SOURCE_DATE_EPOCH wins).
    pub timestamp: Option<i64>,
    pub font_paths: Option<Vec<PathBuf>>,
    /// A folder whose templates replace the built-in ones, file by file.
    pub templates: Option<PathBuf>,
    /// The previously published packet this build corrects (writes 更正说明).
    pub corrects: Option<PathBuf>,
    /// The day this packet is published: recorded in its manifest, and the date a 更正说明 is
    /// signed with.
    #[serde(default, deserialize_with = "date")]
    pub published: Option<Date>,
    /// The day the packet this build corrects was published, where its manifest does not say.
    #[serde(default, deserialize_with = "date")]
    pub corrects_published: Option<Date>,
    /// The form every table is read and printed in (default: each sheet's own, from its labels).
    pub form: Option<String>,
    /// The folder of the file (its `forms/` holds the user's forms); not a key.
    #[serde(skip)]
    pub dir: Option<PathBuf>,
}

/// A date written as a TOML date (`published = 2022-05-31`) or as a string.
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    use serde::de::Error;
    let text = match toml::Value::deserialize(d)? {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
        toml::Value::String(s) => s,
        other => return Err(D::Error::custom(format!("expected a date such as 2022-05-31, found {other}"))),
    };
    crate::dates::parse_date(&text, "the date").map(Some).map_err(|e| D::Error::custom(e.message))
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
            ConfigError::Io { source, .. } => format!("cannot read the configuration: {source}"),
            ConfigError::Invalid { message, .. } => message.clone(),
        };
        Diagnostic::new(Code::Config, message).at(at).hint(
            "every key is optional; `jixiao build --help` says what each does (each key is the flag of the same name)",
        )
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
        cfg.dir = Some(base.to_path_buf());
        Ok(cfg)
    }

    /// This configuration with every key that `top` sets taken from `top` (flags over the file).
    pub fn overlay(self, top: Config) -> Config {
        Config {
            input: top.input.or(self.input),
            output: top.output.or(self.output),
            year: top.year.or(self.year),
            title: top.title.or(self.title),
            number_prefix: top.number_prefix.or(self.number_prefix),
            notes: top.notes.or(self.notes),
            formats: top.formats.or(self.formats),
            orientation: top.orientation.or(self.orientation),
            pdf_standard: top.pdf_standard.or(self.pdf_standard),
            tagged: top.tagged.or(self.tagged),
            timestamp: top.timestamp.or(self.timestamp),
            font_paths: top.font_paths.or(self.font_paths),
            templates: top.templates.or(self.templates),
            corrects: top.corrects.or(self.corrects),
            published: top.published.or(self.published),
            corrects_published: top.corrects_published.or(self.corrects_published),
            form: top.form.or(self.form),
            dir: self.dir.or(top.dir),
        }
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
        assert!(e.contains("not a date"), "{e}");
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

    #[test]
    fn the_overlay_wins_where_it_sets_a_key() {
        let file = Config { output: Some("a".into()), year: Some(2021), ..Config::default() };
        let flags = Config { output: Some("b".into()), ..Config::default() };
        let c = file.overlay(flags);
        assert_eq!((c.output, c.year), (Some("b".into()), Some(2021)));
    }
}
