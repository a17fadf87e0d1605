//! An edit applied to the files of a site folder: the region's files are read once into
//! memory, the edit runs on them, the whole site is validated with the edited texts in memory,
//! and only a valid result is written, each file replaced in one step.

use chrono::Utc;
use std::path::{Path, PathBuf};

use beacon_core::layout::CONFIG_FILE;
use beacon_core::status::{
    parse_history, parse_summary, validate_site_at, IncidentHistory, SiteConfig, Summary, Timestamp,
};

use super::{refresh_page_status, EditError};
use crate::publish::data::local_file;
use crate::publish::{MemoryFiles, SiteDir};

/// Loads a region's files from `public_dir`, applies `edit`, refreshes the page status, checks
/// the whole site with the result, and only then writes the changed files (each replaced in
/// one step). Returns what changed, ending with the files written.
pub fn edit_region(
    public_dir: &Path,
    region_id: &str,
    now: Timestamp,
    edit: impl FnOnce(&mut Summary, &mut IncidentHistory) -> Result<Vec<String>, EditError>,
) -> Result<Vec<String>, EditError> {
    let mut files = MemoryFiles::new(SiteDir(public_dir));
    let config = SiteConfig::from_json(CONFIG_FILE, &files.text(CONFIG_FILE)?)?;
    let region = config.region(region_id).ok_or_else(|| {
        let ids: Vec<&str> = config.regions.iter().map(|r| r.id.as_str()).collect();
        EditError::Request(format!(
            "no region {region_id:?}; the regions are {}",
            ids.join(", ")
        ))
    })?;
    let summary_file = local_file(&region.summary_url)?;
    let history_file = local_file(&region.history_url)?;
    let mut summary = parse_summary(summary_file, &files.text(summary_file)?)?;
    let original_history = parse_history(history_file, &files.text(history_file)?)?;
    let mut history = original_history.clone();

    let mut changes = edit(&mut summary, &mut history)?;
    changes.extend(refresh_page_status(&mut summary, now));

    let mut outputs = vec![(summary_file, to_json(&summary))];
    if history != original_history {
        outputs.push((history_file, to_json(&history)));
    }
    for (file, json) in &outputs {
        files.replace(file, json.clone());
    }
    let problems: Vec<_> = validate_site_at(&files, now.with_timezone(&Utc))
        .into_iter()
        .filter(|p| p.file == summary_file || p.file == history_file)
        .collect();
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    // History first: if the summary write then failed, the incident would show in both files
    // rather than vanish.
    outputs.reverse();
    for (file, json) in outputs {
        replace(&public_dir.join(file), &json)?;
        changes.push(format!("wrote {file}"));
    }
    Ok(changes)
}

/// Pretty JSON with a final newline, as the data files are kept.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut json = serde_json::to_string_pretty(value).expect("status data always serialises");
    json.push('\n');
    json
}

/// Replaces `path` with `contents` in one step: writes a file beside it (same folder, so the
/// same file system) and renames it over `path`, so a reader sees the old file or the new one,
/// never half of one. The staged file is removed again when the rename fails.
fn replace(path: &Path, contents: &str) -> Result<(), EditError> {
    let mut staged = path.as_os_str().to_owned();
    staged.push(".beacon-ops-new");
    let staged = PathBuf::from(staged);
    std::fs::write(&staged, contents).map_err(|source| EditError::Io {
        path: staged.clone(),
        source,
    })?;
    std::fs::rename(&staged, path).map_err(|source| {
        let _ = std::fs::remove_file(&staged);
        EditError::Io {
            path: path.to_owned(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_file_holds_the_new_text_and_nothing_is_left_beside_it() {
        let dir = std::env::temp_dir().join(format!("beacon-ops-replace-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("summary.json");
        std::fs::write(&file, "old").unwrap();
        replace(&file, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["summary.json"]);

        // A file that cannot take the place of a folder: the error names it, no staged copy stays.
        let folder = dir.join("folder.json");
        std::fs::create_dir_all(folder.join("inside")).unwrap();
        let err = replace(&folder, "new").unwrap_err();
        assert!(
            err.to_string().starts_with(&folder.display().to_string()),
            "{err}"
        );
        assert!(!dir.join("folder.json.beacon-ops-new").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
