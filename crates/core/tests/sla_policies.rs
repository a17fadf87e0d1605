//! The policy files hold exactly the documents' numbers, say so where a document gives none,
//! and validation reports every problem with file, path and reason.

use std::fs;
use std::path::Path;

use beacon_core::sla::policy::{Classification, Coverage, PolicyIndex, Target, TargetUnit};
use beacon_core::sla::{BusinessCalendar, Policy};

fn dir() -> std::path::PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("public/policies")
}

fn policy(file: &str) -> Policy {
    Policy::from_json(file, &fs::read_to_string(dir().join(file)).unwrap())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn t(amount: u32, unit: TargetUnit) -> Option<Target> {
    Some(Target { amount, unit })
}

#[test]
fn the_index_lists_every_policy_and_calendar_file_and_they_all_validate() {
    let index = PolicyIndex::from_json(
        "index.json",
        &fs::read_to_string(dir().join("index.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(index.policies.len(), 4);
    assert_eq!(index.calendars.len(), 12);
    for entry in &index.policies {
        assert_eq!(policy(&entry.file).id, entry.id);
    }
    for entry in &index.calendars {
        let text = fs::read_to_string(dir().join(&entry.file)).unwrap();
        assert_eq!(
            BusinessCalendar::from_json(&entry.file, &text)
                .unwrap()
                .id(),
            entry.id
        );
    }
    let c = policy("model-c-blancco.json");
    for centre in &c.support_centres {
        assert!(
            index.calendars.iter().any(|e| &e.id == centre),
            "centre {centre} has a calendar"
        );
    }
}

#[test]
fn model_a_black_duck_targets_are_table_3() {
    use TargetUnit::*;
    let a = policy("model-a-black-duck.json");
    let row = |plan: &str, level: &str| a.target_row(plan, level).unwrap().clone();
    let expected = [
        (
            "critical",
            t(2, BusinessHours),
            t(1, BusinessHours),
            t(2, BusinessDays),
        ),
        (
            "high",
            t(1, BusinessDays),
            t(2, BusinessHours),
            t(5, BusinessDays),
        ),
        (
            "medium",
            t(2, BusinessDays),
            t(4, BusinessHours),
            t(10, BusinessDays),
        ),
        (
            "low",
            t(3, BusinessDays),
            t(1, BusinessDays),
            t(15, BusinessDays),
        ),
    ];
    for (level, standard, premium, resolution) in expected {
        assert_eq!(row("standard", level).first_response, standard, "{level}");
        assert_eq!(row("premium", level).first_response, premium, "{level}");
        for plan in ["standard", "enhanced", "premium"] {
            assert_eq!(row(plan, level).resolution, resolution, "{plan} {level}");
        }
        let enhanced = row("enhanced", level);
        assert_eq!(enhanced.first_response, None);
        assert!(enhanced
            .note
            .unwrap()
            .contains("Standard and Premium plans only"));
    }
    let Coverage::WeeklyHours { hours, .. } = &a.plan("standard").unwrap().coverage else {
        panic!("standard has weekly hours")
    };
    for weekday in 0..5 {
        assert_eq!(hours.day(weekday), [(8 * 3600, 18 * 3600)]);
    }
    assert!(hours.day(5).is_empty() && hours.day(6).is_empty());
    assert!(matches!(
        a.plan("enhanced").unwrap().coverage,
        Coverage::AroundTheClock
    ));
    assert!(matches!(
        a.plan("premium").unwrap().coverage,
        Coverage::AroundTheClock
    ));
    let Some(Coverage::WeeklyHours {
        hours: resolution_hours,
        centre_holidays: true,
    }) = &a.plan("enhanced").unwrap().resolution_coverage
    else {
        panic!("Enhanced resolves on the standard business hours, centre holidays closed")
    };
    assert_eq!(resolution_hours, hours);
    assert!(a.plan("premium").unwrap().resolution_coverage.is_none());
}

#[test]
fn model_b_zmanda_matrix_and_response_targets() {
    use TargetUnit::*;
    let b = policy("model-b-zmanda.json");
    let Some(Classification::Matrix {
        cells,
        customer_override,
        ..
    }) = &b.classification
    else {
        panic!("matrix")
    };
    assert!(customer_override);
    let expected = [["P1", "P2", "P3"], ["P2", "P3", "P4"], ["P3", "P4", "P4"]];
    for (u, row) in expected.iter().enumerate() {
        for (i, prio) in row.iter().enumerate() {
            assert_eq!(cells[u][i], *prio);
        }
    }
    for (level, standard, premium) in [
        ("P1", t(1, BusinessHours), t(15, BusinessMinutes)),
        ("P2", t(3, BusinessHours), t(60, BusinessMinutes)),
        ("P3", t(8, BusinessHours), t(4, BusinessHours)),
        ("P4", t(24, BusinessHours), t(8, BusinessHours)),
    ] {
        assert_eq!(
            b.target_row("standard", level).unwrap().first_response,
            standard
        );
        assert_eq!(
            b.target_row("premium", level).unwrap().first_response,
            premium
        );
        assert_eq!(b.target_row("standard", level).unwrap().resolution, None);
    }
    let Coverage::WeeklyHours { hours, .. } = &b.plan("standard").unwrap().coverage else {
        panic!()
    };
    assert_eq!(hours.day(0), [(8 * 3600, 17 * 3600)]);
    assert!(matches!(
        b.plan("premium").unwrap().coverage,
        Coverage::AroundTheClock
    ));
    // "We bieden premium support-SLA's aan onze proefklanten tijdens de evaluatieperiode."
    let trial = b.plan("trial").unwrap();
    assert_eq!(trial.targets_of.as_deref(), Some("premium"));
    for level in ["P1", "P2", "P3", "P4"] {
        let premium = b.target_row("premium", level).unwrap();
        let row = b.target_row("trial", level).unwrap();
        assert_eq!(
            (row.first_response, row.resolution),
            (premium.first_response, premium.resolution)
        );
    }
}

#[test]
fn blancco_enterprise_hours_say_weekends_are_severity_1_only() {
    use beacon_core::i18n::Lang;
    let c = policy("model-c-blancco.json");
    let note = c.plan("spe").unwrap().hours_note.clone().unwrap();
    assert!(note.get(Lang::English).contains("Severity 1 only"));
    assert!(note.get(Lang::German).contains("nur Schweregrad 1"));
    for lang in Lang::ALL {
        assert!(!note.get(lang).is_empty(), "{lang:?}");
    }
}

#[test]
fn forwarded_ticket_rule_and_trial_plan_are_checked() {
    let d = policy("dropsuite-pending.json");
    let l = d.lifecycle.as_ref().unwrap();
    assert_eq!(l.forwarded_contact, t(24, TargetUnit::Hours));
    assert_eq!(l.forwarded_manual_close, t(48, TargetUnit::Hours));
    let text = std::fs::read_to_string(dir().join("model-b-zmanda.json")).unwrap();
    let unknown = text.replace("\"targets_of\": \"premium\"", "\"targets_of\": \"gold\"");
    let err = Policy::from_json("model-b-zmanda.json", &unknown).unwrap_err();
    assert!(err.to_string().contains("unknown plan \"gold\""), "{err}");
    let text = std::fs::read_to_string(dir().join("model-c-blancco.json")).unwrap();
    let missing = text.replace("\"fi\": \"Viikonloppuisin", "\"xx\": \"Viikonloppuisin");
    let err = Policy::from_json("model-c-blancco.json", &missing).unwrap_err();
    assert!(err.to_string().contains("hours_note"), "{err}");
}

#[test]
fn model_c_blancco_gives_no_numbers_and_says_so() {
    let c = policy("model-c-blancco.json");
    assert_eq!(
        c.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["spe", "sp1", "sp2", "sp3"]
    );
    assert_eq!(c.targets.len(), 16);
    for row in &c.targets {
        assert_eq!(row.first_response, None);
        assert_eq!(row.resolution, None);
        assert!(row
            .note
            .as_deref()
            .unwrap()
            .contains("no Initial Human Response or resolution numbers are given"));
    }
    assert_eq!(
        c.target_row("spe", "1").unwrap().weekend_callback,
        t(4, TargetUnit::Hours)
    );
    assert!(
        c.targets
            .iter()
            .filter(|r| r.weekend_callback.is_some())
            .count()
            == 1
    );
    let Some(Classification::Severities {
        levels,
        customer_priorities,
    }) = &c.classification
    else {
        panic!()
    };
    assert_eq!((levels.len(), customer_priorities.len()), (4, 4));
    assert!(matches!(
        c.plan("spe").unwrap().coverage,
        Coverage::AroundTheClock
    ));
    assert!(matches!(
        c.plan("sp2").unwrap().coverage,
        Coverage::CentreHours
    ));
    assert_eq!(c.support_centres.len(), 12);
}

#[test]
fn model_c_centres_open_8_to_5_local_in_three_regions() {
    let c = policy("model-c-blancco.json");
    for id in &c.support_centres {
        let text = fs::read_to_string(dir().join(format!("calendars/{id}.json"))).unwrap();
        let cal = BusinessCalendar::from_json(id, &text).unwrap();
        for weekday in 0..5 {
            assert_eq!(cal.hours().day(weekday), [(8 * 3600, 17 * 3600)], "{id}");
        }
        assert!(
            cal.hours().day(5).is_empty() && cal.hours().day(6).is_empty(),
            "{id}"
        );
        assert!(
            matches!(cal.region(), Some("AMERICAS" | "EMEA" | "APAC")),
            "{id}"
        );
    }
}

#[test]
fn dropsuite_pending_rule_is_24_hours_then_48_business_hours() {
    let d = policy("dropsuite-pending.json");
    let l = d.lifecycle.as_ref().unwrap();
    assert_eq!(Some(l.pending_reminder), t(24, TargetUnit::Hours));
    assert_eq!(Some(l.pending_auto_close), t(48, TargetUnit::BusinessHours));
    assert_eq!(l.development_review_at_least, t(24, TargetUnit::Hours));
    let Coverage::WeeklyHours {
        hours,
        centre_holidays,
    } = &l.coverage
    else {
        panic!()
    };
    assert!(!centre_holidays);
    assert!(
        (0..5).all(|d| !hours.day(d).is_empty())
            && hours.day(5).is_empty()
            && hours.day(6).is_empty()
    );
}

#[test]
fn validation_reports_all_problems_with_file_and_path() {
    let text = r#"{
      "id": "broken", "name": "Broken", "source": "",
      "plans": [
        {"id": "a", "name": "A", "coverage": {"kind": "weekly_hours", "hours": {"mon": [["09:00", "17:00"]]}}},
        {"id": "a", "name": "A again", "coverage": {"kind": "sometimes"}},
        {"id": "n", "name": "N", "coverage": {"kind": "not_stated"}}
      ],
      "classification": {"kind": "urgency_impact_matrix",
        "urgencies": [{"id": "high", "name": "High"}], "impacts": [{"id": "high", "name": "High"}],
        "priorities": [{"id": "P1", "name": "P1"}], "matrix": {"high": {"high": "P9"}}},
      "targets": [
        {"plan": "a", "level": "P1", "first_response": {"amount": 0, "unit": "hours"}, "resolution": {"amount": 2, "unit": "weeks"}},
        {"plan": "x", "level": "P7", "first_response": null, "resolution": null},
        {"plan": "n", "level": "P1", "first_response": {"amount": 2, "unit": "business_hours"}, "resolution": null, "note": "none"}
      ]
    }"#;
    let err = Policy::from_json("broken.json", text).unwrap_err();
    let found: Vec<(&str, &str)> = err
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.reason.as_str()))
        .collect();
    for (path, reason_part) in [
        ("source", "source document"),
        ("plans[0].coverage.holidays", "centre"),
        ("plans[1].id", "duplicate plan"),
        ("plans[1].coverage.kind", "unknown coverage"),
        ("plans[2].notes", "not stated"),
        ("classification.matrix.high.high", "unknown priority \"P9\""),
        ("targets[0].first_response.amount", "positive"),
        ("targets[0].resolution.unit", "unknown unit \"weeks\""),
        ("targets[1].plan", "unknown plan"),
        ("targets[1].level", "unknown level"),
        ("targets[1].note", "missing (null) target needs a note"),
        ("targets[2].first_response", "not_stated"),
        ("document", "title in its own language"),
        ("targets[0].sources", "give the source of first_response"),
    ] {
        assert!(
            found
                .iter()
                .any(|(p, r)| *p == path && r.contains(reason_part)),
            "missing {path}: {reason_part} in {found:#?}"
        );
    }
    assert!(err.errors.iter().all(|e| e.file == "broken.json"));
    // One problem a line, each naming the file and the field.
    assert!(
        err.to_string()
            .lines()
            .all(|line| line.starts_with("broken.json at ")),
        "{err}"
    );
}

#[test]
fn malformed_json_is_one_problem_with_its_position() {
    let err = Policy::from_json("x.json", "{\"id\": \"x\",\n \"name\" \"X\"}").unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    assert_eq!(err.errors[0].file, "x.json");
    assert_eq!(err.errors[0].path, "name");
    assert!(
        err.errors[0].reason.contains("line 2 column"),
        "{}",
        err.errors[0].reason
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_named_by_its_path() {
    let err = Policy::from_json("x.json", "{\"id\": 3, \"name\": \"X\"}").unwrap_err();
    let found: Vec<(&str, &str)> = err
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        found,
        [("id", "expected a string"), ("source", "missing")],
        "{err}"
    );
}

/// Every target of every policy carries the sentence it comes from, quoted in the document's
/// language, and a reading the policy states in every language.
#[test]
fn every_target_has_its_quoted_sentence_and_a_reading_in_every_language() {
    use beacon_core::i18n::Lang;
    for file in [
        "model-a-black-duck.json",
        "model-b-zmanda.json",
        "model-c-blancco.json",
        "dropsuite-pending.json",
    ] {
        let policy = policy(file);
        assert!(!policy.document.is_empty() && !policy.document_language.is_empty());
        assert!(!policy.open_questions.is_empty(), "{file}");
        let mut sources: Vec<(&str, &beacon_core::sla::policy::Source)> = Vec::new();
        for row in &policy.targets {
            for name in ["first_response", "resolution"] {
                let source = row
                    .source(name)
                    .unwrap_or_else(|| panic!("{file} {} {} {name}", row.plan, row.level));
                sources.push((name, source));
            }
        }
        if let Some(l) = &policy.lifecycle {
            assert_eq!(l.sources.len(), 5, "{file}");
            sources.extend(l.sources.iter().map(|(k, v)| (k.as_str(), v)));
        }
        assert!(!sources.is_empty(), "{file}");
        for (name, source) in sources {
            assert!(!source.quote.is_empty(), "{file} {name}");
            let reading = policy.reading(&source.reading).unwrap();
            for lang in Lang::ALL {
                assert!(!reading.text.get(lang).is_empty(), "{file} {name} {lang:?}");
            }
        }
    }
    // The quotes are the document's own words: Enhanced's resolution cites the table's
    // resolution column, read as level-2 work on business hours.
    let a = policy("model-a-black-duck.json");
    let row = a.target_row("enhanced", "critical").unwrap();
    let source = row.source("resolution").unwrap();
    assert_eq!(
        source.quote,
        "Kritisch – Ziellösung: Innerhalb von 2 Geschäftstagen"
    );
    assert_eq!(source.reading, "enhanced-resolution");
    let seed = std::fs::read_to_string(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("../shared/seeds/004_3230531eb426f250.txt"),
    );
    if let Ok(seed) = seed {
        let d = policy("dropsuite-pending.json");
        let quote = &d.lifecycle.unwrap().sources["forwarded_contact"].quote;
        assert!(seed.contains(quote.as_str()), "quoted as written: {quote}");
    }
}
