//! "Get updates" (issue 4), the visitor's side, as plain Rust tested natively: the news a poll
//! brought for the sections a visitor chose (new incidents, new updates, status changes) and the
//! one browser notification it makes; the notification choices kept per region; the sign-up
//! request an e-mail or webhook endpoint receives, with the checks made before sending it; and
//! the addresses of the feeds, calendars and badges `beacon-ops publish` writes.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::status::config::{SubscriptionMethod, Subscriptions};
use crate::status::markup::{parse_markup, plain_text};
use crate::status::model::{
    Component, ComponentStatus, Incident, IncidentHistory, IncidentStatus, Summary,
};
use crate::status::uptime::all_incidents;
use crate::words::status_word;
use crate::words::update_status_label;

/// Most characters of a message shown in a notification; the page has the rest.
const NOTICE_TEXT_CHARS: usize = 180;
/// Most changes a combined notification lists by name.
const NOTICE_LISTED: usize = 4;

/// One poll's data: the summary and the history fetched with it (a resolved incident moves from
/// the summary to the history, so its last update is only seen with both).
#[derive(Debug, Clone, Copy)]
pub struct Polled<'a> {
    /// The region's `summary.json`.
    pub summary: &'a Summary,
    /// The region's history file.
    pub history: &'a IncidentHistory,
}

/// Something a poll brought that a visitor who chose these sections is told about.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An incident or maintenance that was not there before.
    NewIncident {
        /// Incident id.
        id: String,
        /// Its title.
        name: String,
        /// True for scheduled maintenance.
        maintenance: bool,
        /// Its latest message, as plain text.
        message: String,
    },
    /// A new message on an incident or maintenance that was already there.
    NewUpdate {
        /// Incident id.
        id: String,
        /// The update's id.
        update_id: String,
        /// The incident's title.
        name: String,
        /// The status the update set.
        status: IncidentStatus,
        /// The message, as plain text.
        message: String,
    },
    /// A chosen component's status changed.
    StatusChange {
        /// Component id.
        id: String,
        /// Its name.
        name: String,
        /// The status before.
        from: ComponentStatus,
        /// The status now.
        to: ComponentStatus,
    },
}

impl Change {
    /// One line naming the change in `lang`, e.g. "Resolved: Delayed backups" (names from the
    /// data stay as written).
    pub fn headline(&self, lang: Lang) -> String {
        match self {
            Change::NewIncident {
                name, maintenance, ..
            } => {
                let msg = if *maintenance {
                    Msg::NoticeMaintenanceScheduled
                } else {
                    Msg::NoticeNewIncident
                };
                lang.fill(msg, &[("name", name)])
            }
            Change::NewUpdate { name, status, .. } => lang.fill(
                Msg::NoticeUpdate,
                &[
                    ("status", update_status_label(status, lang)),
                    ("name", name),
                ],
            ),
            Change::StatusChange { name, to, .. } => lang.fill(
                Msg::NoticeComponent,
                &[("name", name), ("status", status_word(to, lang))],
            ),
        }
    }

    /// The text under the headline: the message as the operator wrote it, or the status before
    /// in `lang`.
    pub fn detail(&self, lang: Lang) -> String {
        match self {
            Change::NewIncident { message, .. } | Change::NewUpdate { message, .. } => {
                message.clone()
            }
            Change::StatusChange { from, .. } => {
                lang.fill(Msg::NoticeWas, &[("status", status_word(from, lang))])
            }
        }
    }

    /// What makes the change unique, so two tabs showing the same news collapse into one
    /// notification.
    fn key(&self) -> String {
        match self {
            Change::NewIncident { id, .. } => id.clone(),
            Change::NewUpdate { update_id, .. } => update_id.clone(),
            Change::StatusChange { id, to, .. } => format!("{id}={}", to.as_str()),
        }
    }
}

