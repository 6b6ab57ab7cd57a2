//! Matching throughput and matcher build time.
//!
//! - `match/fixtures`: `Matcher::find` over every fixture resume (`fixtures/resumes/*.txt`,
//!   extracted once), default taxonomy, fuzzy on and off.
//! - `match/5mb`: the fixture texts concatenated to 5 MB, default taxonomy (fuzzy on and off)
//!   and the full ESCO skills imported (fuzzy on), each beside `raw_find_iter`: a plain
//!   aho-corasick `find_iter` over the same folded text with the same patterns, the ceiling
//!   of this design.
//! - `build`: `Matcher::new` for the default and the ESCO taxonomy.
//!
//! Before criterion, each 5 MB matcher's throughput as a share of `raw_find_iter`'s is
//! also measured in pairs (the raw scan then the matcher, back to back, round after round;
//! see `common`), which a burst of load on a shared machine moves far less.
//!
//! The ESCO taxonomy is imported from `../shared/data/taxonomy-sources/esco-1.1.1-skills/
//! skills_en.csv`; its benches are skipped when the file is absent.
//!
//! Run: `cargo bench --bench match`.

use std::path::PathBuf;
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rolefit::extract::{Document, Extractor};
use rolefit::matcher::{fold_text, import, Matcher, Taxonomy, TaxonomyBuilder};

mod common;

const FIVE_MB: usize = 5 * 1024 * 1024;

/// Rounds of the paired comparison with the raw scan.
const SHARE_ROUNDS: usize = 11;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_texts() -> Vec<String> {
    let dir = root().join("fixtures/resumes");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/resumes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture text"))
        .collect()
}

fn esco_taxonomy() -> Option<Taxonomy> {
    let path = root().join("../shared/data/taxonomy-sources/esco-1.1.1-skills/skills_en.csv");
    let file = std::fs::File::open(&path).ok()?;
    let spec = match import::esco_csv(file, &path.display().to_string()) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("ESCO import failed, skipping: {e}");
            return None;
        }
    };
    match TaxonomyBuilder::new().add_spec("esco", spec).build() {
        Ok(taxonomy) => Some(taxonomy),
        Err(e) => {
            eprintln!("ESCO taxonomy invalid, skipping: {e}");
            None
        }
    }
}

/// The fixture texts repeated until the concatenation reaches 5 MB.
fn five_mb(texts: &[String]) -> String {
    let mut big = String::with_capacity(FIVE_MB + 8192);
    while big.len() < FIVE_MB {
        for t in texts {
            big.push_str(t);
            big.push_str("\n\n");
        }
    }
    big
}

/// The ceiling: a plain aho-corasick automaton of the matcher's patterns.
fn raw_automaton(matcher: &Matcher) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(matcher.patterns())
        .expect("raw automaton")
}

/// Prints `find_text`'s throughput on `big` as a share of the `raw` scan's on `folded`,
/// measured in pairs, for each named matcher (only when benchmarking).
fn share_report(
    group: &str,
    raw: &AhoCorasick,
    big: &str,
    folded: &str,
    matchers: &[(&str, &Matcher)],
) {
    if !common::benchmarking() {
        return;
    }
    for &(name, matcher) in matchers {
        let [share] = common::paired_ratios(
            SHARE_ROUNDS,
            [(
                &|| {
                    black_box(raw.find_iter(black_box(folded)).count());
                },
                &|| {
                    black_box(matcher.find_text(black_box(big)).mentions.len());
                },
            )],
        );
        println!(
            "{group}/{name}: {} of raw_find_iter's throughput, paired",
            share.describe(100.0, "%")
        );
    }
}

fn raw_scan(c: &mut Criterion, group: &str, raw: &AhoCorasick, folded: &str) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(folded.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("raw_find_iter", |b| {
        b.iter(|| raw.find_iter(black_box(folded)).count())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let texts = fixture_texts();
    let extractor = Extractor::new();
    let docs: Vec<Document> = texts.iter().map(|t| extractor.extract_str(t)).collect();
    let fixture_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let default = Matcher::new(Taxonomy::embedded()).expect("default matcher");
    let exact_only = Matcher::builder()
        .fuzzy(false)
        .build(Taxonomy::embedded())
        .expect("default matcher");
    eprintln!(
        "default taxonomy: {} skills, {} patterns, {} fuzzy keys; fixtures: {} resumes, {} bytes",
        Taxonomy::embedded().len(),
        default.pattern_count(),
        default.fuzzy_key_count(),
        docs.len(),
        fixture_bytes
    );

    let mut g = c.benchmark_group("match/fixtures");
    g.throughput(Throughput::Bytes(fixture_bytes as u64));
    g.bench_function("default_fuzzy", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| default.find(d).mentions.len())
                .sum::<usize>()
        })
    });
    g.bench_function("default_exact", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| exact_only.find(d).mentions.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let big = five_mb(&texts);
    let folded = fold_text(&big);
    let raw = raw_automaton(&default);
    share_report(
        "match/5mb/default",
        &raw,
        &big,
        &folded,
        &[("find_fuzzy", &default), ("find_exact", &exact_only)],
    );
    let mut g = c.benchmark_group("match/5mb/default");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("find_fuzzy", |b| {
        b.iter(|| default.find_text(black_box(&big)).mentions.len())
    });
    g.bench_function("find_exact", |b| {
        b.iter(|| exact_only.find_text(black_box(&big)).mentions.len())
    });
    g.finish();
    raw_scan(c, "match/5mb/default", &raw, &folded);

    let mut g = c.benchmark_group("build");
    g.sample_size(20);
    g.bench_function("default", |b| {
        b.iter(|| Matcher::new(black_box(Taxonomy::embedded())).map(|m| m.pattern_count()))
    });
    g.finish();

    let Some(esco) = esco_taxonomy() else {
        eprintln!("ESCO skills file absent: ESCO benches skipped");
        return;
    };
    let esco_matcher = Matcher::new(&esco).expect("ESCO matcher");
    eprintln!(
        "ESCO taxonomy: {} skills, {} patterns, {} fuzzy keys",
        esco.len(),
        esco_matcher.pattern_count(),
        esco_matcher.fuzzy_key_count()
    );
    let raw = raw_automaton(&esco_matcher);
    share_report(
        "match/5mb/esco",
        &raw,
        &big,
        &folded,
        &[("find_fuzzy", &esco_matcher)],
    );
    let mut g = c.benchmark_group("match/5mb/esco");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("find_fuzzy", |b| {
        b.iter(|| esco_matcher.find_text(black_box(&big)).mentions.len())
    });
    g.finish();
    raw_scan(c, "match/5mb/esco", &raw, &folded);

    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("esco", |b| {
        b.iter(|| Matcher::new(black_box(&esco)).map(|m| m.pattern_count()))
    });
    g.finish();
}

criterion_group!(match_benches, benches);
criterion_main!(match_benches);
