//! A region's status page: the overall banner, the components with their current status, and
//! the loading and error states. Data is polled; a failed poll keeps the last good data on
//! screen and says what went wrong.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::{self, ApiError, Polled};
use crate::i18n::{split_at, use_lang, Msg};
use crate::pages::history::{older_incident, HistoryPage};
use crate::pages::not_found::NotFoundPage;
use crate::site::use_site;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::nav::use_nav;
use crate::ui::clock::{use_clock, Clock, When, ZoneSwitch};
use crate::ui::error::describe;
use crate::ui::incident::IncidentCard;
use crate::ui::status::StatusLabel;
use crate::ui::subscribe::GetUpdates;
use crate::ui::uptime::UptimeStrip;
use beacon_browser as web;
use beacon_core::period::Period;
use beacon_core::route::Route;
use beacon_core::status::config::{Region, Subscriptions};
use beacon_core::status::freshness::data_changed_at;
use beacon_core::status::history::find_incident;
use beacon_core::status::maintenance::{on_the_clock, transitions_due};
use beacon_core::status::model::{Incident, IncidentHistory, Summary};
use beacon_core::status::overall::{self, Section};
use beacon_core::status::poll::{
    history_due, is_stale, next_poll_delay, strips_refresh, FileVersion,
};
use beacon_core::status::uptime::PageUptime;
use beacon_core::words::{indicator_look, indicator_words};

/// How often a hidden page looks whether it is shown again (no request is made meanwhile).
const VISIBILITY_CHECK: Duration = Duration::from_secs(1);

/// Local-storage key of the region the visitor chose last; `/` opens it.
pub const REMEMBERED_REGION: &str = "beacon.region";

/// Which part of a region's pages is shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum RegionView {
    /// Current status, incidents, maintenance and uptime.
    #[default]
    Overview,
    /// Past incidents of one quarter (the newest when `None`).
    History(Option<Period>),
    /// One incident or maintenance by id.
    Incident(String),
}

/// `/<region>` and its sub-pages, or not-found for a region the site does not have.
#[component]
pub fn RegionPage(
    /// The region id from the URL.
    region: String,
    /// Which sub-page to show.
    view: RegionView,
) -> impl IntoView {
    let site = use_site();
    let locale = use_lang();
    move || match site.config() {
        None => view! { <p class="loading" role="status">{move || locale.t(Msg::Loading)}</p> }
            .into_any(),
        Some(Err(error)) => view! { <SiteProblem error /> }.into_any(),
        Some(Ok(config)) => match config.region(&region) {
            None => view! { <NotFoundPage path=format!("/{region}") /> }.into_any(),
            Some(found) => {
                web::remember(REMEMBERED_REGION, &found.id);
                let poll_seconds = config.poll_interval_seconds;
                // "Get updates": the sign-up settings for the region's dialog.
                let subscriptions = config.subscriptions.clone();
                view! {
                    <RegionStatus region=found.clone() poll_seconds view=view.clone() subscriptions />
                }
                .into_any()
            }
        },
    }
}

/// The site configuration could not be loaded: say which file and why.
#[component]
pub fn SiteProblem(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    let locale = use_lang();
    crate::handover::show_live();
    view! {
        <div class="notice error" role="alert" data-testid="site-error">
            <strong>{move || locale.t(Msg::SiteMisconfigured)}</strong>
            {move || describe(&error, locale.get())}
        </div>
    }
}

