//! Per-document facts about figures: in every body sentence, the counts,
//! shares and antal/andel phrases about people (JAM004's candidates, §6.3), and
//! the group-word tokens they count, which JAM003 leaves alone (§6.1, §6.2,
//! §6.14, §6.18). Computed once, on first use by JAM003 or JAM004.

use super::words::Facts;
use crate::config::SuggestionClass;
use crate::document::{Ctx, Document, TokKind};
use crate::ruledata::{NumberWord, RuleData};
use std::ops::Range;

/// What kind of figure a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureKind {
    /// (a) a count, or (c) an antal/andel phrase.
    Count,
    /// (b) a percentage in a sentence about people.
    Share,
}

/// A figure about people that JAM004 reports unless the sentence is gendered
/// or broken down, or another candidate overlaps it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub sentence: usize,
    pub span: Range<usize>,
    pub class: SuggestionClass,
    pub kind: FigureKind,
    /// (c) 0, (a) 1, (b) 2: the lower wins an overlap (§6.3).
    pub priority: u8,
}

/// The figures of a document's body sentences.
#[derive(Debug, Default)]
pub(crate) struct FigureFacts {
    /// In sentence order, and within a sentence in the order found.
    candidates: Vec<Candidate>,
    /// Group-word tokens that are counted nouns.
    pub counted: TokenSet,
}

/// A set of token indices, a bit each: JAM003 asks it about every mention.
#[derive(Debug, Default)]
pub(crate) struct TokenSet {
    bits: Vec<u64>,
}

impl TokenSet {
    pub fn insert(&mut self, i: usize) {
        let word = i / 64;
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        if let Some(bits) = self.bits.get_mut(word) {
            *bits |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|bits| bits & (1 << (i % 64)) != 0)
    }
}

impl FigureFacts {
    pub fn compute(doc: &Document, data: &RuleData, facts: &Facts) -> FigureFacts {
        let mut out = FigureFacts::default();
        // Buffers reused from sentence to sentence: no allocation per sentence.
        let mut scratch = Scratch::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            // Every candidate and every counted noun needs a group word and a
            // number token in its sentence: most sentences are out at once.
            if s.ctx == Ctx::Body && facts.sentence_has_group(si) && facts.sentence_has_number(si) {
                sentence(
                    facts,
                    doc,
                    data,
                    si,
                    s.tokens.clone(),
                    &mut out,
                    &mut scratch,
                );
            }
        }
        out
    }

    /// The candidates of sentence `si`, in the order found.
    pub fn in_sentence(&self, si: usize) -> &[Candidate] {
        let from = self.candidates.partition_point(|c| c.sentence < si);
        let to = self.candidates.partition_point(|c| c.sentence <= si);
        &self.candidates[from..to]
    }
}

/// How many tokens (c) looks through for its figure, before and after, and a
/// breakdown in parentheses at most spans.
pub(crate) const FIGURE_REACH: usize = 200;

#[derive(Debug, Clone, Copy)]
struct Figure {
    /// The number token (a range like 10–15 is one token).
    number: usize,
    /// The last token of the figure (the `%` or `procent` of a percentage).
    last: usize,
    percent: bool,
}

/// Per-sentence buffers, kept between sentences.
#[derive(Default)]
struct Scratch {
    /// The group-word tokens of the sentence.
    groups: Vec<usize>,
    /// The figures of the sentence, by number token.
    figures: Vec<Figure>,
}

