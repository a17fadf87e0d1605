//! `/sla`: the SLA calculator. Every choice lives in the URL (see
//! [`beacon_core::sla::present::param`]), so a link reproduces the exact result. (The `/embed/sla/`
//! widget is an app of its own: `beacon_embed`.)

mod embed;
mod readings;
mod results;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::{use_lang, Msg};
use crate::nav::{use_nav, Nav};
use crate::ui::error::describe;
use beacon_browser as web;
use beacon_core::sla::policy::{Classification, IndexEntry, PolicyIndex};
use beacon_core::sla::present::{self, param, LevelPick, SlaQuery};
use beacon_core::sla::{BusinessCalendar, Policy};

pub use embed::EmbedPanel;
pub use readings::PolicyReadings;
pub use results::{PendingTimerView, SlaResults};

/// The SLA calculator page: pick a policy, plan, level, time and support centre; see the targets,
/// due times, the clock and the plans side by side.
#[component]
pub fn SlaPage() -> impl IntoView {
    let nav = use_nav();
    let query = Memo::new(move |_| SlaQuery::from_params(|name| nav.query_param(name)));
    let index = LocalResource::new(api::policy_index);
    let locale = use_lang();
    view! {
        <section class="sla" data-testid="sla-page">
            <h1>{move || locale.t(Msg::SlaCalculator)}</h1>
            <p class="lede">{move || locale.t(Msg::SlaLede)}</p>
            {move || match index.get() {
                None => view! { <p class="loading" role="status">{locale.t(Msg::LoadingPolicies)}</p> }.into_any(),
                Some(Err(error)) => view! { <PolicyProblem error /> }.into_any(),
                Some(Ok(index)) => view! { <Calculator index=Arc::new(index) query /> }.into_any(),
            }}
        </section>
    }
}

/// A policy or calendar file that could not be loaded or does not validate: which file, which
/// field and why.
#[component]
pub fn PolicyProblem(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    let locale = use_lang();
    view! {
        <div class="notice error" role="alert" data-testid="policy-error">
            <strong>{move || locale.t(Msg::PolicyUnusable)}</strong>
            {move || describe(&error, locale.get())}
        </div>
    }
}

/// The index entry the query names, else the first one.
fn entry_for(entries: &[IndexEntry], wanted: Option<&str>) -> Option<IndexEntry> {
    wanted
        .and_then(|id| entries.iter().find(|e| e.id == id))
        .or_else(|| entries.first())
        .cloned()
}

/// The calculator once the index is known: loads the chosen policy and centre and shows the
/// controls, results, pending timer and embed panel.
#[component]
fn Calculator(index: Arc<PolicyIndex>, query: Memo<SlaQuery>) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    let policies = index.policies.clone();
    let calendars = index.calendars.clone();
    let policy_entry = Memo::new({
        let policies = policies.clone();
        move |_| entry_for(&policies, query.with(|q| q.policy.clone()).as_deref())
    });
    let centre_entry = Memo::new({
        let calendars = calendars.clone();
        move |_| entry_for(&calendars, query.with(|q| q.centre.clone()).as_deref())
    });
    let policy = LocalResource::new(move || {
        let file = policy_entry.get().map(|e| e.file);
        async move {
            match file {
                Some(file) => api::policy(&file).await.map(Arc::new),
                None => Err(no_files()),
            }
        }
    });
    let centre = LocalResource::new(move || {
        let file = centre_entry.get().map(|e| e.file);
        async move {
            match file {
                Some(file) => api::calendar(&file).await.map(Arc::new),
                None => Err(no_files()),
            }
        }
    });
    let now = RwSignal::new(web::now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(web::now());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let opened = web::now();

    let choose_policy = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        for name in [
            param::PLAN,
            param::SEVERITY,
            param::URGENCY,
            param::IMPACT,
            param::OVERRIDE,
        ] {
            nav.set_query_param(name, None);
        }
        nav.set_query_param(param::POLICY, Some(&id));
    };
    let policy_options = policies
        .iter()
        .map(|entry| {
            let id = entry.id.clone();
            let selected =
                move || policy_entry.with(|e| e.as_ref().map(|e| e.id.as_str()) == Some(&id));
            view! { <option value=entry.id.clone() selected=selected>{entry.name.clone()}</option> }
        })
        .collect_view();

    view! {
        <form class="sla-controls" on:submit=|ev| ev.prevent_default()>
            <label>
                {move || locale.t(Msg::Policy)}
                <select data-testid="choose-policy" on:change=choose_policy>{policy_options}</select>
            </label>
            <CentreChoice calendars=calendars.clone() centre_entry />
        </form>
        {move || match (policy.get(), centre.get()) {
            (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <PolicyProblem error /> }.into_any(),
            (Some(Ok(policy)), Some(Ok(centre))) => {
                view! { <Loaded policy centre query now opened /> }.into_any()
            }
            _ => view! { <p class="loading" role="status">{locale.t(Msg::LoadingPolicy)}</p> }.into_any(),
        }}
    }
}

