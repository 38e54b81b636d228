//! `--output FILE`: the report is written to a temporary file beside the
//! target, flushed to disk and renamed over it, so the target is either the old
//! file or the whole new report, never a half-written one.

use crate::output::Rendered;
use std::io::Write;
use std::path::Path;

/// Writes a rendered report to `path`, without ANSI styles.
pub fn write_report(path: &Path, rendered: &Rendered) -> std::io::Result<()> {
    if rendered.styled {
        let plain = anstream::adapter::strip_str(&rendered.text).to_string();
        write_atomically(path, plain.as_bytes())
    } else {
        write_atomically(path, rendered.text.as_bytes())
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".arendelint-report-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    set_permissions(tmp.as_file(), path)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A report is for reading and forwarding: keep a replaced file's permissions,
/// else the usual 0644 rather than the temporary file's 0600.
#[cfg(unix)]
fn set_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = match std::fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(permissions)
}

#[cfg(not(unix))]
fn set_permissions(_file: &std::fs::File, _target: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::write_atomically;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rapport.html");
        std::fs::write(&path, "gammal").unwrap();
        write_atomically(&path, b"ny").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ny");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["rapport.html"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("saknas").join("rapport.html");
        assert!(write_atomically(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
