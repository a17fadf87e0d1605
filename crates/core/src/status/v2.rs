//! A region's data as Statuspage's public v2 API, so monitoring tools, chat integrations and
//! scripts written for Statuspage can be pointed at a region (`<region>/api/v2/summary.json` and
//! the rest, see [`crate::layout::v2_endpoint`]).
//!
//! The endpoints follow Statuspage's documented selection rules: `incidents.json` lists the 50
//! most recent incidents, unresolved ones included; `scheduled-maintenances.json` the 50 most
//! recent maintenances, completed ones included; `upcoming` those not yet started and `active`
//! those under way. Whether a maintenance is under way is decided by the clock at `now` (a
//! window whose planned start has passed is in progress even if nobody marked it so), the same
//! rule the page's banner uses, so the API and the page never disagree.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::maintenance::{maintenance_phase, MaintenancePhase};
use super::model::{
    Component, Incident, IncidentHistory, IncidentStatus, Indicator, Page, Summary,
};
use super::overall::overall_status;

/// How many incidents or maintenances the list endpoints carry, as on Statuspage.
pub const LIST_LIMIT: usize = 50;

/// The endpoints, by path under `<region>/api/v2/`.
pub const ENDPOINTS: [&str; 8] = [
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
];

/// The page-wide status as the v2 API states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct V2Status {
    /// Banner colour, derived as on the page.
    pub indicator: Indicator,
    /// Statuspage's wording for that colour (or the file's own when it agrees).
    pub description: String,
}

#[derive(Serialize)]
struct StatusBody<'a> {
    page: &'a Page,
    status: &'a V2Status,
}

#[derive(Serialize)]
struct ComponentsBody<'a> {
    page: &'a Page,
    components: &'a [Component],
}

#[derive(Serialize)]
struct IncidentsBody<'a> {
    page: &'a Page,
    incidents: &'a [Incident],
}

#[derive(Serialize)]
struct MaintenancesBody<'a> {
    page: &'a Page,
    scheduled_maintenances: &'a [Incident],
}

#[derive(Serialize)]
struct SummaryBody<'a> {
    page: &'a Page,
    status: &'a V2Status,
    components: &'a [Component],
    incidents: &'a [Incident],
    scheduled_maintenances: &'a [Incident],
}

/// Statuspage's own description of an indicator.
fn description(indicator: &Indicator) -> &str {
    match indicator {
        Indicator::None => "All Systems Operational",
        Indicator::Minor => "Minor Service Outage",
        Indicator::Major => "Partial System Outage",
        Indicator::Critical => "Major System Outage",
        Indicator::Maintenance => "Service Under Maintenance",
        Indicator::Unknown(other) => other,
    }
}

