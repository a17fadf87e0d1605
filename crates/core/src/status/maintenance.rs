//! Maintenance on its own clock: where a window stands at a given moment, and the transitions
//! the clock makes due (Statuspage's automation fields `scheduled_auto_in_progress`,
//! `scheduled_auto_completed`, `scheduled_remind_prior` and the `auto_transition_*` switches).
//!
//! The page places every window by [`maintenance_phase`]; [`advance_maintenances`] writes what
//! the clock implies into a summary: the "in progress" update and the components under
//! maintenance when an automatic window starts, the "completed" update and the components back
//! to operational when it ends, and the reminder stamp before it starts. `beacon-ops
//! maintenance advance` and the subscription service write its result to the data; the status
//! page applies it in memory, so a visitor sees what the clock implies even before anything
//! was written, and exactly what will be written.

use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashSet;

use super::model::{
    AffectedComponent, ComponentStatus, Incident, IncidentStatus, IncidentUpdate, Summary,
    Timestamp,
};
use crate::hash::{fnv1a_field, FNV_OFFSET};

/// The message of the update written when a window starts by itself.
pub const STARTED_MESSAGE: &str = "The maintenance has started as planned.";

/// The message of the update written when a window completes by itself.
pub const COMPLETED_MESSAGE: &str = "The maintenance has been completed as planned.";

/// How many minutes before its start a window with `scheduled_remind_prior` is announced
/// again, unless `beacon-ops maintenance advance` or the service is told otherwise.
pub const DEFAULT_REMIND_PRIOR_MINUTES: u32 = 60;

/// Where a maintenance window stands at a given moment, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaintenancePhase {
    /// Planned, not started.
    Upcoming,
    /// Under way: marked in progress or verifying, or its planned window is open.
    InProgress,
    /// Past its planned end, neither completed nor set to complete by itself: nobody closed
    /// it. Never shown as upcoming.
    Overdue,
    /// Over: marked completed, or past its end with `scheduled_auto_completed`.
    Completed,
}

impl Incident {
    /// True when the maintenance moves to in progress by itself at its planned start.
    pub fn starts_by_itself(&self) -> bool {
        self.scheduled_auto_in_progress == Some(true)
    }

    /// True when the maintenance completes by itself at its planned end.
    pub fn completes_by_itself(&self) -> bool {
        self.scheduled_auto_completed == Some(true)
    }
}

/// Where `maintenance` stands at `now`:
/// - completed when marked so, or when its planned end has passed and it completes by itself;
/// - overdue when its planned end has passed otherwise (whatever it is still marked);
/// - in progress when marked in progress or verifying, or once its planned start has passed;
/// - upcoming before that.
///
/// ```
/// use beacon_core::status::maintenance::{maintenance_phase, MaintenancePhase};
/// use beacon_core::status::model::Incident;
///
/// let window = |extra: &str| -> Incident {
///     serde_json::from_str(&format!(r#"{{"id": "m", "name": "Storage upgrade",
///         "status": "scheduled", "impact": "maintenance", "created_at": "2026-11-20T09:00:00Z",
///         "scheduled_for": "2026-11-21T01:00:00Z", "scheduled_until": "2026-11-21T03:00:00Z"
///         {extra}}}"#)).unwrap()
/// };
/// let at = |t: &str| t.parse().unwrap();
/// let manual = window("");
/// let automatic = window(r#", "scheduled_auto_in_progress": true,
///     "scheduled_auto_completed": true"#);
///
/// assert_eq!(maintenance_phase(&automatic, at("2026-11-21T00:59:00Z")), MaintenancePhase::Upcoming);
/// assert_eq!(maintenance_phase(&automatic, at("2026-11-21T01:00:00Z")), MaintenancePhase::InProgress);
/// assert_eq!(maintenance_phase(&automatic, at("2026-11-21T03:00:00Z")), MaintenancePhase::Completed);
/// // Nobody completed the manual window: past its end it is overdue, never upcoming.
/// assert_eq!(maintenance_phase(&manual, at("2026-11-21T03:00:00Z")), MaintenancePhase::Overdue);
/// ```
pub fn maintenance_phase(maintenance: &Incident, now: DateTime<Utc>) -> MaintenancePhase {
    if maintenance.status.is_closed() {
        return MaintenancePhase::Completed;
    }
    if maintenance.scheduled_until.is_some_and(|end| end <= now) {
        return if maintenance.completes_by_itself() {
            MaintenancePhase::Completed
        } else {
            MaintenancePhase::Overdue
        };
    }
    let marked_under_way = matches!(
        maintenance.status,
        IncidentStatus::InProgress | IncidentStatus::Verifying
    );
    if marked_under_way || maintenance.scheduled_for.is_some_and(|start| start <= now) {
        MaintenancePhase::InProgress
    } else {
        MaintenancePhase::Upcoming
    }
}

