//! An incident or maintenance: name, impact, affected components, schedule, and its update
//! timeline with formatted bodies.

use leptos::prelude::*;

use crate::nav::use_nav;
use crate::router::Route;
use crate::status::model::{Impact, Incident, Summary};
use crate::ui::clock::When;
use crate::ui::markup::Markup;

/// Words for an incident's impact, e.g. "Major impact".
pub fn impact_label(impact: &Impact) -> String {
    match impact {
        Impact::None => "No impact".into(),
        Impact::Minor => "Minor impact".into(),
        Impact::Major => "Major impact".into(),
        Impact::Critical => "Critical impact".into(),
        Impact::Maintenance => "Maintenance".into(),
        Impact::Unknown(raw) => format!("Impact “{raw}”"),
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

/// One incident with its full update timeline.
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
    let nav = use_nav();
    let href = nav.href_keeping_query(&Route::Incident {
        region,
        id: incident.id.clone(),
    });
    let affected = affected_names(&incident, &summary);
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
                "Scheduled " <When at=from.to_utc() />
                {until.map(|u| view! { " until " <When at=u.to_utc() /> })}
            </p>
        }
    });
    let mut updates = incident.incident_updates.clone();
    updates.sort_by_key(|u| std::cmp::Reverse(u.shown_at()));
    if latest_only {
        updates.truncate(1);
    }
    let timeline = updates
        .into_iter()
        .map(|update| {
            view! {
                <li class="update" data-testid="incident-update">
                    <p class="update-meta">
                        <strong class="update-status">{update.status.label()}</strong>
                        " · "
                        <When at=update.shown_at().to_utc() />
                    </p>
                    <Markup text=update.body.clone() />
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <article class="incident" data-testid="incident" data-incident-id=incident.id.clone()>
            <h3 class="incident-name">{heading}</h3>
            <p class="incident-meta">
                <span class=impact_class>{impact_label(&incident.impact)}</span>
                {(!affected.is_empty()).then(|| view! {
                    " · Affects " <span data-testid="affected">{affected.join(", ")}</span>
                })}
            </p>
            {schedule}
            <ol class="timeline" aria-label="Updates, newest first">{timeline}</ol>
        </article>
    }
}
