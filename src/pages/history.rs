//! `/<region>/history/` and `/<region>/history/<quarter>/`: one quarter of a region's past
//! incidents, with paging to the other quarters and filters by section, impact and words kept in
//! the address (`?section=…&impact=…&q=…`), so a filtered view can be shared. Only the index
//! of quarters and the quarter shown are downloaded; what passes the filters is decided by
//! [`beacon_core::status::history`].

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::{use_lang, Lang, Msg};
use crate::nav::use_nav;
use crate::ui::error::describe;
use crate::ui::incident::IncidentCard;
use crate::ui::time::format_date;
use beacon_core::period::Period;
use beacon_core::route::Route;
use beacon_core::status::archive::HistoryIndex;
use beacon_core::status::config::Region;
use beacon_core::status::history::{period_page, HistoryFilter, HistoryMonth};
use beacon_core::status::model::{Impact, Incident, IncidentHistory, Summary};
use beacon_core::status::overall::sections;
use beacon_core::words::impact_label_in;

/// One quarter as downloaded: the index, the quarter shown, and its file (none when the
/// quarter has no incidents).
#[derive(Clone)]
struct LoadedPeriod {
    index: HistoryIndex,
    period: Option<Period>,
    file: Option<IncidentHistory>,
}

/// The index and, once it says the quarter has incidents, the quarter's file; the newest
/// quarter when none is named.
async fn load_period(region: Region, period: Option<Period>) -> Result<LoadedPeriod, ApiError> {
    let index = api::history_index(&region).await?;
    let period = period.or_else(|| index.newest());
    let file = match period {
        Some(period) if index.count(period) > 0 => {
            Some(api::history_period(&region, period).await?)
        }
        _ => None,
    };
    Ok(LoadedPeriod {
        index,
        period,
        file,
    })
}

/// A region's history page for `period` (the newest when `None`).
#[component]
pub fn HistoryPage(
    /// The region's current summary (open incidents and the sections' names).
    summary: Summary,
    /// The region.
    region: Region,
    /// The quarter the address names.
    period: Option<Period>,
) -> impl IntoView {
    let locale = use_lang();
    let loaded = LocalResource::new({
        let region = region.clone();
        move || load_period(region.clone(), period)
    });
    let region_id = region.id.clone();
    let filters = view! { <HistoryFilters summary=summary.clone() region=region.clone() /> };
    let page = move || {
        let loaded = loaded.get();
        if loaded.is_some() {
            // The quarter (or what kept it away) is on the page: it replaces the snapshot.
            crate::handover::show_live();
        }
        match loaded {
        None => view! { <p class="loading" role="status">{move || locale.t(Msg::LoadingHistory)}</p> }
            .into_any(),
        Some(Err(error)) => view! {
            <div class="notice error" role="alert" data-testid="load-error">
                <strong>{move || locale.t(Msg::UnreadableNoData)}</strong>
                {move || describe(&error, locale.get())}
            </div>
        }
        .into_any(),
        Some(Ok(LoadedPeriod { period: None, .. })) => {
            view! { <p data-testid="history-empty">{move || locale.t(Msg::NoIncidentsReported)}</p> }
                .into_any()
        }
        Some(Ok(LoadedPeriod {
            index,
            period: Some(period),
            file,
        })) => view! {
            <PeriodView summary=summary.clone() region=region_id.clone() index period file />
        }
        .into_any(),
    }
    };
    view! {
        <h2 class="page-subtitle">{move || locale.t(Msg::IncidentHistory)}</h2>
        {filters}
        {page}
    }
}

