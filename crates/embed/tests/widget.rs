//! The SLA embed: the policy reader it shares with the calculator (over a parsed JSON tree, the
//! browser's `JSON.parse` in the widget) reports problems at their paths, and the widget shows
//! exactly the targets the policy states, in the visitor's language.

use beacon_core::i18n::Lang;
use beacon_core::sla::policy::PolicyIndex;
use beacon_core::sla::present::{self, EmbedQuery};
use beacon_core::sla::Policy;
use beacon_embed::{widget, Widget};
use serde_json::{json, Value};

const SITE: &str = "https://status.example.com/beacon/";

fn read(file: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/public/policies/{file}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap()
}

fn shipped(id: &str) -> Policy {
    Policy::from_json(id, &read(&format!("{id}.json"))).unwrap()
}

fn problems(result: Result<Policy, beacon_core::error::FieldErrors>) -> Vec<(String, String)> {
    result
        .unwrap_err()
        .errors
        .into_iter()
        .map(|e| (e.path, e.reason))
        .collect()
}

#[test]
fn shape_problems_are_reported_at_their_paths() {
    let mut tree: Value = serde_json::from_str(&read("model-b-zmanda.json")).unwrap();
    assert_eq!(tree["plans"][0]["coverage"]["kind"], "weekly_hours");
    tree["plans"][0]["coverage"]["hours"]["mon"][0] = json!(["08:00"]);
    tree["plans"][0]["name"] = json!(7);
    tree["targets"][2]["first_response"]["amount"] = json!(1.5);
    tree["targets"][3]["colour"] = json!("red");
    tree["classification"]
        .as_object_mut()
        .unwrap()
        .remove("kind");
    let found = problems(Policy::from_tree("p.json", &tree));
    for (path, reason) in [
        ("plans[0].name", "expected a string"),
        (
            "plans[0].coverage.hours.mon[0]",
            "expected [opening, closing]",
        ),
        (
            "targets[2].first_response.amount",
            "expected a whole number",
        ),
        ("classification.kind", "missing"),
    ] {
        assert!(
            found.iter().any(|(p, r)| p == path && r == reason),
            "{path}: {reason} in {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(p, r)| p == "targets[3].colour" && r.starts_with("unknown field")),
        "{found:?}"
    );
    assert!(problems(Policy::from_tree("p.json", &json!([1, 2])))
        .contains(&(String::new(), "expected an object".into())));
}

#[test]
fn a_tree_gets_the_policys_validation() {
    let mut tree: Value = serde_json::from_str(&read("model-b-zmanda.json")).unwrap();
    tree["targets"][0]["first_response"]["unit"] = json!("fortnights");
    let from_tree = problems(Policy::from_tree("b.json", &tree));
    assert_eq!(from_tree[0].0, "targets[0].first_response.unit");
    assert!(
        from_tree[0].1.starts_with("unknown unit \"fortnights\""),
        "{from_tree:?}"
    );
    let index = json!({ "policies": [{ "id": "a", "file": "a.txt", "name": "A" }] });
    let errors = PolicyIndex::from_tree("index.json", &index)
        .unwrap_err()
        .errors;
    assert_eq!(errors[0].path, "calendars");
    assert_eq!(errors[0].reason, "missing");
}

fn targets(widget: Widget) -> beacon_embed::Targets {
    match widget {
        Widget::Targets(targets) => *targets,
        other => panic!("expected targets, got {other:?}"),
    }
}

#[test]
fn the_widget_shows_the_chosen_plans_targets_for_the_level() {
    let policy = shipped("model-a-black-duck");
    let query = EmbedQuery {
        plans: vec!["premium".into(), "standard".into(), "platinum".into()],
        severity: Some("high".into()),
        ..EmbedQuery::default()
    };
    let shown = targets(widget(&policy, &query, Lang::English, SITE));
    assert_eq!(shown.level_label, "Severity");
    assert_eq!(shown.level, "High");
    // The policy's order, unknown plans left out.
    let ids: Vec<&str> = shown.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["standard", "premium"]);
    assert_eq!(shown.plans[0].first_response, "1 business day");
    assert_eq!(shown.plans[1].first_response, "2 business hours");
    assert_eq!(shown.plans[1].resolution, "5 business days");
    assert_eq!(shown.labels, ["First response", "Resolution"]);
    for plan in &shown.plans {
        let stated = policy.plan(&plan.id).unwrap();
        assert_eq!(
            plan.coverage,
            present::describe_coverage(Lang::English, &stated.coverage)
        );
    }
    assert_eq!(
        shown.calculator_href,
        format!("{SITE}sla/?policy=model-a-black-duck&plan=standard&severity=high")
    );
}

#[test]
fn no_plans_named_means_every_plan_and_an_unknown_level_the_first() {
    let policy = shipped("model-b-zmanda");
    let query = EmbedQuery {
        severity: Some("P9".into()),
        ..EmbedQuery::default()
    };
    let shown = targets(widget(&policy, &query, Lang::English, SITE));
    assert_eq!(shown.level_label, "Priority");
    assert!(shown.level.starts_with("P1"), "{}", shown.level);
    assert_eq!(shown.plans.len(), policy.plans.len());
    let premium = shown.plans.iter().find(|p| p.id == "premium").unwrap();
    assert_eq!(premium.first_response, "15 business minutes");
    // Model B states no resolution targets: said, never invented.
    assert_eq!(premium.resolution, "not stated in the policy");
}

