//! Operator edits of a region's data: open, update and resolve incidents, schedule
//! maintenance and move it on by the clock. Each edit is a pure function on a region's
//! [`Summary`] and [`IncidentHistory`] that sets timestamps, component statuses and the page's
//! status indicator and reports what it changed in plain English; [`edit_region`] reads the
//! files, validates the edited site in memory and writes only when the result is valid.

mod apply;

use beacon_core::hash::{fnv1a, FNV_OFFSET};
use beacon_core::route::encode_segment;
use chrono::{TimeDelta, Utc};
use std::collections::HashSet;
use std::path::PathBuf;

use beacon_core::status::ledger::record_in_history;
use beacon_core::status::limits::id_problem;
use beacon_core::status::maintenance::{advance_maintenances, Transition};
use beacon_core::status::overall::overall_status;
use beacon_core::status::{
    AffectedComponent, Component, ComponentStatus, DataError, Impact, Incident, IncidentHistory,
    IncidentStatus, IncidentUpdate, Indicator, Problem, Summary, Timestamp,
};

use crate::publish::PublishError;
use crate::store::StoreError;

pub use apply::{advance_site, edit_region, RegionAdvance};

/// Why an edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The request does not make sense (a status that cannot follow, a window that ends before
    /// it starts).
    #[error("{0}")]
    Request(String),
    /// One argument does not fit the data (unknown region, component or incident, an id in
    /// use); `name` is the command line's name for it, such as `--components`.
    #[error("{name}: {reason}")]
    Argument {
        /// The argument, as the command line names it.
        name: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// The data files could not be read.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The edited files would break these rules; nothing was written.
    #[error("the edit would leave invalid data ({} problem(s)); nothing was written", .0.len())]
    Invalid(Vec<Problem>),
    /// A file could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The data folder is locked by another edit, or could not be recovered or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<PublishError> for EditError {
    fn from(err: PublishError) -> Self {
        match err {
            PublishError::Invalid(problems) => Self::Invalid(problems),
            PublishError::Write { path, source } => Self::Io { path, source },
        }
    }
}

/// A component named on the command line, with the status to give it (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentChange {
    /// Component id.
    pub id: String,
    /// New status; `None` keeps (or, when opening, derives from the impact) the status.
    pub status: Option<ComponentStatus>,
}

impl ComponentChange {
    /// Reads `id` or `id=status`.
    pub fn parse(text: &str) -> Result<Self, EditError> {
        let (id, status) = match text.split_once('=') {
            Some((id, status)) => (id, Some(parse_component_status(status)?)),
            None => (text, None),
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(EditError::Request(format!("{text:?} names no component")));
        }
        Ok(Self {
            id: id.to_owned(),
            status,
        })
    }
}

/// Reads a component status in Statuspage's words, refusing unknown ones.
pub fn parse_component_status(text: &str) -> Result<ComponentStatus, EditError> {
    match ComponentStatus::from_wire(text.trim()) {
        ComponentStatus::Unknown(other) => Err(EditError::Request(format!(
            "unknown component status {other:?} (operational, degraded_performance, \
             partial_outage, major_outage, under_maintenance)"
        ))),
        status => Ok(status),
    }
}

/// A new incident.
#[derive(Debug, Clone)]
pub struct NewIncident {
    /// Title.
    pub name: String,
    /// Minor, major or critical (or none).
    pub impact: Impact,
    /// Investigating, identified or monitoring.
    pub status: IncidentStatus,
    /// Affected components; those without a status get the one the impact suggests.
    pub components: Vec<ComponentChange>,
    /// The first message.
    pub message: String,
    /// The incident id; generated from the name and time when `None`.
    pub id: Option<String>,
}

/// A new message on an open incident or maintenance.
#[derive(Debug, Clone)]
pub struct NewUpdate {
    /// The incident or maintenance id.
    pub id: String,
    /// Its new status, if it changes.
    pub status: Option<IncidentStatus>,
    /// The message.
    pub message: String,
    /// Components whose status changes.
    pub components: Vec<ComponentChange>,
}

