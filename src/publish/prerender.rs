//! Pre-rendered pages: each region's current state written into a copy of the app's
//! `index.html` at build time, so `/<region>` shows its status before the wasm has loaded, and
//! with JavaScript off or blocked. The app removes the snapshot (`<div id="prerendered">`) and
//! the feed links (`data-prerendered`) just before it mounts, so the live page replaces them
//! without duplicating anything.
//!
//! Layout under the output folder: `<region>/index.html` per region (a static host serves it for
//! `/<region>` without any fallback rule), `index.html` itself with the default region, and the
//! plain app shell (no snapshot) at `sla/index.html`, so the calculator never carries or
//! flashes a status page. The embed (`embed/sla/index.html`) is its own small app, built separately.
//!
//! The snapshot uses the live page's classes (banner, components list, incident cards) so the
//! switch to the live page does not move anything. Every text and address from the data is
//! escaped.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::status::{
    overall_status, parse_markup, plain_text, sections, ComponentStatus, Incident, Indicator,
};
use crate::ui::incident::{affected_names, impact_label};
use crate::ui::status::status_look;

use super::feed::RegionData;
use super::site::{OutputFile, Site};
use super::text::{escape_xml as escape, one_line};
use super::PublishError;
use crate::status::Problem;

/// Marks the start of everything the pre-renderer inserts, so that pre-rendering a page twice
/// replaces the earlier snapshot instead of stacking a second one.
const START: &str = "<!--beacon:prerendered-->";
/// Marks the end of an inserted part.
const END: &str = "<!--/beacon:prerendered-->";

/// Every pre-rendered page for `site`, from `shell` (the `index.html` Trunk built):
/// `<region>/index.html` per region (also as `<region>/history/index.html` and
/// `<region>/incidents/<id>/index.html`), `index.html` with the default region, and the plain shell
/// at `sla/index.html`. `site_url` ends in `/`; `fallback_now` is the
/// "as of" time for a summary without `page.updated_at`.
pub fn prerendered_pages(
    site: &Site,
    shell: &str,
    site_url: &str,
    fallback_now: DateTime<Utc>,
) -> Result<Vec<OutputFile>, PublishError> {
    let shell = without_snapshot(shell);
    let site_name = &site.config.site_name;
    let mut files = Vec::new();
    let mut default_page = None;
    for data in &site.regions {
        let region = &data.region;
        let snapshot = region_snapshot(site, data, site_url, fallback_now);
        let banner = overall_status(&data.summary, as_of(data, fallback_now)).indicator;
        let description = format!(
            "{} status of {site_name}: {}. Covers {}.",
            region.name,
            banner.label(),
            region.countries
        );
        let head = head_tags(&description, &feed_links(site_url, [data]));
        let title = format!("{} — {site_name}", region.name);
        let page = with_snapshot(&shell, &title, &head, &snapshot)?;
        // The region's sub-pages get the same snapshot, so a host without the fallback serves
        // them too and no visitor sees another region's status before the app starts.
        let incident_pages = data
            .incidents()
            .into_iter()
            .filter(|incident| is_path_segment(&incident.id))
            .map(|incident| format!("{}/incidents/{}/index.html", region.id, incident.id));
        for path in [
            format!("{}/index.html", region.id),
            format!("{}/history/index.html", region.id),
        ]
        .into_iter()
        .chain(incident_pages)
        {
            files.push(OutputFile {
                path,
                contents: page.clone(),
            });
        }
        if region.id == site.config.default_region {
            default_page = Some(snapshot);
        }
    }
    if let Some(snapshot) = default_page {
        let names: Vec<&str> = site
            .regions
            .iter()
            .map(|d| d.region.name.as_str())
            .collect();
        let description = format!("Live status of {site_name} for {}.", names.join(", "));
        let head = head_tags(&description, &feed_links(site_url, &site.regions));
        files.push(OutputFile {
            path: "index.html".into(),
            contents: with_snapshot(&shell, site_name, &head, &snapshot)?,
        });
    }
    files.push(OutputFile {
        path: "sla/index.html".into(),
        contents: shell.clone(),
    });
    Ok(files)
}

/// True for an id that can stand as one folder name in a URL path.
fn is_path_segment(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The instant a region's snapshot shows: the file's `page.updated_at`, else `fallback_now`.
fn as_of(data: &RegionData, fallback_now: DateTime<Utc>) -> DateTime<Utc> {
    data.summary
        .page
        .updated_at
        .map_or(fallback_now, |at| at.to_utc())
}

/// `<link rel="alternate">` for the Atom and RSS feeds of each region in `regions`, for feed
/// readers and crawlers; marked `data-prerendered` because the live app removes them and
/// announces the open region's feeds itself.
fn feed_links<'a>(site_url: &str, regions: impl IntoIterator<Item = &'a RegionData>) -> String {
    regions
        .into_iter()
        .map(|data| {
            let (id, name) = (&data.region.id, escape(&one_line(&data.region.name)));
            format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{name} incidents (Atom)\" href=\"{url}feeds/{id}.atom\" data-prerendered>\
                 <link rel=\"alternate\" type=\"application/rss+xml\" title=\"{name} incidents (RSS)\" href=\"{url}feeds/{id}.rss\" data-prerendered>",
                url = escape(site_url),
                id = escape(id),
            )
        })
        .collect()
}