/// What changed from `before` to `after` that concerns the `sections` a visitor chose (ids of
/// top-level components; a group stands for its members). Incidents attached to no component
/// concern every section. New incidents first, then new updates oldest first, then status
/// changes in page order.
pub fn changes(before: Polled, after: Polled, sections: &[String]) -> Vec<Change> {
    let chosen: HashSet<&str> = sections.iter().map(String::as_str).collect();
    let components = &after.summary.components;
    let in_chosen = |id: &str| chosen.contains(id) || chosen.contains(section_of(components, id));
    let concerns = |incident: &Incident| {
        let ids = incident.affected_component_ids();
        ids.is_empty() || ids.into_iter().any(in_chosen)
    };
    let known = all_incidents(before.summary, before.history);
    let mut news = Vec::new();
    let mut updates = Vec::new();
    for incident in all_incidents(after.summary, after.history) {
        if !concerns(incident) {
            continue;
        }
        let Some(old) = known.iter().find(|old| old.id == incident.id) else {
            news.push(Change::NewIncident {
                id: incident.id.clone(),
                name: incident.name.clone(),
                maintenance: incident.is_maintenance(),
                message: incident
                    .latest_update()
                    .map(message_text)
                    .unwrap_or_default(),
            });
            continue;
        };
        let seen: HashSet<&str> = old.incident_updates.iter().map(|u| u.id.as_str()).collect();
        updates.extend(
            incident
                .incident_updates
                .iter()
                .filter(|update| !seen.contains(update.id.as_str()))
                .map(|update| {
                    (
                        update.created_at,
                        Change::NewUpdate {
                            id: incident.id.clone(),
                            update_id: update.id.clone(),
                            name: incident.name.clone(),
                            status: update.status.clone(),
                            message: message_text(update),
                        },
                    )
                }),
        );
    }
    updates.sort_by_key(|(at, _)| *at);
    news.extend(updates.into_iter().map(|(_, change)| change));
    for component in components {
        let is_group_with_members = component.group
            && components
                .iter()
                .any(|c| section_of(components, &c.id) == component.id && c.id != component.id);
        if is_group_with_members || !in_chosen(&component.id) {
            continue;
        }
        let Some(old) = before.summary.component(&component.id) else {
            continue;
        };
        if old.status != component.status {
            news.push(Change::StatusChange {
                id: component.id.clone(),
                name: component.name.clone(),
                from: old.status.clone(),
                to: component.status.clone(),
            });
        }
    }
    news
}

/// The top-level section a component belongs to: its group, or itself.
fn section_of<'a>(components: &'a [Component], id: &'a str) -> &'a str {
    components
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.group_id.as_deref())
        .or_else(|| {
            components
                .iter()
                .find(|group| group.group && group.components.iter().any(|m| m == id))
                .map(|group| group.id.as_str())
        })
        .unwrap_or(id)
}

/// An update's message as plain text, shortened for a notification.
fn message_text(update: &crate::status::model::IncidentUpdate) -> String {
    shorten(&plain_text(&parse_markup(&update.body)))
}

/// `text` on one line, cut at a word boundary to [`NOTICE_TEXT_CHARS`].
fn shorten(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= NOTICE_TEXT_CHARS {
        return line;
    }
    let cut: String = line.chars().take(NOTICE_TEXT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// A browser notification: title, text and a tag that makes the same news from two tabs one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The first line, naming the region.
    pub title: String,
    /// The text under it.
    pub body: String,
    /// Same news, same tag.
    pub tag: String,
}

/// The one notification a poll's `changes` make for the region named `region_name`, in `lang`,
/// or `None` when nothing changed.
pub fn notice(
    region_id: &str,
    region_name: &str,
    changes: &[Change],
    lang: Lang,
) -> Option<Notice> {
    let first = changes.first()?;
    let keys: Vec<String> = changes.iter().map(Change::key).collect();
    let tag = format!("beacon:{region_id}:{}", keys.join(","));
    if changes.len() == 1 {
        return Some(Notice {
            title: format!("{region_name} — {}", first.headline(lang)),
            body: first.detail(lang),
            tag,
        });
    }
    let mut lines: Vec<String> = changes
        .iter()
        .take(NOTICE_LISTED)
        .map(|change| change.headline(lang))
        .collect();
    if changes.len() > NOTICE_LISTED {
        let more = changes.len() - NOTICE_LISTED;
        lines.push(lang.count(more, Msg::NoticeMoreOne, Msg::NoticeMoreOther));
    }
    let count = changes.len().to_string();
    Some(Notice {
        title: format!(
            "{region_name} — {}",
            lang.fill(Msg::NoticeChanges, &[("count", &count)])
        ),
        body: lines.join("\n"),
        tag,
    })
}

/// A visitor's browser-notification choices for one region, kept in local storage under
/// [`NotificationChoice::storage_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationChoice {
    /// True while the visitor wants notifications; turning them off keeps the sections.
    pub enabled: bool,
    /// The top-level component ids chosen.
    pub sections: Vec<String>,
}

