//! Fonts: from the bytes of a shown string to characters and glyph widths.
//! A `/ToUnicode` CMap decides first; simple fonts fall back to their
//! encoding (WinAnsi, MacRoman, Standard, `/Differences` glyph names).

use super::file::File;
use super::object::{code_value, Dict, Lexer, Obj};
use super::PdfError;
use rustc_hash::FxHashMap as HashMap;

/// A CMap maps at most this many codes one by one (ranges are kept as ranges).
const MAX_CMAP_ENTRIES: usize = 200_000;

pub(crate) struct Font {
    /// Type0 (composite) fonts use two-byte codes.
    two_byte: bool,
    to_unicode: Option<CMap>,
    /// Simple fonts: the character for each code from the encoding.
    encoding: Option<Box<[Option<char>; 256]>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

/// One glyph of a shown string.
pub(crate) struct Glyph {
    pub text: String,
    /// Advance in text-space units per 1000 (glyph space).
    pub width: f64,
    /// The single-byte code 32, to which word spacing applies.
    pub is_space_code: bool,
}

impl Font {
    pub fn load(file: &File, dict: &Dict) -> Result<Font, PdfError> {
        let two_byte = dict.name_is(b"Subtype", b"Type0");
        let to_unicode = match dict.get(b"ToUnicode") {
            Some(o) => file.stream_data(o)?.map(|data| CMap::parse(&data)),
            None => None,
        };
        let mut widths = HashMap::default();
        let mut default_width = 500.0;
        if two_byte {
            let descendant = match file.get(dict, b"DescendantFonts") {
                Some(Obj::Array(a)) => a.first().and_then(|o| file.dict(o)),
                _ => None,
            };
            if let Some(cid) = descendant {
                default_width = cid.get(b"DW").and_then(|o| file.num(o)).unwrap_or(1000.0);
                if let Some(Obj::Array(w)) = file.get(cid, b"W") {
                    cid_widths(file, w, &mut widths);
                }
            }
        } else {
            let first = dict
                .get(b"FirstChar")
                .and_then(|o| file.num(o))
                .unwrap_or(0.0)
                .clamp(0.0, 255.0) as u32;
            if let Some(Obj::Array(w)) = file.get(dict, b"Widths") {
                for (i, o) in w.iter().take(256).enumerate() {
                    if let Some(v) = file.num(o) {
                        widths.insert(first + i as u32, v);
                    }
                }
            }
            let base = file
                .get(dict, b"BaseFont")
                .and_then(Obj::as_name)
                .unwrap_or_default();
            if base.starts_with(b"Courier") {
                default_width = 600.0;
            }
        }
        let encoding = (!two_byte).then(|| simple_encoding(file, dict));
        Ok(Font {
            two_byte,
            to_unicode,
            encoding,
            widths,
            default_width,
        })
    }

    /// The glyphs of a shown string.
    pub fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let step = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|code_bytes| {
                let code = code_value(code_bytes);
                let mapped = self
                    .to_unicode
                    .as_ref()
                    .and_then(|m| m.get(code_bytes.len(), code));
                let text = match mapped {
                    Some(s) => s,
                    None => match &self.encoding {
                        Some(table) => table[(code & 0xff) as usize]
                            .map(String::from)
                            .unwrap_or_else(|| '\u{fffd}'.to_string()),
                        None => '\u{fffd}'.to_string(),
                    },
                };
                Glyph {
                    text,
                    width: self
                        .widths
                        .get(&code)
                        .copied()
                        .unwrap_or(self.default_width),
                    is_space_code: !self.two_byte && code == 32,
                }
            })
            .collect()
    }
}

