//! The 90-day uptime strip of one component: one bar per day, coloured and labelled by the
//! day's worst status, operable with the keyboard (one tab stop; arrow keys, Home and End move
//! between days) and announced to screen readers; the chosen day's incidents show below it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_lang, Lang, Msg};
use crate::nav::use_nav;
use crate::ui::time::{format_date, intl_locales};
use beacon_core::html::escape;
use beacon_core::route::Route;
use beacon_core::status::model::ComponentStatus;
use beacon_core::status::uptime::{floor_percent, format_percent, ComponentUptime, DayBar};
use beacon_core::words::{status_look, status_word};

/// Incident ids to their names, for labelling days.
pub type IncidentNames = Arc<HashMap<String, String>>;

/// An uptime percentage in `lang`: [`format_percent`] in English, the locale's own number
/// format (`99,99 %`) by `Intl.NumberFormat` otherwise; never rounded up to perfect either way.
pub fn format_percent_in(percent: f64, lang: Lang) -> String {
    if lang == Lang::English {
        return format_percent(percent);
    }
    let floored = floor_percent(percent);
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
/// Worded once per distinct label and kept: on most days most strips say the same
/// ("Operational, 100.00% uptime"), so a page of 200 strips × 90 days words a few hundred.
pub fn day_label(day: &DayBar, lang: Lang) -> String {
    let key = DayLabelKey {
        lang,
        // Until its pack arrives a language reads English: not the same label.
        pack_ready: beacon_core::i18n::pack::ready(lang),
        date: day.date,
        status: day.status.clone(),
        // What the percentage shows: whole hundredths, floored ([`format_percent_in`]).
        hundredths: day.uptime_percent().map(|p| (p * 100.0).floor() as i64),
        incidents: day.incident_ids.len(),
    };
    DAY_LABELS.with_borrow_mut(|labels| {
        if labels.len() >= DAY_LABELS_KEPT {
            labels.clear();
        }
        labels
            .entry(key)
            .or_insert_with(|| word_day(day, lang))
            .clone()
    })
}

/// What a day label depends on: two days alike in all of it read the same.
#[derive(Clone, PartialEq, Eq, Hash)]
struct DayLabelKey {
    lang: Lang,
    pack_ready: bool,
    date: NaiveDate,
    status: Option<ComponentStatus>,
    hundredths: Option<i64>,
    incidents: usize,
}

/// How many worded day labels are kept at most (then they are worded afresh).
const DAY_LABELS_KEPT: usize = 20_000;

thread_local! {
    /// Day labels already worded ([`day_label`]).
    static DAY_LABELS: RefCell<HashMap<DayLabelKey, String>> = RefCell::new(HashMap::new());
}

/// [`day_label`], worded.
fn word_day(day: &DayBar, lang: Lang) -> String {
    let date = day_date(day.date, lang);
    let summary = match &day.status {
        None => lang.text(Msg::NoData).to_string(),
        Some(status) => {
            let mut summary = status_word(status, lang).to_string();
            if let Some(percent) = day.uptime_percent() {
                let percent = format_percent_in(percent, lang);
                summary.push_str(", ");
                summary.push_str(&lang.fill(Msg::UptimePercent, &[("percent", &percent)]));
            }
            if !day.incident_ids.is_empty() {
                summary.push_str(", ");
                summary.push_str(&lang.count(
                    day.incident_ids.len(),
                    Msg::IncidentsOne,
                    Msg::IncidentsOther,
                ));
            }
            summary
        }
    };
    lang.fill(Msg::DayLabel, &[("date", &date), ("summary", &summary)])
}

thread_local! {
    /// Dates already worded: every strip shows the same 90 days.
    static DAY_DATES: RefCell<HashMap<(Lang, NaiveDate), String>> = RefCell::new(HashMap::new());
}

/// A day's date as the bars name it ("14 Nov 2026"), worded once per date and language
/// (other languages by `Intl`).
fn day_date(date: NaiveDate, lang: Lang) -> String {
    DAY_DATES.with_borrow_mut(|dates| {
        dates
            .entry((lang, date))
            .or_insert_with(|| {
                if lang == Lang::English {
                    date.format("%-d %b %Y").to_string()
                } else {
                    format_date(
                        date,
                        lang,
                        &[("day", "numeric"), ("month", "short"), ("year", "numeric")],
                    )
                }
            })
            .clone()
    })
}

/// The colour class of a day's bar: its worst status; maintenance on an otherwise good day.
fn bar_class(day: &DayBar) -> &'static str {
    match &day.status {
        None => "s-none",
        Some(ComponentStatus::Operational) if day.maintenance_seconds > 0 => "s-maintenance",
        Some(status) => status_look(status).0,
    }
}

