//! The site configuration: reading, validation and choosing a region by time zone.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{SiteConfig, SubscriptionMethod};

const CONFIG: &str = include_str!("../../../public/config.json");

fn config() -> SiteConfig {
    SiteConfig::from_json("config.json", CONFIG).expect("the shipped config is valid")
}

/// The shipped config with one JSON edit applied.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
    edit(&mut value);
    value.to_string()
}

#[test]
fn the_shipped_config_has_the_three_regional_pages_of_seed_004() {
    let config = config();
    let ids: Vec<&str> = config.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["americas", "emea", "apac"]);
    assert_eq!(
        config.region("americas").unwrap().countries,
        "North and South America"
    );
    assert_eq!(config.poll_interval_seconds, 60);
    assert!(config
        .subscriptions
        .methods
        .contains(&SubscriptionMethod::Email));
    assert_eq!(SubscriptionMethod::Sms.label(), "Text message");
}

#[test]
fn visitors_are_sent_to_the_region_of_their_time_zone() {
    let config = config();
    for (zone, region) in [
        ("America/Sao_Paulo", "americas"),
        ("America/Toronto", "americas"),
        ("US/Pacific", "americas"),
        ("Europe/Helsinki", "emea"),
        ("Africa/Johannesburg", "emea"),
        ("Asia/Dubai", "emea"),
        ("Atlantic/Reykjavik", "emea"),
        ("Atlantic/Bermuda", "americas"),
        ("Asia/Tokyo", "apac"),
        ("Asia/Kolkata", "apac"),
        ("Australia/Sydney", "apac"),
        ("Pacific/Auckland", "apac"),
        ("Pacific/Honolulu", "americas"),
        ("Etc/UTC", "americas"),
        ("", "americas"),
    ] {
        assert_eq!(config.region_for_time_zone(zone).id, region, "{zone}");
    }
}

#[test]
fn every_rule_break_is_reported_with_its_path() {
    let text = edited(|v| {
        v["site_name"] = "".into();
        v["poll_interval_seconds"] = 5.into();
        v["regions"][1]["id"] = "americas".into();
        v["regions"][2]["id"] = "APAC!".into();
        v["regions"][0]["summary_url"] = " ".into();
        v["regions"][0]["history_url"] = "data/a b.json".into();
        v["regions"][0]["time_zone"] = "Eastern".into();
        v["regions"][0]["component_order"][1] = "am-website".into();
        v["default_region"] = "mars".into();
        v["time_zone_rules"][0]["region"] = "mars".into();
        v["subscriptions"]["signup_url"] = serde_json::Value::Null;
    });
    let config: SiteConfig = serde_json::from_str(&text).unwrap();
    let paths: Vec<String> = config
        .problems("config.json")
        .into_iter()
        .map(|p| p.path)
        .collect();
    for expected in [
        "site_name",
        "poll_interval_seconds",
        "regions[1].id",
        "regions[2].id",
        "regions[0].summary_url",
        "regions[0].history_url",
        "regions[0].time_zone",
        "regions[0].component_order[1]",
        "default_region",
        "time_zone_rules[0].region",
        "subscriptions.signup_url",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} missing from {paths:?}"
        );
    }
    let err = SiteConfig::from_json("config.json", &text).unwrap_err();
    assert_eq!(err.path, "site_name");
}

#[test]
fn poll_interval_bounds_are_inclusive() {
    for (seconds, ok) in [(14, false), (15, true), (3600, true), (3601, false)] {
        let text = edited(|v| v["poll_interval_seconds"] = seconds.into());
        assert_eq!(SiteConfig::from_json("c", &text).is_ok(), ok, "{seconds}");
    }
}

#[test]
fn typos_and_unknown_methods_are_errors_with_paths() {
    let text = edited(|v| v["regions"][0]["summary_ulr"] = "x".into());
    let err = SiteConfig::from_json("config.json", &text).unwrap_err();
    assert!(err.reason.contains("unknown field `summary_ulr`"), "{err}");
    assert_eq!(err.path, "regions[0].summary_ulr");
    let text = edited(|v| v["subscriptions"]["methods"][1] = "pigeon".into());
    let err = SiteConfig::from_json("config.json", &text).unwrap_err();
    assert_eq!(err.path, "subscriptions.methods[1]");
}