/// `/W [c [w1 w2 …] c1 c2 w …]` of a CID font.
fn cid_widths(file: &File, w: &[Obj], widths: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() && widths.len() < MAX_CMAP_ENTRIES {
        let Some(first) = file.num(&w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| file.resolve(o)) {
            Some(Obj::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    if let Some(v) = file.num(o) {
                        widths.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = o.as_num().unwrap_or(0.0).max(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| file.num(o)).unwrap_or(1000.0);
                let last = last.min(first.saturating_add(65_535));
                for c in first..=last {
                    widths.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// A `/ToUnicode` CMap: codes (of a byte length) to text.
#[derive(Default)]
pub(crate) struct CMap {
    single: HashMap<(usize, u32), String>,
    /// `(bytes, low, high, UTF-16 of low)`: code `low + k` maps to the UTF-16
    /// with its last unit raised by `k`.
    ranges: Vec<(usize, u32, u32, Vec<u16>)>,
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut map = CMap::default();
        let mut lexer = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        while !lexer.at_end() {
            let start = lexer.pos;
            let Some(obj) = lexer.next() else {
                if lexer.pos == start {
                    lexer.pos += 1;
                }
                continue;
            };
            match obj {
                Obj::Op(op) if op == b"endbfchar" => {
                    for pair in operands.chunks(2) {
                        if let [Obj::Str(src), Obj::Str(dst)] = pair {
                            if map.single.len() < MAX_CMAP_ENTRIES {
                                map.single
                                    .insert((src.len(), code_value(src)), utf16_text(dst));
                            }
                        }
                    }
                    operands.clear();
                }
                Obj::Op(op) if op == b"endbfrange" => {
                    for triple in operands.chunks(3) {
                        map.range(triple);
                    }
                    operands.clear();
                }
                Obj::Op(_) => operands.clear(),
                other => {
                    if operands.len() < 3 * 10_000 {
                        operands.push(other);
                    }
                }
            }
        }
        // Sorted for a binary search per glyph.
        map.ranges.sort_by_key(|&(len, low, _, _)| (len, low));
        map
    }

    fn range(&mut self, triple: &[Obj]) {
        let [Obj::Str(lo), Obj::Str(hi), dst] = triple else {
            return;
        };
        let (low, high) = (code_value(lo), code_value(hi));
        if high < low {
            return;
        }
        match dst {
            Obj::Str(base) => {
                let units = utf16_units(base);
                if !units.is_empty() && self.ranges.len() < MAX_CMAP_ENTRIES {
                    self.ranges.push((lo.len(), low, high, units));
                }
            }
            Obj::Array(items) => {
                for (k, item) in items.iter().enumerate() {
                    let code = low.saturating_add(k as u32);
                    if let (Obj::Str(s), true) = (item, code <= high) {
                        if self.single.len() < MAX_CMAP_ENTRIES {
                            self.single.insert((lo.len(), code), utf16_text(s));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn get(&self, len: usize, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&(len, code)) {
            return Some(s.clone());
        }
        let after = self
            .ranges
            .partition_point(|&(l, low, _, _)| (l, low) <= (len, code));
        let (l, low, high, base) = self.ranges.get(after.checked_sub(1)?)?;
        if *l != len || code > *high {
            return None;
        }
        let mut units = base.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add((code - low) as u16);
        Some(String::from_utf16_lossy(&units))
    }
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
        .collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

/// The code → character table of a simple font.
fn simple_encoding(file: &File, dict: &Dict) -> Box<[Option<char>; 256]> {
    let (base, differences) = match file.get(dict, b"Encoding") {
        Some(Obj::Name(n)) => (n.as_slice(), None),
        Some(Obj::Dict(d)) => (
            file.get(d, b"BaseEncoding")
                .and_then(Obj::as_name)
                .unwrap_or(b"StandardEncoding"),
            match file.get(d, b"Differences") {
                Some(Obj::Array(a)) => Some(a),
                _ => None,
            },
        ),
        _ => (b"StandardEncoding".as_slice(), None),
    };
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = base_char(base, code as u8);
    }
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for item in diffs {
            match file.resolve(item) {
                Obj::Num(n) => code = n.clamp(0.0, 255.0) as usize,
                Obj::Name(name) => {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = glyph_char(name);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// WinAnsi 0x80–0x9F (the rest is Latin-1).
const WIN_ANSI_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// MacRoman 0x80–0xFF.
const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

fn base_char(base: &[u8], code: u8) -> Option<char> {
    match (base, code) {
        (_, 0..=31) => None,
        (b"MacRomanEncoding", 0x80..=0xff) => MAC_ROMAN_80.chars().nth(usize::from(code - 0x80)),
        (b"WinAnsiEncoding", 0x80..=0x9f) => WIN_ANSI_80[usize::from(code - 0x80)],
        // Standard encoding: curly quotes where ASCII has straight ones.
        (b"StandardEncoding", b'\'') => Some('’'),
        (b"StandardEncoding", b'`') => Some('‘'),
        (b"StandardEncoding", 0x80..=0xff) => None,
        (_, 127) => None,
        (_, c) => Some(char::from(c)),
    }
}

/// A glyph name to its character: the names Swedish text needs, `uniXXXX`,
/// `uXXXX` and single letters.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c);
            }
        }
    }
    let c = match name {
        "space" | "nbspace" => ' ',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" => '\'',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "period" => '.',
        "slash" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "underscore" => '_',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "section" => '§',
        "paragraph" => '¶',
        "bullet" => '•',
        "endash" => '–',
        "emdash" => '—',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "quotesinglbase" => '‚',
        "quotedblbase" => '„',
        "guillemotleft" => '«',
        "guillemotright" => '»',
        "ellipsis" => '…',
        "degree" => '°',
        "percentmille" => '‰',
        "Euro" => '€',
        "aring" => 'å',
        "Aring" => 'Å',
        "adieresis" => 'ä',
        "Adieresis" => 'Ä',
        "odieresis" => 'ö',
        "Odieresis" => 'Ö',
        "udieresis" => 'ü',
        "Udieresis" => 'Ü',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedilla" => 'ç',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "ae" => 'æ',
        "AE" => 'Æ',
        "germandbls" => 'ß',
        "softhyphen" => '\u{ad}',
        _ => return None,
    };
    Some(c)
}
