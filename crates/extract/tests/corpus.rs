//! PDF corpus tests: every PDF of the shared corpus and of the fixtures extracts without a
//! panic, with enough words per page, without split-word artefacts, and close to `pdftotext`.
//!
//! The shared corpus (`../shared/data/pdf-corpus` beside the workspace) is optional: the test
//! prints a notice and passes when it is absent. `pdftotext` (poppler-utils) is optional too;
//! without it the F1 columns are empty and only the tool-free checks run. Each test prints a
//! table: file, producer, pages, words, word-F1 against pdftotext, engine, diagnostics.

use std::collections::HashMap;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;

use rolefit_extract::{Diagnostic, Document, Extractor};
use unicode_normalization::UnicodeNormalization;

/// Median word-F1 against pdftotext the corpus must reach.
const MEDIAN_F1: f64 = 0.98;
/// Words per page below which a text-bearing PDF fails (pdftotext finds far more in all files).
const MIN_WORDS_PER_PAGE: f64 = 40.0;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The PDFs of `dir`, sorted; `None` when the folder does not exist.
fn pdfs(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    Some(files)
}

/// `pdftotext` output for `path`, or `None` when the tool is not installed or fails.
fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Normalizes reference text the way the extractor normalizes its own: NFKC, soft hyphens
/// dropped, words hyphenated across line ends joined.
fn normalize_reference(text: &str) -> String {
    let text: String = text.nfkc().filter(|&c| c != '\u{00AD}').collect();
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let next_lower = lines
            .peek()
            .and_then(|n| n.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        let stem = line.trim_end();
        match stem.strip_suffix('-') {
            Some(head) if next_lower && head.chars().last().is_some_and(char::is_lowercase) => {
                out.push_str(head)
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Lower-cased alphanumeric runs.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Order-insensitive bag-of-words F1 of `ours` against `reference`.
fn word_f1(ours: &str, reference: &str) -> f64 {
    let mut bag: HashMap<String, i64> = HashMap::new();
    let reference = words(reference);
    for w in &reference {
        *bag.entry(w.clone()).or_default() += 1;
    }
    let ours = words(ours);
    let mut hits = 0usize;
    for w in &ours {
        if let Some(n) = bag.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                hits += 1;
            }
        }
    }
    if ours.is_empty() || reference.is_empty() {
        return if ours.is_empty() && reference.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let (p, r) = (
        hits as f64 / ours.len() as f64,
        hits as f64 / reference.len() as f64,
    );
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Upper-case fragments of one short word next to each other ("W A", "GP A"), and lower-case
/// one-letter tokens other than "a": what wrong glyph widths produce.
fn split_artefacts(text: &str) -> usize {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let frag = |t: &str| !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_uppercase());
    let pairs = tokens
        .windows(2)
        .filter(|w| {
            frag(w[0])
                && frag(w[1])
                && (w[0].len() == 1 || w[1].len() == 1)
                && w[0].len() + w[1].len() <= 4
        })
        .count();
    let lower = tokens
        .iter()
        .filter(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()) && **t != "a")
        .count();
    pairs + lower
}

fn diagnostic_name(d: &Diagnostic) -> String {
    let debug = format!("{d:?}");
    debug
        .split([' ', '{', '('])
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn engine(doc: &Document) -> String {
    doc.diagnostics
        .iter()
        .find_map(|d| match d {
            Diagnostic::FallbackEngineUsed { engine, .. } => Some(engine.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "pdf-extract".to_owned())
}

/// One file's measurements.
struct Row {
    file: String,
    producer: String,
    pages: u32,
    words: usize,
    reference_words: Option<usize>,
    f1: Option<f64>,
    artefacts: usize,
    reference_artefacts: Option<usize>,
    /// F1 against the text the PDF was rendered from (fixtures only).
    source_f1: Option<f64>,
    engine: String,
    diagnostics: Vec<String>,
    no_text_layer: bool,
}

/// Producers from the corpus index (`file,…,producer,…`), when there is one.
fn producers(dir: &Path) -> HashMap<String, String> {
    let Ok(index) = fs::read_to_string(dir.join("index.csv")) else {
        return HashMap::new();
    };
    let mut lines = index.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = header.iter().position(|h| *h == "producer");
    lines
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            Some((cells.first()?.to_string(), cells.get(col?)?.to_string()))
        })
        .collect()
}

/// The text a fixture PDF was rendered from: `NAME.txt` for `NAME.PRODUCER.pdf`.
fn source_text(pdf: &Path) -> Option<String> {
    let name = pdf.file_name()?.to_str()?;
    let stem = name.split('.').next()?;
    fs::read_to_string(pdf.with_file_name(format!("{stem}.txt"))).ok()
}

/// Extracts every PDF of `dir`, prints the table, and returns the rows; panics (the test fails)
/// when any extraction panics. Split-word artefacts are compared with the source text when
/// there is one, else with pdftotext.
fn measure(dir: &Path, producer_of: impl Fn(&str) -> String) -> Vec<Row> {
    let files = pdfs(dir).unwrap_or_default();
    let extractor = Extractor::new();
    let mut rows = Vec::new();
    let mut panics = Vec::new();
    for path in &files {
        let file = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let doc = match panic::catch_unwind(AssertUnwindSafe(|| extractor.extract_path(path))) {
            Ok(Ok(doc)) => doc,
            Ok(Err(e)) => {
                println!("{file}: error {e}");
                continue;
            }
            Err(_) => {
                panics.push(file);
                continue;
            }
        };
        let reference = pdftotext(path).map(|t| normalize_reference(&t));
        let source = source_text(path).map(|t| normalize_reference(&t));
        rows.push(Row {
            producer: producer_of(&file),
            pages: doc.pages.unwrap_or(0),
            words: words(&doc.text).len(),
            reference_words: reference.as_deref().map(|r| words(r).len()),
            f1: reference.as_deref().map(|r| word_f1(&doc.text, r)),
            artefacts: split_artefacts(&doc.text),
            reference_artefacts: source
                .as_deref()
                .or(reference.as_deref())
                .map(split_artefacts),
            source_f1: source.as_deref().map(|s| word_f1(&doc.text, s)),
            engine: engine(&doc),
            diagnostics: doc.diagnostics.iter().map(diagnostic_name).collect(),
            no_text_layer: doc.diagnostics.contains(&Diagnostic::NoTextLayer),
            file,
        });
    }
    print_table(&rows);
    assert!(panics.is_empty(), "panics escaped on {panics:?}");
    rows
}

fn print_table(rows: &[Row]) {
    println!(
        "| file | producer | pages | words | pdftotext words | F1 vs pdftotext | F1 vs source | \
         split artefacts (ours/reference) | engine | diagnostics |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
    for r in rows {
        let opt = |v: Option<usize>| v.map_or("–".to_owned(), |v| v.to_string());
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {} |",
            r.file,
            r.producer,
            r.pages,
            r.words,
            opt(r.reference_words),
            r.f1.map_or("–".to_owned(), |f| format!("{f:.3}")),
            r.source_f1.map_or("–".to_owned(), |f| format!("{f:.3}")),
            r.artefacts,
            opt(r.reference_artefacts),
            r.engine,
            r.diagnostics.join(", ")
        );
    }
    let mut f1: Vec<f64> = rows.iter().filter_map(|r| r.f1).collect();
    f1.sort_by(f64::total_cmp);
    if let Some(median) = median(&f1) {
        let mean = f1.iter().sum::<f64>() / f1.len() as f64;
        println!(
            "files: {}, median F1 {median:.4}, mean F1 {mean:.4}, min F1 {:.4}",
            rows.len(),
            f1[0]
        );
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    sorted.get(sorted.len() / 2).copied()
}

/// The checks every PDF must pass.
fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for r in rows {
        let wpp = r.words as f64 / f64::from(r.pages.max(1));
        let reference_wpp = r
            .reference_words
            .map(|w| w as f64 / f64::from(r.pages.max(1)));
        // The floor applies where the page really carries text.
        if !r.no_text_layer
            && reference_wpp.is_none_or(|w| w >= MIN_WORDS_PER_PAGE)
            && wpp < MIN_WORDS_PER_PAGE
        {
            failures.push(format!("{}: {wpp:.0} words per page", r.file));
        }
        // Split words are counted against a reference (the source text or pdftotext); with
        // neither there is nothing to compare with.
        let Some(allowed) = r.reference_artefacts.map(|n| n + 2) else {
            continue;
        };
        if r.artefacts > allowed {
            failures.push(format!(
                "{}: {} split-word artefacts (pdftotext {allowed})",
                r.file, r.artefacts
            ));
        }
    }
    let mut f1: Vec<f64> = rows.iter().filter_map(|r| r.f1).collect();
    f1.sort_by(f64::total_cmp);
    if let Some(m) = median(&f1) {
        if m < MEDIAN_F1 {
            failures.push(format!(
                "median word-F1 against pdftotext {m:.4} < {MEDIAN_F1}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shared_corpus_extracts_cleanly() {
    let dir = manifest().join("../../../shared/data/pdf-corpus");
    if !dir.is_dir() {
        println!(
            "notice: {} is absent; the shared PDF corpus test is skipped",
            dir.display()
        );
        return;
    }
    let producers = producers(&dir);
    let rows = measure(&dir, |f| producers.get(f).cloned().unwrap_or_default());
    assert!(!rows.is_empty(), "no PDF in {}", dir.display());
    check(&rows);
}

#[test]
fn fixture_pdfs_extract_cleanly() {
    let dir = manifest().join("../../fixtures/resumes");
    let rows = measure(&dir, |f| {
        f.rsplit('.').nth(1).unwrap_or_default().to_owned()
    });
    assert!(!rows.is_empty(), "no PDF fixtures in {}", dir.display());
    check(&rows);
}

#[test]
fn word_f1_is_order_insensitive_and_counts_repeats() {
    assert_eq!(word_f1("b a", "a b"), 1.0);
    assert!((word_f1("a a", "a b") - 0.5).abs() < 1e-9);
    assert_eq!(word_f1("", "a"), 0.0);
    assert_eq!(
        normalize_reference("develop-\nment of ﬁles"),
        "development of files\n"
    );
    assert_eq!(split_artefacts("Seattle, W A GP A e x ample a"), 5);
}
