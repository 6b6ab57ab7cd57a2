//! Which font shows each string: a shadow walk of a page's content streams.
//!
//! pdf-extract's [`OutputDev`](pdf_extract::OutputDev) callbacks do not say which font drew a
//! glyph. This walk visits the same text-showing operations in the same order as
//! pdf-extract's interpreter does (every string of `TJ` and `Tj`, form XObjects via `Do`,
//! fonts saved and restored by `q`/`Q`), so the n-th `begin_word` callback belongs to the n-th
//! [`Show`]. The glyph collector checks the glyph count of every show and stops trusting the
//! alignment at the first mismatch.
//!
//! The walk also finds what would crash pdf-extract beyond the reach of `catch_unwind`: a form
//! XObject that draws itself (endless recursion, a stack overflow) or nesting deeper than
//! [`MAX_FORM_DEPTH`].

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{dict, FontInfo};

/// Deepest nesting of form XObjects walked.
pub(super) const MAX_FORM_DEPTH: usize = 24;

/// One string shown by `Tj` or an element of `TJ`.
#[derive(Debug)]
pub(super) struct Show {
    /// The font selected by the last `Tf`, when it could be resolved.
    pub font: Option<Rc<FontInfo>>,
    /// Glyphs pdf-extract will report for the string, when the code length is known.
    pub glyphs: Option<usize>,
    /// Correct advance widths (thousandths of an em) per glyph, for Identity-encoded CID fonts.
    pub widths: Option<Vec<f64>>,
}

/// Why a page's content cannot safely be given to pdf-extract.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unsafe {
    /// A form XObject draws itself, directly or through others.
    CyclicForm,
    /// Form XObjects nest deeper than [`MAX_FORM_DEPTH`].
    TooDeep,
}

/// Resolved fonts by object id, shared across the pages of one document.
#[derive(Debug, Default)]
pub(super) struct FontCache {
    fonts: HashMap<ObjectId, Rc<FontInfo>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, fonts: &Dictionary, name: &[u8]) -> Option<Rc<FontInfo>> {
        let entry = fonts.get(name).ok()?;
        match entry.as_reference() {
            Ok(id) => {
                if let Some(f) = self.fonts.get(&id) {
                    return Some(Rc::clone(f));
                }
                let info = Rc::new(FontInfo::from_dict(doc, doc.get_dictionary(id).ok()?));
                self.fonts.insert(id, Rc::clone(&info));
                Some(info)
            }
            Err(_) => Some(Rc::new(FontInfo::from_dict(doc, entry.as_dict().ok()?))),
        }
    }
}

/// The shows of one page, in pdf-extract's callback order. `Ok(None)` when the content cannot
/// be decoded the way pdf-extract decodes it (alignment unknown, but safe to run).
pub(super) fn page_shows(
    doc: &Document,
    page: ObjectId,
    cache: &mut FontCache,
) -> Result<Option<Vec<Show>>, Unsafe> {
    let Ok(page_dict) = doc.get_dictionary(page) else {
        return Ok(None);
    };
    let Ok(content) = doc.get_page_content(page) else {
        return Ok(None);
    };
    let empty = Dictionary::new();
    let resources = inherited_resources(doc, page_dict, 0).unwrap_or(&empty);
    let mut walk = Walk {
        doc,
        cache,
        shows: Vec::new(),
        forms: Vec::new(),
        decodable: true,
    };
    walk.stream(&content, resources)?;
    Ok(walk.decodable.then_some(walk.shows))
}

/// `/Resources` of a page or the nearest ancestor that has them (as pdf-extract looks them up).
fn inherited_resources<'d>(
    doc: &'d Document,
    node: &'d Dictionary,
    depth: usize,
) -> Option<&'d Dictionary> {
    if let Some(r) = node.get(b"Resources").ok().and_then(|o| dict(doc, o)) {
        return Some(r);
    }
    let parent = node.get(b"Parent").ok().and_then(|o| dict(doc, o))?;
    (depth < 64)
        .then(|| inherited_resources(doc, parent, depth + 1))
        .flatten()
}

struct Walk<'d, 'c> {
    doc: &'d Document,
    cache: &'c mut FontCache,
    shows: Vec<Show>,
    /// Form XObjects being walked (the recursion stack).
    forms: Vec<ObjectId>,
    decodable: bool,
}

impl Walk<'_, '_> {
    fn stream(&mut self, content: &[u8], resources: &Dictionary) -> Result<(), Unsafe> {
        let Ok(content) = Content::decode(content) else {
            self.decodable = false;
            return Ok(());
        };
        let fonts = resources.get(b"Font").ok().and_then(|o| dict(self.doc, o));
        let mut font: Option<Rc<FontInfo>> = None;
        let mut saved = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    font = fonts
                        .zip(name)
                        .and_then(|(f, n)| self.cache.get(self.doc, f, n));
                }
                "q" => saved.push(font.clone()),
                "Q" => {
                    if let Some(f) = saved.pop() {
                        font = f;
                    }
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        self.shows.push(show(font.as_ref(), s));
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if let Object::String(s, _) = item {
                                self.shows.push(show(font.as_ref(), s));
                            }
                        }
                    }
                }
                "Do" => self.xobject(op.operands.first(), resources)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Walks an XObject as pdf-extract does: any XObject's stream is interpreted as content.
    fn xobject(&mut self, name: Option<&Object>, resources: &Dictionary) -> Result<(), Unsafe> {
        let doc = self.doc;
        let xobjects = resources.get(b"XObject").ok().and_then(|o| dict(doc, o));
        let Some(entry) = xobjects
            .zip(name.and_then(|n| n.as_name().ok()))
            .and_then(|(x, n)| x.get(n).ok())
        else {
            return Ok(());
        };
        let Ok((id, Object::Stream(stream))) = doc.dereference(entry) else {
            return Ok(());
        };
        if let Some(id) = id {
            if self.forms.contains(&id) {
                return Err(Unsafe::CyclicForm);
            }
        }
        if self.forms.len() >= MAX_FORM_DEPTH {
            return Err(Unsafe::TooDeep);
        }
        let inner = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| dict(doc, o))
            .unwrap_or(resources);
        let content = if stream.filters().is_ok() {
            stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone())
        } else {
            stream.content.clone()
        };
        // A direct (unreferenced) stream cannot be part of a cycle; it still counts for depth.
        self.forms.push(id.unwrap_or((0, 0)));
        let r = self.stream(&content, inner);
        self.forms.pop();
        r
    }
}

/// Describes one shown string in `font`.
fn show(font: Option<&Rc<FontInfo>>, bytes: &[u8]) -> Show {
    let widths = font.and_then(|f| f.cid_widths.as_ref()).map(|w| {
        bytes
            .chunks_exact(2)
            .map(|c| w.width(u32::from(u16::from_be_bytes([c[0], c[1]]))))
            .collect::<Vec<_>>()
    });
    let glyphs = match (font, &widths) {
        (_, Some(w)) => Some(w.len()),
        // Simple fonts: one byte per glyph.
        (Some(f), None) if !f.composite => Some(bytes.len()),
        _ => None,
    };
    Show {
        font: font.cloned(),
        glyphs,
        widths,
    }
}