/// A transition the clock made due and [`advance_maintenances`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// Subscribers are reminded of the window (its `scheduled_reminded_at` was set).
    Reminded,
    /// The window started by itself: an "in progress" update was posted.
    Started,
    /// The window completed by itself: a "completed" update was posted.
    Completed,
}

/// One transition of one maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advanced {
    /// The maintenance's id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// What happened.
    pub transition: Transition,
    /// When it counts as happened: the planned start or end (or, for a reminder, `now`).
    pub at: Timestamp,
}

/// Applies every transition the clock makes due at `now` to the summary's scheduled
/// maintenances, oldest first, and returns them; nothing is due twice, so a second call with
/// the same or a later `now` returns only what became due since.
///
/// - A window with `scheduled_auto_in_progress` whose start has passed while it is still
///   scheduled gets an "in progress" update dated at its start; its components (a group's
///   members) go under maintenance unless `auto_transition_to_maintenance_state` is `false`.
/// - A window with `scheduled_auto_completed` whose end has passed while it is open gets a
///   "completed" update dated at its end and is marked completed (it stays in the summary; the
///   caller that writes files moves it to the history); its components go back to operational
///   unless `auto_transition_to_operational_state` is `false` or another open incident or
///   maintenance still names them.
/// - With `remind_prior`, a scheduled window with `scheduled_remind_prior` that starts within
///   that time and was not reminded of yet gets `scheduled_reminded_at = now`.
///
/// Updates are dated no earlier than the newest update already posted, so the list stays
/// newest first; their ids derive from the maintenance's, so the page (which applies this in
/// memory) and the writer agree on them.
///
/// ```
/// use beacon_core::status::maintenance::{advance_maintenances, Transition};
/// use beacon_core::status::{parse_summary, ComponentStatus, IncidentStatus};
///
/// let mut summary = parse_summary("summary.json", r#"{
///     "page": {"id": "p", "name": "EMEA"}, "status": {"indicator": "none"},
///     "components": [{"id": "web", "name": "Website", "status": "operational"}],
///     "scheduled_maintenances": [{"id": "m", "name": "Upgrade", "status": "scheduled",
///         "impact": "maintenance", "created_at": "2026-11-20T09:00:00Z",
///         "scheduled_for": "2026-11-21T01:00:00Z", "scheduled_until": "2026-11-21T03:00:00Z",
///         "scheduled_auto_in_progress": true, "scheduled_auto_completed": true,
///         "components": [{"id": "web", "name": "Website", "status": "operational"}],
///         "incident_updates": [{"id": "u1", "status": "scheduled", "body": "Planned.",
///             "created_at": "2026-11-20T09:00:00Z"}]}]}"#).unwrap();
/// let at = |t: &str| t.parse().unwrap();
///
/// let started = advance_maintenances(&mut summary, at("2026-11-21T01:30:00Z"), None);
/// assert_eq!(started[0].transition, Transition::Started);
/// assert_eq!(summary.components[0].status, ComponentStatus::UnderMaintenance);
/// // Nothing more is due at the same moment.
/// assert!(advance_maintenances(&mut summary, at("2026-11-21T01:30:00Z"), None).is_empty());
///
/// let completed = advance_maintenances(&mut summary, at("2026-11-21T04:00:00Z"), None);
/// assert_eq!(completed[0].transition, Transition::Completed);
/// assert_eq!(summary.scheduled_maintenances[0].status, IncidentStatus::Completed);
/// assert_eq!(summary.components[0].status, ComponentStatus::Operational);
/// ```
pub fn advance_maintenances(
    summary: &mut Summary,
    now: Timestamp,
    remind_prior: Option<TimeDelta>,
) -> Vec<Advanced> {
    let mut advanced = Vec::new();
    let mut order: Vec<usize> = (0..summary.scheduled_maintenances.len()).collect();
    crate::sort::sort_by_key(&mut order, |&n| {
        summary.scheduled_maintenances[n].began_at()
    });
    for n in order {
        let maintenance = &summary.scheduled_maintenances[n];
        if !maintenance.is_open() {
            continue;
        }
        let (start, end) = (maintenance.scheduled_for, maintenance.scheduled_until);
        if let (Some(lead), Some(start)) = (remind_prior, start) {
            let maintenance = &mut summary.scheduled_maintenances[n];
            if maintenance.status == IncidentStatus::Scheduled
                && maintenance.scheduled_remind_prior == Some(true)
                && maintenance.scheduled_reminded_at.is_none()
                && now < start
                && start - lead <= now
            {
                maintenance.scheduled_reminded_at = Some(now);
                advanced.push(Advanced {
                    id: maintenance.id.clone(),
                    name: maintenance.name.clone(),
                    transition: Transition::Reminded,
                    at: now,
                });
            }
        }
        let maintenance = &summary.scheduled_maintenances[n];
        if let Some(start) = start.filter(|start| *start <= now) {
            if maintenance.status == IncidentStatus::Scheduled && maintenance.starts_by_itself() {
                let to_maintenance =
                    maintenance.auto_transition_to_maintenance_state != Some(false);
                let at = post(
                    summary,
                    n,
                    start,
                    IncidentStatus::InProgress,
                    to_maintenance,
                );
                let maintenance = &mut summary.scheduled_maintenances[n];
                maintenance.started_at.get_or_insert(start);
                advanced.push(Advanced {
                    id: maintenance.id.clone(),
                    name: maintenance.name.clone(),
                    transition: Transition::Started,
                    at,
                });
            }
        }
        let maintenance = &summary.scheduled_maintenances[n];
        if let Some(end) = end.filter(|end| *end <= now) {
            if maintenance.is_open() && maintenance.completes_by_itself() {
                let to_operational =
                    maintenance.auto_transition_to_operational_state != Some(false);
                let at = post(summary, n, end, IncidentStatus::Completed, to_operational);
                let maintenance = &mut summary.scheduled_maintenances[n];
                maintenance.resolved_at = Some(at);
                advanced.push(Advanced {
                    id: maintenance.id.clone(),
                    name: maintenance.name.clone(),
                    transition: Transition::Completed,
                    at,
                });
            }
        }
    }
    advanced
}

