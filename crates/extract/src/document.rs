//! The extracted document model: the types every later stage consumes.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A half-open byte range into [`Document::text`], always on `char` boundaries.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Returns the length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Returns true if and only if the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Returns true if and only if `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The input format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Plain text.
    Text,
    /// Markdown (read as text; heading markers count as headings).
    Markdown,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Markdown => "markdown",
        })
    }
}

/// What a resume section is about, decided from its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SectionKind {
    /// Text before the first recognised heading: name, contact lines, a tagline.
    Header,
    /// Summary, Profile, Objective, About.
    Summary,
    /// Experience, Work History, Employment, Professional Experience.
    Experience,
    /// Skills, Technical Skills, Tech Stack, Tools, Core Competencies.
    Skills,
    /// Education.
    Education,
    /// Projects.
    Projects,
    /// Certifications, Licenses.
    Certifications,
    /// Publications.
    Publications,
    /// Awards, Honors.
    Awards,
    /// Languages (spoken).
    Languages,
    /// Interests, Hobbies.
    Interests,
    /// Volunteering.
    Volunteering,
    /// A heading that is none of the above.
    Other,
}

impl SectionKind {
    /// The snake_case name used in serialized output.
    pub fn as_str(&self) -> &'static str {
        match self {
            SectionKind::Header => "header",
            SectionKind::Summary => "summary",
            SectionKind::Experience => "experience",
            SectionKind::Skills => "skills",
            SectionKind::Education => "education",
            SectionKind::Projects => "projects",
            SectionKind::Certifications => "certifications",
            SectionKind::Publications => "publications",
            SectionKind::Awards => "awards",
            SectionKind::Languages => "languages",
            SectionKind::Interests => "interests",
            SectionKind::Volunteering => "volunteering",
            SectionKind::Other => "other",
        }
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One section of a resume: its kind, its heading line and its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// The heading line, `None` for the header section.
    pub heading: Option<Span>,
    /// Everything after the heading up to the next heading.
    pub body: Span,
}

/// A word-like token; tech terms such as `C++`, `.NET`, `CI/CD` stay whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in [`Document::text`].
    pub span: Span,
    /// Lowercased, NFKC-normalized form (held inline, without an allocation, up to 24 bytes).
    pub norm: CompactString,
    /// Zero-based line number in [`Document::text`].
    pub line: u32,
    /// Index into [`Document::sections`].
    pub section: usize,
}

/// A calendar month, the resolution of resume dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// Creates a month; returns `None` unless `1 <= month <= 12`.
    pub fn new(year: u16, month: u8) -> Option<YearMonth> {
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// Months since year 0, for arithmetic.
    pub fn ordinal(&self) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month) - 1
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(&self, later: YearMonth) -> i32 {
        later.ordinal() - self.ordinal()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A date range of a position, with open ends resolved against the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First month of the range.
    pub start: YearMonth,
    /// Last month of the range (the as-of month when `ongoing`).
    pub end: YearMonth,
    /// True if and only if the text said "Present", "Current", "to date" or the like.
    pub ongoing: bool,
    /// Where the date range is written.
    pub span: Span,
}

impl DateRange {
    /// Months covered, counting both end months (Jan–Mar is 3).
    pub fn months(&self) -> u32 {
        u32::try_from(self.start.months_until(self.end) + 1).unwrap_or(0)
    }
}

/// One dated position in the experience section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Job title, when one was recognised.
    pub title: Option<String>,
    /// Employer, when one was recognised.
    pub employer: Option<String>,
    /// When the position was held.
    pub dates: DateRange,
    /// The whole entry: title line, dates and bullets.
    pub span: Span,
}

/// Experience totals over all positions, overlaps merged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperienceSummary {
    /// Months covered by at least one position (overlaps counted once).
    pub total_months: u32,
    /// Periods of two months or more between positions, oldest first.
    pub gaps: Vec<(YearMonth, YearMonth)>,
}

/// Highest level of a degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DegreeLevel {
    /// Associate degree.
    Associate,
    /// Bachelor (BSc, BS, BA, BEng, B.Tech).
    Bachelor,
    /// Master (MSc, MS, MBA, MEng, M.Tech).
    Master,
    /// Doctorate (PhD, DPhil).
    Doctorate,
}

/// One education entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    /// Degree level, when recognised.
    pub level: Option<DegreeLevel>,
    /// Field of study ("Computer Science").
    pub field: Option<String>,
    /// School or university.
    pub institution: Option<String>,
    /// Graduation (or expected) year.
    pub year: Option<u16>,
    /// The entry in the text.
    pub span: Span,
}

/// What kind of link a URL is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LinkKind {
    /// linkedin.com profile.
    LinkedIn,
    /// github.com profile or repository.
    GitHub,
    /// Any other site.
    Website,
}

/// A URL found in the resume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// What the link points to.
    pub kind: LinkKind,
    /// Where it is written.
    pub span: Span,
}

/// Contact details. Scoring never reads these (bias-aware by construction).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// A name candidate and its confidence in [0, 1].
    pub name: Option<(Span, f32)>,
    /// Email addresses.
    pub emails: Vec<Span>,
    /// Phone numbers.
    pub phones: Vec<Span>,
    /// URLs: LinkedIn, GitHub, personal sites.
    pub links: Vec<Link>,
}

