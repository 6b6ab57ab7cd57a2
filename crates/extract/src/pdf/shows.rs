//! Which font shows each string: a shadow walk of a page's content streams.
//!
//! pdf-extract's [`OutputDev`](pdf_extract::OutputDev) callbacks do not say which font drew a
//! glyph. This walk visits the same text-showing operations in the same order as
//! pdf-extract's interpreter does (every string of `TJ` and `Tj`, form XObjects via `Do`,
//! fonts saved and restored by `q`/`Q`), so the n-th `begin_word` callback belongs to the n-th
//! [`Show`]. The glyph collector checks the glyph count of every show and stops trusting the
//! alignment at the first mismatch.
//!
//! pdf-extract ignores the quote operators `'` and `"` (move to the next line and show a
//! string), so their text — all of groff's line starts — is lost. The walk notes the streams
//! that use them and [`rewrite_quotes`] replaces each with its documented equivalent
//! (`T* string Tj`, with `Tw`/`Tc` first for `"`) before pdf-extract runs.
//!
//! The walk also finds what would crash pdf-extract beyond the reach of `catch_unwind`: a form
//! XObject that draws itself (endless recursion, a stack overflow) or nesting deeper than
//! [`MAX_FORM_DEPTH`].

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::fonts::{dict, FontInfo};

/// Stands for a form XObject held directly, not by reference, in the walk's stack.
const DIRECT: ObjectId = (0, 0);

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

/// What the walk found on one page.
#[derive(Debug, Default)]
pub(super) struct PageShows {
    /// The shows in pdf-extract's callback order (after [`rewrite_quotes`]); `None` when the
    /// content cannot be decoded the way pdf-extract decodes it (alignment unknown).
    pub shows: Option<Vec<Show>>,
    /// Streams using `'` or `"`: the page's own content (`None`) or form XObjects (`Some`).
    pub quoted: Vec<Option<ObjectId>>,
}

/// Walks the content of `page`; `Err` when it is unsafe to give the page to pdf-extract.
pub(super) fn page_shows(
    doc: &Document,
    page: ObjectId,
    cache: &mut FontCache,
) -> Result<PageShows, Unsafe> {
    let Ok(page_dict) = doc.get_dictionary(page) else {
        return Ok(PageShows::default());
    };
    let Ok(content) = doc.get_page_content(page) else {
        return Ok(PageShows::default());
    };
    let empty = Dictionary::new();
    let resources = inherited_resources(doc, page_dict, 0).unwrap_or(&empty);
    let mut walk = Walk {
        doc,
        cache,
        shows: Vec::new(),
        forms: Vec::new(),
        decodable: true,
        quoted: Vec::new(),
    };
    walk.stream(&content, resources)?;
    Ok(PageShows {
        shows: walk.decodable.then_some(walk.shows),
        quoted: walk.quoted,
    })
}

/// Replaces the quote operators in the given streams of `page` by their equivalents.
pub(super) fn rewrite_quotes(
    doc: &mut Document,
    page: ObjectId,
    streams: &[Option<ObjectId>],
) -> lopdf::Result<()> {
    for target in streams {
        match *target {
            None => {
                let content = unquote(&doc.get_page_content(page)?)?;
                let id = doc.add_object(Stream::new(Dictionary::new(), content));
                doc.get_dictionary_mut(page)?
                    .set("Contents", Object::Reference(id));
            }
            Some(form) => {
                let stream = doc.get_object_mut(form)?.as_stream_mut()?;
                let content = unquote(&stream.get_plain_content()?)?;
                stream.set_plain_content(content);
            }
        }
    }
    Ok(())
}

/// Content with `string '` as `T* string Tj` and `aw ac string "` as `aw Tw ac Tc T* string Tj`.
fn unquote(content: &[u8]) -> lopdf::Result<Vec<u8>> {
    let content = Content::decode(content)?;
    let mut operations = Vec::with_capacity(content.operations.len());
    for op in content.operations {
        match (op.operator.as_str(), op.operands.as_slice()) {
            ("'", [text]) => {
                operations.push(Operation::new("T*", vec![]));
                operations.push(Operation::new("Tj", vec![text.clone()]));
            }
            ("\"", [aw, ac, text]) => {
                operations.push(Operation::new("Tw", vec![aw.clone()]));
                operations.push(Operation::new("Tc", vec![ac.clone()]));
                operations.push(Operation::new("T*", vec![]));
                operations.push(Operation::new("Tj", vec![text.clone()]));
            }
            _ => operations.push(op),
        }
    }
    Content { operations }.encode()
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
    quoted: Vec<Option<ObjectId>>,
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
                "'" | "\"" => {
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        self.shows.push(show(font.as_ref(), s));
                        let stream = self.forms.last().copied().filter(|&id| id != DIRECT);
                        if !self.quoted.contains(&stream) {
                            self.quoted.push(stream);
                        }
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
        self.forms.push(id.unwrap_or(DIRECT));
        let r = self.stream(&content, inner);
        self.forms.pop();
        r
    }
}

/// Describes one shown string in `font`.
fn show(font: Option<&Rc<FontInfo>>, bytes: &[u8]) -> Show {
    Show {
        font: font.cloned(),
        glyphs: font.and_then(|f| f.glyph_count(bytes)),
        widths: font.and_then(|f| f.advances(bytes)),
    }
}
