//! Forms as data: each province's 项目支出绩效自评表 (its title, blocks, labels, columns and
//! scoring profile) is a TOML file. The built-in forms are embedded; a `forms/` folder beside
//! jixiao.toml adds forms and replaces built-in ones, file by file, as templates are. Ingest, the
//! checks and every renderer read a table through its form.

mod detect;
pub mod fields;
pub mod labels;
mod profile;
pub mod spec;

pub use detect::Detection;
pub use fields::IndicatorField;
pub use labels::{label_is, label_key, label_matches};
pub use profile::{GradeBand, LevelWeight, Profile, QualitativeBands};
pub use spec::{
    Align, Block, Cell, Column, FormSpec, FundRowSpec, FundValue, FundsBlock, IndicatorsBlock, Label, RowsBlock, Signs,
    TableKind, TotalBlock,
};

use crate::diag::{Code, Diagnostic};
use crate::t;
use std::path::Path;

/// The built-in forms: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("yunnan-2021.toml", include_str!("builtin/yunnan-2021.toml")),
    ("national-2020.toml", include_str!("builtin/national-2020.toml")),
    ("sichuan-2023.toml", include_str!("builtin/sichuan-2023.toml")),
    ("hubei-2020.toml", include_str!("builtin/hubei-2020.toml")),
    ("hunan-county-2020.toml", include_str!("builtin/hunan-county-2020.toml")),
    ("wuhan-targets-2020.toml", include_str!("builtin/wuhan-targets-2020.toml")),
];

/// The form of a table whose workbook says nothing else, and of jixiao's own examples.
pub const DEFAULT: &str = "yunnan-2021";

/// A form, read and checked.
#[derive(Debug, Clone)]
pub struct Form {
    pub spec: FormSpec,
    /// Where it was read from: `built-in`, or the user's file.
    pub origin: String,
    /// SHA-256 of the text it was read from: a build whose forms hash the same as the last one's
    /// (and whose inputs and settings do too) has nothing to do.
    pub source: String,
}

impl std::ops::Deref for Form {
    type Target = FormSpec;
    fn deref(&self) -> &FormSpec {
        &self.spec
    }
}

/// The model's own fields a `rows` cell may name; any other field name is a text of the form's
/// own (kept in the table's `texts`).
pub const MODEL_FIELDS: &[&str] = &["project", "department", "implementer", "expected", "achieved", "other_matters"];

impl Form {
    /// Reads and checks a form file's text; `file` names it in errors (with the line).
    pub fn parse(text: &str, file: &str, origin: &str) -> Result<Form, Diagnostic> {
        let spec: FormSpec = toml::from_str(text).map_err(|e| {
            let line =
                e.span().map(|s| error_at(text, s.start, e.message())).map(|at| text[..at].matches('\n').count() + 1);
            invalid(e.message().to_string(), file, line)
        })?;
        let source = crate::hash::sha256_hex(text.as_bytes());
        let mut form = Form { spec, origin: origin.to_string(), source };
        form.spec.profile.name = form.spec.name.clone();
        validate::check(&form.spec).map_err(|(message, key)| {
            let line = key.and_then(|k| text.find(&k)).map(|at| text[..at].matches('\n').count() + 1);
            invalid(message, file, line)
        })?;
        Ok(form)
    }

    /// Every label the form prints in its grid, with its other spellings: the blocks' labels and
    /// heads, the rows' labels, the columns, the funds rows, the header groups, the numbering
    /// (公开12表) and a graded form's 自评等级 placeholder. What a sheet's labels are matched against
    /// when its form is detected, and what the cell accounting counts as the form's own words.
    pub fn labels(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = self.blocks.iter().flat_map(Block::labels).collect();
        out.extend(self.title.number.iter().map(|n| (n.clone(), vec![])));
        if self.has_grade() {
            out.push(("自评等级".into(), vec!["(自评等级)".into()]));
        }
        out
    }

