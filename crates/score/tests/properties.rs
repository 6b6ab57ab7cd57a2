//! Property tests: bounds, monotonicity, exact explanations, batch order; plus ranking.

mod common;

use common::{document, evidence_for, ml_profile, taxonomy};
use proptest::prelude::*;
use rolefit_extract::{Document, SectionKind, Span};
use rolefit_match::{MatchMethod, MatchSet, SkillId, SkillMatch};
use rolefit_score::{rank, Batch, FitReport, ItemError, RankOptions, Scorer};

/// Skills of the test profile, and sections/positions a mention can sit in.
const SKILLS: &[&str] = &[
    "python",
    "numpy",
    "pandas",
    "sql",
    "pytorch",
    "tensorflow",
    "scikit-learn",
    "machine-learning",
    "deep-learning",
    "transformers",
    "mlflow",
    "kubeflow",
    "model-serving",
    "data-drift",
    "docker",
    "apache-airflow",
    "aws-sagemaker",
    "git",
    "unit-testing",
    "fastapi",
    "statistics",
    "probability",
    "llm",
    "excel",
];

/// A document with one dated position (lines 2–3), a projects section and a skills section.
fn skeleton() -> Document {
    static SKELETON: std::sync::OnceLock<Document> = std::sync::OnceLock::new();
    SKELETON.get_or_init(build_skeleton).clone()
}

fn build_skeleton() -> Document {
    let lines = [
        "EXPERIENCE",
        "@ 2021-01 present",
        "Built things.",
        "",
        "PROJECTS",
        "Side project.",
        "SKILLS",
        "Many.",
    ];
    document(&lines, "2026-06").0
}

/// Places a mention can go: (span inside the dated position, projects, skills).
fn place(doc: &Document, where_: u8) -> (Span, SectionKind) {
    let find = |needle: &str| {
        let at = doc.text().find(needle).unwrap();
        Span::new(at, at + needle.len())
    };
    match where_ % 3 {
        0 => (find("Built"), SectionKind::Experience),
        1 => (find("Side"), SectionKind::Projects),
        _ => (find("Many"), SectionKind::Skills),
    }
}

fn mention(doc: &Document, skill: usize, where_: u8, fuzzy: Option<f32>) -> SkillMatch {
    let (span, section) = place(doc, where_);
    SkillMatch {
        skill: SkillId::from(SKILLS[skill % SKILLS.len()]),
        alias: "x".into(),
        span,
        section,
        method: fuzzy.map_or(MatchMethod::Exact, |s| MatchMethod::Fuzzy {
            distance: 1,
            similarity: s,
        }),
        confidence: fuzzy.unwrap_or(1.0),
    }
}

fn mentions() -> impl Strategy<Value = Vec<(usize, u8, Option<f32>)>> {
    prop::collection::vec(
        (0..SKILLS.len(), 0u8..3, prop::option::of(0.5f32..1.0)),
        0..30,
    )
}

