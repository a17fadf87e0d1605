//! Pages without inline scripts, so the site runs under a strict Content-Security-Policy
//! (`script-src 'self' 'wasm-unsafe-eval'`, no `'unsafe-inline'`, no hashes to keep in step).
//!
//! Every built page carries inline scripts: Trunk's module loader, the early theme choice, the
//! status app's `import()` helper, and the pre-rendered pages' early fetch and snapshot
//! translator. The publisher moves each of them into a file of its own at the site root,
//! `beacon-script-<hash>.js` named by the FNV-1a hash of its text, and writes
//! `<script ... src="<site>beacon-script-<hash>.js"></script>` in its place. The tag keeps its
//! attributes (`type=module`, `id`), so each script runs at the same point as before: a classic
//! script still blocks the parser where it stood, a module still runs after parsing. Pages that
//! share a script (every page of a region shares its translator) share the file.
//!
//! Data blocks (`type="application/json"`, the site configuration a page carries) are not
//! scripts to the browser and stay where they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use beacon_core::hash::{fnv1a, FNV_OFFSET};

use super::files::files_under;
use super::PublishError;

/// How each moved script's file name starts.
pub const SCRIPT_PREFIX: &str = "beacon-script-";

/// `page` with every inline script replaced by a `<script src>` under `site_url` (ending in
/// `/`), and the moved scripts by file name (relative to the site root).
///
/// ```
/// use beacon_ops::publish::scripts::external_scripts;
/// let (page, files) = external_scripts(
///     "<head><script>document.title = 'x';</script><script type=application/json>{}</script></head>",
///     "/beacon/",
/// );
/// let (name, text) = files.iter().next().unwrap();
/// assert_eq!(text, "document.title = 'x';");
/// assert_eq!(
///     page,
///     format!("<head><script src=\"/beacon/{name}\"></script><script type=application/json>{{}}</script></head>")
/// );
/// ```
pub fn external_scripts(page: &str, site_url: &str) -> (String, BTreeMap<String, String>) {
    let mut out = String::with_capacity(page.len());
    let mut files = BTreeMap::new();
    let mut rest = page;
    while let Some(open) = find_ascii_ci(rest, "<script") {
        let after_name = &rest[open + "<script".len()..];
        let at_tag = after_name
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace());
        let Some(tag_end) = at_tag.then(|| start_tag_end(after_name)).flatten() else {
            out.push_str(&rest[..open + "<script".len()]);
            rest = after_name;
            continue;
        };
        let attributes = &after_name[..tag_end];
        let body_start = &after_name[tag_end + 1..];
        let Some(close) = find_ascii_ci(body_start, "</script") else {
            break;
        };
        let text = &body_start[..close];
        out.push_str(&rest[..open]);
        let inline = !has_attribute(attributes, "src") && runs_as_script(attributes);
        if inline && !text.is_empty() {
            let name = format!(
                "{SCRIPT_PREFIX}{:016x}.js",
                fnv1a(FNV_OFFSET, text.as_bytes())
            );
            out.push_str(&format!(
                "<script{} src=\"{site_url}{name}\"></script",
                attributes.trim_end().trim_end_matches('/')
            ));
            files.insert(name, text.to_owned());
        } else {
            // A data block, a script with `src`, or an empty one (which never runs).
            let whole = "<script".len() + tag_end + 1 + close + "</script".len();
            out.push_str(&rest[open..open + whole]);
        }
        rest = &body_start[close + "</script".len()..];
    }
    out.push_str(rest);
    (out, files)
}

/// Rewrites every `.html` page under `out_dir` with [`external_scripts`] and writes the moved
/// scripts at its root; returns the script files written.
pub fn externalize_scripts(out_dir: &Path, site_url: &str) -> Result<Vec<PathBuf>, PublishError> {
    let write = |path: &Path, contents: &str| {
        std::fs::write(path, contents).map_err(|source| PublishError::Write {
            path: path.to_path_buf(),
            source,
        })
    };
    let mut scripts = BTreeMap::new();
    for path in files_under(out_dir)? {
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let page = std::fs::read_to_string(&path).map_err(|source| PublishError::Write {
            path: path.clone(),
            source,
        })?;
        let (rewritten, moved) = external_scripts(&page, site_url);
        if moved.is_empty() && rewritten == page {
            continue;
        }
        write(&path, &rewritten)?;
        scripts.extend(moved);
    }
    let mut written = Vec::with_capacity(scripts.len());
    for (name, text) in scripts {
        let path = out_dir.join(name);
        write(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The index of the `>` that ends a start tag whose attributes begin `tag`, skipping quoted
/// values.
fn start_tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(at),
            (None, _) => {}
        }
    }
    None
}