/// A new maintenance window.
#[derive(Debug, Clone)]
pub struct NewMaintenance {
    /// Title.
    pub name: String,
    /// Planned start.
    pub from: Timestamp,
    /// Planned end.
    pub until: Timestamp,
    /// Affected component ids.
    pub components: Vec<String>,
    /// The announcement.
    pub message: String,
    /// The maintenance id; generated when `None`.
    pub id: Option<String>,
    /// What the clock does with the window by itself.
    pub automation: Automation,
}

/// What the clock does with a maintenance window by itself (Statuspage's automation fields).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Automation {
    /// Move to in progress at the planned start, components under maintenance.
    pub start: bool,
    /// Complete at the planned end, components back to operational.
    pub complete: bool,
    /// Remind subscribers shortly before the start.
    pub remind: bool,
}

impl Automation {
    /// `Some(true)` when on; `None` (the field left out, as Statuspage's public API does) when
    /// off.
    fn flag(on: bool) -> Option<bool> {
        on.then_some(true)
    }
}

/// The component status an incident's impact suggests for the components it names.
fn status_for_impact(impact: &Impact) -> Option<ComponentStatus> {
    match impact {
        Impact::Minor => Some(ComponentStatus::DegradedPerformance),
        Impact::Major => Some(ComponentStatus::PartialOutage),
        Impact::Critical => Some(ComponentStatus::MajorOutage),
        _ => None,
    }
}

/// Statuspage's banner text for an indicator.
fn indicator_description(indicator: &Indicator) -> &'static str {
    match indicator {
        Indicator::None => "All Systems Operational",
        Indicator::Minor => "Minor Service Outage",
        Indicator::Major => "Partial System Outage",
        Indicator::Critical => "Major System Outage",
        Indicator::Maintenance => "Service Under Maintenance",
        Indicator::Unknown(_) => "Status Unknown",
    }
}

/// Every incident and update id in use, so new ones never collide.
fn taken_ids(summary: &Summary, history: &IncidentHistory) -> HashSet<String> {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .chain(&history.incidents)
        .flat_map(|incident| {
            std::iter::once(incident.id.clone())
                .chain(incident.incident_updates.iter().map(|u| u.id.clone()))
        })
        .collect()
}

/// A Statuspage-style id (12 lowercase letters and digits) derived from `seed`, not in `taken`.
/// Derived rather than random so that a run with `--now` is reproducible.
fn new_id(seed: &str, taken: &mut HashSet<String>) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    for attempt in 0u32.. {
        let mut hash = fnv1a(fnv1a(FNV_OFFSET, seed.as_bytes()), &attempt.to_le_bytes());
        let id: String = (0..12)
            .map(|_| {
                let c = ALPHABET[(hash % 36) as usize] as char;
                hash /= 36;
                c
            })
            .collect();
        if taken.insert(id.clone()) {
            return id;
        }
    }
    unreachable!("some attempt finds a free id")
}

/// Checks a chosen id (`--id`): the one id rule of [`beacon_core::status::limits`], and new.
fn chosen_id(id: &str, taken: &mut HashSet<String>) -> Result<String, EditError> {
    if let Some(reason) = id_problem(id) {
        return Err(EditError::Argument {
            name: "--id",
            reason,
        });
    }
    if !taken.insert(id.to_owned()) {
        return Err(EditError::Argument {
            name: "--id",
            reason: format!("{id:?} is already used"),
        });
    }
    Ok(id.to_owned())
}

/// Refuses empty text given as `argument`.
fn required(argument: &'static str, text: &str) -> Result<(), EditError> {
    if text.trim().is_empty() {
        Err(EditError::Argument {
            name: argument,
            reason: "must not be empty".into(),
        })
    } else {
        Ok(())
    }
}

/// The ids a component change touches: a group stands for itself and its members. An unknown
/// id is refused naming `argument`, the command line's name for the list it came from.
fn expand(summary: &Summary, id: &str, argument: &'static str) -> Result<Vec<String>, EditError> {
    let component = summary.component(id).ok_or_else(|| {
        let known: Vec<&str> = summary.components.iter().map(|c| c.id.as_str()).collect();
        EditError::Argument {
            name: argument,
            reason: format!("no component {id:?}; this region has {}", known.join(", ")),
        }
    })?;
    let mut ids = vec![component.id.clone()];
    if component.group {
        ids.extend(
            summary
                .components
                .iter()
                .filter(|c| {
                    c.id != component.id
                        && (component.components.contains(&c.id)
                            || c.group_id.as_deref() == Some(component.id.as_str()))
                })
                .map(|c| c.id.clone()),
        );
    }
    Ok(ids)
}

