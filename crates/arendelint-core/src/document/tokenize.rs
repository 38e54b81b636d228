//! Splits source text into words, numbers and punctuation, keeping byte offsets.

use super::{TokKind, Token};
use rustc_hash::FxHashSet as HashSet;

/// Characters that may separate digit groups inside one number token
/// (`12,5`, `2024-08-20`, `2001:100`, `2023/123`, `16.00`, `10–15`).
const NUMBER_INNER: &[char] = &[',', '.', ':', '/', '-', '–'];
/// Thousand separators between digit groups (`4 500`).
const THOUSANDS: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Byte classes of the tokenizer's main loop (ASCII only; bytes from 0x80
/// have none): white space (as `char::is_whitespace` in ASCII), markup that
/// counts as a word boundary, letters and digits.
const SPACE: u8 = 1;
const MARKUP: u8 = 2;
const LETTER: u8 = 4;
const DIGIT: u8 = 8;

static CLASSES: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = match c {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => SPACE,
            b'*' | b'_' | b'#' | b'>' | b'|' | b'`' | b'[' | b']' => MARKUP,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            _ => 0,
        };
        b += 1;
    }
    classes
}

/// Whether `bytes[i..]` starts with a two-byte Latin-1 letter (lead byte 0xC3:
/// å, ä, ö, é, ü and their capitals; not × or ÷).
fn is_latin1_letter(bytes: &[u8], i: usize, end: usize) -> bool {
    bytes[i] == 0xC3
        && i + 1 < end
        && matches!(
            bytes.get(i + 1),
            Some(0x80..=0x96 | 0x98..=0xB6 | 0xB8..=0xBF)
        )
}

/// Whether a word ends at `i`: nothing that [`Tokenizer::word`] reads on
/// (more letters, a non-ASCII character, an inner hyphen or colon) follows.
fn ends_word(bytes: &[u8], i: usize, end: usize) -> bool {
    i >= end
        || bytes
            .get(i)
            .is_some_and(|&b| b < 0x80 && !matches!(b, b'-' | b':'))
}

/// Lower case of the Swedish letters outside ASCII, without Unicode table look-ups
/// (they are in almost every word).
fn swedish_lower(c: char) -> Option<char> {
    match c {
        'å' | 'ä' | 'ö' | 'é' | 'ü' => Some(c),
        'Å' => Some('å'),
        'Ä' => Some('ä'),
        'Ö' => Some('ö'),
        'É' => Some('é'),
        'Ü' => Some('ü'),
        _ => None,
    }
}

/// The end of the run of ASCII lower-case letters at `i` (at most `end`).
/// Eight bytes are tested at a time: most words are such a run, and a loop
/// byte by byte spends its time on the branch that ends the word.
fn lower_run_end(bytes: &[u8], mut i: usize, end: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8).filter(|_| i + 8 <= end) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        // Per byte b < 0x80 (no carries): b + 0x1F has the high bit from
        // b'a' on, b + 0x05 from b'{' on. Above the first byte that is not a
        // letter (which fails by its own high bit or these sums) carries may
        // spoil the bits, but only that first byte counts.
        let lower =
            x.wrapping_add(0x1F1F_1F1F_1F1F_1F1F) & !x.wrapping_add(0x0505_0505_0505_0505) & !x;
        let not_lower = !lower & HIGH;
        if not_lower != 0 {
            return i + (not_lower.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && bytes[i].is_ascii_lowercase() {
        i += 1;
    }
    i
}

pub(super) struct Tokenizer<'a> {
    pub text: &'a str,
    /// Join `jäm-` + newline + `ställdhet` into one word.
    pub join_hyphens: bool,
    /// Words after a line-end hyphen that make it half a compound (och, eller, samt).
    pub joiners: &'a HashSet<String>,
    /// Whether a word broken as `patien- terna` inside a line is joined (§6.19):
    /// only when the joined word is one the rules look for.
    pub joins_split_word: &'a dyn Fn(&str) -> bool,
}

