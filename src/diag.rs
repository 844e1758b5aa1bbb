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

/// Declares the registry: each code once, with its name, default severity, kind, Chinese title
/// and meaning.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $kind:ident, $title:literal, $what:literal;)*) => {
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
            /// What the code names, in a few words of Chinese: the headline of a finding
            /// where finance staff read it (`jixiao serve`).
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
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
    FundsSum = "funds-sum", Error, Finding, "资金合计不等于分项之和", "年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金 in a column";
    RateMismatch = "rate-mismatch", Warning, Finding, "执行率与执行数/预算数不符", "typed 执行率 ≠ 全年执行数 / 全年预算数";
    RateMissing = "rate-missing", Warning, Finding, "执行率为空", "an empty 执行率 on a row whose 全年执行数 / 全年预算数 give one (it prints empty; a formula without its result is filled)";
    FundsWeight = "funds-weight", Warning, Finding, "执行率分值与标准不同", "the 执行率 分值 differs from the profile's";
    ScoreMismatch = "score-mismatch", Warning, Finding, "得分与评分规则算出的不符", "typed 得分 ≠ the rule's score (both shown)";
    ScoreAboveWeight = "score-above-weight", Error, Finding, "得分超过分值", "得分 > 分值";
    ScoreMissing = "score-missing", Error, Finding, "得分或总分为空", "an empty 得分 or 总分 on a published table (jixiao shows the rule's value)";
    ActualMissing = "actual-missing", Error, Finding, "实际完成值为空", "an empty 实际完成值 (完成值) on a published table";
    InstructionText = "instruction-text", Error, Finding, "单元格里留着表样的说明文字", "the form's own instruction or placeholder text left in a cell (…（100字以内）, （主管部门名称）)";
    ReasonMissing = "reason-missing", Warning, Finding, "扣分但未说明偏差原因", "得分 < 分值 with no 偏差原因分析及改进措施";
    QualitativeBand = "qualitative-band", Warning, Finding, "定性指标得分不在档次范围内", "a 定性 score outside its band (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %)";
    WeightMissing = "weight-missing", Error, Finding, "指标没有分值", "an indicator, the 执行率 or the 总分 row without 分值 (jixiao shows the form's value)";
    SignMissing = "sign-missing", Warning, Finding, "数值指标缺指标性质", "a numeric target without 指标性质 (scored as >=)";
    ActualNotNumber = "actual-not-number", Warning, Finding, "数值指标的实际完成值是文字", "a numeric target whose 实际完成值 is text";
    WeightsSum = "weights-sum", Error, Finding, "分值（权重）合计不等于总分", "the 分值 (权重) do not add up to the form's total points";
    GroupPoints = "group-points", Error, Finding, "一级指标标注的分数合计不符", "the points written in the 一级指标 labels (产出指标（60分）) do not add up to the indicators' points";
    TotalWeight = "total-weight", Error, Finding, "总分行的分值不等于各项之和", "the 总分 row's 分值 is not the sum of the 分值 above";
    Level1Weights = "level1-weights", Warning, Finding, "一级指标权重与标准不同", "a 一级指标 group's weight differs from the form's profile (产出 50, 效益 30, 满意度 10)";
    TotalMismatch = "total-mismatch", Error, Finding, "总分不等于各项得分之和", "总分 ≠ the sum of the scores (the sum shown)";
    GradeFilled = "grade-filled", Note, Finding, "自评等级已按总分填上", "自评等级 left as a placeholder, filled from 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差)";
    GradeMismatch = "grade-mismatch", Warning, Finding, "自评等级与总分不符", "a typed 自评等级 that 总分 does not give";
    DuplicateNumber = "duplicate-number", Error, Finding, "两张表的表号相同", "two tables with the same number (their files would have one name)";
    DuplicateIndicators = "duplicate-indicators", Warning, Finding, "绩效指标与另一张表逐字相同（疑似复制粘贴）", "a table repeats another table's indicator rows word for word";
    TemplateRows = "template-rows", Warning, Finding, "留有表样的示例行或空的二级指标行（已从公开文件中略去）", "rows holding only the form's placeholders (指标1, ……) or a 二级指标 with no 三级指标: listed in one finding and left out of the packet";
    RateReasonMissing = "rate-reason-missing", Error, Finding, "执行率未达标准却未说明原因", "执行率 below the form's line (Sichuan: 90 %) while the cell for its reason holds only the form's standing note";
    PlaceholderIndicator = "placeholder-indicator", Warning, Finding, "留有模板示例行（指标1、……）", "template rows (指标1, ……) left in";
    TargetUnnamed = "target-unnamed", Error, Finding, "三级指标未命名或只写了数字", "a target table's 三级指标 is empty or a bare number";
    TargetValueMissing = "target-value-missing", Error, Finding, "指标值为空", "a target table's indicator without its 指标值";
    TargetTree = "target-tree", Error, Finding, "指标体系不完整（一级指标下缺二级指标）", "a 一级指标 without its 二级指标 in a target table";
    TargetDropped = "target-dropped", Error, Finding, "年初绩效目标中的指标未在自评表中反映", "an indicator of the spring targets is missing from the self-evaluation";
    TargetAdded = "target-added", Warning, Finding, "自评表新增了年初绩效目标中没有的指标", "the self-evaluation has an indicator the spring targets do not";
    TargetChanged = "target-changed", Warning, Finding, "指标值与年初绩效目标不一致", "an indicator's 指标值 (its value, sign or unit) differs from the spring targets";
    TargetsUnmatched = "targets-unmatched", Warning, Finding, "找不到对应的绩效目标表", "no table of the target workbooks has this table's project";
    OverAchievement = "over-achievement", Note, Finding, "实际完成值远超指标值（目标可能定得过低）", "actual ≥ 1.2 × a `>=` target: the target may be too low";
    MissingGlyph = "missing-glyph", Error, Finding, "有字体中没有的字", "a character no bundled font has (name a font with `--font-path`)";
    // Reading the table.
    MissingLabel = "missing-label", Error, Finding, "缺少表样中的栏目，无法读出这张表", "a label of the published layout is missing: the table cannot be read";
    UnreadCell = "unread-cell", Error, Finding, "有数字没有读进表中", "a figure jixiao cannot place in the table (its cell, its row's label and the labels the form expects there): it would be missing from the packet";
    UnreadText = "unread-text", Warning, Finding, "有文字没有读进表中", "a text jixiao cannot place in the table: it is not printed";
    LabelVariant = "label-variant", Note, Finding, "栏目名称与表样不同，已按最接近的栏目读入", "a row label that is no spelling of the form's, read as the one row it shares its words with (the packet prints the form's label)";
    NumberExpected = "number-expected", Error, Finding, "应填数字的地方填了文字", "text where a number belongs";
    CellError = "cell-error", Error, Finding, "单元格显示错误值（如 #DIV/0!）", "a cell shows a spreadsheet error such as #DIV/0!";
    UnknownSign = "unknown-sign", Error, Finding, "指标性质不是 >=、<= 或 =", "a 指标性质 that is not >=, <= or =";
    NoIndicators = "no-indicators", Error, Finding, "绩效指标部分没有指标行", "a 绩效指标 block without indicator rows";
    NoTables = "no-tables", Error, Finding, "工作簿中没有绩效自评表", "the workbook holds no table";
    FormulaWithoutValue = "formula-without-value", Warning, Finding, "公式没有保存计算结果（已重新计算）", "a formula with no saved result (jixiao recomputes it)";
    SheetSkipped = "sheet-skipped", Note, Finding, "跳过了不是自评表的工作表", "a sheet without a table (a cover page) is skipped";
    FormUndetected = "form-undetected", Error, Finding, "认不出这张表用的表样", "a sheet fits no form, or two forms equally (the candidates named)";
    // Rendering.
    Typst = "typst", Error, Finding, "PDF 模板出错", "the PDF template failed, or Typst warned about it (file and line of the template)";
    TypstInternal = "typst-internal", Error, Internal, "排版程序内部出错", "Typst itself stopped on a bug; nothing is written (`--no-tagged` may avoid it)";
    HtmlTemplate = "html-template", Error, Finding, "网页模板出错", "an HTML template failed (template and line)";
    Xlsx = "xlsx", Error, Finding, "Excel 文件写不进这个值", "the Excel writer refused a value (e.g. a cell over 32,767 characters)";
    DateUnknown = "date-unknown", Warning, Finding, "更正说明的日期未知，留空待填", "a date of the 更正说明 is unknown: a blank line is left to fill in";
    NothingCorrected = "nothing-corrected", Warning, Finding, "与已公开的表相同，没有更正", "`--corrects` names a packet with the same tables: no 更正说明 is written";
    Internal = "internal", Error, Internal, "jixiao 内部出错", "jixiao could not go on (a bug, or the system refused threads); please report it";
    // Inputs that cannot be read at all (exit 2).
    FileUnreadable = "file-unreadable", Error, Input, "工作簿打不开", "the workbook cannot be opened";
    NotAWorkbook = "not-a-workbook", Error, Input, "不是 .xlsx、.xls 或 .ods 工作簿", "the file is not an .xlsx, .xls or .ods workbook";
    CorruptWorkbook = "corrupt-workbook", Error, Input, "工作簿已损坏", "the workbook is damaged";
    PasswordProtected = "password-protected", Error, Input, "工作簿设了密码", "the workbook is encrypted with a password";
    TooLarge = "too-large", Error, Input, "工作簿超出 jixiao 的处理上限", "a workbook past one of jixiao's limits (README: Limits), refused before it is read in full";
    Config = "config", Error, Input, "jixiao.toml 有误", "jixiao.toml cannot be read, or has an unknown key or a wrong value";
    NoInput = "no-input", Error, Input, "没有指定工作簿", "no workbook to build";
    PacketUnreadable = "packet-unreadable", Error, Input, "公开文件夹中没有可读的 model.json", "a packet folder without a readable model.json";
    TemplateUnreadable = "template-unreadable", Error, Input, "模板文件读不出来", "a template in the templates folder cannot be read";
    FormInvalid = "form-invalid", Error, Input, "表样定义文件有误", "a form file cannot be read, or does not fit together (file and line)";
    FormUnknown = "form-unknown", Error, Input, "没有这个表样", "`--form` or `form =` names no form there is";
    InvalidDate = "invalid-date", Error, Input, "日期或时间超出范围", "a timestamp or date out of range (1970 to 9999) or not a date";
    // The output folder (exit 2).
    WriteFailed = "write-failed", Error, Output, "公开文件写不进去", "the packet cannot be written; the previous packet is unchanged";
}

