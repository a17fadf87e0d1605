//! Where things are on the published site: the one module that knows the file layout the
//! publisher writes and the apps and the subscription service link to. Paths are relative to
//! the site root (the app's base URL) unless they say otherwise.
//!
//! ```text
//! config.json                         the site configuration
//! data/<region>/summary.json          a region's current state (Statuspage format)
//! data/<region>/history.json          its incident history as the operator keeps it; published
//!                                     split into (see [`crate::status::archive`]):
//! data/<region>/history/recent.json     the last 90 days, all the live page downloads
//! data/<region>/history/index.json      the quarters with incidents, and their counts
//! data/<region>/history/<2026-q3>.json  one quarter, downloaded by its history page only
//! policies/index.json, policies/*.json, policies/calendars/*.json   the SLA calculator's data
//! i18n/<lang>.<hash>.json             a language pack
//! feeds/<region>.atom|.rss            a region's incidents as feeds
//! feeds/<region>/<component>.atom     one section's incidents
//! calendars/<region>.ics              a region's maintenance calendar
//! calendars/<region>/<maintenance>.ics  one maintenance
//! badges/<region>.svg, badges/<region>/<component>.svg   status badges
//! <region>/api/v2/summary.json, …     the region as Statuspage's public v2 API
//! ```

use crate::html::escape;
use crate::period::Period;
use crate::route::Route;

/// The site configuration.
pub const CONFIG_FILE: &str = "config.json";

/// The folder of the SLA calculator's policies and calendars.
pub const POLICIES_DIR: &str = "policies/";

/// The list of policies the calculator offers.
pub const POLICY_INDEX: &str = "policies/index.json";

/// The global (on `window`) where a pre-rendered page keeps the responses it started fetching
/// while it was parsed, by file, for the app's first read.
pub const EARLY_FETCHES: &str = "beaconEarly";

/// How long the apps wait for a data file (the configuration, a region's data, a policy, a
/// language pack, the dialog's module), in milliseconds, before they give up on that request and
/// say so; polling and the visitor's next action ask again.
pub const DATA_TIMEOUT_MS: u32 = 20_000;

/// How long "Get updates" waits for the sign-up service's answer, in milliseconds, before it
/// says the sign-up could not be sent (the form keeps what was typed, to send again).
pub const SIGNUP_TIMEOUT_MS: u32 = 15_000;

/// The folder a region's published history is split into, beside its history file:
/// `data/emea/history.json` → `data/emea/history/`.
fn history_dir(history_url: &str) -> String {
    let stem = history_url.strip_suffix(".json").unwrap_or(history_url);
    format!("{stem}/")
}

/// The recent part of a region's history (the live page's), for the region whose
/// `history_url` is given.
///
/// ```
/// use beacon_core::layout::{history_index, history_period, recent_history};
/// use beacon_core::period::Period;
///
/// assert_eq!(recent_history("data/emea/history.json"), "data/emea/history/recent.json");
/// assert_eq!(history_index("data/emea/history.json"), "data/emea/history/index.json");
/// let q3 = Period::parse("2026-q3").unwrap();
/// assert_eq!(history_period("data/emea/history.json", q3), "data/emea/history/2026-q3.json");
/// ```
pub fn recent_history(history_url: &str) -> String {
    format!("{}recent.json", history_dir(history_url))
}

/// The index of a region's history periods ([`crate::status::archive::HistoryIndex`]).
pub fn history_index(history_url: &str) -> String {
    format!("{}index.json", history_dir(history_url))
}

/// One quarter of a region's history.
pub fn history_period(history_url: &str, period: Period) -> String {
    format!("{}{period}.json", history_dir(history_url))
}

/// A region's Atom feed.
pub fn region_atom(region: &str) -> String {
    format!("feeds/{region}.atom")
}

/// One of a region's Statuspage v2 API endpoints (`endpoint` from
/// [`crate::status::v2::ENDPOINTS`], e.g. `incidents/unresolved.json`).
pub fn v2_endpoint(region: &str, endpoint: &str) -> String {
    format!("{region}/api/v2/{endpoint}")
}

/// A region's RSS 2.0 feed.
pub fn region_rss(region: &str) -> String {
    format!("feeds/{region}.rss")
}

/// The Atom feed of one component (a group's covers its members).
pub fn component_atom(region: &str, component_id: &str) -> String {
    format!("feeds/{region}/{component_id}.atom")
}

/// A region's maintenance calendar.
pub fn region_calendar(region: &str) -> String {
    format!("calendars/{region}.ics")
}

/// One maintenance as a calendar file of its own.
pub fn event_calendar(region: &str, maintenance_id: &str) -> String {
    format!("calendars/{region}/{maintenance_id}.ics")
}

/// A region's status badge.
pub fn region_badge(region: &str) -> String {
    format!("badges/{region}.svg")
}

