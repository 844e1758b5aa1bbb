//! Faults, each as a person or the machine would cause it: builds killed at any moment, builds
//! started together into one folder, a full disk, a read-only output, an output path that is a
//! file, an input deleted or replaced while it is read, a workbook that is a symlink, Unicode and
//! spaces in every path, hostile table numbers. After each, nothing is lost: the previous packet
//! is there byte for byte, and every packet on disk holds exactly the files its manifest lists.

use crate::common::{files_under, seed_workbook};
use jixiao::render::{LayoutOptions, PacketContext, Plan, Renderer, Silent};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const STAMP: &str = "1640995200";

fn jixiao() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    c.env("NO_COLOR", "1").env("JIXIAO_LANG", "en").env_remove("SOURCE_DATE_EPOCH").env_remove("RUST_BACKTRACE");
    c
}

/// `jixiao build IN -o OUT -q` with the fixed timestamp.
fn build(input: &Path, out: &Path) -> Command {
    let mut c = jixiao();
    c.arg("build").arg(input).arg("-o").arg(out).args(["-q", "--timestamp", STAMP]);
    c
}

fn run(mut c: Command) -> Output {
    c.output().expect("run jixiao")
}

fn spawn(mut c: Command) -> Child {
    c.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start jixiao")
}

/// A synthetic workbook of `tables` tables whose projects end in `tag`: two tags differ in every
/// table, so a build of one after the other renders every table afresh.
fn synth(path: &Path, tables: usize, tag: &str) {
    let forms = jixiao::form::Forms::builtin();
    let mut packet = jixiao::synth::packet(tables, 7);
    for t in &mut packet.tables {
        t.project.value.push_str(tag);
    }
    jixiao::check::check(&mut packet, forms);
    let ctx = PacketContext::new(&packet, forms, LayoutOptions::default());
    let plan = Plan { fresh: vec![false; tables], progress: &Silent, sink: None, spare: None };
    let files =
        jixiao::render::xlsx::XlsxRenderer::new(jixiao::dates::Timestamp::epoch()).render_planned(&ctx, &plan).unwrap();
    std::fs::write(path, &files[0].bytes).unwrap();
}

