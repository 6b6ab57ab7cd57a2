//! The HTML report: structure, escaping and determinism on records scored from the real
//! fixture resumes, and a render in headless Chromium (skipped with a notice when it is absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rolefit::extract::Diagnostic;
use rolefit::html::{escape, render_batch, HtmlOptions};
use rolefit::record::{Record, SummaryRecord, SCHEMA_VERSION};
use rolefit::Pipeline;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/resumes")
        .canonicalize()
        .expect("fixtures folder")
}

/// A scratch folder of this test binary.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("html_render")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Records of every text fixture and two PDFs, then a broken file and a missing one.
fn records() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let pipeline = Pipeline::new().expect("the default pipeline");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures())
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        paths.push(fixtures().join("data-scientist.lo.pdf"));
        paths.push(fixtures().join("llm-engineer.chromium.pdf"));
        let broken = scratch("inputs").join("broken.pdf");
        std::fs::write(&broken, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage").unwrap();
        paths.push(broken);
        paths.push(fixtures().join("no-such-resume.txt"));
        paths
            .iter()
            .map(|p| Record::from_outcome(p, &pipeline.score_path(p), pipeline.taxonomy(), false))
            .collect()
    })
}

fn results(records: &[Record]) -> Vec<&rolefit::record::ResultRecord> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Result(r) => Some(&**r),
            _ => None,
        })
        .collect()
}

fn errors(records: &[Record]) -> Vec<&rolefit::record::ErrorRecord> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Error(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn page() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| render_batch(records(), &HtmlOptions::default()))
}

#[test]
fn escape_neutralises_markup_quotes_ampersands_and_controls() {
    assert_eq!(
        escape("<script>alert(\"x\")</script>"),
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    );
    assert_eq!(escape("Tom & Jerry's"), "Tom &amp; Jerry&#39;s");
    assert_eq!(escape("&amp;"), "&amp;amp;");
    assert_eq!(
        escape("a\u{0}b\u{7}c\u{85}d"),
        "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
    );
    assert_eq!(escape("tab\tand\r\nnewline"), "tab\tand\r\nnewline");
    assert_eq!(escape("Zoë — naïve ✓"), "Zoë — naïve ✓");
    assert_eq!(escape(""), "");
}

#[test]
fn the_fixtures_give_results_and_errors() {
    let records = records();
    assert!(results(records).len() >= 10, "most fixtures score");
    let kinds: Vec<&str> = errors(records).iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"io"), "{kinds:?}");
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}

