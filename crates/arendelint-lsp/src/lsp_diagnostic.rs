//! A core finding as an LSP diagnostic.

use crate::position::{self, Encoding};
use arendelint_core::error::ConfigError;
use arendelint_core::text::LineIndex;
use arendelint_core::{Diagnostic, Lang, Rule, Severity};
use std::sync::OnceLock;
use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Url,
};

pub const SOURCE: &str = "arendelint";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn to_lsp(
    d: &Diagnostic,
    text: &str,
    index: &LineIndex,
    lang: Lang,
    encoding: Encoding,
    uri: Option<&Url>,
) -> LspDiagnostic {
    // The group's later mentions in the same section (JAM003, §6.17): the
    // editor lists them under the finding, and its quick fix settles them.
    let related_information = uri.filter(|_| !d.related.is_empty()).map(|uri| {
        let message = lsp_related_message(lang);
        d.related
            .iter()
            .map(|span| DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: position::diagnostic_range(text, index, span, encoding),
                },
                message: message.to_string(),
            })
            .collect()
    });
    LspDiagnostic {
        related_information,
        range: position::diagnostic_range(text, index, &d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code().to_string())),
        code_description: code_description(d.rule, lang),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        ..LspDiagnostic::default()
    }
}

/// The text of each related location: what it is and why it needs no fix of its own.
fn lsp_related_message(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Samma målgrupp igen i avsnittet, utan kön: rättelsen av första omnämnandet gäller även här",
        Lang::En => "The same target group again in this section, without the sexes: fixing the first mention settles this one",
    }
}

/// The rule's documentation link, parsed once per rule and language (a case
/// can have hundreds of findings, re-analysed on every keystroke).
fn code_description(rule: Rule, lang: Lang) -> Option<CodeDescription> {
    static LINKS: OnceLock<Vec<[Option<CodeDescription>; 2]>> = OnceLock::new();
    let link = |rule: Rule, lang| {
        Url::parse(&rule.documentation_url(lang))
            .ok()
            .map(|href| CodeDescription { href })
    };
    let links = LINKS.get_or_init(|| {
        Rule::all()
            .map(|rule| [link(rule, Lang::Sv), link(rule, Lang::En)])
            .collect()
    });
    let column = match lang {
        Lang::Sv => 0,
        Lang::En => 1,
    };
    links.get(rule as usize)?[column].clone()
}

/// A broken `arendelint.toml` as a diagnostic on the line the error names.
pub fn config_error(
    text: &str,
    error: &ConfigError,
    encoding: Encoding,
    lang: Lang,
) -> LspDiagnostic {
    let index = LineIndex::new(text);
    let line = error.line.unwrap_or(1).saturating_sub(1);
    LspDiagnostic {
        range: position::line_range(text, &index, line, encoding),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: error.message(lang),
        ..LspDiagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    #[test]
    fn related_mentions_become_related_information_in_utf16() {
        // "Å" and the emoji make UTF-16 columns differ from bytes and chars.
        let text = "Å 😀 elever, elever\n";
        let first = text.find("elever").unwrap_or(0);
        let second = text.rfind("elever").unwrap_or(0);
        let mut d = Diagnostic::new(Rule::Jam003, Severity::Warning, first..first + 6, "m");
        d.related = std::iter::once(second..second + 6).collect();
        let uri = Url::parse("file:///arende.md").ok();
        let l = to_lsp(
            &d,
            text,
            &LineIndex::new(text),
            Lang::En,
            Encoding::Utf16,
            uri.as_ref(),
        );
        let related = l.related_information.unwrap_or_default();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0].location.uri.as_str(), "file:///arende.md");
        assert_eq!(
            related[0].location.range,
            Range::new(Position::new(0, 13), Position::new(0, 19))
        );
        assert!(related[0].message.starts_with("The same target group"));
        // Without related mentions the field is left out.
        let mut plain = d.clone();
        plain.related = Vec::new();
        let l = to_lsp(
            &plain,
            text,
            &LineIndex::new(text),
            Lang::En,
            Encoding::Utf16,
            uri.as_ref(),
        );
        assert_eq!(l.related_information, None);
    }

    #[test]
    fn code_link_source_severity_and_range() {
        let text = "Hej 😀 alla\n";
        let d = Diagnostic::new(Rule::Jam003, Severity::Warning, 9..13, "m");
        let l = to_lsp(
            &d,
            text,
            &LineIndex::new(text),
            Lang::En,
            Encoding::Utf16,
            None,
        );
        assert_eq!(
            l.range,
            Range::new(Position::new(0, 7), Position::new(0, 11))
        );
        assert_eq!(l.code, Some(NumberOrString::String("JAM003".into())));
        assert_eq!(l.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(l.source.as_deref(), Some("arendelint"));
        let href = l
            .code_description
            .map(|c| c.href.to_string())
            .unwrap_or_default();
        assert!(href.ends_with("/en/JAM003.md"), "{href}");
        assert_eq!(severity(Severity::Info), DiagnosticSeverity::INFORMATION);
    }

    #[test]
    fn config_error_sits_on_its_line() {
        let text = "lang = \"sv\"\r\nfärg = 1\r\n";
        let error = ConfigError::new(
            "arendelint.toml",
            arendelint_core::error::ConfigProblem::UnknownKey {
                name: "färg".into(),
                expected: vec!["lang".into()],
            },
        )
        .at(2, 1);
        let d = config_error(text, &error, Encoding::Utf16, Lang::Sv);
        assert_eq!(d.message, "okänd nyckel `färg`; giltiga: `lang`");
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 0), Position::new(1, 8))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
    }
}
