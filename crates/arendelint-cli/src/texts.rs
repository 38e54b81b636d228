//! The CLI's own user-facing strings, in Swedish (default) and English.
//! Rule messages come from the core; everything the CLI itself says is here.

use arendelint_core::fs::ReadError;
use arendelint_core::{ConfigError, InputError, Lang, Level, Severity};
use std::io::ErrorKind;

mod ci;
mod reports;

/// The CLI's strings in one language.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    lang: Lang,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts { lang }
    }

    fn pick(&self, sv: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// `arendelint: fel: ` — starts every line the CLI writes to stderr.
    pub fn error_prefix(&self) -> &'static str {
        self.pick("arendelint: fel: ", "arendelint: error: ")
    }

    /// `arendelint: varning: ` — a notice on stderr that does not change the exit code.
    pub fn warning_prefix(&self) -> &'static str {
        self.pick("arendelint: varning: ", "arendelint: warning: ")
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => self.pick("fel", "error"),
            Severity::Warning => self.pick("varning", "warning"),
            Severity::Info => "info",
        }
    }

    pub fn help_label(&self) -> &'static str {
        self.pick("hjälp", "help")
    }

    pub fn level(&self, level: Level) -> &'static str {
        match level {
            Level::Document => self.pick("dokument", "document"),
            Level::Section => self.pick("avsnitt", "section"),
            Level::Span => self.pick("textställe", "span"),
        }
    }

    pub fn off(&self) -> &'static str {
        self.pick("av", "off")
    }

    pub fn rules_header(&self) -> [&'static str; 5] {
        match self.lang {
            Lang::Sv => ["regel", "namn", "nivå", "standard", "gäller"],
            Lang::En => ["rule", "name", "level", "default", "effective"],
        }
    }

    /// Why a document could not be read.
    pub fn read_error(&self, error: &ReadError) -> String {
        match error {
            ReadError::Io(e) => self.io_error(e),
            ReadError::Input(e) => self.input_error(e),
        }
    }

    pub fn io_error(&self, error: &std::io::Error) -> String {
        match error.kind() {
            ErrorKind::NotFound => self
                .pick("filen eller mappen finns inte", "no such file or folder")
                .into(),
            ErrorKind::PermissionDenied => self.pick("åtkomst nekad", "permission denied").into(),
            _ => match self.lang {
                Lang::Sv => format!("kan inte läsa: {error}"),
                Lang::En => format!("cannot read: {error}"),
            },
        }
    }

    pub fn input_error(&self, error: &InputError) -> String {
        match (error, self.lang) {
            (InputError::Empty, Lang::Sv) => "filen är tom; det finns inget att kontrollera".into(),
            (InputError::Empty, Lang::En) => "the file is empty; there is nothing to check".into(),
            (InputError::Binary, Lang::Sv) => {
                "filen är binär (den innehåller NUL-byte), inte ett textdokument; kontrollera .md- eller .txt-filer eller exkludera den".into()
            }
            (InputError::Binary, Lang::En) => {
                "the file is binary (it contains NUL bytes), not a text document; check .md or .txt files, or exclude it".into()
            }
            (InputError::InvalidUtf8 { offset, line }, Lang::Sv) => format!(
                "filen är inte giltig UTF-8 (första felaktiga byte vid position {offset}, rad {line}); spara den som UTF-8"
            ),
            (InputError::InvalidUtf8 { offset, line }, Lang::En) => format!(
                "the file is not valid UTF-8 (first bad byte at offset {offset}, line {line}); save it as UTF-8"
            ),
        }
    }

    /// An explicitly named file whose extension arendelint does not read.
    /// A named path that is neither a folder nor a regular file (a pipe, socket or device).
    pub fn not_a_regular_file(&self) -> String {
        match self.lang {
            Lang::Sv => "är varken en vanlig fil eller en mapp (t.ex. en pipe eller en enhet); skicka innehållet med --stdin i stället".into(),
            Lang::En => "is neither a regular file nor a folder (e.g. a pipe or a device); pipe its content with --stdin instead".into(),
        }
    }

    pub fn unsupported_file(&self, extension: Option<&str>) -> String {
        match (extension.map(str::to_ascii_lowercase).as_deref(), self.lang) {
            (Some("doc"), Lang::Sv) => {
                "gamla Word-filer (.doc) stöds inte; spara dokumentet som .docx i Word".into()
            }
            (Some("doc"), Lang::En) => {
                "old Word files (.doc) are not supported; save the document as .docx in Word".into()
            }
            (Some(ext), Lang::Sv) => {
                format!(
                    "filtypen .{ext} stöds inte; arendelint kontrollerar .md, .markdown, .txt, .docx och .pdf"
                )
            }
            (Some(ext), Lang::En) => {
                format!("the file type .{ext} is not supported; arendelint checks .md, .markdown, .txt, .docx and .pdf")
            }
            (None, Lang::Sv) => {
                "filen saknar filändelse; arendelint kontrollerar .md, .markdown, .txt, .docx och .pdf"
                    .into()
            }
            (None, Lang::En) => {
                "the file has no extension; arendelint checks .md, .markdown, .txt, .docx and .pdf".into()
            }
        }
    }

    /// Where a configuration error is: `file:line:column`, as far as known.
    pub fn config_location(&self, error: &ConfigError) -> String {
        match (error.line, error.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", error.origin),
            (Some(l), None) => format!("{}:{l}", error.origin),
            _ => error.origin.clone(),
        }
    }

    /// What is wrong with a configuration. The core's message (from the TOML
    /// parser) stays as it is; the frame says what kind of problem it is.
    pub fn config_problem(&self, error: &ConfigError) -> String {
        match self.lang {
            Lang::Sv => format!("ogiltig konfiguration: {}", error.message),
            Lang::En => format!("invalid configuration: {}", error.message),
        }
    }

    /// A whole configuration error line: `file:line:column: …`.
    pub fn config_error(&self, error: &ConfigError) -> String {
        format!(
            "{}: {}",
            self.config_location(error),
            self.config_problem(error)
        )
    }

    pub fn walk_error(&self, error: &str) -> String {
        match self.lang {
            Lang::Sv => format!("kan inte gå igenom mappen: {error}"),
            Lang::En => format!("cannot walk the folder: {error}"),
        }
    }

    pub fn stdin_error(&self, error: &std::io::Error) -> String {
        match self.lang {
            Lang::Sv => format!("kan inte läsa standard in: {error}"),
            Lang::En => format!("cannot read standard input: {error}"),
        }
    }

    pub fn no_files(&self) -> &'static str {
        self.pick(
            "inga filer att kontrollera (.md, .markdown, .txt, .docx eller .pdf)",
            "no files to check (.md, .markdown, .txt, .docx or .pdf)",
        )
    }

    pub fn unknown_rule(&self, given: &str, valid: &str) -> String {
        match self.lang {
            Lang::Sv => format!("okänd regel `{given}`; giltiga regler: {valid}"),
            Lang::En => format!("unknown rule `{given}`; valid rules: {valid}"),
        }
    }

    /// Shown by `explain` when the rule has no long explanation yet.
    pub fn no_explanation(&self, url: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Ingen utförlig förklaring finns ännu. Se {url}"),
            Lang::En => format!("No long explanation is available yet. See {url}"),
        }
    }

    /// The closing line of the human report.
    pub fn summary(&self, errors: usize, warnings: usize, infos: usize, files: usize) -> String {
        let files_word = match (self.lang, files) {
            (Lang::Sv, 1) => "fil",
            (Lang::Sv, _) => "filer",
            (Lang::En, 1) => "file",
            (Lang::En, _) => "files",
        };
        if errors + warnings + infos == 0 {
            return match self.lang {
                Lang::Sv => format!("Inga anmärkningar i {files} {files_word}."),
                Lang::En => format!("No findings in {files} {files_word}."),
            };
        }
        match self.lang {
            Lang::Sv => {
                let warnings_word = if warnings == 1 {
                    "varning"
                } else {
                    "varningar"
                };
                format!("{errors} fel, {warnings} {warnings_word}, {infos} info i {files} {files_word}.")
            }
            Lang::En => {
                let errors_word = if errors == 1 { "error" } else { "errors" };
                let warnings_word = if warnings == 1 { "warning" } else { "warnings" };
                format!("{errors} {errors_word}, {warnings} {warnings_word}, {infos} info in {files} {files_word}.")
            }
        }
    }
}
