//! Patterns of the built-in rule data, compiled once per process.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

/// A built-in pattern compiled in parts as text needs them (each through
/// [`builtin_regex`]): compiling Unicode classes such as `\p{Lu}{2,8}` costs
/// more than all the rest of building a linter, and most text never needs
/// them. ASCII text is searched with the pattern's ASCII form (see
/// [`ascii_class`]), which finds the same matches; other text first with a
/// quick test that matches wherever the full pattern does (so that its
/// finding nothing settles it), then with the full pattern. The syntax is
/// checked at once, so a bad pattern in the rule data is still an error when
/// the data is read.
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    pattern: String,
    case_insensitive: bool,
    hir: Hir,
    needs_ascii_digit: bool,
    ascii: OnceLock<Option<Regex>>,
    first_test: OnceLock<Option<Regex>>,
    full: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// The error is the parser's message.
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<LazyRegex, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(LazyRegex {
            pattern: pattern.to_string(),
            case_insensitive,
            needs_ascii_digit: needs_ascii_digit(&hir),
            hir,
            ascii: OnceLock::new(),
            first_test: OnceLock::new(),
            full: OnceLock::new(),
        })
    }

    /// The compiled pattern to search `haystack` with: the ASCII form for
    /// ASCII text, `None` when the quick test finds nothing (then neither
    /// does the full pattern), else the full pattern. `None` also when a
    /// pattern of good syntax cannot be compiled (a size limit; the tests
    /// compile every built-in one).
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if haystack.is_ascii() {
            return self.ascii().or_else(|| self.full());
        }
        if self
            .first_test()
            .is_some_and(|test| !test.is_match(haystack))
        {
            return None;
        }
        self.full()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack)
            .is_some_and(|re| re.is_match(haystack))
    }

    /// Whether every match holds an ASCII digit (then text without one
    /// need not be searched).
    pub fn needs_ascii_digit(&self) -> bool {
        self.needs_ascii_digit
    }

    /// The full pattern, compiled on first use.
    pub fn full(&self) -> Option<&Regex> {
        self.full
            .get_or_init(|| builtin_regex(&self.pattern, self.case_insensitive).ok())
            .as_ref()
    }

    fn ascii(&self) -> Option<&Regex> {
        self.ascii
            .get_or_init(|| compile_hir(&rewrite(&self.hir, &ascii_class)))
            .as_ref()
    }

    fn first_test(&self) -> Option<&Regex> {
        self.first_test
            .get_or_init(|| {
                let ascii = rewrite(&self.hir, &ascii_class);
                compile_hir(&rewrite(&ascii, &no_unicode_word_look))
            })
            .as_ref()
    }
}

/// Whether every match of `hir` holds an ASCII digit: a literal with one, a
/// class of digits only, or a part that every match goes through with one
/// (`(?:19|20)\d{2}`).
fn needs_ascii_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| r.start() >= '0' && r.end() <= '9')
        }
        HirKind::Class(Class::Bytes(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| r.start() >= b'0' && r.end() <= b'9')
        }
        HirKind::Repetition(rep) => rep.min > 0 && needs_ascii_digit(&rep.sub),
        HirKind::Capture(cap) => needs_ascii_digit(&cap.sub),
        HirKind::Concat(subs) => subs.iter().any(needs_ascii_digit),
        HirKind::Alternation(subs) => subs.iter().all(needs_ascii_digit),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// Compiles a pattern given as syntax (its case already folded into classes).
fn compile_hir(hir: &Hir) -> Option<Regex> {
    builtin_regex(&hir.to_string(), false).ok()
}

/// `hir` with every part that `leaf` gives a replacement for replaced.
fn rewrite(hir: &Hir, leaf: &dyn Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(replaced) = leaf(hir) {
        return replaced;
    }
    match hir.kind() {
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(rewrite(&rep.sub, leaf)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(rewrite(&cap.sub, leaf)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| rewrite(h, leaf)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| rewrite(h, leaf)).collect())
        }
        _ => hir.clone(),
    }
}

