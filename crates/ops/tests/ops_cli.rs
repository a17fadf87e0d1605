//! The `beacon-ops` binary as operators run it: `validate` and `publish` failure paths, and the
//! incident and maintenance workflow on a temporary copy of `public/`.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

/// A copy of the shipped site's data in a fresh temporary folder.
fn copy_site(name: &str) -> PathBuf {
    let root = common::temp_dir("ops-cli", name);
    common::copy_site_data(&root);
    root
}

const NOW: &str = "2026-11-21T12:00:00Z";

/// Runs `beacon-ops` with `args`.
fn ops(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beacon-ops"))
        .args(args)
        .output()
        .expect("beacon-ops runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs an edit on `root` at `now` and expects success.
fn edit_ok(root: &Path, now: &str, args: &[&str]) -> String {
    let root = root.to_str().unwrap();
    let mut all = args.to_vec();
    all.extend(["--public", root, "--now", now]);
    let output = ops(&all);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn read_json(root: &Path, file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap()
}

fn component_status(summary: &Value, id: &str) -> String {
    summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn validate(root: &Path, now: &str) -> Output {
    ops(&["validate", "--public", root.to_str().unwrap(), "--now", now])
}

#[test]
fn validate_passes_on_the_shipped_site() {
    let output = validate(&common::public(), NOW);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("no problems"));
}

#[test]
fn validate_names_file_path_and_reason_of_every_problem() {
    let root = copy_site("validate-broken");
    let file = root.join("data/emea/summary.json");
    let mut summary = read_json(&root, "data/emea/summary.json");
    summary["components"][2]["status"] = "on_fire".into();
    summary["incidents"][0]["impact"] = "apocalyptic".into();
    std::fs::write(&file, summary.to_string()).unwrap();
    let output = validate(&root, NOW);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains("data/emea/summary.json: components[2].status: unknown status \"on_fire\""),
        "{report}"
    );
    assert!(
        report.contains("data/emea/summary.json: incidents[0].impact: unknown impact"),
        "{report}"
    );
}

#[test]
fn validate_reports_unreadable_files() {
    let root = copy_site("validate-missing");
    std::fs::write(
        root.join("data/apac/history.json"),
        "{\"page\": {\"id\": \"x\", \"name\": \"y\"}, \"incidents\": [{\"id\": 1}]}",
    )
    .unwrap();
    std::fs::remove_file(root.join("data/americas/summary.json")).unwrap();
    let output = validate(&root, NOW);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains("data/americas/summary.json: (document): cannot read"),
        "{report}"
    );
    assert!(
        report.contains("data/apac/history.json: incidents[0].id: invalid type"),
        "{report}"
    );

    let output = validate(&root.join("nowhere"), NOW);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("config.json: (document): cannot read"));
}

/// `incident open` in `emea` with `impact` and `status`, then `extra`.
fn open_args<'a>(impact: &'a str, status: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "incident",
        "open",
        "--region",
        "emea",
        "--name",
        "x",
        "--impact",
        impact,
        "--status",
        status,
        "--message",
        "x",
    ];
    args.extend(extra);
    args
}

