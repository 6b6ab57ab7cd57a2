//! Finding the line of a skill's field in TOML or JSON source text, for error messages.
//!
//! Specs are parsed without positions (serde has none for JSON); only when validation
//! fails is the source scanned again, so loading stays fast and errors still name lines.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::spec::SpecFormat;

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line of skill number `index` (0-based, in file order), of its `field` when given,
/// and of the quoted `needle` inside that field when given and found there.
pub(crate) fn skill_line(
    text: &str,
    format: SpecFormat,
    index: usize,
    field: Option<&str>,
    needle: Option<&str>,
) -> Option<usize> {
    let (skill, field_span) = match format {
        SpecFormat::Toml => toml_spans(text, index, field)?,
        SpecFormat::Json => json_spans(text, index, field)?,
    };
    let Some(span) = field_span else {
        return Some(line_of_offset(text, skill.start));
    };
    let refined = needle.and_then(|n| {
        let slice = text.get(span.clone())?;
        let pos = slice
            .find(&format!("\"{n}\""))
            .or_else(|| slice.find(&format!("'{n}'")))?;
        Some(span.start + pos)
    });
    Some(line_of_offset(text, refined.unwrap_or(span.start)))
}

type Spans = (Range<usize>, Option<Range<usize>>);

fn toml_spans(text: &str, index: usize, field: Option<&str>) -> Option<Spans> {
    type Table = BTreeMap<String, toml::Spanned<toml::Value>>;
    #[derive(Deserialize)]
    struct Doc {
        #[serde(default, alias = "skills")]
        skill: Vec<toml::Spanned<Table>>,
    }
    let doc: Doc = toml::from_str(text).ok()?;
    let skill = doc.skill.get(index)?;
    let field_span = field.and_then(|f| skill.get_ref().get(f)).map(|v| v.span());
    Some((skill.span(), field_span))
}

fn json_spans(text: &str, index: usize, field: Option<&str>) -> Option<Spans> {
    let mut s = JsonScan {
        b: text.as_bytes(),
        i: 0,
    };
    s.expect(b'{')?;
    loop {
        let key = s.key()?;
        if key == b"skill" || key == b"skills" {
            break;
        }
        s.skip_value()?;
        s.comma_or(b'}')?;
    }
    s.expect(b'[')?;
    for _ in 0..index {
        s.skip_value()?;
        s.comma_or(b']')?;
    }
    s.ws();
    let start = s.i;
    let Some(field) = field else {
        s.skip_value()?;
        return Some((start..s.i, None));
    };
    s.expect(b'{')?;
    loop {
        let key = s.key()?;
        s.ws();
        let value_start = s.i;
        s.skip_value()?;
        if key == field.as_bytes() {
            return Some((start..s.i, Some(value_start..s.i)));
        }
        s.comma_or(b'}')?;
    }
}

/// A structural scanner over JSON that is known to parse.
struct JsonScan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> JsonScan<'a> {
    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
    }

    /// Consumes a `,` (returning Some) or the closing byte (returning None: no more items).
    fn comma_or(&mut self, close: u8) -> Option<()> {
        self.ws();
        match self.b.get(self.i)? {
            b',' => {
                self.i += 1;
                Some(())
            }
            c if *c == close => None,
            _ => None,
        }
    }

    /// Reads `"key":` and returns the raw key bytes.
    fn key(&mut self) -> Option<&'a [u8]> {
        self.ws();
        let key = self.string()?;
        self.expect(b':')?;
        Some(key)
    }

    /// Reads a string at the cursor, returning its raw content.
    fn string(&mut self) -> Option<&'a [u8]> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        loop {
            match self.b.get(j)? {
                b'\\' => j += 2,
                b'"' => break,
                _ => j += 1,
            }
        }
        self.i = j + 1;
        Some(&self.b[start..j])
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        let mut depth = 0usize;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.string()?;
                    if depth == 0 {
                        return Some(());
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return Some(());
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return Some(());
                    }
                }
                b',' if depth == 0 => return Some(()),
                c if depth == 0 && c.is_ascii_whitespace() => return Some(()),
                _ => {}
            }
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_lines_of_skills_fields_and_items() {
        let text = "version = \"1\"\n\n[[skill]]\nid = \"a\"\nname = \"A\"\n\n[[skill]]\nid = \"b\"\nimplies = [\n  \"a\",\n  \"zz\",\n]\n";
        assert_eq!(skill_line(text, SpecFormat::Toml, 0, None, None), Some(3));
        assert_eq!(
            skill_line(text, SpecFormat::Toml, 0, Some("name"), None),
            Some(5)
        );
        assert_eq!(
            skill_line(text, SpecFormat::Toml, 1, Some("implies"), None),
            Some(9)
        );
        assert_eq!(
            skill_line(text, SpecFormat::Toml, 1, Some("implies"), Some("zz")),
            Some(11)
        );
    }

    #[test]
    fn json_lines_of_skills_fields_and_items() {
        let text = "{\n \"version\": \"1\",\n \"skill\": [\n  {\"id\": \"a\", \"name\": \"A\"},\n  {\n   \"id\": \"b\",\n   \"aliases\": [{\"text\": \"x\"}, \"y\"],\n   \"implies\": [\n    \"a\",\n    \"zz\"\n   ]\n  }\n ]\n}\n";
        assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
        assert_eq!(skill_line(text, SpecFormat::Json, 0, None, None), Some(4));
        assert_eq!(skill_line(text, SpecFormat::Json, 1, None, None), Some(5));
        assert_eq!(
            skill_line(text, SpecFormat::Json, 1, Some("implies"), None),
            Some(8)
        );
        assert_eq!(
            skill_line(text, SpecFormat::Json, 1, Some("implies"), Some("zz")),
            Some(10)
        );
        assert_eq!(
            skill_line(text, SpecFormat::Json, 1, Some("missing"), None),
            None
        );
        assert_eq!(skill_line(text, SpecFormat::Json, 2, None, None), None);
    }
}
