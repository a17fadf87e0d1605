//! What a poll brought: new incidents and maintenances, new updates and component status
//! changes between two polls of a region, for the sections a visitor or a subscriber chose.

use std::collections::HashSet;

use crate::i18n::{Lang, Msg};
use crate::sort::sort_by_key;
use crate::status::markup::{parse_markup, plain_text};
use crate::status::model::{
    Component, ComponentStatus, Incident, IncidentHistory, IncidentStatus, IncidentUpdate, Summary,
};
use crate::status::uptime::all_incidents;
use crate::words::{status_word, update_status_label};

/// Most characters of a message shown in a notification; the page has the rest.
pub(super) const NOTICE_TEXT_CHARS: usize = 180;

/// One poll's data: the summary and the history fetched with it (a resolved incident moves from
/// the summary to the history, so its last update is only seen with both).
#[derive(Debug, Clone, Copy)]
pub struct Polled<'a> {
    /// The region's `summary.json`.
    pub summary: &'a Summary,
    /// The region's history file.
    pub history: &'a IncidentHistory,
}

/// Something a poll brought that a visitor or subscriber who chose these sections is told
/// about, with what a browser notification or a message by e-mail or webhook needs to say it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An incident or maintenance that was not there before.
    NewIncident {
        /// Incident id.
        id: String,
        /// Its title.
        name: String,
        /// True for scheduled maintenance.
        maintenance: bool,
        /// Its status now (e.g. investigating, scheduled).
        status: IncidentStatus,
        /// Its latest message, as plain text (paragraphs on their own lines).
        message: String,
        /// The top-level sections (component ids, a group for its members) it concerns, in
        /// page order; empty when it names no component, i.e. it concerns every section.
        sections: Vec<String>,
    },
    /// A new message on an incident or maintenance that was already there.
    NewUpdate {
        /// Incident id.
        id: String,
        /// The update's id.
        update_id: String,
        /// The incident's title.
        name: String,
        /// True when the incident is a scheduled maintenance.
        maintenance: bool,
        /// The status the update set.
        status: IncidentStatus,
        /// The message, as plain text (paragraphs on their own lines).
        message: String,
        /// The top-level sections the incident concerns; empty for every section.
        sections: Vec<String>,
    },
    /// A maintenance with `scheduled_remind_prior` starts soon: its reminder was recorded
    /// (`scheduled_reminded_at` set).
    MaintenanceReminder {
        /// Maintenance id.
        id: String,
        /// Its title.
        name: String,
        /// Its latest message (the announcement), as plain text.
        message: String,
        /// The top-level sections it concerns; empty for every section.
        sections: Vec<String>,
    },
    /// A chosen component's status changed.
    StatusChange {
        /// Component id.
        id: String,
        /// Its name.
        name: String,
        /// The top-level section it belongs to: its group's id, or its own for a section.
        section: String,
        /// The status before.
        from: ComponentStatus,
        /// The status now.
        to: ComponentStatus,
    },
}

impl Change {
    /// One line naming the change in `lang`, e.g. "Resolved: Delayed backups" (names from the
    /// data stay as written).
    pub fn headline(&self, lang: Lang) -> String {
        match self {
            Change::NewIncident {
                name, maintenance, ..
            } => {
                let msg = if *maintenance {
                    Msg::NoticeMaintenanceScheduled
                } else {
                    Msg::NoticeNewIncident
                };
                lang.fill(msg, &[("name", name)])
            }
            Change::NewUpdate { name, status, .. } => lang.fill(
                Msg::NoticeUpdate,
                &[
                    ("status", update_status_label(status, lang)),
                    ("name", name),
                ],
            ),
            Change::MaintenanceReminder { name, .. } => {
                lang.fill(Msg::NoticeMaintenanceReminder, &[("name", name)])
            }
            Change::StatusChange { name, to, .. } => lang.fill(
                Msg::NoticeComponent,
                &[("name", name), ("status", status_word(to, lang))],
            ),
        }
    }

    /// The text under the headline in a notification: the message as the operator wrote it, on
    /// one line and cut at a word to 180 characters, or the status before in `lang`.
    pub fn detail(&self, lang: Lang) -> String {
        match self {
            Change::NewIncident { message, .. }
            | Change::NewUpdate { message, .. }
            | Change::MaintenanceReminder { message, .. } => shorten(message),
            Change::StatusChange { from, .. } => {
                lang.fill(Msg::NoticeWas, &[("status", status_word(from, lang))])
            }
        }
    }

