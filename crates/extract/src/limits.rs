//! Input limits that keep hostile or huge files from exhausting time or memory.

use std::time::Duration;

/// Limits applied to every input. The defaults suit resumes with a wide margin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 20 MiB). Larger is [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge).
    pub max_bytes: u64,
    /// Pages read from a PDF (default 50); later pages are dropped with a `Truncated` diagnostic.
    pub max_pages: u32,
    /// Characters of text kept (default 500,000); the rest is dropped with a `Truncated` diagnostic.
    pub max_chars: usize,
    /// Wall-clock budget per document (default 10 s); checked between pages.
    pub time_budget: Duration,
    /// Largest total uncompressed size of a DOCX (default 64 MiB).
    pub max_docx_uncompressed: u64,
    /// Most entries in a DOCX archive (default 2,000).
    pub max_docx_entries: usize,
    /// Highest compression ratio of any DOCX entry (default 200).
    pub max_compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_pages: 50,
            max_chars: 500_000,
            time_budget: Duration::from_secs(10),
            max_docx_uncompressed: 64 * 1024 * 1024,
            max_docx_entries: 2_000,
            max_compression_ratio: 200,
        }
    }
}