/// The tags added to `<head>`: the description and the feed links.
fn head_tags(description: &str, feed_links: &str) -> String {
    format!(
        "<meta name=\"description\" content=\"{}\">{feed_links}",
        escape(&one_line(description))
    )
}

/// One region's snapshot: the page header with the region links, the region's name, when the
/// snapshot was taken, the banner, every section with its status in words, active incidents
/// and maintenance with their latest update, and the feed links.
pub fn region_snapshot(
    site: &Site,
    data: &RegionData,
    site_url: &str,
    fallback_now: DateTime<Utc>,
) -> String {
    let region = &data.region;
    let summary = &data.summary;
    let at = as_of(data, fallback_now);
    let overall = overall_status(summary, at);
    let url = escape(site_url);
    let mut out = String::from("<div id=\"prerendered\">");

    out.push_str(&format!(
        "<header class=\"site-header\"><div class=\"inner\"><a class=\"brand\" href=\"{url}\">{}</a>\
         <nav class=\"site-nav\" aria-label=\"Regions and tools\"><ul>",
        escape(&site.config.site_name)
    ));
    for other in &site.regions {
        let current = if other.region.id == region.id {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><a href=\"{url}{}\"{current}>{}</a></li>",
            escape(&other.region.id),
            escape(&other.region.name)
        ));
    }
    out.push_str(&format!(
        "<li><a href=\"{url}sla\">SLA calculator</a></li></ul></nav></div></header>"
    ));

    out.push_str(&format!(
        "<main><div class=\"region-header\"><div><h1>{}</h1><p class=\"lede\">{}</p></div></div>",
        escape(&region.name),
        escape(&region.countries)
    ));
    out.push_str(&format!(
        "<p class=\"notice prerendered-note\" data-testid=\"prerendered-note\">Status as of {}. \
         Live updates need JavaScript; with it on, this page refreshes itself.</p>",
        time_html(at)
    ));

    let (class, icon) = status_look(&status_for_indicator(&overall.indicator));
    out.push_str(&format!(
        "<div class=\"banner {class}\" data-testid=\"prerendered-banner\" data-indicator=\"{}\">\
         <span class=\"status-icon\" aria-hidden=\"true\">{icon}</span><span>{}</span></div>",
        escape(overall.indicator.as_str()),
        overall.indicator.label()
    ));

    out.push_str("<h2>Components</h2><ul class=\"components\">");
    for section in sections(summary, &region.component_order) {
        out.push_str(&format!(
            "<li data-testid=\"prerendered-component\"><div class=\"component-row\">\
             <span class=\"component-name\">{}</span>{}",
            escape(&section.component.name),
            status_html(&section.status)
        ));
        if let Some(description) = section.component.description.filter(|d| !d.is_empty()) {
            out.push_str(&format!(
                "<p class=\"component-description\">{}</p>",
                escape(&description)
            ));
        }
        out.push_str("</div>");
        if !section.members.is_empty() {
            out.push_str(&format!(
                "<details class=\"group-members\"><summary>{} components</summary><ul>",
                section.members.len()
            ));
            for member in &section.members {
                out.push_str(&format!(
                    "<li class=\"component-row\"><span>{}</span>{}</li>",
                    escape(&member.name),
                    status_html(&member.status)
                ));
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");

    for (title, list) in [
        ("Active incidents", &overall.active_incidents),
        ("Maintenance in progress", &overall.maintenances_in_progress),
        ("Upcoming maintenance", &overall.upcoming_maintenances),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("<section><h2>{title}</h2>"));
        for incident in list {
            out.push_str(&incident_html(incident, data));
        }
        out.push_str("</section>");
    }

    out.push_str(&format!(
        "<p class=\"uptime-rule\">Follow this region's incidents: \
         <a href=\"{url}feeds/{id}.atom\">Atom feed</a> · <a href=\"{url}feeds/{id}.rss\">RSS feed</a></p>\
         </main></div>",
        id = escape(&region.id)
    ));
    out
}

/// An incident or maintenance: name, impact, affected sections, schedule and the latest update
/// as plain text.
fn incident_html(incident: &Incident, data: &RegionData) -> String {
    let mut out = format!(
        "<article class=\"incident\" data-testid=\"prerendered-incident\"><h3 class=\"incident-name\">{}</h3>\
         <p class=\"incident-meta\"><span class=\"impact impact-{}\">{}</span>",
        escape(&incident.name),
        escape(incident.impact.as_str()),
        escape(&impact_label(&incident.impact))
    );
    let affected = affected_names(incident, &data.summary);
    if !affected.is_empty() {
        out.push_str(&format!(" · Affects {}", escape(&affected.join(", "))));
    }
    out.push_str("</p>");
    if let Some(from) = incident.scheduled_for {
        out.push_str(&format!(
            "<p class=\"schedule\">Scheduled {}",
            time_html(from.to_utc())
        ));
        if let Some(until) = incident.scheduled_until {
            out.push_str(&format!(" until {}", time_html(until.to_utc())));
        }
        out.push_str("</p>");
    }
    if let Some(update) = incident.latest_update() {
        out.push_str(&format!(
            "<ol class=\"timeline\"><li class=\"update\"><p class=\"update-meta\">\
             <strong class=\"update-status\">{}</strong> · {}</p><div class=\"markup\">",
            update.status.label(),
            time_html(update.shown_at().to_utc())
        ));
        for line in plain_text(&parse_markup(&update.body)).lines() {
            if !line.trim().is_empty() {
                out.push_str(&format!("<p>{}</p>", escape(line)));
            }
        }
        out.push_str("</div></li></ol>");
    }
    out.push_str("</article>");
    out
}

/// A status as icon plus words, as the live page's `StatusLabel` shows it.
fn status_html(status: &ComponentStatus) -> String {
    let (class, icon) = status_look(status);
    let words = match status {
        ComponentStatus::Unknown(raw) => format!("Unknown status “{raw}”"),
        known => known.label().to_owned(),
    };
    format!(
        "<span class=\"status-label {class}\" data-status=\"{}\"><span class=\"status-icon\" \
         aria-hidden=\"true\">{icon}</span><span class=\"status-text\">{}</span></span>",
        escape(status.as_str()),
        escape(&words)
    )
}

/// The component status whose look the banner borrows, as on the live page.
fn status_for_indicator(indicator: &Indicator) -> ComponentStatus {
    match indicator {
        Indicator::None => ComponentStatus::Operational,
        Indicator::Minor => ComponentStatus::DegradedPerformance,
        Indicator::Major => ComponentStatus::PartialOutage,
        Indicator::Critical => ComponentStatus::MajorOutage,
        Indicator::Maintenance => ComponentStatus::UnderMaintenance,
        Indicator::Unknown(raw) => ComponentStatus::Unknown(raw.clone()),
    }
}

/// A `<time>` element in UTC, e.g. "2026-11-21 14:05 UTC".
fn time_html(at: DateTime<Utc>) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        at.format("%Y-%m-%d %H:%M UTC")
    )
}

