//! `arendelint.toml`: parsed from a string (no file access here; see [`crate::fs`]).

use crate::diagnostic::Severity;
use crate::registry::Rule;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// The language of messages, explanations and fix descriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "en-gb" | "en-us" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// Which gendered wording a group word's suggestion names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionClass {
    /// *kvinnor och män*
    Adults,
    /// *flickor och pojkar*
    Children,
    /// *kvinnor och män, flickor och pojkar*
    Everyone,
    /// *unga kvinnor och män*: youths said to be adults (§6.20).
    YoungAdults,
}

/// A group word added by an organisation: the forms that name a group of people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraGroupWord {
    pub forms: Vec<String>,
    pub class: SuggestionClass,
}

/// The effective configuration of one run (or one document in the language server).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Where the configuration came from, for messages (`None` for built-in defaults).
    pub origin: Option<String>,
    pub lang: Lang,
    /// Per-rule overrides: `None` turns the rule off.
    pub severities: BTreeMap<Rule, Option<Severity>>,
    pub extra_group_words: Vec<ExtraGroupWord>,
    /// Case-insensitive regular expressions; a heading matching one is a gender section.
    pub extra_gender_headings: Vec<String>,
    /// Extra labels that make a `Label: …` paragraph a section (contract §6.11).
    pub extra_consequence_labels: Vec<String>,
    /// Organisation goal names that satisfy JAM006.
    pub goal_names: Vec<String>,
    /// Glob patterns, relative to the configuration file's folder.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// A configuration that could not be used: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or `<settings>` for editor settings).
    pub origin: String,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.origin, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.origin, l, self.message),
            _ => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    lang: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    lexicon: Option<RawLexicon>,
    sections: Option<RawSections>,
    goals: Option<RawGoals>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLexicon {
    /// A form (`"kunder"`) or a table `{ forms = [...], suggestion = "adults" }`;
    /// read by hand so that a mistake gets a precise message.
    group_words: Option<Vec<Spanned<toml::Value>>>,
}

/// Reads one `group-words` entry.
fn group_word(value: &toml::Value) -> Result<ExtraGroupWord, String> {
    match value {
        toml::Value::String(form) => Ok(ExtraGroupWord {
            forms: vec![form.clone()],
            class: SuggestionClass::Adults,
        }),
        toml::Value::Table(table) => {
            if let Some(key) = table.keys().find(|k| *k != "forms" && *k != "suggestion") {
                return Err(format!(
                    "unknown key `{key}` in a group word: expected `forms` and `suggestion`"
                ));
            }
            let forms = match table.get("forms") {
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .filter(|f| !f.is_empty())
                    .ok_or("`forms` must be a non-empty list of strings")?,
                _ => return Err("a group word table needs `forms = [\"…\", …]`".into()),
            };
            let class = match table.get("suggestion").map(|v| v.as_str()) {
                None => SuggestionClass::Adults,
                Some(Some("adults")) => SuggestionClass::Adults,
                Some(Some("children")) => SuggestionClass::Children,
                Some(Some("everyone")) => SuggestionClass::Everyone,
                Some(_) => {
                    return Err(
                        "`suggestion` must be \"adults\", \"children\" or \"everyone\"".into(),
                    )
                }
            };
            Ok(ExtraGroupWord { forms, class })
        }
        _ => Err(
            "a group word is a string or a table { forms = [...], suggestion = \"adults\" }".into(),
        ),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSections {
    gender_headings: Option<Vec<Spanned<String>>>,
    consequence_labels: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGoals {
    names: Option<Vec<String>>,
}

impl Config {
    /// Parses the text of an `arendelint.toml`. `origin` names it in errors.
    ///
    /// Unknown keys, unknown rule ids, bad severities, languages, globs and
    /// patterns are errors that give the line and column.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let at = |span: Range<usize>, message: String| {
            let (line, column) = line_col(text, span.start);
            ConfigError {
                origin: origin.to_string(),
                line: Some(line),
                column: Some(column),
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => at(span, message),
                None => ConfigError {
                    origin: origin.to_string(),
                    line: None,
                    column: None,
                    message,
                },
            }
        })?;

        let mut config = Config {
            origin: Some(origin.to_string()),
            ..Config::default()
        };
        if let Some(lang) = raw.lang {
            config.lang = Lang::parse(lang.get_ref()).ok_or_else(|| {
                at(
                    lang.span(),
                    format!(
                        "invalid `lang` value `{}`: expected \"sv\" or \"en\"",
                        lang.get_ref()
                    ),
                )
            })?;
        }
        for (key, value) in raw.rules.unwrap_or_default() {
            let rule = Rule::from_code(key.get_ref()).ok_or_else(|| {
                at(
                    key.span(),
                    format!(
                        "unknown rule `{}` in [rules]: run `arendelint rules` for the list",
                        key.get_ref()
                    ),
                )
            })?;
            let setting = parse_setting(value.get_ref()).ok_or_else(|| {
                at(
                    value.span(),
                    format!(
                        "invalid severity `{}` for {}: expected \"off\", \"info\", \"warning\" or \"error\"",
                        value.get_ref(),
                        rule.code()
                    ),
                )
            })?;
            config.severities.insert(rule, setting);
        }
        if let Some(lexicon) = raw.lexicon {
            for entry in lexicon.group_words.unwrap_or_default() {
                let span = entry.span();
                let word = group_word(entry.get_ref()).map_err(|m| at(span.clone(), m))?;
                if let Some(bad) = word.forms.iter().find(|f| !is_single_word(f)) {
                    return Err(at(
                        span,
                        format!("group word `{bad}` must be one word of letters (hyphens inside allowed)"),
                    ));
                }
                config.extra_group_words.push(ExtraGroupWord {
                    forms: word.forms.iter().map(|f| f.to_lowercase()).collect(),
                    class: word.class,
                });
            }
        }
        if let Some(sections) = raw.sections {
            for pattern in sections.gender_headings.unwrap_or_default() {
                if let Err(e) = regex::RegexBuilder::new(pattern.get_ref())
                    .case_insensitive(true)
                    .build()
                {
                    return Err(at(
                        pattern.span(),
                        format!("invalid heading pattern `{}`: {e}", pattern.get_ref()),
                    ));
                }
                config.extra_gender_headings.push(pattern.into_inner());
            }
            config.extra_consequence_labels = sections.consequence_labels.unwrap_or_default();
        }
        if let Some(goals) = raw.goals {
            config.goal_names = goals.names.unwrap_or_default();
        }
        for (field, list) in [("include", raw.include), ("exclude", raw.exclude)] {
            for glob in list.unwrap_or_default() {
                if let Err(e) = globset::Glob::new(glob.get_ref()) {
                    return Err(at(glob.span(), format!("invalid `{field}` glob: {e}")));
                }
                let target = if field == "include" {
                    &mut config.include
                } else {
                    &mut config.exclude
                };
                target.push(glob.into_inner());
            }
        }
        Ok(config)
    }

    /// The severity a rule runs at under this configuration (`None`: off).
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.severities.get(&rule) {
            Some(setting) => *setting,
            None => rule.default_severity(),
        }
    }

    /// Sets a rule's severity (`None` turns it off), e.g. from editor settings.
    pub fn set_severity(&mut self, rule: Rule, severity: Option<Severity>) {
        self.severities.insert(rule, severity);
    }
}

