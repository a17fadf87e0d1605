//! The site's data for publishing: `config.json` and every region's summary and history,
//! read once (through [`MemoryFiles`]), validated as a whole and parsed.

use chrono::{DateTime, Utc};
use std::path::Path;

use beacon_core::layout::CONFIG_FILE;
use beacon_core::status::{
    parse_history, parse_summary, validate_site_at, Problem, Region, SiteConfig, SiteFiles,
};

use super::feed::RegionData;
use super::files::{MemoryFiles, SiteDir};
use super::PublishError;

/// A whole site's data, validated.
#[derive(Debug, Clone)]
pub struct Site {
    /// `config.json`.
    pub config: SiteConfig,
    /// Each region's data, in configuration order.
    pub regions: Vec<RegionData>,
    /// The moment the data was validated for, which decides whether a maintenance is under way
    /// in what is published.
    pub as_of: DateTime<Utc>,
}

/// Reads and validates the site in `public_dir` as of `now`; any problem fails with all of them.
/// Each data file is read from disk once: the validator and the parser share that text.
pub fn load_site(public_dir: &Path, now: DateTime<Utc>) -> Result<Site, PublishError> {
    load_site_from(&MemoryFiles::new(SiteDir(public_dir)), now)
}

/// Validates the site held in `files` as of `now` and parses it; any problem fails with all
/// of them.
pub fn load_site_from<F: SiteFiles>(
    files: &MemoryFiles<F>,
    now: DateTime<Utc>,
) -> Result<Site, PublishError> {
    let problems = validate_site_at(files, now);
    if !problems.is_empty() {
        return Err(PublishError::Invalid(problems));
    }
    let config =
        SiteConfig::from_json(CONFIG_FILE, &files.text(CONFIG_FILE).map_err(one)?).map_err(one)?;
    let regions = config
        .regions
        .iter()
        .map(|region| load_region(files, region))
        .collect::<Result<_, _>>()?;
    Ok(Site {
        config,
        regions,
        as_of: now,
    })
}

/// Parses one region's summary and history.
fn load_region<F: SiteFiles>(
    files: &MemoryFiles<F>,
    region: &Region,
) -> Result<RegionData, PublishError> {
    let summary_file = local_file(&region.summary_url)?;
    let history_file = local_file(&region.history_url)?;
    let summary =
        parse_summary(summary_file, &files.text(summary_file).map_err(one)?).map_err(one)?;
    let history =
        parse_history(history_file, &files.text(history_file).map_err(one)?).map_err(one)?;
    Ok(RegionData {
        region: region.clone(),
        summary,
        history,
    })
}

/// The site-relative path of a data address; remote data cannot be published from.
pub fn local_file(url: &str) -> Result<&str, PublishError> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(PublishError::Invalid(vec![Problem::new(
            url,
            "",
            "remote data files cannot be published from; serve them from the site",
        )]));
    }
    Ok(url.trim_start_matches('/'))
}

/// One problem as an error.
fn one(problem: Problem) -> PublishError {
    PublishError::Invalid(vec![problem])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    /// The shipped site's files, counting the reads of each.
    struct CountedDisk<'a>(&'a RefCell<BTreeMap<String, u32>>);

    impl SiteFiles for CountedDisk<'_> {
        fn read(&self, path: &str) -> Result<String, String> {
            *self.0.borrow_mut().entry(path.to_owned()).or_default() += 1;
            let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
            SiteDir(&public).read(path)
        }
    }

    #[test]
    fn loading_a_site_for_publishing_reads_each_data_file_once() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
            .unwrap()
            .to_utc();
        let reads = RefCell::default();
        let files = MemoryFiles::new(CountedDisk(&reads));
        let site = load_site_from(&files, now).expect("the shipped site");
        let reads = reads.borrow();
        assert_eq!(reads.len(), 1 + 2 * site.regions.len(), "{reads:?}");
        assert!(reads.values().all(|&n| n == 1), "{reads:?}");
    }
}
