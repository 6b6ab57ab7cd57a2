//! The batch scorer over a folder of hostile files: the broken fixtures plus ~60 mutations of
//! the good PDF and DOCX fixtures, generated deterministically (tests/support/hostile_corpus.rs).
//!
//! `rolefit score <dir> --format jsonl` must finish, print exactly one record per file in
//! input order (none missing, none twice), a summary that adds up, exit with status 1 (some
//! files fail), score the good control files however many workers died before them, and keep
//! its peak memory (the scorer and every worker, measured with `getrusage(RUSAGE_CHILDREN)`)
//! under [`PEAK_RSS_BOUND_MIB`].
//!
//! The binary is found by `support/binary.rs` (the newest build of the example, or
//! `ROLEFIT_BIN`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "support/binary.rs"]
mod binary;
#[path = "support/hostile_corpus.rs"]
#[allow(dead_code)]
mod hostile_corpus;

/// Peak resident memory of the whole batch (scorer and workers), MiB. Workers run under a
/// 1 GiB address-space cap here (`--worker-memory 1024`), so no worker can get near it; the
/// largest measured peak on this corpus is ~170 MiB (debug build).
const PEAK_RSS_BOUND_MIB: u64 = 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Writes the corpus: generated mutations, the broken fixtures, and good controls last.
fn build_corpus(dir: &Path) -> Vec<PathBuf> {
    let read = |name: &str| {
        let path = root().join("fixtures/resumes").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let pdfs = [
        ("groff", read("go-developer.groff.pdf")),
        ("chromium", read("keyword-stuffer.chromium.pdf")),
        ("libreoffice", read("career-changer.lo.pdf")),
    ];
    let docxs = [("docx", read("go-developer.docx"))];
    let mut files = hostile_corpus::generate(&pdfs, &docxs, 1);
    let broken = root().join("fixtures/broken");
    let mut names: Vec<_> = std::fs::read_dir(&broken)
        .unwrap_or_else(|e| panic!("{}: {e}", broken.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| rolefit::walk::is_resume_file(p))
        .collect();
    names.sort();
    for path in names {
        files.push(hostile_corpus::HostileFile {
            name: format!("broken-{}", path.file_name().unwrap().to_string_lossy()),
            bytes: std::fs::read(&path).unwrap(),
        });
    }
    for control in ["data-scientist.chromium.pdf", "nurse.docx"] {
        files.push(hostile_corpus::HostileFile {
            name: format!("zzz-control-{control}"),
            bytes: read(control),
        });
    }
    hostile_corpus::write(dir, &files).expect("corpus written")
}

/// Peak resident set of all waited-for children of this process so far, in MiB.
#[allow(unsafe_code)]
fn children_peak_rss_mib() -> u64 {
    // SAFETY: getrusage writes into the zeroed struct we own; it has no other effect.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    // Linux reports ru_maxrss in KiB.
    u64::try_from(usage.ru_maxrss).unwrap_or(0) / 1024
}

#[test]
fn batch_scorer_survives_the_hostile_corpus() {
    let bin = match binary::rolefit_binary() {
        Ok(bin) => bin,
        Err(why) => panic!("{why}"),
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-corpus");
    let mut files = build_corpus(&dir);
    files.sort(); // the folder walk's order: byte order of names
    assert!(
        (60..=90).contains(&files.len()),
        "{} files: keep the corpus small",
        files.len()
    );

    let started = std::time::Instant::now();
    let output = Command::new(&bin)
        .args(["score", "--format", "jsonl", "--quiet", "-j", "2"])
        .args([
            "--as-of",
            "2026-06-01",
            "--timeout-per-file",
            "10",
            "--worker-memory",
            "1024",
        ])
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let elapsed = started.elapsed();
    let peak = children_peak_rss_mib();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(
        output.status.code(),
        Some(1),
        "exit status 1 when some files fail; stderr: {stderr}"
    );
    assert!(stdout.ends_with('\n'), "the last line is whole");
    let records: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let (summary, per_file) = records.split_last().expect("at least a summary");
    assert_eq!(summary["type"], "summary", "the summary comes last");

    // One record per file, in input order: none missing, none twice.
    let shown: Vec<PathBuf> = per_file
        .iter()
        .map(|r| PathBuf::from(r["path"].as_str().expect("path")))
        .collect();
    assert_eq!(shown, files, "records are one per file, in input order");

    // The summary adds up and agrees with the records.
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut scored = 0;
    for r in per_file {
        match r["type"].as_str() {
            Some("result") => scored += 1,
            Some("error") => {
                let kind = r["kind"].as_str().expect("kind").to_owned();
                assert!(
                    !r["message"].as_str().unwrap_or("").is_empty(),
                    "error without a message: {r}"
                );
                *kinds.entry(kind).or_default() += 1;
            }
            other => panic!("unexpected record type {other:?}: {r}"),
        }
    }
    let failed: u64 = kinds.values().sum();
    assert_eq!(summary["files"], files.len());
    assert_eq!(summary["scored"], scored);
    assert_eq!(summary["failed"], failed);
    assert_eq!(summary["interrupted"], false);
    let by_kind: BTreeMap<String, u64> =
        serde_json::from_value(summary["by_kind"].clone()).expect("by_kind is a map of counts");
    assert_eq!(by_kind, kinds, "summary by_kind matches the error records");

    // Hostile files fail; the good controls after them are scored anyway.
    let record_of = |name: &str| {
        per_file
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("no record for {name}"))
    };
    for control in [
        "zzz-control-data-scientist.chromium.pdf",
        "zzz-control-nurse.docx",
        "-crafted-good.pdf",
        "-crafted-good.docx",
    ] {
        assert_eq!(
            record_of(control)["type"],
            "result",
            "{control}: {}",
            record_of(control)
        );
    }
    // The right kind for the files whose kind is known — or a timeout: a debug build on a
    // loaded machine may run out of the 10 s budget on a slow path (decryption, inflation),
    // and that too is a correct, contained answer. The in-process kinds are pinned by the
    // extraction crate's own tests.
    for (name, kind) in [
        ("broken-empty.txt", "no_text"),
        ("broken-encrypted-user-password.pdf", "encrypted"),
        ("broken-image-only.pdf", "no_text_layer"),
        ("broken-zip-bomb.docx", "too_large"),
        ("-crafted-many-entries.docx", "too_large"),
        ("-crafted-nested-arrays.pdf", "malformed"),
    ] {
        let got = record_of(name)["kind"].as_str().unwrap_or("").to_owned();
        assert!(
            got == kind || got == "timeout",
            "{name}: {got}, expected {kind}"
        );
    }
    assert!(
        failed >= 20,
        "most mutations must fail; only {failed} did: {kinds:?}"
    );

    assert!(
        peak <= PEAK_RSS_BOUND_MIB,
        "peak RSS {peak} MiB over the {PEAK_RSS_BOUND_MIB} MiB bound"
    );
    for r in per_file {
        let name = r["path"]
            .as_str()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        eprintln!("{name}: {}", r["kind"].as_str().unwrap_or("scored"));
    }
    eprintln!(
        "hostile corpus: {} files, {scored} scored, {kinds:?}, peak RSS {peak} MiB, {:.1} s",
        files.len(),
        elapsed.as_secs_f64()
    );
}

#[test]
fn corpus_is_deterministic() {
    let pdf = hostile_corpus::pdf_from_objects(&[b"<< /Type /Catalog >>".to_vec()]);
    let docx = hostile_corpus::stored_zip(&[("word/document.xml", b"<w:document/>".to_vec())]);
    let a = hostile_corpus::generate(&[("p", pdf.clone())], &[("d", docx.clone())], 2);
    let b = hostile_corpus::generate(&[("p", pdf)], &[("d", docx)], 2);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.name, &x.bytes), (&y.name, &y.bytes));
    }
    let mut names: Vec<_> = a.iter().map(|f| f.name.clone()).collect();
    names.dedup();
    assert_eq!(names.len(), a.len(), "names are unique");
}
