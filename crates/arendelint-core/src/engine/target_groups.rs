//! JAM003 `ungendered-target-group`: group words and *alla* about people in
//! sentences that name no sex.

use super::words::Facts;
use super::Finding;
use crate::config::SuggestionClass;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Ctx, Document, Scope, TokKind};
use crate::registry::Rule;
use crate::ruledata::RuleData;
use rustc_hash::FxHashSet as HashSet;

pub(crate) fn check(
    doc: &Document,
    data: &RuleData,
    facts: &Facts,
    scope: &Scope,
    counted: &HashSet<usize>,
    out: &mut Vec<Finding>,
) {
    for si in scope.sentences.clone() {
        let s = &doc.sentences[si];
        if s.ctx != Ctx::Body || facts.gendered[si] {
            continue;
        }
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let word = doc.token_norm(i);
            if doc.tokens[i].kind == TokKind::Word && word == "alla" {
                let next = i + 1;
                let in_sentence = next < s.tokens.end;
                if in_sentence {
                    if let Some(form) = facts.group(next) {
                        if !counted.contains(&next) {
                            out.push(finding(doc, data, i, next, form.class));
                        }
                        i = next + 1;
                        continue;
                    }
                }
                let about_people = !in_sentence || {
                    let t = &doc.tokens[next];
                    match t.kind {
                        TokKind::Word => data.alla_followers.contains(doc.norm(t)),
                        TokKind::Punct(c) => data.alla_marks.contains(&c),
                        _ => false,
                    }
                };
                if about_people {
                    out.push(finding(doc, data, i, i, SuggestionClass::Everyone));
                }
            } else if let Some(form) = facts.group(i) {
                if !counted.contains(&i) {
                    out.push(finding(doc, data, i, i, form.class));
                }
            }
            i += 1;
        }
    }
}

fn finding(
    doc: &Document,
    data: &RuleData,
    first: usize,
    last: usize,
    class: SuggestionClass,
) -> Finding {
    let span = doc.tokens[first].start..doc.tokens[last].end;
    let word = super::collapse_ws(&doc.text[span.clone()]);
    let suggestion = data.suggestion(class);
    // "patienterna (kvinnor och män)": the sentence becomes gendered, so the
    // rule no longer fires, and the original wording is kept.
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
    }
}
