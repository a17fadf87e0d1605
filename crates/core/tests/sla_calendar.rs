//! Business-calendar conventions, each as a user sees it in due times.

use std::fs;
use std::path::Path;

use beacon_core::sla::{BusinessCalendar, BusinessDayRule, CalendarError};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

fn load(file: &str) -> BusinessCalendar {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("public/policies/calendars")
        .join(file);
    BusinessCalendar::from_json(file, &fs::read_to_string(path).unwrap()).unwrap()
}

fn cal(body: &str) -> BusinessCalendar {
    let text = format!(r#"{{"id":"t","name":"t",{body}}}"#);
    BusinessCalendar::from_json("t.json", &text).unwrap_or_else(|e| panic!("{e}"))
}

/// UTC instant of a Berlin wall-clock time, given its UTC offset in hours.
fn at(y: i32, m: u32, d: u32, h: u32, mi: u32, offset_hours: i64) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
        .and_utc()
        - TimeDelta::hours(offset_hours)
}

fn office_berlin() -> BusinessCalendar {
    cal(
        r#""zone":"Europe/Berlin","tz_rule":"CET-1CEST,M3.5.0,M10.5.0/3",
        "hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]},
        "holidays":[{"name":"Tag der Arbeit","every_year":"05-01"}]"#,
    )
}

#[test]
fn a_due_time_landing_on_closing_time_is_the_closing_instant() {
    let c = office_berlin();
    // Monday 2026-01-12 16:00 CET + 2 business hours = 18:00 the same day, not Tuesday 08:00.
    let due = c
        .add_business_time(at(2026, 1, 12, 16, 0, 1), TimeDelta::hours(2))
        .unwrap();
    assert_eq!(due, at(2026, 1, 12, 18, 0, 1));
    assert!(!c.is_open(due).unwrap());
    // One more second runs into Tuesday's opening.
    let due = c
        .add_business_time(at(2026, 1, 12, 16, 0, 1), TimeDelta::seconds(7201))
        .unwrap();
    assert_eq!(due, at(2026, 1, 13, 8, 0, 1) + TimeDelta::seconds(1));
}

#[test]
fn a_start_outside_hours_starts_the_clock_at_the_next_opening() {
    let c = office_berlin();
    // Friday 2026-01-16 19:30 → clock starts Monday 08:00; 2 business hours → Monday 10:00.
    let friday_evening = at(2026, 1, 16, 19, 30, 1);
    assert_eq!(
        c.next_opening(friday_evening).unwrap(),
        at(2026, 1, 19, 8, 0, 1)
    );
    assert_eq!(
        c.add_business_time(friday_evening, TimeDelta::hours(2))
            .unwrap(),
        at(2026, 1, 19, 10, 0, 1)
    );
    // A start at closing time is outside hours too.
    assert_eq!(
        c.next_opening(at(2026, 1, 19, 18, 0, 1)).unwrap(),
        at(2026, 1, 20, 8, 0, 1)
    );
}

#[test]
fn holidays_pause_the_clock() {
    let c = office_berlin();
    // Thursday 2026-04-30 17:00 CEST + 2 h: 1 h Thursday, Friday 1 May is a holiday,
    // weekend, so Monday 4 May 09:00.
    let due = c
        .add_business_time(at(2026, 4, 30, 17, 0, 2), TimeDelta::hours(2))
        .unwrap();
    assert_eq!(due, at(2026, 5, 4, 9, 0, 2));
}

