//! Cross-check of business-time addition against pandas `CustomBusinessHour`
//! (tests/tools/gen_business_cases.py → tests/data/sla/pandas_cases.json). Every case matches
//! exactly, or differs only by the documented closing-time convention: pandas rolls a due time
//! that lands on a closing time to the next opening, the engine keeps the closing instant.

use std::fs;
use std::path::Path;

use beacon_core::sla::BusinessCalendar;
use chrono::{NaiveDateTime, TimeDelta};
use serde_json::{json, Value};

/// The cases are naive local times; they are evaluated in a zone without daylight saving.
const OFFSET_HOURS: i64 = 9;

fn calendar(spec: &Value) -> BusinessCalendar {
    let intervals = spec["intervals"].clone();
    let hours: serde_json::Map<String, Value> = spec["weekdays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d.as_str().unwrap().to_owned(), intervals.clone()))
        .collect();
    let holidays: Vec<Value> = spec["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"name": "holiday", "date": d}))
        .collect();
    let text = json!({
        "id": spec["id"], "name": spec["id"], "zone": "Asia/Tokyo", "tz_rule": "JST-9",
        "hours": hours, "holidays": holidays
    })
    .to_string();
    BusinessCalendar::from_json("pandas-calendar.json", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn utc(local: &str) -> chrono::DateTime<chrono::Utc> {
    let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S").unwrap();
    naive.and_utc() - TimeDelta::hours(OFFSET_HOURS)
}

#[test]
fn due_times_match_pandas_or_differ_only_by_the_closing_time_convention() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/data/sla/pandas_cases.json");
    let data: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let calendars: Vec<(String, BusinessCalendar)> = data["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), calendar(c)))
        .collect();
    let cases = data["cases"].as_array().unwrap();
    assert!(cases.len() >= 300, "a few hundred cases");
    let (mut exact, mut closing_convention) = (0, 0);
    for case in cases {
        let id = case["calendar"].as_str().unwrap();
        let cal = &calendars.iter().find(|(c, _)| c == id).unwrap().1;
        let start = utc(case["start"].as_str().unwrap());
        let hours = case["business_hours"].as_i64().unwrap();
        let expected = utc(case["pandas_due"].as_str().unwrap());
        let ours = cal
            .add_business_time(start, TimeDelta::hours(hours))
            .unwrap();
        if ours == expected {
            exact += 1;
            continue;
        }
        let at_closing =
            cal.is_open(ours - TimeDelta::seconds(1)).unwrap() && !cal.is_open(ours).unwrap();
        assert!(
            at_closing && cal.next_opening(ours).unwrap() == expected,
            "{id}: start {start} + {hours} business hours: engine {ours}, pandas {expected}"
        );
        closing_convention += 1;
    }
    assert!(exact > 200, "most cases agree exactly ({exact})");
    assert!(
        closing_convention > 0,
        "the closing-time convention is exercised"
    );
}
