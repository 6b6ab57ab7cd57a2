//! rolefit-score: role profiles, explainable fit scores, skill gaps and parallel batches.
#![deny(missing_docs)]
