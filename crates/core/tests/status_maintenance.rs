//! Maintenance on its own clock: Statuspage's automation fields are read, checked with errors
//! naming the file and the field, kept through the v2 endpoints, and place a window on the page
//! as the clock implies.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::maintenance::{advance_maintenances, Transition};
use beacon_core::status::v2::v2_files;
use beacon_core::status::validate::summary_problems;
use beacon_core::status::{
    overall_status, parse_summary, IncidentHistory, IncidentStatus, Summary,
};
use chrono::{DateTime, Utc};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Twilio's real summary (tests/data/statuspage), its first upcoming maintenance given the
/// automation fields Statuspage's management API carries (the public captures leave them out).
fn twilio_with(fields: &str) -> Summary {
    let path = format!(
        "{}/../../tests/data/statuspage/twilio-summary.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let extra: serde_json::Value = serde_json::from_str(fields).unwrap();
    let first = value["scheduled_maintenances"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["status"] == "scheduled")
        .unwrap();
    for (key, field) in extra.as_object().unwrap() {
        first[key] = field.clone();
    }
    parse_summary("twilio-summary.json", &value.to_string()).unwrap()
}

const AUTOMATION: &str = r#"{
    "scheduled_auto_in_progress": true, "scheduled_auto_completed": true,
    "scheduled_remind_prior": true, "scheduled_reminded_at": "2023-03-09T12:00:00-08:00",
    "auto_transition_to_maintenance_state": true, "auto_transition_to_operational_state": false,
    "auto_transition_deliver_notifications_at_start": true,
    "auto_transition_deliver_notifications_at_end": false}"#;

#[test]
fn the_automation_fields_survive_the_v2_endpoints_as_statuspage_names_them() {
    let summary = twilio_with(AUTOMATION);
    assert!(summary_problems("twilio-summary.json", &summary).is_empty());
    let marked = summary
        .scheduled_maintenances
        .iter()
        .find(|m| m.scheduled_auto_in_progress.is_some())
        .unwrap()
        .clone();
    let history = IncidentHistory {
        page: summary.page.clone(),
        incidents: Vec::new(),
    };
    let files = v2_files(&summary, &history, at("2023-03-09T11:00:00Z"));
    for endpoint in ["summary.json", "scheduled-maintenances/upcoming.json"] {
        let body = &files.iter().find(|(path, _)| path == endpoint).unwrap().1;
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        let served = value["scheduled_maintenances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == marked.id.as_str())
            .unwrap_or_else(|| panic!("{endpoint} lists {}", marked.id));
        let expected: serde_json::Value = serde_json::from_str(AUTOMATION).unwrap();
        for (key, field) in expected.as_object().unwrap() {
            assert_eq!(&served[key], field, "{endpoint}: {key}");
        }
        let again: beacon_core::status::Incident = serde_json::from_value(served.clone()).unwrap();
        assert_eq!(again, marked, "{endpoint}");
    }
    // Without the fields nothing is added: the real captures round-trip byte for byte in shape.
    let plain = twilio_with("{}");
    let text = serde_json::to_string(&plain).unwrap();
    assert!(!text.contains("scheduled_auto"), "no field invented");
}

#[test]
fn a_wrong_value_is_reported_with_the_file_and_the_field() {
    let path = format!(
        "{}/../../tests/data/statuspage/twilio-summary.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap().replacen(
        r#""scheduled_for""#,
        r#""scheduled_auto_completed": "yes", "scheduled_for""#,
        1,
    );
    let err = parse_summary("twilio-summary.json", &text).unwrap_err();
    assert_eq!(err.file, "twilio-summary.json");
    assert!(
        err.path.ends_with("scheduled_auto_completed"),
        "{}",
        err.path
    );
    assert!(err.reason.contains("expected a boolean"), "{}", err.reason);
}

#[test]
fn automation_on_an_incident_or_without_an_end_is_refused_by_name() {
    let summary = parse_summary(
        "emea/summary.json",
        r#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"},
        "scheduled_maintenances": [{"id": "m", "name": "Upgrade", "status": "scheduled",
            "impact": "maintenance", "created_at": "2026-11-20T09:00:00Z",
            "scheduled_for": "2026-11-21T01:00:00Z", "scheduled_auto_completed": true}],
        "incidents": [{"id": "i", "name": "Slow", "status": "investigating", "impact": "minor",
            "created_at": "2026-11-20T09:00:00Z", "scheduled_auto_in_progress": true}]}"#,
    )
    .unwrap();
    let problems: Vec<(String, String)> = summary_problems("emea/summary.json", &summary)
        .into_iter()
        .map(|p| (p.path, p.reason))
        .collect();
    assert!(
        problems.iter().any(
            |(path, reason)| path == "scheduled_maintenances[0].scheduled_until"
                && reason.contains("scheduled_auto_completed")
        ),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(
            |(path, reason)| path == "incidents[0].scheduled_auto_in_progress"
                && reason.contains("no scheduled_for")
        ),
        "{problems:#?}"
    );
}

#[test]
fn the_page_places_an_automatic_window_upcoming_in_progress_then_completed() {
    let summary =
        twilio_with(r#"{"scheduled_auto_in_progress": true, "scheduled_auto_completed": true}"#);
    let window = summary
        .scheduled_maintenances
        .iter()
        .find(|m| m.scheduled_auto_completed == Some(true))
        .unwrap();
    let (start, end) = (
        window.scheduled_for.unwrap().to_utc(),
        window.scheduled_until.unwrap().to_utc(),
    );
    let placed = |now: DateTime<Utc>| {
        let overall = overall_status(&summary, now);
        let has = |list: &[beacon_core::status::Incident]| list.iter().any(|m| m.id == window.id);
        (
            has(&overall.upcoming_maintenances),
            has(&overall.maintenances_in_progress),
            has(&overall.overdue_maintenances),
        )
    };
    assert_eq!(
        placed(start - chrono::TimeDelta::minutes(1)),
        (true, false, false)
    );
    assert_eq!(placed(start), (false, true, false));
    assert_eq!(placed(end), (false, false, false), "completed, not overdue");

    // Written, the same transitions land in the data once.
    let mut written = summary.clone();
    let done = advance_maintenances(&mut written, end.fixed_offset(), None);
    let mine: Vec<_> = done
        .iter()
        .filter(|d| d.id == window.id)
        .map(|d| &d.transition)
        .collect();
    assert_eq!(mine, [&Transition::Started, &Transition::Completed]);
    let after = written
        .scheduled_maintenances
        .iter()
        .find(|m| m.id == window.id)
        .unwrap();
    assert_eq!(after.status, IncidentStatus::Completed);
    assert!(summary_problems("twilio-summary.json", &written)
        .iter()
        .all(|p| !p.path.contains("incident_updates")));
}
