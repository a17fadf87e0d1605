//! An incident or maintenance: name, impact, affected components, schedule, and its update
//! timeline with formatted bodies.

use leptos::prelude::*;

use crate::i18n::{split_at, use_lang, Lang, Msg};
use crate::nav::use_nav;
use crate::ui::clock::{use_clock, When};
use crate::ui::markup::Markup;
use beacon_core::route::Route;
use beacon_core::status::bounds::updates_shown;
use beacon_core::status::freshness::{last_news_at, update_overdue, DEFAULT_STALE_UPDATE_HOURS};
use beacon_core::status::model::{Incident, Summary};
use beacon_core::words::{
    affected_names, impact_label_in, status_changes, status_word, update_status_label,
};

/// One incident with its update timeline and, on its own page, its postmortem: the newest
/// [`UPDATES_SHOWN`](beacon_core::status::bounds::UPDATES_SHOWN) updates, and a button for the
/// older ones.
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
    // Whether the visitor asked for the updates beyond the first few; kept across languages.
    let expanded = RwSignal::new(false);
    // Written again in a new language or when the older updates are asked for.
    move || {
        incident_card(
            &incident,
            &summary,
            region.clone(),
            link,
            if latest_only {
                Updates::Latest
            } else {
                Updates::Timeline(expanded)
            },
            locale.get(),
        )
    }
}

/// Which updates a card shows.
#[derive(Clone, Copy)]
enum Updates {
    /// Only the latest (for lists).
    Latest,
    /// The newest [`UPDATES_SHOWN`](beacon_core::status::bounds::UPDATES_SHOWN), then the rest
    /// once the signal is set.
    Timeline(RwSignal<bool>),
}

/// The card's elements in `lang`.
fn incident_card(
    incident: &Incident,
    summary: &Summary,
    region: String,
    link: bool,
    shown: Updates,
    lang: Lang,
) -> impl IntoView {
    let nav = use_nav();
    let calendar = incident.is_maintenance().then(|| {
        beacon_core::layout::PublishedLinks::new(&crate::ui::subscribe::site_root(), &region)
            .event_calendar(&incident.id)
    });
    let href = nav.href_keeping_query(&Route::Incident {
        region,
        id: incident.id.clone(),
    });
    let affected = affected_names(incident, summary);
    let impact_class = format!("impact impact-{}", incident.impact.as_str());
    let title = incident.name.clone();
    let heading = if link {
        view! { <a href=href>{title}</a> }.into_any()
    } else {
        title.into_any()
    };
    let schedule = incident.scheduled_for.map(|from| {
        let until = incident.scheduled_until;
        view! {
            <p class="schedule" data-testid="schedule">
                {split_at(lang.text(Msg::ScheduledFrom), "start").0} <When at=from.to_utc() />
                {split_at(lang.text(Msg::ScheduledFrom), "start").1}
                {until.map(|u| {
                    let (before, after) = split_at(lang.text(Msg::ScheduledUntil), "end");
                    view! { {before} <When at=u.to_utc() /> {after} }
                })}
                {calendar.map(|href| view! {
                    " · "
                    <a href=href download data-testid="event-calendar">{lang.text(Msg::AddToCalendar)}</a>
                })}
            </p>
        }
    });
    let mut updates = incident.incident_updates.clone();
    beacon_core::sort::sort_by_key(&mut updates, |u| std::cmp::Reverse(u.shown_at()));
    let total = updates.len();
    updates.truncate(match shown {
        Updates::Latest => 1,
        Updates::Timeline(expanded) => updates_shown(total, expanded.get()),
    });
    let earlier = match shown {
        Updates::Timeline(expanded) if updates.len() < total => {
            let count = (total - updates.len()).to_string();
            Some(view! {
                <button type="button" class="show-earlier" data-testid="show-earlier-updates"
                    on:click=move |_| expanded.set(true)>
                    {lang.fill(Msg::ShowEarlierUpdates, &[("count", &count)])}
                </button>
            })
        }
        _ => None,
    };
    let timeline = updates
        .into_iter()
        .map(|update| {
            let changes = status_changes(&update, summary)
                .into_iter()
                .map(|(name, from, to)| {
                    let text = lang.fill(
                        Msg::ComponentChanged,
                        &[
                            ("name", &name),
                            ("from", status_word(&from, lang)),
                            ("to", status_word(&to, lang)),
                        ],
                    );
                    view! { <li data-testid="component-change">{text}</li> }
                })
                .collect::<Vec<_>>();
            view! {
                <li class="update" data-testid="incident-update">
                    <p class="update-meta">
                        <strong class="update-status">{update_status_label(&update.status, lang)}</strong>
                        " · "
                        <When at=update.shown_at().to_utc() />
                    </p>
                    <Markup text=update.body.clone() />
                    {(!changes.is_empty()).then(|| view! { <ul class="component-changes">{changes}</ul> })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let overdue = {
        let clock = use_clock();
        let hours = use_context::<crate::site::Site>()
            .and_then(|site| site.config())
            .and_then(Result::ok)
            .map_or(DEFAULT_STALE_UPDATE_HOURS, |config| {
                config.stale_update_hours()
            });
        let incident = incident.clone();
        move || {
            update_overdue(&incident, clock.now.get(), hours).map(|_| {
                let (before, after) = split_at(lang.text(Msg::NoUpdateSince), "when");
                view! {
                    <p class="notice warning" role="status" data-testid="update-overdue">
                        {before} <When at=last_news_at(&incident) /> {after}
                    </p>
                }
            })
        }
    };
    // The postmortem, on the incident's own page (lists show the latest update only).
    let postmortem = match shown {
        Updates::Timeline(_) => incident.postmortem_body.clone().filter(|b| !b.trim().is_empty()),
        Updates::Latest => None,
    }
    .map(|body| {
        let published = incident.postmortem_published_at;
        view! {
            <section class="postmortem" data-testid="postmortem" aria-labelledby="postmortem-heading">
                <h4 id="postmortem-heading">{lang.text(Msg::PostmortemHeading)}</h4>
                {published.map(|at| view! { <p class="update-meta"><When at=at.to_utc() /></p> })}
                <Markup text=body />
            </section>
        }
    });
    view! {
        <article class="incident" data-testid="incident" data-incident-id=incident.id.clone()>
            <h3 class="incident-name">{heading}</h3>
            {overdue}
            <p class="incident-meta">
                <span class=impact_class>{impact_label_in(&incident.impact, lang)}</span>
                {(!affected.is_empty()).then(|| {
                    let (before, after) = split_at(lang.text(Msg::Affects), "names");
                    view! {
                        " · " {before} <span data-testid="affected">{affected.join(", ")}</span>
                        {after}
                    }
                })}
            </p>
            {schedule}
            {postmortem}
            <ol class="timeline" aria-label=lang.text(Msg::UpdatesNewestFirst)>{timeline}</ol>
            {earlier}
        </article>
    }
}
