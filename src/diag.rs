//! Diagnostics, shared by every stage: what was found, where (`file!sheet!C7`), and what to do
//! about it. Every diagnostic carries a [`Code`] from one registry that says its severity, what
//! kind of problem it is (which decides the exit code) and what it means in one line; the
//! README's list of codes is generated from it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something jixiao did for the user (a grade filled in, a sheet skipped).
    Note,
    /// Likely a slip; the packet can still be built.
    Warning,
    /// The table is wrong (no packet is written unless forced), or the run cannot go on.
    Error,
}

impl Severity {
    /// The severity as people read it (错误, 警告, 提示), from the catalogue; `Display` keeps the
    /// stable English word of JSON and scripts.
    pub fn label(self) -> String {
        match self {
            Severity::Note => crate::t!("severity-note"),
            Severity::Warning => crate::t!("severity-warning"),
            Severity::Error => crate::t!("severity-error"),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What kind of problem a code names; an error's kind decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A finding about the tables or the templates: exit 1.
    Finding,
    /// An input that cannot be read (workbook, configuration, templates, dates): exit 2.
    Input,
    /// The output folder cannot be written: exit 2.
    Output,
    /// A bug in jixiao or a library it uses: exit 1.
    Internal,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Finding | Kind::Internal => 1,
            Kind::Input | Kind::Output => 2,
        }
    }
}

/// Declares the registry: each code once, with its name, default severity, kind and meaning (for
/// the README). Its title and advice, the words people read, are in the catalogue (`locales/`).
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $kind:ident, $what:literal;)*) => {
        /// A diagnostic's code: stable across releases, so scripts and `--format json` users can
        /// match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in the order the README lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed: `funds-sum`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }
            /// The severity a diagnostic of this code has (Typst's own warnings are the one
            /// exception: `typst` is an error unless Typst says warning).
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
            pub fn kind(self) -> Kind {
                match self { $(Code::$variant => Kind::$kind,)* }
            }
            /// What the code means, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $what,)* }
            }
        }
    };
}

