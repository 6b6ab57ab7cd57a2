//! From positioned glyphs to lines in reading order.
//!
//! 1. **Chunks**: consecutive glyphs (in content order) on one baseline with no wide gap between
//!    them. A gap wider than [`WORD_GAP`] font sizes (or a space glyph) separates words; one
//!    wider than [`CHUNK_GAP`] ends the chunk, so text never bridges a column gutter.
//! 2. **Columns**: a region is split at a vertical whitespace gutter that few chunks cross,
//!    [`MIN_GUTTER`] font sizes wide (narrower, down to [`MIN_CLEAR_GUTTER`], when no chunk
//!    crosses it and the right column has an aligned left edge). The gutter is the emptiest
//!    stretch of a low-coverage run, so a ragged column edge reaching into the run stays on its
//!    side. There must be at least three chunks on each side that stand side by side and do
//!    not merely share baselines (a right-aligned date column is part of its rows, not a
//!    column). Chunks that cross the gutter (a full-width name header, a footer) cut the region into bands read top
//!    to bottom; in each band the left side is read before the right. Sides are split again,
//!    so sidebars inside two-column pages and three-column pages work too.
//! 3. **Lines**: the chunks of each final region are grouped by baseline and sorted left to
//!    right. A line gets `break_before` at the start of a region and after a vertical gap wider
//!    than [`BREAK_PITCH`] times the page's usual line pitch, and `heading_hint` when its font
//!    is clearly larger than the page's body size, or when it is a short line set entirely in
//!    bold on a page whose body text is not bold.

use crate::raw::RawLine;

use super::glyphs::Glyph;

/// A gap wider than this many font sizes between glyphs is a word space.
pub(super) const WORD_GAP: f64 = 0.15;
/// A gap wider than this many font sizes ends a chunk.
const CHUNK_GAP: f64 = 1.0;
/// Glyphs whose baselines differ by less than this many font sizes share a line.
const SAME_LINE: f64 = 0.4;
/// A vertical gap this many times the usual line pitch starts a new block.
const BREAK_PITCH: f64 = 1.45;
/// A line this many times the body size is a heading candidate.
const HEADING_SIZE: f64 = 1.15;
/// A column gutter is at least this many font sizes wide ...
const MIN_GUTTER: f64 = 0.8;
/// ... or, when no chunk crosses it and the column to its right has an aligned left edge
/// (table cells set close together), at least this many.
const MIN_CLEAR_GUTTER: f64 = 0.35;
/// Column splits nest at most this deep.
const MAX_SPLIT_DEPTH: usize = 3;

/// One page's text in reading order.
#[derive(Debug, Default)]
pub(super) struct PageText {
    /// Lines in reading order.
    pub lines: Vec<RawLine>,
    /// At least one region was split into columns.
    pub multi_column: bool,
}

/// A run of glyphs on one baseline.
#[derive(Clone, Debug)]
struct Chunk {
    x0: f64,
    x1: f64,
    y: f64,
    /// Largest glyph size.
    size: f64,
    text: String,
    chars: usize,
    bold_chars: usize,
    /// Sum of glyph size × characters, for the size-weighted mean.
    size_chars: f64,
    /// Left edge and text of the last glyph, to drop a glyph drawn twice (fake bold).
    last: (f64, String),
}

impl Chunk {
    fn start(g: &Glyph) -> Chunk {
        let n = g.text.chars().count();
        Chunk {
            x0: g.x0,
            x1: g.x1,
            y: g.y,
            size: g.size,
            text: g.text.clone(),
            chars: n,
            bold_chars: if g.bold { n } else { 0 },
            size_chars: g.size * n as f64,
            last: (g.x0, g.text.clone()),
        }
    }

    /// Appends `g` if it continues this chunk; returns false when it starts a new one.
    fn extend(&mut self, g: &Glyph, space_before: bool) -> bool {
        let size = self.size.max(g.size);
        let gap = g.x0 - self.x1;
        if (g.y - self.y).abs() > SAME_LINE * size || gap > CHUNK_GAP * size || gap < -0.5 * size {
            return false;
        }
        if g.text == self.last.1 && (g.x0 - self.last.0).abs() < 0.2 * g.size {
            return true; // the same glyph drawn again at (almost) the same place
        }
        if space_before || gap > WORD_GAP * size {
            self.text.push(' ');
        }
        let n = g.text.chars().count();
        self.text.push_str(&g.text);
        self.x1 = self.x1.max(g.x1);
        self.size = size;
        self.chars += n;
        self.bold_chars += if g.bold { n } else { 0 };
        self.size_chars += g.size * n as f64;
        self.last = (g.x0, g.text.clone());
        true
    }

