//! What a poll brought: new incidents and maintenances, new updates and component status
//! changes between two polls of a region, for the sections a visitor or a subscriber chose.

use std::collections::HashSet;

use crate::i18n::{Lang, Msg};
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
            Change::NewIncident { message, .. } | Change::NewUpdate { message, .. } => {
                shorten(message)
            }
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
            Change::StatusChange { id, to, .. } => format!("{id}={}", to.as_str()),
        }
    }
}

/// What changed from `before` to `after` that concerns the `sections` chosen (ids of
/// top-level components; a group stands for its members). Incidents attached to no component
/// concern every section. New incidents first, then new updates oldest first, then status
/// changes in page order.
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
    for incident in all_incidents(after.summary, after.history) {
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
    updates.sort_by_key(|(at, _)| *at);
    news.extend(updates.into_iter().map(|(_, change)| change));
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
        if old.status != component.status {
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
    sections.sort_by_key(|id| {
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
    use crate::notify::notice;
    use crate::status::model::{parse_history, parse_summary};

    const SUMMARY: &str = include_str!("../../../../public/data/emea/summary.json");
    const HISTORY: &str = include_str!("../../../../public/data/emea/history.json");

    fn demo() -> (Summary, IncidentHistory) {
        (
            parse_summary("summary.json", SUMMARY).unwrap(),
            parse_history("history.json", HISTORY).unwrap(),
        )
    }

    fn all_sections() -> Vec<String> {
        vec![
            "em-website".into(),
            "em-backups".into(),
            "em-restores".into(),
        ]
    }

    fn diff(
        before: &(Summary, IncidentHistory),
        after: &(Summary, IncidentHistory),
        sections: &[String],
    ) -> Vec<Change> {
        changes(
            Polled {
                summary: &before.0,
                history: &before.1,
            },
            Polled {
                summary: &after.0,
                history: &after.1,
            },
            sections,
        )
    }

    /// A new incident like the demo's first one, attached to `components` of `data` (none:
    /// every section).
    fn new_incident(
        data: &(Summary, IncidentHistory),
        id: &str,
        name: &str,
        components: &[&str],
    ) -> Incident {
        let mut incident = data.0.incidents[0].clone();
        incident.id = id.into();
        incident.name = name.into();
        for update in &mut incident.incident_updates {
            update.id = format!("{id}-{}", update.id);
            update.affected_components.clear();
        }
        incident.components = components
            .iter()
            .map(|c| data.0.component(c).unwrap().clone())
            .collect();
        incident
    }

    /// A copy of the demo incident's newest update with a new id, status and text.
    fn add_update(incident: &mut Incident, id: &str, status: IncidentStatus, body: &str) {
        let mut update = incident.latest_update().unwrap().clone();
        update.id = id.into();
        update.status = status;
        update.body = body.into();
        update.created_at += chrono::TimeDelta::minutes(30);
        incident.incident_updates.insert(0, update);
    }

    #[test]
    fn the_same_data_twice_is_no_news() {
        let data = demo();
        assert_eq!(diff(&data, &data.clone(), &all_sections()), vec![]);
        assert_eq!(notice("emea", "EMEA", &[], Lang::English), None);
    }

    #[test]
    fn a_new_update_on_a_chosen_section_is_news_with_its_text() {
        let before = demo();
        let mut after = before.clone();
        add_update(
            &mut after.0.incidents[0],
            "u-new",
            IncidentStatus::Monitoring,
            "A **fix** is deployed; backlog clearing.",
        );
        let news = diff(&before, &after, &["em-backups".into()]);
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Monitoring: Delayed Microsoft 365 backups"
        );
        assert_eq!(
            news[0].detail(Lang::English),
            "A fix is deployed; backlog clearing."
        );
        // The incident touches a Backups member only: a Website subscriber hears nothing.
        assert_eq!(diff(&before, &after, &["em-website".into()]), vec![]);
    }

    #[test]
    fn a_resolved_incident_moved_to_the_history_is_still_news() {
        let before = demo();
        let mut after = before.clone();
        let mut incident = after.0.incidents.remove(0);
        add_update(
            &mut incident,
            "u-resolved",
            IncidentStatus::Resolved,
            "All caught up.",
        );
        incident.status = IncidentStatus::Resolved;
        after.1.incidents.insert(0, incident);
        let news = diff(&before, &after, &all_sections());
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Resolved: Delayed Microsoft 365 backups"
        );
    }

    #[test]
    fn a_new_incident_and_a_member_status_change_make_one_notification() {
        let before = demo();
        let mut after = before.clone();
        let incident = new_incident(
            &after,
            "new-incident",
            "Restores are slow",
            &["em-restores"],
        );
        after.0.incidents.push(incident);
        let restores = after
            .0
            .components
            .iter_mut()
            .find(|c| c.id == "em-restores")
            .unwrap();
        restores.status = ComponentStatus::MajorOutage;

        let news = diff(&before, &after, &["em-restores".into()]);
        assert_eq!(
            news.iter()
                .map(|c| c.headline(Lang::English))
                .collect::<Vec<_>>(),
            vec![
                "New incident: Restores are slow".to_string(),
                "Restores/Downloads: Major outage".to_string()
            ]
        );
        let shown = notice("emea", "EMEA", &news, Lang::English).unwrap();
        assert_eq!(shown.title, "EMEA — 2 status changes");
        assert_eq!(
            shown.body,
            "New incident: Restores are slow\nRestores/Downloads: Major outage"
        );
        assert_eq!(
            shown.tag,
            "beacon:emea:new-incident,em-restores=major_outage"
        );
        // Not chosen: nothing.
        assert_eq!(diff(&before, &after, &["em-website".into()]), vec![]);
    }

    #[test]
    fn a_group_member_change_is_told_once_under_the_chosen_group() {
        let before = demo();
        let mut after = before.clone();
        for component in &mut after.0.components {
            if component.id == "em-backups-gws" || component.id == "em-backups" {
                component.status = ComponentStatus::DegradedPerformance;
            }
        }
        let news = diff(&before, &after, &["em-backups".into()]);
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Google Workspace backups: Degraded performance"
        );
        assert_eq!(news[0].detail(Lang::English), "Was: Operational.");
        let shown = notice("emea", "EMEA", &news, Lang::English).unwrap();
        assert_eq!(
            shown.title,
            "EMEA — Google Workspace backups: Degraded performance"
        );
    }

    #[test]
    fn notifications_speak_the_visitors_language_and_keep_the_datas_names() {
        let before = demo();
        let mut after = before.clone();
        add_update(
            &mut after.0.incidents[0],
            "u-new",
            IncidentStatus::Resolved,
            "All caught up.",
        );
        for component in &mut after.0.components {
            if component.id == "em-website" {
                component.status = ComponentStatus::PartialOutage;
            }
        }
        let news = diff(&before, &after, &all_sections());
        let shown = notice("emea", "EMEA", &news, Lang::German).unwrap();
        assert_eq!(shown.title, "EMEA — 2 Statusänderungen");
        assert_eq!(
            shown.body,
            "Behoben: Delayed Microsoft 365 backups\nWebsite: Teilausfall"
        );
        let one = notice("emea", "EMEA", &news[1..], Lang::French).unwrap();
        assert_eq!(one.title, "EMEA — Website\u{a0}: Panne partielle");
        assert_eq!(one.body, "Auparavant\u{a0}: Opérationnel.");
        let ja = notice("emea", "EMEA", &news[..1], Lang::Japanese).unwrap();
        assert_eq!(ja.title, "EMEA — 解決済み: Delayed Microsoft 365 backups");
        assert_eq!(
            ja.body, "All caught up.",
            "the operator's message stays as written"
        );
    }

    #[test]
    fn an_incident_without_components_concerns_every_section() {
        let before = demo();
        let mut after = before.clone();
        let incident = new_incident(&after, "everywhere", "Everything is slow", &[]);
        after.0.incidents.push(incident);
        assert_eq!(diff(&before, &after, &["em-website".into()]).len(), 1);
    }

    #[test]
    fn changes_carry_what_a_message_by_mail_needs() {
        let before = demo();
        let mut after = before.clone();
        let long = format!("First paragraph.\n\n{}", "More detail. ".repeat(30));
        add_update(
            &mut after.0.incidents[0],
            "u-mail",
            IncidentStatus::Monitoring,
            &long,
        );
        let mut maintenance = after.0.scheduled_maintenances[0].clone();
        maintenance.id = "new-maintenance".into();
        maintenance.name = "Restores move to new storage".into();
        maintenance.components = vec![after.0.component("em-restores").unwrap().clone()];
        after.0.scheduled_maintenances.push(maintenance);
        for component in &mut after.0.components {
            if component.id == "em-backups-gws" {
                component.status = ComponentStatus::MajorOutage;
            }
        }
        let news = diff(&before, &after, &all_sections());
        let [Change::NewIncident {
            id,
            maintenance,
            status,
            sections,
            ..
        }, Change::NewUpdate {
            id: incident_id,
            update_id,
            maintenance: update_in_maintenance,
            status: update_status,
            message,
            sections: update_sections,
            ..
        }, Change::StatusChange {
            id: component_id,
            section,
            from,
            to,
            ..
        }] = news.as_slice()
        else {
            panic!("expected a maintenance, an update and a status change: {news:?}");
        };
        assert_eq!(id, "new-maintenance");
        assert!(*maintenance);
        assert_eq!(*status, IncidentStatus::Scheduled);
        assert_eq!(sections, &["em-restores".to_string()]);

        assert_eq!(incident_id, "tb1xtvj5wamt");
        assert_eq!(update_id, "u-mail");
        assert!(!*update_in_maintenance);
        assert_eq!(*update_status, IncidentStatus::Monitoring);
        // A Microsoft 365 incident concerns the Backups section (its group).
        assert_eq!(update_sections, &["em-backups".to_string()]);
        // The whole message for a mail; the notification's detail is one cut line.
        assert!(
            message.starts_with("First paragraph.\nMore detail."),
            "{message:?}"
        );
        assert!(message.ends_with("More detail."), "{message:?}");
        let detail = news[1].detail(Lang::English);
        assert!(detail.ends_with('…') && !detail.contains('\n'), "{detail}");

        assert_eq!(component_id, "em-backups-gws");
        assert_eq!(section, "em-backups");
        assert_eq!(
            (from, to),
            (&ComponentStatus::Operational, &ComponentStatus::MajorOutage)
        );
        let keys: Vec<String> = news.iter().map(Change::key).collect();
        assert_eq!(
            keys,
            ["new-maintenance", "u-mail", "em-backups-gws=major_outage"]
        );
    }

    #[test]
    fn an_incident_touching_two_sections_names_both_in_page_order() {
        let before = demo();
        let mut after = before.clone();
        let incident = new_incident(
            &after,
            "two-sections",
            "Slow storage",
            &["em-restores", "em-backups-servers", "em-backups-m365"],
        );
        after.0.incidents.push(incident);
        let news = diff(&before, &after, &["em-restores".into()]);
        let [Change::NewIncident { sections, .. }] = news.as_slice() else {
            panic!("one new incident expected: {news:?}");
        };
        assert_eq!(
            sections,
            &["em-backups".to_string(), "em-restores".to_string()]
        );
    }

    #[test]
    fn long_messages_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.ends_with("word…"), "{short}");
        assert!(short.chars().count() <= NOTICE_TEXT_CHARS + 1);
    }
}
