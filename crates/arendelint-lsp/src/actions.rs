//! Code actions from a cached analysis: each finding's fix, "disable for this
//! line", and `source.fixAll.arendelint`.

use crate::analysis::{Analysis, Finding};
use crate::position::{self, Encoding};
use arendelint_core::report::{Applicability, Edit};
use arendelint_core::rules::Level;
use arendelint_core::text::{bom_len, disable_next_line_edit};
use arendelint_core::{Input, Lang, SourceKind};
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

/// The kind of the "fix everything safe" source action.
pub const FIX_ALL: &str = "source.fixAll.arendelint";

/// What the request asks for.
pub struct Query<'a> {
    pub uri: &'a Url,
    pub range: Range,
    pub only: Option<&'a [CodeActionKind]>,
    pub encoding: Encoding,
    /// Whether the client takes versioned `documentChanges` (then a stale edit is refused).
    pub document_changes: bool,
}

pub fn code_actions(analysis: &Analysis, q: &Query<'_>) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    if wants(q.only, &CodeActionKind::QUICKFIX) {
        for (core, finding) in analysis
            .pairs()
            .filter(|(_, f)| overlaps(f.lsp.range, q.range))
        {
            actions.extend(quick_fixes(analysis, core, finding, q));
        }
    }
    if wants(q.only, &CodeActionKind::new(FIX_ALL)) {
        actions.extend(fix_all(analysis, q));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn quick_fixes(
    analysis: &Analysis,
    core: &arendelint_core::Diagnostic,
    finding: &Finding,
    q: &Query<'_>,
) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    if let Some(fix) = &core.fix {
        let title = if fix.description.is_empty() {
            format!("{}: {}", core.rule.code(), core.rule.name())
        } else {
            fix.description.clone()
        };
        actions.push(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![(*finding.lsp).clone()]),
            edit: Some(workspace_edit(analysis, &fix.edits, q)),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..CodeAction::default()
        });
    }
    // Suppression comments are Markdown (HTML) comments; in plain text they would
    // be visible text, so they are only offered in Markdown.
    if analysis.kind == SourceKind::Markdown {
        let text = analysis.snapshot.text.as_str();
        let (edit, title) = if core.rule.level() == Level::Document {
            (
                disable_file_edit(text, core.rule.code()),
                disable_title(analysis.lang, core.rule.code(), true),
            )
        } else {
            (
                disable_next_line_edit(text, core.span.start, core.rule),
                disable_title(analysis.lang, core.rule.code(), false),
            )
        };
        actions.push(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![(*finding.lsp).clone()]),
            edit: Some(workspace_edit(analysis, &[edit], q)),
            ..CodeAction::default()
        });
    }
    actions
}

/// Every safe fix, by the core's own fix loop (as `check --fix` does), as one
/// minimal edit of the document.
fn fix_all(analysis: &Analysis, q: &Query<'_>) -> Option<CodeAction> {
    let text = analysis.snapshot.text.as_str();
    let linter = analysis.linter.as_ref()?;
    let fixed = crate::analysis::guarded(|| linter.fix(&Input::text(text, analysis.kind), false))
        .ok()?
        .ok()??;
    let fixed = &fixed.report.text;
    if fixed == text {
        return None;
    }
    let title = match analysis.lang {
        Lang::Sv => "arendelint: åtgärda allt som kan åtgärdas säkert",
        Lang::En => "arendelint: fix all safely fixable problems",
    };
    Some(CodeAction {
        title: title.to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(workspace_edit(analysis, &[minimal_edit(text, fixed)], q)),
        ..CodeAction::default()
    })
}

/// One edit covering only what differs, so the cursor and undo history stay put.
pub fn minimal_edit(old: &str, new: &str) -> Edit {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    // Bounded so prefix and suffix never overlap ("aaa" → "aa").
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = 0;
    for (a, b) in old[prefix..].chars().rev().zip(new[prefix..].chars().rev()) {
        if a != b || suffix + a.len_utf8() > max_suffix {
            break;
        }
        suffix += a.len_utf8();
    }
    Edit::replace(prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

fn disable_file_edit(text: &str, code: &str) -> Edit {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Edit::insert(
        bom_len(text),
        format!("<!-- arendelint-disable-file {code} -->{eol}"),
    )
}

fn disable_title(lang: Lang, code: &str, file: bool) -> String {
    match (lang, file) {
        (Lang::Sv, false) => format!("Stäng av {code} för den här raden"),
        (Lang::Sv, true) => format!("Stäng av {code} för hela filen"),
        (Lang::En, false) => format!("Disable {code} for this line"),
        (Lang::En, true) => format!("Disable {code} for this file"),
    }
}

fn workspace_edit(analysis: &Analysis, edits: &[Edit], q: &Query<'_>) -> WorkspaceEdit {
    let snap = &analysis.snapshot;
    let edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: position::range(&snap.text, &snap.index, &e.range, q.encoding),
            new_text: e.replacement.clone(),
        })
        .collect();
    if q.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: q.uri.clone(),
                    version: Some(snap.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(q.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

/// Whether an action of `kind` is wanted; kinds are hierarchical (`source`
/// includes `source.fixAll.arendelint`).
fn wants(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else {
        return true;
    };
    only.iter().any(|o| {
        let (o, k) = (o.as_str(), kind.as_str());
        k == o || k.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Closed-range overlap, so a cursor at either end of a diagnostic still counts.
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_common_prefix_and_suffix() {
        let old = "Alla patienterna får vård. Slut";
        let new = "Alla patienterna (kvinnor och män) får vård. Slut";
        let e = minimal_edit(old, new);
        assert_eq!(e.range, 17..17);
        assert_eq!(e.replacement, "(kvinnor och män) ");
        let e = minimal_edit("aaa", "aa");
        assert_eq!((e.range, e.replacement.as_str()), (2..3, ""));
        let e = minimal_edit("åå", "åäå");
        let mut out = "åå".to_string();
        out.replace_range(e.range, &e.replacement);
        assert_eq!(out, "åäå");
    }

    #[test]
    fn kinds_are_hierarchical() {
        let fix_all = CodeActionKind::new(FIX_ALL);
        assert!(wants(None, &fix_all));
        assert!(wants(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(wants(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(!wants(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wants(Some(&[CodeActionKind::new("source.fix")]), &fix_all));
    }
}