    fn overlaps_x(&self, other: &Chunk) -> f64 {
        (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0)
    }
}

/// Lays out one page.
pub(super) fn layout_page(glyphs: &[Glyph]) -> PageText {
    let chunks = chunks(glyphs);
    let body = body_style(&chunks);
    let mut regions = Vec::new();
    let mut multi_column = false;
    order(
        &chunks,
        (0..chunks.len()).collect(),
        0,
        &mut regions,
        &mut multi_column,
    );
    let lines: Vec<Vec<Line>> = regions.iter().map(|r| lines_of(&chunks, r)).collect();
    let pitch = usual_pitch(&lines);
    let mut out = Vec::new();
    for region in lines {
        let mut prev_y: Option<f64> = None;
        for line in region {
            let gap_break =
                prev_y.is_some_and(|y| pitch.is_some_and(|p| line.y - y > BREAK_PITCH * p));
            out.push(RawLine {
                heading_hint: line.is_heading(&body),
                break_before: prev_y.is_none() || gap_break,
                text: line.text,
            });
            prev_y = Some(line.y);
        }
    }
    out.extend(rotated_lines(glyphs));
    PageText {
        lines: out,
        multi_column,
    }
}

/// Groups upright glyphs into chunks, in content order.
fn chunks(glyphs: &[Glyph]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    // The middle of the last space glyph since the last visible one.
    let mut space_mid: Option<f64> = None;
    for g in glyphs.iter().filter(|g| !g.rotated) {
        if g.is_space() {
            space_mid = Some(0.5 * (g.x0 + g.x1));
            continue;
        }
        // A space whose advance the next glyph takes back (drawn, then kerned over) separates
        // nothing.
        let space_before = space_mid.is_some_and(|mid| g.x0 >= mid);
        let extended = out.last_mut().is_some_and(|c| c.extend(g, space_before));
        if !extended {
            out.push(Chunk::start(g));
        }
        space_mid = None;
    }
    out
}

/// The page's body text: its most common size and whether it is mostly bold.
#[derive(Debug)]
struct BodyStyle {
    size: f64,
    bold: bool,
}

fn body_style(chunks: &[Chunk]) -> BodyStyle {
    // Sizes in half-point bins, weighted by characters; ties go to the smaller size.
    let mut bins: Vec<(i64, usize, usize)> = Vec::new();
    for c in chunks {
        let bin = (c.size_chars / c.chars.max(1) as f64 * 2.0).round() as i64;
        match bins.iter_mut().find(|b| b.0 == bin) {
            Some(b) => {
                b.1 += c.chars;
                b.2 += c.bold_chars;
            }
            None => bins.push((bin, c.chars, c.bold_chars)),
        }
    }
    bins.sort_by_key(|b| (std::cmp::Reverse(b.1), b.0));
    bins.first().map_or(
        BodyStyle {
            size: 0.0,
            bold: false,
        },
        |&(bin, chars, bold)| BodyStyle {
            size: bin as f64 / 2.0,
            bold: bold * 2 > chars,
        },
    )
}

/// Appends the regions of `idx` in reading order, splitting at column gutters.
fn order(
    chunks: &[Chunk],
    mut idx: Vec<usize>,
    depth: usize,
    out: &mut Vec<Vec<usize>>,
    split: &mut bool,
) {
    idx.sort_by(|&a, &b| {
        chunks[a]
            .y
            .total_cmp(&chunks[b].y)
            .then(chunks[a].x0.total_cmp(&chunks[b].x0))
    });
    let Some((a, b)) = (depth < MAX_SPLIT_DEPTH)
        .then(|| find_gutter(chunks, &idx))
        .flatten()
    else {
        if !idx.is_empty() {
            out.push(idx);
        }
        return;
    };
    *split = true;
    let (mut left, mut right, mut across) = (Vec::new(), Vec::new(), Vec::new());
    let flush = |left: &mut Vec<usize>,
                 right: &mut Vec<usize>,
                 out: &mut Vec<Vec<usize>>,
                 split: &mut bool| {
        order(chunks, std::mem::take(left), depth + 1, out, split);
        order(chunks, std::mem::take(right), depth + 1, out, split);
    };
    for i in idx {
        let c = &chunks[i];
        if c.x1 <= a {
            if !across.is_empty() {
                out.push(std::mem::take(&mut across));
            }
            left.push(i);
        } else if c.x0 >= b {
            if !across.is_empty() {
                out.push(std::mem::take(&mut across));
            }
            right.push(i);
        } else {
            flush(&mut left, &mut right, out, split);
            across.push(i);
        }
    }
    flush(&mut left, &mut right, out, split);
    if !across.is_empty() {
        out.push(across);
    }
}

