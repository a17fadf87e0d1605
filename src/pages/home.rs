//! `/`: the status page of the visitor's region, chosen from their last choice or their time
//! zone, with a visible way to switch.

use leptos::prelude::*;

use crate::app::use_site;
use crate::i18n::{split_at, use_lang, Msg};
use crate::nav::use_nav;
use crate::pages::region::{RegionStatus, SiteProblem, REMEMBERED_REGION};
use crate::router::Route;
use crate::web;

/// Picks the region and shows its status, saying why that region was picked.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let nav = use_nav();
    let lang = use_lang().get_untracked();
    move || {
        let config = match site.config() {
            None => {
                return view! { <p class="loading" role="status">{lang.text(Msg::Loading)}</p> }
                    .into_any()
            }
            Some(Err(error)) => return view! { <SiteProblem error /> }.into_any(),
            Some(Ok(config)) => config,
        };
        let remembered = web::remembered(REMEMBERED_REGION)
            .and_then(|id| config.regions.iter().find(|r| r.id == id).cloned());
        let zone = web::visitor_time_zone().unwrap_or_else(|| "UTC".into());
        let (region, reason) = match remembered {
            Some(region) => (region, lang.text(Msg::ReasonLastChoice).to_string()),
            None => (
                config.region_for_time_zone(&zone).clone(),
                lang.fill(Msg::ReasonTimeZone, &[("zone", &zone)]),
            ),
        };
        let (before, after) = split_at(lang.text(Msg::RegionChoice), "region");
        let after = crate::i18n::fill(after, &[("reason", &reason)]);
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