/// One component's status badge.
pub fn component_badge(region: &str, component_id: &str) -> String {
    format!("badges/{region}/{component_id}.svg")
}

/// The absolute addresses of what `beacon-ops publish` writes for one region .
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedLinks {
    site: String,
    region: String,
}

impl PublishedLinks {
    /// Links for `region` on the site served at `site_root` (an absolute URL; a missing final
    /// `/` is added).
    pub fn new(site_root: &str, region: &str) -> Self {
        let site = if site_root.ends_with('/') {
            site_root.to_owned()
        } else {
            format!("{site_root}/")
        };
        Self {
            site,
            region: region.to_owned(),
        }
    }

    /// The region's status page.
    pub fn page(&self) -> String {
        format!("{}{}", self.site, Route::Region(self.region.clone()).path())
    }

    /// The region's Atom feed.
    pub fn atom(&self) -> String {
        format!("{}{}", self.site, region_atom(&self.region))
    }

    /// The region's RSS 2.0 feed.
    pub fn rss(&self) -> String {
        format!("{}{}", self.site, region_rss(&self.region))
    }

    /// The Atom feed of one component (a group's covers its members).
    pub fn component_atom(&self, component_id: &str) -> String {
        format!(
            "{}{}",
            self.site,
            component_atom(&self.region, component_id)
        )
    }

    /// The region's maintenance calendar over http(s), for download or "subscribe by URL".
    pub fn calendar(&self) -> String {
        format!("{}{}", self.site, region_calendar(&self.region))
    }

    /// One maintenance as its own calendar file, for "add to my calendar".
    pub fn event_calendar(&self, maintenance_id: &str) -> String {
        format!(
            "{}{}",
            self.site,
            event_calendar(&self.region, maintenance_id)
        )
    }

    /// The region's maintenance calendar as a `webcal://` address, which calendar apps open as a
    /// subscription.
    pub fn webcal(&self) -> String {
        let calendar = self.calendar();
        let without_scheme = calendar
            .strip_prefix("https://")
            .or_else(|| calendar.strip_prefix("http://"))
            .unwrap_or(&calendar);
        format!("webcal://{without_scheme}")
    }

    /// The region's status badge.
    pub fn badge(&self) -> String {
        format!("{}{}", self.site, region_badge(&self.region))
    }

    /// One component's status badge.
    pub fn component_badge(&self, component_id: &str) -> String {
        format!(
            "{}{}",
            self.site,
            component_badge(&self.region, component_id)
        )
    }
}

