//! Pre-rendered pages: each region's current state written into a copy of the app's
//! `index.html` at build time, so `/<region>` shows its status in the first response, before
//! the wasm has loaded, and with JavaScript off or blocked. The app renders the live page
//! hidden beside the snapshot (`<div id="prerendered">`) and, once it shows its data, swaps
//! them in one frame, removing the snapshot and the feed links (`data-prerendered`): the
//! statuses never leave the screen and nothing moves (`src/handover.rs`).
//!
//! Each page starts with the boot script ([`super::critical::boot_script`]: the app's preloads,
//! which only run with JavaScript on, and the early fetch of the region's data) and carries
//! the status pages' styles inline, so nothing delays its first paint.
//!
//! Layout under the output folder: `<region>/index.html` per region (a static host serves it for
//! `/<region>` without any fallback rule) and `index.html` itself with the default region. The SLA
//! calculator (`sla/index.html`) and the embed (`embed/sla/index.html`) are apps of their own,
//! built separately, and carry no snapshot.
//!
//! The snapshot uses the live page's classes (banner, components list, incident cards) so the
//! switch to the live page does not move anything. Every text and address from the data is
//! escaped.
//!
//! The build cannot know the visitor's language, so the snapshot is written in English with
//! each interface text marked `data-i18n="<Msg key>"` (values from the data inside it marked
//! `data-slot="<placeholder>"`), followed by one small inline script with those keys' texts in
//! the other languages, taken from the same [`Lang::text`] tables as the app. The script picks
//! the language as the app does (`?lang=`, the remembered choice, the browser's languages,
//! English), sets `<html lang>`, swaps the marked texts and writes the `<time>`s with `Intl`
//! before the wasm has loaded. With JavaScript off the snapshot stays English.

use chrono::{DateTime, SecondsFormat, Utc};

use beacon_core::i18n::pack::pack_file;
use beacon_core::i18n::{Lang, Msg};
use beacon_core::period::Period;
use beacon_core::route::Route;
use beacon_core::status::archive::{split_history, HistoryIndex};
use beacon_core::status::config::{SiteConfig, CONFIG_ELEMENT_ID};
use beacon_core::status::history::{period_page, HistoryFilter};
use beacon_core::status::model::IncidentHistory;
use beacon_core::status::{
    overall_status, parse_markup, plain_text, sections, ComponentStatus, Impact, Incident,
};
use beacon_core::words::{affected_names, impact_msg, update_status_msg};
use beacon_core::words::{indicator_look, indicator_msg, status_look, status_msg};

use super::critical::{boot_script, take_preloads};
use super::data::Site;
use super::feed::RegionData;
use super::text::{escape_xml as escape, one_line};
use super::OutputFile;
use super::PublishError;
use beacon_core::status::Problem;

/// Marks the start of everything the pre-renderer inserts, so that pre-rendering a page twice
/// replaces the earlier snapshot instead of stacking a second one.
const START: &str = "<!--beacon:prerendered-->";
/// Marks the end of an inserted part.
const END: &str = "<!--/beacon:prerendered-->";