fn no_files() -> ApiError {
    ApiError::Data(beacon_core::status::error::DataError::new(
        format!("{}index.json", api::POLICIES_DIR),
        "",
        "the index lists no files",
    ))
}

/// The support-centre choice, with the time zone its times are read in.
#[component]
fn CentreChoice(
    calendars: Vec<IndexEntry>,
    centre_entry: Memo<Option<IndexEntry>>,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    let options = calendars
        .iter()
        .map(|entry| {
            let id = entry.id.clone();
            let selected =
                move || centre_entry.with(|e| e.as_ref().map(|e| e.id.as_str()) == Some(&id));
            view! { <option value=entry.id.clone() selected=selected>{entry.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <label>
            {move || locale.t(Msg::SupportCentre)}
            <select
                data-testid="choose-centre"
                on:change=move |ev| nav.set_query_param(param::CENTRE, Some(&event_target_value(&ev)))
            >
                {options}
            </select>
        </label>
    }
}

/// Controls and results for a loaded policy at a loaded support centre.
#[component]
fn Loaded(
    policy: Arc<Policy>,
    centre: Arc<BusinessCalendar>,
    query: Memo<SlaQuery>,
    now: RwSignal<DateTime<Utc>>,
    opened: DateTime<Utc>,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    let submitted = Memo::new({
        let centre = centre.clone();
        move |_| {
            query
                .with(|q| q.at.clone())
                .and_then(|at| present::parse_time(&centre, &at))
                .unwrap_or(opened)
        }
    });
    let pending_since = Memo::new({
        let centre = centre.clone();
        move |_| {
            query
                .with(|q| q.pending.clone())
                .and_then(|at| present::parse_time(&centre, &at))
                .unwrap_or_else(|| submitted.get())
        }
    });
    let time_value = {
        let centre = centre.clone();
        move || present::to_local_input(&centre, submitted.get())
    };
    let pending_value = {
        let centre = centre.clone();
        move || present::to_local_input(&centre, pending_since.get())
    };
    let use_now = {
        let centre = centre.clone();
        move |_| {
            nav.set_query_param(
                param::AT,
                Some(&present::to_local_input(&centre, web::now())),
            )
        }
    };
    let permalink = {
        let centre = centre.clone();
        move || {
            let mut q = query.get();
            q.at.get_or_insert_with(|| present::to_local_input(&centre, submitted.get()));
            format!(
                "{}{}",
                nav.href(&beacon_core::route::Route::Sla),
                present::query_string(&q.to_pairs())
            )
        }
    };
    let zone = centre.zone().to_owned();
    let has_targets = policy.classification.is_some() && !policy.plans.is_empty();
    let level_controls =
        has_targets.then(|| view! { <LevelControls policy=policy.clone() query /> });
    let results = if has_targets {
        view! {
            <SlaResults
                policy=policy.clone()
                centre=centre.clone()
                query=Signal::from(query)
                submitted=Signal::from(submitted)
                now=Signal::from(now)
            />
            <EmbedPanel policy=policy.clone() query=Signal::from(query) />
        }
        .into_any()
    } else {
        view! {
            <p class="notice" data-testid="no-targets">{move || locale.t(Msg::NoTargets)}</p>
        }
        .into_any()
    };
    let pending = policy.lifecycle.is_some().then(|| {
        let zone = zone.clone();
        view! {
            <section class="sla-pending" aria-labelledby="pending-heading">
                <h2 id="pending-heading">{move || locale.t(Msg::PendingTimer)}</h2>
                <label>
                    {move || locale.get().fill(Msg::PendingSince, &[("zone", &zone)])}
                    <input
                        type="datetime-local"
                        data-testid="pending-since"
                        prop:value=pending_value
                        on:change=move |ev| nav.set_query_param(param::PENDING, Some(&event_target_value(&ev)))
                    />
                </label>
                <PendingTimerView policy=policy.clone() centre=centre.clone() since=Signal::from(pending_since) />
            </section>
        }
    });
    let zone = centre.zone().to_owned();
    view! {
        <form class="sla-controls" on:submit=|ev| ev.prevent_default()>
            {level_controls}
            <label>
                {move || locale.get().fill(Msg::SubmittedAt, &[("zone", &zone)])}
                <input
                    type="datetime-local"
                    data-testid="submitted-at"
                    prop:value=time_value
                    on:change=move |ev| nav.set_query_param(param::AT, Some(&event_target_value(&ev)))
                />
            </label>
            <button type="button" on:click=use_now>{move || locale.t(Msg::UseCurrentTime)}</button>
        </form>
        <p class="sla-permalink">
            <a data-testid="permalink" href=permalink>{move || locale.t(Msg::LinkToResult)}</a>
        </p>
        {results}
        {pending}
        <PolicyReadings policy=policy.clone() centre=centre.clone() />
    }
}

/// Plan and level choices: a severity, or urgency and impact with the derived priority and the
/// customer's override.
#[component]
fn LevelControls(policy: Arc<Policy>, query: Memo<SlaQuery>) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    let plan = {
        let policy = policy.clone();
        Memo::new(move |_| query.with(|q| present::chosen_plan(&policy, q).map(str::to_owned)))
    };
    let pick = {
        let policy = policy.clone();
        Memo::new(move |_| query.with(|q| LevelPick::from_query(&policy, q)))
    };
    let plan_options = policy
        .plans
        .iter()
        .map(|p| {
            let id = p.id.clone();
            let selected = move || plan.with(|c| c.as_deref() == Some(id.as_str()));
            view! { <option value=p.id.clone() selected=selected>{p.name.clone()}</option> }
        })
        .collect_view();
    let level = match policy.classification.clone() {
        Some(Classification::Severities { levels, .. }) => {
            let options = levels
                .iter()
                .map(|l| {
                    let id = l.id.clone();
                    let selected =
                        move || pick.with(|p| matches!(p, Some(LevelPick::Level(c)) if *c == id));
                    view! { <option value=l.id.clone() selected=selected>{l.name.clone()}</option> }
                })
                .collect_view();
            let description = move || {
                pick.with(|p| match p {
                    Some(LevelPick::Level(id)) => levels
                        .iter()
                        .find(|l| &l.id == id)
                        .map(|l| l.description.clone()),
                    _ => None,
                })
            };
            view! {
                <label>
                    {move || locale.t(Msg::Severity)}
                    <select
                        data-testid="choose-severity"
                        on:change=move |ev| nav.set_query_param(param::SEVERITY, Some(&event_target_value(&ev)))
                    >
                        {options}
                    </select>
                </label>
                <p class="sla-level-description" data-testid="severity-description">{description}</p>
            }
            .into_any()
        }
        Some(Classification::Matrix {
            urgencies,
            impacts,
            priorities,
            cells,
            customer_override,
        }) => {
            let current = move || {
                pick.with(|p| match p {
                    Some(LevelPick::Matrix {
                        urgency,
                        impact,
                        customer_override,
                    }) => (urgency.clone(), impact.clone(), customer_override.clone()),
                    _ => Default::default(),
                })
            };
            let level_select =
                |levels: &[beacon_core::sla::policy::Level],
                 name: &'static str,
                 testid: &'static str,
                 label: Msg,
                 which: fn(&(String, String, Option<String>)) -> String| {
                    let options = levels
                    .iter()
                    .map(|l| {
                        let id = l.id.clone();
                        let selected = move || which(&current()) == id;
                        view! { <option value=l.id.clone() selected=selected>{l.name.clone()}</option> }
                    })
                    .collect_view();
                    view! {
                        <label>
                            {move || locale.t(label)}
                            <select data-testid=testid on:change=move |ev| nav.set_query_param(name, Some(&event_target_value(&ev)))>
                                {options}
                            </select>
                        </label>
                    }
                };
            let urgency = level_select(
                &urgencies,
                param::URGENCY,
                "choose-urgency",
                Msg::Urgency,
                |c| c.0.clone(),
            );
            let impact = level_select(&impacts, param::IMPACT, "choose-impact", Msg::Impact, |c| {
                c.1.clone()
            });
            let derived = {
                let (urgencies, impacts, priorities) =
                    (urgencies.clone(), impacts.clone(), priorities.clone());
                move || {
                    let (u, i, _) = current();
                    let row = urgencies.iter().position(|l| l.id == u);
                    let column = impacts.iter().position(|l| l.id == i);
                    let id = row
                        .zip(column)
                        .map(|(r, c)| cells[r][c].clone())
                        .unwrap_or_default();
                    priorities
                        .iter()
                        .find(|l| l.id == id)
                        .map_or(id, |l| l.name.clone())
                }
            };
            let override_choice = customer_override.then(|| {
                let options = priorities
                    .iter()
                    .map(|l| {
                        let id = l.id.clone();
                        let selected = move || current().2.as_deref() == Some(id.as_str());
                        view! { <option value=l.id.clone() selected=selected>{l.name.clone()}</option> }
                    })
                    .collect_view();
                let none_selected = move || current().2.is_none();
                view! {
                    <label>
                        {move || locale.t(Msg::CustomerPriority)}
                        <select
                            data-testid="choose-override"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                nav.set_query_param(param::OVERRIDE, (!value.is_empty()).then_some(value.as_str()));
                            }
                        >
                            <option value="" selected=none_selected>{move || locale.t(Msg::KeepAssignedPriority)}</option>
                            {options}
                        </select>
                    </label>
                }
            });
            view! {
                {urgency}
                {impact}
                <p class="sla-derived">
                    {move || locale.t(Msg::PriorityFromMatrix)}
                    <output data-testid="derived-priority">{derived}</output>
                </p>
                {override_choice}
            }
            .into_any()
        }
        None => ().into_any(),
    };
    view! {
        <label>
            {move || locale.t(Msg::Plan)}
            <select
                data-testid="choose-plan"
                on:change=move |ev| nav.set_query_param(param::PLAN, Some(&event_target_value(&ev)))
            >
                {plan_options}
            </select>
        </label>
        {level}
    }
}

/// The absolute URL of the app's base (`https://status.example.com/beacon/`), for snippets.
fn site_base(nav: Nav) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", nav.href(&beacon_core::route::Route::Home))
}
