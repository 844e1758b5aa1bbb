//! `jixiao init DIR`: a blank input workbook in the published layout with one example table,
//! and a jixiao.toml that builds it; `--eject-templates` copies the built-in templates too.

use crate::cli::{Global, InitArgs};
use jixiao::check::{check, Profile};
use jixiao::dates::Timestamp;
use jixiao::render::templates::BUILTIN;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use std::path::Path;

const WORKBOOK: &str = "项目支出绩效自评表.xlsx";

const CONFIG: &str = r#"# jixiao.toml: what `jixiao` (no arguments) builds. Every key is optional.
input = ["项目支出绩效自评表.xlsx"]
output = "output"
# year = 2025                     # title: 2025年度项目支出绩效自评表 (default: the workbook's)
# formats = ["pdf", "html", "xlsx"]
# orientation = "portrait"        # or "landscape"
# pdf_standard = "pdf"            # or "a-2b" for archiving
# timestamp = 1735689600          # creation date of every file (SOURCE_DATE_EPOCH wins)
# font_paths = ["fonts"]          # e.g. a licensed 仿宋_GB2312
# templates = "templates"         # your copies of the templates (jixiao init --eject-templates)
# corrects = "published-packet"   # the packet this build corrects: writes 更正说明
"#;

/// The example table: one of each 一级指标, every check passing.
fn example_workbook() -> Vec<u8> {
    let mut p = jixiao::synth::packet(1, 5);
    let t = &mut p.tables[0];
    t.source = WORKBOOK.into();
    t.project.value = "（示例）某某专项资金".into();
    t.department.value = "（主管部门名称）".into();
    t.implementer.value = "（实施单位名称）".into();
    t.goals.expected.value = "（填写年初设定的年度总体目标）".into();
    t.goals.achieved.value = "（填写年度目标的实际完成情况）".into();
    let names = ["（数量指标名称）", "（质量指标名称）", "（时效指标名称）", "（效益指标名称）", "（满意度指标名称）"];
    for (ind, n) in t.indicators.iter_mut().zip(names) {
        ind.name.value = n.into();
    }
    check(&mut p, &Profile::default());
    let ctx = PacketContext::new(&p, &Profile::default(), LayoutOptions::default());
    XlsxRenderer::new(&p, Timestamp::epoch()).render(&ctx).expect("the example renders").swap_remove(0).bytes
}

pub fn run(g: &Global, args: &InitArgs) -> u8 {
    // Ejected templates are used: the config points at them.
    let config = if args.eject_templates {
        CONFIG.replace("# templates = \"templates\"  ", "templates = \"templates\"    ")
    } else {
        CONFIG.to_string()
    };
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("jixiao.toml".into(), config.into_bytes()), (WORKBOOK.into(), example_workbook())];
    if args.eject_templates {
        files.extend(BUILTIN.iter().map(|(n, t)| (format!("templates/{n}"), t.as_bytes().to_vec())));
    }
    let existing: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).filter(|p| args.dir.join(p).exists()).collect();
    if !existing.is_empty() && !args.force {
        eprintln!(
            "jixiao: {} already has {}; nothing written (--force overwrites)",
            args.dir.display(),
            existing.join(", ")
        );
        return 2;
    }
    for (path, bytes) in &files {
        let p = args.dir.join(path);
        if let Err(e) =
            std::fs::create_dir_all(p.parent().unwrap_or(Path::new("."))).and_then(|_| std::fs::write(&p, bytes))
        {
            eprintln!("jixiao: cannot write {}: {e}", p.display());
            return 2;
        }
    }
    if !g.quiet {
        println!("wrote {} files to {}; fill in {WORKBOOK}, then run `jixiao` there", files.len(), args.dir.display());
    }
    0
}
