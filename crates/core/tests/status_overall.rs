//! The derived banner and the section list.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{
    overall_status, parse_summary, sections, ComponentStatus, Indicator, Summary,
};
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    "2026-11-21T12:00:00Z".parse().unwrap()
}

fn summary(indicator: &str, components: &str, incidents: &str, maintenances: &str) -> Summary {
    let text = format!(
        r#"{{"page": {{"id": "p", "name": "P"}}, "status": {{"indicator": "{indicator}"}},
        "components": [{components}], "incidents": [{incidents}],
        "scheduled_maintenances": [{maintenances}]}}"#
    );
    parse_summary("s.json", &text).unwrap()
}

const THREE: &str = r#"
  {"id": "rd", "name": "Restores/Downloads", "status": "operational", "position": 3},
  {"id": "web", "name": "Website", "status": "operational", "position": 1},
  {"id": "bk", "name": "Backups", "status": "operational", "position": 2, "group": true,
   "components": ["m365", "gws"]},
  {"id": "gws", "name": "Google Workspace backups", "status": "operational", "group_id": "bk", "position": 2},
  {"id": "m365", "name": "Microsoft 365 backups", "status": "major_outage", "group_id": "bk", "position": 1}"#;

#[test]
fn the_banner_follows_the_worst_component_not_the_files_claim() {
    let s = summary("none", THREE, "", "");
    let overall = overall_status(&s, now());
    assert_eq!(overall.worst_component_status, ComponentStatus::MajorOutage);
    assert_eq!(overall.indicator, Indicator::Critical);
    assert_eq!(overall.claimed_indicator, Indicator::None);
    let note = overall.indicator_mismatch().expect("disagreement reported");
    assert!(
        note.contains("\"none\"") && note.contains("\"critical\""),
        "{note}"
    );
}

#[test]
fn an_all_operational_page_agrees_with_its_file() {
    let s = summary(
        "none",
        &THREE.replace("major_outage", "operational"),
        "",
        "",
    );
    let overall = overall_status(&s, now());
    assert_eq!(overall.indicator, Indicator::None);
    assert_eq!(overall.indicator_mismatch(), None);
}

#[test]
fn open_incidents_and_running_maintenance_raise_the_banner() {
    let calm = THREE.replace("major_outage", "operational");
    let incident = r#"{"id": "i", "name": "Slow", "status": "monitoring", "impact": "major",
        "created_at": "2026-11-21T10:00:00Z"}"#;
    let resolved = r#"{"id": "r", "name": "Old", "status": "resolved", "impact": "critical",
        "created_at": "2026-11-20T10:00:00Z", "resolved_at": "2026-11-20T11:00:00Z"}"#;
    let s = summary("major", &calm, &format!("{incident},{resolved}"), "");
    let overall = overall_status(&s, now());
    assert_eq!(overall.indicator, Indicator::Major);
    assert_eq!(
        overall.active_incidents.len(),
        1,
        "resolved incidents are not active"
    );

    let running = r#"{"id": "m", "name": "Upgrade", "status": "scheduled", "impact": "maintenance",
        "created_at": "2026-11-15T00:00:00Z", "scheduled_for": "2026-11-21T11:00:00Z",
        "scheduled_until": "2026-11-21T13:00:00Z"}"#;
    let later = r#"{"id": "l", "name": "Later", "status": "scheduled", "impact": "maintenance",
        "created_at": "2026-11-15T00:00:00Z", "scheduled_for": "2026-11-24T11:00:00Z",
        "scheduled_until": "2026-11-24T13:00:00Z"}"#;
    let s = summary("maintenance", &calm, "", &format!("{later},{running}"));
    let overall = overall_status(&s, now());
    assert_eq!(overall.indicator, Indicator::Maintenance);
    assert_eq!(overall.maintenances_in_progress[0].id, "m");
    assert_eq!(overall.upcoming_maintenances[0].id, "l");
    let after: DateTime<Utc> = "2026-11-21T13:30:00Z".parse().unwrap();
    let past_end = overall_status(&s, after);
    assert_eq!(past_end.indicator, Indicator::None);
    // Nobody completed the window that ended: it is overdue, never upcoming again.
    let ids = |list: &[beacon_core::status::Incident]| -> Vec<String> {
        list.iter().map(|m| m.id.clone()).collect()
    };
    assert_eq!(ids(&past_end.overdue_maintenances), ["m"]);
    assert_eq!(ids(&past_end.upcoming_maintenances), ["l"]);
    assert!(past_end.maintenances_in_progress.is_empty());
    // As the clock passes the later window's times it moves on by itself.
    let during: DateTime<Utc> = "2026-11-24T12:00:00Z".parse().unwrap();
    assert_eq!(
        ids(&overall_status(&s, during).maintenances_in_progress),
        ["l"]
    );
    let done: DateTime<Utc> = "2026-11-24T13:00:00Z".parse().unwrap();
    assert_eq!(
        ids(&overall_status(&s, done).overdue_maintenances),
        ["m", "l"]
    );
}

#[test]
fn sections_follow_the_configured_order_and_groups_show_their_worst_member() {
    let s = summary("critical", THREE, "", "");
    let order: Vec<String> = ["bk", "web", "gws", "m365"].map(String::from).into();
    let shown = sections(&s, &order);
    let names: Vec<&str> = shown.iter().map(|s| s.component.name.as_str()).collect();
    assert_eq!(names, ["Backups", "Website", "Restores/Downloads"]);
    assert_eq!(shown[0].status, ComponentStatus::MajorOutage);
    let members: Vec<&str> = shown[0].members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(members, ["gws", "m365"]);
    let by_position = sections(&s, &[]);
    let names: Vec<&str> = by_position
        .iter()
        .map(|s| s.component.name.as_str())
        .collect();
    assert_eq!(names, ["Website", "Backups", "Restores/Downloads"]);
}

#[test]
fn components_shown_only_when_degraded_are_hidden_while_operational() {
    let extra = r#",{"id": "x", "name": "Legacy API", "status": "operational", "only_show_if_degraded": true}"#;
    let s = summary("critical", &format!("{THREE}{extra}"), "", "");
    assert!(sections(&s, &[]).iter().all(|s| s.component.id != "x"));
    let s = summary(
        "critical",
        &format!(
            "{THREE}{}",
            extra.replace("\"operational\"", "\"partial_outage\"")
        ),
        "",
        "",
    );
    assert!(sections(&s, &[]).iter().any(|s| s.component.id == "x"));
}
