//! Property tests of business-time arithmetic on real centre calendars (with holidays and
//! daylight-saving changes) and on synthetic calendars (split, overnight, 24x7).

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use beacon_core::sla::BusinessCalendar;
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

fn load(file: &str) -> BusinessCalendar {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("public/policies/calendars")
        .join(file);
    BusinessCalendar::from_json(file, &fs::read_to_string(path).unwrap()).unwrap()
}

fn synthetic(id: &str, hours: &str, tz: &str, zone: &str) -> BusinessCalendar {
    let text = format!(
        r#"{{"id":"{id}","name":"{id}","zone":"{zone}","tz_rule":"{tz}","hours":{hours},
        "holidays":[{{"name":"Fixed","every_year":"05-01"}},{{"name":"Half day","every_year":"12-24","closed":[["12:00","24:00"]]}}]}}"#
    );
    BusinessCalendar::from_json("synthetic.json", &text).unwrap()
}

fn calendars() -> &'static Vec<BusinessCalendar> {
    static CALS: OnceLock<Vec<BusinessCalendar>> = OnceLock::new();
    CALS.get_or_init(|| {
        vec![
            load("de.json"),
            load("us.json"),
            load("au.json"),
            load("gb.json"),
            synthetic(
                "split-overnight",
                r#"{"mon":[["08:00","12:00"],["13:00","17:30"]],"tue":[["22:00","06:00"]],"wed":[["06:00","24:00"]],"sat":[["01:30","03:30"]],"sun":[["01:00","04:00"]]}"#,
                "CET-1CEST,M3.5.0,M10.5.0/3",
                "Europe/Berlin",
            ),
            {
                let text = r#"{"id":"always","name":"24x7","zone":"America/New_York",
                    "tz_rule":"EST5EDT,M3.2.0,M11.1.0","always_open":true}"#;
                BusinessCalendar::from_json("always.json", text).unwrap()
            },
        ]
    })
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2026-01-02 .. 2028-01-01: local times in every zone tested are in 2026 or later (New
    // Year's Day 00:00 UTC is still 2025 in the Americas), and with the longest durations added
    // twice, due times stay inside the shipped calendars' verified years (2026-2028).
    (1_767_312_000i64..1_830_297_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn duration() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        (1i64..3_600).prop_map(TimeDelta::seconds),
        (1i64..200).prop_map(TimeDelta::hours),
        (1i64..3_000_000).prop_map(TimeDelta::seconds),
    ]
}

fn cal() -> impl Strategy<Value = usize> {
    0..calendars().len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn due_is_not_before_start_and_lands_inside_hours_or_at_a_closing(c in cal(), start in instant(), d in duration()) {
        let cal = &calendars()[c];
        let due = cal.add_business_time(start, d).unwrap();
        prop_assert!(due > start);
        // The second before the due time was business time: the due is inside hours or exactly
        // at a closing instant.
        prop_assert!(cal.is_open(due - TimeDelta::seconds(1)).unwrap());
    }

    #[test]
    fn adding_in_two_steps_equals_adding_the_sum(c in cal(), start in instant(), a in duration(), b in duration()) {
        let cal = &calendars()[c];
        let step = cal.add_business_time(cal.add_business_time(start, a).unwrap(), b).unwrap();
        prop_assert_eq!(step, cal.add_business_time(start, a + b).unwrap());
    }

    #[test]
    fn elapsed_business_time_inverts_addition(c in cal(), start in instant(), d in duration()) {
        let cal = &calendars()[c];
        let due = cal.add_business_time(start, d).unwrap();
        prop_assert_eq!(cal.business_time_between(start, due).unwrap(), d);
    }

    #[test]
    fn due_is_monotonic_in_start_and_duration(c in cal(), s1 in instant(), s2 in instant(), d1 in duration(), d2 in duration()) {
        let cal = &calendars()[c];
        let (s_lo, s_hi) = if s1 <= s2 { (s1, s2) } else { (s2, s1) };
        let (d_lo, d_hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        prop_assert!(cal.add_business_time(s_lo, d1).unwrap() <= cal.add_business_time(s_hi, d1).unwrap());
        prop_assert!(cal.add_business_time(s1, d_lo).unwrap() <= cal.add_business_time(s1, d_hi).unwrap());
    }

    #[test]
    fn next_opening_is_open_and_nothing_before_it_is(c in cal(), t in instant()) {
        let cal = &calendars()[c];
        let open = cal.next_opening(t).unwrap();
        prop_assert!(open >= t);
        prop_assert!(cal.is_open(open).unwrap());
        prop_assert_eq!(cal.business_time_between(t, open).unwrap(), TimeDelta::zero());
    }

    #[test]
    fn around_the_clock_without_daylight_saving_is_plain_arithmetic(start in instant(), d in duration()) {
        let text = r#"{"id":"jst","name":"24x7 Tokyo","zone":"Asia/Tokyo","tz_rule":"JST-9","always_open":true,
            "holidays":[{"name":"New Year","every_year":"01-01"}]}"#;
        static CAL: OnceLock<BusinessCalendar> = OnceLock::new();
        let cal = CAL.get_or_init(|| BusinessCalendar::from_json("jst.json", text).unwrap());
        prop_assert_eq!(cal.add_business_time(start, d).unwrap(), start + d);
        prop_assert_eq!(cal.business_time_between(start, start + d).unwrap(), d);
    }

    #[test]
    fn weekday_office_without_daylight_saving_matches_counting_whole_weeks(start in instant(), weeks in 0i64..60, extra in 1i64..9 * 3600) {
        // Mon–Fri 09:00–18:00 in a zone without daylight saving or holidays: adding whole weeks
        // of business time (45 h each) moves the due time by whole calendar weeks.
        let text = r#"{"id":"kst","name":"Seoul office","zone":"Asia/Seoul","tz_rule":"KST-9",
            "hours":{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]]}}"#;
        static CAL: OnceLock<BusinessCalendar> = OnceLock::new();
        let cal = CAL.get_or_init(|| BusinessCalendar::from_json("kst.json", text).unwrap());
        let base = cal.add_business_time(start, TimeDelta::seconds(extra)).unwrap();
        let later = cal.add_business_time(start, TimeDelta::seconds(extra) + TimeDelta::hours(45 * weeks)).unwrap();
        prop_assert_eq!(later - base, TimeDelta::weeks(weeks));
    }
}
