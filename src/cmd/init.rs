//! `jixiao init DIR`: a blank input workbook in a form's layout with one example table, and a
//! jixiao.toml that builds it; `--eject-templates` copies the built-in templates too, and
//! `--eject-form NAME` a built-in form's definition, for editing.

use super::output::print_report;
use crate::cli::{Global, InitArgs};
use jixiao::check::check;
use jixiao::dates::Timestamp;
use jixiao::form::{Form, Forms, TableKind, BUILTIN as BUILTIN_FORMS};
use jixiao::render::templates::BUILTIN;
use jixiao::render::xlsx::XlsxRenderer;
use jixiao::render::{LayoutOptions, PacketContext, Renderer};
use jixiao::t;
use std::path::Path;

/// The blank workbook's name, by what its form's tables are.
fn workbook_name(form: &Form) -> &'static str {
    match form.kind {
        TableKind::SelfEvaluation => "项目支出绩效自评表.xlsx",
        TableKind::Targets => "项目支出绩效目标表.xlsx",
    }
}

const CONFIG: &str = r#"# jixiao.toml: what `jixiao` (no arguments) builds. Every key is optional.
input = ["{workbook}"]
output = "output"
# form = "yunnan-2021"            # the form of every table (default: each sheet's own; `jixiao forms`)
# year = 2025                     # the year in each form's title (default: the workbook's)
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
    t.source = workbook_name(form).into();
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
    let name = workbook_name(form);
    let mut config = CONFIG.replace("{workbook}", name);
    if args.eject_templates {
        config = config.replace("# templates = \"templates\"  ", "templates = \"templates\"    ");
    }
    if args.form.is_some() {
        config = config.replace("# form = \"yunnan-2021\"  ", &format!("form = \"{}\"  ", form.name));
    }
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("jixiao.toml".into(), config.into_bytes()), (name.into(), example_workbook(form, forms))];
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
    let dir = &args.dir;
    // A workbook is the unit's work: never replaced, not even with --force.
    let workbook = dir.join(name);
    if args.force && workbook.exists() && std::fs::read(&workbook).ok().as_deref() != Some(&files[1].1[..]) {
        eprintln!("{}", t!("init-workbook-exists", path = workbook.display()));
        eprintln!("  {} {}", t!("hint-label"), t!("init-workbook-exists-hint"));
        return 2;
    }
    let (mut written, mut kept, mut replaced) = (Vec::new(), Vec::new(), Vec::new());
    for (path, bytes) in &files {
        let p = dir.join(path);
        let step = match std::fs::read(&p) {
            Err(_) if !p.exists() => write_new(&p, bytes).map(|()| written.push(path.as_str())),
            Ok(old) if old == *bytes => Ok(()),
            _ if !args.force => {
                kept.push(path.as_str());
                Ok(())
            }
            _ => replace(&p, bytes).map(|backup| replaced.push(t!("init-replaced-item", path = path, backup = backup))),
        };
        if let Err(e) = step {
            eprintln!("{}", t!("cannot-write", path = p.display(), error = e));
            return 2;
        }
    }
    if !g.quiet {
        println!("{}", t!("init-wrote", count = written.len() + replaced.len(), dir = dir.display(), form = form.name));
        for r in &replaced {
            println!("  {}", t!("init-replaced", path = r));
        }
        if !kept.is_empty() {
            println!("  {}", t!("init-kept", paths = kept.join(&t!("list-sep"))));
        }
        println!("{}", t!("init-next", workbook = name));
    }
    0
}

/// Writes a file that does not exist yet (and its folder); never one that appeared meanwhile.
fn write_new(p: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(p.parent().unwrap_or(Path::new(".")))?;
    std::io::Write::write_all(&mut std::fs::File::options().write(true).create_new(true).open(p)?, bytes)
}

/// Replaces `p`, first keeping the present file as `NAME.bak` (`NAME.bak2`, … when that exists
/// too); returns the backup's name.
fn replace(p: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let backup = (1..)
        .map(|k| p.with_file_name(if k == 1 { format!("{name}.bak") } else { format!("{name}.bak{k}") }))
        .find(|b| !b.exists())
        .expect("a free backup name");
    std::fs::rename(p, &backup)?;
    write_new(p, bytes)?;
    Ok(backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}
