//! 90-day uptime: the documented rule, its invariants, and its speed.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{
    all_incidents, component_uptime, parse_history, parse_summary, Component, ComponentStatus,
    ComponentUptime, Incident, UptimeWindow,
};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::json;

fn now() -> DateTime<Utc> {
    "2026-11-21T12:00:00Z".parse().unwrap()
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn window() -> UptimeWindow {
    UptimeWindow::ending_now(now(), 90, utc())
}

fn component(id: &str) -> Component {
    serde_json::from_value(json!({"id": id, "name": id, "status": "operational"})).unwrap()
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

/// A resolved incident putting `ids` into `status` from `start` for `minutes`.
fn outage(id: &str, ids: &[&str], status: &str, start: DateTime<Utc>, minutes: i64) -> Incident {
    let end = start + Duration::minutes(minutes);
    let affected: Vec<_> = ids
        .iter()
        .map(|c| json!({"code": c, "old_status": "operational", "new_status": status}))
        .collect();
    let recovered: Vec<_> = ids
        .iter()
        .map(|c| json!({"code": c, "old_status": status, "new_status": "operational"}))
        .collect();
    serde_json::from_value(json!({
        "id": id, "name": id, "status": "resolved", "impact": "major",
        "created_at": ts(start), "resolved_at": ts(end),
        "incident_updates": [
            {"id": format!("{id}-2"), "status": "resolved", "created_at": ts(end), "affected_components": recovered},
            {"id": format!("{id}-1"), "status": "investigating", "created_at": ts(start), "affected_components": affected}
        ]
    }))
    .unwrap()
}

/// A completed maintenance of `ids` from `start` for `minutes`.
fn maintenance(id: &str, ids: &[&str], start: DateTime<Utc>, minutes: i64) -> Incident {
    let end = start + Duration::minutes(minutes);
    let components: Vec<_> = ids
        .iter()
        .map(|c| json!({"id": c, "name": c, "status": "operational"}))
        .collect();
    serde_json::from_value(json!({
        "id": id, "name": id, "status": "completed", "impact": "maintenance",
        "created_at": ts(start - Duration::days(3)), "scheduled_for": ts(start),
        "scheduled_until": ts(end), "resolved_at": ts(end), "components": components
    }))
    .unwrap()
}

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
        .and_utc()
}

fn uptime_of(
    components: &[Component],
    incidents: &[Incident],
    window: &UptimeWindow,
) -> Vec<ComponentUptime> {
    let refs: Vec<&Incident> = incidents.iter().collect();
    component_uptime(components, &refs, window)
}

fn day(result: &ComponentUptime, date: (u32, u32)) -> &beacon_core::status::DayBar {
    let wanted = NaiveDate::from_ymd_opt(2026, date.0, date.1).unwrap();
    result
        .days
        .iter()
        .find(|d| d.date == wanted)
        .expect("day in window")
}

/// Seconds measured in the 90-day window ending at `now()` (89 full days plus 12 hours).
const MEASURED: f64 = 89.0 * 86_400.0 + 12.0 * 3600.0;

#[test]
fn the_window_has_ninety_days_ending_today() {
    let w = window();
    assert_eq!(w.day_count(), 90);
    assert_eq!(w.last_day(), NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    assert_eq!(w.first_day(), NaiveDate::from_ymd_opt(2026, 8, 24).unwrap());
    let result = uptime_of(&[component("web")], &[], &w);
    assert_eq!(result[0].days.len(), 90);
    assert_eq!(result[0].uptime_percent, Some(100.0));
    assert!(result[0]
        .days
        .iter()
        .all(|d| d.status == Some(ComponentStatus::Operational)));
    assert_eq!(
        result[0].days[89].measured_seconds,
        12 * 3600,
        "today counts until now"
    );
}

#[test]
fn a_major_outage_counts_fully_and_marks_its_day() {
    let incidents = [outage("i1", &["web"], "major_outage", at(10, 8, 0), 120)];
    let result = &uptime_of(&[component("web"), component("rd")], &incidents, &window())[0];
    let bar = day(result, (11, 10));
    assert_eq!(bar.status, Some(ComponentStatus::MajorOutage));
    assert_eq!(bar.major_outage_seconds, 7200);
    assert_eq!(bar.incident_ids, ["i1"]);
    assert_eq!(
        day(result, (11, 9)).status,
        Some(ComponentStatus::Operational)
    );
    let expected = 100.0 * (1.0 - 7200.0 / MEASURED);
    assert!((result.uptime_percent.unwrap() - expected).abs() < 1e-9);
    assert!((bar.uptime_percent().unwrap() - 100.0 * (1.0 - 7200.0 / 86_400.0)).abs() < 1e-9);
    let untouched = &uptime_of(&[component("web"), component("rd")], &incidents, &window())[1];
    assert_eq!(untouched.uptime_percent, Some(100.0));
}

#[test]
fn partial_outages_count_half_and_degraded_performance_not_at_all() {
    let incidents = [
        outage("p", &["web"], "partial_outage", at(3, 0, 0), 60),
        outage("d", &["web"], "degraded_performance", at(4, 0, 0), 600),
    ];
    let result = &uptime_of(&[component("web")], &incidents, &window())[0];
    let expected = 100.0 * (1.0 - 1800.0 / MEASURED);
    assert!((result.uptime_percent.unwrap() - expected).abs() < 1e-9);
    assert_eq!(
        day(result, (11, 4)).status,
        Some(ComponentStatus::DegradedPerformance)
    );
    assert_eq!(day(result, (11, 4)).degraded_seconds, 36_000);
}

#[test]
fn maintenance_masks_outages_and_is_never_downtime() {
    let incidents = [
        outage("o", &["web"], "major_outage", at(5, 0, 30), 120),
        maintenance("m", &["web"], at(5, 0, 0), 150),
    ];
    let result = &uptime_of(&[component("web")], &incidents, &window())[0];
    let bar = day(result, (11, 5));
    assert_eq!(
        bar.major_outage_seconds, 0,
        "the outage lies inside the maintenance"
    );
    assert_eq!(bar.maintenance_seconds, 150 * 60);
    assert_eq!(bar.status, Some(ComponentStatus::UnderMaintenance));
    assert_eq!(bar.incident_ids, ["m", "o"]);
    assert_eq!(result.uptime_percent, Some(100.0));
}

#[test]
fn overlapping_incidents_count_the_worst_status_once() {
    let incidents = [
        outage("a", &["web"], "major_outage", at(6, 10, 0), 60),
        outage("b", &["web"], "partial_outage", at(6, 10, 30), 60),
    ];
    let bar = day(
        &uptime_of(&[component("web")], &incidents, &window())[0],
        (11, 6),
    )
    .clone();
    assert_eq!(bar.major_outage_seconds, 3600);
    assert_eq!(bar.partial_outage_seconds, 1800);
}

#[test]
fn without_affected_components_the_incident_counts_against_its_components_by_impact() {
    let incident: Incident = serde_json::from_value(json!({
        "id": "x", "name": "x", "status": "resolved", "impact": "critical",
        "created_at": ts(at(7, 0, 0)), "resolved_at": ts(at(7, 1, 0)),
        "incident_updates": [{"id": "u", "status": "resolved", "created_at": ts(at(7, 1, 0)), "affected_components": null}],
        "components": [{"id": "web", "name": "Website", "status": "operational"}]
    })).unwrap();
    let bar = day(
        &uptime_of(&[component("web")], &[incident], &window())[0],
        (11, 7),
    )
    .clone();
    assert_eq!(bar.major_outage_seconds, 3600);
    assert_eq!(bar.status, Some(ComponentStatus::MajorOutage));
}

#[test]
fn open_incidents_run_until_now() {
    let open: Incident = serde_json::from_value(json!({
        "id": "open", "name": "open", "status": "identified", "impact": "major",
        "created_at": ts(at(21, 10, 0)),
        "incident_updates": [{"id": "u", "status": "investigating", "created_at": ts(at(21, 10, 0)),
            "affected_components": [{"code": "web", "new_status": "partial_outage"}]}]
    }))
    .unwrap();
    let result = &uptime_of(&[component("web")], &[open], &window())[0];
    assert_eq!(result.days[89].partial_outage_seconds, 2 * 3600);
    assert_eq!(result.days[89].incident_ids, ["open"]);
}

#[test]
fn days_are_counted_in_the_windows_utc_offset() {
    let incidents = [outage("late", &["web"], "major_outage", at(9, 23, 30), 60)];
    let in_utc = &uptime_of(&[component("web")], &incidents, &window())[0];
    assert_eq!(day(in_utc, (11, 9)).major_outage_seconds, 1800);
    assert_eq!(day(in_utc, (11, 10)).major_outage_seconds, 1800);
    let berlin = UptimeWindow::ending_now(now(), 90, FixedOffset::east_opt(3600).unwrap());
    let in_cet = &uptime_of(&[component("web")], &incidents, &berlin)[0];
    assert_eq!(day(in_cet, (11, 10)).major_outage_seconds, 3600);
    assert_eq!(day(in_cet, (11, 9)).major_outage_seconds, 0);
}

#[test]
fn days_before_the_components_start_date_have_no_data() {
    let mut new = component("new");
    new.start_date = NaiveDate::from_ymd_opt(2026, 11, 1);
    let incidents = [outage(
        "early",
        &["new"],
        "major_outage",
        at(1, 0, 0) - Duration::days(3),
        60,
    )];
    let result = &uptime_of(&[new], &incidents, &window())[0];
    assert_eq!(day(result, (10, 31)).status, None);
    assert!(day(result, (10, 29)).incident_ids.is_empty());
    assert_eq!(
        day(result, (11, 1)).status,
        Some(ComponentStatus::Operational)
    );
    assert_eq!(
        result.uptime_percent,
        Some(100.0),
        "the earlier outage is outside its life"
    );
}

#[test]
fn groups_show_their_worst_member_and_average_their_uptime() {
    let group: Component = serde_json::from_value(json!({"id": "bk", "name": "Backups",
        "status": "operational", "group": true, "components": ["a", "b"]}))
    .unwrap();
    let incidents = [outage("i", &["a"], "major_outage", at(8, 0, 0), 600)];
    let results = uptime_of(
        &[group, component("a"), component("b")],
        &incidents,
        &window(),
    );
    assert_eq!(
        day(&results[0], (11, 8)).status,
        Some(ComponentStatus::MajorOutage)
    );
    assert_eq!(day(&results[0], (11, 8)).incident_ids, ["i"]);
    let mean = (results[1].uptime_percent.unwrap() + results[2].uptime_percent.unwrap()) / 2.0;
    assert!((results[0].uptime_percent.unwrap() - mean).abs() < 1e-9);
    assert!(results[0].uptime_percent.unwrap() < 100.0);
}

#[test]
fn the_summary_and_history_are_merged_without_counting_an_incident_twice() {
    let summary =
        parse_summary("s", include_str!("../../../public/data/emea/summary.json")).unwrap();
    let history =
        parse_history("h", include_str!("../../../public/data/emea/history.json")).unwrap();
    let all = all_incidents(&summary, &history);
    let mut ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert_eq!(
        count,
        history.incidents.len() + 1,
        "history plus the upcoming maintenance"
    );
}

fn arbitrary_event() -> impl Strategy<Value = (bool, u8, i64, i64, u8)> {
    // (is maintenance, component index 0..3, start minute in window, minutes, status)
    (
        any::<bool>(),
        0u8..3,
        0i64..(90 * 1440),
        1i64..(3 * 1440),
        0u8..4,
    )
}

fn build(events: &[(bool, u8, i64, i64, u8)]) -> Vec<Incident> {
    let origin = at(21, 12, 0) - Duration::days(90);
    events
        .iter()
        .enumerate()
        .map(|(n, &(is_maintenance, c, start, minutes, status))| {
            let id = format!("e{n}");
            let ids = [["a"], ["b"], ["c"]][c as usize];
            let start = origin + Duration::minutes(start);
            if is_maintenance {
                maintenance(&id, &ids, start, minutes)
            } else {
                let status = [
                    "degraded_performance",
                    "partial_outage",
                    "major_outage",
                    "under_maintenance",
                ][status as usize];
                outage(&id, &ids, status, start, minutes)
            }
        })
        .collect()
}

fn percents(incidents: &[Incident]) -> Vec<f64> {
    let components = [component("a"), component("b"), component("c")];
    uptime_of(&components, incidents, &window())
        .iter()
        .map(|r| r.uptime_percent.unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn uptime_is_a_percentage(events in prop::collection::vec(arbitrary_event(), 0..40)) {
        for p in percents(&build(&events)) {
            prop_assert!((0.0..=100.0).contains(&p), "{}", p);
        }
    }

    #[test]
    fn adding_an_outage_never_raises_uptime(
        events in prop::collection::vec(arbitrary_event(), 0..30),
        extra in arbitrary_event(),
    ) {
        let before = percents(&build(&events));
        let mut more = events.clone();
        more.push((false, extra.1, extra.2, extra.3, extra.4 % 3));
        let after = percents(&build(&more));
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(a <= b, "{} -> {}", b, a);
        }
    }

    #[test]
    fn adding_maintenance_never_lowers_uptime(
        events in prop::collection::vec(arbitrary_event(), 0..30),
        extra in arbitrary_event(),
    ) {
        let before = percents(&build(&events));
        let mut more = events.clone();
        more.push((true, extra.1, extra.2, extra.3, extra.4));
        let after = percents(&build(&more));
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(a >= b, "{} -> {}", b, a);
        }
    }
}

#[test]
fn two_hundred_components_and_five_thousand_incidents_are_fast() {
    let components: Vec<Component> = (0..200).map(|n| component(&format!("c{n}"))).collect();
    let origin = at(21, 12, 0) - Duration::days(120);
    let incidents: Vec<Incident> = (0..5_000)
        .map(|n| {
            let a = format!("c{}", n % 200);
            let b = format!("c{}", (n * 7 + 3) % 200);
            let start = origin + Duration::minutes((n as i64 * 7919) % (120 * 1440));
            if n % 10 == 0 {
                maintenance(&format!("m{n}"), &[&a], start, 90)
            } else {
                let status = ["partial_outage", "major_outage", "degraded_performance"][n % 3];
                outage(
                    &format!("i{n}"),
                    &[&a, &b],
                    status,
                    start,
                    30 + (n as i64 % 400),
                )
            }
        })
        .collect();
    let refs: Vec<&Incident> = incidents.iter().collect();
    let started = std::time::Instant::now();
    let results = component_uptime(&components, &refs, &window());
    let elapsed = started.elapsed();
    assert_eq!(results.len(), 200);
    assert!(results.iter().all(|r| r.uptime_percent.unwrap() < 100.0));
    let budget = if cfg!(debug_assertions) { 1_000 } else { 100 };
    assert!(elapsed.as_millis() < budget, "took {elapsed:?}");
}

#[test]
fn a_page_has_every_components_strip_and_names_only_the_incidents_its_days_mention() {
    let web = component("web");
    let backups = component("backups");
    let page = json!({"id": "p", "name": "P", "updated_at": "2026-11-21T11:00:00+01:00"});
    let summary: beacon_core::status::Summary = serde_json::from_value(json!({
        "page": page, "status": {"indicator": "none"},
        "components": [web, backups],
    }))
    .unwrap();
    let recent = outage("recent", &["web"], "major_outage", at(20, 9, 0), 60);
    let old = outage(
        "old",
        &["backups"],
        "major_outage",
        at(1, 9, 0) - Duration::days(200),
        60,
    );
    let history: beacon_core::status::IncidentHistory = serde_json::from_value(json!({
        "page": page, "incidents": [recent, old],
    }))
    .unwrap();

    let strips = beacon_core::status::PageUptime::compute(&summary, &history, now(), 90);

    let offset = FixedOffset::east_opt(3600).unwrap();
    let expected = uptime_of(
        &summary.components,
        &history.incidents,
        &UptimeWindow::ending_now(now(), 90, offset),
    );
    assert_eq!(strips.by_component.len(), 2);
    for uptime in expected {
        assert_eq!(*strips.by_component[&uptime.component_id], uptime);
    }
    assert_eq!(strips.by_component["web"].days[88].incident_ids, ["recent"]);
    assert_eq!(
        strips.incident_names.as_ref(),
        &[("recent".to_string(), "recent".to_string())].into()
    );
}

#[test]
fn an_incident_over_before_the_window_is_mentioned_on_no_day() {
    let web = component("web");
    let first_midnight = at(21, 0, 0) - Duration::days(89);
    let before = outage(
        "before",
        &["web"],
        "major_outage",
        first_midnight - Duration::hours(5),
        60,
    );
    let up_to_midnight = outage(
        "to-midnight",
        &["web"],
        "partial_outage",
        first_midnight - Duration::hours(1),
        60,
    );
    let across = outage(
        "across",
        &["web"],
        "partial_outage",
        first_midnight - Duration::hours(1),
        120,
    );
    let [result] = uptime_of(&[web], &[before, up_to_midnight, across], &window())
        .try_into()
        .unwrap();
    assert_eq!(result.days[0].date, first_midnight.date_naive());
    assert_eq!(result.days[0].incident_ids, ["across"]);
    assert_eq!(result.days[0].partial_outage_seconds, 3600);
    assert!(result.days[1..]
        .iter()
        .all(|day| day.incident_ids.is_empty()));
}

#[test]
fn percentages_never_round_up_to_perfect() {
    use beacon_core::status::uptime::format_percent;
    assert_eq!(format_percent(100.0), "100.00%");
    assert_eq!(format_percent(99.9999), "99.99%");
    assert_eq!(format_percent(99.995), "99.99%");
    assert_eq!(format_percent(97.5), "97.50%");
    assert_eq!(format_percent(0.0), "0.00%");
}

proptest! {
    #[test]
    fn percentages_read_as_two_decimals_floored(percent in 0.0..=100.0f64) {
        use beacon_core::status::uptime::{floor_percent, format_percent};
        let floored = floor_percent(percent);
        prop_assert!(floored <= percent + 1e-9 && percent - floored < 0.01 + 1e-9);
        prop_assert_eq!(format_percent(percent), format!("{floored:.2}%"));
    }
}
