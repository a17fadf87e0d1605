//! Checks a whole site's data (`config.json` and every region's summary and history) and reports
//! every problem found, each with its file and JSON path. The files come through [`SiteFiles`]
//! (a folder on disk for `beacon-ops validate`, edited copies in memory before an edit is
//! written), so the rules run without IO and the same rules serve every caller.
//!
//! Ids and messages are held to [`super::limits`], and the summary and the history to the
//! agreement [`super::ledger`] describes.
//!
//! Addresses in the configuration that start with `http://` or `https://` point outside the site
//! and are not checked.

use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

use super::config::{Region, SiteConfig};
use super::error::DataError;
use super::ledger::agreement_problems;
use super::limits::{body_problem, id_problem};
use super::model::{
    parse_history, parse_summary, Component, ComponentStatus, Impact, Incident, IncidentHistory,
    IncidentStatus, Indicator, Summary,
};
use super::overall::overall_status;

/// One thing wrong with the site's data: file, JSON path and reason.
pub type Problem = DataError;

/// The site's files as the validator reads them, by path relative to the site root.
pub trait SiteFiles {
    /// The text of `path`, or why it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// Checks the site's `config.json` and every region's data files as of `now` (which decides
/// whether a planned maintenance is under way).
pub fn validate_site_at(files: &dyn SiteFiles, now: DateTime<Utc>) -> Vec<Problem> {
    let config_file = crate::layout::CONFIG_FILE;
    let text = match files.read(config_file) {
        Ok(text) => text,
        Err(err) => return vec![Problem::new(config_file, "", format!("cannot read: {err}"))],
    };
    let config: SiteConfig = match super::error::parse_json(config_file, &text) {
        Ok(config) => config,
        Err(err) => return vec![err],
    };
    let mut problems = config.problems(config_file);
    for (n, region) in config.regions.iter().enumerate() {
        validate_region(files, n, region, now, &mut problems);
    }
    problems
}

/// Things an operator should act on that are not errors in the data, as of `now`: open
/// incidents whose newest update is older than the configured limit (the page marks them as
/// overdue to visitors). Unreadable or invalid files give no warnings; [`validate_site_at`]
/// reports them.
pub fn site_warnings_at(files: &dyn SiteFiles, now: DateTime<Utc>) -> Vec<Problem> {
    let config_file = crate::layout::CONFIG_FILE;
    let Some(config) = files
        .read(config_file)
        .ok()
        .and_then(|text| super::error::parse_json::<SiteConfig>(config_file, &text).ok())
    else {
        return Vec::new();
    };
    let hours = config.stale_update_hours();
    let mut warnings = Vec::new();
    for region in &config.regions {
        let file = region.summary_url.trim_start_matches('/');
        let Some(summary) = files
            .read(file)
            .ok()
            .and_then(|text| parse_summary(file, &text).ok())
        else {
            continue;
        };
        for (n, incident) in summary.incidents.iter().enumerate() {
            if let Some(age) = super::freshness::update_overdue(incident, now, hours) {
                warnings.push(Problem::new(
                    file,
                    format!("incidents[{n}].incident_updates"),
                    format!(
                        "open incident {:?} has had no update for {} h (limit {hours} h): \
                         visitors see it marked as overdue; post an update or resolve it",
                        incident.id,
                        age.num_hours()
                    ),
                ));
            }
        }
    }
    warnings
}

/// Reads a file of the site; `None` (with a problem) if it cannot be read, or if it is remote.
fn read(files: &dyn SiteFiles, url: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return None;
    }
    let relative = url.trim_start_matches('/');
    match files.read(relative) {
        Ok(text) => Some(text),
        Err(err) => {
            problems.push(Problem::new(relative, "", format!("cannot read: {err}")));
            None
        }
    }
}

/// Checks one region's summary and history.
fn validate_region(
    files: &dyn SiteFiles,
    index: usize,
    region: &Region,
    now: DateTime<Utc>,
    problems: &mut Vec<Problem>,
) {
    let summary_file = region.summary_url.trim_start_matches('/');
    let summary = read(files, &region.summary_url, problems).and_then(|text| {
        parse_summary(summary_file, &text)
            .map_err(|err| problems.push(err))
            .ok()
    });
    let Some(summary) = summary else { return };
    check_summary(summary_file, index, region, &summary, now, problems);

    let history_file = region.history_url.trim_start_matches('/');
    let history = read(files, &region.history_url, problems).and_then(|text| {
        parse_history(history_file, &text)
            .map_err(|err| problems.push(err))
            .ok()
    });
    if let Some(history) = history {
        if history.page.id != summary.page.id {
            problems.push(Problem::new(
                history_file,
                "page.id",
                format!(
                    "page {:?} differs from the summary's {:?}",
                    history.page.id, summary.page.id
                ),
            ));
        }
        let known = component_ids(&summary);
        problems.extend(history_problems(history_file, &history, Some(&known)));
        problems.extend(agreement_problems(
            summary_file,
            &summary,
            history_file,
            &history,
        ));
    }
}