/// Something extraction noticed that a reader of the result should know.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Diagnostic {
    /// The input held no text at all.
    EmptyText,
    /// A PDF with pages but no text layer (scanned or image-only); not scorable.
    NoTextLayer,
    /// Fewer words per page than a real resume has.
    LowTextDensity {
        /// Words per page measured.
        words_per_page: f32,
    },
    /// The text looks garbled (U+FFFD, one-letter runs, glyph names).
    GarbledText {
        /// What gave it away.
        reason: String,
    },
    /// The layout has more than one column; text was reordered column by column.
    MultiColumn {
        /// Pages with more than one column.
        pages: u32,
    },
    /// A limit cut the text short.
    Truncated {
        /// Which limit ("max_chars", "max_pages", "time_budget").
        limit: String,
    },
    /// The primary PDF engine failed or gave poor text; a second engine was used.
    FallbackEngineUsed {
        /// The engine whose text was kept.
        engine: String,
        /// Why the primary engine's text was not kept.
        reason: String,
    },
    /// The text encoding was guessed.
    EncodingGuessed {
        /// The encoding used ("windows-1252").
        encoding: String,
    },
}

impl Diagnostic {
    /// Returns true if and only if this diagnostic means the text cannot be trusted for scoring.
    pub fn blocks_scoring(&self) -> bool {
        matches!(self, Diagnostic::EmptyText | Diagnostic::NoTextLayer)
    }

    /// Returns true if and only if this diagnostic lowers confidence in the parse.
    pub fn lowers_confidence(&self) -> bool {
        !matches!(
            self,
            Diagnostic::MultiColumn { .. } | Diagnostic::EncodingGuessed { .. }
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnostic::EmptyText => write!(f, "the input holds no text"),
            Diagnostic::NoTextLayer => {
                write!(
                    f,
                    "the PDF has no text layer (scanned or image-only); OCR is not supported"
                )
            }
            Diagnostic::LowTextDensity { words_per_page } => {
                write!(
                    f,
                    "only {words_per_page:.0} words per page; text may be missing"
                )
            }
            Diagnostic::GarbledText { reason } => write!(f, "the text looks garbled: {reason}"),
            Diagnostic::MultiColumn { pages } => {
                write!(
                    f,
                    "{pages} page(s) have several columns; read column by column"
                )
            }
            Diagnostic::Truncated { limit } => write!(f, "text truncated by the {limit} limit"),
            Diagnostic::FallbackEngineUsed { engine, reason } => {
                write!(f, "used the {engine} engine because {reason}")
            }
            Diagnostic::EncodingGuessed { encoding } => {
                write!(f, "text encoding guessed as {encoding}")
            }
        }
    }
}

/// A resume turned into text with structure. Every [`Span`] in it slices [`Document::text`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Where the document came from, when it came from a file.
    pub source: Option<PathBuf>,
    /// The format it was read as.
    pub format: Format,
    /// The normalized text (NFKC, LF line ends, collapsed whitespace, reading order).
    pub text: String,
    /// Sections in text order; the first is [`SectionKind::Header`] and they tile the text.
    pub sections: Vec<Section>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Contact details.
    pub contact: Contact,
    /// Dated positions in text order.
    pub positions: Vec<Position>,
    /// Experience totals, overlaps merged.
    pub experience: ExperienceSummary,
    /// Education entries in text order.
    pub education: Vec<Education>,
    /// What extraction noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// Page count for paged formats.
    pub pages: Option<u32>,
    /// The month "Present" was resolved to.
    pub as_of: YearMonth,
}

impl Document {
    /// A document whose whole `text` is the body of one section of `kind`, with nothing
    /// else found in it (the structure stage did not run): for matching a snippet of plain
    /// text, and for tests.
    pub fn from_plain_text(
        text: impl Into<String>,
        kind: SectionKind,
        as_of: YearMonth,
    ) -> Document {
        let text = text.into();
        Document {
            source: None,
            format: Format::Text,
            sections: vec![Section {
                kind,
                heading: None,
                body: Span::new(0, text.len()),
            }],
            text,
            tokens: Vec::new(),
            contact: Contact::default(),
            positions: Vec::new(),
            experience: ExperienceSummary::default(),
            education: Vec::new(),
            diagnostics: Vec::new(),
            pages: None,
            as_of,
        }
    }

    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers; an out-of-range or misaligned span yields `""`, never a panic.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The section containing byte offset `at` (the last one for the end of the text).
    pub fn section_at(&self, at: usize) -> Option<&Section> {
        let i = self
            .sections
            .partition_point(|s| s.body.end <= at && s.body.end < self.text.len());
        self.sections.get(i)
    }

    /// The kind of the section containing byte offset `at`, `Header` when there is none.
    pub fn section_kind_at(&self, at: usize) -> SectionKind {
        self.section_at(at).map_or(SectionKind::Header, |s| s.kind)
    }

    /// The position whose entry contains byte offset `at`.
    pub fn position_at(&self, at: usize) -> Option<&Position> {
        self.positions
            .iter()
            .find(|p| p.span.start <= at && at < p.span.end)
    }

    /// Returns true if and only if a diagnostic says the document cannot be scored.
    pub fn is_scorable(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::blocks_scoring)
    }
}
