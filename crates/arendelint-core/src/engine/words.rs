//! Word-level questions the rules share: gender terms and group words in context.

use crate::config::SuggestionClass;
use crate::document::{Document, TokKind};
use crate::ruledata::{GroupForm, GroupId, RuleData};

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
    /// Whether each sentence is gendered.
    pub gendered: Vec<bool>,
}

const PRESENT: u32 = 1 << 31;
const SINGULAR: u32 = 1 << 28;
/// While computing: the token is a gender term (cleared before use).
const GENDER: u32 = 1 << 29;
const GROUP_BITS: u32 = (1 << 24) - 1;

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
    /// gender term (a bit of the same entry while the sentences are judged).
    pub fn compute(doc: &Document, data: &RuleData) -> Facts {
        let mut plural: Vec<u32> = Vec::with_capacity(doc.tokens.len());
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.kind != TokKind::Word {
                plural.push(0);
                continue;
            }
            let word = doc.norm(t);
            // Most words are ruled out here, by the inlined byte filters.
            let mut v = match data.group_form(word) {
                Some(form) => pack(plural_group_at(doc, data, i, form)),
                None => 0,
            };
            if data.is_gender_word(word) && gender_in_context(doc, data, i, word) {
                v |= GENDER;
            }
            plural.push(v);
        }
        // A sentence is gendered when it contains a gender term.
        let gendered = doc
            .sentences
            .iter()
            .map(|s| {
                plural
                    .get(s.tokens.clone())
                    .is_some_and(|v| v.iter().any(|&v| v & GENDER != 0))
            })
            .collect();
        for v in &mut plural {
            *v &= !GENDER;
        }
        Facts { plural, gendered }
    }

    /// `plural_group` of token `i` (`None` past the end).
    pub fn group(&self, i: usize) -> Option<GroupForm> {
        self.plural.get(i).copied().and_then(unpack)
    }
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
}
