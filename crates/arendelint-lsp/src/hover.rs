//! Hover on a finding: short enough for a tooltip. The finding's message, the
//! rule's one-line summary and its scope, and a link to the full explanation
//! (which editors with an explain command, such as the VS Code extension, open
//! themselves).

use crate::analysis::Analysis;
use arendelint_core::Lang;
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(analysis: &Analysis, pos: Position) -> Option<Hover> {
    let hits: Vec<_> = analysis
        .pairs()
        .filter(|(_, f)| f.lsp.range.start <= pos && pos <= f.lsp.range.end)
        .collect();
    let first = hits.first()?;
    let mut seen = Vec::new();
    let mut parts = Vec::new();
    for (f, _) in &hits {
        let rule = f.rule;
        if seen.contains(&rule) {
            continue;
        }
        seen.push(rule);
        parts.push(section(rule, &f.message, analysis.lang));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(first.1.lsp.range),
    })
}

fn section(rule: arendelint_core::Rule, message: &str, lang: Lang) -> String {
    let mut out = format!(
        "**{}** `{}`: {}\n\n{}",
        rule.code(),
        rule.name(),
        message,
        rule.summary(lang)
    );
    if let Some(scope) = scope(rule.explanation(lang)) {
        // A Markdown hard break: the scope on the summary's second line.
        out.push_str("  \n");
        out.push_str(scope);
    }
    let more = match lang {
        Lang::Sv => "Hela förklaringen",
        Lang::En => "Full explanation",
    };
    out.push_str(&format!("\n\n[{more}]({})", rule.documentation_url(lang)));
    out
}

/// "Gäller: ord i löptexten" from the explanation's status line
/// ("Standardnivå: **varning** (`warning`) · Gäller: ord i löptexten"): the
/// default level is left out, as the user's settings may have changed it.
fn scope(explanation: &str) -> Option<&str> {
    let status = explanation
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let (_, scope) = status.split_once(" · ")?;
    let scope = scope.trim();
    (scope.starts_with("Gäller:") || scope.starts_with("Scope:")).then_some(scope)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arendelint_core::Rule;

    #[test]
    fn the_hover_is_the_message_summary_scope_and_a_link() {
        let text = section(Rule::Jam003, "Målgruppen nämns utan kön.", Lang::Sv);
        assert_eq!(
            text,
            format!(
                "**JAM003** `ungendered-target-group`: Målgruppen nämns utan kön.\n\n\
                 En målgrupp beskrivs med ett könsneutralt ord (patienterna, invånarna, alla) \
                 i en mening som inte nämner kön.  \nGäller: ord i löptexten\n\n\
                 [Hela förklaringen]({})",
                Rule::Jam003.documentation_url(Lang::Sv)
            )
        );
    }

    #[test]
    fn every_rule_has_a_short_english_and_swedish_hover() {
        for rule in Rule::all() {
            for lang in [Lang::Sv, Lang::En] {
                let text = section(rule, "m", lang);
                assert!(scope(rule.explanation(lang)).is_some(), "{rule:?} {lang:?}");
                assert!(!text.contains("\n#"), "{text}");
                assert!(text.chars().count() < 600, "{rule:?} {lang:?}: {text}");
            }
        }
    }
}
