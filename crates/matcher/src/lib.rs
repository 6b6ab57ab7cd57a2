//! rolefit-match: the skill taxonomy and a context-aware skill matcher.
#![deny(missing_docs)]

mod evidence;
mod taxonomy;

pub use evidence::*;
pub use taxonomy::*;
