//! The 90-day uptime strip of one component: one bar per day, coloured and labelled by the
//! day's worst status, operable with the keyboard (one tab stop; arrow keys, Home and End move
//! between days) and announced to screen readers; the chosen day's incidents show below it.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::nav::use_nav;
use crate::router::Route;
use crate::status::model::ComponentStatus;
use crate::status::uptime::{ComponentUptime, DayBar};
use crate::ui::status::status_look;

/// Incident ids to their names, for labelling days.
pub type IncidentNames = Arc<HashMap<String, String>>;

/// Formats an uptime percentage the way status pages do: two decimals, never rounding a
/// non-perfect figure up to "100.00%".
pub fn format_percent(percent: f64) -> String {
    let floored = (percent * 100.0).floor() / 100.0;
    format!("{floored:.2}%")
}

/// What one day says in words, e.g. "14 Nov 2026: Partial outage, 97.92% uptime, 1 incident".
pub fn day_label(day: &DayBar) -> String {
    let date = day.date.format("%-d %b %Y");
    let Some(status) = &day.status else {
        return format!("{date}: no data");
    };
    let uptime = day
        .uptime_percent()
        .map(|p| format!(", {} uptime", format_percent(p)))
        .unwrap_or_default();
    let incidents = match day.incident_ids.len() {
        0 => String::new(),
        1 => ", 1 incident".to_string(),
        n => format!(", {n} incidents"),
    };
    format!("{date}: {}{uptime}{incidents}", status.label())
}

/// The strip for one component.
#[component]
pub fn UptimeStrip(
    /// The component's name, for the accessible label.
    #[prop(into)]
    name: String,
    /// Its computed days and overall percentage.
    uptime: ComponentUptime,
    /// The region id, for incident links.
    #[prop(into)]
    region: String,
    /// Names of the incidents the days refer to.
    names: IncidentNames,
) -> impl IntoView {
    let nav = use_nav();
    let days = Arc::new(uptime.days);
    let count = days.len();
    let selected = RwSignal::new(count.saturating_sub(1));
    let expanded = RwSignal::new(false);
    let id_base = format!("uptime-{}", uptime.component_id);
    let bar_id = {
        let id_base = id_base.clone();
        move |index: usize| format!("{id_base}-{index}")
    };
    let focus_day = {
        let bar_id = bar_id.clone();
        move |index: usize| {
            selected.set(index);
            expanded.set(true);
            if let Some(element) = document().get_element_by_id(&bar_id(index)) {
                use wasm_bindgen::JsCast;
                if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        }
    };
    let on_keydown = {
        let focus_day = focus_day.clone();
        move |event: web_sys::KeyboardEvent| {
            let current = selected.get_untracked();
            let target = match event.key().as_str() {
                "ArrowLeft" => current.saturating_sub(1),
                "ArrowRight" => (current + 1).min(count.saturating_sub(1)),
                "Home" => 0,
                "End" => count.saturating_sub(1),
                _ => return,
            };
            event.prevent_default();
            focus_day(target);
        }
    };
    let bars = days
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let class = match &day.status {
                None => "bar s-none".to_string(),
                Some(ComponentStatus::Operational) if day.maintenance_seconds > 0 => {
                    "bar s-maintenance".to_string()
                }
                Some(status) => format!("bar {}", status_look(status).0),
            };
            let label = day_label(day);
            view! {
                <button
                    type="button"
                    id=bar_id(index)
                    class=class
                    aria-label=label.clone()
                    title=label
                    tabindex=move || if selected.get() == index { "0" } else { "-1" }
                    aria-pressed=move || (expanded.get() && selected.get() == index).to_string()
                    on:click=move |_| {
                        selected.set(index);
                        expanded.set(true);
                    }
                    on:focus=move |_| selected.set(index)
                ></button>
            }
        })
        .collect::<Vec<_>>();
    let detail_days = Arc::clone(&days);
    let detail = move || {
        if !expanded.get() {
            return None;
        }
        let day = detail_days.get(selected.get())?.clone();
        let links = day
            .incident_ids
            .iter()
            .map(|id| {
                let name = names.get(id).cloned().unwrap_or_else(|| id.clone());
                let href = nav.href_keeping_query(&Route::Incident {
                    region: region.clone(),
                    id: id.clone(),
                });
                view! { <li><a href=href>{name}</a></li> }
            })
            .collect::<Vec<_>>();
        Some(view! {
            <div class="day-detail" data-testid="day-detail">
                <p>{day_label(&day)}</p>
                {(!links.is_empty()).then(|| view! { <ul>{links}</ul> })}
            </div>
        })
    };
    let percent = uptime
        .uptime_percent
        .map(format_percent)
        .unwrap_or_else(|| "no data".into());
    let group_label = format!("{name}: uptime over the last {count} days, {percent}");
    view! {
        <div class="uptime" data-testid="uptime">
            <div class="uptime-bars" role="group" aria-label=group_label on:keydown=on_keydown>
                {bars}
            </div>
            <div class="uptime-legend">
                <span>{format!("{count} days ago")}</span>
                <span data-testid="uptime-percent">{format!("{percent} uptime")}</span>
                <span>"Today"</span>
            </div>
            <div aria-live="polite">{detail}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_never_round_up_to_perfect() {
        assert_eq!(format_percent(100.0), "100.00%");
        assert_eq!(format_percent(99.9999), "99.99%");
        assert_eq!(format_percent(97.5), "97.50%");
    }

    #[test]
    fn a_day_reads_as_words() {
        let mut day = DayBar {
            date: "2026-11-14".parse().unwrap(),
            status: Some(ComponentStatus::PartialOutage),
            major_outage_seconds: 0,
            partial_outage_seconds: 3_600,
            degraded_seconds: 0,
            maintenance_seconds: 0,
            measured_seconds: 86_400,
            incident_ids: vec!["a".into()],
        };
        assert_eq!(
            day_label(&day),
            "14 Nov 2026: Partial outage, 97.91% uptime, 1 incident"
        );
        day.status = None;
        assert_eq!(day_label(&day), "14 Nov 2026: no data");
    }
}
