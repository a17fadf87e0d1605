//! Client-side routes: parsing a path into a [`Route`] and back, with no browser in sight.
//!
//! The app is served under a base path (`/`, or a sub-path such as `/beacon/` given to
//! `.ci/dist --public-url` or `trunk serve --public-url`);
//! routes here are always relative to that base, and [`Route::href`] and [`Route::parse`] are
//! exact inverses for every route the app links to.

use crate::period::Period;

/// A page of the app, as the visitor's address bar names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the region picked from the visitor's time zone or last choice.
    Home,
    /// `/<region>/`: one region's status page.
    Region(String),
    /// `/<region>/history/`: past incidents of a region, its newest quarter first.
    History(String),
    /// `/<region>/history/<period>/` (e.g. `2026-q3`): one quarter of a region's past incidents,
    /// a stable address to share.
    HistoryPeriod {
        /// The region.
        region: String,
        /// The quarter.
        period: Period,
    },
    /// `/<region>/incidents/<id>/`: one incident or maintenance, with a shareable URL.
    Incident {
        /// The region the incident belongs to.
        region: String,
        /// The incident's id.
        id: String,
    },
    /// `/sla/`: the SLA calculator, an app of its own (`src/bin/beacon-sla.rs`) in its own
    /// folder, so its address ends in a slash.
    Sla,
    /// `/embed/sla/`: the chrome-less SLA widget for an `<iframe>`, a separate small app
    /// (`src/embed.rs`) in its own folder, so its address ends in a slash.
    EmbedSla,
    /// Anything else: the path the visitor asked for, shown on the not-found page.
    NotFound(String),
}

impl Route {
    /// Parses a path relative to the app's base (leading and trailing slashes optional,
    /// query and fragment ignored).
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let is_slug = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match segments.as_slice() {
            [] => Route::Home,
            ["sla"] => Route::Sla,
            ["embed", "sla"] => Route::EmbedSla,
            [region] if is_slug(region) => Route::Region((*region).to_string()),
            [region, "history"] if is_slug(region) => Route::History((*region).to_string()),
            [region, "history", period] if is_slug(region) => match Period::parse(period) {
                Some(period) => Route::HistoryPeriod {
                    region: (*region).to_string(),
                    period,
                },
                None => Route::NotFound(format!("/{}", segments.join("/"))),
            },
            [region, "incidents", id] if is_slug(region) && !id.is_empty() => Route::Incident {
                region: (*region).to_string(),
                id: decode_segment(id),
            },
            _ => Route::NotFound(format!("/{}", segments.join("/"))),
        }
    }

    /// The path of this route relative to the base, without a leading slash
    /// (`""` for home), ready to be joined to the base path. Every page lives in a folder of the
    /// published site (`emea/index.html`), so its address ends in a slash: a host never answers
    /// with a redirect to add one.
    pub fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Region(region) => format!("{}/", encode_segment(region)),
            Route::History(region) => format!("{}/history/", encode_segment(region)),
            Route::HistoryPeriod { region, period } => {
                format!("{}/history/{period}/", encode_segment(region))
            }
            Route::Incident { region, id } => format!(
                "{}/incidents/{}/",
                encode_segment(region),
                encode_segment(id)
            ),
            Route::Sla => "sla/".into(),
            Route::EmbedSla => "embed/sla/".into(),
            Route::NotFound(path) => path.trim_start_matches('/').to_string(),
        }
    }

    /// The equivalent page in another region, so switching regions keeps the visitor's place:
    /// the history stays the history (the same quarter); an incident (ids differ per region) becomes the region's
    /// overview; pages outside the regions lead to the region's overview.
    pub fn same_place_in(&self, region: &str) -> Route {
        match self {
            Route::History(_) => Route::History(region.to_string()),
            Route::HistoryPeriod { period, .. } => Route::HistoryPeriod {
                region: region.to_string(),
                period: *period,
            },
            _ => Route::Region(region.to_string()),
        }
    }

    /// The full href under `base` (which must end with `/`, like a `<base href>`).
    pub fn href(&self, base: &str) -> String {
        format!("{base}{}", self.path())
    }
}

/// `segment` percent-encoded as one path segment: every byte but ASCII letters, digits and
/// `- . _ ~` becomes `%XX`, so an id from the data (`../../sla/`, `a?b#c`) can never climb
/// out of its place in a link or add a query. Valid ids are letters, digits and dashes
/// ([`crate::status::limits::id_problem`]) and come out unchanged.
///
/// ```
/// use beacon_core::route::{decode_segment, encode_segment};
///
/// assert_eq!(encode_segment("tb1xtvj5wamt"), "tb1xtvj5wamt");
/// assert_eq!(encode_segment("../../sla/"), "..%2F..%2Fsla%2F");
/// assert_eq!(decode_segment(&encode_segment("a b?c#é")), "a b?c#é");
/// ```
pub fn encode_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// The text of a percent-encoded path segment (the inverse of [`encode_segment`]); a `%` not
/// followed by two hex digits is kept as it is.
pub fn decode_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// Strips the app's base path (ending in `/`) from an absolute path. Paths outside the base
/// are returned unchanged, so they are reported as not found rather than silently remapped.
pub fn strip_base<'a>(base: &str, absolute_path: &'a str) -> &'a str {
    let trimmed = base.trim_end_matches('/');
    match absolute_path.strip_prefix(trimmed) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => absolute_path,
    }
}

