//! The file level: finds every indirect object by scanning the body (so a
//! damaged or missing cross-reference table does not matter), unpacks object
//! streams, decodes stream data and walks the page tree.

use super::object::{is_white, Dict, Lexer, Obj};
use super::{PdfError, MAX_DECODED, MAX_OBJECTS, MAX_PAGES, MAX_PARSED};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::Cell;
use std::io::Read;

/// The page tree is walked at most this deep (real trees are a few levels).
const MAX_TREE_DEPTH: usize = 64;

pub(crate) struct File<'a> {
    bytes: &'a [u8],
    /// Object number → (where it was defined, the object). The latest
    /// definition wins, as with incremental updates.
    objects: HashMap<u32, (usize, Obj)>,
    trailers: Vec<Dict>,
    /// Bytes decoded so far, against [`MAX_DECODED`].
    decoded: Cell<usize>,
    /// Objects parsed so far (nested ones included), against [`MAX_PARSED`].
    parsed: usize,
}

/// One page: its resources and its content streams, in order, borrowed from
/// the file (a resource dictionary shared by many pages is never copied).
pub(crate) struct Page<'f> {
    pub resources: Option<&'f Dict>,
    pub contents: Vec<&'f Obj>,
}

impl<'a> File<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<File<'a>, PdfError> {
        if bytes.is_empty() {
            return Err(PdfError::Empty);
        }
        let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
        if find(head, b"%PDF-", 0).is_none() {
            return Err(PdfError::NotPdf);
        }
        let mut file = File {
            bytes,
            objects: HashMap::default(),
            trailers: Vec::new(),
            decoded: Cell::new(0),
            parsed: 0,
        };
        file.scan()?;
        file.unpack_object_streams()?;
        if file.is_encrypted() {
            return Err(PdfError::Encrypted);
        }
        Ok(file)
    }

    /// Every `N G obj … endobj` and `trailer << … >>` in the body.
    fn scan(&mut self) -> Result<(), PdfError> {
        let bytes = self.bytes;
        let mut pos = 0;
        // No `endstream` after this offset: later streams need not search again.
        let mut no_endstream_from = usize::MAX;
        while let Some(at) = find_keyword(bytes, pos) {
            let (keyword_len, is_obj) = if bytes[at..].starts_with(b"obj") {
                (3, true)
            } else {
                (7, false)
            };
            pos = at + keyword_len;
            if !is_obj {
                let mut lexer = self.lexer(bytes, pos);
                let parsed = lexer.next();
                self.count_parsed(lexer.count)?;
                if let Some(Obj::Dict(d)) = parsed {
                    self.trailers.push(d);
                    pos = lexer.pos;
                }
                continue;
            }
            let Some(number) = object_number_before(bytes, at) else {
                continue;
            };
            let mut lexer = self.lexer(bytes, pos);
            let parsed = lexer.next();
            self.count_parsed(lexer.count)?;
            let Some(mut obj) = parsed else {
                continue;
            };
            pos = lexer.pos.max(pos);
            if let Obj::Dict(dict) = &obj {
                let mut peek = Lexer::new(bytes, lexer.pos);
                if peek.next() == Some(Obj::Op(b"stream".to_vec())) {
                    let range = stream_range(bytes, peek.pos, dict, &mut no_endstream_from);
                    pos = range.end;
                    obj = Obj::Stream(dict.clone(), range);
                }
            }
            if let Obj::Stream(d, _) = &obj {
                if d.name_is(b"Type", b"XRef") {
                    // A cross-reference stream's dictionary is the trailer.
                    self.trailers.push(d.clone());
                }
            }
            if self.objects.len() >= MAX_OBJECTS {
                return Err(PdfError::TooLarge {
                    what: "objects",
                    limit: MAX_OBJECTS as u64,
                });
            }
            self.objects.insert(number, (at, obj));
        }
        if self.objects.is_empty() {
            return Err(PdfError::Damaged {
                detail: "no objects found".into(),
            });
        }
        Ok(())
    }

    /// Objects stored compressed inside object streams (PDF 1.5+).
    fn unpack_object_streams(&mut self) -> Result<(), PdfError> {
        let streams: Vec<(usize, Dict, std::ops::Range<usize>)> = self
            .objects
            .values()
            .filter_map(|(at, o)| match o {
                Obj::Stream(d, r) if d.name_is(b"Type", b"ObjStm") => {
                    Some((*at, d.clone(), r.clone()))
                }
                _ => None,
            })
            .collect();
        // Entries may all point at one huge object: bound the parsing work.
        let mut parsed = 0usize;
        for (at, dict, range) in streams {
            let Some(data) = self.decode_stream(&dict, range)? else {
                continue;
            };
            let count = dict.get(b"N").and_then(|o| self.num(o)).unwrap_or(0.0) as usize;
            let first = dict.get(b"First").and_then(|o| self.num(o)).unwrap_or(0.0) as usize;
            let mut header = Lexer::new(&data, 0);
            for _ in 0..count.min(MAX_OBJECTS) {
                let (Some(Obj::Num(n)), Some(Obj::Num(offset))) = (header.next(), header.next())
                else {
                    break;
                };
                if n < 0.0 || offset < 0.0 {
                    break;
                }
                let start = first.saturating_add(offset as usize);
                let mut lexer = self.lexer(&data, start);
                let obj = lexer.next();
                self.count_parsed(lexer.count)?;
                parsed += lexer.pos.saturating_sub(start);
                if parsed > MAX_DECODED {
                    return Err(PdfError::TooLarge {
                        what: "decoded bytes",
                        limit: MAX_DECODED as u64,
                    });
                }
                let Some(obj) = obj else { continue };
                let number = n as u32;
                // A direct definition later in the file (an update) wins.
                if self.objects.get(&number).is_some_and(|(a, _)| *a > at) {
                    continue;
                }
                if self.objects.len() >= MAX_OBJECTS {
                    return Err(PdfError::TooLarge {
                        what: "objects",
                        limit: MAX_OBJECTS as u64,
                    });
                }
                self.objects.insert(number, (at, obj));
            }
        }
        Ok(())
    }

    /// A lexer that stops just past what is left of [`MAX_PARSED`].
    fn lexer<'b>(&self, bytes: &'b [u8], pos: usize) -> Lexer<'b> {
        let mut lexer = Lexer::new(bytes, pos);
        lexer.budget = MAX_PARSED - self.parsed.min(MAX_PARSED);
        lexer
    }

    /// Parsed objects take far more memory than their bytes (`0 ` is two
    /// bytes, a number object dozens): their count is bounded, not the bytes.
    fn count_parsed(&mut self, count: usize) -> Result<(), PdfError> {
        self.parsed += count;
        if self.parsed > MAX_PARSED {
            return Err(PdfError::TooLarge {
                what: "objects",
                limit: MAX_PARSED as u64,
            });
        }
        Ok(())
    }

    fn is_encrypted(&self) -> bool {
        self.trailers.iter().any(|t| t.get(b"Encrypt").is_some())
    }

    /// Follows a reference (a chain of at most a few).
    pub fn resolve<'o>(&'o self, mut obj: &'o Obj) -> &'o Obj {
        for _ in 0..8 {
            match obj {
                Obj::Ref(n) => match self.objects.get(n) {
                    Some((_, o)) => obj = o,
                    None => return &Obj::Null,
                },
                _ => return obj,
            }
        }
        &Obj::Null
    }

    pub fn num(&self, obj: &Obj) -> Option<f64> {
        self.resolve(obj).as_num()
    }

    pub fn dict<'o>(&'o self, obj: &'o Obj) -> Option<&'o Dict> {
        self.resolve(obj).as_dict()
    }

    /// A dictionary entry, references followed.
    pub fn get<'o>(&'o self, dict: &'o Dict, key: &[u8]) -> Option<&'o Obj> {
        dict.get(key).map(|o| self.resolve(o))
    }

    /// The decoded data of a stream object, or `None` when it is not a stream
    /// or uses a filter that text extraction does not need (images).
    pub fn stream_data(&self, obj: &Obj) -> Result<Option<Vec<u8>>, PdfError> {
        match self.resolve(obj) {
            Obj::Stream(d, r) => self.decode_stream(d, r.clone()),
            _ => Ok(None),
        }
    }

    fn decode_stream(
        &self,
        dict: &Dict,
        range: std::ops::Range<usize>,
    ) -> Result<Option<Vec<u8>>, PdfError> {
        let Some(raw) = self.bytes.get(range) else {
            return Ok(None);
        };
        let filters: Vec<&[u8]> = match self.get(dict, b"Filter") {
            Some(Obj::Name(n)) => vec![n.as_slice()],
            Some(Obj::Array(a)) => a.iter().filter_map(|o| self.resolve(o).as_name()).collect(),
            _ => Vec::new(),
        };
        let params: Vec<Option<&Dict>> = match self.get(dict, b"DecodeParms") {
            Some(Obj::Array(a)) => a.iter().map(|o| self.dict(o)).collect(),
            Some(o) => vec![o.as_dict()],
            None => Vec::new(),
        };
        let mut data = raw.to_vec();
        for (i, filter) in filters.iter().enumerate() {
            let budget = MAX_DECODED.saturating_sub(self.decoded.get());
            data = match *filter {
                b"FlateDecode" | b"Fl" => {
                    let inflated = inflate(&data, budget)?;
                    let param = params.get(i).copied().flatten();
                    match predictor(self, param) {
                        Some((columns, colors)) => unpredict_png(&inflated, columns * colors),
                        None => inflated,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                _ => return Ok(None),
            };
            self.decoded.set(self.decoded.get() + data.len());
        }
        Ok(Some(data))
    }

    /// The pages in order, from the catalog's page tree; when the tree is
    /// broken, every `/Type /Page` object in object-number order.
    pub fn pages(&self) -> Result<Vec<Page<'_>>, PdfError> {
        let mut pages = Vec::new();
        let root = self
            .trailers
            .iter()
            .rev()
            .find_map(|t| t.get(b"Root"))
            .and_then(|r| self.dict(r))
            .or_else(|| {
                self.objects
                    .values()
                    .filter_map(|(_, o)| o.as_dict())
                    .find(|d| d.name_is(b"Type", b"Catalog"))
            });
        if let Some(tree) = root.and_then(|r| self.get(r, b"Pages")) {
            let mut seen = HashSet::default();
            self.walk(tree, None, 0, &mut seen, &mut pages)?;
        }
        if pages.is_empty() {
            let mut numbers: Vec<&u32> = self.objects.keys().collect();
            numbers.sort();
            for n in numbers {
                if let Some((_, obj)) = self.objects.get(n) {
                    if obj.as_dict().is_some_and(|d| d.name_is(b"Type", b"Page")) {
                        self.leaf(obj, None, &mut pages)?;
                    }
                }
            }
        }
        Ok(pages)
    }

    fn walk<'s>(
        &'s self,
        node: &'s Obj,
        inherited: Option<&'s Dict>,
        depth: usize,
        seen: &mut HashSet<*const Obj>,
        pages: &mut Vec<Page<'s>>,
    ) -> Result<(), PdfError> {
        let node = self.resolve(node);
        // A loop in the tree (a kid that is its own ancestor) is walked once.
        if depth > MAX_TREE_DEPTH || !seen.insert(node as *const Obj) {
            return Ok(());
        }
        let Some(dict) = node.as_dict() else {
            return Ok(());
        };
        let resources = self
            .get(dict, b"Resources")
            .and_then(Obj::as_dict)
            .or(inherited);
        match self.get(dict, b"Kids") {
            Some(Obj::Array(kids)) if !dict.name_is(b"Type", b"Page") => {
                for kid in kids {
                    self.walk(kid, resources, depth + 1, seen, pages)?;
                }
                Ok(())
            }
            _ => self.leaf(node, inherited, pages),
        }
    }

    fn leaf<'s>(
        &'s self,
        page: &'s Obj,
        inherited: Option<&'s Dict>,
        pages: &mut Vec<Page<'s>>,
    ) -> Result<(), PdfError> {
        let Some(dict) = page.as_dict() else {
            return Ok(());
        };
        if pages.len() >= MAX_PAGES {
            return Err(PdfError::TooLarge {
                what: "pages",
                limit: MAX_PAGES as u64,
            });
        }
        let resources = self
            .get(dict, b"Resources")
            .and_then(Obj::as_dict)
            .or(inherited);
        let contents = match self.get(dict, b"Contents") {
            Some(Obj::Array(parts)) => parts.iter().collect(),
            Some(Obj::Stream(..)) => dict.get(b"Contents").into_iter().collect(),
            _ => Vec::new(),
        };
        pages.push(Page {
            resources,
            contents,
        });
        Ok(())
    }
}

