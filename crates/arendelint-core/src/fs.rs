//! File-system helpers at the edge of the core: configuration discovery and
//! reading a document. The engine itself never touches the file system.

use crate::config::{Config, ConfigError};
use crate::source::{decode, InputError};
use std::path::{Path, PathBuf};

/// The configuration file name searched for.
pub const CONFIG_FILE: &str = "arendelint.toml";

/// The nearest `arendelint.toml` in `start` (a file or folder) or any folder above it.
pub fn discover_config(start: &Path) -> Option<PathBuf> {
    let dir = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file.
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        origin: origin.clone(),
        line: None,
        column: None,
        message: format!("cannot read the configuration file: {e}"),
    })?;
    let text = decode(&bytes).map_err(|e| ConfigError {
        origin: origin.clone(),
        line: None,
        column: None,
        message: e.to_string(),
    })?;
    Config::from_toml_str(text.trim_start_matches('\u{feff}'), &origin)
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Input(InputError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                f.write_str("no such file or directory")
            }
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                f.write_str("permission denied")
            }
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
            ReadError::Input(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a document and checks that it is non-empty UTF-8 text.
pub fn read_document(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    crate::source::decode_owned(bytes).map_err(ReadError::Input)
}
