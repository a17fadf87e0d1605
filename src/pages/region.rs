//! A region's status page: the overall banner, the components with their current status, and
//! the loading and error states. Data is polled; a failed poll keeps the last good data on
//! screen and says what went wrong.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::use_site;
use crate::pages::not_found::NotFoundPage;
use crate::status::config::Region;
use crate::status::model::{ComponentStatus, Indicator, Summary};
use crate::status::overall::{self, Section};
use crate::ui::status::{status_look, StatusLabel};
use crate::web;

/// Local-storage key of the region the visitor chose last; `/` opens it.
pub const REMEMBERED_REGION: &str = "beacon.region";

/// `/<region>`: the region's status page, or not-found for a region the site does not have.
#[component]
pub fn RegionPage(
    /// The region id from the URL.
    region: String,
) -> impl IntoView {
    let site = use_site();
    move || match site.config() {
        None => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <SiteProblem error /> }.into_any(),
        Some(Ok(config)) => match config.region(&region) {
            None => view! { <NotFoundPage path=format!("/{region}") /> }.into_any(),
            Some(found) => {
                web::remember(REMEMBERED_REGION, &found.id);
                let poll_seconds = config.poll_interval_seconds;
                view! { <RegionStatus region=found.clone() poll_seconds /> }.into_any()
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
    view! {
        <div class="notice error" role="alert" data-testid="site-error">
            <strong>"This status site is misconfigured. "</strong>
            {error.to_string()}
        </div>
    }
}

/// Loads and polls one region's summary and shows it.
#[component]
pub fn RegionStatus(
    /// The region to show.
    region: Region,
    /// Seconds between refreshes.
    poll_seconds: u32,
) -> impl IntoView {
    let summary = RwSignal::new(None::<Summary>);
    let error = RwSignal::new(None::<ApiError>);
    let updated_at = RwSignal::new(None::<DateTime<Utc>>);
    let stored_region = StoredValue::new(region.clone());
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let result = api::region_summary(&stored_region.get_value()).await;
            match result {
                Ok(fresh) => {
                    summary.try_set(Some(fresh));
                    error.try_set(None);
                    updated_at.try_set(Some(web::now()));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };
    refresh();
    if let Ok(handle) =
        set_interval_with_handle(refresh, Duration::from_secs(u64::from(poll_seconds.max(5))))
    {
        on_cleanup(move || handle.clear());
    }

    let heading = region.name.clone();
    view! {
        <h1 data-testid="region-name">{heading}</h1>
        <p class="lede">{region.countries.clone()}</p>
        {move || error.get().map(|failure| view! { <LoadProblem failure has_data=summary.with(Option::is_some) /> })}
        {move || match summary.get() {
            None if error.with(Option::is_none) => {
                view! { <p class="loading" role="status">"Loading current status…"</p> }.into_any()
            }
            None => ().into_any(),
            Some(summary) => view! { <SummaryView summary region=stored_region.get_value() now=web::now() /> }.into_any(),
        }}
        {move || updated_at.get().map(|at| view! {
            <p class="lede" data-testid="last-updated">
                "Last updated " <time datetime=at.to_rfc3339()>{at.format("%H:%M:%S UTC").to_string()}</time>
            </p>
        })}
    }
}

/// A failed load: with data on screen, a warning that it may be out of date; without, an error.
#[component]
fn LoadProblem(failure: ApiError, has_data: bool) -> impl IntoView {
    let (class, lead) = match (has_data, failure.is_network()) {
        (true, true) => (
            "notice warning",
            "You seem to be offline; showing the last status we received. ",
        ),
        (true, false) => (
            "notice warning",
            "The latest status data could not be read; showing the last good data. ",
        ),
        (false, true) => (
            "notice error",
            "The status could not be loaded: the network is unreachable. ",
        ),
        (false, false) => (
            "notice error",
            "The status data for this region could not be read. ",
        ),
    };
    view! {
        <div class=class role="alert" data-testid="load-error">
            <strong>{lead}</strong>
            {failure.to_string()}
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
) -> impl IntoView {
    let banner = overall::overall_status(&summary, now);
    let (class, icon) = indicator_look(&banner.indicator);
    let rows = overall::sections(&summary, &region.component_order)
        .into_iter()
        .map(|section| view! { <SectionRow section /> })
        .collect::<Vec<_>>();
    view! {
        <div class=format!("banner {class}") data-testid="overall-status"
             data-indicator=banner.indicator.as_str().to_string()>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            <span>{banner.indicator.label()}</span>
        </div>
        <h2>"Components"</h2>
        <ul class="components" data-testid="components">{rows}</ul>
    }
}

/// The colour class and icon of the overall banner (the same shapes as component statuses).
fn indicator_look(indicator: &Indicator) -> (&'static str, &'static str) {
    let status = match indicator {
        Indicator::None => ComponentStatus::Operational,
        Indicator::Minor => ComponentStatus::DegradedPerformance,
        Indicator::Major => ComponentStatus::PartialOutage,
        Indicator::Critical => ComponentStatus::MajorOutage,
        Indicator::Maintenance => ComponentStatus::UnderMaintenance,
        Indicator::Unknown(raw) => ComponentStatus::Unknown(raw.clone()),
    };
    status_look(&status)
}

/// One section (a component, or a group with its members) with its status.
#[component]
fn SectionRow(section: Section) -> impl IntoView {
    let Section {
        component,
        status,
        members,
    } = section;
    let description = component.description.clone().filter(|d| !d.is_empty());
    view! {
        <li data-testid="component" data-component-id=component.id.clone()>
            <div class="component-row">
                <span class="component-name">{component.name.clone()}</span>
                <StatusLabel status />
                {description.map(|d| view! { <p class="component-description">{d}</p> })}
            </div>
            {(!members.is_empty()).then(|| view! {
                <details class="group-members">
                    <summary>{format!("{} components", members.len())}</summary>
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
