//! Publishing for subscribers, native only (it reads and writes files): the build turns the
//! status data into the static site around the apps.
//!
//! - [`data`]: reads and validates the data once ([`load_site`], through [`files`]).
//! - [`site`]: lists every published file ([`site_files`], [`language_packs`]), then writes them
//!   ([`publish_site`]) with pre-compressed twins.
//! - feeds: Atom and RSS per region and per component ([`feed`] gathers the entries,
//!   [`atom`] and [`rss`] write them, [`html`] turns incident messages into escaped HTML).
//! - calendars: iCalendar feeds of maintenance ([`ical`]).
//! - badges: SVG status badges ([`badge`]).
//! - [`prerender`]: each region's current state written into its page, so the status shows
//!   before the wasm has loaded and with JavaScript off; [`modules`] names the modules the
//!   status pages load on demand.
//! - [`critical`]: the status pages' styles inline and the app's preloads run only with
//!   JavaScript on, so the first response alone paints a page and nothing is fetched for the
//!   app with JavaScript off.
//! - [`scripts`]: the built pages' inline modules moved into files of their own, and the
//!   hashes of the inline scripts and styles that stay; [`csp`] writes the strict
//!   Content-Security-Policy that allows them (`_headers`). [`tags`] finds tags in a page.
//! - [`text`]: the XML escaping and one-line texts the formats share.
//! - [`zones`]: the SLA calendars' time-zone rules checked against tzdata for the years each
//!   is verified for; publishing refuses a calendar that disagrees.
//!
//! Each format is a pure function from data to a `String` ([`atom::atom_feed`],
//! [`rss::rss_feed`], [`ical::calendar_ics`], [`badge::badge_svg`]); the same data always give
//! the same bytes, so rebuilds keep every id and file stable.

pub mod atom;
pub mod badge;
pub mod critical;
pub mod csp;
pub mod data;
pub mod feed;
pub mod files;
pub mod html;
pub mod ical;
pub mod modules;
pub mod prerender;
pub mod rss;
pub mod scripts;
pub mod site;
pub mod tags;
pub mod text;
pub mod zones;

use std::path::PathBuf;

use beacon_core::status::Problem;

pub use data::{load_site, Site};
pub use files::{MemoryFiles, SiteDir};
pub use site::{language_packs, publish_site, site_files};

/// A file to write: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Why publishing failed.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The data has problems, each with file, JSON path and reason.
    #[error("the site data has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// An output file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}
