//! A handle of the server's own on stdout, for writing diagnostics frames
//! without std's line buffering (see [`crate::transport::Output::File`]).

use std::fs::File;

/// A duplicate of stdout's descriptor (handle on Windows), widened first when
/// it is a pipe on Linux.
#[cfg(unix)]
pub fn stdout_file() -> std::io::Result<File> {
    use std::os::fd::AsFd;
    let file: File = std::io::stdout().as_fd().try_clone_to_owned()?.into();
    widen_pipe(&file);
    Ok(file)
}

/// A duplicate of stdout's descriptor (handle on Windows), widened first when
/// it is a pipe on Linux.
#[cfg(windows)]
pub fn stdout_file() -> std::io::Result<File> {
    use std::os::windows::io::AsHandle;
    Ok(std::io::stdout().as_handle().try_clone_to_owned()?.into())
}

#[cfg(not(any(unix, windows)))]
pub fn stdout_file() -> std::io::Result<File> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The capacity [`widen_pipe`] asks for: what an unprivileged process may set
/// by default (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const WANTED: usize = 1 << 20;

/// When `file` is a pipe, raises its capacity to [`WANTED`]: a case with
/// thousands of findings makes a frame of a megabyte or more, which a 64 KiB
/// pipe passes in a score of rounds, each waking the client and then the
/// server. Returns the new capacity; `None` (and the pipe left as it is) when
/// `file` is no pipe or the system does not allow it.
#[cfg(target_os = "linux")]
fn widen_pipe(file: &File) -> Option<usize> {
    use std::os::unix::fs::FileTypeExt;
    let is_pipe = file.metadata().is_ok_and(|m| m.file_type().is_fifo());
    if !is_pipe {
        return None;
    }
    let size = rustix::pipe::fcntl_getpipe_size(file).ok()?;
    if size >= WANTED {
        return Some(size);
    }
    rustix::pipe::fcntl_setpipe_size(file, WANTED).ok()
}

#[cfg(all(unix, not(target_os = "linux")))]
fn widen_pipe(_file: &File) -> Option<usize> {
    None
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_is_widened_and_a_file_left_alone() {
        let Ok((_reader, writer)) = std::io::pipe() else {
            panic!("a pipe");
        };
        let pipe = File::from(std::os::fd::OwnedFd::from(writer));
        let allowed = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(0);
        let widened = widen_pipe(&pipe);
        if allowed >= WANTED {
            assert!(widened.is_some_and(|size| size >= WANTED), "{widened:?}");
            assert_eq!(rustix::pipe::fcntl_getpipe_size(&pipe).ok(), widened);
        } else {
            assert_eq!(widened, None);
        }
        let Ok(file) = File::open(env!("CARGO_MANIFEST_PATH")) else {
            panic!("the crate's manifest");
        };
        assert_eq!(widen_pipe(&file), None);
    }
}
