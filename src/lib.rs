//! Beacon's browser apps, built with Leptos on top of the domain in `beacon-core`: the regional
//! status pages (bin `beacon`), the SLA calculator (bin `beacon-sla`) and the "Get updates"
//! dialog, a module the status pages load on demand (bin `beacon-subscribe`).
//!
//! [`api`] is the one module that talks to the network; [`app`], [`pages`] and [`ui`] are thin
//! views that connect signals to the domain; [`i18n`] holds the visitor's language as reactive
//! state (the texts themselves are `beacon_core::i18n`) and [`site`] the site configuration;
//! [`nav`] keeps the address in step with the page, [`lazy`] loads the parts of a page that are apps of their own, and [`handover`] swaps the pre-rendered snapshot for the live page.

pub mod api;
pub mod app;
pub mod handover;
pub mod i18n;
pub use beacon_browser::lazy;
pub mod nav;
pub mod pages;
pub mod site;
pub mod ui;
