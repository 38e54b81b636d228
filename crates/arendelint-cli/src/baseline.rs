//! `--baseline FILE` / `--write-baseline FILE`: accept the findings an archive
//! already has, and fail only on new ones.
//!
//! A finding matches a baseline entry by path, rule and content fingerprint
//! (see `fingerprint`), never by line, so inserting text elsewhere in a
//! document does not turn old findings into new ones. Each entry absorbs one
//! finding: a second copy of an accepted sentence is new.

use crate::fingerprint;
use crate::report::CheckedFile;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    /// The fingerprint scheme (`fingerprint::VERSION`).
    fingerprint: String,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    line: usize,
    #[serde(default)]
    message: String,
}

pub use crate::errors::BaselineError;

type Key = (String, &'static str, String);

/// Baselines larger than this are refused unread (one line per accepted
/// finding: 64 MiB is several hundred thousand findings).
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// Accepted findings, counted per key.
#[derive(Debug, Default)]
pub struct Baseline {
    accepted: HashMap<(String, String, String), usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let bytes = arendelint_core::fs::read_bytes(path, MAX_BASELINE_BYTES)
            .map_err(BaselineError::Read)?;
        let file: BaselineFile =
            serde_json::from_slice(&bytes).map_err(|e| BaselineError::Format(e.to_string()))?;
        if file.version != FORMAT_VERSION || file.fingerprint != fingerprint::VERSION {
            return Err(BaselineError::Format(format!(
                "version {} with fingerprints {}, expected version {FORMAT_VERSION} with fingerprints {}",
                file.version,
                file.fingerprint,
                fingerprint::VERSION
            )));
        }
        let mut accepted = HashMap::new();
        for e in file.findings {
            *accepted.entry((e.path, e.rule, e.fingerprint)).or_insert(0) += 1;
        }
        Ok(Baseline { accepted })
    }

    /// Removes accepted findings from `files`; returns how many were removed.
    pub fn filter(mut self, files: &mut [CheckedFile]) -> usize {
        let mut removed = 0;
        for file in files {
            let keys = keys(file);
            let mut keep = keys.into_iter().map(|(path, rule, print)| {
                let key = (path, rule.to_string(), print);
                match self.accepted.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
            file.diagnostics.retain(|_| keep.next().unwrap_or(true));
        }
        removed
    }
}

/// Writes every finding of `files` as the new baseline; returns how many.
pub fn write(path: &Path, files: &[CheckedFile]) -> std::io::Result<usize> {
    let mut findings = Vec::new();
    for file in files {
        for ((path, rule, fingerprint), d) in keys(file).into_iter().zip(&file.diagnostics) {
            findings.push(Entry {
                path,
                rule: rule.to_string(),
                fingerprint,
                line: file.position(d.span.start).line,
                message: d.message.clone(),
            });
        }
    }
    let count = findings.len();
    let file = BaselineFile {
        version: FORMAT_VERSION,
        fingerprint: fingerprint::VERSION.to_string(),
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)?;
    Ok(count)
}

fn keys(file: &CheckedFile) -> Vec<Key> {
    // Forward slashes, so a baseline written on Windows works on Linux CI.
    let path = file.display.replace('\\', "/");
    file.diagnostics
        .iter()
        .zip(fingerprint::of_file(file))
        .map(|(d, print)| (path.clone(), d.rule.code(), print))
        .collect()
}

/// `--write-baseline` / `--baseline` for one run: writes and/or filters
/// `files`. Returns the problems (exit code 2) and a notice for stderr.
pub fn apply_args(
    read: Option<&Path>,
    write_to: Option<&Path>,
    files: &mut [CheckedFile],
    texts: crate::texts::Texts,
) -> (Vec<crate::inputs::Problem>, Option<String>) {
    let problem = |path: &Path, message: String| crate::inputs::Problem {
        display: crate::inputs::display_path(path),
        message,
    };
    if let Some(path) = write_to {
        return match write(path, files) {
            Ok(count) => {
                // What was just accepted is not reported.
                for file in files.iter_mut() {
                    file.diagnostics.clear();
                }
                let shown = crate::inputs::display_path(path);
                (Vec::new(), Some(texts.baseline_written(count, &shown)))
            }
            Err(e) => (vec![problem(path, texts.baseline_write_error(&e))], None),
        };
    }
    let Some(path) = read else {
        return (Vec::new(), None);
    };
    match Baseline::load(path) {
        Ok(baseline) => {
            let hidden = baseline.filter(files);
            (
                Vec::new(),
                (hidden > 0).then(|| texts.baseline_hidden(hidden)),
            )
        }
        Err(e) => (vec![problem(path, texts.baseline_error(&e))], None),
    }
}
