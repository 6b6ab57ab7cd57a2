//! Property tests over every public entry point that takes untrusted input: random bytes and
//! mutated fixture bytes (truncations, bit flips, insertions, deletions, duplicated chunks)
//! never panic, errors are typed and say something, and every span slices the text it
//! points into.
//!
//! Case counts are modest (64–256) so the suite stays fast in debug builds; the fuzz targets
//! in `fuzz/` run the same checks for minutes at a time. Fuzz crash reproducers are replayed
//! in `tests/fuzz_regressions.rs`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use rolefit::extract::{Extractor, Limits};
use rolefit::matcher::{SpecFormat, Taxonomy, TaxonomyBuilder};
use rolefit::score::RoleProfile;
use rolefit::Pipeline;

#[path = "support/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The file-name hints a caller may pass: none, each supported extension, an unsupported one.
const HINTS: [Option<&str>; 7] = [
    None,
    Some("resume.pdf"),
    Some("resume.docx"),
    Some("resume.txt"),
    Some("resume.md"),
    Some("resume"),
    Some("resume.doc"),
];

/// Good fixtures to mutate: one render per producer and format, with its natural name.
fn fixtures() -> &'static [(PathBuf, Vec<u8>)] {
    static FIXTURES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = root().join("fixtures/resumes");
        [
            "go-developer.groff.pdf",
            "keyword-stuffer.chromium.pdf",
            "career-changer.lo.pdf",
            "go-developer.docx",
            "accountant.txt",
        ]
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, bytes)
        })
        .collect()
    })
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::builder()
            .limits(Limits {
                max_bytes: 1 << 20,
                ..Limits::default()
            })
            .build()
    })
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new().expect("the default pipeline builds"))
}

/// One edit of a byte string; positions are fractions of the length so that they stay
/// meaningful whatever the input's size.
#[derive(Clone, Debug)]
enum Mutation {
    /// Keep the first `at` (per 65,536) of the bytes.
    Truncate(u16),
    /// Flip bit `bit` of the byte at `at`.
    FlipBit(u16, u8),
    /// Insert `bytes` at `at`.
    Insert(u16, Vec<u8>),
    /// Remove up to `len` bytes from `at`.
    Delete(u16, u16),
    /// Copy up to `len` bytes from `from` to `at` (swaps and repeats whole objects, often).
    Duplicate(u16, u16, u16),
}

fn position(fraction: u16, len: usize) -> usize {
    (len as u64 * u64::from(fraction) / 65_536) as usize
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        match self {
            Mutation::Truncate(at) => bytes.truncate(position(*at, len)),
            Mutation::FlipBit(at, bit) => {
                if len > 0 {
                    bytes[position(*at, len)] ^= 1 << (bit % 8);
                }
            }
            Mutation::Insert(at, new) => {
                let at = position(*at, len);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = position(*at, len);
                let end = (at + usize::from(*n)).min(len);
                bytes.drain(at..end);
            }
            Mutation::Duplicate(from, n, at) => {
                let from = position(*from, len);
                let end = (from + usize::from(*n)).min(len);
                let chunk = bytes[from..end].to_vec();
                let at = position(*at, len);
                bytes.splice(at..at, chunk);
            }
        }
    }
}

/// Bytes that parsers treat specially, so insertions hit syntax rather than only noise.
fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..16),
        prop::sample::select(vec![
            b"obj".to_vec(),
            b"endobj".to_vec(),
            b"stream\n".to_vec(),
            b"/Length 99999999999".to_vec(),
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_vec(),
            b"<<<<<<<<<<<<<<<<".to_vec(),
            b"xref\n0 4294967295\n".to_vec(),
            b"startxref\n99999999999\n".to_vec(),
            b"\xff\xfe\x00".to_vec(),
            b"<w:t>".to_vec(),
            b"]]}}\"\"''".to_vec(),
            "Ω€𝄞\u{AD}\u{FB01}".as_bytes().to_vec(),
        ]),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<u16>().prop_map(Mutation::Truncate),
        (any::<u16>(), any::<u8>()).prop_map(|(a, b)| Mutation::FlipBit(a, b)),
        (any::<u16>(), interesting_bytes()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<u16>(), 1..4096u16).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<u16>(), 1..4096u16, any::<u16>()).prop_map(|(f, n, a)| Mutation::Duplicate(f, n, a)),
    ]
}

