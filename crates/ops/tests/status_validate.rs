//! `validate_site`: the shipped site is clean, and every kind of broken data is reported with
//! its file and JSON path.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{validate_site_at, Problem};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

mod common;

/// A copy of the shipped site's data in a fresh temporary folder.
fn copy_site(name: &str) -> PathBuf {
    let root = common::temp_dir("validate", name);
    common::copy_site_data(&root);
    root
}

fn now() -> DateTime<Utc> {
    "2026-11-21T12:00:00Z".parse().unwrap()
}

fn edit(root: &Path, file: &str, change: impl FnOnce(&mut Value)) {
    let path = root.join(file);
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    change(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

fn has(problems: &[Problem], file: &str, path: &str, reason: &str) -> bool {
    problems
        .iter()
        .any(|p| p.file == file && p.path == path && p.reason.contains(reason))
}

#[test]
fn the_shipped_demo_site_has_no_problems() {
    let problems = validate_site_at(&beacon_ops::publish::SiteDir(&common::public()), now());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_problem_is_reported_with_file_and_path() {
    let root = copy_site("many");
    edit(&root, "data/emea/summary.json", |v| {
        v["incidents"][0]["incident_updates"][0]["affected_components"] =
            json!([{"code": "em-nope", "name": "Nope", "new_status": "major_outage"}]);
        v["components"][0]["status"] = json!("on_fire");
    });
    edit(&root, "data/americas/summary.json", |v| {
        let components = v["components"].as_array_mut().unwrap();
        let mut duplicate = components[0].clone();
        duplicate["name"] = json!("Website again");
        components.push(duplicate);
        components.push(
            json!({"id": "am-extra", "name": "Extra", "status": "operational",
            "group_id": "am-website"}),
        );
        v["status"]["indicator"] = json!("none");
    });
    edit(&root, "data/americas/history.json", |v| {
        let updates = v["incidents"][2]["incident_updates"]
            .as_array_mut()
            .unwrap();
        updates.reverse();
    });
    edit(&root, "data/apac/history.json", |v| {
        v["incidents"][0]["resolved_at"] = Value::Null;
        v["incidents"][1]["id"] = v["incidents"][0]["id"].clone();
    });
    edit(&root, "data/apac/summary.json", |v| {
        let m = &mut v["scheduled_maintenances"][0];
        m["scheduled_until"] = json!("2026-11-20T00:00:00Z");
    });
    edit(&root, "config.json", |v| {
        v["regions"][2]["component_order"]
            .as_array_mut()
            .unwrap()
            .push(json!("ap-ghost"));
    });
    let problems = validate_site_at(&beacon_ops::publish::SiteDir(&root), now());
    let expected = [
        (
            "data/emea/summary.json",
            "incidents[0].incident_updates[0].affected_components[0].code",
            "em-nope",
        ),
        (
            "data/emea/summary.json",
            "components[0].status",
            "unknown status",
        ),
        (
            "data/americas/summary.json",
            "components[6].id",
            "duplicate component id",
        ),
        (
            "data/americas/summary.json",
            "components[7].id",
            "missing from the component_order",
        ),
        (
            "data/americas/summary.json",
            "components[7].group_id",
            "is not a group",
        ),
        (
            "data/americas/summary.json",
            "status.indicator",
            "the file says \"none\"",
        ),
        (
            "data/americas/history.json",
            "incidents[2].incident_updates[1].created_at",
            "newest first",
        ),
        (
            "data/apac/history.json",
            "incidents[0].resolved_at",
            "needs resolved_at",
        ),
        (
            "data/apac/history.json",
            "incidents[1].id",
            "duplicate incident id",
        ),
        (
            "data/apac/summary.json",
            "scheduled_maintenances[0].scheduled_until",
            "before scheduled_for",
        ),
        ("config.json", "regions[2].component_order[6]", "ap-ghost"),
    ];
    for (file, path, reason) in expected {
        assert!(
            has(&problems, file, path, reason),
            "{file} {path} {reason}\n{problems:#?}"
        );
    }
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn unreadable_files_do_not_hide_the_other_regions_problems() {
    let root = copy_site("unreadable");
    std::fs::write(
        root.join("data/emea/history.json"),
        "{\"page\": {\"id\": \"x\",, }",
    )
    .unwrap();
    std::fs::remove_file(root.join("data/apac/summary.json")).unwrap();
    edit(&root, "data/americas/history.json", |v| {
        v["incidents"][0]["status"] = json!("resolved");
    });
    let problems = validate_site_at(&beacon_ops::publish::SiteDir(&root), now());
    assert!(
        has(
            &problems,
            "data/emea/history.json",
            "page",
            "key must be a string at line 1"
        ),
        "{problems:#?}"
    );
    assert!(
        has(&problems, "data/apac/summary.json", "", "cannot read"),
        "{problems:#?}"
    );
    assert!(has(
        &problems,
        "data/americas/history.json",
        "incidents[0].resolved_at",
        "needs resolved_at"
    ));
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_broken_config_is_the_only_problem_reported() {
    let root = copy_site("config");
    std::fs::write(root.join("config.json"), "{\"site_name\": 3}").unwrap();
    let problems = validate_site_at(&beacon_ops::publish::SiteDir(&root), now());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, "site_name");
    std::fs::remove_dir_all(root).unwrap();
}
