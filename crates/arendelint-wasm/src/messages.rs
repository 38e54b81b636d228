//! Why an input or a configuration cannot be checked, for the user, in Swedish
//! or English. The wording is the CLI's (crates/arendelint-cli/src/texts.rs and
//! texts/reports.rs), so a case officer reads the same sentence in the browser
//! as in a report.

use arendelint_core::error::{CheckError, ConfigError, DocxError, InputError, PdfError};
use arendelint_core::Lang;

pub fn config_error(error: &ConfigError, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{}: ogiltig konfiguration: {}",
            error.location(),
            error.message(lang)
        ),
        Lang::En => format!(
            "{}: invalid configuration: {}",
            error.location(),
            error.message(lang)
        ),
    }
}

pub fn unsupported_kind(kind: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "filtypen `{kind}` stöds inte; arendelint kontrollerar .md, .markdown, .txt, .docx och .pdf"
        ),
        Lang::En => format!(
            "the file type `{kind}` is not supported; arendelint checks .md, .markdown, .txt, .docx and .pdf"
        ),
    }
}

pub fn check_error(error: &CheckError, lang: Lang) -> String {
    match error {
        CheckError::Input(e) => input_error(e, lang),
        CheckError::Docx(e) => docx_error(e, lang),
        CheckError::Pdf(e) => pdf_error(e, lang),
        _ => match lang {
            Lang::Sv => "bara Markdown- och textfiler kan rättas".into(),
            Lang::En => "only Markdown and plain-text files can be fixed".into(),
        },
    }
}

fn input_error(error: &InputError, lang: Lang) -> String {
    match (error, lang) {
        (InputError::Empty, Lang::Sv) => "filen är tom; det finns inget att kontrollera".into(),
        (InputError::Empty, Lang::En) => "the file is empty; there is nothing to check".into(),
        (InputError::Binary, Lang::Sv) => {
            "filen är binär (den innehåller NUL-byte), inte ett textdokument; kontrollera .md- eller .txt-filer".into()
        }
        (InputError::Binary, Lang::En) => {
            "the file is binary (it contains NUL bytes), not a text document; check .md or .txt files".into()
        }
        (InputError::InvalidUtf8 { offset, line }, Lang::Sv) => format!(
            "filen är inte giltig UTF-8 (första felaktiga byte vid position {offset}, rad {line}); spara den som UTF-8"
        ),
        (InputError::InvalidUtf8 { offset, line }, Lang::En) => format!(
            "the file is not valid UTF-8 (first bad byte at offset {offset}, line {line}); save it as UTF-8"
        ),
    }
}

fn docx_error(error: &DocxError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        DocxError::Empty => "Word-filen är tom; det finns inget att kontrollera".into(),
        DocxError::NotZip => "filen är inte ett Word-dokument (.docx-filer är zip-arkiv); öppna den i Word och spara som .docx".into(),
        DocxError::EncryptedOrLegacy => "filen är lösenordsskyddad eller ett gammalt Word 97–2003-dokument (.doc); ta bort lösenordet eller spara som .docx i Word och kontrollera igen".into(),
        DocxError::Corrupt { .. } => "Word-filen är avkortad eller skadad; kopiera den igen från källan, eller öppna och spara om den i Word".into(),
        DocxError::Encrypted { part } => format!("{part} i Word-filen är krypterad; ta bort lösenordet i Word och kontrollera igen"),
        DocxError::TooManyEntries { count, limit } => format!("Word-filen innehåller {count} delar, fler än de {limit} som tillåts; det är inget vanligt Word-dokument"),
        DocxError::TooLarge { part, limit } => format!("{part} packas upp till mer än {} MiB (en möjlig zip-bomb); ett beslutsunderlag är betydligt mindre", limit / (1024 * 1024)),
        DocxError::ArchiveTooLarge { limit } => format!("Word-filen packas upp till mer än {} MiB (en möjlig zip-bomb); ett beslutsunderlag är betydligt mindre", limit / (1024 * 1024)),
        DocxError::MissingDocument => "filen är ett zip-arkiv utan word/document.xml och alltså inget Word-dokument; spara den som .docx i Word".into(),
        // The rest are rare (a file Word did not write): one Swedish sentence,
        // the core's English details after it.
        other => format!("Word-filen kan inte läsas; öppna och spara om den i Word ({other})"),
    }
}

fn pdf_error(error: &PdfError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        PdfError::Empty => "PDF-filen är tom; det finns inget att kontrollera".into(),
        PdfError::NotPdf => "filen är ingen PDF (den börjar inte med %PDF-)".into(),
        PdfError::Encrypted => "PDF-filen är krypterad eller lösenordsskyddad; exportera den igen utan lösenord (eller kontrollera .docx-filen den gjordes från)".into(),
        PdfError::NoTextLayer => "inget textlager; inskannad? PDF-filen innehåller ingen text, bara bilder eller grafik — kör textigenkänning (OCR) på den, eller kontrollera dokumentet den gjordes från".into(),
        other => format!("PDF-filens text går inte att läsa; kontrollera .docx-filen den gjordes från, eller exportera den på nytt ({other})"),
    }
}