    /// Whether a cell's text is one of the form's standing texts (Sichuan's note in 原因): the
    /// form prints it, so it is neither the unit's words nor a left-over instruction.
    pub fn standing_text(&self, text: &str) -> Option<&spec::Standing> {
        let key = labels::label_key(text);
        self.standing.iter().find(|s| {
            let k = labels::label_key(&s.text);
            !k.is_empty() && key.starts_with(&k)
        })
    }

    /// The grid's number of columns.
    /// Whether `text` (a cell's, normalized) begins the lines under the table: the form's notes
    /// label, alone or before a colon (a one-character label such as 注 only so: 注册 is no note).
    pub fn is_notes_label(&self, text: &str) -> bool {
        let Some(rest) = text.strip_prefix(self.notes.as_str()) else { return false };
        rest.is_empty() || rest.starts_with([':', '：']) || self.notes.chars().count() > 1
    }

    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The funds block (a validated form has exactly one).
    pub fn funds(&self) -> &FundsBlock {
        static NONE: FundsBlock = FundsBlock {
            label: None,
            head: None,
            head_span: None,
            columns: Vec::new(),
            funds: Vec::new(),
            unscored: None,
            merge_unscored: false,
            rate_decimals: None,
        };
        self.blocks.iter().find_map(|b| if let Block::Funds(f) = b { Some(f) } else { None }).unwrap_or(&NONE)
    }

    /// The indicators block (a validated form has exactly one).
    pub fn indicators(&self) -> &IndicatorsBlock {
        static NONE: IndicatorsBlock =
            IndicatorsBlock { label: None, columns: Vec::new(), groups: Vec::new(), repeat_header: None };
        self.blocks.iter().find_map(|b| if let Block::Indicators(i) = b { Some(i) } else { None }).unwrap_or(&NONE)
    }

    /// The total row (a validated form has exactly one).
    pub fn total(&self) -> &TotalBlock {
        static NONE: TotalBlock = TotalBlock { label: Label::Text(String::new()), grade: false };
        self.blocks.iter().find_map(|b| if let Block::Total(t) = b { Some(t) } else { None }).unwrap_or(&NONE)
    }

    /// The rows blocks, top to bottom.
    pub fn rows_blocks(&self) -> impl Iterator<Item = &RowsBlock> {
        self.blocks.iter().filter_map(|b| if let Block::Rows(r) = b { Some(r) } else { None })
    }

    /// The indicators' column holding `value`, if the form has one.
    pub fn indicator_column(&self, value: IndicatorField) -> Option<&Column<IndicatorField>> {
        self.indicators().columns.iter().find(|c| c.value == value)
    }

    /// Whether the form scores its tables (it has a 总分 row); one that does not has no 分值,
    /// 得分 or grade, and its checks are all but the scoring ones.
    pub fn scored(&self) -> bool {
        self.blocks.iter().any(|b| matches!(b, Block::Total(_)))
    }

    /// Whether each indicator has a 分值 of its own (a weight column); else the form gives its
    /// points to the groups (湖北: 产出指标（40分）) and a row's 得分 is the unit's to give.
    pub fn weighs_indicators(&self) -> bool {
        self.indicator_column(IndicatorField::Weight).is_some()
    }

    /// Whether the form prints a 自评等级.
    pub fn has_grade(&self) -> bool {
        self.total().grade
    }

    /// The money unit printed in a label: `项目资金\n（{unit}）` → `项目资金\n（万元）`.
    pub fn with_unit(&self, label: &str, unit: Option<&str>) -> String {
        label.replace("{unit}", unit.unwrap_or(&self.money_unit))
    }
}

/// Where in `text` an error that TOML places at `start` is. A block is read by its `kind`, so
/// TOML cannot place an error inside one: the block that fails, read alone, is found instead,
/// and in it the unknown value or key the message names.
fn error_at(text: &str, start: usize, message: &str) -> usize {
    let failing = toml::from_str::<toml::Table>(text).ok().and_then(|table| {
        let blocks = table.get("blocks")?.as_array()?;
        blocks.iter().position(|b| b.clone().try_into::<Block>().is_err())
    });
    let start = failing.and_then(|i| text.match_indices("[[blocks]]").nth(i)).map_or(start, |(at, _)| at);
    let named = |prefix: &str| message.split(prefix).nth(1).and_then(|rest| rest.split('`').next());
    let found = if let Some(v) = named("unknown variant `") {
        text[start..].find(&format!("\"{v}\""))
    } else if let Some(k) = named("unknown field `") {
        text[start..].find(&format!("\n{k} =")).or_else(|| text[start..].find(&format!("\n{k}="))).map(|at| at + 1)
    } else {
        None
    };
    found.map_or(start, |at| start + at)
}

