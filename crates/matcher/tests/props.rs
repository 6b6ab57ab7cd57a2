//! Properties: every span slices the text on char boundaries whatever the input, and the
//! result does not depend on the number of threads.

mod support;

use proptest::prelude::*;
use rayon::prelude::*;
use rolefit_extract::{Extractor, SectionKind};
use rolefit_match::MatchSet;

/// Text built from skill names, tricky Unicode and punctuation.
fn resume_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Python",
        "C++",
        "C#",
        ".NET",
        "Node.js",
        "Go",
        "R",
        "R&D",
        "go-to",
        "Kubernets",
        "Pytorh",
        "ﬁne-tuning",
        "Ｐｙｔｈｏｎ",
        "Py\u{00AD}Torch",
        "e\u{0301}",
        "İstanbul",
        "ß",
        "Σ",
        "–",
        "“",
        "”",
        " ",
        "  ",
        "\n",
        "\n\n",
        ", ",
        ". ",
        ": ",
        "(",
        ")",
        "/",
        "&",
        "Skills:",
        "Languages:",
        "scikit learn",
        "Sage Maker",
        "🤗 Transformers",
        "\u{FEFF}",
        "\t",
        "JavaScript",
        "Excel at",
        "Spark",
        "TF",
        "AML",
        "x",
        "1",
        "3.11",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text: &str, set: &MatchSet) {
    for m in &set.mentions {
        assert!(
            m.span.start < m.span.end && m.span.end <= text.len(),
            "{m:?}"
        );
        assert!(
            text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end),
            "{m:?}"
        );
        assert!((0.0..=1.0).contains(&m.confidence), "{m:?}");
    }
    for e in &set.skills {
        for m in &e.mentions {
            assert!(set.mentions.contains(m));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_span_slices_the_text(text in resume_text()) {
        let set = support::matcher().find(&support::document(&text, SectionKind::Skills));
        check_spans(&text, &set);
        let doc = Extractor::new().extract_str(&text);
        let set = support::matcher().find(&doc);
        check_spans(&doc.text, &set);
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        let set = support::matcher().find_text(&text);
        check_spans(&text, &set);
    }
}

#[test]
fn matching_is_the_same_for_any_thread_count() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/resumes");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(!texts.is_empty());
    let docs: Vec<_> = texts
        .iter()
        .map(|t| Extractor::new().extract_str(t))
        .collect();
    let run = |threads: usize| -> Vec<MatchSet> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            docs.par_iter()
                .map(|d| support::matcher().find(d))
                .collect()
        })
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    let json = |sets: &[MatchSet]| serde_json::to_string(sets).unwrap();
    assert_eq!(
        json(&one),
        json(&two),
        "serialized output must be byte-identical"
    );
}
