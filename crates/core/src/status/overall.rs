//! The page banner and the section list, derived from the components and the open incidents and
//! maintenances rather than from the file's own `status.indicator`, which a hand-edited or stale
//! file can get wrong.

use crate::sort::{sort_by, sort_by_key};
use chrono::{DateTime, Utc};

use super::maintenance::{maintenance_phase, MaintenancePhase};
use super::model::{Component, ComponentStatus, Impact, Incident, Indicator, Summary};

/// What the banner at the top of a region page says, and what it is based on.
#[derive(Debug, Clone, PartialEq)]
pub struct OverallStatus {
    /// The banner Beacon shows: the worst of the components, the open incidents' impact and
    /// maintenance under way.
    pub indicator: Indicator,
    /// The indicator the file itself claims.
    pub claimed_indicator: Indicator,
    /// The worst status of any component (groups count through their members).
    pub worst_component_status: ComponentStatus,
    /// Open incidents (not maintenances), worst impact first, then newest first.
    pub active_incidents: Vec<Incident>,
    /// Maintenances under way now: marked in progress or verifying, or scheduled with the planned
    /// window open (see [`maintenance_phase`]).
    pub maintenances_in_progress: Vec<Incident>,
    /// Maintenances that have not started, soonest first.
    pub upcoming_maintenances: Vec<Incident>,
    /// Maintenances past their planned end that nobody completed and that do not complete by
    /// themselves (`scheduled_auto_completed`). Shown as overdue, never as upcoming; they no
    /// longer count towards the banner. One that completes by itself is over at its end.
    pub overdue_maintenances: Vec<Incident>,
}

impl OverallStatus {
    /// When the file's indicator differs from the derived one: an English note for operators.
    pub fn indicator_mismatch(&self) -> Option<String> {
        (self.claimed_indicator != self.indicator).then(|| {
            format!(
                "the file says {:?} but its components and incidents say {:?}",
                self.claimed_indicator.as_str(),
                self.indicator.as_str()
            )
        })
    }
}

/// Derives the banner for `summary` at time `now`: the worst of
/// - the worst component status (a group counts through its members, not its own status):
///   degraded performance → minor, partial outage → major, major outage → critical, under
///   maintenance → maintenance;
/// - the impact of each open incident (resolved and postmortem ones no longer count);
/// - maintenance, while one is under way at `now`: marked in progress or verifying, or
///   scheduled with its planned window open (one that has not started is only upcoming).
///
/// Worst by rank none < maintenance < minor < major < critical, so maintenance never hides an
/// outage. The file's own `status.indicator` does not decide; it is kept to report a
/// disagreement ([`OverallStatus::indicator_mismatch`]).
///
/// ```
/// use beacon_core::status::{overall_status, parse_summary, Indicator};
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-11-21T12:00:00Z".parse().unwrap();
/// let page = |backups: &str, incidents: &str, maintenances: &str| {
///     let text = format!(r#"{{
///         "page": {{"id": "emea", "name": "EMEA"}}, "status": {{"indicator": "none"}},
///         "components": [
///             {{"id": "web", "name": "Website", "status": "operational"}},
///             {{"id": "bk", "name": "Backups", "status": "major_outage", "group": true,
///               "components": ["m365"]}},
///             {{"id": "m365", "name": "Microsoft 365 backups", "status": "{backups}",
///               "group_id": "bk"}}
///         ],
///         "incidents": [{incidents}], "scheduled_maintenances": [{maintenances}]
///     }}"#);
///     overall_status(&parse_summary("summary.json", &text).unwrap(), now).indicator
/// };
/// let minor_incident = r#"{"id": "i", "name": "Slow pages", "status": "investigating",
///     "impact": "minor", "created_at": "2026-11-21T11:00:00Z"}"#;
/// let resolved_critical = r#"{"id": "r", "name": "Outage", "status": "resolved",
///     "impact": "critical", "created_at": "2026-11-20T09:00:00Z",
///     "resolved_at": "2026-11-20T10:00:00Z"}"#;
/// let maintenance_now = r#"{"id": "m", "name": "Upgrade", "status": "scheduled",
///     "impact": "maintenance", "created_at": "2026-11-14T00:00:00Z",
///     "scheduled_for": "2026-11-21T11:00:00Z", "scheduled_until": "2026-11-21T13:00:00Z"}"#;
/// let maintenance_later = maintenance_now.replace("2026-11-21T1", "2026-11-28T1");
///
/// // The group's own "major_outage" does not count: its only member is operational.
/// assert_eq!(page("operational", "", ""), Indicator::None);
/// // A partial outage of a member outranks an open minor incident and maintenance under way.
/// assert_eq!(
///     page("partial_outage", minor_incident, maintenance_now),
///     Indicator::Major
/// );
/// // An open minor incident outranks maintenance; a resolved critical one no longer counts.
/// assert_eq!(
///     page("operational", &format!("{minor_incident},{resolved_critical}"), maintenance_now),
///     Indicator::Minor
/// );
/// // Maintenance shows only while its window is open.
/// assert_eq!(page("operational", "", maintenance_now), Indicator::Maintenance);
/// assert_eq!(page("operational", "", &maintenance_later), Indicator::None);
/// ```
pub fn overall_status(summary: &Summary, now: DateTime<Utc>) -> OverallStatus {
    let worst_component_status = summary
        .components
        .iter()
        .filter(|component| !component.group || group_members(summary, component).is_empty())
        .map(|component| component.status.clone())
        .fold(ComponentStatus::Operational, ComponentStatus::worst);

    let mut active_incidents: Vec<Incident> = summary
        .incidents
        .iter()
        .filter(|incident| incident.is_open() && !incident.is_maintenance())
        .cloned()
        .collect();
    sort_by(&mut active_incidents, |a, b| {
        b.impact
            .severity_rank()
            .cmp(&a.impact.severity_rank())
            .then(b.began_at().cmp(&a.began_at()))
    });

    let open_maintenances = summary
        .scheduled_maintenances
        .iter()
        .chain(&summary.incidents)
        .filter(|incident| incident.is_maintenance() && incident.is_open());
    let mut maintenances_in_progress = Vec::new();
    let mut upcoming_maintenances = Vec::new();
    let mut overdue_maintenances = Vec::new();
    for maintenance in open_maintenances {
        match maintenance_phase(maintenance, now) {
            MaintenancePhase::InProgress => maintenances_in_progress.push(maintenance.clone()),
            MaintenancePhase::Upcoming => upcoming_maintenances.push(maintenance.clone()),
            MaintenancePhase::Overdue => overdue_maintenances.push(maintenance.clone()),
            MaintenancePhase::Completed => {}
        }
    }
    sort_by_key(&mut maintenances_in_progress, Incident::began_at);
    sort_by_key(&mut upcoming_maintenances, Incident::began_at);
    sort_by_key(&mut overdue_maintenances, Incident::began_at);

    let from_incidents = active_incidents
        .iter()
        .map(|incident| indicator_for_impact(&incident.impact))
        .max_by_key(Indicator::severity_rank)
        .unwrap_or(Indicator::None);
    let from_maintenance = if maintenances_in_progress.is_empty() {
        Indicator::None
    } else {
        Indicator::Maintenance
    };
    let indicator = [
        indicator_for_component(&worst_component_status),
        from_incidents,
        from_maintenance,
    ]
    .into_iter()
    .max_by_key(Indicator::severity_rank)
    .unwrap_or(Indicator::None);

    OverallStatus {
        indicator,
        claimed_indicator: summary.status.indicator.clone(),
        worst_component_status,
        active_incidents,
        maintenances_in_progress,
        upcoming_maintenances,
        overdue_maintenances,
    }
}