fn mutated(original: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for edit in edits {
        edit.apply(&mut bytes);
    }
    bytes
}

/// Extracts `bytes` and checks the answer: a document whose spans all slice its text, or an
/// error that is not one of our own panics.
fn check_extract(bytes: &[u8], hint: Option<&Path>) -> Result<(), TestCaseError> {
    match extractor().extract_bytes(bytes, hint) {
        Ok(doc) => {
            if let Some(p) = invariants::document_problem(&doc) {
                return Err(TestCaseError::fail(p));
            }
            let set = pipeline().matcher().find(&doc);
            if let Some(p) = invariants::matches_problem(doc.text(), &set) {
                return Err(TestCaseError::fail(p));
            }
        }
        Err(e) => {
            if let Some(p) = invariants::extract_error_problem(&e) {
                return Err(TestCaseError::fail(p));
            }
            prop_assert_eq!(e.path(), hint, "the error names the hinted file");
        }
    }
    Ok(())
}

/// Valid UTF-8 text that looks a little like a resume, with the characters normalization
/// and date parsing care about.
fn resume_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Experience\n".to_owned()),
        Just("SKILLS: Python, Go, C++, C#, .NET, R, Excel\n".to_owned()),
        Just("Senior Engineer, Acme Corp  Jan 2019 – Present\n".to_owned()),
        Just("2015 - 2018 | Data Scientist @ Initech\n".to_owned()),
        Just("• Built go-to-market dashboards in React\n".to_owned()),
        Just("jane.doe@example.com | +1 206 555 0100 | github.com/jdoe\n".to_owned()),
        Just("M.Sc. Computer Science, Example University, 2014\n".to_owned()),
        Just("\u{FB01}nance \u{AD}soft hy\u{AD}phen ﬀ ligature\n".to_owned()),
        Just("Kubernetes/Docker/CI-CD, PyTorch (primary), TensorFlow\n".to_owned()),
        "\\PC{0,40}",
        "[ \t\r\n]{0,6}",
        "[0-9/–—-]{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(Config { cases: 256, failure_persistence: None, ..Config::default() })]

    #[test]
    fn random_bytes_with_every_hint(bytes in prop::collection::vec(any::<u8>(), 0..2048), hint in 0..HINTS.len()) {
        check_extract(&bytes, HINTS[hint].map(Path::new))?;
    }

    #[test]
    fn extract_str_spans_slice_the_text(text in prop_oneof![resume_like_text(), any::<String>()]) {
        let doc = extractor().extract_str(&text);
        if let Some(p) = invariants::document_problem(&doc) {
            return Err(TestCaseError::fail(p));
        }
    }

    #[test]
    fn find_text_spans_slice_the_text(text in prop_oneof![resume_like_text(), any::<String>()]) {
        let set = pipeline().matcher().find_text(&text);
        if let Some(p) = invariants::matches_problem(&text, &set) {
            return Err(TestCaseError::fail(p));
        }
    }

    #[test]
    fn score_text_never_panics(text in resume_like_text()) {
        match pipeline().score_text(&text) {
            Ok(scored) => {
                prop_assert!((0.0..=100.0).contains(&scored.report.score));
                if let Some(p) = invariants::matches_problem(scored.document.text(), &scored.matches) {
                    return Err(TestCaseError::fail(p));
                }
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn taxonomy_sources_fail_with_located_errors(
        seed in 0..TAXONOMY_SEEDS.len(),
        edits in prop::collection::vec(mutation(), 0..4),
        json in any::<bool>(),
    ) {
        let (text, natural) = TAXONOMY_SEEDS[seed];
        // Seeds start with the fuzz target's format selector byte (ASCII): skip it.
        let text = String::from_utf8_lossy(&mutated(&text.as_bytes()[1..], &edits)).into_owned();
        let format = if json != natural { SpecFormat::Json } else { SpecFormat::Toml };
        let mut builder = TaxonomyBuilder::new();
        let built = builder.add_str("fuzzed.toml", &text, format).and_then(|b| b.build());
        if let Err(e) = built {
            let message = e.to_string();
            prop_assert!(message.contains("fuzzed.toml"), "error does not name its source: {}", message);
        }
    }

    #[test]
    fn profiles_fail_with_located_errors(
        seed in 0..PROFILE_SEEDS.len(),
        edits in prop::collection::vec(mutation(), 0..4),
    ) {
        let text = String::from_utf8_lossy(&mutated(PROFILE_SEEDS[seed].as_bytes(), &edits)).into_owned();
        let taxonomy: &Taxonomy = pipeline().taxonomy();
        match RoleProfile::from_toml_str("fuzzed.toml", &text, taxonomy) {
            Ok(profile) => {
                let again = RoleProfile::from_toml_str("again.toml", &profile.to_toml(), taxonomy);
                prop_assert!(again.is_ok(), "a loaded profile's own TOML is rejected: {:?}", again);
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.contains("fuzzed.toml"), "error does not name its file: {}", message);
            }
        }
    }
}

proptest! {
    // PDF extraction is the slow path in debug builds: fewer cases.
    #![proptest_config(Config { cases: 64, failure_persistence: None, ..Config::default() })]

    #[test]
    fn mutated_fixtures_extract_or_fail_cleanly(
        fixture in 0..5usize,
        edits in prop::collection::vec(mutation(), 1..5),
    ) {
        let (path, original) = &fixtures()[fixture];
        let bytes = mutated(original, &edits);
        check_extract(&bytes, Some(path))?;
    }

    #[test]
    fn score_bytes_never_panics(
        fixture in 0..5usize,
        edits in prop::collection::vec(mutation(), 0..3),
    ) {
        let (path, original) = &fixtures()[fixture];
        let bytes = mutated(original, &edits);
        match pipeline().score_bytes(&bytes, Some(path)) {
            Ok(scored) => prop_assert!((0.0..=100.0).contains(&scored.report.score)),
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert_eq!(e.path.as_deref(), Some(path.as_path()));
            }
        }
    }
}

