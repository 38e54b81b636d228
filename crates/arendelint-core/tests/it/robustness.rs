//! The engine never panics and keeps its spans valid, whatever the input:
//! every truncation of a realistic case and pseudo-random text in both formats.

use crate::common::Check;
use arendelint_core::report::apply_fixes;
use arendelint_core::{Config, Linter, SourceKind};

const SAMPLE: &str = "\u{feff}---\r\ntitle: x\r\n---\r\n# Ärende 😀\r\n\r\n## Bakgrund\r\n\r\n\
Under 2023 vårdades 4\u{a0}500 patienter, 45 % av eleverna och antalet brukare ökade med 12. \
Alla som bor i länet. Barn- och unga; jäm-\r\nställdhet. `kod` <!-- arendelint-disable JAM9 --> \
[länk](https://x.se/alla) **fet** _kursiv_ &amp; t.ex. kl. 18.00 § 4 2001:100 12 fall per 1 000 invånare.\r\n\r\n\
> Alla invånare.\r\n\r\n| Grupp | Antal |\r\n|---|---:|\r\n| Deltagare | 12 |\r\n\r\n\
**Jämställdhet**\r\n\r\nJämställdhet: Ej aktuellt.\r\n\r\n- Patienterna\r\n  1. 300-tal elever\r\n\r\n\
Sida 2 (3)\r\nKonsekvenser för jäm-\r\nställdhet\r\n\r\nFyll i\r\n";

fn check_all(text: &str, linter: &Linter) {
    for kind in [SourceKind::Markdown, SourceKind::PlainText] {
        let diags = linter.lint(text, kind);
        for d in &diags {
            assert!(
                d.span.start <= d.span.end && d.span.end <= text.len(),
                "{d:?}"
            );
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    assert!(e.range.end <= text.len() && text.is_char_boundary(e.range.start));
                }
            }
        }
        let _ = apply_fixes(text, &diags, true);
    }
}

#[test]
fn every_prefix_and_suffix_of_a_dense_case() {
    let linter = Linter::new(&Config::default()).unwrap();
    let bounds: Vec<usize> = (0..=SAMPLE.len())
        .filter(|&i| SAMPLE.is_char_boundary(i))
        .collect();
    for &i in &bounds {
        check_all(&SAMPLE[..i], &linter);
        check_all(&SAMPLE[i..], &linter);
    }
}

#[test]
fn pseudo_random_text() {
    let linter = Linter::new(&Config::default()).unwrap();
    let alphabet: Vec<char> = "aåäöAÅÄÖ 0123456789.,;:!?-–()[]*_#>|`<!->\n\r\t§%/\u{a0}😀é"
        .chars()
        .collect();
    let words = [
        "patienter",
        "alla",
        "kvinnor",
        "Jämställdhet",
        "antalet",
        "procent",
        "## ",
        "**",
        "| ",
        "<!-- arendelint-disable-next-line -->",
        "\n\n",
        "jäm-\n",
        "2023",
        "4 500",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..400 {
        let len = (next() % 300) as usize;
        let mut text = String::new();
        for _ in 0..len {
            let r = next();
            if r % 4 == 0 {
                text.push_str(words[(r / 4 % words.len() as u64) as usize]);
            } else {
                text.push(alphabet[(r / 4 % alphabet.len() as u64) as usize]);
            }
        }
        check_all(&text, &linter);
    }
}

#[test]
fn positions_with_bom_crlf_and_swedish_letters() {
    use arendelint_core::text::{ColumnUnit, LineIndex};
    let text = "\u{feff}# Ärende\r\n\r\nÅsa och Örjan såg 😀 att patienterna väntade.\r\n";
    let diags = crate::common::lint(text);
    let d = diags.iter().find(|d| d.rule.code() == "JAM003").unwrap();
    assert_eq!(&text[d.span.clone()], "patienterna");
    let index = LineIndex::new(text);
    let start = index.line_col(text, d.span.start, ColumnUnit::Char);
    let end = index.line_col(text, d.span.end, ColumnUnit::Char);
    assert_eq!((start.line + 1, start.col + 1), (3, 25));
    assert_eq!((end.line + 1, end.col + 1), (3, 36));
    assert_eq!(
        index.line_col(text, d.span.start, ColumnUnit::Utf16).col + 1,
        26
    );
    // The document-level finding sits at 1:1, before the BOM.
    let j1 = diags.iter().find(|d| d.rule.code() == "JAM001").unwrap();
    assert_eq!(j1.span, 0..0);
}

/// A text without sentence breaks is one long sentence: every rule stays linear
/// in it (this took over half a minute when the breakdown check read to the end
/// of the sentence for each figure).
#[test]
fn one_endless_sentence_with_many_figures() {
    let n = 3_000;
    let text =
        "antalet patienter ökade med 12 och 45 procent av eleverna, 300 besökare (och ".repeat(n);
    let diags = crate::common::lint(&text);
    let count = |code: &str| diags.iter().filter(|d| d.rule.code() == code).count();
    assert_eq!(count("JAM004"), 3 * n);
    assert_eq!(count("JAM003"), 0);
    assert_eq!(count("JAM001"), 1);
}
