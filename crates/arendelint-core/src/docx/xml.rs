//! A guarded XML event reader shared by the part readers: namespace-resolved
//! names, a depth limit, no DTDs, errors with the part's name and byte offset.

use super::{DocxError, MAX_XML_DEPTH};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;
use std::borrow::Cow;

/// WordprocessingML, transitional and strict.
const W_NS: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    W,
    Mc,
    Other,
}

/// One event, reduced to what the part readers need.
pub(super) enum Ev<'a> {
    Start(Ns, BytesStart<'a>),
    /// An empty element `<x/>`: a start directly followed by its end.
    Empty(Ns, BytesStart<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

pub(super) struct XmlReader<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'static str,
    depth: usize,
}

impl<'a> XmlReader<'a> {
    pub fn new(bytes: &'a [u8], part: &'static str) -> Result<XmlReader<'a>, DocxError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text =
            std::str::from_utf8(bytes).map_err(|_| DocxError::NotUtf8 { part: part.into() })?;
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Ok(XmlReader {
            reader,
            part,
            depth: 0,
        })
    }

    /// Current element depth (the root element is depth 1 inside it).
    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn next(&mut self) -> Result<Ev<'a>, DocxError> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((res, event)) => (namespace(&res), event),
                Err(e) => return Err(self.error(e.to_string())),
            };
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_XML_DEPTH {
                        return Err(DocxError::TooDeep {
                            part: self.part.into(),
                            limit: MAX_XML_DEPTH,
                        });
                    }
                    Ev::Start(ns, e)
                }
                Event::Empty(e) => Ev::Empty(ns, e),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End
                }
                Event::Text(t) => match t.xml10_content() {
                    Ok(s) => Ev::Text(s),
                    Err(e) => return Err(self.error(e.to_string())),
                },
                Event::CData(t) => match t.decode() {
                    Ok(s) => Ev::Text(s),
                    Err(e) => return Err(self.error(e.to_string())),
                },
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.decode().map_err(|e| self.error(e.to_string()))?;
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(s) => s.to_string(),
                                // Without a DTD no other entity is defined.
                                None => {
                                    return Err(self.error(format!("undefined entity &{name};")))
                                }
                            }
                        }
                        Err(e) => return Err(self.error(e.to_string())),
                    };
                    Ev::Text(Cow::Owned(ch))
                }
                // quick-xml does not expand entities from a DTD, but a DTD has no
                // place in a Word part: refuse it rather than read around it.
                Event::DocType(_) => {
                    return Err(DocxError::Doctype {
                        part: self.part.into(),
                    })
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.error("the file ends inside an element".into()));
                    }
                    Ev::Eof
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            });
        }
    }

    /// Skips the rest of the element whose start was just read.
    pub fn skip_element(&mut self) -> Result<(), DocxError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if let Ev::Eof = self.next()? {
                break;
            }
        }
        Ok(())
    }

    pub fn error(&self, detail: String) -> DocxError {
        // quick-xml sets the error position only for syntax errors; an entity or
        // encoding problem is found after the event was read, where it ends.
        let offset = match self.reader.error_position() {
            0 => self.reader.buffer_position(),
            at => at,
        };
        DocxError::Xml {
            part: self.part.into(),
            offset,
            // A broken end tag quotes the tag: a hostile file could make it 200 KB.
            detail: crate::config_error::cut(&detail),
        }
    }
}

fn namespace(res: &ResolveResult) -> Ns {
    match res {
        ResolveResult::Bound(ns) if W_NS.contains(&ns.as_ref()) => Ns::W,
        ResolveResult::Bound(ns) if ns.as_ref() == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

/// The value of the attribute with local name `local` (`w:val` → `val`).
pub(super) fn attr<'e>(
    e: &'e BytesStart<'_>,
    local: &[u8],
    reader: &XmlReader<'_>,
) -> Result<Option<Cow<'e, str>>, DocxError> {
    for a in e.attributes() {
        let a = a.map_err(|err| reader.error(err.to_string()))?;
        if a.key.local_name().as_ref() == local {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(Some)
                .map_err(|err| reader.error(err.to_string()));
        }
    }
    Ok(None)
}

/// An OOXML on/off value (`w:b`, `w:vanish`): absent or true/1/on means on.
pub(super) fn on_off(value: Option<&str>) -> bool {
    !matches!(value, Some("false" | "0" | "off" | "none"))
}