/// Sets component statuses, recording each as an affected component (also unchanged ones, as
/// Statuspage does) and each real change in `changes`; unknown ids are refused naming
/// `argument`.
fn apply_component_statuses(
    summary: &mut Summary,
    requested: &[(String, Option<ComponentStatus>)],
    argument: &'static str,
    now: Timestamp,
    changes: &mut Vec<String>,
) -> Result<Vec<AffectedComponent>, EditError> {
    let mut affected = Vec::new();
    let mut seen = HashSet::new();
    for (id, status) in requested {
        for id in expand(summary, id, argument)? {
            if !seen.insert(id.clone()) {
                continue;
            }
            let component = summary
                .components
                .iter_mut()
                .find(|c| c.id == id)
                .expect("expand returns known ids");
            let old = component.status.clone();
            if let Some(new) = status.clone().filter(|new| *new != old) {
                changes.push(format!(
                    "component {} ({}): {} → {}",
                    component.id,
                    component.name,
                    old.as_str(),
                    new.as_str()
                ));
                component.status = new;
                component.updated_at = Some(now);
            }
            affected.push(AffectedComponent {
                code: Some(component.id.clone()),
                name: component.name.clone(),
                old_status: Some(old),
                new_status: Some(component.status.clone()),
            });
        }
    }
    Ok(affected)
}

/// Refreshes an incident's component list: current copies of those it had and of `ids`.
fn attach_components(summary: &Summary, incident: &mut Incident, ids: &[String]) {
    let mut wanted: Vec<String> = incident.components.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        if !wanted.contains(id) {
            wanted.push(id.clone());
        }
    }
    incident.components = wanted
        .iter()
        .filter_map(|id| summary.component(id))
        .cloned()
        .collect::<Vec<Component>>();
}

/// A new update posted now.
fn update_now(
    id: String,
    incident_id: &str,
    status: IncidentStatus,
    message: &str,
    now: Timestamp,
    affected: Vec<AffectedComponent>,
) -> IncidentUpdate {
    IncidentUpdate {
        id,
        status,
        body: message.to_owned(),
        incident_id: Some(incident_id.to_owned()),
        created_at: now,
        updated_at: Some(now),
        display_at: Some(now),
        affected_components: affected,
    }
}

/// The short link of an incident on the region's page, when the page has an address.
fn shortlink(summary: &Summary, id: &str) -> Option<String> {
    summary.page.url.as_ref().map(|url| {
        format!(
            "{}/incidents/{}",
            url.trim_end_matches('/'),
            encode_segment(id)
        )
    })
}

