//! An incident or maintenance: name, impact, affected components, schedule, and its update
//! timeline with formatted bodies.

use std::fmt::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use leptos::prelude::*;

use crate::html::escape;
use crate::i18n::{split_at, use_lang, Lang, Msg};
use crate::nav::use_nav;
use crate::router::Route;
use crate::status::model::{Impact, Incident, IncidentStatus, Summary};
use crate::ui::clock::use_clock;
use crate::ui::markup::markup_html;
use crate::ui::time::relative_in;

/// The interface text for an incident's impact; [`Msg::ImpactNamed`] (with a `{raw}`
/// placeholder) for an impact this version does not know.
pub fn impact_msg(impact: &Impact) -> Msg {
    match impact {
        Impact::None => Msg::ImpactNone,
        Impact::Minor => Msg::ImpactMinor,
        Impact::Major => Msg::ImpactMajor,
        Impact::Critical => Msg::ImpactCritical,
        Impact::Maintenance => Msg::ImpactMaintenance,
        Impact::Unknown(_) => Msg::ImpactNamed,
    }
}

/// Words for an incident's impact in `lang`.
pub fn impact_label_in(impact: &Impact, lang: Lang) -> String {
    match impact {
        Impact::Unknown(raw) => lang.fill(Msg::ImpactNamed, &[("raw", raw)]),
        known => lang.text(impact_msg(known)).to_string(),
    }
}

/// Words for an update's status in `lang`, e.g. "Investigating".
pub fn update_status_label(status: &IncidentStatus, lang: Lang) -> &'static str {
    lang.text(update_status_msg(status))
}

/// The interface text for an update's status.
pub fn update_status_msg(status: &IncidentStatus) -> Msg {
    match status {
        IncidentStatus::Investigating => Msg::Investigating,
        IncidentStatus::Identified => Msg::Identified,
        IncidentStatus::Monitoring => Msg::Monitoring,
        IncidentStatus::Resolved => Msg::Resolved,
        IncidentStatus::Postmortem => Msg::Postmortem,
        IncidentStatus::Scheduled => Msg::Scheduled,
        IncidentStatus::InProgress => Msg::InProgress,
        IncidentStatus::Verifying => Msg::Verifying,
        IncidentStatus::Completed => Msg::Completed,
        IncidentStatus::Unknown(_) => Msg::Update,
    }
}

/// Names of the components an incident affects, resolved against the summary where possible.
pub fn affected_names(incident: &Incident, summary: &Summary) -> Vec<String> {
    incident
        .affected_component_ids()
        .into_iter()
        .map(|id| {
            summary
                .component(id)
                .or_else(|| incident.components.iter().find(|c| c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| id.to_string())
        })
        .collect()
}

/// One incident with its full update timeline. Written as one piece of markup
/// ([`incident_card_html`]) and written again when the language or the chosen time zone
/// changes; the relative times ("12 minutes ago") follow the page clock in place.
#[component]
pub fn IncidentCard(
    /// The incident or maintenance.
    incident: Incident,
    /// The summary, for component names.
    summary: Summary,
    /// The region id, for the shareable link.
    #[prop(into)]
    region: String,
    /// Show the heading as a link to the incident's own page.
    #[prop(optional)]
    link: bool,
    /// Show only the latest update (for lists).
    #[prop(optional)]
    latest_only: bool,
) -> impl IntoView {
    let locale = use_lang();
    let clock = use_clock();
    let nav = use_nav();
    let card = NodeRef::<leptos::html::Div>::new();
    let links = CardLinks {
        page: link.then(|| {
            nav.href_keeping_query(&Route::Incident {
                region: region.clone(),
                id: incident.id.clone(),
            })
        }),
        calendar: incident.is_maintenance().then(|| {
            crate::notify::PublishedLinks::new(&crate::ui::subscribe::site_root(), &region)
                .event_calendar(&incident.id)
        }),
    };
    let html = move || {
        let lang = locale.get();
        let now = clock.now.get_untracked();
        incident_card_html(&incident, &summary, &links, latest_only, lang, &|at| {
            (clock.format(at, true), relative_in(at, now, lang))
        })
    };
    // The clock ticks: only the relative times change, each written where it stands.
    Effect::new(move |_| {
        let now = clock.now.get();
        let lang = locale.get_untracked();
        let Some(card) = card.get() else {
            return;
        };
        let Ok(times) = card.query_selector_all("time[datetime] .relative") else {
            return;
        };
        for index in 0..times.length() {
            let Some(relative) = times.item(index) else {
                continue;
            };
            let at = relative
                .parent_element()
                .and_then(|time| time.get_attribute("datetime"))
                .and_then(|stamp| DateTime::parse_from_rfc3339(&stamp).ok());
            if let Some(at) = at {
                relative.set_text_content(Some(&relative_in(at.to_utc(), now, lang)));
            }
        }
    });
    view! { <div class="incident-slot" node_ref=card inner_html=html></div> }
}

/// Where a card links to: its own page (in lists) and, for maintenance, its calendar file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardLinks {
    /// The incident's page, for the heading.
    pub page: Option<String>,
    /// The maintenance's `.ics`.
    pub calendar: Option<String>,
}