#[test]
fn usage_errors_exit_2_naming_the_argument() {
    let update = |extra: &[&'static str]| {
        let mut args = vec![
            "incident",
            "update",
            "--region",
            "emea",
            "--id",
            "tb1xtvj5wamt",
        ];
        args.extend(extra);
        args
    };
    for (args, named) in [
        (vec![], "Usage: beacon-ops <COMMAND>"),
        (vec!["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            vec!["validate", "--bogus", "x"],
            "unexpected argument '--bogus'",
        ),
        (vec!["validate", "--now", "yesterday"], "'--now <RFC3339>'"),
        (
            vec!["validate", "--public", "a", "--public", "b"],
            "'--public <DIR>'",
        ),
        (vec!["publish"], "--out <DIR>"),
        (
            vec!["publish", "--out", "d", "--module", "subscribe"],
            "'--module <[FOLDER/]NAME=PAGE>'",
        ),
        (
            vec!["incident", "open", "--region", "emea"],
            "--name <TITLE>",
        ),
        (
            open_args("apocalyptic", "investigating", &[]),
            "'--impact <IMPACT>'",
        ),
        (open_args("minor", "resolved", &[]), "'--status <STATUS>'"),
        (
            open_args("minor", "investigating", &["--components", ""]),
            "'--components <COMPONENT[=STATUS],...>'",
        ),
        (
            open_args(
                "minor",
                "investigating",
                &["--components", "em-website,,em-api"],
            ),
            "'--components <COMPONENT[=STATUS],...>'",
        ),
        (
            update(&["--message", "x", "--component-status", "em-website=on_fire"]),
            "unknown component status \"on_fire\"",
        ),
        (
            update(&["--message", " "]),
            "'--message <TEXT>': must not be empty",
        ),
        (
            vec!["maintenance", "schedule", "--until", "soon"],
            "'--until <RFC3339>'",
        ),
        (
            vec!["bench-sla", "--now", "2026-11-21T12:00:00Z"],
            "unexpected argument '--now'",
        ),
    ] {
        let output = ops(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(named),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let help = ops(&["help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("Usage: beacon-ops <COMMAND>"));
    let help = ops(&["incident", "open", "--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("Example:"), "{}", stdout(&help));
}

#[test]
fn publish_refuses_bad_data_naming_file_and_field_and_writes_nothing() {
    let root = copy_site("publish-broken");
    let mut history = read_json(&root, "data/americas/history.json");
    history["incidents"][1]["created_at"] = "last tuesday".into();
    std::fs::write(root.join("data/americas/history.json"), history.to_string()).unwrap();
    let out = root.join("dist");
    let output = ops(&[
        "publish",
        "--public",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--now",
        NOW,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains("data/americas/history.json: incidents[1].created_at: "),
        "{report}"
    );
    assert!(!out.exists(), "nothing is published from bad data");
}

#[test]
fn publish_writes_the_documented_layout() {
    let out = std::env::temp_dir().join(format!("beacon-ops-cli-{}-dist", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let output = ops(&[
        "publish",
        "--public",
        common::public().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--site-url",
        "/beacon/",
        "--now",
        NOW,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "feeds/americas.atom",
        "feeds/americas.rss",
        "feeds/americas/am-restores.atom",
        "calendars/americas.ics",
        "badges/americas.svg",
        "badges/americas/am-restores.svg",
        "data/americas/history/recent.json",
        "data/americas/history/index.json",
        "data/americas/history/2026-q3.json",
        "data/americas/history/2026-q4.json",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let atom = std::fs::read_to_string(out.join("feeds/apac.atom")).unwrap();
    assert!(atom.contains("href=\"/beacon/feeds/apac.atom\""), "{atom}");
}

#[test]
fn an_incident_is_opened_updated_and_resolved_from_the_command_line() {
    let root = copy_site("workflow");
    let summary_file = "data/americas/summary.json";
    let history_file = "data/americas/history.json";
    let before = read_json(&root, summary_file);
    let open_incidents = before["incidents"].as_array().unwrap().len();

    let report = edit_ok(
        &root,
        "2026-11-21T12:00:00-05:00",
        &[
            "incident",
            "open",
            "--region",
            "americas",
            "--name",
            "Slow restores",
            "--impact",
            "major",
            "--status",
            "investigating",
            "--components",
            "am-restores",
            "--message",
            "We are looking into slow restores.",
        ],
    );
    assert!(report.contains("opened incident"), "{report}");
    assert!(
        report.contains("am-restores (Restores/Downloads): operational → partial_outage"),
        "{report}"
    );
    assert!(
        report.contains("wrote data/americas/summary.json"),
        "{report}"
    );
    let summary = read_json(&root, summary_file);
    let incident = &summary["incidents"][0];
    let id = incident["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 12);
    assert_eq!(incident["status"], "investigating");
    assert_eq!(incident["created_at"], "2026-11-21T12:00:00-05:00");
    assert_eq!(
        incident["incident_updates"][0]["body"],
        "We are looking into slow restores."
    );
    assert_eq!(component_status(&summary, "am-restores"), "partial_outage");
    assert_eq!(summary["status"]["indicator"], "major");
    assert_eq!(summary["page"]["updated_at"], "2026-11-21T12:00:00-05:00");
    assert_eq!(
        summary["incidents"].as_array().unwrap().len(),
        open_incidents + 1
    );
    assert!(validate(&root, "2026-11-21T17:00:00Z").status.success());

    edit_ok(
        &root,
        "2026-11-21T12:30:00-05:00",
        &[
            "incident",
            "update",
            "--region",
            "americas",
            "--id",
            &id,
            "--status",
            "identified",
            "--message",
            "A storage node is slow; restores are throttled.",
            "--component-status",
            "am-restores=degraded_performance",
        ],
    );
    let summary = read_json(&root, summary_file);
    let incident = summary["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    assert_eq!(incident["status"], "identified");
    assert_eq!(incident["incident_updates"].as_array().unwrap().len(), 2);
    let affected = &incident["incident_updates"][0]["affected_components"][0];
    assert_eq!(affected["old_status"], "partial_outage");
    assert_eq!(affected["new_status"], "degraded_performance");
    assert_eq!(
        component_status(&summary, "am-restores"),
        "degraded_performance"
    );

    let report = edit_ok(
        &root,
        "2026-11-21T13:10:00-05:00",
        &[
            "incident",
            "resolve",
            "--region",
            "americas",
            "--id",
            &id,
            "--message",
            "Restores are fast again.",
        ],
    );
    assert!(report.contains("moved to the history"), "{report}");
    assert!(
        report.contains("wrote data/americas/history.json"),
        "{report}"
    );
    let summary = read_json(&root, summary_file);
    assert!(summary["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["id"] != id.as_str()));
    assert_eq!(component_status(&summary, "am-restores"), "operational");
    let history = read_json(&root, history_file);
    let resolved = history["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["resolved_at"], "2026-11-21T13:10:00-05:00");
    assert_eq!(resolved["incident_updates"].as_array().unwrap().len(), 3);
    assert!(validate(&root, "2026-11-21T18:10:00Z").status.success());

    // Resolving twice is refused, naming why.
    let again = ops(&[
        "incident",
        "resolve",
        "--region",
        "americas",
        "--id",
        &id,
        "--message",
        "again",
        "--public",
        root.to_str().unwrap(),
        "--now",
        "2026-11-21T13:20:00-05:00",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already closed"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn the_same_command_at_the_same_time_writes_the_same_bytes() {
    let args = [
        "incident",
        "open",
        "--region",
        "emea",
        "--name",
        "Portal sign-in errors",
        "--impact",
        "minor",
        "--status",
        "identified",
        "--components",
        "em-website",
        "--message",
        "Some sign-ins fail.",
    ];
    let (a, b) = (copy_site("same-a"), copy_site("same-b"));
    edit_ok(&a, "2026-11-21T13:05:00+01:00", &args);
    edit_ok(&b, "2026-11-21T13:05:00+01:00", &args);
    let file = "data/emea/summary.json";
    assert_eq!(
        std::fs::read(a.join(file)).unwrap(),
        std::fs::read(b.join(file)).unwrap()
    );
}

#[test]
fn an_edit_that_would_leave_invalid_data_is_refused_and_nothing_is_written() {
    let root = copy_site("refused");
    let file = root.join("data/emea/summary.json");
    let before = std::fs::read(&file).unwrap();
    // Posted "before" the incident's latest update: updates would no longer be newest first.
    let output = ops(&[
        "incident",
        "update",
        "--region",
        "emea",
        "--id",
        "tb1xtvj5wamt",
        "--message",
        "Back-dated",
        "--public",
        root.to_str().unwrap(),
        "--now",
        "2026-11-21T09:00:00+01:00",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains("data/emea/summary.json: incidents[0].incident_updates[1].created_at: updates must be newest first"),
        "{report}"
    );
    assert!(report.contains("nothing was written"), "{report}");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    for (args, reason) in [
        (
            &[
                "incident",
                "update",
                "--region",
                "emea",
                "--id",
                "nope",
                "--message",
                "x",
            ][..],
            "no open incident",
        ),
        (
            &open_args("minor", "investigating", &["--components", "em-toaster"])[..],
            "no component \"em-toaster\"",
        ),
        (
            &[
                "incident",
                "open",
                "--region",
                "mars",
                "--name",
                "x",
                "--impact",
                "minor",
                "--status",
                "investigating",
                "--message",
                "x",
            ][..],
            "no region \"mars\"",
        ),
        (
            &[
                "incident",
                "update",
                "--region",
                "emea",
                "--id",
                "tb1xtvj5wamt",
                "--status",
                "resolved",
                "--message",
                "x",
            ][..],
            "use `resolve`",
        ),
    ] {
        let mut all = args.to_vec();
        all.extend(["--public", root.to_str().unwrap(), "--now", NOW]);
        let output = ops(&all);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains(reason),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(std::fs::read(&file).unwrap(), before, "{args:?}");
    }
}

#[test]
fn maintenance_is_scheduled_started_and_completed() {
    let root = copy_site("maintenance");
    let summary_file = "data/apac/summary.json";
    let report = edit_ok(
        &root,
        "2026-11-21T20:00:00+08:00",
        &[
            "maintenance",
            "schedule",
            "--region",
            "apac",
            "--name",
            "Storage expansion",
            "--from",
            "2026-11-29T01:00:00+08:00",
            "--until",
            "2026-11-29T03:00:00+08:00",
            "--components",
            "ap-backups-servers",
            "--message",
            "We add storage; uploads may pause.",
            "--id",
            "apstorage01",
        ],
    );
    assert!(
        report.contains("scheduled maintenance apstorage01"),
        "{report}"
    );
    let summary = read_json(&root, summary_file);
    let maintenance = summary["scheduled_maintenances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "apstorage01")
        .unwrap();
    assert_eq!(maintenance["status"], "scheduled");
    assert_eq!(maintenance["impact"], "maintenance");
    assert_eq!(maintenance["scheduled_for"], "2026-11-29T01:00:00+08:00");

    let out = root.join("dist");
    let output = ops(&[
        "publish",
        "--public",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2026-11-21T12:00:00Z",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ics = std::fs::read_to_string(out.join("calendars/apac/apstorage01.ics")).unwrap();
    assert!(ics.contains("UID:apstorage01.beacon-apac@"), "{ics}");

    edit_ok(
        &root,
        "2026-11-29T01:00:00+08:00",
        &[
            "incident",
            "update",
            "--region",
            "apac",
            "--id",
            "apstorage01",
            "--status",
            "in_progress",
            "--message",
            "Work has started.",
        ],
    );
    let summary = read_json(&root, summary_file);
    assert_eq!(
        component_status(&summary, "ap-backups-servers"),
        "under_maintenance"
    );

    edit_ok(
        &root,
        "2026-11-29T02:40:00+08:00",
        &[
            "incident",
            "resolve",
            "--region",
            "apac",
            "--id",
            "apstorage01",
            "--message",
            "Done.",
        ],
    );
    let summary = read_json(&root, summary_file);
    assert_eq!(
        component_status(&summary, "ap-backups-servers"),
        "operational"
    );
    let history = read_json(&root, "data/apac/history.json");
    let done = history["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "apstorage01")
        .unwrap();
    assert_eq!(done["status"], "completed");
}

#[test]
fn validate_warns_about_an_open_incident_left_without_an_update_but_passes() {
    let root = copy_site("stale-update");
    let fresh = validate(&root, "2026-11-21T12:00:00Z");
    assert!(fresh.status.success());
    assert!(!stdout(&fresh).contains("warning:"), "{}", stdout(&fresh));

    let later = validate(&root, "2026-12-03T12:00:00Z");
    assert!(later.status.success(), "a warning is not a failure");
    let text = stdout(&later);
    assert!(
        text.contains("warning: data/emea/summary.json: incidents[0].incident_updates: open incident \"tb1xtvj5wamt\" has had no update for"),
        "{text}"
    );
    assert!(text.contains("(limit 24 h)"), "{text}");

    let config = root.join("config.json");
    let mut value = read_json(&root, "config.json");
    value["stale_update_hours"] = 720.into();
    std::fs::write(&config, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let relaxed = validate(&root, "2026-12-03T12:00:00Z");
    assert!(
        !stdout(&relaxed).contains("warning:"),
        "{}",
        stdout(&relaxed)
    );
    value["stale_update_hours"] = 0.into();
    std::fs::write(&config, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let refused = validate(&root, "2026-12-03T12:00:00Z");
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("config.json: stale_update_hours: 0 is outside 1..=720"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn demo_places_the_story_around_another_moment_and_a_second_run_changes_nothing() {
    let root = copy_site("demo");
    let before = read_json(&root, "data/emea/summary.json");
    let at = "2027-03-10T09:00:00Z";
    let output = ops(&["demo", "--public", root.to_str().unwrap(), "--now", at]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("emea: times moved by"),
        "{}",
        stdout(&output)
    );
    let after = read_json(&root, "data/emea/summary.json");
    let time =
        |value: &Value| chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap()).unwrap();
    assert_eq!(time(&after["page"]["updated_at"]), time(&Value::from(at)));
    // The open incident stays open and as recent, relative to the new moment.
    let age = |summary: &Value, now: &str| {
        time(&Value::from(now))
            - time(&summary["incidents"][0]["incident_updates"][0]["created_at"])
    };
    assert_eq!(age(&before, "2026-11-21T12:00:00Z"), age(&after, at));
    assert_eq!(
        after["incidents"][0]["status"],
        before["incidents"][0]["status"]
    );
    let validated = validate(&root, at);
    assert!(validated.status.success(), "{}", stderr(&validated));

    let again = ops(&["demo", "--public", root.to_str().unwrap(), "--now", at]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("already placed"),
        "{}",
        stdout(&again)
    );
    assert_eq!(read_json(&root, "data/emea/summary.json"), after);
}

/// The maintenance `id` in `root`'s APAC summary, if it is still there.
fn apac_maintenance(root: &Path, id: &str) -> Option<Value> {
    read_json(root, "data/apac/summary.json")["scheduled_maintenances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
}

/// Every data file's bytes, to tell whether a command wrote anything.
fn data_bytes(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for region in ["americas", "apac", "emea"] {
        for file in ["summary.json", "history.json"] {
            let path = format!("data/{region}/{file}");
            files.push((path.clone(), std::fs::read(root.join(&path)).unwrap()));
        }
    }
    files
}

#[test]
fn maintenance_scheduled_to_move_by_itself_is_reminded_started_and_completed_once_each() {
    let root = copy_site("advance");
    let report = edit_ok(
        &root,
        "2026-11-21T20:00:00+08:00",
        &[
            "maintenance",
            "schedule",
            "--region",
            "apac",
            "--name",
            "Storage expansion",
            "--from",
            "2026-11-29T01:00:00+08:00",
            "--until",
            "2026-11-29T03:00:00+08:00",
            "--components",
            "ap-backups-servers",
            "--message",
            "We add storage; uploads may pause.",
            "--id",
            "apstorage01",
            "--auto-start",
            "--auto-complete",
            "--remind",
        ],
    );
    assert!(
        report.contains("starts, completes, reminds subscribers by itself"),
        "{report}"
    );
    let scheduled = apac_maintenance(&root, "apstorage01").unwrap();
    for field in [
        "scheduled_auto_in_progress",
        "scheduled_auto_completed",
        "scheduled_remind_prior",
        "auto_transition_to_maintenance_state",
        "auto_transition_to_operational_state",
    ] {
        assert_eq!(scheduled[field], true, "{field}");
    }
    let advance = |now: &str| edit_ok(&root, now, &["maintenance", "advance"]);

    // Earlier than the reminder's hour the window is left alone.
    advance("2026-11-28T23:59:00+08:00");
    let untouched = apac_maintenance(&root, "apstorage01").unwrap();
    assert_eq!(untouched["scheduled_reminded_at"], Value::Null);

    let reminded = advance("2026-11-29T00:30:00+08:00");
    assert!(
        reminded
            .contains("apac: maintenance apstorage01 \"Storage expansion\": subscribers reminded"),
        "{reminded}"
    );
    let maintenance = apac_maintenance(&root, "apstorage01").unwrap();
    assert_eq!(
        maintenance["scheduled_reminded_at"],
        "2026-11-29T00:30:00+08:00"
    );
    assert_eq!(maintenance["status"], "scheduled");

    // Nothing more is due at the same moment: nothing is written.
    let before = data_bytes(&root);
    let again = advance("2026-11-29T00:45:00+08:00");
    assert!(again.contains("no maintenance transition due"), "{again}");
    assert_eq!(data_bytes(&root), before, "a second run writes nothing");

    let started = advance("2026-11-29T01:20:00+08:00");
    assert!(
        started.contains("apstorage01 \"Storage expansion\": scheduled → in_progress"),
        "{started}"
    );
    let summary = read_json(&root, "data/apac/summary.json");
    assert_eq!(
        component_status(&summary, "ap-backups-servers"),
        "under_maintenance"
    );
    let maintenance = apac_maintenance(&root, "apstorage01").unwrap();
    assert_eq!(maintenance["status"], "in_progress");
    let update = &maintenance["incident_updates"][0];
    assert_eq!(update["status"], "in_progress");
    assert_eq!(
        update["created_at"], "2026-11-29T01:00:00+08:00",
        "dated at the start"
    );
    assert_eq!(
        update["affected_components"][0]["new_status"],
        "under_maintenance"
    );
    assert_eq!(summary["status"]["indicator"], "maintenance");

    let completed = advance("2026-11-29T03:05:00+08:00");
    assert!(
        completed.contains("apstorage01 \"Storage expansion\": → completed"),
        "{completed}"
    );
    assert!(
        apac_maintenance(&root, "apstorage01").is_none(),
        "moved out of the summary"
    );
    let summary = read_json(&root, "data/apac/summary.json");
    assert_eq!(
        component_status(&summary, "ap-backups-servers"),
        "operational"
    );
    let history = read_json(&root, "data/apac/history.json");
    let done = history["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "apstorage01")
        .unwrap();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["resolved_at"], "2026-11-29T03:00:00+08:00");
    let statuses: Vec<&str> = done["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["completed", "in_progress", "scheduled"]);
    assert!(validate(&root, "2026-11-29T03:05:00+08:00")
        .status
        .success());

    let before = data_bytes(&root);
    advance("2026-11-30T00:00:00+08:00");
    assert_eq!(data_bytes(&root), before, "each transition is written once");
    assert!(!root.join(".beacon-edit.journal").exists());
}

#[test]
fn a_postmortem_is_published_from_a_file_replaced_and_refused_for_open_incidents() {
    let root = copy_site("postmortem");
    let history_file = "data/emea/history.json";
    let body = root.join("postmortem.md");
    std::fs::write(&body, "## Root cause\nA full **storage** volume.").unwrap();
    let args = |id: &str| -> Vec<String> {
        [
            "incident",
            "postmortem",
            "--region",
            "emea",
            "--id",
            id,
            "--body-file",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([body.to_str().unwrap().to_owned()])
        .collect()
    };
    let run = |id: &str| {
        let args = args(id);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        edit_ok(&root, NOW, &args)
    };
    let report = run("hnjf35pwwspc");
    assert!(
        report.contains("published the postmortem of incident hnjf35pwwspc"),
        "{report}"
    );
    let incident = |history: &Value| {
        history["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "hnjf35pwwspc")
            .unwrap()
            .clone()
    };
    let written = incident(&read_json(&root, history_file));
    assert_eq!(
        written["postmortem_body"],
        "## Root cause\nA full **storage** volume."
    );
    assert_eq!(written["status"], "postmortem");
    assert!(written["postmortem_published_at"]
        .as_str()
        .unwrap()
        .starts_with("2026-11-21T12:00:00"));
    assert!(validate(&root, NOW).status.success());

    std::fs::write(&body, "Replaced.").unwrap();
    assert!(run("hnjf35pwwspc").contains("replaced the postmortem"));
    assert_eq!(
        incident(&read_json(&root, history_file))["postmortem_body"],
        "Replaced."
    );

    // The open incident and an unknown id are refused, naming the argument; nothing changes.
    let before = std::fs::read_to_string(root.join(history_file)).unwrap();
    for (id, reason) in [
        ("tb1xtvj5wamt", "still open"),
        ("nothing-here", "no incident nothing-here"),
    ] {
        let mut all = args(id);
        all.extend([
            "--public".into(),
            root.to_str().unwrap().into(),
            "--now".into(),
            NOW.into(),
        ]);
        let output = ops(&all.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(output.status.code(), Some(1), "{id}");
        assert!(stderr(&output).contains("--id"), "{}", stderr(&output));
        assert!(stderr(&output).contains(reason), "{}", stderr(&output));
    }
    assert_eq!(
        std::fs::read_to_string(root.join(history_file)).unwrap(),
        before
    );

    // A missing file is named.
    let output = ops(&[
        "incident",
        "postmortem",
        "--region",
        "emea",
        "--id",
        "hnjf35pwwspc",
        "--body-file",
        "/no/such/postmortem.md",
        "--public",
        root.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("/no/such/postmortem.md"),
        "{}",
        stderr(&output)
    );
}
