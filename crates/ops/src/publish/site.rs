//! Reading a site's data for publishing and writing every feed, calendar and badge.
//!
//! Layout under the output folder (the site root):
//! - `feeds/<region>.atom`, `feeds/<region>.rss`, `feeds/<region>/<component>.atom`
//! - `calendars/<region>.ics`, `calendars/<region>/<maintenance-id>.ics`
//! - `badges/<region>.svg`, `badges/<region>/<component>.svg`
//! - `data/<region>/history/recent.json`, `index.json` and `<quarter>.json`: the region's
//!   history split so the live page downloads the last 90 days only and each history page its
//!   quarter ([`beacon_core::status::archive`], paths from [`beacon_core::layout`])
//! - `<region>/api/v2/*.json`: the region as Statuspage's public v2 API
//!   ([`beacon_core::status::v2`])
//! - `i18n/<tag>.<hash>.json`: each non-English language's interface texts, for the browser
//!   apps to load on demand ([`language_packs`], [`beacon_core::i18n::pack`])
//! - `<region>/index.html`, `index.html`: the built
//!   page with each region's status pre-rendered ([`super::prerender`]), when the output folder
//!   holds the built `index.html`

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

use beacon_core::i18n::pack::{pack_file, pack_json};
use beacon_core::i18n::Lang;
use beacon_core::layout::{history_index, history_period, recent_history, v2_endpoint};
use beacon_core::status::archive::split_history;
use beacon_core::status::limits::id_problem;
use beacon_core::status::v2::v2_files;
use beacon_core::status::Problem;
use beacon_core::words::{indicator_words, status_word};

use super::atom::atom_feed;
use super::badge::{badge_svg, Tone};
use super::critical::inline_stylesheets;
use super::csp::{site_policy, write_policy};
use super::data::{load_site, Site};
use super::feed::feed;
use super::files::files_under;
use super::ical::{calendar_ics, event_ics, maintenance_calendar};
use super::prerender::prerendered_pages;
use super::rss::rss_feed;
use super::scripts::externalize_scripts;
use super::{OutputFile, PublishError};

/// Every file published for `site`, in a fixed order. `site_url` is the address the output
/// folder is served at, ending in `/` (an absolute URL, or a path such as `/` or `/beacon/`).
pub fn site_files(site: &Site, site_url: &str) -> Result<Vec<OutputFile>, PublishError> {
    let site_url = with_trailing_slash(site_url);
    let site_name = &site.config.site_name;
    let mut files = Vec::new();
    let mut add = |path: String, contents: String| files.push(OutputFile { path, contents });
    for data in &site.regions {
        let region = &data.region.id;
        let summary_file = data.region.summary_url.trim_start_matches('/');
        let path = format!("feeds/{region}.atom");
        let region_feed = feed(
            data,
            site_name,
            &site_url,
            &format!("{site_url}{path}"),
            None,
        );
        add(path, atom_feed(&region_feed));
        let path = format!("feeds/{region}.rss");
        let rss = feed(
            data,
            site_name,
            &site_url,
            &format!("{site_url}{path}"),
            None,
        );
        add(path, rss_feed(&rss));

        let calendar = maintenance_calendar(data, site_name, &site_url);
        add(format!("calendars/{region}.ics"), calendar_ics(&calendar));
        for event in &calendar.events {
            if let Some(reason) = id_problem(&event.maintenance_id) {
                return Err(unsafe_id(summary_file, &event.maintenance_id, &reason));
            }
            add(
                format!("calendars/{region}/{}.ics", event.maintenance_id),
                event_ics(&calendar, event),
            );
        }

        let history_file = data.region.history_url.trim_start_matches('/');
        let split = split_history(&data.summary, &data.history, site.as_of);
        add(recent_history(history_file), to_json(&split.recent));
        add(history_index(history_file), to_json(&split.index));
        for (period, incidents) in &split.periods {
            add(history_period(history_file, *period), to_json(incidents));
        }

        for (endpoint, json) in v2_files(&data.summary, &data.history, site.as_of) {
            add(v2_endpoint(region, &endpoint), json);
        }

        let status = &data.summary.status.indicator;
        add(
            format!("badges/{region}.svg"),
            badge_svg(
                &data.region.name,
                indicator_words(status, Lang::English),
                Tone::of_indicator(status),
            ),
        );
        for (n, component) in data.summary.components.iter().enumerate() {
            if let Some(reason) = id_problem(&component.id) {
                return Err(PublishError::Invalid(vec![Problem::new(
                    summary_file,
                    format!("components[{n}].id"),
                    reason,
                )]));
            }
            let path = format!("feeds/{region}/{}.atom", component.id);
            let component_feed = feed(
                data,
                site_name,
                &site_url,
                &format!("{site_url}{path}"),
                Some(component),
            );
            add(path, atom_feed(&component_feed));
            let status = beacon_core::status::overall::group_status(&data.summary, component);
            add(
                format!("badges/{region}/{}.svg", component.id),
                badge_svg(
                    &component.name,
                    status_word(&status, Lang::English),
                    Tone::of_component(&status),
                ),
            );
        }
    }
    Ok(files)
}

