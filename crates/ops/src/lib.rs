//! Beacon's native tools for operators, in three parts:
//!
//! - [`cli`]: the `beacon-ops` command line (clap) over the other two: `validate`, `publish`,
//!   `incident open|update|resolve`, `maintenance schedule|advance`, `demo`, `bench-sla`.
//! - [`edit`]: opening, updating and resolving incidents, scheduling maintenance and moving it
//!   on by the clock as pure functions on a region's data, and [`edit::edit_region`], which
//!   reads the files, validates the edited site in memory and writes only a valid result
//!   ([`edit::advance_site`] does so for every region; the subscription service calls it too).
//! - [`publish`]: the published site around the apps: the data read and validated once
//!   ([`publish::data`], [`publish::site`]), feeds ([`publish::atom`], [`publish::rss`]), calendars
//!   ([`publish::ical`]), badges ([`publish::badge`]), pre-rendered pages
//!   ([`publish::prerender`]) and language packs.
//! - [`store`]: the data folder on disk: the lock that serialises edits and the journal that
//!   makes an edit of several files all-or-nothing.

pub mod cli;
pub mod edit;
pub mod publish;
pub mod store;