/// How one day's bar looks: its colour class and its words in `lang`.
pub fn bar_look(day: &DayBar, lang: Lang) -> (&'static str, String) {
    (bar_class(day), day_label(day, lang))
}

/// The bars of one strip as markup, one `<button>` per day, `id_base-<day index>`, with its
/// [`bar_look`] (the words are its label; the strip copies them into the tooltip on hover);
/// `selected` is the strip's one tab stop, pressed while its details are `open`. Written as
/// one string so a page of 200 strips × 90 days costs the browser one parse per strip rather
/// than thousands of calls from wasm; every value is escaped.
pub fn bars_html(id_base: &str, bars: &[(&str, String)], selected: usize, open: bool) -> String {
    let id_base = escape(id_base);
    let mut html = String::with_capacity(bars.len() * 220);
    for (index, (class, label)) in bars.iter().enumerate() {
        let label = escape(label);
        let chosen = index == selected;
        let _ = write!(
            html,
            r#"<button type="button" id="{id_base}-{index}" class="bar {class}" aria-label="{label}" tabindex="{tabindex}" aria-pressed="{pressed}"></button>"#,
            class = escape(class),
            tabindex = if chosen { "0" } else { "-1" },
            pressed = chosen && open,
        );
    }
    html
}

/// The bar an event happened on and its day index, if it happened on one.
fn bar_of_event(event: &web_sys::Event) -> Option<(web_sys::Element, usize)> {
    let bar = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(".bar")
        .ok()??;
    let index = bar.id().rsplit_once('-')?.1.parse().ok()?;
    Some((bar, index))
}

