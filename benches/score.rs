//! Scoring cost per resume, end-to-end text resumes per second on 1 and 2 threads, and peak
//! memory of a streamed batch of 10,000 generated text resumes; beside them, the same batch
//! runner with a pure-compute job on 1 and 2 threads, the scaling this machine gives.
//! The two-thread scaling is also measured in pairs (one thread then two, back to back,
//! round after round; see `common`) for the end-to-end job and two controls: the
//! pure-compute one and one that only reads a 16 MiB table at random, what the machine's
//! shared caches and memory give two threads.
//!
//! Run: `cargo bench --bench score` (the memory and paired-scaling lines print first;
//! criterion follows).

use std::time::Instant;

mod common;

use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use rolefit::extract::{Document, Extractor};
use rolefit::matcher::{MatchSet, Matcher, Taxonomy};
use rolefit::score::{Batch, Metered, Outcome, RoleProfile, Scorer};

/// Skill phrases the generator draws from (written as a resume would write them).
const SKILLS: &[&str] = &[
    "Python",
    "NumPy",
    "Pandas",
    "SQL",
    "PyTorch",
    "TensorFlow",
    "scikit-learn",
    "XGBoost",
    "MLflow",
    "Weights & Biases",
    "Kubeflow",
    "Docker",
    "Kubernetes",
    "Airflow",
    "Spark",
    "Kafka",
    "AWS SageMaker",
    "Vertex AI",
    "Azure ML",
    "Git",
    "pytest",
    "FastAPI",
    "Flask",
    "REST APIs",
    "statistics",
    "probability",
    "transformers",
    "CNNs",
    "RNNs",
    "LLMs",
    "data drift",
    "model monitoring",
    "Terraform",
    "PostgreSQL",
    "Tableau",
    "Excel",
    "Java",
    "Go",
    "TypeScript",
    "React",
];

const VERBS: &[&str] = &[
    "Built",
    "Shipped",
    "Maintained",
    "Designed",
    "Migrated",
    "Automated",
    "Owned",
];
const THINGS: &[&str] = &[
    "a fraud model serving 40 million requests a day",
    "the feature pipeline for the pricing team",
    "batch training jobs and their dashboards",
    "an internal library for experiment analysis",
    "the search ranking service",
];

