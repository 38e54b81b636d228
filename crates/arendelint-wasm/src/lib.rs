//! # arendelint-wasm
//!
//! arendelint's core for JavaScript, through wasm-bindgen: the browser page in
//! `web/` and the Word add-in in `editors/word/` run it on the user's own
//! machine, so a draft never leaves it.
//!
//! ```text
//! const checker = new wasm_bindgen.Checker(configText, "toml", "sv");
//! const report = JSON.parse(checker.checkText(text, "markdown", false, "ärende.md"));
//! ```
//!
//! A report is the JSON object of `arendelint check --format json` for one file
//! (docs/rules.md §4) with UTF-16 offsets (`start`, `end`) beside the byte
//! offsets, and the text they index ([`report`]). Errors are thrown as a JS
//! `Error` whose message is for the user, in the checker's language.
//!
//! The logic is plain Rust ([`Engine`]) so that it is tested natively; the
//! `#[wasm_bindgen]` items are thin wrappers.

mod messages;
pub mod report;
pub mod utf16;

use arendelint_core::rules::RULES;
use arendelint_core::{Config, Input, Lang, Linter, Mode, Rule, SourceKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A configured linter and the language of its messages.
pub struct Engine {
    linter: Linter,
    lang: Lang,
}

/// How a configuration is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    /// The text of an `arendelint.toml`.
    Toml,
    /// JSON of an object with the same keys (`{"rules": {"JAM003": "off"}}`).
    Json,
}