/// The strip for one component.
#[component]
pub fn UptimeStrip(
    /// The component's name, for the accessible label.
    #[prop(into)]
    name: String,
    /// Its computed days and overall percentage (`None`: no days to show).
    #[prop(into)]
    uptime: Signal<Option<Arc<ComponentUptime>>>,
    /// The region id, for incident links.
    #[prop(into)]
    region: String,
    /// Names of the incidents the days refer to.
    #[prop(into)]
    names: Signal<IncidentNames>,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    // What the bars show; a poll that changes none of it leaves the bars alone.
    let looks = Memo::new(move |_| {
        let lang = locale.get();
        uptime.with(|uptime| {
            uptime
                .iter()
                .flat_map(|uptime| &uptime.days)
                .map(|day| bar_look(day, lang))
                .collect::<Vec<_>>()
        })
    });
    let count = move || looks.with_untracked(Vec::len);
    let selected = RwSignal::new(count().saturating_sub(1));
    let expanded = RwSignal::new(false);
    let id_base = uptime.with_untracked(|uptime| {
        format!(
            "uptime-{}",
            uptime.as_ref().map_or("", |u| u.component_id.as_str())
        )
    });
    let bar = {
        let id_base = id_base.clone();
        move |index: usize| {
            document()
                .get_element_by_id(&format!("{id_base}-{index}"))?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        }
    };
    // One tab stop: the chosen day's bar; it reads as pressed while its details are open.
    Effect::new({
        let bar = bar.clone();
        move |previous: Option<usize>| {
            let index = selected.get();
            let pressed = expanded.get();
            // The first run finds the bars as they were written.
            let Some(previous) = previous else {
                return index;
            };
            if let Some(old) = (previous != index).then(|| bar(previous)).flatten() {
                let _ = old.set_attribute("tabindex", "-1");
                let _ = old.set_attribute("aria-pressed", "false");
            }
            if let Some(new) = bar(index) {
                let _ = new.set_attribute("tabindex", "0");
                let _ = new.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            }
            index
        }
    });
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let current = selected.get_untracked();
        let last = count().saturating_sub(1);
        let target = match event.key().as_str() {
            "ArrowLeft" => current.saturating_sub(1),
            "ArrowRight" => (current + 1).min(last),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        event.prevent_default();
        selected.set(target);
        expanded.set(true);
        if let Some(element) = bar(target) {
            let _ = element.focus();
        }
    };
    let on_click = move |event: web_sys::MouseEvent| {
        if let Some((_, index)) = bar_of_event(&event) {
            selected.set(index);
            expanded.set(true);
        }
    };
    let on_focusin = move |event: web_sys::FocusEvent| {
        if let Some((_, index)) = bar_of_event(&event) {
            selected.set(index);
        }
    };
    // The tooltip repeats the label; it is written when the pointer first reaches a bar.
    let on_mouseover = move |event: web_sys::MouseEvent| {
        if let Some((bar, _)) = bar_of_event(&event) {
            if !bar.has_attribute("title") {
                if let Some(label) = bar.get_attribute("aria-label") {
                    let _ = bar.set_attribute("title", &label);
                }
            }
        }
    };
    // Written again when what they show changes (a new language, a poll with news); the
    // chosen day is kept.
    let bars = move || {
        looks.with(|looks| {
            bars_html(
                &id_base,
                looks,
                selected.get_untracked(),
                expanded.get_untracked(),
            )
        })
    };
    let detail = move || {
        if !expanded.get() {
            return None;
        }
        let day = uptime.with(|uptime| uptime.as_ref()?.days.get(selected.get()).cloned())?;
        let links = names.with(|names| {
            day.incident_ids
                .iter()
                .map(|id| {
                    let name = names.get(id).cloned().unwrap_or_else(|| id.clone());
                    let href = nav.href_keeping_query(&Route::Incident {
                        region: region.clone(),
                        id: id.clone(),
                    });
                    view! { <li><a href=href>{name}</a></li> }
                })
                .collect::<Vec<_>>()
        });
        Some(view! {
            <div class="day-detail" data-testid="day-detail">
                <p>{day_label(&day, locale.get())}</p>
                {(!links.is_empty()).then(|| view! { <ul>{links}</ul> })}
            </div>
        })
    };
    let percent = move || {
        let lang = locale.get();
        uptime
            .with(|uptime| uptime.as_ref()?.uptime_percent)
            .map(|p| format_percent_in(p, lang))
            .unwrap_or_else(|| lang.text(Msg::NoData).into())
    };
    let count_text = count().to_string();
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
            <div
                class="uptime-bars"
                role="group"
                aria-label=group_label
                inner_html=bars
                on:keydown=on_keydown
                on:click=on_click
                on:focusin=on_focusin
                on:mouseover=on_mouseover
            ></div>
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

    fn days(statuses: &[Option<ComponentStatus>]) -> Vec<DayBar> {
        statuses
            .iter()
            .enumerate()
            .map(|(n, status)| DayBar {
                date: NaiveDate::from_ymd_opt(2026, 11, 1 + n as u32).unwrap(),
                status: status.clone(),
                major_outage_seconds: 0,
                partial_outage_seconds: 0,
                degraded_seconds: 0,
                maintenance_seconds: if n == 1 { 600 } else { 0 },
                measured_seconds: 86_400,
                incident_ids: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn bars_are_buttons_with_one_tab_stop_pressed_only_while_open() {
        let strip = days(&[
            None,
            Some(ComponentStatus::Operational),
            Some(ComponentStatus::MajorOutage),
        ]);
        let looks: Vec<_> = strip
            .iter()
            .map(|day| bar_look(day, Lang::English))
            .collect();
        let closed = bars_html("uptime-web", &looks, 2, false);
        assert_eq!(closed.matches("<button ").count(), 3);
        assert_eq!(closed.matches(r#"tabindex="0""#).count(), 1);
        assert_eq!(closed.matches(r#"aria-pressed="true""#).count(), 0);
        assert!(closed.contains(
            r#"id="uptime-web-2" class="bar s-major" aria-label="3 Nov 2026: Major outage, 100.00% uptime" tabindex="0""#
        ));
        assert!(closed.contains(r#"class="bar s-none" aria-label="1 Nov 2026: no data""#));
        assert!(
            closed.contains(r#"class="bar s-maintenance""#),
            "maintenance on a good day"
        );
        let open = bars_html("uptime-web", &looks, 0, true);
        assert!(open.contains(r#"id="uptime-web-0" class="bar s-none" aria-label="1 Nov 2026: no data" tabindex="0" aria-pressed="true""#));
        assert_eq!(open.matches(r#"aria-pressed="true""#).count(), 1);
    }

    #[test]
    fn bar_markup_escapes_ids_and_labels() {
        let html = bars_html(
            r#"uptime-"><script>alert(1)</script>"#,
            &[(
                "s-operational",
                r#"<img src=x onerror="alert('1')"> & more"#.to_string(),
            )],
            0,
            false,
        );
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains(r#"id="uptime-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;-0""#));
        assert!(html.contains(
            r#"aria-label="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; more""#
        ));
    }
}
