//! Strings of the reports (`--format html|csv|markdown`), `--output`, `--agenda`,
//! `.docx` input and the progress bar.

use super::Texts;
use arendelint_core::error::DocxError;
use arendelint_core::error::PdfError;
use arendelint_core::{Lang, Severity};

/// The columns of the CSV report, in order.
pub const CSV_COLUMNS: usize = 12;

impl Texts {
    /// The `lang` attribute of the HTML report.
    pub fn html_lang(&self) -> &'static str {
        self.pick("sv", "en")
    }

    pub fn report_title(&self) -> &'static str {
        self.pick(
            "Granskningsrapport: jämställdhetsintegrering",
            "Review report: gender-equality integration",
        )
    }

    pub fn checked_with(&self, version: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Kontrollerad med arendelint {version}."),
            Lang::En => format!("Checked with arendelint {version}."),
        }
    }

    pub fn summary_caption(&self) -> &'static str {
        self.pick("Sammanställning per ärende", "Summary per case")
    }

    pub fn findings_heading(&self) -> &'static str {
        self.pick("Anmärkningar per ärende", "Findings per case")
    }

    pub fn rules_heading(&self) -> &'static str {
        self.pick("Reglerna", "The rules")
    }

    /// Column headers of the summary table, before the rule columns.
    pub fn case_columns(&self) -> [&'static str; 4] {
        match self.lang {
            Lang::Sv => ["Ärende", "Dnr", "Fil", "Status"],
            Lang::En => ["Case", "Dnr", "File", "Status"],
        }
    }

    pub fn total_column(&self) -> &'static str {
        self.pick("Totalt", "Total")
    }

    /// A case's status in the summary: from its most severe finding.
    pub fn status(&self, worst: Option<Severity>) -> &'static str {
        match worst {
            None => self.pick("Inga anmärkningar", "No findings"),
            Some(Severity::Error) => self.pick("Fel", "Errors"),
            Some(Severity::Warning) => self.pick("Varningar", "Warnings"),
            Some(Severity::Info) => self.pick("Endast info", "Info only"),
        }
    }

    pub fn no_findings_in_case(&self) -> &'static str {
        self.pick(
            "Inga anmärkningar i detta ärende.",
            "No findings in this case.",
        )
    }

    /// Where a finding is: a line, or a paragraph of a Word file.
    pub fn location(&self, line: usize, column: usize, docx: bool) -> String {
        match (self.lang, docx) {
            (Lang::Sv, false) => format!("rad {line}, kolumn {column}"),
            (Lang::Sv, true) => format!("stycke {line}, tecken {column}"),
            (Lang::En, false) => format!("line {line}, column {column}"),
            (Lang::En, true) => format!("paragraph {line}, character {column}"),
        }
    }

    /// The short form of [`Texts::location`], for the Markdown summary.
    pub fn short_location(&self, line: usize, docx: bool) -> String {
        match (self.lang, docx) {
            (Lang::Sv, false) => format!("rad {line}"),
            (Lang::Sv, true) => format!("stycke {line}"),
            (Lang::En, false) => format!("line {line}"),
            (Lang::En, true) => format!("paragraph {line}"),
        }
    }

    /// Labels the case of a finding in agenda mode (human output).
    pub fn case_label(&self) -> &'static str {
        self.pick("ärende", "case")
    }

    pub fn suggestion_label(&self) -> &'static str {
        self.pick("Förslag", "Suggestion")
    }

    /// Severity names as column headers (plural).
    pub fn severity_columns(&self) -> [&'static str; 3] {
        match self.lang {
            Lang::Sv => ["Fel", "Varningar", "Info"],
            Lang::En => ["Errors", "Warnings", "Info"],
        }
    }

    /// `3 ärenden i 2 filer: 1 fel, 4 varningar, 0 info.`
    pub fn report_totals(
        &self,
        cases: usize,
        files: usize,
        [errors, warnings, infos]: [usize; 3],
    ) -> String {
        match self.lang {
            Lang::Sv => {
                let c = if cases == 1 { "ärende" } else { "ärenden" };
                let f = if files == 1 { "fil" } else { "filer" };
                let w = if warnings == 1 {
                    "varning"
                } else {
                    "varningar"
                };
                format!("{cases} {c} i {files} {f}: {errors} fel, {warnings} {w}, {infos} info.")
            }
            Lang::En => {
                let c = if cases == 1 { "case" } else { "cases" };
                let f = if files == 1 { "file" } else { "files" };
                let e = if errors == 1 { "error" } else { "errors" };
                let w = if warnings == 1 { "warning" } else { "warnings" };
                format!("{cases} {c} in {files} {f}: {errors} {e}, {warnings} {w}, {infos} info.")
            }
        }
    }

    /// The last bullet of a case in the Markdown summary when findings were left out.
    pub fn and_more(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("… och {n} till"),
            Lang::En => format!("… and {n} more"),
        }
    }

    /// The header row of the CSV report.
    pub fn csv_header(&self) -> [&'static str; CSV_COLUMNS] {
        match self.lang {
            Lang::Sv => [
                "Fil",
                "Nr",
                "Ärende",
                "Dnr",
                "Rad",
                "Kolumn",
                "Allvarlighetsgrad",
                "Regel",
                "Namn",
                "Meddelande",
                "Utdrag",
                "Förslag",
            ],
            Lang::En => [
                "File",
                "No.",
                "Case",
                "Dnr",
                "Line",
                "Column",
                "Severity",
                "Rule",
                "Name",
                "Message",
                "Excerpt",
                "Suggestion",
            ],
        }
    }

    /// The progress bar's label.
    pub fn progress_label(&self) -> &'static str {
        self.pick("Kontrollerar", "Checking")
    }

    pub fn output_error(&self, path: &str, error: &std::io::Error) -> String {
        match self.lang {
            Lang::Sv => format!("kan inte skriva rapporten till {path}: {error}"),
            Lang::En => format!("cannot write the report to {path}: {error}"),
        }
    }

    /// `--agenda` on a file without case headings: it is checked as one case.
    pub fn no_cases(&self, path: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{path}: inga ärenden hittades (rader som börjar med § N, KS § N, Ärende N, Punkt N eller N Titel); filen kontrollerades som ett enda ärende"
            ),
            Lang::En => format!(
                "{path}: no cases found (lines that begin with § N, KS § N, Ärende N, Punkt N or N Title); the file was checked as one case"
            ),
        }
    }

    /// Plain mode on a file that reads like an agenda: a hint, not a finding.
    pub fn agenda_hint(&self, path: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "arendelint: obs: {path} ser ut som en kallelse eller ett protokoll med flera ärenden (minst tre rader som § 12 …); kör med --agenda för att kontrollera varje ärende för sig"
            ),
            Lang::En => format!(
                "arendelint: note: {path} looks like an agenda or minutes with several cases (at least three lines such as § 12 …); run with --agenda to check each case on its own"
            ),
        }
    }

    /// The number column of the case tables.
    pub fn number_column(&self) -> &'static str {
        self.pick("Nr", "No.")
    }

    /// An agenda item without case text (status and CSV message).
    pub fn no_case_text(&self) -> &'static str {
        self.pick("Inget ärendeunderlag", "No case text")
    }

    /// The sentence after the totals when agenda items had no case text.
    pub fn empty_items(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 punkt saknade ärendeunderlag.".to_string(),
            (Lang::Sv, _) => format!("{n} punkter saknade ärendeunderlag."),
            (Lang::En, 1) => "1 item had no case text.".to_string(),
            (Lang::En, _) => format!("{n} items had no case text."),
        }
    }

    /// The totals, with the items without case text when there are any.
    pub fn totals_with_empty(
        &self,
        cases: usize,
        files: usize,
        severities: [usize; 3],
        empty: usize,
    ) -> String {
        let totals = self.report_totals(cases, files, severities);
        if empty == 0 {
            totals
        } else {
            format!("{totals} {}", self.empty_items(empty))
        }
    }

    /// Why a `.docx` cannot be checked. The core's messages are English; the
    /// Swedish ones say the same.
    pub fn docx_error(&self, error: &DocxError) -> String {
        if self.lang == Lang::En {
            return error.to_string();
        }
        match error {
            DocxError::Empty => "Word-filen är tom; det finns inget att kontrollera".into(),
            DocxError::NotZip => "filen är inte ett Word-dokument (.docx-filer är zip-arkiv); öppna den i Word och spara som .docx, eller kontrollera den under sin rätta filändelse".into(),
            DocxError::EncryptedOrLegacy => "filen är lösenordsskyddad eller ett gammalt Word 97–2003-dokument (.doc); ta bort lösenordet eller spara som .docx i Word och kontrollera igen".into(),
            // The details (from the zip and XML readers) are English: the
            // Swedish message stays in one language and names what to do.
            DocxError::Corrupt { .. } => "Word-filen är avkortad eller skadad; kopiera den igen från källan, eller öppna och spara om den i Word".into(),
            DocxError::Encrypted { part } => format!("{part} i Word-filen är krypterad; ta bort lösenordet i Word och kontrollera igen"),
            DocxError::UnsupportedCompression { part } => format!("{part} i Word-filen använder en komprimering som Word inte skriver; spara om filen i Word"),
            DocxError::TooManyEntries { count, limit } => format!("Word-filen innehåller {count} delar, fler än de {limit} som tillåts; det är inget vanligt Word-dokument — spara om det i Word eller kontrollera dess ursprung"),
            DocxError::TooLarge { part, limit } => format!("{part} packas upp till mer än {} MiB (en möjlig zip-bomb); ett beslutsunderlag är betydligt mindre — kontrollera filens ursprung eller dela upp dokumentet", limit / (1024 * 1024)),
            DocxError::ArchiveTooLarge { limit } => format!("Word-filen packas upp till mer än {} MiB (en möjlig zip-bomb); ett beslutsunderlag är betydligt mindre — kontrollera filens ursprung eller dela upp dokumentet", limit / (1024 * 1024)),
            DocxError::MissingDocument => "filen är ett zip-arkiv utan word/document.xml och alltså inget Word-dokument; spara den som .docx i Word".into(),
            DocxError::NotUtf8 { part } => format!("{part} i Word-filen är inte UTF-8; spara om filen i Word"),
            DocxError::Xml { part, offset, .. } => format!("{part} i Word-filen är inte välformad XML vid byte {offset}; öppna och spara om filen i Word"),
            DocxError::Doctype { part } => format!("{part} i Word-filen deklarerar en DTD (<!DOCTYPE>), vilket Word aldrig skriver och som kan dölja entitetsattacker; filen avvisas — spara om den i Word"),
            DocxError::TooDeep { part, limit } => format!("{part} i Word-filen nästlar XML-element djupare än {limit} nivåer; det är inget vanligt Word-dokument — spara om det i Word eller kontrollera dess ursprung"),
            // A variant added to the core later: its English message.
            other => other.to_string(),
        }
    }

    /// Why a `.pdf` file cannot be checked.
    pub fn pdf_error(&self, error: &PdfError) -> String {
        if self.lang == Lang::En {
            return error.to_string();
        }
        match error {
            PdfError::Empty => "PDF-filen är tom; det finns inget att kontrollera".into(),
            PdfError::NotPdf => "filen är ingen PDF (den börjar inte med %PDF-); kontrollera den under sin rätta filändelse".into(),
            PdfError::Encrypted => "PDF-filen är krypterad eller lösenordsskyddad; exportera den igen utan lösenord (eller kontrollera .docx-filen den gjordes från)".into(),
            PdfError::Damaged { detail } => format!("PDF-filen är avkortad eller skadad ({}); kopiera den igen från källan eller exportera den på nytt", pdf_detail_sv(detail)),
            PdfError::Unsupported { detail } => format!("PDF-filens text går inte att läsa ({}); kontrollera .docx-filen den gjordes från, eller exportera den på nytt från Word eller LibreOffice", pdf_detail_sv(detail)),
            PdfError::TooLarge { what, limit } => format!("PDF-filen har fler {} än de {limit} som tillåts; det är inget vanligt beslutsunderlag — kontrollera filens ursprung eller dela upp den", pdf_what_sv(what)),
            PdfError::NoTextLayer => "inget textlager; inskannad? PDF-filen innehåller ingen text, bara bilder eller grafik — kör textigenkänning (OCR) på den, eller kontrollera dokumentet den gjordes från".into(),
            // A variant added to the core later: its English message.
            other => other.to_string(),
        }
    }
}

/// The core's English details, in Swedish where known.
fn pdf_detail_sv(detail: &str) -> &str {
    match detail {
        "its fonts have no Unicode mapping" => "typsnitten saknar koppling till Unicode",
        "no objects found" => "inga objekt hittades",
        "no pages found" => "inga sidor hittades",
        other => other,
    }
}

fn pdf_what_sv(what: &str) -> &str {
    match what {
        "objects" => "objekt",
        "pages" => "sidor",
        "glyphs" => "tecken",
        "decoded bytes" => "avkodade byte",
        "drawing operators" => "ritoperationer",
        other => other,
    }
}