impl Tokenizer<'_> {
    /// Tokenizes `text[range]`, appending to `tokens` and `norm`.
    pub fn run(&self, range: std::ops::Range<usize>, tokens: &mut Vec<Token>, norm: &mut String) {
        let text = self.text;
        let bytes = text.as_bytes();
        let end = range.end.min(text.len());
        let mut i = range.start;
        // Whether the character before `i` separates words, carried along:
        // only the first token needs to look back.
        let mut boundary = i == 0 || i > end || self.boundary_before(i);
        while i < end {
            // ASCII bytes are told apart by one table look-up, without decoding.
            let b = bytes[i];
            let class = CLASSES[b as usize];
            if class & SPACE != 0 {
                i += 1;
                boundary = true;
                continue;
            }
            let space_before = boundary;
            let norm_start = norm.len() as u32;
            // Whether the normal form is the source text itself (then it is
            // not copied into `norm`).
            let mut norm_is_text = false;
            let (kind, stop) = if class & LETTER != 0 || is_latin1_letter(bytes, i, end) {
                let (stop, same) = self.word(i, end, norm);
                norm_is_text = same;
                (TokKind::Word, stop)
            } else if class & DIGIT != 0 {
                (TokKind::Number, self.number(i, end, norm))
            } else if b < 0x80 {
                // ASCII punctuation is its own lower case.
                norm_is_text = true;
                (TokKind::Punct(b as char), i + 1)
            } else {
                let Some(c) = text[i..end].chars().next() else {
                    break;
                };
                if c.is_whitespace() || c == '\u{ad}' {
                    i += c.len_utf8();
                    boundary = c != '\u{ad}';
                    continue;
                }
                if c.is_alphabetic() {
                    let (stop, same) = self.word(i, end, norm);
                    norm_is_text = same;
                    (TokKind::Word, stop)
                } else {
                    norm.extend(c.to_lowercase());
                    (TokKind::Punct(c), i + c.len_utf8())
                }
            };
            tokens.push(Token {
                start: i,
                end: stop,
                kind,
                space_before,
                norm_is_text,
                norm_start,
                norm_end: norm.len() as u32,
            });
            // Words and numbers end in a letter, digit or soft hyphen.
            boundary = matches!(kind, TokKind::Punct(c) if c.is_ascii() && CLASSES[c as usize] & MARKUP != 0);
            i = stop;
        }
    }

    /// Whether the character before byte `i` (> 0) separates words: white
    /// space, or a markup character (`*`, `_`, `#`, `>`, `|`, `` ` ``, `[`, `]`).
    fn boundary_before(&self, i: usize) -> bool {
        match self.text.as_bytes()[i - 1] {
            p if p < 0x80 => CLASSES[p as usize] & (SPACE | MARKUP) != 0,
            _ => self.text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace),
        }
    }

    /// A word from `start`; returns its end, and whether its normal form is
    /// its source text (then nothing is written to `norm`: most words are one
    /// run of lower-case letters). Inlined: one call per word costs more than
    /// a short word's letters.
    #[inline(always)]
    fn word(&self, start: usize, end: usize, norm: &mut String) -> (usize, bool) {
        let text = self.text;
        let bytes = text.as_bytes();
        let norm_start = norm.len();
        let mut i = start;
        loop {
            // Letters. Runs of ASCII letters and two-byte Latin-1 letters (å, ä,
            // ö, é, ü: lead byte 0xC3) are copied in one piece; they need
            // lower-casing only when an upper-case letter was seen.
            while i < end {
                let run = i;
                let mut upper = false;
                let mut ascii = true;
                // The first ASCII capital and how many there are: most words
                // have one at most, and only it needs lower-casing.
                let mut first_upper = None;
                let mut capitals = 0u32;
                while i < end {
                    i = lower_run_end(bytes, i, end);
                    if i >= end {
                        break;
                    }
                    let b = bytes[i];
                    if b.is_ascii_uppercase() {
                        first_upper = first_upper.or(Some(i));
                        capitals += 1;
                        upper = true;
                        i += 1;
                    } else if b == 0xC3 && i + 1 < end {
                        // U+00C0..U+00FF: letters except × (0x97) and ÷ (0xB7);
                        // 0x80..=0x9E are upper case (lower case is +0x20).
                        match bytes[i + 1] {
                            0x80..=0x96 | 0x98..=0x9E => {
                                upper = true;
                                ascii = false;
                            }
                            0x9F..=0xB6 | 0xB8..=0xBF => {}
                            _ => break,
                        }
                        i += 2;
                    } else {
                        break;
                    }
                }
                if i > run {
                    // The whole word, lower case already: nothing to copy (and
                    // no `str` slice to check).
                    if !upper && run == start && ends_word(bytes, i, end) {
                        return (i, true);
                    }
                    let piece = &text[run..i];
                    if !upper {
                        norm.push_str(piece);
                    } else if ascii {
                        let from = norm.len();
                        norm.push_str(piece);
                        let capital = from + first_upper.map_or(0, |at| at - run);
                        let last = if capitals == 1 {
                            capital + 1
                        } else {
                            norm.len()
                        };
                        norm[capital..last].make_ascii_lowercase();
                    } else {
                        for c in piece.chars() {
                            match swedish_lower(c) {
                                Some(lower) => norm.push(lower),
                                None => norm.extend(c.to_lowercase()),
                            }
                        }
                    }
                }
                if i >= end || bytes[i] < 0x80 {
                    break;
                }
                // Any other non-ASCII character.
                let Some(c) = text[i..end].chars().next() else {
                    break;
                };
                if let Some(lower) = swedish_lower(c) {
                    norm.push(lower);
                    i += c.len_utf8();
                } else if c.is_alphabetic() {
                    norm.extend(c.to_lowercase());
                    i += c.len_utf8();
                } else if c == '\u{ad}' {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            // Every case below starts with a hyphen or a colon; most words end
            // at a space or a mark and need no decoding here.
            if i >= end || !matches!(bytes[i], b'-' | b':') {
                return (i, false);
            }
            let rest = &text[i..end];
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                // An inner hyphen: EU-medborgare, icke-binära.
                (Some('-'), Some(n)) if n.is_alphabetic() => {
                    norm.push('-');
                    i += 1;
                }
                // Genitive or inflection after an abbreviation: SKR:s, EU:s.
                (Some(':'), Some(n)) if n.is_alphabetic() && n.is_lowercase() => {
                    let tail: usize = rest[1..]
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .map(char::len_utf8)
                        .sum();
                    if tail <= 3 {
                        norm.push(':');
                        i += 1;
                    } else {
                        return (i, false);
                    }
                }
                // A line-end hyphen: jäm-\nställdhet.
                (Some('-'), Some('\n' | '\r')) if self.join_hyphens => {
                    let after = rest[1..].trim_start_matches(['\r', '\n']);
                    // Only one line break.
                    let breaks = rest[1..rest.len() - after.len()].matches('\n').count();
                    let after_ws = after.trim_start_matches([' ', '\t']);
                    let next_word: String =
                        after_ws.chars().take_while(|c| c.is_alphabetic()).collect();
                    let joinable = breaks == 1
                        && next_word.chars().next().is_some_and(char::is_lowercase)
                        && !self.joiners.contains(&next_word);
                    if joinable {
                        i += rest.len() - after_ws.len();
                    } else {
                        return (i, false);
                    }
                }
                // A hyphen-space break inside a line: "jäm- ställdhet" (§6.19).
                (Some('-'), Some(' ')) if self.join_hyphens => {
                    let after = &rest[2..];
                    let next_word: String =
                        after.chars().take_while(|c| c.is_alphabetic()).collect();
                    let mut joined = norm[norm_start..].to_string();
                    joined.push_str(&next_word.to_lowercase());
                    let joinable = next_word.chars().next().is_some_and(char::is_lowercase)
                        && !self.joiners.contains(&next_word)
                        && (self.joins_split_word)(&joined);
                    if joinable {
                        i += 2;
                    } else {
                        return (i, false);
                    }
                }
                _ => return (i, false),
            }
        }
    }

    /// A number from `start`; returns its end.
    fn number(&self, start: usize, end: usize, norm: &mut String) -> usize {
        let bytes = self.text.as_bytes();
        let digits = |from: usize| {
            let mut j = from;
            while j < end && bytes[j].is_ascii_digit() {
                j += 1;
            }
            j
        };
        let mut i = digits(start);
        let mut plain_groups_only = true;
        let mut first_len = i - start;
        norm.push_str(&self.text[start..i]);
        loop {
            let rest = &self.text[i..end];
            let mut chars = rest.chars();
            let (Some(c), Some(n)) = (chars.next(), chars.next()) else {
                break;
            };
            if NUMBER_INNER.contains(&c) && n.is_ascii_digit() {
                let j = digits(i + c.len_utf8());
                norm.push(c);
                norm.push_str(&self.text[i + c.len_utf8()..j]);
                i = j;
                plain_groups_only = false;
                continue;
            }
            if THOUSANDS.contains(&c) && plain_groups_only && first_len <= 3 {
                let g = i + c.len_utf8();
                let j = digits(g);
                let next_is_digit_sep = self.text[j..end]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
                if j - g == 3 && !next_is_digit_sep {
                    norm.push_str(&self.text[g..j]);
                    i = j;
                    first_len = 0;
                    continue;
                }
            }
            break;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text[start..]` tokenized, joining hyphenated words when `join`
    /// (before anything but "och"; a split word when it is one of two).
    fn tokenize(text: &str, start: usize, join: bool) -> (Vec<Token>, String) {
        let joiners: HashSet<String> = ["och".to_string()].into_iter().collect();
        let vocabulary = |w: &str| w == "jämställdhet" || w == "patienterna";
        let t = Tokenizer {
            text,
            join_hyphens: join,
            joiners: &joiners,
            joins_split_word: &vocabulary,
        };
        let mut tokens = Vec::new();
        let mut norm = String::new();
        t.run(start..text.len(), &mut tokens, &mut norm);
        (tokens, norm)
    }

    fn toks(text: &str, join: bool) -> Vec<(String, TokKind)> {
        let (tokens, norm) = tokenize(text, 0, join);
        tokens
            .iter()
            .map(|k| {
                (
                    crate::document::token_norm(text, &norm, k).to_string(),
                    k.kind,
                )
            })
            .collect()
    }

    fn norms(text: &str, join: bool) -> Vec<String> {
        toks(text, join).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn words_numbers_and_marks() {
        assert_eq!(
            norms(
                "Av 4 500 EU-medborgare var 12,5 % nöjda (SKR:s enkät).",
                false
            ),
            [
                "av",
                "4500",
                "eu-medborgare",
                "var",
                "12,5",
                "%",
                "nöjda",
                "(",
                "skr:s",
                "enkät",
                ")",
                "."
            ]
        );
        assert_eq!(
            norms("Dnr RS 2023/123, 2024-08-20, 2001:100", false),
            ["dnr", "rs", "2023/123", ",", "2024-08-20", ",", "2001:100"]
        );
        assert_eq!(
            norms("1 284 personer och 12 500 000 kr", false),
            ["1284", "personer", "och", "12500000", "kr"]
        );
        // A year and a count are not one number.
        assert_eq!(norms("2023 318 elever", false), ["2023", "318", "elever"]);
        assert_eq!(
            norms("Fjällby blir 4:e", false),
            ["fjällby", "blir", "4", ":", "e"]
        );
    }

    #[test]
    fn lower_case_runs_end_at_the_first_other_byte() {
        let samples: &[&[u8]] = &[
            b"abcdefghijklmnopqrstuvwxyz{",
            b"abcdefg`hij",
            b"abcdefgh",
            b"abcdefghABC",
            b"abc\xc3\xa5defghijkl",
            b"\xff\xffabcdefgh",
            b"abcdefg\xff\xe1xyz",
            b"zzzzzzzzzzzzzzzz@",
            b"",
        ];
        for bytes in samples {
            for start in 0..=bytes.len() {
                for end in start..=bytes.len() {
                    let expected = start
                        + bytes[start..end]
                            .iter()
                            .take_while(|b| b.is_ascii_lowercase())
                            .count();
                    assert_eq!(
                        lower_run_end(bytes, start, end),
                        expected,
                        "{bytes:?} from {start} to {end}"
                    );
                }
            }
        }
        // Every byte value right after a run of seven letters.
        for b in 0..=255u8 {
            let mut bytes = *b"abcdefgXabcdefgh";
            bytes[7] = b;
            let expected = if b.is_ascii_lowercase() { 16 } else { 7 };
            assert_eq!(lower_run_end(&bytes, 0, 16), expected, "byte {b:#x}");
        }
    }

    #[test]
    fn a_token_follows_a_boundary_after_white_space_or_markup() {
        let text =
            "**Fet** text *x*,a_b [länk]#1 ä\u{ad}b ord\u{a0}ord\u{2003}«ord» > 4 500|x\u{3000}y";
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let (tokens, _) = tokenize(text, start, true);
            for token in &tokens {
                // The definition: the character before is white space or markup.
                let expected = text[..token.start].chars().next_back().is_none_or(|c| {
                    c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>' | '|' | '`' | '[' | ']')
                });
                assert_eq!(
                    token.space_before,
                    expected,
                    "token at {} from {start}: {:?}",
                    token.start,
                    &text[token.start..token.end]
                );
            }
        }
    }

    #[test]
    fn a_lower_case_word_is_read_from_the_source() {
        let text = "patienterna Patienterna jäm\u{ad}ställdhet e-tjänst EU-medborgare 4 500 \
                    skr:s över ÖVER ωmega jäm- ställdhet «x», ä";
        let (tokens, norm) = tokenize(text, 0, true);
        let seen: Vec<(&str, bool)> = tokens
            .iter()
            .map(|k| (crate::document::token_norm(text, &norm, k), k.norm_is_text))
            .collect();
        assert_eq!(
            seen,
            [
                ("patienterna", true),
                ("patienterna", false),
                ("jämställdhet", false),
                ("e-tjänst", false),
                ("eu-medborgare", false),
                ("4500", false),
                ("skr:s", false),
                ("över", true),
                ("över", false),
                ("ωmega", false),
                ("jämställdhet", false),
                ("«", false),
                // A character outside ASCII after it: read on, and copied.
                ("x", false),
                ("»", false),
                (",", true),
                ("ä", true),
            ]
        );
        // Only what the source does not hold as it is gets copied.
        assert_eq!(
            norm,
            "patienternajämställdhete-tjänsteu-medborgare4500skr:söverωmegajämställdhet«x»"
        );
    }

    #[test]
    fn line_end_hyphens_join_except_before_och() {
        assert_eq!(
            norms("jäm-\nställdhet och fritidsgårds-\r\n  verksamhet", true),
            ["jämställdhet", "och", "fritidsgårdsverksamhet"]
        );
        assert_eq!(
            norms("Barn-\noch ungdom", true),
            ["barn", "-", "och", "ungdom"]
        );
        assert_eq!(norms("jäm-\nställdhet", false), ["jäm", "-", "ställdhet"]);
        assert_eq!(
            norms("Barn- och utbildning", true),
            ["barn", "-", "och", "utbildning"]
        );
    }
}
