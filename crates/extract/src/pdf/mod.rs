//! PDF reading: layout-aware pdf-extract, a quality gate, and pdf_oxide as the fallback.
//!
//! [`read_pdf`] is the single entry point the structure stage calls. It
//!
//! 1. loads the file with lopdf (an empty user password opens "encrypted" PDFs that have one);
//! 2. walks each page's content streams itself ([`shows`]) to learn the font of every string
//!    and the correct CID widths ([`fonts`]; pdf-extract drops `/W` range entries), and refuses
//!    pages whose form XObjects would send pdf-extract into endless recursion;
//! 3. runs pdf-extract page by page under [`panic_guard::catch`] into a
//!    [`GlyphCollector`](glyphs::GlyphCollector) that corrects widths and positions;
//! 4. rebuilds lines, words, columns and heading hints ([`layout`]);
//! 5. measures the text ([`quality`]); when pdf-extract failed, panicked or produced poor
//!    text, reads the file again with pdf_oxide ([`fallback`]) and keeps the better text.
//!
//! Limits: `max_bytes` is checked first ([`ErrorKind::TooLarge`]); `max_pages`, `max_chars`
//! and the time budget (checked between pages) cut the text with a `Truncated` diagnostic, or
//! fail with [`ErrorKind::Timeout`] when not even the first page could be started in time.

mod fallback;
mod fonts;
mod glyphs;
mod layout;
mod quality;
mod shows;

use std::time::Instant;

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::panic_guard;
use crate::raw::{RawLine, RawText};
use crate::Diagnostic;

use quality::{Problem, Quality};

/// The primary engine's name in diagnostics.
const PRIMARY: &str = "pdf-extract";

/// Reads the text of a PDF held in memory, in reading order, with its page count.
///
/// Errors: [`ErrorKind::TooLarge`] above `limits.max_bytes`; [`ErrorKind::Encrypted`] when the
/// empty user password does not open it; [`ErrorKind::Timeout`] when the time budget ran out
/// before the first page; [`ErrorKind::Malformed`] when neither engine can parse it;
/// [`ErrorKind::Crashed`] when both engines panicked.
pub(crate) fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<RawText, Error> {
    let started = Instant::now();
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "PDF of {} bytes exceeds the {} byte limit",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let budget = || Budget::new(limits, started);
    let primary = read_with_layout(bytes, &mut budget());
    let primary_problem = match &primary {
        Ok(p) => Quality::measure(&p.lines, p.pages)
            .problem()
            .map(|p| p.to_string()),
        Err(e) => Some(format!("it failed: {}", e.message())),
    };
    let (chosen, fallback_reason) = match primary_problem {
        None => (primary?, None),
        Some(reason) => match better(primary, fallback::read(bytes, &mut budget())) {
            Ok((e, true)) => (e, Some(reason)),
            Ok((e, false)) => (e, None),
            Err(e) => return Err(e),
        },
    };
    Ok(chosen.into_raw_text(fallback_reason))
}

/// What one engine extracted.
#[derive(Debug, Default)]
pub(super) struct Extracted {
    /// Lines in reading order.
    lines: Vec<RawLine>,
    /// Pages in the document (not only those read).
    pages: u32,
    /// Pages split into columns.
    multi_column_pages: u32,
    /// Limits that cut the text.
    truncated: Vec<&'static str>,
    /// The engine that produced it.
    engine: &'static str,
}

impl Extracted {
    fn into_raw_text(self, fallback_reason: Option<String>) -> RawText {
        let quality = Quality::measure(&self.lines, self.pages);
        let mut diagnostics = Vec::new();
        if let Some(reason) = fallback_reason {
            diagnostics.push(Diagnostic::FallbackEngineUsed {
                engine: self.engine.to_owned(),
                reason: format!("{PRIMARY} was not used: {reason}"),
            });
        }
        match quality.problem() {
            Some(Problem::NoTextLayer) => diagnostics.push(Diagnostic::NoTextLayer),
            Some(Problem::LowDensity(w)) => diagnostics.push(Diagnostic::LowTextDensity {
                words_per_page: w as f32,
            }),
            Some(Problem::Garbled(why)) => diagnostics.push(Diagnostic::GarbledText {
                reason: why.to_owned(),
            }),
            None => {}
        }
        if self.multi_column_pages > 0 {
            diagnostics.push(Diagnostic::MultiColumn {
                pages: self.multi_column_pages,
            });
        }
        for limit in self.truncated {
            diagnostics.push(Diagnostic::Truncated {
                limit: limit.to_owned(),
            });
        }
        RawText {
            lines: self.lines,
            pages: Some(self.pages),
            diagnostics,
        }
    }
}

