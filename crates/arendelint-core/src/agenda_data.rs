//! The agenda forms of `rules/sections.toml` (`[agenda]`), compiled: rule
//! data that the document model reads agenda lines with.

use crate::builtin_regex::LazyRegex;
use rustc_hash::FxHashSet as HashSet;

/// The `[agenda]` table of `sections.toml`, as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawAgenda {
    pub bullets: Vec<String>,
    pub item_words: Vec<String>,
    pub committee: String,
    pub not_committees: Vec<String>,
    pub title_max_words: usize,
    pub closing_max_words: usize,
    pub dnr_labels: Vec<String>,
    pub metadata_labels: Vec<String>,
    pub dnr_part: String,
    pub dnr_unlabelled: String,
}

/// The `[agenda]` table, compiled (its patterns in full only when text needs
/// them).
#[derive(Debug, Clone)]
pub(crate) struct AgendaData {
    pub bullets: Vec<char>,
    pub item_words: HashSet<String>,
    pub committee: LazyRegex,
    pub not_committees: HashSet<String>,
    pub title_max_words: usize,
    /// After the last item of a bare kallelse, this much text (a signature,
    /// "Välkomna!") is closing matter, not case text.
    pub closing_max_words: usize,
    pub dnr_label: LazyRegex,
    pub metadata_labels: Vec<String>,
    pub dnr_part: LazyRegex,
    pub dnr_unlabelled: LazyRegex,
}

impl AgendaData {
    /// Compiles the table; the error names the bad entry.
    pub fn compile(raw: &RawAgenda) -> Result<AgendaData, String> {
        // Built-in patterns: compiled once per process.
        let build = |what: &str, p: &str| {
            LazyRegex::new(p, false).map_err(|e| format!("agenda {what} `{p}`: {e}"))
        };
        let mut labels: Vec<String> = raw.dnr_labels.iter().map(|l| l.to_lowercase()).collect();
        // The longest label first, so that `vårt dnr` wins over `dnr`.
        labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        let alternatives: Vec<String> = labels
            .iter()
            .map(|l| regex::escape(l).replace(' ', r"\s+"))
            .collect();
        let label = format!(r"\b(?:{})\b\.?\s*:?\s*", alternatives.join("|"));
        Ok(AgendaData {
            bullets: raw
                .bullets
                .iter()
                .filter_map(|b| b.chars().next())
                .collect(),
            item_words: raw.item_words.iter().map(|w| w.to_lowercase()).collect(),
            committee: build("committee", &raw.committee)?,
            not_committees: raw
                .not_committees
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            title_max_words: raw.title_max_words,
            closing_max_words: raw.closing_max_words,
            dnr_label: LazyRegex::new(&label, true)
                .map_err(|e| format!("agenda dnr-labels: {e}"))?,
            metadata_labels: raw
                .metadata_labels
                .iter()
                .map(|l| l.to_lowercase())
                .collect(),
            dnr_part: build("dnr-part", &raw.dnr_part)?,
            dnr_unlabelled: build("dnr-unlabelled", &raw.dnr_unlabelled)?,
        })
    }
}
