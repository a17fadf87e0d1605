//! Browser tests of the SLA calculator's components: real components mounted in headless
//! Chromium with policies and calendars parsed from the shipped files (no network).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;
use std::time::Duration;

use beacon::pages::sla::{PendingTimerView, SlaResults};
use beacon_core::sla::present::{EmbedQuery, SlaQuery};
use beacon_core::sla::{BusinessCalendar, Policy};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{mount, sleep};

wasm_bindgen_test_configure!(run_in_browser);

const MODEL_A: &str = include_str!("../public/policies/model-a-black-duck.json");
const MODEL_B: &str = include_str!("../public/policies/model-b-zmanda.json");
const PENDING: &str = include_str!("../public/policies/dropsuite-pending.json");
const US: &str = include_str!("../public/policies/calendars/us.json");
const GB: &str = include_str!("../public/policies/calendars/gb.json");

fn policy(text: &str) -> Arc<Policy> {
    Arc::new(Policy::from_json("policy.json", text).unwrap())
}

fn calendar(text: &str) -> Arc<BusinessCalendar> {
    Arc::new(BusinessCalendar::from_json("calendar.json", text).unwrap())
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn query(pairs: &[(&str, &str)]) -> SlaQuery {
    SlaQuery::from_params(|name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not in {}", root.inner_html()))
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn datetime(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).get_attribute("datetime").unwrap()
}

async fn wait_for_text(root: &web_sys::Element, selector: &str, wanted: &str) {
    for _ in 0..200 {
        if root
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t.contains(wanted))
        {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("{selector} never showed {wanted:?}: {}", root.inner_html());
}

#[wasm_bindgen_test]
fn friday_evening_result_shows_due_instants_reason_and_paused_clock() {
    let (policy, centre) = (policy(MODEL_A), calendar(US));
    let q = query(&[("plan", "standard"), ("severity", "critical")]);
    let submitted = utc("2026-11-20T21:30:00Z");
    let root = mount(move || {
        view! {
            <SlaResults
                policy
                centre
                query=Signal::stored(q)
                submitted=Signal::stored(submitted)
                now=Signal::stored(utc("2026-11-20T21:30:00Z"))
            />
        }
        .into_any()
    });
    assert_eq!(
        datetime(&root, "[data-testid=first-response-due]"),
        "2026-11-23T13:30:00Z"
    );
    assert_eq!(
        text(&root, "[data-testid=first-response-due]"),
        "Mon 23 Nov 2026, 08:30 EST"
    );
    assert_eq!(
        datetime(&root, "[data-testid=first-response-due-visitor]"),
        "2026-11-23T13:30:00Z"
    );
    assert_eq!(
        text(&root, "[data-testid=first-response-reason]"),
        "filed Friday 16:30: clock stops at 18:00, resumes Monday 08:00"
    );
    assert_eq!(
        text(&root, "[data-testid=first-response-target]"),
        "2 business hours"
    );
    let segments = root
        .query_selector_all("[data-testid=first-response-timeline] li")
        .unwrap();
    let states: Vec<String> = (0..segments.length())
        .map(|i| {
            segments
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-running")
                .unwrap()
        })
        .collect();
    assert_eq!(states, ["true", "false", "true"]);
    assert_eq!(
        text(&root, "[data-testid=first-response-countdown]"),
        "due in 2 d 16 h 00 min 00 s"
    );
}

#[wasm_bindgen_test]
async fn countdown_follows_the_clock() {
    let (policy, centre) = (policy(MODEL_B), calendar(US));
    let q = query(&[("plan", "premium"), ("severity", "P1")]);
    let now = RwSignal::new(utc("2026-11-24T15:00:00Z"));
    let root = mount(move || {
        view! {
            <SlaResults
                policy
                centre
                query=Signal::stored(q)
                submitted=Signal::stored(utc("2026-11-24T15:00:00Z"))
                now=Signal::from(now)
            />
        }
        .into_any()
    });
    assert_eq!(
        text(&root, "[data-testid=first-response-countdown]"),
        "due in 15 min 00 s"
    );
    now.set(utc("2026-11-24T15:14:30Z"));
    wait_for_text(
        &root,
        "[data-testid=first-response-countdown]",
        "due in 0 min 30 s",
    )
    .await;
    now.set(utc("2026-11-24T15:20:00Z"));
    wait_for_text(
        &root,
        "[data-testid=first-response-countdown]",
        "overdue by 5 min",
    )
    .await;
}

#[wasm_bindgen_test]
async fn matrix_priority_is_derived_and_the_override_changes_the_targets() {
    let (policy, centre) = (policy(MODEL_B), calendar(US));
    let q = RwSignal::new(query(&[
        ("plan", "standard"),
        ("urgency", "medium"),
        ("impact", "high"),
    ]));
    let root = mount(move || {
        view! {
            <SlaResults
                policy
                centre
                query=Signal::from(q)
                submitted=Signal::stored(utc("2026-11-24T15:00:00Z"))
                now=Signal::stored(utc("2026-11-24T15:00:00Z"))
            />
        }
        .into_any()
    });
    assert_eq!(
        text(&root, "[data-testid=result-level]"),
        "P2 High impact (from the urgency × impact matrix)"
    );
    assert_eq!(
        datetime(&root, "[data-testid=first-response-due]"),
        "2026-11-24T18:00:00Z"
    );
    q.update(|q| q.customer_override = Some("P1".into()));
    wait_for_text(
        &root,
        "[data-testid=result-level]",
        "P1 Critical impact (the customer's choice; the matrix assigns P2 High impact)",
    )
    .await;
    assert_eq!(
        datetime(&root, "[data-testid=first-response-due]"),
        "2026-11-24T16:00:00Z"
    );
    assert_eq!(
        text(&root, "[data-testid=resolution-target]"),
        "Not stated in the policy"
    );
}

#[wasm_bindgen_test]
fn plans_are_compared_side_by_side_with_the_chosen_one_marked() {
    let (policy, centre) = (policy(MODEL_B), calendar(US));
    let q = query(&[("plan", "standard"), ("severity", "P1")]);
    let root = mount(move || {
        view! {
            <SlaResults
                policy
                centre
                query=Signal::stored(q)
                submitted=Signal::stored(utc("2026-11-20T21:30:00Z"))
                now=Signal::stored(utc("2026-11-20T21:30:00Z"))
            />
        }
        .into_any()
    });
    let rows = root
        .query_selector_all("[data-testid=plan-comparison] tbody tr")
        .unwrap();
    assert_eq!(rows.length(), 3);
    let standard = find(&root, "[data-testid=compare-standard]");
    assert_eq!(
        standard.get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert_eq!(
        text(
            &root,
            "[data-testid=compare-premium] [data-testid=compare-change]"
        ),
        "first response 2 d 15 h 45 min sooner"
    );
    assert!(text(
        &root,
        "[data-testid=compare-community] [data-testid=compare-first-response]"
    )
    .contains("not stated"));
}

#[wasm_bindgen_test]
fn pending_timer_shows_reminder_and_automatic_close() {
    let (policy, centre) = (policy(PENDING), calendar(GB));
    let root = mount(move || {
        view! { <PendingTimerView policy centre since=Signal::stored(utc("2026-11-20T12:00:00Z")) /> }
            .into_any()
    });
    assert_eq!(
        datetime(&root, "[data-testid=pending-reminder]"),
        "2026-11-21T12:00:00Z"
    );
    assert_eq!(
        datetime(&root, "[data-testid=pending-auto-close]"),
        "2026-11-24T12:00:00Z"
    );
}

#[wasm_bindgen_test]
fn embed_widget_shows_the_chosen_plans_for_the_level() {
    // Read as the widget reads it: the browser's JSON.parse and the tree readers.
    let policy = beacon_embed::parse_policy("model-a.json", MODEL_A).unwrap();
    let q = EmbedQuery {
        plans: vec!["standard".into(), "premium".into()],
        severity: Some("high".into()),
        ..EmbedQuery::default()
    };
    let widget = beacon_embed::widget(&policy, &q, beacon::i18n::Lang::English, "/");
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    beacon_embed::render(&root, &widget);
    assert_eq!(text(&root, "[data-testid=embed-level]"), "High");
    assert_eq!(
        text(
            &root,
            "[data-testid=embed-plan-standard] [data-testid=embed-first-response]"
        ),
        "1 business day"
    );
    assert_eq!(
        text(
            &root,
            "[data-testid=embed-plan-premium] [data-testid=embed-first-response]"
        ),
        "2 business hours"
    );
    assert!(root
        .query_selector("[data-testid=embed-plan-enhanced]")
        .unwrap()
        .is_none());
    assert_eq!(
        find(&root, ".sla-embed-foot a")
            .get_attribute("href")
            .unwrap(),
        "/sla/?policy=model-a-black-duck&plan=standard&severity=high"
    );
}

#[wasm_bindgen_test]
fn the_browsers_json_parse_reads_every_policy_as_serde_json_does() {
    for (file, text) in [
        ("model-a.json", MODEL_A),
        ("model-b.json", MODEL_B),
        ("pending.json", PENDING),
    ] {
        let from_browser = beacon_embed::parse_policy(file, text).unwrap();
        let from_json = Policy::from_json(file, text).unwrap();
        assert_eq!(
            format!("{from_browser:?}"),
            format!("{from_json:?}"),
            "{file}"
        );
    }
    let broken = MODEL_B.replacen("\"business_hours\"", "\"fortnights\"", 1);
    let english = beacon::i18n::Lang::English;
    let error = beacon_embed::parse_policy("model-b.json", &broken)
        .unwrap_err()
        .describe(english);
    assert!(
        error.starts_with("model-b.json at targets[0].first_response.unit: unknown unit"),
        "{error}"
    );
    let error = beacon_embed::parse_policy("model-b.json", "{ nope")
        .unwrap_err()
        .describe(english);
    assert!(error.starts_with("model-b.json: "), "{error}");
}