/// Finds the widest vertical gutter `(left edge, right edge)` that splits `idx` into columns.
fn find_gutter(chunks: &[Chunk], idx: &[usize]) -> Option<(f64, f64)> {
    if idx.len() < 6 {
        return None;
    }
    let xmin = idx
        .iter()
        .map(|&i| chunks[i].x0)
        .fold(f64::INFINITY, f64::min);
    let xmax = idx
        .iter()
        .map(|&i| chunks[i].x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let bins = (xmax - xmin).ceil() as usize;
    if !(1..=20_000).contains(&bins) {
        return None;
    }
    // Chunks covering each 1 pt column of the region (difference array, then prefix sums).
    let mut diff = vec![0i32; bins + 1];
    for &i in idx {
        let c = &chunks[i];
        let s = ((c.x0 - xmin).floor().max(0.0) as usize).min(bins);
        let e = ((c.x1 - xmin).ceil().max(0.0) as usize).min(bins);
        diff[s] += 1;
        diff[e] -= 1;
    }
    let mut coverage = Vec::with_capacity(bins);
    let mut run = 0;
    for d in &diff[..bins] {
        run += d;
        coverage.push(run);
    }
    let allowed = (idx.len() / 8).max(1) as i32;
    let size = median_size(chunks, idx).max(4.0);
    // The best gutter so far: its emptiest stretch and the whitespace clear across it.
    let mut best: Option<(f64, f64, f64)> = None;
    let mut start = None;
    for (x, &cov) in coverage
        .iter()
        .chain(std::iter::once(&i32::MAX))
        .enumerate()
    {
        match (cov <= allowed, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                start = None;
                // The run's ragged edges hold the ends of lines that belong to their side; only
                // the chunks crossing its emptiest stretch cross the gutter.
                let (lo, hi, crossing) = emptiest_stretch(&coverage[s..x]);
                let (a, b) = (xmin + (s + lo) as f64, xmin + (s + hi) as f64);
                let width = clear_width(chunks, idx, a, b);
                let wide_enough = width >= MIN_GUTTER * size
                    || (crossing == 0
                        && width >= MIN_CLEAR_GUTTER * size
                        && aligned_starts(chunks, idx, b) >= 3);
                let wider = best.is_none_or(|(_, _, w)| width > w);
                if wide_enough && wider && splits_into_columns(chunks, idx, a, b) {
                    best = Some((a, b, width));
                }
            }
            _ => {}
        }
    }
    best.map(|(a, b, _)| (a, b))
}

/// The widest stretch `(start, end, crossing)` of `coverage` where it is at its minimum,
/// `crossing` chunks.
fn emptiest_stretch(coverage: &[i32]) -> (usize, usize, i32) {
    let min = coverage.iter().copied().min().unwrap_or(0);
    let mut best = (0, 0, min);
    let mut start = None;
    for (x, &cov) in coverage
        .iter()
        .chain(std::iter::once(&i32::MAX))
        .enumerate()
    {
        match (cov == min, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                start = None;
                if x - s > best.1 - best.0 {
                    best = (s, x, min);
                }
            }
            _ => {}
        }
    }
    best
}

/// The exact whitespace between the chunks left of `a` and those right of `b`.
fn clear_width(chunks: &[Chunk], idx: &[usize], a: f64, b: f64) -> f64 {
    let left_edge = idx
        .iter()
        .map(|&i| chunks[i].x1)
        .filter(|&x1| x1 <= a)
        .fold(f64::NEG_INFINITY, f64::max);
    let right_edge = idx
        .iter()
        .map(|&i| chunks[i].x0)
        .filter(|&x0| x0 >= b)
        .fold(f64::INFINITY, f64::min);
    right_edge - left_edge
}

