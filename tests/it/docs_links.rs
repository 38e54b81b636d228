//! The documentation stands alone: every relative Markdown link in the repository's
//! Markdown files resolves to a file or folder of the repository (and its `#anchor`, when
//! given, to a heading of the target), and no web address appears except the project's
//! own repository (the `repository` of Cargo.toml).

use std::path::{Component, Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.md` file of the repository, outside build output and installed packages.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        if path.is_dir() {
            let skip = ["target", "node_modules", ".git", "out"];
            if !skip.contains(&name) && !name.starts_with("target") {
                markdown_files(&path, out);
            }
        } else if name.ends_with(".md") {
            out.push(path);
        }
    }
}

/// The lines of a Markdown text outside fenced code blocks, with inline code removed,
/// as (line number, text).
fn prose_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            (None, None) => {
                let mut prose = String::new();
                for (k, part) in line.split('`').enumerate() {
                    if k % 2 == 0 {
                        prose.push_str(part);
                    }
                }
                out.push((i + 1, prose));
            }
            _ => {}
        }
    }
    out
}

/// The link destinations of a line: `[text](dest)` and `[label]: dest`.
fn destinations(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let dest = after[..end].split_whitespace().next().unwrap_or("");
        out.push(dest.trim_matches(['<', '>']).to_string());
        rest = &after[end..];
    }
    let t = line.trim_start();
    if t.starts_with('[') {
        if let Some(i) = t.find("]: ") {
            out.push(t[i + 3..].trim().to_string());
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        } else if !fence && line.starts_with('#') {
            out.push(slug(line.trim_start_matches('#').replace('`', "").as_str()));
        }
    }
    out
}

/// `path` with `.` and `..` resolved, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn repository_url() -> String {
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let line = cargo
        .lines()
        .find(|l| l.starts_with("repository"))
        .expect("Cargo.toml names the repository");
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn markdown_links_stay_inside_the_repository() {
    let root = normalise(root());
    let own = repository_url();
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(&root).unwrap().display().to_string();
        // Web addresses anywhere in the file, code included: only the project's own.
        for (i, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("http") {
                let tail = &line[at..];
                let is_url = tail.starts_with("http://") || tail.starts_with("https://");
                if is_url && !tail.starts_with(&own) {
                    problems.push(format!("{shown}:{}: web address {tail}", i + 1));
                }
            }
        }
        for (n, line) in prose_lines(&text) {
            for dest in destinations(&line) {
                if dest.is_empty() || dest.starts_with(&own) || dest.starts_with("mailto:") {
                    continue;
                }
                if dest.contains("://") {
                    continue; // reported above
                }
                let (path, anchor) = match dest.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (dest.as_str(), None),
                };
                let target = if path.is_empty() {
                    file.clone()
                } else {
                    normalise(&file.parent().unwrap().join(path))
                };
                if !target.starts_with(&root) {
                    problems.push(format!("{shown}:{n}: `{dest}` leaves the repository"));
                } else if !target.exists() {
                    problems.push(format!("{shown}:{n}: `{dest}` does not exist"));
                } else if let Some(anchor) = anchor {
                    if target.extension().is_some_and(|e| e == "md") {
                        let heads = anchors(&std::fs::read_to_string(&target).unwrap());
                        if !heads.iter().any(|h| h == anchor) {
                            problems.push(format!("{shown}:{n}: no heading for `{dest}`"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn links_are_found_outside_code_only() {
    let text =
        "See [a](docs/a.md#x \"title\") and `[b](no.md)`.\n\n```\n[c](no.md)\n```\n[d]: ../d.md\n";
    let found: Vec<String> = prose_lines(text)
        .iter()
        .flat_map(|(_, line)| destinations(line))
        .collect();
    assert_eq!(found, ["docs/a.md#x", "../d.md"]);
}

#[test]
fn the_documents_the_readme_promises_exist() {
    for path in [
        "README.md",
        "ARCHITECTURE.md",
        "BENCHMARKS.md",
        "docs/rules.md",
        "bench/gen_corpus.py",
        "tests/corpus/score.py",
        "tests/corpus/sample/README.md",
    ] {
        assert!(root().join(path).is_file(), "{path} is missing");
    }
}

#[test]
fn slugs_follow_github() {
    assert_eq!(
        slug("4. JSON output and exit codes"),
        "4-json-output-and-exit-codes"
    );
    assert_eq!(
        slug("JAM003 ungendered-target-group"),
        "jam003-ungendered-target-group"
    );
    assert_eq!(slug("Vad regeln gör"), "vad-regeln-gör");
}