fn scored(scorer: &Scorer, doc: &Document, matches: &MatchSet) -> FitReport {
    scorer
        .score(doc, matches)
        .report()
        .expect("scorable")
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn score_is_bounded_and_explained_exactly(ms in mentions()) {
        let tax = taxonomy();
        let scorer = Scorer::new(&ml_profile(tax), tax);
        let doc = skeleton();
        let matches = evidence_for(&doc, ms.iter().map(|&(s, w, f)| mention(&doc, s, w, f)).collect());
        let r = scored(&scorer, &doc, &matches);
        prop_assert!((0.0..=100.0).contains(&r.score));
        prop_assert!(r.score_milli <= 100_000);
        prop_assert_eq!(r.explanation.leaf_sum(), i64::from(r.score_milli));
        prop_assert_eq!(r.explanation.milli, i64::from(r.score_milli));
        let categories: f64 = r.categories.iter().map(|c| c.points).sum();
        prop_assert!(categories + 1e-6 >= r.score);
        for o in &r.outcomes {
            prop_assert!((0.0..=1.0).contains(&o.credit));
            prop_assert!(o.points <= o.max_points);
        }
    }

    #[test]
    fn adding_evidence_never_lowers_the_score(ms in mentions(), extra in (0..SKILLS.len(), 0u8..3, prop::option::of(0.5f32..1.0))) {
        let tax = taxonomy();
        let scorer = Scorer::new(&ml_profile(tax), tax);
        let doc = skeleton();
        let base: Vec<SkillMatch> = ms.iter().map(|&(s, w, f)| mention(&doc, s, w, f)).collect();
        let before = scored(&scorer, &doc, &evidence_for(&doc, base.clone()));
        let mut more = base;
        more.push(mention(&doc, extra.0, extra.1, extra.2));
        let after = scored(&scorer, &doc, &evidence_for(&doc, more));
        prop_assert!(after.score_milli >= before.score_milli, "{} < {}", after.score, before.score);
    }

    #[test]
    fn batch_results_equal_sequential_results_in_order(n in 0usize..120, threads in 1usize..5, window in 1usize..40) {
        let tax = taxonomy();
        let scorer = Scorer::new(&ml_profile(tax), tax);
        let work = |i: usize| -> Result<String, String> {
            if i % 17 == 5 {
                return Err(format!("item {i} refused"));
            }
            if i % 23 == 7 {
                panic!("item {i} exploded");
            }
            let doc = skeleton();
            let ms = evidence_for(&doc, (0..i % 9).map(|k| mention(&doc, i * 7 + k, (i + k) as u8, None)).collect());
            Ok(scorer.score(&doc, &ms).render())
        };
        let sequential: Vec<Result<String, String>> = (0..n).map(|i| {
            std::panic::catch_unwind(|| work(i)).unwrap_or_else(|_| Err("panic".into()))
        }).collect();
        let mut batch = Batch::with_threads(threads);
        batch.window(window);
        let mut seen = Vec::new();
        let mut progress = 0;
        let stats = batch.run_streaming(0..n, work, |i, r| seen.push((i, r)), |p| progress = p.done);
        prop_assert_eq!(stats.total, n);
        prop_assert_eq!(progress, n);
        prop_assert_eq!(stats.ok + stats.failed, n);
        prop_assert_eq!(stats.failed_by_kind.values().sum::<usize>(), stats.failed);
        for (k, ((i, got), want)) in seen.iter().zip(&sequential).enumerate() {
            prop_assert_eq!(*i, k);
            match (got, want) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(ItemError::Failed { error }), Err(b)) => prop_assert_eq!(error, b),
                (Err(ItemError::Panicked { message }), Err(_)) => prop_assert!(message.contains("exploded")),
                _ => prop_assert!(false, "item {} differs", k),
            }
        }
    }
}

#[test]
fn ranking_is_stable_and_breaks_ties_by_id() {
    let tax = taxonomy();
    let scorer = Scorer::new(&ml_profile(tax), tax);
    let doc = skeleton();
    let strong = scored(
        &scorer,
        &doc,
        &evidence_for(&doc, (0..20).map(|s| mention(&doc, s, 0, None)).collect()),
    );
    let weak = scored(
        &scorer,
        &doc,
        &evidence_for(&doc, vec![mention(&doc, 0, 2, None)]),
    );
    let input = vec![
        ("b.txt".to_owned(), &weak),
        ("z.txt".to_owned(), &strong),
        ("a.txt".to_owned(), &weak),
    ];
    let ranking = rank(&input, RankOptions::default());
    let ids: Vec<&str> = ranking.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["z.txt", "a.txt", "b.txt"]);
    assert_eq!(
        ranking.entries.iter().map(|e| e.rank).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let mut reversed = input.clone();
    reversed.reverse();
    assert_eq!(rank(&reversed, RankOptions::default()), ranking);

    let rare = rank(
        &input,
        RankOptions {
            rarity_weighting: true,
        },
    );
    assert_eq!(rare.rarity.len(), strong.outcomes.len());
    assert!(rare.entries.iter().all(|e| e.rarity_score.is_some()));
    assert_eq!(rare.entries[0].id, "z.txt");
    // Python is met (used at work) by one candidate of three; listing it is not meeting it.
    let python = rare.rarity.iter().find(|w| w.label == "Python").unwrap();
    assert!((python.multiplier - (2.0 - 1.0 / 3.0)).abs() < 1e-9);
}

