//! The small phrase language of the rule data (see rules/phrases.toml) and its matcher.
//!
//! Phrases match sequences of normalised (lower-cased) words and numbers.

/// One word position of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WordPat {
    Exact(String),
    /// The word and its inflected forms (delmål → delmålet, delmålen).
    Inflected(String),
    Prefix(String),
    Gender,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Any(Vec<WordPat>),
    /// Up to N arbitrary words.
    Gap(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub source: String,
    pub steps: Vec<Step>,
    /// The first bytes a word can start with to match the first step (a bit
    /// per byte; all set when any word may match): most start positions are
    /// ruled out without trying the phrase.
    first: [u64; 4],
}

/// The bit of byte `b` in a `[u64; 4]` byte set.
fn has_byte(set: &[u64; 4], b: u8) -> bool {
    set[(b >> 6) as usize] & (1 << (b & 63)) != 0
}

/// Which first bytes of a word can match one of `alts` (also through a
/// hyphenated word's head, which starts with the same byte).
fn first_bytes(alts: &[WordPat]) -> [u64; 4] {
    let mut set = [0u64; 4];
    for alt in alts {
        let lead = match alt {
            WordPat::Exact(w) | WordPat::Inflected(w) | WordPat::Prefix(w) => w.as_bytes().first(),
            WordPat::Gender => None,
        };
        match lead {
            Some(&b) => set[(b >> 6) as usize] |= 1 << (b & 63),
            None => return [u64::MAX; 4],
        }
    }
    set
}

/// Endings that make an inflected form of a listed word (nouns, adjectives, verbs).
const INFLECTIONS: &[&str] = &[
    "", "s", "n", "en", "et", "na", "er", "ar", "or", "erna", "arna", "orna", "ens", "ets",
    "ernas", "arnas", "ornas", "ers", "ars", "ors", "e", "a", "t", "as", "es", "ns", "nas", "ade",
    "at",
];

impl WordPat {
    fn matches(&self, word: &str, is_gender: &dyn Fn(&str) -> bool) -> bool {
        match self {
            WordPat::Exact(w) => word == w,
            WordPat::Prefix(p) => word.starts_with(p.as_str()),
            WordPat::Inflected(w) => word
                .strip_prefix(w.as_str())
                .is_some_and(|rest| INFLECTIONS.contains(&rest)),
            WordPat::Gender => is_gender(word),
        }
    }
}

/// Why a phrase could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhraseError(pub String);

impl Phrase {
    /// Parses a phrase; `inflect` makes plain words also match their inflected forms.
    pub fn parse(source: &str, inflect: bool) -> Result<Phrase, PhraseError> {
        let mut steps = Vec::new();
        for token in source.split_whitespace() {
            if let Some(n) = token.strip_prefix('~') {
                let n: usize = n
                    .parse()
                    .map_err(|_| PhraseError(format!("`{token}`: a gap is ~N with N a number")))?;
                steps.push(Step::Gap(n));
                continue;
            }
            let mut alts = Vec::new();
            for alt in token.split('|') {
                let alt = alt.to_lowercase();
                if alt.is_empty() {
                    return Err(PhraseError(format!("`{token}`: empty alternative")));
                }
                let pat = if alt == "{gender}" {
                    WordPat::Gender
                } else if let Some(p) = alt.strip_suffix('*') {
                    if p.is_empty() || p.contains('*') {
                        return Err(PhraseError(format!("`{token}`: `*` ends a word prefix")));
                    }
                    WordPat::Prefix(p.to_string())
                } else if alt.contains(['*', '{', '}', '~']) {
                    return Err(PhraseError(format!("`{token}`: unexpected character")));
                } else if inflect
                    && alt.chars().count() >= 3
                    && alt.chars().all(char::is_alphabetic)
                {
                    WordPat::Inflected(alt)
                } else {
                    WordPat::Exact(alt)
                };
                alts.push(pat);
            }
            steps.push(Step::Any(alts));
        }
        match (steps.first(), steps.last()) {
            (Some(Step::Any(alts)), Some(Step::Any(_))) => Ok(Phrase {
                source: source.to_string(),
                first: first_bytes(alts),
                steps,
            }),
            (None, _) => Err(PhraseError("empty phrase".into())),
            _ => Err(PhraseError(format!(
                "`{source}`: a phrase cannot start or end with a gap"
            ))),
        }
    }

