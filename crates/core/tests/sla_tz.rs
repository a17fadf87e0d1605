//! POSIX TZ rules evaluated by the engine agree with the full IANA database (chrono-tz, a
//! native-only dev-dependency) for every support-centre calendar, hourly and at every
//! transition instant of 2026-2030; malformed rules are rejected with specific errors.

use std::fs;
use std::path::Path;

use beacon_core::sla::{BusinessCalendar, TzRule, TzRuleError};
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

fn calendars() -> Vec<BusinessCalendar> {
    let dir =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("public/policies/calendars");
    let mut out: Vec<BusinessCalendar> = fs::read_dir(&dir)
        .expect("calendar directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = fs::read_to_string(&p).expect("readable");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            BusinessCalendar::from_json(&name, &text).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}

fn iana_offset(tz: Tz, utc: i64) -> i32 {
    tz.offset_from_utc_datetime(
        &chrono::DateTime::from_timestamp(utc, 0)
            .unwrap()
            .naive_utc(),
    )
    .fix()
    .local_minus_utc()
}

#[test]
fn every_centre_has_its_calendars_with_their_iana_zone() {
    let cals = calendars();
    // One per support centre of model C; Australia / New Zealand has one per country.
    assert_eq!(cals.len(), 12);
    for cal in &cals {
        assert!(
            cal.zone().parse::<Tz>().is_ok(),
            "{} names a real IANA zone",
            cal.id()
        );
    }
}

#[test]
fn posix_rules_match_iana_hourly_and_at_transitions_2026_to_2030() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let end = NaiveDate::from_ymd_opt(2031, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    for cal in calendars() {
        let tz: Tz = cal.zone().parse().unwrap();
        let rule = cal.tz_rule();
        let mut t = start;
        while t < end {
            assert_eq!(rule.offset_at(t), iana_offset(tz, t), "{} at {t}", cal.id());
            t += 3600;
        }
        let mut changes = 0;
        for year in 2026..=2030 {
            for change in rule.changes_in_year(year).into_iter().flatten() {
                changes += 1;
                for probe in [change.instant - 1, change.instant, change.instant + 1] {
                    assert_eq!(
                        rule.offset_at(probe),
                        iana_offset(tz, probe),
                        "{} at {probe}",
                        cal.id()
                    );
                }
                assert_eq!(iana_offset(tz, change.instant - 1), change.before);
                assert_eq!(iana_offset(tz, change.instant), change.after);
            }
        }
        assert_eq!(changes > 0, rule.observes_daylight_saving(), "{}", cal.id());
    }
}

#[test]
fn local_times_resolve_like_iana_with_gap_forward_and_fold_first() {
    for cal in calendars() {
        let tz: Tz = cal.zone().parse().unwrap();
        let rule = cal.tz_rule();
        let mut local = NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 30, 0)
            .unwrap();
        let end = NaiveDate::from_ymd_opt(2030, 12, 31)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        while local < end {
            let ours = rule.local_to_utc(local.and_utc().timestamp());
            let local_secs = local.and_utc().timestamp();
            match tz.from_local_datetime(&local) {
                chrono::LocalResult::Single(t) => {
                    assert_eq!(ours, t.timestamp(), "{} {local}", cal.id())
                }
                chrono::LocalResult::Ambiguous(first, _) => {
                    assert_eq!(ours, first.timestamp(), "{} fold at {local}", cal.id())
                }
                chrono::LocalResult::None => {
                    // Gap: the instant the gap ends, i.e. a transition instant, later on the wall.
                    assert_ne!(
                        iana_offset(tz, ours - 1),
                        iana_offset(tz, ours),
                        "{} gap {local}",
                        cal.id()
                    );
                    assert!(ours + i64::from(iana_offset(tz, ours)) > local_secs);
                    assert!(ours - 1 + i64::from(iana_offset(tz, ours - 1)) < local_secs);
                }
            }
            local += chrono::TimeDelta::minutes(30);
        }
    }
}

#[test]
fn spring_forward_gap_and_fall_back_fold_in_berlin() {
    let rule = TzRule::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let local = |y, m, d, h, mi| {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    let utc = |y, m, d, h, mi| local(y, m, d, h, mi);
    // 2026-03-29 02:30 does not exist in Berlin: it moves forward to 03:00 CEST = 01:00 UTC.
    assert_eq!(
        rule.local_to_utc(local(2026, 3, 29, 2, 30)),
        utc(2026, 3, 29, 1, 0)
    );
    // 2026-10-25 02:30 happens twice: first occurrence is CEST = 00:30 UTC.
    assert_eq!(
        rule.local_to_utc(local(2026, 10, 25, 2, 30)),
        utc(2026, 10, 25, 0, 30)
    );
    assert_eq!(rule.abbreviation_at(utc(2026, 7, 1, 12, 0)), "CEST");
    assert_eq!(rule.abbreviation_at(utc(2026, 12, 1, 12, 0)), "CET");
}

#[test]
fn southern_hemisphere_and_fractional_offsets() {
    let sydney = TzRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
    let jan = NaiveDate::from_ymd_opt(2027, 1, 15)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let jul = NaiveDate::from_ymd_opt(2027, 7, 15)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    assert_eq!(sydney.offset_at(jan), 11 * 3600);
    assert_eq!(sydney.offset_at(jul), 10 * 3600);
    let india = TzRule::parse("IST-5:30").unwrap();
    assert_eq!(india.offset_at(jan), 5 * 3600 + 1800);
    assert!(!india.observes_daylight_saving());
    let kl = TzRule::parse("<+08>-8").unwrap();
    assert_eq!(kl.offset_at(jul), 8 * 3600);
}

#[test]
fn malformed_rules_are_rejected_with_specific_errors() {
    assert_eq!(TzRule::parse(""), Err(TzRuleError::Empty));
    assert_eq!(
        TzRule::parse("CE-1"),
        Err(TzRuleError::InvalidAbbreviation { position: 0 })
    );
    assert_eq!(
        TzRule::parse("CET"),
        Err(TzRuleError::InvalidOffset { position: 3 })
    );
    assert_eq!(
        TzRule::parse("CET-25"),
        Err(TzRuleError::InvalidOffset { position: 3 })
    );
    assert_eq!(
        TzRule::parse("CET-1CEST"),
        Err(TzRuleError::MissingTransitionRule)
    );
    assert!(matches!(
        TzRule::parse("CET-1CEST,M13.5.0,M10.5.0/3"),
        Err(TzRuleError::InvalidTransitionDate {
            position: 10,
            reason: "month must be 1-12"
        })
    ));
    assert!(matches!(
        TzRule::parse("CET-1CEST,M3.6.0,M10.5.0/3"),
        Err(TzRuleError::InvalidTransitionDate {
            reason: "week must be 1-5",
            ..
        })
    ));
    assert_eq!(
        TzRule::parse("CET-1CEST,M3.5.0,M10.5.0/x"),
        Err(TzRuleError::InvalidTransitionTime { position: 25 })
    );
    assert_eq!(
        TzRule::parse("JST-9 "),
        Err(TzRuleError::TrailingCharacters { position: 5 })
    );
}

#[test]
fn calendar_file_with_a_malformed_rule_names_the_field() {
    let text = r#"{"id":"x","name":"X","zone":"Europe/Berlin","tz_rule":"CET-1CEST",
        "hours":{"mon":[["08:00","17:00"]]}}"#;
    let err = BusinessCalendar::from_json("x.json", text).unwrap_err();
    assert_eq!(err.errors.len(), 1);
    assert_eq!(err.errors[0].file, "x.json");
    assert_eq!(err.errors[0].path, "tz_rule");
    assert!(
        err.errors[0]
            .reason
            .contains("',start,end' rules are missing"),
        "{}",
        err.errors[0].reason
    );
}
