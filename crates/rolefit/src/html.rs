//! The HTML report of a batch: one self-contained file to read in any browser.
//!
//! [`render_batch`] turns the records of a run (the same [`Record`]s the JSON Lines output
//! writes) into one HTML5 document with inline CSS and inline SVG only: no scripts, no fonts,
//! no images and no links outside the file, so it can be mailed, archived or opened offline.
//!
//! The batch page shows the role and as-of month, the totals, the ranked table (error files
//! after the scored ones, with their kind), a histogram of scores in 10-point bins and the
//! requirements missing in the most resumes. Each candidate, linked from the table, gets a
//! score gauge, category bars, the gaps with the points each would add and its roadmap stage,
//! the roadmap stage reached with the next steps, every requirement with its credit and
//! evidence snippets (in a `<details>` element), the low-confidence warning, the extraction
//! diagnostics and the reproducibility stamp.
//!
//! All text from the records — paths, snippets, messages — is escaped: resumes are untrusted
//! input. The output is deterministic: the same records give the same bytes (the summary's
//! wall-clock time is left out for that reason).
//!
//! ```
//! use rolefit::html::{render_batch, HtmlOptions};
//!
//! let page = render_batch(&[], &HtmlOptions::default());
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use rolefit_extract::{Diagnostic, SectionKind};
use rolefit_match::SkillId;
use rolefit_score::{
    Band, Basis, EvidenceSpan, Importance, RequirementOutcome, Stage, Status, ROADMAP,
    STAGE_REACHED_SHARE,
};

use crate::record::{ErrorRecord, Record, ResultRecord};

/// Writes formatted text into a `String` (which cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {
        let _ = write!($out, $($arg)*);
    };
}

/// Options of the HTML report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The page title; by default "Fit report: ROLE".
    pub title: Option<String>,
}

/// How many gaps the ranked table shows per candidate.
const TABLE_GAPS: usize = 3;
/// How many requirements the most-missed list shows.
const MOST_MISSED: usize = 10;
/// How many evidence snippets a requirement shows before the rest fold away.
const SNIPPETS_SHOWN: usize = 2;
/// How many next steps a candidate shows.
const NEXT_STEPS: usize = 5;
/// How many unused skills a candidate lists by name.
const UNUSED_SHOWN: usize = 12;

/// Returns `text` escaped for HTML text and quoted attribute values: `& < > " '` become
/// character references, and control characters (other than tab, newline and carriage
/// return) become U+FFFD.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// Displays a string escaped for HTML.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(needs_escape) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or('\u{FFFD}');
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\u{FFFD}",
            })?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Renders the records of one run as a self-contained HTML page.
///
/// Result records are ranked by score (highest first, ties by path); error records follow in
/// input order; the last summary record, if any, gives the totals (otherwise they are
/// counted from the records).
pub fn render_batch(records: &[Record], options: &HtmlOptions) -> String {
    let batch = BatchView::new(records);
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("Fit report: {}", batch.roles_label()));
    let mut out = String::with_capacity(16_384 + batch.ranked.len() * 24_576);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light\">\n");
    w!(
        out,
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        Escaped(&title)
    );
    out.push_str("<main>\n");
    page_header(&mut out, &title, &batch);
    totals(&mut out, &batch);
    ranking_table(&mut out, &batch);
    out.push_str("<div class=\"pair\">\n");
    histogram(&mut out, &batch);
    most_missed(&mut out, &batch);
    out.push_str("</div>\n");
    if !batch.ranked.is_empty() {
        out.push_str("<section id=\"candidates\" aria-labelledby=\"candidates-title\">\n");
        out.push_str("<h2 id=\"candidates-title\">Candidates</h2>\n");
        for (i, rec) in batch.ranked.iter().enumerate() {
            candidate(&mut out, i + 1, rec);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The records of a run, ordered for display.
struct BatchView<'a> {
    /// Scored files, best first.
    ranked: Vec<&'a ResultRecord>,
    /// Files not scored, in input order.
    errors: Vec<&'a ErrorRecord>,
    totals: Totals,
}

/// Counts of a run.
struct Totals {
    files: usize,
    scored: usize,
    failed: usize,
    by_kind: BTreeMap<String, usize>,
    pages: Option<u64>,
    interrupted: bool,
}

impl<'a> BatchView<'a> {
    fn new(records: &'a [Record]) -> BatchView<'a> {
        let mut ranked = Vec::new();
        let mut errors = Vec::new();
        let mut summary = None;
        for record in records {
            match record {
                Record::Result(r) => ranked.push(&**r),
                Record::Error(e) => errors.push(e),
                Record::Summary(s) => summary = Some(s),
            }
        }
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.path.cmp(&b.path))
        });
        let totals = match summary {
            Some(s) => Totals {
                files: s.files,
                scored: s.scored,
                failed: s.failed,
                by_kind: s.by_kind.clone(),
                pages: Some(s.pages),
                interrupted: s.interrupted,
            },
            None => {
                let mut by_kind = BTreeMap::new();
                for e in &errors {
                    *by_kind.entry(e.kind.clone()).or_insert(0) += 1;
                }
                Totals {
                    files: ranked.len() + errors.len(),
                    scored: ranked.len(),
                    failed: errors.len(),
                    by_kind,
                    pages: None,
                    interrupted: false,
                }
            }
        };
        BatchView {
            ranked,
            errors,
            totals,
        }
    }

    /// The role ids of the scored files, comma-separated.
    fn roles_label(&self) -> String {
        let roles: BTreeSet<&str> = self.ranked.iter().map(|r| r.role.as_str()).collect();
        if roles.is_empty() {
            "no scored resumes".to_owned()
        } else {
            roles.into_iter().collect::<Vec<_>>().join(", ")
        }
    }

    /// The as-of months of the scored files, comma-separated.
    fn as_of_label(&self) -> Option<String> {
        let months: BTreeSet<&str> = self.ranked.iter().map(|r| r.stamp.as_of.as_str()).collect();
        (!months.is_empty()).then(|| months.into_iter().collect::<Vec<_>>().join(", "))
    }
}

