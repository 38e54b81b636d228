//! Errors that several modules name: the ones that produce them, and `texts`,
//! which words them for the user. Kept apart so that neither depends on the other.

use std::io;

/// Why a baseline cannot be used.
#[derive(Debug)]
pub enum BaselineError {
    Read(arendelint_core::fs::ReadError),
    /// Not a baseline written by this version (the parser's message).
    Format(String),
}

/// Why a document was not replaced.
#[derive(Debug)]
pub enum WriteError {
    /// The document changed after it was read; it was left as it is.
    Changed,
    /// The document is read-only; it was left as it is.
    ReadOnly,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}