/// Every pre-rendered page for `site`, from `shell` (the `index.html` Trunk built):
/// `<region>/index.html` per region (also as `<region>/incidents/<id>/index.html`),
/// `<region>/history/<quarter>/index.html` per quarter with incidents and
/// `<region>/history/index.html` with the newest, and `index.html` with the default region. `site_url`
/// ends in `/`; `fallback_now` is the
/// "as of" time for a summary without `page.updated_at`.
pub fn prerendered_pages(
    site: &Site,
    shell: &str,
    site_url: &str,
    fallback_now: DateTime<Utc>,
) -> Result<Vec<OutputFile>, PublishError> {
    // Preloads are taken before the earlier snapshot goes, so a page published before (whose
    // preloads sit in its boot template) gives them again.
    let (shell, preloads) = take_preloads(shell);
    let shell = without_snapshot(&shell);
    let site_name = &site.config.site_name;
    let mut files = Vec::new();
    let mut default_page = None;
    for data in &site.regions {
        let region = &data.region;
        let snapshot = region_snapshot(site, data, site_url, fallback_now);
        // The site configuration comes after what is painted: the app reads it once the page
        // is parsed, and its bytes would otherwise arrive before the statuses.
        let snapshot = format!(
            "{snapshot}{}{}",
            snapshot_translator(&snapshot),
            config_script(&site.config)
        );
        let banner = overall_status(&data.summary, as_of(data, fallback_now)).indicator;
        let description = format!(
            "{} status of {site_name}: {}. Covers {}.",
            region.name,
            Lang::English.text(indicator_msg(&banner)),
            region.countries
        );
        let head = head_tags(&description, &feed_links(site_url, [data]));
        let live = region.live_files();
        let boot = boot_script(&preloads, &[live[0].as_str(), live[1].as_str()]);
        let title = format!("{} — {site_name}", region.name);
        let page = with_snapshot(&shell, &title, &boot, &head, &snapshot)?;
        // The region's sub-pages get the same snapshot, so a host without the fallback serves
        // them too and no visitor sees another region's status before the app starts.
        let incident_pages = data
            .incidents()
            .into_iter()
            .filter(|incident| is_path_segment(&incident.id))
            .map(|incident| format!("{}/incidents/{}/index.html", region.id, incident.id));
        for path in [format!("{}/index.html", region.id)]
            .into_iter()
            .chain(incident_pages)
        {
            files.push(OutputFile {
                path,
                contents: page.clone(),
            });
        }
        // Each quarter's history page shows that quarter; `/<region>/history/` the newest.
        let split = split_history(&data.summary, &data.history, fallback_now);
        let history_title = format!(
            "{} — {} — {site_name}",
            Lang::English.text(Msg::IncidentHistory),
            region.name
        );
        let empty = IncidentHistory {
            page: data.history.page.clone(),
            incidents: Vec::new(),
        };
        let newest = split.index.newest();
        let mut history_pages = split
            .periods
            .iter()
            .map(|(period, file)| (Some(*period), file))
            .collect::<Vec<_>>();
        history_pages.insert(0, (None, split.periods.first().map_or(&empty, |(_, f)| f)));
        for (period, file) in history_pages {
            let snapshot = match period.or(newest) {
                Some(shown) => history_snapshot(site, data, site_url, &split.index, shown, file),
                None => region_snapshot(site, data, site_url, fallback_now),
            };
            let snapshot = format!(
                "{snapshot}{}{}",
                snapshot_translator(&snapshot),
                config_script(&site.config)
            );
            let path = match period {
                Some(period) => format!("{}/history/{period}/index.html", region.id),
                None => format!("{}/history/index.html", region.id),
            };
            files.push(OutputFile {
                path,
                contents: with_snapshot(&shell, &history_title, &boot, &head, &snapshot)?,
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
            contents: with_snapshot(
                &shell,
                site_name,
                &boot_script(&preloads, &[]),
                &head,
                &snapshot,
            )?,
        });
    }

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

/// The site configuration inside the page (`<script type="application/json"
/// id="beacon-config">`), so the app starts on it without a round trip for `config.json` before
/// it can ask for the region's data ([`crate::api::site_config`]).
pub fn config_script(config: &SiteConfig) -> String {
    format!(
        "<script type=\"application/json\" id=\"{CONFIG_ELEMENT_ID}\">{}</script>",
        script_json(config)
    )
}

/// `value` as JSON that can stand inside a `<script>` element: `<` is written `\u003c`, so no
/// string in it can close the element.
fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .expect("plain data serializes")
        .replace('<', "\\u003c")
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
    out.push_str(&site_header(site, data, site_url));

    out.push_str(&format!(
        "<main><div class=\"region-header\"><div><h1>{}</h1><p class=\"lede\">{}</p></div></div>",
        escape(&region.name),
        escape(&region.countries)
    ));
    out.push_str(&format!(
        "<p class=\"notice prerendered-note\" data-testid=\"prerendered-note\"{}</p>",
        words(Msg::PrerenderedNote, &[("when", time_slot("when", at))])
    ));

    let (class, icon) = indicator_look(&overall.indicator);
    out.push_str(&format!(
        "<div class=\"banner {class}\" data-testid=\"prerendered-banner\" data-indicator=\"{}\">\
         <span class=\"status-icon\" aria-hidden=\"true\">{icon}</span><span{}</span></div>",
        escape(overall.indicator.as_str()),
        words(indicator_msg(&overall.indicator), &[])
    ));

    out.push_str(&format!(
        "<h2{}</h2><ul class=\"components\">",
        words(Msg::Components, &[])
    ));
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
            let count = section.members.len();
            let members = if count == 1 {
                Msg::GroupMembersOne
            } else {
                Msg::GroupMembersOther
            };
            out.push_str(&format!(
                "<details class=\"group-members\"><summary{}</summary><ul>",
                words(members, &[("count", slot("count", &count.to_string()))])
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
        (Msg::ActiveIncidents, &overall.active_incidents),
        (
            Msg::MaintenanceInProgress,
            &overall.maintenances_in_progress,
        ),
        (Msg::MaintenanceOverdue, &overall.overdue_maintenances),
        (Msg::UpcomingMaintenance, &overall.upcoming_maintenances),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("<section><h2{}</h2>", words(title, &[])));
        for incident in list {
            out.push_str(&incident_html(incident, data));
        }
        out.push_str("</section>");
    }

    out.push_str(&format!(
        "<p class=\"uptime-rule\"><span{}</span> \
         <a href=\"{url}feeds/{id}.atom\"{}</a> · <a href=\"{url}feeds/{id}.rss\"{}</a></p>\
         </main></div>",
        words(Msg::FollowFeeds, &[]),
        words(Msg::AtomFeed, &[]),
        words(Msg::RssFeed, &[]),
        id = escape(&region.id)
    ));
    out
}

/// The site's header with the region links, the current region marked.
fn site_header(site: &Site, data: &RegionData, site_url: &str) -> String {
    let region = &data.region;
    let url = escape(site_url);
    let mut out = String::new();
    out.push_str(&format!(
        "<header class=\"site-header\"><div class=\"inner\"><a class=\"brand\" href=\"{url}\">{}</a>\
         <nav class=\"site-nav\" aria-label=\"{}\" data-i18n-label=\"{}\"><ul>",
        escape(&site.config.site_name),
        escape(Lang::English.text(Msg::SiteNavLabel)),
        key(Msg::SiteNavLabel)
    ));
    for other in &site.regions {
        let current = if other.region.id == region.id {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><a href=\"{url}{}\"{current}>{}</a></li>",
            escape(&beacon_core::route::Route::Region(other.region.id.clone()).path()),
            escape(&other.region.name)
        ));
    }
    out.push_str(&format!(
        "<li><a href=\"{url}sla/\"{}</a></li></ul></nav></div></header>",
        words(Msg::SlaCalculator, &[])
    ));
    out
}

