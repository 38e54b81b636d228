//! Word-level questions the rules share: gender terms and group words in context.

use crate::config::SuggestionClass;
use crate::document::{Document, TokKind};
use crate::ruledata::{GroupForm, GroupId, RuleData};
use std::ops::Range;

/// Whether token `i` is a gender term in its context (§1, §6.7).
pub(crate) fn is_gender_token(doc: &Document, data: &RuleData, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.kind != TokKind::Word {
        return false;
    }
    let word = doc.norm(t);
    data.is_gender_word(word) && gender_in_context(doc, data, i, word)
}

/// Whether gender term `word`, the normalised text of token `i`, is one there
/// (not "i kön", "kön till", §6.7).
fn gender_in_context(doc: &Document, data: &RuleData, i: usize, word: &str) -> bool {
    let prev = i.checked_sub(1).map(|p| doc.token_norm(p)).unwrap_or("");
    if word == "kön" {
        let next = doc.token_norm(i + 1);
        if data.queue_before.contains(prev) || data.queue_after.contains(next) {
            return false;
        }
    }
    if let Some(blockers) = data.gender_not_after.get(word) {
        if blockers.iter().any(|b| b == prev) {
            return false;
        }
    }
    true
}

/// The group-word form of token `i`, if it is one (any form, also singular-like).
pub(crate) fn group_form(doc: &Document, data: &RuleData, i: usize) -> Option<GroupForm> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    data.group_form(doc.norm(t))
}

/// The group-word form `form` of word token `i` when it names a group of
/// people here: not a singular after a singular determiner (§6.5)
/// and not the first half of a compound such as "Barn- och
/// utbildningsnämnden" (§6.6).
fn plural_group_at(
    doc: &Document,
    data: &RuleData,
    i: usize,
    form: GroupForm,
) -> Option<GroupForm> {
    if form.singular_like && i > 0 {
        let prev = &doc.tokens[i - 1];
        if prev.kind == TokKind::Word && data.singular_determiners.contains(doc.norm(prev)) {
            return None;
        }
    }
    if is_compound_half(doc, data, i) {
        return None;
    }
    Some(form)
}

/// "Barn-" before "och/eller/samt".
fn is_compound_half(doc: &Document, data: &RuleData, i: usize) -> bool {
    let (Some(t), Some(hyphen)) = (doc.tokens.get(i), doc.tokens.get(i + 1)) else {
        return false;
    };
    hyphen.kind == TokKind::Punct('-')
        && hyphen.start == t.end
        && data.compound_joiners.contains(doc.token_norm(i + 2))
}

/// Per-token and per-sentence facts, computed once per document so that the
/// rules do not look the same words up again.
pub(crate) struct Facts {
    /// `plural_group` of each token, packed into 4 bytes (0: none): a dense
    /// document has tens of millions of tokens, and this is per token.
    plural: Vec<u32>,
    /// The tokens that are group words or *alla*, in order: where JAM003 and
    /// the figures look, without reading the other tokens again.
    group_or_alla: Vec<usize>,
    /// The number tokens, in order.
    numbers: Vec<usize>,
    /// For each sentence, its tokens' entries of `plural` or-ed together:
    /// which kinds of token it has at all.
    sentence_bits: Vec<u32>,
    /// Whether each sentence is gendered.
    pub gendered: Vec<bool>,
}

const PRESENT: u32 = 1 << 31;
const SINGULAR: u32 = 1 << 28;
/// The token is a gender term in its context.
const GENDER: u32 = 1 << 29;
/// The group id (ids are lexicon entries plus an organisation's words: far
/// below 2^23).
const GROUP_BITS: u32 = (1 << 23) - 1;
/// The token is a number (no other bit is set then).
const NUMBER: u32 = 1 << 23;
/// The token is the word *alla* (JAM003 reads it with the word after it).
const ALLA: u32 = 1 << 30;

fn class_bits(c: SuggestionClass) -> u32 {
    match c {
        SuggestionClass::Adults => 0,
        SuggestionClass::Children => 1,
        SuggestionClass::Everyone => 2,
        SuggestionClass::YoungAdults => 3,
    }
}

