//! `beacon-ops publish` output read back with real parsers: Atom and RSS with `feed-rs` and the
//! strict XML parser `roxmltree`, iCalendar with the `icalendar` crate's parser, badges as XML.
//! Also: rebuilding gives byte-identical files, and ids survive edits of the data.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{ComponentStatus, Impact, IncidentStatus};
use beacon_ops::edit::{
    edit_region, open_incident, update_incident, ComponentChange, NewIncident, NewUpdate,
};
use beacon_ops::publish::{load_site, site_files, OutputFile};
use chrono::{DateTime, FixedOffset, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

/// How long an edit here waits for the folder's lock (nothing else edits it).
const WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// A copy of the shipped site's data in a fresh temporary folder.
fn copy_site(name: &str) -> PathBuf {
    let root = common::temp_dir("publish", name);
    common::copy_site_data(&root);
    root
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap()
}

/// Every published file of the site in `dir`, by path.
fn publish(dir: &Path) -> BTreeMap<String, String> {
    let site = load_site(dir, now().with_timezone(&Utc)).expect("the site is valid");
    site_files(&site, "https://status.example.com/")
        .unwrap()
        .into_iter()
        .map(|OutputFile { path, contents }| (path, contents))
        .collect()
}

/// The parsed feed, after checking the XML is well-formed for a strict parser.
fn parse_feed(path: &str, text: &str) -> feed_rs::model::Feed {
    roxmltree::Document::parse(text).unwrap_or_else(|err| panic!("{path}: not XML: {err}"));
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The events of a calendar as property maps (unfolded, TEXT values unescaped by the parser).
fn parse_events(path: &str, text: &str) -> Vec<BTreeMap<String, String>> {
    assert!(
        !text.replace("\r\n", "").contains('\n') && !text.replace("\r\n", "").contains('\r'),
        "{path}: every line must end in CRLF"
    );
    for line in text.split_terminator("\r\n") {
        assert!(
            line.len() <= 75,
            "{path}: line longer than 75 octets: {line:?}"
        );
    }
    let unfolded = icalendar::parser::unfold(text);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|err| panic!("{path}: {err}"));
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                .collect()
        })
        .collect()
}

#[test]
fn every_published_file_parses_and_lists_the_demo_incidents() {
    let files = publish(&common::public());
    let layout: Vec<&str> = files.keys().map(String::as_str).collect();
    for expected in [
        "feeds/emea.atom",
        "feeds/emea.rss",
        "feeds/emea/em-backups-m365.atom",
        "feeds/emea/em-backups.atom",
        "calendars/emea.ics",
        "calendars/emea/g28gsyh2r7jv.ics",
        "badges/emea.svg",
        "badges/emea/em-backups-m365.svg",
    ] {
        assert!(
            layout.contains(&expected),
            "{expected} missing from {layout:?}"
        );
    }
    for (path, text) in &files {
        if path.ends_with(".atom") || path.ends_with(".rss") {
            let feed = parse_feed(path, text);
            let expected_type = if path.ends_with(".atom") {
                feed_rs::model::FeedType::Atom
            } else {
                feed_rs::model::FeedType::RSS2
            };
            assert_eq!(feed.feed_type, expected_type, "{path}");
            assert!(feed.title.is_some(), "{path}");
            for entry in &feed.entries {
                assert!(
                    entry.id.starts_with("tag:status.beacon-backup.example,"),
                    "{path}: {}",
                    entry.id
                );
                assert!(entry.updated.is_some() || path.ends_with(".rss"), "{path}");
            }
        } else if path.ends_with(".ics") {
            let events = parse_events(path, text);
            assert!(!events.is_empty(), "{path}");
            for event in events {
                for property in [
                    "UID",
                    "DTSTAMP",
                    "DTSTART",
                    "SEQUENCE",
                    "LAST-MODIFIED",
                    "SUMMARY",
                ] {
                    assert!(event.contains_key(property), "{path}: no {property}");
                }
            }
        } else if path.ends_with(".svg") {
            let svg = roxmltree::Document::parse(text).unwrap();
            let root = svg.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{path}");
            let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
            assert_eq!(root.attribute("aria-label"), title.text(), "{path}");
        } else if path.contains("/api/v2/") && path.ends_with(".json") {
            let value: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|err| panic!("{path}: {err}"));
            assert!(value["page"]["id"].is_string(), "{path}");
        } else if path.starts_with("data/") && path.contains("/history/") {
            // The split history: checked as a whole below.
        } else {
            panic!("unexpected file {path}");
        }
    }
    the_history_is_split_into_recent_and_quarters(&files);

    let emea = parse_feed("feeds/emea.atom", &files["feeds/emea.atom"]);
    let active = emea
        .entries
        .iter()
        .find(|e| e.id.ends_with("/incidents/tb1xtvj5wamt"))
        .expect("the active EMEA incident is in the region feed");
    assert_eq!(
        active.title.as_ref().unwrap().content,
        "Delayed Microsoft 365 backups (Identified)"
    );
    let html = active.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(html.contains("<strong>OneDrive</strong>"), "{html}");
    assert_eq!(
        active.updated.unwrap(),
        "2026-11-21T10:45:00Z".parse::<DateTime<Utc>>().unwrap()
    );

    // A component feed lists only what touches the component; a group's feed includes members.
    let website = parse_feed("w", &files["feeds/emea/em-website.atom"]);
    assert!(website
        .entries
        .iter()
        .all(|e| !e.id.ends_with("tb1xtvj5wamt")));
    let backups = parse_feed("b", &files["feeds/emea/em-backups.atom"]);
    assert!(backups
        .entries
        .iter()
        .any(|e| e.id.ends_with("tb1xtvj5wamt")));

    let badge = &files["badges/emea/em-backups-m365.svg"];
    assert!(
        badge.contains("<title>Microsoft 365 backups: Partial outage</title>"),
        "{badge}"
    );
    let calendar = parse_events("calendars/emea.ics", &files["calendars/emea.ics"]);
    let upgrade = calendar
        .iter()
        .find(|e| e["UID"].starts_with("g28gsyh2r7jv."))
        .expect("the upcoming EMEA maintenance is in the calendar");
    assert_eq!(upgrade["DTSTART"], "20261128T020000Z");
    assert_eq!(upgrade["DTEND"], "20261128T030000Z");
}