/// `shell` with `title`, the extra `head` tags and the `snapshot` at the start of `<body>`; the
/// `<noscript>` notice goes, since the snapshot says what JavaScript adds.
pub fn with_snapshot(
    shell: &str,
    title: &str,
    head: &str,
    snapshot: &str,
) -> Result<String, PublishError> {
    let broken = |what: &str| {
        PublishError::Invalid(vec![Problem::new(
            "index.html",
            "",
            format!("cannot pre-render into the built page: {what}"),
        )])
    };
    let mut page = without_snapshot(shell);
    let title = format!("<title>{}</title>", escape(&one_line(title)));
    match (page.find("<title>"), page.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            page.replace_range(start..end + "</title>".len(), &title)
        }
        _ => {
            let head_end = page.find("</head>").ok_or_else(|| broken("no </head>"))?;
            page.insert_str(head_end, &title);
        }
    }
    let head_end = page.find("</head>").ok_or_else(|| broken("no </head>"))?;
    page.insert_str(head_end, &format!("{START}{head}{END}"));
    if let (Some(start), Some(end)) = (page.find("<noscript>"), page.find("</noscript>")) {
        if start < end {
            page.replace_range(start..end + "</noscript>".len(), "");
        }
    }
    let body = page.find("<body").ok_or_else(|| broken("no <body>"))?;
    let body_open = body + page[body..].find('>').ok_or_else(|| broken("no <body>"))? + 1;
    page.insert_str(body_open, &format!("{START}{snapshot}{END}"));
    Ok(page)
}

/// `page` without anything an earlier pre-rendering inserted.
fn without_snapshot(page: &str) -> String {
    let mut page = page.to_owned();
    while let Some(start) = page.find(START) {
        match page[start..].find(END) {
            Some(length) => page.replace_range(start..start + length + END.len(), ""),
            None => break,
        }
    }
    page
}