/// Opens an incident; returns what changed.
pub fn open_incident(
    summary: &mut Summary,
    history: &IncidentHistory,
    new: NewIncident,
    now: Timestamp,
) -> Result<Vec<String>, EditError> {
    required("--name", &new.name)?;
    required("--message", &new.message)?;
    if !matches!(
        new.status,
        IncidentStatus::Investigating | IncidentStatus::Identified | IncidentStatus::Monitoring
    ) {
        return Err(EditError::Request(format!(
            "a new incident is investigating, identified or monitoring, not {:?}",
            new.status.as_str()
        )));
    }
    if matches!(new.impact, Impact::Unknown(_) | Impact::Maintenance) {
        return Err(EditError::Request(format!(
            "impact must be none, minor, major or critical, not {:?}",
            new.impact.as_str()
        )));
    }
    let mut taken = taken_ids(summary, history);
    let id = match &new.id {
        Some(id) => chosen_id(id, &mut taken)?,
        None => new_id(
            &format!(
                "incident|{}|{}|{}",
                summary.page.id,
                new.name,
                now.to_rfc3339()
            ),
            &mut taken,
        ),
    };
    let update_id = new_id(&format!("update|{id}|{}", now.to_rfc3339()), &mut taken);
    let default_status = status_for_impact(&new.impact);
    let requested: Vec<(String, Option<ComponentStatus>)> = new
        .components
        .iter()
        .map(|c| (c.id.clone(), c.status.clone().or(default_status.clone())))
        .collect();
    let mut changes = vec![format!(
        "opened incident {id} {:?}: {}, impact {}",
        new.name,
        new.status.as_str(),
        new.impact.as_str()
    )];
    let affected =
        apply_component_statuses(summary, &requested, "--components", now, &mut changes)?;
    let attached: Vec<String> = new.components.iter().map(|c| c.id.clone()).collect();
    let mut incident = Incident {
        id: id.clone(),
        name: new.name.trim().to_owned(),
        status: new.status.clone(),
        impact: new.impact,
        shortlink: shortlink(summary, &id),
        page_id: None,
        created_at: now,
        updated_at: Some(now),
        started_at: Some(now),
        monitoring_at: (new.status == IncidentStatus::Monitoring).then_some(now),
        resolved_at: None,
        scheduled_for: None,
        scheduled_until: None,
        postmortem_body: None,
        postmortem_published_at: None,
        incident_updates: vec![update_now(
            update_id,
            &id,
            new.status,
            &new.message,
            now,
            affected,
        )],
        components: Vec::new(),
        scheduled_auto_in_progress: None,
        scheduled_auto_completed: None,
        scheduled_remind_prior: None,
        scheduled_reminded_at: None,
        auto_transition_to_maintenance_state: None,
        auto_transition_to_operational_state: None,
        auto_transition_deliver_notifications_at_start: None,
        auto_transition_deliver_notifications_at_end: None,
    };
    attach_components(summary, &mut incident, &attached);
    summary.incidents.insert(0, incident);
    Ok(changes)
}

/// Where an open incident or maintenance is in a summary.
fn find_open<'a>(
    summary: &'a mut Summary,
    history: &IncidentHistory,
    id: &str,
) -> Result<&'a mut Incident, EditError> {
    if history.incidents.iter().any(|i| i.id == id)
        && !summary
            .incidents
            .iter()
            .chain(&summary.scheduled_maintenances)
            .any(|i| i.id == id)
    {
        return Err(EditError::Argument {
            name: "--id",
            reason: format!("{id:?} is already closed (it is in the history)"),
        });
    }
    summary
        .incidents
        .iter_mut()
        .chain(summary.scheduled_maintenances.iter_mut())
        .find(|i| i.id == id)
        .ok_or_else(|| EditError::Argument {
            name: "--id",
            reason: format!("no open incident or maintenance {id:?}"),
        })
}

/// Posts an update on an open incident or maintenance; returns what changed.
pub fn update_incident(
    summary: &mut Summary,
    history: &IncidentHistory,
    update: NewUpdate,
    now: Timestamp,
) -> Result<Vec<String>, EditError> {
    required("--message", &update.message)?;
    let (is_maintenance, current, attached) = {
        let incident = find_open(summary, history, &update.id)?;
        let attached: Vec<String> = incident
            .affected_component_ids()
            .into_iter()
            .map(str::to_owned)
            .collect();
        (incident.is_maintenance(), incident.status.clone(), attached)
    };
    let status = update.status.clone().unwrap_or(current.clone());
    let allowed: &[IncidentStatus] = if is_maintenance {
        &[
            IncidentStatus::Scheduled,
            IncidentStatus::InProgress,
            IncidentStatus::Verifying,
        ]
    } else {
        &[
            IncidentStatus::Investigating,
            IncidentStatus::Identified,
            IncidentStatus::Monitoring,
        ]
    };
    if !allowed.contains(&status) {
        let names: Vec<&str> = allowed.iter().map(IncidentStatus::as_str).collect();
        return Err(EditError::Argument {
            name: "--status",
            reason: format!(
                "{:?} is not one of {} (use `resolve` to close)",
                status.as_str(),
                names.join(", ")
            ),
        });
    }
    let mut requested: Vec<(String, Option<ComponentStatus>)> = update
        .components
        .iter()
        .map(|c| (c.id.clone(), c.status.clone()))
        .collect();
    if requested.is_empty() && is_maintenance && status == IncidentStatus::InProgress {
        requested = attached
            .iter()
            .map(|id| (id.clone(), Some(ComponentStatus::UnderMaintenance)))
            .collect();
    }
    let mut taken = taken_ids(summary, history);
    let update_id = new_id(
        &format!("update|{}|{}", update.id, now.to_rfc3339()),
        &mut taken,
    );
    let mut changes = Vec::new();
    if status != current {
        changes.push(format!(
            "{} {}: {} → {}",
            if is_maintenance {
                "maintenance"
            } else {
                "incident"
            },
            update.id,
            current.as_str(),
            status.as_str()
        ));
    }
    let affected =
        apply_component_statuses(summary, &requested, "--component-status", now, &mut changes)?;
    let new_ids: Vec<String> = requested.iter().map(|(id, _)| id.clone()).collect();
    let snapshot = summary.clone();
    let incident = find_open(summary, history, &update.id)?;
    incident.incident_updates.insert(
        0,
        update_now(
            update_id.clone(),
            &update.id,
            status.clone(),
            &update.message,
            now,
            affected,
        ),
    );
    if status == IncidentStatus::Monitoring && incident.monitoring_at.is_none() {
        incident.monitoring_at = Some(now);
    }
    if status == IncidentStatus::InProgress && incident.started_at.is_none() {
        incident.started_at = Some(now);
    }
    incident.status = status;
    incident.updated_at = Some(now);
    attach_components(&snapshot, incident, &new_ids);
    changes.push(format!("posted update {update_id} on {}", update.id));
    Ok(changes)
}

