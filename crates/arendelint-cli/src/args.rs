//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Checks Swedish decision documents (ärenden) for gender-equality integration
/// (jämställdhetsintegrering): a gender section, gendered target groups and
/// statistics split by sex.
#[derive(Debug, Parser)]
#[command(name = "arendelint", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of messages and output: `sv` (Swedish) or `en` (English).
    /// Default: the configuration's `lang`, else Swedish.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Use this configuration file for every checked file instead of discovering
    /// `arendelint.toml` by walking up from each file.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Never colour the output. Colour is also off when stdout is not a terminal
    /// or the NO_COLOR environment variable is set.
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents (.md, .markdown, .txt, .docx, .pdf) and report findings.
    ///
    /// Exit code: 0 when nothing was found at or above --fail-on, 1 when
    /// something was, 2 on a usage, configuration or input error (the other
    /// files are still checked).
    Check(CheckArgs),
    /// Print the long explanation of a rule (e.g. `arendelint explain JAM003`).
    Explain(ExplainArgs),
    /// List the rules with their default and effective severity.
    Rules(RulesArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check. Folders are searched recursively for .md,
    /// .markdown, .txt, .docx and .pdf files, respecting .gitignore. A file named
    /// here is always checked, whatever the configuration's include/exclude say.
    /// A .pdf is checked from its text layer (a scan without one is an error);
    /// a finding's line is the line of the extracted text.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "LEVEL")]
    pub fail_on: FailOn,

    /// Read one document from stdin instead of files.
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,

    /// With --stdin: the document's file name. It picks the kind (.md or .txt),
    /// the configuration (discovered from its folder) and the path shown in the report.
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<String>,

    /// Print only the findings, without the closing summary.
    #[arg(long, short)]
    pub quiet: bool,

    /// Apply the safe fixes (e.g. "patienterna" → "patienterna (kvinnor och
    /// män)") to the files in place, then report what is left. A file is
    /// replaced atomically, keeping its BOM, line endings and permissions, and
    /// is left alone if it changed while being fixed.
    #[arg(long, conflicts_with = "stdin")]
    pub fix: bool,

    /// With --fix or --diff: also apply unsafe fixes, such as the skeleton of a
    /// missing gender section, which the author must complete.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the changes --fix would make as a unified diff, and write nothing.
    /// The exit code is that of the findings as they are.
    #[arg(long, conflicts_with_all = ["stdin", "fix"])]
    pub diff: bool,

    /// Report only findings that are not in this baseline file (written by
    /// --write-baseline). Findings match by path, rule and content, not by
    /// line, so text inserted elsewhere does not make old findings new.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write every current finding to this baseline file, then report as if
    /// it were given to --baseline (so the exit code is 0 unless a file could
    /// not be read).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Treat each file as an agenda (kallelse, föredragningslista, protokoll):
    /// split it into cases at lines that begin (after a bullet) with `§ 12`,
    /// `§ 63/20`, `KS § 12`, `Ärende 4`, `Punkt 4`, `Paragraf 4`, `Sn 49 Title`
    /// or a numbered title (`1 Title`, `1. Title`); a lone `§ 31` takes its
    /// title from the next line. A table of contents is skipped; items without
    /// case text are reported as such. Each case is checked as a document, with
    /// number, title and Dnr in the report. Works for .md, .txt, .docx and .pdf.
    // --fix re-checks a fixed file as one document, which would lose the cases.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub agenda: bool,

    /// After the report, print per rule the number of findings and, for JAM003,
    /// of related mentions (later mentions of the same target group in the same
    /// section), with a line such as "12 ärenden, 31 målgrupper utan kön (94
    /// omnämnanden)". On stdout after the human format, else on stderr so that
    /// machine-readable output stays valid.
    #[arg(long)]
    pub stats: bool,

    /// Refuse, unread, documents (and standard input) larger than SIZE: a
    /// number of bytes or with a unit, e.g. 500K, 64M, 1G. A decision document
    /// is at most a few MB; the limit keeps a stray export or device from
    /// filling memory.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Write the report to FILE instead of stdout (any format). The file is
    /// replaced atomically: it is never left half-written.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (JAM003) or name (ungendered-target-group).
    #[arg(value_name = "RULE")]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Sv,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings with the source line underlined, and a summary (rustc/ruff style).
    Human,
    /// One JSON object for tools (see docs/rules.md §4).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning (upload-sarif) and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// GitLab Code Quality JSON (artifacts:reports:codequality).
    Gitlab,
    /// One self-contained HTML page: a summary table per case, then each case's
    /// findings with the excerpt marked. Prints well. Use with --output.
    Html,
    /// One row per finding, for Excel (UTF-8 with BOM, `;`-separated).
    Csv,
    /// A short Markdown summary per case, for an e-mail or a ticket.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table.
    Human,
    /// A JSON array.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Findings never make the exit code 1.
    Never,
}

/// `1024`, `500K`, `64M`, `1G` (binary units; `KB`, `MiB` and lower case too).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write e.g. 500K, 64M or 1G"))?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown unit in `{text}`: use K, M or G")),
    };
    let size = number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    if size == 0 {
        return Err("the size must be above 0".into());
    }
    Ok(size)
}

#[cfg(test)]
mod size_tests {
    use super::parse_size;

    #[test]
    fn sizes_with_and_without_units() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("500K"), Ok(500 * 1024));
        assert_eq!(parse_size("64m"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12T").is_err());
        assert!(parse_size("stor").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
