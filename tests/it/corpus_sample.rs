//! The annotated sample corpus in `tests/corpus/sample/`, scored against the binary.
//!
//! Each case carries its expected findings inline (`⟦JAM003|patienterna⟧`, a section mark
//! on a heading line, `%% expect: JAM001`; see `tests/corpus/sample/README.md`). The marks
//! are removed, the clean cases are checked with `arendelint check --format json`, and each
//! reported finding is matched to an expectation of the same rule: JAM001 anywhere in the
//! same file, section rules on the same line, span rules by overlapping bytes. The same
//! matching as `tests/corpus/score.py`. Every rule must score precision and recall 1.0, and
//! the counts are fixed, so that a case that silently stops exercising a rule fails too.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const SECTION_RULES: [&str; 4] = ["JAM002", "JAM005", "JAM006", "JAM007"];

#[derive(Debug)]
struct Expected {
    rule: String,
    /// Byte range in the clean text (empty for a `%% expect:` line).
    start: usize,
    end: usize,
    line: usize,
}

/// The clean text of an annotated case and its expected findings.
fn strip_marks(annotated: &str) -> (String, Vec<Expected>) {
    let mut expected = Vec::new();
    let mut kept = String::new();
    for line in annotated.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("%%") {
            if let Some(rules) = rest.trim().strip_prefix("expect:") {
                for rule in rules.split([',', ' ']).filter(|r| !r.is_empty()) {
                    expected.push(Expected {
                        rule: rule.to_string(),
                        start: 0,
                        end: 0,
                        line: 1,
                    });
                }
            }
            continue;
        }
        kept.push_str(line);
    }
    let mut clean = String::new();
    let mut rest = kept.as_str();
    while let Some(open) = rest.find('⟦') {
        clean.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let bar = after.find('|').expect("a mark has a rule id and a `|`");
        let close = after.find('⟧').expect("a mark is closed with ⟧");
        let start = clean.len();
        clean.push_str(&after[bar + 1..close]);
        expected.push(Expected {
            rule: after[..bar].to_string(),
            start,
            end: clean.len(),
            line: clean[..start].matches('\n').count() + 1,
        });
        rest = &after[close + '⟧'.len_utf8()..];
    }
    clean.push_str(rest);
    (clean, expected)
}

fn matches(e: &Expected, d: &serde_json::Value) -> bool {
    let rule = d["rule"].as_str().unwrap();
    if e.rule != rule {
        return false;
    }
    if rule == "JAM001" {
        return true;
    }
    if SECTION_RULES.contains(&rule) {
        return d["line"].as_u64() == Some(e.line as u64);
    }
    let (start, end) = (
        d["byte_start"].as_u64().unwrap() as usize,
        d["byte_end"].as_u64().unwrap() as usize,
    );
    start < e.end && e.start < end
}

/// Per rule: (true positives, false positives, false negatives), and the misses.
fn score() -> (BTreeMap<String, [usize; 3]>, Vec<String>) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/sample");
    let dir = tempfile::tempdir().unwrap();
    let mut expected = BTreeMap::new();
    let mut names: Vec<String> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| (n.ends_with(".md") || n.ends_with(".txt")) && !n.starts_with("README"))
        .collect();
    names.sort();
    for name in &names {
        let annotated = std::fs::read_to_string(sample.join(name)).unwrap();
        let (clean, exp) = strip_marks(&annotated);
        std::fs::write(dir.path().join(name), clean).unwrap();
        expected.insert(name.clone(), exp);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_arendelint"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(names.iter().map(|n| dir.path().join(n)))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut misses = Vec::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let path = Path::new(d["path"].as_str().unwrap());
        let name = path.file_name().unwrap().to_str().unwrap();
        let rule = d["rule"].as_str().unwrap().to_string();
        let open = expected.get_mut(name).unwrap();
        let c = counts.entry(rule.clone()).or_default();
        match open.iter().position(|e| matches(e, d)) {
            Some(i) => {
                open.remove(i);
                c[0] += 1;
            }
            None => {
                c[1] += 1;
                misses.push(format!("{name}:{}: unexpected {rule}", d["line"]));
            }
        }
    }
    for (name, open) in expected {
        for e in open {
            counts.entry(e.rule.clone()).or_default()[2] += 1;
            misses.push(format!("{name}:{}: missed {}", e.line, e.rule));
        }
    }
    (counts, misses)
}

#[test]
fn sample_corpus_scores_one_for_every_rule() {
    let (counts, misses) = score();
    println!("rule       tp   fp   fn  precision  recall");
    for (rule, [tp, fp, fn_]) in &counts {
        let p = *tp as f64 / (tp + fp).max(1) as f64;
        let r = *tp as f64 / (tp + fn_).max(1) as f64;
        println!("{rule:<8}{tp:>5}{fp:>5}{fn_:>5}{p:>11.3}{r:>8.3}");
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    let got: Vec<(&str, usize)> = counts.iter().map(|(r, c)| (r.as_str(), c[0])).collect();
    assert_eq!(
        got,
        [
            ("ARL001", 1),
            ("JAM001", 1),
            ("JAM002", 2),
            ("JAM003", 18),
            ("JAM004", 7),
            ("JAM005", 1),
            ("JAM006", 2),
        ]
    );
}

#[test]
fn marks_are_removed_with_byte_offsets_into_the_clean_text() {
    let (clean, expected) =
        strip_marks("%% expect: JAM001\n# Å\n\nFör ⟦JAM003|alla⟧ och ⟦JAM004|12 elever⟧.\n");
    assert_eq!(clean, "# Å\n\nFör alla och 12 elever.\n");
    let got: Vec<(&str, &str, usize)> = expected
        .iter()
        .map(|e| (e.rule.as_str(), &clean[e.start..e.end], e.line))
        .collect();
    assert_eq!(
        got,
        [
            ("JAM001", "", 1),
            ("JAM003", "alla", 3),
            ("JAM004", "12 elever", 3)
        ]
    );
}