/// Component ids of a summary.
fn component_ids(summary: &Summary) -> HashSet<&str> {
    summary.components.iter().map(|c| c.id.as_str()).collect()
}

/// Checks a summary against the rules Beacon adds for its own regions: the configured time zone
/// and component order, and a claimed banner that agrees with the derived one.
fn check_summary(
    file: &str,
    index: usize,
    region: &Region,
    summary: &Summary,
    now: DateTime<Utc>,
    problems: &mut Vec<Problem>,
) {
    problems.extend(summary_problems(file, summary));
    if summary.page.time_zone.as_deref() != Some(region.time_zone.as_str()) {
        problems.push(Problem::new(
            file,
            "page.time_zone",
            format!(
                "{:?} differs from the configured {:?}",
                summary.page.time_zone, region.time_zone
            ),
        ));
    }
    for (n, component) in summary.components.iter().enumerate() {
        if let Some(reason) = id_problem(&component.id) {
            problems.push(Problem::new(file, format!("components[{n}].id"), reason));
        }
        if !region.component_order.contains(&component.id) {
            problems.push(Problem::new(
                file,
                format!("components[{n}].id"),
                format!(
                    "component {:?} is missing from the component_order of region {:?}",
                    component.id, region.id
                ),
            ));
        }
    }
    let ids = component_ids(summary);
    for (k, id) in region.component_order.iter().enumerate() {
        if !ids.contains(id.as_str()) {
            problems.push(Problem::new(
                crate::layout::CONFIG_FILE,
                format!("regions[{index}].component_order[{k}]"),
                format!("{id:?} is not a component of {file}"),
            ));
        }
    }

    // The claimed indicator is checked as of the moment the file was written: a maintenance
    // window that opens later by the clock cannot have been known then, and a build must not
    // start failing at some wall-clock time without any change to the data. Only Beacon's own
    // files are held to this: Statuspage itself sets the indicator from component statuses
    // alone, so a page of theirs may show "minor" under a major incident.
    let written_at = summary.page.updated_at.map(|t| t.to_utc()).unwrap_or(now);
    let overall = overall_status(summary, written_at);
    if let Some(mismatch) = overall.indicator_mismatch() {
        problems.push(Problem::new(file, "status.indicator", mismatch));
    }
}

/// Problems in any Statuspage `summary.json`, Beacon's or another service's: unknown values,
/// duplicate or dangling component ids, broken groups, and incidents or maintenances that are
/// closed, out of order or name unknown components.
///
/// ```
/// use beacon_core::status::{parse_summary, validate::summary_problems};
///
/// let text = r#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"},
///     "components": [{"id": "a", "name": "A", "status": "operational", "group_id": "g"}]}"#;
/// let problems = summary_problems("summary.json", &parse_summary("summary.json", text).unwrap());
/// assert_eq!(problems[0].path, "components[0].group_id");
/// assert_eq!(problems[0].reason, r#"no component has id "g""#);
/// ```
pub fn summary_problems(file: &str, summary: &Summary) -> Vec<Problem> {
    let mut problems = page_problems(file, summary);
    if let Indicator::Unknown(value) = &summary.status.indicator {
        problems.push(Problem::new(
            file,
            "status.indicator",
            format!("unknown indicator {value:?}"),
        ));
    }
    for (n, component) in summary.components.iter().enumerate() {
        if let ComponentStatus::Unknown(value) = &component.status {
            problems.push(Problem::new(
                file,
                format!("components[{n}].status"),
                format!("unknown status {value:?}"),
            ));
        }
    }
    let known = component_ids(summary);
    for (n, incident) in summary.incidents.iter().enumerate() {
        let at = format!("incidents[{n}]");
        check_incident(file, &at, incident, Some(&known), &mut problems);
        if !incident.is_open() {
            problems.push(Problem::new(
                file,
                format!("{at}.status"),
                "a summary lists only unresolved incidents".to_owned(),
            ));
        }
    }
    for (n, maintenance) in summary.scheduled_maintenances.iter().enumerate() {
        let at = format!("scheduled_maintenances[{n}]");
        check_incident(file, &at, maintenance, Some(&known), &mut problems);
        if !maintenance.is_maintenance() || !maintenance.is_open() {
            problems.push(Problem::new(
                file,
                format!("{at}.status"),
                "a summary lists only upcoming or running maintenances".to_owned(),
            ));
        }
    }
    problems
}

