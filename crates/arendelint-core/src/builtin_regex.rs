//! Patterns of the built-in rule data, compiled once per process.

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

/// A built-in pattern compiled on its first use (through [`builtin_regex`]):
/// a check often needs none of some patterns (the agenda's outside agenda
/// mode), and compiling Unicode classes such as `\p{L}{0,4}` cost more than
/// all the rest of building a linter. The syntax is checked at once, so that
/// a bad pattern in the rule data is still an error when the data is read.
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    pattern: String,
    case_insensitive: bool,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Checks the pattern's syntax (Unicode class names included) without
    /// compiling it.
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<LazyRegex, regex_syntax::Error> {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)?;
        Ok(LazyRegex {
            pattern: pattern.to_string(),
            case_insensitive,
            compiled: OnceLock::new(),
        })
    }

    /// The compiled pattern. `None` only when a pattern of good syntax still
    /// cannot be compiled (a size limit); the tests compile every built-in one.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| builtin_regex(&self.pattern, self.case_insensitive).ok())
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|re| re.is_match(text))
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
    fn a_lazy_pattern_is_checked_at_once_and_compiled_when_used() {
        assert!(LazyRegex::new("(", false).is_err());
        assert!(LazyRegex::new(r"\p{NoSuchClass}", false).is_err());
        let lazy = LazyRegex::new(r"^\p{Lu}\p{L}{0,4}$", false).ok();
        assert!(lazy.as_ref().is_some_and(|l| l.compiled.get().is_none()));
        assert!(lazy.as_ref().is_some_and(|l| l.is_match("Ks")
            && l.is_match("Östra")
            && !l.is_match("ks")
            && !l.is_match("Sexbokstav")));
        assert_eq!(
            lazy.as_ref().and_then(|l| l.get()).map(Regex::as_str),
            Some(r"^\p{Lu}\p{L}{0,4}$")
        );
        let insensitive = LazyRegex::new("abc", true).ok();
        assert!(insensitive.is_some_and(|l| l.is_match("ABC")));
    }
}
