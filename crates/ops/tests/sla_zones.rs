//! The publisher derives every support-centre calendar's offset changes from tzdata (chrono-tz)
//! for each year the calendar is verified for, and refuses a rule that disagrees, naming the year.

use std::fs;
use std::path::{Path, PathBuf};

use beacon_core::sla::BusinessCalendar;
use beacon_ops::publish::zones::{tzdata_changes, verify_sla_zones, verify_zone};
use chrono::NaiveDate;
use chrono_tz::Tz;

fn public() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public")).to_path_buf()
}

fn text(id: &str) -> String {
    fs::read_to_string(public().join(format!("policies/calendars/{id}.json"))).unwrap()
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

#[test]
fn every_calendar_rule_equals_tzdata_in_every_year_it_covers() {
    let verified = verify_sla_zones(&public()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(verified.len(), 12);
    for zone in &verified {
        assert_eq!(zone.years, (2026, 2028), "{}", zone.calendar);
        let cal = BusinessCalendar::from_json("c.json", &text(&zone.calendar)).unwrap();
        let tz: Tz = zone.zone.parse().unwrap();
        for year in 2026..=2028 {
            let from = year_start(year);
            let until = year_start(year + 1);
            let tzdata = tzdata_changes(tz, from, until);
            let mut rule: Vec<_> = (year - 1..=year + 1)
                .filter_map(|y| cal.tz_rule().changes_in_year(y))
                .flatten()
                .filter(|c| c.instant >= from && c.instant < until)
                .collect();
            rule.sort_by_key(|c| c.instant);
            assert_eq!(rule, tzdata, "{} {year}", zone.calendar);
            let expected = if cal.tz_rule().observes_daylight_saving() {
                2
            } else {
                0
            };
            assert_eq!(tzdata.len(), expected, "{} {year}", zone.calendar);
        }
    }
}

#[test]
fn the_derived_changes_are_tzdata_s_to_the_second() {
    // Europe/Berlin 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
    let changes = tzdata_changes(
        chrono_tz::Europe::Berlin,
        year_start(2026),
        year_start(2027),
    );
    let instants: Vec<i64> = changes.iter().map(|c| c.instant).collect();
    assert_eq!(instants, [1_774_746_000, 1_792_890_000]);
    assert_eq!((changes[0].before, changes[0].after), (3600, 7200));
}

#[test]
fn a_rule_that_disagrees_with_tzdata_is_refused_naming_the_year() {
    // The United States' rule before 2007 (first Sunday in April to last Sunday in October).
    let old_us = text("us").replace("EST5EDT,M3.2.0,M11.1.0", "EST5EDT,M4.1.0,M10.5.0");
    assert_ne!(old_us, text("us"));
    let cal = BusinessCalendar::from_json("calendars/us.json", &old_us).unwrap();
    let problem = verify_zone("calendars/us.json", &cal).unwrap_err();
    assert_eq!(problem.path, "tz_rule");
    assert!(
        problem.reason.starts_with("in 2026 the rule"),
        "{}",
        problem.reason
    );
    // Mexico City kept summer time until 2022.
    let old_mx = text("mx").replace("\"CST6\"", "\"CST6CDT,M4.1.0,M10.5.0\"");
    assert_ne!(old_mx, text("mx"));
    let cal = BusinessCalendar::from_json("calendars/mx.json", &old_mx).unwrap();
    let problem = verify_zone("calendars/mx.json", &cal).unwrap_err();
    assert!(problem.reason.contains("in 2026"), "{}", problem.reason);
}

#[test]
fn a_calendar_without_verified_years_is_not_published() {
    let unverified = text("de").replace(
        "\n  \"verified_years\": {\"from\": 2026, \"until\": 2028},",
        "",
    );
    assert_ne!(unverified, text("de"));
    let cal = BusinessCalendar::from_json("calendars/de.json", &unverified).unwrap();
    let problem = verify_zone("calendars/de.json", &cal).unwrap_err();
    assert_eq!(problem.path, "verified_years");
}
