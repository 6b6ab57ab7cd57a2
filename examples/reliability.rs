//! The README's reliability table: runs the batch scorer over files by source and prints, for
//! each source, how many files were tried, the share scored, the share per error kind, the
//! crashes contained, the timeouts, and the peak memory of the batch (scorer and workers).
//!
//! Run it with `bash fuzz/reliability.sh` (builds the release binaries first), or directly:
//! `reliability --rolefit <path to the rolefit binary> [--variants N] [--all-fixtures] [-j N]
//! [--work DIR]`.
//!
//! Sources: the good fixture resumes (a baseline), the broken fixtures, generated mutations
//! of one fixture PDF per producer and one DOCX (every fixture with `--all-fixtures`;
//! tests/support/hostile_corpus.rs, `--variants` random variants per mutation kind), and the shared PDF corpus (`../shared/data/pdf-corpus`, when
//! present). Each source runs in a child of this program so that its peak memory
//! (`getrusage(RUSAGE_CHILDREN)`, the largest of the scorer and its workers) is its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::Value;

#[path = "../tests/support/hostile_corpus.rs"]
#[allow(dead_code)]
mod hostile_corpus;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Options {
    rolefit: PathBuf,
    work: PathBuf,
    variants: usize,
    jobs: String,
    all_fixtures: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("__measure") {
        return measure(&args[1..]);
    }
    match parse(&args).and_then(|o| run(&o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reliability: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        rolefit: std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name(format!("rolefit{}", std::env::consts::EXE_SUFFIX)),
        work: std::env::temp_dir().join("rolefit-reliability"),
        variants: 4,
        jobs: "2".to_owned(),
        all_fixtures: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--rolefit" => o.rolefit = PathBuf::from(value()?),
            "--work" => o.work = PathBuf::from(value()?),
            "--variants" => {
                o.variants = value()?.parse().map_err(|e| format!("--variants: {e}"))?
            }
            "-j" | "--jobs" => o.jobs = value()?,
            "--all-fixtures" => o.all_fixtures = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !o.rolefit.is_file() {
        return Err(format!(
            "{} not found; pass --rolefit or run `bash fuzz/reliability.sh`",
            o.rolefit.display()
        ));
    }
    Ok(o)
}

/// Child mode: `__measure <rolefit> <jobs> <dir> <out.jsonl>` runs the scorer and prints its
/// exit code and the peak RSS (KiB) of everything it started.
fn measure(args: &[String]) -> ExitCode {
    let [rolefit, jobs, dir, out] = args else {
        return ExitCode::from(2);
    };
    let status = Command::new(rolefit)
        .args(["score", "--format", "jsonl", "--quiet", "-j", jobs])
        .args(["--as-of", "2026-06-01", "-o", out])
        .arg(dir)
        .status();
    let code = status.ok().and_then(|s| s.code()).unwrap_or(-1);
    println!("{code} {}", children_peak_rss_kib());
    ExitCode::SUCCESS
}

#[allow(unsafe_code)]
fn children_peak_rss_kib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct we own; it has no other effect.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    usage.ru_maxrss as i64
}

struct Row {
    source: String,
    files: usize,
    scored: usize,
    kinds: BTreeMap<String, usize>,
    complete: bool,
    exit: String,
    peak_mib: f64,
    seconds: f64,
}

fn run(o: &Options) -> Result<(), String> {
    let sources = prepare(o)?;
    let mut rows = Vec::new();
    for (name, dir) in &sources {
        eprintln!("reliability: {name} ({})", dir.display());
        rows.push(run_source(o, name, dir)?);
    }
    print_table(&rows);
    Ok(())
}

/// Lays out the sources as folders under `o.work`: (name, folder).
fn prepare(o: &Options) -> Result<Vec<(String, PathBuf)>, String> {
    let io = |e: std::io::Error| e.to_string();
    let resumes = root().join("fixtures/resumes");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&resumes)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    fixtures.sort();
    let read_all = |ext: &str| -> Vec<(String, Vec<u8>)> {
        fixtures
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .map(|p| {
                let stem = p.file_stem().unwrap().to_string_lossy().replace('.', "-");
                (stem, std::fs::read(p).unwrap_or_default())
            })
            .collect()
    };
    let (mut pdfs, mut docxs) = (read_all("pdf"), read_all("docx"));
    if !o.all_fixtures {
        // One render per producer (groff, Chromium, LibreOffice) and one DOCX.
        let mut seen = std::collections::BTreeSet::new();
        pdfs.retain(|(stem, _)| seen.insert(stem.rsplit('-').next().unwrap_or("").to_owned()));
        docxs.truncate(1);
    }
    let mutations = hostile_corpus::generate(&pdfs, &docxs, o.variants);
    let mutations_dir = o.work.join("generated-mutations");
    hostile_corpus::write(&mutations_dir, &mutations).map_err(io)?;