/// Picks the better of the primary and the fallback result; `true` when the fallback won.
fn better(
    primary: Result<Extracted, Error>,
    fallback: Result<Extracted, Error>,
) -> Result<(Extracted, bool), Error> {
    match (primary, fallback) {
        (Ok(p), Ok(f)) => {
            let (qp, qf) = (
                Quality::measure(&p.lines, p.pages),
                Quality::measure(&f.lines, f.pages),
            );
            // The primary keeps layout hints; the fallback must be clearly better to win.
            if qf.score() > qp.score() * 1.05 + 5.0 {
                Ok((f, true))
            } else {
                Ok((p, false))
            }
        }
        (Ok(p), Err(_)) => Ok((p, false)),
        (Err(_), Ok(f)) => Ok((f, true)),
        (Err(p), Err(f)) => {
            // The clearest explanation: a password, the clock, damage, and only then a crash.
            let rank = |e: &Error| match e.kind() {
                ErrorKind::Encrypted => 0,
                ErrorKind::Timeout => 1,
                ErrorKind::Malformed => 2,
                _ => 3,
            };
            Err(if rank(&f) < rank(&p) { f } else { p })
        }
    }
}

/// The page, character and time limits of one engine's pass over a document.
#[derive(Debug)]
pub(super) struct Budget {
    max_pages: u32,
    max_chars: usize,
    deadline: Instant,
    chars: usize,
    truncated: Vec<&'static str>,
}

impl Budget {
    fn new(limits: &Limits, started: Instant) -> Budget {
        Budget {
            max_pages: limits.max_pages,
            max_chars: limits.max_chars,
            deadline: started + limits.time_budget,
            chars: 0,
            truncated: Vec::new(),
        }
    }

    /// Whether page `index` (0-based) may be read at `now`; `Err` when the first page may not.
    fn next_page(&mut self, index: u32, now: Instant) -> Result<bool, Error> {
        if index >= self.max_pages {
            self.truncate("max_pages");
            return Ok(false);
        }
        if now >= self.deadline {
            if index == 0 {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    "the time budget ran out before the first PDF page",
                ));
            }
            self.truncate("time_budget");
            return Ok(false);
        }
        Ok(true)
    }

    /// Appends `lines` to `out` up to the character limit; false once the limit is reached.
    fn take(&mut self, out: &mut Vec<RawLine>, lines: Vec<RawLine>) -> bool {
        for mut line in lines {
            let n = line.text.chars().count();
            if self.chars + n > self.max_chars {
                let keep = self.max_chars - self.chars;
                if let Some((cut, _)) = line.text.char_indices().nth(keep) {
                    line.text.truncate(cut);
                }
                if !line.text.is_empty() {
                    out.push(line);
                }
                self.chars = self.max_chars;
                self.truncate("max_chars");
                return false;
            }
            self.chars += n;
            out.push(line);
        }
        true
    }

    fn truncate(&mut self, limit: &'static str) {
        if !self.truncated.contains(&limit) {
            self.truncated.push(limit);
        }
    }
}

