//! Every sentence a person reads, from one catalogue: `locales/zh-CN/jixiao.ftl` and
//! `locales/en/jixiao.ftl` (Project Fluent), embedded at build time. Code asks for a message
//! by its key with named arguments ([`t!`](crate::t)); the wording, the word order and the
//! language live in the catalogue alone.
//!
//! Arguments are passed as text, already formatted the way findings print figures (as typed,
//! without trailing zeros): Fluent's own number formatting would round or group them. Whole
//! counts alone reach Fluent as numbers, for its plural forms.
//!
//! The language is one per process ([`set`] once, at start: the command line resolves `--lang`,
//! `JIXIAO_LANG`, `lang` in jixiao.toml, else the system's locale); a finding is worded when it
//! is made, so every output of a run (terminal, JSON, web page) speaks the same language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// A language jixiao speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 简体中文: the language of the people who read the findings, and the default.
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh`, `en`: the value of `--lang` and of `lang` in jixiao.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// A language tag or locale name (`zh`, `zh-CN`, `zh_TW.UTF-8`, `en-US`): any Chinese one is
    /// Chinese, any English one English; `None` for the rest.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.', '@']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The system's language (the locale on Unix, the user's UI language on Windows, where
    /// `LANG` is unset); Chinese unless the system says English: jixiao's users are Chinese
    /// finance staff, and a machine with no locale (`C`, a container) is no sign of another.
    pub fn of_system() -> Lang {
        sys_locale::get_locales().find_map(|l| Lang::from_tag(&l)).unwrap_or(Lang::Zh)
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Zh => include_str!("../../locales/zh-CN/jixiao.ftl"),
            Lang::En => include_str!("../../locales/en/jixiao.ftl"),
        }
    }

    fn id(self) -> unic_langid::LanguageIdentifier {
        match self {
            Lang::Zh => unic_langid::langid!("zh-CN"),
            Lang::En => unic_langid::langid!("en"),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_tag(s).ok_or_else(|| format!("`{s}` is no language jixiao speaks (zh, en)"))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of this process's messages (the command line does, once, at start).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are worded in: Chinese until [`set`] says otherwise.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The two catalogues, parsed once. A catalogue that does not parse is a bug caught by the
/// tests (`catalogue`), so it panics with Fluent's own account.
fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let all = BUNDLES.get_or_init(|| {
        Lang::ALL.map(|l| {
            let resource = FluentResource::try_new(l.source().to_string())
                .unwrap_or_else(|(_, e)| panic!("locales/{}: {e:?}", l.id()));
            let mut b = FluentBundle::new_concurrent(vec![l.id()]);
            // No Unicode isolation marks around arguments: the text goes to PDFs, terminals and
            // JSON, where they would be stray characters.
            b.set_use_isolating(false);
            b.add_resource(resource).unwrap_or_else(|e| panic!("locales/{}: {e:?}", l.id()));
            b
        })
    });
    &all[lang as usize]
}

/// The message `key` in the current language, with its arguments.
pub fn text(key: &str, args: &[(&str, String)]) -> String {
    text_in(current(), key, args)
}

/// The message `key` in `lang`. A key missing from the catalogue prints as itself (the
/// `catalogue` tests find every key the code asks for in both languages).
pub fn text_in(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        // A whole count is a number to Fluent, so that `{ $n -> [one] … *[other] … }` chooses
        // by it; short enough to pass through f64 exactly. Anything else stays text as given.
        // A leading zero (a table numbered 01) is the unit's text, kept as written.
        let count = value.len() <= 15
            && !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit())
            && (value == "0" || !value.starts_with('0'));
        match value.parse::<f64>() {
            Ok(n) if count => fa.set(*name, n),
            _ => fa.set(*name, value.clone()),
        }
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&fa), &mut errors).into_owned()
}

/// Whether the catalogue of `lang` has `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// Every key of `lang`'s catalogue with the names of the arguments its text uses, sorted (the
/// tests compare the two languages).
pub fn keys(lang: Lang) -> Vec<(String, Vec<String>)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn vars(p: &Pattern<&str>, out: &mut Vec<String>) {
        for e in &p.elements {
            if let PatternElement::Placeable { expression } = e {
                expr(expression, out);
            }
        }
    }
    fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                variants.iter().for_each(|v| vars(&v.value, out));
            }
        }
    }
    fn inline(i: &InlineExpression<&str>, out: &mut Vec<String>) {
        match i {
            InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    let ast = fluent_syntax::parser::parse(lang.source()).unwrap_or_else(|(ast, _)| ast);
    let mut out: Vec<(String, Vec<String>)> = ast
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut v = Vec::new();
                if let Some(p) = &m.value {
                    vars(p, &mut v);
                }
                v.sort();
                v.dedup();
                Some((m.id.name.to_string(), v))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// `{{ tr(key="page-build") }}`, `{{ tr(key="page-more", count=3) }}`: a message of the
/// catalogue, with the call's other arguments as its own (the pages' every word comes from it).
pub fn tera_tr(args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let key = args.get("key").and_then(|k| k.as_str()).ok_or_else(|| tera::Error::msg("tr() needs key=\"…\""))?;
    let named: Vec<(&str, String)> = args
        .iter()
        .filter(|(name, _)| name.as_str() != "key")
        .map(|(name, v)| (name.as_str(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
        .collect();
    Ok(tera::Value::String(text(key, &named)))
}

/// A message of the catalogue by its key, with named arguments: `t!("weight-missing", indicator = label)`.
/// Each argument is anything `Display`, formatted before it is handed over.
#[macro_export]
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text($key, &[$((stringify!($name), ($value).to_string())),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_chinese_locale_is_chinese_and_a_machine_without_one_is_too() {
        for tag in ["zh", "zh-CN", "zh_CN.UTF-8", "zh-Hant-TW", "zh_TW"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::Zh), "{tag}");
        }
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C"), None);
        assert_eq!(Lang::from_tag("fr_FR.UTF-8"), None);
    }
}

/// The catalogue as the code uses it: both languages have the same keys with the same
/// arguments, and every key the code asks for is there.
#[cfg(test)]
mod catalogue {
    use super::*;

    #[test]
    fn both_catalogues_parse_without_an_error() {
        for l in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(l.source().to_string()) {
                panic!("locales/{}: {errors:?}", l.id());
            }
            assert!(!bundle(l).has_message("no-such-key"));
        }
    }

    #[test]
    fn both_languages_have_every_key_with_the_same_arguments() {
        let (zh, en) = (keys(Lang::Zh), keys(Lang::En));
        let names = |k: &[(String, Vec<String>)]| k.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let only_zh: Vec<_> = names(&zh).into_iter().filter(|n| !has(Lang::En, n)).collect();
        let only_en: Vec<_> = names(&en).into_iter().filter(|n| !has(Lang::Zh, n)).collect();
        assert!(only_zh.is_empty() && only_en.is_empty(), "only in zh-CN: {only_zh:?}; only in en: {only_en:?}");
        for ((key, a), (_, b)) in zh.iter().zip(&en) {
            assert_eq!(a, b, "the arguments of `{key}` differ between zh-CN and en");
        }
    }

    fn out_key(path: &std::path::Path, piece: &str, out: &mut Vec<(String, String)>) {
        out.push((path.display().to_string(), piece.split('"').next().unwrap_or_default().to_string()));
    }

    #[test]
    fn every_key_the_code_asks_for_is_in_the_catalogue() {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // `t!(` itself, not the end of `format!(`.
                    for (at, _) in text.match_indices("t!(") {
                        let before = text[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"') {
                            continue;
                        }
                        if let Some(rest) = text[at + 3..].trim_start().strip_prefix('"') {
                            let key = rest.split('"').next().unwrap_or_default();
                            out.push((path.display().to_string(), key.to_string()));
                        }
                    }
                }
            }
        }
        let mut used = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        walk(&root.join("src"), &mut used);
        // The web page's templates ask with `tr(key="…")`.
        for e in std::fs::read_dir(root.join("templates/serve")).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for piece in text.split("tr(key=\"").skip(1) {
                out_key(&path, piece, &mut used);
            }
        }
        assert!(used.len() > 50, "the code asks for its messages by key ({} found)", used.len());
        let missing: Vec<_> = used.iter().filter(|(_, k)| !Lang::ALL.iter().all(|l| has(*l, k))).collect();
        assert!(missing.is_empty(), "keys the catalogue lacks: {missing:?}");
    }

    #[test]
    fn a_figure_with_a_leading_zero_is_passed_as_written() {
        let args = [("number", "01".to_string()), ("first", "甲".to_string()), ("second", "乙".to_string())];
        assert!(text_in(Lang::Zh, "duplicate-number", &args).starts_with("表号 01 "));
        let counted = [("count", "1".to_string())];
        assert_eq!(text_in(Lang::En, "diff-changed", &counted), "1 change");
    }

    #[test]
    fn a_message_is_worded_in_the_language_asked_for_with_its_arguments() {
        let args = [("indicator", "“培训人次”".to_string())];
        assert_eq!(text_in(Lang::Zh, "weight-missing", &args), "“培训人次”没有分值");
        assert_eq!(text_in(Lang::En, "weight-missing", &args), "“培训人次” has no 分值");
    }
}