/// Parses `off | info | warning | error`; `Some(None)` is off.
pub fn parse_setting(s: &str) -> Option<Option<Severity>> {
    if s.eq_ignore_ascii_case("off") {
        Some(None)
    } else {
        Severity::parse(s).map(Some)
    }
}

fn is_single_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_alphabetic() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// 1-based line and char column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = crate::line_index::floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_parses() {
        let text = r#"
lang = "en"
include = ["ärenden/**/*.md"]
exclude = ["arkiv/**"]

[rules]
JAM007 = "info"
JAM005 = "off"
no-equality-goal-link = "warning"

[lexicon]
group-words = ["kunder", { forms = ["anhöriga", "anhörigas"], suggestion = "adults" }]

[sections]
gender-headings = ["likabehandling"]
consequence-labels = ["Trygghet"]

[goals]
names = ["Jämställd region 2030"]
"#;
        let c = Config::from_toml_str(text, "arendelint.toml").unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.severity(Rule::Jam007), Some(Severity::Info));
        assert_eq!(c.severity(Rule::Jam005), None);
        assert_eq!(c.severity(Rule::Jam006), Some(Severity::Warning));
        assert_eq!(c.severity(Rule::Jam003), Some(Severity::Warning));
        assert_eq!(c.extra_group_words.len(), 2);
        assert_eq!(c.extra_group_words[1].forms, vec!["anhöriga", "anhörigas"]);
        assert_eq!(c.extra_gender_headings, vec!["likabehandling"]);
        assert_eq!(c.goal_names, vec!["Jämställd region 2030"]);
        assert_eq!(c.include, vec!["ärenden/**/*.md"]);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = Config::from_toml_str("lang = \"sv\"\n\ncolour = true\n", "a/arendelint.toml")
            .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("colour"), "{err}");
        assert!(
            err.to_string().starts_with("a/arendelint.toml:3:1: "),
            "{err}"
        );
    }

    #[test]
    fn unknown_rule_and_bad_severity_are_located() {
        let err = Config::from_toml_str("[rules]\nJAM999 = \"off\"\n", "c.toml").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message.contains("JAM999"));
        let err = Config::from_toml_str("[rules]\nJAM003 = \"loud\"\n", "c.toml").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(10)));
        assert!(err.message.contains("loud"));
    }

    #[test]
    fn bad_pattern_glob_and_lang_are_errors() {
        for (text, needle) in [
            ("[sections]\ngender-headings = [\"(\"]\n", "heading pattern"),
            ("exclude = [\"[\"]\n", "glob"),
            ("lang = \"de\"\n", "lang"),
            ("[lexicon]\ngroup-words = [\"två ord\"]\n", "one word"),
            (
                "[lexicon]\ngroup-words = [{ forms = [\"a\"], sugestion = \"adults\" }]\n",
                "unknown key `sugestion`",
            ),
            (
                "[lexicon]\ngroup-words = [{ forms = [\"a\"], suggestion = \"vuxna\" }]\n",
                "`suggestion` must be",
            ),
        ] {
            let err = Config::from_toml_str(text, "c.toml").unwrap_err();
            assert!(err.message.contains(needle), "{text}: {err}");
            assert!(err.line.is_some());
        }
    }
}
