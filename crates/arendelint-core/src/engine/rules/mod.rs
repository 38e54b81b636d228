//! The rules, one unit per file. A unit declares everything about its rule in
//! one place: the [`RuleMeta`] (id, name, level, default severity), the
//! one-line summary and the long explanation in both languages (from
//! `rules/explanations/`), its message keys in `rules/messages.toml`, and its
//! [`Check`]. [`UNITS`] lists them in the order they run; [`RULES`], the
//! documentation and `Rule`'s methods are built from them.
//!
//! Adding a rule: a variant of `Rule` (`registry.rs`), its unit file here and
//! a line in `units!` below, its data in `rules/`, its explanation files and its
//! tests (a fixture folder in `tests/fixtures/`).

mod arl001;
mod arl002;
mod jam001;
mod jam002;
mod jam003;
mod jam004;
mod jam005;
mod jam006;
mod jam007;

pub(crate) use arl001::UNKNOWN_RULE as ARL001_UNKNOWN_RULE;
pub(crate) use arl002::TOO_MANY as ARL002_TOO_MANY;

use super::figures::FigureFacts;
use super::sections::GenderSection;
use super::words::Facts;
use super::{Budget, Finding};
use crate::document::{Document, Scope};
use crate::lang::Lang;
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::{MessageKey, RuleData};
use crate::severity::Severity;
use std::cell::OnceCell;

/// What a check sees: the document, the compiled rule data, the per-document
/// facts (computed once, shared by all rules and scopes) and the scope being
/// checked (the whole document, or one case of an agenda).
pub(crate) struct Context<'a, 't> {
    pub doc: &'a Document<'t>,
    pub data: &'a RuleData,
    pub facts: &'a Facts,
    pub scope: &'a Scope,
    figures: &'a OnceCell<FigureFacts>,
    gender_sections: OnceCell<Vec<GenderSection>>,
    section_words: OnceCell<Vec<Vec<&'a str>>>,
}

impl<'a, 't> Context<'a, 't> {
    pub fn new(
        doc: &'a Document<'t>,
        data: &'a RuleData,
        facts: &'a Facts,
        scope: &'a Scope,
        figures: &'a OnceCell<FigureFacts>,
    ) -> Self {
        Context {
            doc,
            data,
            facts,
            scope,
            figures,
            gender_sections: OnceCell::new(),
            section_words: OnceCell::new(),
        }
    }

    /// The document's figures and counted nouns, computed on first use (only
    /// when JAM003 or JAM004 is on).
    pub fn figures(&self) -> &FigureFacts {
        self.figures
            .get_or_init(|| FigureFacts::compute(self.doc, self.data, self.facts))
    }

    /// The scope's gender sections and how each reads, computed on first use.
    pub fn gender_sections(&self) -> &[GenderSection] {
        self.gender_sections
            .get_or_init(|| super::sections::gender_sections(self.doc, self.data, self.scope))
    }

    /// The words of each gender section's body when it is an analysis (none
    /// for the others), in the order of [`Context::gender_sections`]: read once
    /// for JAM005–JAM007.
    pub fn section_words(&self) -> &[Vec<&'a str>] {
        self.section_words.get_or_init(|| {
            self.gender_sections()
                .iter()
                .map(|g| super::sections::analysis_words(self.doc, g))
                .collect()
        })
    }
}

/// The one signature of a rule's check: it looks at the context and pushes its
/// findings, asking the [`Budget`] first (`admit` for span findings, which are
/// capped; `wanted` for document and section findings, which are not).
pub(crate) type Check = fn(&Context, &mut Budget, &mut Vec<Finding>);

/// Everything about one rule.
pub(crate) struct RuleDef {
    pub meta: RuleMeta,
    /// One line: Swedish, English.
    pub summary: [&'static str; 2],
    /// `rules/explanations/{sv,en}/ID.md`.
    pub explanation: [&'static str; 2],
    /// Its tables in `rules/messages.toml` (the tests check that they are
    /// exactly the file's tables).
    #[cfg_attr(not(test), allow(dead_code))]
    pub messages: &'static [MessageKey],
    /// `None` for arendelint's own rules, which the engine reports itself
    /// (ARL001 while reading suppressions, ARL002 at the cap).
    pub check: Option<Check>,
}

macro_rules! units {
    ($($unit:ident),* $(,)?) => {
        /// Every unit, in the order the checks run: the span rules first
        /// (JAM004 before JAM003: they share the cap on findings), then the
        /// document and section rules.
        pub(crate) const UNITS: &[&RuleDef] = &[$(&$unit::RULE),*];
        const BY_RULE: [&RuleDef; [$(stringify!($unit)),*].len()] = by_rule([$(&$unit::RULE),*]);
    };
}

units![jam004, jam003, jam001, jam002, jam005, jam006, jam007, arl001, arl002];

/// The units indexed by `Rule` (selection sort: this runs at compile time).
const fn by_rule<const N: usize>(mut units: [&'static RuleDef; N]) -> [&'static RuleDef; N] {
    let mut i = 0;
    while i < N {
        let mut min = i;
        let mut j = i + 1;
        while j < N {
            if (units[j].meta.rule as usize) < (units[min].meta.rule as usize) {
                min = j;
            }
            j += 1;
        }
        let t = units[i];
        units[i] = units[min];
        units[min] = t;
        i += 1;
    }
    units
}

const fn metas<const N: usize>(units: [&'static RuleDef; N]) -> [RuleMeta; N] {
    let mut out = [units[0].meta; N];
    let mut i = 0;
    while i < N {
        out[i] = units[i].meta;
        i += 1;
    }
    out
}

const ALL_META: [RuleMeta; BY_RULE.len()] = metas(BY_RULE);

/// All rules, in the order they are listed to users (the order of `Rule`).
pub const RULES: &[RuleMeta] = &ALL_META;

/// Where the rule documentation is published (`codeDescription` in the LSP, `helpUri` in SARIF).
pub const DOCS_BASE_URL: &str =
    "https://github.com/arendelint/arendelint/blob/main/rules/explanations";

fn pick(lang: Lang, [sv, en]: [&'static str; 2]) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

impl Rule {
    fn unit(self) -> &'static RuleDef {
        BY_RULE[self as usize]
    }

    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    /// The id users write: `JAM003`.
    pub fn code(self) -> &'static str {
        self.meta().code
    }

    /// The kebab-case name: `ungendered-target-group`.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    pub fn default_severity(self) -> Option<Severity> {
        self.meta().default_severity
    }

    pub fn level(self) -> Level {
        self.meta().level
    }

    /// Looks a rule up by id (`JAM003`, case-insensitive) or name.
    pub fn from_code(s: &str) -> Option<Rule> {
        RULES
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(s) || m.name == s)
            .map(|m| m.rule)
    }

    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|m| m.rule)
    }

    /// The rule's documentation page in `lang` (`codeDescription` in the LSP,
    /// `helpUri` in SARIF).
    pub fn documentation_url(self, lang: Lang) -> String {
        format!("{DOCS_BASE_URL}/{}/{}.md", lang.as_str(), self.code())
    }

    /// The rule's long explanation as Markdown: what it checks, why (with the
    /// source: SKR's checklist step, Förordning (2001:100) 14 §), how to fix it.
    pub fn explanation(self, lang: Lang) -> &'static str {
        pick(lang, self.unit().explanation)
    }

    /// A one-line description of the rule.
    pub fn summary(self, lang: Lang) -> &'static str {
        pick(lang, self.unit().summary)
    }
}

#[cfg(test)]
mod tests;
