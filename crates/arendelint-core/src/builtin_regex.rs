//! Patterns of the built-in rule data, compiled once per process.

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

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
}
