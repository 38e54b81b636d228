//! Replacing a document's content safely, for `--fix`.
//!
//! The new content goes to a temporary file in the document's own folder (so
//! the final rename stays on one file system and is atomic), gets the
//! document's permissions, and replaces it only if the document still holds
//! what was read: an editor saving in between wins, and `--fix` reports it.

use std::io::{self, Write};
use std::path::Path;

/// Why a document was not replaced.
#[derive(Debug)]
pub enum WriteError {
    /// The document changed after it was read; it was left as it is.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replaces the content of `path` with `content`, if `unchanged()` still
/// holds after the new content is on disk and right before the rename.
///
/// A symbolic link is followed: its target is replaced, the link stays. A
/// write between the last check and the rename (microseconds) can still be
/// lost; no portable file API closes that window.
pub fn replace_file(
    path: &Path,
    content: &[u8],
    unchanged: impl FnOnce() -> io::Result<bool>,
) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let folder = target
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no parent folder"))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".arendelint-fix-")
        .tempfile_in(folder)?;
    temp.write_all(content)?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    if !unchanged()? {
        // Dropping `temp` deletes it.
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// The usual check for [`replace_file`]: the file's bytes are still `original`.
/// Content, not modification time: times are coarse on some file systems, and a
/// save of identical bytes is no conflict.
pub fn still_reads(path: &Path, original: &[u8]) -> io::Result<bool> {
    Ok(std::fs::read(path)? == original)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "gammal").expect("write");
        replace_file(&path, b"ny", || still_reads(&path, b"gammal")).expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "ny");
        assert_eq!(entries(dir.path()), ["a.md"]);
    }

    #[test]
    fn refuses_a_file_changed_after_it_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "som lästes").expect("write");
        // Another program saves the document while the fix is being written.
        let result = replace_file(&path, b"fixad", || {
            std::fs::write(&path, "sparad av redigeraren")?;
            still_reads(&path, b"som l\xc3\xa4stes")
        });
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "sparad av redigeraren"
        );
        assert_eq!(
            entries(dir.path()),
            ["a.md"],
            "the temporary file is removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "x").expect("write");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        replace_file(&link, b"y", || Ok(true)).expect("replaced");
        let mode = std::fs::metadata(&real).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "y");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
    }
}
