//! `jixiao.toml`: what to build and how. Strict: an unknown key is an error that names it. A
//! missing file means defaults. Flags (and their environment twins) win over the file.

use crate::cli::OutputFormat;
use crate::render::pdf::PdfStandardChoice;
use serde::Deserialize;
use std::path::{Path, PathBuf};

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
    /// The year in the title (2021 → 2021年度项目支出绩效自评表) when `title` is not set.
    pub year: Option<u16>,
    /// The title over every table; default: as the workbook has it.
    pub title: Option<String>,
    /// The numbering prefix for tables whose number is not in the workbook (公开12表 → 公开12表-3).
    pub number_prefix: Option<String>,
    /// The 备注 lines under every table; default: as the workbook has them.
    pub notes: Option<Vec<String>>,
    pub formats: Option<Vec<OutputFormat>>,
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
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl Config {
    /// Reads `path`; a missing file is the default configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => return Err(ConfigError::Io { path: path.display().to_string(), source }),
        };
        let mut cfg: Config = toml::from_str(&text)
            .map_err(|e| ConfigError::Invalid { path: path.display().to_string(), message: e.message().to_string() })
            .map_err(|e| with_line(e, &text))?;
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
        Ok(cfg)
    }
}

/// toml's message names the key; add the line so the user finds it.
fn with_line(e: ConfigError, text: &str) -> ConfigError {
    match e {
        ConfigError::Invalid { path, message } => {
            let key = message.split('`').nth(1).unwrap_or("");
            let line = text.lines().position(|l| !key.is_empty() && l.trim_start().starts_with(key)).map(|n| n + 1);
            ConfigError::Invalid { path: line.map(|l| format!("{path}:{l}")).unwrap_or(path), message }
        }
        e => e,
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
        let e = parse("output = \"out\"\nformat = [\"pdf\"]\n").unwrap_err().to_string();
        assert!(e.contains("unknown field `format`"), "{e}");
        assert!(e.contains("jixiao.toml:2"), "{e}");
    }

    #[test]
    fn wrong_type_names_the_key() {
        let e = parse("tagged = \"yes\"\n").unwrap_err().to_string();
        assert!(e.contains("tagged") || e.contains("bool"), "{e}");
    }

    #[test]
    fn missing_file_is_the_default() {
        assert_eq!(Config::load(Path::new("/nonexistent/jixiao.toml")).unwrap(), Config::default());
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
"#,
        )
        .unwrap();
        assert!(c.input.unwrap()[0].ends_with("a.xlsx"));
        assert!(c.output.unwrap().is_absolute());
        assert_eq!(c.formats.unwrap(), [OutputFormat::Pdf, OutputFormat::Html]);
        assert_eq!(c.orientation, Some(Orientation::Landscape));
        assert_eq!(c.pdf_standard, Some(PdfStandardChoice::A2b));
        assert_eq!(c.tagged, Some(false));
    }
}