/// A fetched `summary.json` read and checked by [`page_problems`], the part of
/// [`summary_problems`] that decides whether a page can show it: a file that parses but would
/// empty or contradict the page (no components, duplicate ids, groups naming unknown members) is
/// refused with its first problem, so a page keeps showing the last good data.
///
/// ```
/// use beacon_core::status::validate::checked_summary;
///
/// let text = br#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"},
///     "components": null}"#;
/// let refused = checked_summary("data/emea/summary.json", text).unwrap_err();
/// assert_eq!((refused.file.as_str(), refused.path.as_str()), ("data/emea/summary.json", "components"));
/// ```
pub fn checked_summary(file: &str, json: &[u8]) -> Result<Summary, Problem> {
    let summary = super::model::parse_summary_bytes(file, json)?;
    match page_problems(file, &summary).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(summary),
    }
}

/// The problems that would empty a page or make it contradict itself: no components at all
/// (missing, `null` or `[]`), duplicate ids, and groups whose membership does not agree both
/// ways. A status this version does not know is not one of them: the page shows it as unknown.
pub fn page_problems(file: &str, summary: &Summary) -> Vec<Problem> {
    let mut problems = Vec::new();
    if summary.components.is_empty() {
        problems.push(Problem::new(
            file,
            "components",
            "no components (missing, null or empty): a status page lists at least one",
        ));
    }
    problems.extend(components_problems(file, &summary.components));
    problems
}

/// Problems in the structure of a list of components (a summary's, or a `components.json`):
/// duplicate ids, and groups whose membership does not agree both ways.
pub fn components_problems(file: &str, components: &[Component]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut problem =
        |path: String, reason: String| problems.push(Problem::new(file, path, reason));
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (n, component) in components.iter().enumerate() {
        let at = format!("components[{n}]");
        if ids.insert(component.id.as_str(), n).is_some() {
            problem(
                format!("{at}.id"),
                format!("duplicate component id {:?}", component.id),
            );
        }
    }
    for (n, component) in components.iter().enumerate() {
        let at = format!("components[{n}]");
        if let Some(group) = &component.group_id {
            match ids.get(group.as_str()).map(|&g| &components[g]) {
                None => problem(
                    format!("{at}.group_id"),
                    format!("no component has id {group:?}"),
                ),
                Some(parent) if !parent.group => problem(
                    format!("{at}.group_id"),
                    format!("{group:?} is not a group"),
                ),
                Some(parent)
                    if !parent.components.is_empty()
                        && !parent.components.contains(&component.id) =>
                {
                    problem(
                        format!("{at}.group_id"),
                        format!(
                            "group {group:?} does not list {:?} among its members",
                            component.id
                        ),
                    )
                }
                _ => {}
            }
        }
        for (k, member) in component.components.iter().enumerate() {
            match ids.get(member.as_str()).map(|&m| &components[m]) {
                None => problem(
                    format!("{at}.components[{k}]"),
                    format!("no component has id {member:?}"),
                ),
                Some(child) if child.group_id.as_deref().is_some_and(|g| g != component.id) => {
                    problem(
                        format!("{at}.components[{k}]"),
                        format!(
                            "{member:?} belongs to group {:?}",
                            child.group_id.as_deref().unwrap_or_default()
                        ),
                    )
                }
                _ => {}
            }
        }
    }
    problems
}

/// Problems in a history (`incidents.json` shape): duplicate incident ids and every incident's
/// own problems. With `known` component ids (the region's summary), components the incidents
/// name must be among them; without, a foreign page's history is checked on its own.
pub fn history_problems(
    file: &str,
    history: &IncidentHistory,
    known: Option<&HashSet<&str>>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (n, incident) in history.incidents.iter().enumerate() {
        let at = format!("incidents[{n}]");
        if !seen.insert(incident.id.as_str()) {
            problems.push(Problem::new(
                file,
                format!("{at}.id"),
                format!("duplicate incident id {:?}", incident.id),
            ));
        }
        check_incident(file, &at, incident, known, &mut problems);
    }
    problems
}

