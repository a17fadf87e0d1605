//! Which incidents the summary and the history hold, and how the two agree.
//!
//! The model is Statuspage's, as the shipped data and the apps read it:
//! - `summary.json` lists what is not over: unresolved incidents and upcoming or running
//!   maintenances;
//! - `history.json` lists every incident and maintenance once it has begun, open or closed (a
//!   maintenance still `scheduled` is announced in the summary only);
//! - an incident found in both files is the same in both.
//!
//! The apps merge the two lists by id ([`super::all_incidents`]), so either copy may be the one a
//! visitor sees; [`agreement_problems`] is the rule `validate`, `publish` and every edit apply,
//! and [`record_in_history`] is how an edit keeps the history's copies current.

use std::collections::HashMap;

use super::error::DataError as Problem;
use super::model::{Incident, IncidentHistory, IncidentStatus, Summary};

/// True when `incident` belongs in the history: every incident, and a maintenance once it is
/// past `scheduled`.
pub fn belongs_in_history(incident: &Incident) -> bool {
    !(incident.is_maintenance() && incident.status == IncidentStatus::Scheduled)
}

/// Every way the summary and the history disagree: an open entry of the summary missing from
/// the history, a copy that differs, an open entry of the history that the summary no longer
/// lists.
pub fn agreement_problems(
    summary_file: &str,
    summary: &Summary,
    history_file: &str,
    history: &IncidentHistory,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let in_history: HashMap<&str, (usize, &Incident)> = history
        .incidents
        .iter()
        .enumerate()
        .map(|(n, incident)| (incident.id.as_str(), (n, incident)))
        .collect();
    let in_summary = summary_entries(summary);
    for (at, incident) in &in_summary {
        match in_history.get(incident.id.as_str()) {
            Some((n, copy)) if *copy != *incident => problems.push(Problem::new(
                history_file,
                format!("incidents[{n}]"),
                format!(
                    "{:?} differs from its copy in {summary_file} ({at}); both files must hold \
                     the same incident",
                    incident.id
                ),
            )),
            None if belongs_in_history(incident) => problems.push(Problem::new(
                summary_file,
                format!("{at}.id"),
                format!(
                    "{:?} is missing from {history_file}, which lists every incident once it \
                     has begun",
                    incident.id
                ),
            )),
            _ => {}
        }
    }
    let listed: HashMap<&str, &str> = in_summary
        .iter()
        .map(|(at, incident)| (incident.id.as_str(), at.as_str()))
        .collect();
    for (n, incident) in history.incidents.iter().enumerate() {
        if incident.is_open() && !listed.contains_key(incident.id.as_str()) {
            problems.push(Problem::new(
                history_file,
                format!("incidents[{n}].status"),
                format!(
                    "{:?} is still {} here but {summary_file} does not list it; an open \
                     incident is in both files",
                    incident.id,
                    incident.status.as_str()
                ),
            ));
        }
    }
    problems
}

/// The summary's incidents and maintenances with their JSON paths.
fn summary_entries(summary: &Summary) -> Vec<(String, &Incident)> {
    let incidents = summary
        .incidents
        .iter()
        .enumerate()
        .map(|(n, i)| (format!("incidents[{n}]"), i));
    let maintenances = summary
        .scheduled_maintenances
        .iter()
        .enumerate()
        .map(|(n, i)| (format!("scheduled_maintenances[{n}]"), i));
    incidents.chain(maintenances).collect()
}

/// Writes `incident`'s current state into the history: over its copy there, or, when the
/// history does not hold it yet and it [belongs there](belongs_in_history), in date order
/// (newest first). Every edit calls this for the incident it changed, so the two files agree.
///
/// ```
/// use beacon_core::status::ledger::{agreement_problems, record_in_history};
/// use beacon_core::status::{parse_history, parse_summary};
///
/// let mut summary = parse_summary("summary.json", r#"{
///   "page": {"id": "p", "name": "P"},
///   "status": {"indicator": "minor", "description": "Minor Service Outage"},
///   "incidents": [{"id": "inc1", "name": "Slow", "status": "investigating", "impact": "minor",
///                  "created_at": "2026-11-21T12:00:00Z"}]
/// }"#).unwrap();
/// let mut history = parse_history("history.json", r#"{"page": {"id": "p", "name": "P"}}"#).unwrap();
/// assert_eq!(agreement_problems("summary.json", &summary, "history.json", &history).len(), 1);
///
/// record_in_history(&mut history, &summary.incidents[0]);
/// assert!(agreement_problems("summary.json", &summary, "history.json", &history).is_empty());
///
/// summary.incidents[0].name = "Slow restores".into();
/// record_in_history(&mut history, &summary.incidents[0]);
/// assert_eq!(history.incidents.len(), 1);
/// assert_eq!(history.incidents[0].name, "Slow restores");
/// ```
pub fn record_in_history(history: &mut IncidentHistory, incident: &Incident) {
    if let Some(copy) = history.incidents.iter_mut().find(|i| i.id == incident.id) {
        *copy = incident.clone();
    } else if belongs_in_history(incident) {
        let at = history
            .incidents
            .iter()
            .position(|other| other.created_at <= incident.created_at)
            .unwrap_or(history.incidents.len());
        history.incidents.insert(at, incident.clone());
    }
}
