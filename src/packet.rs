//! Stage 4: the output folder. Files are written into a temporary folder beside the target and
//! swapped in only when every file is written, so a failed or killed build leaves the previous
//! packet exactly as it was.

use crate::render::OutFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    dir.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `files` as the whole content of `dir`, replacing what was there.
pub fn write_atomic(dir: &Path, files: &[OutFile]) -> io::Result<()> {
    let dir = if dir.is_absolute() { dir.to_path_buf() } else { std::env::current_dir()?.join(dir) };
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = sibling(&dir, "tmp");
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    let result = (|| {
        fs::create_dir_all(&tmp)?;
        for f in files {
            let path = tmp.join(&f.path);
            if let Some(p) = path.parent() {
                fs::create_dir_all(p)?;
            }
            fs::write(&path, &f.bytes)?;
        }
        // Swap: the old folder steps aside, the new one takes its name, the old one goes.
        if dir.exists() {
            let old = sibling(&dir, "old");
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&dir, &old)?;
            if let Err(e) = fs::rename(&tmp, &dir) {
                fs::rename(&old, &dir)?;
                return Err(e);
            }
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&tmp, &dir)?;
        }
        Ok(())
    })();
    if result.is_err() && tmp.exists() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}
