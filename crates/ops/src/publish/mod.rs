//! Publishing for subscribers and editing for operators, both native only (they read and write
//! files): the build turns the status data into static Atom and RSS feeds, iCalendar feeds of
//! maintenance and SVG badges ([`site`]); operators open, update and resolve incidents and
//! schedule maintenance without hand-editing JSON ([`edit`]). The build also writes each
//! region's current state into its page ([`prerender`]), so the status shows before the wasm
//! has loaded and with JavaScript off, and names the modules the status pages load on demand
//! ([`modules`]).
//!
//! Each format is a pure function from data to a `String` ([`atom::atom_feed`],
//! [`rss::rss_feed`], [`ical::calendar_ics`], [`badge::badge_svg`]); the same data always give
//! the same bytes, so rebuilds keep every id and file stable.

pub mod atom;
pub mod badge;
pub mod cli;
pub mod edit;
pub mod feed;
pub mod html;
pub mod ical;
pub mod modules;
pub mod prerender;
pub mod rss;
pub mod site;
pub mod text;

use std::path::{Path, PathBuf};

use beacon_core::status::{Problem, SiteFiles};

pub use site::{language_packs, load_site, publish_site, site_files, OutputFile, Site};

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

/// A site's files in a folder on disk (the `public/` folder or a published copy).
#[derive(Debug, Clone, Copy)]
pub struct SiteDir<'a>(pub &'a Path);

impl SiteFiles for SiteDir<'_> {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|error| error.to_string())
    }
}
