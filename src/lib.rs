//! Beacon: regional status pages and an embeddable SLA calculator, running in the browser.
//!
//! The domain — the status model and uptime arithmetic ([`status`]) and the SLA engine
//! ([`sla`]) — is plain Rust, tested natively. [`api`] is the one module that talks to the
//! network; [`app`], [`pages`] and [`ui`] are thin views speaking the visitor's language
//! ([`i18n`]); [`nav`], [`router`] and [`web`] are the browser glue, and [`lazy`] loads the
//! parts of a page that are apps of their own (the "Get updates" dialog) when first needed.

pub mod api;
pub mod app;
pub mod embed;
pub mod html;
pub mod i18n;
pub mod lazy;
pub mod nav;
pub mod notify;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod router;
pub mod sla;
pub mod status;
pub mod ui;
pub mod web;