impl Engine {
    /// `config` empty means the defaults; `lang` (`sv`, `en`), when given,
    /// overrides the configuration's `lang` (as the CLI's `--lang`).
    pub fn new(config: &str, format: ConfigFormat, lang: Option<Lang>) -> Result<Engine, String> {
        let shown = lang.unwrap_or_default();
        let mut config = if config.trim().is_empty() {
            Config::default()
        } else {
            let toml_text = match format {
                ConfigFormat::Toml => config.to_string(),
                ConfigFormat::Json => json_to_toml(config).map_err(|e| match shown {
                    Lang::Sv => format!("ogiltig konfiguration: {e}"),
                    Lang::En => format!("invalid configuration: {e}"),
                })?,
            };
            Config::from_toml_str(&toml_text, "arendelint.toml")
                .map_err(|e| messages::config_error(&e, lang.unwrap_or_default()))?
        };
        if let Some(lang) = lang {
            config.lang = lang;
        }
        let linter = Linter::new(&config)
            .map_err(|e| messages::config_error(&e, lang.unwrap_or(config.lang)))?;
        Ok(Engine {
            linter,
            lang: config.lang,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Checks text or bytes of `kind`; the JSON report (see [`report`]).
    pub fn check(&self, input: Input<'_>, agenda: bool, path: &str) -> Result<String, String> {
        let mode = if agenda { Mode::Agenda } else { Mode::Document };
        let report = self
            .linter
            .check(&input.with_mode(mode))
            .map_err(|e| messages::check_error(&e, self.lang))?;
        let looks_like_agenda = !agenda && self.linter.looks_like_agenda(&report.text);
        Ok(report::render(&report, path, agenda, looks_like_agenda))
    }

    /// Applies every safe fix (and the unsafe ones with `include_unsafe`) until
    /// none is left, as `check --fix`: `{"applied": N, "text": "…"}` (the text
    /// unchanged when there was nothing to fix).
    pub fn fix_all(
        &self,
        text: &str,
        kind: SourceKind,
        include_unsafe: bool,
    ) -> Result<String, String> {
        #[derive(Serialize)]
        struct Fixed<'a> {
            applied: usize,
            text: &'a str,
        }
        let fixed = self
            .linter
            .fix(&Input::text(text, kind), include_unsafe)
            .map_err(|e| messages::check_error(&e, self.lang))?;
        let out = match &fixed {
            Some(f) => Fixed {
                applied: f.applied,
                text: &f.report.text,
            },
            None => Fixed { applied: 0, text },
        };
        Ok(serde_json::to_string(&out).unwrap_or_else(|_| "{}".to_string()))
    }
}

/// A JSON object with the keys of `arendelint.toml` → its TOML text.
fn json_to_toml(json: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    match to_toml(&value, "")? {
        toml::Value::Table(table) => toml::to_string(&table).map_err(|e| e.to_string()),
        _ => Err("the configuration must be an object".into()),
    }
}

fn to_toml(value: &serde_json::Value, key: &str) -> Result<toml::Value, String> {
    use serde_json::Value as J;
    Ok(match value {
        J::Null => return Err(format!("`{key}` is null")),
        J::Bool(b) => toml::Value::Boolean(*b),
        J::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => toml::Value::Integer(i),
            (None, Some(f)) => toml::Value::Float(f),
            _ => return Err(format!("`{key}`: number out of range")),
        },
        J::String(s) => toml::Value::String(s.clone()),
        J::Array(items) => toml::Value::Array(
            items
                .iter()
                .map(|v| to_toml(v, key))
                .collect::<Result<_, _>>()?,
        ),
        J::Object(map) => {
            let mut table = toml::map::Map::new();
            for (k, v) in map {
                let path = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                table.insert(k.clone(), to_toml(v, &path)?);
            }
            toml::Value::Table(table)
        }
    })
}

/// `markdown`, `md`, `text`, `txt`, `plaintext`, `docx`, `pdf`, or a file name
/// with one of the extensions arendelint reads.
pub fn parse_kind(kind: &str) -> Option<SourceKind> {
    SourceKind::from_language_id(kind)
        .or_else(|| SourceKind::from_extension(kind))
        .or_else(|| SourceKind::from_path(kind))
}

fn parse_lang(lang: &str) -> Result<Option<Lang>, String> {
    if lang.is_empty() {
        return Ok(None);
    }
    Lang::parse(lang)
        .map(Some)
        .ok_or_else(|| format!("unknown language `{lang}`: use \"sv\" or \"en\""))
}

fn kind_or_error(kind: &str, lang: Lang) -> Result<SourceKind, String> {
    parse_kind(kind).ok_or_else(|| messages::unsupported_kind(kind, lang))
}

/// The rules as JSON: code, name, level, default severity, one-line summary
/// and the documentation link, in `lang`.
pub fn rules_json(lang: Lang) -> String {
    #[derive(Serialize)]
    struct RuleJson {
        code: &'static str,
        name: &'static str,
        level: &'static str,
        default_severity: &'static str,
        summary: &'static str,
        url: String,
    }
    let rules: Vec<RuleJson> = RULES
        .iter()
        .map(|m| RuleJson {
            code: m.rule.code(),
            name: m.rule.name(),
            level: m.rule.level().as_str(),
            default_severity: m.rule.default_severity().map_or("off", |s| s.as_str()),
            summary: m.rule.summary(lang),
            url: m.rule.documentation_url(lang),
        })
        .collect();
    serde_json::to_string(&rules).unwrap_or_else(|_| "[]".to_string())
}

/// The long explanation of a rule as HTML (from the Markdown that `arendelint
/// explain` prints), or `None` for an unknown rule.
pub fn explanation_html(rule: &str, lang: Lang) -> Option<String> {
    let rule = Rule::from_code(rule)?;
    let markdown = rule.explanation(lang);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
    Some(html)
}

// ---------------------------------------------------------------------------
// The JavaScript API.
// ---------------------------------------------------------------------------

fn js_error(message: String) -> JsError {
    JsError::new(&message)
}

/// A configured checker. Build one per configuration and language; checking
/// reuses it.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
}

