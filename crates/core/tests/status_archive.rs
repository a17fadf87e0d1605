//! The published split of a region's history: which incidents the live page's recent file
//! holds, which quarter each belongs to, the index the history pages page by, and the filters
//! of a history page.

use beacon_core::period::Period;
use beacon_core::status::archive::{is_recent, parse_index, split_history, RECENT_DAYS};
use beacon_core::status::history::{period_page, HistoryFilter};
use beacon_core::status::model::{
    parse_history, parse_summary, Incident, IncidentHistory, Summary,
};
use chrono::{DateTime, Utc};

const PAGE: &str =
    r#""page": {"id": "p", "name": "EMEA", "url": "", "updated_at": "2026-11-20T10:00:00Z"}"#;

fn summary(incidents: &[String]) -> Summary {
    parse_summary(
        "summary.json",
        &format!(
            r#"{{ {PAGE}, "status": {{"indicator": "none", "description": "ok"}},
            "components": [
              {{"id": "backups", "name": "Backups", "status": "operational", "group": true, "components": ["m365"]}},
              {{"id": "m365", "name": "Microsoft 365", "status": "operational", "group_id": "backups"}},
              {{"id": "website", "name": "Website", "status": "operational"}}],
            "incidents": [{}], "scheduled_maintenances": [] }}"#,
            incidents.join(",")
        ),
    )
    .unwrap()
}

