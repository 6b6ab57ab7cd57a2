//! Bias-aware output: blanking contact details in text shown to a reviewer.

use std::sync::OnceLock;

use regex::Regex;

/// What a blanked detail is replaced with.
pub const REDACTED: &str = "[redacted]";

fn contact_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // Emails; URLs and bare profile links; phone numbers in groups (+1 206 555 0142, (206) 555-0142).
        Regex::new(concat!(
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
            r"|(?:https?://|www\.)[^\s,;]+",
            r"|\b(?:linkedin\.com|github\.com)/[^\s,;]+",
            r"|\+?\d{1,3}[ .-]?\(?\d{2,4}\)?[ .-]\d{3}[ .-]\d{3,4}\b",
            r"|\(\d{3}\) ?\d{3}-\d{4}\b",
        ))
        .expect("the contact pattern is valid")
    })
}

/// Returns `text` with each of `literals` (a name, an email as written) and anything shaped
/// like an email, URL or phone number replaced by [`REDACTED`].
pub fn redact_text(text: &str, literals: &[&str]) -> String {
    let mut out = text.to_owned();
    for literal in literals.iter().filter(|l| !l.trim().is_empty()) {
        out = out.replace(literal, REDACTED);
    }
    contact_pattern().replace_all(&out, REDACTED).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_names_emails_phones_and_links() {
        let text = "Priya Raman · priya@example.com · +1 206 555 0142 · github.com/praman · Python";
        assert_eq!(
            redact_text(text, &["Priya Raman"]),
            "[redacted] · [redacted] · [redacted] · [redacted] · Python"
        );
    }

    #[test]
    fn keeps_years_and_versions() {
        let text = "Python 3.11, 2019-2023, PyTorch 2.1";
        assert_eq!(redact_text(text, &[]), text);
    }
}
