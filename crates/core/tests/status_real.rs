//! Real Statuspage API responses from other services (`tests/data/statuspage/`, where
//! `SOURCES.md` says where each came from and what is odd about it) parse completely, pass the
//! checks that apply to any Statuspage page, give a sensible banner and survive a round trip;
//! each quirk SOURCES.md lists has its own test here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use beacon_core::status::validate::{components_problems, history_problems, summary_problems};
use beacon_core::status::{
    overall_status, parse_components, parse_history, parse_markup, parse_summary, plain_text,
    ComponentList, ComponentStatus, Impact, IncidentHistory, IncidentStatus, Indicator, Summary,
};
use chrono::{DateTime, Utc};

fn text(name: &str) -> String {
    let path = format!(
        "{}/../../tests/data/statuspage/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn summary(name: &str) -> Summary {
    let summary = parse_summary(name, &text(name)).unwrap_or_else(|err| panic!("{err}"));
    let problems = summary_problems(name, &summary);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let again = parse_summary("again", &serde_json::to_string(&summary).unwrap()).unwrap();
    assert_eq!(again, summary, "{name} survives a round trip");
    summary
}

fn history(name: &str) -> IncidentHistory {
    let history = parse_history(name, &text(name)).unwrap_or_else(|err| panic!("{err}"));
    let problems = history_problems(name, &history, None);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let again = parse_history("again", &serde_json::to_string(&history).unwrap()).unwrap();
    assert_eq!(again, history, "{name} survives a round trip");
    history
}

fn components(name: &str) -> ComponentList {
    let list = parse_components(name, &text(name)).unwrap_or_else(|err| panic!("{err}"));
    let problems = components_problems(name, &list.components);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let again = parse_components("again", &serde_json::to_string(&list).unwrap()).unwrap();
    assert_eq!(again, list, "{name} survives a round trip");
    list
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn bitbucket_the_banner_weighs_the_open_major_incident_that_statuspage_left_at_minor() {
    let summary = summary("bitbucket-summary.json");
    assert_eq!(summary.components.len(), 13);
    assert!(summary.components.iter().all(|c| !c.group));
    let incident = &summary.incidents[0];
    assert_eq!(incident.id, "kl33kmbq9sxy");
    assert_eq!(incident.status, IncidentStatus::Identified);
    assert_eq!(incident.impact, Impact::Major);

    let overall = overall_status(&summary, at("2023-05-15T07:00:37Z"));
    assert_eq!(overall.claimed_indicator, Indicator::Minor);
    assert_eq!(
        overall.worst_component_status,
        ComponentStatus::PartialOutage
    );
    // Statuspage's indicator follows the component (partial outage → minor on their side);
    // Beacon's banner also counts the open incident's major impact.
    assert_eq!(overall.indicator, Indicator::Major);
    assert!(overall.indicator_mismatch().is_some());
    assert_eq!(overall.active_incidents.len(), 1);
}

#[test]
fn bitbucket_an_update_that_is_not_a_transition_and_a_start_before_creation() {
    let summary = summary("bitbucket-summary.json");
    let incident = &summary.incidents[0];
    let newest = incident.latest_update().unwrap();
    let pipelines = &newest.affected_components[0];
    assert_eq!(pipelines.old_status, pipelines.new_status);
    assert_eq!(pipelines.new_status, Some(ComponentStatus::PartialOutage));
    let started = incident.started_at.unwrap();
    assert!(started < incident.created_at);
    assert_eq!(incident.began_at(), started);
}

#[test]
fn bitbucket_gaps_in_positions_null_descriptions_and_bare_start_dates() {
    let summary = summary("bitbucket-summary.json");
    let positions: Vec<i64> = summary
        .components
        .iter()
        .filter_map(|c| c.position)
        .collect();
    assert!(positions.windows(2).any(|pair| pair[1] - pair[0] > 1));
    assert!(summary.components.iter().any(|c| c.description.is_none()));
    assert!(summary.components.iter().any(|c| c.start_date.is_none()));
    let dated = summary.components.iter().find_map(|c| c.start_date);
    assert!(
        dated.is_some(),
        "a bare date such as 2020-10-09 is read as a day"
    );
}

#[test]
fn rounded_tweet_ids_are_ignored_rather_than_misread() {
    // jq rounded these above 2^53; Beacon never reads them as numbers, so nothing can overflow.
    for name in ["bitbucket-summary.json", "airbrake-incidents.json"] {
        assert!(text(name).contains("\"tweet_id\": 1"));
    }
    summary("bitbucket-summary.json");
    history("airbrake-incidents.json");
}

#[test]
fn intercom_repeated_names_are_told_apart_by_id_and_children_may_come_before_their_group() {
    let summary = summary("intercom-summary.json");
    assert_eq!(summary.components.len(), 24);
    assert_eq!(summary.components.iter().filter(|c| c.group).count(), 4);
    let web_apps: Vec<_> = summary
        .components
        .iter()
        .filter(|c| c.name == "Intercom Web Application")
        .collect();
    assert_eq!(web_apps.len(), 3);
    let ids: HashSet<_> = web_apps.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "a name is not a key");
    let groups: HashSet<_> = web_apps.iter().map(|c| c.group_id.as_deref()).collect();
    assert_eq!(groups.len(), 3, "top level, Europe and Australia");

    let email = summary
        .components
        .iter()
        .position(|c| c.name == "Email")
        .unwrap();
    let group_id = summary.components[email].group_id.clone().unwrap();
    let group = summary
        .components
        .iter()
        .position(|c| c.id == group_id)
        .unwrap();
    assert!(email < group, "the child comes first in the flat list");
    assert!(summary.components[group]
        .components
        .contains(&summary.components[email].id));
    assert!(summary
        .components
        .iter()
        .filter(|c| !c.group)
        .all(|c| c.components.is_empty()));

    let overall = overall_status(&summary, at("2024-01-31T18:34:03Z"));
    assert_eq!(overall.indicator, Indicator::None);
    assert_eq!(overall.indicator_mismatch(), None);
}

#[test]
fn godaddy_a_group_may_hold_a_child_of_its_own_name_or_a_single_child() {
    let summary = summary("godaddy-summary.json");
    assert_eq!(summary.components.len(), 60);
    assert_eq!(summary.components.iter().filter(|c| c.group).count(), 12);
    for name in ["GoDaddy.com", "WordPress Hosting"] {
        let group = summary
            .components
            .iter()
            .find(|c| c.group && c.name == name)
            .unwrap();
        assert!(group.start_date.is_none());
        assert!(summary
            .components
            .iter()
            .any(|c| !c.group && c.name == name && c.group_id.as_deref() == Some(&group.id)));
    }
    let reseller = summary
        .components
        .iter()
        .find(|c| c.group && c.name == "Reseller Services")
        .unwrap();
    assert_eq!(reseller.components.len(), 1);
    let overall = overall_status(&summary, at("2024-01-31T18:34:27Z"));
    assert_eq!(overall.indicator, Indicator::None);
}

#[test]
fn godaddy_history_agrees_with_its_summary() {
    let summary = summary("godaddy-summary.json");
    let history = history("godaddy-incidents.json");
    let known: HashSet<&str> = summary.components.iter().map(|c| c.id.as_str()).collect();
    let problems = history_problems("godaddy-incidents.json", &history, Some(&known));
    assert!(problems.is_empty(), "{problems:#?}");
    for incident in &history.incidents {
        for component in &incident.components {
            assert_eq!(
                summary.component(&component.id),
                Some(component),
                "embedded copies equal the summary's"
            );
        }
    }
}

#[test]
fn godaddy_an_incident_posted_after_the_fact_began_when_it_says_it_was_resolved() {
    let history = history("godaddy-incidents.json");
    assert_eq!(history.incidents.len(), 6);
    assert!(history
        .incidents
        .iter()
        .all(|i| i.status == IncidentStatus::Resolved));
    let late = history
        .incidents
        .iter()
        .find(|i| i.id == "4xd7xfgyl41c")
        .unwrap();
    let resolved = late.resolved_at.unwrap();
    assert!(resolved < late.started_at.unwrap());
    assert_eq!(late.began_at(), late.created_at);
    assert!(late.began_at() <= resolved);
    assert_eq!(late.impact, Impact::None);
    assert!(late.components.is_empty());
    assert!(late.affected_component_ids().is_empty());
    let update = &late.incident_updates[0];
    assert!(
        update.shown_at() < update.created_at,
        "display_at back-dated"
    );
}

#[test]
fn godaddy_critical_impact_composite_names_and_double_spaces() {
    let history = history("godaddy-incidents.json");
    let critical = history
        .incidents
        .iter()
        .find(|i| i.id == "bpv399qp3g67")
        .unwrap();
    assert_eq!(critical.impact, Impact::Critical);
    assert!(critical
        .incident_updates
        .iter()
        .flat_map(|u| &u.affected_components)
        .any(|a| a.new_status == Some(ComponentStatus::MajorOutage)));
    let names: Vec<&str> = history
        .incidents
        .iter()
        .flat_map(|i| &i.incident_updates)
        .flat_map(|u| &u.affected_components)
        .map(|a| a.name.as_str())
        .collect();
    assert!(names.contains(&"WordPress Hosting - WordPress Hosting"));
    let body = history
        .incidents
        .iter()
        .flat_map(|i| &i.incident_updates)
        .map(|u| u.body.as_str())
        .find(|b| b.contains("patience.  The"))
        .unwrap();
    assert!(plain_text(&parse_markup(body)).contains("patience."));
}

#[test]
fn twilio_maintenance_windows_across_daylight_saving_and_components_under_maintenance() {
    let summary = summary("twilio-summary.json");
    assert_eq!(summary.components.len(), 92);
    assert_eq!(summary.incidents.len(), 2);
    assert_eq!(summary.scheduled_maintenances.len(), 27);
    let window = summary
        .scheduled_maintenances
        .iter()
        .find(|m| m.id == "81t7f95lzh81")
        .unwrap();
    let (start, end) = (
        window.scheduled_for.unwrap(),
        window.scheduled_until.unwrap(),
    );
    assert_eq!(start.offset().local_minus_utc(), -8 * 3600);
    assert_eq!(end.offset().local_minus_utc(), -7 * 3600);
    assert!(start < end);

    let now = at("2023-03-09T21:33:31Z");
    let overall = overall_status(&summary, now);
    assert_eq!(overall.maintenances_in_progress.len(), 4);
    assert_eq!(overall.upcoming_maintenances.len(), 23);
    assert!(overall
        .upcoming_maintenances
        .windows(2)
        .all(|pair| pair[0].began_at() <= pair[1].began_at()));
    let under_maintenance: HashSet<&str> = summary
        .components
        .iter()
        .filter(|c| !c.group && c.status == ComponentStatus::UnderMaintenance)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(under_maintenance.len(), 5);
    let in_windows: HashSet<&str> = overall
        .maintenances_in_progress
        .iter()
        .flat_map(|m| m.affected_component_ids())
        .collect();
    assert!(under_maintenance.is_subset(&in_windows));
    // Degraded members outrank maintenance: Statuspage and Beacon agree on "minor".
    assert_eq!(overall.indicator, Indicator::Minor);
    assert_eq!(overall.indicator_mismatch(), None);
}

#[test]
fn twilio_group_status_rolls_up_from_members_and_capitals_do_not_make_a_group() {
    let summary = summary("twilio-summary.json");
    let carrier = summary
        .components
        .iter()
        .find(|c| c.group && c.name == "CARRIER NETWORK")
        .unwrap();
    assert_eq!(carrier.components.len(), 23);
    assert_eq!(
        beacon_core::status::overall::group_status(&summary, carrier),
        ComponentStatus::DegradedPerformance
    );
    for name in ["AUTOPILOT", "ELASTIC SIP TRUNKING", "PROXY"] {
        let component = summary.components.iter().find(|c| c.name == name).unwrap();
        assert!(!component.group, "{name} is a plain component");
    }
}

#[test]
fn twilio_bodies_with_html_breaks_and_a_month_old_open_incident() {
    let summary = summary("twilio-summary.json");
    let old = summary
        .incidents
        .iter()
        .find(|i| i.id == "bpbjysk6s8nr")
        .unwrap();
    assert_eq!(old.incident_updates.len(), 15);
    assert!(old.is_open());
    let with_breaks = summary
        .scheduled_maintenances
        .iter()
        .chain(&summary.incidents)
        .flat_map(|m| &m.incident_updates)
        .find(|u| u.body.matches("<br>").count() > 20)
        .expect("a long <br>-separated list");
    let shown = plain_text(&parse_markup(&with_breaks.body));
    assert!(!shown.contains("<br>"), "breaks become line breaks");
    assert!(shown.lines().count() > 20);
    let nulls = summary
        .scheduled_maintenances
        .iter()
        .flat_map(|m| &m.incident_updates)
        .filter(|u| u.body.starts_with("Maintenance will begin as scheduled"))
        .count();
    assert!(
        nulls >= 4,
        "updates with affected_components: null read as none"
    );
}

#[test]
fn airbrake_legacy_placeholder_components_and_disagreeing_lists() {
    let history = history("airbrake-incidents.json");
    assert_eq!(history.incidents.len(), 50);
    let placeholders: Vec<_> = history
        .incidents
        .iter()
        .flat_map(|i| &i.incident_updates)
        .flat_map(|u| &u.affected_components)
        .filter(|a| a.name == "No components were affected by this update.")
        .collect();
    assert_eq!(placeholders.len(), 51);
    assert!(placeholders
        .iter()
        .all(|a| a.code.is_none() && a.old_status.is_none() && a.new_status.is_none()));
    for id in ["czxjrbzm5s4v", "rj0wj1qn0tq4"] {
        let incident = history.incidents.iter().find(|i| i.id == id).unwrap();
        assert!(incident.components.is_empty());
        assert_eq!(
            incident.affected_component_ids().len(),
            1,
            "{id}: the update's component counts"
        );
    }
}

#[test]
fn airbrake_maintenance_posted_as_an_incident_and_incidents_opened_late() {
    let history = history("airbrake-incidents.json");
    let posted = history
        .incidents
        .iter()
        .find(|i| i.name.starts_with("Scheduled maintenance 2016-05-10"))
        .unwrap();
    assert_eq!(posted.impact, Impact::Minor);
    assert!(
        !posted.is_maintenance(),
        "no schedule: shown as the incident it was posted as"
    );
    let resolved_at_once = history
        .incidents
        .iter()
        .find(|i| i.id == "slljd4dpb6yt")
        .unwrap();
    assert_eq!(resolved_at_once.incident_updates.len(), 1);
    assert_eq!(resolved_at_once.resolved_at, resolved_at_once.started_at);
    let opened_in_monitoring = history
        .incidents
        .iter()
        .filter(|i| i.monitoring_at.is_some() && i.monitoring_at == i.started_at)
        .count();
    assert_eq!(opened_in_monitoring, 3);
    for incident in &history.incidents {
        let resolved = incident.resolved_at.unwrap();
        assert!(incident.began_at() <= resolved, "{}", incident.id);
    }
}

#[test]
fn airbrake_offsets_across_daylight_saving_and_bodies_with_carriage_returns() {
    let raw = text("airbrake-incidents.json");
    assert!(raw.contains("-07:00") && raw.contains("-08:00"));
    let history = history("airbrake-incidents.json");
    let newest_first = history
        .incidents
        .windows(2)
        .all(|pair| pair[0].created_at >= pair[1].created_at);
    assert!(newest_first);
    let body = history
        .incidents
        .iter()
        .flat_map(|i| &i.incident_updates)
        .map(|u| u.body.as_str())
        .find(|b| b.contains("\r\n"))
        .unwrap();
    assert!(!plain_text(&parse_markup(body)).contains('\r'));
    assert!(history
        .incidents
        .iter()
        .flat_map(|i| &i.incident_updates)
        .any(|u| u.body.contains('\u{2019}')));
    let links: HashSet<&str> = history
        .incidents
        .iter()
        .filter_map(|i| i.shortlink.as_deref())
        .collect();
    assert!(links.iter().any(|l| l.starts_with("http://")));
    assert!(links.iter().any(|l| l.starts_with("https://")));
}

#[test]
fn splunk_an_empty_history_is_a_valid_history() {
    let history = history("splunk-incidents.json");
    assert!(history.incidents.is_empty());
    assert_eq!(
        history.page.time_zone.as_deref(),
        Some("America/Los_Angeles")
    );
}

#[test]
fn coinbase_one_huge_group_with_a_member_under_maintenance() {
    let list = components("components/coinbase-components.json");
    assert_eq!(list.components.len(), 139);
    let digital = list
        .components
        .iter()
        .find(|c| c.group && c.name == "Digital Currencies")
        .unwrap();
    assert_eq!(digital.components.len(), 113);
    assert_eq!(digital.status, ComponentStatus::PartialOutage);
    assert!(list
        .components
        .iter()
        .any(|c| c.name == "Horizen" && c.status == ComponentStatus::UnderMaintenance));
    // "Coinbase - Website" is a literal name of an ungrouped component, not a composite.
    let website = list
        .components
        .iter()
        .find(|c| c.name == "Coinbase - Website")
        .unwrap();
    assert!(website.group_id.is_none() && !website.group);
}

#[test]
fn linode_minified_without_a_trailing_newline() {
    let raw = text("components/linode-components.json");
    assert!(!raw.ends_with('\n') && raw.lines().count() == 1);
    let list = components("components/linode-components.json");
    assert_eq!(list.components.len(), 68);
    let degraded = list
        .components
        .iter()
        .filter(|c| c.status == ComponentStatus::PartialOutage)
        .count();
    assert_eq!(degraded, 8);
    assert!(list.components.iter().all(|c| c.description.is_none()));
}

#[test]
fn qualys_names_unique_only_within_a_group() {
    let list = components("components/qualys-components.json");
    assert_eq!(list.components.len(), 271);
    assert_eq!(list.components.iter().filter(|c| c.group).count(), 12);
    let gav = list
        .components
        .iter()
        .filter(|c| c.name.starts_with("Global AssetView (GAV)"))
        .count();
    assert_eq!(gav, 11);
    let pairs: HashSet<(Option<&str>, &str)> = list
        .components
        .iter()
        .map(|c| (c.group_id.as_deref(), c.name.as_str()))
        .collect();
    assert_eq!(
        pairs.len(),
        list.components.len(),
        "group plus name is a key"
    );
    let outage = list
        .components
        .iter()
        .filter(|c| c.status == ComponentStatus::MajorOutage)
        .count();
    assert_eq!(outage, 2);
}

/// Reads one v2 endpoint of `files` back.
fn endpoint<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files.iter().find(|(p, _)| p == path).unwrap().1
}

