//! Strings of the CI features: `--fix`, `--diff` and baselines.

use super::Texts;
use crate::errors::{BaselineError, WriteError};
use arendelint_core::Lang;

impl Texts {
    /// "1 anmärkning", "3 anmärkningar".
    fn findings(&self, n: usize) -> String {
        let word = match (self.lang, n) {
            (Lang::Sv, 1) => "anmärkning",
            (Lang::Sv, _) => "anmärkningar",
            (Lang::En, 1) => "finding",
            (Lang::En, _) => "findings",
        };
        format!("{n} {word}")
    }

    fn findings_in_files(&self, findings: usize, files: usize) -> String {
        let counted = self.findings(findings);
        match (self.lang, files) {
            (Lang::Sv, 1) => format!("{counted} i 1 fil"),
            (Lang::Sv, _) => format!("{counted} i {files} filer"),
            (Lang::En, 1) => format!("{counted} in 1 file"),
            (Lang::En, _) => format!("{counted} in {files} files"),
        }
    }

    /// After `--fix`.
    /// After `--fix`; `failed` files could not be written (each reported above).
    pub fn fixed_with_failures(&self, fixes: usize, files: usize, failed: usize) -> String {
        if failed == 0 {
            return self.fixed(fixes, files);
        }
        let failed_text = match (self.lang, failed) {
            (Lang::Sv, 1) => "1 fil kunde inte skrivas (se ovan)".to_string(),
            (Lang::Sv, n) => format!("{n} filer kunde inte skrivas (se ovan)"),
            (Lang::En, 1) => "1 file could not be written (see above)".to_string(),
            (Lang::En, n) => format!("{n} files could not be written (see above)"),
        };
        match (self.lang, fixes) {
            (Lang::Sv, 0) => format!("Inga rättelser skrevs: {failed_text}."),
            (Lang::En, 0) => format!("No fixes were written: {failed_text}."),
            (Lang::Sv, _) => format!(
                "Rättade {}; {failed_text}.",
                self.findings_in_files(fixes, files)
            ),
            (Lang::En, _) => format!(
                "Fixed {}; {failed_text}.",
                self.findings_in_files(fixes, files)
            ),
        }
    }

    pub fn fixed(&self, fixes: usize, files: usize) -> String {
        match (self.lang, fixes) {
            (Lang::Sv, 0) => "Inget att rätta automatiskt.".into(),
            (Lang::En, 0) => "Nothing to fix automatically.".into(),
            (Lang::Sv, _) => format!("Rättade {}.", self.findings_in_files(fixes, files)),
            (Lang::En, _) => format!("Fixed {}.", self.findings_in_files(fixes, files)),
        }
    }

    /// After `--diff`.
    pub fn would_fix(&self, fixes: usize, files: usize) -> String {
        match (self.lang, fixes) {
            (Lang::Sv, 0) => "Inget att rätta automatiskt.".into(),
            (Lang::En, 0) => "Nothing to fix automatically.".into(),
            (Lang::Sv, _) => format!(
                "--fix skulle rätta {}; inget skrevs.",
                self.findings_in_files(fixes, files)
            ),
            (Lang::En, _) => format!(
                "--fix would fix {}; nothing was written.",
                self.findings_in_files(fixes, files)
            ),
        }
    }

    /// Why `--fix` left a document as it was.
    pub fn fix_write_error(&self, error: &WriteError) -> String {
        match (error, self.lang) {
            (WriteError::Changed, Lang::Sv) => {
                "filen ändrades medan den rättades; den lämnades orörd, kör --fix igen".into()
            }
            (WriteError::Changed, Lang::En) => {
                "the file changed while it was being fixed; it was left as it is, run --fix again"
                    .into()
            }
            (WriteError::ReadOnly, Lang::Sv) => {
                "filen är skrivskyddad och rättades inte; ta bort skrivskyddet om den ska rättas"
                    .into()
            }
            (WriteError::ReadOnly, Lang::En) => {
                "the file is read-only and was not fixed; make it writable to fix it".into()
            }
            (WriteError::Io(e), Lang::Sv) => format!("kan inte skriva rättelsen: {e}"),
            (WriteError::Io(e), Lang::En) => format!("cannot write the fix: {e}"),
        }
    }

    pub fn baseline_error(&self, error: &BaselineError) -> String {
        match (error, self.lang) {
            (BaselineError::Read(e), _) => self.read_error(e),
            (BaselineError::Format(m), Lang::Sv) => format!("ogiltig baslinje: {m}"),
            (BaselineError::Format(m), Lang::En) => format!("invalid baseline: {m}"),
        }
    }

    pub fn baseline_write_error(&self, error: &std::io::Error) -> String {
        match self.lang {
            Lang::Sv => format!("kan inte skriva baslinjen: {error}"),
            Lang::En => format!("cannot write the baseline: {error}"),
        }
    }

    /// After `--write-baseline`.
    pub fn baseline_written(&self, findings: usize, path: &str) -> String {
        let counted = self.findings(findings);
        match self.lang {
            Lang::Sv => format!("Skrev {counted} till baslinjen {path}."),
            Lang::En => format!("Wrote {counted} to the baseline {path}."),
        }
    }

    /// After `--baseline`, when it hid findings.
    pub fn baseline_hidden(&self, findings: usize) -> String {
        match (self.lang, findings) {
            (Lang::Sv, 1) => "1 känd anmärkning i baslinjen visas inte.".into(),
            (Lang::En, 1) => "1 known finding in the baseline is not shown.".into(),
            (Lang::Sv, _) => format!("{findings} kända anmärkningar i baslinjen visas inte."),
            (Lang::En, _) => format!("{findings} known findings in the baseline are not shown."),
        }
    }

    /// The language, for formats that take rule texts from the core.
    pub fn lang(&self) -> Lang {
        self.lang
    }
}