/// One quarter of a region's history as its page shows it with JavaScript off: the header,
/// paging to the neighbouring quarters, the quarter's incidents by month (each linking to its
/// own page, with its latest update) and the list of every quarter with its count.
pub fn history_snapshot(
    site: &Site,
    data: &RegionData,
    site_url: &str,
    index: &HistoryIndex,
    period: Period,
    incidents: &IncidentHistory,
) -> String {
    let region = &data.region;
    let url = escape(site_url);
    let quarter = |period: Period| {
        words(
            Msg::HistoryQuarter,
            &[
                ("quarter", slot("quarter", &period.quarter().to_string())),
                ("year", slot("year", &period.year().to_string())),
            ],
        )
    };
    let href = |period: Period| {
        let route = Route::HistoryPeriod {
            region: region.id.clone(),
            period,
        };
        format!("{url}{}", escape(&route.path()))
    };
    let mut out = String::from("<div id=\"prerendered\">");
    out.push_str(&site_header(site, data, site_url));
    out.push_str(&format!(
        "<main><div class=\"region-header\"><div><h1>{}</h1><p class=\"lede\">{}</p></div></div>\
         <h2 class=\"page-subtitle\"{}</h2>\
         <nav class=\"history-paging\" aria-label=\"{}\" data-i18n-label=\"{}\"><span>",
        escape(&region.name),
        escape(&region.countries),
        words(Msg::IncidentHistory, &[]),
        escape(Lang::English.text(Msg::HistoryPeriods)),
        key(Msg::HistoryPeriods)
    ));
    let (older, newer) = index.neighbours(period);
    if let Some(older) = older {
        out.push_str(&format!(
            "<a href=\"{}\" rel=\"prev\" data-testid=\"prerendered-older\">← <span{}</span></a>",
            href(older),
            words(Msg::OlderPeriod, &[])
        ));
    }
    out.push_str(&format!(
        "</span><h3 data-testid=\"prerendered-period\" data-period=\"{period}\"{}</h3><span>",
        quarter(period)
    ));
    if let Some(newer) = newer {
        out.push_str(&format!(
            "<a href=\"{}\" rel=\"next\" data-testid=\"prerendered-newer\"><span{}</span> →</a>",
            href(newer),
            words(Msg::NewerPeriod, &[])
        ));
    }
    out.push_str("</span></nav>");
    let months = period_page(&data.summary, incidents, period, &HistoryFilter::default());
    if months.is_empty() {
        out.push_str(&format!(
            "<p class=\"notice\"{}</p>",
            words(Msg::NoIncidentsInPeriod, &[])
        ));
    }
    for month in months {
        out.push_str(&format!(
            "<section class=\"month\" data-testid=\"prerendered-month\"><h3>{}</h3>",
            month.month.format("%B %Y")
        ));
        for incident in month.incidents {
            let link = Route::Incident {
                region: region.id.clone(),
                id: incident.id.clone(),
            };
            let card = incident_html(incident, data);
            let title = format!(
                "<h3 class=\"incident-name\">{}</h3>",
                escape(&incident.name)
            );
            let linked = format!(
                "<h3 class=\"incident-name\"><a href=\"{url}{}\">{}</a></h3>",
                escape(&link.path()),
                escape(&incident.name)
            );
            out.push_str(&card.replacen(&title, &linked, 1));
        }
        out.push_str("</section>");
    }
    out.push_str(&format!(
        "<details class=\"history-periods\" open=\"\"><summary{}</summary><ul data-testid=\"prerendered-periods\">",
        words(Msg::HistoryPeriods, &[])
    ));
    for entry in &index.periods {
        let count = if entry.incidents == 1 {
            Msg::IncidentsOne
        } else {
            Msg::IncidentsOther
        };
        let current = if entry.period == period {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><a href=\"{}\"{current}><span{}</span></a> · <span{}</span></li>",
            href(entry.period),
            quarter(entry.period),
            words(
                count,
                &[("count", slot("count", &entry.incidents.to_string()))]
            )
        ));
    }
    out.push_str("</ul></details></main></div>");
    out
}

