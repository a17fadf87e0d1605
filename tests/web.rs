//! Browser tests: real components mounted in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use beacon::pages::region::{RegionStatus, SummaryView};
use beacon_core::status::config::SiteConfig;
use beacon_core::status::model::parse_summary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{mount, sleep};

wasm_bindgen_test_configure!(run_in_browser);

const CONFIG: &str = include_str!("../public/config.json");
const AMERICAS: &str = include_str!("../public/data/americas/summary.json");

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        sleep(Duration::from_millis(25)).await;
    }
    panic!("{selector} never appeared in {}", root.inner_html());
}

#[wasm_bindgen_test]
fn region_page_renders_each_section_with_its_status_in_words() {
    let config = SiteConfig::from_json("config.json", CONFIG).unwrap();
    let region = config.region("americas").unwrap().clone();
    let summary = parse_summary("americas/summary.json", AMERICAS).unwrap();
    let expected: Vec<(String, String)> =
        beacon_core::status::overall::sections(&summary, &region.component_order)
            .iter()
            .map(|s| {
                (
                    s.component.name.clone(),
                    beacon_core::words::status_word(&s.status, beacon_core::i18n::Lang::English)
                        .to_string(),
                )
            })
            .collect();
    let now = beacon_browser::now();
    let root = mount(move || view! { <SummaryView summary region now /> }.into_any());

    let names = texts(&root, "[data-testid=component] .component-name");
    let statuses = texts(
        &root,
        "[data-testid=component] > .component-row .status-text",
    );
    let shown: Vec<(String, String)> = names.into_iter().zip(statuses).collect();
    assert_eq!(shown, expected);
    for section in ["Website", "Backups", "Restores/Downloads"] {
        assert!(
            shown.iter().any(|(name, _)| name == section),
            "{section} missing: {shown:?}"
        );
    }
    let banner = root
        .query_selector("[data-testid=overall-status]")
        .unwrap()
        .unwrap();
    assert!(!banner.text_content().unwrap().trim().is_empty());
}

#[wasm_bindgen_test]
fn every_status_has_an_icon_and_words_not_colour_alone() {
    let summary = parse_summary("americas/summary.json", AMERICAS).unwrap();
    let config = SiteConfig::from_json("config.json", CONFIG).unwrap();
    let region = config.region("americas").unwrap().clone();
    let root = mount(move || {
        view! { <SummaryView summary region now=beacon_browser::now() /> }.into_any()
    });
    let labels = root.query_selector_all(".status-label").unwrap();
    assert!(labels.length() >= 3);
    for i in 0..labels.length() {
        let label: web_sys::Element = labels.item(i).unwrap().unchecked_into();
        let icon = label
            .query_selector(".status-icon")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        let words = label
            .query_selector(".status-text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert!(
            !icon.trim().is_empty() && !words.trim().is_empty(),
            "{}",
            label.outer_html()
        );
    }
}

#[wasm_bindgen_test]
async fn a_missing_data_file_shows_a_specific_error_not_a_blank_page() {
    let config = SiteConfig::from_json("config.json", CONFIG).unwrap();
    let mut region = config.region("emea").unwrap().clone();
    region.summary_url = "no-such-dir/summary.json".into();
    let root = mount(move || {
        beacon::nav::provide_nav();
        view! { <RegionStatus region poll_seconds=3600 /> }.into_any()
    });
    let error = wait_for(&root, "[data-testid=load-error]").await;
    let text = error.text_content().unwrap();
    assert!(text.contains("no-such-dir/summary.json"), "{text}");
    assert!(text.contains("404"), "{text}");
    assert!(root
        .query_selector("[data-testid=components]")
        .unwrap()
        .is_none());
}

// Language packs: in the browser only English is compiled in; another language reads
// from its installed pack, English per key it lacks.

#[wasm_bindgen_test]
fn an_installed_pack_gives_its_language_and_english_where_it_lacks_a_key() {
    use beacon::i18n::{pack, Lang, Msg};
    // The German pack exactly as `beacon-ops publish` writes it.
    assert!(!pack::ready(Lang::German));
    assert_eq!(Lang::German.text(Msg::Components), "Components");
    beacon::i18n::packs::install_json(
        Lang::German,
        "i18n/de.test.json",
        &pack::pack_json(Lang::German),
    )
    .unwrap();
    assert!(pack::ready(Lang::German));
    assert_eq!(Lang::German.text(Msg::Components), "Komponenten");
    assert_eq!(
        Lang::German.fill(Msg::ReasonTimeZone, &[("zone", "Europe/Berlin")]),
        "Ihrer Zeitzone (Europe/Berlin)"
    );
    assert_eq!(
        Lang::German.count(3, Msg::IncidentsOne, Msg::IncidentsOther),
        "3 Vorfälle"
    );
    for &msg in Msg::ALL {
        assert_eq!(
            Lang::German.text(msg),
            Lang::German.table_text(msg),
            "{msg:?}"
        );
    }
    assert_eq!(beacon::i18n::packs::failure(Lang::German), None);

    // A pack without some keys (or with a text that is not a string): English for those.
    beacon::i18n::packs::install_json(
        Lang::Dutch,
        "i18n/nl.test.json",
        r#"{"Components": "Onderdelen", "Footer": 7, "Unknown": "x"}"#,
    )
    .unwrap();
    assert_eq!(Lang::Dutch.text(Msg::Components), "Onderdelen");
    assert_eq!(
        Lang::Dutch.text(Msg::Footer),
        Lang::English.text(Msg::Footer)
    );
    assert_eq!(
        Lang::Dutch.text(Msg::SkipToContent),
        Lang::English.text(Msg::SkipToContent)
    );
}

