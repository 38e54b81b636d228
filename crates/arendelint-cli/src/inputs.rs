//! Turning the paths on the command line into the list of documents to check.

use crate::configs::{absolute, ConfigResolver, Settings};
use crate::texts::Texts;
use arendelint_core::SourceKind;
use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One document to check.
pub struct Job {
    /// The path as shown to the user.
    pub display: String,
    pub path: PathBuf,
    /// What the file is (by extension): the core reads each kind.
    pub kind: SourceKind,
    pub settings: Arc<Settings>,
}

/// A path that cannot be checked, with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub display: String,
    pub message: String,
}

/// Documents found under `paths`, and the paths that could not be used.
/// Files with a broken configuration are left out; the resolver keeps that error.
pub fn collect(
    paths: &[PathBuf],
    resolver: &mut ConfigResolver,
    texts: Texts,
) -> (Vec<Job>, Vec<Problem>) {
    let mut collector = Collector {
        resolver,
        texts,
        jobs: Vec::new(),
        problems: Vec::new(),
        seen: HashSet::default(),
        cwd: std::env::current_dir().ok(),
    };
    for path in paths {
        collector.add_root(path);
    }
    (collector.jobs, collector.problems)
}

struct Collector<'a> {
    resolver: &'a mut ConfigResolver,
    texts: Texts,
    jobs: Vec<Job>,
    problems: Vec<Problem>,
    /// Absolute paths already queued, so `check . a.md` checks a.md once
    /// (Fx hashing: SipHash was a visible cost with thousands of files).
    seen: HashSet<PathBuf>,
    /// The current folder, asked once (not once per file found).
    cwd: Option<PathBuf>,
}

impl Collector<'_> {
    fn add_root(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Err(e) => self.problem(path, self.texts.io_error(&e)),
            Ok(meta) if meta.is_dir() => self.walk(path),
            // Reading a FIFO without a writer would block for ever.
            Ok(meta) if !meta.is_file() => self.problem(path, self.texts.not_a_regular_file()),
            // Named explicitly: always checked, whatever include/exclude say.
            Ok(_) => match kind_of(path) {
                Some(kind) => self.add_file(path, kind, false),
                None => {
                    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
                    self.problem(path, self.texts.unsupported_file(ext.as_deref()));
                }
            },
        }
    }

    fn walk(&mut self, root: &Path) {
        let walker = ignore::WalkBuilder::new(root)
            // Honour .gitignore in folders that are not (yet) git repositories too.
            .require_git(false)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let path = entry.path();
                    if let Some(kind) = kind_of(path) {
                        self.add_file(path, kind, true);
                    }
                }
                Err(error) => {
                    let message = self.texts.walk_error(&error.to_string());
                    self.problem(root, message);
                }
            }
        }
    }

    fn add_file(&mut self, path: &Path, kind: SourceKind, filtered: bool) {
        let absolute = match &self.cwd {
            // Already absolute: the result is the same, without a `getcwd`.
            Some(cwd) if path.is_relative() => absolute(&cwd.join(path)),
            _ => absolute(path),
        };
        if self.seen.contains(&absolute) {
            return;
        }
        // A broken configuration is reported once by the resolver; its files are skipped.
        let Ok(settings) = self.resolver.for_file(&absolute) else {
            return;
        };
        if filtered && !settings.selects(&absolute) {
            return;
        }
        self.seen.insert(absolute);
        self.jobs.push(Job {
            display: display_path(path),
            path: path.to_path_buf(),
            kind,
            settings,
        });
    }

    fn problem(&mut self, path: &Path, message: String) {
        self.problems.push(Problem {
            display: display_path(path),
            message,
        });
    }
}

/// The kind of a file arendelint reads, by extension.
fn kind_of(path: &Path) -> Option<SourceKind> {
    SourceKind::from_path(&path.to_string_lossy())
}

/// The path as the user gave it, without a leading `./` (or `.\` on Windows,
/// where walking `.` gives `.\case.md`).
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    strip_dot_prefix(&text, cfg!(windows))
}

fn strip_dot_prefix(text: &str, windows: bool) -> String {
    let separators: &[char] = if windows { &['/', '\\'] } else { &['/'] };
    let mut shown: &str = text;
    while let Some(rest) = shown
        .strip_prefix('.')
        .filter(|r| r.starts_with(separators))
    {
        shown = rest.trim_start_matches(separators);
    }
    if shown.is_empty() {
        ".".to_string()
    } else {
        shown.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{display_path, strip_dot_prefix};
    use std::path::Path;

    #[test]
    fn leading_dot_slash_is_stripped() {
        assert_eq!(display_path(Path::new("./a/b.md")), "a/b.md");
        assert_eq!(display_path(Path::new("././b.md")), "b.md");
        assert_eq!(display_path(Path::new("docs/./b.md")), "docs/./b.md");
        assert_eq!(display_path(Path::new("/abs/b.md")), "/abs/b.md");
        assert_eq!(display_path(Path::new("./")), ".");
    }

    #[test]
    fn leading_dot_backslash_is_stripped_on_windows_only() {
        assert_eq!(strip_dot_prefix(".\\d01.md", true), "d01.md");
        assert_eq!(strip_dot_prefix(".\\./sub\\b.md", true), "sub\\b.md");
        assert_eq!(strip_dot_prefix(".\\", true), ".");
        assert_eq!(strip_dot_prefix(".\\d01.md", false), ".\\d01.md");
        assert_eq!(strip_dot_prefix("..\\d01.md", true), "..\\d01.md");
        assert_eq!(strip_dot_prefix(".hidden/x.md", true), ".hidden/x.md");
    }
}
