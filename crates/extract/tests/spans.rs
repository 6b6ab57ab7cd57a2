//! Property tests: every span a Document holds slices its own text on char boundaries, any span
//! at all slices without a panic, and arbitrary bytes never make extraction panic.

use proptest::prelude::*;
use rolefit_extract::{Document, Extractor, Span, YearMonth};

fn all_spans(doc: &Document) -> Vec<Span> {
    let mut spans = Vec::new();
    for s in &doc.sections {
        spans.push(s.body);
        spans.extend(s.heading);
    }
    spans.extend(doc.tokens.iter().map(|t| t.span));
    spans.extend(doc.contact.name.map(|(s, _)| s));
    spans.extend(doc.contact.emails.iter().copied());
    spans.extend(doc.contact.phones.iter().copied());
    spans.extend(doc.contact.links.iter().map(|l| l.span));
    for p in &doc.positions {
        spans.push(p.span);
        spans.push(p.dates.span);
    }
    spans.extend(doc.education.iter().map(|e| e.span));
    spans
}

fn check(doc: &Document) -> Result<(), TestCaseError> {
    for span in all_spans(doc) {
        prop_assert!(
            span.start <= span.end && span.end <= doc.text.len(),
            "{span:?} outside {}",
            doc.text.len()
        );
        prop_assert!(
            doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end),
            "{span:?}"
        );
    }
    for pair in doc.sections.windows(2) {
        prop_assert!(
            pair[0].body.end
                <= pair[1]
                    .body
                    .start
                    .max(pair[1].heading.map_or(0, |h| h.start))
        );
    }
    for t in &doc.tokens {
        prop_assert!(!doc.slice(t.span).is_empty());
        prop_assert!(t.section < doc.sections.len().max(1));
    }
    Ok(())
}

/// Resume-like fragments, so the generator reaches headings, dates, bullets and contacts.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Experience\n".to_owned()),
        Just("S K I L L S\n".to_owned()),
        Just("Skills: C++, C#, .NET\n".to_owned()),
        Just("Jan 2019 – Present\n".to_owned()),
        Just("Spring 2020 – Fall '21\n".to_owned()),
        Just("• develop-\nment of k8s\n".to_owned()),
        Just("\u{F0B7}\u{AD}ﬁ GITHUB-SQUARE\n".to_owned()),
        Just("jane@example.com +1 206 555 0142 linkedin.com/in/jane\n".to_owned()),
        Just("MSc in Computer Science, Lakeshore University, 2016\n".to_owned()),
        Just("Engineer, Acme — Seattle, WA\n".to_owned()),
        "\\PC{0,40}",
        "[ \t\r\n•–—:|/.#+&'-]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_the_text(parts in prop::collection::vec(fragment(), 0..24)) {
        let text: String = parts.concat();
        let ex = Extractor::builder().as_of(YearMonth::new(2026, 6).unwrap()).build();
        check(&ex.extract_str(&text))?;
    }

    #[test]
    fn truncation_keeps_spans_valid(parts in prop::collection::vec(fragment(), 1..16), max in 0usize..200) {
        let limits = rolefit_extract::Limits { max_chars: max, ..Default::default() };
        let doc = Extractor::builder().limits(limits).build().extract_str(&parts.concat());
        prop_assert!(doc.text.chars().count() <= max);
        check(&doc)?;
    }

    #[test]
    fn any_span_slices_without_panic(text in "\\PC{0,64}", a in 0usize..300, b in 0usize..300) {
        let doc = Extractor::new().extract_str(&text);
        let _ = doc.slice(Span { start: a, end: b });
        let _ = doc.section_at(a);
        let _ = doc.position_at(b);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop_oneof![Just("txt"), Just("md"), Just("docx"), Just("pdf"), Just("bin")]) {
        let name = format!("input.{ext}");
        if let Ok(doc) = Extractor::new().extract_bytes(&bytes, Some(std::path::Path::new(&name))) {
            check(&doc)?;
        }
    }
}