#[wasm_bindgen_test]
fn an_unreadable_pack_is_refused_naming_the_file_and_why_and_the_language_stays_english() {
    use beacon::i18n::{pack, Lang, Msg};
    for (json, why) in [
        (r#"{"Components": "Kompo"#, "not valid JSON"),
        (r#"["Komponentit"]"#, "not a language pack"),
        ("null", "not a language pack"),
        (r#""Komponentit""#, "not a language pack"),
    ] {
        let error = beacon::i18n::packs::install_json(Lang::Finnish, "i18n/fi.0123.json", json)
            .unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("i18n/fi.0123.json: "), "{text}");
        assert!(text.contains(why), "{json}: {text}");
        assert!(!pack::ready(Lang::Finnish));
        assert_eq!(Lang::Finnish.text(Msg::Components), "Components");
    }
}

/// Polls `check` until it holds (5 s at most).
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        sleep(Duration::from_millis(25)).await;
    }
    panic!("never: {what}");
}

#[wasm_bindgen_test]
async fn get_updates_says_when_its_dialog_module_cannot_be_loaded_and_offers_a_retry() {
    use beacon::ui::subscribe::GetUpdates;
    let config = SiteConfig::from_json("config.json", CONFIG).unwrap();
    let region = config.region("emea").unwrap().clone();
    let subscriptions = config.subscriptions.clone();
    // This test page names no module (the build writes the <meta> tag), so loading fails.
    let root = mount(move || {
        let summary = Signal::derive(|| None::<beacon_core::status::model::Summary>);
        let history = Signal::derive(|| None::<beacon_core::status::model::IncidentHistory>);
        view! { <GetUpdates region subscriptions summary history /> }.into_any()
    });
    let button: web_sys::HtmlElement = root
        .query_selector("[data-testid=get-updates]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let problem = || {
        root.query_selector("[data-testid=get-updates-error]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(problem().trim(), "", "no error before a click");
    button.click();
    let expected = beacon::i18n::Lang::English.text(beacon::i18n::Msg::GetUpdatesFailed);
    until("the error shows", || problem().contains(expected)).await;
    assert!(root.query_selector("dialog").unwrap().is_none());
    assert_eq!(button.get_attribute("aria-busy"), None);
    let retry: web_sys::HtmlElement = wait_for(&root, "[data-testid=get-updates-retry]")
        .await
        .unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Try again");
    retry.click();
    until("the retry fails again, saying so", || {
        problem().contains(expected) && button.get_attribute("aria-busy").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_dialog_module_follows_the_language_and_sections_the_status_app_tells_it() {
    use beacon::i18n::Lang;
    use beacon::ui::subscribe::dialog::Dialog;
    use beacon::ui::subscribe::DialogSetup;
    let document = leptos::prelude::document();
    let body = document.body().unwrap();
    let opener: web_sys::HtmlElement = document.create_element("button").unwrap().unchecked_into();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    body.append_child(&opener).unwrap();
    body.append_child(&host).unwrap();
    let setup = DialogSetup {
        region_id: "emea".into(),
        region_name: "EMEA".into(),
        subscriptions: Default::default(),
    };
    let sections = vec![
        ("em-website".to_string(), "Website".to_string()),
        ("em-backups".to_string(), "Backups".to_string()),
    ];
    let dialog = Dialog::mount(
        host.clone(),
        opener.clone(),
        setup,
        Lang::English,
        sections,
        |_| {},
    );
    let title = || texts(&host, "#subscribe-title").concat();
    let boxes = || {
        host.query_selector_all("[data-testid=section-choice]")
            .unwrap()
            .length()
    };
    assert_eq!(title(), "Get updates for EMEA");
    assert_eq!(boxes(), 2);
    dialog.show();
    let element: web_sys::HtmlDialogElement = host
        .query_selector("dialog")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(element.open());
    // The module follows the language with the language's pack (French here; the pack tests
    // above use German, Dutch and Finnish).
    beacon::i18n::packs::install_json(
        Lang::French,
        "i18n/fr.test.json",
        &beacon::i18n::pack::pack_json(Lang::French),
    )
    .unwrap();
    dialog.set_lang(Lang::French);
    dialog.set_sections(vec![("em-backups".into(), "Backups".into())]);
    let french = Lang::French
        .table_text(beacon::i18n::Msg::GetUpdatesFor)
        .replace("{region}", "EMEA");
    until("the dialog is in French with one section", || {
        title() == french && boxes() == 1
    })
    .await;
    element.close();
    until("the focus is back on the button", || {
        document.active_element().as_ref() == Some(opener.unchecked_ref())
    })
    .await;
    drop(dialog);
    until("dropping it removes the dialog", || {
        host.query_selector("dialog").unwrap().is_none()
    })
    .await;
}

// A pre-rendered page carries the site configuration; the app reads it instead of
// fetching config.json (this test page serves no config.json, so only the element can answer).
#[wasm_bindgen_test]
async fn the_configuration_written_into_the_page_is_read_and_a_broken_one_is_named() {
    use beacon::api::{site_config, INLINE_CONFIG};
    use beacon_core::status::config::CONFIG_ELEMENT_ID;
    let document = leptos::prelude::document();
    let script = document.create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_id(CONFIG_ELEMENT_ID);
    script.set_text_content(Some(CONFIG));
    document.head().unwrap().append_child(&script).unwrap();

    let config = site_config().await.expect("read from the page");
    assert_eq!(
        config,
        SiteConfig::from_json("config.json", CONFIG).unwrap()
    );

    script.set_text_content(Some(&CONFIG.replacen("\"regions\"", "\"regionz\"", 1)));
    let error = site_config().await.unwrap_err().to_string();
    assert!(error.starts_with(INLINE_CONFIG), "{error}");
    assert!(error.contains("regionz"), "{error}");
    script.remove();
}

/// Real Statuspage captures of other services (groups of 113 members, names repeated across
/// groups, HTML in bodies, month-old incidents, 27 maintenances) render completely.
#[wasm_bindgen_test]
fn real_statuspage_summaries_render_every_section_incident_and_maintenance() {
    use beacon::ui::incident::IncidentCard;
    use beacon_core::status::overall::{overall_status, sections};
    let config = SiteConfig::from_json("config.json", CONFIG).unwrap();
    let captures = [
        (
            "bitbucket-summary.json",
            include_str!("data/statuspage/bitbucket-summary.json"),
            "2023-05-15T07:00:37Z",
        ),
        (
            "intercom-summary.json",
            include_str!("data/statuspage/intercom-summary.json"),
            "2024-01-31T18:34:03Z",
        ),
        (
            "godaddy-summary.json",
            include_str!("data/statuspage/godaddy-summary.json"),
            "2024-01-31T18:34:27Z",
        ),
        (
            "twilio-summary.json",
            include_str!("data/statuspage/twilio-summary.json"),
            "2023-03-09T21:33:31Z",
        ),
    ];
    for (name, text, captured) in captures {
        let summary = parse_summary(name, text).unwrap();
        let mut region = config.region("americas").unwrap().clone();
        region.component_order.clear();
        let now: chrono::DateTime<chrono::Utc> = captured.parse().unwrap();
        let expected = sections(&summary, &region.component_order);
        let overall = overall_status(&summary, now);
        let root = {
            let (summary, region) = (summary.clone(), region.clone());
            mount(move || view! { <SummaryView summary region now /> }.into_any())
        };
        let names = texts(&root, "[data-testid=component] .component-name");
        let expected_names: Vec<String> =
            expected.iter().map(|s| s.component.name.clone()).collect();
        assert_eq!(names, expected_names, "{name}");
        let members = root
            .query_selector_all("[data-testid=member]")
            .unwrap()
            .length() as usize;
        assert_eq!(
            members,
            expected.iter().map(|s| s.members.len()).sum::<usize>(),
            "{name}"
        );
        let banner = root
            .query_selector("[data-testid=overall-status]")
            .unwrap()
            .unwrap();
        assert_eq!(
            banner.get_attribute("data-indicator").as_deref(),
            Some(overall.indicator.as_str()),
            "{name}"
        );

        for incident in overall
            .active_incidents
            .iter()
            .chain(&overall.maintenances_in_progress)
            .chain(&overall.upcoming_maintenances)
        {
            let card = {
                let (incident, summary) = (incident.clone(), summary.clone());
                let region = region.clone();
                mount(move || {
                    beacon::nav::provide_nav();
                    beacon::ui::clock::Clock::provide(&region);
                    view! { <IncidentCard incident summary region="americas" /> }.into_any()
                })
            };
            let updates = card
                .query_selector_all("[data-testid=incident-update]")
                .unwrap()
                .length() as usize;
            assert_eq!(
                updates,
                beacon_core::status::bounds::updates_shown(incident.incident_updates.len(), false),
                "{name} {}",
                incident.id
            );
            let shown = card.text_content().unwrap();
            assert!(shown.contains(&incident.name), "{name} {}", incident.id);
            assert!(
                !shown.contains("<br>"),
                "{name} {}: markup shown as text",
                incident.id
            );
            // Read years later, an open incident's last update is long overdue, and says so.
            let overdue = card.query_selector("[data-testid=update-overdue]").unwrap();
            assert_eq!(
                overdue.is_some(),
                incident.is_open() && !incident.is_maintenance(),
                "{name} {}",
                incident.id
            );
            card.remove();
        }
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn an_incident_shows_its_newest_updates_and_the_rest_on_request_each_body_bounded() {
    use beacon::ui::incident::IncidentCard;
    use beacon_core::status::bounds::{UPDATES_SHOWN, UPDATE_BODY_LIMIT};
    let summary = parse_summary(
        "summary.json",
        include_str!("../public/data/emea/summary.json"),
    )
    .unwrap();
    let mut incident = summary.incidents[0].clone();
    let template = incident.incident_updates[0].clone();
    incident.incident_updates = (0..12)
        .map(|i| {
            let mut update = template.clone();
            update.id = format!("update{i}");
            update.body = if i == 0 {
                "W".repeat(1_000_000)
            } else {
                format!("Update {i}.")
            };
            update
        })
        .collect();
    let emea = SiteConfig::from_json("config.json", CONFIG)
        .unwrap()
        .region("emea")
        .unwrap()
        .clone();
    let card = mount(move || {
        beacon::nav::provide_nav();
        beacon::ui::clock::Clock::provide(&emea);
        view! { <IncidentCard incident summary region="emea" /> }.into_any()
    });
    let count = |card: &web_sys::HtmlElement| {
        card.query_selector_all("[data-testid=incident-update]")
            .unwrap()
            .length() as usize
    };
    assert_eq!(count(&card), UPDATES_SHOWN);
    let more: web_sys::HtmlElement = card
        .query_selector("[data-testid=show-earlier-updates]")
        .unwrap()
        .expect("a button for the older updates")
        .unchecked_into();
    assert_eq!(more.text_content().unwrap(), "Show earlier updates (7)");
    let bodies = texts(&card, ".markup");
    let longest = bodies.iter().map(|b| b.chars().count()).max().unwrap();
    assert!(
        longest < UPDATE_BODY_LIMIT + 100,
        "{longest} characters shown"
    );
    assert_eq!(
        texts(&card, "[data-testid=update-shortened]"),
        ["Shortened: an update shows at most 10000 characters."]
    );
    more.click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(count(&card), 12);
    assert!(card
        .query_selector("[data-testid=show-earlier-updates]")
        .unwrap()
        .is_none());
    card.remove();
}

#[wasm_bindgen_test]
async fn the_live_page_replaces_the_snapshot_in_one_frame_once_it_is_ready() {
    let document = leptos::prelude::document();
    let body = document.body().unwrap();
    let snapshot = document.create_element("div").unwrap();
    snapshot.set_id("prerendered");
    snapshot.set_inner_html("<p class=\"status-text\">Operational</p>");
    body.append_child(&snapshot).unwrap();
    let feed = document.create_element("link").unwrap();
    feed.set_attribute("data-prerendered", "").unwrap();
    document
        .query_selector("head")
        .unwrap()
        .unwrap()
        .append_child(&feed)
        .unwrap();

    let root = beacon::handover::mount_root();
    assert_eq!(root.id(), beacon::handover::LIVE_ROOT_ID);
    assert!(
        root.hidden(),
        "the live page renders hidden beside the snapshot"
    );
    root.set_inner_html("<p class=\"status-text\">Operational</p>");
    sleep(Duration::from_millis(50)).await;
    assert!(
        document.get_element_by_id("prerendered").is_some(),
        "the snapshot stays until the live page is ready"
    );

    beacon::handover::show_live();
    beacon::handover::show_live();
    // Still there until the next frame: removed and revealed together.
    assert!(document.get_element_by_id("prerendered").is_some());
    assert!(root.hidden());
    sleep(Duration::from_millis(100)).await;
    assert!(document.get_element_by_id("prerendered").is_none());
    assert!(document
        .query_selector("[data-prerendered]")
        .unwrap()
        .is_none());
    assert!(!root.hidden(), "the live page shows");
    // Without a snapshot the app mounts into the body and the hand-over does nothing.
    root.remove();
    assert_eq!(beacon::handover::mount_root(), body);
    beacon::handover::show_live();
}
