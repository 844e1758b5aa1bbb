//! The library's folders form no cycle: each stage uses only those below it (`model` and `diag`
//! at the bottom, then `form`, `ingest`, `check`, `render`, …, `serve` and `synth` at the top).
//! Read from the sources: every `crate::NAME` a module's code (its tests aside) names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in crate::common::files_under(&src) {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if !rel.ends_with(".rs") || ["lib", "main", "cli", "cmd"].contains(&top.as_str()) || rel.ends_with("/tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // A file's unit tests come last, behind `#[cfg(test)]`.
        let code = text.split("#[cfg(test)]").next().unwrap();
        let deps = out.entry(top.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            // `crate::t!` is the message catalogue's macro: the `i18n` folder.
            let name = if name == "t" { "i18n".to_string() } else { name };
            if !name.is_empty() && name != top {
                deps.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_folder_of_the_library_reaches_back_up_the_pipeline() {
    let edges = edges();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            if m == to {
                return true;
            }
            if seen.insert(m.clone()) {
                stack.extend(edges.get(&m).into_iter().flatten().cloned());
            }
        }
        false
    };
    let cycles: Vec<String> = edges
        .iter()
        .flat_map(|(a, deps)| deps.iter().filter(|b| reaches(b, a)).map(move |b| format!("{a} → {b} → … → {a}")))
        .collect();
    assert!(cycles.is_empty(), "cycles between the library's folders: {cycles:#?}\n{edges:#?}");
    // The bottom stays the bottom; the message catalogue is below everything.
    assert!(edges["i18n"].is_empty(), "i18n uses {:?}", edges["i18n"]);
    for leaf in ["model", "diag"] {
        let up: Vec<&String> =
            edges[leaf].iter().filter(|d| !["diag", "hash", "limits", "dates", "i18n"].contains(&d.as_str())).collect();
        assert!(up.is_empty(), "{leaf} uses {up:?}");
    }
}