/// Checks one incident or maintenance found at JSON path `at`.
fn check_incident(
    file: &str,
    at: &str,
    incident: &Incident,
    known: Option<&HashSet<&str>>,
    problems: &mut Vec<Problem>,
) {
    let mut problem = |path: String, reason: String| {
        problems.push(Problem::new(file, format!("{at}.{path}"), reason))
    };
    if let Some(reason) = id_problem(&incident.id) {
        problem("id".into(), reason);
    }
    if let IncidentStatus::Unknown(value) = &incident.status {
        problem("status".into(), format!("unknown status {value:?}"));
    }
    if let Impact::Unknown(value) = &incident.impact {
        problem("impact".into(), format!("unknown impact {value:?}"));
    }
    for (c, component) in incident.components.iter().enumerate() {
        if known.is_some_and(|known| !known.contains(component.id.as_str())) {
            problem(
                format!("components[{c}].id"),
                format!("no component has id {:?}", component.id),
            );
        }
    }
    let closed = incident.status.is_closed();
    match (closed, incident.resolved_at) {
        (true, None) => problem(
            "resolved_at".into(),
            format!("a {} incident needs resolved_at", incident.status.as_str()),
        ),
        (false, Some(_)) => problem(
            "resolved_at".into(),
            format!(
                "an incident still {} has resolved_at",
                incident.status.as_str()
            ),
        ),
        (_, Some(resolved)) if resolved < incident.began_at() => {
            problem("resolved_at".into(), "resolved before it began".to_owned())
        }
        _ => {}
    }
    let automation = [
        (
            "scheduled_auto_in_progress",
            incident.scheduled_auto_in_progress,
        ),
        (
            "scheduled_auto_completed",
            incident.scheduled_auto_completed,
        ),
        ("scheduled_remind_prior", incident.scheduled_remind_prior),
    ];
    if !incident.is_maintenance() {
        for (field, value) in automation {
            if value == Some(true) {
                problem(
                    field.into(),
                    format!(
                        "{field} is for scheduled maintenance, but this incident has no \
                         scheduled_for"
                    ),
                );
            }
        }
    }
    if incident.completes_by_itself() && incident.scheduled_until.is_none() {
        problem(
            "scheduled_until".into(),
            "a maintenance that completes by itself (scheduled_auto_completed) needs \
             scheduled_until"
                .to_owned(),
        );
    }
    if incident.is_maintenance() {
        match (incident.scheduled_for, incident.scheduled_until) {
            (None, _) => problem(
                "scheduled_for".into(),
                "a maintenance needs scheduled_for".to_owned(),
            ),
            (Some(start), Some(end)) if end < start => problem(
                "scheduled_until".into(),
                "scheduled_until is before scheduled_for".to_owned(),
            ),
            _ => {}
        }
    }
    let mut update_ids = HashSet::new();
    for (u, update) in incident.incident_updates.iter().enumerate() {
        let path = format!("incident_updates[{u}]");
        if !update_ids.insert(update.id.as_str()) {
            problem(
                format!("{path}.id"),
                format!("duplicate update id {:?}", update.id),
            );
        }
        if let Some(reason) = id_problem(&update.id) {
            problem(format!("{path}.id"), reason);
        }
        if let Some(reason) = body_problem(&update.body) {
            problem(format!("{path}.body"), reason);
        }
        if let IncidentStatus::Unknown(value) = &update.status {
            problem(
                format!("{path}.status"),
                format!("unknown status {value:?}"),
            );
        }
        if let Some(newer) = u.checked_sub(1).map(|p| &incident.incident_updates[p]) {
            if update.created_at > newer.created_at {
                problem(
                    format!("{path}.created_at"),
                    format!(
                        "updates must be newest first, but this one is newer than update {:?}",
                        newer.id
                    ),
                );
            }
        }
        for (a, affected) in update.affected_components.iter().enumerate() {
            if let Some(code) = &affected.code {
                if known.is_some_and(|known| !known.contains(code.as_str())) {
                    problem(
                        format!("{path}.affected_components[{a}].code"),
                        format!("no component has id {code:?}"),
                    );
                }
            }
        }
    }
}
