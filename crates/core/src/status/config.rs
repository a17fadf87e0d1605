//! The site configuration, `public/config.json`: which regional pages exist, where their data
//! lives, how often to poll, how visitors subscribe, and which region a visitor's time zone
//! suggests.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use super::error::{parse_json, DataError};

/// Fewest seconds between two polls of a region's summary; faster only adds load.
pub const MIN_POLL_INTERVAL_SECONDS: u32 = 15;
/// Most seconds between two polls; slower and visitors see stale news.
pub const MAX_POLL_INTERVAL_SECONDS: u32 = 3600;

/// The id of the element a pre-rendered page carries the site configuration in (a
/// `<script type="application/json">` written by `beacon-ops publish`); the app reads it instead
/// of fetching `config.json`.
pub const CONFIG_ELEMENT_ID: &str = "beacon-config";

/// The whole site: one status page per region (the shipped data has Americas, EMEA and APAC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Name shown in the header, e.g. "Beacon Backup Status".
    pub site_name: String,
    /// The regional pages, in menu order.
    pub regions: Vec<Region>,
    /// Region id shown when no time-zone rule matches the visitor.
    pub default_region: String,
    /// Which region a visitor's IANA time zone suggests; the longest matching prefix wins.
    #[serde(default)]
    pub time_zone_rules: Vec<TimeZoneRule>,
    /// Seconds between two refreshes of the open region's summary.
    pub poll_interval_seconds: u32,
    /// Hours after which an open incident's newest update is shown as overdue to visitors and
    /// reported by `beacon-ops validate` (default
    /// [`DEFAULT_STALE_UPDATE_HOURS`](super::freshness::DEFAULT_STALE_UPDATE_HOURS)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_update_hours: Option<u32>,
    /// How visitors sign up for notifications.
    #[serde(default)]
    pub subscriptions: Subscriptions,
}

/// One regional status page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// URL slug, e.g. `americas`; lowercase letters, digits and dashes.
    pub id: String,
    /// Display name, e.g. "Americas".
    pub name: String,
    /// Which countries the page covers, e.g. "North and South America".
    pub countries: String,
    /// Where the region's `summary.json` is, relative to the site root or absolute.
    pub summary_url: String,
    /// Where the region's incident history (`incidents.json` shape) is.
    pub history_url: String,
    /// IANA time zone the page's times are shown in, e.g. "America/New_York".
    pub time_zone: String,
    /// Component ids in display order; components not listed follow by position.
    #[serde(default)]
    pub component_order: Vec<String>,
}

impl Region {
    /// The files a region's live page reads on load and then polls, summary first: the
    /// pre-rendered page starts fetching all of them before the app has loaded, and the app takes
    /// those responses for its first reads.
    ///
    /// ```
    /// use beacon_core::status::config::SiteConfig;
    ///
    /// let config = SiteConfig::from_json("config.json", r#"{"site_name": "Example",
    ///     "poll_interval_seconds": 60, "default_region": "emea", "regions": [{"id": "emea",
    ///     "name": "EMEA", "countries": "Europe", "summary_url": "data/emea/summary.json",
    ///     "history_url": "data/emea/history.json", "time_zone": "Europe/Berlin"}]}"#).unwrap();
    /// assert_eq!(
    ///     config.regions[0].live_files(),
    ///     ["data/emea/summary.json", "data/emea/history/recent.json"]
    /// );
    /// ```
    pub fn live_files(&self) -> [String; 2] {
        [
            self.summary_url.clone(),
            crate::layout::recent_history(&self.history_url),
        ]
    }
}

/// Maps visitors whose time zone starts with `prefix` (e.g. `Europe/`) to a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeZoneRule {
    /// Start of an IANA time zone name: `America/`, or a whole name such as `Asia/Dubai`.
    pub prefix: String,
    /// The region id to suggest.
    pub region: String,
}

/// How visitors subscribe to one or all sections ("Get updates").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    /// Where the e-mail and webhook sign-up form posts; without it those two methods are not
    /// offered (feeds, calendars, badges and browser notifications always are).
    #[serde(default)]
    pub signup_url: Option<String>,
    /// The ways of being notified visitors may choose.
    #[serde(default)]
    pub methods: Vec<SubscriptionMethod>,
}

/// A way of being notified of new status messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionMethod {
    /// An e-mail per message.
    Email,
    /// A text message per message.
    Sms,
    /// An HTTP POST per message.
    Webhook,
    /// A message in a Slack channel.
    Slack,
}

impl SubscriptionMethod {
    /// English text for the sign-up form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "E-mail",
            Self::Sms => "Text message",
            Self::Webhook => "Webhook",
            Self::Slack => "Slack",
        }
    }
}