fn page_header(out: &mut String, title: &str, batch: &BatchView<'_>) {
    out.push_str("<header class=\"page-head\">\n");
    w!(out, "<h1>{}</h1>\n<p class=\"meta\">", Escaped(title));
    w!(
        out,
        "Role <strong>{}</strong>",
        Escaped(&batch.roles_label())
    );
    if let Some(as_of) = batch.as_of_label() {
        w!(out, " · as of <strong>{}</strong>", Escaped(&as_of));
    }
    let n = batch.totals.files;
    w!(out, " · {n} {}</p>\n", plural(n, "file", "files"));
    out.push_str("</header>\n");
}

fn totals(out: &mut String, batch: &BatchView<'_>) {
    let t = &batch.totals;
    out.push_str("<section class=\"totals\" aria-label=\"Summary totals\">\n");
    if t.interrupted {
        out.push_str(
            "<p class=\"warning\" role=\"note\"><strong>Interrupted:</strong> the run was \
             stopped before every file was read; the report covers the files read.</p>\n",
        );
    }
    out.push_str("<dl class=\"cards\">\n");
    card(out, "Files", &t.files.to_string(), None);
    card(out, "Scored", &t.scored.to_string(), None);
    let kinds = t
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    card(
        out,
        "Not scored",
        &t.failed.to_string(),
        (!kinds.is_empty()).then_some(kinds.as_str()),
    );
    let mut scores: Vec<f64> = batch.ranked.iter().map(|r| r.score).collect();
    scores.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (scores.last(), median(&scores)) {
        card(out, "Best score", &format!("{best:.1}"), None);
        card(out, "Median score", &format!("{median:.1}"), None);
    }
    if let Some(pages) = t.pages {
        card(out, "Pages read", &pages.to_string(), None);
    }
    out.push_str("</dl>\n");
    out.push_str("</section>\n");
}

