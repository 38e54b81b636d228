//! JAM004 `non-disaggregated-statistics`: counts, shares, antal/andel phrases and
//! tables about people that are not split by sex (§2 JAM004, §6.3–§6.8). The
//! figures themselves are per-document facts (`engine/figures.rs`), shared with
//! JAM003, which leaves their counted nouns alone.

use super::{Context, RuleDef};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::{MessageKey, RuleData};
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam004,
        "JAM004",
        "non-disaggregated-statistics",
        Some(Severity::Warning),
        Level::Span,
    ),
    summary: [
        "Statistik om människor (antal, andel, tabell) är inte uppdelad på kön.",
        "Statistics about people (count, share, table) are not broken down by sex.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM004.md"),
        include_str!("../../../../../rules/explanations/en/JAM004.md"),
    ],
    messages: &[COUNT, SHARE, TABLE],
    check: Some(check),
};

/// `[JAM004-count]` in rules/messages.toml: a count or an antal/andel phrase.
pub(crate) const COUNT: MessageKey = MessageKey("JAM004-count");
/// `[JAM004-share]` in rules/messages.toml: a percentage in a sentence about people.
pub(crate) const SHARE: MessageKey = MessageKey("JAM004-share");
/// `[JAM004-table]` in rules/messages.toml: a table about people.
pub(crate) const TABLE: MessageKey = MessageKey("JAM004-table");
use crate::config::SuggestionClass;
use crate::document::{Ctx, Document, TokKind};
use crate::engine::figures::{FigureKind, FIGURE_REACH};
use crate::engine::words::{group_form, is_gender_token};
use crate::engine::{Budget, Finding};
use std::collections::BTreeMap;
use std::ops::Range;

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let (doc, data, facts, scope) = (cx.doc, cx.data, cx.facts, cx.scope);
    let figures = cx.figures();
    for si in scope.sentences.clone() {
        let s = &doc.sentences[si];
        // In a gendered sentence no figure fires (its counted nouns are still
        // not mentions of their group for JAM003: that is in the facts).
        if s.ctx != Ctx::Body || facts.gendered[si] {
            continue;
        }
        // Only a sentence with a group word and a number has figures.
        if !(facts.sentence_has_group(si) && facts.sentence_has_number(si)) {
            continue;
        }
        let candidates = figures.in_sentence(si);
        if candidates.is_empty() {
            continue;
        }
        let next = doc
            .sentences
            .get(si + 1)
            .filter(|_| si + 1 < scope.sentences.end);
        let broken_down = next.is_some_and(|next| {
            // Only the opening words matter: "Av dessa", "Varav", "Därav".
            facts.gendered[si + 1] && {
                let opening = next.tokens.start..next.tokens.end.min(next.tokens.start + 4);
                let (words, _) = doc.words_in(opening);
                data.breakdown_starts
                    .matches_at(&words, 0, &|w| data.is_gender_word(w))
                    .is_some()
            }
        });
        if broken_down {
            continue;
        }
        // One finding per problem: (c) wins over an (a) or (b) it overlaps (§6.3).
        let mut found: Vec<_> = candidates.iter().collect();
        found.sort_by_key(|c| (c.priority, c.span.start));
        // Kept spans never overlap, so only the one starting last before a new
        // span's end can overlap it.
        let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
        for c in found {
            let span = c.span.clone();
            let overlaps = kept
                .range(..span.end)
                .next_back()
                .is_some_and(|(_, &end)| span.start < end);
            if overlaps || followed_by_breakdown(doc, data, span.end, s.tokens.clone()) {
                continue;
            }
            kept.insert(span.start, span.end);
            if budget.admit(Rule::Jam004, &span) {
                let key = match c.kind {
                    FigureKind::Count => COUNT,
                    FigureKind::Share => SHARE,
                };
                out.push(count_finding(doc, data, span, c.class, key));
            }
        }
    }
    for table in doc
        .tables
        .iter()
        .filter(|t| scope.bytes.contains(&t.header_span.start))
    {
        if !budget.wanted(Rule::Jam004, &table.header_span) {
            continue;
        }
        if let Some(f) = table_finding(doc, data, table) {
            if budget.admit(Rule::Jam004, &f.span) {
                out.push(f);
            }
        }
    }
}

/// "312 patienter (180 kvinnor och 132 män)": a gendered parenthesis right after the figure.
fn followed_by_breakdown(doc: &Document, data: &RuleData, end: usize, range: Range<usize>) -> bool {
    let open = range.start + doc.tokens[range.clone()].partition_point(|t| t.start < end);
    if open >= range.end {
        return false;
    }
    let range_end = range.end;
    if doc.tokens[open].kind != TokKind::Punct('(') {
        return false;
    }
    // A breakdown is short; an unclosed parenthesis is not read to the end.
    (open + 1..range_end.min(open + 1 + FIGURE_REACH))
        .take_while(|&i| doc.tokens[i].kind != TokKind::Punct(')'))
        .any(|i| is_gender_token(doc, data, i))
}

fn count_finding(
    doc: &Document,
    data: &RuleData,
    span: Range<usize>,
    class: SuggestionClass,
    key: MessageKey,
) -> Finding {
    let figure = crate::engine::collapsed(&doc.text[span.clone()]);
    let suggestion = data.suggestion(class);
    let example = data.example(class);
    Finding {
        related: Vec::new(),
        rule: Rule::Jam004,
        span,
        message: data.message(
            key,
            &[
                ("figure", &figure),
                ("suggestion", suggestion),
                ("example", example),
            ],
        ),
        fix: None,
    }
}

/// (d) A table with numbers whose header or first column names a group word and
/// no cell there is a gender term, `Kön`, or a `K`/`M` pair (§6.8).
fn table_finding(
    doc: &Document,
    data: &RuleData,
    table: &crate::document::Table,
) -> Option<Finding> {
    if !table.numeric {
        return None;
    }
    let cells = || table.header_cells.iter().chain(table.first_column.iter());
    let mut group_word = None;
    let mut gendered = false;
    let (mut has_k, mut has_m) = (false, false);
    for cell in cells() {
        let (words, index) = doc.words_in(cell.clone());
        let text = words.join(" ");
        has_k |= text == "k";
        has_m |= text == "m";
        for &i in &index {
            if data.is_gender_word(doc.token_norm(i)) {
                gendered = true;
            }
            if group_word.is_none() && group_form(doc, data, i).is_some() {
                group_word = Some(doc.token_norm(i).to_string());
            }
        }
    }
    if gendered || (has_k && has_m) {
        return None;
    }
    let group = group_word?;
    Some(Finding {
        related: Vec::new(),
        rule: Rule::Jam004,
        span: table.header_span.clone(),
        message: data.message(TABLE, &[("group", &group)]),
        fix: None,
    })
}
