//! The page clock: a `now` that ticks so relative times stay current, the visitor's choice of
//! time zone (kept in the URL), and `<When>` which renders an instant in that zone with its
//! relative time and the exact UTC instant in `datetime`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::{use_lang, Locale, Msg};
use crate::nav::use_nav;
use crate::ui::time::{format_instant, relative_in, ZoneChoice};
use beacon_browser as web;
use beacon_core::status::config::Region;

/// A `Copy` handle to the page clock, shared through context.
#[derive(Clone, Copy)]
pub struct Clock {
    /// The current instant, updated every 20 seconds.
    pub now: RwSignal<DateTime<Utc>>,
    region_zone: StoredValue<String>,
    locale: Locale,
}

impl Clock {
    /// Starts the clock for a region page and shares it through context.
    pub fn provide(region: &Region) -> Clock {
        let clock = Clock {
            now: RwSignal::new(web::now()),
            region_zone: StoredValue::new(region.time_zone.clone()),
            locale: use_lang(),
        };
        if let Ok(handle) =
            set_interval_with_handle(move || clock.now.set(web::now()), Duration::from_secs(20))
        {
            on_cleanup(move || handle.clear());
        }
        provide_context(clock);
        clock
    }

    /// The zone choice from the URL.
    pub fn choice(&self) -> ZoneChoice {
        ZoneChoice::from_query(use_nav().query_param("tz").as_deref())
    }

    /// `t` formatted in the chosen zone and the interface language.
    pub fn format(&self, t: DateTime<Utc>, with_date: bool) -> String {
        let zone = self.region_zone.get_value();
        format_instant(t, self.choice().zone(&zone), with_date, self.locale.get())
    }
}

/// The clock provided by the region page.
pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}

/// An instant: absolute in the chosen zone plus relative ("12 minutes ago"), with the exact
/// UTC instant in `datetime`.
#[component]
pub fn When(
    /// The instant.
    #[prop(into)]
    at: DateTime<Utc>,
) -> impl IntoView {
    let clock = use_clock();
    let locale = use_lang();
    view! {
        <time datetime=at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)>
            {move || clock.format(at, true)}
            " ("
            {move || relative_in(at, clock.now.get(), locale.get())}
            ")"
        </time>
    }
}

/// The switch between the visitor's zone (named), UTC and the region's zone.
#[component]
pub fn ZoneSwitch() -> impl IntoView {
    let nav = use_nav();
    let clock = use_clock();
    let locale = use_lang();
    let visitor = web::visitor_time_zone();
    let region_zone = clock.region_zone.get_value();
    let label = move |choice: ZoneChoice| {
        let lang = locale.get();
        match choice {
            ZoneChoice::Visitor => {
                let zone = visitor
                    .clone()
                    .unwrap_or_else(|| lang.text(Msg::LocalZone).to_string());
                lang.fill(Msg::YourTime, &[("zone", &zone)])
            }
            ZoneChoice::Utc => lang.text(Msg::Utc).to_string(),
            ZoneChoice::Region => lang.fill(Msg::RegionTime, &[("zone", &region_zone)]),
        }
    };
    let buttons = [ZoneChoice::Visitor, ZoneChoice::Utc, ZoneChoice::Region]
        .into_iter()
        .map(|choice| {
            let label = label.clone();
            view! {
                <button
                    type="button"
                    aria-pressed=move || (clock.choice() == choice).to_string()
                    data-testid=format!("tz-{}", choice.query_value().unwrap_or("visitor"))
                    on:click=move |_| nav.set_query_param("tz", choice.query_value())
                >
                    {move || label(choice)}
                </button>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="zone-switch" role="group" aria-label=move || locale.t(Msg::ShowTimesIn)>
            <span class="zone-switch-label">{move || locale.t(Msg::TimesIn)}</span>
            {buttons}
        </div>
    }
}