fn class_of(bits: u32) -> SuggestionClass {
    match bits & 3 {
        0 => SuggestionClass::Adults,
        1 => SuggestionClass::Children,
        2 => SuggestionClass::Everyone,
        _ => SuggestionClass::YoungAdults,
    }
}

/// A group form in 4 bytes. Group ids are lexicon entries plus an
/// organisation's words: far below 2^24.
fn pack(form: Option<GroupForm>) -> u32 {
    let Some(f) = form else {
        return 0;
    };
    PRESENT
        | (f.group.0 & GROUP_BITS)
        | class_bits(f.class) << 24
        | class_bits(f.adult_class) << 26
        | if f.singular_like { SINGULAR } else { 0 }
}

fn unpack(v: u32) -> Option<GroupForm> {
    (v & PRESENT != 0).then(|| GroupForm {
        class: class_of(v >> 24),
        adult_class: class_of(v >> 26),
        singular_like: v & SINGULAR != 0,
        group: GroupId(v & GROUP_BITS),
    })
}

impl Facts {
    /// One pass over the tokens: each word's group form and whether it is a
    /// gender term or *alla* (bits of the same entry), and which tokens are
    /// group words, *alla* or numbers; then what each sentence has.
    pub fn compute(doc: &Document, data: &RuleData) -> Facts {
        let mut plural: Vec<u32> = Vec::with_capacity(doc.tokens.len());
        let mut group_or_alla = Vec::new();
        let mut numbers = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            // A `match` on the kind: a comparison with `==` goes through the
            // derived `PartialEq` of the whole kind, character included.
            match t.kind {
                TokKind::Word => {}
                TokKind::Number => {
                    numbers.push(i);
                    plural.push(NUMBER);
                    continue;
                }
                TokKind::Punct(_) | TokKind::Opaque => {
                    plural.push(0);
                    continue;
                }
            }
            // Bytes first: most words are ruled out by one table look-up,
            // without the char-boundary checks of a `str` slice.
            let bytes = doc.norm_bytes(t);
            let mut v = 0;
            if data.may_be_group_or_gender(bytes) {
                let word = doc.norm(t);
                if let Some(form) = data.group_form(word) {
                    v = pack(plural_group_at(doc, data, i, form));
                }
                if data.is_gender_word(word) && gender_in_context(doc, data, i, word) {
                    v |= GENDER;
                }
            }
            if bytes == b"alla" {
                v |= ALLA;
            }
            if v & (PRESENT | ALLA) != 0 {
                group_or_alla.push(i);
            }
            plural.push(v);
        }
        let sentence_bits: Vec<u32> = doc
            .sentences
            .iter()
            .map(|s| {
                plural
                    .get(s.tokens.clone())
                    .map_or(0, |v| v.iter().fold(0, |all, &v| all | v))
            })
            .collect();
        // A sentence is gendered when it contains a gender term.
        let gendered = sentence_bits.iter().map(|&b| b & GENDER != 0).collect();
        Facts {
            plural,
            group_or_alla,
            numbers,
            sentence_bits,
            gendered,
        }
    }

    /// Whether sentence `si` has a group word.
    pub fn sentence_has_group(&self, si: usize) -> bool {
        self.sentence_bits
            .get(si)
            .is_some_and(|&b| b & PRESENT != 0)
    }

    /// Whether sentence `si` has a group word or *alla*.
    pub fn sentence_has_group_or_alla(&self, si: usize) -> bool {
        self.sentence_bits
            .get(si)
            .is_some_and(|&b| b & (PRESENT | ALLA) != 0)
    }

    /// Whether sentence `si` has a number.
    pub fn sentence_has_number(&self, si: usize) -> bool {
        self.sentence_bits.get(si).is_some_and(|&b| b & NUMBER != 0)
    }

    /// The number tokens of `range`, in order.
    pub fn numbers(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        within(&self.numbers, range)
    }

    /// `plural_group` of token `i` (`None` past the end).
    pub fn group(&self, i: usize) -> Option<GroupForm> {
        self.plural.get(i).copied().and_then(unpack)
    }

    /// Whether token `i` is the word *alla*.
    pub fn is_alla(&self, i: usize) -> bool {
        self.plural.get(i).is_some_and(|&v| v & ALLA != 0)
    }

    /// The tokens of `range` that are group words or *alla*, in order: the
    /// only tokens where JAM003 can find a mention, found without looking at
    /// the others' text.
    pub fn group_or_alla(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        within(&self.group_or_alla, range)
    }

    /// Whether `group(i)` is `Some`, without unpacking it.
    pub fn is_group(&self, i: usize) -> bool {
        self.plural.get(i).is_some_and(|&v| v & PRESENT != 0)
    }
}