/// The summary as the clock implies at `now`: [`advance_maintenances`] applied to a copy,
/// without reminders. The status page shows this, so a window that starts or completes by
/// itself is shown in progress (its components under maintenance) or completed from the moment
/// it does, before any writer has caught up, and exactly as the writer will record it.
///
/// ```
/// use beacon_core::status::maintenance::on_the_clock;
/// use beacon_core::status::{parse_summary, IncidentStatus};
///
/// let summary = parse_summary("summary.json", r#"{
///     "page": {"id": "p", "name": "EMEA"}, "status": {"indicator": "none"},
///     "scheduled_maintenances": [{"id": "m", "name": "Upgrade", "status": "scheduled",
///         "impact": "maintenance", "created_at": "2026-11-20T09:00:00Z",
///         "scheduled_for": "2026-11-21T01:00:00Z", "scheduled_until": "2026-11-21T03:00:00Z",
///         "scheduled_auto_in_progress": true}]}"#).unwrap();
/// let shown = on_the_clock(&summary, "2026-11-21T02:00:00Z".parse().unwrap());
/// assert_eq!(shown.scheduled_maintenances[0].status, IncidentStatus::InProgress);
/// assert_eq!(summary.scheduled_maintenances[0].status, IncidentStatus::Scheduled);
/// ```
pub fn on_the_clock(summary: &Summary, now: DateTime<Utc>) -> Summary {
    let mut shown = summary.clone();
    advance_maintenances(&mut shown, now.fixed_offset(), None);
    shown
}

