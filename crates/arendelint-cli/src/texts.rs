//! The CLI's own user-facing strings, in Swedish (default) and English.
//! Rule messages come from the core; everything the CLI itself says is here.

use arendelint_core::error::ConfigError;
use arendelint_core::error::InputError;
use arendelint_core::fs::ReadError;
use arendelint_core::rules::Level;
use arendelint_core::{Lang, Severity};
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

    /// The later mentions of a JAM003 group (§6.17): "och 8 till i avsnittet: rad 7, 9, 12".
    pub fn related_note(&self, count: usize, capped: bool, places: &str) -> String {
        let count = if capped {
            format!("{count}+")
        } else {
            count.to_string()
        };
        match self.lang {
            Lang::Sv => format!("och {count} till i avsnittet: {places}"),
            Lang::En => format!("and {count} more in this section: {places}"),
        }
    }

    pub fn line_word(&self, count: usize) -> &'static str {
        if count == 1 {
            self.pick("rad", "line")
        } else {
            self.pick("rad", "lines")
        }
    }

    /// Column headers of `--stats`.
    pub fn stats_headers(&self) -> [&'static str; 4] {
        match self.lang {
            Lang::Sv => ["regel", "namn", "fynd", "relaterade"],
            Lang::En => ["rule", "name", "findings", "related"],
        }
    }

    /// The closing line of `--stats`: "12 ärenden, 31 målgrupper utan kön (94 omnämnanden)".
    pub fn stats_line(&self, cases: usize, groups: usize, mentions: usize) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{cases} {}, {groups} {} utan kön ({mentions} {})",
                if cases == 1 { "ärende" } else { "ärenden" },
                if groups == 1 {
                    "målgrupp"
                } else {
                    "målgrupper"
                },
                if mentions == 1 {
                    "omnämnande"
                } else {
                    "omnämnanden"
                },
            ),
            Lang::En => format!(
                "{cases} {}, {groups} target {} not gendered ({mentions} {})",
                if cases == 1 { "case" } else { "cases" },
                if groups == 1 { "group" } else { "groups" },
                if mentions == 1 { "mention" } else { "mentions" },
            ),
        }
    }

    pub fn note_label(&self) -> &'static str {
        self.pick("not", "note")
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
            ReadError::TooLarge { limit_bytes } => self.size_limit(*limit_bytes),
            ReadError::NotAFile => self
                .pick(
                    "är ingen vanlig fil (t.ex. en pipe eller en enhet); ange en fil",
                    "not a regular file (e.g. a pipe or a device); give a file",
                )
                .into(),
        }
    }

    /// A file or input over the `--max-file-size` limit, left unread.
    pub fn size_limit(&self, limit_bytes: u64) -> String {
        let size = human_size(limit_bytes);
        match self.lang {
            Lang::Sv => format!(
                "större än {size} och lästes inte; höj gränsen med --max-file-size om filen verkligen är ett ärende"
            ),
            Lang::En => format!(
                "larger than {size} and not read; raise the limit with --max-file-size if the file really is a case"
            ),
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

    /// Why the core could not check a file (text, Word or PDF).
    pub fn check_error(&self, error: &arendelint_core::error::CheckError) -> String {
        use arendelint_core::error::CheckError;
        match error {
            CheckError::Input(e) => self.input_error(e),
            CheckError::Docx(e) => self.docx_error(e),
            CheckError::Pdf(e) => self.pdf_error(e),
            _ => self
                .pick(
                    "bara Markdown- och textfiler kan rättas",
                    "only Markdown and plain-text files can be fixed",
                )
                .into(),
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
        error.location()
    }

    /// What is wrong with a configuration. The core's message (from the TOML
    /// parser) stays as it is; the frame says what kind of problem it is.
    pub fn config_problem(&self, error: &ConfigError) -> String {
        match self.lang {
            Lang::Sv => format!("ogiltig konfiguration: {}", error.message(self.lang)),
            Lang::En => format!("invalid configuration: {}", error.message(self.lang)),
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

/// `256 MiB`, `1 GiB`, `512 KiB`, `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b >= KIB * KIB * KIB && b % (KIB * KIB * KIB) == 0 => {
            format!("{} GiB", b / (KIB * KIB * KIB))
        }
        b if b >= KIB * KIB => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}
