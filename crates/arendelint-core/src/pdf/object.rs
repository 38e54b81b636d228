//! PDF objects and the lexer that reads them, from a file body, an object
//! stream, a content stream or a CMap alike. Every read is bounds-checked:
//! damaged input ends a parse with `None`, never a panic.

use std::ops::Range;

/// Arrays and dictionaries nested deeper than this are refused (real files
/// nest a handful of levels).
const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32),
    /// A stream: its dictionary and the byte range of its raw data in the file.
    Stream(Dict, Range<usize>),
    /// A bare keyword: a content-stream operator, or `obj`, `stream`, ….
    Op(Vec<u8>),
}

impl Obj {
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn name_is(&self, key: &[u8], value: &[u8]) -> bool {
        self.get(key).and_then(Obj::as_name) == Some(value)
    }
}

pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// Reads objects from `bytes`, starting at `pos`.
pub(crate) struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
    /// Objects read so far, nested ones included: what a parse costs in memory.
    pub count: usize,
    /// Reading stops (`None`) once `count` passes this.
    pub budget: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer {
            bytes,
            pos,
            count: 0,
            budget: usize::MAX,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn at_end(&mut self) -> bool {
        self.skip_white();
        self.pos >= self.bytes.len()
    }

    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next object, or `None` at the end or on damaged input (the position
    /// then has moved on, so a caller that skips ahead always makes progress).
    pub fn next(&mut self) -> Option<Obj> {
        self.object(0)
    }

    fn object(&mut self, depth: usize) -> Option<Obj> {
        if depth > MAX_NESTING || self.count > self.budget {
            return None;
        }
        self.count += 1;
        self.skip_white();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Obj::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Obj::Str(self.literal_string()))
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.dict(depth).map(Obj::Dict)
            }
            b'<' => {
                self.pos += 1;
                Some(Obj::Str(self.hex_string()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => return None,
                        Some(b']') => {
                            self.pos += 1;
                            return Some(Obj::Array(items));
                        }
                        _ => {}
                    }
                    let start = self.pos;
                    match self.object(depth + 1) {
                        // An array never holds these: it is unterminated.
                        Some(Obj::Op(op)) if ends_object(&op) => return None,
                        Some(o) => items.push(o),
                        None if self.pos == start => self.pos += 1,
                        None => {}
                    }
                }
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(self.number_or_ref()),
            _ if is_regular(b) => {
                let word = self.word();
                Some(match word {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Op(word.to_vec()),
                })
            }
            // A stray `)`, `>`, `]`, `}` or `{`: skip it.
            _ => {
                self.pos += 1;
                None
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    fn name(&mut self) -> Vec<u8> {
        let raw = self.word();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                if let Some(v) = raw.get(i + 1..i + 3).and_then(hex_pair) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(raw[i]);
            i += 1;
        }
        out
    }

    fn dict(&mut self, depth: usize) -> Option<Dict> {
        let mut entries = Vec::new();
        loop {
            self.skip_white();
            match self.peek() {
                None => return None,
                Some(b'>') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    return Some(Dict(entries));
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name();
                    let start = self.pos;
                    match self.object(depth + 1) {
                        Some(Obj::Op(op)) if ends_object(&op) => return None,
                        Some(value) => entries.push((key, value)),
                        None if self.pos == start => return None,
                        None => {}
                    }
                }
                // A key that is not a name: damaged; skip the token.
                Some(_) => {
                    let start = self.pos;
                    if self.object(depth + 1).is_none() && self.pos == start {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    fn number_or_ref(&mut self) -> Obj {
        let start = self.pos;
        let Some(n) = self.number() else {
            return Obj::Op(self.bytes.get(start..self.pos).unwrap_or_default().to_vec());
        };
        // `12 0 R`: an indirect reference.
        let is_integer = !self.bytes[start..self.pos].contains(&b'.');
        if is_integer && n >= 0.0 && n <= f64::from(u32::MAX) {
            let save = self.pos;
            self.skip_white();
            let gen_start = self.pos;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.pos > gen_start {
                self.skip_white();
                if self.peek() == Some(b'R')
                    && self.bytes.get(self.pos + 1).is_none_or(|&b| !is_regular(b))
                {
                    self.pos += 1;
                    return Obj::Ref(n as u32);
                }
            }
            self.pos = save;
        }
        Obj::Num(n)
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
            self.pos += 1;
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        if self.pos == start {
            self.pos += 1;
            return None;
        }
        // Writers emit `-.5`, `5.` and even `--5`; anything unparsable is 0.
        Some(text.parse::<f64>().unwrap_or(0.0))
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        // A backslash before a line end continues the string.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                digits.push(v);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    }

    /// Skips an inline image's data after `ID`, up to and including `EI`.
    pub fn skip_inline_image(&mut self) {
        // One white-space byte follows `ID`; `EI` stands between white space.
        let data = self.bytes.get(self.pos..).unwrap_or_default();
        let mut i = 1;
        while i + 2 <= data.len() {
            if &data[i..i + 2] == b"EI"
                && is_white(data[i - 1])
                && data.get(i + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += i + 2;
                return;
            }
            i += 1;
        }
        self.pos = self.bytes.len();
    }
}

/// Keywords that end an indirect object: an array or dictionary still open
/// when one comes is damaged, and parsing it stops there rather than at the
/// end of the file (which would make a file of broken objects quadratic).
fn ends_object(op: &[u8]) -> bool {
    op == b"endobj" || op == b"obj"
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex_pair(p: &[u8]) -> Option<u8> {
    Some(hex_value(*p.first()?)? << 4 | hex_value(*p.get(1)?)?)
}

/// A big-endian number from up to four bytes (a CMap code).
pub(crate) fn code_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |v, &b| (v << 8) | u32::from(b))
}
