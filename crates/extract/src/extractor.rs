//! The public entry point: [`Extractor`] turns paths, bytes or strings into [`Document`]s.

use std::path::{Path, PathBuf};

use crate::raw::RawText;
use crate::sniff::sniff;
use crate::{Document, Error, ErrorKind, Format, Limits, YearMonth};

/// Reads resumes (PDF, DOCX, text, Markdown) into [`Document`]s.
///
/// An `Extractor` is cheap to clone and shareable across threads; it holds only its
/// configuration, so one instance can serve a whole batch.
#[derive(Clone, Debug)]
pub struct Extractor {
    limits: Limits,
    as_of: YearMonth,
}

/// Configures an [`Extractor`]; created by [`Extractor::builder`].
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    limits: Limits,
    as_of: Option<YearMonth>,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// Creates an extractor with default [`Limits`] that resolves "Present" to the current month.
    pub fn new() -> Extractor {
        ExtractorBuilder::new().build()
    }

    /// Starts configuring an extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The limits applied to every input.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The month open-ended dates ("Present", "to date") resolve to.
    pub fn as_of(&self) -> YearMonth {
        self.as_of
    }

    /// Reads the file at `path`, sniffing its format from its bytes (then its extension).
    ///
    /// Errors name the path: [`ErrorKind::Io`] when it cannot be read, [`ErrorKind::TooLarge`]
    /// over [`Limits::max_bytes`], and whatever [`Extractor::extract_bytes`] reports.
    pub fn extract_path(&self, path: &Path) -> Result<Document, Error> {
        let io_error = |e: std::io::Error| {
            Error::new(ErrorKind::Io, format!("cannot read the file: {e}")).with_path(path)
        };
        let meta = std::fs::metadata(path).map_err(io_error)?;
        if meta.is_dir() {
            return Err(Error::new(ErrorKind::Io, "is a directory, not a file").with_path(path));
        }
        if meta.len() > self.limits.max_bytes {
            return Err(too_large(meta.len(), self.limits.max_bytes).with_path(path));
        }
        let bytes = std::fs::read(path).map_err(io_error)?;
        self.extract_bytes(&bytes, Some(path))
    }

    /// Reads a document held in memory. `hint` is the file name it came from, if any: it is
    /// used for the extension fallback when the bytes do not reveal the format, is named in
    /// errors, and becomes [`Document::source`].
    ///
    /// Never panics; hostile input yields an [`Error`] with a specific [`ErrorKind`].
    pub fn extract_bytes(&self, bytes: &[u8], hint: Option<&Path>) -> Result<Document, Error> {
        let attach = |e: Error| match hint {
            Some(p) if e.path().is_none() => e.with_path(p),
            _ => e,
        };
        if bytes.len() as u64 > self.limits.max_bytes {
            return Err(attach(too_large(bytes.len() as u64, self.limits.max_bytes)));
        }
        if bytes.is_empty() {
            return Err(attach(Error::new(
                ErrorKind::NoText,
                "the file is empty (0 bytes)",
            )));
        }
        let format = sniff(bytes, hint).map_err(attach)?;
        let raw = guarded(|| self.read(format, bytes)).map_err(attach)?;
        let source = hint.map(Path::to_path_buf);
        guarded(|| Ok(self.assemble(raw, format, source))).map_err(attach)
    }

    /// Analyses text already in memory as a plain-text resume. Infallible: empty text gives a
    /// [`Document`] with an [`EmptyText`](crate::Diagnostic::EmptyText) diagnostic.
    pub fn extract_str(&self, text: &str) -> Document {
        let raw = crate::text::lines_from_str(text, Format::Text);
        match guarded(|| Ok(self.assemble(raw, Format::Text, None))) {
            Ok(doc) => doc,
            // The structure stage is property-tested not to panic; should it ever, the caller
            // still gets a document, an empty one that is not scorable, rather than a panic.
            Err(_) => self.assemble(RawText::default(), Format::Text, None),
        }
    }

    fn read(&self, format: Format, bytes: &[u8]) -> Result<RawText, Error> {
        match format {
            Format::Text | Format::Markdown => Ok(crate::text::read_text(bytes, format)),
            Format::Docx => crate::docx::read_docx(bytes, &self.limits),
            Format::Pdf => self.read_pdf(bytes),
        }
    }

    #[cfg(feature = "pdf")]
    fn read_pdf(&self, bytes: &[u8]) -> Result<RawText, Error> {
        crate::pdf::read_pdf(bytes, &self.limits)
    }

    #[cfg(not(feature = "pdf"))]
    fn read_pdf(&self, _bytes: &[u8]) -> Result<RawText, Error> {
        Err(Error::new(
            ErrorKind::Unsupported,
            "PDF support is disabled: rolefit-extract was built without its `pdf` feature",
        ))
    }

    fn assemble(&self, raw: RawText, format: Format, source: Option<PathBuf>) -> Document {
        crate::structure::build_document(raw, format, source, &self.limits, self.as_of)
    }
}

