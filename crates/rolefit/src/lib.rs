//! rolefit: score resumes against roles.
#![deny(missing_docs)]
