//! The Statuspage data model: tolerant reading, faithful round trips, errors with JSON paths.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::i18n::Lang;
use beacon_core::status::{
    parse_history, parse_summary, ComponentStatus, Impact, IncidentStatus, Indicator,
};
use beacon_core::words::{indicator_words, status_word, update_status_label};

/// A small summary in the exact Statuspage shape, with one group, one incident, one maintenance.
const SUMMARY: &str = r#"{
  "page": {"id": "p1", "name": "Beacon EMEA", "url": "https://status.example.com/emea",
           "time_zone": "Europe/Berlin", "updated_at": "2026-11-21T10:00:00+01:00"},
  "status": {"indicator": "minor", "description": "Minor Service Outage"},
  "components": [
    {"id": "web", "name": "Website", "status": "operational", "position": 1,
     "description": null, "group_id": null, "group": false, "only_show_if_degraded": false,
     "showcase": true, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2026-11-21T09:00:00Z",
     "start_date": "2024-01-01"},
    {"id": "bk", "name": "Backups", "status": "partial_outage", "position": 2, "group": true,
     "components": ["bk-m365", "bk-gws"]},
    {"id": "bk-m365", "name": "Microsoft 365 backups", "status": "partial_outage", "group_id": "bk"},
    {"id": "bk-gws", "name": "Google Workspace backups", "status": "operational", "group_id": "bk"}
  ],
  "incidents": [
    {"id": "i1", "name": "Delayed Microsoft 365 backups", "status": "identified",
     "impact": "major", "shortlink": "https://stspg.io/x", "created_at": "2026-11-21T08:00:00Z",
     "started_at": "2026-11-21T07:45:00Z", "monitoring_at": null, "resolved_at": null,
     "incident_updates": [
       {"id": "u2", "status": "identified", "body": "Throttling by the **provider**.",
        "created_at": "2026-11-21T08:30:00Z", "display_at": "2026-11-21T08:30:00Z",
        "affected_components": null},
       {"id": "u1", "status": "investigating", "body": "Looking into it.",
        "created_at": "2026-11-21T08:00:00Z",
        "affected_components": [{"code": "bk-m365", "name": "Microsoft 365 backups",
          "old_status": "operational", "new_status": "partial_outage"}]}
     ],
     "components": []}
  ],
  "scheduled_maintenances": [
    {"id": "m1", "name": "Storage migration", "status": "scheduled", "impact": "maintenance",
     "created_at": "2026-11-20T08:00:00Z", "scheduled_for": "2026-11-23T01:00:00Z",
     "scheduled_until": "2026-11-23T03:00:00Z", "incident_updates": [],
     "components": [{"id": "rd", "name": "Restores/Downloads", "status": "operational"}]}
  ]
}"#;

#[test]
fn reads_every_part_of_a_statuspage_summary() {
    let summary = parse_summary("summary.json", SUMMARY).expect("valid summary");
    assert_eq!(summary.page.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(summary.status.indicator, Indicator::Minor);
    assert_eq!(summary.components.len(), 4);
    let backups = summary.component("bk").expect("group");
    assert!(backups.group);
    assert_eq!(backups.components, ["bk-m365", "bk-gws"]);
    assert_eq!(
        summary.component("web").and_then(|c| c.start_date),
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
    );
    let incident = &summary.incidents[0];
    assert_eq!(incident.impact, Impact::Major);
    assert_eq!(incident.affected_component_ids(), ["bk-m365"]);
    assert_eq!(incident.latest_update().map(|u| u.id.as_str()), Some("u2"));
    assert!(incident.is_open() && !incident.is_maintenance());
    let maintenance = &summary.scheduled_maintenances[0];
    assert!(maintenance.is_maintenance());
    assert_eq!(maintenance.affected_component_ids(), ["rd"]);
    assert_eq!(maintenance.began_at(), maintenance.scheduled_for.unwrap());
}

#[test]
fn a_file_with_only_the_required_fields_is_read() {
    let text = r#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"}}"#;
    let summary = parse_summary("min.json", text).expect("minimal summary");
    assert!(summary.components.is_empty());
    assert!(summary.incidents.is_empty() && summary.scheduled_maintenances.is_empty());
    assert_eq!(summary.page.updated_at, None);
}

#[test]
fn null_lists_and_flags_read_as_empty() {
    let text = r#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"},
        "components": [{"id": "c", "name": "C", "status": "operational", "group": null,
                        "components": null, "showcase": null}],
        "incidents": null, "scheduled_maintenances": null}"#;
    let summary = parse_summary("nulls.json", text).expect("nulls tolerated");
    assert!(!summary.components[0].group);
    assert!(summary.components[0].components.is_empty());
}

