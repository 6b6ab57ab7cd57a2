//! rolefit-extract: PDF, DOCX and text resumes into a sectioned, tokenized [`Document`].
#![deny(missing_docs)]

mod document;
mod error;
mod limits;
mod panic_guard;
#[cfg(feature = "pdf")]
mod pdf;
mod raw;

pub use document::*;
pub use error::{Error, ErrorKind};
pub use limits::Limits;
