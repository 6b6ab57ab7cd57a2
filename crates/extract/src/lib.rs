//! rolefit-extract: PDF, DOCX and text resumes into a sectioned, tokenized [`Document`].
#![deny(missing_docs)]

mod document;
#[cfg(test)]
mod cases;
mod docx;
mod error;
mod extractor;
mod limits;
mod normalize;
mod panic_guard;
#[cfg(feature = "pdf")]
mod pdf;
mod raw;
mod sniff;
mod structure;
mod text;

pub use document::*;
pub use error::{Error, ErrorKind};
pub use extractor::{Extractor, ExtractorBuilder};
pub use limits::Limits;