fn history(incidents: &[String]) -> IncidentHistory {
    parse_history(
        "history.json",
        &format!(r#"{{ {PAGE}, "incidents": [{}] }}"#, incidents.join(",")),
    )
    .unwrap()
}

/// A resolved incident begun at `began` and resolved at `resolved`.
fn resolved(id: &str, began: &str, resolved: &str) -> String {
    format!(
        r#"{{"id": "{id}", "name": "Incident {id}", "status": "resolved", "impact": "minor",
            "created_at": "{began}", "updated_at": "{resolved}", "resolved_at": "{resolved}",
            "incident_updates": [{{"id": "{id}-u", "status": "resolved", "created_at": "{resolved}",
                "body": "Fixed for {id}."}}],
            "components": []}}"#
    )
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn ids(list: &[Incident]) -> Vec<&str> {
    list.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn the_recent_file_ends_exactly_ninety_days_back() {
    let as_of = at("2026-11-20T10:00:00Z");
    assert_eq!(RECENT_DAYS, 90);
    let data = history(&[
        // Resolved exactly 90 days before: still shown on the oldest bar.
        resolved("edge", "2026-08-22T09:00:00Z", "2026-08-22T10:00:00Z"),
        // Resolved a second before the window.
        resolved("gone", "2026-08-22T09:00:00Z", "2026-08-22T09:59:59Z"),
        // Begun long before, resolved inside the window: it colours the oldest bars.
        resolved("long", "2026-08-01T00:00:00Z", "2026-08-25T00:00:00Z"),
    ]);
    let split = split_history(&summary(&[]), &data, as_of);
    assert_eq!(ids(&split.recent.incidents), ["edge", "long"]);
    // Every incident is in its quarter's file, recent or not.
    assert_eq!(split.periods.len(), 1);
    assert_eq!(split.periods[0].0.to_string(), "2026-q3");
    assert_eq!(ids(&split.periods[0].1.incidents), ["edge", "gone", "long"]);
}

#[test]
fn an_open_incident_is_recent_however_old() {
    let open: Incident = serde_json::from_str(
        r#"{"id": "x", "name": "Still open", "status": "monitoring", "created_at": "2025-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    assert!(is_recent(&open, at("2026-11-20T10:00:00Z")));
}

#[test]
fn quarters_split_at_their_first_instant_as_the_data_writes_it() {
    let data = history(&[
        resolved(
            "q4-first",
            "2026-10-01T00:00:00+02:00",
            "2026-10-01T01:00:00+02:00",
        ),
        resolved(
            "q3-last",
            "2026-09-30T23:59:59+02:00",
            "2026-10-01T01:00:00+02:00",
        ),
        resolved("q1", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
        resolved("q4-before", "2025-12-31T23:59:59Z", "2026-01-01T01:00:00Z"),
    ]);
    let open = r#"{"id": "now", "name": "Open", "status": "investigating", "impact": "major",
            "created_at": "2026-11-19T08:00:00Z", "components": []}"#
        .to_string();
    let split = split_history(&summary(&[open]), &data, at("2026-11-20T10:00:00Z"));
    let periods: Vec<(String, Vec<&str>)> = split
        .periods
        .iter()
        .map(|(period, file)| (period.to_string(), ids(&file.incidents)))
        .collect();
    assert_eq!(
        periods,
        [
            ("2026-q4".to_string(), vec!["now", "q4-first"]),
            ("2026-q3".to_string(), vec!["q3-last"]),
            ("2026-q1".to_string(), vec!["q1"]),
            ("2025-q4".to_string(), vec!["q4-before"]),
        ]
    );
    // The index lists the same periods and counts, newest first, and reads back.
    let index = &split.index;
    let counts: Vec<(String, usize)> = index
        .periods
        .iter()
        .map(|entry| (entry.period.to_string(), entry.incidents))
        .collect();
    assert_eq!(
        counts,
        [
            ("2026-q4".to_string(), 2),
            ("2026-q3".to_string(), 1),
            ("2026-q1".to_string(), 1),
            ("2025-q4".to_string(), 1)
        ]
    );
    let json = serde_json::to_vec(index).unwrap();
    assert_eq!(&parse_index("index.json", &json).unwrap(), index);
    // Paging skips quarters without incidents; a quarter not listed still has neighbours.
    let q = |text| Period::parse(text).unwrap();
    assert_eq!(
        index.neighbours(q("2026-q3")),
        (Some(q("2026-q1")), Some(q("2026-q4")))
    );
    assert_eq!(
        index.neighbours(q("2026-q2")),
        (Some(q("2026-q1")), Some(q("2026-q3")))
    );
    assert_eq!(index.neighbours(q("2026-q4")), (Some(q("2026-q3")), None));
    assert_eq!(index.count(q("2026-q2")), 0);
}

#[test]
fn a_broken_index_names_its_file_and_field() {
    let error = parse_index(
        "data/emea/history/index.json",
        br#"{"recent_days": 90, "periods": [{"period": "2026-11", "incidents": 1}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("data/emea/history/index.json"), "{error}");
    assert!(error.contains("periods[0].period"), "{error}");
}

#[test]
fn a_history_page_filters_by_section_impact_and_words() {
    let with = |id: &str, impact: &str, component: &str, body: &str| {
        format!(
            r#"{{"id": "{id}", "name": "Title {id}", "status": "resolved", "impact": "{impact}",
                "created_at": "2026-08-0{n}T08:00:00Z", "resolved_at": "2026-08-0{n}T09:00:00Z",
                "incident_updates": [{{"id": "{id}-u", "status": "resolved",
                    "created_at": "2026-08-0{n}T09:00:00Z", "body": "{body}",
                    "affected_components": [{{"code": "{component}", "name": "x",
                        "old_status": "major_outage", "new_status": "operational"}}]}}],
                "components": []}}"#,
            n = id.len()
        )
    };
    let file = history(&[
        with("a", "minor", "m365", "Mailbox exports were slow."),
        with("bb", "major", "website", "The portal was down."),
        with("ccc", "major", "backups", "Storage in Frankfurt was full."),
    ]);
    let summary = summary(&[]);
    let q3 = Period::parse("2026-q3").unwrap();
    let shown = |section: Option<&str>, impact: Option<&str>, q: Option<&str>| {
        let filter = HistoryFilter::from_query(section, impact, q);
        period_page(&summary, &file, q3, &filter)
            .iter()
            .flat_map(|month| month.incidents.iter().map(|i| i.id.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(None, None, None), ["ccc", "bb", "a"]);
    // A group's section takes its members' incidents too.
    assert_eq!(shown(Some("backups"), None, None), ["ccc", "a"]);
    assert_eq!(shown(Some("website"), None, None), ["bb"]);
    assert_eq!(shown(None, Some("major"), None), ["ccc", "bb"]);
    assert_eq!(shown(Some("backups"), Some("major"), None), ["ccc"]);
    assert_eq!(shown(None, None, Some("frankfurt")), ["ccc"]);
    assert_eq!(shown(None, None, Some("TITLE bb")), ["bb"]);
    assert_eq!(shown(None, Some("critical"), None), Vec::<String>::new());
    assert!(shown(None, None, Some("nothing like this")).is_empty());
    // Another quarter shows none of them.
    let other = period_page(&summary, &file, q3.next(), &HistoryFilter::default());
    assert!(other.is_empty());
    assert!(HistoryFilter::from_query(Some(""), Some(" "), Some("  ")).is_empty());
}
