//! Running the real `arendelint` binary in a temporary folder.
#![allow(dead_code)] // each test crate uses a different part of this module

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// `path:rule` of every JSON diagnostic, in output order.
    pub fn json_findings(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .expect("diagnostics is an array")
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    d["path"].as_str().unwrap(),
                    d["rule"].as_str().unwrap()
                )
            })
            .collect()
    }
}

/// A temporary folder to run the binary in.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its full path.
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, content).expect("write fixture");
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, None, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.path(), args, None, env)
    }

    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        run_in(self.path(), args, Some(input), &[])
    }
}

fn run_in(dir: &Path, args: &[&str], input: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_arendelint"));
    command
        .args(args)
        .current_dir(dir)
        // The developer's terminal settings must not change the output.
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run arendelint");
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // A run that refuses its arguments exits without reading: a broken pipe
        // here is that refusal, which the caller asserts on.
        let _ = stdin.write_all(input);
    }
    let output = child.wait_with_output().expect("arendelint finishes");
    Run {
        code: output
            .status
            .code()
            .expect("arendelint exits (not killed by a signal)"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A case without a gender section and with an undivided count:
/// JAM001 at 1:1 and JAM004 on "4 500 besökare" (docs/rules.md §2).
pub const SIMHALL: &str =
    "# Nya öppettider för simhallen\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n";

/// Turns every rule off except the ones named (`JAM004 = "warning"` lines).
pub fn only_rules(lines: &[&str]) -> String {
    let mut text = String::from("[rules]\n");
    for code in [
        "JAM001", "JAM002", "JAM003", "JAM004", "JAM005", "JAM006", "JAM007",
    ] {
        match lines.iter().find(|l| l.starts_with(code)) {
            Some(line) => text.push_str(line),
            None => text.push_str(&format!("{code} = \"off\"")),
        }
        text.push('\n');
    }
    text
}