/// The entries of the ascending list `sorted` that lie in `range`.
fn within(sorted: &[usize], range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let from = sorted.partition_point(|&i| i < range.start);
    sorted
        .get(from..)
        .unwrap_or_default()
        .iter()
        .copied()
        .take_while(move |&i| i < range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_forms_pack_into_four_bytes_and_back() {
        for class in [
            SuggestionClass::Adults,
            SuggestionClass::Children,
            SuggestionClass::Everyone,
            SuggestionClass::YoungAdults,
        ] {
            for singular_like in [false, true] {
                let form = GroupForm {
                    class,
                    adult_class: SuggestionClass::YoungAdults,
                    singular_like,
                    group: GroupId(12_345),
                };
                assert_eq!(unpack(pack(Some(form))), Some(form));
            }
        }
        assert_eq!(unpack(pack(None)), None);
    }

    #[test]
    fn numbers_are_listed_per_range() {
        let data = RuleData::build(&crate::config::Config::default()).expect("rule data");
        let text = "Av 12 patienter var 3 nöjda. Inga siffror. 2024 kom 5.";
        let doc = Document::parse(text, crate::source::SourceKind::Markdown, &data, false);
        let facts = Facts::compute(&doc, &data);
        let numbers: Vec<&str> = facts
            .numbers(0..doc.tokens.len())
            .map(|i| doc.token_norm(i))
            .collect();
        assert_eq!(numbers, ["12", "3", "2024", "5"]);
        assert_eq!(facts.numbers(2..4).count(), 0);
        assert!(facts.sentence_has_number(0) && facts.sentence_has_number(2));
        assert!(!facts.sentence_has_number(1) && facts.sentence_has_group(0));
        assert_eq!(within(&[1, 4, 9], 2..9).collect::<Vec<_>>(), [4]);
        assert_eq!(within(&[1, 4, 9], 0..10).collect::<Vec<_>>(), [1, 4, 9]);
        assert_eq!(within(&[], 0..10).count(), 0);
    }

    #[test]
    fn group_words_and_alla_are_listed_per_range() {
        let data = RuleData::build(&crate::config::Config::default()).expect("rule data");
        let text = "Alla patienter och alla elever. Kvinnor och män. Alla ska med, även invånarna.";
        let doc = Document::parse(text, crate::source::SourceKind::Markdown, &data, false);
        let facts = Facts::compute(&doc, &data);
        let norms = |range: Range<usize>| -> Vec<&str> {
            facts
                .group_or_alla(range)
                .map(|i| doc.token_norm(i))
                .collect()
        };
        let all = 0..doc.tokens.len();
        assert_eq!(
            norms(all.clone()),
            ["alla", "patienter", "alla", "elever", "alla", "invånarna"]
        );
        assert_eq!(norms(1..4), ["patienter", "alla"]);
        assert_eq!(norms(2..3), Vec::<&str>::new());
        assert_eq!(facts.gendered, [false, true, false]);
        assert!(facts.sentence_has_group(0) && !facts.sentence_has_group(1));
        assert!(facts.sentence_has_group_or_alla(2));
        assert!(!facts.sentence_has_group_or_alla(1) && !facts.sentence_has_number(0));
        assert!(!facts.sentence_has_group(3));
        for i in all {
            let alla = doc.token_norm(i) == "alla";
            assert_eq!(facts.is_alla(i), alla);
            assert_eq!(facts.is_group(i), facts.group(i).is_some());
            assert_eq!(
                facts.group_or_alla(i..i + 1).count(),
                usize::from(alla || facts.is_group(i))
            );
        }
    }
}
