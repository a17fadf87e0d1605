//! The data folder on disk as the commands share it: one editor at a time, and edits that
//! land in every file or in none, whenever the process is killed.
//!
//! - [`lock`]: `<site>/.beacon-edit.lock`, taken exclusively by an edit and shared by
//!   `validate` and `publish`; a second editor waits a bounded time and is then refused.
//! - [`journal`]: an edit first writes the complete new text of every file it changes to
//!   `<site>/.beacon-edit.journal` (flushed to disk), then replaces each file (a staged
//!   `<file>.beacon-ops-new` renamed over it, keeping its mode, through a symlink to its
//!   target), then removes the journal. Any command that finds a journal rolls it forward
//!   first and removes staged files left by a killed run, so a kill at any instant leaves
//!   either the old data or the new.

pub mod journal;
pub mod lock;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use journal::write_files;
pub use lock::Held;

/// Why the data folder could not be locked, recovered or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another edit held the lock for longer than the wait allowed.
    #[error(
        "another beacon-ops edit is writing this site ({} is locked); waited {} s, nothing \
         was written; run the command again once it has finished",
        path.display(),
        waited.as_secs_f32()
    )]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long this command waited.
        waited: Duration,
    },
    /// The journal exists but is not one this tool wrote completely.
    #[error(
        "{}: not a complete edit journal ({reason}); the data files were left as they are: \
         check them with `beacon-ops validate`, then remove this file",
        path.display()
    )]
    BadJournal {
        /// The journal.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl StoreError {
    /// An IO error on `path`.
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Takes the lock for reading the data in `site` (shared with other readers, waiting up to
/// `wait` for an edit to finish), after rolling forward what a killed edit left. A folder
/// where no edit ever ran (no lock file) is read without a lock, so read-only folders work.
pub fn for_reading(site: &Path, wait: Duration) -> Result<Held, StoreError> {
    let held = lock::shared(site, wait)?;
    if !journal::needs_recovery(site) {
        return Ok(held);
    }
    drop(held);
    for_writing(site, wait)
}

/// Takes the lock for editing the data in `site` (exclusive, waiting up to `wait` for another
/// command to finish), after rolling forward what a killed edit left.
pub fn for_writing(site: &Path, wait: Duration) -> Result<Held, StoreError> {
    let held = lock::exclusive(site, wait)?;
    journal::recover(site)?;
    Ok(held)
}
