//! Turning command-line paths into the deterministic list of resume files to score.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// File extensions a folder walk picks up (case-insensitive).
pub const RESUME_EXTENSIONS: [&str; 4] = ["pdf", "docx", "txt", "md"];

/// Returns true if and only if `path` has one of the [`RESUME_EXTENSIONS`].
pub fn is_resume_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| RESUME_EXTENSIONS.iter().any(|r| e.eq_ignore_ascii_case(r)))
}

/// Expands files and folders into resume files, in a deterministic order.
///
/// A file named explicitly is kept whatever its extension (its format is sniffed later).
/// Folders are walked recursively in byte order of the entry names; hidden entries (a name
/// starting with `.`) are skipped, only files with a [`RESUME_EXTENSIONS`] extension are kept,
/// symbolic links are followed but a folder is never entered twice, so link loops end. A
/// path that does not exist is an error naming it; unreadable entries inside a folder are
/// kept as files so that they get an error record of their own rather than vanish.
pub fn collect_inputs(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| {
            io::Error::new(e.kind(), format!("{}: {}", path.display(), describe(&e)))
        })?;
        if meta.is_dir() {
            walk_dir(path, &mut seen_dirs, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk_dir(dir: &Path, seen: &mut BTreeSet<PathBuf>, out: &mut Vec<PathBuf>) {
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(key) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk_dir(&path, seen, out),
            _ if is_resume_file(&path) => out.push(path),
            _ => {}
        }
    }
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_byte_order_skipping_hidden_and_other_extensions() {
        let dir = std::env::temp_dir().join(format!("rolefit-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/.hidden")).unwrap();
        for f in [
            "b/z.PDF",
            "b/a.txt",
            "a.md",
            ".secret.txt",
            "notes.toml",
            "b/.hidden/x.txt",
            "c.docx",
        ] {
            fs::write(dir.join(f), "x").unwrap();
        }
        let got = collect_inputs(std::slice::from_ref(&dir)).unwrap();
        let rel: Vec<_> = got
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(rel, ["a.md", "b/a.txt", "b/z.PDF", "c.docx"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = std::env::temp_dir().join(format!("rolefit-loop-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/r.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("a/up")).unwrap();
        let got = collect_inputs(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(got, [dir.join("a/r.txt")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let err = collect_inputs(&[PathBuf::from("/no/such/resumes")]).unwrap_err();
        assert!(
            err.to_string()
                .contains("/no/such/resumes: no such file or folder"),
            "{err}"
        );
    }
}