/// Normalises a `<base href>` path to start and end with `/`.
pub fn normalise_base(base_path: &str) -> String {
    let inner = base_path.trim_matches('/');
    if inner.is_empty() {
        "/".into()
    } else {
        format!("/{inner}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_linked_route_round_trips_under_root_and_sub_path() {
        let routes = [
            Route::Home,
            Route::Region("emea".into()),
            Route::History("apac".into()),
            Route::HistoryPeriod {
                region: "emea".into(),
                period: Period::parse("2026-q3").unwrap(),
            },
            Route::Incident {
                region: "americas".into(),
                id: "inc-2026-11-21".into(),
            },
            Route::Sla,
            Route::EmbedSla,
        ];
        for base in ["/", "/beacon/", "/a/b/"] {
            for route in &routes {
                let href = route.href(base);
                assert_eq!(&Route::parse(strip_base(base, &href)), route, "{href}");
                assert!(
                    href.ends_with('/'),
                    "{href}: a folder address needs no redirect"
                );
            }
        }
    }

    #[test]
    fn an_incident_id_stays_one_segment_of_its_link() {
        for id in ["../../sla/", "a?b#c", "x/../../embed/sla", "%2e%2e", "a b"] {
            let route = Route::Incident {
                region: "americas".into(),
                id: id.into(),
            };
            let href = route.href("/beacon/");
            let rest = href.strip_prefix("/beacon/americas/incidents/").unwrap();
            let segment = rest.strip_suffix('/').unwrap();
            assert!(!segment.contains(['/', '?', '#']), "{href}");
            assert_eq!(Route::parse(strip_base("/beacon/", &href)), route, "{href}");
        }
    }

    #[test]
    fn a_stray_percent_is_kept_when_decoding() {
        assert_eq!(decode_segment("100%"), "100%");
        assert_eq!(decode_segment("%zz%4"), "%zz%4");
        assert_eq!(decode_segment("%41%62"), "Ab");
    }

    #[test]
    fn unknown_shapes_are_not_found_with_the_path_kept() {
        assert_eq!(
            Route::parse("/emea/nope/x/y"),
            Route::NotFound("/emea/nope/x/y".into())
        );
        assert_eq!(Route::parse("/EMEA"), Route::NotFound("/EMEA".into()));
        assert_eq!(Route::parse("/embed"), Route::Region("embed".into()));
    }

    #[test]
    fn a_history_period_is_a_quarter_or_not_found() {
        let q3 = Period::parse("2026-q3").unwrap();
        let route = Route::HistoryPeriod {
            region: "emea".into(),
            period: q3,
        };
        assert_eq!(route.path(), "emea/history/2026-q3/");
        assert_eq!(
            Route::parse("/emea/history/2026-q3?section=em-backups&q=x"),
            route
        );
        assert_eq!(Route::parse("emea/history/2026-Q3"), route);
        assert_eq!(
            route.same_place_in("apac"),
            Route::HistoryPeriod {
                region: "apac".into(),
                period: q3
            }
        );
        for bad in [
            "/emea/history/2026-11",
            "/emea/history/q3",
            "/emea/history/2026-q3/x",
        ] {
            assert_eq!(Route::parse(bad), Route::NotFound(bad.into()), "{bad}");
        }
    }

    #[test]
    fn query_fragment_and_slashes_are_ignored() {
        assert_eq!(Route::parse("emea/?tz=utc#x"), Route::Region("emea".into()));
        assert_eq!(Route::parse("//sla//"), Route::Sla);
    }

    #[test]
    fn base_is_stripped_only_at_a_segment_boundary() {
        assert_eq!(strip_base("/beacon/", "/beacon/emea"), "/emea");
        assert_eq!(strip_base("/beacon/", "/beacon"), "");
        assert_eq!(strip_base("/beacon/", "/beaconx/emea"), "/beaconx/emea");
        assert_eq!(strip_base("/", "/emea"), "/emea");
    }

    #[test]
    fn switching_region_keeps_the_place() {
        assert_eq!(
            Route::History("emea".into()).same_place_in("apac"),
            Route::History("apac".into())
        );
        assert_eq!(
            Route::Region("emea".into()).same_place_in("apac"),
            Route::Region("apac".into())
        );
        let incident = Route::Incident {
            region: "emea".into(),
            id: "x".into(),
        };
        assert_eq!(incident.same_place_in("apac"), Route::Region("apac".into()));
        assert_eq!(
            Route::Sla.same_place_in("apac"),
            Route::Region("apac".into())
        );
    }

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalise_base(""), "/");
        assert_eq!(normalise_base("/"), "/");
        assert_eq!(normalise_base("/beacon"), "/beacon/");
        assert_eq!(normalise_base("beacon/x/"), "/beacon/x/");
    }
}
