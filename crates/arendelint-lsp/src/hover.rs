//! Hover on a finding: the rule's explanation as Markdown.

use crate::analysis::Analysis;
use arendelint_core::{docs, Lang};
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(analysis: &Analysis, pos: Position) -> Option<Hover> {
    let hits: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.lsp.range.start <= pos && pos <= f.lsp.range.end)
        .collect();
    let first = hits.first()?;
    let mut seen = Vec::new();
    let mut parts = Vec::new();
    for f in &hits {
        let rule = f.core.rule;
        if seen.contains(&rule) {
            continue;
        }
        seen.push(rule);
        parts.push(section(rule, &f.core.message, analysis.lang));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(first.lsp.range),
    })
}

fn section(rule: arendelint_core::Rule, message: &str, lang: Lang) -> String {
    let mut out = format!("**{}** `{}`: {}", rule.code(), rule.name(), message);
    let explanation = docs::explanation(rule, lang).trim();
    if !explanation.is_empty() {
        out.push_str("\n\n");
        out.push_str(explanation);
    }
    let more = match lang {
        Lang::Sv => "Läs mer",
        Lang::En => "Read more",
    };
    out.push_str(&format!(
        "\n\n[{more}]({})",
        docs::documentation_url(rule, lang)
    ));
    out
}
