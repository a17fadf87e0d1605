//! An edit applied to the files of a site folder: under the folder's lock, the region's files
//! are read once into memory, the edit runs on them, the history takes the summary's current
//! copies, the whole site is validated with the edited texts in memory, and only a valid result
//! is written, all files or none ([`crate::store`]).

use chrono::Utc;
use std::path::Path;
use std::time::Duration;

use beacon_core::layout::CONFIG_FILE;
use beacon_core::status::ledger::record_in_history;
use beacon_core::status::{
    parse_history, parse_summary, validate_site_at, IncidentHistory, SiteConfig, Summary, Timestamp,
};

use super::{refresh_page_status, EditError};
use crate::publish::data::local_file;
use crate::publish::{MemoryFiles, SiteDir};
use crate::store;

/// Locks `public_dir` (waiting up to `wait` for another edit), loads a region's files, applies
/// `edit`, records the summary's incidents in the history, refreshes the page status, checks
/// the whole site with the result, and only then writes the changed files, all or none.
/// Returns what changed, ending with the files written. An edit that reports no change writes
/// nothing (and returns no lines).
pub fn edit_region(
    public_dir: &Path,
    region_id: &str,
    now: Timestamp,
    wait: Duration,
    edit: impl FnOnce(&mut Summary, &mut IncidentHistory) -> Result<Vec<String>, EditError>,
) -> Result<Vec<String>, EditError> {
    let _lock = store::for_writing(public_dir, wait)?;
    let mut files = MemoryFiles::new(SiteDir(public_dir));
    let config = SiteConfig::from_json(CONFIG_FILE, &files.text(CONFIG_FILE)?)?;
    let region = config.region(region_id).ok_or_else(|| {
        let ids: Vec<&str> = config.regions.iter().map(|r| r.id.as_str()).collect();
        EditError::Argument {
            name: "--region",
            reason: format!(
                "no region {region_id:?}; the regions are {}",
                ids.join(", ")
            ),
        }
    })?;
    let summary_file = local_file(&region.summary_url)?;
    let history_file = local_file(&region.history_url)?;
    let mut summary = parse_summary(summary_file, &files.text(summary_file)?)?;
    let original_history = parse_history(history_file, &files.text(history_file)?)?;
    let mut history = original_history.clone();

    let mut changes = edit(&mut summary, &mut history)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    changes.extend(refresh_page_status(&mut summary, now));
    for incident in summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
    {
        record_in_history(&mut history, incident);
    }

    let mut outputs = vec![(summary_file.to_owned(), to_json(&summary))];
    if history != original_history {
        outputs.push((history_file.to_owned(), to_json(&history)));
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
    store::write_files(public_dir, &outputs)?;
    changes.extend(outputs.iter().map(|(file, _)| format!("wrote {file}")));
    Ok(changes)
}

/// Pretty JSON with a final newline, as the data files are kept.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut json = serde_json::to_string_pretty(value).expect("status data always serialises");
    json.push('\n');
    json
}

/// One region's id and what advancing it wrote, or why its edit was refused.
pub type RegionAdvance = (String, Result<Vec<String>, EditError>);

/// Applies the maintenance transitions due at `now` ([`super::advance_maintenance`]) to every
/// region of the site in `public_dir`, each as one edit under the lock and the journal; a
/// region with nothing due is not written. Returns each region's lines, or why its edit was
/// refused (one region's bad data does not hold back the others).
pub fn advance_site(
    public_dir: &Path,
    now: Timestamp,
    wait: Duration,
    remind_prior: chrono::TimeDelta,
) -> Result<Vec<RegionAdvance>, EditError> {
    let config = {
        let _lock = store::for_reading(public_dir, wait)?;
        let files = MemoryFiles::new(SiteDir(public_dir));
        SiteConfig::from_json(CONFIG_FILE, &files.text(CONFIG_FILE)?)?
    };
    Ok(config
        .regions
        .iter()
        .map(|region| {
            let id = region.id.clone();
            let done = edit_region(public_dir, &id, now, wait, |summary, history| {
                Ok(super::advance_maintenance(
                    summary,
                    history,
                    now,
                    remind_prior,
                ))
            });
            (id, done)
        })
        .collect())
}
