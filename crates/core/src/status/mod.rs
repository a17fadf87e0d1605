//! The status-page domain: the Statuspage data format, the site configuration, the overall
//! banner, uptime arithmetic, the history by month with its filters and its published split by
//! quarter ([`archive`]), the polling rules, safe incident markup and
//! data validation. Plain Rust with no
//! browser APIs, so all of it is tested natively.

pub mod archive;
pub mod bounds;
pub mod config;
pub mod error;
pub mod freshness;
pub mod history;
pub mod ledger;
pub mod limits;
pub mod maintenance;
pub mod markup;
pub mod model;
pub mod overall;
pub mod poll;
pub mod uptime;
pub mod v2;
pub mod validate;

pub use config::{Region, SiteConfig, SubscriptionMethod, Subscriptions, TimeZoneRule};
pub use error::DataError;
pub use markup::{parse_markup, plain_text, safe_href, Block, Inline};
pub use model::{
    parse_components, parse_history, parse_summary, AffectedComponent, Component, ComponentList,
    ComponentStatus, Impact, Incident, IncidentHistory, IncidentStatus, IncidentUpdate, Indicator,
    Page, PageStatus, Summary, Timestamp,
};
pub use overall::{overall_status, sections, OverallStatus, Section};
pub use uptime::{
    all_incidents, component_uptime, ComponentUptime, DayBar, PageUptime, UptimeWindow,
};
pub use validate::{site_warnings_at, validate_site_at, Problem, SiteFiles};