#[test]
fn unknown_enum_values_are_kept_and_written_back_verbatim() {
    let text = r#"{"page": {"id": "p", "name": "P"},
        "status": {"indicator": "catastrophic", "description": "?"},
        "components": [{"id": "c", "name": "C", "status": "on_fire"}],
        "incidents": [{"id": "i", "name": "I", "status": "escalated", "impact": "huge",
                       "created_at": "2026-11-21T00:00:00Z"}]}"#;
    let summary = parse_summary("future.json", text).expect("unknown values tolerated");
    let status = &summary.components[0].status;
    assert_eq!(status, &ComponentStatus::Unknown("on_fire".into()));
    assert_eq!(status_word(status, Lang::English), "Status unknown");
    assert!(
        !status.is_operational(),
        "an unreadable status is never shown as operational"
    );
    assert!(status.severity_rank() > ComponentStatus::UnderMaintenance.severity_rank());
    assert_eq!(
        summary.incidents[0].status,
        IncidentStatus::Unknown("escalated".into())
    );
    let written = serde_json::to_value(&summary).unwrap();
    assert_eq!(written["components"][0]["status"], "on_fire");
    assert_eq!(written["incidents"][0]["impact"], "huge");
    assert_eq!(written["status"]["indicator"], "catastrophic");
}

#[test]
fn summaries_round_trip_through_serde_unchanged() {
    let summary = parse_summary("summary.json", SUMMARY).unwrap();
    let text = serde_json::to_string_pretty(&summary).unwrap();
    let again = parse_summary("again.json", &text).unwrap();
    assert_eq!(summary, again);
    // Statuspage writes the group's member list only on groups, and nulls for absent values.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(value["components"][0].get("components").is_none());
    assert_eq!(value["components"][1]["components"][1], "bk-gws");
    assert!(value["incidents"][0]["resolved_at"].is_null());
}

#[test]
fn timestamps_keep_the_page_offset_and_compare_by_instant() {
    let summary = parse_summary("summary.json", SUMMARY).unwrap();
    let updated = summary.page.updated_at.unwrap();
    assert_eq!(updated.offset().local_minus_utc(), 3600);
    let utc: chrono::DateTime<chrono::Utc> = "2026-11-21T09:00:00Z".parse().unwrap();
    assert_eq!(updated, utc);
    let written = serde_json::to_value(&summary.page).unwrap();
    assert_eq!(written["updated_at"], "2026-11-21T10:00:00+01:00");
}

#[test]
fn a_bad_timestamp_is_reported_with_its_json_path() {
    let text = SUMMARY.replace(
        r#""created_at": "2026-11-21T08:00:00Z",
        "affected_components""#,
        r#""created_at": "yesterday",
        "affected_components""#,
    );
    assert_ne!(text, SUMMARY, "fixture edit must apply");
    let err = parse_summary("emea/summary.json", &text).unwrap_err();
    assert_eq!(err.file, "emea/summary.json");
    assert_eq!(err.path, "incidents[0].incident_updates[1].created_at");
    assert!(
        err.reason.contains("line 24"),
        "serde's position stays in the reason: {}",
        err.reason
    );
    assert!(err
        .to_string()
        .starts_with("emea/summary.json at incidents[0].incident_updates[1].created_at: "));
}

