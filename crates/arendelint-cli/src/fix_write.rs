//! Replacing a document's content safely, for `--fix`.
//!
//! The new content first goes to a temporary file in the document's own folder
//! and is synced. Then, if the document still holds what was read (its bytes,
//! and right before the switch its size and modification time), the document
//! is replaced:
//!
//! - normally by renaming the temporary file over it (atomic: a reader sees
//!   the old or the new text, never a mix), with the document's permissions;
//! - when a rename would change what the file *is* — it has other hard links,
//!   or another owner or group than the process (e.g. `--fix` run as root on a
//!   user's file) — by writing through the same inode, so that links, owner
//!   and group stay; the synced temporary copy is kept until that write is done.
//!
//! A read-only document is never written. What remains: an editor's save that
//! lands in the microseconds between the last check and the rename (or the
//! in-place write) is overwritten; no portable file API closes that window.

use std::io::{self, Write};
use std::path::Path;

pub use crate::errors::WriteError;

/// What identifies one version of a file cheaply: checked right before the
/// switch, after the (slower) content check.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn stamp(path: &Path) -> io::Result<Stamp> {
    let meta = std::fs::metadata(path)?;
    Ok(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// Replaces the content of `path` with `content`, if `unchanged()` still
/// holds after the new content is on disk, and the file's size and time are
/// still those seen by that check right before the switch.
///
/// A symbolic link is followed: its target is replaced, the link stays.
pub fn replace_file(
    path: &Path,
    content: &[u8],
    unchanged: impl FnOnce() -> io::Result<bool>,
) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let folder = target
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no parent folder"))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".arendelint-fix-")
        .tempfile_in(folder)?;
    temp.write_all(content)?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), meta.permissions())?;
    let in_place = must_write_in_place(&meta, temp.as_file())?;
    let checked = stamp(&target)?;
    if !unchanged()? || stamp(&target)? != checked {
        // Dropping `temp` deletes it.
        return Err(WriteError::Changed);
    }
    if in_place {
        write_in_place(&target, content)?;
        // The synced copy was a safety net for the in-place write; drop it.
        drop(temp);
    } else {
        temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    }
    Ok(())
}

/// Whether a rename would change the file's identity: other hard links would
/// keep the old text, or the new file would get another owner or group.
#[cfg(unix)]
fn must_write_in_place(meta: &std::fs::Metadata, temp: &std::fs::File) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let ours = temp.metadata()?;
    Ok(meta.nlink() > 1 || meta.uid() != ours.uid() || meta.gid() != ours.gid())
}

#[cfg(not(unix))]
fn must_write_in_place(_meta: &std::fs::Metadata, _temp: &std::fs::File) -> io::Result<bool> {
    Ok(false)
}

/// Overwrites the file through its inode: links, owner and group stay.
fn write_in_place(target: &Path, content: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(content)?;
    file.set_len(content.len() as u64)?;
    file.sync_all()
}

/// The usual check for [`replace_file`]: the file's bytes are still `original`.
/// Content, not modification time: times are coarse on some file systems, and a
/// save of identical bytes is no conflict.
pub fn still_reads(path: &Path, original: &[u8]) -> io::Result<bool> {
    let limit = original.len() as u64;
    let bytes = arendelint_core::fs::read_bytes(path, limit).map_err(|e| match e {
        arendelint_core::fs::ReadError::Io(e) => e,
        // Larger than what was read, or no longer a regular file: changed.
        _ => io::Error::other("changed"),
    });
    match bytes {
        Ok(bytes) => Ok(bytes == original),
        Err(e) if e.kind() == io::ErrorKind::Other => Ok(false),
        Err(e) => Err(e),
    }
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

    #[test]
    fn refuses_a_read_only_file() {
        use std::fs::Permissions;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "gammal").expect("write");
        let mut readonly: Permissions = std::fs::metadata(&path).expect("meta").permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&path, readonly).expect("chmod");
        let result = replace_file(&path, b"ny", || Ok(true));
        assert!(matches!(result, Err(WriteError::ReadOnly)), "{result:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "gammal");
        assert_eq!(entries(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_share_the_fixed_text() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        let other = dir.path().join("b.md");
        std::fs::write(&path, "gammal").expect("write");
        std::fs::hard_link(&path, &other).expect("link");
        let inode = std::fs::metadata(&path).expect("meta").ino();
        replace_file(&path, b"ny text", || still_reads(&path, b"gammal")).expect("replaced");
        assert_eq!(std::fs::read_to_string(&other).expect("read"), "ny text");
        assert_eq!(std::fs::metadata(&path).expect("meta").ino(), inode);
        assert_eq!(std::fs::metadata(&path).expect("meta").nlink(), 2);
        assert_eq!(entries(dir.path()), ["a.md", "b.md"]);
    }

    #[test]
    fn a_grown_file_is_a_changed_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "gammal text som är längre").expect("write");
        assert!(!still_reads(&path, b"gammal").expect("checked"));
    }

    /// As root (as CI runs), a fixed file keeps its owner and group.
    #[cfg(unix)]
    #[test]
    fn a_file_of_another_owner_keeps_its_owner() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "gammal").expect("write");
        if std::os::unix::fs::chown(&path, Some(4242), Some(4343)).is_err() {
            eprintln!("skipped: changing the owner needs root");
            return;
        }
        replace_file(&path, b"ny", || still_reads(&path, b"gammal")).expect("replaced");
        let meta = std::fs::metadata(&path).expect("meta");
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "ny");
        assert_eq!(entries(dir.path()), ["a.md"]);
    }
}
