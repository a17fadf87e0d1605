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
const MODEL_C: &str = include_str!("../public/policies/model-c-blancco.json");
const DE: &str = include_str!("../public/policies/calendars/de.json");
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

/// The results for query `q` under `policy` at `centre`, submitted and seen at the instant `at`.
fn results_at(
    policy: Arc<Policy>,
    centre: Arc<BusinessCalendar>,
    q: SlaQuery,
    at: &str,
) -> web_sys::HtmlElement {
    let at = utc(at);
    mount(move || {
        view! {
            <SlaResults
                policy
                centre
                query=Signal::stored(q)
                submitted=Signal::stored(at)
                now=Signal::stored(at)
            />
        }
        .into_any()
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
    let root = results_at(policy, centre, q, "2026-11-20T21:30:00Z");
    let rows = root
        .query_selector_all("[data-testid=plan-comparison] tbody tr")
        .unwrap();
    // Standard, Premium, Trial (Premium's targets) and Community.
    assert_eq!(rows.length(), 4);
    assert_eq!(
        text(
            &root,
            "[data-testid=compare-trial] [data-testid=compare-first-response]"
        ),
        text(
            &root,
            "[data-testid=compare-premium] [data-testid=compare-first-response]"
        )
    );
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

/// Installs every language's pack as `beacon-ops publish` writes it, so components can be
/// shown in each language.
fn install_every_pack() {
    use beacon::i18n::{pack, packs, Lang};
    for lang in Lang::ALL {
        if !pack::ready(lang) {
            let file = format!("i18n/{}.test.json", lang.tag());
            packs::install_json(lang, &file, &pack::pack_json(lang)).unwrap();
        }
    }
}

#[wasm_bindgen_test]
fn every_target_of_every_policy_stands_beside_its_quoted_sentence_and_reading_in_every_language() {
    use beacon::i18n::{provide_lang, Lang, Msg};
    install_every_pack();
    let submitted = utc("2026-11-18T10:00:00Z");
    let mut checked = 0;
    for text_of_policy in [MODEL_A, MODEL_B, MODEL_C] {
        let policy = policy(text_of_policy);
        let levels: Vec<String> = policy
            .classification
            .as_ref()
            .unwrap()
            .target_levels()
            .iter()
            .map(|l| l.id.clone())
            .collect();
        for lang in Lang::ALL {
            for plan in &policy.plans {
                for level in &levels {
                    let q = query(&[("plan", &plan.id), ("severity", level)]);
                    let (p, centre) = (policy.clone(), calendar(US));
                    let root = mount(move || {
                        provide_lang(Signal::stored(lang));
                        view! {
                            <SlaResults
                                policy=p
                                centre
                                query=Signal::stored(q)
                                submitted=Signal::stored(submitted)
                                now=Signal::stored(submitted)
                            />
                        }
                        .into_any()
                    });
                    for (kind, name) in [
                        ("first-response", "first_response"),
                        ("resolution", "resolution"),
                    ] {
                        let row = policy.target_row(&plan.id, level).unwrap();
                        let source = row.source(name).unwrap();
                        let card = find(&root, &format!("[data-testid={kind}]"));
                        let quote = find(&card, &format!("[data-testid={kind}-quote]"));
                        assert_eq!(quote.text_content().unwrap(), source.quote);
                        let quote_lang = source
                            .language
                            .clone()
                            .unwrap_or_else(|| policy.document_language.clone());
                        assert_eq!(quote.get_attribute("lang").unwrap(), quote_lang);
                        assert_eq!(
                            text(&card, &format!("[data-testid={kind}-reading]")),
                            policy.reading(&source.reading).unwrap().text.get(lang),
                            "{} {} {level} {kind} {lang:?}",
                            policy.id,
                            plan.id
                        );
                        assert!(
                            text(&card, &format!("[data-testid={kind}-source]")).starts_with(
                                &format!("{}: {}", lang.text(Msg::SourceLabel), policy.document)
                            )
                        );
                        checked += 1;
                    }
                    root.remove();
                }
            }
        }
    }
    // 3 plans × 4 + 4 plans × 4 + 4 plans × 4 targets' rows, two targets each, 8 languages.
    assert_eq!(checked, (12 + 16 + 16) * 2 * 8);
}

#[wasm_bindgen_test]
fn how_the_policy_is_read_lists_its_readings_and_open_questions() {
    use beacon::i18n::{provide_lang, Lang};
    use beacon::pages::sla::PolicyReadings;
    install_every_pack();
    for lang in Lang::ALL {
        let (policy, centre) = (policy(MODEL_B), calendar(DE));
        let expected: Vec<String> = policy
            .readings
            .iter()
            .map(|r| r.text.get(lang).to_owned())
            .collect();
        let questions = policy.open_questions.len();
        let root = mount(move || {
            provide_lang(Signal::stored(lang));
            view! { <PolicyReadings policy centre /> }.into_any()
        });
        let items = root
            .query_selector_all("[data-testid=policy-reading]")
            .unwrap();
        let shown: Vec<String> = (0..items.length())
            .map(|i| items.item(i).unwrap().text_content().unwrap())
            .collect();
        assert_eq!(shown, expected, "{lang:?}");
        assert_eq!(
            root.query_selector_all("[data-testid=open-question]")
                .unwrap()
                .length() as usize,
            questions
        );
        assert!(text(&root, "[data-testid=centre-holiday-source]").contains("Baden-Württemberg"));
        root.remove();
    }
}

#[wasm_bindgen_test]
fn pending_and_forwarded_timers_quote_the_document() {
    let (policy, centre) = (policy(PENDING), calendar(GB));
    let root = mount(move || {
        view! { <PendingTimerView policy centre since=Signal::stored(utc("2026-11-20T12:00:00Z")) /> }
            .into_any()
    });
    assert_eq!(
        datetime(&root, "[data-testid=forwarded-contact]"),
        "2026-11-21T12:00:00Z"
    );
    assert_eq!(
        datetime(&root, "[data-testid=forwarded-manual-close]"),
        "2026-11-22T12:00:00Z"
    );
    assert!(text(&root, "[data-testid=forwarded-contact-quote]")
        .contains("nach 24 Stunden mit Ihnen in Verbindung setzen"));
    assert_eq!(
        text(&root, "[data-testid=pending-auto-close-quote]"),
        "Ausstehende Tickets werden nach 48 Geschäftsstunden Inaktivität geschlossen."
    );
}

#[wasm_bindgen_test]
fn embed_details_quote_every_target_with_its_reading() {
    let policy = beacon_embed::parse_policy("model-c.json", MODEL_C).unwrap();
    let widget = beacon_embed::widget(
        &policy,
        &EmbedQuery::default(),
        beacon::i18n::Lang::English,
        "/",
    );
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    beacon_embed::render(&root, &widget);
    for plan in &policy.plans {
        let card = find(&root, &format!("[data-testid=embed-plan-{}]", plan.id));
        for kind in ["first-response", "resolution"] {
            assert!(!text(&card, &format!("[data-testid=embed-{kind}-quote]")).is_empty());
            assert!(!text(&card, &format!("[data-testid=embed-{kind}-reading]")).is_empty());
        }
    }
    let readings = root
        .query_selector_all("[data-testid=embed-reading]")
        .unwrap();
    assert_eq!(readings.length() as usize, policy.readings.len());
    root.remove();
}

#[wasm_bindgen_test]
async fn embed_shows_live_due_times_for_a_ticket_filed_now() {
    let policy = beacon_embed::parse_policy("model-a.json", MODEL_A).unwrap();
    let centre = BusinessCalendar::from_json("de.json", DE).unwrap();
    let q = EmbedQuery {
        plans: vec!["premium".into()],
        severity: Some("critical".into()),
        due: true,
        ..EmbedQuery::default()
    };
    let lang = beacon::i18n::Lang::English;
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    beacon_embed::render(&root, &beacon_embed::widget(&policy, &q, lang, "/"));
    beacon_embed::show_filed_now(&root, policy, q, centre, lang);
    let selector = "[data-testid=embed-due-premium] time";
    let first = datetime(&root, selector);
    let expected = beacon_browser::now() + chrono::TimeDelta::hours(1);
    let shown = utc(&first);
    assert!((shown - expected).num_seconds().abs() <= 2, "{first}");
    assert!(text(&root, "[data-testid=embed-due-premium]").contains("Europe/Berlin"));
    // Premium runs around the clock: a second later the due time has moved with the clock.
    sleep(Duration::from_millis(2100)).await;
    assert_ne!(datetime(&root, selector), first);
}

/// What the embed's due-time module runs: the policy and calendar as `JSON.parse` gave them
/// to the widget, its query and language.
#[wasm_bindgen_test]
fn embed_due_module_reads_the_fetched_files_and_names_a_broken_calendar() {
    let parsed = |text: &str| js_sys::JSON::parse(text).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let show = |calendar: &str| {
        beacon_embed::show_filed_now_from_json(
            &root,
            "policies/model-a-black-duck.json",
            parsed(MODEL_A),
            "policies/calendars/de.json",
            parsed(calendar),
            "?policy=model-a-black-duck&plans=standard,premium&severity=critical&due=1",
            "en",
        )
    };
    let problem = show("{\"id\": \"de\"}").unwrap_err();
    assert!(
        problem.starts_with("policies/calendars/de.json"),
        "{problem}"
    );
    assert!(root
        .query_selector("[data-testid=embed-filed-now]")
        .unwrap()
        .is_none());
    show(DE).unwrap();
    for plan in ["standard", "premium"] {
        let due = text(&root, &format!("[data-testid=embed-due-{plan}]"));
        assert!(due.contains("your time"), "{due}");
        assert!(due.contains("at the centre (Europe/Berlin)"), "{due}");
    }
    assert!(root
        .query_selector("[data-testid=embed-due-enhanced]")
        .unwrap()
        .is_none());
    root.remove();
}

#[wasm_bindgen_test]
fn enterprise_hours_say_weekend_cover_is_severity_1_only() {
    let (policy, centre) = (policy(MODEL_C), calendar(US));
    let q = query(&[("plan", "spe"), ("severity", "2")]);
    let root = results_at(policy, centre, q, "2026-11-18T10:00:00Z");
    assert!(text(&root, "[data-testid=result-hours]").contains("Weekends: Severity 1 only"));
    assert!(text(&root, "[data-testid=compare-spe] th").contains("Severity 1 only"));
    assert!(!text(&root, "[data-testid=compare-sp2] th").contains("Severity 1 only"));
}
