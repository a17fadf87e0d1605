//! `/`: the status page of the visitor's region, chosen from their last choice or their time
//! zone, with a visible way to switch.

use leptos::prelude::*;

use crate::i18n::{split_at, use_lang, Msg};
use crate::nav::use_nav;
use crate::pages::region::{RegionStatus, SiteProblem, REMEMBERED_REGION};
use crate::site::use_site;
use beacon_browser as web;
use beacon_core::route::Route;

/// Picks the region and shows its status, saying why that region was picked.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let nav = use_nav();
    let locale = use_lang();
    move || {
        let config = match site.config() {
            None => {
                return view! { <p class="loading" role="status">{move || locale.t(Msg::Loading)}</p> }
                    .into_any()
            }
            Some(Err(error)) => return view! { <SiteProblem error /> }.into_any(),
            Some(Ok(config)) => config,
        };
        let remembered = web::remembered(REMEMBERED_REGION)
            .and_then(|id| config.regions.iter().find(|r| r.id == id).cloned());
        let zone = web::visitor_time_zone().unwrap_or_else(|| "UTC".into());
        let by_zone = remembered.is_none();
        let region = remembered.unwrap_or_else(|| config.region_for_time_zone(&zone).clone());
        // The sentence follows the language; the region's page under it stays mounted.
        let before = move || split_at(locale.t(Msg::RegionChoice), "region").0;
        let after = move || {
            let lang = locale.get();
            let reason = if by_zone {
                lang.fill(Msg::ReasonTimeZone, &[("zone", &zone)])
            } else {
                lang.text(Msg::ReasonLastChoice).to_string()
            };
            crate::i18n::fill(
                split_at(lang.text(Msg::RegionChoice), "region").1,
                &[("reason", &reason)],
            )
        };
        let others = config
            .regions
            .iter()
            .filter(|other| other.id != region.id)
            .map(|other| {
                view! {
                    " "
                    <a href=nav.href_keeping_query(&Route::Region(other.id.clone()))>
                        {other.name.clone()}
                    </a>
                }
            })
            .collect::<Vec<_>>();
        let poll_seconds = config.poll_interval_seconds;
        view! {
            <p class="notice" data-testid="region-choice">
                {before} <strong>{region.name.clone()}</strong> {after} {others}
            </p>
            <RegionStatus region poll_seconds />
        }
        .into_any()
    }
}