#[test]
fn the_widget_speaks_every_language_with_the_calculators_words() {
    let policy = shipped("model-a-black-duck");
    let query = EmbedQuery {
        severity: Some("high".into()),
        ..EmbedQuery::default()
    };
    for lang in Lang::ALL {
        let shown = targets(widget(&policy, &query, lang, SITE));
        for plan in &shown.plans {
            let stated = policy.plan(&plan.id).unwrap();
            let row = policy.target_row(&plan.id, "high").unwrap();
            assert_eq!(
                plan.coverage,
                present::describe_coverage(lang, &stated.coverage),
                "{lang:?}"
            );
            let stated = row.first_response.map_or_else(
                || {
                    lang.text(beacon_core::i18n::Msg::NotStatedInPolicyLower)
                        .to_owned()
                },
                |t| present::describe_target(lang, &t),
            );
            assert_eq!(plan.first_response, stated, "{lang:?}");
        }
        assert_eq!(
            shown.labels[0],
            lang.text(beacon_core::i18n::Msg::FirstResponse)
        );
    }
    let german = targets(widget(&policy, &query, Lang::German, SITE));
    assert_eq!(german.level_label, "Schweregrad");
}

#[test]
fn a_policy_without_levels_says_so() {
    let policy = shipped("dropsuite-pending");
    match widget(&policy, &EmbedQuery::default(), Lang::English, SITE) {
        Widget::NoTargets(message) => assert!(message.contains(&policy.name), "{message}"),
        other => panic!("expected no targets, got {other:?}"),
    }
}

fn centre(id: &str) -> beacon_core::sla::BusinessCalendar {
    beacon_core::sla::BusinessCalendar::from_json(id, &read(&format!("calendars/{id}.json")))
        .unwrap()
}

#[test]
fn every_card_carries_its_quoted_sentences_and_readings_in_the_visitors_language() {
    for id in ["model-a-black-duck", "model-b-zmanda", "model-c-blancco"] {
        let policy = shipped(id);
        for lang in Lang::ALL {
            let shown = targets(widget(&policy, &EmbedQuery::default(), lang, SITE));
            for plan in &shown.plans {
                for source in &plan.sources {
                    let source = source
                        .as_ref()
                        .unwrap_or_else(|| panic!("{id} {}", plan.id));
                    assert!(!source.quote.is_empty() && !source.reading.is_empty());
                    assert_eq!(source.document, policy.document);
                }
            }
            assert_eq!(shown.readings.readings.len(), policy.readings.len());
            assert_eq!(
                shown.readings.open_questions.len(),
                policy.open_questions.len()
            );
            assert_eq!(
                shown.readings.heading,
                lang.text(beacon_core::i18n::Msg::HowPolicyIsRead)
            );
        }
    }
    let a = shipped("model-a-black-duck");
    let query = EmbedQuery::from_params(|name| (name == "plans").then(|| "enhanced".into()));
    let shown = targets(widget(&a, &query, Lang::German, SITE));
    let resolution = shown.plans[0].sources[1].as_ref().unwrap();
    assert_eq!(
        resolution.quote,
        "Kritisch – Ziellösung: Innerhalb von 2 Geschäftstagen"
    );
    assert!(
        resolution.reading.starts_with("Enhanced: nur Ebene 1"),
        "{}",
        resolution.reading
    );
}

#[test]
fn if_you_filed_now_gives_each_shown_plans_due_times_at_the_centre() {
    use chrono::{NaiveDate, TimeDelta};
    let a = shipped("model-a-black-duck");
    let query = EmbedQuery::from_params(|name| match name {
        "plans" => Some("standard,premium".into()),
        "severity" => Some("critical".into()),
        "due" => Some("1".into()),
        _ => None,
    });
    assert!(query.due);
    // Friday 2026-03-06 17:00 in Berlin (16:00 UTC).
    let now = NaiveDate::from_ymd_opt(2026, 3, 6)
        .unwrap()
        .and_hms_opt(16, 0, 0)
        .unwrap()
        .and_utc();
    let due = beacon_embed::due_if_filed_at(&a, &query, &centre("de"), now);
    let plans: Vec<&str> = due.iter().map(|d| d.plan.as_str()).collect();
    assert_eq!(plans, ["standard", "premium"]);
    // Standard: 2 business hours → Monday 09:00; Premium: 1 hour, 2 days around the clock.
    assert_eq!(due[0].first_response, Some(now + TimeDelta::hours(64)));
    assert_eq!(due[1].first_response, Some(now + TimeDelta::hours(1)));
    assert_eq!(due[1].resolution, Some(now + TimeDelta::hours(48)));
    // A second later, the around-the-clock due times move with the clock.
    let later =
        beacon_embed::due_if_filed_at(&a, &query, &centre("de"), now + TimeDelta::seconds(1));
    assert_eq!(
        later[1].first_response,
        Some(now + TimeDelta::hours(1) + TimeDelta::seconds(1))
    );
    // The centre: the URL's, else the policy's first centre, else the index's first.
    let c = shipped("model-c-blancco");
    assert_eq!(beacon_embed::centre_for(&query, &c, Some("us")), Some("us"));
    assert_eq!(beacon_embed::centre_for(&query, &a, Some("us")), Some("us"));
    let named = EmbedQuery::from_params(|name| (name == "centre").then(|| "jp".into()));
    assert_eq!(beacon_embed::centre_for(&named, &a, Some("us")), Some("jp"));
}