/// The card's markup in `lang`: name (a link to `links.page` if given), impact, affected
/// components, schedule (with the calendar link), and the updates newest first (only the latest
/// with `latest_only`) with their formatted bodies. `when` words an instant: the absolute time
/// and the relative one, written as `<time datetime="…">absolute (<span
/// class="relative">relative</span>)</time>`. Every text from the data is escaped.
pub fn incident_card_html(
    incident: &Incident,
    summary: &Summary,
    links: &CardLinks,
    latest_only: bool,
    lang: Lang,
    when: &dyn Fn(DateTime<Utc>) -> (String, String),
) -> String {
    let time = |at: DateTime<Utc>| {
        let (absolute, relative) = when(at);
        format!(
            r#"<time datetime="{}">{} (<span class="relative">{}</span>)</time>"#,
            at.to_rfc3339_opts(SecondsFormat::Secs, true),
            escape(&absolute),
            escape(&relative)
        )
    };
    // Text before and after a placeholder of an interface sentence, escaped.
    let around = |msg: Msg, slot: &str| {
        let (before, after) = split_at(lang.text(msg), slot);
        (escape(before).into_owned(), escape(after).into_owned())
    };
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        r#"<article class="incident" data-testid="incident" data-incident-id="{}"><h3 class="incident-name">"#,
        escape(&incident.id)
    );
    match &links.page {
        Some(href) => {
            let _ = write!(out, r#"<a href="{}">{}</a>"#, escape(href), escape(&incident.name));
        }
        None => out.push_str(&escape(&incident.name)),
    }
    let _ = write!(
        out,
        r#"</h3><p class="incident-meta"><span class="impact impact-{}">{}</span>"#,
        escape(incident.impact.as_str()),
        escape(&impact_label_in(&incident.impact, lang))
    );
    let affected = affected_names(incident, summary);
    if !affected.is_empty() {
        let (before, after) = around(Msg::Affects, "names");
        let _ = write!(
            out,
            r#" · {before}<span data-testid="affected">{}</span>{after}"#,
            escape(&affected.join(", "))
        );
    }
    out.push_str("</p>");
    if let Some(from) = incident.scheduled_for {
        let (before, after) = around(Msg::ScheduledFrom, "start");
        let _ = write!(
            out,
            r#"<p class="schedule" data-testid="schedule">{before}{}{after}"#,
            time(from.to_utc())
        );
        if let Some(until) = incident.scheduled_until {
            let (before, after) = around(Msg::ScheduledUntil, "end");
            let _ = write!(out, "{before}{}{after}", time(until.to_utc()));
        }
        if let Some(href) = &links.calendar {
            let _ = write!(
                out,
                r#" · <a href="{}" download data-testid="event-calendar">{}</a>"#,
                escape(href),
                escape(lang.text(Msg::AddToCalendar))
            );
        }
        out.push_str("</p>");
    }
    let mut updates: Vec<_> = incident.incident_updates.iter().collect();
    updates.sort_by_key(|u| std::cmp::Reverse(u.shown_at()));
    if latest_only {
        updates.truncate(1);
    }
    let _ = write!(
        out,
        r#"<ol class="timeline" aria-label="{}">"#,
        escape(lang.text(Msg::UpdatesNewestFirst))
    );
    for update in updates {
        let _ = write!(
            out,
            r#"<li class="update" data-testid="incident-update"><p class="update-meta"><strong class="update-status">{}</strong> · {}</p>{}</li>"#,
            escape(update_status_label(&update.status, lang)),
            time(update.shown_at().to_utc()),
            markup_html(&update.body, lang)
        );
    }
    out.push_str("</ol></article>");
    out
}
