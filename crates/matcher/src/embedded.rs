//! The default taxonomy compiled into the crate.

use std::sync::OnceLock;

use crate::builder::TaxonomyBuilder;
use crate::spec::SpecFormat;
use crate::taxonomy::Taxonomy;

/// The generated default taxonomy (`data/default-taxonomy.json`, rebuilt by
/// `cargo run -p xtask -- taxonomy`).
pub(crate) const EMBEDDED_JSON: &str = include_str!("../data/default-taxonomy.json");

/// The origin the embedded default is reported under in errors.
pub(crate) const EMBEDDED_ORIGIN: &str = "<embedded default-taxonomy.json>";

impl Taxonomy {
    /// The embedded default taxonomy: technology and data skills curated for rolefit,
    /// merged with O*NET 29.2 Technology Skills and ESCO 1.2.0 digital skills (CC BY 4.0;
    /// see the NOTICE file). Built once, on first use (a few milliseconds), then shared.
    ///
    /// The embedded data is validated by this crate's tests (`embedded_default_is_valid`),
    /// so building it cannot fail in a released crate.
    ///
    /// ```
    /// use rolefit_match::{SkillId, Taxonomy};
    ///
    /// let taxonomy = Taxonomy::embedded();
    /// let sklearn = taxonomy.find("sklearn").unwrap();
    /// assert_eq!(sklearn.id.as_str(), "scikit-learn");
    /// let implied = taxonomy.implied_closure(&SkillId::from("pytorch"));
    /// assert!(implied.contains(&SkillId::from("machine-learning")));
    /// assert_eq!(taxonomy.stamp().version, "2026.12.1");
    /// ```
    pub fn embedded() -> &'static Taxonomy {
        static EMBEDDED: OnceLock<Taxonomy> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let mut builder = TaxonomyBuilder::new();
            let built = builder
                .add_str(EMBEDDED_ORIGIN, EMBEDDED_JSON, SpecFormat::Json)
                .and_then(|b| b.build());
            match built {
                Ok(taxonomy) => taxonomy,
                Err(e) => panic!("the embedded taxonomy is validated by the tests: {e}"),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_is_valid() {
        let taxonomy = TaxonomyBuilder::new()
            .add_str(EMBEDDED_ORIGIN, EMBEDDED_JSON, SpecFormat::Json)
            .and_then(|b| b.build())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Taxonomy::embedded().stamp(), taxonomy.stamp());
    }

    #[test]
    fn embedded_hash_matches_its_content() {
        let spec: crate::spec::TaxonomySpec = serde_json::from_str(EMBEDDED_JSON).unwrap();
        assert_eq!(
            spec.hash.as_deref(),
            Some(Taxonomy::embedded().stamp().hash.as_str())
        );
    }
}