/// The next `obj` or `trailer` keyword standing as a word, from `pos`.
fn find_keyword(bytes: &[u8], mut pos: usize) -> Option<usize> {
    while pos < bytes.len() {
        let rest = bytes.get(pos..)?;
        let i = rest.windows(3).position(|w| w == b"obj" || w == b"tra")?;
        let at = pos + i;
        let word = if bytes[at..].starts_with(b"obj") {
            3
        } else if bytes[at..].starts_with(b"trailer") {
            7
        } else {
            pos = at + 1;
            continue;
        };
        let before_ok = at > 0 && is_white(bytes[at - 1]);
        let after_ok = bytes
            .get(at + word)
            .is_none_or(|&b| is_white(b) || super::object::is_delimiter(b));
        if before_ok && after_ok {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// `12 0 ` right before `obj`: the object number.
fn object_number_before(bytes: &[u8], at: usize) -> Option<u32> {
    let mut i = at;
    let skip_white_back = |i: &mut usize| {
        while *i > 0 && is_white(bytes[*i - 1]) {
            *i -= 1;
        }
    };
    let digits_back = |i: &mut usize| {
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_digit() {
            *i -= 1;
        }
        (*i < end).then(|| bytes.get(*i..end)).flatten()
    };
    skip_white_back(&mut i);
    digits_back(&mut i)?;
    skip_white_back(&mut i);
    let number = digits_back(&mut i)?;
    if i > 0 && !is_white(bytes[i - 1]) && !super::object::is_delimiter(bytes[i - 1]) {
        return None;
    }
    std::str::from_utf8(number).ok()?.parse().ok()
}

/// The raw data of a stream that starts at `start` (right after `stream`):
/// `/Length` when it is direct and lands on `endstream`, else up to the next
/// `endstream` (trailing line end dropped).
fn stream_range(
    bytes: &[u8],
    start: usize,
    dict: &Dict,
    no_endstream_from: &mut usize,
) -> std::ops::Range<usize> {
    let mut start = start;
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    if let Some(len) = dict.get(b"Length").and_then(Obj::as_num) {
        let end = start.saturating_add(len.max(0.0) as usize);
        if let Some(after) = bytes.get(end..) {
            let trimmed = after
                .iter()
                .position(|&b| !is_white(b))
                .and_then(|i| after.get(i..));
            if trimmed.is_some_and(|t| t.starts_with(b"endstream")) {
                return start..end;
            }
        }
    }
    let found = if start >= *no_endstream_from {
        None
    } else {
        find(bytes, b"endstream", start)
    };
    if found.is_none() {
        *no_endstream_from = start.min(*no_endstream_from);
    }
    let end = found.unwrap_or(bytes.len());
    let mut data_end = end;
    if data_end > start && bytes[data_end - 1] == b'\n' {
        data_end -= 1;
    }
    if data_end > start && bytes[data_end - 1] == b'\r' {
        data_end -= 1;
    }
    start..data_end.max(start)
}

pub(crate) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// Inflates zlib data, keeping what was decoded before any error: many
/// writers end streams without a checksum or with junk after it.
fn inflate(data: &[u8], budget: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(budget as u64 + 1);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&chunk[..n]),
        }
    }
    if out.len() > budget {
        return Err(PdfError::TooLarge {
            what: "decoded bytes",
            limit: MAX_DECODED as u64,
        });
    }
    Ok(out)
}

