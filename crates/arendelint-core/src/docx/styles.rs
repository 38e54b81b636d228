//! `word/styles.xml`: which paragraph styles are headings (by name or outline
//! level) and which styles make text bold, following `w:basedOn`.

use super::archive::STYLES;
use super::xml::{attr, on_off, Ev, Ns, XmlReader};
use super::DocxError;
use rustc_hash::FxHashMap as HashMap;

/// How far `w:basedOn` chains are followed (they may even loop in a broken file).
const MAX_CHAIN: usize = 32;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    /// `w:outlineLvl` of the style's paragraph properties (0–8 heading, 9 body).
    outline: Option<u8>,
    bold: Option<bool>,
    numbered: bool,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
    default_bold: bool,
}

/// A heading level from a style's name or id: `Heading 2`, `heading 2`,
/// `Rubrik 2` → 2; `Title` / `Rubrik` (Swedish Word's title style) → 0.
fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    if lower == "title" || lower == "rubrik" {
        return Some(0);
    }
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("rubrik"))?
        .trim_start();
    match rest.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}

impl Styles {
    pub fn parse(bytes: &[u8]) -> Result<Styles, DocxError> {
        let mut r = XmlReader::new(bytes, STYLES)?;
        let mut styles = Styles::default();
        // (id, style) of the `w:style` being read and its depth.
        let mut current: Option<(String, Style, usize)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        let mut in_rpr_default = false;
        loop {
            let (ns, e, empty) = match r.next()? {
                Ev::Eof => break,
                Ev::Start(ns, e) => (ns, e, false),
                Ev::Empty(ns, e) => (ns, e, true),
                Ev::End => {
                    if let Some((id, style, depth)) = current.take() {
                        if r.depth() < depth {
                            styles.by_id.insert(id, style);
                            in_ppr = false;
                            in_rpr = false;
                        } else {
                            current = Some((id, style, depth));
                        }
                    }
                    continue;
                }
                Ev::Text(_) => continue,
            };
            if ns != Ns::W {
                if !empty {
                    r.skip_element()?;
                }
                continue;
            }
            let local = e.local_name();
            match local.as_ref() {
                b"style" if current.is_none() => {
                    let id = attr(&e, b"styleId", &r)?.unwrap_or_default().into_owned();
                    let is_paragraph = attr(&e, b"type", &r)?.as_deref() == Some("paragraph");
                    if is_paragraph && attr(&e, b"default", &r)?.is_some_and(|v| on_off(Some(&v))) {
                        styles.default_paragraph = Some(id.clone());
                    }
                    if empty {
                        styles.by_id.insert(id, Style::default());
                    } else {
                        current = Some((id, Style::default(), r.depth()));
                    }
                }
                b"name" | b"basedOn" | b"outlineLvl" | b"b" | b"numId" => {
                    let value = attr(&e, b"val", &r)?;
                    if let Some((_, style, _)) = &mut current {
                        match local.as_ref() {
                            b"name" => style.name = value.unwrap_or_default().into_owned(),
                            b"basedOn" => style.based_on = value.map(|v| v.into_owned()),
                            b"outlineLvl" if in_ppr => {
                                style.outline = value.and_then(|v| v.parse().ok())
                            }
                            b"b" if in_rpr => style.bold = Some(on_off(value.as_deref())),
                            b"numId" if in_ppr => {
                                style.numbered = value.as_deref().is_some_and(|v| v != "0")
                            }
                            _ => {}
                        }
                    } else if local.as_ref() == b"b" && in_rpr_default {
                        styles.default_bold = on_off(value.as_deref());
                    }
                    if !empty {
                        r.skip_element()?;
                    }
                }
                b"pPr" if !empty => in_ppr = true,
                b"rPr" if !empty => {
                    in_ppr = false;
                    in_rpr = true;
                }
                b"rPrDefault" if !empty => in_rpr_default = true,
                b"pPrDefault" if !empty => in_rpr_default = false,
                // Table-style conditional formats and other nested property sets do
                // not decide headings or bold body text.
                b"tblStylePr" | b"latentStyles" | b"rPrChange" | b"pPrChange" if !empty => {
                    r.skip_element()?
                }
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The heading level of a paragraph style: its outline level, else its name
    /// (`Heading N`, `Rubrik N`, `Title`), else the style it is based on.
    /// `None` for body text.
    pub fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        let id = id.or(self.default_paragraph.as_deref())?;
        let mut next = Some(id);
        for _ in 0..MAX_CHAIN {
            let id = next?;
            let Some(style) = self.by_id.get(id) else {
                // No styles.xml (or an unknown id): the id names the style.
                return level_from_name(id).or_else(|| level_from_id(id));
            };
            if let Some(outline) = style.outline {
                return (outline < 9).then_some(outline + 1);
            }
            if let Some(level) = level_from_name(&style.name) {
                return Some(level);
            }
            next = style.based_on.as_deref();
        }
        None
    }

    /// Whether a style (paragraph or character) makes its text bold, if it says.
    pub fn bold(&self, id: Option<&str>) -> Option<bool> {
        let mut next = id;
        for _ in 0..MAX_CHAIN {
            let style = self.by_id.get(next?)?;
            if style.bold.is_some() {
                return style.bold;
            }
            next = style.based_on.as_deref();
        }
        None
    }

    /// The paragraph style that applies: the given one or the default.
    pub fn paragraph_style<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.or(self.default_paragraph.as_deref())
    }

    pub fn default_bold(&self) -> bool {
        self.default_bold
    }

    /// Whether a paragraph style is a table-of-contents entry (`toc 1`; Swedish
    /// Word's ids `Innehll1` drop the å).
    pub fn is_toc(&self, id: Option<&str>) -> bool {
        let Some(id) = id else {
            return false;
        };
        let name = self.by_id.get(id).map_or("", |s| s.name.as_str());
        let toc_name = |s: &str| {
            let lower = s.to_ascii_lowercase();
            lower
                .strip_prefix("toc")
                .or_else(|| lower.strip_prefix("innehll"))
                .is_some_and(|rest| rest.trim().parse::<u8>().is_ok())
        };
        toc_name(name) || toc_name(id)
    }

    /// Whether a paragraph style numbers its paragraphs (a list style).
    pub fn numbered(&self, id: Option<&str>) -> bool {
        let mut next = id;
        for _ in 0..MAX_CHAIN {
            let Some(style) = next.and_then(|id| self.by_id.get(id)) else {
                return false;
            };
            if style.numbered {
                return true;
            }
            next = style.based_on.as_deref();
        }
        false
    }
}

/// Style ids without spaces: `Heading2`, `Rubrik2`.
fn level_from_id(id: &str) -> Option<u8> {
    let lower = id.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("rubrik"))?;
    match rest.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert_eq!(level_from_name("heading 2"), Some(2));
        assert_eq!(level_from_name("Rubrik 3"), Some(3));
        assert_eq!(level_from_name("Title"), Some(0));
        assert_eq!(level_from_name("Rubrik"), Some(0));
        assert_eq!(level_from_name("Heading 10"), None);
        assert_eq!(level_from_name("Normal"), None);
        assert_eq!(level_from_id("Rubrik2"), Some(2));
        assert_eq!(level_from_id("Heading1"), Some(1));
    }
}