/// Loads and polls one region's summary and history, and shows the chosen sub-page. A failed
/// poll keeps the last good data on screen with a warning naming the file and the reason.
#[component]
pub fn RegionStatus(
    /// The region to show.
    region: Region,
    /// Seconds between refreshes.
    poll_seconds: u32,
    /// Which sub-page to show.
    #[prop(optional)]
    view: RegionView,
    /// How visitors sign up for e-mail and webhook updates ("Get updates").
    #[prop(optional)]
    subscriptions: Subscriptions,
) -> impl IntoView {
    let locale = use_lang();
    let summary = RwSignal::new(None::<Summary>);
    let history = RwSignal::new(None::<IncidentHistory>);
    let error = RwSignal::new(None::<ApiError>);
    let updated_at = RwSignal::new(None::<DateTime<Utc>>);
    let clock = Clock::provide(&region);
    let stored_region = StoredValue::new(region.clone());
    // The versions of the two files on screen: a poll that finds the same version again reads
    // nothing, parses nothing and changes no signal (but the time of the check).
    let summary_shown = StoredValue::new(FileVersion::default());
    let history_shown = StoredValue::new(FileVersion::default());
    // One poll at a time: the next is scheduled only when the last has landed, so an older
    // response can never replace a newer one. Paused while the tab is hidden, spread out so
    // pages do not poll in step, and backing off while the host fails. The history is asked
    // for when it is due ([`history_due`]): with the summary while none is shown or the
    // summary changed, else every few polls.
    let poll = move |polls_without_history: u32| async move {
        let region = stored_region.get_value();
        let load_summary = async {
            let polled = api::region_summary(&region, &summary_shown.get_value()).await?;
            let changed = matches!(polled, Polled::Changed(..));
            show(summary, summary_shown, polled);
            updated_at.try_set(Some(web::now()));
            Ok::<bool, ApiError>(changed)
        };
        let load_history = async {
            let polled = api::region_history(&region, &history_shown.get_value()).await?;
            show(history, history_shown, polled);
            Ok::<(), ApiError>(())
        };
        let history_shown_yet = history.with_untracked(Option::is_some);
        let (summary_loaded, history_loaded) =
            if history_due(polls_without_history, !history_shown_yet) {
                // Each file is shown as soon as it is read: the page does not wait for the
                // (much larger) history before showing the current status.
                let (summary_loaded, history_loaded) = futures::join!(load_summary, load_history);
                (summary_loaded.map(|_| ()), Some(history_loaded))
            } else {
                match load_summary.await {
                    Ok(true) => (Ok(()), Some(load_history.await)),
                    Ok(false) => (Ok(()), None),
                    Err(failure) => (Err(failure), None),
                }
            };
        let history_read = matches!(history_loaded, Some(Ok(())));
        let failure = summary_loaded.and(history_loaded.unwrap_or(Ok(()))).err();
        let ok = failure.is_none();
        error.try_set(failure);
        (ok, history_read)
    };
    let mounted = Arc::new(AtomicBool::new(true));
    {
        let mounted = Arc::clone(&mounted);
        on_cleanup(move || mounted.store(false, Ordering::Relaxed));
    }
    // A history page hands over itself, once its quarter is on the page.
    let page_hands_over = matches!(view, RegionView::History(_));
    leptos::task::spawn_local(async move {
        let mut failures = 0u32;
        let mut polls_without_history = 0u32;
        while mounted.load(Ordering::Relaxed) {
            let (ok, history_read) = poll(polls_without_history).await;
            failures = if ok { 0 } else { failures.saturating_add(1) };
            polls_without_history = if history_read {
                0
            } else {
                polls_without_history.saturating_add(1)
            };
            // The first poll's data (or its failure) is on the page: it replaces the snapshot.
            if !ok || !page_hands_over {
                crate::handover::show_live();
            }
            web::sleep(next_poll_delay(poll_seconds, failures, web::random())).await;
            while web::page_hidden() && mounted.load(Ordering::Relaxed) {
                web::sleep(VISIBILITY_CHECK).await;
            }
        }
    });

    let heading = region.name.clone();
    // Redraw when the clock starts or completes a maintenance window by itself, not on every
    // tick of the clock.
    let due = Memo::new(move |_| {
        let now = clock.now.get();
        summary.with(|s| s.as_ref().map_or(0, |s| transitions_due(s, now)))
    });
    let body = move || {
        // Read, not only tracked: a memo nobody reads never computes, so it would never learn
        // of the clock.
        let _transitions_due = due.get();
        let Some(current) = summary.get() else {
            return if error.with(Option::is_none) {
                view! {
                    <p class="loading" role="status">{move || locale.t(Msg::LoadingCurrentStatus)}</p>
                }
                .into_any()
            } else {
                ().into_any()
            };
        };
        let current = on_the_clock(&current, clock.now.get_untracked());
        let region = stored_region.get_value();
        match &view {
            // The overview reads the history for its strips only, and redraws just those.
            RegionView::Overview => view! {
                <Overview summary=current history poll_seconds region />
            }
            .into_any(),
            RegionView::History(period) => {
                view! { <HistoryPage summary=current region period=*period /> }.into_any()
            }
            RegionView::Incident(id) => view! {
                <IncidentPage summary=current history=history.get() region id=id.clone() />
            }
            .into_any(),
        }
    };
    view! {
        <div class="region-header">
            <div>
                <h1 data-testid="region-name">{heading}</h1>
                <p class="lede">{region.countries.clone()}</p>
            </div>
            // "Get updates": fed the polled data so notifications fire on change.
            <GetUpdates region=region.clone() subscriptions summary history />
            <ZoneSwitch />
        </div>
        {move || error.get().map(|failure| view! { <LoadProblem failure has_data=summary.with(Option::is_some) /> })}
        {body}
        // Two different times: when the data last changed (the operator's doing) and when this
        // page last checked for news (the poll's); a failed poll says since when it could not.
        {move || updated_at.get().map(|checked| {
            let stale = is_stale(checked, clock.now.get(), poll_seconds);
            let changed = summary.with(|s| s.as_ref().and_then(data_changed_at));
            let failing = error.with(Option::is_some);
            let seconds = poll_seconds.to_string();
            let sentence = move |msg: Msg, at: DateTime<Utc>, testid: &'static str| {
                let seconds = seconds.clone();
                let before = move || split_at(locale.t(msg), "when").0;
                let after = move || {
                    crate::i18n::fill(split_at(locale.t(msg), "when").1, &[("seconds", &seconds)])
                };
                view! { <span data-testid=testid>{before} <When at /> {after}</span> }
            };
            view! {
                <p class=if stale || failing { "notice warning" } else { "lede" } data-testid="last-updated">
                    {move || if stale { locale.t(Msg::MayBeOutOfDate) } else { "" }}
                    {changed.map(|at| view! { {sentence(Msg::LastUpdated, at, "data-changed")} " " })}
                    {if failing {
                        sentence(Msg::NotCheckedSince, checked, "not-checked-since")
                    } else {
                        sentence(Msg::CheckedAt, checked, "checked")
                    }}
                </p>
            }
        })}
    }
}

