//! The report as cases, for the formats that clerks read (HTML, CSV, Markdown):
//! a file is one case, or in agenda mode the cases the core found in it.

use crate::report::{CheckedFile, Report};
use arendelint_core::{Diagnostic, Severity, RULES};

/// One case and its findings, in position order.
pub struct CaseView<'a> {
    pub file: &'a CheckedFile,
    pub title: String,
    pub dnr: Option<String>,
    pub diagnostics: Vec<&'a Diagnostic>,
}

impl CaseView<'_> {
    /// Findings per rule, in the order of [`RULES`].
    pub fn per_rule(&self) -> Vec<usize> {
        RULES
            .iter()
            .map(|m| self.diagnostics.iter().filter(|d| d.rule == m.rule).count())
            .collect()
    }

    /// Errors, warnings and infos.
    pub fn per_severity(&self) -> [usize; 3] {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        [
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ]
    }

    pub fn worst(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }
}

/// Every case of the report: files in report order, cases in document order.
pub fn cases(report: &Report) -> Vec<CaseView<'_>> {
    let mut out = Vec::new();
    for file in &report.files {
        match &file.cases {
            Some(infos) if !infos.is_empty() => agenda_cases(file, infos, &mut out),
            _ => out.push(CaseView {
                file,
                title: document_title(file),
                dnr: find_dnr(&file.text),
                diagnostics: file.diagnostics.iter().collect(),
            }),
        }
    }
    out
}

fn agenda_cases<'a>(
    file: &'a CheckedFile,
    infos: &[arendelint_core::CaseInfo],
    out: &mut Vec<CaseView<'a>>,
) {
    let mut views: Vec<CaseView<'a>> = infos
        .iter()
        .map(|info| CaseView {
            file,
            title: info.title.clone(),
            dnr: info.dnr.clone(),
            diagnostics: Vec::new(),
        })
        .collect();
    let mut outside = Vec::new();
    for d in &file.diagnostics {
        // The core names the case; two cases may share a title, so the span decides between them.
        let named = |i: &usize| d.case.as_deref() == Some(infos[*i].title.as_str());
        let contains = |i: &usize| infos[*i].range.contains(&d.span.start);
        let index = (0..infos.len())
            .find(|i| named(i) && contains(i))
            .or_else(|| (0..infos.len()).find(named))
            .or_else(|| (0..infos.len()).find(contains));
        match index {
            Some(i) => views[i].diagnostics.push(d),
            None => outside.push(d),
        }
    }
    out.extend(views);
    if !outside.is_empty() {
        out.push(CaseView {
            file,
            title: file.display.clone(),
            dnr: None,
            diagnostics: outside,
        });
    }
}

/// A single document's title: its first line of text without Markdown
/// markers, else the file name.
fn document_title(file: &CheckedFile) -> String {
    let mut lines = file.text.trim_start_matches('\u{feff}').lines();
    let mut in_front_matter = false;
    let mut first = true;
    for line in lines.by_ref().take(60) {
        let trimmed = line.trim();
        if first && trimmed == "---" {
            in_front_matter = true;
            first = false;
            continue;
        }
        first = false;
        if in_front_matter {
            in_front_matter = trimmed != "---";
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("<!--") || is_setext_rule(trimmed) {
            continue;
        }
        let title = strip_markers(trimmed);
        if title.is_empty() || title.chars().count() > 150 {
            break;
        }
        return title;
    }
    file.display.clone()
}

fn is_setext_rule(line: &str) -> bool {
    line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-')
}

fn strip_markers(line: &str) -> String {
    let line = line.trim_start_matches('#').trim();
    let line = line.trim_end_matches('#').trim();
    let line = ["**", "__"]
        .iter()
        .find_map(|m| line.strip_prefix(m).and_then(|l| l.strip_suffix(m)))
        .unwrap_or(line);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first diary number (`Dnr RS 2023/123`, `Diarienummer: 2021-00456`): the
/// words after the label up to and including the first one with a digit.
pub fn find_dnr(text: &str) -> Option<String> {
    for line in text.lines() {
        let lower = line.to_lowercase();
        for label in ["diarienummer", "dnr"] {
            let Some(at) = find_word(&lower, label) else {
                continue;
            };
            // Lower-casing keeps byte lengths for the ASCII labels found here.
            let rest = line.get(at + label.len()..).unwrap_or("");
            let rest = rest.trim_start_matches(|c: char| ":.*_".contains(c) || c.is_whitespace());
            let mut words = Vec::new();
            for word in rest.split_whitespace().take(3) {
                let word = word.trim_end_matches([',', ';', '.', ')', '*', '_']);
                words.push(word);
                if word.chars().any(|c| c.is_ascii_digit()) {
                    return Some(words.join(" "));
                }
            }
        }
    }
    None
}

/// Byte offset of `word` in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::find_dnr;

    #[test]
    fn diary_numbers() {
        assert_eq!(
            find_dnr("Dnr RS 2023/123\n").as_deref(),
            Some("RS 2023/123")
        );
        assert_eq!(
            find_dnr("x\nDiarienummer: 2021-00456.\n").as_deref(),
            Some("2021-00456")
        );
        assert_eq!(
            find_dnr("**Dnr:** KS 2020/8, bilaga").as_deref(),
            Some("KS 2020/8")
        );
        assert_eq!(find_dnr("Dnrx 12").as_deref(), None);
        assert_eq!(find_dnr("Ingen diarieföring.").as_deref(), None);
    }
}
