//! What the calculator shows for one ticket: both targets with their due times (centre and
//! visitor time), countdowns, the clock timeline and its reason, the plans side by side, and the
//! pending-ticket timer. Takes loaded data as props, so tests mount it without a network.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::{split_at, use_lang, Lang, Msg};
use crate::ui::time::format_instant;
use beacon_browser as web;
use beacon_core::sla::engine::{
    forwarded_timer, pending_timer, DueTime, SlaOutcome, TargetOutcome,
};
use beacon_core::sla::present::{self, LevelPick, PlanOutcome, SlaQuery, SourceLine};
use beacon_core::sla::{BusinessCalendar, Policy};
use beacon_core::words::sla_error;

/// Results of the chosen plan, then every plan side by side for the same ticket.
#[component]
pub fn SlaResults(
    /// The loaded policy.
    policy: Arc<Policy>,
    /// The customer's support centre.
    centre: Arc<BusinessCalendar>,
    /// The choices (plan, level).
    #[prop(into)]
    query: Signal<SlaQuery>,
    /// When the ticket was submitted.
    #[prop(into)]
    submitted: Signal<DateTime<Utc>>,
    /// The current instant, for countdowns.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let locale = use_lang();
    let outcomes = {
        let (policy, centre) = (policy.clone(), centre.clone());
        Memo::new(move |_| {
            let lang = locale.get();
            let pick = query.with(|q| LevelPick::from_query(&policy, q));
            pick.map(|pick| {
                present::outcomes_for_all_plans(lang, &policy, &centre, &pick, submitted.get())
            })
            .unwrap_or_default()
        })
    };
    let chosen = {
        let policy = policy.clone();
        Memo::new(move |_| query.with(|q| present::chosen_plan(&policy, q).map(str::to_owned)))
    };
    let centre_name = format!("{} ({})", centre.name(), centre.zone());
    let visitor_zone = web::visitor_time_zone();
    let labels = Arc::new(ZoneLabels {
        centre: centre_name,
        visitor: visitor_zone,
    });
    let chosen_view = {
        let (policy, centre, labels) = (policy.clone(), centre.clone(), labels.clone());
        move || {
            let plan = chosen.get()?;
            let all = outcomes.get();
            let found = all.into_iter().find(|o| o.plan == plan)?;
            Some(view! {
                <ChosenPlan
                    policy=policy.clone()
                    centre=centre.clone()
                    found
                    submitted=submitted.get()
                    now
                    labels=labels.clone()
                />
            })
        }
    };
    let comparison = {
        let centre = centre.clone();
        move || {
            view! { <PlanComparison centre=centre.clone() outcomes=outcomes.get() chosen=chosen.get() /> }
        }
    };
    view! {
        <section class="sla-results" data-testid="sla-result">
            {chosen_view}
        </section>
        <section class="sla-compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{move || locale.t(Msg::PlansSideBySide)}</h2>
            {comparison}
        </section>
    }
}

/// The names of the two zones due times are shown in.
struct ZoneLabels {
    centre: String,
    /// The browser's zone name; `None` when it gives none ("your browser's zone" in the
    /// language of the moment).
    visitor: Option<String>,
}