    /// Whether the phrase matches `words` starting at index `at`; returns the end index.
    pub fn match_at(
        &self,
        words: &[&str],
        at: usize,
        is_gender: &dyn Fn(&str) -> bool,
    ) -> Option<usize> {
        // A word that cannot match the first step ends the match at once (an
        // empty word or a position past the end is left to the full match).
        if let Some(&b) = words.get(at).and_then(|w| w.as_bytes().first()) {
            if !has_byte(&self.first, b) {
                return None;
            }
        }
        self.match_steps(&self.steps, words, at, is_gender)
    }

    fn match_steps(
        &self,
        steps: &[Step],
        words: &[&str],
        at: usize,
        is_gender: &dyn Fn(&str) -> bool,
    ) -> Option<usize> {
        let Some((first, rest)) = steps.split_first() else {
            return Some(at);
        };
        match first {
            Step::Gap(n) => (0..=*n).find_map(|skip| {
                if at + skip > words.len() {
                    None
                } else {
                    self.match_steps(rest, words, at + skip, is_gender)
                }
            }),
            Step::Any(alts) => {
                let word = words.get(at)?;
                let single = steps.len() == 1 && self.steps.len() == 1;
                let hit = alts.iter().any(|p| p.matches(word, is_gender))
                    || (single
                        && word.contains('-')
                        && word
                            .split('-')
                            .next()
                            .is_some_and(|head| alts.iter().any(|p| p.matches(head, is_gender))));
                if hit {
                    self.match_steps(rest, words, at + 1, is_gender)
                } else {
                    None
                }
            }
        }
    }
}

/// A list of phrases; matches when any phrase matches anywhere.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseList {
    pub phrases: Vec<Phrase>,
}

impl PhraseList {
    pub fn parse<'a>(
        sources: impl IntoIterator<Item = &'a String>,
        inflect: bool,
    ) -> Result<PhraseList, PhraseError> {
        let phrases = sources
            .into_iter()
            .map(|s| Phrase::parse(s, inflect))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PhraseList { phrases })
    }

    /// The first match in `words`: (start, end) word indices.
    pub fn find(&self, words: &[&str], is_gender: &dyn Fn(&str) -> bool) -> Option<(usize, usize)> {
        (0..words.len()).find_map(|i| {
            self.phrases
                .iter()
                .find_map(|p| p.match_at(words, i, is_gender).map(|end| (i, end)))
        })
    }

    /// Whether a phrase matches at `at`.
    pub fn matches_at(
        &self,
        words: &[&str],
        at: usize,
        is_gender: &dyn Fn(&str) -> bool,
    ) -> Option<usize> {
        self.phrases
            .iter()
            .find_map(|p| p.match_at(words, at, is_gender))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_gender(_: &str) -> bool {
        false
    }

    #[test]
    fn prefix_inflection_alternatives_and_hyphen_heads() {
        let list = PhraseList::parse(
            &[
                "delmål".to_string(),
                "åtgärd*".to_string(),
                "högre|lägre andel|andelen".to_string(),
                "cemr".to_string(),
            ],
            true,
        )
        .unwrap();
        let hit = |s: &str| {
            let words: Vec<&str> = s.split(' ').collect();
            list.find(&words, &no_gender).is_some()
        };
        assert!(hit("enligt delmålet om hälsa"));
        assert!(hit("två åtgärder föreslås"));
        assert!(hit("en lägre andelen"));
        assert!(hit("cemr-deklarationen gäller"));
        assert!(!hit("målet delmålsvis"));
        assert!(!hit("en högre nivå"));
    }

    #[test]
    fn gaps_and_gender() {
        let p = Phrase::parse("{gender} ~3 fler än", false).unwrap();
        let g = |w: &str| w == "kvinnor";
        let words: Vec<&str> = "kvinnor är i dag fler än".split(' ').collect();
        assert_eq!(p.match_at(&words, 0, &g), Some(6));
        let words: Vec<&str> = "kvinnor är i dag mycket fler än".split(' ').collect();
        assert_eq!(p.match_at(&words, 0, &g), None);
    }

    #[test]
    fn bad_phrases_are_errors() {
        for bad in ["", "~2 ord", "ord ~x", "a**", "|b", "*"] {
            assert!(Phrase::parse(bad, false).is_err(), "{bad}");
        }
    }
}