#[test]
fn business_days_are_business_day_lengths_by_default_or_same_time_later() {
    let c = office_berlin();
    assert_eq!(c.business_day_length(), TimeDelta::hours(10));
    let monday_10 = at(2026, 1, 12, 10, 0, 1);
    // Default: 1 business day = 10 business hours: Monday 10:00 → Tuesday 10:00.
    assert_eq!(
        c.add_business_days(monday_10, 1, BusinessDayRule::BusinessDayLength)
            .unwrap(),
        at(2026, 1, 13, 10, 0, 1)
    );
    // From Monday 08:00 the two rules differ: 18:00 the same day vs Tuesday 08:00.
    let monday_8 = at(2026, 1, 12, 8, 0, 1);
    assert_eq!(
        c.add_business_days(monday_8, 1, BusinessDayRule::BusinessDayLength)
            .unwrap(),
        at(2026, 1, 12, 18, 0, 1)
    );
    assert_eq!(
        c.add_business_days(monday_8, 1, BusinessDayRule::SameTimeLater)
            .unwrap(),
        at(2026, 1, 13, 8, 0, 1)
    );
    // Same time later skips the holiday: Thursday 30 April 11:00 + 1 → Monday 4 May 11:00.
    assert_eq!(
        c.add_business_days(at(2026, 4, 30, 11, 0, 2), 1, BusinessDayRule::SameTimeLater)
            .unwrap(),
        at(2026, 5, 4, 11, 0, 2)
    );
    // Submitted Saturday: clock starts Monday 08:00; 5 business days later is Monday 08:00.
    assert_eq!(
        c.add_business_days(at(2026, 1, 17, 12, 0, 1), 5, BusinessDayRule::SameTimeLater)
            .unwrap(),
        at(2026, 1, 26, 8, 0, 1)
    );
}

#[test]
fn daylight_saving_gap_and_fold_change_real_business_time() {
    // Open Sundays 01:00-04:00 Berlin. On 2026-03-29 02:00-03:00 does not exist: 2 real hours.
    // On 2026-10-25 02:00-03:00 happens twice: 4 real hours.
    let c = cal(
        r#""zone":"Europe/Berlin","tz_rule":"CET-1CEST,M3.5.0,M10.5.0/3","hours":{"sun":[["01:00","04:00"]]}"#,
    );
    let spring = c
        .business_time_between(at(2026, 3, 29, 0, 0, 1), at(2026, 3, 29, 6, 0, 2))
        .unwrap();
    assert_eq!(spring, TimeDelta::hours(2));
    let autumn = c
        .business_time_between(at(2026, 10, 25, 0, 0, 2), at(2026, 10, 25, 6, 0, 1))
        .unwrap();
    assert_eq!(autumn, TimeDelta::hours(4));
    // An interval that opens inside the gap opens when the gap ends (03:00 CEST = 01:00 UTC).
    let g = cal(
        r#""zone":"Europe/Berlin","tz_rule":"CET-1CEST,M3.5.0,M10.5.0/3","hours":{"sun":[["02:30","05:00"]]}"#,
    );
    assert_eq!(
        g.next_opening(at(2026, 3, 29, 0, 0, 1)).unwrap(),
        at(2026, 3, 29, 3, 0, 2)
    );
    // An interval that closes inside the fold closes at its first occurrence (02:30 CEST).
    let f = cal(
        r#""zone":"Europe/Berlin","tz_rule":"CET-1CEST,M3.5.0,M10.5.0/3","hours":{"sun":[["01:00","02:30"]]}"#,
    );
    assert_eq!(
        f.next_closing(at(2026, 10, 25, 1, 0, 2)).unwrap(),
        at(2026, 10, 25, 2, 30, 2)
    );
}

#[test]
fn around_the_clock_calendars_ignore_holidays_unless_told() {
    let holidays = r#""holidays":[{"name":"Christmas","every_year":"12-25"}]"#;
    let ignoring = cal(&format!(
        r#""zone":"Asia/Tokyo","tz_rule":"JST-9","always_open":true,{holidays}"#
    ));
    let observing = cal(&format!(
        r#""zone":"Asia/Tokyo","tz_rule":"JST-9","always_open":true,"observe_holidays":true,{holidays}"#
    ));
    let eve = at(2026, 12, 24, 20, 0, 9);
    assert_eq!(
        ignoring
            .add_business_time(eve, TimeDelta::hours(8))
            .unwrap(),
        eve + TimeDelta::hours(8)
    );
    // Observing: 4 h on the 24th, the 25th is closed, 4 h on the 26th.
    assert_eq!(
        observing
            .add_business_time(eve, TimeDelta::hours(8))
            .unwrap(),
        at(2026, 12, 26, 4, 0, 9)
    );
}