fn sentence(
    facts: &Facts,
    doc: &Document,
    data: &RuleData,
    si: usize,
    range: Range<usize>,
    out: &mut FigureFacts,
    scratch: &mut Scratch,
) {
    let candidate = |span: Range<usize>, class, kind, priority| Candidate {
        sentence: si,
        span,
        class,
        kind,
        priority,
    };
    let groups = &mut scratch.groups;
    groups.clear();
    groups.extend(
        facts
            .group_or_alla(range.clone())
            .filter(|&i| facts.is_group(i)),
    );
    // Every candidate counts a group word of its sentence: none, no figure.
    if groups.is_empty() {
        return;
    }
    let groups = &*groups;
    // The sentence's figures, by number token: only a number can be one, and
    // each is judged once.
    let figures = &mut scratch.figures;
    figures.clear();
    figures.extend(
        facts
            .numbers(range.clone())
            .filter_map(|n| figure(doc, data, facts, n, range.clone())),
    );
    let figures = &*figures;
    let fig = |n: usize| {
        figures
            .binary_search_by_key(&n, |f| f.number)
            .ok()
            .and_then(|k| figures.get(k).copied())
    };
    // The figures whose number token lies in `from..to`, in order.
    let figures_in = |from: usize, to: usize| {
        let lo = figures.partition_point(|f| f.number < from);
        let hi = figures.partition_point(|f| f.number < to).max(lo);
        figures.get(lo..hi).unwrap_or_default()
    };

    // (c) antal/andel + group word (`groups` holds every `i + 1` that is one).
    for &g in groups {
        let i = g.wrapping_sub(1);
        if g == range.start || !data.count_words.contains(doc.token_norm(i)) {
            continue;
        }
        // A figure is looked for within a bounded reach, so that a text without
        // sentence breaks cannot make this quadratic.
        let after_end = range.end.min(g + 1 + FIGURE_REACH);
        let before_start = range.start.max(i.saturating_sub(FIGURE_REACH));
        // A share (andel) is measured by a percentage after the group word (§6.3:
        // "andelen invånare som … var 12 procent"); a count (antal) by the first figure.
        let share = doc.token_norm(i).starts_with("andel");
        let figures_after = figures_in(g + 1, after_end);
        let after = figures_after
            .iter()
            .find(|f| f.percent && share)
            .or_else(|| figures_after.first());
        let before = figures_in(before_start, i).last();
        let span = match (after, before) {
            (Some(f), _) => doc.tokens[i].start..doc.tokens[f.number].end,
            (None, Some(f)) => doc.tokens[f.number].start..doc.tokens[g].end,
            (None, None) => continue,
        };
        out.counted.insert(g);
        let class = group_class(facts, g);
        out.candidates
            .push(candidate(span, class, FigureKind::Count, 0));
    }

    // (a) a count: a number, at most two words, a group word.
    for &g in groups {
        let Some(n) = number_before(doc, g, range.start) else {
            continue;
        };
        let mut start_tok = n;
        if n > range.start && data.rate.contains(doc.token_norm(n - 1)) {
            // A denominator: "12 fall per 1 000 invånare" spans the whole rate.
            out.counted.insert(g);
            match n
                .checked_sub(1)
                .and_then(|per| number_before(doc, per, range.start))
            {
                Some(m) if fig(m).is_some_and(|f| !f.percent) => start_tok = m,
                _ => continue,
            }
        } else {
            match fig(n) {
                Some(f) if !f.percent => {}
                _ => continue,
            }
            if is_size_of_place(doc, data, facts, n, g, range.start) {
                // "kommuner med över 100 000 invånare": no JAM004, no JAM003 (§6.18).
                out.counted.insert(g);
                continue;
            }
        }
        out.counted.insert(g);
        let span = doc.tokens[start_tok].start..doc.tokens[g].end;
        let class = group_class(facts, g);
        out.candidates
            .push(candidate(span, class, FigureKind::Count, 1));
    }

    // (b) a share in a sentence about people.
    let mut shares = false;
    for &f in figures {
        if !f.percent {
            continue;
        }
        if !shares {
            for &g in groups {
                out.counted.insert(g);
            }
            shares = true;
        }
        let span = doc.tokens[f.number].start..doc.tokens[f.last].end;
        let class = group_class(facts, groups[0]);
        out.candidates
            .push(candidate(span, class, FigureKind::Share, 2));
    }
}

/// The number at most two words before token `g` (only words in between).
fn number_before(doc: &Document, g: usize, floor: usize) -> Option<usize> {
    let mut words = 0;
    let mut i = g;
    while i > floor {
        i -= 1;
        match doc.tokens[i].kind {
            TokKind::Number => return Some(i),
            TokKind::Word if words < 2 => words += 1,
            // "ett 300-tal patienter": a suffix glued to the number.
            TokKind::Punct('-')
                if !doc.tokens[i].space_before
                    && i > floor
                    && doc.tokens[i - 1].kind == TokKind::Number
                    && !doc.tokens[i + 1].space_before => {}
            _ => return None,
        }
    }
    None
}