#[wasm_bindgen]
impl Checker {
    /// `config`: `""` for the defaults, an `arendelint.toml` text (`format`
    /// `"toml"`) or the JSON of an object with its keys (`format` `"json"`).
    /// `lang`: `"sv"`, `"en"`, or `""` for the configuration's language.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, format: &str, lang: &str) -> Result<Checker, JsError> {
        let lang = parse_lang(lang).map_err(js_error)?;
        let format = match format {
            "json" => ConfigFormat::Json,
            "toml" | "" => ConfigFormat::Toml,
            other => {
                return Err(js_error(format!(
                    "unknown configuration format `{other}`: use \"toml\" or \"json\""
                )))
            }
        };
        let engine = Engine::new(config, format, lang).map_err(js_error)?;
        Ok(Checker { engine })
    }

    /// The language of messages: `"sv"` or `"en"`.
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.engine.lang().as_str().to_string()
    }

    /// Checks a Markdown or plain-text document (`kind`: `"markdown"`,
    /// `"text"`, or a file name). `agenda`: check each case of an agenda on its
    /// own. `path` is the file name shown in the report. Returns the JSON report.
    #[wasm_bindgen(js_name = checkText)]
    pub fn check_text(
        &self,
        text: &str,
        kind: &str,
        agenda: bool,
        path: &str,
    ) -> Result<String, JsError> {
        let kind = kind_or_error(kind, self.engine.lang()).map_err(js_error)?;
        self.engine
            .check(Input::text(text, kind), agenda, path)
            .map_err(js_error)
    }

    /// Checks a file's bytes: `.docx`, `.pdf`, or UTF-8 text (`kind` as for
    /// `checkText`, plus `"docx"` and `"pdf"`). Returns the JSON report; its
    /// `text` is what the offsets index (for Word: one paragraph per line).
    /// Findings in a Word or PDF file have fixes only with `extractedFixes`
    /// (edits of that text, for a caller that maps it back onto the document).
    #[wasm_bindgen(js_name = checkBytes)]
    pub fn check_bytes(
        &self,
        bytes: &[u8],
        kind: &str,
        agenda: bool,
        path: &str,
        extracted_fixes: bool,
    ) -> Result<String, JsError> {
        let kind = kind_or_error(kind, self.engine.lang()).map_err(js_error)?;
        let mut input = Input::bytes(bytes, kind);
        if extracted_fixes {
            input = input.with_extracted_fixes();
        }
        self.engine.check(input, agenda, path).map_err(js_error)
    }

    /// Applies every safe fix (and the unsafe ones too with `includeUnsafe`)
    /// until none is left: `{"applied": N, "text": "…"}`.
    #[wasm_bindgen(js_name = fixAll)]
    pub fn fix_all(&self, text: &str, kind: &str, include_unsafe: bool) -> Result<String, JsError> {
        let kind = kind_or_error(kind, self.engine.lang()).map_err(js_error)?;
        self.engine
            .fix_all(text, kind, include_unsafe)
            .map_err(js_error)
    }
}

/// The rules as a JSON array (`lang`: `"sv"` or `"en"`).
#[wasm_bindgen]
pub fn rules(lang: &str) -> String {
    rules_json(Lang::parse(lang).unwrap_or_default())
}

/// A rule's long explanation as Markdown (`arendelint explain`).
#[wasm_bindgen]
pub fn explain(rule: &str, lang: &str) -> Option<String> {
    let rule = Rule::from_code(rule)?;
    Some(
        rule.explanation(Lang::parse(lang).unwrap_or_default())
            .into(),
    )
}

/// A rule's long explanation as HTML.
#[wasm_bindgen(js_name = explainHtml)]
pub fn explain_html(rule: &str, lang: &str) -> Option<String> {
    explanation_html(rule, Lang::parse(lang).unwrap_or_default())
}