/// A pool of the caller's own, of two threads.
fn two_thread_pool() -> std::sync::Arc<rayon::ThreadPool> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build();
    std::sync::Arc::new(pool.unwrap())
}

#[test]
fn batch_counts_failures_by_kind_and_bytes() {
    let pool = two_thread_pool();
    let batch = Batch::with_pool(pool);
    assert_eq!(batch.threads(), 2);
    let (results, stats) = batch.run(["ok", "", "fine", "boom"], |s: &str| match s {
        "" => Err("empty".to_owned()),
        "boom" => panic!("boom"),
        s => Ok(s.to_owned()),
    });
    assert_eq!(results.len(), 4);
    assert_eq!(stats.ok, 2);
    assert_eq!(stats.bytes, 6);
    assert_eq!(stats.failed_by_kind.get("error"), Some(&1));
    assert_eq!(stats.failed_by_kind.get("panicked"), Some(&1));
}

#[test]
fn scorer_and_reports_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scorer>();
    assert_send_sync::<FitReport>();
    assert_send_sync::<rolefit_score::Outcome>();
    assert_send_sync::<rolefit_score::RoleProfile>();
    assert_send_sync::<Batch>();
}

#[test]
fn streaming_holds_at_most_one_window_for_100k_items() {
    use std::cell::Cell;
    let in_flight = Cell::new(0usize);
    let max_in_flight = Cell::new(0usize);
    let pulled = (0..100_000u64).inspect(|_| {
        in_flight.set(in_flight.get() + 1);
        max_in_flight.set(max_in_flight.get().max(in_flight.get()));
    });
    let mut batch = Batch::with_threads(2);
    batch.window(256);
    let mut next = 0;
    let stats = batch.run_streaming(
        pulled,
        |n: u64| {
            if n % 1000 == 999 {
                Err(format!("{n}"))
            } else {
                Ok(n.to_string())
            }
        },
        |i, _| {
            assert_eq!(i, next, "results arrive in input order");
            next += 1;
            in_flight.set(in_flight.get() - 1);
        },
        |_| {},
    );
    assert_eq!(stats.total, 100_000);
    assert_eq!((stats.ok, stats.failed), (99_900, 100));
    assert!(
        max_in_flight.get() <= 256,
        "{} items in flight",
        max_in_flight.get()
    );
}

#[test]
fn a_slow_item_does_not_stop_later_items_from_starting() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    // Window 4: item 1 waits for item 4, which can only start once item 0 is delivered — so
    // the runner must refill the window item by item, not wait for all four.
    let fourth_done = AtomicBool::new(false);
    let mut batch = Batch::with_threads(2);
    batch.window(4);
    let (results, _) = batch.run(0..8u32, |i| {
        if i == 1 {
            let deadline = Instant::now() + Duration::from_secs(20);
            while !fourth_done.load(Ordering::SeqCst) {
                if Instant::now() > deadline {
                    return Err("item 4 never ran while item 1 was running".to_owned());
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        if i == 4 {
            fourth_done.store(true, Ordering::SeqCst);
        }
        Ok(i.to_string())
    });
    let got: Vec<String> = results.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(got, ["0", "1", "2", "3", "4", "5", "6", "7"]);
}

#[test]
fn batches_started_on_every_thread_of_their_own_pool_finish() {
    let pool = two_thread_pool();
    let batch = Batch::with_pool(pool.clone());
    // Each of the pool's two threads starts a batch on that same pool and waits for it: a
    // runner that only blocked while waiting would leave no thread to run the items.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let totals: Vec<usize> = pool.install(|| {
            use rayon::prelude::*;
            (0..4u32)
                .into_par_iter()
                .map(|k| {
                    batch
                        .run(0..50u32, |i| Ok::<_, String>((k * i).to_string()))
                        .1
                        .ok
                })
                .collect()
        });
        let _ = tx.send(totals);
    });
    let totals = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the nested batches finish");
    assert_eq!(totals, [50; 4]);
}