/// A badge linking to the status page, as Markdown for READMEs.
pub fn badge_markdown(alt: &str, badge_url: &str, page_url: &str) -> String {
    let alt: String = alt
        .chars()
        .flat_map(|c| match c {
            '[' | ']' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("[![{alt}]({badge_url})]({page_url})")
}

/// A badge linking to the status page, as HTML for intranets.
pub fn badge_html(alt: &str, badge_url: &str, page_url: &str) -> String {
    format!(
        "<a href=\"{}\"><img src=\"{}\" alt=\"{}\"></a>",
        escape(page_url),
        escape(badge_url),
        escape(alt)
    )
}

/// The "Get updates" dialog (`src/bin/beacon-subscribe.rs` of the status app).
pub const SUBSCRIBE: &str = "subscribe";

/// The SLA embed's "If you filed now" due times (`crates/embed/src/bin/beacon-embed-filed-now.rs`),
/// loaded only when the embed is asked for them (`due=1`).
pub const FILED_NOW: &str = "filed-now";

/// The `name` of the `<meta>` tag naming `module`'s files.
pub fn meta_name(module: &str) -> String {
    format!("beacon-module:{module}")
}

/// A module's files, as names relative to the site root (Trunk writes them there): its code
/// and, when it has one, its stylesheet, which the page loads with the module rather than up
/// front, so the styles of a dialog few visitors open never delay the page's first paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    /// The wasm-bindgen JS glue (`--target web`: its default export is `init`).
    pub js: String,
    /// The wasm module.
    pub wasm: String,
    /// The module's stylesheet, if any.
    pub css: Option<String>,
}

impl ModuleFiles {
    /// The files if both are plain file names (letters, digits, `-`, `_`, `.`; no folder), the
    /// first ending in `.js`, the second in `.wasm`.
    pub fn new(js: &str, wasm: &str) -> Option<Self> {
        (plain_file_name(js, ".js") && plain_file_name(wasm, ".wasm")).then(|| Self {
            js: js.to_owned(),
            wasm: wasm.to_owned(),
            css: None,
        })
    }

    /// These files with the stylesheet `css` (a plain file name ending in `.css`).
    ///
    /// ```
    /// use beacon_core::layout::ModuleFiles;
    /// let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
    /// assert_eq!(files.clone().with_css("m-2.css").unwrap().css.as_deref(), Some("m-2.css"));
    /// assert_eq!(files.with_css("../m.css"), None);
    /// ```
    pub fn with_css(self, css: &str) -> Option<Self> {
        plain_file_name(css, ".css").then(|| Self {
            css: Some(css.to_owned()),
            ..self
        })
    }

    /// The `<meta>` tag naming these files for `module` (the names need no escaping).
    pub fn meta_tag(&self, module: &str) -> String {
        let css = self
            .css
            .as_ref()
            .map(|css| format!(" data-css=\"{css}\""))
            .unwrap_or_default();
        format!(
            "<meta name=\"{}\" content=\"{}\" data-wasm=\"{}\"{css}>",
            meta_name(module),
            self.js,
            self.wasm
        )
    }

    /// The address of the JS glue, relative to the site root, for load attempt `attempt`
    /// (0 first). A retry asks for it under another address: browsers remember a failed
    /// `import()` of an address for the rest of the page's life.
    pub fn js_address(&self, attempt: u32) -> String {
        if attempt == 0 {
            self.js.clone()
        } else {
            format!("{}?attempt={attempt}", self.js)
        }
    }
}

/// True for a plain file name (letters, digits, `-`, `_`, `.`; no folder) ending in `ext`.
fn plain_file_name(name: &str, ext: &str) -> bool {
    name.len() > ext.len()
        && name.ends_with(ext)
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_files_are_plain_names_of_the_right_kind() {
        let files = ModuleFiles::new(
            "beacon-subscribe-0123456789abcdef.js",
            "beacon-subscribe-0123456789abcdef_bg.wasm",
        )
        .unwrap();
        assert_eq!(files.js, "beacon-subscribe-0123456789abcdef.js");
        for (js, wasm) in [
            ("/beacon-subscribe.js", "beacon-subscribe_bg.wasm"),
            ("a/b.js", "b_bg.wasm"),
            ("beacon.wasm", "beacon_bg.wasm"),
            ("beacon.js", "beacon_bg.js"),
            (".js", "b.wasm"),
            ("x\".js", "b.wasm"),
            ("x.js", "b.wasm onerror=x"),
            ("..js", "b.wasm"),
        ] {
            assert_eq!(ModuleFiles::new(js, wasm), None, "{js} {wasm}");
        }
    }

    #[test]
    fn the_meta_tag_names_both_files() {
        let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
        assert_eq!(
            files.meta_tag(SUBSCRIBE),
            "<meta name=\"beacon-module:subscribe\" content=\"m-1.js\" data-wasm=\"m-1_bg.wasm\">"
        );
        let styled = files.with_css("m-1.css").unwrap();
        assert_eq!(
            styled.meta_tag(SUBSCRIBE),
            "<meta name=\"beacon-module:subscribe\" content=\"m-1.js\" data-wasm=\"m-1_bg.wasm\" data-css=\"m-1.css\">"
        );
    }

    #[test]
    fn a_retry_imports_the_glue_under_a_new_address() {
        let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
        assert_eq!(files.js_address(0), "m-1.js");
        assert_eq!(files.js_address(1), "m-1.js?attempt=1");
        assert_ne!(files.js_address(2), files.js_address(1));
    }

    #[test]
    fn published_links_follow_the_publish_layout() {
        let links = PublishedLinks::new("https://status.example.com/beacon", "emea");
        assert_eq!(links.page(), "https://status.example.com/beacon/emea/");
        assert_eq!(
            links.atom(),
            "https://status.example.com/beacon/feeds/emea.atom"
        );
        assert_eq!(
            links.rss(),
            "https://status.example.com/beacon/feeds/emea.rss"
        );
        assert_eq!(
            links.component_atom("em-backups"),
            "https://status.example.com/beacon/feeds/emea/em-backups.atom"
        );
        assert_eq!(
            links.calendar(),
            "https://status.example.com/beacon/calendars/emea.ics"
        );
        assert_eq!(
            links.webcal(),
            "webcal://status.example.com/beacon/calendars/emea.ics"
        );
        assert_eq!(
            links.event_calendar("g28gsyh2r7jv"),
            "https://status.example.com/beacon/calendars/emea/g28gsyh2r7jv.ics"
        );
        assert_eq!(
            links.component_badge("em-website"),
            "https://status.example.com/beacon/badges/emea/em-website.svg"
        );
    }

    #[test]
    fn badge_snippets_escape_names_from_the_data() {
        assert_eq!(
            badge_markdown("EMEA [beta]", "https://s/b.svg", "https://s/emea"),
            "[![EMEA \\[beta\\]](https://s/b.svg)](https://s/emea)"
        );
        assert_eq!(
            badge_html("R&D \"status\"", "https://s/b.svg", "https://s/emea"),
            "<a href=\"https://s/emea\"><img src=\"https://s/b.svg\" alt=\"R&amp;D &quot;status&quot;\"></a>"
        );
    }
}
