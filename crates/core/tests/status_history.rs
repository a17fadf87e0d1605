//! The history page's rules on the shipped data: every incident once, newest first, grouped by
//! the month it began; an incident found by its id, the summary's newer copy first.

use beacon_core::status::history::{find_incident, history_by_month};
use beacon_core::status::model::{parse_history, parse_summary, IncidentHistory, Summary};
use beacon_core::status::uptime::all_incidents;
use chrono::Datelike;

fn demo() -> (Summary, IncidentHistory) {
    (
        parse_summary(
            "summary.json",
            include_str!("../../../public/data/emea/summary.json"),
        )
        .unwrap(),
        parse_history(
            "history.json",
            include_str!("../../../public/data/emea/history.json"),
        )
        .unwrap(),
    )
}

#[test]
fn months_list_every_incident_once_newest_first() {
    let (summary, history) = demo();
    let months = history_by_month(&summary, &history);
    assert!(months.len() > 1, "the demo spans several months");
    let listed: Vec<_> = months.iter().flat_map(|m| &m.incidents).collect();
    assert_eq!(listed.len(), all_incidents(&summary, &history).len());
    for pair in listed.windows(2) {
        assert!(pair[0].began_at() >= pair[1].began_at());
    }
    for pair in months.windows(2) {
        assert!(pair[0].month > pair[1].month);
    }
    for month in &months {
        assert_eq!(month.month.day(), 1);
        for incident in &month.incidents {
            let began = incident.began_at().date_naive();
            assert_eq!(
                (began.year(), began.month()),
                (month.month.year(), month.month.month())
            );
        }
    }
}

#[test]
fn an_incident_is_found_in_the_summary_before_the_history() {
    let (mut summary, history) = demo();
    let open = summary.incidents[0].id.clone();
    summary.incidents[0].name = "Newer wording".into();
    let found = find_incident(&summary, Some(&history), &open).unwrap();
    assert_eq!(found.name, "Newer wording");
    let past = history
        .incidents
        .iter()
        .find(|i| find_incident(&summary, None, &i.id).is_none())
        .expect("the demo history has a resolved incident");
    assert_eq!(
        find_incident(&summary, Some(&history), &past.id).map(|i| &i.id),
        Some(&past.id)
    );
    assert_eq!(find_incident(&summary, None, &past.id), None);
    assert_eq!(find_incident(&summary, Some(&history), "no-such-id"), None);
}
