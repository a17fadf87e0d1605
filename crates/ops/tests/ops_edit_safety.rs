//! Edits that are safe under pressure, with the real binary: the open → update → resolve
//! cycle on the shipped data keeps summary and history in agreement; a `kill -9` at any point
//! of an edit leaves the old data or the new, never half, and nothing stray; two editors at
//! once both land; file modes and symlinks survive; nonsense arguments are refused by name.
#![cfg(unix)]

use serde_json::Value;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

/// A copy of the shipped site's data, removed again when the test is done.
struct Site(PathBuf);

impl Site {
    fn new(name: &str) -> Self {
        let root = common::temp_dir("edit-safety", name);
        common::copy_site_data(&root);
        Self(root)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    fn json(&self, file: &str) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.0.join(file)).unwrap()).unwrap()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ops() -> Command {
    Command::new(env!("CARGO_BIN_EXE_beacon-ops"))
}

fn run(args: &[&str]) -> Output {
    ops().args(args).output().expect("beacon-ops runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs an edit (or `validate`) on `site` at `now`, expecting success.
fn ok(site: &Site, now: &str, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--public", site.path(), "--now", now]);
    let output = run(&all);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The entry with `id` in a list of incidents.
fn find<'a>(list: &'a Value, id: &str) -> Option<&'a Value> {
    list.as_array().unwrap().iter().find(|i| i["id"] == id)
}

/// Checks the region's two files agree: every summary entry that has begun is in the history,
/// the same, and every open history entry is in the summary.
fn assert_agree(site: &Site, region: &str) {
    let summary = site.json(&format!("data/{region}/summary.json"));
    let history = site.json(&format!("data/{region}/history.json"));
    for list in ["incidents", "scheduled_maintenances"] {
        for incident in summary[list].as_array().unwrap() {
            let id = incident["id"].as_str().unwrap();
            match find(&history["incidents"], id) {
                Some(copy) => assert_eq!(copy, incident, "{region}: {id}"),
                None => assert_eq!(incident["status"], "scheduled", "{region}: {id} missing"),
            }
        }
    }
    for incident in history["incidents"].as_array().unwrap() {
        let open = !matches!(
            incident["status"].as_str().unwrap(),
            "resolved" | "postmortem" | "completed"
        );
        let id = incident["id"].as_str().unwrap();
        let listed = find(&summary["incidents"], id)
            .or_else(|| find(&summary["scheduled_maintenances"], id))
            .is_some();
        assert!(!open || listed, "{region}: open {id} only in the history");
    }
}

/// Every file under `dir` whose name says a killed edit left it.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            found.extend(leftovers(&path));
        } else if name.ends_with(".beacon-ops-new") || name.starts_with(".beacon-edit.journal") {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_shipped_open_incident_and_maintenance_go_through_update_and_resolve() {
    let site = Site::new("cycle");
    let id = "tb1xtvj5wamt";
    ok(&site, "2026-11-21T12:00:00Z", &["validate"]);
    ok(
        &site,
        "2026-11-21T13:00:00+01:00",
        &[
            "incident",
            "update",
            "--region",
            "emea",
            "--id",
            id,
            "--status",
            "monitoring",
            "--message",
            "A fix is rolling out.",
        ],
    );
    let history = site.json("data/emea/history.json");
    let copy = find(&history["incidents"], id).unwrap();
    assert_eq!(copy["status"], "monitoring", "the history copy follows");
    assert_eq!(copy["incident_updates"][0]["body"], "A fix is rolling out.");
    assert_agree(&site, "emea");
    ok(&site, "2026-11-21T12:30:00Z", &["validate"]);

    let report = ok(
        &site,
        "2026-11-21T14:00:00+01:00",
        &[
            "incident",
            "resolve",
            "--region",
            "emea",
            "--id",
            id,
            "--message",
            "Backups are current.",
        ],
    );
    assert!(report.contains("moved to the history"), "{report}");
    let history = site.json("data/emea/history.json");
    let ids: Vec<_> = history["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == id)
        .collect();
    assert_eq!(ids.len(), 1, "one copy, resolved in place");
    assert_eq!(ids[0]["status"], "resolved");
    assert!(find(&site.json("data/emea/summary.json")["incidents"], id).is_none());
    assert_agree(&site, "emea");

    // The running maintenance in the Americas, and a new incident opened and closed there.
    ok(
        &site,
        "2026-11-21T08:00:00-05:00",
        &[
            "incident",
            "resolve",
            "--region",
            "americas",
            "--id",
            "bacdham25415",
            "--message",
            "Done.",
        ],
    );
    let opened = ok(
        &site,
        "2026-11-21T09:00:00-05:00",
        &[
            "incident",
            "open",
            "--region",
            "americas",
            "--name",
            "Slow restores",
            "--impact",
            "minor",
            "--status",
            "investigating",
            "--components",
            "am-restores",
            "--message",
            "Looking into it.",
            "--id",
            "slow-restores-1",
        ],
    );
    assert!(
        opened.contains("wrote data/americas/history.json"),
        "{opened}"
    );
    assert_agree(&site, "americas");
    ok(
        &site,
        "2026-11-21T09:30:00-05:00",
        &[
            "incident",
            "resolve",
            "--region",
            "americas",
            "--id",
            "slow-restores-1",
            "--message",
            "Fixed.",
        ],
    );
    assert_agree(&site, "americas");
    ok(&site, "2026-11-21T15:00:00Z", &["validate"]);
}

#[test]
fn a_history_copy_that_disagrees_is_reported_and_the_next_edit_mends_it() {
    let site = Site::new("disagree");
    let file = site.0.join("data/emea/history.json");
    let mut history = site.json("data/emea/history.json");
    history["incidents"][0]["status"] = "resolved".into();
    history["incidents"][0]["resolved_at"] = "2026-11-21T11:00:00Z".into();
    std::fs::write(&file, history.to_string()).unwrap();
    let output = run(&[
        "validate",
        "--public",
        site.path(),
        "--now",
        "2026-11-21T12:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "data/emea/history.json: incidents[0]: \"tb1xtvj5wamt\" differs from its copy in \
             data/emea/summary.json (incidents[0])"
        ),
        "{}",
        stderr(&output)
    );
    ok(
        &site,
        "2026-11-21T13:00:00+01:00",
        &[
            "incident",
            "resolve",
            "--region",
            "emea",
            "--id",
            "tb1xtvj5wamt",
            "--message",
            "Done.",
        ],
    );
    assert_agree(&site, "emea");
    ok(&site, "2026-11-21T13:00:00Z", &["validate"]);
}

/// `incident update` on the shipped open EMEA incident, `n` minutes after 13:00.
fn update_args(site: &Site, n: u32) -> Vec<String> {
    [
        "incident",
        "update",
        "--region",
        "emea",
        "--id",
        "tb1xtvj5wamt",
        "--message",
        &format!("Update {n}."),
        "--public",
        site.path(),
        "--now",
        &format!("2026-11-21T{:02}:{:02}:00+01:00", 13 + n / 60, n % 60),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The number of updates of the EMEA incident in the summary and in the history.
fn update_counts(site: &Site) -> (usize, usize) {
    let count = |file: &str, list: &str| {
        find(&site.json(file)[list], "tb1xtvj5wamt").unwrap()["incident_updates"]
            .as_array()
            .unwrap()
            .len()
    };
    (
        count("data/emea/summary.json", "incidents"),
        count("data/emea/history.json", "incidents"),
    )
}

#[test]
fn an_edit_killed_at_any_moment_leaves_the_old_data_or_the_new() {
    let site = Site::new("kill");
    // How long one whole edit takes here, to spread the kills over it.
    let start = Instant::now();
    let output = ops().args(update_args(&site, 0)).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let full = start.elapsed();
    let (mut before, _) = update_counts(&site);
    let (mut killed, mut landed) = (0, 0);
    const RUNS: u32 = 40;
    for n in 1..=RUNS {
        let mut child = ops()
            .args(update_args(&site, n))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * n / RUNS);
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed += 1;
        }
        // The next command rolls forward whatever the killed one decided.
        ok(&site, "2026-11-21T18:00:00+01:00", &["validate"]);
        assert_eq!(leftovers(&site.0), Vec::<PathBuf>::new(), "run {n}");
        let (summary, history) = update_counts(&site);
        assert_eq!(summary, history, "run {n}: summary and history agree");
        assert!(summary == before || summary == before + 1, "run {n}");
        landed += summary - before;
        before = summary;
        assert_agree(&site, "emea");
    }
    assert!(
        killed >= RUNS / 4,
        "only {killed} of {RUNS} runs were killed"
    );
    assert!(landed >= 1, "no run landed in {RUNS}");
}

#[test]
fn two_editors_at_once_both_land() {
    let site = Site::new("concurrent");
    for pair in 0..10 {
        let now = format!("2026-11-21T13:{:02}:00+01:00", pair);
        let names = [format!("Pair {pair} first"), format!("Pair {pair} second")];
        let children: Vec<_> = names
            .iter()
            .map(|name| {
                ops()
                    .args([
                        "incident",
                        "open",
                        "--region",
                        "emea",
                        "--name",
                        name,
                        "--impact",
                        "minor",
                        "--status",
                        "investigating",
                        "--components",
                        "em-website",
                        "--message",
                        "Looking.",
                        "--public",
                        site.path(),
                        "--now",
                        &now,
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "pair {pair}: {}", stderr(&output));
        }
        let summary = site.json("data/emea/summary.json");
        for name in &names {
            assert!(
                summary["incidents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["name"] == name.as_str()),
                "pair {pair}: {name} was lost"
            );
        }
    }
    assert_agree(&site, "emea");
    ok(&site, "2026-11-21T13:00:00Z", &["validate"]);
}

#[test]
fn a_second_editor_is_refused_after_the_wait_and_nothing_is_written() {
    let site = Site::new("busy");
    let lock = std::fs::File::create(site.0.join(".beacon-edit.lock")).unwrap();
    lock.lock().unwrap();
    let before = std::fs::read(site.0.join("data/emea/summary.json")).unwrap();
    let mut args = update_args(&site, 1);
    args.extend(["--wait".into(), "1".into()]);
    let start = Instant::now();
    let output = ops().args(&args).output().unwrap();
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("another beacon-ops edit is writing this site"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(site.0.join("data/emea/summary.json")).unwrap(),
        before
    );
    lock.unlock().unwrap();
    let output = ops().args(&args).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_symlink_is_written_through() {
    let site = Site::new("mode");
    let summary = site.0.join("data/emea/summary.json");
    std::fs::set_permissions(&summary, std::fs::Permissions::from_mode(0o660)).unwrap();
    let elsewhere = site.0.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let history = site.0.join("data/emea/history.json");
    std::fs::rename(&history, elsewhere.join("history.json")).unwrap();
    symlink(elsewhere.join("history.json"), &history).unwrap();

    ok(
        &site,
        "2026-11-21T13:00:00+01:00",
        &[
            "incident",
            "update",
            "--region",
            "emea",
            "--id",
            "tb1xtvj5wamt",
            "--message",
            "Still on it.",
        ],
    );
    let mode = std::fs::metadata(&summary).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
    assert!(std::fs::symlink_metadata(&history)
        .unwrap()
        .file_type()
        .is_symlink());
    let target = std::fs::read_to_string(elsewhere.join("history.json")).unwrap();
    assert!(target.contains("Still on it."));
    assert_agree(&site, "emea");
    assert_eq!(leftovers(&site.0), Vec::<PathBuf>::new());
}

#[test]
fn what_a_killed_run_left_is_cleaned_by_the_next_command() {
    let site = Site::new("stray");
    std::fs::write(
        site.0.join("data/emea/summary.json.beacon-ops-new"),
        "{\"half",
    )
    .unwrap();
    std::fs::write(
        site.0.join(".beacon-edit.journal.new"),
        "beacon-edit-journal 1\nfile",
    )
    .unwrap();
    ok(&site, "2026-11-21T12:00:00Z", &["validate"]);
    assert_eq!(leftovers(&site.0), Vec::<PathBuf>::new());
}

#[test]
fn unsafe_ids_are_refused_by_validate_as_by_publish() {
    let site = Site::new("ids");
    let file = site.0.join("data/apac/summary.json");
    let mut summary = site.json("data/apac/summary.json");
    summary["scheduled_maintenances"][0]["id"] = "../../sla/".into();
    std::fs::write(&file, summary.to_string()).unwrap();
    let reason =
        "data/apac/summary.json: scheduled_maintenances[0].id: \"../../sla/\" is not an id";
    let output = run(&[
        "validate",
        "--public",
        site.path(),
        "--now",
        "2026-11-21T12:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(reason), "{}", stderr(&output));
    let out = site.0.join("dist");
    let output = run(&[
        "publish",
        "--public",
        site.path(),
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2026-11-21T12:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(reason), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn nonsense_arguments_are_refused_naming_the_argument() {
    let site = Site::new("arguments");
    let long_message = "word ".repeat(2_001);
    let open = |extra: &[&str]| {
        let mut args = vec![
            "incident",
            "open",
            "--region",
            "emea",
            "--name",
            "Slow",
            "--impact",
            "minor",
            "--status",
            "investigating",
            "--message",
            "Looking.",
        ];
        args.extend(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let schedule = |extra: &[&str]| {
        let mut args = vec![
            "maintenance",
            "schedule",
            "--region",
            "apac",
            "--name",
            "Work",
            "--message",
            "Soon.",
        ];
        args.extend(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let window = [
        "--from",
        "2026-11-29T01:00:00Z",
        "--until",
        "2026-11-29T03:00:00Z",
    ];
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            open(&["--components", ""]),
            2,
            "'--components <COMPONENT[=STATUS],...>'",
        ),
        (schedule(&window), 2, "--components <COMPONENT,...>"),
        (
            schedule(&[&window[..], &["--components", " , "]].concat()),
            2,
            "'--components <COMPONENT,...>'",
        ),
        (
            {
                let mut args = open(&[]);
                args[5] = "Slow\u{1b}[2J restores".into();
                args
            },
            2,
            "'--name <TITLE>': contains the control character",
        ),
        (
            {
                let mut args = open(&[]);
                args[11] = "Ring\u{7}".into();
                args
            },
            2,
            "'--message <TEXT>': contains the control character",
        ),
        (
            schedule(&[
                "--from",
                "9999-11-29T01:00:00Z",
                "--until",
                "9999-11-29T03:00:00Z",
            ]),
            2,
            "'--from <RFC3339>': the year 9999 is outside 2000 to 2099",
        ),
        (
            open(&["--now", "9999-01-01T00:00:00Z"]),
            2,
            "'--now <RFC3339>': the year 9999",
        ),
        (
            open(&["--id", "../../sla/"]),
            2,
            "'--id <ID>': \"../../sla/\" is not an id",
        ),
        (
            vec![
                "incident".into(),
                "update".into(),
                "--region".into(),
                "emea".into(),
                "--id".into(),
                "tb1xtvj5wamt".into(),
                "--message".into(),
                long_message.clone(),
            ],
            2,
            "'--message <TEXT>': a message is at most 10000 characters",
        ),
        (
            open(&["--components", "em-toaster"]),
            1,
            "--components: no component \"em-toaster\"",
        ),
        (
            schedule(&[&window[..], &["--components", "em-website"]].concat()),
            1,
            "--components: no component \"em-website\"",
        ),
        (
            open(&["--id", "tb1xtvj5wamt"]),
            1,
            "--id: \"tb1xtvj5wamt\" is already used",
        ),
    ];
    let before = std::fs::read(site.0.join("data/emea/summary.json")).unwrap();
    for (mut args, code, named) in cases {
        args.extend(["--public".into(), site.path().into()]);
        if !args.contains(&"--now".to_string()) {
            args.extend(["--now".into(), "2026-11-21T13:00:00Z".into()]);
        }
        let output = ops().args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(named),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read(site.0.join("data/emea/summary.json")).unwrap(),
        before
    );
}

#[test]
fn maintenance_advance_killed_at_any_moment_completes_the_window_once_or_not_at_all() {
    let site = Site::new("advance-kill");
    ok(
        &site,
        "2026-11-21T20:00:00+08:00",
        &[
            "maintenance",
            "schedule",
            "--region",
            "apac",
            "--name",
            "Storage expansion",
            "--from",
            "2026-11-22T01:00:00+08:00",
            "--until",
            "2026-11-22T03:00:00+08:00",
            "--components",
            "ap-backups-servers",
            "--message",
            "Uploads may pause.",
            "--id",
            "apstorage01",
            "--auto-start",
            "--auto-complete",
        ],
    );
    let args = |site: &Site| {
        [
            "maintenance",
            "advance",
            "--public",
            site.path(),
            "--now",
            "2026-11-22T04:00:00+08:00",
        ]
        .map(str::to_owned)
    };
    // Every run starts from the scheduled window again, so each has the same work to do.
    let files = ["summary.json", "history.json"]
        .into_iter()
        .flat_map(|file| ["americas", "apac"].map(|region| format!("data/{region}/{file}")))
        .collect::<Vec<_>>();
    let pristine: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|file| (file.clone(), std::fs::read(site.0.join(file)).unwrap()))
        .collect();
    let restore = || {
        for (file, bytes) in &pristine {
            std::fs::write(site.0.join(file), bytes).unwrap();
        }
    };
    let start = Instant::now();
    let output = ops().args(args(&site)).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let full = start.elapsed();
    let (mut killed, mut landed) = (0, 0);
    const RUNS: u32 = 20;
    for n in 1..=RUNS {
        restore();
        let mut child = ops()
            .args(args(&site))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * n / RUNS);
        child.kill().unwrap();
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
        ok(&site, "2026-11-22T04:00:00+08:00", &["validate"]);
        assert_eq!(leftovers(&site.0), Vec::<PathBuf>::new(), "run {n}");
        let open = find(
            &site.json("data/apac/summary.json")["scheduled_maintenances"],
            "apstorage01",
        )
        .is_some();
        let history = site.json("data/apac/history.json");
        let copy = find(&history["incidents"], "apstorage01");
        match copy {
            // Not advanced yet: still announced in the summary only.
            None => assert!(open, "run {n}: the window vanished"),
            Some(copy) => {
                landed += 1;
                assert!(!open, "run {n}: completed but still in the summary");
                let statuses: Vec<&str> = copy["incident_updates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u["status"].as_str().unwrap())
                    .collect();
                assert_eq!(
                    statuses,
                    ["completed", "in_progress", "scheduled"],
                    "run {n}"
                );
            }
        }
        assert_agree(&site, "apac");
    }
    assert!(
        killed >= RUNS / 4,
        "only {killed} of {RUNS} runs were killed"
    );
    assert!(landed >= 1, "no run landed in {RUNS}");
}
