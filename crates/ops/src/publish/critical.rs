//! What a status page needs for its first paint, in its first response: the pages' styles
//! inline, and nothing fetched before it that the paint would wait for.
//!
//! - [`inline_stylesheets`]: the site's stylesheets a page links are written into it as one
//!   `<style>` (the status pages' styles are a few KB compressed, less than a round trip costs
//!   on a slow link). The dialog's stylesheet is not among them: it is loaded with the dialog.
//! - [`take_preloads`] and [`boot_script`]: Trunk announces the app's JS and wasm with
//!   `<link rel=modulepreload>` / `<link rel=preload>`, which a browser fetches even with
//!   JavaScript off. The pre-rendered pages carry them inside a `<template>` instead, which a
//!   small inline script (the first in the page, after `<base>`) moves into `<head>`: with
//!   JavaScript on they start as early as before; with it off nothing of the app is fetched.
//!   The same script starts fetching the region's `summary.json` and history.

use std::path::Path;

use beacon_core::status::Problem;

use super::tags::{find_ascii_ci, start_tags};
use super::text::escape_xml as escape;
use super::PublishError;

/// The id of the `<template>` holding the app's preloads.
pub const PRELOADS_ID: &str = "beacon-preload";

/// `page` with each stylesheet it links under `site_url` (`<link rel=stylesheet href>`, as
/// Trunk writes them, under the site's path: `/`, `/beacon/`, or the path of an absolute
/// `site_url`) replaced by its text from `out_dir`, all in one `<style>` where the first link
/// stood, in their order. Other links are left alone.
pub fn inline_stylesheets(
    page: &str,
    out_dir: &Path,
    site_url: &str,
) -> Result<String, PublishError> {
    let site_path = match site_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => site_url,
    };
    let refused = |file: &str, reason: String| {
        PublishError::Invalid(vec![Problem::new(
            file,
            "",
            format!("cannot inline the stylesheet into the status pages: {reason}"),
        )])
    };
    let mut styles = String::new();
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    let mut first = None;
    for link in start_tags(page, "link") {
        let is_stylesheet = link
            .attribute("rel")
            .is_some_and(|rel| rel.eq_ignore_ascii_case("stylesheet"));
        let Some(file) = link
            .attribute("href")
            .and_then(|href| href.strip_prefix(site_path))
            .filter(|file| is_stylesheet && !file.is_empty() && !file.contains(".."))
        else {
            continue;
        };
        let text = std::fs::read_to_string(out_dir.join(file))
            .map_err(|err| refused(file, format!("cannot read it: {err}")))?;
        if find_ascii_ci(&text, "</style").is_some() {
            return Err(refused(file, "it contains \"</style\"".into()));
        }
        styles.push_str(text.trim());
        out.push_str(&page[at..link.start]);
        first.get_or_insert(out.len());
        at = link.end;
    }
    out.push_str(&page[at..]);
    if let Some(first) = first {
        out.insert_str(first, &format!("<style>{styles}</style>"));
    }
    Ok(out)
}

/// `page` without Trunk's preloads of the app's JS and wasm (`<link rel=modulepreload>` and
/// `<link rel=preload>` of a `.js` or `.wasm` file), and those tags as they were, in order.
pub fn take_preloads(page: &str) -> (String, String) {
    let mut out = String::with_capacity(page.len());
    let mut taken = String::new();
    let mut at = 0;
    for link in start_tags(page, "link") {
        let rel = link.attribute("rel").unwrap_or("").to_ascii_lowercase();
        let href = link.attribute("href").unwrap_or("");
        let app_file = [".js", ".wasm"].iter().any(|ext| href.ends_with(ext));
        if rel == "modulepreload" || (rel == "preload" && app_file) {
            out.push_str(&page[at..link.start]);
            taken.push_str(&page[link.start..link.end]);
            at = link.end;
        }
    }
    out.push_str(&page[at..]);
    (out, taken)
}

/// The boot script's code: moves the preloads out of their `<template>` into `<head>` and
/// starts fetching the files its `data-fetch` names (a JSON list, relative to the page's base)
/// into `window.beaconEarly`, which the app takes for its first read of each file
/// ([`beacon_core::layout::EARLY_FETCHES`]). Its text is the same on every page.
fn boot_js() -> String {
    format!(
        "(function(d,s){{var t=d.getElementById(\"{PRELOADS_ID}\"),E=window.{EARLY}={{}};\
         if(t)d.head.appendChild(t.content);\
         JSON.parse(s.getAttribute(\"data-fetch\")||\"[]\").forEach(function(f){{\
         E[f]=fetch(f,{{cache:\"no-cache\",signal:AbortSignal.timeout&&AbortSignal.timeout({ms})}}).catch(function(){{}})}})}})\
         (document,document.currentScript)",
        EARLY = beacon_core::layout::EARLY_FETCHES,
        ms = beacon_core::layout::DATA_TIMEOUT_MS
    )
}