    let mut sources = vec![
        ("fixture resumes (baseline)".to_owned(), resumes),
        ("broken fixtures".to_owned(), root().join("fixtures/broken")),
        ("generated mutations".to_owned(), mutations_dir),
    ];
    let shared = root().join("../shared/data/pdf-corpus");
    if shared.is_dir() {
        sources.push(("shared PDF corpus".to_owned(), shared));
    }
    Ok(sources)
}

fn run_source(o: &Options, name: &str, dir: &Path) -> Result<Row, String> {
    let expected =
        rolefit::walk::collect_inputs(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
    let out = o
        .work
        .join(format!("{}.jsonl", name.split(' ').next().unwrap_or("out")));
    let started = Instant::now();
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let child = Command::new(me)
        .arg("__measure")
        .arg(&o.rolefit)
        .arg(&o.jobs)
        .arg(dir)
        .arg(&out)
        .output()
        .map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let report = String::from_utf8_lossy(&child.stdout);
    let mut fields = report.split_whitespace();
    let exit = fields.next().unwrap_or("?").to_owned();
    let peak_kib: f64 = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);

    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let records: Vec<Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let per_file: Vec<&Value> = records.iter().filter(|r| r["type"] != "summary").collect();
    let mut kinds = BTreeMap::new();
    let mut scored = 0;
    for r in &per_file {
        match r["type"].as_str() {
            Some("result") => scored += 1,
            _ => {
                *kinds
                    .entry(r["kind"].as_str().unwrap_or("?").to_owned())
                    .or_insert(0) += 1
            }
        }
    }
    let paths: Vec<PathBuf> = per_file
        .iter()
        .map(|r| PathBuf::from(r["path"].as_str().unwrap_or("")))
        .collect();
    let summary_ok = records.last().is_some_and(|s| {
        s["type"] == "summary" && s["files"] == expected.len() && s["scored"] == scored
    });
    Ok(Row {
        source: name.to_owned(),
        files: expected.len(),
        scored,
        kinds,
        complete: paths == expected && summary_ok && text.ends_with('\n'),
        exit,
        peak_mib: peak_kib / 1024.0,
        seconds,
    })
}

fn share(n: usize, of: usize) -> String {
    if of == 0 {
        "–".to_owned()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / of as f64)
    }
}

fn print_table(rows: &[Row]) {
    println!("| source | files | scored | errors by kind | crashes contained | timeouts | one record per file, in order | exit | peak RSS | wall time |");
    println!("|---|---:|---:|---|---:|---:|---|---:|---:|---:|");
    for r in rows {
        let kinds = if r.kinds.is_empty() {
            "–".to_owned()
        } else {
            r.kinds
                .iter()
                .map(|(k, n)| format!("{k} {} ({n})", share(*n, r.files)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let count = |k: &str| r.kinds.get(k).copied().unwrap_or(0);
        println!(
            "| {} | {} | {} ({}) | {} | {} | {} | {} | {} | {:.0} MiB | {:.1} s |",
            r.source,
            r.files,
            share(r.scored, r.files),
            r.scored,
            kinds,
            count("crashed"),
            count("timeout"),
            if r.complete { "yes" } else { "NO" },
            r.exit,
            r.peak_mib,
            r.seconds,
        );
    }
}