/// Resolves an incident (or completes a maintenance), moves it to the history and sets its
/// components back to operational unless another open incident still names them.
pub fn resolve_incident(
    summary: &mut Summary,
    history: &mut IncidentHistory,
    id: &str,
    message: &str,
    now: Timestamp,
) -> Result<Vec<String>, EditError> {
    required("--message", message)?;
    find_open(summary, history, id)?;
    let mut incident = match summary.incidents.iter().position(|i| i.id == id) {
        Some(n) => summary.incidents.remove(n),
        None => {
            let n = summary
                .scheduled_maintenances
                .iter()
                .position(|i| i.id == id)
                .expect("find_open found it");
            summary.scheduled_maintenances.remove(n)
        }
    };
    let status = if incident.is_maintenance() {
        IncidentStatus::Completed
    } else {
        IncidentStatus::Resolved
    };
    let still_named: HashSet<String> = summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .filter(|other| other.is_open())
        .flat_map(|other| other.affected_component_ids())
        .map(str::to_owned)
        .collect();
    let mut requested = Vec::new();
    for attached in incident.affected_component_ids() {
        for member in expand(summary, attached, "--id")? {
            if !still_named.contains(&member) {
                requested.push((member, Some(ComponentStatus::Operational)));
            }
        }
    }
    let mut changes = vec![format!(
        "{} {id} {:?}: {} → {}; moved to the history",
        if incident.is_maintenance() {
            "maintenance"
        } else {
            "incident"
        },
        incident.name,
        incident.status.as_str(),
        status.as_str()
    )];
    let affected = apply_component_statuses(summary, &requested, "--id", now, &mut changes)?;
    let mut taken = taken_ids(summary, history);
    taken.extend(incident.incident_updates.iter().map(|u| u.id.clone()));
    let update_id = new_id(&format!("update|{id}|{}", now.to_rfc3339()), &mut taken);
    incident.incident_updates.insert(
        0,
        update_now(update_id, id, status.clone(), message, now, affected),
    );
    incident.status = status;
    incident.resolved_at = Some(now);
    incident.updated_at = Some(now);
    attach_components(summary, &mut incident, &[]);
    record_in_history(history, &incident);
    Ok(changes)
}