#[test]
fn split_overnight_and_midnight_shifts() {
    let c = cal(r#""zone":"Asia/Tokyo","tz_rule":"JST-9",
        "hours":{"mon":[["08:00","12:00"],["13:00","17:00"]],"tue":[["22:00","06:00"]],"wed":[["20:00","24:00"]]}"#);
    // Monday 2026-01-12 11:00 + 2 h: 1 h before lunch, 1 h after → 14:00.
    assert_eq!(
        c.add_business_time(at(2026, 1, 12, 11, 0, 9), TimeDelta::hours(2))
            .unwrap(),
        at(2026, 1, 12, 14, 0, 9)
    );
    // Lunch break is outside hours; the clock resumes at 13:00.
    assert!(!c.is_open(at(2026, 1, 12, 12, 30, 9)).unwrap());
    // Tuesday night 23:00 + 5 h → Wednesday 04:00 (the shift runs past midnight).
    assert_eq!(
        c.add_business_time(at(2026, 1, 13, 23, 0, 9), TimeDelta::hours(5))
            .unwrap(),
        at(2026, 1, 14, 4, 0, 9)
    );
    // Wednesday closes at 24:00: 4 h from 20:00 ends at midnight exactly.
    assert_eq!(
        c.add_business_time(at(2026, 1, 14, 20, 0, 9), TimeDelta::hours(4))
            .unwrap(),
        at(2026, 1, 15, 0, 0, 9)
    );
    assert_eq!(
        c.next_closing(at(2026, 1, 13, 23, 0, 9)).unwrap(),
        at(2026, 1, 14, 6, 0, 9)
    );
}

#[test]
fn partial_holidays_close_only_part_of_the_day() {
    let c = cal(r#""zone":"Asia/Tokyo","tz_rule":"JST-9",
        "hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},
        "holidays":[{"name":"Christmas Eve","date":"2026-12-24","closed":[["12:00","24:00"]]}]"#);
    // Thursday 24 December 2026 10:00 + 3 h: 2 h until noon, then Friday 10:00.
    assert_eq!(
        c.add_business_time(at(2026, 12, 24, 10, 0, 9), TimeDelta::hours(3))
            .unwrap(),
        at(2026, 12, 25, 10, 0, 9)
    );
    let occurrences = c.holidays_between(
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    assert_eq!(occurrences.len(), 1);
    assert!(!occurrences[0].whole_day);
}

#[test]
fn a_year_of_business_hours_takes_no_more_steps_than_an_hour() {
    let c = load("de.json");
    let start = at(2026, 1, 5, 9, 0, 1);
    let mut most = 0;
    // Up to two years of business hours: the calendar is verified for 2026-2028.
    for hours in [1, 9, 45, 189, 2250, 9 * 250 * 2] {
        let (_, steps) = c
            .add_business_time_counting_steps(start, TimeDelta::hours(hours))
            .unwrap();
        most = most.max(steps);
    }
    let (_, one_hour) = c
        .add_business_time_counting_steps(start, TimeDelta::hours(1))
        .unwrap();
    // Three binary searches over the ~2,500 precomputed days (12 probes each) plus a handful
    // of weekday/interval steps, whatever the duration.
    assert!(most <= 3 * 13 + 12, "steps {most}");
    assert!(most <= one_hour + 8, "hour {one_hour}, max {most}");
}

/// A shipped calendar's holidays and time-zone rule are verified for 2026-2028 only: an instant
/// in another year, or a due time that would land in one, is refused with the year named.
#[test]
fn a_year_outside_the_verified_window_is_refused_naming_it() {
    let c = load("us.json");
    assert_eq!(c.verified_years(), Some((2026, 2028)));
    let error = c
        .add_business_time(at(2029, 3, 12, 9, 0, -4), TimeDelta::hours(1))
        .unwrap_err();
    assert_eq!(
        error,
        CalendarError::OutsideVerifiedYears {
            year: 2029,
            first: 2026,
            last: 2028
        }
    );
    assert!(error.to_string().starts_with("2029 is outside the years"));
    // US daylight saving followed other rules before 2007: 2006 is not guessed either.
    assert!(matches!(
        c.is_open(at(2006, 4, 3, 9, 0, -5)),
        Err(CalendarError::OutsideVerifiedYears { year: 2006, .. })
    ));
    // A due time past the window is refused too: 2028-12-29 plus 40 business hours.
    assert!(matches!(
        c.add_business_time(at(2028, 12, 29, 9, 0, -5), TimeDelta::hours(40)),
        Err(CalendarError::OutsideVerifiedYears { year: 2029, .. })
    ));
    assert!(c
        .add_business_time(at(2028, 12, 27, 9, 0, -5), TimeDelta::hours(8))
        .is_ok());
}

#[test]
fn the_supported_range_is_enforced() {
    let c = office_berlin();
    let far = DateTime::from_timestamp(7_400_000_000, 0).unwrap(); // year 2204
    assert!(c.add_business_time(far, TimeDelta::hours(1)).is_err());
    assert!(c
        .add_business_time(at(2026, 1, 1, 0, 0, 0), TimeDelta::hours(-1))
        .is_err());
}

#[test]
fn calendar_validation_reports_every_problem_with_its_path() {
    let text = r#"{"id":"","name":"x","zone":"Berlin","tz_rule":"CET-1CEST,M3.5.0,M10.5.0/25x",
        "hours":{"mon":[["08:00","12:00"],["11:00","17:00"]],"tue":[["25:00","17:00"]],"fun":[["08:00","09:00"]]},
        "holidays":[{"name":"A","date":"2026-02-30"},{"name":"B","every_year":"13-01"},{"name":"C"},
                    {"name":"D","every_year":"12-24","observed":"sometimes"},{"name":"E","date":"2026-12-24","closed":[["14:00","13:00"]]}]}"#;
    let err = BusinessCalendar::from_json("bad.json", text).unwrap_err();
    let paths: Vec<&str> = err.errors.iter().map(|e| e.path.as_str()).collect();
    for expected in [
        "id",
        "tz_rule",
        "zone",
        "hours.fun",
        "hours.tue[0]",
        "hours.mon",
        "holidays[0].date",
        "holidays[1].every_year",
        "holidays[2]",
        "holidays[3].observed",
        "holidays[4].closed[0]",
    ] {
        assert!(paths.contains(&expected), "missing {expected} in {paths:?}");
    }
    assert!(err.errors.iter().all(|e| e.file == "bad.json"));
}

#[test]
fn calendar_shape_problems_are_named_by_their_paths() {
    let text = r#"{"id": "x", "name": "X", "zone": "Europe/Berlin", "tz_rule": "CET-1",
        "always_open": "yes", "colour": "red",
        "hours": {"mon": [["08:00"]], "tue": "all day"},
        "holidays": [{"name": "A", "easter_offset": 1.5},
                     {"name": "B", "weekday_on_or_after": {"month": 11, "weekday": "thu"}},
                     {"name": "C", "date": "2026-12-24", "closed": [["13:00", "18:00", "19:00"]]}]}"#;
    let err = BusinessCalendar::from_json("shape.json", text).unwrap_err();
    let found: Vec<(&str, &str)> = err
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.reason.as_str()))
        .collect();
    for expected in [
        ("always_open", "expected true or false"),
        ("hours.mon[0]", "expected [opening, closing]"),
        ("hours.tue", "expected a list"),
        ("holidays[0].easter_offset", "expected a whole number"),
        ("holidays[1].weekday_on_or_after.day", "missing"),
        ("holidays[2].closed[0]", "expected [from, to]"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
    assert!(
        found
            .iter()
            .any(|(path, reason)| *path == "colour" && reason.starts_with("unknown field")),
        "{found:#?}"
    );
    assert!(err.errors.iter().all(|e| e.file == "shape.json"));
}

#[test]
fn calendar_text_that_is_not_json_is_one_problem_with_its_position() {
    let err =
        BusinessCalendar::from_json("broken.json", "{\"id\": \"x\",\n\"hours\": {\"mon\": [}")
            .unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    assert_eq!(err.errors[0].path, "hours.mon[0]");
    assert!(err.errors[0].reason.contains("line 2 column"), "{err}");
}
