//! Public holidays 2026-2028 of every support centre agree with the independent python-holidays
//! package (tests/tools/gen_holiday_dates.py); Easter-based and observed-day rules are computed
//! by the engine.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use beacon_core::sla::civil::{civil_from_days, easter_sunday};
use beacon_core::sla::BusinessCalendar;
use chrono::NaiveDate;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn load(id: &str) -> BusinessCalendar {
    let path = root()
        .join("public/policies/calendars")
        .join(format!("{id}.json"));
    BusinessCalendar::from_json(&format!("{id}.json"), &fs::read_to_string(path).unwrap()).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn holidays_2026_to_2028_match_python_holidays_for_every_centre() {
    let reference: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sla/holiday_dates.json")).unwrap(),
    )
    .unwrap();
    let centres = reference["centres"].as_object().unwrap();
    assert_eq!(centres.len(), 11);
    for (id, list) in centres {
        let expected: BTreeSet<NaiveDate> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|h| date(h["date"].as_str().unwrap()))
            .collect();
        let cal = load(id);
        let ours: BTreeSet<NaiveDate> = cal
            .holidays_between(date("2026-01-01"), date("2028-12-31"))
            .into_iter()
            .map(|h| h.date)
            .collect();
        assert_eq!(ours, expected, "centre {id}");
    }
}

#[test]
fn easter_sunday_is_computed_for_known_years() {
    for (year, expected) in [
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
    ] {
        let (y, m, d) = civil_from_days(easter_sunday(year));
        assert_eq!(NaiveDate::from_ymd_opt(y, m, d).unwrap(), date(expected));
    }
}

#[test]
fn movable_and_observed_holidays_fall_on_the_published_dates() {
    let has = |id: &str, d: &str, name: &str| {
        let found = load(id).holidays_between(date(d), date(d));
        assert!(
            found.iter().any(|h| h.name == name),
            "{id} {d} {name}: {found:?}"
        );
    };
    has("de", "2026-04-03", "Karfreitag");
    has("de", "2027-05-17", "Pfingstmontag");
    has("de", "2028-05-25", "Christi Himmelfahrt");
    has("us", "2026-11-26", "Thanksgiving Day");
    has("us", "2026-07-03", "Independence Day (observed)");
    has("us", "2027-12-31", "New Year's Day (observed)");
    has("gb", "2027-12-28", "Boxing Day (observed)");
    has("gb", "2026-08-31", "Summer bank holiday");
    has("ca", "2028-11-13", "Remembrance Day (observed)");
    has("fi", "2026-06-19", "Juhannusaatto");
    has("mx", "2027-03-15", "Natalicio de Benito Juárez");
}

#[test]
fn yearly_rules_respect_their_first_year() {
    let us = load("us");
    assert!(
        us.holidays_between(date("2020-06-19"), date("2020-06-19"))
            .is_empty(),
        "Juneteenth is federal from 2021"
    );
    assert!(!us
        .holidays_between(date("2021-06-18"), date("2021-06-19"))
        .is_empty());
}