/// Reads `bytes` with pdf-extract through the glyph collector and the layout.
fn read_with_layout(bytes: &[u8], budget: &mut Budget) -> Result<Extracted, Error> {
    let crashed = |m: String| Error::new(ErrorKind::Crashed, format!("{PRIMARY} panicked: {m}"));
    let mut doc = panic_guard::catch(|| lopdf::Document::load_mem(bytes))
        .map_err(crashed)?
        .map_err(|e| Error::new(ErrorKind::Malformed, format!("unreadable PDF: {e}")))?;
    if doc.is_encrypted()
        && panic_guard::catch(|| doc.decrypt(""))
            .map_err(crashed)?
            .is_err()
    {
        return Err(Error::new(
            ErrorKind::Encrypted,
            "the PDF is encrypted with a user password",
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Error::new(
            ErrorKind::Malformed,
            "the PDF has no readable pages",
        ));
    }
    let mut out = Extracted {
        pages: pages.len() as u32,
        engine: PRIMARY,
        ..Extracted::default()
    };
    let mut fonts = shows::FontCache::default();
    let mut failed = None;
    for (index, (&number, &id)) in pages.iter().enumerate() {
        if !budget.next_page(index as u32, Instant::now())? {
            break;
        }
        let walked = match panic_guard::catch(|| shows::page_shows(&doc, id, &mut fonts)) {
            Ok(Ok(walked)) => walked,
            Ok(Err(unsafe_content)) => {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    format!("page {number} cannot be interpreted safely: {unsafe_content:?}"),
                ))
            }
            Err(m) => return Err(crashed(m)),
        };
        let mut shows = walked.shows;
        if !walked.quoted.is_empty() && shows::rewrite_quotes(&mut doc, id, &walked.quoted).is_err()
        {
            shows = None; // pdf-extract sees the original operators; the walk's order is off
        }
        let mut collector = glyphs::GlyphCollector::new(shows.as_deref());
        match panic_guard::catch(|| pdf_extract::output_doc_page(&doc, &mut collector, number)) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                failed = Some(Error::new(
                    ErrorKind::Malformed,
                    format!("page {number}: {e}"),
                ));
                continue;
            }
            Err(m) => {
                failed = Some(crashed(m));
                continue;
            }
        }
        let page = layout::layout_page(&collector.glyphs);
        out.multi_column_pages += u32::from(page.multi_column);
        if !budget.take(&mut out.lines, page.lines) {
            break;
        }
    }
    out.truncated = std::mem::take(&mut budget.truncated);
    match failed {
        Some(e) if out.lines.is_empty() => Err(e),
        _ => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_input_over_the_byte_limit() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let err = read_pdf(b"%PDF-1.4 too long for the limit", &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn random_bytes_are_malformed() {
        let err = read_pdf(b"%PDF-1.7\nthis is not a real pdf", &Limits::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }

    #[test]
    fn the_character_budget_cuts_inside_a_line_on_a_char_boundary() {
        let limits = Limits {
            max_chars: 5,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits, Instant::now());
        let mut out = Vec::new();
        let line = |t: &str| RawLine {
            text: t.to_owned(),
            ..RawLine::default()
        };
        assert!(budget.take(&mut out, vec![line("abc")]));
        assert!(!budget.take(&mut out, vec![line("déf"), line("ghi")]));
        assert_eq!(
            out.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["abc", "dé"]
        );
        assert_eq!(budget.truncated, ["max_chars"]);
    }

    #[test]
    fn the_page_and_time_budgets_stop_between_pages() {
        let limits = Limits {
            max_pages: 2,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits, Instant::now());
        assert!(budget.next_page(1, Instant::now()).unwrap());
        assert!(!budget.next_page(2, Instant::now()).unwrap());
        let late = Instant::now() + limits.time_budget * 2;
        assert_eq!(
            budget.next_page(0, late).unwrap_err().kind(),
            ErrorKind::Timeout
        );
        assert!(!budget.next_page(1, late).unwrap());
        assert_eq!(budget.truncated, ["max_pages", "time_budget"]);
    }

    fn text_of(raw: &RawText) -> String {
        raw.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn read_file(path: &str) -> Option<Vec<u8>> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).ok()
    }

    /// The first page laid out from pdf-extract's own widths (no shows: nothing corrected).
    fn uncorrected_first_page(bytes: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let mut collector = glyphs::GlyphCollector::new(None);
        pdf_extract::output_doc_page(&doc, &mut collector, 1).unwrap();
        let page = layout::layout_page(&collector.glyphs);
        page.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn chromium_cid_width_ranges_do_not_split_words() {
        let bytes = read_file("../../fixtures/resumes/ml-engineer-junior.chromium.pdf")
            .expect("the Chromium fixture exists");
        // pdf-extract's widths (the /W ranges dropped) split the words of this file ...
        let uncorrected = uncorrected_first_page(&bytes);
        for split in ["A iko B randt", "Jan 2024 – P resent"] {
            assert!(
                uncorrected.contains(split),
                "{split:?} missing from:\n{uncorrected}"
            );
        }
        // ... the widths read from /W keep them whole.
        let raw = read_pdf(&bytes, &Limits::default()).unwrap();
        let text = text_of(&raw);
        for phrase in [
            "Aiko Brandt",
            "Jan 2024 – Present",
            "Machine Learning Engineer I, Lumen Harbor",
        ] {
            assert!(text.contains(phrase), "{phrase:?} missing from:\n{text}");
        }
        assert_eq!(Quality::measure(&raw.lines, 1).one_letter, 0);
        assert!(raw.diagnostics.is_empty(), "{:?}", raw.diagnostics);
    }

    #[test]
    fn skia_type3_widths_follow_the_font_matrix() {
        let path =
            "../../../shared/data/pdf-corpus/resumematcher_chromium_modern-single-column.pdf";
        let Some(bytes) = read_file(path) else {
            println!("notice: {path} is absent; the Type3 width test is skipped");
            return;
        };
        let text = text_of(&read_pdf(&bytes, &Limits::default()).unwrap());
        // Twice-too-wide Type3 glyphs overlapped and repeated letters were dropped as overprints.
        for word in [
            "Senior Software Engineer",
            "Passionate",
            "500+",
            "99.99% uptime",
        ] {
            assert!(text.contains(word), "{word:?} missing from:\n{text}");
        }
    }

    #[test]
    fn groff_quote_operators_keep_their_text() {
        let bytes = read_file("../../fixtures/resumes/ml-engineer-junior.groff.pdf")
            .expect("the groff fixture exists");
        let text = text_of(&read_pdf(&bytes, &Limits::default()).unwrap());
        for line in [
            "Summary",
            "Experience",
            "Jan 2024 – Present",
            "• Implemented data augmentation",
        ] {
            assert!(text.contains(line), "{line:?} missing from:\n{text}");
        }
    }

    #[test]
    fn broken_pdfs_get_their_specific_error_or_diagnostic() {
        let cases = [
            ("empty.pdf", Err(ErrorKind::Malformed)),
            ("random-bytes.pdf", Err(ErrorKind::Malformed)),
            ("truncated.pdf", Err(ErrorKind::Malformed)),
            ("encrypted-user-password.pdf", Err(ErrorKind::Encrypted)),
            // pdf_oxide would overflow its stack (abort) on these 20,000 nested arrays.
            ("deeply-nested.pdf", Err(ErrorKind::Malformed)),
            ("image-only.pdf", Ok(Diagnostic::NoTextLayer)),
        ];
        for (file, expected) in cases {
            let bytes = read_file(&format!("../../fixtures/broken/{file}")).expect(file);
            match (read_pdf(&bytes, &Limits::default()), expected) {
                (Err(e), Err(kind)) => assert_eq!(e.kind(), kind, "{file}: {e}"),
                (Ok(raw), Ok(diagnostic)) => {
                    assert!(raw.diagnostics.contains(&diagnostic), "{file}: {raw:?}")
                }
                (got, want) => panic!("{file}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn a_file_over_the_default_size_limit_is_too_large() {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.resize(Limits::default().max_bytes as usize + 1, b' ');
        assert_eq!(
            read_pdf(&bytes, &Limits::default()).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn page_char_and_time_limits_apply_to_a_real_pdf() {
        let bytes =
            read_file("../../fixtures/resumes/ml-engineer-senior.lo.pdf").expect("2-page fixture");
        let one_page = read_pdf(
            &bytes,
            &Limits {
                max_pages: 1,
                ..Limits::default()
            },
        )
        .unwrap();
        assert_eq!(one_page.pages, Some(2));
        assert!(one_page.diagnostics.contains(&Diagnostic::Truncated {
            limit: "max_pages".into()
        }));
        let full = read_pdf(&bytes, &Limits::default()).unwrap();
        assert!(text_of(&one_page).len() < text_of(&full).len());

        let short = read_pdf(
            &bytes,
            &Limits {
                max_chars: 100,
                ..Limits::default()
            },
        )
        .unwrap();
        assert!(
            short
                .lines
                .iter()
                .map(|l| l.text.chars().count())
                .sum::<usize>()
                <= 100
        );
        assert!(short.diagnostics.contains(&Diagnostic::Truncated {
            limit: "max_chars".into()
        }));

        let no_time = Limits {
            time_budget: std::time::Duration::ZERO,
            ..Limits::default()
        };
        assert_eq!(
            read_pdf(&bytes, &no_time).unwrap_err().kind(),
            ErrorKind::Timeout
        );
    }

    #[test]
    fn pdfs_encrypted_with_an_empty_user_password_are_read() {
        let dir = std::env::temp_dir().join(format!("rolefit-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/resumes/ml-engineer-junior.lo.pdf");
        for bits in ["128", "256"] {
            let out = dir.join(format!("empty-user-{bits}.pdf"));
            let made = std::process::Command::new("qpdf")
                .args(["--encrypt", "", "owner-secret", bits, "--"])
                .arg(&plain)
                .arg(&out)
                .status();
            if !made.is_ok_and(|s| s.success()) {
                println!("notice: qpdf is not installed; the empty-password test is skipped");
                return;
            }
            let raw = read_pdf(&std::fs::read(&out).unwrap(), &Limits::default()).unwrap();
            assert!(
                text_of(&raw).contains("Aiko Brandt"),
                "AES/RC4 {bits}: {raw:?}"
            );
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Lower-cased alphanumeric runs of NFKC text, soft hyphens dropped.
    fn bag(text: &str) -> std::collections::BTreeMap<String, i64> {
        use unicode_normalization::UnicodeNormalization;
        let text: String = text.nfkc().filter(|&c| c != '\u{00AD}').collect();
        let mut bag = std::collections::BTreeMap::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *bag.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        bag
    }

    fn f1(ours: &str, reference: &str) -> f64 {
        let (a, b) = (bag(ours), bag(reference));
        let hits: i64 = a
            .iter()
            .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
            .sum();
        let (na, nb) = (a.values().sum::<i64>(), b.values().sum::<i64>());
        if na == 0 || nb == 0 {
            return 0.0;
        }
        2.0 * hits as f64 / (na + nb) as f64
    }

    /// The measurement behind the choice of fallback: each engine alone on every corpus and
    /// fixture PDF, judged by the gate and by word-F1 against pdftotext. Run with
    /// `cargo test -p rolefit-extract --lib engines_compared -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement that prints a table; needs pdftotext"]
    fn engines_compared_on_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["../../../shared/data/pdf-corpus", "../../fixtures/resumes"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            files.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "pdf")),
            );
        }
        files.sort();
        let limits = Limits::default();
        let mut good = [0usize; 2];
        println!("| file | pdf-extract (ours) F1 | gate | pdf_oxide F1 | gate |");
        println!("|---|---:|---|---:|---|");
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let Ok(out) = std::process::Command::new("pdftotext")
                .arg(path)
                .arg("-")
                .output()
            else {
                println!("notice: pdftotext is not installed");
                return;
            };
            let reference = String::from_utf8_lossy(&out.stdout).into_owned();
            let engines = [
                read_with_layout(&bytes, &mut Budget::new(&limits, Instant::now())),
                fallback::read(&bytes, &mut Budget::new(&limits, Instant::now())),
            ];
            let mut cells = Vec::new();
            for (i, result) in engines.iter().enumerate() {
                match result {
                    Ok(e) => {
                        let score = f1(
                            &text_of(&RawText {
                                lines: e.lines.clone(),
                                ..RawText::default()
                            }),
                            &reference,
                        );
                        let problem = Quality::measure(&e.lines, e.pages).problem();
                        if problem.is_none() && score >= 0.95 {
                            good[i] += 1;
                        }
                        cells.push(format!(
                            "{score:.3} | {}",
                            problem.map_or("pass".into(), |p| p.to_string())
                        ));
                    }
                    Err(e) => cells.push(format!("– | {}", e.kind())),
                }
            }
            println!(
                "| {} | {} | {} |",
                path.file_name().unwrap().to_string_lossy(),
                cells[0],
                cells[1]
            );
        }
        println!(
            "read well (gate passed, F1 >= 0.95): pdf-extract {} / {}, pdf_oxide {} / {}",
            good[0],
            files.len(),
            good[1],
            files.len()
        );
    }
}