impl NotificationChoice {
    /// The local-storage key of a region's choice.
    pub fn storage_key(region_id: &str) -> String {
        format!("beacon.notify.{region_id}")
    }

    /// Reads a stored choice; anything unreadable counts as no choice.
    pub fn from_stored(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The text to store.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Where a sign-up asks notifications to go: the `method` field and its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignupTarget {
    /// `{"method": "email", "address": "..."}`.
    Email {
        /// The visitor's e-mail address.
        address: String,
    },
    /// `{"method": "webhook", "url": "https://..."}`.
    Webhook {
        /// Where the endpoint will POST each status message.
        url: String,
    },
}

/// The JSON body the sign-up form POSTs to `subscriptions.signup_url`, e.g.
/// `{"method":"email","address":"ops@example.com","region":"emea","components":["em-backups"],"language":"en-GB"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRequest {
    /// The method and its address or URL.
    #[serde(flatten)]
    pub target: SignupTarget,
    /// The region id, e.g. `emea`.
    pub region: String,
    /// The chosen top-level component ids of that region (a group stands for its members).
    pub components: Vec<String>,
    /// The visitor's language as the browser reports it (BCP 47, e.g. `en-GB`).
    pub language: String,
}

/// Which form field a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupField {
    /// The e-mail address.
    Address,
    /// The webhook URL.
    Url,
    /// The section choice.
    Sections,
}

/// Why the form will not send, for one field; the view shows `message` in the visitor's
/// language (`Display` is the English text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Lang::English.text(*.message))]
pub struct SignupRefusal {
    /// The field to fix.
    pub field: SignupField,
    /// What is wrong and how to fix it.
    pub message: Msg,
}

/// The sign-up methods the form offers: those of `methods` it can send (e-mail, webhook), or
/// both when none are listed; nothing without a `signup_url`.
pub fn signup_methods(subscriptions: &Subscriptions) -> Vec<SubscriptionMethod> {
    if subscriptions.signup_url.is_none() {
        return Vec::new();
    }
    let supported = [SubscriptionMethod::Email, SubscriptionMethod::Webhook];
    if subscriptions.methods.is_empty() {
        return supported.to_vec();
    }
    supported
        .into_iter()
        .filter(|method| subscriptions.methods.contains(method))
        .collect()
}

/// Checks the visitor's input and builds the request; a refusal names the field. `input` is the
/// e-mail address or webhook URL as typed (surrounding spaces are dropped).
pub fn signup_request(
    method: SubscriptionMethod,
    input: &str,
    region: &str,
    components: &[String],
    language: &str,
) -> Result<SignupRequest, SignupRefusal> {
    let input = input.trim();
    let target = match method {
        SubscriptionMethod::Webhook => match webhook_url_problem(input) {
            Some(message) => {
                return Err(SignupRefusal {
                    field: SignupField::Url,
                    message,
                })
            }
            None => SignupTarget::Webhook { url: input.into() },
        },
        _ => match email_problem(input) {
            Some(message) => {
                return Err(SignupRefusal {
                    field: SignupField::Address,
                    message,
                })
            }
            None => SignupTarget::Email {
                address: input.into(),
            },
        },
    };
    if components.is_empty() {
        return Err(SignupRefusal {
            field: SignupField::Sections,
            message: Msg::ChooseOneSection,
        });
    }
    Ok(SignupRequest {
        target,
        region: region.into(),
        components: components.to_vec(),
        language: if language.is_empty() { "en" } else { language }.into(),
    })
}

