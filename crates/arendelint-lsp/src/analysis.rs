//! One analysis of one document version: the core's findings and their LSP form.

use crate::document::Snapshot;
use crate::lsp_diagnostic::to_lsp;
use crate::position::Encoding;
use arendelint_core::{Lang, Linter, Rule, SourceKind};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tower_lsp::lsp_types::{Diagnostic as LspDiagnostic, Url};

/// Documents above this size are not analysed (the server logs why). A case is
/// a few tens of KB; a 5 MB "document" is an export or a log, and analysing it
/// on every keystroke would only make the editor lag.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// A finding in the client's form, also as the JSON text that is pushed (made
/// once per finding and shared with the next version's analysis while the
/// finding is unmoved). The core's form (for fixes and hover) is the core
/// analysis' diagnostic at the same index: see [`Analysis::pairs`].
#[derive(Debug, Clone)]
pub struct Finding {
    pub lsp: Arc<LspDiagnostic>,
    pub json: Arc<str>,
}

impl Finding {
    fn new(lsp: LspDiagnostic) -> Finding {
        Finding {
            json: crate::outbox::to_json(&lsp).into(),
            lsp: Arc::new(lsp),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub snapshot: Snapshot,
    /// The configuration generation this analysis was made under.
    pub generation: u64,
    pub kind: SourceKind,
    pub lang: Lang,
    pub findings: Vec<Finding>,
    /// The linter that made the findings, for fix-all (the core's fix loop).
    pub linter: Option<Linter>,
    /// Why the document was not (fully) analysed, for `window/logMessage`.
    pub problem: Option<String>,
    /// The core's analysis, from which the next version is checked
    /// incrementally (only the section an edit touches).
    pub core: Option<Arc<arendelint_core::report::Analysis>>,
    /// The revision whose analysis first gave exactly these LSP diagnostics
    /// (kept while edits leave every finding's LSP form as it was): a pull
    /// client that has them is answered "unchanged".
    pub diagnostics_revision: u64,
}

impl Analysis {
    pub fn version(&self) -> i32 {
        self.snapshot.version
    }

    /// The `resultId` of these diagnostics for pull clients.
    pub fn result_id(&self) -> String {
        format!("{}.{}", self.generation, self.diagnostics_revision)
    }

    /// The core's diagnostics, one per finding and in the same order (empty
    /// when the document was not analysed).
    pub fn core_diagnostics(&self) -> &[arendelint_core::Diagnostic] {
        self.core
            .as_deref()
            .map(|core| core.diagnostics.as_slice())
            .unwrap_or_default()
    }

    /// Each finding with its core form.
    pub fn pairs(&self) -> impl Iterator<Item = (&arendelint_core::Diagnostic, &Finding)> {
        self.core_diagnostics().iter().zip(&self.findings)
    }

    pub fn lsp_diagnostics(&self) -> Vec<LspDiagnostic> {
        self.findings.iter().map(|f| (*f.lsp).clone()).collect()
    }
}

/// What an analysis needs besides the text.
pub struct Request<'a> {
    /// The document, for the related locations of a finding.
    pub uri: Option<&'a Url>,
    pub linter: Option<&'a Linter>,
    pub kind: SourceKind,
    pub encoding: Encoding,
    pub generation: u64,
    pub enabled: bool,
    /// The analysis of an earlier version made under the same configuration
    /// generation and kind: only what changed since is checked again, and
    /// findings that did not move keep their LSP form.
    pub previous: Option<Arc<Analysis>>,
}

/// The bytes of `old` that were replaced to give `new`: the range between
/// their common prefix and common suffix (at character boundaries). The core
/// checks that the range fits both texts, so any consistent range is safe.
pub fn changed_range(old: &str, new: &str) -> Range<usize> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = common_len(
        a.iter(),
        b.iter(),
        a.chunks_exact(CHUNK),
        b.chunks_exact(CHUNK),
    );
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    let mut suffix = common_len(
        a_rest.iter().rev(),
        b_rest.iter().rev(),
        a_rest.rchunks_exact(CHUNK),
        b_rest.rchunks_exact(CHUNK),
    )
    .min(max_suffix);
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    prefix..a.len() - suffix
}

/// Bytes compared at once by [`common_len`]: a slice comparison is a `memcmp`,
/// many times faster than a byte loop on a 1 MB document at every keystroke.
const CHUNK: usize = 256;