/// The chosen plan's level and both targets.
#[component]
fn ChosenPlan(
    policy: Arc<Policy>,
    centre: Arc<BusinessCalendar>,
    found: PlanOutcome,
    submitted: DateTime<Utc>,
    now: Signal<DateTime<Utc>>,
    labels: Arc<ZoneLabels>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let outcome: SlaOutcome =
        match found.outcome {
            Ok(outcome) => outcome,
            Err(error) => return view! {
                <p class="notice error" role="alert" data-testid="sla-error">{sla_error(&error, lang)}</p>
            }
            .into_any(),
        };
    let level_line = match &outcome.level.assigned {
        Some(assigned) if *assigned != outcome.level.effective => lang.fill(
            Msg::LevelCustomerChoice,
            &[
                (
                    "level",
                    &present::level_name(&policy, &outcome.level.effective),
                ),
                ("assigned", &present::level_name(&policy, assigned)),
            ],
        ),
        Some(_) => lang.fill(
            Msg::LevelFromMatrix,
            &[(
                "level",
                &present::level_name(&policy, &outcome.level.effective),
            )],
        ),
        None => present::level_name(&policy, &outcome.level.effective),
    };
    let source = |name: &str| {
        present::target_source(&policy, &found.plan, &outcome.level.effective, name, lang)
    };
    let callback = outcome.weekend_callback.clone().map(|due| {
        view! {
            <TargetCard
                kind="weekend-callback"
                title=lang.text(Msg::WeekendCallback)
                outcome=TargetOutcome::Due(due)
                source=source("weekend_callback")
                reason=None
                centre=centre.clone()
                now
                labels=labels.clone()
            />
        }
    });
    let note_shown_with_a_target = [&outcome.first_response, &outcome.resolution]
        .iter()
        .any(|t| matches!(t, TargetOutcome::NotStated { .. }));
    let note = outcome
        .note
        .clone()
        .filter(|_| !note_shown_with_a_target)
        .map(|note| view! { <p class="sla-note" data-testid="target-note">{note}</p> });
    view! {
        <p class="sla-summary">
            <strong data-testid="result-plan">{found.name.clone()}</strong>
            ", "
            <span data-testid="result-level">{level_line}</span>
            {lang.text(Msg::SubmittedLabel)}
            <time data-testid="submitted" datetime=present::utc_stamp(submitted)>
                {present::format_in_centre(lang, &centre, submitted)}
            </time>
            <br />
            <span class="muted" data-testid="result-hours">
                {lang.text(Msg::SupportHours)} {found.coverage.clone()}
                {found.hours_note.as_ref().map(|n| format!("{}{}", lang.text(Msg::CoverageGroupSeparator), n.get(lang)))}
            </span>
        </p>
        <div class="sla-targets">
            <TargetCard
                kind="first-response"
                title=lang.text(Msg::FirstResponse)
                outcome=outcome.first_response.clone()
                source=source("first_response")
                reason=found.first_response_reason.clone()
                centre=centre.clone()
                now
                labels=labels.clone()
            />
            <TargetCard
                kind="resolution"
                title=lang.text(Msg::Resolution)
                outcome=outcome.resolution.clone()
                source=source("resolution")
                reason=found.resolution_reason.clone()
                centre=centre.clone()
                now
                labels=labels.clone()
            />
            {callback}
        </div>
        {note}
    }
    .into_any()
}

/// One target: as stated, its due time in both zones, a live countdown, the reason and the
/// clock timeline; or "not stated in the policy" with the policy's note.
#[component]
fn TargetCard(
    kind: &'static str,
    title: &'static str,
    outcome: TargetOutcome,
    source: Option<SourceLine>,
    reason: Option<String>,
    centre: Arc<BusinessCalendar>,
    now: Signal<DateTime<Utc>>,
    labels: Arc<ZoneLabels>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let body = match outcome {
        TargetOutcome::NotStated { note } => view! {
            <p class="sla-target" data-testid=format!("{kind}-target")>{lang.text(Msg::NotStatedInPolicy)}</p>
            <p class="sla-note" data-testid=format!("{kind}-note")>{note}</p>
        }
        .into_any(),
        TargetOutcome::Due(due) => {
            let countdown = move || present::format_countdown(lang, due.due, now.get());
            view! {
                <p class="sla-target" data-testid=format!("{kind}-target")>
                    {present::describe_target(lang, &due.target)}
                </p>
                <dl class="sla-due">
                    <dt>{lang.fill(Msg::DueAtCentre, &[("zone", &labels.centre)])}</dt>
                    <dd>
                        <time data-testid=format!("{kind}-due") datetime=present::utc_stamp(due.due)>
                            {present::format_in_centre(lang, &centre, due.due)}
                        </time>
                    </dd>
                    <dt>{
                        let zone = labels.visitor.clone();
                        let zone = zone.unwrap_or_else(|| lang.text(Msg::BrowserZone).into());
                        lang.fill(Msg::DueInYourZone, &[("zone", &zone)])
                    }</dt>
                    <dd>
                        <time data-testid=format!("{kind}-due-visitor") datetime=present::utc_stamp(due.due)>
                            {format_instant(due.due, None, true, lang)}
                        </time>
                    </dd>
                </dl>
                <p class="sla-countdown" role="timer" data-testid=format!("{kind}-countdown")>{countdown}</p>
                <p class="sla-reason" data-testid=format!("{kind}-reason")>{reason}</p>
                <ClockTimeline kind centre=centre.clone() due lang />
            }
            .into_any()
        }
    };
    view! {
        <article class="sla-card" data-testid=kind>
            <h3>{title}</h3>
            {body}
            {source.map(|line| view! { <SourceNote kind line lang /> })}
        </article>
    }
}

