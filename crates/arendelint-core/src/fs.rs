//! File-system helpers at the edge of the core: configuration discovery and
//! reading a document. The engine itself never touches the file system.

use crate::config::{Config, ConfigError, ConfigProblem};
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

/// Configuration files larger than this are refused unread: a configuration
/// is a few lines, and `--config /dev/zero` must not read for ever.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Documents larger than this are refused unread unless the caller sets
/// another limit (the CLI's `--max-file-size`).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and parses a configuration file. An empty file is an empty
/// configuration.
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let bytes = read_bytes(path, MAX_CONFIG_BYTES).map_err(|e| {
        let problem = match e {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => ConfigProblem::NotFound,
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                ConfigProblem::PermissionDenied
            }
            ReadError::Io(e) => ConfigProblem::Unreadable {
                detail: e.to_string(),
            },
            ReadError::TooLarge { limit_bytes } => ConfigProblem::TooLarge { limit_bytes },
            ReadError::NotAFile => ConfigProblem::NotAFile,
            ReadError::Input(_) => ConfigProblem::NotUtf8,
        };
        ConfigError::new(origin.clone(), problem)
    })?;
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err(InputError::Empty) => "",
        Err(_) => return Err(ConfigError::new(origin, ConfigProblem::NotUtf8)),
    };
    Config::from_toml_str(text.trim_start_matches('\u{feff}'), &origin)
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Input(InputError),
    /// Larger than the limit: refused before it is read.
    TooLarge {
        limit_bytes: u64,
    },
    /// A FIFO, device or socket: reading it could block or never end.
    NotAFile,
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
            ReadError::TooLarge { limit_bytes } => write!(
                f,
                "the file is larger than {} MiB and was not read",
                limit_bytes / (1024 * 1024)
            ),
            ReadError::NotAFile => {
                f.write_str("not a regular file (e.g. a pipe or a device); give a file")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads at most `limit` bytes of a regular file: a FIFO or device is refused
/// before it is opened (opening a FIFO blocks), a file known to be larger is
/// refused unread, and a file is read up to the size it had when opened (one
/// that reports no size, up to the limit).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    let size = readable_size(&meta, limit)?;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_open(file, size, limit)
}

/// [`read_bytes`] for a path already found to be a regular file (listed by a
/// folder walk, or looked up by the caller): the path is looked up once, to
/// open it, and the open file is checked instead (a batch of small files spends
/// a visible part of its time looking paths up). On Unix it is opened
/// non-blocking, so that a FIFO put in its place since does not block; the
/// check after opening refuses it.
pub fn read_listed_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let size = readable_size(&file.metadata().map_err(ReadError::Io)?, limit)?;
    read_open(file, size, limit)
}

/// The size of a regular file within `limit`; anything else is refused.
fn readable_size(meta: &std::fs::Metadata, limit: u64) -> Result<u64, ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit_bytes: limit });
    }
    Ok(meta.len())
}

/// Reads an open regular file of `size` bytes (0: unknown), at most `limit`.
fn read_open(file: std::fs::File, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(size as usize);
    // The size the file had when it was opened is what is read: no read
    // call to find the end (one system call less per file). A size of 0 may
    // be a pseudo-file whose size is unknown: it is read to its end, one
    // byte past the limit telling "exactly the limit" from "more".
    let read_up_to = match size {
        0 => limit.saturating_add(1),
        size => size,
    };
    file.take(read_up_to)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit_bytes: limit });
    }
    Ok(bytes)
}

/// Reads a document of at most `limit` bytes and checks that it is non-empty UTF-8 text.
pub fn read_document(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    crate::source::decode_owned(bytes).map_err(ReadError::Input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        // Unique per run without naming the process (the core uses none of its API).
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("arendelint-fs-{nanos}-{name}"));
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    #[test]
    fn a_file_is_read_whole_up_to_the_limit() {
        let path = temp_file("limit", "Ärende §1\r\n".as_bytes());
        let size = std::fs::metadata(&path)
            .map(|m| m.len())
            .unwrap_or_default();
        assert_eq!(
            read_bytes(&path, size).ok().as_deref(),
            Some("Ärende §1\r\n".as_bytes())
        );
        assert!(matches!(
            read_bytes(&path, size - 1),
            Err(ReadError::TooLarge { limit_bytes }) if limit_bytes == size - 1
        ));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_listed_file_is_read_whole_up_to_the_limit() {
        let text = "\u{feff}Ärende §1\r\nå ä ö\r\n";
        let path = temp_file("listed", text.as_bytes());
        let size = text.len() as u64;
        assert_eq!(
            read_listed_file(&path, size).ok().as_deref(),
            Some(text.as_bytes())
        );
        assert!(matches!(
            read_listed_file(&path, size - 1),
            Err(ReadError::TooLarge { limit_bytes }) if limit_bytes == size - 1
        ));
        let _ = std::fs::remove_file(&path);
        assert!(matches!(
            read_listed_file(&path, size),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }

    /// A FIFO where a listed file was is refused after opening, without
    /// blocking (nothing writes to it).
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_a_listed_file_is_refused_without_blocking() {
        let path = temp_file("fifo", b"");
        let _ = std::fs::remove_file(&path);
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            panic!("{}: a NUL in the temporary path", path.display());
        };
        // SAFETY: a NUL-terminated path that lives for the call.
        let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
        assert_eq!(made, 0, "mkfifo {}", path.display());
        assert!(matches!(
            read_listed_file(&path, 1 << 20),
            Err(ReadError::NotAFile)
        ));
        let _ = std::fs::remove_file(&path);
    }

    /// A folder is not a file either (Unix opens it; the check refuses it).
    #[cfg(unix)]
    #[test]
    fn a_folder_in_place_of_a_listed_file_is_refused() {
        let dir = std::env::temp_dir();
        assert!(matches!(
            read_listed_file(&dir, 1 << 20),
            Err(ReadError::NotAFile)
        ));
    }

    /// Files that report no size (procfs) are read to their end, within the limit.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_without_a_size_is_read_to_its_end() {
        let path = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(path).map(|m| m.len()).ok(), Some(0));
        let bytes = read_bytes(path, 1 << 20).unwrap_or_default();
        assert!(
            String::from_utf8_lossy(&bytes).contains("\nPid:"),
            "{bytes:?}"
        );
        assert!(matches!(
            read_bytes(path, 10),
            Err(ReadError::TooLarge { limit_bytes: 10 })
        ));
    }
}
