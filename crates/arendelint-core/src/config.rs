//! `arendelint.toml`: parsed from a string (no file access here; see [`crate::fs`]).

use crate::diagnostic::Severity;
use crate::registry::Rule;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

pub use crate::lang::Lang;

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
#[non_exhaustive]
pub struct ExtraGroupWord {
    pub forms: Vec<String>,
    pub class: SuggestionClass,
}

impl ExtraGroupWord {
    pub fn new(forms: Vec<String>, class: SuggestionClass) -> ExtraGroupWord {
        ExtraGroupWord { forms, class }
    }
}

/// The effective configuration of one run (or one document in the language server).
///
/// Start from [`Config::default`] or [`Config::from_toml_str`] and set fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
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

pub use crate::config_error::{ConfigError, ConfigProblem};

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
fn group_word(value: &toml::Value) -> Result<ExtraGroupWord, ConfigProblem> {
    match value {
        toml::Value::String(form) => Ok(ExtraGroupWord {
            forms: vec![form.clone()],
            class: SuggestionClass::Adults,
        }),
        toml::Value::Table(table) => {
            if let Some(key) = table.keys().find(|k| *k != "forms" && *k != "suggestion") {
                return Err(ConfigProblem::GroupWordUnknownKey { name: key.clone() });
            }
            let forms = match table.get("forms") {
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .filter(|f| !f.is_empty())
                    .ok_or(ConfigProblem::GroupWordNeedsForms)?,
                _ => return Err(ConfigProblem::GroupWordNeedsForms),
            };
            let class = match table.get("suggestion") {
                None => SuggestionClass::Adults,
                Some(v) => match v.as_str() {
                    Some("adults") => SuggestionClass::Adults,
                    Some("children") => SuggestionClass::Children,
                    Some("everyone") => SuggestionClass::Everyone,
                    _ => {
                        return Err(ConfigProblem::GroupWordBadSuggestion {
                            value: v.as_str().map_or_else(|| v.to_string(), str::to_string),
                        })
                    }
                },
            };
            Ok(ExtraGroupWord { forms, class })
        }
        _ => Err(ConfigProblem::GroupWordShape),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSections {
    gender_headings: Option<Vec<Spanned<String>>>,
    consequence_labels: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGoals {
    names: Option<Vec<Spanned<String>>>,
}

impl Config {
    /// Parses the text of an `arendelint.toml`. `origin` names it in errors.
    ///
    /// ```
    /// use arendelint_core::{Config, Lang, Rule};
    ///
    /// let config = Config::from_toml_str("[rules]\nJAM007 = \"info\"\n", "arendelint.toml")
    ///     .expect("a valid configuration");
    /// assert!(config.severity(Rule::Jam007).is_some());
    /// let error = Config::from_toml_str("[rules]\nJAM003 = 1\n", "arendelint.toml").unwrap_err();
    /// assert_eq!(error.location(), "arendelint.toml:2:10");
    /// assert_eq!(
    ///     error.message(Lang::En),
    ///     "key `rules.JAM003`: wrong type: an integer where a string is expected"
    /// );
    /// ```
    ///
    /// Unknown keys, unknown rule ids, bad severities, languages, globs and
    /// patterns are errors that give the line and column.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let at = |span: Range<usize>, problem: ConfigProblem| {
            let (line, column) = line_col(text, span.start);
            ConfigError::new(origin, problem)
                .at(line, column)
                .in_key(key_at(text, span.start))
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let problem = toml_problem(e.message());
            match e.span() {
                Some(span) => {
                    let error = at(span.clone(), problem);
                    // An unknown key names itself: no need to repeat it as the key.
                    match &*error.problem {
                        ConfigProblem::UnknownKey { .. } => error.in_key(None),
                        _ => error,
                    }
                }
                None => ConfigError::new(origin, problem),
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
                    ConfigProblem::BadLang {
                        value: lang.get_ref().clone(),
                    },
                )
            })?;
        }
        for (key, value) in raw.rules.unwrap_or_default() {
            let rule = Rule::from_code(key.get_ref()).ok_or_else(|| {
                at(
                    key.span(),
                    ConfigProblem::UnknownRule {
                        value: key.get_ref().clone(),
                    },
                )
            })?;
            let setting = parse_setting(value.get_ref()).ok_or_else(|| {
                at(
                    value.span(),
                    ConfigProblem::BadSeverity {
                        value: value.get_ref().clone(),
                    },
                )
            })?;
            config.severities.insert(rule, setting);
        }
        if let Some(lexicon) = raw.lexicon {
            for entry in lexicon.group_words.unwrap_or_default() {
                let span = entry.span();
                let word = group_word(entry.get_ref()).map_err(|p| at(span.clone(), p))?;
                if let Some(bad) = word.forms.iter().find(|f| !is_single_word(f)) {
                    return Err(at(
                        span,
                        ConfigProblem::GroupWordNotOneWord { value: bad.clone() },
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
                check_heading_pattern(pattern.get_ref()).map_err(|p| at(pattern.span(), p))?;
                config.extra_gender_headings.push(pattern.into_inner());
            }
            for label in sections.consequence_labels.unwrap_or_default() {
                if label.get_ref().trim().is_empty() {
                    return Err(at(label.span(), ConfigProblem::EmptyValue));
                }
                config.extra_consequence_labels.push(label.into_inner());
            }
        }
        if let Some(goals) = raw.goals {
            for name in goals.names.unwrap_or_default() {
                // A goal name must hold a word: an empty one would match nothing
                // (and "" as a phrase cannot be compiled).
                if !name.get_ref().chars().any(char::is_alphanumeric) {
                    return Err(at(name.span(), ConfigProblem::EmptyValue));
                }
                config.goal_names.push(name.into_inner());
            }
        }
        for (field, list) in [("include", raw.include), ("exclude", raw.exclude)] {
            for glob in list.unwrap_or_default() {
                if let Err(e) = globset::Glob::new(glob.get_ref()) {
                    return Err(at(
                        glob.span(),
                        ConfigProblem::BadGlob {
                            value: glob.get_ref().clone(),
                            detail: e.kind().to_string(),
                        },
                    ));
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

/// A gender-heading pattern must compile and must not match the empty text,
/// which would make every heading a gender section.
pub(crate) fn check_heading_pattern(pattern: &str) -> Result<(), ConfigProblem> {
    let regex = regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| ConfigProblem::BadPattern {
            value: pattern.to_string(),
            detail: regex_detail(&e),
        })?;
    if regex.is_match("") {
        return Err(ConfigProblem::PatternMatchesEmpty {
            value: pattern.to_string(),
        });
    }
    Ok(())
}

/// The last line of the regex crate's multi-line error ("error: unclosed group").
fn regex_detail(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

/// The typed problem of a TOML/serde error message.
fn toml_problem(message: &str) -> ConfigProblem {
    let message = message.trim();
    let quoted = |s: &str| -> Option<String> {
        let start = s.find('`')? + 1;
        let len = s[start..].find('`')?;
        Some(s[start..start + len].to_string())
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = quoted(rest).unwrap_or_default();
        let expected = rest
            .split_once("expected")
            .map(|(_, list)| {
                list.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        return ConfigProblem::UnknownKey { name, expected };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return ConfigProblem::WrongType {
                found: found.to_string(),
                expected: expected.to_string(),
            };
        }
    }
    if message.starts_with("duplicate key") {
        return ConfigProblem::DuplicateKey {
            name: quoted(message).unwrap_or_default(),
        };
    }
    ConfigProblem::Syntax {
        detail: message.to_string(),
    }
}

/// The dotted key at a byte offset of a TOML text (`rules.JAM003`), read from
/// the line's `key =` and the table header above it.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = crate::line_index::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !k.starts_with('['));
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k),
        (Some(t), None) => Some(t),
        (None, None) => None,
    }
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
        assert!(err.message(Lang::En).contains("colour"), "{err}");
        assert!(
            err.to_string().starts_with("a/arendelint.toml:3:1: "),
            "{err}"
        );
    }

    #[test]
    fn unknown_rule_and_bad_severity_are_located() {
        let err = Config::from_toml_str("[rules]\nJAM999 = \"off\"\n", "c.toml").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message(Lang::En).contains("JAM999"));
        let err = Config::from_toml_str("[rules]\nJAM003 = \"loud\"\n", "c.toml").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(10)));
        assert!(err.message(Lang::En).contains("loud"));
    }

    #[test]
    fn bad_pattern_glob_and_lang_are_errors() {
        for (text, needle) in [
            (
                "[sections]\ngender-headings = [\"(\"]\n",
                "invalid regular expression",
            ),
            ("exclude = [\"[\"]\n", "glob"),
            ("lang = \"de\"\n", "invalid language"),
            ("[lexicon]\ngroup-words = [\"två ord\"]\n", "one word"),
            (
                "[lexicon]\ngroup-words = [{ forms = [\"a\"], sugestion = \"adults\" }]\n",
                "unknown key `sugestion`",
            ),
            (
                "[lexicon]\ngroup-words = [{ forms = [\"a\"], suggestion = \"vuxna\" }]\n",
                "invalid `suggestion` `vuxna`",
            ),
        ] {
            let err = Config::from_toml_str(text, "c.toml").unwrap_err();
            assert!(err.message(Lang::En).contains(needle), "{text}: {err}");
            assert!(err.line.is_some());
        }
    }

    #[test]
    fn patterns_matching_the_empty_text_are_refused_with_line_and_key() {
        for pattern in ["", "a*", "(jämställd)?", "^"] {
            let text = format!("[sections]\ngender-headings = [\"jämställd\", {pattern:?}]\n");
            let err = Config::from_toml_str(&text, "a.toml").unwrap_err();
            assert_eq!(err.line, Some(2), "{pattern:?}");
            assert_eq!(err.key.as_deref(), Some("sections.gender-headings"));
            assert_eq!(
                *err.problem,
                ConfigProblem::PatternMatchesEmpty {
                    value: pattern.to_string()
                }
            );
            assert!(err.message(Lang::Sv).contains("matchar en tom text"));
        }
    }

    #[test]
    fn wrong_types_and_empty_goals_name_line_and_key_in_each_language() {
        let err = Config::from_toml_str("[rules]\nJAM003 = 1\n", "a.toml").unwrap_err();
        assert_eq!(err.location(), "a.toml:2:10");
        assert_eq!(
            err.message(Lang::Sv),
            "nyckeln `rules.JAM003`: fel typ: ett heltal där en sträng väntas"
        );
        assert_eq!(
            err.message(Lang::En),
            "key `rules.JAM003`: wrong type: an integer where a string is expected"
        );
        let err =
            Config::from_toml_str("[goals]\nnames = [\"Mål 1\", \"  \"]\n", "a.toml").unwrap_err();
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(2), Some("goals.names"))
        );
        assert_eq!(
            err.message(Lang::Sv),
            "nyckeln `goals.names`: värdet är tomt; skriv minst ett ord"
        );
    }

    #[test]
    fn unknown_keys_list_the_valid_ones_and_huge_values_are_cut() {
        let err = Config::from_toml_str("colour = 1\n", "a.toml").unwrap_err();
        assert_eq!(err.location(), "a.toml:1:1");
        assert!(err
            .message(Lang::Sv)
            .starts_with("okänd nyckel `colour`; giltiga: `lang`, `include`"));
        let huge = "x".repeat(10 * 1024 * 1024);
        let err = Config::from_toml_str(&format!("lang = \"{huge}\"\n"), "a.toml").unwrap_err();
        for lang in [Lang::Sv, Lang::En] {
            let m = err.message(lang);
            assert!(m.chars().count() <= 200, "{} chars", m.chars().count());
        }
    }

    #[test]
    fn an_empty_configuration_is_valid() {
        assert_eq!(
            Config::from_toml_str("", "a.toml").map(|c| c.severities.len()),
            Ok(0)
        );
        assert!(Config::from_toml_str("# bara en kommentar\n", "a.toml").is_ok());
    }
}
