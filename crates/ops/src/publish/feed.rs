//! What a feed or calendar lists, independent of its format: a region's (or one component's)
//! incidents and maintenances with stable ids and addresses, in a fixed order.

use chrono::NaiveDate;
use std::collections::HashSet;

use beacon_core::i18n::{Lang, Msg};
use beacon_core::route::Route;
use beacon_core::status::{
    all_incidents, Component, Incident, IncidentHistory, Region, Summary, Timestamp,
};
use beacon_core::words::{impact_label_in, update_status_label};

use super::html::message_html;
use super::text::{one_line, url_host};

/// Tagging authority used when the page has no `http(s)` address to take a host from.
const FALLBACK_AUTHORITY: &str = "beacon.invalid";

/// One region's data as the publisher reads it.
#[derive(Debug, Clone)]
pub struct RegionData {
    /// The region from `config.json`.
    pub region: Region,
    /// Its `summary.json`.
    pub summary: Summary,
    /// Its history file.
    pub history: IncidentHistory,
}

impl RegionData {
    /// Every incident and maintenance of the region once (the summary's copy wins), most
    /// recently changed first, ties broken by id so the order never depends on file order.
    pub fn incidents(&self) -> Vec<&Incident> {
        let mut incidents = all_incidents(&self.summary, &self.history);
        incidents.sort_by(|a, b| {
            last_changed(b)
                .cmp(&last_changed(a))
                .then_with(|| a.id.cmp(&b.id))
        });
        incidents
    }

    /// The component ids a feed for `component` covers: itself and, for a group, its members.
    pub fn component_scope<'a>(&'a self, component: &'a Component) -> HashSet<&'a str> {
        let mut ids: HashSet<&str> = HashSet::from([component.id.as_str()]);
        if component.group {
            ids.extend(
                self.summary
                    .components
                    .iter()
                    .filter(|c| {
                        component.components.contains(&c.id)
                            || c.group_id.as_deref() == Some(component.id.as_str())
                    })
                    .map(|c| c.id.as_str()),
            );
        }
        ids
    }

    /// The tagging authority and date prefix of every `tag:` URI of this region, from the
    /// page's host (RFC 4151).
    pub fn authority(&self) -> String {
        self.summary
            .page
            .url
            .as_deref()
            .and_then(url_host)
            .unwrap_or_else(|| FALLBACK_AUTHORITY.to_owned())
    }

    /// The date in the tag of feed ids: the day the region's first component was created, a
    /// date the page already existed and which later edits do not change.
    fn founding_date(&self) -> NaiveDate {
        self.summary
            .components
            .iter()
            .filter_map(|c| c.created_at.map(|t| t.date_naive()))
            .min()
            .unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date"))
    }

    /// The stable `tag:` URI of an incident or maintenance: page host, the day it was opened,
    /// page id and incident id, so it never changes when the incident is edited or moved.
    pub fn incident_tag(&self, incident: &Incident) -> String {
        format!(
            "tag:{},{}:{}/incidents/{}",
            self.authority(),
            incident.created_at.date_naive(),
            self.summary.page.id,
            incident.id
        )
    }

    /// The stable `tag:` URI of a feed: the region's, or one component's.
    pub fn feed_tag(&self, component: Option<&Component>) -> String {
        let scope = match component {
            Some(component) => format!("/components/{}", component.id),
            None => String::new(),
        };
        format!(
            "tag:{},{}:{}{scope}/feed",
            self.authority(),
            self.founding_date(),
            self.summary.page.id
        )
    }

    /// The visitor-facing address of the region page.
    pub fn page_url(&self, site_url: &str) -> String {
        self.summary
            .page
            .url
            .clone()
            .filter(|url| url_host(url).is_some())
            .unwrap_or_else(|| format!("{site_url}{}", self.region.id))
    }

    /// The visitor-facing address of an incident: its shortlink, else Beacon's incident route.
    pub fn incident_url(&self, site_url: &str, incident: &Incident) -> String {
        incident
            .shortlink
            .clone()
            .filter(|url| url_host(url).is_some())
            .unwrap_or_else(|| {
                let route = Route::Incident {
                    region: self.region.id.clone(),
                    id: incident.id.clone(),
                };
                format!("{site_url}{}", route.path())
            })
    }

    /// Component names by id, for listing affected components.
    pub fn component_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.summary
            .component(id)
            .map(|c| c.name.as_str())
            .unwrap_or(id)
    }
}

/// When an incident last changed: the latest of its `updated_at` and its updates' times.
pub fn last_changed(incident: &Incident) -> Timestamp {
    incident
        .incident_updates
        .iter()
        .flat_map(|u| [Some(u.created_at), u.updated_at])
        .chain([
            Some(incident.created_at),
            incident.updated_at,
            incident.postmortem_published_at,
        ])
        .flatten()
        .max()
        .unwrap_or(incident.created_at)
}

