//! The lock that serialises edits: `flock` on `<site>/.beacon-edit.lock` (the file itself stays;
//! removing a lock file while others wait on it would let two editors in). The kernel releases
//! the lock when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;

/// The lock file's name in the site folder.
pub const LOCK_FILE: &str = ".beacon-edit.lock";

/// How often a waiting command tries the lock again.
const RETRY: Duration = Duration::from_millis(20);

/// A held lock (or, for a reader of a folder that was never edited, none); released on drop.
#[derive(Debug)]
pub struct Held {
    /// The locked file; `None` when there was nothing to lock.
    _file: Option<File>,
}

/// The lock file of `site`.
pub fn lock_path(site: &Path) -> PathBuf {
    site.join(LOCK_FILE)
}

/// Takes the lock exclusively, creating the lock file if needed, waiting up to `wait`.
pub fn exclusive(site: &Path, wait: Duration) -> Result<Held, StoreError> {
    let path = lock_path(site);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(StoreError::io(&path))?;
    take(file, &path, wait, File::try_lock)
}

/// Takes the lock shared with other readers, waiting up to `wait` for an edit to finish;
/// holds nothing when no lock file exists (no edit has run in this folder).
pub fn shared(site: &Path, wait: Duration) -> Result<Held, StoreError> {
    let path = lock_path(site);
    match File::open(&path) {
        Ok(file) => take(file, &path, wait, File::try_lock_shared),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Held { _file: None }),
        Err(err) => Err(StoreError::io(&path)(err)),
    }
}

/// Tries `try_lock` on `file` until it succeeds or `wait` has passed.
fn take(
    file: File,
    path: &Path,
    wait: Duration,
    try_lock: fn(&File) -> Result<(), TryLockError>,
) -> Result<Held, StoreError> {
    let start = Instant::now();
    loop {
        match try_lock(&file) {
            Ok(()) => return Ok(Held { _file: Some(file) }),
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => std::thread::sleep(RETRY),
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: path.to_owned(),
                    waited: start.elapsed(),
                })
            }
            Err(TryLockError::Error(err)) => return Err(StoreError::io(path)(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_waits_then_is_refused_and_readers_share() {
        let site = std::env::temp_dir().join(format!("beacon-ops-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(&site).unwrap();
        let reader = shared(&site, Duration::ZERO).unwrap();
        assert!(reader._file.is_none(), "no lock file: nothing to share");
        let first = exclusive(&site, Duration::ZERO).unwrap();
        let start = Instant::now();
        let err = exclusive(&site, Duration::from_millis(200)).unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert!(err.to_string().contains("another beacon-ops edit"), "{err}");
        assert!(shared(&site, Duration::ZERO).is_err());
        drop(first);
        let a = shared(&site, Duration::ZERO).unwrap();
        let b = shared(&site, Duration::ZERO).unwrap();
        assert!(exclusive(&site, Duration::ZERO).is_err());
        drop((a, b));
        exclusive(&site, Duration::ZERO).unwrap();
        std::fs::remove_dir_all(&site).unwrap();
    }
}
