//! JAM003 `ungendered-target-group`: group words and *alla* about people in
//! sentences that name no sex, one finding per group and section (§6.17).
//!
//! Mentions are grouped as they are found, so memory holds the findings and
//! their related locations (at most [`MAX_RELATED`](crate::engine::MAX_RELATED) each), never every mention.

use super::{Context, RuleDef};
use crate::config::SuggestionClass;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Ctx, Document, Scope, TokKind};
use crate::engine::age;
use crate::engine::figures::TokenSet;
use crate::engine::words::Facts;
use crate::engine::{Budget, Finding, MAX_RELATED};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::ruledata::{GroupForm, GroupId, RuleData};
use crate::severity::Severity;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam003,
        "JAM003",
        "ungendered-target-group",
        Some(Severity::Warning),
        Level::Span,
    ),
    summary: [
        "En målgrupp beskrivs med ett könsneutralt ord (patienterna, invånarna, alla) i en mening som inte nämner kön.",
        "A target group is named with a gender-neutral word (patienterna, invånarna, alla) in a sentence that does not mention sex.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM003.md"),
        include_str!("../../../../../rules/explanations/en/JAM003.md"),
    ],
    messages: &[UNGENDERED, MORE],
    check: Some(check),
};

/// `[JAM003]` in rules/messages.toml: the group word and its suggestion.
pub(crate) const UNGENDERED: MessageKey = MessageKey("JAM003");
/// `[JAM003-more]` in rules/messages.toml: appended when the group is named again later in the section.
pub(crate) const MORE: MessageKey = MessageKey("JAM003-more");

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

/// Checks one scope: finds the mentions sentence by sentence and groups them
/// as it goes (§6.17), so that only findings are kept, not every mention.
fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let (doc, data, facts, scope) = (cx.doc, cx.data, cx.facts, cx.scope);
    let counted = &cx.figures().counted;
    let boundaries = region_boundaries(doc, scope);
    let mut region = 0;
    let mut groups = Grouper::new(out.len());
    let mut sentence_mentions = Vec::new();
    for si in scope.sentences.clone() {
        while boundaries.get(region).is_some_and(|&b| b <= si) {
            region += 1;
        }
        let s = &doc.sentences[si];
        // Only group words and *alla* make mentions.
        if s.ctx != Ctx::Body || !facts.sentence_has_group_or_alla(si) {
            continue;
        }
        sentence_mentions.clear();
        mentions_in(
            doc,
            data,
            facts,
            si,
            region,
            counted,
            &mut sentence_mentions,
        );
        if sentence_mentions.is_empty() {
            continue;
        }
        if !facts.gendered[si] {
            // The age the sentence gives its group decides the suggestion (§6.20).
            if let Some(said) = age::of_sentence(doc, data, s.tokens.clone()) {
                for m in &mut sentence_mentions {
                    m.class = age::adjust(m.class, m.adult_class, said);
                }
            }
        }
        for m in sentence_mentions.drain(..) {
            groups.add(doc, data, m, budget, out);
        }
    }
    groups.finish(data, out);
}

/// The mentions of sentence `si`, in order.
fn mentions_in(
    doc: &Document,
    data: &RuleData,
    facts: &Facts,
    si: usize,
    region: usize,
    counted: &TokenSet,
    out: &mut Vec<Mention>,
) {
    let s = &doc.sentences[si];
    let gendered = facts.gendered[si];
    // Tokens before this one were read already (the group word after *alla*).
    let mut skip_to = s.tokens.start;
    for i in facts.group_or_alla(s.tokens.clone()) {
        if i < skip_to {
            continue;
        }
        let next = i + 1;
        let in_sentence = next < s.tokens.end;
        if facts.is_alla(i) {
            if let Some(form) = facts.group(next).filter(|_| in_sentence) {
                if !counted.contains(next) {
                    out.push(mention(doc, i, next, form, region, gendered));
                }
                skip_to = next + 1;
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
            if !counted.contains(i) {
                out.push(mention(doc, i, i, form, region, gendered));
            }
        }
    }
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

/// Where a group stands in the current section.
#[derive(Clone, Copy)]
enum State {
    /// Its finding is `out[index]`.
    Open(usize),
    /// A gendered mention ended its findings here.
    Closed,
    /// Its finding was over the cap: later mentions are not counted again.
    Dropped,
}

/// One finding per group and section: the first ungendered mention is the
/// finding, later ones are its related locations, and a gendered mention ends
/// the group's findings in that section. Suppressed mentions take no part.
struct Grouper {
    region: usize,
    states: HashMap<GroupId, State>,
    /// The first finding of this scope in `out`.
    first: usize,
    /// Related mentions per finding (from `first` on), also those not listed.
    related_total: Vec<usize>,
}

impl Grouper {
    fn new(first: usize) -> Grouper {
        Grouper {
            region: usize::MAX,
            states: HashMap::default(),
            first,
            related_total: Vec::new(),
        }
    }

    fn add(
        &mut self,
        doc: &Document,
        data: &RuleData,
        m: Mention,
        budget: &mut Budget,
        out: &mut Vec<Finding>,
    ) {
        if m.region != self.region {
            self.region = m.region;
            self.states.clear();
        }
        if m.gendered {
            self.states.insert(m.group, State::Closed);
            return;
        }
        if !budget.wanted(Rule::Jam003, &m.span) {
            return;
        }
        match self.states.get(&m.group) {
            Some(State::Closed | State::Dropped) => {}
            Some(&State::Open(index)) => {
                if let Some(f) = out.get_mut(index) {
                    if f.related.len() < MAX_RELATED {
                        f.related.push(m.span);
                    }
                }
                if let Some(total) = self.related_total.get_mut(index - self.first) {
                    *total += 1;
                }
            }
            None => {
                if budget.admit(Rule::Jam003, &m.span) {
                    self.states.insert(m.group, State::Open(out.len()));
                    // Findings of other rules may sit between: keep the count aligned.
                    self.related_total.resize(out.len() - self.first, 0);
                    out.push(finding(doc, data, m.span, m.class));
                    self.related_total.push(0);
                } else {
                    self.states.insert(m.group, State::Dropped);
                }
            }
        }
    }

    /// Tells each finding's message how often its group came back.
    fn finish(&self, data: &RuleData, out: &mut [Finding]) {
        for (n, &total) in self.related_total.iter().enumerate() {
            let Some(f) = out.get_mut(self.first + n) else {
                continue;
            };
            if total > 0 && f.rule == Rule::Jam003 {
                let more = total.to_string();
                f.message.push(' ');
                f.message.push_str(&data.message(MORE, &[("count", &more)]));
            }
        }
    }
}

/// `" (text)"`, built directly: `format!` costs several times as much, once
/// per finding.
fn parenthesized(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
    out.push_str(" (");
    out.push_str(text);
    out.push(')');
    out
}

fn finding(doc: &Document, data: &RuleData, span: Range<usize>, class: SuggestionClass) -> Finding {
    let word = crate::engine::collapsed(&doc.text[span.clone()]);
    let suggestion = data.suggestion(class);
    // "patienterna (kvinnor och män)": the sentence becomes gendered, so the
    // mention ends the group's findings in its section (§6.17) and the
    // original wording is kept.
    let fix = Fix::new(
        data.fix_text(UNGENDERED, &[("suggestion", suggestion)]),
        vec![Edit::insert(span.end, parenthesized(suggestion))],
        Applicability::Safe,
    );
    Finding {
        rule: Rule::Jam003,
        message: data.message(UNGENDERED, &[("word", &word), ("suggestion", suggestion)]),
        span,
        fix: Some(fix),
        related: Vec::new(),
    }
}