/// A feed ready to be written as Atom or RSS.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// Feed title, e.g. "Beacon Backup Status — EMEA: Backups".
    pub title: String,
    /// One line saying what the feed lists.
    pub subtitle: String,
    /// Stable `tag:` URI of the feed.
    pub id: String,
    /// Where the feed itself is published.
    pub self_url: String,
    /// The page the feed belongs to.
    pub page_url: String,
    /// Who publishes it (the site name).
    pub author: String,
    /// The latest change of anything listed (or of the page when nothing is).
    pub updated: Timestamp,
    /// Incidents and maintenances, most recently changed first.
    pub entries: Vec<FeedEntry>,
}

/// One incident or maintenance in a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// Stable `tag:` URI derived from the incident id.
    pub id: String,
    /// Title with the current status, e.g. "Delayed backups (Identified)".
    pub title: String,
    /// The incident's page.
    pub url: String,
    /// When it was opened.
    pub published: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// Affected components as (id, name).
    pub components: Vec<(String, String)>,
    /// The whole story as HTML: impact, window, then every update newest first.
    pub content_html: String,
}

/// Builds the feed of a region (`component` `None`) or of one of its components.
pub fn feed(
    data: &RegionData,
    site_name: &str,
    site_url: &str,
    self_url: &str,
    component: Option<&Component>,
) -> Feed {
    let scope = component.map(|c| data.component_scope(c));
    let entries: Vec<FeedEntry> = data
        .incidents()
        .into_iter()
        .filter(|incident| match &scope {
            Some(scope) => incident
                .affected_component_ids()
                .iter()
                .any(|id| scope.contains(id)),
            None => true,
        })
        .map(|incident| feed_entry(data, site_url, incident))
        .collect();
    let page_updated = data.summary.page.updated_at;
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .chain(page_updated.filter(|_| component.is_none()))
        .max()
        .or(page_updated)
        .unwrap_or_default();
    let region_name = &data.region.name;
    let (title, subtitle) = match component {
        Some(component) => (
            format!("{site_name} — {region_name}: {}", one_line(&component.name)),
            format!(
                "Incidents and maintenance affecting {} in {region_name}",
                one_line(&component.name)
            ),
        ),
        None => (
            format!("{site_name} — {region_name}"),
            format!("Incidents and maintenance in {region_name}"),
        ),
    };
    Feed {
        title: one_line(&title),
        subtitle,
        id: data.feed_tag(component),
        self_url: self_url.to_owned(),
        page_url: data.page_url(site_url),
        author: one_line(site_name),
        updated,
        entries,
    }
}

/// One feed entry for an incident or maintenance.
fn feed_entry(data: &RegionData, site_url: &str, incident: &Incident) -> FeedEntry {
    let components: Vec<(String, String)> = incident
        .affected_component_ids()
        .into_iter()
        .map(|id| (id.to_owned(), one_line(data.component_name(id))))
        .collect();
    FeedEntry {
        id: data.incident_tag(incident),
        title: format!(
            "{} ({})",
            one_line(&incident.name),
            update_status_label(&incident.status, Lang::English)
        ),
        url: data.incident_url(site_url, incident),
        published: incident.created_at,
        updated: last_changed(incident),
        content_html: incident_html(incident, &components),
        components,
    }
}

/// A time as written in feeds and calendars for people: `2026-11-21 11:45 (UTC+01:00)`.
pub fn human_time(time: Timestamp) -> String {
    time.format("%Y-%m-%d %H:%M (UTC%:z)").to_string()
}

/// The body of a feed entry as HTML: what it is, its postmortem when it has one, then every
/// update.
fn incident_html(incident: &Incident, components: &[(String, String)]) -> String {
    use super::text::escape_xml;
    let mut out = String::new();
    let kind = if incident.is_maintenance() {
        "Maintenance"
    } else {
        "Incident"
    };
    out.push_str(&format!(
        "<p><strong>{kind}</strong> · {} · {}</p>",
        escape_xml(update_status_label(&incident.status, Lang::English)),
        escape_xml(&impact_label_in(&incident.impact, Lang::English))
    ));
    if let (true, Some(from)) = (incident.is_maintenance(), incident.scheduled_for) {
        let until = incident
            .scheduled_until
            .map(|until| format!(" to {}", human_time(until)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<p>Scheduled from {}{}</p>",
            escape_xml(&human_time(from)),
            escape_xml(&until)
        ));
    }
    if !components.is_empty() {
        let names: Vec<&str> = components.iter().map(|(_, name)| name.as_str()).collect();
        out.push_str(&format!(
            "<p>Affected: {}</p>",
            escape_xml(&names.join(", "))
        ));
    }
    if let Some(body) = incident
        .postmortem_body
        .as_deref()
        .filter(|b| !b.trim().is_empty())
    {
        let published = incident
            .postmortem_published_at
            .map(|at| format!(" — {}", human_time(at)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<h4>{}{}</h4>",
            escape_xml(Lang::English.text(Msg::PostmortemHeading)),
            escape_xml(&published)
        ));
        out.push_str(&message_html(body));
    }
    for update in &incident.incident_updates {
        out.push_str(&format!(
            "<h4>{} — {}</h4>",
            escape_xml(update_status_label(&update.status, Lang::English)),
            escape_xml(&human_time(update.shown_at()))
        ));
        out.push_str(&message_html(&update.body));
    }
    out
}