#[test]
fn rebuilding_gives_identical_bytes() {
    assert_eq!(publish(&common::public()), publish(&common::public()));
}

#[test]
fn ids_stay_and_revisions_grow_when_the_data_changes() {
    let before = publish(&common::public());
    let root = copy_site("stable");
    let later = DateTime::parse_from_rfc3339("2026-11-21T12:30:00+01:00").unwrap();
    edit_region(&root, "emea", later, WAIT, |summary, history| {
        update_incident(
            summary,
            history,
            NewUpdate {
                id: "tb1xtvj5wamt".into(),
                status: Some(IncidentStatus::Monitoring),
                message: "A fix is rolling out.".into(),
                components: vec![],
            },
            later,
        )
    })
    .unwrap();
    let after = publish(&root);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file appears or disappears"
    );
    let ids = |files: &BTreeMap<String, String>| -> Vec<String> {
        let mut ids: Vec<String> = parse_feed("a", &files["feeds/emea.atom"])
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&before), ids(&after));
    let entry = |files: &BTreeMap<String, String>| {
        parse_feed("a", &files["feeds/emea.atom"])
            .entries
            .into_iter()
            .find(|e| e.id.ends_with("tb1xtvj5wamt"))
            .unwrap()
    };
    assert_eq!(entry(&after).updated, Some(later.with_timezone(&Utc)));
    assert!(entry(&after)
        .title
        .unwrap()
        .content
        .ends_with("(Monitoring)"));
    // The maintenance calendar did not change at all.
    assert_eq!(before["calendars/emea.ics"], after["calendars/emea.ics"]);
}

#[test]
fn a_changed_maintenance_keeps_its_uid_with_a_higher_sequence() {
    let before = publish(&common::public());
    let root = copy_site("sequence");
    let later = DateTime::parse_from_rfc3339("2026-11-24T09:00:00+01:00").unwrap();
    edit_region(&root, "emea", later, WAIT, |summary, history| {
        update_incident(
            summary,
            history,
            NewUpdate {
                id: "g28gsyh2r7jv".into(),
                status: None,
                message: "Still on for Saturday night.".into(),
                components: vec![],
            },
            later,
        )
    })
    .unwrap();
    let after = publish(&root);
    let event = |files: &BTreeMap<String, String>| {
        parse_events("c", &files["calendars/emea/g28gsyh2r7jv.ics"]).remove(0)
    };
    let (old, new) = (event(&before), event(&after));
    assert_eq!(old["UID"], new["UID"]);
    assert!(new["SEQUENCE"].parse::<i64>().unwrap() > old["SEQUENCE"].parse::<i64>().unwrap());
    assert_eq!(new["DTSTAMP"], "20261124T080000Z");
    assert_eq!(new["LAST-MODIFIED"], "20261124T080000Z");
    assert!(new["DESCRIPTION"].contains("Still on for Saturday night."));
}

/// Text no format may let through unescaped.
const HOSTILE_NAME: &str =
    "Outage <script>alert(1)</script> ]]> & \u{1}\u{1b}, \"quotes\"; back\\slash";

