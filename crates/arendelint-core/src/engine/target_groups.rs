//! JAM003 `ungendered-target-group`: group words and *alla* about people in
//! sentences that name no sex, one finding per group and section (§6.17).
//!
//! The scan yields the mentions in document order; [`group`] turns them into
//! findings once suppressions are known, since a suppressed mention takes no part.

use super::age;
use super::words::Facts;
use super::Finding;
use crate::config::SuggestionClass;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Ctx, Document, Scope, TokKind};
use crate::registry::Rule;
use crate::ruledata::{GroupForm, GroupId, RuleData};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// One place where a group is named.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub group: GroupId,
    /// The section (for §6.17) the mention stands in.
    pub region: usize,
    /// From `alla` (when present) to the group word.
    pub span: Range<usize>,
    /// The suggestion, with the sentence's age taken into account (§6.20).
    pub class: SuggestionClass,
    /// The suggestion for the group when it is said to be adult.
    pub adult_class: SuggestionClass,
    /// In a gendered sentence: ends the group's findings in its section.
    pub gendered: bool,
}

/// The mentions of one scope, in document order.
pub(crate) fn scan(
    doc: &Document,
    data: &RuleData,
    facts: &Facts,
    scope: &Scope,
    counted: &HashSet<usize>,
) -> Vec<Mention> {
    let boundaries = region_boundaries(doc, scope);
    let mut region = 0;
    let mut out = Vec::new();
    for si in scope.sentences.clone() {
        while boundaries.get(region).is_some_and(|&b| b <= si) {
            region += 1;
        }
        let s = &doc.sentences[si];
        if s.ctx != Ctx::Body {
            continue;
        }
        let gendered = facts.gendered[si];
        let first = out.len();
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let next = i + 1;
            let in_sentence = next < s.tokens.end;
            if doc.tokens[i].kind == TokKind::Word && doc.token_norm(i) == "alla" {
                if let Some(form) = facts.group(next).filter(|_| in_sentence) {
                    if !counted.contains(&next) {
                        out.push(mention(doc, i, next, form, region, gendered));
                    }
                    i = next + 1;
                    continue;
                }
                let about_people = !in_sentence || {
                    let t = &doc.tokens[next];
                    match t.kind {
                        TokKind::Word => data.alla_followers.contains(doc.norm(t)),
                        // The quick fix's own form, "alla (kvinnor och män, …)": a
                        // gendered mention that must end the group (§6.17), or
                        // fixing the first *alla* would not settle the rest.
                        TokKind::Punct('(') => gendered,
                        TokKind::Punct(c) => data.alla_marks.contains(&c),
                        _ => false,
                    }
                };
                if about_people {
                    out.push(Mention {
                        group: GroupId::ALLA,
                        region,
                        span: doc.tokens[i].start..doc.tokens[i].end,
                        class: SuggestionClass::Everyone,
                        adult_class: SuggestionClass::Adults,
                        gendered,
                    });
                }
            } else if let Some(form) = facts.group(i) {
                if !counted.contains(&i) {
                    out.push(mention(doc, i, i, form, region, gendered));
                }
            }
            i += 1;
        }
        if !gendered && out.len() > first {
            // The age the sentence gives its group decides the suggestion (§6.20).
            if let Some(said) = age::of_sentence(doc, data, s.tokens.clone()) {
                for m in &mut out[first..] {
                    m.class = age::adjust(m.class, m.adult_class, said);
                }
            }
        }
    }
    out
}

fn mention(
    doc: &Document,
    first: usize,
    last: usize,
    form: GroupForm,
    region: usize,
    gendered: bool,
) -> Mention {
    Mention {
        group: form.group,
        region,
        span: doc.tokens[first].start..doc.tokens[last].end,
        class: form.class,
        adult_class: form.adult_class,
        gendered,
    }
}

/// Sentence indices where a new section (§6.17) starts: at every heading, and
/// after a labelled paragraph, which is a section of its own.
fn region_boundaries(doc: &Document, scope: &Scope) -> Vec<usize> {
    let mut out: Vec<usize> = doc.headings[scope.headings.clone()]
        .iter()
        .flat_map(|h| std::iter::once(h.sentence).chain(h.label_end))
        .collect();
    out.sort_unstable();
    out
}

/// One finding per group and section: the first ungendered mention is the
/// finding, later ones are its related locations, and a gendered mention ends
/// the group's findings in that section. `suppressed` mentions take no part.
pub(crate) fn group(
    doc: &Document,
    data: &RuleData,
    mentions: Vec<Mention>,
    suppressed: impl Fn(&Range<usize>) -> bool,
    out: &mut Vec<Finding>,
) {
    #[derive(Clone, Copy)]
    enum State {
        Open(usize),
        Closed,
    }
    let mut region = usize::MAX;
    let mut states: HashMap<GroupId, State> = HashMap::default();
    for m in mentions {
        if m.region != region {
            region = m.region;
            states.clear();
        }
        if m.gendered {
            states.insert(m.group, State::Closed);
            continue;
        }
        if suppressed(&m.span) {
            continue;
        }
        match states.get(&m.group) {
            Some(State::Closed) => {}
            Some(&State::Open(index)) => {
                if let Some(f) = out.get_mut(index) {
                    f.related.push(m.span);
                }
            }
            None => {
                states.insert(m.group, State::Open(out.len()));
                out.push(finding(doc, data, m.span, m.class));
            }
        }
    }
    for f in out.iter_mut().filter(|f| !f.related.is_empty()) {
        let more = f.related.len().to_string();
        f.message.push(' ');
        f.message
            .push_str(&data.message("JAM003-more", &[("count", &more)]));
    }
}

fn finding(doc: &Document, data: &RuleData, span: Range<usize>, class: SuggestionClass) -> Finding {
    let word = super::collapse_ws(&doc.text[span.clone()]);
    let suggestion = data.suggestion(class);
    // "patienterna (kvinnor och män)": the sentence becomes gendered, so the
    // mention ends the group's findings in its section (§6.17) and the
    // original wording is kept.
    let fix = Fix {
        description: data.fix_text("JAM003", &[("suggestion", &suggestion)]),
        edits: vec![Edit::insert(span.end, format!(" ({suggestion})"))],
        applicability: Applicability::Safe,
    };
    Finding {
        rule: Rule::Jam003,
        message: data.message("JAM003", &[("word", &word), ("suggestion", &suggestion)]),
        span,
        fix: Some(fix),
        related: Vec::new(),
    }
}