/// Publishes (or replaces) the postmortem of a resolved incident in the history: its body,
/// the time it was published, and the incident's status becomes `postmortem`, as on
/// Statuspage. An open incident or a maintenance is refused.
pub fn publish_postmortem(
    summary: &Summary,
    history: &mut IncidentHistory,
    id: &str,
    body: &str,
    now: Timestamp,
) -> Result<Vec<String>, EditError> {
    required("--body", body)?;
    let open = summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .any(|incident| incident.id == id);
    let refuse = |why: String| {
        Err(EditError::Argument {
            name: "--id",
            reason: why,
        })
    };
    if open {
        return refuse(format!(
            "incident {id} is still open: resolve it before publishing its postmortem"
        ));
    }
    let Some(incident) = history.incidents.iter_mut().find(|i| i.id == id) else {
        return refuse(format!("no incident {id} in this region's history"));
    };
    if incident.is_maintenance() {
        return refuse(format!(
            "{id} is a maintenance; postmortems are for incidents"
        ));
    }
    let replaced = incident.postmortem_body.is_some();
    incident.postmortem_body = Some(body.to_owned());
    incident.postmortem_published_at = Some(now);
    incident.updated_at = Some(now);
    incident.status = IncidentStatus::Postmortem;
    Ok(vec![format!(
        "{} the postmortem of incident {id} {:?}",
        if replaced { "replaced" } else { "published" },
        incident.name
    )])
}

/// Announces a maintenance window; returns what changed.
pub fn schedule_maintenance(
    summary: &mut Summary,
    history: &IncidentHistory,
    new: NewMaintenance,
    now: Timestamp,
) -> Result<Vec<String>, EditError> {
    required("--name", &new.name)?;
    required("--message", &new.message)?;
    if new.until <= new.from {
        return Err(EditError::Argument {
            name: "--until",
            reason: format!(
                "the window ends ({}) before it starts ({})",
                new.until.to_rfc3339(),
                new.from.to_rfc3339()
            ),
        });
    }
    if new.components.is_empty() {
        return Err(EditError::Argument {
            name: "--components",
            reason: "a maintenance names the components it affects".into(),
        });
    }
    for id in &new.components {
        expand(summary, id, "--components")?;
    }
    let mut taken = taken_ids(summary, history);
    let id = match &new.id {
        Some(id) => chosen_id(id, &mut taken)?,
        None => new_id(
            &format!(
                "maintenance|{}|{}|{}",
                summary.page.id,
                new.name,
                now.to_rfc3339()
            ),
            &mut taken,
        ),
    };
    let update_id = new_id(&format!("update|{id}|{}", now.to_rfc3339()), &mut taken);
    let requested: Vec<(String, Option<ComponentStatus>)> =
        new.components.iter().map(|id| (id.clone(), None)).collect();
    let automatic: Vec<&str> = [
        (new.automation.start, "starts"),
        (new.automation.complete, "completes"),
        (new.automation.remind, "reminds subscribers"),
    ]
    .into_iter()
    .filter_map(|(on, words)| on.then_some(words))
    .collect();
    let mut changes = vec![format!(
        "scheduled maintenance {id} {:?} from {} until {}{}",
        new.name,
        new.from.to_rfc3339(),
        new.until.to_rfc3339(),
        if automatic.is_empty() {
            String::new()
        } else {
            format!("; {} by itself", automatic.join(", "))
        }
    )];
    let affected =
        apply_component_statuses(summary, &requested, "--components", now, &mut changes)?;
    let mut maintenance = Incident {
        id: id.clone(),
        name: new.name.trim().to_owned(),
        status: IncidentStatus::Scheduled,
        impact: Impact::Maintenance,
        shortlink: shortlink(summary, &id),
        page_id: None,
        created_at: now,
        updated_at: Some(now),
        started_at: None,
        monitoring_at: None,
        resolved_at: None,
        scheduled_for: Some(new.from),
        scheduled_until: Some(new.until),
        postmortem_body: None,
        postmortem_published_at: None,
        incident_updates: vec![update_now(
            update_id,
            &id,
            IncidentStatus::Scheduled,
            &new.message,
            now,
            affected,
        )],
        components: Vec::new(),
        scheduled_auto_in_progress: Automation::flag(new.automation.start),
        scheduled_auto_completed: Automation::flag(new.automation.complete),
        scheduled_remind_prior: Automation::flag(new.automation.remind),
        scheduled_reminded_at: None,
        auto_transition_to_maintenance_state: Automation::flag(new.automation.start),
        auto_transition_to_operational_state: Automation::flag(new.automation.complete),
        auto_transition_deliver_notifications_at_start: Automation::flag(new.automation.start),
        auto_transition_deliver_notifications_at_end: Automation::flag(new.automation.complete),
    };
    attach_components(summary, &mut maintenance, &new.components);
    let at = summary
        .scheduled_maintenances
        .iter()
        .position(|other| other.scheduled_for.is_some_and(|start| start > new.from))
        .unwrap_or(summary.scheduled_maintenances.len());
    summary.scheduled_maintenances.insert(at, maintenance);
    Ok(changes)
}

