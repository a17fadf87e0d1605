//! Linking a module loaded on demand (`beacon_browser::lazy`) into the page that loads it: the
//! build reads the module's content-hashed file names from the page Trunk built for it and
//! writes them into the built `index.html` of the page's folder as a `<meta>` tag — the status
//! pages' shell at the site root, which the pre-rendered pages then copy, or the SLA embed's in
//! `embed/sla/`. The module's page itself is not published.

use std::path::Path;

use beacon_core::layout::{meta_name, ModuleFiles};
use beacon_core::status::Problem;

use super::tags::start_tags;
use super::PublishError;

/// The JS glue and wasm a Trunk-built page loads (`import init, * as bindings from '…js'` and
/// `init({ module_or_path: '…wasm' })`) and the stylesheet it links, if any, as file names
/// without the public URL's folder.
pub fn trunk_module_files(page: &str) -> Option<ModuleFiles> {
    let quoted_after = |marker: &str| {
        let start = page.find(marker)? + marker.len();
        let rest = page[start..].trim_start();
        let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
        let rest = &rest[1..];
        let url = &rest[..rest.find(quote)?];
        Some(url.rsplit('/').next().unwrap_or(url).to_owned())
    };
    let js = quoted_after("* as bindings from")?;
    let wasm = quoted_after("module_or_path:")?;
    let files = ModuleFiles::new(&js, &wasm)?;
    let stylesheet = start_tags(page, "link").into_iter().find_map(|link| {
        let rel = link.attribute("rel")?;
        rel.eq_ignore_ascii_case("stylesheet")
            .then(|| link.attribute("href").map(str::to_owned))
            .flatten()
    });
    match stylesheet {
        Some(href) => files.with_css(href.rsplit('/').next().unwrap_or(&href)),
        None => Some(files),
    }
}

/// `shell` with `module`'s `<meta>` tag (in place of an earlier one) at the end of `<head>`;
/// `None` when it has no `</head>`.
pub fn with_module_meta(shell: &str, module: &str, files: &ModuleFiles) -> Option<String> {
    let mut page = shell.to_owned();
    let earlier = format!("<meta name=\"{}\"", meta_name(module));
    while let Some(start) = page.find(&earlier) {
        let length = page[start..].find('>')? + 1;
        page.replace_range(start..start + length, "");
    }
    let head_end = page.find("</head>")?;
    page.insert_str(head_end, &files.meta_tag(module));
    Some(page)
}

/// Names `module`, built by Trunk as the page `module_page`, in `out_dir/index.html`; its files
/// must be in `out_dir` (beside the page that loads them).
pub fn link_module(out_dir: &Path, module: &str, module_page: &Path) -> Result<(), PublishError> {
    let refused = |file: &Path, reason: String| {
        PublishError::Invalid(vec![Problem::new(
            file.display().to_string(),
            "",
            format!("cannot link the {module} module: {reason}"),
        )])
    };
    let page = std::fs::read_to_string(module_page)
        .map_err(|err| refused(module_page, format!("cannot read its page: {err}")))?;
    let files = trunk_module_files(&page)
        .ok_or_else(|| refused(module_page, "its page names no JS glue and wasm".into()))?;
    for file in [&files.js, &files.wasm].into_iter().chain(&files.css) {
        if !out_dir.join(file).is_file() {
            return Err(refused(module_page, format!("{file} is not in the output")));
        }
    }
    let shell_path = out_dir.join("index.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|err| refused(&shell_path, format!("cannot read the built page: {err}")))?;
    let linked = with_module_meta(&shell, module, &files)
        .ok_or_else(|| refused(&shell_path, "the built page has no </head>".into()))?;
    std::fs::write(&shell_path, linked).map_err(|source| PublishError::Write {
        path: shell_path,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader Trunk 0.21 writes into a built page (minified, under `--public-url /beacon/`).
    const TRUNK_PAGE: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Get updates</title>\
        <script type=module>import init, * as bindings from '/beacon/beacon-subscribe-0123456789abcdef.js';\n\
        const wasm = await init({ module_or_path: '/beacon/beacon-subscribe-0123456789abcdef_bg.wasm' });\n\n\
        window.wasmBindings = bindings;\n</script>\
        <link crossorigin href=/beacon/beacon-subscribe-0123456789abcdef.js rel=modulepreload>\
        <link href=/beacon/subscribe-0123456789abcdef.css integrity=sha384-x rel=stylesheet></head><body></body></html>";

    #[test]
    fn the_module_files_are_read_from_trunks_loader_without_the_folder() {
        let files = trunk_module_files(TRUNK_PAGE).unwrap();
        assert_eq!(files.js, "beacon-subscribe-0123456789abcdef.js");
        assert_eq!(files.wasm, "beacon-subscribe-0123456789abcdef_bg.wasm");
        assert_eq!(files.css.as_deref(), Some("subscribe-0123456789abcdef.css"));
        let at_root = TRUNK_PAGE.replace("/beacon/", "/");
        assert_eq!(trunk_module_files(&at_root), Some(files));
    }

    #[test]
    fn a_page_without_a_loader_names_no_module() {
        assert_eq!(trunk_module_files("<html><head></head></html>"), None);
        let no_wasm = TRUNK_PAGE.replace("module_or_path", "path");
        assert_eq!(trunk_module_files(&no_wasm), None);
    }

    #[test]
    fn the_meta_tag_goes_into_the_head_once() {
        let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
        let shell = "<html><head><title>x</title></head><body></body></html>";
        let linked = with_module_meta(shell, "subscribe", &files).unwrap();
        assert_eq!(
            linked,
            "<html><head><title>x</title><meta name=\"beacon-module:subscribe\" content=\"m-1.js\" \
             data-wasm=\"m-1_bg.wasm\"></head><body></body></html>"
        );
        // A second build's names replace the first's.
        let newer = ModuleFiles::new("m-2.js", "m-2_bg.wasm").unwrap();
        let relinked = with_module_meta(&linked, "subscribe", &newer).unwrap();
        assert_eq!(relinked.matches("beacon-module:subscribe").count(), 1);
        assert!(relinked.contains("content=\"m-2.js\""), "{relinked}");
        assert_eq!(with_module_meta("<html></html>", "subscribe", &files), None);
    }

    #[test]
    fn linking_writes_the_names_into_the_built_page_and_refuses_missing_files() {
        let out = std::env::temp_dir().join(format!("beacon-link-module-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let page = out.join("module.html");
        std::fs::write(&page, TRUNK_PAGE).unwrap();
        std::fs::write(
            out.join("index.html"),
            "<html><head></head><body></body></html>",
        )
        .unwrap();
        let refused = link_module(&out, "subscribe", &page);
        assert!(
            matches!(&refused, Err(PublishError::Invalid(problems)) if problems[0].to_string().contains("not in the output")),
            "{refused:?}"
        );
        for file in [
            "beacon-subscribe-0123456789abcdef.js",
            "beacon-subscribe-0123456789abcdef_bg.wasm",
            "subscribe-0123456789abcdef.css",
        ] {
            std::fs::write(out.join(file), "").unwrap();
        }
        link_module(&out, "subscribe", &page).unwrap();
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(
            index.contains("<meta name=\"beacon-module:subscribe\" content=\"beacon-subscribe-0123456789abcdef.js\" data-wasm=\"beacon-subscribe-0123456789abcdef_bg.wasm\" data-css=\"subscribe-0123456789abcdef.css\">"),
            "{index}"
        );
        std::fs::remove_dir_all(&out).unwrap();
    }
}