/// What is wrong with an e-mail address, if anything (a practical subset of RFC 5321: no quoted
/// local parts, no IP-literal domains), as the text to show.
pub fn email_problem(address: &str) -> Option<Msg> {
    if address.is_empty() {
        return Some(Msg::EmailEmpty);
    }
    if address.chars().any(char::is_whitespace) {
        return Some(Msg::EmailSpaces);
    }
    if address.len() > 254 {
        return Some(Msg::EmailTooLong);
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Some(Msg::EmailNoAt);
    };
    if local.contains('@') {
        return Some(Msg::EmailTwoAts);
    }
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_control() && !"\"(),:;<>[\\]".contains(c));
    if !local_ok {
        return Some(Msg::EmailBadMailbox);
    }
    if !is_domain(domain) || !domain.contains('.') {
        return Some(Msg::EmailBadDomain);
    }
    None
}

/// What is wrong with a webhook URL, if anything, as the text to show: it must be an
/// `https://` address with a host.
pub fn webhook_url_problem(url: &str) -> Option<Msg> {
    if url.is_empty() {
        return Some(Msg::WebhookEmpty);
    }
    if url.chars().any(char::is_whitespace) {
        return Some(Msg::UrlSpaces);
    }
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://") else {
        return Some(if lower.starts_with("http://") {
            Msg::WebhookHttp
        } else {
            Msg::WebhookNoScheme
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Some(Msg::WebhookCredentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
            (host, Some(port))
        }
        _ => (authority, None),
    };
    if port.is_some_and(|port| port.parse::<u16>().map_or(true, |p| p == 0)) {
        return Some(Msg::WebhookBadPort);
    }
    let ipv6 = host.starts_with('[')
        && host.ends_with(']')
        && host.len() > 2
        && host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    if !ipv6 && !is_domain(host) {
        return Some(Msg::WebhookNoHost);
    }
    None
}

/// Dot-separated labels of letters, digits and inner dashes, each 1 to 63 characters (non-ASCII
/// letters are allowed for internationalised names).
fn is_domain(domain: &str) -> bool {
    !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The text to show from a sign-up endpoint's answer: its JSON `message`, else its plain text;
/// `None` for an empty answer or an HTML page.
pub fn endpoint_answer(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) {
        return object
            .get("message")
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|message| !message.is_empty())
            .map(|message| message.chars().take(500).collect());
    }
    (!text.is_empty() && !text.starts_with('<')).then(|| text.chars().take(500).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::model::{parse_history, parse_summary};

    const SUMMARY: &str = include_str!("../../../public/data/emea/summary.json");
    const HISTORY: &str = include_str!("../../../public/data/emea/history.json");

    fn demo() -> (Summary, IncidentHistory) {
        (
            parse_summary("summary.json", SUMMARY).unwrap(),
            parse_history("history.json", HISTORY).unwrap(),
        )
    }

    fn all_sections() -> Vec<String> {
        vec![
            "em-website".into(),
            "em-backups".into(),
            "em-restores".into(),
        ]
    }

    fn diff(
        before: &(Summary, IncidentHistory),
        after: &(Summary, IncidentHistory),
        sections: &[String],
    ) -> Vec<Change> {
        changes(
            Polled {
                summary: &before.0,
                history: &before.1,
            },
            Polled {
                summary: &after.0,
                history: &after.1,
            },
            sections,
        )
    }

    /// A copy of the demo incident's newest update with a new id, status and text.
    fn add_update(incident: &mut Incident, id: &str, status: IncidentStatus, body: &str) {
        let mut update = incident.latest_update().unwrap().clone();
        update.id = id.into();
        update.status = status;
        update.body = body.into();
        update.created_at += chrono::TimeDelta::minutes(30);
        incident.incident_updates.insert(0, update);
    }

    #[test]
    fn the_same_data_twice_is_no_news() {
        let data = demo();
        assert_eq!(diff(&data, &data.clone(), &all_sections()), vec![]);
        assert_eq!(notice("emea", "EMEA", &[], Lang::English), None);
    }

    #[test]
    fn a_new_update_on_a_chosen_section_is_news_with_its_text() {
        let before = demo();
        let mut after = before.clone();
        add_update(
            &mut after.0.incidents[0],
            "u-new",
            IncidentStatus::Monitoring,
            "A **fix** is deployed; backlog clearing.",
        );
        let news = diff(&before, &after, &["em-backups".into()]);
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Monitoring: Delayed Microsoft 365 backups"
        );
        assert_eq!(
            news[0].detail(Lang::English),
            "A fix is deployed; backlog clearing."
        );
        // The incident touches a Backups member only: a Website subscriber hears nothing.
        assert_eq!(diff(&before, &after, &["em-website".into()]), vec![]);
    }

    #[test]
    fn a_resolved_incident_moved_to_the_history_is_still_news() {
        let before = demo();
        let mut after = before.clone();
        let mut incident = after.0.incidents.remove(0);
        add_update(
            &mut incident,
            "u-resolved",
            IncidentStatus::Resolved,
            "All caught up.",
        );
        incident.status = IncidentStatus::Resolved;
        after.1.incidents.insert(0, incident);
        let news = diff(&before, &after, &all_sections());
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Resolved: Delayed Microsoft 365 backups"
        );
    }

    #[test]
    fn a_new_incident_and_a_member_status_change_make_one_notification() {
        let before = demo();
        let mut after = before.clone();
        let mut incident = after.0.incidents[0].clone();
        incident.id = "new-incident".into();
        incident.name = "Restores are slow".into();
        for update in &mut incident.incident_updates {
            update.id = format!("new-{}", update.id);
            update.affected_components.clear();
        }
        incident.components = vec![after.0.component("em-restores").unwrap().clone()];
        after.0.incidents.push(incident);
        let restores = after
            .0
            .components
            .iter_mut()
            .find(|c| c.id == "em-restores")
            .unwrap();
        restores.status = ComponentStatus::MajorOutage;

        let news = diff(&before, &after, &["em-restores".into()]);
        assert_eq!(
            news.iter()
                .map(|c| c.headline(Lang::English))
                .collect::<Vec<_>>(),
            vec![
                "New incident: Restores are slow".to_string(),
                "Restores/Downloads: Major outage".to_string()
            ]
        );
        let shown = notice("emea", "EMEA", &news, Lang::English).unwrap();
        assert_eq!(shown.title, "EMEA — 2 status changes");
        assert_eq!(
            shown.body,
            "New incident: Restores are slow\nRestores/Downloads: Major outage"
        );
        assert_eq!(
            shown.tag,
            "beacon:emea:new-incident,em-restores=major_outage"
        );
        // Not chosen: nothing.
        assert_eq!(diff(&before, &after, &["em-website".into()]), vec![]);
    }

    #[test]
    fn a_group_member_change_is_told_once_under_the_chosen_group() {
        let before = demo();
        let mut after = before.clone();
        for component in &mut after.0.components {
            if component.id == "em-backups-gws" || component.id == "em-backups" {
                component.status = ComponentStatus::DegradedPerformance;
            }
        }
        let news = diff(&before, &after, &["em-backups".into()]);
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(
            news[0].headline(Lang::English),
            "Google Workspace backups: Degraded performance"
        );
        assert_eq!(news[0].detail(Lang::English), "Was: Operational.");
        let shown = notice("emea", "EMEA", &news, Lang::English).unwrap();
        assert_eq!(
            shown.title,
            "EMEA — Google Workspace backups: Degraded performance"
        );
    }

    #[test]
    fn notifications_speak_the_visitors_language_and_keep_the_datas_names() {
        let before = demo();
        let mut after = before.clone();
        add_update(
            &mut after.0.incidents[0],
            "u-new",
            IncidentStatus::Resolved,
            "All caught up.",
        );
        for component in &mut after.0.components {
            if component.id == "em-website" {
                component.status = ComponentStatus::PartialOutage;
            }
        }
        let news = diff(&before, &after, &all_sections());
        let shown = notice("emea", "EMEA", &news, Lang::German).unwrap();
        assert_eq!(shown.title, "EMEA — 2 Statusänderungen");
        assert_eq!(
            shown.body,
            "Behoben: Delayed Microsoft 365 backups\nWebsite: Teilausfall"
        );
        let one = notice("emea", "EMEA", &news[1..], Lang::French).unwrap();
        assert_eq!(one.title, "EMEA — Website\u{a0}: Panne partielle");
        assert_eq!(one.body, "Auparavant\u{a0}: Opérationnel.");
        let ja = notice("emea", "EMEA", &news[..1], Lang::Japanese).unwrap();
        assert_eq!(ja.title, "EMEA — 解決済み: Delayed Microsoft 365 backups");
        assert_eq!(
            ja.body, "All caught up.",
            "the operator's message stays as written"
        );
    }

    #[test]
    fn a_long_list_of_changes_says_how_many_more_in_the_language() {
        let change = |n: usize| Change::StatusChange {
            id: format!("c{n}"),
            name: format!("Part {n}"),
            from: ComponentStatus::Operational,
            to: ComponentStatus::MajorOutage,
        };
        let five: Vec<Change> = (0..5).map(change).collect();
        let six: Vec<Change> = (0..6).map(change).collect();
        let last_line = |changes: &[Change], lang| {
            let shown = notice("emea", "EMEA", changes, lang).unwrap();
            shown.body.lines().last().unwrap().to_string()
        };
        assert_eq!(last_line(&five, Lang::English), "and 1 more");
        assert_eq!(last_line(&six, Lang::English), "and 2 more");
        assert_eq!(last_line(&six, Lang::German), "und 2 weitere");
        assert_eq!(last_line(&five, Lang::Finnish), "ja 1 muu");
        assert_eq!(last_line(&six, Lang::Finnish), "ja 2 muuta");
        assert_eq!(last_line(&six, Lang::SimplifiedChinese), "以及另外 2 项");
        assert_eq!(
            notice("emea", "EMEA", &six, Lang::Dutch).unwrap().title,
            "EMEA — 6 statuswijzigingen"
        );
    }

    #[test]
    fn refusals_are_interface_texts_in_every_language_and_english_on_display() {
        let refusal =
            signup_request(SubscriptionMethod::Email, "ops", "emea", &[], "en").unwrap_err();
        assert_eq!(refusal.message, Msg::EmailNoAt);
        assert_eq!(
            refusal.to_string(),
            "An e-mail address needs an @, as in name@example.com."
        );
        assert_eq!(
            Lang::German.text(refusal.message),
            "Eine E-Mail-Adresse braucht ein @, etwa name@example.com."
        );
        assert_eq!(
            webhook_url_problem("http://hooks.example.com/x"),
            Some(Msg::WebhookHttp)
        );
        assert_eq!(
            signup_request(
                SubscriptionMethod::Email,
                "ops@example.com",
                "emea",
                &[],
                "en"
            )
            .unwrap_err()
            .message,
            Msg::ChooseOneSection
        );
        let problems = [
            "",
            "o ps@example.com",
            "ops@@example.com",
            "ops.@example.com",
            "ops@example",
        ]
        .map(email_problem)
        .into_iter()
        .chain(
            [
                "",
                "https://a b",
                "http://x.com",
                "x.com",
                "https://u:p@x.com",
                "https://x.com:0",
                "https://",
            ]
            .map(webhook_url_problem),
        );
        for problem in problems {
            let problem = problem.expect("refused");
            for lang in Lang::ALL {
                assert!(!lang.text(problem).is_empty(), "{lang:?} {problem:?}");
            }
        }
    }

    #[test]
    fn an_incident_without_components_concerns_every_section() {
        let before = demo();
        let mut after = before.clone();
        let mut incident = after.0.incidents[0].clone();
        incident.id = "everywhere".into();
        incident.components.clear();
        for update in &mut incident.incident_updates {
            update.affected_components.clear();
        }
        after.0.incidents.push(incident);
        assert_eq!(diff(&before, &after, &["em-website".into()]).len(), 1);
    }

    #[test]
    fn long_messages_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.ends_with("word…"), "{short}");
        assert!(short.chars().count() <= NOTICE_TEXT_CHARS + 1);
    }

    #[test]
    fn choices_round_trip_and_garbage_is_no_choice() {
        let choice = NotificationChoice {
            enabled: true,
            sections: vec!["em-backups".into()],
        };
        assert_eq!(
            NotificationChoice::from_stored(&choice.to_stored()),
            Some(choice)
        );
        assert_eq!(NotificationChoice::from_stored("yes please"), None);
        assert_eq!(
            NotificationChoice::storage_key("emea"),
            "beacon.notify.emea"
        );
    }

    #[test]
    fn the_signup_body_is_the_documented_json() {
        let request = signup_request(
            SubscriptionMethod::Email,
            "  ops@example.com ",
            "emea",
            &["em-backups".into()],
            "en-GB",
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "method": "email", "address": "ops@example.com", "region": "emea",
                "components": ["em-backups"], "language": "en-GB"
            })
        );
        let request = signup_request(
            SubscriptionMethod::Webhook,
            "https://hooks.example.com/beacon?key=1",
            "apac",
            &["ap-website".into(), "ap-restores".into()],
            "",
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "method": "webhook", "url": "https://hooks.example.com/beacon?key=1",
                "region": "apac", "components": ["ap-website", "ap-restores"], "language": "en"
            })
        );
    }

    #[test]
    fn invalid_addresses_are_refused_naming_the_field() {
        for bad in [
            "",
            "ops",
            "ops@",
            "@example.com",
            "ops@example",
            "ops@@example.com",
            "o ps@example.com",
            "ops@exa_mple.com",
            "ops.@example.com",
            "<ops>@example.com",
        ] {
            let refusal = signup_request(
                SubscriptionMethod::Email,
                bad,
                "emea",
                &all_sections(),
                "en",
            )
            .unwrap_err();
            assert_eq!(refusal.field, SignupField::Address, "{bad:?}");
        }
        for good in [
            "ops@example.com",
            "a.b+tag@mail.example.co.uk",
            "jörg@bücher.de",
        ] {
            assert_eq!(email_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn invalid_webhook_urls_are_refused_naming_the_field() {
        for bad in [
            "",
            "hooks.example.com",
            "http://hooks.example.com/x",
            "https://",
            "https:///path",
            "https://user:pw@hooks.example.com/",
            "https://hooks example.com/",
            "https://hooks.example.com:99999/",
            "ftp://hooks.example.com/",
        ] {
            let refusal = signup_request(
                SubscriptionMethod::Webhook,
                bad,
                "emea",
                &all_sections(),
                "en",
            )
            .unwrap_err();
            assert_eq!(refusal.field, SignupField::Url, "{bad:?}");
        }
        for good in [
            "https://hooks.example.com",
            "HTTPS://Hooks.Example.com:8443/beacon#x",
            "https://[2001:db8::1]:8443/in",
            "https://localhost/hook",
        ] {
            assert_eq!(webhook_url_problem(good), None, "{good:?}");
        }
        assert_eq!(
            signup_request(
                SubscriptionMethod::Email,
                "ops@example.com",
                "emea",
                &[],
                "en"
            )
            .unwrap_err()
            .field,
            SignupField::Sections
        );
    }

    #[test]
    fn signup_is_offered_only_with_an_endpoint_and_only_for_what_it_can_send() {
        let mut subscriptions = Subscriptions::default();
        assert_eq!(signup_methods(&subscriptions), vec![]);
        subscriptions.signup_url = Some("https://notify.example/api".into());
        assert_eq!(
            signup_methods(&subscriptions),
            vec![SubscriptionMethod::Email, SubscriptionMethod::Webhook]
        );
        subscriptions.methods = vec![SubscriptionMethod::Sms, SubscriptionMethod::Email];
        assert_eq!(
            signup_methods(&subscriptions),
            vec![SubscriptionMethod::Email]
        );
    }

    #[test]
    fn the_endpoint_answer_is_its_message_or_its_text() {
        assert_eq!(
            endpoint_answer(r#"{"message": "Check your inbox to confirm."}"#).as_deref(),
            Some("Check your inbox to confirm.")
        );
        assert_eq!(
            endpoint_answer(" Subscribed. \n").as_deref(),
            Some("Subscribed.")
        );
        assert_eq!(endpoint_answer(r#"{"ok": true}"#), None);
        assert_eq!(endpoint_answer("<html><body>502</body></html>"), None);
        assert_eq!(endpoint_answer(""), None);
    }
}