/// Shows what a poll found: a new version goes into `signal` (unless it holds the same data
/// already, a file written again unchanged) and becomes the version `shown`; an unchanged one
/// touches no signal, so nothing is redrawn.
fn show<T: PartialEq + Send + Sync + 'static>(
    signal: RwSignal<Option<T>>,
    shown: StoredValue<FileVersion>,
    polled: Polled<T>,
) {
    let Polled::Changed(fresh, version) = polled else {
        return;
    };
    signal.try_maybe_update(|current| {
        let changed = current.as_ref() != Some(&fresh);
        if changed {
            *current = Some(fresh);
        }
        (changed, ())
    });
    shown.try_set_value(version);
}

/// A failed load: with data on screen, a warning that it may be out of date; without, an error.
#[component]
fn LoadProblem(failure: ApiError, has_data: bool) -> impl IntoView {
    let (class, lead) = match (has_data, failure.is_network()) {
        (true, true) => ("notice warning", Msg::OfflineWithData),
        (true, false) => ("notice warning", Msg::UnreadableWithData),
        (false, true) => ("notice error", Msg::OfflineNoData),
        (false, false) => ("notice error", Msg::UnreadableNoData),
    };
    let locale = use_lang();
    view! {
        <div class=class role="alert" data-testid="load-error">
            <strong>{move || locale.t(lead)}</strong>
            {move || describe(&failure, locale.get())}
        </div>
    }
}

