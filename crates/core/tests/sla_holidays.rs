//! Public holidays 2026-2028 of every support centre agree with the independent python-holidays
//! package, run as a process (tests/tools/holiday_dates.py, version pinned there and in
//! .ci/setup) for the country and subdivision each calendar names; Easter-based and observed-day
//! rules are computed by the engine.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

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

/// Every calendar file in `public/policies/calendars/`.
fn calendar_ids() -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(root().join("public/policies/calendars"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// The dates python-holidays (the pinned version, run as a process) gives for the calendar's
/// country and subdivision in 2026-2028.
fn python_holidays(cal: &BusinessCalendar) -> BTreeSet<NaiveDate> {
    let country = cal.country().expect("every centre names its country");
    let output = Command::new("python3")
        .arg(root().join("tests/tools/holiday_dates.py"))
        .args([country, cal.subdivision().unwrap_or("-"), "2026", "2028"])
        .output()
        .expect("python3 runs (the test machines have it, with python-holidays from .ci/setup)");
    assert!(
        output.status.success(),
        "python-holidays for {}: {}",
        cal.id(),
        String::from_utf8_lossy(&output.stderr)
    );
    let list: Value = serde_json::from_slice(&output.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|h| date(h["date"].as_str().unwrap()))
        .collect()
}

#[test]
fn holidays_2026_to_2028_match_python_holidays_for_every_centre() {
    let ids = calendar_ids();
    assert_eq!(ids.len(), 12);
    for id in ids {
        let cal = load(&id);
        assert!(
            cal.holiday_source().is_some_and(|s| !s.is_empty()),
            "{id} states where its holidays come from"
        );
        let ours: BTreeSet<NaiveDate> = cal
            .holidays_between(date("2026-01-01"), date("2028-12-31"))
            .into_iter()
            .map(|h| h.date)
            .collect();
        let theirs = python_holidays(&cal);
        assert_eq!(
            ours.difference(&theirs).collect::<Vec<_>>(),
            Vec::<&NaiveDate>::new(),
            "{id}: days the file closes that python-holidays does not list"
        );
        assert_eq!(
            theirs.difference(&ours).collect::<Vec<_>>(),
            Vec::<&NaiveDate>::new(),
            "{id}: days python-holidays lists that the file leaves open"
        );
    }
}

/// The places the files name: Kuala Lumpur (Federal Territory), Baden-Württemberg (Ludwigsburg),
/// British Columbia (Vancouver), Maharashtra (Pune), and New Zealand beside New South Wales.
#[test]
fn each_centre_closes_on_the_holidays_of_its_own_place() {
    let has = |id: &str, d: &str, name: &str| {
        let found = load(id).holidays_between(date(d), date(d));
        assert!(
            found.iter().any(|h| h.name.contains(name)),
            "{id} {d} {name}: {found:?}"
        );
    };
    has("my", "2027-02-01", "Federal Territory Day");
    has("my", "2027-01-22", "Thaipusam");
    has("my", "2027-10-28", "Diwali");
    has("my", "2026-11-09", "Diwali (observed)");
    has("de", "2026-01-06", "Heilige Drei Könige");
    has("de", "2027-05-27", "Fronleichnam");
    has("de", "2028-11-01", "Allerheiligen");
    has("ca", "2026-08-03", "British Columbia Day");
    has("ca", "2027-02-15", "Family Day");
    has("in", "2026-05-01", "Maharashtra Day");
    has("in", "2026-09-14", "Ganesh Chaturthi");
    has("nz", "2026-02-06", "Waitangi Day");
    has("nz", "2026-01-26", "Auckland Anniversary Day");
    has("nz", "2027-06-25", "Matariki");
    has("au", "2026-01-26", "Australia Day");
    for (id, subdivision) in [
        ("my", "14"),
        ("de", "BW"),
        ("ca", "BC"),
        ("in", "MH"),
        ("au", "NSW"),
        ("nz", "AUK"),
    ] {
        assert_eq!(load(id).subdivision(), Some(subdivision), "{id}");
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
    has(
        "ca",
        "2028-10-02",
        "National Day for Truth and Reconciliation (observed)",
    );
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