impl Code {
    /// What to do about a finding of this code, in Chinese, for finance staff (`jixiao serve`
    /// shows it under the finding's own, more precise English hint).
    pub fn advice(self) -> &'static str {
        match self {
            Code::FundsSum => "核对“年度资金总额”一行：它应等于当年财政拨款、上年结转资金、其他资金三行之和。",
            Code::RateMismatch => "执行率应为全年执行数 ÷ 全年预算数；改正执行率或执行数、预算数。",
            Code::RateMissing => "填上执行率（全年执行数 ÷ 全年预算数）；jixiao 不替单位填写，公开文件中这一格照原样留空。",
            Code::FundsWeight => "确认执行率的分值是否按本地规定（如 10 分）填写。",
            Code::ScoreMismatch => "按评分规则核对得分；页面给出了规则算出的分数。",
            Code::ScoreAboveWeight => "得分不能超过该指标的分值，请改正得分。",
            Code::ScoreMissing => "填上得分或总分；jixiao 在公开文件中显示按规则算出的分数。",
            Code::ActualMissing => "填上实际完成值；公开的表不能留空。",
            Code::InstructionText => {
                "删去表样里的说明或占位文字（如“（100字以内）”“（主管部门名称）”），换成本单位的内容。"
            }
            Code::ReasonMissing => "扣了分的指标要在“偏差原因分析及改进措施”中说明原因。",
            Code::QualitativeBand => "定性指标的得分应落在所评档次（达成、部分达成、未达成）对应的范围内。",
            Code::WeightMissing => "给每个指标、执行率和总分一行填上分值。",
            Code::SignMissing => "填上指标性质（>=、<= 或 =）；未填时按 >= 计分。",
            Code::ActualNotNumber => "数值指标的实际完成值应填数字，单位写在“度量单位”一栏。",
            Code::WeightsSum => "各项分值（权重）加起来应等于表样规定的总分（通常 100 分）。",
            Code::GroupPoints => "一级指标标注的分数（如“产出指标（60分）”）应等于其下各指标分值之和。",
            Code::TotalWeight => "总分行的分值应等于上面各项分值之和。",
            Code::Level1Weights => "核对各一级指标的权重是否符合本地规定。",
            Code::TotalMismatch => "总分应等于执行率得分与各指标得分之和；页面给出了合计。",
            Code::GradeFilled => "无需处理：jixiao 已按总分和表样的分档填上自评等级（分档见下方说明）。",
            Code::GradeMismatch => "自评等级应是总分按表样分档得出的等级（分档见下方说明）。",
            Code::DuplicateNumber => "每张表的表号要不同，否则文件会重名。",
            Code::DuplicateIndicators => {
                "这张表的绩效指标与另一张逐字相同，多半是复制后忘了改，请填上本项目自己的指标。"
            }
            Code::TemplateRows => "删去表样留下的示例行（指标1、指标2、……）和没有三级指标的二级指标行；公开文件中已略去这些行。",
            Code::RateReasonMissing => "执行率低于表样规定的标准，请在“原因”一栏写明原因，替换表样自带的说明文字。",
            Code::UnreadCell => "这个数字没有读进表中，公开文件里不会有它：把所在行或列的名称改成表样的写法，或删去多余的数字。",
            Code::UnreadText => "这段文字没有读进表中，公开文件里不会有它：移到表样中对应的栏目，或删去。",
            Code::LabelVariant => "无需处理：这一行的名称与表样写法不同，已按最接近的一行读入，公开文件中印表样的名称；读错了请改成表样的写法。",
            Code::TargetUnnamed => "写明三级指标的名称（如“培训人次”），不要只填数字。",
            Code::TargetValueMissing => "为每个指标填上指标值：可量化的写数值和单位（如 ≥90%），定性的写清楚达到的程度。",
            Code::TargetTree => "补全指标体系：每个一级指标下至少设一个二级指标，每个二级指标下设三级指标。",
            Code::TargetDropped => "自评应对照年初设定的绩效目标：把这个指标补回自评表，并填写完成情况；确已调整的，说明调整依据。",
            Code::TargetAdded => "核对这个指标是否在年初目标中以其他名称出现；新增指标应说明理由。",
            Code::TargetChanged => "自评表中的指标值应与年初批复的绩效目标一致；确需调整的，请附调整依据。",
            Code::TargetsUnmatched => "确认目标表中的项目名称与自评表一致，或补上这个项目的绩效目标表。",
            Code::PlaceholderIndicator => "删去模板里的示例行（指标1、……），或换成实际指标。",
            Code::OverAchievement => "仅供参考：实际完成值远超指标值，年初目标可能定得过低；得分按所填保留。",
            Code::MissingGlyph => "有字在随附字体中没有；换成常用字，或用 --font-path 指定含这个字的字体。",
            Code::MissingLabel => "这张表缺了表样的栏目名称（如“项目名称”），无法读出；对照表样补上。",
            Code::NumberExpected => "这一格应填数字：只填数，不带单位或文字（如 213.37），或者留空。",
            Code::CellError => "单元格里是公式错误（如 #DIV/0!、#REF!），在 Excel 或 WPS 中改正公式。",
            Code::UnknownSign => "指标性质只能是 >=、<= 或 =。",
            Code::NoIndicators => "在绩效指标部分填上指标行。",
            Code::NoTables => "每张自评表放在单独的工作表上，以“项目名称”开头；jixiao init 可生成空白表。",
            Code::FormulaWithoutValue => {
                "无需处理：公式没有保存结果，jixiao 已重新计算；在 Excel 或 WPS 中打开并保存一次即可消除。"
            }
            Code::SheetSkipped => "无需处理：这张工作表（如封面）不是自评表，已跳过。",
            Code::FormUndetected => "认不出表样：在上传页选择表样，或核对表中的栏目名称。",
            Code::Typst => "PDF 模板出错：如用了自己的模板，请对照内置模板检查。",
            Code::TypstInternal => "排版程序内部出错：请把工作簿报告给维护者；改用横向或缩短文字有时可以避开。",
            Code::HtmlTemplate => "网页模板出错：如用了自己的模板，请对照内置模板检查。",
            Code::Xlsx => "某格内容超出 Excel 的限制（如超过 32767 个字），请缩短。",
            Code::DateUnknown => "更正说明中的日期会留空待填；可在 jixiao.toml 中写明公开日期。",
            Code::NothingCorrected => "更正后的工作簿与已公开的相同，不生成《更正说明》；确认上传的是改过的文件。",
            Code::Internal => "jixiao 内部出错：请把工作簿和这段话报告给维护者。",
            Code::FileUnreadable => "工作簿打不开：确认文件完整，能在 Excel 或 WPS 中打开。",
            Code::NotAWorkbook => "请上传 .xlsx、.xls 或 .ods 工作簿；其他格式请在 Excel 或 WPS 中另存为 .xlsx。",
            Code::CorruptWorkbook => "工作簿已损坏：在 Excel 或 WPS 中打开后另存一份再上传。",
            Code::PasswordProtected => "去掉工作簿的打开密码，另存后再上传。",
            Code::TooLarge => "工作簿超出处理上限：删去多余的空行空列或无关的工作表后再上传。",
            Code::Config => "改正 jixiao.toml 中指出的那一项。",
            Code::NoInput => "请指定要处理的工作簿。",
            Code::PacketUnreadable => "请使用 jixiao 生成的公开文件夹或文件包（内含 model.json）。",
            Code::TemplateUnreadable => "模板文件应为 UTF-8 文本；删去它即使用内置模板。",
            Code::FormInvalid => "改正表样定义文件中指出的那一行。",
            Code::FormUnknown => "从列出的表样中选一个。",
            Code::InvalidDate => "日期应在 1970 年至 9999 年之间，写成 YYYY-MM-DD。",
            Code::WriteFailed => "公开文件写不进去：检查磁盘空间和文件夹权限；先前的文件保持不变。",
        }
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
        s.push_str(&format!("| `{}` | {} | {} | {} | {} |\n", c.as_str(), c.severity(), exit, c.title(), c.summary()));
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
        let severity = match c.severity() {
            Severity::Error => crate::t!("severity-error"),
            Severity::Warning => crate::t!("severity-warning"),
            Severity::Note => crate::t!("severity-note"),
        };
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