/// A small deterministic generator (64-bit LCG) so every run scores the same resumes.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// A plausible text resume of about 2 KB: summary, three dated positions, skills, education.
fn resume(seed: u64) -> String {
    let mut rng = Lcg(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut out = format!("Candidate {seed}\nMachine Learning Engineer\n\nSUMMARY\n\n");
    out.push_str(
        "Engineer who takes models from notebooks to monitored services.\n\nEXPERIENCE\n\n",
    );
    let mut year = 2025u32;
    for job in 0..3 {
        let start = year - 1 - rng.next(3) as u32;
        let end = if job == 0 {
            "Present".to_owned()
        } else {
            format!("Dec {year}")
        };
        out.push_str(&format!(
            "Engineer — Example Co {}\nJan {start} – {end}\n",
            rng.next(100)
        ));
        for _ in 0..4 {
            out.push_str(&format!(
                "• {} {} with {} and {}.\n",
                VERBS[rng.next(VERBS.len())],
                THINGS[rng.next(THINGS.len())],
                SKILLS[rng.next(SKILLS.len())],
                SKILLS[rng.next(SKILLS.len())]
            ));
        }
        out.push('\n');
        year = start - 1;
    }
    out.push_str("SKILLS\n\n");
    let listed: Vec<&str> = (0..12).map(|_| SKILLS[rng.next(SKILLS.len())]).collect();
    out.push_str(&listed.join(", "));
    out.push_str("\n\nEDUCATION\n\nM.S. in Computer Science, Example University, 2015\n");
    out
}

struct Setup {
    extractor: Extractor,
    matcher: Matcher,
    scorer: Scorer,
}

fn setup() -> Setup {
    let taxonomy: &Taxonomy = Taxonomy::embedded();
    let profile = RoleProfile::embedded("ml-engineer", taxonomy)
        .expect("embedded")
        .expect("valid");
    Setup {
        extractor: Extractor::new(),
        matcher: Matcher::new(taxonomy).expect("the default taxonomy compiles"),
        scorer: Scorer::new(&profile, taxonomy),
    }
}

/// The score of one resume, all a streamed batch keeps.
struct Points(u32);

impl Metered for Points {}

fn end_to_end(s: &Setup, text: &str) -> Result<Points, String> {
    let doc = s.extractor.extract_str(text);
    let matches = s.matcher.find(&doc);
    match s.scorer.score(&doc, &matches) {
        Outcome::Scored(r) => Ok(Points(r.score_milli)),
        Outcome::NotScored(n) => Err(n.reason),
    }
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Extracts, matches and scores `texts` on `batch`.
fn end_to_end_batch(batch: &Batch, s: &Setup, texts: &[String]) {
    batch.run(texts.iter(), |t: &String| end_to_end(s, t).map(|_| ()));
}

/// The compute control's batch: 512 items of [`spin`] on `batch`.
fn spin_batch(batch: &Batch) {
    batch.run(0..512u64, |i| Ok::<_, String>(Points(spin(i) as u32)));
}

/// Streams `n` generated resumes through extract → match → score on 2 threads, keeping only a
/// checksum, and reports the peak RSS afterwards.
fn streamed_batch(s: &Setup, n: usize) -> (u64, f64, Option<u64>) {
    let started = Instant::now();
    let mut checksum = 0u64;
    let stats = Batch::with_threads(2).run_streaming(
        0..n as u64,
        |seed| end_to_end(s, &resume(seed)),
        |_, r| checksum = checksum.wrapping_add(u64::from(r.map_or(0, |p| p.0))),
        |_| {},
    );
    assert_eq!(stats.ok, n);
    (
        checksum,
        n as f64 / started.elapsed().as_secs_f64(),
        vm_hwm_kib(),
    )
}

fn memory_report(s: &Setup) {
    let before = vm_hwm_kib();
    let (_, rate_1k, hwm_1k) = streamed_batch(s, 1_000);
    let (_, rate_10k, hwm_10k) = streamed_batch(s, 10_000);
    println!("memory: VmHWM before batches {before:?} KiB; after 1,000 resumes {hwm_1k:?} KiB ({rate_1k:.0}/s); after 10,000 more {hwm_10k:?} KiB ({rate_10k:.0}/s)");
}

/// Rounds of the paired scaling measurement.
const SCALING_ROUNDS: usize = 15;

/// Two-thread scaling measured in pairs: each round runs 512 resumes end to end on one
/// thread then on two, and both controls likewise.
fn scaling_report(s: &Setup) {
    let texts: Vec<String> = (0..512).map(resume).collect();
    let table = chase_table();
    let (one, two) = (Batch::with_threads(1), Batch::with_threads(2));
    let job = |batch: &Batch| end_to_end_batch(batch, s, &texts);
    let memory = |batch: &Batch| {
        batch.run(0..512u64, |i| Ok::<_, String>(Points(chase(&table, i))));
    };
    let [job, compute, memory] = common::paired_ratios(
        SCALING_ROUNDS,
        [
            (&|| job(&one), &|| job(&two)),
            (&|| spin_batch(&one), &|| spin_batch(&two)),
            (&|| memory(&one), &|| memory(&two)),
        ],
    );
    println!(
        "scaling, paired: end to end {}; compute control {}; memory control {}",
        job.describe(1.0, "×"),
        compute.describe(1.0, "×"),
        memory.describe(1.0, "×")
    );
}

/// Entries of the memory control's table (16 MiB of `u32`, beyond each core's own caches).
const CHASE_ENTRIES: usize = 4 << 20;

fn chase_table() -> Vec<u32> {
    (0..CHASE_ENTRIES as u32)
        .map(|i| i.wrapping_mul(2_654_435_761) >> 10)
        .collect()
}

/// A few hundred microseconds of reads at random over `table`, each address depending on
/// the last read: what the shared caches and memory give when threads only read.
fn chase(table: &[u32], seed: u64) -> u32 {
    (0..60_000).fold(seed as u32, |x, _| {
        table[(x as usize ^ 0x5bd1_e995) % CHASE_ENTRIES].wrapping_add(x)
    })
}

fn bench_scoring(c: &mut Criterion, s: &Setup) {
    let prepared: Vec<(Document, MatchSet)> = (0..64)
        .map(|seed| {
            let doc = s.extractor.extract_str(&resume(seed));
            let matches = s.matcher.find(&doc);
            (doc, matches)
        })
        .collect();
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(prepared.len() as u64));
    group.bench_function("score_only_64_resumes", |b| {
        b.iter(|| {
            for (doc, matches) in &prepared {
                black_box(s.scorer.score(doc, matches));
            }
        })
    });
    group.finish();
}

fn bench_end_to_end(c: &mut Criterion, s: &Setup) {
    let texts: Vec<String> = (0..512).map(resume).collect();
    let mut group = c.benchmark_group("end_to_end_text");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10);
    for threads in [1usize, 2] {
        let batch = Batch::with_threads(threads);
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, _| {
            b.iter(|| end_to_end_batch(&batch, s, &texts))
        });
    }
    group.finish();
}

/// About half a millisecond of integer work, touching no memory: what the machine's cores
/// give when nothing is shared.
fn spin(seed: u64) -> u64 {
    (0..400_000u64).fold(seed, |x, i| {
        x.wrapping_mul(6364136223846793005).wrapping_add(i)
    })
}

/// The scaling control: the same batch runner on 1 and 2 threads with a pure-compute job,
/// so the end-to-end ratio can be read against what this machine's two cores give.
fn bench_control(c: &mut Criterion) {
    let mut group = c.benchmark_group("control_spin");
    group.throughput(Throughput::Elements(512));
    group.sample_size(10);
    for threads in [1usize, 2] {
        let batch = Batch::with_threads(threads);
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, _| {
            b.iter(|| spin_batch(&batch))
        });
    }
    group.finish();
}

fn main() {
    let s = setup();
    memory_report(&s);
    if common::benchmarking() {
        scaling_report(&s);
    }
    let mut c = Criterion::default().configure_from_args();
    bench_scoring(&mut c, &s);
    bench_end_to_end(&mut c, &s);
    bench_control(&mut c);
    c.final_summary();
}