fn invalid(message: String, file: &str, line: Option<usize>) -> Diagnostic {
    let at = match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    };
    Diagnostic::new(Code::FormInvalid, message).at(at).hint(t!("form-invalid-hint"))
}

/// The forms in force: the built-in ones, then the user's from a `forms/` folder (a file with a
/// built-in's name replaces it).
#[derive(Debug, Clone)]
pub struct Forms {
    forms: Vec<Form>,
    /// Their labels normalized, made at the first sheet that needs them.
    detector: std::sync::OnceLock<detect::Detector>,
}

impl Forms {
    /// The built-in forms alone (parsed once per process).
    pub fn builtin() -> &'static Forms {
        static BUILT_IN: std::sync::OnceLock<Forms> = std::sync::OnceLock::new();
        BUILT_IN.get_or_init(|| {
            Forms::new(
                BUILTIN
                    .iter()
                    .map(|(file, text)| Form::parse(text, file, "built-in").unwrap_or_else(|d| panic!("{}", d.message)))
                    .collect(),
            )
        })
    }

    /// The built-in forms and those of `dir` (`forms/` beside jixiao.toml), when it exists.
    pub fn load(dir: Option<&Path>) -> Result<Forms, Diagnostic> {
        let Some(dir) = dir.filter(|d| d.is_dir()) else { return Ok(Forms::builtin().clone()) };
        let mut forms = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| {
                Diagnostic::new(Code::FormInvalid, t!("cannot-read-forms", error = e)).at(dir.display().to_string())
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Diagnostic::new(Code::FormInvalid, t!("cannot-read-form", error = e)).at(shown.clone()))?;
            let form = Form::parse(&text, &shown, &shown)?;
            forms.push(form);
        }
        Ok(Forms::with(forms))
    }

    /// The built-in forms and `extra`; one with a built-in's name replaces it.
    pub fn with(extra: Vec<Form>) -> Forms {
        let mut forms = Forms::builtin().forms.clone();
        for form in extra {
            match forms.iter_mut().find(|f| f.name == form.name) {
                Some(f) => *f = form,
                None => forms.push(form),
            }
        }
        Forms::new(forms)
    }

    fn new(forms: Vec<Form>) -> Forms {
        Forms { forms, detector: Default::default() }
    }

    /// SHA-256 of every form in force, by name and text.
    pub fn fingerprint(&self) -> String {
        let all: String = self.forms.iter().map(|f| format!("{}\0{}\0", f.name, f.source)).collect();
        crate::hash::sha256_hex(all.as_bytes())
    }

    /// The form of a sheet whose text cells (normalized) are `cells`.
    pub fn detect(&self, cells: &[String]) -> Detection<'_> {
        self.detector.get_or_init(|| detect::Detector::new(self)).detect(cells, self)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Form> {
        self.forms.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.name == name)
    }

    /// The form named `name`, or the default one (a table read before forms were named).
    pub fn of(&self, name: &str) -> &Form {
        self.get(name).unwrap_or_else(|| self.default_form())
    }

    pub fn default_form(&self) -> &Form {
        self.get(DEFAULT).unwrap_or(&self.forms[0])
    }

    /// The form `name`, or an error listing the forms there are.
    pub fn named(&self, name: &str) -> Result<&Form, Diagnostic> {
        self.get(name).ok_or_else(|| {
            let names: Vec<&str> = self.forms.iter().map(|f| f.name.as_str()).collect();
            Diagnostic::new(Code::FormUnknown, t!("form-unknown", name = name))
                .hint(t!("form-unknown-hint", forms = names.join(&t!("list-sep"))))
        })
    }
}

mod validate;
