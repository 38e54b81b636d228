//! Why a configuration cannot be used: where (file, line, column, key) and a
//! typed problem that is rendered in Swedish or English, one language per
//! message, one line, quoting at most [`MAX_QUOTED_CHARS`] of a value.

use crate::lang::Lang;
use std::fmt;

/// Values in messages are cut to this many characters (a 10 MB value is not echoed).
pub const MAX_QUOTED_CHARS: usize = 80;

/// A configuration that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigError {
    /// The file (or `<settings>` for editor settings).
    pub origin: String,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The key the problem is in, dotted: `rules.JAM003`, `sections.gender-headings`.
    pub key: Option<String>,
    /// Boxed: errors travel in `Result`s that should stay small.
    pub problem: Box<ConfigProblem>,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigProblem {
    NotFound,
    PermissionDenied,
    /// Another I/O error; `detail` is the system's text (English).
    Unreadable {
        detail: String,
    },
    TooLarge {
        limit_bytes: u64,
    },
    /// A FIFO, device or folder: reading it could block or never end.
    NotAFile,
    NotUtf8,
    /// The TOML syntax is broken; `detail` is the parser's text (English).
    Syntax {
        detail: String,
    },
    UnknownKey {
        name: String,
        expected: Vec<String>,
    },
    WrongType {
        found: String,
        expected: String,
    },
    DuplicateKey {
        name: String,
    },
    BadLang {
        value: String,
    },
    UnknownRule {
        value: String,
    },
    BadSeverity {
        value: String,
    },
    GroupWordNotOneWord {
        value: String,
    },
    GroupWordUnknownKey {
        name: String,
    },
    GroupWordNeedsForms,
    GroupWordBadSuggestion {
        value: String,
    },
    GroupWordShape,
    BadPattern {
        value: String,
        detail: String,
    },
    /// A heading pattern that matches the empty string would match every heading.
    PatternMatchesEmpty {
        value: String,
    },
    BadGlob {
        value: String,
        detail: String,
    },
    /// An empty goal name, label or word: it would match everything or nothing.
    EmptyValue,
    /// The built-in rule data is broken (a bug in arendelint, not in the file).
    BuiltIn {
        detail: String,
    },
}

impl ConfigError {
    /// An error at no particular line.
    pub fn new(origin: impl Into<String>, problem: ConfigProblem) -> ConfigError {
        ConfigError {
            origin: origin.into(),
            line: None,
            column: None,
            key: None,
            problem: Box::new(problem),
        }
    }

    /// The same error at a line and column.
    pub fn at(mut self, line: usize, column: usize) -> ConfigError {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same error in `key`.
    pub fn in_key(mut self, key: Option<String>) -> ConfigError {
        self.key = key;
        self
    }

    /// `file:line:column` (as far as known).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.origin),
            (Some(l), None) => format!("{}:{l}", self.origin),
            _ => self.origin.clone(),
        }
    }

    /// What is wrong, with the key, in one language and on one line.
    pub fn message(&self, lang: Lang) -> String {
        let problem = problem_text(&self.problem, lang);
        let text = match (&self.key, lang) {
            (Some(key), Lang::Sv) => format!("nyckeln `{}`: {problem}", cut(key)),
            (Some(key), Lang::En) => format!("key `{}`: {problem}", cut(key)),
            (None, _) => problem,
        };
        one_line(&text)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message(Lang::En))
    }
}

impl std::error::Error for ConfigError {}

