//! The extraction error: what went wrong, and with which input.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Why a document could not be extracted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// The format is not one rolefit reads (or could not be recognised).
    Unsupported,
    /// The input is larger than a configured limit (bytes, pages, DOCX size or entries).
    TooLarge,
    /// The file is damaged or not what its name says.
    Malformed,
    /// The PDF is encrypted and cannot be opened without a password.
    Encrypted,
    /// The input holds no extractable text (empty, or a PDF without a text layer).
    NoText,
    /// The per-document time budget ran out.
    Timeout,
    /// The engine panicked (caught) on this input.
    Crashed,
}

impl ErrorKind {
    /// The snake_case name used in error records.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Malformed => "malformed",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::NoText => "no_text",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Crashed => "crashed",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An extraction failure, naming the input when there is a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    message: String,
}

impl Error {
    /// Creates an error of `kind` with a human message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            message: message.into(),
        }
    }

    /// Attaches the input's path.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The input's path, when it came from a file.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {} ({})", p.display(), self.message, self.kind),
            None => write!(f, "{} ({})", self.message, self.kind),
        }
    }
}

impl std::error::Error for Error {}