#[test]
fn every_summary_round_trips_through_the_v2_endpoints() {
    use beacon_core::status::v2::{v2_files, ENDPOINTS};
    let empty = |summary: &Summary| IncidentHistory {
        page: summary.page.clone(),
        incidents: Vec::new(),
    };
    for (name, captured) in [
        ("bitbucket-summary.json", "2023-05-15T07:00:37Z"),
        ("intercom-summary.json", "2024-01-31T18:34:03Z"),
        ("godaddy-summary.json", "2024-01-31T18:34:27Z"),
        ("twilio-summary.json", "2023-03-09T21:33:31Z"),
    ] {
        let original = summary(name);
        let files = v2_files(&original, &empty(&original), at(captured));
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ENDPOINTS);

        let served = parse_summary(name, endpoint(&files, "summary.json")).unwrap();
        assert!(summary_problems(name, &served).is_empty());
        assert_eq!(served.components, original.components, "{name}");
        assert_eq!(served.incidents, original.incidents, "{name}");
        assert_eq!(
            served.scheduled_maintenances.len(),
            original.scheduled_maintenances.len()
        );
        let derived = overall_status(&original, at(captured)).indicator;
        assert_eq!(served.status.indicator, derived, "{name}");
        assert_eq!(
            overall_status(&served, at(captured)).indicator_mismatch(),
            None,
            "{name}: what the API claims is what the page shows"
        );
        let components = parse_components(name, endpoint(&files, "components.json")).unwrap();
        assert_eq!(components.components, original.components);
        let unresolved =
            parse_history(name, endpoint(&files, "incidents/unresolved.json")).unwrap();
        assert_eq!(unresolved.incidents.len(), original.incidents.len());
    }
}

