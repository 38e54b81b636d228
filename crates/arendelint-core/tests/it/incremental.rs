//! `Linter::check_incremental` gives exactly the findings of a full check:
//! 1,000 random edits (characters, words and lines typed, deleted and replaced,
//! headings, blank lines, fences and list marks among them) on each case of the
//! sample corpus and the examples (these also with CRLF line ends), compared
//! after every edit. Set `ARENDELINT_DEV_CORPUS` to a folder (e.g.
//! `../shared/corpus/dev`) to run the same on its cases too, and
//! `ARENDELINT_INCREMENTAL_EDITS` for more edits per case.

use arendelint_core::report::Analysis;
use arendelint_core::{Config, Input, Linter, SourceKind};
use std::path::{Path, PathBuf};

/// Edits per case; `ARENDELINT_INCREMENTAL_EDITS` asks for more (a longer
/// search for a difference).
fn edits() -> usize {
    std::env::var("ARENDELINT_INCREMENTAL_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

/// A small deterministic generator (xorshift64*): the test needs no crate and
/// fails the same way every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What is typed: characters and pieces that change the Markdown structure or
/// the rules' words.
const PIECES: &[&str] = &[
    "a",
    "x",
    "ä",
    " ",
    "\n",
    "\n\n",
    ".",
    ",",
    ":",
    "#",
    "# ",
    "## ",
    "\n## Bakgrund\n",
    "\n### Jämställdhetsanalys\n",
    "\n# Ny rubrik\n\n",
    "**",
    "*",
    "- ",
    "1. ",
    "> ",
    "|",
    "| a | b |\n|---|---|\n",
    "```",
    "\n```\n",
    "~~~\n",
    "<div>\n",
    "<!-- ",
    " -->",
    "---\n",
    "===\n",
    "    ",
    "\t",
    "patienterna",
    " Patienterna väntar. ",
    "alla invånare",
    " kvinnor och män ",
    "312 patienter",
    " 45 % ",
    "antal brukare",
    "Av dessa är 20 kvinnor.",
    "Beslutet skickas till\n",
    "Konsekvenser för jämställdhet:\n",
    "barn",
    "Elever",
    "\nBilagor\n",
    "[",
    "]",
    "(",
    ")",
    "`",
    "_",
    "&amp;",
    "<br>",
];

fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One random edit of `text`: the range replaced and the replacement.
fn random_edit(rng: &mut Rng, text: &str) -> (std::ops::Range<usize>, String) {
    let at = char_boundary(text, rng.below(text.len() + 1));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    match rng.below(10) {
        // Type a piece.
        0..=3 => (at..at, PIECES[rng.below(PIECES.len())].to_string()),
        // Delete a few characters.
        4 | 5 => {
            let end = char_boundary(text, at + 1 + rng.below(12));
            let end = if end <= at {
                text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
            } else {
                end
            };
            (at..end, String::new())
        }
        // Replace a few characters.
        6 => {
            let end = char_boundary(text, at + 1 + rng.below(6)).max(at);
            (at..end, PIECES[rng.below(PIECES.len())].to_string())
        }
        // Delete the line (with its line break).
        7 => (line_start..(line_end + 1).min(text.len()), String::new()),
        // Insert a line before this one.
        8 => (
            line_start..line_start,
            format!(
                "{}\n",
                PIECES[rng.below(PIECES.len())].trim_end_matches('\n')
            ),
        ),
        // Join or split lines, blank lines.
        _ => {
            if rng.below(2) == 0 && line_end < text.len() {
                (line_end..line_end + 1, String::new())
            } else {
                (at..at, "\n".to_string())
            }
        }
    }
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = vec![root.join("tests/corpus/sample"), root.join("examples")];
    if let Ok(extra) = std::env::var("ARENDELINT_DEV_CORPUS") {
        dirs.push(PathBuf::from(extra));
    }
    let mut out: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).expect("the corpus folder exists"))
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name != "README.md" && (name.ends_with(".md") || name.ends_with(".txt"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn incremental_and_full_analysis_agree_after_every_random_edit() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    let cases = cases();
    assert!(cases.len() >= 10, "{cases:?}");
    let (mut fast, mut total) = (0, 0);
    // The examples once more with CRLF line ends (as saved on Windows).
    let crlf = cases
        .iter()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("examples")))
        .map(|p| (p, true));
    let runs: Vec<(&PathBuf, bool)> = cases.iter().map(|p| (p, false)).chain(crlf).collect();
    assert!(runs.len() > cases.len());
    for (n, (path, crlf)) in runs.into_iter().enumerate() {
        let mut original = std::fs::read_to_string(path).expect("a readable case");
        if crlf {
            original = original.replace('\n', "\r\n");
        }
        let kind = if path.extension().is_some_and(|e| e == "txt") {
            SourceKind::PlainText
        } else {
            SourceKind::Markdown
        };
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1));
        let mut analysis: Analysis = linter
            .analyse(&original, kind)
            .expect("the case is checked");
        for step in 0..edits() {
            let text = analysis.text().to_string();
            let (range, replacement) = if text.len() < 200 {
                // Worn down: start over from the case.
                (0..text.len(), original.clone())
            } else {
                random_edit(&mut rng, &text)
            };
            let mut next = text.clone();
            next.replace_range(range.clone(), &replacement);
            if next.trim().is_empty() {
                continue;
            }
            let incremental = linter
                .check_incremental(&analysis, &next, range.clone())
                .expect("the edited case is checked");
            let full = linter
                .check(&Input::text(&next, kind))
                .expect("the edited case is checked");
            assert_eq!(
                incremental.diagnostics,
                full.diagnostics,
                "{} after edit {step} ({range:?} -> {replacement:?}), incremental: {}",
                path.display(),
                incremental.was_incremental()
            );
            total += 1;
            fast += usize::from(incremental.was_incremental());
            analysis = incremental;
        }
    }
    // The fast path is taken often enough (at least one in twenty: else this would compare the
    // full check with itself).
    eprintln!("{fast} of {total} edits re-checked one section");
    assert!(
        fast * 20 >= total,
        "only {fast} of {total} edits took the fast path"
    );
}

