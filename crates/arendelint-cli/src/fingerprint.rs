//! Content fingerprints of findings, for baselines, SARIF `partialFingerprints`
//! and GitLab Code Quality.
//!
//! A fingerprint must survive unrelated edits: lines inserted above a finding
//! move it but must not make it "new". So it hashes what the finding is about,
//! never where it is: the rule, the case (agenda mode), the normalised text of
//! the span, and the occurrence index among findings of the same file with the
//! same content (two identical sentences give two findings that must not
//! collapse into one). The rest of the line is left out on purpose: fixing one
//! finding must not turn another finding on the same line into a new one.

use crate::report::CheckedFile;
use arendelint_core::rules::Level;
use arendelint_core::Diagnostic;
use std::collections::HashMap;

/// Bumped when the hashed content changes, so old baselines are recognised.
pub const VERSION: &str = "v1";

/// One fingerprint per diagnostic of `file`, in the same order.
pub fn of_file(file: &CheckedFile) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let content = content_hash(file, d);
            let occurrence = seen.entry(content).or_insert(0);
            let mut hash = Fnv::new();
            hash.write(&content.to_le_bytes());
            hash.write(&occurrence.to_le_bytes());
            *occurrence += 1;
            format!("{:016x}", hash.finish())
        })
        .collect()
}

/// Hash of everything that identifies the finding except its position.
fn content_hash(file: &CheckedFile, d: &Diagnostic) -> u64 {
    let mut hash = Fnv::new();
    hash.write_str(d.rule.code());
    hash.write_str(d.case.as_deref().unwrap_or(""));
    // A document-level finding (JAM001) is about the whole document (or case):
    // editing the title must not make it new.
    // Section findings span their heading line, span findings their words.
    if d.rule.level() != Level::Document {
        let span = file.text.get(d.span.clone()).unwrap_or("");
        hash.write_str(&normalise(span));
    }
    hash.finish()
}

/// Lower-case, BOM dropped, runs of white space collapsed, ends trimmed: a
/// re-wrapped line or a changed indentation is the same finding.
fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// 64-bit FNV-1a: tiny, and unlike `std`'s `DefaultHasher` its output is fixed
/// forever, which a fingerprint stored in a baseline file needs.
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Writes a string with a terminator, so ("ab","c") and ("a","bc") differ.
    pub fn write_str(&mut self, s: &str) {
        self.write(s.as_bytes());
        self.write(&[0xff]);
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arendelint_core::{Config, Input, Linter, SourceKind};

    fn prints(text: &str) -> Vec<(String, String)> {
        let linter = Linter::new(&Config::default()).expect("default config");
        let report = linter
            .check(&Input::text(text, SourceKind::Markdown))
            .expect("text");
        let file = CheckedFile::from_report("a.md".into(), report);
        let codes = file.diagnostics.iter().map(|d| d.rule.code().to_string());
        codes.zip(of_file(&file)).collect()
    }

    const CASE: &str = "# Simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n\nPatienterna väntar.\n";

    #[test]
    fn inserted_lines_elsewhere_keep_fingerprints() {
        let before = prints(CASE);
        let moved = CASE.replace(
            "## Bakgrund\n",
            "## Bakgrund\n\nEn ny mening utan fynd.\n\n",
        );
        assert_eq!(before, prints(&moved));
        assert_eq!(before.len(), 3, "{before:?}");
    }

    #[test]
    fn edited_finding_changes_its_fingerprint_only() {
        let before = prints(CASE);
        // Same line, other words: the same finding.
        let reworded = CASE.replace("Patienterna väntar.", "Patienterna väntar länge.");
        assert_eq!(before, prints(&reworded));
        let edited = CASE.replace("4 500 besökare", "4 800 besökare");
        let after = prints(&edited);
        assert_eq!((&before[0], &before[2]), (&after[0], &after[2]));
        assert_ne!(before[1], after[1]);
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        // Two sections: within one, the second mention would be a related location.
        let text = "# T\n\nPatienterna väntar.\n\n## Mer\n\nPatienterna väntar.\n";
        let found = prints(text);
        let jam003: Vec<_> = found.iter().filter(|(c, _)| c == "JAM003").collect();
        assert_eq!(jam003.len(), 2);
        assert_ne!(jam003[0].1, jam003[1].1);
    }

    #[test]
    fn fnv_is_the_published_function() {
        // Test vector of FNV-1a 64 for "a".
        let mut h = Fnv::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }
}
