//! The published form of a region's history: the operator keeps one history file per region;
//! publishing splits it so each page downloads only what it shows.
//!
//! - the **recent** file: every incident and maintenance active in the last [`RECENT_DAYS`]
//!   days before publishing (what the uptime strips and the live page need), in the history
//!   file's own shape;
//! - one **period** file per quarter ([`Period`]) with every incident and maintenance that
//!   began in it (the summary's and the history's, each once), for the history pages;
//! - an **index** of the periods with their counts, newest first, so paging knows what exists
//!   without downloading it.
//!
//! Where each file goes is [`crate::layout`]'s business.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::{parse_json, DataError};
use super::model::{Incident, IncidentHistory, Summary};
use super::uptime::all_incidents;
use crate::period::Period;

/// Days of history the recent file holds: the uptime strips' window.
pub const RECENT_DAYS: u32 = 90;

/// Which periods a region's history has, newest first, and how many incidents each holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryIndex {
    /// Days back from publishing the recent file covers.
    pub recent_days: u32,
    /// The periods with at least one incident or maintenance, newest first.
    pub periods: Vec<PeriodCount>,
}

/// One period of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodCount {
    /// The quarter.
    pub period: Period,
    /// How many incidents and maintenances began in it.
    pub incidents: usize,
}

impl HistoryIndex {
    /// The newest period, which `/<region>/history/` shows.
    pub fn newest(&self) -> Option<Period> {
        self.periods.first().map(|entry| entry.period)
    }

    /// The periods before and after `period` that have incidents (older, newer), for paging;
    /// `period` itself need not be listed.
    pub fn neighbours(&self, period: Period) -> (Option<Period>, Option<Period>) {
        let older = self
            .periods
            .iter()
            .map(|entry| entry.period)
            .filter(|&other| other < period)
            .max();
        let newer = self
            .periods
            .iter()
            .map(|entry| entry.period)
            .filter(|&other| other > period)
            .min();
        (older, newer)
    }

    /// How many incidents `period` holds (0 when it is not listed).
    pub fn count(&self, period: Period) -> usize {
        self.periods
            .iter()
            .find(|entry| entry.period == period)
            .map_or(0, |entry| entry.incidents)
    }
}

/// Reads a history index; `file` names it in the error.
pub fn parse_index(file: &str, json: &[u8]) -> Result<HistoryIndex, DataError> {
    parse_json(file, json)
}

/// A region's history as published.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitHistory {
    /// What the live page reads: the incidents active in the last [`RECENT_DAYS`] days.
    pub recent: IncidentHistory,
    /// Every period's incidents, newest period first, each newest first.
    pub periods: Vec<(Period, IncidentHistory)>,
    /// The periods and their counts.
    pub index: HistoryIndex,
}

/// The quarter an incident belongs to: the one it began in, as its timestamp reads (the offset
/// the region's data is written in), as the history pages group it.
pub fn period_of(incident: &Incident) -> Period {
    Period::of(incident.began_at().date_naive())
}

/// The last moment anything happened to `incident`: the latest of when it began, was resolved,
/// last changed and last had an update.
fn last_activity(incident: &Incident) -> DateTime<Utc> {
    [
        Some(incident.began_at()),
        incident.resolved_at,
        incident.updated_at,
        incident.latest_update().map(|update| update.created_at),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(incident.created_at)
    .to_utc()
}

/// True when the live page published at `as_of` needs `incident`: it is still open, or
/// anything happened to it in the [`RECENT_DAYS`] days before `as_of` (an outage begun 100 days
/// ago and resolved 80 days ago still colours the oldest uptime bars).
pub fn is_recent(incident: &Incident, as_of: DateTime<Utc>) -> bool {
    incident.is_open() || last_activity(incident) >= as_of - Duration::days(i64::from(RECENT_DAYS))
}

/// Splits a region's history for publishing at `published_at`: the recent file from `history`
/// (counted back from the summary's `page.updated_at` when that is earlier), the
/// period files and index from `summary` and `history` together (each id once, the summary's
/// copy preferred), so a history page needs no other file.
///
/// ```
/// use beacon_core::status::archive::split_history;
/// use beacon_core::status::model::{parse_history, parse_summary};
///
/// # let page = r#""page": {"id": "p", "name": "EMEA", "url": "", "updated_at": "2026-11-20T10:00:00Z"}"#;
/// # let summary = parse_summary("summary.json", &format!(r#"{{ {page}, "components": [],
/// #     "incidents": [], "scheduled_maintenances": [],
/// #     "status": {{"indicator": "none", "description": "All Systems Operational"}} }}"#)).unwrap();
/// # let incident = |id: &str, at: &str| format!(
/// #     r#"{{"id": "{id}", "name": "{id}", "status": "resolved", "impact": "minor",
/// #         "created_at": "{at}", "updated_at": "{at}", "resolved_at": "{at}",
/// #         "incident_updates": [], "components": []}}"#
/// # );
/// // Resolved incidents from 10, 80 and 200 days before 20 November 2026:
/// # let history = parse_history("history.json", &format!(r#"{{ {page}, "incidents": [{}, {}, {}] }}"#,
/// #     incident("ten", "2026-11-10T08:00:00Z"),
/// #     incident("eighty", "2026-09-01T08:00:00Z"),
/// #     incident("old", "2026-05-04T08:00:00Z"),
/// # )).unwrap();
/// let as_of = "2026-11-20T10:00:00Z".parse().unwrap();
/// let split = split_history(&summary, &history, as_of);
/// let ids = |list: &[_]| list.iter().map(|i: &beacon_core::status::Incident| i.id.clone()).collect::<Vec<_>>();
/// assert_eq!(ids(&split.recent.incidents), ["ten", "eighty"]);
/// let periods: Vec<String> = split.periods.iter().map(|(p, _)| p.to_string()).collect();
/// assert_eq!(periods, ["2026-q4", "2026-q3", "2026-q2"]);
/// assert_eq!(ids(&split.periods[2].1.incidents), ["old"]);
/// assert_eq!(split.index.newest().unwrap().to_string(), "2026-q4");
/// assert_eq!(split.index.periods[1].incidents, 1);
/// ```
pub fn split_history(
    summary: &Summary,
    history: &IncidentHistory,
    published_at: DateTime<Utc>,
) -> SplitHistory {
    // Counted back from when the data last changed when that is earlier: the same data always
    // gives the same files, and a visitor's 90 days, which end later, are always covered.
    let as_of = summary
        .page
        .updated_at
        .map_or(published_at, |changed| changed.to_utc().min(published_at));
    let recent = IncidentHistory {
        page: history.page.clone(),
        incidents: history
            .incidents
            .iter()
            .filter(|incident| is_recent(incident, as_of))
            .cloned()
            .collect(),
    };
    let mut everything = all_incidents(summary, history);
    everything
        .sort_by_key(|incident| std::cmp::Reverse((period_of(incident), incident.began_at())));
    let mut periods: Vec<(Period, IncidentHistory)> = Vec::new();
    for incident in everything {
        let period = period_of(incident);
        match periods.last_mut() {
            Some((last, file)) if *last == period => file.incidents.push(incident.clone()),
            _ => periods.push((
                period,
                IncidentHistory {
                    page: history.page.clone(),
                    incidents: vec![incident.clone()],
                },
            )),
        }
    }
    let index = HistoryIndex {
        recent_days: RECENT_DAYS,
        periods: periods
            .iter()
            .map(|(period, file)| PeriodCount {
                period: *period,
                incidents: file.incidents.len(),
            })
            .collect(),
    };
    SplitHistory {
        recent,
        periods,
        index,
    }
}