/// The language packs: every language but English (compiled into the apps) as
/// `i18n/<tag>.<hash>.json`, written from the same compiled tables the apps were built with.
pub fn language_packs() -> Vec<OutputFile> {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            Some(OutputFile {
                path: pack_file(lang)?,
                contents: pack_json(lang),
            })
        })
        .collect()
}

/// `value` as compact JSON (published data files are read by programs, not people).
fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

/// `site_url` ending in `/`, as every published address is joined to it.
fn with_trailing_slash(site_url: &str) -> String {
    if site_url.ends_with('/') {
        site_url.to_owned()
    } else {
        format!("{site_url}/")
    }
}

/// The error for a maintenance id that cannot name a file, with `reason` from the id rule.
fn unsafe_id(file: &str, id: &str, reason: &str) -> PublishError {
    PublishError::Invalid(vec![Problem::new(
        file,
        "",
        format!("maintenance id {id:?} cannot name its calendar file: {reason}"),
    )])
}

/// Validates the site in `public_dir` and writes every published file under `out_dir`;
/// returns the paths written. When `out_dir` holds the built status app's `index.html` (as
/// `.ci/dist` lays it out), the pre-rendered pages are written from it too, with the status
/// pages' styles inline ([`super::critical`]). Every page's inline modules then move into files
/// of their own ([`super::scripts`]) and the site's Content-Security-Policy, which allows the
/// inline scripts and styles that stay by their hashes, is written to `_headers`
/// ([`super::csp`]): the site needs no `'unsafe-inline'`.
pub fn publish_site(
    public_dir: &Path,
    out_dir: &Path,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>, PublishError> {
    let site = load_site(public_dir, now)?;
    super::zones::verify_sla_zones(public_dir)?;
    let mut files = site_files(&site, site_url)?;
    files.extend(language_packs());
    let shell_path = out_dir.join("index.html");
    if shell_path.is_file() {
        let shell = std::fs::read_to_string(&shell_path).map_err(|err| {
            PublishError::Invalid(vec![Problem::new(
                "index.html",
                "",
                format!("cannot read the built page: {err}"),
            )])
        })?;
        let site_url = with_trailing_slash(site_url);
        let shell = inline_stylesheets(&shell, out_dir, &site_url)?;
        files.extend(prerendered_pages(&site, &shell, &site_url, now)?);
    }
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let path = out_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| PublishError::Write {
                path: parent.into(),
                source,
            })?;
        }
        std::fs::write(&path, file.contents).map_err(|source| PublishError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    let scripts = externalize_scripts(out_dir, &with_trailing_slash(site_url))?;
    written.extend(scripts.written);
    let signup = site.config.subscriptions.signup_url.as_deref();
    written.push(write_policy(
        out_dir,
        &site_policy(&scripts.inline, signup),
    )?);
    written.extend(precompress(out_dir)?);
    Ok(written)
}

/// Extensions worth serving pre-compressed (text and wasm; images are already compressed).
const COMPRESSIBLE: &[&str] = &[
    "html", "js", "wasm", "css", "json", "svg", "atom", "rss", "ics", "xml",
];

/// Writes `<file>.gz` (gzip, best compression) and `<file>.br` (brotli) beside every
/// compressible file of at least 1 KiB under `dir`, so hosts with `gzip_static on` /
/// `brotli_static on` (nginx) or equivalent serve them without compressing on every request.
/// The wasm modules, the bulk of what a visitor downloads and few in number, get brotli's best
/// quality (11: about a tenth fewer bytes than quality 9, e.g. 254 -> 229 KB for the status
/// app); the hundreds of small pages and data files get quality 9, which is many times faster
/// for nearly the same size. Existing twins are rewritten, never compressed again.
pub fn precompress(dir: &Path) -> Result<Vec<PathBuf>, PublishError> {
    use std::io::Write;
    let mut written = Vec::new();
    // Listed before any twin is written, so a twin is never compressed again.
    for path in files_under(dir)? {
        let compressible = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if !compressible || bytes.len() < 1024 {
            continue;
        }
        let twin = |ext: &str| PathBuf::from(format!("{}.{ext}", path.display()));
        let (gz_path, br_path) = (twin("gz"), twin("br"));
        let gz_error = |source| PublishError::Write {
            path: gz_path.clone(),
            source,
        };
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes).map_err(gz_error)?;
        std::fs::write(&gz_path, gzip.finish().map_err(gz_error)?).map_err(gz_error)?;
        written.push(gz_path);

        let br_error = |source| PublishError::Write {
            path: br_path.clone(),
            source,
        };
        let mut brotli = Vec::new();
        // A window just big enough for the file: the same output, far less set-up per
        // small file (a build has hundreds of pre-rendered pages).
        let window = (usize::BITS - bytes.len().leading_zeros()).clamp(10, 24) as i32;
        let wasm = path.extension().is_some_and(|ext| ext == "wasm");
        let params = brotli::enc::BrotliEncoderParams {
            quality: if wasm { 11 } else { 9 },
            lgwin: window,
            size_hint: bytes.len(),
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).map_err(br_error)?;
        std::fs::write(&br_path, brotli).map_err(br_error)?;
        written.push(br_path);
    }
    Ok(written)
}