impl SiteConfig {
    /// Reads and validates `config.json`; the first problem found is the error (see
    /// [`SiteConfig::problems`] for all of them).
    pub fn from_json(file: &str, text: &str) -> Result<Self, DataError> {
        let config: Self = parse_json(file, text)?;
        match config.problems(file).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(config),
        }
    }

    /// Every rule the configuration breaks, each with its JSON path.
    pub fn problems(&self, file: &str) -> Vec<DataError> {
        let mut problems = Vec::new();
        let mut problem = |path: String, reason: String| {
            problems.push(DataError::new(file, path, reason));
        };
        if self.site_name.trim().is_empty() {
            problem("site_name".into(), "must not be empty".into());
        }
        if self.regions.is_empty() {
            problem("regions".into(), "at least one region is needed".into());
        }
        if let Some(hours) = self.stale_update_hours {
            if !(1..=720).contains(&hours) {
                problem(
                    "stale_update_hours".into(),
                    format!(
                        "{hours} is outside 1..=720 (hours without an update before an open \
                         incident shows as overdue)"
                    ),
                );
            }
        }
        if !(MIN_POLL_INTERVAL_SECONDS..=MAX_POLL_INTERVAL_SECONDS)
            .contains(&self.poll_interval_seconds)
        {
            problem(
                "poll_interval_seconds".into(),
                format!(
                    "{} is outside {MIN_POLL_INTERVAL_SECONDS}..={MAX_POLL_INTERVAL_SECONDS}",
                    self.poll_interval_seconds
                ),
            );
        }
        let mut ids = HashSet::new();
        for (n, region) in self.regions.iter().enumerate() {
            let at = |field: &str| format!("regions[{n}].{field}");
            if !is_slug(&region.id) {
                problem(
                    at("id"),
                    format!(
                        "{:?} is not a slug (lowercase letters, digits, dashes)",
                        region.id
                    ),
                );
            }
            if !ids.insert(region.id.as_str()) {
                problem(at("id"), format!("duplicate region id {:?}", region.id));
            }
            for (field, value) in [
                ("name", &region.name),
                ("countries", &region.countries),
                ("summary_url", &region.summary_url),
                ("history_url", &region.history_url),
            ] {
                if value.trim().is_empty() {
                    problem(at(field), "must not be empty".into());
                } else if value.chars().any(char::is_whitespace) && field.ends_with("url") {
                    problem(at(field), format!("{value:?} contains white space"));
                }
            }
            if !is_iana_name(&region.time_zone) {
                problem(
                    at("time_zone"),
                    format!("{:?} is not an IANA time zone name", region.time_zone),
                );
            }
            let mut seen = HashSet::new();
            for (k, id) in region.component_order.iter().enumerate() {
                if !seen.insert(id.as_str()) {
                    problem(
                        format!("regions[{n}].component_order[{k}]"),
                        format!("component {id:?} is listed twice"),
                    );
                }
            }
        }
        if !ids.contains(self.default_region.as_str()) {
            problem(
                "default_region".into(),
                format!("no region has id {:?}", self.default_region),
            );
        }
        for (n, rule) in self.time_zone_rules.iter().enumerate() {
            if rule.prefix.is_empty() {
                problem(
                    format!("time_zone_rules[{n}].prefix"),
                    "must not be empty".into(),
                );
            }
            if !ids.contains(rule.region.as_str()) {
                problem(
                    format!("time_zone_rules[{n}].region"),
                    format!("no region has id {:?}", rule.region),
                );
            }
        }
        let subscriptions = &self.subscriptions;
        match &subscriptions.signup_url {
            Some(url) if url.trim().is_empty() || url.chars().any(char::is_whitespace) => problem(
                "subscriptions.signup_url".into(),
                format!("{url:?} is not a URL"),
            ),
            None if !subscriptions.methods.is_empty() => problem(
                "subscriptions.signup_url".into(),
                "methods are enabled but there is no sign-up address".into(),
            ),
            _ => {}
        }
        let mut methods = HashSet::new();
        for (n, method) in subscriptions.methods.iter().enumerate() {
            if !methods.insert(method) {
                problem(
                    format!("subscriptions.methods[{n}]"),
                    format!("{method:?} is listed twice"),
                );
            }
        }
        problems
    }

    /// Hours without an update after which an open incident shows as overdue.
    pub fn stale_update_hours(&self) -> u32 {
        self.stale_update_hours
            .unwrap_or(super::freshness::DEFAULT_STALE_UPDATE_HOURS)
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|region| region.id == id)
    }

    /// The region a visitor in this IANA time zone most likely wants: the rule with the longest
    /// matching prefix, else `default_region`, else the first region.
    ///
    /// # Panics
    /// If there are no regions, which [`SiteConfig::from_json`] never accepts.
    pub fn region_for_time_zone(&self, time_zone: &str) -> &Region {
        self.time_zone_rules
            .iter()
            .filter(|rule| !rule.prefix.is_empty() && time_zone.starts_with(&rule.prefix))
            .max_by_key(|rule| rule.prefix.len())
            .and_then(|rule| self.region(&rule.region))
            .or_else(|| self.region(&self.default_region))
            .or_else(|| self.regions.first())
            .expect("a site configuration has at least one region")
    }
}

/// Lowercase ASCII letters, digits and inner dashes.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `Area/Location` (or `UTC`), made of the characters IANA names use.
fn is_iana_name(name: &str) -> bool {
    (name == "UTC" || name.contains('/'))
        && !name.starts_with('/')
        && !name.ends_with('/')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
}