/// Where a number comes from, beside it: the document, its sentence quoted as written (in the
/// document's language), and the reading applied, in the visitor's language.
#[component]
pub fn SourceNote(
    /// `data-testid` prefix of the target the source belongs to.
    kind: &'static str,
    /// The source.
    line: SourceLine,
    /// The visitor's language.
    lang: Lang,
) -> impl IntoView {
    view! {
        <p class="sla-source" data-testid=format!("{kind}-source")>
            <span class="muted">{format!("{}: ", lang.text(Msg::SourceLabel))}</span>
            <cite>{line.document}</cite>
            " "
            <q lang=line.language data-testid=format!("{kind}-quote")>{line.quote}</q>
            <br />
            <span class="muted">{format!("{}: ", lang.text(Msg::ReadingLabel))}</span>
            <span data-testid=format!("{kind}-reading")>{line.reading}</span>
        </p>
    }
}

/// The running and paused stretches of the clock from submission to due, as a bar.
#[component]
fn ClockTimeline(
    kind: &'static str,
    centre: Arc<BusinessCalendar>,
    due: DueTime,
    lang: Lang,
) -> impl IntoView {
    // "{state} from {from} to {to}", with the two instants as `<time>` elements.
    let (before_from, after_from) = split_at(lang.text(Msg::ClockSpan), "from");
    let (between, after_to) = split_at(after_from, "to");
    let bars = present::timeline(&due.segments)
        .into_iter()
        .map(|bar| {
            let (class, state) = if bar.segment.running {
                ("running", lang.text(Msg::ClockRunning))
            } else {
                ("paused", lang.text(Msg::ClockPaused))
            };
            let from = present::format_in_centre(lang, &centre, bar.segment.start);
            let to = present::format_in_centre(lang, &centre, bar.segment.end);
            view! {
                <li
                    class=class
                    data-running=bar.segment.running.to_string()
                    style:flex-grow=format!("{:.4}", bar.percent.max(0.5))
                    title=format!("{state}: {from} – {to}")
                >
                    <span class="visually-hidden">
                        {before_from.replace("{state}", state)}
                        <time datetime=present::utc_stamp(bar.segment.start)>{from.clone()}</time>
                        {between}
                        <time datetime=present::utc_stamp(bar.segment.end)>{to.clone()}</time>
                        {after_to}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="sla-timeline" aria-label=lang.text(Msg::WhenClockRuns) data-testid=format!("{kind}-timeline")>
            {bars}
        </ol>
        <p class="sla-legend" aria-hidden="true">
            <span class="key running"></span> {format!("{} ", lang.text(Msg::LegendRunning))}
            <span class="key paused"></span> {lang.text(Msg::LegendPaused)}
        </p>
    }
}

/// Every plan's targets and due times for the same ticket, and how each differs from the chosen
/// plan (what an upgrade changes).
#[component]
fn PlanComparison(
    centre: Arc<BusinessCalendar>,
    outcomes: Vec<PlanOutcome>,
    chosen: Option<String>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let first_due = |o: &PlanOutcome| match o.outcome.as_ref().ok().map(|o| &o.first_response) {
        Some(TargetOutcome::Due(d)) => Some(d.due),
        _ => None,
    };
    let chosen_due = outcomes
        .iter()
        .find(|o| Some(&o.plan) == chosen.as_ref())
        .and_then(first_due);
    let cell = |target: Option<&TargetOutcome>, centre: &BusinessCalendar| {
        match target {
        Some(TargetOutcome::Due(due)) => view! {
            {present::describe_target(lang, &due.target)}
            <br />
            <time datetime=present::utc_stamp(due.due)>{present::format_in_centre(lang, centre, due.due)}</time>
        }
        .into_any(),
        Some(TargetOutcome::NotStated { .. }) => view! { <span class="muted">{lang.text(Msg::NotStated)}</span> }.into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
    };
    let rows = outcomes
        .iter()
        .map(|o| {
            let is_chosen = Some(&o.plan) == chosen.as_ref();
            let outcome = o.outcome.as_ref().ok();
            let change = match (is_chosen, chosen_due, first_due(o)) {
                (true, _, _) => lang.text(Msg::ChosenPlanMark).to_owned(),
                (false, Some(a), Some(b)) => lang.fill(
                    Msg::FirstResponseCompared,
                    &[("comparison", &present::compare_due(lang, a, b))],
                ),
                (false, _, Some(_)) => lang.text(Msg::StatesResponseTarget).to_owned(),
                (false, _, None) => lang.text(Msg::NoResponseTarget).to_owned(),
            };
            view! {
                <tr data-testid=format!("compare-{}", o.plan) aria-current=is_chosen.then_some("true")>
                    <th scope="row">
                        {o.name.clone()} <br />
                        <span class="muted">
                            {o.coverage.clone()}
                            {o.hours_note.as_ref().map(|n| format!("{}{}", lang.text(Msg::CoverageGroupSeparator), n.get(lang)))}
                        </span>
                    </th>
                    <td data-testid="compare-first-response">{cell(outcome.map(|x| &x.first_response), &centre)}</td>
                    <td data-testid="compare-resolution">{cell(outcome.map(|x| &x.resolution), &centre)}</td>
                    <td data-testid="compare-change">{change}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="sla-table" data-testid="plan-comparison">
                <thead>
                    <tr>
                        <th scope="col">{lang.text(Msg::Plan)}</th>
                        <th scope="col">{lang.text(Msg::FirstResponse)}</th>
                        <th scope="col">{lang.text(Msg::Resolution)}</th>
                        <th scope="col">{lang.text(Msg::ComparedWithChosen)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// When a pending ticket's customer is reminded and when the ticket closes itself.
#[component]
pub fn PendingTimerView(
    /// A policy with lifecycle rules.
    policy: Arc<Policy>,
    /// The support centre whose zone and days count.
    centre: Arc<BusinessCalendar>,
    /// When the ticket went pending.
    #[prop(into)]
    since: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let locale = use_lang();
    let notes = policy
        .lifecycle
        .as_ref()
        .map(|l| l.notes.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|n| view! { <li>{n}</li> })
        .collect_view();
    let timer = move || {
        let lang = locale.get();
        let since = since.get();
        let timers = pending_timer(&policy, &centre, since)
            .and_then(|p| forwarded_timer(&policy, &centre, since).map(|f| (p, f)));
        match timers {
        Err(error) => {
            view! { <p class="notice error" data-testid="pending-error">{sla_error(&error, lang)}</p> }
                .into_any()
        }
        Ok((timer, forwarded)) => {
            let row = |label: Msg, testid: &'static str, due: &DueTime| {
                let timer = testid.replace('-', "_");
                let source = present::lifecycle_source(&policy, &timer, lang);
                view! {
                    <dt>{format!("{} ({})", lang.text(label), present::describe_target(lang, &due.target))}</dt>
                    <dd>
                        <time data-testid=testid datetime=present::utc_stamp(due.due)>
                            {present::format_in_centre(lang, &centre, due.due)}
                        </time>
                        " · "
                        {format_instant(due.due, None, true, lang)}
                        {source.map(|line| view! { <SourceNote kind=testid line lang /> })}
                    </dd>
                }
            };
            view! {
                <dl class="sla-due">
                    {row(Msg::PendingReminder, "pending-reminder", &timer.reminder)}
                    {row(Msg::PendingAutoClose, "pending-auto-close", &timer.auto_close)}
                    {forwarded.map(|f| view! {
                        {row(Msg::ForwardedContact, "forwarded-contact", &f.contact)}
                        {row(Msg::ForwardedManualClose, "forwarded-manual-close", &f.manual_close)}
                    })}
                </dl>
            }
            .into_any()
        }
        }
    };
    view! {
        {timer}
        <ul class="sla-notes">{notes}</ul>
    }
}