/// How many transitions the clock has made due in `summary` at `now` (reminders aside): the
/// page redraws when this changes.
pub fn transitions_due(summary: &Summary, now: DateTime<Utc>) -> usize {
    let mut copy = summary.clone();
    advance_maintenances(&mut copy, now.fixed_offset(), None).len()
}

/// Posts the update for `status` on the `n`th scheduled maintenance at `planned` (or just after
/// its newest update), setting its components when `set_components`; returns the update's time.
fn post(
    summary: &mut Summary,
    n: usize,
    planned: Timestamp,
    status: IncidentStatus,
    set_components: bool,
) -> Timestamp {
    let maintenance = &summary.scheduled_maintenances[n];
    let at = maintenance
        .latest_update()
        .map_or(planned, |newest| newest.created_at.max(planned));
    let id = maintenance.id.clone();
    let affected = if set_components {
        let target = if status == IncidentStatus::Completed {
            ComponentStatus::Operational
        } else {
            ComponentStatus::UnderMaintenance
        };
        let still_named = if target == ComponentStatus::Operational {
            named_elsewhere(summary, &id, at.to_utc())
        } else {
            HashSet::new()
        };
        let members: Vec<String> = member_ids(summary, &summary.scheduled_maintenances[n])
            .into_iter()
            .filter(|member| !still_named.contains(member))
            .collect();
        set_statuses(summary, &members, &target, at)
    } else {
        Vec::new()
    };
    let update = IncidentUpdate {
        id: derived_update_id(&id, &status),
        status: status.clone(),
        body: match status {
            IncidentStatus::Completed => COMPLETED_MESSAGE,
            _ => STARTED_MESSAGE,
        }
        .to_owned(),
        incident_id: Some(id.clone()),
        created_at: at,
        updated_at: Some(at),
        display_at: Some(at),
        affected_components: affected,
    };
    let current: Vec<_> = summary.components.clone();
    let maintenance = &mut summary.scheduled_maintenances[n];
    maintenance.incident_updates.insert(0, update);
    maintenance.status = status;
    maintenance.updated_at = Some(at);
    for attached in &mut maintenance.components {
        if let Some(now) = current.iter().find(|c| c.id == attached.id) {
            *attached = now.clone();
        }
    }
    at
}

/// The component ids other open incidents and maintenances (those not completed by the clock
/// at `now`) still name, groups as their members.
fn named_elsewhere(summary: &Summary, except: &str, now: DateTime<Utc>) -> HashSet<String> {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .filter(|other| other.id != except && other.is_open())
        .filter(|other| {
            !other.is_maintenance() || maintenance_phase(other, now) != MaintenancePhase::Completed
        })
        .flat_map(|other| member_ids(summary, other))
        .collect()
}

/// The components an incident touches, each group replaced by its members.
fn member_ids(summary: &Summary, incident: &Incident) -> Vec<String> {
    let mut ids = Vec::new();
    for id in incident.affected_component_ids() {
        let members: Vec<&str> = summary
            .components
            .iter()
            .filter(|c| {
                c.id != id
                    && summary.component(id).is_some_and(|group| {
                        group.group
                            && (group.components.contains(&c.id)
                                || c.group_id.as_deref() == Some(id))
                    })
            })
            .map(|c| c.id.as_str())
            .collect();
        if members.is_empty() {
            ids.push(id.to_owned());
        } else {
            ids.extend(members.into_iter().map(str::to_owned));
        }
    }
    crate::sort::sort_by(&mut ids, |a, b| a.cmp(b));
    ids.dedup();
    ids
}

