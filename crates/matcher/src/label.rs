//! Label normalization (for lookups and alias de-duplication) and id slugs.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::taxonomy::SkillId;

/// Returns the lookup key of a skill name or alias: NFKC, lower case, every dash and
/// quote variant unified (`–` → `-`, `’` → `'`), whitespace runs collapsed to one space,
/// trimmed. Two labels with the same key name the same thing for [`crate::Taxonomy::find`]
/// and for alias conflict checks.
///
/// ```
/// assert_eq!(rolefit_match::normalize_label("  Scikit\u{2013}Learn "), "scikit-learn");
/// assert_eq!(rolefit_match::normalize_label("Weights  &\tBiases"), "weights & biases");
/// ```
pub fn normalize_label(text: &str) -> String {
    // ASCII is already in NFKC: skip the (much slower) normalization for it.
    if text.is_ascii() {
        return collapse(text.chars().map(|c| c.to_ascii_lowercase()));
    }
    collapse(text.nfkc().flat_map(char::to_lowercase))
}

/// Unifies punctuation and collapses whitespace of already case-folded characters.
fn collapse(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        let c = unify_punctuation(c);
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Returns the key of a label with spaces, dashes, underscores and dots removed
/// ("scikit learn", "scikit-learn" and "scikit_learn" all become "scikitlearn"): a second,
/// looser lookup used only when it names exactly one skill.
pub fn compact_label(text: &str) -> String {
    compact_key(&normalize_label(text))
}

/// [`compact_label`] of a label already normalized by [`normalize_label`].
pub(crate) fn compact_key(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .collect()
}

/// Maps the many dash and quote code points to their ASCII forms.
fn unify_punctuation(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        other => other,
    }
}

/// Returns the stable slug id for a skill name: ASCII lower case, words joined by `-`,
/// with the spellings that carry meaning kept readable: `+` → `p` (`c++` → `cpp`),
/// `#` → `sharp` (`c#` → `csharp`), a leading `.` → `dot` (`.net` → `dotnet`), inner dots
/// dropped (`node.js` → `nodejs`), `&` → `and`; diacritics are stripped.
///
/// ```
/// use rolefit_match::slugify;
/// assert_eq!(slugify("C++").as_str(), "cpp");
/// assert_eq!(slugify("C#").as_str(), "csharp");
/// assert_eq!(slugify(".NET").as_str(), "dotnet");
/// assert_eq!(slugify("Node.js").as_str(), "nodejs");
/// assert_eq!(slugify("scikit-learn").as_str(), "scikit-learn");
/// assert_eq!(slugify("AWS SageMaker").as_str(), "aws-sagemaker");
/// ```
pub fn slugify(name: &str) -> SkillId {
    let mut slug = String::with_capacity(name.len());
    let mut dash = false;
    let push_word = |slug: &mut String, dash: &mut bool, word: &str| {
        if *dash && !slug.is_empty() {
            slug.push('-');
        }
        *dash = false;
        slug.push_str(word);
    };
    let text: String = name
        .trim()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'a'..='z' | '0'..='9' => push_word(&mut slug, &mut dash, c.encode_utf8(&mut [0; 4])),
            'A'..='Z' => push_word(
                &mut slug,
                &mut dash,
                c.to_ascii_lowercase().encode_utf8(&mut [0; 4]),
            ),
            '+' => push_word(&mut slug, &mut dash, "p"),
            '#' => push_word(&mut slug, &mut dash, "sharp"),
            '&' => {
                dash = true;
                push_word(&mut slug, &mut dash, "and");
                dash = true;
            }
            '.' if slug.is_empty() || dash => {
                if chars.peek().is_some_and(char::is_ascii_alphanumeric) {
                    push_word(&mut slug, &mut dash, "dot");
                }
            }
            '.' | '\'' | '\u{2019}' => {
                // Inner dots and apostrophes join: "node.js" → "nodejs", "o'reilly" → "oreilly";
                // a dot between digits keeps a separator ("3.5" → "3-5").
                let prev_digit = slug.ends_with(|p: char| p.is_ascii_digit());
                if prev_digit && chars.peek().is_some_and(char::is_ascii_digit) {
                    dash = true;
                }
            }
            _ => dash = true,
        }
    }
    SkillId::from(slug)
}

/// Returns true if and only if `id` is a well-formed slug: non-empty ASCII lower-case
/// letters and digits in words joined by single `-`.
pub fn is_valid_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_of_tricky_names() {
        for (name, slug) in [
            ("C++", "cpp"),
            ("C#", "csharp"),
            (".NET", "dotnet"),
            ("ASP.NET Core", "aspnet-core"),
            ("Node.js", "nodejs"),
            ("scikit-learn", "scikit-learn"),
            ("AWS SageMaker", "aws-sagemaker"),
            ("Weights & Biases", "weights-and-biases"),
            ("CI/CD", "ci-cd"),
            ("A/B testing", "a-b-testing"),
            ("Python 3.11", "python-3-11"),
            ("Notepad++", "notepadpp"),
            ("F#", "fsharp"),
            ("Café ", "cafe"),
            ("  --weird--  ", "weird"),
        ] {
            assert_eq!(slugify(name).as_str(), slug, "{name}");
            assert!(is_valid_slug(slug), "{slug}");
        }
    }

    #[test]
    fn slug_validation() {
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("Py"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("-a"));
        assert!(!is_valid_slug("c++"));
    }

    #[test]
    fn normalization_unifies_case_space_dashes_quotes() {
        assert_eq!(normalize_label("Node\u{2011}JS"), "node-js");
        assert_eq!(normalize_label("\u{201C}Big\u{201D}  Data"), "\"big\" data");
        assert_eq!(normalize_label("ＰｙＴｏｒｃｈ"), "pytorch");
        assert_eq!(compact_label("Scikit Learn"), compact_label("scikit-learn"));
        assert_eq!(compact_label("Node.js"), "nodejs");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn slugs_are_valid_or_empty(name in "\\PC{0,40}") {
            let slug = slugify(&name);
            prop_assert!(slug.as_str().is_empty() || is_valid_slug(slug.as_str()), "{:?} -> {:?}", name, slug);
        }

        #[test]
        fn normalization_is_idempotent(text in "\\PC{0,40}") {
            let once = normalize_label(&text);
            prop_assert_eq!(normalize_label(&once), once.clone());
            prop_assert_eq!(compact_key(&once), compact_label(&text));
        }
    }
}
