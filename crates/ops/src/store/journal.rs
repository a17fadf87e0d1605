//! The write-ahead journal that makes an edit of several files all-or-nothing.
//!
//! [`write_files`] writes the complete new text of every file to
//! `<site>/.beacon-edit.journal.new`, flushes it, renames it to `<site>/.beacon-edit.journal`
//! (the edit is decided from here on) and flushes the folder; then replaces each file and
//! finally removes the journal. [`recover`] rolls a journal found at the start of a command
//! forward (replacing a file twice with the same text changes nothing) and removes staged files
//! and half-written journals a killed run left.
//!
//! The journal is text: a header line, then per file `file <path>`, the byte count and the
//! bytes, then `end <FNV-1a of everything before>`, so a damaged journal is recognised and
//! never applied.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use beacon_core::hash::{fnv1a, FNV_OFFSET};
use beacon_core::layout::CONFIG_FILE;
use beacon_core::status::SiteConfig;

use super::StoreError;

/// The journal's name in the site folder.
pub const JOURNAL_FILE: &str = ".beacon-edit.journal";

/// The journal while it is being written (not yet decided).
const JOURNAL_DRAFT: &str = ".beacon-edit.journal.new";

/// The suffix of a file's new text staged beside it before the rename.
pub const STAGED_SUFFIX: &str = ".beacon-ops-new";

/// The journal's first line.
const HEADER: &str = "beacon-edit-journal 1\n";

/// Writes every `(path relative to site, text)` of `files` so that a kill at any instant
/// leaves all of them old or, once the journal is on disk, all of them new after the next
/// command's [`recover`]. The caller holds the exclusive lock.
pub fn write_files(site: &Path, files: &[(String, String)]) -> Result<(), StoreError> {
    let draft = site.join(JOURNAL_DRAFT);
    let journal = site.join(JOURNAL_FILE);
    write_synced(&draft, &encode(files), None)?;
    std::fs::rename(&draft, &journal).map_err(StoreError::io(&journal))?;
    sync_folder(site)?;
    apply(site, files)?;
    std::fs::remove_file(&journal).map_err(StoreError::io(&journal))?;
    sync_folder(site)
}

/// True when a killed edit left something behind: a journal, a draft journal or a staged
/// file beside a data file.
pub fn needs_recovery(site: &Path) -> bool {
    site.join(JOURNAL_FILE).exists()
        || site.join(JOURNAL_DRAFT).exists()
        || data_files(site)
            .iter()
            .any(|file| staged_path(&target(&site.join(file))).exists())
}

/// Rolls forward a journal a killed edit left, then removes the draft journal and staged
/// files. The caller holds the exclusive lock.
pub fn recover(site: &Path) -> Result<(), StoreError> {
    let draft = site.join(JOURNAL_DRAFT);
    remove_if_present(&draft)?;
    let journal = site.join(JOURNAL_FILE);
    let mut files = Vec::new();
    match std::fs::read(&journal) {
        Ok(bytes) => {
            let entries = decode(&bytes).map_err(|reason| StoreError::BadJournal {
                path: journal.clone(),
                reason,
            })?;
            apply(site, &entries)?;
            std::fs::remove_file(&journal).map_err(StoreError::io(&journal))?;
            sync_folder(site)?;
            files.extend(entries.into_iter().map(|(path, _)| path));
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(StoreError::io(&journal)(err)),
    }
    files.extend(data_files(site));
    for file in files {
        remove_if_present(&staged_path(&target(&site.join(file))))?;
    }
    Ok(())
}

/// The data files `config.json` names (none when it cannot be read).
fn data_files(site: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(site.join(CONFIG_FILE)) else {
        return Vec::new();
    };
    let Ok(config) = SiteConfig::from_json(CONFIG_FILE, &text) else {
        return Vec::new();
    };
    config
        .regions
        .iter()
        .flat_map(|region| [&region.summary_url, &region.history_url])
        .map(|url| url.trim_start_matches('/').to_owned())
        .collect()
}

/// Replaces each file with its text.
fn apply(site: &Path, files: &[(String, String)]) -> Result<(), StoreError> {
    for (path, text) in files {
        replace(&site.join(path), text.as_bytes())?;
    }
    Ok(())
}

/// The file a path stands for: the target of a symlink (followed to the end), else the path.
fn target(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

/// Where the new text of `file` is staged.
fn staged_path(file: &Path) -> PathBuf {
    let mut staged = file.as_os_str().to_owned();
    staged.push(STAGED_SUFFIX);
    PathBuf::from(staged)
}

/// Replaces `path` (through a symlink: its target) with `bytes` in one step, keeping the
/// file's permissions: the text is staged beside the file, flushed, and renamed over it.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let file = target(path);
    let permissions = std::fs::metadata(&file).ok().map(|meta| meta.permissions());
    let staged = staged_path(&file);
    write_synced(&staged, bytes, permissions).inspect_err(|_| {
        let _ = std::fs::remove_file(&staged);
    })?;
    std::fs::rename(&staged, &file).map_err(|source| {
        let _ = std::fs::remove_file(&staged);
        StoreError::Io {
            path: path.to_owned(),
            source,
        }
    })?;
    sync_folder(file.parent().unwrap_or(Path::new(".")))
}

/// Writes `bytes` to a new `path` with `permissions` (if given) and flushes it to disk.
fn write_synced(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(StoreError::io(path))?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)
            .map_err(StoreError::io(path))?;
    }
    file.write_all(bytes).map_err(StoreError::io(path))?;
    file.sync_all().map_err(StoreError::io(path))
}

