//! Real Statuspage files captured from public status pages (see
//! tests/data/status/real_summary_SOURCES.md) parse completely and give a sensible banner.
//!
//! The captures come from other people's repositories, so they are not committed here: these
//! tests read them from the directory named by `BEACON_REAL_STATUSPAGE_DIR` (default
//! `../shared/statuspage`, beside the repository) and are ignored in the default run. Run them
//! with `cargo test --test status_real -- --ignored` once the files are in place.
#![cfg(not(target_arch = "wasm32"))]

fn real_file(name: &str) -> String {
    let dir = std::env::var("BEACON_REAL_STATUSPAGE_DIR").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../..",
            "/../shared/statuspage"
        )
        .to_string()
    });
    let path = format!("{dir}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

use beacon_core::status::{
    overall_status, parse_markup, parse_summary, ComponentStatus, IncidentStatus, Indicator,
};
use chrono::{DateTime, Utc};

#[test]
#[ignore = "needs the real captures in BEACON_REAL_STATUSPAGE_DIR"]
fn circleci_2016_summary_with_a_degraded_component() {
    let text = &real_file("real_summary_circleci_2016.json");
    let summary = parse_summary("real_summary_circleci_2016.json", text).expect("parses");
    assert_eq!(summary.page.name, "CircleCI");
    assert_eq!(summary.components.len(), 9);
    assert_eq!(summary.incidents.len(), 10);
    let heroku = summary
        .components
        .iter()
        .find(|c| c.name == "Heroku")
        .unwrap();
    assert_eq!(heroku.status, ComponentStatus::DegradedPerformance);
    assert!(summary
        .incidents
        .iter()
        .all(|i| i.status == IncidentStatus::Resolved && i.resolved_at.is_some()));
    let first_update = &summary.incidents[0].incident_updates[0];
    assert_eq!(first_update.affected_components[0].code, None);
    assert_eq!(
        first_update.affected_components[0].name,
        "No components were affected by this update."
    );

    let now: DateTime<Utc> = "2016-06-15T00:05:00Z".parse().unwrap();
    let overall = overall_status(&summary, now);
    assert_eq!(overall.indicator, Indicator::Minor);
    assert_eq!(
        overall.indicator_mismatch(),
        None,
        "Beacon agrees with Statuspage here"
    );
    assert!(overall.active_incidents.is_empty());

    for incident in &summary.incidents {
        for update in &incident.incident_updates {
            assert!(!parse_markup(&update.body).is_empty());
        }
    }
    let again = parse_summary("again", &serde_json::to_string(&summary).unwrap()).unwrap();
    assert_eq!(again, summary);
}

#[test]
#[ignore = "needs the real captures in BEACON_REAL_STATUSPAGE_DIR"]
fn github_2019_summary_all_operational() {
    let text = &real_file("real_summary_github_2019.json");
    let summary = parse_summary("real_summary_github_2019.json", text).expect("parses");
    assert_eq!(summary.page.time_zone.as_deref(), Some("Etc/UTC"));
    assert_eq!(summary.components.len(), 9);
    assert!(summary.components.iter().all(|c| c.status.is_operational()));
    let now: DateTime<Utc> = "2019-12-30T08:20:00Z".parse().unwrap();
    let overall = overall_status(&summary, now);
    assert_eq!(overall.indicator, Indicator::None);
    assert_eq!(
        beacon_core::words::indicator_words(&overall.indicator, beacon_core::i18n::Lang::English),
        "All systems operational"
    );
    assert_eq!(overall.indicator_mismatch(), None);
}