/// The banner and the sections of one summary, as of `now`.
#[component]
pub fn SummaryView(
    /// The region's current summary.
    summary: Summary,
    /// The region, for its component order.
    region: Region,
    /// The instant the banner is derived for.
    now: DateTime<Utc>,
    /// The uptime strips (none: no strips; `None` inside: not computed yet).
    #[prop(optional)]
    strips: Option<Signal<Option<Arc<PageUptime>>>>,
) -> impl IntoView {
    let locale = use_lang();
    let banner = overall::overall_status(&summary, now);
    let banner_indicator = banner.indicator.clone();
    let (class, icon) = indicator_look(&banner.indicator);
    let rows = overall::sections(&summary, &region.component_order)
        .into_iter()
        .map(|section| view! { <SectionRow section strips region=region.id.clone() /> })
        .collect::<Vec<_>>();
    view! {
        <div class=format!("banner {class}") data-testid="overall-status"
             data-indicator=banner.indicator.as_str().to_string()>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            <span>{move || indicator_words(&banner_indicator, locale.get())}</span>
        </div>
        <h2>{move || locale.t(Msg::Components)}</h2>
        <ul class="components" data-testid="components">{rows}</ul>
    }
}

/// Everything a customer needs at a glance: banner, incidents, maintenance, components with
/// their 90-day uptime. The strips appear once the history is read and are worked out again
/// when it changes and as time passes (today counts up to now) by the page clock
/// ([`strips_refresh`]), not on polls: a poll that brings nothing new costs them nothing. A
/// strip is redrawn only when what it shows changes.
#[component]
fn Overview(
    summary: Summary,
    history: RwSignal<Option<IncidentHistory>>,
    /// Seconds between polls: how often the strips follow the clock while something is under
    /// way.
    poll_seconds: u32,
    region: Region,
) -> impl IntoView {
    let clock = use_clock();
    let now = clock.now.get_untracked();
    let overall_now = overall::overall_status(&summary, now);
    let under_way = !overall_now.active_incidents.is_empty()
        || !overall_now.maintenances_in_progress.is_empty();
    let refresh = strips_refresh(poll_seconds, under_way).as_secs().max(1) as i64;
    let period = Memo::new(move |_| clock.now.get().timestamp().div_euclid(refresh));
    let strips = {
        let summary = summary.clone();
        Memo::new(move |_| {
            period.track();
            history.with(|history| {
                let now = clock.now.get_untracked();
                Some(Arc::new(PageUptime::compute(
                    &summary,
                    history.as_ref()?,
                    now,
                    UPTIME_DAYS,
                )))
            })
        })
    };
    let nav = use_nav();
    let locale = use_lang();
    let cards = |list: Vec<Incident>, latest_only: bool| {
        list.into_iter()
            .map(|incident| {
                view! {
                    <IncidentCard incident summary=summary.clone() region=region.id.clone()
                        link=true latest_only />
                }
            })
            .collect::<Vec<_>>()
    };
    let active = cards(overall_now.active_incidents.clone(), false);
    let in_progress = cards(overall_now.maintenances_in_progress.clone(), false);
    let upcoming = cards(overall_now.upcoming_maintenances.clone(), true);
    let overdue = cards(overall_now.overdue_maintenances.clone(), true);
    let history_href = nav.href_keeping_query(&Route::History(region.id.clone()));
    view! {
        <SummaryView summary=summary.clone() region=region.clone() now strips=strips.into() />
        {(!active.is_empty()).then(|| view! {
            <section aria-labelledby="active-incidents" data-testid="active-incidents">
                <h2 id="active-incidents">{move || locale.t(Msg::ActiveIncidents)}</h2>
                {active}
            </section>
        })}
        {(!in_progress.is_empty()).then(|| view! {
            <section aria-labelledby="maintenance-now" data-testid="maintenance-in-progress">
                <h2 id="maintenance-now">{move || locale.t(Msg::MaintenanceInProgress)}</h2>
                {in_progress}
            </section>
        })}
        {(!overdue.is_empty()).then(|| view! {
            <section aria-labelledby="maintenance-overdue" data-testid="maintenance-overdue">
                <h2 id="maintenance-overdue">{move || locale.t(Msg::MaintenanceOverdue)}</h2>
                {overdue}
            </section>
        })}
        {(!upcoming.is_empty()).then(|| view! {
            <section aria-labelledby="maintenance-upcoming" data-testid="maintenance-upcoming">
                <h2 id="maintenance-upcoming">{move || locale.t(Msg::UpcomingMaintenance)}</h2>
                {upcoming}
            </section>
        })}
        <p class="uptime-rule">
            {move || locale.t(Msg::UptimeRule)}
            <a href=history_href data-testid="history-link">{move || locale.t(Msg::IncidentHistory)}</a>
        </p>
    }
}