/// Applies the transitions the clock makes due at `now` to a region's maintenances
/// ([`advance_maintenances`]): "in progress" and "completed" updates with their component
/// statuses, and reminder stamps (due `remind_prior` before a start). Completed windows move to
/// the history. Returns one line per transition; none when nothing is due, and then
/// [`edit_region`] writes nothing.
pub fn advance_maintenance(
    summary: &mut Summary,
    history: &mut IncidentHistory,
    now: Timestamp,
    remind_prior: TimeDelta,
) -> Vec<String> {
    let advanced = advance_maintenances(summary, now, Some(remind_prior));
    let (closed, open): (Vec<Incident>, Vec<Incident>) =
        std::mem::take(&mut summary.scheduled_maintenances)
            .into_iter()
            .partition(|maintenance| !maintenance.is_open());
    summary.scheduled_maintenances = open;
    for maintenance in &closed {
        record_in_history(history, maintenance);
    }
    advanced
        .iter()
        .map(|done| {
            let what = match done.transition {
                Transition::Reminded => "subscribers reminded of the start",
                Transition::Started => "scheduled → in_progress (started by itself)",
                Transition::Completed => "→ completed (completed by itself); moved to the history",
            };
            format!(
                "maintenance {} {:?}: {what} at {}",
                done.id,
                done.name,
                done.at.to_rfc3339()
            )
        })
        .collect()
}

/// Sets the page's status indicator and banner text from its components and open incidents,
/// and its `updated_at` to `now`; returns the change, if any.
pub fn refresh_page_status(summary: &mut Summary, now: Timestamp) -> Vec<String> {
    let indicator = overall_status(summary, now.with_timezone(&Utc)).indicator;
    let mut changes = Vec::new();
    if summary.status.indicator != indicator {
        changes.push(format!(
            "page status: {} → {} ({})",
            summary.status.indicator.as_str(),
            indicator.as_str(),
            indicator_description(&indicator)
        ));
    }
    summary.status.description = indicator_description(&indicator).to_owned();
    summary.status.indicator = indicator;
    summary.page.updated_at = Some(now);
    changes
}

/// Moves every time in a region's data by `by`: the page stamp, components' times and first
/// days, and each incident's and maintenance's times and updates, so the same story happens
/// relative to another moment (the served demo is placed around the moment it is served).
/// Durations, order and every relation between the times stay as they were.
pub fn shift_times(summary: &mut Summary, history: &mut IncidentHistory, by: TimeDelta) {
    let shift = |time: &mut Timestamp| *time += by;
    let shift_opt = |time: &mut Option<Timestamp>| {
        if let Some(time) = time {
            *time += by;
        }
    };
    let shift_component = |component: &mut Component| {
        shift_opt(&mut component.created_at);
        shift_opt(&mut component.updated_at);
        if let Some(day) = component.start_date.as_mut() {
            *day += TimeDelta::days(by.num_days());
        }
    };
    let shift_incident = |incident: &mut Incident| {
        shift(&mut incident.created_at);
        for time in [
            &mut incident.updated_at,
            &mut incident.started_at,
            &mut incident.monitoring_at,
            &mut incident.resolved_at,
            &mut incident.scheduled_for,
            &mut incident.scheduled_until,
            &mut incident.scheduled_reminded_at,
        ] {
            shift_opt(time);
        }
        for update in &mut incident.incident_updates {
            shift(&mut update.created_at);
            shift_opt(&mut update.updated_at);
            shift_opt(&mut update.display_at);
        }
        incident.components.iter_mut().for_each(shift_component);
    };
    shift_opt(&mut summary.page.updated_at);
    summary.components.iter_mut().for_each(shift_component);
    summary.incidents.iter_mut().for_each(shift_incident);
    summary
        .scheduled_maintenances
        .iter_mut()
        .for_each(shift_incident);
    shift_opt(&mut history.page.updated_at);
    history.incidents.iter_mut().for_each(shift_incident);
}