    /// What makes the change unique within a region (an incident id, an update id, or a
    /// component and its new status): two tabs showing the same news collapse into one
    /// notification, and a sender that records what it sent sends each change once.
    pub fn key(&self) -> String {
        match self {
            Change::NewIncident { id, .. } => id.clone(),
            Change::NewUpdate { update_id, .. } => update_id.clone(),
            Change::MaintenanceReminder { id, .. } => format!("{id}@reminder"),
            Change::StatusChange { id, to, .. } => format!("{id}={}", to.as_str()),
        }
    }
}

/// What changed from `before` to `after` that concerns the `sections` chosen (ids of
/// top-level components; a group stands for its members). Incidents attached to no component
/// concern every section. New incidents first, then new updates oldest first, then reminders of
/// maintenance starting soon (a `scheduled_reminded_at` that appeared), then status changes in
/// page order. A status change that a new update records in its `affected_components` (as
/// `beacon-ops` edits and the maintenance clock write them) is told with that update, not
/// once more on its own: a maintenance that starts is one message, not one per component.
///
/// The same change detection drives browser notifications and the subscription service: it is
/// pure (two polls in, changes out, no clock, browser or network), so a browser tab and a
/// native mailer comparing the same two polls find the same changes.
///
/// ```
/// use beacon_core::notify::{changes, Change, Polled};
/// use beacon_core::status::{parse_history, parse_summary, ComponentStatus, IncidentStatus};
///
/// let summary = |status: &str, incidents: &str| {
///     parse_summary("summary.json", &format!(r#"{{
///         "page": {{"id": "emea", "name": "EMEA"}}, "status": {{"indicator": "none"}},
///         "components": [
///             {{"id": "web", "name": "Website", "status": "operational"}},
///             {{"id": "bk", "name": "Backups", "status": "operational", "group": true,
///               "components": ["m365"]}},
///             {{"id": "m365", "name": "Microsoft 365 backups", "status": "{status}",
///               "group_id": "bk"}}
///         ],
///         "incidents": [{incidents}]
///     }}"#)).unwrap()
/// };
/// let history = parse_history("history.json", r#"{"page": {"id": "emea", "name": "EMEA"}}"#).unwrap();
/// let before = summary("operational", "");
/// let after = summary("partial_outage", r#"{
///     "id": "inc-1", "name": "Delayed backups", "status": "investigating", "impact": "major",
///     "created_at": "2026-11-21T10:00:00Z", "components": [{"id": "m365", "name": "Microsoft 365 backups", "status": "partial_outage"}],
///     "incident_updates": [{"id": "u-1", "status": "investigating",
///         "body": "We are **looking into** it.", "created_at": "2026-11-21T10:00:00Z"}]
/// }"#);
/// let poll = |summary| Polled { summary, history: &history };
///
/// let news = changes(poll(&before), poll(&after), &["bk".to_string()]);
/// assert_eq!(news, vec![
///     Change::NewIncident {
///         id: "inc-1".into(),
///         name: "Delayed backups".into(),
///         maintenance: false,
///         status: IncidentStatus::Investigating,
///         message: "We are looking into it.".into(),
///         sections: vec!["bk".into()],
///     },
///     Change::StatusChange {
///         id: "m365".into(),
///         name: "Microsoft 365 backups".into(),
///         section: "bk".into(),
///         from: ComponentStatus::Operational,
///         to: ComponentStatus::PartialOutage,
///     },
/// ]);
/// // Someone who chose only the Website hears nothing of it.
/// assert_eq!(changes(poll(&before), poll(&after), &["web".to_string()]), vec![]);
/// ```
pub fn changes(before: Polled, after: Polled, sections: &[String]) -> Vec<Change> {
    let chosen: HashSet<&str> = sections.iter().map(String::as_str).collect();
    let components = &after.summary.components;
    let in_chosen = |id: &str| chosen.contains(id) || chosen.contains(section_of(components, id));
    let concerns = |incident: &Incident| {
        let ids = incident.affected_component_ids();
        ids.is_empty() || ids.into_iter().any(in_chosen)
    };
    let known = all_incidents(before.summary, before.history);
    let mut news = Vec::new();
    let mut updates = Vec::new();
    let mut told: HashSet<(&str, &ComponentStatus)> = HashSet::new();
    for incident in all_incidents(after.summary, after.history) {
        let old = known.iter().find(|old| old.id == incident.id);
        let seen: HashSet<&str> = old
            .map(|old| old.incident_updates.iter().map(|u| u.id.as_str()).collect())
            .unwrap_or_default();
        told.extend(
            incident
                .incident_updates
                .iter()
                .filter(|update| !seen.contains(update.id.as_str()))
                .flat_map(|update| &update.affected_components)
                .filter_map(|affected| {
                    Some((affected.code.as_deref()?, affected.new_status.as_ref()?))
                }),
        );
        if !concerns(incident) {
            continue;
        }
        let Some(old) = known.iter().find(|old| old.id == incident.id) else {
            news.push(Change::NewIncident {
                id: incident.id.clone(),
                name: incident.name.clone(),
                maintenance: incident.is_maintenance(),
                status: incident.status.clone(),
                message: incident
                    .latest_update()
                    .map(message_text)
                    .unwrap_or_default(),
                sections: sections_of(components, incident),
            });
            continue;
        };
        let seen: HashSet<&str> = old.incident_updates.iter().map(|u| u.id.as_str()).collect();
        updates.extend(
            incident
                .incident_updates
                .iter()
                .filter(|update| !seen.contains(update.id.as_str()))
                .map(|update| {
                    (
                        update.created_at,
                        Change::NewUpdate {
                            id: incident.id.clone(),
                            update_id: update.id.clone(),
                            name: incident.name.clone(),
                            maintenance: incident.is_maintenance(),
                            status: update.status.clone(),
                            message: message_text(update),
                            sections: sections_of(components, incident),
                        },
                    )
                }),
        );
    }
    sort_by_key(&mut updates, |(at, _)| *at);
    news.extend(updates.into_iter().map(|(_, change)| change));
    for maintenance in &after.summary.scheduled_maintenances {
        let newly_reminded = maintenance.scheduled_reminded_at.is_some()
            && known
                .iter()
                .any(|old| old.id == maintenance.id && old.scheduled_reminded_at.is_none());
        if newly_reminded && concerns(maintenance) {
            news.push(Change::MaintenanceReminder {
                id: maintenance.id.clone(),
                name: maintenance.name.clone(),
                message: maintenance
                    .latest_update()
                    .map(message_text)
                    .unwrap_or_default(),
                sections: sections_of(components, maintenance),
            });
        }
    }
    for component in components {
        let is_group_with_members = component.group
            && components
                .iter()
                .any(|c| section_of(components, &c.id) == component.id && c.id != component.id);
        if is_group_with_members || !in_chosen(&component.id) {
            continue;
        }
        let Some(old) = before.summary.component(&component.id) else {
            continue;
        };
        if old.status != component.status
            && !told.contains(&(component.id.as_str(), &component.status))
        {
            news.push(Change::StatusChange {
                id: component.id.clone(),
                name: component.name.clone(),
                section: section_of(components, &component.id).to_owned(),
                from: old.status.clone(),
                to: component.status.clone(),
            });
        }
    }
    news
}

