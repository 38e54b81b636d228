//! Client settings (`initializationOptions`, `workspace/didChangeConfiguration`),
//! applied over the configuration file.

use arendelint_core::rules::parse_setting;
use arendelint_core::{Config, Lang, Rule, Severity};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the editor may override: `{ "lang": "sv"|"en", "severity": {"JAM003": "off"}, "enable": bool }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub severity: BTreeMap<Rule, Option<Severity>>,
    pub enable: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            lang: None,
            severity: BTreeMap::new(),
            enable: true,
        }
    }
}

impl Settings {
    /// Reads settings, also when nested under an `arendelint` key (VS Code style).
    /// Invalid entries are skipped and described in the returned warnings, so one
    /// typo does not discard the rest.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let value = value.get("arendelint").unwrap_or(value);
        let mut settings = Settings::default();
        let mut warnings = Vec::new();
        let Some(object) = value.as_object() else {
            if !value.is_null() {
                warnings.push(format!(
                    "arendelint settings must be an object, got `{value}`"
                ));
            }
            return (settings, warnings);
        };
        for (key, v) in object {
            match key.as_str() {
                "lang" => match v.as_str().and_then(Lang::parse) {
                    Some(lang) => settings.lang = Some(lang),
                    None => warnings.push(format!(
                        "invalid `lang` setting `{v}`: expected \"sv\" or \"en\""
                    )),
                },
                "enable" => match v.as_bool() {
                    Some(enable) => settings.enable = enable,
                    None => warnings.push(format!(
                        "invalid `enable` setting `{v}`: expected true or false"
                    )),
                },
                "severity" => read_severities(v, &mut settings.severity, &mut warnings),
                other => warnings.push(format!(
                    "unknown arendelint setting `{other}`: expected `lang`, `severity` or `enable`"
                )),
            }
        }
        (settings, warnings)
    }

    /// The configuration file's settings with these overrides on top.
    pub fn apply(&self, mut config: Config) -> Config {
        if let Some(lang) = self.lang {
            config.lang = lang;
        }
        for (&rule, &severity) in &self.severity {
            config.set_severity(rule, severity);
        }
        config
    }
}

fn read_severities(
    value: &Value,
    into: &mut BTreeMap<Rule, Option<Severity>>,
    warnings: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        warnings.push(format!("invalid `severity` setting `{value}`: expected an object such as {{\"JAM003\": \"off\"}}"));
        return;
    };
    for (code, setting) in object {
        let Some(rule) = Rule::from_code(code) else {
            warnings.push(format!("unknown rule `{code}` in the `severity` setting"));
            continue;
        };
        match setting.as_str().and_then(parse_setting) {
            Some(severity) => {
                into.insert(rule, severity);
            }
            None => warnings.push(format!(
                "invalid severity `{setting}` for {code}: expected \"off\", \"info\", \"warning\" or \"error\""
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nested_settings_and_reports_bad_entries() {
        let (s, warnings) = Settings::from_json(&json!({"arendelint": {
            "lang": "en", "enable": false,
            "severity": {"JAM003": "off", "jam004": "error", "JAM999": "off", "JAM005": "loud"},
            "colour": 1
        }}));
        assert_eq!(s.lang, Some(Lang::En));
        assert!(!s.enable);
        assert_eq!(s.severity.get(&Rule::Jam003), Some(&None));
        assert_eq!(s.severity.get(&Rule::Jam004), Some(&Some(Severity::Error)));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
    }

    #[test]
    fn null_means_defaults_and_overrides_apply_over_the_file() {
        assert_eq!(
            Settings::from_json(&Value::Null),
            (Settings::default(), vec![])
        );
        let (s, _) = Settings::from_json(&json!({"severity": {"JAM007": "info"}}));
        let config = s.apply(Config::default());
        assert_eq!(config.severity(Rule::Jam007), Some(Severity::Info));
        assert_eq!(config.lang, Lang::Sv);
    }
}