/// The version of arendelint.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// UTF-16 offset in `text` → byte offset of its UTF-8 encoding.
#[wasm_bindgen(js_name = utf16ToByte)]
pub fn utf16_to_byte(text: &str, offset: usize) -> usize {
    utf16::byte_of_utf16(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "# Ny simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol. Patienterna 😀 väntar.\n";

    fn report(engine: &Engine, text: &str) -> serde_json::Value {
        let json = engine
            .check(Input::text(text, SourceKind::Markdown), false, "a.md")
            .unwrap_or_default();
        serde_json::from_str(&json).unwrap_or_default()
    }

    #[test]
    fn findings_carry_byte_and_utf16_offsets() {
        let engine = Engine::new("", ConfigFormat::Toml, None).map_err(|e| e.to_string());
        let Ok(engine) = engine else {
            panic!("defaults: {engine:?}", engine = engine.err())
        };
        let r = report(&engine, CASE);
        let rules: Vec<&str> = r["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        assert_eq!(rules, ["JAM001", "JAM004", "JAM003"]);
        let jam003 = &r["diagnostics"][2];
        let byte = CASE.find("Patienterna").unwrap_or(0);
        assert_eq!(jam003["byte_start"], byte);
        // One char in "besökare" is two bytes and one UTF-16 unit.
        assert_eq!(jam003["start"], byte - 1);
        assert_eq!(jam003["fix"]["applicability"], "safe");
        assert_eq!(jam003["fix"]["edits"][0]["start"], byte - 1 + 11);
        assert_eq!(r["mode"], "document");
        assert!(r.get("cases").is_none());
    }

    #[test]
    fn a_configuration_object_and_its_toml_give_the_same_checker() {
        let json = r#"{"lang": "en", "rules": {"JAM003": "off"}}"#;
        let toml = "lang = \"en\"\n[rules]\nJAM003 = \"off\"\n";
        let a = Engine::new(json, ConfigFormat::Json, None).map(|e| report(&e, CASE));
        let b = Engine::new(toml, ConfigFormat::Toml, None).map(|e| report(&e, CASE));
        assert_eq!(a, b);
        assert!(a.is_ok_and(|r| r["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("The case has no section"))));
    }

    #[test]
    fn errors_are_sentences_for_the_user_in_the_chosen_language() {
        let bad = Engine::new("[rules]\nJAM003 = 1\n", ConfigFormat::Toml, Some(Lang::Sv));
        assert_eq!(
            bad.err().as_deref(),
            Some("arendelint.toml:2:10: ogiltig konfiguration: nyckeln `rules.JAM003`: fel typ: ett heltal där en sträng väntas")
        );
        let bad = Engine::new(r#"{"rules": null}"#, ConfigFormat::Json, Some(Lang::En));
        assert_eq!(
            bad.err().as_deref(),
            Some("invalid configuration: `rules` is null")
        );
        let engine = Engine::new("", ConfigFormat::Toml, Some(Lang::Sv));
        let error = engine
            .map(|e| e.check(Input::bytes(b"PK nope", SourceKind::Docx), false, "x.docx"))
            .ok()
            .and_then(|r| r.err());
        assert_eq!(
            error.as_deref(),
            Some("filen är inte ett Word-dokument (.docx-filer är zip-arkiv); öppna den i Word och spara som .docx")
        );
    }

    #[test]
    fn kinds_by_name_and_extension() {
        assert_eq!(parse_kind("markdown"), Some(SourceKind::Markdown));
        assert_eq!(parse_kind("text"), Some(SourceKind::PlainText));
        assert_eq!(parse_kind("beslut.DOCX"), Some(SourceKind::Docx));
        assert_eq!(parse_kind("pdf"), Some(SourceKind::Pdf));
        assert_eq!(parse_kind("bild.png"), None);
    }

    #[test]
    fn explanations_as_html_in_both_languages() {
        let sv = explanation_html("JAM003", Lang::Sv).unwrap_or_default();
        let en = explanation_html("JAM003", Lang::En).unwrap_or_default();
        assert!(sv.starts_with("<h1>JAM003 ungendered-target-group</h1>"));
        assert!(sv.contains("<h2>Vad regeln gör</h2>"));
        assert!(en.contains("<h2>"));
        assert_ne!(sv, en);
        assert_eq!(explanation_html("XYZ999", Lang::Sv), None);
        let rules: serde_json::Value =
            serde_json::from_str(&rules_json(Lang::En)).unwrap_or_default();
        assert_eq!(rules[0]["code"], "JAM001");
        assert_eq!(rules[0]["default_severity"], "error");
    }
}