/// Flushes a folder's entries (the renames in it) to disk.
fn sync_folder(folder: &Path) -> Result<(), StoreError> {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(StoreError::io(folder))
}

/// Removes `path` if it exists.
fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(path)(err)),
        _ => Ok(()),
    }
}

/// The journal's bytes for `files`.
fn encode(files: &[(String, String)]) -> Vec<u8> {
    let mut bytes = HEADER.as_bytes().to_vec();
    for (path, text) in files {
        bytes.extend(format!("file {path}\n{}\n", text.len()).as_bytes());
        bytes.extend(text.as_bytes());
        bytes.push(b'\n');
    }
    let check = fnv1a(FNV_OFFSET, &bytes);
    bytes.extend(format!("end {check:016x}\n").as_bytes());
    bytes
}

/// The files of a journal, or why it is not a complete one.
fn decode(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let body = bytes
        .strip_prefix(HEADER.as_bytes())
        .ok_or("it does not start with the journal header")?;
    let mut rest = body;
    let mut files = Vec::new();
    loop {
        let (line, after) = split_line(rest).ok_or("it ends in the middle of a line")?;
        if let Some(check) = line.strip_prefix("end ") {
            let covered = &bytes[..bytes.len() - rest.len()];
            if after.is_empty() && check == format!("{:016x}", fnv1a(FNV_OFFSET, covered)) {
                return Ok(files);
            }
            return Err("its checksum does not match".into());
        }
        let path = line
            .strip_prefix("file ")
            .ok_or_else(|| format!("unexpected line {line:?}"))?;
        let (length, after) = split_line(after).ok_or("it ends in the middle of a line")?;
        let length: usize = length
            .parse()
            .map_err(|_| format!("{length:?} is not a length"))?;
        let text = after
            .get(..length)
            .filter(|_| after.get(length) == Some(&b'\n'))
            .ok_or("it ends in the middle of a file")?;
        let text = String::from_utf8(text.to_vec()).map_err(|_| "a file is not UTF-8")?;
        files.push((path.to_owned(), text));
        rest = &after[length + 1..];
    }
}

/// The first line of `bytes` (as text, without its newline) and what follows it.
fn split_line(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&bytes[..end]).ok()?;
    Some((line, &bytes[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(String, String)> {
        vec![
            ("data/a.json".into(), "{\n  \"a\": 1\n}\n".into()),
            ("data/b.json".into(), "é\nfile x\n0\n".into()),
        ]
    }

    #[test]
    fn a_journal_reads_back_as_written_and_any_cut_is_refused() {
        let bytes = encode(&files());
        assert_eq!(decode(&bytes).unwrap(), files());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[HEADER.len() + 8] ^= 1;
        assert!(decode(&flipped).is_err());
    }

    #[test]
    fn a_left_journal_is_rolled_forward_and_staged_files_are_removed() {
        let site = std::env::temp_dir().join(format!("beacon-ops-journal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(site.join("data")).unwrap();
        std::fs::write(site.join("data/a.json"), "old a").unwrap();
        std::fs::write(site.join("data/b.json"), "old b").unwrap();
        // Killed after the journal was decided and the first file replaced.
        std::fs::write(site.join(JOURNAL_FILE), encode(&files())).unwrap();
        std::fs::write(site.join("data/a.json"), &files()[0].1).unwrap();
        std::fs::write(site.join("data/b.json.beacon-ops-new"), "half").unwrap();
        std::fs::write(site.join(JOURNAL_DRAFT), "beacon-edit").unwrap();
        assert!(needs_recovery(&site));
        recover(&site).unwrap();
        for (path, text) in files() {
            assert_eq!(std::fs::read_to_string(site.join(path)).unwrap(), text);
        }
        let mut left: Vec<_> = std::fs::read_dir(site.join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["a.json", "b.json"]);
        assert!(!site.join(JOURNAL_FILE).exists() && !site.join(JOURNAL_DRAFT).exists());

        // A damaged journal is never applied.
        let mut bad = encode(&[("data/a.json".into(), "new".into())]);
        bad.truncate(bad.len() - 3);
        std::fs::write(site.join(JOURNAL_FILE), bad).unwrap();
        let err = recover(&site).unwrap_err();
        assert!(
            err.to_string().contains("not a complete edit journal"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(site.join("data/a.json")).unwrap(),
            files()[0].1
        );
        std::fs::remove_dir_all(&site).unwrap();
    }
}