#[test]
fn a_missing_required_field_is_reported_at_that_field() {
    let text = SUMMARY.replace(r#""id": "u2", "#, "");
    let err = parse_summary("s.json", &text).unwrap_err();
    assert_eq!(err.path, "incidents[0].incident_updates[0].id");
    assert!(
        err.reason.starts_with("missing field `id`"),
        "{}",
        err.reason
    );
}

#[test]
fn a_value_of_the_wrong_type_is_reported_at_that_value() {
    let text = SUMMARY.replace(r#""position": 2"#, r#""position": "second""#);
    let err = parse_summary("s.json", &text).unwrap_err();
    assert_eq!(err.path, "components[1].position");
    let text = SUMMARY.replace(r#""group_id": "bk"}"#, r#""group_id": 7}"#);
    let err = parse_summary("s.json", &text).unwrap_err();
    assert_eq!(err.path, "components[2].group_id");
}

#[test]
fn broken_json_is_reported_where_it_breaks() {
    let text = SUMMARY.replace(
        r#""body": "Looking into it.","#,
        r#""body": "Looking into it.",,"#,
    );
    let err = parse_summary("s.json", &text).unwrap_err();
    assert_eq!(err.path, "incidents[0].incident_updates[1]");
    assert!(err.reason.contains("line"), "{}", err.reason);
    let err = parse_summary("s.json", "").unwrap_err();
    assert_eq!(err.path, "");
    assert_eq!(err.to_string(), format!("s.json: {}", err.reason));
}

#[test]
fn keys_that_are_not_identifiers_are_quoted_in_paths() {
    let text = r#"{"page": {"id": "p", "name": "P"}, "status": {"indicator": "none"},
        "components": [{"id": "c", "name": "C", "status": "operational", "odd key": 1,
        "updated_at": "never"}]}"#;
    let err = parse_summary("s.json", text).unwrap_err();
    assert_eq!(err.path, "components[0].updated_at");
    let text = r#"{"page": {"id": "p", "name": "P", "a.b\"c": {"x": [1, {"y": 2}]}}, "status": 3}"#;
    let err = parse_summary("s.json", text).unwrap_err();
    assert_eq!(err.path, "status");
}

#[test]
fn history_files_read_past_incidents_and_maintenances() {
    let text = r#"{"page": {"id": "p", "name": "P"}, "incidents": [
        {"id": "a", "name": "Old maintenance", "status": "completed", "impact": "maintenance",
         "created_at": "2026-10-01T00:00:00Z", "scheduled_for": "2026-10-02T00:00:00Z",
         "scheduled_until": "2026-10-02T02:00:00Z"},
        {"id": "b", "name": "Old outage", "status": "postmortem", "impact": "critical",
         "created_at": "2026-09-01T00:00:00Z", "resolved_at": "2026-09-01T03:00:00Z"}]}"#;
    let history = parse_history("history.json", text).unwrap();
    assert!(history.incidents[0].is_maintenance());
    assert!(!history.incidents[1].is_maintenance());
    assert!(!history.incidents[1].is_open());
    let err = parse_history("history.json", r#"{"page": {"id": "p"}}"#).unwrap_err();
    assert_eq!(err.path, "page.name");
}

#[test]
fn severity_ranks_order_statuses_from_operational_to_major_outage() {
    let ordered = [
        ComponentStatus::Operational,
        ComponentStatus::UnderMaintenance,
        ComponentStatus::Unknown("x".into()),
        ComponentStatus::DegradedPerformance,
        ComponentStatus::PartialOutage,
        ComponentStatus::MajorOutage,
    ];
    for pair in ordered.windows(2) {
        assert!(
            pair[0].severity_rank() < pair[1].severity_rank(),
            "{pair:?}"
        );
        assert_eq!(pair[0].clone().worst(pair[1].clone()), pair[1]);
        assert_eq!(pair[1].clone().worst(pair[0].clone()), pair[1]);
    }
    assert!(ComponentStatus::PartialOutage.is_outage());
    assert!(!ComponentStatus::DegradedPerformance.is_outage());
    assert!(ComponentStatus::DegradedPerformance.is_degraded_or_worse());
    assert!(!ComponentStatus::UnderMaintenance.is_degraded_or_worse());
    assert_eq!(
        status_word(&ComponentStatus::PartialOutage, Lang::English),
        "Partial outage"
    );
    assert_eq!(
        update_status_label(&IncidentStatus::InProgress, Lang::English),
        "In progress"
    );
    assert!(IncidentStatus::Postmortem.is_closed() && IncidentStatus::Completed.is_closed());
    assert!(!IncidentStatus::Monitoring.is_closed());
    assert!(Impact::Critical.severity_rank() > Impact::Major.severity_rank());
    assert_eq!(
        indicator_words(&Indicator::Critical, Lang::English),
        "Major system outage"
    );
}

mod timestamps {
    use beacon_core::status::model::parse_timestamp;
    use beacon_core::status::Timestamp;
    use proptest::prelude::*;

    /// A reading with everything that tells timestamps apart: instant and offset (`==` on
    /// timestamps compares the instant only).
    type Exact = Result<(i64, u32, i32), chrono::ParseError>;

    fn exact(read: Result<Timestamp, chrono::ParseError>) -> Exact {
        read.map(|t| {
            (
                t.timestamp(),
                t.timestamp_subsec_nanos(),
                t.offset().local_minus_utc(),
            )
        })
    }

    /// What serde read before Beacon had its own timestamp reader.
    fn chrono(text: &str) -> Exact {
        exact(text.parse())
    }

    fn ours(text: &str) -> Exact {
        exact(parse_timestamp(text))
    }

    #[test]
    fn statuspage_shapes_read_as_chrono_reads_them() {
        for text in [
            "2026-11-21T08:00:00Z",
            "2026-11-21T08:00:00.123Z",
            "2026-11-21T08:00:00.123456789+01:00",
            "2026-11-21 08:00:00-05:30",
            "2026-11-21t23:59:59z",
            "2024-02-29T00:00:00+14:00",
        ] {
            assert!(ours(text).is_ok(), "{text}");
            assert_eq!(ours(text), chrono(text), "{text}");
        }
        assert_eq!(
            parse_timestamp("2026-11-21T08:00:00.5+01:00")
                .unwrap()
                .offset()
                .local_minus_utc(),
            3600,
            "the page's own offset is kept"
        );
    }

    #[test]
    fn everything_else_is_chrono_s_answer_including_its_errors() {
        for text in [
            "",
            "2026-11-21",
            "2026-02-30T08:00:00Z",
            "2026-11-21T24:00:00Z",
            "2016-12-31T23:59:60Z",
            "2026-11-21T08:00:00",
            "2026-11-21T08:00:00+0100",
            "2026-11-21T08:00:00.Z",
            "2026-11-21T08:00:00.1234567890Z",
            "2026-11-21T08:00:00 UTC",
            "2026-11-21T08:00:00Z ",
            "+12026-11-21T08:00:00Z",
            "2026-11-21T08:00:00+24:00",
            "2026-11-21T08:00:00-00:00",
            "２026-11-21T08:00:00Z",
        ] {
            assert_eq!(ours(text), chrono(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn any_timestamp_shape_reads_as_chrono_reads_it(
            year in 0u32..=10_000,
            month in 0u32..=13,
            day in 0u32..=32,
            hour in 0u32..=25,
            minute in 0u32..=60,
            second in 0u32..=61,
            fraction in proptest::option::of("[0-9]{0,11}"),
            separator in prop_oneof![Just('T'), Just('t'), Just(' '), Just('_')],
            offset in prop_oneof![
                Just("Z".to_string()),
                Just("z".to_string()),
                Just(String::new()),
                (prop_oneof![Just('+'), Just('-')], 0u32..=25, 0u32..=60)
                    .prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
                "[+-][0-9]{4}",
            ],
        ) {
            let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
            let text = format!(
                "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
            );
            prop_assert_eq!(ours(&text), chrono(&text), "{}", text);
        }

        #[test]
        fn any_text_reads_as_chrono_reads_it(text in "[0-9T:.Zz+ -]{0,32}") {
            prop_assert_eq!(ours(&text), chrono(&text));
        }
    }
}

#[test]
fn bytes_as_fetched_read_like_text_errors_included() {
    use beacon_core::status::model::{parse_history_bytes, parse_summary_bytes};
    let summary = parse_summary("summary.json", SUMMARY).unwrap();
    assert_eq!(
        parse_summary_bytes("summary.json", SUMMARY.as_bytes()).unwrap(),
        summary
    );
    let broken = SUMMARY.replace("2026-11-21T08:30:00Z", "yesterday");
    assert_eq!(
        parse_summary_bytes("summary.json", broken.as_bytes()).unwrap_err(),
        parse_summary("summary.json", &broken).unwrap_err()
    );
    let history = r#"{"page": {"id": "p", "name": "P"}, "incidents": [{"id": "i", "name": "I",
        "status": "resolved", "created_at": "2026-11-21T08:00:00+01:00"}]}"#;
    assert_eq!(
        parse_history_bytes("history.json", history.as_bytes()).unwrap(),
        parse_history("history.json", history).unwrap()
    );
    let error = parse_history_bytes("history.json", b"{\"page\": \xff}").unwrap_err();
    assert_eq!(error.file, "history.json");
}

mod dates {
    use beacon_core::status::model::parse_date;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn chrono(text: &str) -> Result<NaiveDate, chrono::ParseError> {
        text.parse()
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2026-11-21",
            "2024-02-29",
            "2026-02-29",
            "0000-01-01",
            "2026-1-21",
            "2026-11-21 ",
            " 2026-11-21",
            "+12026-11-21",
            "2026-13-01",
            "2026/11/21",
            "",
        ] {
            assert_eq!(parse_date(text), chrono(text), "{text:?}");
        }
        assert!(parse_date("2026-11-21").is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn any_date_shape_reads_as_chrono_reads_it(
            year in 0u32..=10_000, month in 0u32..=13, day in 0u32..=32,
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(parse_date(&text), chrono(&text), "{}", text);
        }

        #[test]
        fn any_text_reads_as_chrono_reads_it(text in "[0-9 +-]{0,12}") {
            prop_assert_eq!(parse_date(&text), chrono(&text));
        }
    }
}

#[test]
fn a_postmortem_is_read_with_its_publication_time_and_written_only_when_there_is_one() {
    let with: beacon_core::status::Incident = serde_json::from_str(
        r#"{"id": "x", "name": "Outage", "status": "postmortem", "impact": "major",
            "created_at": "2026-11-12T18:09:00-05:00",
            "postmortem_body": "**What happened**\nA bad certificate.",
            "postmortem_published_at": "2026-11-14T18:53:00.000-05:00"}"#,
    )
    .unwrap();
    assert_eq!(
        with.postmortem_body.as_deref(),
        Some("**What happened**\nA bad certificate.")
    );
    assert_eq!(
        with.postmortem_published_at.unwrap().to_rfc3339(),
        "2026-11-14T18:53:00-05:00"
    );
    let json = serde_json::to_value(&with).unwrap();
    assert_eq!(
        json["postmortem_body"],
        "**What happened**\nA bad certificate."
    );

    // Statuspage writes null until one is published; Beacon then writes neither field.
    let without: beacon_core::status::Incident = serde_json::from_str(
        r#"{"id": "y", "name": "Blip", "status": "resolved", "created_at": "2026-11-12T18:09:00Z",
            "postmortem_body": null, "postmortem_published_at": null}"#,
    )
    .unwrap();
    assert_eq!(without.postmortem_body, None);
    let json = serde_json::to_value(&without).unwrap();
    assert!(json.get("postmortem_body").is_none() && json.get("postmortem_published_at").is_none());

    let error = beacon_core::status::parse_history(
        "data/emea/history.json",
        r#"{"page": {"id": "p", "name": "P"}, "incidents": [{"id": "z", "name": "Z",
            "status": "resolved", "created_at": "2026-11-12T18:09:00Z",
            "postmortem_published_at": "last Tuesday"}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("data/emea/history.json"), "{error}");
    assert!(
        error.contains("incidents[0].postmortem_published_at"),
        "{error}"
    );
}