/// A value for a message: at most [`MAX_QUOTED_CHARS`] characters, on one line.
pub fn cut(value: &str) -> String {
    let flat = one_line(value);
    if flat.chars().count() <= MAX_QUOTED_CHARS {
        return flat;
    }
    let mut out: String = flat.chars().take(MAX_QUOTED_CHARS).collect();
    out.push('…');
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn problem_text(problem: &ConfigProblem, lang: Lang) -> String {
    use ConfigProblem as P;
    let sv = lang == Lang::Sv;
    match problem {
        P::NotFound => pick(sv, "filen finns inte", "no such file"),
        P::PermissionDenied => pick(sv, "åtkomst nekad", "permission denied"),
        P::Unreadable { detail } => {
            if sv {
                "kan inte läsa filen".into()
            } else {
                format!("cannot read the file: {}", cut(detail))
            }
        }
        P::TooLarge { limit_bytes } => {
            let kib = limit_bytes / 1024;
            if sv {
                format!("filen är större än {kib} KiB; en konfiguration är några rader")
            } else {
                format!("the file is larger than {kib} KiB; a configuration is a few lines")
            }
        }
        P::NotAFile => pick(
            sv,
            "är ingen vanlig fil (t.ex. en pipe eller en enhet); ange en fil",
            "is not a regular file (e.g. a pipe or a device); give a file",
        ),
        P::NotUtf8 => pick(
            sv,
            "filen är inte UTF-8; spara den som UTF-8",
            "the file is not UTF-8; save it as UTF-8",
        ),
        P::Syntax { detail } => {
            if sv {
                "ogiltig TOML-syntax här; kontrollera citattecken, hakparenteser och likhetstecken"
                    .into()
            } else {
                format!("invalid TOML syntax: {}", cut(detail))
            }
        }
        P::UnknownKey { name, expected } => {
            let expected = expected
                .iter()
                .map(|e| format!("`{}`", cut(e)))
                .collect::<Vec<_>>()
                .join(", ");
            match (sv, expected.is_empty()) {
                (true, true) => format!("okänd nyckel `{}`", cut(name)),
                (true, false) => format!("okänd nyckel `{}`; giltiga: {expected}", cut(name)),
                (false, true) => format!("unknown key `{}`", cut(name)),
                (false, false) => {
                    format!("unknown key `{}`; expected one of {expected}", cut(name))
                }
            }
        }
        P::WrongType { found, expected } => {
            if sv {
                format!(
                    "fel typ: {} där {} väntas",
                    type_name(found, true),
                    type_name(expected, true)
                )
            } else {
                format!(
                    "wrong type: {} where {} is expected",
                    type_name(found, false),
                    type_name(expected, false)
                )
            }
        }
        P::DuplicateKey { name } => {
            if sv {
                format!("nyckeln `{}` står två gånger", cut(name))
            } else {
                format!("the key `{}` is given twice", cut(name))
            }
        }
        P::BadLang { value } => {
            if sv {
                format!("ogiltigt språk `{}`; ange \"sv\" eller \"en\"", cut(value))
            } else {
                format!(
                    "invalid language `{}`; expected \"sv\" or \"en\"",
                    cut(value)
                )
            }
        }
        P::UnknownRule { value } => {
            if sv {
                format!(
                    "okänd regel `{}`; `arendelint rules` listar reglerna",
                    cut(value)
                )
            } else {
                format!(
                    "unknown rule `{}`; `arendelint rules` lists the rules",
                    cut(value)
                )
            }
        }
        P::BadSeverity { value } => {
            if sv {
                format!(
                    "ogiltig nivå `{}`; ange \"off\", \"info\", \"warning\" eller \"error\"",
                    cut(value)
                )
            } else {
                format!(
                    "invalid severity `{}`; expected \"off\", \"info\", \"warning\" or \"error\"",
                    cut(value)
                )
            }
        }
        P::GroupWordNotOneWord { value } => {
            if sv {
                format!(
                    "gruppordet `{}` måste vara ett ord av bokstäver (bindestreck inuti går bra)",
                    cut(value)
                )
            } else {
                format!(
                    "the group word `{}` must be one word of letters (hyphens inside allowed)",
                    cut(value)
                )
            }
        }
        P::GroupWordUnknownKey { name } => {
            if sv {
                format!(
                    "okänd nyckel `{}` i ett gruppord; giltiga: `forms`, `suggestion`",
                    cut(name)
                )
            } else {
                format!(
                    "unknown key `{}` in a group word; expected `forms` and `suggestion`",
                    cut(name)
                )
            }
        }
        P::GroupWordNeedsForms => pick(
            sv,
            "ett gruppord i tabellform behöver `forms = [\"…\", …]` med minst en form",
            "a group word table needs `forms = [\"…\", …]` with at least one form",
        ),
        P::GroupWordBadSuggestion { value } => {
            if sv {
                format!(
                    "ogiltigt `suggestion` `{}`; ange \"adults\", \"children\" eller \"everyone\"",
                    cut(value)
                )
            } else {
                format!(
                    "invalid `suggestion` `{}`; expected \"adults\", \"children\" or \"everyone\"",
                    cut(value)
                )
            }
        }
        P::GroupWordShape => pick(
            sv,
            "ett gruppord är en sträng eller en tabell { forms = [...], suggestion = \"adults\" }",
            "a group word is a string or a table { forms = [...], suggestion = \"adults\" }",
        ),
        P::BadPattern { value, detail } => {
            if sv {
                format!("ogiltigt reguljärt uttryck `{}`", cut(value))
            } else {
                format!(
                    "invalid regular expression `{}`: {}",
                    cut(value),
                    cut(detail)
                )
            }
        }
        P::PatternMatchesEmpty { value } => {
            if sv {
                format!(
                    "mönstret `{}` matchar en tom text och skulle göra varje rubrik till ett jämställdhetsavsnitt",
                    cut(value)
                )
            } else {
                format!(
                    "the pattern `{}` matches the empty text and would make every heading a gender section",
                    cut(value)
                )
            }
        }
        P::BadGlob { value, detail } => {
            if sv {
                format!("ogiltigt filmönster `{}`", cut(value))
            } else {
                format!("invalid glob `{}`: {}", cut(value), cut(detail))
            }
        }
        P::EmptyValue => pick(
            sv,
            "värdet är tomt; skriv minst ett ord",
            "the value is empty; write at least one word",
        ),
        P::BuiltIn { detail } => {
            if sv {
                "arendelints inbyggda regeldata är trasiga (ett fel i arendelint)".into()
            } else {
                format!(
                    "arendelint's built-in rule data is broken (a bug): {}",
                    cut(detail)
                )
            }
        }
    }
}

fn pick(sv: bool, swedish: &str, english: &str) -> String {
    if sv { swedish } else { english }.to_string()
}

/// A TOML/serde type name as users say it.
fn type_name(name: &str, sv: bool) -> String {
    let n = name.trim();
    let known = [
        ("integer", "ett heltal", "an integer"),
        ("string", "en sträng", "a string"),
        ("a string", "en sträng", "a string"),
        ("boolean", "ett sanningsvärde", "a boolean"),
        ("float", "ett decimaltal", "a number"),
        ("sequence", "en lista", "a list"),
        ("a sequence", "en lista", "a list"),
        ("map", "en tabell", "a table"),
        ("a map", "en tabell", "a table"),
        ("datetime", "ett datum", "a date"),
    ];
    let first_word = n.split_whitespace().next().unwrap_or("");
    for (key, s, e) in known {
        if n == key || first_word == key {
            return if sv { s } else { e }.to_string();
        }
    }
    if n.starts_with("struct") || n.contains("map") {
        return if sv { "en tabell" } else { "a table" }.to_string();
    }
    format!("`{}`", cut(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_messages_stay_on_one_line() {
        let long = "x".repeat(10_000_000);
        let e = ConfigError::new("a.toml", ConfigProblem::BadLang { value: long })
            .at(3, 8)
            .in_key(Some("lang".into()));
        for lang in [Lang::Sv, Lang::En] {
            let m = e.message(lang);
            assert!(m.chars().count() < 200, "{} chars", m.chars().count());
            assert!(!m.contains('\n'));
        }
        assert_eq!(
            e.message(Lang::Sv),
            format!(
                "nyckeln `lang`: ogiltigt språk `{}…`; ange \"sv\" eller \"en\"",
                "x".repeat(80)
            )
        );
        assert_eq!(e.location(), "a.toml:3:8");
    }

    #[test]
    fn wrong_types_are_named_in_the_language() {
        let e = ConfigError::new(
            "a.toml",
            ConfigProblem::WrongType {
                found: "integer `1`".into(),
                expected: "a string".into(),
            },
        )
        .in_key(Some("rules.JAM003".into()));
        assert_eq!(
            e.message(Lang::Sv),
            "nyckeln `rules.JAM003`: fel typ: ett heltal där en sträng väntas"
        );
        assert_eq!(
            e.message(Lang::En),
            "key `rules.JAM003`: wrong type: an integer where a string is expected"
        );
    }
}