/// The `<template>` holding `preloads` (when there are any) and the inline boot script, which
/// also starts fetching `files` (a region's live files, its summary and history,
/// [`beacon_core::status::config::Region::live_files`], relative to the page's base). Only a
/// region's own pages name any: `/` shows the visitor's region, which the build cannot know.
///
/// ```
/// use beacon_ops::publish::critical::boot_script;
/// let html = boot_script("<link rel=modulepreload href=/app.js>", &["data/emea/summary.json", "data/emea/history.json"]);
/// assert!(html.starts_with("<template id=\"beacon-preload\"><link rel=modulepreload href=/app.js></template><script id=\"beacon-boot\" data-fetch=\"[&quot;data/emea/summary.json&quot;,&quot;data/emea/history.json&quot;]\">"));
/// // The script's text is the same whatever it fetches, so one hash allows it everywhere.
/// let code = |html: &str| html.split_once("\">").unwrap().1.to_owned();
/// assert_eq!(code(&boot_script("", &[])), code(&boot_script("", &["x.json"])));
/// ```
pub fn boot_script(preloads: &str, files: &[&str]) -> String {
    let template = if preloads.is_empty() {
        String::new()
    } else {
        format!("<template id=\"{PRELOADS_ID}\">{preloads}</template>")
    };
    let fetch = if files.is_empty() {
        String::new()
    } else {
        let list = serde_json::to_string(files).expect("a list of strings serializes");
        format!(" data-fetch=\"{}\"", escape(&list))
    };
    format!(
        "{template}<script id=\"beacon-boot\"{fetch}>{}</script>",
        boot_js()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HEAD: &str = "<meta charset=utf-8><base href=/beacon/><link href=favicon.svg rel=icon>\
        <link href=/beacon/base-1.css integrity=sha384-x rel=stylesheet><link href=/beacon/main-2.css rel=stylesheet>\
        <link crossorigin href=/beacon/beacon-3.js integrity=sha384-y rel=modulepreload>\
        <link as=fetch crossorigin href=/beacon/beacon-3_bg.wasm rel=preload type=application/wasm>\
        <link rel=preload as=fetch href=/beacon/i18n/de.json crossorigin></head>";

    #[test]
    fn the_sites_stylesheets_become_one_style_in_their_order() {
        let dir = std::env::temp_dir().join(format!("beacon-critical-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("base-1.css"), "body{margin:0}\n").unwrap();
        std::fs::write(dir.join("main-2.css"), "h1{color:red}").unwrap();
        let page = inline_stylesheets(TRUNK_HEAD, &dir, "/beacon/").unwrap();
        let absolute =
            inline_stylesheets(TRUNK_HEAD, &dir, "https://status.example.com/beacon/").unwrap();
        assert_eq!(
            absolute, page,
            "an absolute site address links the same files"
        );
        assert!(
            page.contains("<link href=favicon.svg rel=icon><style>body{margin:0}h1{color:red}</style><link crossorigin"),
            "{page}"
        );
        assert!(!page.contains("rel=stylesheet"));
        std::fs::write(dir.join("main-2.css"), "h1{}</style><script>").unwrap();
        assert!(inline_stylesheets(TRUNK_HEAD, &dir, "/beacon/").is_err());
        std::fs::remove_file(dir.join("main-2.css")).unwrap();
        let missing = inline_stylesheets(TRUNK_HEAD, &dir, "/beacon/");
        assert!(
            matches!(&missing, Err(PublishError::Invalid(p)) if p[0].to_string().contains("main-2.css")),
            "{missing:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_the_apps_preloads_are_taken() {
        let (page, taken) = take_preloads(TRUNK_HEAD);
        assert_eq!(
            taken,
            "<link crossorigin href=/beacon/beacon-3.js integrity=sha384-y rel=modulepreload>\
             <link as=fetch crossorigin href=/beacon/beacon-3_bg.wasm rel=preload type=application/wasm>"
        );
        assert!(!page.contains("beacon-3"));
        assert!(page.contains("i18n/de.json"), "other preloads stay");
        assert_eq!(take_preloads(&page).1, "");
    }
}