/// The banner a component status calls for (Statuspage's mapping).
pub fn indicator_for_component(status: &ComponentStatus) -> Indicator {
    match status {
        ComponentStatus::Operational => Indicator::None,
        ComponentStatus::UnderMaintenance => Indicator::Maintenance,
        ComponentStatus::DegradedPerformance | ComponentStatus::Unknown(_) => Indicator::Minor,
        ComponentStatus::PartialOutage => Indicator::Major,
        ComponentStatus::MajorOutage => Indicator::Critical,
    }
}

/// The banner an open incident's impact calls for.
pub fn indicator_for_impact(impact: &Impact) -> Indicator {
    match impact {
        Impact::None => Indicator::None,
        Impact::Maintenance => Indicator::Maintenance,
        Impact::Minor | Impact::Unknown(_) => Indicator::Minor,
        Impact::Major => Indicator::Major,
        Impact::Critical => Indicator::Critical,
    }
}

/// One top-level section of a region page (Website, Backups, Restores/Downloads).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section's component (a group for Backups).
    pub component: Component,
    /// The status to show: for a group the worst of its members, else its own.
    pub status: ComponentStatus,
    /// Members of a group in display order, without those hidden while operational.
    pub members: Vec<Component>,
}

/// The page's sections in display order: by position in `order` (the region's
/// `component_order`), then Statuspage `position`, then name. Components that belong to a group
/// are listed under it; components with `only_show_if_degraded` are left out while operational.
pub fn sections(summary: &Summary, order: &[String]) -> Vec<Section> {
    let rank = |component: &Component| {
        (
            order
                .iter()
                .position(|id| *id == component.id)
                .unwrap_or(usize::MAX),
            component.position.unwrap_or(i64::MAX),
            component.name.clone(),
        )
    };
    let shown = |component: &&Component| {
        !(component.only_show_if_degraded && component.status.is_operational())
    };
    let mut top: Vec<&Component> = summary
        .components
        .iter()
        .filter(|component| component.group_id.is_none())
        .filter(shown)
        .collect();
    sort_by_key(&mut top, |component| rank(component));
    top.into_iter()
        .map(|component| {
            let mut members: Vec<&Component> = group_members(summary, component)
                .into_iter()
                .filter(shown)
                .collect();
            sort_by_key(&mut members, |member| rank(member));
            Section {
                component: component.clone(),
                status: group_status(summary, component),
                members: members.into_iter().cloned().collect(),
            }
        })
        .collect()
}

/// The status of a group: the worst of its members, or its own when it has none.
pub fn group_status(summary: &Summary, group: &Component) -> ComponentStatus {
    let members = group_members(summary, group);
    if members.is_empty() {
        group.status.clone()
    } else {
        members
            .iter()
            .map(|member| member.status.clone())
            .fold(ComponentStatus::Operational, ComponentStatus::worst)
    }
}

/// A group's members: those its `components` list names, plus those naming it as `group_id`.
fn group_members<'a>(summary: &'a Summary, group: &Component) -> Vec<&'a Component> {
    if !group.group {
        return Vec::new();
    }
    summary
        .components
        .iter()
        .filter(|c| {
            c.id != group.id
                && (group.components.contains(&c.id) || c.group_id.as_deref() == Some(&group.id))
        })
        .collect()
}
