//! A region's incidents as its history page lists them: every incident and maintenance once,
//! newest first, grouped by the month it began; and one incident found by its id.

use crate::sort::sort_by_key;
use chrono::{Datelike, NaiveDate};

use super::model::{Incident, IncidentHistory, Summary};
use super::uptime::all_incidents;

/// The incidents that began in one calendar month, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryMonth<'a> {
    /// The first day of the month, for its heading ("November 2026").
    pub month: NaiveDate,
    /// The month's incidents and maintenances, newest first.
    pub incidents: Vec<&'a Incident>,
}

/// Every incident and maintenance of `summary` and `history` (each id once, the summary's copy
/// preferred), newest first by when it began, grouped by the month it began in as its timestamp
/// reads (the offset the region's data is written in: an incident begun at 00:30 on
/// 1 November at +01:00 is November's, though it is still October in UTC). Incidents that
/// began at the same instant keep the summary-then-history order.
///
/// ```
/// use beacon_core::status::history::history_by_month;
/// use beacon_core::status::model::{parse_history, parse_summary};
///
/// # let page = r#""page": {"id": "p", "name": "EMEA", "url": "", "updated_at": "2026-11-20T10:00:00Z"}"#;
/// # let summary = parse_summary("summary.json", &format!(r#"{{ {page}, "components": [],
/// #     "incidents": [], "scheduled_maintenances": [],
/// #     "status": {{"indicator": "none", "description": "All Systems Operational"}} }}"#)).unwrap();
/// # let incident = |id: &str, at: &str| format!(
/// #     r#"{{"id": "{id}", "name": "{id}", "status": "resolved", "impact": "minor",
/// #         "created_at": "{at}", "updated_at": "{at}", "incident_updates": [], "components": []}}"#
/// # );
/// // Incidents begun on 3 October, 2 November and 1 November (00:30 at +01:00):
/// # let history = parse_history("history.json", &format!(r#"{{ {page}, "incidents": [{}, {}, {}] }}"#,
/// #     incident("a", "2026-10-03T08:00:00Z"),
/// #     incident("b", "2026-11-02T08:00:00Z"),
/// #     incident("c", "2026-11-01T00:30:00+01:00"),
/// # )).unwrap();
/// let months = history_by_month(&summary, &history);
/// let ids = |n: usize| months[n].incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>();
/// assert_eq!(months.len(), 2);
/// assert_eq!(months[0].month.to_string(), "2026-11-01");
/// assert_eq!(ids(0), ["b", "c"]);
/// assert_eq!(months[1].month.to_string(), "2026-10-01");
/// assert_eq!(ids(1), ["a"]);
/// ```
pub fn history_by_month<'a>(
    summary: &'a Summary,
    history: &'a IncidentHistory,
) -> Vec<HistoryMonth<'a>> {
    let mut incidents = all_incidents(summary, history);
    sort_by_key(&mut incidents, |incident| {
        std::cmp::Reverse(incident.began_at())
    });
    let mut months: Vec<HistoryMonth> = Vec::new();
    for incident in incidents {
        let day = incident.began_at().date_naive();
        let month = day.with_day(1).unwrap_or(day);
        match months.last_mut() {
            Some(last) if last.month == month => last.incidents.push(incident),
            _ => months.push(HistoryMonth {
                month,
                incidents: vec![incident],
            }),
        }
    }
    months
}

/// The incident or maintenance `id` of a region: the summary's copy when it has one (it is
/// newer), else the history's; `None` when neither has it (or the history is not loaded yet).
pub fn find_incident<'a>(
    summary: &'a Summary,
    history: Option<&'a IncidentHistory>,
    id: &str,
) -> Option<&'a Incident> {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .chain(history.into_iter().flat_map(|history| &history.incidents))
        .find(|incident| incident.id == id)
}