/// Every file of the packet in `dir` with its SHA-256, once checked to be exactly the files the
/// manifest lists (and the manifest itself), with the sizes and hashes it records.
fn verified(dir: &Path) -> BTreeMap<String, String> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("a manifest")).unwrap();
    let mut on_disk = BTreeMap::new();
    for entry in files_under(dir) {
        let rel = entry.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&entry).unwrap();
        on_disk.insert(rel, (bytes.len() as u64, jixiao::hash::sha256_hex(&bytes)));
    }
    let listed: BTreeMap<String, (u64, String)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                (f["size"].as_u64().unwrap(), f["sha256"].as_str().unwrap().into()),
            )
        })
        .collect();
    let mut rest = on_disk.clone();
    rest.remove("manifest.json");
    assert_eq!(rest, listed, "{} does not hold what its manifest lists", dir.display());
    on_disk.into_iter().map(|(k, (_, h))| (k, h)).collect()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn projects(dir: &Path) -> Vec<String> {
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    m["tables"].as_array().unwrap().iter().map(|t| t["project"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_packet_whole() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [dir.path().join("a.xlsx"), dir.path().join("b.xlsx")];
    synth(&inputs[0], 200, "甲");
    synth(&inputs[1], 200, "乙");
    let out = dir.path().join("out");
    let t0 = Instant::now();
    assert!(run(build(&inputs[0], &out)).status.success());
    // The first build's time, an estimate: it ran beside the other tests and may be slow.
    let mut full = t0.elapsed();
    let mut previous = verified(&out);
    // Twenty kills spread over a whole build, each of the other workbook (every table changes).
    // A build that finishes before its kill shows the estimate too long: it shrinks, and the
    // same point is tried again.
    let mut next = 1;
    let (mut killed, mut tries) = (0u32, 0);
    while killed < 20 {
        tries += 1;
        assert!(tries <= 60, "only {killed} of {tries} builds were killed before they finished");
        let mut child = spawn(build(&inputs[next], &out));
        std::thread::sleep(full * (2 * killed + 1) / 40);
        let _ = child.kill();
        if child.wait().unwrap().success() {
            full = full * 3 / 4;
        } else {
            killed += 1;
        }
        // The folder holds the previous packet, or (when the kill came after the new packet was
        // moved into place, or the build had finished) the new one: whole, every table the new
        // workbook's, and the next build goes back to the other.
        let now = verified(&out);
        if now != previous {
            let tag = ["甲", "乙"][next];
            assert!(projects(&out).iter().all(|p| p.ends_with(tag)), "kill {killed}: a packet of both workbooks");
            previous = now;
            next = 1 - next;
        }
    }
    eprintln!("{killed} builds killed in {tries}; a full build takes about {full:?}");
    // The next build succeeds and leaves nothing beside the folder but its lock.
    assert!(run(build(&inputs[next], &out)).status.success());
    verified(&out);
    assert_eq!(names(dir.path()), [".out.lock", "a.xlsx", "b.xlsx", "out"]);
}

#[test]
fn three_builds_into_one_folder_take_turns_and_leave_one_whole_packet() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = ["甲", "乙", "丙"]
        .iter()
        .map(|tag| {
            let p = dir.path().join(format!("{tag}.xlsx"));
            synth(&p, 20, tag);
            p
        })
        .collect();
    let out = dir.path().join("out");
    let children: Vec<Child> = inputs.iter().map(|i| spawn(build(i, &out))).collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    verified(&out);
    // The packet is one workbook's, whole: every table of the same one.
    let tags: Vec<char> = projects(&out).iter().map(|p| p.chars().last().unwrap()).collect();
    assert!(tags.len() == 20 && tags.iter().all(|t| *t == tags[0]), "{tags:?}");
    assert_eq!(names(dir.path()), [".out.lock", "out", "丙.xlsx", "乙.xlsx", "甲.xlsx"]);
}

/// Runs `script` with `sh` as root of a new user and mount namespace, where it may mount a
/// tmpfs of its own; `None` where the system does not allow one (then the caller falls back).
fn in_namespace(script: &str, env: &[(&str, &Path)]) -> Option<Output> {
    let mut c = Command::new("unshare");
    c.args(["-rm", "sh", "-ec", script])
        .env("J", env!("CARGO_BIN_EXE_jixiao"))
        .env("NO_COLOR", "1")
        .env("JIXIAO_LANG", "en");
    for (k, v) in env {
        c.env(k, v);
    }
    let probe = Command::new("unshare").args(["-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"]).output().ok()?;
    probe.status.success().then(|| c.output().unwrap())
}

fn text(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

/// A folder with the seed workbook (`a`), a corrected copy (`b`), a folder for the script's
/// records (`r`) and an empty mount point (`disk`).
struct Bench {
    dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
    r: PathBuf,
    disk: PathBuf,
}

fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, r, disk] = ["a.xlsx", "b.xlsx", "r", "disk"].map(|n| dir.path().join(n));
    std::fs::create_dir(&r).unwrap();
    std::fs::create_dir(&disk).unwrap();
    seed_workbook(&a, |_| {});
    seed_workbook(&b, |p| p.tables[0].project.value.push_str("（更正）"));
    Bench { dir, a, b, r, disk }
}

