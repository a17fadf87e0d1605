//! `/`: the status page of the visitor's region, chosen from their last choice or their time
//! zone, with a visible way to switch.

use leptos::prelude::*;

use crate::app::use_site;
use crate::nav::use_nav;
use crate::pages::region::{RegionStatus, SiteProblem, REMEMBERED_REGION};
use crate::router::Route;
use crate::web;

/// Picks the region and shows its status, saying why that region was picked.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let nav = use_nav();
    move || {
        let config = match site.config() {
            None => return view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
            Some(Err(error)) => return view! { <SiteProblem error /> }.into_any(),
            Some(Ok(config)) => config,
        };
        let remembered = web::remembered(REMEMBERED_REGION)
            .and_then(|id| config.regions.iter().find(|r| r.id == id).cloned());
        let zone = web::visitor_time_zone().unwrap_or_else(|| "UTC".into());
        let (region, reason) = match remembered {
            Some(region) => (region, "your last choice".to_string()),
            None => (
                config.region_for_time_zone(&zone).clone(),
                format!("your time zone ({zone})"),
            ),
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
                "Showing " <strong>{region.name.clone()}</strong> ", picked from " {reason}
                ". Switch to:" {others}
            </p>
            <RegionStatus region poll_seconds />
        }
        .into_any()
    }
}