fn card(out: &mut String, label: &str, value: &str, note: Option<&str>) {
    w!(
        out,
        "<div class=\"card\"><dt>{}</dt><dd>{}",
        Escaped(label),
        Escaped(value)
    );
    if let Some(note) = note {
        w!(out, "<small>{}</small>", Escaped(note));
    }
    out.push_str("</dd></div>\n");
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn ranking_table(out: &mut String, batch: &BatchView<'_>) {
    out.push_str("<section id=\"ranking\" aria-labelledby=\"ranking-title\">\n");
    out.push_str("<h2 id=\"ranking-title\">Ranking</h2>\n");
    if batch.ranked.is_empty() && batch.errors.is_empty() {
        out.push_str("<p class=\"empty\">No files in this run.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"ranking\">\n<thead><tr><th scope=\"col\" class=\"num\">#</th>\
         <th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Band</th>\
         <th scope=\"col\">File</th><th scope=\"col\">Top gaps (points each would add)</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (i, rec) in batch.ranked.iter().enumerate() {
        let rank = i + 1;
        let score = rec.score.clamp(0.0, 100.0);
        w!(
            out,
            "<tr><td class=\"num\">{rank}</td><td class=\"num score\">{score:.1}\
             <span class=\"scorebar band-{b}\" aria-hidden=\"true\"><span style=\"width:{score:.1}%\">\
             </span></span></td><td><span class=\"pill band-{b}\">{b}</span></td>\
             <td class=\"file\"><a href=\"#c{rank}\">",
            b = rec.band.as_str()
        );
        file_name(out, &rec.path);
        out.push_str("</a>");
        if rec.low_confidence {
            out.push_str(
                " <span class=\"pill warn\" title=\"low parse confidence\">low confidence</span>",
            );
        }
        folder(out, &rec.path);
        out.push_str("</td><td class=\"gaps\">");
        if rec.gaps.is_empty() {
            out.push_str("<span class=\"hint\">none</span>");
        }
        for gap in rec.gaps.iter().take(TABLE_GAPS) {
            w!(
                out,
                "<span class=\"gap\">{} <b>+{:.1}</b></span> ",
                Escaped(&gap.requirement),
                gap.points
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n");
    if !batch.errors.is_empty() {
        w!(
            out,
            "<tbody class=\"errors\">\n<tr><th scope=\"rowgroup\" colspan=\"5\">Not scored ({})</th></tr>\n",
            batch.errors.len()
        );
        for e in &batch.errors {
            out.push_str("<tr><td class=\"num\">–</td><td class=\"num\">–</td>");
            w!(
                out,
                "<td><span class=\"pill error\">{}</span></td><td class=\"file\">",
                Escaped(&e.kind)
            );
            file_name(out, &e.path);
            folder(out, &e.path);
            w!(
                out,
                "</td><td class=\"message\">{}</td></tr>\n",
                Escaped(&e.message)
            );
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

/// Splits a path into its folder (with the trailing separator) and its file name.
fn split_path(path: &str) -> (&str, &str) {
    path.split_at(path.rfind(['/', '\\']).map_or(0, |i| i + 1))
}

/// Writes a path's folder, muted, on a line of its own.
fn folder(out: &mut String, path: &str) {
    let (dir, _) = split_path(path);
    if !dir.is_empty() {
        w!(out, "<span class=\"dir\">{}</span>", Escaped(dir));
    }
}

/// Writes a path's file name, emphasised.
fn file_name(out: &mut String, path: &str) {
    w!(
        out,
        "<span class=\"name\">{}</span>",
        Escaped(split_path(path).1)
    );
}

/// Histogram geometry (SVG user units).
const HIST_W: f64 = 520.0;
const HIST_H: f64 = 220.0;
const HIST_LEFT: f64 = 40.0;
const HIST_RIGHT: f64 = 10.0;
const HIST_TOP: f64 = 6.0;
const HIST_BOTTOM: f64 = 36.0;

/// Scores per 10-point bin; a score of 100 counts in the last bin.
fn bins(batch: &BatchView<'_>) -> [usize; 10] {
    let mut bins = [0usize; 10];
    for rec in &batch.ranked {
        let bin = (rec.score.clamp(0.0, 100.0) / 10.0).floor() as usize;
        bins[bin.min(9)] += 1;
    }
    bins
}

fn histogram(out: &mut String, batch: &BatchView<'_>) {
    let bins = bins(batch);
    let (step, top) = count_scale(bins.iter().copied().max().unwrap_or(0));
    let plot_w = HIST_W - HIST_LEFT - HIST_RIGHT;
    let plot_h = HIST_H - HIST_TOP - HIST_BOTTOM;
    let x_of = |points: f64| HIST_LEFT + plot_w * points / 100.0;
    let base = HIST_TOP + plot_h;
    let desc = bins
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}: {n}", bin_label(i)))
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str("<section class=\"panel\" aria-labelledby=\"hist-title\">\n");
    out.push_str("<h2 id=\"hist-title\">Score distribution</h2>\n");
    w!(
        out,
        "<svg class=\"histogram\" viewBox=\"0 0 {HIST_W} {HIST_H}\" role=\"img\" \
         aria-labelledby=\"hist-svg-title hist-svg-desc\">\n\
         <title id=\"hist-svg-title\">Resumes per 10-point score bin</title>\n\
         <desc id=\"hist-svg-desc\">{desc}</desc>\n"
    );
    // Band regions behind the bars.
    for (from, to, band) in [
        (0.0, 35.0, Band::Weak),
        (35.0, 55.0, Band::Fair),
        (55.0, 75.0, Band::Good),
        (75.0, 100.0, Band::Strong),
    ] {
        w!(
            out,
            "<rect class=\"region band-{b}\" x=\"{:.1}\" y=\"{HIST_TOP}\" width=\"{:.1}\" \
             height=\"{plot_h:.1}\"/><text class=\"region-label\" x=\"{:.1}\" y=\"{:.1}\" \
             text-anchor=\"middle\">{b}</text>\n",
            x_of(from),
            x_of(to) - x_of(from),
            (x_of(from) + x_of(to)) / 2.0,
            HIST_TOP + 12.0,
            b = band.as_str()
        );
    }
    // Count gridlines.
    for tick in (step..=top).step_by(step) {
        let y = base - plot_h * tick as f64 / top as f64;
        w!(
            out,
            "<line class=\"grid\" x1=\"{HIST_LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick}</text>\n",
            HIST_W - HIST_RIGHT,
            HIST_LEFT - 6.0,
            y + 4.0
        );
    }
    let slot = plot_w / 10.0;
    for (i, &n) in bins.iter().enumerate() {
        let h = plot_h * n as f64 / top as f64;
        let x = HIST_LEFT + slot * i as f64 + 4.0;
        w!(
            out,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\">\
             <title>{}: {n} {}</title></rect>\n",
            base - h,
            slot - 8.0,
            bin_label(i),
            plural(n, "resume", "resumes")
        );
        if n > 0 {
            w!(
                out,
                "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>\n",
                x + (slot - 8.0) / 2.0,
                base - h - 5.0
            );
        }
    }
    w!(
        out,
        "<line class=\"axis\" x1=\"{HIST_LEFT}\" x2=\"{:.1}\" y1=\"{base:.1}\" y2=\"{base:.1}\"/>\n",
        HIST_W - HIST_RIGHT
    );
    for edge in (0..=100).step_by(10) {
        w!(
            out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{edge}</text>\n",
            x_of(f64::from(edge)),
            base + 16.0
        );
    }
    w!(
        out,
        "<text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">score</text>\n\
         <text class=\"axis-label\" x=\"10\" y=\"{:.1}\" text-anchor=\"middle\" \
         transform=\"rotate(-90 10 {:.1})\">resumes</text>\n</svg>\n",
        HIST_LEFT + plot_w / 2.0,
        HIST_H - 4.0,
        HIST_TOP + plot_h / 2.0,
        HIST_TOP + plot_h / 2.0
    );
    out.push_str("<p class=\"legend\">");
    for band in [Band::Strong, Band::Good, Band::Fair, Band::Weak] {
        let n = batch.ranked.iter().filter(|r| r.band == band).count();
        w!(
            out,
            "<span><span class=\"pill band-{b}\">{b}</span> {n}</span> ",
            b = band.as_str()
        );
    }
    out.push_str(
        "<span class=\"hint\">strong ≥ 75 · good ≥ 55 · fair ≥ 35 · weak below</span></p>\n</section>\n",
    );
}

fn bin_label(i: usize) -> String {
    if i == 9 {
        "90–100".to_owned()
    } else {
        format!("{}–{}", i * 10, i * 10 + 9)
    }
}

/// The gridline step and the top of a count axis for counts up to `max`: whole numbers, at
/// most five gridlines, and room above the tallest bar for its label.
fn count_scale(max: usize) -> (usize, usize) {
    let step = max.div_ceil(4).max(1);
    (step, step * (max / step + 1))
}

/// A requirement's misses across the batch.
#[derive(Default)]
struct Misses {
    missing: usize,
    partial: usize,
    importance: Option<Importance>,
}

fn most_missed(out: &mut String, batch: &BatchView<'_>) {
    let mut by_label: BTreeMap<&str, Misses> = BTreeMap::new();
    for rec in &batch.ranked {
        for req in &rec.requirements {
            let m = by_label.entry(req.label.as_str()).or_default();
            m.importance.get_or_insert(req.importance);
            match req.status {
                Status::Missing => m.missing += 1,
                Status::Partial => m.partial += 1,
                Status::Met => {}
            }
        }
    }
    let mut rows: Vec<(&str, Misses)> = by_label
        .into_iter()
        .filter(|(_, m)| m.missing > 0)
        .collect();
    rows.sort_by(|a, b| {
        b.1.missing
            .cmp(&a.1.missing)
            .then(b.1.partial.cmp(&a.1.partial))
            .then(a.0.cmp(b.0))
    });
    let n = batch.ranked.len();
    out.push_str("<section class=\"panel\" aria-labelledby=\"missed-title\">\n");
    out.push_str("<h2 id=\"missed-title\">Most-missed requirements</h2>\n");
    if rows.is_empty() {
        out.push_str(
            "<p class=\"empty\">No requirement is missing in any scored resume.</p>\n</section>\n",
        );
        return;
    }
    out.push_str(
        "<table class=\"missed\">\n<thead><tr><th scope=\"col\">Requirement</th>\
         <th scope=\"col\">Missing in</th></tr></thead>\n<tbody>\n",
    );
    for (label, m) in rows.iter().take(MOST_MISSED) {
        let share = 100.0 * m.missing as f64 / n as f64;
        let importance = m.importance.map_or("", Importance::as_str);
        w!(
            out,
            "<tr><th scope=\"row\">{} <span class=\"imp imp-{importance}\">{importance}</span></th>\
             <td class=\"meter-cell\"><span class=\"count\">{} of {n} {}",
            Escaped(label),
            m.missing,
            plural(n, "resume", "resumes")
        );
        if m.partial > 0 {
            w!(out, " <small>(+{} partial)</small>", m.partial);
        }
        w!(
            out,
            "</span><span class=\"hbar\" aria-hidden=\"true\"><span style=\"width:{share:.1}%\"></span></span></td></tr>\n"
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn candidate(out: &mut String, rank: usize, rec: &ResultRecord) {
    let band = rec.band.as_str();
    w!(
        out,
        "<article class=\"candidate\" id=\"c{rank}\" aria-labelledby=\"c{rank}-title\">\n\
         <header class=\"cand-head\">\n"
    );
    gauge(out, rec.score, rec.band);
    w!(
        out,
        "<div class=\"cand-title\"><h3 id=\"c{rank}-title\"><span class=\"rank\">#{rank}</span> "
    );
    file_name(out, &rec.path);
    out.push_str("</h3>\n");
    if !split_path(&rec.path).0.is_empty() {
        w!(out, "<p class=\"path\">{}</p>\n", Escaped(&rec.path));
    }
    w!(
        out,
        "<p class=\"meta\"><span class=\"pill band-{band}\">{band}</span> \
         {:.1} / 100 · role <strong>{}</strong> · as of {}</p>\n",
        rec.score,
        Escaped(&rec.role),
        Escaped(&rec.stamp.as_of)
    );
    if rec.low_confidence {
        let reasons: Vec<String> = rec
            .diagnostics
            .iter()
            .filter(|d| d.lowers_confidence())
            .map(Diagnostic::to_string)
            .collect();
        out.push_str("<p class=\"warning\" role=\"note\"><strong>Low parse confidence.</strong> ");
        if reasons.is_empty() {
            out.push_str("The extracted text may be incomplete; check the file by hand.");
        } else {
            w!(out, "{}.", Escaped(&reasons.join("; ")));
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</header>\n<div class=\"pair\">\n");
    categories(out, rank, rec);
    roadmap(out, rank, rec);
    out.push_str("</div>\n");
    gaps(out, rank, rec);
    requirements(out, rank, rec);
    coverage_and_diagnostics(out, rec);
    let s = &rec.stamp;
    w!(
        out,
        "<footer class=\"stamp\">rolefit-score {} · taxonomy {} ({}) · profile {} ({}) · as of {} \
         · <a href=\"#ranking\">back to ranking</a></footer>\n</article>\n",
        Escaped(&s.crate_version),
        Escaped(&s.taxonomy_version),
        Escaped(short(&s.taxonomy_hash)),
        Escaped(&s.profile_id),
        Escaped(short(&s.profile_hash)),
        Escaped(&s.as_of)
    );
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Gauge geometry: a 270° arc of a circle of radius [`GAUGE_R`].
const GAUGE_R: f64 = 44.0;
const GAUGE_SWEEP: f64 = 0.75;

fn gauge(out: &mut String, score: f64, band: Band) {
    let circumference = 2.0 * std::f64::consts::PI * GAUGE_R;
    let track = circumference * GAUGE_SWEEP;
    let value = track * score.clamp(0.0, 100.0) / 100.0;
    w!(
        out,
        "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"Score {score:.1} of 100, {b}\">\n\
         <circle class=\"track\" cx=\"60\" cy=\"60\" r=\"{GAUGE_R}\" stroke-dasharray=\"{track:.2} {circumference:.2}\" transform=\"rotate(135 60 60)\"/>\n\
         <circle class=\"value band-{b}\" cx=\"60\" cy=\"60\" r=\"{GAUGE_R}\" stroke-dasharray=\"{value:.2} {circumference:.2}\" transform=\"rotate(135 60 60)\"/>\n\
         <text class=\"gauge-score\" x=\"60\" y=\"64\" text-anchor=\"middle\">{score:.1}</text>\n\
         <text class=\"gauge-band\" x=\"60\" y=\"100\" text-anchor=\"middle\">{b}</text>\n</svg>\n",
        b = band.as_str()
    );
}

fn categories(out: &mut String, rank: usize, rec: &ResultRecord) {
    w!(
        out,
        "<section class=\"panel\" aria-labelledby=\"c{rank}-cat\">\n<h4 id=\"c{rank}-cat\">Categories</h4>\n<ul class=\"bars\">\n"
    );
    for c in &rec.categories {
        let pct = (c.share * 100.0).clamp(0.0, 100.0);
        w!(
            out,
            "<li><span class=\"bar-label\">{}</span><span class=\"bar-value\">{:.1} / {:.1}</span>\
             <span class=\"hbar\" role=\"img\" aria-label=\"{}: {:.0}%\"><span style=\"width:{pct:.1}%\"></span></span></li>\n",
            Escaped(&c.title),
            c.points,
            c.max_points,
            Escaped(&c.title),
            pct
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn roadmap(out: &mut String, rank: usize, rec: &ResultRecord) {
    let r = &rec.roadmap;
    w!(
        out,
        "<section class=\"panel\" aria-labelledby=\"c{rank}-road\">\n<h4 id=\"c{rank}-road\">Roadmap</h4>\n<p>"
    );
    match r.reached {
        Some(stage) => {
            w!(
                out,
                "Reached <strong>{}</strong>",
                Escaped(&stage_name(stage))
            );
        }
        None => out.push_str("Stage 1 not reached yet"),
    }
    if let Some(next) = r.next {
        w!(
            out,
            "; next: <strong>{}</strong>",
            Escaped(&stage_name(next))
        );
    }
    out.push_str(".</p>\n<ol class=\"stages\">\n");
    for (i, stage) in ROADMAP.iter().enumerate() {
        let share = r
            .stage_shares
            .get(i)
            .copied()
            .unwrap_or(0.0)
            .clamp(0.0, 1.0);
        let number = stage.number;
        let state = if r.reached.is_some_and(|s| s.number() >= number) {
            "reached"
        } else if r.next.is_some_and(|s| s.number() == number) {
            "next"
        } else {
            "later"
        };
        w!(
            out,
            "<li class=\"stage {state}\"><span class=\"stage-n\">{number}</span>\
             <span class=\"stage-title\">{}</span><span class=\"hbar\" role=\"img\" \
             aria-label=\"stage {number}: {:.0}% of its points, {state}\"><span style=\"width:{:.1}%\"></span>\
             <i class=\"threshold\" style=\"left:{:.0}%\"></i></span></li>\n",
            Escaped(stage.title),
            share * 100.0,
            share * 100.0,
            STAGE_REACHED_SHARE * 100.0
        );
    }
    out.push_str("</ol>\n");
    if !r.next_steps.is_empty() {
        out.push_str("<h5>Next steps</h5>\n<ol class=\"steps\">\n");
        for step in r.next_steps.iter().take(NEXT_STEPS) {
            let stage = step
                .stage
                .map_or("–".to_owned(), |s| s.number().to_string());
            w!(
                out,
                "<li>{} <span class=\"status st-{st}\">{st}</span> <span class=\"hint\">stage {stage}</span> <b>+{:.1}</b></li>\n",
                Escaped(&step.label),
                step.adds,
                st = step.status.as_str()
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn stage_name(stage: Stage) -> String {
    format!("stage {}: {}", stage.number(), stage.info().title)
}

fn gaps(out: &mut String, rank: usize, rec: &ResultRecord) {
    w!(
        out,
        "<section aria-labelledby=\"c{rank}-gaps\">\n<h4 id=\"c{rank}-gaps\">Gaps, by the points each would add</h4>\n"
    );
    if rec.gaps.is_empty() {
        out.push_str("<p class=\"empty\">Every requirement is met.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"gaps-table\">\n<thead><tr><th scope=\"col\">Requirement</th>\
         <th scope=\"col\">Importance</th><th scope=\"col\">Status</th>\
         <th scope=\"col\" class=\"num\">Would add</th><th scope=\"col\">Roadmap stage</th></tr></thead>\n<tbody>\n",
    );
    for gap in &rec.gaps {
        let outcome = rec.requirements.iter().find(|o| o.label == gap.requirement);
        let importance = outcome.map_or("", |o| o.importance.as_str());
        let status = outcome.map_or("", |o| o.status.as_str());
        let stage = gap.stage.map_or("–".to_owned(), stage_name);
        w!(
            out,
            "<tr><th scope=\"row\">{}</th><td><span class=\"imp imp-{importance}\">{importance}</span></td>\
             <td><span class=\"status st-{status}\">{status}</span></td><td class=\"num\"><b>+{:.1}</b></td><td>{}</td></tr>\n",
            Escaped(&gap.requirement),
            gap.points,
            Escaped(&stage)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn requirements(out: &mut String, rank: usize, rec: &ResultRecord) {
    let count = |s: Status| rec.requirements.iter().filter(|o| o.status == s).count();
    w!(
        out,
        "<details class=\"requirements\" id=\"c{rank}-req\">\n<summary>Requirements and evidence \
         <span class=\"hint\">({} met, {} partial, {} missing)</span></summary>\n",
        count(Status::Met),
        count(Status::Partial),
        count(Status::Missing)
    );
    out.push_str(
        "<table class=\"req-table\">\n<thead><tr><th scope=\"col\">Requirement</th>\
         <th scope=\"col\">Importance</th><th scope=\"col\">Status</th>\
         <th scope=\"col\" class=\"num\">Credit</th><th scope=\"col\" class=\"num\">Points</th>\
         <th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n",
    );
    let skills = SkillsFound::new(rec);
    for o in &rec.requirements {
        requirement_row(out, o, &skills);
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
}

/// Lookups into the skills found in one resume.
struct SkillsFound<'a> {
    /// The text of every written mention, by byte range.
    mentions: BTreeMap<(usize, usize), &'a str>,
    /// Display names by skill id.
    names: BTreeMap<&'a str, &'a str>,
}

impl<'a> SkillsFound<'a> {
    fn new(rec: &'a ResultRecord) -> SkillsFound<'a> {
        SkillsFound {
            mentions: rec
                .skills
                .iter()
                .flat_map(|s| &s.mentions)
                .map(|m| ((m.start, m.end), m.text.as_str()))
                .collect(),
            names: rec
                .skills
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
        }
    }

    /// The display name of a skill found, or its id.
    fn name(&self, id: &'a SkillId) -> &'a str {
        self.names.get(id.as_str()).copied().unwrap_or(id.as_str())
    }
}

fn requirement_row(out: &mut String, o: &RequirementOutcome, skills: &SkillsFound<'_>) {
    let importance = o.importance.as_str();
    let status = o.status.as_str();
    w!(
        out,
        "<tr><th scope=\"row\">{}<ul class=\"credits\">",
        Escaped(&o.label)
    );
    for s in &o.skills {
        w!(
            out,
            "<li>{} <span class=\"hint\">{:.0}% · {}",
            Escaped(&s.name),
            s.credit * 100.0,
            basis_label(s.basis)
        );
        if s.months > 0 {
            w!(out, " · {} mo", s.months);
        }
        if let Some(by) = &s.implied_by {
            w!(out, " · via {}", Escaped(skills.name(by)));
        }
        out.push_str("</span></li>");
    }
    w!(
        out,
        "</ul></th><td><span class=\"imp imp-{importance}\">{importance}</span></td>\
         <td><span class=\"status st-{status}\">{status}</span></td><td class=\"num\">{:.0}%</td>\
         <td class=\"num\">{:.1} / {:.1}</td><td class=\"evidence\">",
        o.credit * 100.0,
        o.points,
        o.max_points
    );
    let snippets = group_snippets(&o.evidence, &skills.mentions);
    if snippets.is_empty() {
        out.push_str("<span class=\"hint\">no evidence</span>");
    } else {
        out.push_str("<ul class=\"snippets\">");
        for s in snippets.iter().take(SNIPPETS_SHOWN) {
            snippet(out, s);
        }
        out.push_str("</ul>");
        if let Some(rest) = snippets.get(SNIPPETS_SHOWN..).filter(|r| !r.is_empty()) {
            w!(
                out,
                "<details class=\"more\"><summary>{} more</summary><ul class=\"snippets\">",
                rest.len()
            );
            for s in rest {
                snippet(out, s);
            }
            out.push_str("</ul></details>");
        }
    }
    out.push_str("</td></tr>\n");
}

/// One line of evidence and the mentions in it.
struct Snippet<'a> {
    section: SectionKind,
    text: &'a str,
    mentions: Vec<&'a str>,
}

/// The evidence of a requirement, one entry per distinct line (several skills of a
/// requirement are often written on the same line), in order of first appearance.
fn group_snippets<'a>(
    evidence: &'a [EvidenceSpan],
    mentions: &BTreeMap<(usize, usize), &'a str>,
) -> Vec<Snippet<'a>> {
    let mut snippets: Vec<Snippet<'a>> = Vec::new();
    for ev in evidence {
        let mention = mentions
            .get(&(ev.span.start, ev.span.end))
            .copied()
            .filter(|m| !m.is_empty());
        match snippets
            .iter_mut()
            .find(|s| s.section == ev.section && s.text == ev.snippet)
        {
            Some(s) => s.mentions.extend(mention),
            None => snippets.push(Snippet {
                section: ev.section,
                text: &ev.snippet,
                mentions: mention.into_iter().collect(),
            }),
        }
    }
    snippets
}

/// Writes one evidence line with its section, the first occurrence of each mention marked.
fn snippet(out: &mut String, s: &Snippet<'_>) {
    w!(
        out,
        "<li><span class=\"section\">{}</span> <q>",
        s.section.as_str()
    );
    let mut marks: Vec<(usize, usize)> = s
        .mentions
        .iter()
        .filter_map(|m| s.text.find(m).map(|i| (i, i + m.len())))
        .collect();
    marks.sort_unstable();
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue; // overlaps the previous mark
        }
        w!(
            out,
            "{}<mark>{}</mark>",
            Escaped(&s.text[at..start]),
            Escaped(&s.text[start..end])
        );
        at = end;
    }
    w!(out, "{}</q></li>", Escaped(&s.text[at..]));
}

fn basis_label(basis: Basis) -> &'static str {
    match basis {
        Basis::DatedWork => "dated work",
        Basis::UndatedWork => "undated work",
        Basis::Project => "project",
        Basis::Prose => "prose",
        Basis::Listed => "listed only",
        Basis::Implied => "implied",
        Basis::None => "no evidence",
    }
}

fn coverage_and_diagnostics(out: &mut String, rec: &ResultRecord) {
    let c = &rec.coverage;
    w!(
        out,
        "<p class=\"coverage\">The role uses <strong>{} of {}</strong> written skills ({:.0}%).",
        c.used,
        c.written,
        c.share * 100.0
    );
    if !c.unused.is_empty() {
        let skills = SkillsFound::new(rec);
        let shown: Vec<&str> = c
            .unused
            .iter()
            .take(UNUSED_SHOWN)
            .map(|id| skills.name(id))
            .collect();
        w!(out, " Not used by the role: {}", Escaped(&shown.join(", ")));
        let more = c.unused.len().saturating_sub(UNUSED_SHOWN);
        if more > 0 {
            w!(out, " and {more} more");
        }
        out.push('.');
    }
    out.push_str("</p>\n");
    if !rec.diagnostics.is_empty() {
        out.push_str("<div class=\"diagnostics\"><h5>Extraction diagnostics</h5><ul>");
        for d in &rec.diagnostics {
            w!(out, "<li>{}</li>", Escaped(&d.to_string()));
        }
        out.push_str("</ul></div>\n");
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The style sheet: system fonts, print rules, colours with at least 4.5:1 contrast for text.
const CSS: &str = r#"
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0550ae;
--strong:#1a7f37;--strong-bg:#dafbe1;--strong-ink:#116329;--good:#0969da;--good-bg:#ddf4ff;--good-ink:#0550ae;
--fair:#9a6700;--fair-bg:#fff8c5;--fair-ink:#7d4e00;--weak:#cf222e;--weak-bg:#ffebe9;--weak-ink:#a40e26}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#eef1f4;color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:0 0 12px}
h3{font-size:18px;margin:0 0 6px;overflow-wrap:anywhere}
h4{font-size:15px;margin:0 0 10px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
h5{font-size:14px;margin:12px 0 6px}
a{color:var(--accent)}
.meta{color:var(--muted);margin:0}
.meta strong{color:var(--ink)}
.hint{color:var(--muted);font-weight:normal}
.empty{color:var(--muted);font-style:italic}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.page-head{margin-bottom:18px}
section,article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:0 0 18px}
section section,article section{border:0;padding:0;margin:0 0 16px;background:none}
#candidates{background:none;border:0;padding:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0}
.card{flex:1 1 130px;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px 14px}
.card dt{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.card dd{margin:2px 0 0;font-size:24px;font-weight:600}
.card small{display:block;font-size:12px;font-weight:normal;color:var(--muted)}
.legend{margin:10px 0 0;font-size:13px;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;line-height:1.6;white-space:nowrap}
.band-strong.pill{background:var(--strong-bg);color:var(--strong-ink)}
.band-good.pill{background:var(--good-bg);color:var(--good-ink)}
.band-fair.pill{background:var(--fair-bg);color:var(--fair-ink)}
.band-weak.pill{background:var(--weak-bg);color:var(--weak-ink)}
.pill.error{background:#eaeef2;color:#24292f;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:500}
.pill.warn{background:var(--fair-bg);color:var(--fair-ink)}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line)}
tbody th{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ranking td.score{font-weight:600;min-width:92px}
.scorebar{display:block;height:4px;background:#eaeef2;border-radius:2px;margin-top:4px;overflow:hidden}
.scorebar span{display:block;height:100%}
.scorebar.band-strong span{background:var(--strong)}.scorebar.band-good span{background:var(--good)}
.scorebar.band-fair span{background:var(--fair)}.scorebar.band-weak span{background:var(--weak)}
.ranking td.file{width:30%;overflow-wrap:break-word}
.ranking td.gaps{width:48%}
.dir{display:block;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.path{margin:0 0 4px;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.name{font-weight:600}
.ranking a{text-decoration:none}.ranking a:hover .name,.ranking a:focus .name{text-decoration:underline}
.gap{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:0 6px;margin:1px 2px 1px 0;font-size:13px}
.gap b{color:var(--strong-ink)}
.errors th{background:var(--soft);font-size:13px;color:var(--muted)}
.message{color:var(--muted)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:18px;align-items:start}
.pair>section{margin:0 0 18px}
.histogram{width:100%;height:auto;display:block}
.histogram .bar{fill:#3d4f63}
.histogram .region{opacity:.55}
.region.band-weak{fill:var(--weak-bg)}.region.band-fair{fill:var(--fair-bg)}.region.band-good{fill:var(--good-bg)}.region.band-strong{fill:var(--strong-bg)}
.histogram text{font-size:11px;fill:var(--muted)}
.histogram .count{fill:var(--ink);font-weight:600}
.histogram .region-label{font-size:10px;text-transform:uppercase;letter-spacing:.05em}
.histogram .grid{stroke:#d8dee4;stroke-dasharray:2 3}
.histogram .axis{stroke:var(--muted)}
.hbar{position:relative;display:block;height:8px;background:#eaeef2;border-radius:4px;overflow:hidden}
.hbar>span{display:block;height:100%;background:var(--good);border-radius:4px}
.missed .hbar>span{background:var(--weak)}
.missed .meter-cell{width:42%}
.missed .count{display:block;font-size:13px;font-variant-numeric:tabular-nums;margin-bottom:3px}
.missed th .imp{margin-left:4px}
.imp{font-size:12px;font-weight:600}
.imp-required{color:var(--weak-ink)}.imp-preferred{color:var(--good-ink)}.imp-bonus{color:var(--muted)}
.status{display:inline-block;font-size:12px;font-weight:600;padding:0 7px;border-radius:4px}
.st-met{background:var(--strong-bg);color:var(--strong-ink)}
.st-partial{background:var(--fair-bg);color:var(--fair-ink)}
.st-missing{background:var(--weak-bg);color:var(--weak-ink)}
.candidate{scroll-margin-top:12px}
.cand-head{display:flex;gap:20px;align-items:center;margin-bottom:16px}
.cand-title{flex:1;min-width:0}
.rank{color:var(--muted);font-weight:500;margin-right:4px}
.gauge{width:120px;height:120px;flex:none}
.gauge circle{fill:none;stroke-width:11}
.gauge .track{stroke:#eaeef2}
.gauge .value.band-strong{stroke:var(--strong)}.gauge .value.band-good{stroke:var(--good)}
.gauge .value.band-fair{stroke:var(--fair)}.gauge .value.band-weak{stroke:var(--weak)}
.gauge-score{font-size:26px;font-weight:700;fill:var(--ink)}
.gauge-band{font-size:12px;text-transform:uppercase;letter-spacing:.06em;fill:var(--muted)}
.warning{background:var(--fair-bg);border:1px solid #d4a72c;color:#4d2d00;border-radius:6px;padding:8px 12px;margin:10px 0 0}
.totals .warning{margin:0 0 12px}
.bars{list-style:none;margin:0;padding:0}
.bars li{display:grid;grid-template-columns:1fr auto;gap:2px 10px;margin-bottom:9px;font-size:14px}
.bars .hbar{grid-column:1/3}
.bar-value{font-variant-numeric:tabular-nums;color:var(--muted)}
.stages{list-style:none;margin:0 0 4px;padding:0}
.stage{display:grid;grid-template-columns:26px 1fr 38%;gap:8px;align-items:center;margin-bottom:7px;font-size:14px}
.stage-n{display:inline-flex;width:22px;height:22px;border-radius:50%;align-items:center;justify-content:center;font-size:12px;font-weight:700;background:#eaeef2;color:var(--muted)}
.stage.reached .stage-n{background:var(--strong);color:#fff}
.stage.next .stage-n{background:var(--good);color:#fff}
.stage.reached .hbar>span{background:var(--strong)}
.stage.later .hbar>span{background:#8c959f}
.threshold{position:absolute;top:0;bottom:0;width:2px;background:var(--ink);opacity:.5}
.steps{margin:0;padding-left:22px;font-size:14px}
.steps li{margin-bottom:3px}
.steps b{color:var(--strong-ink)}
.gaps-table b{color:var(--strong-ink)}
details.requirements{border:1px solid var(--line);border-radius:6px;margin:0 0 14px}
details.requirements>summary{cursor:pointer;padding:9px 12px;font-weight:600;background:var(--soft);border-radius:6px}
details.requirements[open]>summary{border-bottom:1px solid var(--line);border-radius:6px 6px 0 0}
details.requirements table{margin:0}
.credits{list-style:none;margin:3px 0 0;padding:0;font-size:12px;font-weight:normal}
.evidence{width:44%}
.snippets{list-style:none;margin:0;padding:0}
.snippets li{margin-bottom:4px;font-size:13px}
.snippets q{quotes:"“" "”";overflow-wrap:anywhere}
mark{background:#fff1a8;color:inherit;padding:0 1px;border-radius:2px}
.section{display:inline-block;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 4px}
details.more>summary{cursor:pointer;font-size:12px;color:var(--accent)}
.coverage{font-size:14px;margin:0 0 8px}
.diagnostics{font-size:13px;color:var(--muted)}
.diagnostics ul{margin:0;padding-left:20px}
.stamp{margin-top:12px;padding-top:10px;border-top:1px solid var(--line);font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere}
@media screen and (max-width:820px){.pair{grid-template-columns:1fr}.cand-head{flex-direction:column;align-items:flex-start}}
@media print{
body{background:#fff;font-size:10pt}
table{font-size:8.5pt}
th,td{padding:4px 5px}
.credits{font-size:7.5pt}
.snippets li{font-size:8.5pt}
main{max-width:none;padding:0}
section,article{border:0;padding:0;border-radius:0}
#candidates,.candidate+.candidate{break-before:page}
h2,h3,h4,h5,summary{break-after:avoid}
.panel{break-inside:avoid}
tr,.card,.bars li,.stage{break-inside:avoid}
details>summary{list-style:none}
details::details-content{content-visibility:visible;display:block}
.stamp a{display:none}
a{color:inherit;text-decoration:none}
}
"#;
