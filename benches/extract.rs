//! Extraction speed: text resumes in MB/s; the PDF fixtures in files/s and pages/s on one
//! thread and on all threads (rayon); and, in the same run, `pdftotext` processes on the same
//! files when poppler-utils is installed (skipped with a notice otherwise).
//!
//! Run: `cargo bench --bench extract` (add `-- --quick` for a short run). Throughput lines are
//! criterion's: `extract_pdf_files/*` in files/s, `extract_pdf_pages/*` in pages/s,
//! `one_resume/*` for a single one-page resume (the in-process vs. process comparison).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use rolefit::extract::Extractor;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes")
}

/// The fixture files with extension `ext`, sorted, with their bytes.
fn load(ext: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures())
        .expect("fixtures/resumes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).expect("fixture readable");
            (p, bytes)
        })
        .collect()
}

/// Runs `pdftotext` on `path` (text to stdout, captured); false when it failed.
fn pdftotext(path: &Path) -> bool {
    Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty())
}

fn has_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn text(c: &mut Criterion) {
    let extractor = Extractor::new();
    let files = load("txt");
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("extract_text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("1-thread", |b| {
        b.iter(|| {
            for (path, data) in &files {
                black_box(
                    extractor
                        .extract_bytes(data, Some(path))
                        .expect("text fixture extracts"),
                );
            }
        })
    });
    g.finish();
}

fn pdf(c: &mut Criterion) {
    let extractor = Extractor::new();
    let files = load("pdf");
    let pages: u32 = files
        .iter()
        .map(|(p, b)| {
            extractor
                .extract_bytes(b, Some(p))
                .expect("PDF fixture extracts")
                .pages
                .unwrap_or(0)
        })
        .sum();
    let tool = has_pdftotext();
    if !tool {
        println!("notice: pdftotext is not installed; its benchmarks are skipped");
    }
    let threads = rayon::current_num_threads();
    println!(
        "PDF fixtures: {} files, {pages} pages; rayon threads: {threads}",
        files.len()
    );

    let in_process = || {
        for (path, data) in &files {
            black_box(
                extractor
                    .extract_bytes(data, Some(path))
                    .expect("PDF fixture extracts"),
            );
        }
    };
    let in_process_parallel = || {
        files.par_iter().for_each(|(path, data)| {
            black_box(
                extractor
                    .extract_bytes(data, Some(path))
                    .expect("PDF fixture extracts"),
            );
        })
    };
    let processes = || {
        for (path, _) in &files {
            assert!(pdftotext(path));
        }
    };
    let processes_parallel = || {
        files
            .par_iter()
            .for_each(|(path, _)| assert!(pdftotext(path)))
    };

    for (group, elements) in [
        ("extract_pdf_files", files.len() as u64),
        ("extract_pdf_pages", u64::from(pages)),
    ] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(elements));
        g.sample_size(10).measurement_time(Duration::from_secs(6));
        g.bench_function("rolefit/1-thread", |b| b.iter(in_process));
        g.bench_function(format!("rolefit/{threads}-threads"), |b| {
            b.iter(in_process_parallel)
        });
        if tool {
            g.bench_function("pdftotext/1-thread", |b| b.iter(processes));
            g.bench_function(format!("pdftotext/{threads}-threads"), |b| {
                b.iter(processes_parallel)
            });
        }
        g.finish();
    }

    // The target: one resume in-process is no slower than one pdftotext process on it.
    let (path, data) = files
        .iter()
        .find(|(p, _)| p.ends_with("ml-engineer-junior.chromium.pdf"))
        .unwrap_or(&files[0]);
    let mut g = c.benchmark_group("one_resume");
    g.throughput(Throughput::Elements(1));
    g.bench_function("rolefit", |b| {
        b.iter(|| black_box(extractor.extract_bytes(data, Some(path)).unwrap()))
    });
    if tool {
        g.bench_function("pdftotext", |b| b.iter(|| assert!(pdftotext(path))));
    }
    g.finish();
}

criterion_group!(extract_benches, text, pdf);
criterion_main!(extract_benches);