#[test]
fn every_candidate_has_a_linked_section_in_rank_order() {
    let page = page();
    let results = results(records());
    let mut scores: Vec<f64> = results.iter().map(|r| r.score).collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(
        page.matches("<article class=\"candidate\"").count(),
        results.len()
    );
    for rank in 1..=results.len() {
        assert_eq!(page.matches(&format!("href=\"#c{rank}\"")).count(), 1);
        assert_eq!(page.matches(&format!("id=\"c{rank}\"")).count(), 1);
    }
    // Every file once in the table and once as a candidate heading.
    for r in &results {
        let name = Path::new(&r.path).file_name().unwrap().to_string_lossy();
        let tag = format!("<span class=\"name\">{}</span>", escape(&name));
        assert!(page.matches(&tag).count() >= 2, "{name}");
    }
    // The table's scores are the results' scores, best first.
    let table = &page[page.find("<table class=\"ranking\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let shown: Vec<String> = table
        .split("<td class=\"num score\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_owned())
        .collect();
    let expected: Vec<String> = scores.iter().map(|s| format!("{s:.1}")).collect();
    assert_eq!(shown, expected);
    // Error files come after, with their kind and message.
    let errors_at = table.find("<tbody class=\"errors\">").expect("error rows");
    for e in errors(records()) {
        let at = table.find(&escape(&e.message)).expect("error message");
        assert!(at > errors_at);
        assert!(table.contains(&format!("<span class=\"pill error\">{}</span>", e.kind)));
    }
    // Each candidate: gauge, categories, roadmap, requirements with evidence, stamp.
    let n = results.len();
    assert_eq!(page.matches("<svg class=\"gauge\"").count(), n);
    assert_eq!(page.matches("<details class=\"requirements\"").count(), n);
    assert_eq!(page.matches("<footer class=\"stamp\">").count(), n);
    assert_eq!(page.matches("<ol class=\"stages\">").count(), n);
    let rows: usize = results.iter().map(|r| r.requirements.len()).sum();
    let req_rows = page
        .split("<table class=\"req-table\">")
        .skip(1)
        .map(|t| {
            t[..t.find("</table>").unwrap()]
                .matches("<tr><th scope=\"row\">")
                .count()
        })
        .sum::<usize>();
    assert_eq!(req_rows, rows);
}

#[test]
fn gaps_are_listed_in_order_with_points_and_stage() {
    let page = page();
    let with_gaps = results(records())
        .into_iter()
        .find(|r| r.gaps.len() >= 3 && r.gaps.iter().any(|g| g.stage.is_some()))
        .expect("a candidate with staged gaps");
    let own = &page[page
        .find(&format!(
            "<p class=\"path\">{}</p>",
            escape(&with_gaps.path)
        ))
        .expect("candidate section")..];
    let table = &own[own.find("<table class=\"gaps-table\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr><th scope=\"row\">").skip(1).collect();
    assert_eq!(rows.len(), with_gaps.gaps.len());
    for (row, gap) in rows.iter().zip(&with_gaps.gaps) {
        assert!(
            row.starts_with(&format!("{}</th>", escape(&gap.requirement))),
            "{row}"
        );
        assert!(row.contains(&format!("<b>+{:.1}</b>", gap.points)), "{row}");
        if let Some(stage) = gap.stage {
            assert!(
                row.contains(&format!("stage {}: ", stage.number())),
                "{row}"
            );
        }
    }
}

#[test]
fn evidence_lines_appear_once_per_requirement_with_mentions_marked() {
    let page = page();
    let mut snippets = 0;
    let mut marked = 0;
    let mut two_marks = 0;
    for table in page.split("<table class=\"req-table\">").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        for row in table.split("<tr><th scope=\"row\">").skip(1) {
            let items: Vec<&str> = row
                .split("<li><span class=\"section\">")
                .skip(1)
                .map(|li| &li[..li.find("</li>").unwrap()])
                .collect();
            let distinct: std::collections::BTreeSet<&str> = items.iter().copied().collect();
            assert_eq!(distinct.len(), items.len(), "a line repeated in {row}");
            snippets += items.len();
            marked += items.iter().filter(|li| li.contains("<mark>")).count();
            two_marks += items
                .iter()
                .filter(|li| li.matches("<mark>").count() >= 2)
                .count();
        }
    }
    assert!(snippets > 50, "{snippets} snippets");
    assert!(
        marked * 10 >= snippets * 9,
        "{marked} of {snippets} snippets mark a mention"
    );
    assert!(
        two_marks > 0,
        "a line with two skills of a requirement marks both"
    );
}

#[test]
fn histogram_has_ten_bins_that_count_every_score() {
    let page = page();
    let svg = &page[page.find("<svg class=\"histogram\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let bars: Vec<&str> = svg.split("<rect class=\"bar\"").skip(1).collect();
    assert_eq!(bars.len(), 10);
    let results = results(records());
    let mut expected = [0usize; 10];
    for r in &results {
        expected[((r.score / 10.0).floor() as usize).min(9)] += 1;
    }
    for (bar, want) in bars.iter().zip(expected) {
        let title = &bar[bar.find("<title>").unwrap() + 7..bar.find("</title>").unwrap()];
        let count: usize = title
            .split(": ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("count in bar title");
        assert_eq!(count, want, "{title}");
    }
}

#[test]
fn most_missed_counts_missing_requirements() {
    let results = results(records());
    let page = page();
    let section = &page[page.find("id=\"missed-title\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let first = &section[section.find("<tbody>").unwrap()..];
    let label = &first[first.find("<th scope=\"row\">").unwrap() + 16..];
    let label = &label[..label.find(" <span class=\"imp").unwrap()];
    let missing = results
        .iter()
        .filter(|r| {
            r.requirements
                .iter()
                .any(|o| escape(&o.label) == label && o.status == rolefit::score::Status::Missing)
        })
        .count();
    let most = results
        .iter()
        .flat_map(|r| &r.requirements)
        .filter(|o| o.status == rolefit::score::Status::Missing)
        .fold(std::collections::BTreeMap::new(), |mut m, o| {
            *m.entry(o.label.as_str()).or_insert(0usize) += 1;
            m
        })
        .into_values()
        .max()
        .unwrap_or(0);
    assert!(missing > 0);
    assert_eq!(missing, most, "the first row is the most missed");
    assert!(first.contains(&format!("{missing} of {}", results.len())));
}

#[test]
fn untrusted_text_is_escaped_everywhere() {
    let mut records = records().to_vec();
    // A file name cannot hold a slash; the folder can.
    let hostile = "<script>alert(\"x\")</script>/evil\"<b>&'.txt";
    let snippet = "<img src=x onerror=alert(1)> & \"quoted\"";
    for record in &mut records {
        match record {
            Record::Result(r) => {
                r.path = hostile.to_owned();
                if let Some(ev) = r
                    .requirements
                    .iter_mut()
                    .flat_map(|o| &mut o.evidence)
                    .next()
                {
                    ev.snippet = snippet.to_owned();
                }
            }
            Record::Error(e) => e.message = "<b onclick=\"x()\">bold</b>".to_owned(),
            Record::Summary(_) => {}
        }
    }
    let page = render_batch(
        &records,
        &HtmlOptions {
            title: Some("Q3 <hiring> & \"friends\"".to_owned()),
        },
    );
    for raw in ["<script", "<img", "<b onclick", "<b>&", "<hiring>"] {
        assert!(!page.contains(raw), "{raw} left unescaped");
    }
    assert!(page.contains("<span class=\"name\">evil&quot;&lt;b&gt;&amp;&#39;.txt</span>"));
    assert!(page
        .contains("<span class=\"dir\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;/</span>"));
    assert!(page.contains("&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;"));
    assert!(page.contains("<title>Q3 &lt;hiring&gt; &amp; &quot;friends&quot;</title>"));
}

#[test]
fn the_page_is_self_contained() {
    let page = page();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "=\"http", "//fonts",
    ] {
        assert!(!page.contains(banned), "{banned}");
    }
    for href in page.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#'),
            "external link: {}",
            &href[..40.min(href.len())]
        );
    }
    assert!(page.contains("@media print"));
    // Every SVG is labelled for assistive technology.
    let svgs = page.matches("<svg ").count();
    assert_eq!(
        svgs,
        page.matches(
            "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"Score "
        )
        .count()
            + 1
    );
    assert!(page.contains("role=\"img\" aria-labelledby=\"hist-svg-title hist-svg-desc\""));
}

#[test]
fn output_is_deterministic_and_independent_of_result_order() {
    let records = records();
    let again = render_batch(records, &HtmlOptions::default());
    assert_eq!(page(), again);
    let mut shuffled: Vec<Record> = records
        .iter()
        .filter(|r| matches!(r, Record::Result(_)))
        .cloned()
        .collect();
    shuffled.reverse();
    shuffled.extend(
        records
            .iter()
            .filter(|r| !matches!(r, Record::Result(_)))
            .cloned(),
    );
    assert_eq!(page(), render_batch(&shuffled, &HtmlOptions::default()));
}

#[test]
fn low_confidence_shows_a_warning_with_its_reasons() {
    let warning = "<strong>Low parse confidence.</strong>";
    let before = page().matches(warning).count();
    let mut records = records().to_vec();
    let Some(Record::Result(r)) = records
        .iter_mut()
        .find(|r| matches!(r, Record::Result(r) if !r.low_confidence))
    else {
        panic!("no confident result");
    };
    r.low_confidence = true;
    r.diagnostics.push(Diagnostic::LowTextDensity {
        words_per_page: 12.0,
    });
    let page = render_batch(&records, &HtmlOptions::default());
    assert_eq!(page.matches(warning).count(), before + 1);
    assert!(page.contains("only 12 words per page; text may be missing"));
}

#[test]
fn a_summary_record_gives_the_totals_but_not_the_time() {
    let summary = |elapsed_ms| {
        Record::Summary(SummaryRecord {
            schema_version: SCHEMA_VERSION,
            files: 25,
            scored: 20,
            failed: 5,
            by_kind: [("no_text_layer".to_owned(), 3), ("timeout".to_owned(), 2)].into(),
            pages: 41,
            elapsed_ms,
            interrupted: true,
        })
    };
    let with = |elapsed_ms| {
        let mut records = records().to_vec();
        records.push(summary(elapsed_ms));
        render_batch(&records, &HtmlOptions::default())
    };
    let shown = with(1234);
    assert_eq!(shown, with(98765), "elapsed time changes the bytes");
    assert!(shown.contains("<dt>Files</dt><dd>25</dd>"));
    assert!(
        shown.contains("<dt>Not scored</dt><dd>5<small>3 no_text_layer, 2 timeout</small></dd>")
    );
    assert!(shown.contains("<dt>Pages read</dt><dd>41</dd>"));
    assert!(shown.contains("<strong>Interrupted:</strong>"));
    assert!(!shown.contains("1234"));
    // Without a summary the totals are counted from the records.
    assert!(page().contains(&format!("<dt>Files</dt><dd>{}</dd>", records().len())));
    assert!(!page().contains("Interrupted"));
}

#[test]
fn an_empty_run_renders_a_page() {
    let page = render_batch(&[], &HtmlOptions::default());
    assert!(page.contains("<h1>Fit report: no scored resumes</h1>"));
    assert!(page.contains("No files in this run."));
    assert!(page.ends_with("</html>\n"));
}

/// Runs chromium headless with `args` then `url`; its stdout, or `None` after a minute.
fn chromium(profile: &Path, args: &[&str], url: &str) -> Option<Vec<u8>> {
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    reader.join().ok()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24, "PNG too short");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "IHDR first");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn chromium_renders_the_report() {
    if Command::new("chromium").arg("--version").output().is_err() {
        eprintln!("NOTICE: chromium not found; skipping the browser render of the HTML report");
        return;
    }
    let dir = scratch("chromium");
    let report = dir.join("report.html");
    let blank = dir.join("blank.html");
    std::fs::write(&report, page()).unwrap();
    std::fs::write(
        &blank,
        "<!DOCTYPE html><html lang=\"en\"><title>blank</title></html>",
    )
    .unwrap();
    let shot = |html: &Path, png: &Path, profile: &str| {
        chromium(
            &dir.join(profile),
            &[
                &format!("--screenshot={}", png.display()),
                "--window-size=1280,2000",
            ],
            &format!("file://{}", html.display()),
        )
        .expect("chromium finished within a minute");
        std::fs::read(png).expect("screenshot written")
    };
    let report_png = shot(&report, &dir.join("report.png"), "profile-report");
    let blank_png = shot(&blank, &dir.join("blank.png"), "profile-blank");
    assert_eq!(png_size(&report_png), (1280, 2000));
    assert_eq!(png_size(&blank_png), (1280, 2000));
    assert!(
        report_png.len() > 10 * blank_png.len(),
        "report {} bytes vs blank page {} bytes",
        report_png.len(),
        blank_png.len()
    );

    let dom = chromium(
        &dir.join("profile-dom"),
        &["--dump-dom"],
        &format!("file://{}", report.display()),
    )
    .expect("chromium finished within a minute");
    let dom = String::from_utf8_lossy(&dom);
    let results = results(records());
    assert_eq!(
        dom.matches("<article class=\"candidate\"").count(),
        results.len()
    );
    assert_eq!(dom.matches("<rect class=\"bar\"").count(), 10);
    assert_eq!(dom.matches("<svg class=\"gauge\"").count(), results.len());
    assert!(!dom.contains("<script"));
}