fn hostile_body() -> String {
    format!(
        "<script>alert('x')</script> ]]> &amp; & <img src=x onerror=alert(1)>\r\n\
         bell\u{7} nul\u{0} esc\u{1b}; semi, comma\\ \n\n{}",
        "long ".repeat(400)
    )
}

#[test]
fn hostile_incident_text_is_escaped_in_every_format() {
    let root = copy_site("hostile");
    let body = hostile_body();
    edit_region(&root, "apac", now(), WAIT, |summary, history| {
        open_incident(
            summary,
            history,
            NewIncident {
                name: HOSTILE_NAME.into(),
                impact: Impact::Minor,
                status: IncidentStatus::Investigating,
                components: vec![ComponentChange {
                    id: "ap-website".into(),
                    status: Some(ComponentStatus::DegradedPerformance),
                }],
                message: body.clone(),
                id: Some("hostile1".into()),
            },
            now(),
        )
    })
    .unwrap();
    let files = publish(&root);

    for path in [
        "feeds/apac.atom",
        "feeds/apac.rss",
        "feeds/apac/ap-website.atom",
    ] {
        let text = &files[path];
        assert!(!text.contains("<script"), "{path}: raw script tag");
        assert!(!text.contains("]]>"), "{path}: raw CDATA end");
        let feed = parse_feed(path, text);
        let entry = feed
            .entries
            .iter()
            .find(|e| e.id.ends_with("/incidents/hostile1"))
            .unwrap_or_else(|| panic!("{path}: hostile entry missing"));
        let title = &entry.title.as_ref().unwrap().content;
        assert!(
            title.starts_with("Outage <script>alert(1)</script> ]]> & , \"quotes\"; back\\slash"),
            "{path}: title read back as {title:?}"
        );
        let html = match &entry.content {
            Some(content) => content.body.clone().unwrap(),
            None => entry.summary.as_ref().unwrap().content.clone(),
        };
        // Once unescaped, the content is HTML in which the script is only text.
        let wrapped = format!("<div>{}</div>", html.replace("<br>", "<br/>"));
        let fragment = roxmltree::Document::parse(&wrapped)
            .unwrap_or_else(|err| panic!("{path}: content is not well-formed: {err}\n{html}"));
        let elements: Vec<&str> = fragment
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert!(
            !elements.contains(&"script") && !elements.contains(&"img"),
            "{path}: {elements:?}"
        );
        assert!(fragment
            .descendants()
            .all(|n| n.attributes().all(|a| !a.name().starts_with("on"))));
        // Tags outside the safe subset are dropped and their text kept, as on the page.
        let text: String = fragment
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert!(text.contains("alert('x') ]]> & &"), "{path}: {text}");
        assert!(!text.contains('\u{7}') && !text.contains('\u{0}') && !text.contains('\u{1b}'));
    }

    let events_before = files["calendars/apac.ics"].clone();
    assert!(parse_events("calendars/apac.ics", &events_before).len() >= 2);

    let badge = &files["badges/apac/ap-website.svg"];
    roxmltree::Document::parse(badge).unwrap();
    assert!(badge.contains("Degraded performance"));
}

#[test]
fn hostile_maintenance_text_is_escaped_in_calendars() {
    use beacon_ops::edit::{schedule_maintenance, NewMaintenance};
    let root = copy_site("hostile-ics");
    edit_region(&root, "apac", now(), WAIT, |summary, history| {
        schedule_maintenance(
            summary,
            history,
            NewMaintenance {
                name: HOSTILE_NAME.into(),
                from: DateTime::parse_from_rfc3339("2026-12-01T01:00:00+08:00").unwrap(),
                until: DateTime::parse_from_rfc3339("2026-12-01T03:00:00+08:00").unwrap(),
                components: vec!["ap-restores".into()],
                message: hostile_body(),
                id: Some("hostilemaint".into()),
                automation: Default::default(),
            },
            now(),
        )
    })
    .unwrap();
    let files = publish(&root);
    for path in ["calendars/apac.ics", "calendars/apac/hostilemaint.ics"] {
        let events = parse_events(path, &files[path]);
        let event = events
            .iter()
            .find(|e| e["UID"].starts_with("hostilemaint."))
            .unwrap();
        assert_eq!(
            event["SUMMARY"],
            "Maintenance: Outage <script>alert(1)</script> ]]> & , \"quotes\"; back\\slash"
        );
        let description = &event["DESCRIPTION"];
        assert!(description.contains("semi, comma\\"), "{description}");
        assert!(description.contains(&"long ".repeat(400).trim_end().to_owned()));
        assert!(
            !description.chars().any(|c| c.is_control() && c != '\n'),
            "{description:?}"
        );
        assert_eq!(event["DTSTART"], "20261130T170000Z");
    }
    let feed = parse_feed("feeds/apac.rss", &files["feeds/apac.rss"]);
    assert!(feed
        .entries
        .iter()
        .any(|e| e.id.ends_with("/incidents/hostilemaint")));
}