codes! {
    // The checks (审核): the tables as the finance bureau reads them.
    FundsSum = "funds-sum", Error, Finding, "年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金 in a column";
    RateMismatch = "rate-mismatch", Warning, Finding, "typed 执行率 ≠ 全年执行数 / 全年预算数";
    RateMissing = "rate-missing", Warning, Finding, "an empty 执行率 on a row whose 全年执行数 / 全年预算数 give one (it prints empty; a formula without its result is filled)";
    FundsWeight = "funds-weight", Warning, Finding, "the 执行率 分值 differs from the profile's";
    ScoreMismatch = "score-mismatch", Warning, Finding, "typed 得分 ≠ the rule's score (both shown)";
    ScoreAboveWeight = "score-above-weight", Error, Finding, "得分 > 分值";
    ScoreMissing = "score-missing", Error, Finding, "an empty 得分 or 总分 on a published table (jixiao shows the rule's value)";
    ActualMissing = "actual-missing", Error, Finding, "an empty 实际完成值 (完成值) on a published table";
    InstructionText = "instruction-text", Error, Finding, "the form's own instruction or placeholder text left in a cell (…（100字以内）, （主管部门名称）)";
    ReasonMissing = "reason-missing", Warning, Finding, "得分 < 分值 with no 偏差原因分析及改进措施";
    QualitativeBand = "qualitative-band", Warning, Finding, "a 定性 score outside its band (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %)";
    WeightMissing = "weight-missing", Error, Finding, "an indicator, the 执行率 or the 总分 row without 分值 (jixiao shows the form's value)";
    SignMissing = "sign-missing", Warning, Finding, "a numeric target without 指标性质 (scored as >=)";
    ActualNotNumber = "actual-not-number", Warning, Finding, "a numeric target whose 实际完成值 is text";
    WeightsSum = "weights-sum", Error, Finding, "the 分值 (权重) do not add up to the form's total points";
    GroupPoints = "group-points", Error, Finding, "the points written in the 一级指标 labels (产出指标（60分）) do not add up to the indicators' points";
    TotalWeight = "total-weight", Error, Finding, "the 总分 row's 分值 is not the sum of the 分值 above";
    Level1Weights = "level1-weights", Warning, Finding, "a 一级指标 group's weight differs from the form's profile (产出 50, 效益 30, 满意度 10)";
    TotalMismatch = "total-mismatch", Error, Finding, "总分 ≠ the sum of the scores (the sum shown)";
    GradeFilled = "grade-filled", Note, Finding, "自评等级 left as a placeholder, filled from 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差)";
    GradeMismatch = "grade-mismatch", Warning, Finding, "a typed 自评等级 that 总分 does not give";
    DuplicateNumber = "duplicate-number", Error, Finding, "two tables with the same number (their files would have one name)";
    DuplicateIndicators = "duplicate-indicators", Warning, Finding, "a table repeats another table's indicator rows word for word";
    TemplateRows = "template-rows", Warning, Finding, "rows holding only the form's placeholders (指标1, ……) or a 二级指标 with no 三级指标: listed in one finding and left out of the packet";
    RateReasonMissing = "rate-reason-missing", Error, Finding, "执行率 below the form's line (Sichuan: 90 %) while the cell for its reason holds only the form's standing note";
    PlaceholderIndicator = "placeholder-indicator", Warning, Finding, "template rows (指标1, ……) left in";
    TargetUnnamed = "target-unnamed", Error, Finding, "a target table's 三级指标 is empty or a bare number";
    TargetValueMissing = "target-value-missing", Error, Finding, "a target table's indicator without its 指标值";
    TargetTree = "target-tree", Error, Finding, "a 一级指标 without its 二级指标 in a target table";
    TargetDropped = "target-dropped", Error, Finding, "an indicator of the spring targets is missing from the self-evaluation";
    TargetAdded = "target-added", Warning, Finding, "the self-evaluation has an indicator the spring targets do not";
    TargetChanged = "target-changed", Warning, Finding, "an indicator's 指标值 (its value, sign or unit) differs from the spring targets";
    TargetsUnmatched = "targets-unmatched", Warning, Finding, "no table of the target workbooks has this table's project";
    ActualsEqualTargets = "actuals-equal-targets", Warning, Finding, "every numeric 实际完成值 of a table equals its 指标值 exactly (`jixiao review`)";
    CopiedAcrossUnits = "copied-across-units", Warning, Finding, "two units' tables with the same indicators word for word (`jixiao review`)";
    GoalsCopiedAcrossUnits = "goals-copied-across-units", Warning, Finding, "two units' tables with the same 年度总体目标 text word for word (`jixiao review`)";
    InconsistentStandard = "inconsistent-standard", Warning, Finding, "one 三级指标 measured against a 指标值 or 度量单位 far from what the other units use (`jixiao review`)";
    FullScoreMissedTarget = "full-score-missed-target", Warning, Finding, "full 得分 on an indicator whose 实际完成值 misses its 指标值 (`jixiao review`)";
    FullMarksLowRate = "full-marks-low-rate", Warning, Finding, "a table of full marks whose 执行率 is under 90 % (`jixiao review`)";
    DepartmentHighScores = "department-high-scores", Note, Finding, "a 主管部门 whose share of full-mark tables is far above the batch's (`jixiao review`)";
    OverAchievement = "over-achievement", Note, Finding, "actual ≥ 1.2 × a `>=` target: the target may be too low";
    MissingGlyph = "missing-glyph", Error, Finding, "a character no bundled font has (name a font with `--font-path`)";
    // Reading the table.
    MissingLabel = "missing-label", Error, Finding, "a label of the published layout is missing: the table cannot be read";
    UnreadCell = "unread-cell", Error, Finding, "a figure jixiao cannot place in the table (its cell, its row's label and the labels the form expects there): it would be missing from the packet";
    UnreadText = "unread-text", Warning, Finding, "a text jixiao cannot place in the table: it is not printed";
    LabelVariant = "label-variant", Note, Finding, "a row label that is no spelling of the form's, read as the one row it shares its words with (the packet prints the form's label)";
    NumberExpected = "number-expected", Error, Finding, "text where a number belongs";
    CellError = "cell-error", Error, Finding, "a cell shows a spreadsheet error such as #DIV/0!";
    UnknownSign = "unknown-sign", Error, Finding, "a 指标性质 that is not >=, <= or =";
    NoIndicators = "no-indicators", Error, Finding, "a 绩效指标 block without indicator rows";
    NoTables = "no-tables", Error, Finding, "the workbook holds no table";
    FormulaWithoutValue = "formula-without-value", Warning, Finding, "a formula with no saved result (jixiao recomputes it)";
    SheetSkipped = "sheet-skipped", Note, Finding, "a sheet without a table (a cover page) is skipped";
    FormUndetected = "form-undetected", Error, Finding, "a sheet fits no form, or two forms equally (the candidates named)";
    // Rendering.
    Typst = "typst", Error, Finding, "the PDF template failed, or Typst warned about it (file and line of the template)";
    TypstInternal = "typst-internal", Error, Internal, "Typst itself stopped on a bug; nothing is written (`--no-tagged` may avoid it)";
    HtmlTemplate = "html-template", Error, Finding, "an HTML template failed (template and line)";
    Xlsx = "xlsx", Error, Finding, "the Excel writer refused a value (e.g. a cell over 32,767 characters)";
    DateUnknown = "date-unknown", Warning, Finding, "a date of the 更正说明 is unknown: a blank line is left to fill in";
    NothingCorrected = "nothing-corrected", Warning, Finding, "`--corrects` names a packet with the same tables: no 更正说明 is written";
    Internal = "internal", Error, Internal, "jixiao could not go on (a bug, or the system refused threads); please report it";
    // Inputs that cannot be read at all (exit 2).
    FileUnreadable = "file-unreadable", Error, Input, "the workbook cannot be opened";
    NotAWorkbook = "not-a-workbook", Error, Input, "the file is not an .xlsx, .xls or .ods workbook";
    CorruptWorkbook = "corrupt-workbook", Error, Input, "the workbook is damaged";
    PasswordProtected = "password-protected", Error, Input, "the workbook is encrypted with a password";
    TooLarge = "too-large", Error, Input, "a workbook past one of jixiao's limits (README: Limits), refused before it is read in full";
    Config = "config", Error, Input, "jixiao.toml cannot be read, or has an unknown key or a wrong value";
    NoInput = "no-input", Error, Input, "no workbook to build";
    PacketUnreadable = "packet-unreadable", Error, Input, "a packet folder without a readable model.json";
    TemplateUnreadable = "template-unreadable", Error, Input, "a template in the templates folder cannot be read";
    FormInvalid = "form-invalid", Error, Input, "a form file cannot be read, or does not fit together (file and line)";
    FormUnknown = "form-unknown", Error, Input, "`--form` or `form =` names no form there is";
    InvalidDate = "invalid-date", Error, Input, "a timestamp or date out of range (1970 to 9999) or not a date";
    // The output folder (exit 2).
    WriteFailed = "write-failed", Error, Output, "the packet cannot be written; the previous packet is unchanged";
}

