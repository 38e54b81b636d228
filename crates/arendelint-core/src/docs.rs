//! The rule documentation agrees with the rules: every explanation
//! (`rules/explanations/{sv,en}/ID.md`, declared by each rule's unit) has its
//! sections, sources and true examples, and docs/rules.md's tables and the
//! examples/ folder match the registry.

use crate::config::Config;
use crate::config::Lang;
use crate::engine::rules::{DOCS_BASE_URL, RULES};
use crate::registry::Rule;

const LANGS: [Lang; 2] = [Lang::Sv, Lang::En];

fn sections(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Sv => [
            "## Vad regeln gör",
            "## Varför",
            "## Exempel",
            "## Så åtgärdar du",
            "## Inställningar",
            "## Stänga av",
        ],
        Lang::En => [
            "## What it does",
            "## Why",
            "## Example",
            "## How to fix",
            "## Configuration",
            "## Suppression",
        ],
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fenced code blocks of a Markdown text with the given info string.
fn code_blocks(text: &str, info: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match current.as_mut() {
            None if line.trim_start().starts_with("```") => {
                let tag = line.trim_start().trim_start_matches('`').trim();
                current = Some(if tag == info {
                    String::new()
                } else {
                    "\u{0}".into()
                });
            }
            None => {}
            Some(_) if line.trim_start().starts_with("```") => {
                if let Some(block) = current.take() {
                    if !block.starts_with('\u{0}') {
                        blocks.push(block);
                    }
                }
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    assert!(current.is_none(), "unclosed code block");
    blocks
}

#[test]
fn every_rule_has_an_explanation_and_summary_in_both_languages() {
    for meta in RULES {
        for lang in LANGS {
            let text = meta.rule.explanation(lang);
            let title = format!("# {} {}\n", meta.code, meta.name);
            assert!(text.starts_with(&title), "{} {lang:?}: title", meta.code);
            let lines = text.lines().count();
            assert!(
                (40..=120).contains(&lines),
                "{} {lang:?}: {lines} lines",
                meta.code
            );

            let s = meta.rule.summary(lang);
            assert!(
                !s.trim().is_empty(),
                "{} {lang:?}: empty summary",
                meta.code
            );
            assert!(
                !s.contains('\n'),
                "{} {lang:?}: summary is one line",
                meta.code
            );
            assert!(
                s.ends_with('.'),
                "{} {lang:?}: summary is a sentence",
                meta.code
            );
        }
        assert_ne!(
            meta.rule.explanation(Lang::Sv),
            meta.rule.explanation(Lang::En)
        );
        assert_ne!(meta.rule.summary(Lang::Sv), meta.rule.summary(Lang::En));
    }
}

#[test]
fn explanations_have_every_section_in_order() {
    for meta in RULES {
        for lang in LANGS {
            let text = meta.rule.explanation(lang);
            let mut from = 0;
            for heading in sections(lang) {
                let at = text[from..]
                    .find(heading)
                    .unwrap_or_else(|| panic!("{} {lang:?}: no `{heading}`", meta.code));
                from += at + heading.len();
            }
        }
    }
}

#[test]
fn explanations_name_their_sources() {
    let step = |rule: Rule| match rule {
        Rule::Jam001 | Rule::Jam002 | Rule::Jam007 => Some("3"),
        Rule::Jam003 => Some("1"),
        Rule::Jam004 => Some("2"),
        Rule::Jam005 => Some("4"),
        Rule::Jam006 => Some("5"),
        Rule::Arl001 | Rule::Arl002 => None,
    };
    for meta in RULES {
        for lang in LANGS {
            // Prose is wrapped: compare with every run of white space as one space.
            let text = flat(meta.rule.explanation(lang));
            let lower = text.to_lowercase();
            if let Some(n) = step(meta.rule) {
                assert!(
                    text.contains("Checklista för jämställda beslut") && text.contains("SKR"),
                    "{} {lang:?}: SKR's checklist",
                    meta.code
                );
                let word = if lang == Lang::Sv { "steg" } else { "step" };
                assert!(
                    lower.contains(&format!("{word} {n}")),
                    "{} {lang:?}: {word} {n}",
                    meta.code
                );
            }
        }
    }
    for lang in LANGS {
        let jam004 = flat(Rule::Jam004.explanation(lang));
        assert!(
            jam004.contains("(2001:100) om den officiella statistiken"),
            "{lang:?}"
        );
        assert!(jam004.contains("14"), "{lang:?}");
        assert!(flat(Rule::Jam002.explanation(lang)).contains("Region Norrbotten"));
        let jam007 = flat(Rule::Jam007.explanation(lang));
        assert!(jam007.contains("Region Halland") && jam007.contains("kön+"));
    }
}

#[test]
fn explanations_show_configuration_and_suppression_for_their_rule() {
    for meta in RULES {
        for lang in LANGS {
            let text = meta.rule.explanation(lang);
            let toml = code_blocks(text, "toml");
            assert!(!toml.is_empty(), "{} {lang:?}: no toml example", meta.code);
            for block in &toml {
                if let Err(e) = Config::from_toml_str(block, meta.code) {
                    panic!(
                        "{} {lang:?}: invalid configuration example: {e}\n{block}",
                        meta.code
                    );
                }
            }
            assert!(
                toml.iter()
                    .any(|b| b.contains(&format!("{} = ", meta.code))),
                "{} {lang:?}: no severity key",
                meta.code
            );
            if meta.rule != Rule::Arl001 {
                assert!(
                    text.contains(&format!("<!-- arendelint-disable-file {} -->", meta.code)),
                    "{} {lang:?}: file-level suppression",
                    meta.code
                );
            }
        }
    }
}

#[test]
fn suppression_examples_name_only_existing_rules() {
    let comment =
        regex::Regex::new(r"<!--\s*arendelint-[a-z-]+((?:\s+[A-Za-z0-9]+)*)\s*-->").unwrap();
    for meta in RULES {
        for lang in LANGS {
            let text = meta.rule.explanation(lang);
            let fences = text.matches("```").count();
            for caps in comment.captures_iter(text) {
                for id in caps[1].split_whitespace() {
                    let known = Rule::from_code(id).is_some();
                    // ARL001's explanation shows a misspelt id on purpose, once.
                    assert!(
                        known || (meta.rule == Rule::Arl001 && id == "JAM03"),
                        "{} {lang:?}: unknown id {id}",
                        meta.code
                    );
                }
            }
            assert!(
                fences % 2 == 0,
                "{} {lang:?}: unbalanced code fences",
                meta.code
            );
        }
    }
}

/// The bad example of every explanation is reported by its rule, the good one is not
/// (section rules get their examples under a gender heading when they have none).
#[test]
fn explanation_examples_are_true() {
    let mut config = Config::default();
    config.set_severity(Rule::Jam007, Some(crate::Severity::Info));
    let linter = crate::Linter::new(&config).unwrap_or_else(|e| panic!("{e}"));
    // ARL002 needs a document of more than 10,000 findings; its example is
    // output, and the cap has tests of its own (tests/limits.rs).
    for meta in RULES.iter().filter(|m| m.rule != Rule::Arl002) {
        for lang in LANGS {
            let text = meta.rule.explanation(lang);
            let example = text
                .split(sections(lang)[2])
                .nth(1)
                .and_then(|rest| rest.split(sections(lang)[3]).next())
                .unwrap_or_default();
            let blocks = code_blocks(example, "markdown");
            assert_eq!(
                blocks.len(),
                2,
                "{} {lang:?}: a bad and a good example",
                meta.code
            );
            let found = |block: &str| {
                let doc = if meta.rule.level() == crate::registry::Level::Section
                    && !block.contains('#')
                {
                    format!("# Ärende\n\n## Bakgrund\n\nText.\n\n## Konsekvenser för jämställdhet\n\n{block}")
                } else {
                    block.to_string()
                };
                linter
                    .lint(&doc, crate::SourceKind::Markdown)
                    .iter()
                    .any(|d| d.rule == meta.rule)
            };
            assert!(
                found(&blocks[0]),
                "{} {lang:?}: bad example not reported",
                meta.code
            );
            assert!(
                !found(&blocks[1]),
                "{} {lang:?}: good example reported",
                meta.code
            );
        }
    }
}

/// An example file: name, text, kind, configuration, expected (rule, line, text).
type ExampleCase<'a> = (
    &'a str,
    &'a str,
    crate::SourceKind,
    &'a Config,
    &'a [(&'a str, usize, &'a str)],
);

/// The findings that `examples/README.md` promises, as (rule, line, text); the text
/// of section and document findings is not compared.
#[test]
fn examples_give_the_documented_findings() {
    let org = Config::from_toml_str(
        include_str!("../../../examples/organisation/arendelint.toml"),
        "examples/organisation/arendelint.toml",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let default = Config::default();
    let cases: [ExampleCase; 4] = [
        (
            "exemplariskt-arende.md",
            include_str!("../../../examples/exemplariskt-arende.md"),
            crate::SourceKind::Markdown,
            &default,
            &[],
        ),
        (
            "brister-i-arende.md",
            include_str!("../../../examples/brister-i-arende.md"),
            crate::SourceKind::Markdown,
            &default,
            &[
                ("JAM003", 10, "invånarna"),
                ("JAM003", 10, "alla"),
                ("JAM004", 18, "45 procent"),
                ("JAM004", 20, "1 240 brukare"),
                ("JAM003", 20, "patienterna"),
                ("JAM004", 22, "Antalet deltagare ökade med 30"),
                ("JAM004", 26, "| Aktivitet | Deltagare | Tillfällen |"),
                ("JAM003", 36, "alla invånare"),
                ("JAM003", 37, "brukarna"),
                ("JAM003", 38, "eleverna"),
                ("JAM002", 46, ""),
                ("JAM003", 52, "barnen"),
            ],
        ),
        (
            "saknar-jamstalldhet.txt",
            include_str!("../../../examples/saknar-jamstalldhet.txt"),
            crate::SourceKind::PlainText,
            &default,
            &[
                ("JAM001", 1, ""),
                ("JAM003", 13, "Invånarna"),
                ("JAM004", 24, "2 300 besökare"),
                ("JAM004", 26, "62 procent"),
                ("JAM004", 26, "480 personer"),
                ("JAM003", 28, "besökarna"),
                ("JAM003", 35, "alla"),
                ("JAM003", 38, "Barn"),
                ("JAM003", 39, "elever"),
                ("JAM003", 52, "ungdomar"),
                ("JAM003", 60, "alla"),
            ],
        ),
        (
            "organisation/anhorigstod.md",
            include_str!("../../../examples/organisation/anhorigstod.md"),
            crate::SourceKind::Markdown,
            &org,
            &[
                ("JAM004", 18, "350 anhöriga"),
                ("JAM003", 18, "Anhörigas"),
                ("JAM003", 18, "kunderna"),
                // Line 20's "anhöriga" is a related location of line 18's
                // "Anhörigas": the same group in the same section (§6.17).
                ("JAM007", 25, ""),
            ],
        ),
    ];
    for (name, text, kind, config, expected) in cases {
        let linter = crate::Linter::new(config).unwrap_or_else(|e| panic!("{e}"));
        let mut got: Vec<(&str, usize, &str)> = linter
            .lint(text, kind)
            .iter()
            .map(|d| {
                let line = text[..d.span.start].matches('\n').count() + 1;
                // Section and document findings are compared by line only.
                let span = match d.rule.level() {
                    crate::registry::Level::Span => &text[d.span.clone()],
                    _ => "",
                };
                (d.rule.code(), line, span)
            })
            .collect();
        let mut want = expected.to_vec();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

/// `docs/rules.md` lists every rule with its registry facts and its summary.
#[test]
fn rule_table_matches_registry_and_summaries() {
    let text = include_str!("../../../docs/rules.md");
    for meta in RULES {
        let severity = meta.default_severity.map_or("off", |s| s.as_str());
        let en = format!(
            "| `{}` | {severity} | {} | {} |",
            meta.name,
            meta.level.as_str(),
            meta.rule.summary(Lang::En)
        );
        assert!(text.contains(&en), "docs/rules.md: no row `{en}`");
        let sv = format!("| {} |\n", meta.rule.summary(Lang::Sv));
        assert!(
            text.contains(&sv),
            "docs/rules.md: no Swedish summary of {}",
            meta.code
        );
    }
}

#[test]
fn configuration_reference_examples_parse() {
    let text = include_str!("../../../docs/configuration.md");
    let blocks = code_blocks(text, "toml");
    assert!(blocks.len() >= 2);
    for block in blocks {
        if let Err(e) = Config::from_toml_str(&block, "docs/configuration.md") {
            panic!("{e}\n{block}");
        }
    }
}

#[test]
fn example_configuration_parses() {
    let text = include_str!("../../../examples/organisation/arendelint.toml");
    let config = Config::from_toml_str(text, "examples/organisation/arendelint.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.severity(Rule::Jam007), Some(crate::Severity::Info));
    assert!(!config.goal_names.is_empty());
    assert!(!config.extra_group_words.is_empty());
    assert!(!config.extra_gender_headings.is_empty());
}

#[test]
fn documentation_url_points_at_the_explanation_file() {
    assert_eq!(
        Rule::Jam003.documentation_url(Lang::Sv),
        format!("{DOCS_BASE_URL}/sv/JAM003.md")
    );
    assert_eq!(
        Rule::Arl001.documentation_url(Lang::En),
        format!("{DOCS_BASE_URL}/en/ARL001.md")
    );
}