/// A class that holds non-ASCII characters, cut to its ASCII part plus all
/// non-ASCII characters. In ASCII text only the ASCII parts can match, so
/// the matches are the same; in any text the classes only grew, so wherever
/// the pattern matches this form matches too. Such classes are a few ranges
/// each, quick to compile.
fn ascii_class(hir: &Hir) -> Option<Hir> {
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return None;
    };
    let mut cut = class.clone();
    cut.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
    if cut != *class {
        cut.union(&ClassUnicode::new([ClassUnicodeRange::new(
            '\u{80}',
            char::MAX,
        )]));
    }
    Some(Hir::class(Class::Unicode(cut)))
}

/// A Unicode word boundary, dropped: the pattern then matches more, never
/// less, and the fast search (a lazy DFA) need not give up at the first
/// non-ASCII byte as it does for such a boundary.
fn no_unicode_word_look(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => Some(Hir::empty()),
        _ => None,
    }
}

/// A pattern of the built-in rule data, compiled once per process and shared
/// by every linter: the built-in data is the same for all of them, and
/// compiling its expressions was most of what building a linter cost (a
/// language server builds one per configuration, a fuzzer one per input).
/// Only built-in patterns come here, never an organisation's, so the cache
/// holds a small fixed set. (A `Regex` clone shares the compiled program.)
pub(crate) fn builtin_regex(pattern: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    type Compiled = Mutex<HashMap<(String, bool), Regex>>;
    static CACHE: OnceLock<Compiled> = OnceLock::new();
    let cache = CACHE.get_or_init(Compiled::default);
    let key = (pattern.to_string(), case_insensitive);
    // A panic while the lock was held leaves a map that is still valid.
    if let Some(re) = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&key)
    {
        return Ok(re.clone());
    }
    let re = RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .build()?;
    cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(key, re.clone());
    Ok(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_compiled_once_and_errors_are_not_kept() {
        let first = builtin_regex(r"^§\s*\d+", true).map(|r| r.as_str().to_string());
        assert_eq!(first.as_deref(), Ok(r"^§\s*\d+"));
        let a = builtin_regex("x+y", false).ok();
        let b = builtin_regex("x+y", false).ok();
        assert!(a
            .zip(b)
            .is_some_and(|(a, b)| a.is_match("xxy") && b.is_match("xy")));
        // Case sensitivity is part of the key.
        assert_eq!(
            builtin_regex("ABC", false).map(|r| r.is_match("abc")).ok(),
            Some(false)
        );
        assert_eq!(
            builtin_regex("ABC", true).map(|r| r.is_match("abc")).ok(),
            Some(true)
        );
        assert!(builtin_regex("(", false).is_err());
        assert!(builtin_regex("(", false).is_err());
    }

    #[test]
    fn the_quick_forms_of_a_pattern() {
        let form = |p: &str, ci: bool| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(ci)
                .build()
                .parse(p)
                .map(|hir| rewrite(&hir, &ascii_class).to_string())
                .ok()
        };
        // An ASCII class stays; one with other characters gets all of them.
        assert_eq!(form("[a-c]x", false).as_deref(), Some("(?:[a-c]x)"));
        assert_eq!(
            form(r"^\p{Lu}{2,8}", false).as_deref(),
            Some("(?:\\A[A-Z\u{80}-\u{10FFFF}]{2,8})")
        );
        // Case folded first: `k` is also the Kelvin sign.
        assert_eq!(
            form("kå|d", true).as_deref(),
            Some("(?:(?:[Kk\u{80}-\u{10FFFF}][\u{80}-\u{10FFFF}])|[Dd])")
        );
        // The first test for other text: Unicode word boundaries dropped, others kept.
        let first_test = regex_syntax::parse(r"\bKS(?-u:\b)\B")
            .map(|hir| rewrite(&hir, &no_unicode_word_look).to_string())
            .ok();
        assert_eq!(first_test.as_deref(), Some("(?:(?:KS)(?-u:\\b))"));
    }

    #[test]
    fn patterns_that_need_an_ascii_digit() {
        let needs = |p: &str| LazyRegex::new(p, true).map(|l| l.needs_ascii_digit()).ok();
        for (pattern, expected) in [
            (r"\b\p{Lu}{2,8}[ -]?(?:19|20)\d{2}[/-]\d+\b", true),
            ("[0-9]+", true),
            ("a7", true),
            ("(?:x|2)3?", false),
            ("x|2", false),
            (r"\d", false),
            ("[0-9]*", false),
            ("(?-u:[0-9])", true),
            ("(a)(1)", true),
            (r"\b", false),
            ("", false),
            ("[0-9a]", false),
        ] {
            assert_eq!(needs(pattern), Some(expected), "{pattern}");
        }
    }

    #[test]
    fn a_lazy_pattern_finds_what_the_full_one_finds() {
        let patterns = [
            (r"^\p{Lu}\p{L}{0,4}$", false),
            (
                r"\b\p{Lu}{2,8}[ -]?(?:19|20)\d{2}[/-]\d+(?:[-/.:]\d+)*\b",
                false,
            ),
            (r"\b(?:vårt\s+dnr|dnr)\b\.?\s*:?\s*", true),
        ];
        let haystacks = [
            "Ks",
            "Östra",
            "ks",
            "Sexbokstav",
            "KS",
            "ÅÄÖ",
            "",
            "Dnr KS 2023/12",
            "dnr RÄN-2018-0082 och XX2005/0485-83",
            "Vårt DNR: 12",
            "Ärende om budget 2024",
            "vårt  dnr",
            "KS٢٠٢٣/12",
            "K\u{212A}S 2023/1",
        ];
        for (pattern, ci) in patterns {
            let lazy = LazyRegex::new(pattern, ci).ok();
            let full = RegexBuilder::new(pattern).case_insensitive(ci).build().ok();
            assert!(lazy.is_some() && full.is_some(), "{pattern}");
            let (Some(lazy), Some(full)) = (lazy, full) else {
                continue;
            };
            for h in haystacks {
                let found: Vec<_> = lazy
                    .for_haystack(h)
                    .into_iter()
                    .flat_map(|re| re.find_iter(h).map(|m| m.range()))
                    .collect();
                let expected: Vec<_> = full.find_iter(h).map(|m| m.range()).collect();
                assert_eq!(found, expected, "{pattern} in {h:?}");
                assert_eq!(lazy.is_match(h), full.is_match(h), "{pattern} in {h:?}");
            }
        }
    }

    #[test]
    fn a_lazy_pattern_is_checked_at_once_and_compiled_when_needed() {
        assert!(LazyRegex::new("(", false).is_err());
        assert!(LazyRegex::new(r"\p{NoSuchClass}", false).is_err());
        let lazy = LazyRegex::new(r"^\p{Lu}\p{L}{0,4}$", false).ok();
        // ASCII text and text that the ASCII form rules out need no full pattern.
        assert!(lazy.as_ref().is_some_and(|l| l.ascii.get().is_none()
            && l.is_match("Ks")
            && !l.is_match("ks")
            && l.first_test.get().is_none()
            && !l.is_match("kö")
            && l.ascii.get().is_some()
            && l.first_test.get().is_some()
            && l.full.get().is_none()));
        assert!(lazy.as_ref().is_some_and(|l| l.is_match("Östra")
            && !l.is_match("Ösxxxx")
            && l.full.get().is_some()));
        assert_eq!(
            lazy.as_ref().and_then(|l| l.full()).map(Regex::as_str),
            Some(r"^\p{Lu}\p{L}{0,4}$")
        );
        let insensitive = LazyRegex::new("abc", true).ok();
        assert!(insensitive.is_some_and(|l| l.is_match("ABC")));
    }
}
