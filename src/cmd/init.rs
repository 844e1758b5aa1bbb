//! `jixiao init DIR`: a blank input workbook in a form's layout with one example table, and a
//! jixiao.toml that builds it; `--eject-templates` copies the built-in templates too, and
//! `--eject-form NAME` a built-in form's definition, for editing.

use super::output::print_report;
use crate::cli::{Global, InitArgs};
use jixiao::check::check;
use jixiao::dates::Timestamp;
use jixiao::form::{Form, Forms, BUILTIN as BUILTIN_FORMS};
use jixiao::render::templates::BUILTIN;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use std::path::Path;

const WORKBOOK: &str = "项目支出绩效自评表.xlsx";

const CONFIG: &str = r#"# jixiao.toml: what `jixiao` (no arguments) builds. Every key is optional.
input = ["项目支出绩效自评表.xlsx"]
output = "output"
# form = "yunnan-2021"            # the form of every table (default: each sheet's own; `jixiao forms`)
# year = 2025                     # title: 2025年度项目支出绩效自评表 (default: the workbook's)
# formats = ["pdf", "html", "xlsx"]
# orientation = "portrait"        # or "landscape"
# pdf_standard = "pdf"            # or "a-2b" for archiving
# timestamp = 1735689600          # creation date of every file (SOURCE_DATE_EPOCH wins)
# published = 2025-05-31          # the day the packet is published (a 更正说明 cites it)
# font_paths = ["fonts"]          # e.g. a licensed 仿宋_GB2312
# templates = "templates"         # your copies of the templates (jixiao init --eject-templates)
# corrects = "published-packet"   # the packet this build corrects: writes 更正说明
"#;

/// The example table in `form`: one of each 一级指标, placeholders where the unit writes its
/// own text (the checks refuse to publish them).
fn example_workbook(form: &Form, forms: &Forms) -> Vec<u8> {
    let mut p = jixiao::synth::packet_in(form, 1, 5);
    let t = &mut p.tables[0];
    t.source = WORKBOOK.into();
    t.project.value = "（示例）某某专项资金".into();
    t.department.value = "（主管部门名称）".into();
    t.implementer.value = "（实施单位名称）".into();
    t.goals.expected.value = "（填写年初设定的年度总体目标）".into();
    t.goals.achieved.value = "（填写年度目标的实际完成情况）".into();
    for v in t.texts.values_mut() {
        v.value = "（填写）".into();
    }
    let names = ["（数量指标名称）", "（质量指标名称）", "（时效指标名称）", "（效益指标名称）", "（满意度指标名称）"];
    for (ind, n) in t.indicators.iter_mut().zip(names) {
        ind.name.value = n.into();
    }
    check(&mut p, forms);
    let ctx = PacketContext::new(&p, forms, LayoutOptions::default());
    XlsxRenderer::new(Timestamp::epoch()).render(&ctx).expect("the example renders").swap_remove(0).bytes
}

pub fn run(g: &Global, args: &InitArgs) -> u8 {
    let forms = Forms::builtin();
    let form = match forms.named(args.form.as_deref().unwrap_or(jixiao::form::DEFAULT)) {
        Ok(f) => f,
        Err(d) => {
            let r = d.into();
            print_report(&r, g);
            return 2;
        }
    };
    // Ejected templates are used: the config points at them. A named form is the config's.
    let mut config = CONFIG.to_string();
    if args.eject_templates {
        config = config.replace("# templates = \"templates\"  ", "templates = \"templates\"    ");
    }
    if args.form.is_some() {
        config = config.replace("# form = \"yunnan-2021\"  ", &format!("form = \"{}\"  ", form.name));
    }
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("jixiao.toml".into(), config.into_bytes()), (WORKBOOK.into(), example_workbook(form, forms))];
    if args.eject_templates {
        files.extend(BUILTIN.iter().map(|(n, t)| (format!("templates/{n}"), t.as_bytes().to_vec())));
    }
    if let Some(name) = &args.eject_form {
        match BUILTIN_FORMS.iter().find(|(f, _)| f.strip_suffix(".toml") == Some(name.as_str())) {
            Some((file, text)) => files.push((format!("forms/{file}"), text.as_bytes().to_vec())),
            None => {
                let r = forms.named(name).err().map(Into::into).unwrap_or_default();
                print_report(&r, g);
                return 2;
            }
        }
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
        println!(
            "wrote {} files to {} ({} form); fill in {WORKBOOK}, then run `jixiao` there",
            files.len(),
            args.dir.display(),
            form.name
        );
    }
    0
}