impl ExtractorBuilder {
    /// A builder with default [`Limits`] and the current month as the as-of date.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            limits: Limits::default(),
            as_of: None,
        }
    }

    /// Sets the limits applied to every input.
    pub fn limits(&mut self, limits: Limits) -> &mut ExtractorBuilder {
        self.limits = limits;
        self
    }

    /// Sets the month "Present", "Current", "to date" and the like resolve to
    /// (default: the current month of the system clock, in UTC).
    pub fn as_of(&mut self, month: YearMonth) -> &mut ExtractorBuilder {
        self.as_of = Some(month);
        self
    }

    /// Builds the extractor.
    pub fn build(&self) -> Extractor {
        Extractor {
            limits: self.limits.clone(),
            as_of: self.as_of.unwrap_or_else(current_month),
        }
    }
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

fn too_large(size: u64, max: u64) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!("the input is {size} bytes, over the limit of {max} bytes (Limits::max_bytes)"),
    )
}

/// Runs `f`, turning a panic into an [`ErrorKind::Crashed`] error.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    crate::panic_guard::catch(f).unwrap_or_else(|message| {
        Err(Error::new(
            ErrorKind::Crashed,
            format!("the reader panicked (caught): {message}"),
        ))
    })
}

/// The current month (UTC) from the system clock.
fn current_month() -> YearMonth {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil-from-days (H. Hinnant's algorithm), enough for the month.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    YearMonth::new(
        u16::try_from(year).unwrap_or(2000),
        u8::try_from(month).unwrap_or(1),
    )
    .unwrap_or(YearMonth {
        year: 2000,
        month: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_sync_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Extractor>();
        assert_traits::<ExtractorBuilder>();
        assert_traits::<Document>();
        assert_traits::<Error>();
    }

    #[test]
    fn current_month_is_plausible() {
        let m = current_month();
        assert!(m.year >= 2024 && (1..=12).contains(&m.month), "{m}");
    }

    #[test]
    fn builder_sets_as_of_and_limits() {
        let limits = Limits {
            max_chars: 10,
            ..Limits::default()
        };
        let ex = Extractor::builder()
            .limits(limits.clone())
            .as_of(YearMonth::new(2026, 6).unwrap())
            .build();
        assert_eq!(ex.as_of(), YearMonth::new(2026, 6).unwrap());
        assert_eq!(ex.limits(), &limits);
    }

    #[test]
    fn empty_bytes_are_no_text_naming_the_path() {
        let err = Extractor::new()
            .extract_bytes(b"", Some(Path::new("cv.pdf")))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NoText);
        assert_eq!(err.path(), Some(Path::new("cv.pdf")));
    }

    #[test]
    fn oversized_input_is_too_large() {
        let ex = Extractor::builder()
            .limits(Limits {
                max_bytes: 4,
                ..Limits::default()
            })
            .build();
        let err = ex.extract_bytes(b"hello world", None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn markdown_by_extension_strips_heading_markers() {
        let md = b"# Jane Doe\n\n## Experience\n**Engineer**, Acme \xE2\x80\x94 2019 \xE2\x80\x93 2021\n\n## Skills\n- Python\n";
        let doc = Extractor::new()
            .extract_bytes(md, Some(Path::new("cv.md")))
            .unwrap();
        assert_eq!(doc.format, Format::Markdown);
        let kinds: Vec<&str> = doc.sections.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, ["header", "experience", "skills"]);
        assert!(doc.text.starts_with("Jane Doe\n\nExperience\n"));
        assert_eq!(doc.positions.len(), 1);
        assert_eq!(doc.source.as_deref(), Some(Path::new("cv.md")));
    }

    #[test]
    fn missing_file_is_io_error_with_path() {
        let err = Extractor::new()
            .extract_path(Path::new("/nonexistent/cv.txt"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io);
        assert!(err.to_string().contains("/nonexistent/cv.txt"));
    }
}
