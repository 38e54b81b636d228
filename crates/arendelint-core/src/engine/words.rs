//! Word-level questions the rules share: gender terms and group words in context.

use crate::document::{Document, Sentence, TokKind};
use crate::ruledata::{GroupForm, RuleData};

/// Whether token `i` is a gender term in its context (§1, §6.7).
pub(crate) fn is_gender_token(doc: &Document, data: &RuleData, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.kind != TokKind::Word {
        return false;
    }
    let word = doc.norm(t);
    if !data.is_gender_word(word) {
        return false;
    }
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

/// A sentence is gendered when it contains a gender term.
pub(crate) fn is_gendered(doc: &Document, data: &RuleData, s: &Sentence) -> bool {
    s.tokens.clone().any(|i| is_gender_token(doc, data, i))
}

/// The group-word form of token `i`, if it is one (any form, also singular-like).
pub(crate) fn group_form(doc: &Document, data: &RuleData, i: usize) -> Option<GroupForm> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    data.group_forms.get(doc.norm(t)).copied()
}

/// The group-word form of token `i` when it names a group of people here: not a
/// singular after a singular determiner (§6.5) and not the first half of a
/// compound such as "Barn- och utbildningsnämnden" (§6.6).
pub(crate) fn plural_group(doc: &Document, data: &RuleData, i: usize) -> Option<GroupForm> {
    let form = group_form(doc, data, i)?;
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
    /// `plural_group` of each token.
    pub plural: Vec<Option<GroupForm>>,
    /// Whether each sentence is gendered.
    pub gendered: Vec<bool>,
}

impl Facts {
    pub fn compute(doc: &Document, data: &RuleData) -> Facts {
        let plural = (0..doc.tokens.len())
            .map(|i| plural_group(doc, data, i))
            .collect();
        let gendered = doc
            .sentences
            .iter()
            .map(|s| is_gendered(doc, data, s))
            .collect();
        Facts { plural, gendered }
    }

    /// `plural_group` of token `i` (`None` past the end).
    pub fn group(&self, i: usize) -> Option<GroupForm> {
        self.plural.get(i).copied().flatten()
    }
}
