//! Reading a site's data for publishing and writing every feed, calendar and badge.
//!
//! Layout under the output folder (the site root):
//! - `feeds/<region>.atom`, `feeds/<region>.rss`, `feeds/<region>/<component>.atom`
//! - `calendars/<region>.ics`, `calendars/<region>/<maintenance-id>.ics`
//! - `badges/<region>.svg`, `badges/<region>/<component>.svg`
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
use beacon_core::layout::{v2_endpoint, CONFIG_FILE};
use beacon_core::status::v2::v2_files;
use beacon_core::status::{
    parse_history, parse_summary, validate_site_at, Problem, Region, SiteConfig, SiteFiles,
};

use super::atom::atom_feed;
use super::badge::{badge_svg, Tone};
use super::feed::{feed, RegionData};
use super::files::{MemoryFiles, SiteDir};
use super::ical::{calendar_ics, event_ics, maintenance_calendar};
use super::prerender::prerendered_pages;
use super::rss::rss_feed;
use super::PublishError;

/// A whole site's data, validated.
#[derive(Debug, Clone)]
pub struct Site {
    /// `config.json`.
    pub config: SiteConfig,
    /// Each region's data, in configuration order.
    pub regions: Vec<RegionData>,
    /// The moment the data was validated for, which decides whether a maintenance is under way
    /// in what is published.
    pub as_of: DateTime<Utc>,
}

/// Reads and validates the site in `public_dir` as of `now`; any problem fails with all of them.
/// Each data file is read from disk once: the validator and the parser share that text.
pub fn load_site(public_dir: &Path, now: DateTime<Utc>) -> Result<Site, PublishError> {
    load_site_from(&MemoryFiles::new(SiteDir(public_dir)), now)
}

/// Validates the site held in `files` as of `now` and parses it; any problem fails with all
/// of them.
pub fn load_site_from<F: SiteFiles>(
    files: &MemoryFiles<F>,
    now: DateTime<Utc>,
) -> Result<Site, PublishError> {
    let problems = validate_site_at(files, now);
    if !problems.is_empty() {
        return Err(PublishError::Invalid(problems));
    }
    let config =
        SiteConfig::from_json(CONFIG_FILE, &files.text(CONFIG_FILE).map_err(one)?).map_err(one)?;
    let regions = config
        .regions
        .iter()
        .map(|region| load_region(files, region))
        .collect::<Result<_, _>>()?;
    Ok(Site {
        config,
        regions,
        as_of: now,
    })
}

/// Parses one region's summary and history.
fn load_region<F: SiteFiles>(
    files: &MemoryFiles<F>,
    region: &Region,
) -> Result<RegionData, PublishError> {
    let summary_file = local_file(&region.summary_url)?;
    let history_file = local_file(&region.history_url)?;
    let summary =
        parse_summary(summary_file, &files.text(summary_file).map_err(one)?).map_err(one)?;
    let history =
        parse_history(history_file, &files.text(history_file).map_err(one)?).map_err(one)?;
    Ok(RegionData {
        region: region.clone(),
        summary,
        history,
    })
}

/// The site-relative path of a data address; remote data cannot be published from.
pub fn local_file(url: &str) -> Result<&str, PublishError> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(PublishError::Invalid(vec![Problem::new(
            url,
            "",
            "remote data files cannot be published from; serve them from the site",
        )]));
    }
    Ok(url.trim_start_matches('/'))
}

/// One problem as an error.
fn one(problem: Problem) -> PublishError {
    PublishError::Invalid(vec![problem])
}

/// A file to write: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// True for ids that are safe as a file name in every URL and file system.
fn is_file_safe(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

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
            if !is_file_safe(&event.maintenance_id) {
                return Err(unsafe_id(summary_file, &event.maintenance_id));
            }
            add(
                format!("calendars/{region}/{}.ics", event.maintenance_id),
                event_ics(&calendar, event),
            );
        }

        for (endpoint, json) in v2_files(&data.summary, &data.history, site.as_of) {
            add(v2_endpoint(region, &endpoint), json);
        }

        let status = &data.summary.status.indicator;
        add(
            format!("badges/{region}.svg"),
            badge_svg(
                &data.region.name,
                status.label(),
                Tone::of_indicator(status),
            ),
        );
        for (n, component) in data.summary.components.iter().enumerate() {
            if !is_file_safe(&component.id) {
                return Err(PublishError::Invalid(vec![Problem::new(
                    summary_file,
                    format!("components[{n}].id"),
                    format!(
                        "{:?} cannot be a file name (letters, digits, - _ . only)",
                        component.id
                    ),
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
                badge_svg(&component.name, status.label(), Tone::of_component(&status)),
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

/// `site_url` ending in `/`, as every published address is joined to it.
fn with_trailing_slash(site_url: &str) -> String {
    if site_url.ends_with('/') {
        site_url.to_owned()
    } else {
        format!("{site_url}/")
    }
}

/// The error for an id that cannot name a file.
fn unsafe_id(file: &str, id: &str) -> PublishError {
    PublishError::Invalid(vec![Problem::new(
        file,
        "",
        format!("maintenance id {id:?} cannot be a file name (letters, digits, - _ . only)"),
    )])
}

/// Validates the site in `public_dir` and writes every published file under `out_dir`;
/// returns the paths written. When `out_dir` holds the built `index.html` (Trunk writes it
/// before running `post_build` hooks), the pre-rendered pages are written from it too.
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
        // `BEACON_ROUTE_PAGES=off` leaves out the per-route folders (`<region>/index.html`,
        // `<region>/history/index.html`, ...): `trunk serve` 0.21 redirects a folder request to its path
        // without the `--public-url` prefix, which breaks serving under a sub-path.
        let route_pages = std::env::var("BEACON_ROUTE_PAGES").map_or(true, |v| v != "off");
        files.extend(
            prerendered_pages(&site, &shell, &with_trailing_slash(site_url), now)?
                .into_iter()
                .filter(|page| route_pages || !page.path.contains('/')),
        );
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
    written.extend(precompress(out_dir)?);
    Ok(written)
}

/// Extensions worth serving pre-compressed (text and wasm; images are already compressed).
const COMPRESSIBLE: &[&str] = &[
    "html", "js", "wasm", "css", "json", "svg", "atom", "rss", "ics", "xml",
];

/// Writes `<file>.gz` (gzip, best compression) and `<file>.br` (brotli, quality 9) beside every
/// compressible file of at least 1 KiB under `dir`, so hosts with `gzip_static on` /
/// `brotli_static on` (nginx) or equivalent serve them without compressing on every request.
/// Brotli saves about a tenth of the gzip bytes (the status page's wasm: 303 -> 271 KB); quality
/// 11 would save a fifth but takes seconds per megabyte in the unoptimised publisher the build
/// hook runs. Existing twins are rewritten, never compressed again.
pub fn precompress(dir: &Path) -> Result<Vec<PathBuf>, PublishError> {
    use std::io::Write;
    let mut written = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| PublishError::Write {
            path: folder.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
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
            let params = brotli::enc::BrotliEncoderParams {
                quality: 9,
                lgwin: window,
                size_hint: bytes.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).map_err(br_error)?;
            std::fs::write(&br_path, brotli).map_err(br_error)?;
            written.push(br_path);
        }
    }
    Ok(written)
}