/// An incident or maintenance: name, impact, affected sections, schedule and the latest update
/// as plain text.
fn incident_html(incident: &Incident, data: &RegionData) -> String {
    let mut out = format!(
        "<article class=\"incident\" data-testid=\"prerendered-incident\"><h3 class=\"incident-name\">{}</h3>\
         <p class=\"incident-meta\"><span class=\"impact impact-{}\"{}</span>",
        escape(&incident.name),
        escape(incident.impact.as_str()),
        impact_words(&incident.impact)
    );
    let affected = affected_names(incident, &data.summary);
    if !affected.is_empty() {
        out.push_str(&format!(
            " · <span{}</span>",
            words(
                Msg::Affects,
                &[("names", slot("names", &affected.join(", ")))]
            )
        ));
    }
    out.push_str("</p>");
    if let Some(from) = incident.scheduled_for {
        out.push_str(&format!(
            "<p class=\"schedule\"><span{}</span>",
            words(
                Msg::ScheduledFrom,
                &[("start", time_slot("start", from.to_utc()))]
            )
        ));
        if let Some(until) = incident.scheduled_until {
            out.push_str(&format!(
                "<span{}</span>",
                words(
                    Msg::ScheduledUntil,
                    &[("end", time_slot("end", until.to_utc()))]
                )
            ));
        }
        out.push_str("</p>");
    }
    if let Some(update) = incident.latest_update() {
        out.push_str(&format!(
            "<ol class=\"timeline\"><li class=\"update\"><p class=\"update-meta\">\
             <strong class=\"update-status\"{}</strong> · {}</p><div class=\"markup\">",
            words(update_status_msg(&update.status), &[]),
            time_html(update.shown_at().to_utc())
        ));
        let (body, _) = beacon_core::status::bounds::shown_body(&update.body);
        for line in plain_text(&parse_markup(body)).lines() {
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
    let text = match status {
        ComponentStatus::Unknown(raw) => {
            words(Msg::UnknownStatusNamed, &[("raw", slot("raw", raw))])
        }
        known => words(status_msg(known), &[]),
    };
    format!(
        "<span class=\"status-label {class}\" data-status=\"{}\"><span class=\"status-icon\" \
         aria-hidden=\"true\">{icon}</span><span class=\"status-text\"{text}</span></span>",
        escape(status.as_str()),
    )
}

/// An incident's impact in words, marked for translation (an unknown impact names its raw
/// value).
fn impact_words(impact: &Impact) -> String {
    match impact {
        Impact::Unknown(raw) => words(Msg::ImpactNamed, &[("raw", slot("raw", raw))]),
        known => words(impact_msg(known), &[]),
    }
}

/// The key of `msg` in `data-i18n` and in the in-page table: its name, e.g. `Operational`
/// (the same key as in the language packs).
fn key(msg: Msg) -> &'static str {
    msg.key()
}

/// The end of an element's start tag marking it as the interface text `msg`, then its content:
/// the English text with each `{name}` placeholder replaced by the HTML in `slots` (which
/// carries `data-slot="name"`, so the in-page script can move it into another language's
/// sentence). Written after `<tag attributes`, e.g. `<h2{}</h2>`.
fn words(msg: Msg, slots: &[(&str, String)]) -> String {
    let mut html = format!(" data-i18n=\"{}\">", key(msg));
    let mut rest = Lang::English.text(msg);
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|at| open + at) else {
            break;
        };
        html.push_str(&escape(&rest[..open]));
        let name = &rest[open + 1..close];
        match slots.iter().find(|(slot, _)| *slot == name) {
            Some((_, value)) => html.push_str(value),
            None => html.push_str(&escape(&rest[open..=close])),
        }
        rest = &rest[close + 1..];
    }
    html.push_str(&escape(rest));
    html
}