/// Taxonomy sources to mutate (the fuzz seeds), with whether each is JSON.
const TAXONOMY_SEEDS: [(&str, bool); 3] = [
    (
        include_str!("../fuzz/seeds/taxonomy/seed-links.toml"),
        false,
    ),
    (
        include_str!("../fuzz/seeds/taxonomy/seed-ambiguous.toml"),
        false,
    ),
    (include_str!("../fuzz/seeds/taxonomy/seed-small.json"), true),
];

/// Role profiles to mutate.
const PROFILE_SEEDS: [&str; 2] = [
    include_str!("../crates/score/profiles/ml-engineer.toml"),
    include_str!("../crates/score/profiles/data-engineer.toml"),
];

#[test]
fn unmutated_fixtures_extract() {
    for (path, bytes) in fixtures() {
        let doc = extractor()
            .extract_bytes(bytes, Some(path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            invariants::document_problem(&doc),
            None,
            "{}",
            path.display()
        );
        assert!(doc.text().len() > 200, "{}: little text", path.display());
    }
}

#[test]
fn the_mutator_really_mutates() {
    let original = b"%PDF-1.4 hello world".to_vec();
    assert_eq!(mutated(&original, &[Mutation::Truncate(32_768)]).len(), 10);
    assert_ne!(mutated(&original, &[Mutation::FlipBit(0, 0)]), original);
    assert_eq!(
        mutated(&original, &[Mutation::Insert(0, b"ab".to_vec())])[..2],
        *b"ab"
    );
    assert_eq!(
        mutated(&original, &[Mutation::Delete(0, 5)]),
        b"1.4 hello world"
    );
    assert_eq!(
        mutated(&original, &[Mutation::Duplicate(0, 4, 0)])[..8],
        *b"%PDF%PDF"
    );
}