/// `(columns, colours)` of a PNG predictor (`/Predictor` ≥ 10), if any.
fn predictor(file: &File, params: Option<&Dict>) -> Option<(usize, usize)> {
    let params = params?;
    let predictor = params.get(b"Predictor").and_then(|o| file.num(o))?;
    if predictor < 10.0 {
        return None;
    }
    let columns = params
        .get(b"Columns")
        .and_then(|o| file.num(o))
        .unwrap_or(1.0)
        .clamp(1.0, 65_536.0) as usize;
    let colors = params
        .get(b"Colors")
        .and_then(|o| file.num(o))
        .unwrap_or(1.0)
        .clamp(1.0, 32.0) as usize;
    Some((columns, colors))
}

/// Undoes PNG row filters (one filter byte per row), for 8-bit samples.
fn unpredict_png(data: &[u8], row_len: usize) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for row in data.chunks(row_len + 1) {
        let Some((&filter, bytes)) = row.split_first() else {
            break;
        };
        let mut cur = vec![0u8; row_len];
        for (i, &b) in bytes.iter().enumerate() {
            let left = if i > 0 { cur[i - 1] } else { 0 };
            let up = prev[i];
            let up_left = if i > 0 { prev[i - 1] } else { 0 };
            cur[i] = match filter {
                1 => b.wrapping_add(left),
                2 => b.wrapping_add(up),
                3 => b.wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                4 => b.wrapping_add(paeth(left, up, up_left)),
                _ => b,
            };
        }
        out.extend_from_slice(&cur[..bytes.len()]);
        prev = cur;
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut lexer_input = Vec::with_capacity(data.len() + 2);
    lexer_input.push(b'<');
    lexer_input.extend(data.iter().take_while(|&&b| b != b'>'));
    lexer_input.push(b'>');
    match Lexer::new(&lexer_input, 0).next() {
        Some(Obj::Str(s)) => s,
        _ => Vec::new(),
    }
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u32; 5];
    let mut n = 0;
    let flush = |group: &[u32; 5], n: usize, out: &mut Vec<u8>| {
        let mut padded = *group;
        for slot in padded.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = padded.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
        let bytes = (v as u32).to_be_bytes();
        out.extend_from_slice(&bytes[..n.saturating_sub(1)]);
    };
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    flush(&group, 5, &mut out);
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        flush(&group, n, &mut out);
    }
    out
}