/// A value from the data placed into a translated sentence at `{name}`.
fn slot(name: &str, value: &str) -> String {
    format!("<span data-slot=\"{name}\">{}</span>", escape(value))
}

/// The id of the data block holding the snapshot translator's texts and languages.
const TEXTS_ID: &str = "beacon-snapshot-texts";

/// Picks the language exactly as `i18n::provide_locale` and `Lang::from_tag` do, sets
/// `<html lang>`, starts loading that language's pack for the app (`<link rel="preload">`, so
/// it downloads alongside the wasm; `P` maps tags to pack files), swaps each `data-i18n` text
/// (keeping its `data-slot` children), each `data-i18n-label` and writes each `<time>` with
/// `Intl`. `T` is the table of texts, `M` the shipped languages by primary subtag
/// ([`shipped_languages`]); all three come from the page's data block (`TEXTS_ID`), so the
/// script's text is the same on every page and one hash allows it ([`super::scripts`]).
const TRANSLATOR_JS: &str = r##"(function(d){var J=JSON.parse(d.getElementById("__ID__").textContent),T=J.texts,P=J.packs,M=J.langs,L,D,F,k;function f(t){if(!t)return;var p=String(t).trim().replace(/_/g,"-").toLowerCase().split("-");if(p[0]=="zh"&&p.slice(1).some(function(s){return/^(hant|tw|hk|mo)$/.test(s)}))return 0;return M.hasOwnProperty(p[0])?M[p[0]]:0}try{L=f(new URLSearchParams(location.search).get("lang"))}catch(e){}try{L=L||f(localStorage.getItem("beacon.lang"))}catch(e){}(navigator.languages||[navigator.language]).forEach(function(t){L=L||f(t)});L=L||"en";d.documentElement.lang=L;if(P[L]){k=d.createElement("link");k.rel="preload";k.as="fetch";k.crossOrigin="anonymous";k.href=P[L];d.head.appendChild(k)}D=T[L];if(!D)return;function a(s,g){d.querySelectorAll("#prerendered "+s).forEach(g)}a("[data-i18n]",function(e){var t=D[e.getAttribute("data-i18n")],s={};if(t==null)return;e.querySelectorAll("[data-slot]").forEach(function(c){s[c.getAttribute("data-slot")]=c});e.textContent="";t.split(/\{(\w+)\}/).forEach(function(p,i){e.append(i%2?s[p]||"":p)})});a("[data-i18n-label]",function(e){var t=D[e.getAttribute("data-i18n-label")];if(t)e.setAttribute("aria-label",t)});F=new Intl.DateTimeFormat(L,{year:"numeric",month:"short",day:"numeric",hour:"numeric",minute:"2-digit",timeZoneName:"short"});a("time[datetime]",function(e){e.textContent=F.format(new Date(e.getAttribute("datetime")))})})(document)"##;

