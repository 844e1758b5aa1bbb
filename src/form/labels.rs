//! Labels as units type them. Every form's labels, and every cell a sheet is searched in, go
//! through the one normalization here, so that `其中：本年财政拨款`, `本年财政拨款`, `年度资金总额：`,
//! `项目\n名称` and `项目资金【万元】` meet the form's spellings whatever the form.
//!
//! It lives in `form` (below `ingest` and `check`), because a form's labels are what it
//! normalizes: ingest searches a sheet with it, detection scores forms with it, the checks read
//! a label's points with it. The folding of widths and spaces under it is the model's
//! ([`crate::model::parse::norm`]): values are read with it too.

pub use crate::model::parse::norm;

/// A label's key: [`norm`], with every bracket style folded to `()` (【】〔〕［］〈〉《》), a colon or
/// two at the end dropped (`年度资金总额：`), and the `其中` that introduces a part row dropped
/// (`其中：本年财政拨款` → `本年财政拨款`). Two spellings with one key are one label.
pub fn label_key(s: &str) -> String {
    let n: String = norm(s)
        .chars()
        .map(|c| match c {
            '【' | '〔' | '［' | '〈' | '《' | '[' => '(',
            '】' | '〕' | '］' | '〉' | '》' | ']' => ')',
            _ => c,
        })
        .collect();
    let t = n.trim_end_matches([':', '：']);
    let t = match t.strip_prefix("其中") {
        Some(rest) if !rest.is_empty() => rest.trim_start_matches([':', '：', ',', '，']),
        _ => t,
    };
    t.to_string()
}

/// A form's label and its other spellings, as keys. A label's `{unit}` part is the workbook's to
/// say (项目资金（{unit}） matches 项目资金（元）): what comes before it is the label.
pub fn spellings(label: &str, accept: &[String]) -> Vec<String> {
    let main = label_key(label.split("{unit}").next().unwrap_or(label)).trim_end_matches('(').to_string();
    std::iter::once(main).chain(accept.iter().map(|a| label_key(a))).filter(|s| !s.is_empty()).collect()
}

/// A cell is a label when its key is the label's, or begins with it (项目资金(元),
/// 得分（20分*执行率）): the label's key is at least two characters.
pub fn label_matches(cell: &str, label: &str) -> bool {
    cell == label || (cell.starts_with(label) && label.chars().count() >= 2)
}

/// A cell is exactly the label: its key is the label's, or the label's followed by a bracketed
/// remark (`上年结转资金(万元)`). Stricter than [`label_matches`], for labels short enough to
/// begin other texts (`其他` begins `其他需要说明事项`).
pub fn label_is(cell: &str, label: &str) -> bool {
    cell == label || cell.strip_prefix(label).is_some_and(|rest| rest.starts_with('(') && rest.ends_with(')'))
}

/// A form's placeholder where an indicator's name goes: `指标1`, `指标2`, `……`, `...`,
/// `三级指标名称`. (`指标1：招生人数` is a name: the unit kept the numbering.)
pub fn is_placeholder(name: &str) -> bool {
    let t = norm(name);
    (t.trim_matches(['…', '.', '。', '-']).is_empty() && !t.is_empty())
        || t.strip_prefix("指标").is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
        || ["三级指标名称", "指标名称", "二级指标名称", "(三级指标)", "三级指标"].contains(&t.as_str())
}

/// The words of a row label that tell one row of a block from another: its key without the
/// words every funds row shares (资金, 数, 年度). `本级财政资金` → `本级财政`.
pub fn telling(key: &str) -> String {
    let mut t = key.to_string();
    for common in ["资金", "年度", "预算", "(万元)", "(元)", "数"] {
        t = t.replace(common, "");
    }
    t
}

/// The longest run of characters two texts share: how much of a row label a spelling explains.
pub fn shared_run(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            if ca == cb {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_colon_the_qizhong_and_fold_brackets() {
        assert_eq!(label_key("年度资金总额："), "年度资金总额");
        assert_eq!(label_key("年度资金总额:"), "年度资金总额");
        assert_eq!(label_key("其中：本年财政拨款"), "本年财政拨款");
        assert_eq!(label_key("其中: 当年 财政拨款"), "当年财政拨款");
        assert_eq!(label_key("其中 上年结转资金"), "上年结转资金");
        assert_eq!(label_key("项目资金【万元】"), "项目资金(万元)");
        assert_eq!(label_key("项目资金〔万元〕"), "项目资金(万元)");
        // 其中 alone is a label of its own, not an empty one.
        assert_eq!(label_key("其中："), "其中");
        assert_eq!(label_key("其他需要说明事项"), "其他需要说明事项");
    }

    #[test]
    fn a_short_label_is_not_the_start_of_another() {
        assert!(label_is("其他", "其他"));
        assert!(label_is("其他(万元)", "其他"));
        assert!(!label_is("其他需要说明事项", "其他"));
        assert!(label_matches("项目资金(万元)", "项目资金"));
    }

    #[test]
    fn placeholders_are_the_forms_not_the_units() {
        for p in ["指标1", "指标 2", "……", "...", "三级指标名称", "…"] {
            assert!(is_placeholder(p), "{p}");
        }
        for n in ["指标1：招生人数", "招生人数", "指标值", ""] {
            assert!(!is_placeholder(n), "{n}");
        }
    }

    #[test]
    fn telling_words_leave_out_what_every_row_shares() {
        assert_eq!(telling("本级财政资金"), "本级财政");
        assert_eq!(shared_run("本级财政", "当年财政拨款"), 2);
        assert_eq!(shared_run("上年结余", "上年结转"), 3);
        assert_eq!(shared_run("中央补助", "其他"), 0);
    }
}
