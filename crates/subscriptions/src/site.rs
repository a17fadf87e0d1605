//! The site as the service sees it: the regions and their sections, read from the folder the
//! site publishes from and validated in memory with the same rules as `beacon-ops validate`.

use std::collections::HashMap;
use std::path::Path;

use beacon_core::layout::CONFIG_FILE;
use beacon_core::status::{
    parse_history, parse_summary, sections, validate_site_at, IncidentHistory, SiteConfig,
    SiteFiles, Summary,
};

/// One region's data as published, when it validates.
#[derive(Debug, Clone)]
pub struct RegionData {
    /// Region id, e.g. `emea`.
    pub id: String,
    /// Its name, e.g. `EMEA`.
    pub name: String,
    /// Its top-level sections (id, name), in page order: what a subscriber chooses from.
    pub sections: Vec<(String, String)>,
    /// The `summary.json` text.
    pub summary_text: String,
    /// The history file's text.
    pub history_text: String,
    /// The summary, parsed.
    pub summary: Summary,
    /// The history, parsed.
    pub history: IncidentHistory,
}

/// The site: its name and the regions whose data validates.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The site's name, for e-mail subjects.
    pub name: String,
    /// Regions whose files all validate; a region with a problem is left out (and so
    /// triggers nothing) until it is fixed.
    pub regions: Vec<RegionData>,
    /// Every problem found, as `file at path: reason`, for the log.
    pub problems: Vec<String>,
}

impl Site {
    /// The region `id`, if its data validates.
    pub fn region(&self, id: &str) -> Option<&RegionData> {
        self.regions.iter().find(|region| region.id == id)
    }
}

/// The site's files read into memory, for the validator.
struct MemoryFiles(HashMap<String, Result<String, String>>);

impl SiteFiles for MemoryFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0
            .get(path)
            .cloned()
            .unwrap_or_else(|| Err("not read".into()))
    }
}

/// Reads `config.json` and every region's summary and history under `public`, validates them
/// together as of `now`, and keeps the regions without problems. An unreadable or invalid
/// `config.json` is an error: nothing can be trusted then.
pub fn read_site(public: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Site, String> {
    let read = |relative: &str| {
        std::fs::read_to_string(public.join(relative))
            .map_err(|err| format!("{}: {err}", public.join(relative).display()))
    };
    let config_text = read(CONFIG_FILE)?;
    let config = SiteConfig::from_json(CONFIG_FILE, &config_text).map_err(|err| err.to_string())?;
    let mut files = HashMap::new();
    files.insert(CONFIG_FILE.to_owned(), Ok(config_text));
    for region in &config.regions {
        for url in [&region.summary_url, &region.history_url] {
            let relative = url.trim_start_matches('/').to_owned();
            let text = read(&relative);
            files.insert(relative, text);
        }
    }
    let files = MemoryFiles(files);
    let problems = validate_site_at(&files, now);
    if let Some(problem) = problems.iter().find(|p| p.file == CONFIG_FILE) {
        return Err(problem.to_string());
    }
    let mut site = Site {
        name: config.site_name.clone(),
        regions: Vec::new(),
        problems: problems.iter().map(ToString::to_string).collect(),
    };
    for region in &config.regions {
        let summary_file = region.summary_url.trim_start_matches('/');
        let history_file = region.history_url.trim_start_matches('/');
        if problems
            .iter()
            .any(|p| p.file == summary_file || p.file == history_file)
        {
            continue;
        }
        let (Ok(summary_text), Ok(history_text)) =
            (files.read(summary_file), files.read(history_file))
        else {
            continue;
        };
        let (Ok(summary), Ok(history)) = (
            parse_summary(summary_file, &summary_text),
            parse_history(history_file, &history_text),
        ) else {
            continue;
        };
        let sections = sections(&summary, &region.component_order)
            .into_iter()
            .map(|section| (section.component.id, section.component.name))
            .collect();
        site.regions.push(RegionData {
            id: region.id.clone(),
            name: region.name.clone(),
            sections,
            summary_text,
            history_text,
            summary,
            history,
        });
    }
    Ok(site)
}