/// Every v2 endpoint of one region as `(path under <region>/api/v2/, JSON)`, in the order of
/// [`ENDPOINTS`]. `history` adds resolved incidents and completed maintenances to the list
/// endpoints; an incident in both files is taken from the summary.
///
/// ```
/// use beacon_core::status::{parse_history, parse_summary, v2::v2_files};
///
/// let summary = parse_summary("summary.json", r#"{"page": {"id": "p", "name": "P"},
///     "status": {"indicator": "none", "description": "All Systems Operational"},
///     "components": [{"id": "web", "name": "Website", "status": "partial_outage"}]}"#).unwrap();
/// let history = parse_history("history.json", r#"{"page": {"id": "p", "name": "P"}}"#).unwrap();
/// let files = v2_files(&summary, &history, "2026-11-21T12:00:00Z".parse().unwrap());
/// let (path, status) = &files[1];
/// assert_eq!(path, "status.json");
/// // The banner is derived from the components, not copied from the file's claim.
/// assert!(status.contains(r#""indicator":"major","description":"Partial System Outage""#));
/// ```
pub fn v2_files(
    summary: &Summary,
    history: &IncidentHistory,
    now: DateTime<Utc>,
) -> Vec<(String, String)> {
    let overall = overall_status(summary, now);
    let status = V2Status {
        description: if overall.indicator == summary.status.indicator
            && !summary.status.description.is_empty()
        {
            summary.status.description.clone()
        } else {
            description(&overall.indicator).to_owned()
        },
        indicator: overall.indicator.clone(),
    };
    let page = &summary.page;

    let under_way = |maintenance: &Incident| {
        overall
            .maintenances_in_progress
            .iter()
            .any(|m| m.id == maintenance.id)
    };
    // A window the clock has opened reads as in progress, as Statuspage's automatic
    // transitions would have marked it.
    // One past its end that completes by itself reads as completed.
    let as_of_now = |maintenance: &Incident| {
        let mut maintenance = maintenance.clone();
        if maintenance.status == IncidentStatus::Scheduled && under_way(&maintenance) {
            maintenance.status = IncidentStatus::InProgress;
        }
        if maintenance.is_open()
            && maintenance_phase(&maintenance, now) == MaintenancePhase::Completed
        {
            maintenance.status = IncidentStatus::Completed;
            maintenance.resolved_at = maintenance.scheduled_until;
        }
        maintenance
    };
    let active: Vec<Incident> = overall
        .maintenances_in_progress
        .iter()
        .map(as_of_now)
        .collect();
    let upcoming: Vec<Incident> = overall
        .upcoming_maintenances
        .iter()
        .filter(|m| m.scheduled_for.is_none_or(|start| start > now))
        .cloned()
        .collect();
    let mut open_maintenances: Vec<Incident> = summary
        .scheduled_maintenances
        .iter()
        .map(as_of_now)
        .collect();
    open_maintenances.sort_by_key(Incident::began_at);

    let unresolved: Vec<Incident> = overall.active_incidents.clone();
    let mut incidents = newest_first(
        summary
            .incidents
            .iter()
            .chain(&history.incidents)
            .filter(|incident| !incident.is_maintenance()),
    );
    incidents.truncate(LIST_LIMIT);
    let mut maintenances = newest_first(
        open_maintenances
            .iter()
            .chain(history.incidents.iter().filter(|i| i.is_maintenance())),
    );
    maintenances.truncate(LIST_LIMIT);

    vec![
        (
            ENDPOINTS[0].into(),
            json(&SummaryBody {
                page,
                status: &status,
                components: &summary.components,
                incidents: &unresolved,
                scheduled_maintenances: &open_maintenances,
            }),
        ),
        (
            ENDPOINTS[1].into(),
            json(&StatusBody {
                page,
                status: &status,
            }),
        ),
        (
            ENDPOINTS[2].into(),
            json(&ComponentsBody {
                page,
                components: &summary.components,
            }),
        ),
        (
            ENDPOINTS[3].into(),
            json(&IncidentsBody {
                page,
                incidents: &incidents,
            }),
        ),
        (
            ENDPOINTS[4].into(),
            json(&IncidentsBody {
                page,
                incidents: &unresolved,
            }),
        ),
        (
            ENDPOINTS[5].into(),
            json(&MaintenancesBody {
                page,
                scheduled_maintenances: &maintenances,
            }),
        ),
        (
            ENDPOINTS[6].into(),
            json(&MaintenancesBody {
                page,
                scheduled_maintenances: &upcoming,
            }),
        ),
        (
            ENDPOINTS[7].into(),
            json(&MaintenancesBody {
                page,
                scheduled_maintenances: &active,
            }),
        ),
    ]
}

/// Incidents without repeats (the first copy of an id wins), newest first by when they began.
fn newest_first<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<Incident> {
    let mut seen = std::collections::HashSet::new();
    let mut list: Vec<Incident> = incidents
        .filter(|incident| seen.insert(incident.id.as_str()))
        .cloned()
        .collect();
    list.sort_by_key(|incident| std::cmp::Reverse(incident.began_at()));
    list
}

/// An endpoint's body as compact JSON.
fn json(body: &impl Serialize) -> String {
    serde_json::to_string(body).expect("plain data always serialises")
}
