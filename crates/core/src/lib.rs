//! Beacon's domain, as plain Rust: everything a status page, the SLA calculator, the
//! subscription service and the operators' tools decide, without a browser, a file or a
//! network in sight, so all of it is tested natively.
//!
//! - [`status`]: the Statuspage data format, the site configuration, the overall banner,
//!   uptime arithmetic, safe incident markup and data validation.
//! - [`sla`]: support policies as data, business calendars and due-time arithmetic, and the
//!   calculator's wording.
//! - [`i18n`]: the languages, the text catalogue ([`i18n::Msg`]) and the language packs.
//! - [`words`]: statuses, impacts and update states in words and looks.
//! - [`notify`]: what changed between two polls, for whom, and the sign-up checks.
//! - [`layout`]: where the published site puts each file; [`route`]: the pages' addresses;
//!   [`period`]: the quarters the history is paged by.
//! - [`dates`]: dates and instants in English words.
//! - [`error`]: the one error for a file Beacon cannot use (file, JSON path, reason).
//! - [`html`] and [`hash`]: the one HTML escaper and the one stable hash; [`sort`]: the one
//!   stable sort.

pub mod dates;
pub mod error;
pub mod hash;
pub mod html;
pub mod i18n;
pub mod layout;
pub mod notify;
pub mod period;
pub mod route;
pub mod sla;
pub mod sort;
pub mod status;
pub mod words;
