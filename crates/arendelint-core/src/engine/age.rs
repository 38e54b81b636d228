//! What a sentence says about the age of the group it names (§6.20), so that
//! JAM003 suggests "kvinnor och män" for adult youths and "flickor och pojkar"
//! for children.

use crate::config::SuggestionClass;
use crate::document::{Document, TokKind};
use crate::ruledata::RuleData;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SaidAge {
    Adult,
    Child,
}

/// The suggestion for a group whose sentence gives it an age.
pub(crate) fn adjust(
    class: SuggestionClass,
    adult_class: SuggestionClass,
    said: SaidAge,
) -> SuggestionClass {
    match said {
        SaidAge::Adult => match class {
            SuggestionClass::Children | SuggestionClass::Everyone => adult_class,
            other => other,
        },
        SaidAge::Child => SuggestionClass::Children,
    }
}

/// The age a sentence gives: adult words (*vuxna*, *myndiga*), "över 18 år",
/// "18 år och äldre", an age range starting at the age of majority; or child
/// words, "under 18 år", a range ending below it. `None` when it says neither
/// or both.
pub(crate) fn of_sentence(
    doc: &Document,
    data: &RuleData,
    tokens: Range<usize>,
) -> Option<SaidAge> {
    let age = &data.age;
    let mut adult = false;
    let mut child = false;
    for i in tokens.clone() {
        let t = &doc.tokens[i];
        match t.kind {
            TokKind::Word => {
                let w = doc.norm(t);
                if age.may_be_age_word(w) {
                    adult |= age.adult_words.contains(w);
                    child |= age.child_words.contains(w);
                }
            }
            TokKind::Number => {
                let unit = i + 1 < tokens.end && age.units.contains(doc.token_norm(i + 1));
                if !unit {
                    continue;
                }
                match classify_age(doc, data, i, tokens.clone()) {
                    Some(SaidAge::Adult) => adult = true,
                    Some(SaidAge::Child) => child = true,
                    None => {}
                }
            }
            _ => {}
        }
    }
    match (adult, child) {
        (true, false) => Some(SaidAge::Adult),
        (false, true) => Some(SaidAge::Child),
        _ => None,
    }
}

/// An age figure at token `n` (followed by `år`): which side of the age of
/// majority it puts the group on.
fn classify_age(
    doc: &Document,
    data: &RuleData,
    n: usize,
    tokens: Range<usize>,
) -> Option<SaidAge> {
    let age = &data.age;
    let norm = doc.token_norm(n);
    // A range is one number token: "18–25", "13-17".
    if let Some((low, high)) = norm.split_once(['–', '-']) {
        let (low, high) = (low.parse::<u32>().ok()?, high.parse::<u32>().ok()?);
        return if low >= age.majority {
            Some(SaidAge::Adult)
        } else if high < age.majority {
            Some(SaidAge::Child)
        } else {
            None
        };
    }
    let value: u32 = norm.parse().ok()?;
    let word = |i: usize| {
        if tokens.contains(&i) {
            doc.token_norm(i)
        } else {
            ""
        }
    };
    let before = n.checked_sub(1).map_or("", word);
    let two_before = (
        n.checked_sub(2).map_or("", word),
        n.checked_sub(1).map_or("", word),
    );
    let is_pair = |list: &[(String, String)]| {
        list.iter()
            .any(|(a, b)| a == two_before.0 && b == two_before.1)
    };
    // "18 år och äldre", "17 år eller yngre".
    let after = if matches!(word(n + 2), "och" | "eller") {
        word(n + 3)
    } else {
        ""
    };
    let from = age.from_words.contains(before)
        || is_pair(&age.from_phrases)
        || age.from_after.contains(after);
    let until = age.until_words.contains(before)
        || is_pair(&age.until_phrases)
        || age.until_after.contains(after);
    if from && value >= age.majority {
        Some(SaidAge::Adult)
    } else if until && value <= age.majority {
        // "under 18 år", "17 år och yngre".
        Some(SaidAge::Child)
    } else {
        None
    }
}