/// How many leading items two byte sequences share, found chunk by chunk and
/// then byte by byte in the first chunk that differs (or the short tail).
fn common_len<'a>(
    mut a: impl Iterator<Item = &'a u8>,
    mut b: impl Iterator<Item = &'a u8>,
    a_chunks: impl Iterator<Item = &'a [u8]>,
    b_chunks: impl Iterator<Item = &'a [u8]>,
) -> usize {
    let same_chunks = a_chunks.zip(b_chunks).take_while(|(x, y)| x == y).count();
    let skipped = same_chunks * CHUNK;
    if skipped > 0 {
        a.nth(skipped - 1);
        b.nth(skipped - 1);
    }
    skipped + a.zip(b).take_while(|(x, y)| x == y).count()
}

/// Lints a snapshot. Never panics: a panic in the rule engine becomes a
/// `problem` and an empty result, so one bad document cannot kill the server.
pub fn analyse(snapshot: Snapshot, req: &Request<'_>) -> Analysis {
    let lang = req.linter.map_or(Lang::default(), |l| l.config().lang);
    let mut analysis = Analysis {
        snapshot,
        generation: req.generation,
        kind: req.kind,
        lang,
        findings: Vec::new(),
        linter: None,
        problem: None,
        core: None,
        diagnostics_revision: 0,
    };
    analysis.diagnostics_revision = analysis.snapshot.revision;
    let Some(linter) = req.linter.filter(|_| req.enabled) else {
        return analysis;
    };
    let text = analysis.snapshot.text.as_str();
    if text.len() > MAX_DOCUMENT_BYTES {
        // A stable message: it is logged once, not on every keystroke.
        analysis.problem = Some(format!(
            "not analysed: the document is larger than {} MiB",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
        return analysis;
    }
    analysis.linter = Some(linter.clone());
    let previous = req.previous.as_deref().filter(|p| p.kind == req.kind);
    // Where the texts differ, found once for the core and for the kept LSP forms.
    let changed = previous.map(|p| changed_range(&p.snapshot.text, text));
    let checked = guarded(
        || match (previous.and_then(|p| p.core.as_deref()), &changed) {
            (Some(core), Some(changed)) if core.kind() == req.kind => {
                linter.check_incremental(core, text, changed.clone())
            }
            _ => linter.analyse(text, req.kind),
        },
    );
    match checked {
        Ok(Err(e)) => {
            // Text from the editor is never empty or binary in a way that matters:
            // show nothing rather than stale findings.
            analysis.problem = Some(format!("not analysed: {e}"));
        }
        Ok(Ok(core)) => {
            let index = &analysis.snapshot.index;
            let unmoved = previous
                .zip(changed)
                .map(|(p, changed)| Unmoved::new(p, &analysis.snapshot, changed));
            analysis.findings = core
                .diagnostics
                .iter()
                .map(|core| match unmoved.as_ref().and_then(|u| u.find(core)) {
                    Some(same) => same.clone(),
                    None => Finding::new(to_lsp(core, text, index, lang, req.encoding, req.uri)),
                })
                .collect();
            if let Some(previous) = previous.filter(|p| same_lsp_forms(p, &analysis)) {
                analysis.diagnostics_revision = previous.diagnostics_revision;
            }
            analysis.core = Some(Arc::new(core));
        }
        Err(message) => {
            analysis.problem = Some(format!(
                "analysis failed (this is a bug in arendelint): {message}"
            ));
        }
    }
    analysis
}

/// Whether two analyses give the same LSP diagnostics, in the same order:
/// each finding's LSP form was kept from the other or serialises the same.
fn same_lsp_forms(previous: &Analysis, now: &Analysis) -> bool {
    previous.generation == now.generation
        && previous.problem == now.problem
        && previous.findings.len() == now.findings.len()
        && previous
            .findings
            .iter()
            .zip(&now.findings)
            .all(|(a, b)| Arc::ptr_eq(&a.lsp, &b.lsp) || a.json == b.json)
}

/// The previous version's findings whose LSP form is still right: every span
/// lies before the edit (same text before it, so the same lines and columns),
/// or on a line after the edited lines when the edit added or removed no line
/// (same line numbers, same text on the line).
struct Unmoved<'a> {
    previous: &'a Analysis,
    /// Bytes before the edit, the same in both versions.
    edit_start: usize,
    /// Where the lines after the edit begin in the previous text, when the
    /// line count is unchanged.
    after_lines: Option<usize>,
    /// New length minus old length.
    delta: isize,
    /// (rule, old start, old end) → index into `previous.findings`. Hashed
    /// with Fx: std's SipHash was a visible share of a keystroke with
    /// thousands of findings, and the keys are offsets, not client input
    /// chosen to collide.
    by_span: FxHashMap<(Rule, usize, usize), usize>,
}

impl<'a> Unmoved<'a> {
    fn new(previous: &'a Analysis, now: &Snapshot, changed: Range<usize>) -> Unmoved<'a> {
        let (old, new) = (previous.snapshot.text.as_str(), now.text.as_str());
        let old_index = &previous.snapshot.index;
        let after_lines = (old_index.line_count() == now.index.line_count())
            .then(|| old_index.line_start(old_index.line_of(changed.end) + 1))
            .flatten();
        let by_span = previous
            .core_diagnostics()
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.rule, d.span.start, d.span.end), i))
            .collect();
        Unmoved {
            previous,
            edit_start: changed.start,
            after_lines,
            delta: new.len() as isize - old.len() as isize,
            by_span,
        }
    }

    /// The previous finding equal to `now` up to the edit's shift, if its
    /// LSP form can be kept.
    fn find(&self, now: &arendelint_core::Diagnostic) -> Option<&'a Finding> {
        let old_span = self.old_span(&now.span)?;
        let &i = self
            .by_span
            .get(&(now.rule, old_span.start, old_span.end))?;
        let old = self.previous.findings.get(i)?;
        let old_core = self.previous.core_diagnostics().get(i)?;
        let same = old_core.severity == now.severity
            && old_core.message == now.message
            && old_core.related.len() == now.related.len()
            && old_core
                .related
                .iter()
                .zip(&now.related)
                .all(|(o, n)| self.old_span(n).as_ref() == Some(o));
        same.then_some(old)
    }

    /// Where a span of the new text stood in the previous one, if its LSP
    /// range is the same in both: it lies before the edit, or on a line after
    /// the edited ones when no line was added or removed. Each span of a
    /// finding on its own: a group's first mention may lie before the edit
    /// and its later mentions after it.
    fn old_span(&self, span: &Range<usize>) -> Option<Range<usize>> {
        if span.end <= self.edit_start {
            return Some(span.clone());
        }
        let start = span.start.checked_add_signed(-self.delta)?;
        let end = span.end.checked_add_signed(-self.delta)?;
        (start >= self.after_lines?).then_some(start..end)
    }
}