impl Code {
    /// What the code names, in a few words: the headline of a finding where finance staff read
    /// it (`jixiao serve`, the user guide), from the catalogue (`code-NAME`).
    pub fn title(self) -> String {
        self.title_in(crate::i18n::current())
    }
    pub fn title_in(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::text_in(lang, &format!("code-{}", self.as_str()), &[])
    }
    /// What to do about a finding of this code, for finance staff (the web page shows it above
    /// the finding's own message and hint), from the catalogue (`advice-NAME`).
    pub fn advice(self) -> String {
        crate::i18n::text(&format!("advice-{}", self.as_str()), &[])
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{s}`")))
    }
}

/// The README's table of codes, as the registry says them.
pub fn codes_markdown() -> String {
    let mut s = String::from("| code | severity | exit | 中文 | what |\n|---|---|---|---|---|\n");
    for c in Code::ALL {
        let exit = match c.severity() {
            Severity::Error => c.kind().exit_code().to_string(),
            _ => "—".into(),
        };
        let title = c.title_in(crate::i18n::Lang::Zh);
        s.push_str(&format!("| `{}` | {} | {} | {} | {} |\n", c.as_str(), c.severity(), exit, title, c.summary()));
    }
    s
}

/// The user guide's table of codes (docs/用户手册.md), in the current language: each code, its
/// severity, what it names and what to do about it.
pub fn guide_markdown() -> String {
    let mut s = format!(
        "| {} | {} | {} | {} |\n|---|---|---|---|\n",
        crate::t!("guide-code"),
        crate::t!("guide-severity"),
        crate::t!("guide-title"),
        crate::t!("guide-advice")
    );
    for c in Code::ALL {
        let severity = c.severity().label();
        s.push_str(&format!("| `{}` | {} | {} | {} |\n", c.as_str(), severity, c.title(), c.advice()));
    }
    s
}

/// Where a finding points: a workbook's sheet and cell (and which table of the packet), or a
/// place that is no workbook (`jixiao.toml:2`, a template, a folder) in `file` alone. Printed,
/// and in JSON, as `file!sheet!C7` (shorter where the sheet or cell is unknown); the web page
/// reads its parts, never the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The workbook's file name, or the path (with its line) of a place that is no workbook.
    pub file: String,
    pub sheet: Option<String>,
    /// `C7`
    pub cell: Option<String>,
    /// The table's index in the packet, where the finding is about one table.
    pub table: Option<usize>,
}

impl Location {
    /// A place in a workbook; an empty sheet name is none.
    pub fn cell(file: &str, sheet: &str, cell: Option<&str>) -> Location {
        Location {
            file: file.to_string(),
            sheet: (!sheet.is_empty()).then(|| sheet.to_string()),
            cell: cell.map(str::to_string),
            table: None,
        }
    }

    /// The same place, about table `k` of the packet.
    pub fn in_table(mut self, k: usize) -> Location {
        self.table = Some(k);
        self
    }
}

impl From<String> for Location {
    fn from(file: String) -> Location {
        Location { file, ..Location::default() }
    }
}

impl From<&str> for Location {
    fn from(file: &str) -> Location {
        Location::from(file.to_string())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        for part in [&self.sheet, &self.cell].into_iter().flatten() {
            write!(f, "!{part}")?;
        }
        Ok(())
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read back from its text (a report saved as JSON): `file!sheet!C7`, the last part a cell
/// when it reads as one.
impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mut parts: Vec<&str> = text.split('!').collect();
        let file = parts.remove(0).to_string();
        let cell = match parts.last() {
            Some(c) if parts.len() >= 2 && is_cell(c) => parts.pop().map(str::to_string),
            _ => None,
        };
        let sheet = (!parts.is_empty()).then(|| parts.join("!"));
        Ok(Location { file, sheet, cell, table: None })
    }
}

/// `C7`, `AA10`: a cell's name as findings write it.
fn is_cell(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=3).contains(&letters) && s.len() > letters && s[letters..].bytes().all(|b| b.is_ascii_digit())
}

/// One finding: its code, where it is, the table it belongs to, and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Where: printed `file!sheet!C7`, or shorter when the cell (or sheet) is unknown. Boxed: a
    /// finding travels in every `Result` of the pipeline, and most have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Box<Location>>,
    /// The table number (公开12表-1) the finding belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with its code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: code.severity(), code, location: None, table: None, message: message.into(), hint: None }
    }
    /// The same diagnostic at another severity (Typst's warnings).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn at(mut self, location: impl Into<Location>) -> Self {
        self.location = Some(Box::new(location.into()));
        self
    }
    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location.map(Box::new);
        self
    }
    /// The finding's cell (`C7`), when it names one.
    pub fn cell(&self) -> Option<&str> {
        self.location.as_ref().and_then(|l| l.cell.as_deref())
    }
    pub fn in_table(mut self, number: &str) -> Self {
        self.table = Some(number.to_string());
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A place in a workbook (printed `file!sheet!cell`); parts that are unknown are left off.
pub fn location(file: &str, sheet: &str, cell: Option<&str>) -> Location {
    Location::cell(file, sheet, cell)
}

/// The findings of one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for Report {
    fn from(d: Diagnostic) -> Self {
        Report { diagnostics: vec![d] }
    }
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
    pub fn extend(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
    pub fn with_code(&self, code: Code) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }
    /// 0 when nothing fails the run; else the exit code of the gravest error's kind (2 for an
    /// input or output that cannot be read or written, 1 for findings). With `deny_warnings`,
    /// warnings fail the run too (exit 1).
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        let errors = self.diagnostics.iter().filter(|d| d.severity == Severity::Error);
        match errors.map(|d| d.code.kind().exit_code()).max() {
            Some(code) => code,
            None if deny_warnings && self.count(Severity::Warning) > 0 => 1,
            None => 0,
        }
    }
    /// `1 error, 0 warnings, 10 notes`.
    pub fn summary(&self) -> String {
        Findings::of(self).to_string()
    }
}

/// Findings gathered as people read them: those of one code and severity about one table
/// together, in the order of the first of each (a finding about no table stays alone). The
/// command line prints each group as one finding listing its cells, the web page likewise; JSON
/// keeps one finding a cell.
pub fn group_findings<T>(items: Vec<T>, finding: impl Fn(&T) -> &Diagnostic) -> Vec<Vec<T>> {
    let mut groups: Vec<Vec<T>> = Vec::new();
    for item in items {
        let d = finding(&item);
        // The table by its number, or by its index where a reading finding names no number.
        let table = |d: &Diagnostic| (d.table.clone(), d.location.as_ref().and_then(|l| l.table));
        let about = table(d);
        let same = |g: &Vec<T>| {
            let first = finding(&g[0]);
            about != (None, None) && table(first) == about && first.code == d.code && first.severity == d.severity
        };
        match groups.iter().position(same) {
            Some(k) => groups[k].push(item),
            None => groups.push(vec![item]),
        }
    }
    groups
}

/// How many findings of each severity a report holds (a packet's manifest keeps them, for a
/// build with nothing to do to report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Findings {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Findings {
    pub fn of(report: &Report) -> Findings {
        Findings {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            notes: report.count(Severity::Note),
        }
    }
}

/// `1 error, 0 warnings, 10 notes`.
impl std::fmt::Display for Findings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!("findings-summary", errors = self.errors, warnings = self.warnings, notes = self.notes))
    }
}

/// How many [`contain`] calls are running: while one is, a panic is the containing call's to
/// report, and the panic hook (main.rs) stays quiet.
static CONTAINING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `f`, turning a panic inside it (a bug in a library, reached by a damaged file or an
/// unlucky page break) into `Err` with the panic's message, so that the build can stop with a
/// diagnostic and leave the previous packet as it was.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    use std::sync::atomic::Ordering;
    CONTAINING.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINING.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown panic".into())
    })
}

/// Whether a panic now is one a [`contain`] call reports (the panic hook then says nothing).
pub fn panic_is_contained() -> bool {
    CONTAINING.load(std::sync::atomic::Ordering::SeqCst) > 0
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_code_has_its_title_and_advice_in_both_languages() {
        use crate::i18n::{has, Lang};
        for c in Code::ALL {
            for l in Lang::ALL {
                for key in [format!("code-{c}"), format!("advice-{c}")] {
                    assert!(has(l, &key), "{key} in {l}");
                }
            }
        }
        assert_eq!(Code::FundsSum.title_in(Lang::Zh), "资金合计不等于分项之和");
        assert_eq!(Code::FundsSum.title_in(Lang::En), "A funds total is not the sum of its rows");
    }

    use super::*;

    #[test]
    fn every_code_has_a_unique_name_that_round_trips_through_json() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for c in Code::ALL {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), *c);
        }
    }

    #[test]
    fn locations_print_and_read_back_as_file_sheet_cell() {
        let l = Location::cell("seed.xlsx", "公开12表-2", Some("D6"));
        assert_eq!(l.to_string(), "seed.xlsx!公开12表-2!D6");
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(serde_json::from_str::<Location>(&json).unwrap(), l);
        // A sheet name with a `!` in it, and a sheet without a cell.
        let odd = Location::cell("a.xlsx", "表!1", Some("C7"));
        assert_eq!(serde_json::from_str::<Location>(&serde_json::to_string(&odd).unwrap()).unwrap(), odd);
        let sheet = Location::cell("a.xlsx", "封面", None);
        assert_eq!(serde_json::from_str::<Location>(&serde_json::to_string(&sheet).unwrap()).unwrap(), sheet);
        assert_eq!(Location::from("jixiao.toml:2").to_string(), "jixiao.toml:2");
    }

    #[test]
    fn exit_codes_follow_the_gravest_error_kind() {
        let r = |codes: &[Code]| Report { diagnostics: codes.iter().map(|c| Diagnostic::new(*c, "")).collect() };
        assert_eq!(r(&[Code::GradeFilled]).exit_code(false), 0);
        assert_eq!(r(&[Code::DuplicateIndicators]).exit_code(false), 0);
        assert_eq!(r(&[Code::DuplicateIndicators]).exit_code(true), 1);
        assert_eq!(r(&[Code::TotalMismatch]).exit_code(false), 1);
        assert_eq!(r(&[Code::TotalMismatch, Code::NotAWorkbook]).exit_code(false), 2);
        assert_eq!(r(&[Code::WriteFailed]).exit_code(false), 2);
        // A Typst warning is a warning, whatever its code's default.
        let w = Report::from(Diagnostic::new(Code::Typst, "").with_severity(Severity::Warning));
        assert_eq!(w.exit_code(false), 0);
    }
}