#[test]
fn twilio_maintenances_split_by_the_clock_in_the_v2_endpoints() {
    use beacon_core::status::v2::v2_files;
    let summary = summary("twilio-summary.json");
    let history = IncidentHistory {
        page: summary.page.clone(),
        incidents: Vec::new(),
    };
    let files = v2_files(&summary, &history, at("2023-03-09T21:33:31Z"));
    let read = |path: &str| -> Vec<beacon_core::status::Incident> {
        let value: serde_json::Value = serde_json::from_str(endpoint(&files, path)).unwrap();
        serde_json::from_value(value["scheduled_maintenances"].clone()).unwrap()
    };
    let active = read("scheduled-maintenances/active.json");
    let upcoming = read("scheduled-maintenances/upcoming.json");
    assert_eq!((active.len(), upcoming.len()), (4, 23));
    assert!(active
        .iter()
        .all(|m| m.status == IncidentStatus::InProgress));
    assert!(upcoming
        .iter()
        .all(|m| m.status == IncidentStatus::Scheduled));
    assert_eq!(read("scheduled-maintenances.json").len(), 27);

    // A month later every window has ended: none is upcoming any more, and none is active.
    let later = v2_files(&summary, &history, at("2023-04-30T00:00:00Z"));
    let upcoming_later: serde_json::Value =
        serde_json::from_str(endpoint(&later, "scheduled-maintenances/upcoming.json")).unwrap();
    assert_eq!(
        upcoming_later["scheduled_maintenances"],
        serde_json::json!([])
    );
}

#[test]
fn airbrake_history_fills_the_incident_list_up_to_fifty() {
    use beacon_core::status::v2::{v2_files, LIST_LIMIT};
    let history = history("airbrake-incidents.json");
    let bitbucket = summary("bitbucket-summary.json");
    let files = v2_files(&bitbucket, &history, at("2023-05-15T07:00:37Z"));
    let listed = parse_history("incidents.json", endpoint(&files, "incidents.json")).unwrap();
    assert_eq!(listed.incidents.len(), LIST_LIMIT);
    assert_eq!(
        listed.incidents[0].id, "kl33kmbq9sxy",
        "the open incident is newest"
    );
    assert!(listed
        .incidents
        .windows(2)
        .all(|pair| pair[0].began_at() >= pair[1].began_at()));
    assert!(history_problems("incidents.json", &listed, None).is_empty());
}