/// Large Markdown documents are checked section by section
/// (`Linter::check_by_sections`, which `check` uses from 4 MiB on): on small
/// documents too, it gives exactly the findings of a whole check. Each
/// Markdown case (the examples also with CRLF) and all of them joined into one
/// document, after each of 300 random edits (`ARENDELINT_INCREMENTAL_EDITS`
/// × 0.3 when set).
#[test]
fn sectioned_and_whole_checks_agree_after_every_random_edit() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    let mut originals: Vec<(String, String)> = Vec::new();
    for path in cases() {
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).expect("a readable case");
            if path.parent().is_some_and(|d| d.ends_with("examples")) {
                originals.push((
                    format!("{} (CRLF)", path.display()),
                    text.replace('\n', "\r\n"),
                ));
            }
            originals.push((path.display().to_string(), text));
        }
    }
    let joined: String = originals
        .iter()
        .filter(|(name, _)| !name.ends_with("(CRLF)"))
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    originals.push(("all cases joined".to_string(), joined));
    let (mut sectioned, mut total) = (0, 0);
    for (n, (name, original)) in originals.iter().enumerate() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ (n as u64 + 7));
        let mut text = original.clone();
        for step in 0..edits() * 3 / 10 {
            let whole = linter
                .check(&Input::text(&text, SourceKind::Markdown))
                .expect("the case is checked");
            if let Some(by_sections) = linter.check_by_sections(&text) {
                assert_eq!(
                    by_sections, whole.diagnostics,
                    "{name} after {step} edits:\n{text}"
                );
                sectioned += 1;
            }
            total += 1;
            let (range, replacement) = if text.len() < 200 {
                (0..text.len(), original.clone())
            } else {
                random_edit(&mut rng, &text)
            };
            text.replace_range(range, &replacement);
        }
    }
    eprintln!("{sectioned} of {total} texts checked section by section");
    assert!(
        sectioned * 4 >= total,
        "only {sectioned} of {total} texts could be checked section by section"
    );
}