#[test]
fn a_full_disk_fails_the_build_clearly_and_keeps_the_previous_packet() {
    let Bench { dir, a, b, r, disk } = bench();
    // A 4 MiB disk: the first packet (about 0.8 MB) fits; then the disk is filled but 300 KB.
    let script = r#"
        mount -t tmpfs -o size=4m tmpfs "$D"
        "$J" build "$A" -o "$D/out" -q --timestamp 1640995200
        (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$R/before"
        avail=$(df -k --output=avail "$D" | tail -1)
        dd if=/dev/zero of="$D/filler" bs=1k count=$((avail - 300)) 2>/dev/null
        set +e
        "$J" build "$B" -o "$D/out" -q --timestamp 1640995200 2> "$R/err"
        echo $? > "$R/code"
        set -e
        (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$R/after"
        ls -A "$D" > "$R/full"
        rm "$D/filler"
        "$J" build "$B" -o "$D/out" -q --timestamp 1640995200
        ls -A "$D" > "$R/freed"
    "#;
    match in_namespace(script, &[("D", &disk), ("A", &a), ("B", &b), ("R", &r)]) {
        Some(o) => {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let err = text(&r.join("err"));
            assert_eq!(text(&r.join("code")).trim(), "2", "{err}");
            assert!(err.contains("error[write-failed]") && err.contains("No space left on device"), "{err}");
            assert!(!text(&r.join("before")).is_empty());
            assert_eq!(text(&r.join("before")), text(&r.join("after")));
            assert_eq!(text(&r.join("full")), ".out.lock\nfiller\nout\n");
            assert_eq!(text(&r.join("freed")), ".out.lock\nout\n");
        }
        None => {
            // No namespaces here: the same failure, injected as a file size limit (EFBIG).
            eprintln!("notice: no user namespace for a tmpfs; a file size limit stands in for the full disk");
            let out = dir.path().join("out");
            assert!(run(build(&a, &out)).status.success());
            let before = verified(&out);
            let o = Command::new("sh")
                .args(["-c", "trap '' XFSZ; ulimit -f 200; exec \"$J\" build \"$B\" -o \"$O\" -q"])
                .env("J", env!("CARGO_BIN_EXE_jixiao"))
                .env("B", &b)
                .env("O", &out)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert!(err.contains("error[write-failed]") && err.contains("File too large"), "{err}");
            assert_eq!(verified(&out), before);
            assert_eq!(names(dir.path()), [".out.lock", "a.xlsx", "b.xlsx", "disk", "out", "r"]);
        }
    }
}

#[test]
fn a_read_only_output_fails_clearly_and_keeps_the_previous_packet() {
    let Bench { dir: _dir, a, b, r, disk } = bench();
    let script = r#"
        mount -t tmpfs -o size=4m tmpfs "$D"
        "$J" build "$A" -o "$D/out" -q --timestamp 1640995200
        (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$R/before"
        mount -o remount,ro "$D"
        set +e
        "$J" build "$B" -o "$D/out" -q --timestamp 1640995200 2> "$R/err"
        echo $? > "$R/code"
        "$J" build "$B" -o "$D/new/out" -q --timestamp 1640995200 2> "$R/err-new"
        echo $? > "$R/code-new"
        set -e
        (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$R/after"
    "#;
    let Some(o) = in_namespace(script, &[("D", &disk), ("A", &a), ("B", &b), ("R", &r)]) else {
        eprintln!("notice: no user namespace for a read-only mount; skipping");
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (code, err) in [("code", "err"), ("code-new", "err-new")] {
        let err = text(&r.join(err));
        assert_eq!(text(&r.join(code)).trim(), "2", "{err}");
        assert!(err.contains("error[write-failed]") && err.contains("Read-only file system"), "{err}");
    }
    assert_eq!(text(&r.join("before")), text(&r.join("after")));
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xlsx");
    seed_workbook(&a, |_| {});
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "本单位的笔记").unwrap();
    let o = run(build(&a, &file));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("error[write-failed]") && err.contains("notes.txt"), "{err}");
    assert_eq!(text(&file), "本单位的笔记");
    assert_eq!(names(dir.path()), ["a.xlsx", "notes.txt"]);
}

#[test]
fn an_input_deleted_or_replaced_while_it_is_read_gives_one_whole_packet_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let (input, other) = (dir.path().join("in.xlsx"), dir.path().join("other.xlsx"));
    synth(&other, 60, "乙");
    for (i, delay) in [0u64, 2, 5, 10, 20, 50].into_iter().enumerate() {
        synth(&input, 60, "甲");
        let out = dir.path().join(format!("out{i}"));
        let child = spawn(build(&input, &out));
        std::thread::sleep(Duration::from_millis(delay));
        if i % 2 == 0 {
            std::fs::remove_file(&input).unwrap();
        } else {
            std::fs::copy(&other, dir.path().join("swap.xlsx")).unwrap();
            std::fs::rename(dir.path().join("swap.xlsx"), &input).unwrap();
        }
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        match o.status.code() {
            Some(0) => {
                verified(&out);
                let tags: Vec<char> = projects(&out).iter().map(|p| p.chars().last().unwrap()).collect();
                assert!(tags.len() == 60 && tags.iter().all(|t| *t == tags[0]), "{tags:?}");
            }
            // Gone before it was opened: a clear error, and no folder.
            Some(2) => {
                assert!(err.contains("error[file-unreadable]"), "{err}");
                assert!(!out.exists());
            }
            c => panic!("exit {c:?}: {err}"),
        }
    }
}

#[test]
fn a_symlinked_workbook_in_folders_with_unicode_and_spaces_builds_like_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("报表 2021/单位 甲 (终稿)");
    std::fs::create_dir_all(&folder).unwrap();
    let real = folder.join("自评 表 ①.xlsx");
    seed_workbook(&real, |_| {});
    let link = dir.path().join("报表 2021/最新 版.xlsx");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (via_file, via_link) = (folder.join("输出 目录/包 一"), dir.path().join("输出 二"));
    assert!(run(build(&real, &via_file)).status.success());
    assert!(run(build(&link, &via_link)).status.success());
    let (f, l) = (verified(&via_file), verified(&via_link));
    // The same tables, the same bytes; only the workbook's name differs (the manifest, the model).
    let same = |m: &BTreeMap<String, String>| {
        m.iter()
            .filter(|(k, _)| k.starts_with("tables/") || k.ends_with(".pdf"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(same(&f), same(&l));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn hostile_table_numbers_keep_every_file_inside_tables_visible_and_apart() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    // Each holds 表, - or a digit, so the reader takes it as the table's number.
    let long = format!("{}表", "长".repeat(299));
    let hostile = ["../../x-1", "CON.表1", ".hidden-表", &long, "表a\u{7}b\u{1b}[31m"];
    seed_workbook(&input, |p| {
        let extra = p.tables[3].clone();
        p.tables.push(extra);
        for (t, n) in p.tables.iter_mut().zip(hostile) {
            t.number.value = n.to_string();
        }
    });
    let out = dir.path().join("out");
    let o = run(build(&input, &out));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = verified(&out);
    let tables: Vec<&String> = files.keys().filter(|k| k.starts_with("tables/")).collect();
    assert_eq!(tables.len(), 15, "{tables:?}");
    for f in &tables {
        let name = &f["tables/".len()..];
        assert!(!name.contains('/') && !name.starts_with('.') && name.len() <= 255, "{name}");
        assert!(!name.chars().any(char::is_control), "{name:?}");
    }
    for name in ["tables/_.._x-1.pdf", "tables/_CON.表1.pdf", "tables/hidden-表.pdf"] {
        assert!(files.contains_key(name), "{name}: {tables:?}");
    }
    // Nothing beside the output folder but its lock.
    assert_eq!(names(dir.path()), [".out.lock", "in.xlsx", "out"]);

    // Two tables with one number: an error; with --force, both keep their files.
    seed_workbook(&input, |p| p.tables[1].number.value = p.tables[0].number.value.clone());
    let o = run(build(&input, &out));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error[duplicate-number]"), "{err}");
    let mut forced = build(&input, &out);
    forced.arg("--force");
    assert!(run(forced).status.success());
    let files = verified(&out);
    assert!(files.contains_key("tables/公开12表-1.pdf") && files.contains_key("tables/公开12表-1~2.pdf"), "{files:?}");
}