/// How many chunks of `idx` start within 1.5 pt of `x`: a column's aligned left edge.
fn aligned_starts(chunks: &[Chunk], idx: &[usize], x: f64) -> usize {
    idx.iter()
        .filter(|&&i| (chunks[i].x0 - x).abs() < 1.5)
        .count()
}

/// Returns true if and only if the gutter `a..b` has real columns on both sides.
fn splits_into_columns(chunks: &[Chunk], idx: &[usize], a: f64, b: f64) -> bool {
    let left: Vec<&Chunk> = idx
        .iter()
        .map(|&i| &chunks[i])
        .filter(|c| c.x1 <= a)
        .collect();
    let right: Vec<&Chunk> = idx
        .iter()
        .map(|&i| &chunks[i])
        .filter(|c| c.x0 >= b)
        .collect();
    let across = idx.len() - left.len() - right.len();
    if left.len() < 3 || right.len() < 3 || across * 5 > idx.len() {
        return false;
    }
    let span = |side: &[&Chunk]| {
        let top = side.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
        let bottom = side.iter().map(|c| c.y).fold(f64::NEG_INFINITY, f64::max);
        (top, bottom)
    };
    let ((lt, lb), (rt, rb)) = (span(&left), span(&right));
    let overlap = lb.min(rb) - lt.max(rt);
    if overlap <= 0.0 || overlap < 0.5 * (lb - lt).min(rb - rt) {
        return false; // one above the other, not side by side
    }
    // A right side whose chunks sit on the left side's baselines continues those rows.
    let on_left_rows = right
        .iter()
        .filter(|r| {
            left.iter()
                .any(|l| (l.y - r.y).abs() < 0.25 * l.size.min(r.size))
        })
        .count();
    on_left_rows * 10 < right.len() * 7
}