/// "kommuner med över 100 000 invånare", "en ort på 3 000 invånare": the number
/// `n` before group word `g` gives the size of a place (§6.18).
fn is_size_of_place(
    doc: &Document,
    data: &RuleData,
    facts: &Facts,
    n: usize,
    g: usize,
    floor: usize,
) -> bool {
    let size = &data.place_size;
    // `g` is a group word here (`Facts::group`), so its form is the lexicon's.
    let group_name = facts
        .group(g)
        .and_then(|f| data.group_names.get(f.group.0 as usize));
    if !group_name.is_some_and(|name| size.groups.contains(name)) {
        return false;
    }
    // Walk back from the number over qualifiers ("mer än", "ca."), then the
    // preposition, then the place word.
    let mut i = n;
    let word_at = |i: usize| doc.tokens[i].kind == TokKind::Word;
    loop {
        if i <= floor {
            return false;
        }
        if doc.tokens[i - 1].kind == TokKind::Punct('.') {
            // "ca. 3 000"
            i -= 1;
            continue;
        }
        let matched = size.qualifiers.iter().find(|q| {
            q.len() <= i - floor
                && q.iter().enumerate().all(|(k, w)| {
                    let t = i - q.len() + k;
                    word_at(t) && doc.token_norm(t) == w
                })
        });
        match matched {
            Some(q) => i -= q.len(),
            None => break,
        }
    }
    if i < floor + 2 || !size.prepositions.contains(doc.token_norm(i - 1)) {
        return false;
    }
    word_at(i - 2) && size.is_place(doc.token_norm(i - 2))
}

/// The class of group word `g` (one that `Facts::group` names: its form is the
/// lexicon's form of the word).
fn group_class(facts: &Facts, g: usize) -> SuggestionClass {
    facts.group(g).map_or(SuggestionClass::Adults, |f| f.class)
}

/// Whether number token `n` is a figure about something counted, and its extent.
/// Never a figure: years, dates, clock times, § and case numbers, statute
/// references, money, page/item/list numbers and ordinals (§2 JAM004, §6.4).
fn figure(
    doc: &Document,
    data: &RuleData,
    facts: &Facts,
    n: usize,
    range: Range<usize>,
) -> Option<Figure> {
    let t = doc.tokens.get(n)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let norm = doc.norm(t);
    let first = plain_value(norm)?;
    let next = |k: usize| {
        if n + k < range.end {
            doc.token_norm(n + k)
        } else {
            ""
        }
    };
    let prev = |k: usize| {
        if n >= range.start + k {
            doc.token_norm(n - k)
        } else {
            ""
        }
    };
    let tight_next = |k: usize| doc.tokens.get(n + k).is_some_and(|x| !x.space_before);
    // Years: 1900–2099 without a separator, unless a group word follows directly (§6.4).
    // A range counts as a year when its first number is one ("2022–2023").
    let first_digits = doc.source(t).bytes().take_while(u8::is_ascii_digit).count();
    if first_digits == 4 && (1900..=2099).contains(&first) && !facts.is_group(n + 1) {
        return None;
    }
    // "08-123 456": the second group of a phone or reference number.
    let after_code = n > range.start
        && doc.tokens[n - 1].kind == TokKind::Number
        && plain_value(doc.token_norm(n - 1)).is_none();
    // One look-up for all the lists a neighbour is in.
    let (before, after) = (data.number_word(prev(1)), data.number_word(next(1)));
    if after_code
        || before.is(NumberWord::REFERENCE_BEFORE)
        || (prev(1) == "." && data.number_word(prev(2)).is(NumberWord::REFERENCE_BEFORE))
        || after.is(NumberWord::MONTH)
        || before.is(NumberWord::MONTH)
        || after.is(NumberWord::MONEY_AFTER)
        || after.is(NumberWord::QUANTITY_AFTER)
        || (after.is(NumberWord::MONEY_SCALE)
            && data.number_word(next(2)).is(NumberWord::MONEY_AFTER))
        || (next(1) == ":" && tight_next(1) && tight_next(2) && matches!(next(2), "a" | "e"))
    {
        return None;
    }
    // A list number opening its sentence: "1. att …".
    if n == range.start && matches!(next(1), "." | ")") && tight_next(1) {
        return None;
    }
    if after.is(NumberWord::PERCENT) {
        return Some(Figure {
            number: n,
            last: n + 1,
            percent: true,
        });
    }
    Some(Figure {
        number: n,
        last: n,
        percent: false,
    })
}