/// Sets each of `ids` to `target` at `at`; returns the changes made, as an update records them.
fn set_statuses(
    summary: &mut Summary,
    ids: &[String],
    target: &ComponentStatus,
    at: Timestamp,
) -> Vec<AffectedComponent> {
    let mut affected = Vec::new();
    for component in &mut summary.components {
        if !ids.contains(&component.id) || component.status == *target {
            continue;
        }
        affected.push(AffectedComponent {
            code: Some(component.id.clone()),
            name: component.name.clone(),
            old_status: Some(component.status.clone()),
            new_status: Some(target.clone()),
        });
        component.status = target.clone();
        component.updated_at = Some(at);
    }
    affected
}

/// The id of the update the clock posts on maintenance `id` for `status`: twelve characters of
/// a-z0-9 derived from both, the same wherever it is computed.
pub fn derived_update_id(id: &str, status: &IncidentStatus) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut hash = fnv1a_field(fnv1a_field(FNV_OFFSET, id), status.as_str());
    (0..12)
        .map(|_| {
            let c = ALPHABET[(hash % 36) as usize] as char;
            hash /= 36;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::parse_summary;

    fn summary(extra: &str, others: &str) -> Summary {
        parse_summary(
            "summary.json",
            &format!(
                r#"{{"page": {{"id": "p", "name": "EMEA"}}, "status": {{"indicator": "none"}},
                "components": [
                    {{"id": "web", "name": "Website", "status": "operational"}},
                    {{"id": "bk", "name": "Backups", "status": "operational", "group": true,
                      "components": ["m365", "gws"]}},
                    {{"id": "m365", "name": "M365", "status": "operational", "group_id": "bk"}},
                    {{"id": "gws", "name": "Workspace", "status": "operational", "group_id": "bk"}}
                ],
                "incidents": [{others}],
                "scheduled_maintenances": [{{"id": "m", "name": "Upgrade",
                    "status": "scheduled", "impact": "maintenance",
                    "created_at": "2026-11-20T09:00:00Z",
                    "scheduled_for": "2026-11-21T01:00:00Z",
                    "scheduled_until": "2026-11-21T03:00:00Z",
                    "components": [{{"id": "bk", "name": "Backups", "status": "operational"}}],
                    "incident_updates": [{{"id": "u1", "status": "scheduled", "body": "Planned.",
                        "created_at": "2026-11-20T09:00:00Z"}}]
                    {extra}}}]}}"#
            ),
        )
        .unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    const AUTOMATIC: &str =
        r#", "scheduled_auto_in_progress": true, "scheduled_auto_completed": true"#;

    #[test]
    fn a_group_stands_for_its_members_while_the_window_runs() {
        let mut summary = summary(AUTOMATIC, "");
        advance_maintenances(&mut summary, at("2026-11-21T01:00:00Z"), None);
        let statuses: Vec<_> = summary
            .components
            .iter()
            .map(|c| c.status.as_str())
            .collect();
        assert_eq!(
            statuses,
            [
                "operational",
                "operational",
                "under_maintenance",
                "under_maintenance"
            ]
        );
        let update = &summary.scheduled_maintenances[0].incident_updates[0];
        assert_eq!(update.status, IncidentStatus::InProgress);
        assert_eq!(update.created_at, at("2026-11-21T01:00:00Z"));
        assert_eq!(update.affected_components.len(), 2);
    }

    #[test]
    fn a_service_that_was_down_through_the_window_writes_both_transitions_at_their_times() {
        let mut summary = summary(AUTOMATIC, "");
        let done = advance_maintenances(&mut summary, at("2026-11-22T00:00:00Z"), None);
        let kinds: Vec<_> = done.iter().map(|d| (d.transition.clone(), d.at)).collect();
        assert_eq!(
            kinds,
            [
                (Transition::Started, at("2026-11-21T01:00:00Z")),
                (Transition::Completed, at("2026-11-21T03:00:00Z"))
            ]
        );
        let maintenance = &summary.scheduled_maintenances[0];
        assert_eq!(maintenance.incident_updates.len(), 3);
        assert_eq!(maintenance.resolved_at, Some(at("2026-11-21T03:00:00Z")));
        assert!(summary.components.iter().all(|c| c.status.is_operational()));
        assert!(advance_maintenances(&mut summary, at("2026-11-23T00:00:00Z"), None).is_empty());
    }

    #[test]
    fn components_another_open_incident_names_stay_as_they_are() {
        let incident = r#"{"id": "i", "name": "Slow", "status": "investigating",
            "impact": "minor", "created_at": "2026-11-21T02:00:00Z",
            "components": [{"id": "m365", "name": "M365", "status": "under_maintenance"}]}"#;
        let mut summary = summary(AUTOMATIC, incident);
        advance_maintenances(&mut summary, at("2026-11-21T02:00:00Z"), None);
        advance_maintenances(&mut summary, at("2026-11-21T03:00:00Z"), None);
        let m365 = summary.component("m365").unwrap();
        assert_eq!(m365.status, ComponentStatus::UnderMaintenance);
        assert!(summary.component("gws").unwrap().status.is_operational());
    }

    #[test]
    fn switches_set_to_false_leave_the_components_alone() {
        let mut summary = summary(
            &format!(
                r#"{AUTOMATIC}, "auto_transition_to_maintenance_state": false,
                "auto_transition_to_operational_state": false"#
            ),
            "",
        );
        let done = advance_maintenances(&mut summary, at("2026-11-21T01:00:00Z"), None);
        assert_eq!(done.len(), 1);
        assert!(summary.components.iter().all(|c| c.status.is_operational()));
    }

    #[test]
    fn a_window_without_automation_is_never_written_to_and_turns_overdue() {
        let mut summary = summary("", "");
        let lead = Some(TimeDelta::hours(1));
        assert!(advance_maintenances(&mut summary, at("2026-11-22T00:00:00Z"), lead).is_empty());
        assert_eq!(
            maintenance_phase(
                &summary.scheduled_maintenances[0],
                at("2026-11-22T00:00:00Z").to_utc()
            ),
            MaintenancePhase::Overdue
        );
    }

    #[test]
    fn a_reminder_is_due_once_within_its_lead_and_never_after_the_start() {
        let remind = r#", "scheduled_remind_prior": true"#;
        let lead = Some(TimeDelta::hours(1));
        let mut early = summary(remind, "");
        assert!(advance_maintenances(&mut early, at("2026-11-20T23:59:00Z"), lead).is_empty());
        let done = advance_maintenances(&mut early, at("2026-11-21T00:00:00Z"), lead);
        assert_eq!(done[0].transition, Transition::Reminded);
        assert_eq!(
            early.scheduled_maintenances[0].scheduled_reminded_at,
            Some(at("2026-11-21T00:00:00Z"))
        );
        assert!(advance_maintenances(&mut early, at("2026-11-21T00:30:00Z"), lead).is_empty());
        let mut late = summary(remind, "");
        assert!(advance_maintenances(&mut late, at("2026-11-21T01:00:00Z"), lead).is_empty());
        assert!(
            advance_maintenances(&mut summary(remind, ""), at("2026-11-21T00:30:00Z"), None)
                .is_empty()
        );
    }

    #[test]
    fn an_update_posted_after_the_planned_time_keeps_the_list_newest_first() {
        let mut summary = summary(AUTOMATIC, "");
        summary.scheduled_maintenances[0].incident_updates[0].created_at =
            at("2026-11-21T01:10:00Z");
        advance_maintenances(&mut summary, at("2026-11-21T01:20:00Z"), None);
        let updates = &summary.scheduled_maintenances[0].incident_updates;
        assert!(updates[0].created_at >= updates[1].created_at);
    }

    #[test]
    fn marked_in_progress_past_its_end_is_overdue_unless_it_completes_by_itself() {
        let mut manual = summary("", "");
        manual.scheduled_maintenances[0].status = IncidentStatus::InProgress;
        let later = at("2026-11-21T05:00:00Z").to_utc();
        assert_eq!(
            maintenance_phase(&manual.scheduled_maintenances[0], later),
            MaintenancePhase::Overdue
        );
        assert_eq!(
            maintenance_phase(
                &manual.scheduled_maintenances[0],
                at("2026-11-21T00:00:00Z").to_utc()
            ),
            MaintenancePhase::InProgress
        );
    }
}