/// The quarter's heading with paging, its incidents by month as the filters allow, and the
/// list of every quarter.
#[component]
fn PeriodView(
    summary: Summary,
    region: String,
    index: HistoryIndex,
    period: Period,
    file: Option<IncidentHistory>,
) -> impl IntoView {
    let locale = use_lang();
    let nav = use_nav();
    let route = |period: Period| Route::HistoryPeriod {
        region: region.clone(),
        period,
    };
    let (older, newer) = index.neighbours(period);
    let older = older.map(|older| {
        let href = nav.href_keeping_query(&route(older));
        view! {
            <a href=href rel="prev" data-testid="older-period">
                "← " {move || locale.t(Msg::OlderPeriod)} " (" {move || quarter_name(older, locale.get())} ")"
            </a>
        }
    });
    let newer = newer.map(|newer| {
        let href = nav.href_keeping_query(&route(newer));
        view! {
            <a href=href rel="next" data-testid="newer-period">
                {move || locale.t(Msg::NewerPeriod)} " (" {move || quarter_name(newer, locale.get())} ") →"
            </a>
        }
    });
    let periods = index
        .periods
        .iter()
        .map(|entry| {
            let (other, count) = (entry.period, entry.incidents);
            let href = nav.href_keeping_query(&route(other));
            let current = (other == period).then_some("page");
            view! {
                <li>
                    <a href=href aria-current=current>{move || quarter_name(other, locale.get())}</a>
                    " · "
                    {move || locale.get().count(count, Msg::IncidentsOne, Msg::IncidentsOther)}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let file = file.unwrap_or_else(|| IncidentHistory {
        page: summary.page.clone(),
        incidents: Vec::new(),
    });
    let list = move || {
        let filter = current_filter();
        let months = period_page(&summary, &file, period, &filter);
        if months.is_empty() {
            let (message, testid) = if filter.is_empty() {
                (Msg::NoIncidentsInPeriod, "history-empty")
            } else {
                (Msg::NoIncidentsMatch, "history-no-match")
            };
            return view! { <p class="notice" role="status" data-testid=testid>{move || locale.t(message)}</p> }
                .into_any();
        }
        months
            .into_iter()
            .map(|HistoryMonth { month, incidents }| {
                let heading = move || month_heading(month, locale.get());
                let cards = incidents
                    .into_iter()
                    .cloned()
                    .map(|incident: Incident| {
                        view! {
                            <IncidentCard incident summary=summary.clone() region=region.clone()
                                link=true latest_only=true />
                        }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <section class="month" data-testid="history-month">
                        <h3>{heading}</h3>
                        {cards}
                    </section>
                }
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    view! {
        <nav class="history-paging" aria-label=move || locale.t(Msg::HistoryPeriods) data-testid="history-paging">
            <span>{older}</span>
            <h3 data-testid="history-period" data-period=period.to_string()>
                {move || quarter_name(period, locale.get())}
            </h3>
            <span>{newer}</span>
        </nav>
        {list}
        <details class="history-periods">
            <summary>{move || locale.t(Msg::HistoryPeriods)}</summary>
            <ul data-testid="period-list">{periods}</ul>
        </details>
    }
}

/// The filter the address holds.
fn current_filter() -> HistoryFilter {
    let nav = use_nav();
    HistoryFilter::from_query(
        nav.query_param("section").as_deref(),
        nav.query_param("impact").as_deref(),
        nav.query_param("q").as_deref(),
    )
}

/// The impacts a visitor can narrow the history to, worst first.
const IMPACTS: [Impact; 5] = [
    Impact::Critical,
    Impact::Major,
    Impact::Minor,
    Impact::None,
    Impact::Maintenance,
];

/// The section and impact choices and the search box; each change rewrites the address.
#[component]
fn HistoryFilters(summary: Summary, region: Region) -> impl IntoView {
    let locale = use_lang();
    let nav = use_nav();
    let set = move |name: &'static str, value: String| {
        nav.set_query_param(name, (!value.trim().is_empty()).then_some(value.as_str()));
    };
    let sections = sections(&summary, &region.component_order)
        .into_iter()
        .map(|section| (section.component.id, section.component.name))
        .collect::<Vec<_>>();
    let section_options = move || {
        let chosen = nav.query_param("section");
        sections
            .iter()
            .map(|(id, name)| {
                view! {
                    <option value=id.clone() selected=chosen.as_deref() == Some(id.as_str())>{name.clone()}</option>
                }
            })
            .collect::<Vec<_>>()
    };
    let impact_options = move || {
        let chosen = nav.query_param("impact");
        let lang = locale.get();
        IMPACTS
            .iter()
            .map(|impact| {
                let value = impact.as_str().to_string();
                let selected = chosen.as_deref() == Some(value.as_str());
                view! { <option value=value selected=selected>{impact_label_in(impact, lang)}</option> }
            })
            .collect::<Vec<_>>()
    };
    let shown_all = move || current_filter().is_empty();
    view! {
        <form class="history-filters" role="search" data-testid="history-filters"
            on:submit=|event| event.prevent_default()>
            <label>
                {move || locale.t(Msg::FilterSection)}
                <select data-testid="filter-section"
                    on:change=move |event| set("section", event_target_value(&event))>
                    <option value="" selected=move || nav.query_param("section").is_none()>
                        {move || locale.t(Msg::FilterEverything)}
                    </option>
                    {section_options}
                </select>
            </label>
            <label>
                {move || locale.t(Msg::FilterImpact)}
                <select data-testid="filter-impact"
                    on:change=move |event| set("impact", event_target_value(&event))>
                    <option value="" selected=move || nav.query_param("impact").is_none()>
                        {move || locale.t(Msg::FilterEverything)}
                    </option>
                    {impact_options}
                </select>
            </label>
            <label>
                {move || locale.t(Msg::SearchHistory)}
                <input type="search" data-testid="filter-search"
                    prop:value=move || nav.query_param("q").unwrap_or_default()
                    on:input=move |event| set("q", event_target_value(&event)) />
            </label>
            {move || (!shown_all()).then(|| view! {
                <button type="button" data-testid="filter-clear" on:click=move |_| {
                    for name in ["section", "impact", "q"] {
                        nav.set_query_param(name, None);
                    }
                }>{move || locale.t(Msg::ShowAll)}</button>
            })}
        </form>
    }
}

/// A quarter in the interface language ("Q3 2026").
pub fn quarter_name(period: Period, lang: Lang) -> String {
    lang.fill(
        Msg::HistoryQuarter,
        &[
            ("quarter", &period.quarter().to_string()),
            ("year", &period.year().to_string()),
        ],
    )
}

/// A month of the history ("November 2026"), in the interface language.
fn month_heading(date: chrono::NaiveDate, lang: Lang) -> String {
    if lang == Lang::English {
        beacon_core::dates::english_month(date)
    } else {
        format_date(date, lang, &[("month", "long"), ("year", "numeric")])
    }
}

/// An incident older than the recent history, looked up quarter by quarter, newest first;
/// `None` when no quarter has it.
pub async fn older_incident(region: Region, id: String) -> Result<Option<Incident>, ApiError> {
    let index = api::history_index(&region).await?;
    for entry in &index.periods {
        let file = api::history_period(&region, entry.period).await?;
        if let Some(found) = file
            .incidents
            .into_iter()
            .find(|incident| incident.id == id)
        {
            return Ok(Some(found));
        }
    }
    Ok(None)
}