/// The value of a plain number (`4500`, `12,5`, or the first of a range `10–15`);
/// `None` for dates, case numbers, statute references and clock times.
fn plain_value(norm: &str) -> Option<u64> {
    // Digits only (checked by bytes; the value as `str::parse` gives it).
    let int = |s: &[u8]| -> Option<u64> {
        if s.is_empty() {
            return None;
        }
        s.iter().try_fold(0u64, |n, &b| {
            if b.is_ascii_digit() {
                n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
            } else {
                None
            }
        })
    };
    let bytes = norm.as_bytes();
    // "08-123 45": phone numbers and codes start with a zero; counts do not.
    if bytes.iter().any(|b| matches!(b, b'/' | b':' | b'.'))
        || (bytes.first() == Some(&b'0') && bytes.len() > 1 && !norm.starts_with("0,"))
    {
        return None;
    }
    // Split at `-` and `–` (bytes E2 80 93): at most two parts are read.
    let mut parts: [&[u8]; 2] = [bytes, &[]];
    let mut count = 1;
    let mut from = 0;
    let mut k = 0;
    while k < bytes.len() {
        let width = match bytes[k] {
            b'-' => 1,
            0xE2 if bytes[k..].starts_with("–".as_bytes()) => 3,
            _ => {
                k += 1;
                continue;
            }
        };
        if count == 2 {
            // A third part.
            return None;
        }
        parts[0] = &bytes[from..k];
        from = k + width;
        parts[1] = &bytes[from..];
        count = 2;
        k = from;
    }
    if count == 1 {
        let one = bytes;
        let mut commas = one.iter().filter(|&&b| b == b',');
        if commas.nth(1).is_some() {
            return None;
        }
        let whole = one.split(|&b| b == b',').next().unwrap_or(one);
        int(whole)
    } else {
        let (a, b) = (int(parts[0])?, int(parts[1])?);
        (b > a && b < 10_000).then_some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::{plain_value, TokenSet};

    #[test]
    fn token_sets_hold_what_was_put_in() {
        let mut set = TokenSet::default();
        for i in [0, 63, 64, 1000, 5] {
            set.insert(i);
        }
        set.insert(64);
        for i in 0..1100 {
            assert_eq!(set.contains(i), [0, 5, 63, 64, 1000].contains(&i), "{i}");
        }
        assert!(!TokenSet::default().contains(0));
    }

    #[test]
    fn plain_values() {
        assert_eq!(plain_value("4500"), Some(4500));
        assert_eq!(plain_value("12,5"), Some(12));
        assert_eq!(plain_value("10–15"), Some(10));
        assert_eq!(plain_value("2021-00456"), None);
        assert_eq!(plain_value("2024-08-20"), None);
        assert_eq!(plain_value("2001:100"), None);
        assert_eq!(plain_value("2023/123"), None);
        assert_eq!(plain_value("16.00"), None);
        assert_eq!(plain_value("08-123"), None);
        assert_eq!(plain_value("0,5"), Some(0));
        assert_eq!(plain_value("10-15"), Some(10));
        assert_eq!(plain_value("15–10"), None);
        assert_eq!(plain_value("1–2–3"), None);
        assert_eq!(plain_value("12,5,1"), None);
        assert_eq!(plain_value("12-"), None);
        assert_eq!(plain_value("99999999999999999999999"), None);
        assert_eq!(plain_value(""), None);
    }
}