/// The interface texts `snapshot` marks (`data-i18n`, `data-i18n-label`), by language tag, in
/// every language but English (the snapshot's own): `{"de": {"Components": "Komponenten"}}`.
pub fn snapshot_texts(
    snapshot: &str,
) -> std::collections::BTreeMap<&'static str, std::collections::BTreeMap<String, &'static str>> {
    let used: Vec<Msg> = Msg::ALL
        .iter()
        .copied()
        .filter(|&msg| {
            let marked = format!("=\"{}\"", key(msg));
            snapshot.contains(&format!(" data-i18n{marked}"))
                || snapshot.contains(&format!(" data-i18n-label{marked}"))
        })
        .collect();
    Lang::ALL
        .into_iter()
        .filter(|&lang| lang != Lang::English)
        .map(|lang| {
            let texts = used
                .iter()
                .map(|&msg| (key(msg).to_owned(), lang.text(msg)))
                .collect();
            (lang.tag(), texts)
        })
        .collect()
}

/// The inline `<script>` that shows `snapshot` in the visitor's language before the app
/// starts, after a data block with only the texts `snapshot` uses and the language packs'
/// paths (relative to the page's `<base href>`, as the app fetches them), one of which it
/// preloads.
pub fn snapshot_translator(snapshot: &str) -> String {
    let packs: std::collections::BTreeMap<&str, String> = Lang::ALL
        .into_iter()
        .filter_map(|lang| Some((lang.tag(), pack_file(lang)?)))
        .collect();
    let data = serde_json::json!({
        "texts": snapshot_texts(snapshot),
        "packs": packs,
        "langs": shipped_languages(),
    });
    format!(
        "<script type=\"application/json\" id=\"{TEXTS_ID}\">{}</script><script>{}</script>",
        script_json(&data),
        TRANSLATOR_JS.replacen("__ID__", TEXTS_ID, 1)
    )
}

/// Every shipped language's tag by its primary subtag (`"de"` → `"de"`, `"zh"` →
/// `"zh-Hans"`), from [`Lang::ALL`]: the languages the translator picks from, as
/// [`Lang::from_tag`] does.
pub fn shipped_languages() -> std::collections::BTreeMap<&'static str, &'static str> {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let tag = lang.tag();
            (tag.split('-').next().unwrap_or(tag), tag)
        })
        .collect()
}

/// A `<time>` placed into a translated sentence at `{name}`.
fn time_slot(name: &str, at: DateTime<Utc>) -> String {
    format!("<span data-slot=\"{name}\">{}</span>", time_html(at))
}

/// A `<time>` element in UTC, e.g. "2026-11-21 14:05 UTC".
fn time_html(at: DateTime<Utc>) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        at.format("%Y-%m-%d %H:%M UTC")
    )
}

/// `shell` with `title`, `boot` first after `<base>` (before anything that could delay it), the
/// extra `head` tags at the end of `<head>` and the `snapshot` at the start of `<body>`; the
/// `<noscript>` notice goes, since the snapshot says what JavaScript adds.
pub fn with_snapshot(
    shell: &str,
    title: &str,
    boot: &str,
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
    let boot_at = super::tags::start_tags(&page, "base")
        .first()
        .map_or(head_end, |base| base.end);
    page.insert_str(boot_at, &format!("{START}{boot}{END}"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_translator_picks_from_every_shipped_language_and_only_those() {
        let shipped = shipped_languages();
        assert_eq!(shipped.len(), Lang::ALL.len());
        for (primary, tag) in &shipped {
            let lang = Lang::from_tag(primary).expect("a shipped language");
            assert_eq!(lang.tag(), *tag);
        }
        assert_eq!(shipped.get("zh"), Some(&"zh-Hans"));
        let script = snapshot_translator("<p data-i18n=\"Components\">Components</p>");
        assert!(!script.contains("__"), "every part filled: {script}");
        let other = snapshot_translator("<p data-i18n=\"Operational\">Operational</p>");
        let code = |script: &str| script.split("</script>").nth(1).unwrap().to_owned();
        assert_eq!(
            code(&script),
            code(&other),
            "the code is the same on every page"
        );
        for lang in Lang::ALL {
            assert!(script.contains(&format!("\"{}\"", lang.tag())), "{lang:?}");
        }
    }
}