#[test]
fn each_region_answers_statuspage_v2_clients_with_what_its_page_shows() {
    use beacon_core::status::{
        overall_status, parse_components, parse_history, parse_summary, v2::ENDPOINTS,
    };
    let dir = copy_site("v2");
    let files = publish(&dir);
    let site = load_site(&dir, now().with_timezone(&Utc)).unwrap();
    for data in &site.regions {
        let region = &data.region.id;
        for endpoint in ENDPOINTS {
            let path = format!("{region}/api/v2/{endpoint}");
            let text = files
                .get(&path)
                .unwrap_or_else(|| panic!("{path} is published"));
            let value: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|err| panic!("{path}: {err}"));
            assert_eq!(value["page"]["id"], data.summary.page.id.as_str(), "{path}");
        }
        let served = parse_summary(
            "summary.json",
            &files[&format!("{region}/api/v2/summary.json")],
        )
        .unwrap();
        let shown = overall_status(&data.summary, now().with_timezone(&Utc));
        assert_eq!(served.status.indicator, shown.indicator, "{region}");
        assert_eq!(served.components, data.summary.components);
        let unresolved = parse_history(
            "unresolved.json",
            &files[&format!("{region}/api/v2/incidents/unresolved.json")],
        )
        .unwrap();
        let open: Vec<&str> = shown
            .active_incidents
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        let listed: Vec<&str> = unresolved.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(listed, open, "{region}");
        let all = parse_history(
            "incidents.json",
            &files[&format!("{region}/api/v2/incidents.json")],
        )
        .unwrap();
        let history_ids = data
            .history
            .incidents
            .iter()
            .filter(|i| !i.is_maintenance())
            .count();
        assert!(all.incidents.len() >= history_ids.min(50), "{region}");
        let components = parse_components(
            "components.json",
            &files[&format!("{region}/api/v2/components.json")],
        )
        .unwrap();
        assert_eq!(components.components.len(), data.summary.components.len());
    }
}

/// Each region's history as published: every incident of the summary and the history in
/// exactly one quarter file, named by the quarter it began in; the index lists those files with
/// their counts, newest first; the recent file holds what the live page needs.
fn the_history_is_split_into_recent_and_quarters(files: &BTreeMap<String, String>) {
    use beacon_core::status::archive::{parse_index, period_of};
    use beacon_core::status::model::{parse_history, parse_summary};
    let public = common::public();
    for region in ["americas", "emea", "apac"] {
        let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();
        let source = parse_history(
            "history.json",
            &read(&format!("data/{region}/history.json")),
        )
        .unwrap();
        let summary = parse_summary(
            "summary.json",
            &read(&format!("data/{region}/summary.json")),
        )
        .unwrap();
        let dir = format!("data/{region}/history/");
        let index =
            parse_index("index.json", files[&format!("{dir}index.json")].as_bytes()).unwrap();
        let mut placed = Vec::new();
        for entry in &index.periods {
            let path = format!("{dir}{}.json", entry.period);
            let quarter = parse_history(&path, &files[&path]).unwrap();
            assert_eq!(quarter.incidents.len(), entry.incidents, "{path}");
            for incident in &quarter.incidents {
                assert_eq!(period_of(incident), entry.period, "{path}: {}", incident.id);
                placed.push(incident.id.clone());
            }
        }
        let quarter_files = files
            .keys()
            .filter(|path| path.starts_with(&dir) && path.contains("-q"))
            .count();
        assert_eq!(
            quarter_files,
            index.periods.len(),
            "{region}: one file per listed quarter"
        );
        let mut periods: Vec<_> = index.periods.iter().map(|e| e.period).collect();
        periods.sort_by(|a, b| b.cmp(a));
        assert_eq!(
            periods,
            index.periods.iter().map(|e| e.period).collect::<Vec<_>>()
        );
        let mut expected: Vec<String> = summary
            .incidents
            .iter()
            .chain(&summary.scheduled_maintenances)
            .chain(&source.incidents)
            .map(|i| i.id.clone())
            .collect();
        expected.sort();
        expected.dedup();
        placed.sort();
        assert_eq!(
            placed, expected,
            "{region}: every incident in exactly one quarter"
        );
        let recent = parse_history("recent.json", &files[&format!("{dir}recent.json")]).unwrap();
        assert!(!recent.incidents.is_empty() && recent.incidents.len() <= source.incidents.len());
    }
}
