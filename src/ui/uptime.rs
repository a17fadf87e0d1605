//! The 90-day uptime strip of one component: one bar per day, coloured and labelled by the
//! day's worst status, operable with the keyboard (one tab stop; arrow keys, Home and End move
//! between days) and announced to screen readers; the chosen day's incidents show below it.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{use_lang, Lang, Msg};
use crate::nav::use_nav;
use crate::router::Route;
use crate::status::model::ComponentStatus;
use crate::status::uptime::{ComponentUptime, DayBar};
use crate::ui::status::{status_look, status_word};
use crate::ui::time::{format_date, intl_locales};

/// Incident ids to their names, for labelling days.
pub type IncidentNames = Arc<HashMap<String, String>>;

/// Formats an uptime percentage the way status pages do: two decimals, never rounding a
/// non-perfect figure up to "100.00%".
pub fn format_percent(percent: f64) -> String {
    let floored = (percent * 100.0).floor() / 100.0;
    format!("{floored:.2}%")
}

/// An uptime percentage in `lang`: [`format_percent`] in English, the locale's own number
/// format (`99,99 %`) by `Intl.NumberFormat` otherwise; never rounded up to perfect either way.
pub fn format_percent_in(percent: f64, lang: Lang) -> String {
    if lang == Lang::English {
        return format_percent(percent);
    }
    let floored = (percent * 100.0).floor() / 100.0;
    let options = js_sys::Object::new();
    for (key, value) in [
        ("style", wasm_bindgen::JsValue::from_str("percent")),
        ("minimumFractionDigits", 2.into()),
        ("maximumFractionDigits", 2.into()),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value);
    }
    let format = js_sys::Intl::NumberFormat::new(&intl_locales(lang), &options);
    format
        .format()
        .call1(
            &wasm_bindgen::JsValue::UNDEFINED,
            &wasm_bindgen::JsValue::from_f64(floored / 100.0),
        )
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format_percent(percent))
}

/// What one day says in words, e.g. "14 Nov 2026: Partial outage, 97.92% uptime, 1 incident".
pub fn day_label(day: &DayBar, lang: Lang) -> String {
    let date = if lang == Lang::English {
        day.date.format("%-d %b %Y").to_string()
    } else {
        format_date(
            day.date,
            lang,
            &[("day", "numeric"), ("month", "short"), ("year", "numeric")],
        )
    };
    let summary = match &day.status {
        None => lang.text(Msg::NoData).to_string(),
        Some(status) => {
            let mut parts = vec![status_word(status, lang).to_string()];
            if let Some(percent) = day.uptime_percent() {
                let percent = format_percent_in(percent, lang);
                parts.push(lang.fill(Msg::UptimePercent, &[("percent", &percent)]));
            }
            if !day.incident_ids.is_empty() {
                parts.push(lang.count(
                    day.incident_ids.len(),
                    Msg::IncidentsOne,
                    Msg::IncidentsOther,
                ));
            }
            parts.join(", ")
        }
    };
    lang.fill(Msg::DayLabel, &[("date", &date), ("summary", &summary)])
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
    let locale = use_lang();
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
    let bar_days = Arc::clone(&days);
    // The bars are written again in a new language (their labels); the selected day is kept.
    let bars = move || {
        let lang = locale.get();
        bar_days
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
                let label = day_label(day, lang);
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
            .collect::<Vec<_>>()
    };
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
                <p>{day_label(&day, locale.get())}</p>
                {(!links.is_empty()).then(|| view! { <ul>{links}</ul> })}
            </div>
        })
    };
    let uptime_percent = uptime.uptime_percent;
    let percent = move || {
        let lang = locale.get();
        uptime_percent
            .map(|p| format_percent_in(p, lang))
            .unwrap_or_else(|| lang.text(Msg::NoData).into())
    };
    let count_text = count.to_string();
    let group_label = {
        let count_text = count_text.clone();
        move || {
            locale.get().fill(
                Msg::UptimeGroup,
                &[
                    ("name", &name),
                    ("count", &count_text),
                    ("percent", &percent()),
                ],
            )
        }
    };
    view! {
        <div class="uptime" data-testid="uptime">
            <div class="uptime-bars" role="group" aria-label=group_label on:keydown=on_keydown>
                {bars}
            </div>
            <div class="uptime-legend">
                <span>{move || locale.get().fill(Msg::DaysAgo, &[("count", &count_text)])}</span>
                <span data-testid="uptime-percent">
                    {move || locale.get().fill(Msg::UptimePercent, &[("percent", &percent())])}
                </span>
                <span>{move || locale.t(Msg::Today)}</span>
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
            day_label(&day, Lang::English),
            "14 Nov 2026: Partial outage, 97.91% uptime, 1 incident"
        );
        day.status = None;
        assert_eq!(day_label(&day, Lang::English), "14 Nov 2026: no data");
    }
}