fn median_size(chunks: &[Chunk], idx: &[usize]) -> f64 {
    let mut sizes: Vec<f64> = idx.iter().map(|&i| chunks[i].size).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

/// One rebuilt line.
#[derive(Debug)]
struct Line {
    text: String,
    y: f64,
    size: f64,
    chars: usize,
    bold_chars: usize,
}

impl Line {
    fn is_heading(&self, body: &BodyStyle) -> bool {
        let words = self.text.split_whitespace().count();
        let has_letters = self.text.chars().any(char::is_alphabetic);
        let bigger = body.size > 0.0 && self.size >= HEADING_SIZE * body.size && self.chars <= 80;
        let bold_only =
            !body.bold && self.bold_chars == self.chars && words <= 8 && self.chars <= 60;
        has_letters && (bigger || bold_only)
    }
}

/// The lines of one region, top to bottom, each left to right.
fn lines_of(chunks: &[Chunk], idx: &[usize]) -> Vec<Line> {
    let mut rows: Vec<Vec<&Chunk>> = Vec::new();
    for &i in idx {
        let c = &chunks[i];
        match rows.last_mut() {
            Some(row) if (c.y - row[0].y).abs() <= SAME_LINE * c.size.max(row[0].size) => {
                row.push(c)
            }
            _ => rows.push(vec![c]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut kept: Vec<&Chunk> = Vec::with_capacity(row.len());
            for c in row {
                let drawn_twice = kept
                    .last()
                    .is_some_and(|p| p.text == c.text && c.overlaps_x(p) > 0.5 * (c.x1 - c.x0));
                if !drawn_twice {
                    kept.push(c);
                }
            }
            let mut text = String::new();
            let mut prev_x1 = f64::NEG_INFINITY;
            for c in &kept {
                if !text.is_empty() && c.x0 - prev_x1 > WORD_GAP * c.size {
                    text.push(' ');
                }
                text.push_str(&c.text);
                prev_x1 = prev_x1.max(c.x1);
            }
            let chars = kept.iter().map(|c| c.chars).sum::<usize>();
            let size_chars = kept.iter().map(|c| c.size_chars).sum::<f64>();
            let main = kept
                .iter()
                .max_by(|a, b| a.chars.cmp(&b.chars))
                .map_or(0.0, |c| c.y);
            Line {
                text,
                y: main,
                size: size_chars / chars.max(1) as f64,
                chars,
                bold_chars: kept.iter().map(|c| c.bold_chars).sum(),
            }
        })
        .collect()
}

/// The page's usual distance between consecutive baselines of a region.
fn usual_pitch(regions: &[Vec<Line>]) -> Option<f64> {
    let mut pitches: Vec<f64> = regions
        .iter()
        .flat_map(|r| r.windows(2))
        .map(|w| (w[1].y - w[0].y, w[1].size.max(w[0].size)))
        .filter(|&(d, size)| d > 0.5 * size && d < 3.0 * size)
        .map(|(d, _)| d)
        .collect();
    pitches.sort_by(f64::total_cmp);
    pitches.get(pitches.len() / 2).copied()
}

/// Rotated text (vertical sidebar labels), one line per run of rotated glyphs, in content order.
fn rotated_lines(glyphs: &[Glyph]) -> Vec<RawLine> {
    glyphs
        .split(|g| !g.rotated)
        .map(|run| run.iter().map(|g| g.text.as_str()).collect::<String>())
        .filter(|text| !text.trim().is_empty())
        .map(|text| RawLine {
            text: text.trim().to_owned(),
            heading_hint: false,
            break_before: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glyphs of `text` set from `x` on baseline `y`, each half a font size wide.
    fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let x0 = x + i as f64 * 0.5 * size;
                Glyph {
                    x0,
                    x1: x0 + 0.5 * size,
                    y,
                    size,
                    text: ch.to_string(),
                    bold: false,
                    rotated: false,
                }
            })
            .collect()
    }

    /// A sidebar of `side` lines at x = 50 (lengths in characters) beside a main column of
    /// twenty lines starting at `main_x`, on baselines that never coincide; the page's lines.
    fn sidebar_page(side: &[usize], main_x: f64) -> Vec<String> {
        let mut glyphs = Vec::new();
        for (i, &len) in side.iter().enumerate() {
            let text: String = format!("side{i:02} {}", "s".repeat(len));
            glyphs.extend(set(&text[..len], 50.0, 100.0 + 14.0 * i as f64, 10.0));
        }
        for j in 0..20 {
            let text = format!("main{j:02} the main column text runs on here");
            glyphs.extend(set(&text, main_x, 95.0 + 12.0 * j as f64, 10.0));
        }
        layout_page(&glyphs)
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    fn assert_sidebar_first(lines: &[String], side: usize) {
        assert_eq!(lines.len(), side + 20, "{lines:#?}");
        for (k, line) in lines.iter().enumerate() {
            let want = if k < side { "side" } else { "main" };
            assert!(line.starts_with(want), "line {k} {line:?} in {lines:#?}");
        }
    }

    #[test]
    fn a_ragged_sidebar_edge_reaching_into_the_gutter_stays_in_the_sidebar() {
        // Most sidebar lines end near x = 120, three reach x = 190: the gutter is 190..215.
        let side = [14, 14, 28, 14, 14, 28, 14, 14, 28, 14];
        assert_sidebar_first(&sidebar_page(&side, 215.0), side.len());
    }

    #[test]
    fn a_narrow_gutter_beside_an_aligned_column_splits() {
        // The longest sidebar lines end at x = 236, 4 pt (0.4 font sizes) from the main column.
        let side = [37, 20, 37, 25, 37, 20, 37, 30];
        assert_sidebar_first(&sidebar_page(&side, 240.0), side.len());
    }

    #[test]
    fn a_space_glyph_kerned_over_separates_nothing() {
        // "Dev" and "eloper" with a space drawn between them whose advance is taken back.
        let mut glyphs = set("Dev", 72.0, 100.0, 10.0);
        glyphs.extend(set(" ", 86.9, 100.0, 10.0));
        glyphs.extend(set("eloper go", 87.0, 100.0, 10.0));
        let page = layout_page(&glyphs);
        assert_eq!(page.lines[0].text, "Developer go");
    }

    #[test]
    fn a_narrow_gap_between_cells_of_the_same_rows_is_not_a_gutter() {
        let mut glyphs = Vec::new();
        for i in 0..8 {
            let y = 100.0 + 14.0 * i as f64;
            glyphs.extend(set(&format!("label{i}"), 50.0, y, 10.0));
            glyphs.extend(set(&format!("value{i} of the row"), 84.0, y, 10.0));
        }
        let page = layout_page(&glyphs);
        assert!(!page.multi_column);
        assert_eq!(page.lines[3].text, "label3 value3 of the row");
    }
}