/// Days shown in the uptime strips.
pub const UPTIME_DAYS: u32 = 90;

/// `/<region>/incidents/<id>`: one incident with its whole timeline.
#[component]
fn IncidentPage(
    summary: Summary,
    history: Option<IncidentHistory>,
    region: Region,
    id: String,
) -> impl IntoView {
    let found = find_incident(&summary, history.as_ref(), &id).cloned();
    match found {
        Some(incident) => view! {
            <IncidentCard incident summary region=region.id.clone() />
        }
        .into_any(),
        None if history.is_none() => {
            let locale = use_lang();
            view! { <p class="loading" role="status">{move || locale.t(Msg::Loading)}</p> }
                .into_any()
        }
        // Older than the recent history: looked up in the history's quarters.
        None => view! { <OlderIncident summary region id /> }.into_any(),
    }
}

/// An incident older than the recent history, found in its quarter's file; not-found when no
/// quarter has it.
#[component]
fn OlderIncident(summary: Summary, region: Region, id: String) -> impl IntoView {
    let locale = use_lang();
    let found = LocalResource::new({
        let (region, id) = (region.clone(), id.clone());
        move || older_incident(region.clone(), id.clone())
    });
    move || match found.get() {
        None => view! { <p class="loading" role="status">{move || locale.t(Msg::Loading)}</p> }
            .into_any(),
        Some(Ok(Some(incident))) => view! {
            <IncidentCard incident summary=summary.clone() region=region.id.clone() />
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <NotFoundPage path=format!("/{}/incidents/{id}", region.id) />
        }
        .into_any(),
        Some(Err(failure)) => view! { <LoadProblem failure has_data=true /> }.into_any(),
    }
}

/// One section (a component, or a group with its members) with its status and uptime strip.
#[component]
fn SectionRow(
    section: Section,
    strips: Option<Signal<Option<Arc<PageUptime>>>>,
    region: String,
) -> impl IntoView {
    let Section {
        component,
        status,
        members,
    } = section;
    let description = component.description.clone().filter(|d| !d.is_empty());
    let members_count = members.len();
    let name = component.name.clone();
    let locale = use_lang();
    let strip = strips.map(|strips| {
        let id = component.id.clone();
        let shown = Memo::new({
            let id = id.clone();
            move |_| {
                strips.with(|all| {
                    all.as_ref()
                        .is_some_and(|all| all.by_component.contains_key(&id))
                })
            }
        });
        let uptime = Signal::derive(move || {
            strips.with(|all| {
                all.as_ref()
                    .and_then(|all| all.by_component.get(&id).cloned())
            })
        });
        let names = Signal::derive(move || {
            strips.with(|all| {
                all.as_ref()
                    .map(|all| Arc::clone(&all.incident_names))
                    .unwrap_or_default()
            })
        });
        move || {
            shown.get().then(|| {
                view! { <UptimeStrip name=name.clone() uptime names region=region.clone() /> }
            })
        }
    });
    view! {
        <li data-testid="component" data-component-id=component.id.clone()>
            <div class="component-row">
                <span class="component-name">{component.name.clone()}</span>
                <StatusLabel status />
                {description.map(|d| view! { <p class="component-description">{d}</p> })}
            </div>
            {strip}
            {(!members.is_empty()).then(|| view! {
                <details class="group-members">
                    <summary>
                        {move || locale.get().count(members_count, Msg::GroupMembersOne, Msg::GroupMembersOther)}
                    </summary>
                    <ul>
                        {members.into_iter().map(|member| view! {
                            <li class="component-row" data-testid="member" data-component-id=member.id.clone()>
                                <span>{member.name.clone()}</span>
                                <StatusLabel status=member.status.clone() />
                            </li>
                        }).collect::<Vec<_>>()}
                    </ul>
                </details>
            })}
        </li>
    }
}