/// Section by section, the cap keeps the first findings by position across
/// sections, as a whole check does.
#[test]
fn sectioned_checks_keep_the_cap_of_a_whole_check() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    let mut text = "# Ärende\n\n".to_string();
    for n in 0..6_000 {
        text +=
            &format!("## Avsnitt {n}\n\nPatienterna väntar. Mottagningen hade 312 patienter.\n\n");
        if n == 3_000 {
            text += "## Konsekvenser för jämställdhet\n\nEj aktuellt.\n\n";
        }
    }
    let whole = linter
        .check(&Input::text(&text, SourceKind::Markdown))
        .expect("the text is checked");
    let by_sections = linter
        .check_by_sections(&text)
        .expect("the text has sections");
    assert_eq!(whole.diagnostics.len(), 10_002);
    assert_eq!(by_sections, whole.diagnostics);
}

/// Found by fuzzing (fuzz/REPORT.md, finding 7): a metadata block after a BOM
/// or opened by a line ended with a lone `\r` spans headings, so the text
/// cannot be cut at them; both were missed, and the sections were checked
/// apart.
#[test]
fn a_metadata_block_after_a_bom_or_a_lone_carriage_return_is_global() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    for start in ["\u{feff}---\r\n", "---\r", "\u{feff}---\r"] {
        let text = format!(
            "{start}title: x\n\n## Bakgrund\n\n| Grupp | Antal |\n|---|---:|\n| Deltagare | 12 |\n---\n\n## Jämställdhet\n\nEj aktuellt.\n"
        );
        let whole = linter
            .check(&Input::text(&text, SourceKind::Markdown))
            .expect("the text is checked");
        match linter.check_by_sections(&text) {
            None => {}
            Some(by_sections) => assert_eq!(by_sections, whole.diagnostics, "{text:?}"),
        }
        assert!(linter.check_by_sections(&text).is_none(), "{text:?}");
    }
}

/// `#` lines in a code block are no cuts: the part grows past them (trying
/// candidates at least twice as far each time, not every line), and the
/// findings are those of a whole check.
#[test]
fn a_code_block_full_of_hash_lines_is_not_cut() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    let mut text = "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n\n```\n".to_string();
    for n in 0..20_000 {
        text += &format!("# rad {n}\n");
    }
    text += "```\n\n## Jämställdhet\n\nEleverna väntar.\n";
    let whole = linter
        .check(&Input::text(&text, SourceKind::Markdown))
        .expect("the text is checked");
    let by_sections = linter.check_by_sections(&text).expect("the text has cuts");
    assert_eq!(by_sections, whole.diagnostics);
    assert_eq!(whole.diagnostics.len(), 3, "{:?}", whole.diagnostics);
}

/// Found by fuzzing (fuzz/REPORT.md, finding 9): the parser opens a metadata
/// block at any `---` line followed by a line it does not read as blank, also
/// after a heading in the middle of the text, with a form feed after the
/// dashes, or before a line of a no-break space. Such a block spans headings,
/// so the text is not cut.
#[test]
fn a_metadata_block_with_a_form_feed_or_before_a_no_break_space_is_global() {
    let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    for (delimiter, first_line) in [
        ("---\x0c", "titel: x"),
        ("---", "\u{a0}"),
        ("--- \x0b", "x"),
    ] {
        let text = format!(
            "# Ärende\n\n## Bakgrund\n{delimiter}\n{first_line}\nBarnen väntar.\n\n## Mitt\n\nBarnen väntar.\n---\n\n## Jämställdhet\n\nEj aktuellt.\n"
        );
        let whole = linter
            .check(&Input::text(&text, SourceKind::Markdown))
            .expect("the text is checked");
        if let Some(by_sections) = linter.check_by_sections(&text) {
            assert_eq!(by_sections, whole.diagnostics, "{text:?}");
        }
        assert!(linter.check_by_sections(&text).is_none(), "{text:?}");
    }
}