/// The top-level sections an incident concerns, each once, in the order the summary lists
/// them.
fn sections_of(components: &[Component], incident: &Incident) -> Vec<String> {
    let mut sections: Vec<&str> = incident
        .affected_component_ids()
        .into_iter()
        .map(|id| section_of(components, id))
        .collect();
    sort_by_key(&mut sections, |id| {
        let listed = components.iter().position(|c| c.id == *id);
        (listed.unwrap_or(usize::MAX), *id)
    });
    sections.dedup();
    sections.into_iter().map(str::to_owned).collect()
}

/// The top-level section a component belongs to: its group, or itself.
fn section_of<'a>(components: &'a [Component], id: &'a str) -> &'a str {
    components
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.group_id.as_deref())
        .or_else(|| {
            components
                .iter()
                .find(|group| group.group && group.components.iter().any(|m| m == id))
                .map(|group| group.id.as_str())
        })
        .unwrap_or(id)
}

/// An update's message as plain text.
fn message_text(update: &IncidentUpdate) -> String {
    plain_text(&parse_markup(&update.body))
}

/// `text` on one line, cut at a word boundary to [`NOTICE_TEXT_CHARS`].
fn shorten(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= NOTICE_TEXT_CHARS {
        return line;
    }
    let cut: String = line.chars().take(NOTICE_TEXT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.ends_with("word…"), "{short}");
        assert!(short.chars().count() <= NOTICE_TEXT_CHARS + 1);
    }
}