/// Runs `f`, turning a panic into its message.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use arendelint_core::text::LineIndex;
    use arendelint_core::Config;

    /// A first analysis of Markdown in UTF-16 columns, without a URI.
    fn markdown_request(linter: Option<&Linter>) -> Request<'_> {
        Request {
            uri: None,
            linter,
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 1,
            enabled: true,
            previous: None,
        }
    }

    fn snapshot(text: &str) -> Snapshot {
        snapshot_at(text, 1)
    }

    fn snapshot_at(text: &str, revision: u64) -> Snapshot {
        Snapshot {
            text: Arc::new(text.to_string()),
            index: Arc::new(LineIndex::new(text)),
            version: 7,
            revision,
        }
    }

    #[test]
    fn a_panic_becomes_a_message() {
        let r: Result<(), String> = guarded(|| panic!("regel {} föll", 3));
        assert_eq!(r, Err("regel 3 föll".to_string()));
        assert_eq!(guarded(|| 5), Ok(5));
    }

    #[test]
    fn the_changed_range_lies_between_the_common_prefix_and_suffix() {
        assert_eq!(changed_range("abcdef", "abXYef"), 2..4);
        assert_eq!(changed_range("abc", "abxc"), 2..2);
        assert_eq!(changed_range("aaa", "aaaa"), 3..3);
        assert_eq!(changed_range("abxc", "abc"), 2..3);
        assert_eq!(changed_range("same", "same"), 4..4);
        // Never inside a character: "ä" and "ö" share their first byte.
        assert_eq!(changed_range("aäb", "aöb"), 1..3);
        // Long texts are compared chunk by chunk: edits on and around the
        // chunk borders, and where prefix and suffix would overlap.
        let long = "å".repeat(700);
        for at in [0, 254, 256, 258, 510, 512, 1398, 1400] {
            let mut edited = long.clone();
            edited.insert(at, 'x');
            assert_eq!(changed_range(&long, &edited), at..at, "insert at {at}");
            assert_eq!(changed_range(&edited, &long), at..at + 1, "delete at {at}");
        }
        let a = "ab".repeat(300);
        assert_eq!(changed_range(&a, &format!("{a}ab")), 600..600);
    }

    #[test]
    fn an_edit_is_checked_from_the_previous_analysis() {
        let linter = Linter::new(&Config::default()).ok();
        let text = "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n\n## Förslag\n\nInget.\n";
        let mut req = markdown_request(linter.as_ref());
        let first = Arc::new(analyse(snapshot(text), &req));
        req.previous = Some(first.clone());
        let edited = text.replace("väntar.", "väntar länge.");
        let second = analyse(snapshot(&edited), &req);
        let core = second.core.as_deref().map(|c| c.was_incremental());
        assert_eq!(core, Some(true));
        let full = linter
            .as_ref()
            .map(|l| l.check(&arendelint_core::Input::text(&edited, SourceKind::Markdown)));
        let full: Vec<_> = full
            .into_iter()
            .flatten()
            .flat_map(|r| r.diagnostics)
            .collect();
        let got = second.core_diagnostics().to_vec();
        assert_eq!(got, full);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn large_and_disabled_documents_yield_no_findings() {
        let linter = Linter::new(&Config::default()).ok();
        let mut req = markdown_request(linter.as_ref());
        let big = "a".repeat(MAX_DOCUMENT_BYTES + 1);
        let a = analyse(snapshot(&big), &req);
        assert!(a.findings.is_empty());
        assert!(a
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("not analysed")));
        req.enabled = false;
        let a = analyse(snapshot("Alla patienter."), &req);
        assert!(a.findings.is_empty() && a.problem.is_none());
        assert_eq!(a.version(), 7);
    }

    /// The LSP form kept for unmoved findings equals a fresh conversion after
    /// each of many random edits (UTF-16 columns, å/ä/ö, an emoji, CRLF, new
    /// and removed lines, related locations), and is in fact kept.
    #[test]
    fn kept_lsp_forms_equal_fresh_ones_after_random_edits() {
        let linter = Linter::new(&Config::default()).ok();
        let uri = Url::parse("file:///%C3%A4rende.md").ok();
        let section = "## Bakgrund 😀\r\n\r\nPatienterna och eleverna väntar. Patienterna klagar, 312 patienter.\r\n\r\n";
        let mut text = format!(
            "# Ärende\r\n\r\n{}## Förslag\r\n\r\nInget för brukarna.\r\n",
            section.repeat(12)
        );
        let pieces = [
            "å",
            "x",
            " ",
            "\r\n",
            "\n",
            "😀",
            "patienter ",
            "## Rubrik\n",
            "",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        let request = |previous| Request {
            uri: uri.as_ref(),
            linter: linter.as_ref(),
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 1,
            enabled: true,
            previous,
        };
        let mut previous = Arc::new(analyse(snapshot(&text), &request(None)));
        let mut kept = 0;
        let mut unchanged = 0;
        for revision in 2..302 {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + next(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, pieces[next(pieces.len())]);
            let incremental = analyse(
                snapshot_at(&text, revision),
                &request(Some(previous.clone())),
            );
            let full = analyse(snapshot(&text), &request(None));
            assert_eq!(incremental.findings.len(), full.findings.len());
            for (a, b) in incremental.findings.iter().zip(&full.findings) {
                assert_eq!(a.lsp, b.lsp, "after an edit at {at}");
                assert_eq!(a.json, b.json);
            }
            // "Unchanged" for pull clients only when the list is the same.
            let json = |a: &Analysis| {
                a.findings
                    .iter()
                    .map(|f| f.json.clone())
                    .collect::<Vec<_>>()
            };
            if incremental.diagnostics_revision == previous.diagnostics_revision {
                assert_eq!(json(&incremental), json(&previous));
                unchanged += 1;
            }
            kept += incremental
                .findings
                .iter()
                .filter(|f| {
                    previous
                        .findings
                        .iter()
                        .any(|p| Arc::ptr_eq(&p.lsp, &f.lsp))
                })
                .count();
            previous = Arc::new(incremental);
        }
        assert!(kept > 3000, "only {kept} LSP forms kept");
        assert!(
            unchanged > 10,
            "only {unchanged} edits left the list unchanged"
        );
    }
}