/// The attributes of a start tag as (lowercase name, value) pairs.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (text, left) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    Some(end) => (&after[1..=end], &after[end + 2..]),
                    None => (&after[1..], ""),
                },
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = text.to_owned();
            rest = left;
        }
        if !name.is_empty() {
            found.push((name, value));
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    }
    found
}

/// True when the start tag's attributes include `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    attributes(tag).iter().any(|(found, _)| found == name)
}

/// True when a `<script>` with these attributes is run by the browser (no `type`, a
/// JavaScript MIME type, or `module`), false for data blocks such as `application/json`.
fn runs_as_script(tag: &str) -> bool {
    match attributes(tag).into_iter().find(|(name, _)| name == "type") {
        None => true,
        Some((_, kind)) => {
            let kind = kind.trim().to_ascii_lowercase();
            kind.is_empty()
                || kind == "module"
                || kind == "text/javascript"
                || kind == "application/javascript"
        }
    }
}

/// The byte index of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    hay.windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes into a minified release page.
    const TRUNK_PAGE: &str = "<!doctype html><html lang=en><head><meta charset=utf-8>\
        <script>try{var t=localStorage.getItem(\"beacon.theme\")}catch(e){}</script>\
        <base href=/beacon/><link rel=icon href=favicon.svg>\
        <script type=module>import init, * as bindings from '/beacon/beacon-0123.js';\n\
        const wasm = await init({ module_or_path: '/beacon/beacon-0123_bg.wasm' });\n\
        window.wasmBindings = bindings;\n</script>\
        <script type=\"application/json\" id=\"beacon-config\">{\"a\":\"\\u003c/script>\"}</script>\
        <script src=\"/beacon/already.js\" defer></script></head><body><p>text</p></body></html>";

    #[test]
    fn every_inline_script_moves_out_and_data_stays() {
        let (page, files) = external_scripts(TRUNK_PAGE, "/beacon/");
        assert_eq!(files.len(), 2);
        let names: Vec<&String> = files.keys().collect();
        assert!(names.iter().all(|name| name.starts_with(SCRIPT_PREFIX)));
        assert!(files.values().any(|text| text.contains("localStorage")));
        assert!(files.values().any(|text| text.contains("import init")));
        for name in names {
            let tag = format!(" src=\"/beacon/{name}\"></script>");
            assert!(page.contains(&tag), "{page}");
        }
        let module = files
            .iter()
            .find(|(_, t)| t.contains("import init"))
            .unwrap()
            .0;
        assert!(page.contains(&format!(
            "<script type=module src=\"/beacon/{module}\"></script>"
        )));
        assert!(page.contains("<script type=\"application/json\" id=\"beacon-config\">{\"a\":\"\\u003c/script>\"}</script>"));
        assert!(page.contains("<script src=\"/beacon/already.js\" defer></script>"));
        assert!(!page.contains("localStorage"));
        assert!(page.ends_with("<body><p>text</p></body></html>"));
    }

    #[test]
    fn attributes_stay_and_the_same_text_shares_one_file() {
        let page =
            "<SCRIPT id=\"beacon-early\">a()</SCRIPT><script>a()</script><script>b()</script>";
        let (page, files) = external_scripts(page, "/");
        assert_eq!(files.len(), 2);
        let a = files.iter().find(|(_, t)| *t == "a()").unwrap().0;
        assert!(page.starts_with(&format!(
            "<script id=\"beacon-early\" src=\"/{a}\"></script><script src=\"/{a}\"></script>"
        )));
        // Twice changes nothing more.
        let (again, none) = external_scripts(&page, "/");
        assert_eq!(again, page);
        assert!(none.is_empty());
    }

    #[test]
    fn words_that_only_start_like_a_script_tag_are_left_alone() {
        let page = "<scripts>x</scripts><p>&lt;script&gt;</p>";
        assert_eq!(
            external_scripts(page, "/"),
            (page.to_owned(), BTreeMap::new())
        );
    }

    #[test]
    fn pages_in_a_folder_are_rewritten_and_their_scripts_written_once() {
        let dir = std::env::temp_dir().join(format!("beacon-scripts-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("emea/history")).unwrap();
        std::fs::write(dir.join("index.html"), "<script>a()</script>").unwrap();
        std::fs::write(dir.join("emea/history/index.html"), "<script>a()</script>").unwrap();
        std::fs::write(dir.join("notes.txt"), "<script>a()</script>").unwrap();
        let written = externalize_scripts(&dir, "/").unwrap();
        assert_eq!(written.len(), 1);
        assert_eq!(std::fs::read_to_string(&written[0]).unwrap(), "a()");
        let name = written[0].file_name().unwrap().to_str().unwrap().to_owned();
        let expected = format!("<script src=\"/{name}\"></script>");
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            expected
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("emea/history/index.html")).unwrap(),
            expected
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "<script>a()</script>"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
