//! Where the CLI writes: stdout (coloured only on a terminal) and stderr.

use crate::texts::Texts;
use anstream::{AutoStream, ColorChoice};
use std::io::Write;

/// The output streams and the language of one run.
pub struct Terminal {
    pub texts: Texts,
    color: ColorChoice,
}

impl Terminal {
    /// `no_color` forces plain output; otherwise anstream decides (a terminal,
    /// and NO_COLOR / CLICOLOR / CLICOLOR_FORCE respected).
    pub fn new(texts: Texts, no_color: bool) -> Terminal {
        let color = if no_color {
            ColorChoice::Never
        } else {
            ColorChoice::Auto
        };
        Terminal { texts, color }
    }

    /// Writes text that may hold ANSI styles to stdout; they are stripped when
    /// colour is off. A closed pipe (`arendelint check | head`) is not an error.
    pub fn print_styled(&self, text: &str) {
        let mut out = AutoStream::new(std::io::stdout(), self.color).lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }

    /// Writes unstyled text (JSON, tables) to stdout as it is: no scan for styles
    /// to strip, which matters for large JSON reports.
    pub fn print_plain(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }

    /// A buffered writer on stdout for a report written piece by piece, and
    /// whether it shows colour. With `styled` and colour on (a terminal, or
    /// forced), ANSI styles pass through anstream as in
    /// [`print_styled`](Self::print_styled); otherwise the writer is plain and
    /// the caller writes no styles (cheaper than writing and stripping them).
    /// Flush it when done.
    pub fn stdout_writer(&self, styled: bool) -> (Box<dyn Write>, bool) {
        const CAPACITY: usize = 64 * 1024;
        let stdout = std::io::stdout().lock();
        if styled {
            let auto = AutoStream::new(stdout, self.color);
            if auto.current_choice() != ColorChoice::Never {
                return (
                    Box::new(std::io::BufWriter::with_capacity(CAPACITY, auto)),
                    true,
                );
            }
            let stdout = auto.into_inner();
            return (
                Box::new(std::io::BufWriter::with_capacity(CAPACITY, stdout)),
                false,
            );
        }
        (
            Box::new(std::io::BufWriter::with_capacity(CAPACITY, stdout)),
            false,
        )
    }

    /// One `arendelint: fel: …` line on stderr.
    pub fn error(&self, message: &str) {
        self.stderr_line(&format!("{}{message}", self.texts.error_prefix()));
    }

    /// One `arendelint: varning: …` line on stderr.
    pub fn warning(&self, message: &str) {
        self.stderr_line(&format!("{}{message}", self.texts.warning_prefix()));
    }

    /// A plain line on stderr that is neither an error nor a warning
    /// ("Rättade 3 anmärkningar i 1 fil.").
    pub fn notice(&self, message: &str) {
        self.stderr_line(message);
    }

    fn stderr_line(&self, line: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{line}");
    }
}
