//! Change detection on the published demo data: what two polls of a region tell a visitor or a
//! subscriber who chose some sections, and the browser notification that says it.

use beacon_core::i18n::Lang;
use beacon_core::notify::{changes, notice, Change, Polled};
use beacon_core::status::model::{
    parse_history, parse_summary, ComponentStatus, Incident, IncidentHistory, IncidentStatus,
    Summary,
};

const SUMMARY: &str = include_str!("../../../public/data/emea/summary.json");
const HISTORY: &str = include_str!("../../../public/data/emea/history.json");

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
fn a_status_change_an_update_records_is_told_with_the_update_only() {
    let before = demo();
    let mut after = before.clone();
    add_update(
        &mut after.0.incidents[0],
        "u-website",
        IncidentStatus::Identified,
        "The website is affected too.",
    );
    after.0.incidents[0].incident_updates[0].affected_components =
        vec![beacon_core::status::AffectedComponent {
            code: Some("em-website".into()),
            name: "Website".into(),
            old_status: Some(ComponentStatus::Operational),
            new_status: Some(ComponentStatus::PartialOutage),
        }];
    for component in &mut after.0.components {
        if component.id == "em-website" {
            component.status = ComponentStatus::PartialOutage;
        }
        if component.id == "em-backups-gws" {
            component.status = ComponentStatus::MajorOutage;
        }
    }
    let news = diff(&before, &after, &all_sections());
    let keys: Vec<String> = news.iter().map(Change::key).collect();
    // The website's change came with the update; Google Workspace's came on its own.
    assert_eq!(keys, ["u-website", "em-backups-gws=major_outage"]);
}
