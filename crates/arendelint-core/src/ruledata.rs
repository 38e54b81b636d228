//! The rule pack's data (rules/*.toml), embedded at compile time and compiled
//! together with an organisation's configuration.

use crate::builtin_regex::{builtin_regex, LazyRegex};
use crate::config::{Config, ConfigError, SuggestionClass};
use crate::phrase::{PhraseList, WordPat};
use regex::{Regex, RegexBuilder};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

pub(crate) const LEXICON_TOML: &str = include_str!("../../../rules/lexicon.toml");
pub(crate) const SECTIONS_TOML: &str = include_str!("../../../rules/sections.toml");
pub(crate) const PHRASES_TOML: &str = include_str!("../../../rules/phrases.toml");
/// A table of `rules/messages.toml` (`JAM002-empty`): each rule's unit declares
/// its keys as constants, so no message is named by a bare string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MessageKey(pub &'static str);

pub(crate) const MESSAGES_TOML: &str = include_str!("../../../rules/messages.toml");
pub(crate) const SKELETON_TOML: &str = include_str!("../../../rules/skeleton.toml");

// ---- raw file shapes -------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawLexicon {
    pub group_word: Vec<RawGroupWord>,
    pub singular: RawSingular,
    pub alla: RawAlla,
    pub compound: RawJoiners,
    pub gender: RawGender,
    pub age: RawAge,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawAge {
    pub majority: u32,
    pub adult_words: Vec<String>,
    pub child_words: Vec<String>,
    pub units: Vec<String>,
    pub from_words: Vec<String>,
    pub until_words: Vec<String>,
    pub from_phrases: Vec<String>,
    pub until_phrases: Vec<String>,
    pub from_after: Vec<String>,
    pub until_after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawGroupWord {
    /// Names the entry for people editing the data; the tests check it is unique.
    #[cfg_attr(not(test), allow(dead_code))]
    pub lemma: String,
    pub forms: Vec<String>,
    #[serde(default)]
    pub singular_like: Vec<String>,
    pub suggestion: SuggestionClass,
    /// The suggestion when the sentence says the group is adult (§6.20); for
    /// children's groups it defaults to `adults`.
    #[serde(default)]
    pub when_adult: Option<SuggestionClass>,
    /// Compound group words ending in the first form (§6.16).
    #[serde(default)]
    pub compounds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSingular {
    pub determiners: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawAlla {
    pub followers: Vec<String>,
    pub marks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawJoiners {
    pub joiners: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawGender {
    pub words: Vec<String>,
    pub prefixes: Vec<String>,
    pub queue_before: Vec<String>,
    pub queue_after: Vec<String>,
    pub not_after: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSections {
    pub gender: RawHeadingPatterns,
    pub case: RawParts,
    pub labels: RawLabels,
    pub headings: RawKnown,
    pub closing: RawClosing,
    pub placeholder: RawPlaceholder,
    pub furniture: RawFurniture,
    pub agenda: crate::agenda_data::RawAgenda,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawHeadingPatterns {
    pub heading_patterns: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawParts {
    pub parts: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawLabels {
    pub consequence: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawKnown {
    pub known: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawClosing {
    pub headings: Vec<String>,
    pub signature_roles: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPlaceholder {
    pub texts: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFurniture {
    pub page_patterns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPhrases {
    pub negated_impact: RawNegated,
    pub reason: RawReason,
    pub difference: RawList,
    pub measure: RawList,
    pub goal: RawList,
    pub factor: RawList,
    pub breakdown: RawStarts,
    pub sentence: RawAbbrev,
    pub figure: RawFigure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawNegated {
    pub negations: Vec<String>,
    pub targets: Vec<String>,
    pub max_gap: usize,
    pub phrases: Vec<String>,
    pub max_words: usize,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawReason {
    pub phrases: Vec<String>,
    pub conjunction: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawList {
    pub inflect: bool,
    pub phrases: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStarts {
    pub starts: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawAbbrev {
    pub abbreviations: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFigure {
    pub money_after: Vec<String>,
    pub money_scale: Vec<String>,
    pub reference_before: Vec<String>,
    pub months: Vec<String>,
    pub quantity_after: Vec<String>,
    pub percent: Vec<String>,
    pub rate: Vec<String>,
    pub count_words: Vec<String>,
    pub size_groups: Vec<String>,
    pub size_prepositions: Vec<String>,
    pub size_qualifiers: Vec<String>,
    pub place_words: Vec<String>,
    pub place_endings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSkeleton {
    pub heading: String,
    pub questions: Vec<String>,
}

/// messages.toml: table name → key → text.
pub(crate) type RawMessages = BTreeMap<String, BTreeMap<String, String>>;

// ---- compiled data ---------------------------------------------------------

/// What is known about a group-word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GroupForm {
    pub class: SuggestionClass,
    /// The class when the sentence says the group is adult (§6.20).
    pub adult_class: SuggestionClass,
    /// Also a singular form (§6.5).
    pub singular_like: bool,
    /// The lexicon entry: all forms and compounds of one entry are one group (§6.17).
    pub group: GroupId,
}

/// A group of JAM003 (§6.17): a lexicon entry, an organisation's group word, or
/// *alla* on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct GroupId(pub u32);

impl GroupId {
    /// *alla* without a group word after it.
    pub const ALLA: GroupId = GroupId(u32::MAX);
}

/// What a sentence says about the age of its group (§6.20).
#[derive(Debug, Clone)]
pub(crate) struct AgeWords {
    pub majority: u32,
    pub adult_words: HashSet<String>,
    pub child_words: HashSet<String>,
    pub units: HashSet<String>,
    pub from_words: HashSet<String>,
    pub until_words: HashSet<String>,
    /// Two-word openings (`äldre än`) as (first, second).
    pub from_phrases: Vec<(String, String)>,
    pub until_phrases: Vec<(String, String)>,
    pub from_after: HashSet<String>,
    pub until_after: HashSet<String>,
    /// `group_shapes` for the adult and child words: most words of a
    /// sentence are ruled out without hashing them.
    word_shapes: [u32; 256],
}

impl AgeWords {
    /// Whether a word may be an adult or a child word (no false "no").
    pub fn may_be_age_word(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.word_shapes[b as usize] & shape_bit(word.len()) != 0)
    }
}

/// The size of a place (§6.18).
#[derive(Debug, Clone)]
pub(crate) struct PlaceSize {
    pub groups: HashSet<String>,
    pub prepositions: HashSet<String>,
    /// Qualifiers between the preposition and the number, as word sequences.
    pub qualifiers: Vec<Vec<String>>,
    pub words: HashSet<String>,
    pub endings: Vec<String>,
}

impl PlaceSize {
    /// Whether a normalised word names a place, also as the end of a compound.
    pub fn is_place(&self, word: &str) -> bool {
        self.words.contains(word)
            || self
                .endings
                .iter()
                .any(|e| word.len() > e.len() && word.ends_with(e.as_str()))
    }
}

fn shape_bit(len: usize) -> u32 {
    1 << len.min(31)
}

/// The first-byte and length filter of a word list (see `group_shapes`).
fn shapes<'a>(words: impl Iterator<Item = &'a String>) -> [u32; 256] {
    shapes_by(words, <[u8]>::first)
}

/// `shapes` by the last byte of each word.
fn last_shapes<'a>(words: impl Iterator<Item = &'a String>) -> [u32; 256] {
    shapes_by(words, <[u8]>::last)
}

/// Which lengths occur for each value of the byte `key` picks from a word.
fn shapes_by<'a>(
    words: impl Iterator<Item = &'a String>,
    key: fn(&[u8]) -> Option<&u8>,
) -> [u32; 256] {
    let mut table = [0u32; 256];
    for w in words {
        if let Some(&byte) = key(w.as_bytes()) {
            table[byte as usize] |= shape_bit(w.len());
        }
    }
    table
}

/// The letters and digits of `s`, lower-cased: how JAM002 compares a body with
/// the skeleton's questions.
pub(crate) fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// The compiled rule data: built-in lists plus the configuration's additions.
#[derive(Debug, Clone)]
pub(crate) struct RuleData {
    pub group_forms: HashMap<String, GroupForm>,
    /// For each first byte, a bit per length (capped at 31) of the group
    /// forms: most words are ruled out without hashing them.
    group_shapes: [u32; 256],
    /// The same filter by last byte.
    group_last_shapes: [u32; 256],
    /// The first form (the lemma's plural) of each group, for messages.
    pub group_names: Vec<String>,
    pub age: AgeWords,
    pub place_size: PlaceSize,
    pub signature_roles: Vec<String>,
    /// Single words of the heading and section vocabularies (§6.19).
    pub vocabulary_words: HashSet<String>,
    pub singular_determiners: HashSet<String>,
    pub alla_followers: HashSet<String>,
    pub alla_marks: Vec<char>,
    pub compound_joiners: HashSet<String>,
    pub gender_words: HashSet<String>,
    pub gender_prefixes: Vec<String>,
    /// `group_shapes` for the gender terms and their prefixes.
    gender_shapes: [u32; 256],
    /// `group_shapes` and `gender_shapes` together: a word it rules out is
    /// neither a group word nor a gender term.
    group_or_gender_shapes: [u32; 256],
    /// For each first byte, the second bytes (a bit each) that a gender term
    /// or prefix has after it: "kommun" is out at once, "kvinnor" is looked up.
    gender_second: Vec<[u64; 4]>,
    pub queue_before: HashSet<String>,
    pub queue_after: HashSet<String>,
    pub gender_not_after: HashMap<String, Vec<String>>,
    /// The built-in gender heading patterns (compiled only if
    /// `gender_heading_any` is `None`), and the configuration's.
    gender_headings: Vec<LazyRegex>,
    extra_gender_headings: Vec<Regex>,
    /// The gender heading patterns as one alternation (`None` when they
    /// cannot be joined): one search per heading instead of one per pattern.
    gender_heading_any: Option<Regex>,
    pub case_parts: Vec<String>,
    pub consequence_labels: HashSet<String>,
    pub known_headings: HashSet<String>,
    pub closing_headings: Vec<String>,
    pub placeholders: HashSet<String>,
    pub page_patterns: Vec<LazyRegex>,
    /// Agenda mode: case headings and diary numbers (contract §5).
    pub agenda: crate::agenda_data::AgendaData,
    pub negations: HashSet<String>,
    pub negation_targets: Vec<WordPat>,
    pub negation_gap: usize,
    pub no_impact: PhraseList,
    pub boilerplate_max_words: usize,
    pub reasons: PhraseList,
    pub reason_conjunction: String,
    pub difference: PhraseList,
    pub measure: PhraseList,
    pub goal: PhraseList,
    pub factor: PhraseList,
    pub breakdown_starts: PhraseList,
    pub abbreviations: HashSet<String>,
    /// The byte length of the longest abbreviation.
    pub abbreviation_len: usize,
    pub rate: HashSet<String>,
    pub count_words: HashSet<String>,
    /// The word lists that JAM004 reads next to every number (money,
    /// reference and quantity words, months, percent), as one map: one
    /// look-up per word instead of one per list.
    number_words: HashMap<String, NumberWord>,
    /// Every message text by `table.field` (the tests check the tables).
    #[cfg_attr(not(test), allow(dead_code))]
    pub messages: HashMap<String, String>,
    /// Messages and fix texts of the configured language, by rule key.
    lang_messages: HashMap<String, Template>,
    lang_fixes: HashMap<String, Template>,
    /// `suggestion` and `example` of each class, in `SuggestionClass` order.
    suggestions: [String; 4],
    examples: [String; 4],
    pub skeleton: RawSkeleton,
    /// The skeleton's questions as JAM002 compares a body with them: their
    /// letters and digits, lower-cased (`sections::is_unanswered_skeleton`).
    pub skeleton_letters: String,
    /// The most characters other than white space in a placeholder text.
    pub placeholder_max_chars: usize,
}

impl Clone for RawSkeleton {
    fn clone(&self) -> Self {
        RawSkeleton {
            heading: self.heading.clone(),
            questions: self.questions.clone(),
        }
    }
}

impl std::fmt::Debug for RawSkeleton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Skeleton")
            .field("heading", &self.heading)
            .finish()
    }
}

fn data_error(file: &str, message: String) -> ConfigError {
    ConfigError::new(
        format!("rules/{file} (built in)"),
        crate::config::ConfigProblem::BuiltIn { detail: message },
    )
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| data_error(file, e.to_string()))
}

/// Which of the word lists around a number (`[figure]` in phrases.toml) a
/// word is in, a bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NumberWord(u8);

impl NumberWord {
    pub const REFERENCE_BEFORE: NumberWord = NumberWord(1);
    pub const MONTH: NumberWord = NumberWord(2);
    pub const MONEY_AFTER: NumberWord = NumberWord(4);
    pub const QUANTITY_AFTER: NumberWord = NumberWord(8);
    pub const MONEY_SCALE: NumberWord = NumberWord(16);
    pub const PERCENT: NumberWord = NumberWord(32);

    /// Whether the word is in the list `list` (one of the constants).
    pub fn is(self, list: NumberWord) -> bool {
        self.0 & list.0 != 0
    }
}

fn number_words(figure: &RawFigure) -> HashMap<String, NumberWord> {
    let mut out: HashMap<String, NumberWord> = HashMap::default();
    for (list, words) in [
        (NumberWord::REFERENCE_BEFORE, &figure.reference_before),
        (NumberWord::MONTH, &figure.months),
        (NumberWord::MONEY_AFTER, &figure.money_after),
        (NumberWord::QUANTITY_AFTER, &figure.quantity_after),
        (NumberWord::MONEY_SCALE, &figure.money_scale),
        (NumberWord::PERCENT, &figure.percent),
    ] {
        for w in words {
            out.entry(w.to_lowercase()).or_default().0 |= list.0;
        }
    }
    out
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn phrases(file: &str, list: &[String], inflect: bool) -> Result<PhraseList, ConfigError> {
    PhraseList::parse(list, inflect).map_err(|e| data_error(file, e.0))
}

/// A built-in pattern, case-insensitive, compiled when text first needs it.
fn lazy_regex(file: &str, pattern: &str) -> Result<LazyRegex, ConfigError> {
    LazyRegex::new(pattern, true).map_err(|e| data_error(file, format!("pattern `{pattern}`: {e}")))
}

impl RuleData {
    /// Compiles the built-in data with `config`'s additions.
    pub fn build(config: &Config) -> Result<RuleData, ConfigError> {
        let lex: RawLexicon = parse("lexicon.toml", LEXICON_TOML)?;
        let sec: RawSections = parse("sections.toml", SECTIONS_TOML)?;
        let phr: RawPhrases = parse("phrases.toml", PHRASES_TOML)?;
        let msg: RawMessages = parse("messages.toml", MESSAGES_TOML)?;
        let skeleton: RawSkeleton = parse("skeleton.toml", SKELETON_TOML)?;

        let mut group_forms = HashMap::default();
        let mut group_names = Vec::new();
        for g in &lex.group_word {
            let group = GroupId(group_names.len() as u32);
            group_names.push(g.forms.first().cloned().unwrap_or_default());
            let singular: HashSet<String> = set(&g.singular_like);
            let adult_class = g.when_adult.unwrap_or(match g.suggestion {
                SuggestionClass::Children | SuggestionClass::Everyone => SuggestionClass::Adults,
                other => other,
            });
            let base = g
                .forms
                .first()
                .map(|f| f.to_lowercase())
                .unwrap_or_default();
            // A compound takes every form of its last part: "kommuninvånare" +
            // "invånarna" → "kommuninvånarna".
            let prefixes =
                std::iter::once(String::new()).chain(g.compounds.iter().filter_map(|c| {
                    c.to_lowercase()
                        .strip_suffix(base.as_str())
                        .map(str::to_string)
                }));
            for prefix in prefixes.collect::<Vec<_>>() {
                for form in &g.forms {
                    let form = form.to_lowercase();
                    let singular_like = singular.contains(&form);
                    group_forms.insert(
                        format!("{prefix}{form}"),
                        GroupForm {
                            class: g.suggestion,
                            adult_class,
                            singular_like,
                            group,
                        },
                    );
                }
            }
        }
        for extra in &config.extra_group_words {
            let group = GroupId(group_names.len() as u32);
            group_names.push(extra.forms.first().cloned().unwrap_or_default());
            for form in &extra.forms {
                group_forms.insert(
                    form.to_lowercase(),
                    GroupForm {
                        class: extra.class,
                        adult_class: match extra.class {
                            SuggestionClass::Children | SuggestionClass::Everyone => {
                                SuggestionClass::Adults
                            }
                            other => other,
                        },
                        singular_like: false,
                        group,
                    },
                );
            }
        }

        let mut gender_headings = Vec::new();
        for p in &sec.gender.heading_patterns {
            gender_headings.push(lazy_regex("sections.toml", p)?);
        }
        let mut extra_gender_headings = Vec::new();
        for p in &config.extra_gender_headings {
            let origin = config.origin.clone().unwrap_or_else(|| "<settings>".into());
            extra_gender_headings.push(
                RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| {
                        ConfigError::new(
                            origin,
                            crate::config::ConfigProblem::BadPattern {
                                value: p.clone(),
                                detail: e.to_string(),
                            },
                        )
                    })?,
            );
        }
        let mut consequence_labels = set(&sec.labels.consequence);
        consequence_labels.extend(
            config
                .extra_consequence_labels
                .iter()
                .map(|l| l.to_lowercase()),
        );
        let mut page_patterns = Vec::new();
        for p in &sec.furniture.page_patterns {
            page_patterns.push(lazy_regex("sections.toml", p)?);
        }

        let agenda = crate::agenda_data::AgendaData::compile(&sec.agenda)
            .map_err(|e| data_error("sections.toml", e))?;
        let negation_targets = phrases("phrases.toml", &phr.negated_impact.targets, false)?
            .phrases
            .into_iter()
            .filter_map(|p| match p.steps.into_iter().next() {
                Some(crate::phrase::Step::Any(mut alts)) if alts.len() == 1 => alts.pop(),
                _ => None,
            })
            .collect();

        let mut goal_sources = phr.goal.phrases.clone();
        goal_sources.extend(config.goal_names.iter().map(|g| normalise_phrase(g)));
        let alla_marks = phr_marks(&lex.alla.marks);

        let mut messages = HashMap::default();
        for (table, entries) in msg {
            for (key, text) in entries {
                messages.insert(format!("{table}.{key}"), text);
            }
        }

        let pairs = |list: &[String]| -> Vec<(String, String)> {
            list.iter()
                .filter_map(|p| {
                    let p = p.to_lowercase();
                    let (a, b) = p.split_once(' ')?;
                    Some((a.to_string(), b.to_string()))
                })
                .collect()
        };
        let adult_words = set(&lex.age.adult_words);
        let child_words = set(&lex.age.child_words);
        let age = AgeWords {
            majority: lex.age.majority,
            word_shapes: shapes(adult_words.iter().chain(&child_words)),
            adult_words,
            child_words,
            units: set(&lex.age.units),
            from_words: set(&lex.age.from_words),
            until_words: set(&lex.age.until_words),
            from_phrases: pairs(&lex.age.from_phrases),
            until_phrases: pairs(&lex.age.until_phrases),
            from_after: set(&lex.age.from_after),
            until_after: set(&lex.age.until_after),
        };
        let place_size = PlaceSize {
            groups: set(&phr.figure.size_groups),
            prepositions: set(&phr.figure.size_prepositions),
            qualifiers: phr
                .figure
                .size_qualifiers
                .iter()
                .map(|q| q.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            words: set(&phr.figure.place_words),
            endings: phr
                .figure
                .place_endings
                .iter()
                .map(|e| e.to_lowercase())
                .collect(),
        };

        let vocabulary_words = sec
            .headings
            .known
            .iter()
            .chain(&sec.case.parts)
            .chain(&sec.labels.consequence)
            .chain(&sec.closing.headings)
            .flat_map(|h| h.split_whitespace())
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() > 3)
            .collect();

        let placeholders = set(&sec.placeholder.texts);
        let placeholder_max_chars = placeholders
            .iter()
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
            .max()
            .unwrap_or(0);
        let group_shapes = shapes(group_forms.keys());
        let group_last_shapes = last_shapes(group_forms.keys());
        let gender_words = set(&lex.gender.words);
        let gender_prefixes: Vec<String> = lex
            .gender
            .prefixes
            .iter()
            .map(|p| p.to_lowercase())
            .collect();
        let mut gender_shapes = shapes(gender_words.iter());
        for p in &gender_prefixes {
            match p.as_bytes().first() {
                // A prefix matches every word at least as long.
                Some(&first) => gender_shapes[first as usize] |= !(shape_bit(p.len()) - 1),
                None => gender_shapes = [u32::MAX; 256],
            }
        }
        let mut gender_second = vec![[0u64; 4]; 256];
        for w in gender_words.iter().chain(&gender_prefixes) {
            match *w.as_bytes() {
                [first, second, ..] => {
                    gender_second[first as usize][(second >> 6) as usize] |= 1 << (second & 63)
                }
                // A one-byte term or prefix: any second byte.
                [first] => gender_second[first as usize] = [u64::MAX; 4],
                [] => gender_second = vec![[u64::MAX; 4]; 256],
            }
        }
        Ok(RuleData {
            gender_second,
            vocabulary_words,
            group_shapes,
            group_last_shapes,
            group_forms,
            group_names,
            age,
            place_size,
            signature_roles: sec
                .closing
                .signature_roles
                .iter()
                .map(|r| r.to_lowercase())
                .collect(),
            singular_determiners: set(&lex.singular.determiners),
            alla_followers: set(&lex.alla.followers),
            alla_marks,
            compound_joiners: set(&lex.compound.joiners),
            gender_words,
            gender_prefixes,
            group_or_gender_shapes: std::array::from_fn(|b| group_shapes[b] | gender_shapes[b]),
            gender_shapes,
            queue_before: set(&lex.gender.queue_before),
            queue_after: set(&lex.gender.queue_after),
            gender_not_after: lex.gender.not_after.into_iter().collect(),
            gender_heading_any: any_of(&sec.gender.heading_patterns, &config.extra_gender_headings),
            gender_headings,
            extra_gender_headings,
            case_parts: sec.case.parts.iter().map(|p| p.to_lowercase()).collect(),
            consequence_labels,
            known_headings: set(&sec.headings.known),
            closing_headings: sec
                .closing
                .headings
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            placeholders,
            page_patterns,
            agenda,
            negations: set(&phr.negated_impact.negations),
            negation_targets,
            negation_gap: phr.negated_impact.max_gap,
            no_impact: phrases("phrases.toml", &phr.negated_impact.phrases, false)?,
            boilerplate_max_words: phr.negated_impact.max_words,
            reasons: phrases("phrases.toml", &phr.reason.phrases, false)?,
            reason_conjunction: phr.reason.conjunction.to_lowercase(),
            difference: phrases(
                "phrases.toml",
                &phr.difference.phrases,
                phr.difference.inflect,
            )?,
            measure: phrases("phrases.toml", &phr.measure.phrases, phr.measure.inflect)?,
            goal: phrases("phrases.toml", &goal_sources, phr.goal.inflect)?,
            factor: phrases("phrases.toml", &phr.factor.phrases, phr.factor.inflect)?,
            breakdown_starts: phrases("phrases.toml", &phr.breakdown.starts, false)?,
            abbreviations: set(&phr.sentence.abbreviations),
            abbreviation_len: (phr.sentence.abbreviations.iter())
                .map(|a| a.to_lowercase().len())
                .max()
                .unwrap_or(0),
            number_words: number_words(&phr.figure),
            rate: set(&phr.figure.rate),
            count_words: set(&phr.figure.count_words),
            lang_messages: by_field(&messages, config.lang.as_str()),
            lang_fixes: by_field(&messages, &format!("fix-{}", config.lang.as_str())),
            suggestions: CLASSES.map(|c| text_of(&messages, suggestion_key(c))),
            examples: CLASSES.map(|c| text_of(&messages, example_key(c))),
            messages,
            skeleton_letters: letters(&skeleton.questions.concat()),
            placeholder_max_chars,
            skeleton,
        })
    }

    /// The message `key` (e.g. `JAM003`) in the configured language with `{name}`
    /// placeholders filled in.
    pub fn message(&self, key: MessageKey, args: &[(&str, &str)]) -> String {
        match self.lang_messages.get(key.0) {
            Some(template) => template.fill(args),
            // Unknown keys are not in the built-in data; the key shows as the message.
            None => Template::new(key.0).fill(args),
        }
    }

    /// The fix description of `key` in the configured language.
    pub fn fix_text(&self, key: MessageKey, args: &[(&str, &str)]) -> String {
        match self.lang_fixes.get(key.0) {
            Some(template) => template.fill(args),
            // Unknown keys are not in the built-in data; the key shows as the message.
            None => Template::new(key.0).fill(args),
        }
    }

    /// The gendered wording for a suggestion class (always Swedish: it goes into the document).
    pub fn suggestion(&self, class: SuggestionClass) -> &str {
        &self.suggestions[class_index(class)]
    }

    /// A figure split by sex for a suggestion class, for JAM004's message.
    pub fn example(&self, class: SuggestionClass) -> &str {
        &self.examples[class_index(class)]
    }

    /// The group form of a lower-cased word, if it is one (one look-up, most
    /// words ruled out by their first byte and length).
    #[inline]
    pub fn group_form(&self, word: &str) -> Option<GroupForm> {
        let first = *word.as_bytes().first()?;
        let len = shape_bit(word.len());
        if self.group_shapes[first as usize] & len == 0 {
            return None;
        }
        let last = *word.as_bytes().last()?;
        if self.group_last_shapes[last as usize] & len == 0 {
            return None;
        }
        self.group_forms.get(word).copied()
    }

    /// False when a lower-cased word is neither a group form nor a gender
    /// term: one table look-up, which rules out most words.
    #[inline]
    pub fn may_be_group_or_gender(&self, word: &[u8]) -> bool {
        word.first().is_some_and(|&first| {
            self.group_or_gender_shapes[first as usize] & shape_bit(word.len()) != 0
        })
    }

    /// Whether a lower-cased word is a gender term, ignoring context.
    #[inline]
    pub fn is_gender_word(&self, word: &str) -> bool {
        // Every gender term starts with one of these letters; most words are out at once.
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        if !matches!(first, b'k' | b'm' | b'f' | b'p' | b't' | b'i') {
            return false;
        }
        if self.gender_shapes[first as usize] & shape_bit(word.len()) == 0 {
            return false;
        }
        if let Some(&second) = word.as_bytes().get(1) {
            let set = &self.gender_second[first as usize];
            if set[(second >> 6) as usize] & (1 << (second & 63)) == 0 {
                return false;
            }
        }
        self.gender_words.contains(word)
            || self
                .gender_prefixes
                .iter()
                .any(|p| word.starts_with(p.as_str()))
    }

    /// The lists around a number that a lower-cased word is in.
    #[inline]
    pub fn number_word(&self, word: &str) -> NumberWord {
        self.number_words.get(word).copied().unwrap_or_default()
    }

    /// Whether a lower-cased heading text names a gender section.
    pub fn is_gender_heading(&self, heading: &str) -> bool {
        match &self.gender_heading_any {
            Some(any) => any.is_match(heading),
            None => {
                self.gender_headings.iter().any(|r| r.is_match(heading))
                    || self
                        .extra_gender_headings
                        .iter()
                        .any(|r| r.is_match(heading))
            }
        }
    }

    /// Whether a word broken as `jäm- ställdhet` inside a line is joined before
    /// matching (§6.19): a group word, a gender term, or a word of a section or
    /// heading vocabulary.
    pub fn joins_split_word(&self, word: &str) -> bool {
        self.group_forms.contains_key(word)
            || self.is_gender_word(word)
            || self.vocabulary_words.contains(word)
            || self.is_gender_heading(word)
    }

    /// `line` with hyphen-space breaks (`Konsekvenser för jäm- ställdhet`) joined
    /// where [`RuleData::joins_split_word`] says so, for matching whole lines
    /// against the heading vocabularies.
    pub fn join_split_words<'a>(&self, line: &'a str) -> std::borrow::Cow<'a, str> {
        if !line.contains("- ") {
            return std::borrow::Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(at) = rest.find("- ") {
            let (before, after) = (&rest[..at], &rest[at + 2..]);
            let head_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map_or(before.len(), |(i, _)| i);
            let head = &before[head_start..];
            let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            let joined = format!("{head}{tail}").to_lowercase();
            let join = !head.is_empty()
                && tail.chars().next().is_some_and(char::is_lowercase)
                && !self.compound_joiners.contains(&tail)
                && self.joins_split_word(&joined);
            out.push_str(before);
            if !join {
                out.push_str("- ");
            }
            rest = after;
        }
        out.push_str(rest);
        std::borrow::Cow::Owned(out)
    }
}

/// `table → text` for one field (`sv`, `fix-en`, …) of messages.toml.
fn by_field(messages: &HashMap<String, String>, field: &str) -> HashMap<String, Template> {
    messages
        .iter()
        .filter_map(|(k, v)| {
            let (table, f) = k.split_once('.')?;
            (f == field).then(|| (table.to_string(), Template::new(v)))
        })
        .collect()
}

const CLASSES: [SuggestionClass; 4] = [
    SuggestionClass::Adults,
    SuggestionClass::Children,
    SuggestionClass::Everyone,
    SuggestionClass::YoungAdults,
];

/// The place of `class` in [`CLASSES`].
fn class_index(class: SuggestionClass) -> usize {
    match class {
        SuggestionClass::Adults => 0,
        SuggestionClass::Children => 1,
        SuggestionClass::Everyone => 2,
        SuggestionClass::YoungAdults => 3,
    }
}

fn suggestion_key(class: SuggestionClass) -> &'static str {
    match class {
        SuggestionClass::Adults => "suggestion.adults-sv",
        SuggestionClass::Children => "suggestion.children-sv",
        SuggestionClass::Everyone => "suggestion.everyone-sv",
        SuggestionClass::YoungAdults => "suggestion.young-adults-sv",
    }
}

fn example_key(class: SuggestionClass) -> &'static str {
    match class {
        SuggestionClass::Adults => "suggestion.adults-example",
        SuggestionClass::Children => "suggestion.children-example",
        SuggestionClass::Everyone => "suggestion.everyone-example",
        SuggestionClass::YoungAdults => "suggestion.young-adults-example",
    }
}

/// The text of `key` in `messages` (empty when there is none).
fn text_of(messages: &HashMap<String, String>, key: &str) -> String {
    messages.get(key).cloned().unwrap_or_default()
}

/// A message template cut at its `{name}` placeholders once, when the data
/// is built, so that filling it in is copying, without searching the text
/// for braces on every message. Unknown names are kept as written.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    text: String,
    parts: Vec<Part>,
}

/// A byte range of a template's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Copied as it is.
    Text(Range<usize>),
    /// The name between a `{` and the next `}`.
    Name(Range<usize>),
}

impl Template {
    fn new(text: &str) -> Template {
        let mut parts = Vec::new();
        let mut pos = 0;
        // Byte searches: `{` and `}` are ASCII, so the cuts are char boundaries.
        while let Some(open) = memchr::memchr(b'{', &text.as_bytes()[pos..]).map(|o| pos + o) {
            parts.push(Part::Text(pos..open));
            match memchr::memchr(b'}', &text.as_bytes()[open + 1..]) {
                Some(close) => {
                    parts.push(Part::Name(open + 1..open + 1 + close));
                    pos = open + 1 + close + 1;
                }
                None => {
                    // No closing brace: the rest is text, from `pos` on.
                    parts.pop();
                    break;
                }
            }
        }
        parts.push(Part::Text(pos..text.len()));
        parts.retain(|p| !matches!(p, Part::Text(r) if r.is_empty()));
        Template {
            text: text.to_string(),
            parts,
        }
    }

    /// The template with `args` filled in.
    fn fill(&self, args: &[(&str, &str)]) -> String {
        let values: usize = args.iter().map(|(_, v)| v.len()).sum();
        let mut out = String::with_capacity(self.text.len() + values);
        for part in &self.parts {
            match part {
                Part::Text(r) => out.push_str(self.text.get(r.clone()).unwrap_or_default()),
                Part::Name(r) => {
                    let name = self.text.get(r.clone()).unwrap_or_default();
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                }
            }
        }
        out
    }
}

/// One case-insensitive expression that matches where any of the built-in
/// and the configuration's `extra` patterns (each compiled case-insensitively)
/// does. `None` when there is none, when one may hold a `#` (a comment under
/// the `x` flag could swallow the group's closing parenthesis), or when the
/// alternation does not compile.
fn any_of(builtin: &[String], extra: &[String]) -> Option<Regex> {
    let patterns = || builtin.iter().chain(extra);
    if patterns().next().is_none() || patterns().any(|p| p.contains('#')) {
        return None;
    }
    // A flag set inside a group ends with the group: each keeps its own.
    let alternation = patterns()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    if extra.is_empty() {
        builtin_regex(&alternation, true).ok()
    } else {
        RegexBuilder::new(&alternation)
            .case_insensitive(true)
            .build()
            .ok()
    }
}

fn phr_marks(marks: &[String]) -> Vec<char> {
    marks.iter().filter_map(|m| m.chars().next()).collect()
}

/// Lower-cases a configured goal name and separates its words like the tokenizer does.
fn normalise_phrase(s: &str) -> String {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `{name}` placeholders by searching the text: the reference that
    /// [`Template::fill`] is tested against.
    fn fill(template: &str, args: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        // Byte searches: `{` and `}` are ASCII, so the cuts are char boundaries.
        while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match memchr::memchr(b'}', after.as_bytes()) {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn raw_lists() -> Vec<(String, Vec<String>)> {
        let lex: RawLexicon = toml::from_str(LEXICON_TOML).unwrap();
        let sec: RawSections = toml::from_str(SECTIONS_TOML).unwrap();
        let phr: RawPhrases = toml::from_str(PHRASES_TOML).unwrap();
        let mut all_forms = Vec::new();
        for g in &lex.group_word {
            all_forms.extend(g.forms.clone());
        }
        vec![
            ("group forms".into(), all_forms),
            (
                "lemmas".into(),
                lex.group_word.iter().map(|g| g.lemma.clone()).collect(),
            ),
            ("determiners".into(), lex.singular.determiners),
            ("alla followers".into(), lex.alla.followers),
            ("gender words".into(), lex.gender.words),
            ("heading patterns".into(), sec.gender.heading_patterns),
            ("case parts".into(), sec.case.parts),
            ("consequence labels".into(), sec.labels.consequence),
            ("known headings".into(), sec.headings.known),
            ("closing headings".into(), sec.closing.headings),
            ("placeholders".into(), sec.placeholder.texts),
            ("reasons".into(), phr.reason.phrases),
            ("differences".into(), phr.difference.phrases),
            ("measures".into(), phr.measure.phrases),
            ("goals".into(), phr.goal.phrases),
            ("factors".into(), phr.factor.phrases),
            ("abbreviations".into(), phr.sentence.abbreviations),
            ("reference words".into(), phr.figure.reference_before),
            ("months".into(), phr.figure.months),
        ]
    }

    #[test]
    fn templates_fill_in_one_pass() {
        assert_eq!(
            fill(
                "\"{word}\" → {suggestion}.",
                &[("word", "alla"), ("suggestion", "x{y}")]
            ),
            "\"alla\" → x{y}."
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn templates_cut_once_fill_as_fill_does() {
        let args = [("word", "alla"), ("suggestion", "x{y}"), ("count", "")];
        for text in [
            "",
            "plain",
            "\"{word}\" → {suggestion}.",
            "{word}{word}",
            "{unknown} {",
            "a {b{word}} c",
            "}{count}{",
            "{}",
            "ä{word}ö{",
        ] {
            assert_eq!(
                Template::new(text).fill(&args),
                fill(text, &args),
                "{text:?}"
            );
        }
        assert_eq!(
            Template::new("a {b} {c").parts,
            [Part::Text(0..2), Part::Name(3..4), Part::Text(5..8)]
        );
        let data = RuleData::build(&Config::default()).expect("built-in rule data");
        let args = [
            ("figure", "12 patienter"),
            ("heading", "H"),
            ("group", "elever"),
        ];
        for (key, template) in &data.lang_messages {
            assert_eq!(template.fill(&args), fill(&template.text, &args), "{key}");
        }
        for class in CLASSES {
            assert_eq!(data.suggestion(class), data.messages[suggestion_key(class)]);
            assert_eq!(data.example(class), data.messages[example_key(class)]);
        }
    }

    #[test]
    fn gender_terms_start_with_the_prefiltered_letters() {
        let lex: RawLexicon = toml::from_str(LEXICON_TOML).unwrap();
        for w in lex.gender.words.iter().chain(&lex.gender.prefixes) {
            assert!(
                "kmfpti".contains(&w[..1]),
                "`{w}`: extend the first-letter filter in is_gender_word"
            );
        }
    }

    #[test]
    fn builtin_data_compiles() {
        let data = RuleData::build(&Config::default()).expect("built-in rule data");
        assert!(data.group_forms.len() >= 60);
        assert_eq!(data.gender_headings.len(), 6);
        assert!(data.gender_heading_any.is_some());
        for pattern in data.gender_headings.iter().chain(&data.page_patterns) {
            assert!(pattern.full().is_some(), "{pattern:?}");
        }
    }

    #[test]
    fn the_joint_filter_keeps_every_group_form_and_gender_term() {
        let data = RuleData::build(&Config::default()).expect("built-in rule data");
        for w in data.group_forms.keys().chain(&data.gender_words) {
            assert!(data.may_be_group_or_gender(w.as_bytes()), "{w}");
        }
        for w in ["", "x", "qwerty", "beslut"] {
            assert!(
                !data.may_be_group_or_gender(w.as_bytes()) || data.group_form(w).is_none(),
                "{w}"
            );
        }
        assert!(!data.may_be_group_or_gender(b""));
        assert!(data.may_be_group_or_gender(b"kvinnor") && data.may_be_group_or_gender(b"elever"));
    }

    #[test]
    fn number_words_are_in_the_lists_they_stand_for() {
        let data = RuleData::build(&Config::default()).expect("built-in rule data");
        let phr: RawPhrases = parse("phrases.toml", PHRASES_TOML).expect("phrases");
        let f = &phr.figure;
        let lists = [
            (NumberWord::REFERENCE_BEFORE, set(&f.reference_before)),
            (NumberWord::MONTH, set(&f.months)),
            (NumberWord::MONEY_AFTER, set(&f.money_after)),
            (NumberWord::QUANTITY_AFTER, set(&f.quantity_after)),
            (NumberWord::MONEY_SCALE, set(&f.money_scale)),
            (NumberWord::PERCENT, set(&f.percent)),
        ];
        let words: HashSet<&String> = lists.iter().flat_map(|(_, set)| set.iter()).collect();
        assert_eq!(words.len(), data.number_words.len());
        for w in words {
            for (list, set) in &lists {
                assert_eq!(data.number_word(w).is(*list), set.contains(w), "{w}");
            }
        }
        assert_eq!(data.number_word("patienter"), NumberWord::default());
        assert!(data.number_word("procent").is(NumberWord::PERCENT));
        assert!(data.number_word("januari").is(NumberWord::MONTH));
    }

    #[test]
    fn gender_headings_joined_match_as_each_alone() {
        let sources = ["jämställd", "kön\\+", "(?-i)Ab", "x(?i)y"].map(String::from);
        let patterns: Vec<Regex> = sources
            .iter()
            .filter_map(|p| RegexBuilder::new(p).case_insensitive(true).build().ok())
            .collect();
        let any = any_of(&sources[..2], &sources[2..]).expect("joined");
        assert_eq!(
            any.as_str(),
            "(?:jämställd)|(?:kön\\+)|(?:(?-i)Ab)|(?:x(?i)y)"
        );
        for text in [
            "JÄMSTÄLLDHET",
            "kön+",
            "kön",
            "ab",
            "Ab",
            "aB",
            "xY",
            "Xy",
            "",
            "z",
        ] {
            assert_eq!(
                any.is_match(text),
                patterns.iter().any(|r| r.is_match(text)),
                "{text}"
            );
        }
        assert!(any_of(&[], &[]).is_none());
        assert!(any_of(&sources, &["(?x)a # b".to_string()]).is_none());
    }

    #[test]
    fn no_list_has_duplicates() {
        for (name, list) in raw_lists() {
            let mut seen = HashSet::default();
            for entry in &list {
                assert!(
                    seen.insert(entry.to_lowercase()),
                    "duplicate `{entry}` in {name}"
                );
                assert_eq!(
                    entry,
                    &entry.to_lowercase(),
                    "`{entry}` in {name} must be lower case"
                );
            }
        }
    }

    #[test]
    fn no_entry_is_unreachable() {
        let lex: RawLexicon = toml::from_str(LEXICON_TOML).unwrap();
        let data = RuleData::build(&Config::default()).unwrap();
        for g in &lex.group_word {
            for s in &g.singular_like {
                assert!(
                    g.forms.contains(s),
                    "singular-like `{s}` of {} is not one of its forms",
                    g.lemma
                );
            }
            for f in &g.forms {
                assert!(
                    !data.is_gender_word(f),
                    "group form `{f}` is also a gender term"
                );
                assert!(
                    f.chars().all(|c| c.is_alphabetic() || c == '-'),
                    "`{f}` is not one word"
                );
            }
        }
        // Every word list entry is one normalised word, as the tokenizer produces them.
        for w in lex
            .gender
            .words
            .iter()
            .chain(&lex.singular.determiners)
            .chain(&lex.alla.followers)
        {
            assert!(
                !w.contains(' '),
                "`{w}` has a space and can never match a single word"
            );
        }
        // Abbreviations are only consulted at a period, so each must end in one.
        let phr: RawPhrases = toml::from_str(PHRASES_TOML).unwrap();
        for a in &phr.sentence.abbreviations {
            assert!(
                a.ends_with('.'),
                "abbreviation `{a}` does not end in a period"
            );
        }
        // Case parts must be recognisable as plain-text headings too.
        for part in &data.case_parts {
            assert!(
                data.known_headings.contains(part),
                "case part `{part}` missing from known headings"
            );
        }
    }

    #[test]
    fn config_additions_are_compiled_in() {
        let config = Config::from_toml_str(
            "[lexicon]\ngroup-words = [\"kunder\"]\n[goals]\nnames = [\"Jämställd kommun 2030\"]\n[sections]\nconsequence-labels = [\"Trygghet\"]\n",
            "t.toml",
        )
        .unwrap();
        let data = RuleData::build(&config).unwrap();
        assert!(data.group_forms.contains_key("kunder"));
        assert!(data.consequence_labels.contains("trygghet"));
        let words = ["bidrar", "till", "jämställd", "kommun", "2030"];
        assert!(data.goal.find(&words, &|_| false).is_some());
    }
}
