//! Pages that run under a strict Content-Security-Policy: no `'unsafe-inline'`, every inline
//! script and style allowed by its hash, and the policy written by the build ([`super::csp`]).
//!
//! Every built page carries inline scripts: Trunk's module loader, the early theme choice, the
//! status app's `import()` helper, and the pre-rendered pages' boot script (early fetch and the
//! app's preloads) and snapshot translator. What happens to each depends on when it runs:
//!
//! - A **module** runs after the page is parsed, so nothing waits for it: the publisher moves it
//!   into a file of its own at the site root, `beacon-script-<hash>.js` named by the FNV-1a hash
//!   of its text, and writes `<script ... src="<site>beacon-script-<hash>.js"></script>` in its
//!   place (keeping its attributes). Pages that share a module share the file.
//! - A **classic** script blocks the parser where it stands: as a file it would cost the page a
//!   round trip before its first paint (400 ms on a slow mobile link), so it stays inline and
//!   the policy allows it by the SHA-256 hash of its text. These scripts are written so that
//!   their text does not change with the data (what varies is in attributes or data blocks),
//!   so the hashes change only when their code does.
//!
//! Inline `<style>` elements (the status pages' styles, [`super::critical`]) are allowed by
//! their hashes the same way. Data blocks (`type="application/json"`) are not scripts to the
//! browser and stay where they are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use base64::Engine;
use beacon_core::hash::{fnv1a, FNV_OFFSET};
use sha2::{Digest, Sha256};

use super::files::files_under;
use super::tags::{attributes, find_ascii_ci, has_attribute, runs_as_script, start_tag_end};
use super::PublishError;

/// How each moved script's file name starts.
pub const SCRIPT_PREFIX: &str = "beacon-script-";

/// The hashes of the inline scripts and styles pages keep, as CSP sources without quotes
/// (`sha256-<base64>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineHashes {
    /// Hashes of inline classic scripts.
    pub scripts: BTreeSet<String>,
    /// Hashes of inline `<style>` elements.
    pub styles: BTreeSet<String>,
}

impl InlineHashes {
    /// Adds every hash of `other`.
    pub fn extend(&mut self, other: InlineHashes) {
        self.scripts.extend(other.scripts);
        self.styles.extend(other.styles);
    }
}

/// A page as [`external_scripts`] leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptedPage {
    /// The page, its module scripts replaced by `<script src>`.
    pub page: String,
    /// The moved modules by file name (relative to the site root).
    pub moved: BTreeMap<String, String>,
    /// The hashes of what stays inline.
    pub inline: InlineHashes,
}

/// The CSP hash source of `text` (`sha256-<base64>`, without quotes).
///
/// ```
/// use beacon_ops::publish::scripts::csp_hash;
/// assert_eq!(csp_hash(""), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
/// ```
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `page` with every inline module script replaced by a `<script src>` under `site_url`
/// (ending in `/`), the moved scripts by file name, and the hashes of the classic scripts and
/// styles that stay inline.
///
/// ```
/// use beacon_ops::publish::scripts::{csp_hash, external_scripts};
/// let scripted = external_scripts(
///     "<head><script>document.title = 'x';</script><script type=module>go()</script><script type=application/json>{}</script></head>",
///     "/beacon/",
/// );
/// let (name, text) = scripted.moved.iter().next().unwrap();
/// assert_eq!(text, "go()");
/// assert_eq!(
///     scripted.page,
///     format!("<head><script>document.title = 'x';</script><script type=module src=\"/beacon/{name}\"></script><script type=application/json>{{}}</script></head>")
/// );
/// assert!(scripted.inline.scripts.contains(&csp_hash("document.title = 'x';")));
/// ```
pub fn external_scripts(page: &str, site_url: &str) -> ScriptedPage {
    let mut out = String::with_capacity(page.len());
    let mut moved = BTreeMap::new();
    let mut inline = InlineHashes::default();
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
        let tag = &after_name[..tag_end];
        let body_start = &after_name[tag_end + 1..];
        let Some(close) = find_ascii_ci(body_start, "</script") else {
            break;
        };
        let text = &body_start[..close];
        out.push_str(&rest[..open]);
        let runs_inline = !has_attribute(tag, "src") && runs_as_script(tag) && !text.is_empty();
        if runs_inline && is_module(tag) {
            let name = format!(
                "{SCRIPT_PREFIX}{:016x}.js",
                fnv1a(FNV_OFFSET, text.as_bytes())
            );
            out.push_str(&format!(
                "<script{} src=\"{site_url}{name}\"></script",
                tag.trim_end().trim_end_matches('/')
            ));
            moved.insert(name, text.to_owned());
        } else {
            // A classic script (kept inline, allowed by its hash), a data block, a script
            // with `src`, or an empty one (which never runs).
            if runs_inline {
                inline.scripts.insert(csp_hash(text));
            }
            let whole = "<script".len() + tag_end + 1 + close + "</script".len();
            out.push_str(&rest[open..open + whole]);
        }
        rest = &body_start[close + "</script".len()..];
    }
    out.push_str(rest);
    inline.styles = style_hashes(&out);
    ScriptedPage {
        page: out,
        moved,
        inline,
    }
}

/// True for `<script type=module>`.
fn is_module(tag: &str) -> bool {
    attributes(tag)
        .iter()
        .any(|(name, value)| name == "type" && value.trim().eq_ignore_ascii_case("module"))
}

/// The hashes of the `<style>` elements' texts in `page`.
fn style_hashes(page: &str) -> BTreeSet<String> {
    let mut hashes = BTreeSet::new();
    let mut rest = page;
    while let Some(open) = find_ascii_ci(rest, "<style") {
        let after_name = &rest[open + "<style".len()..];
        let Some(tag_end) = start_tag_end(after_name) else {
            break;
        };
        let body = &after_name[tag_end + 1..];
        let Some(close) = find_ascii_ci(body, "</style") else {
            break;
        };
        hashes.insert(csp_hash(&body[..close]));
        rest = &body[close..];
    }
    hashes
}

/// What [`externalize_scripts`] did to a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Externalized {
    /// The module files written.
    pub written: Vec<PathBuf>,
    /// The hashes of every inline script and style the pages keep.
    pub inline: InlineHashes,
}

/// Rewrites every `.html` page under `out_dir` with [`external_scripts`] and writes the moved
/// scripts at its root; returns the script files written and the hashes of what stays inline.
pub fn externalize_scripts(out_dir: &Path, site_url: &str) -> Result<Externalized, PublishError> {
    let write = |path: &Path, contents: &str| {
        std::fs::write(path, contents).map_err(|source| PublishError::Write {
            path: path.to_path_buf(),
            source,
        })
    };
    let mut scripts = BTreeMap::new();
    let mut inline = InlineHashes::default();
    for path in files_under(out_dir)? {
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let page = std::fs::read_to_string(&path).map_err(|source| PublishError::Write {
            path: path.clone(),
            source,
        })?;
        let scripted = external_scripts(&page, site_url);
        inline.extend(scripted.inline);
        if scripted.moved.is_empty() && scripted.page == page {
            continue;
        }
        write(&path, &scripted.page)?;
        scripts.extend(scripted.moved);
    }
    let mut written = Vec::with_capacity(scripts.len());
    for (name, text) in scripts {
        let path = out_dir.join(name);
        write(&path, &text)?;
        written.push(path);
    }
    Ok(Externalized { written, inline })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes into a minified release page.
    const TRUNK_PAGE: &str = "<!doctype html><html lang=en><head><meta charset=utf-8>\
        <script>try{var t=localStorage.getItem(\"beacon.theme\")}catch(e){}</script>\
        <base href=/beacon/><link rel=icon href=favicon.svg><style>body{margin:0}</style>\
        <script type=module>import init, * as bindings from '/beacon/beacon-0123.js';\n\
        const wasm = await init({ module_or_path: '/beacon/beacon-0123_bg.wasm' });\n\
        window.wasmBindings = bindings;\n</script>\
        <script type=\"application/json\" id=\"beacon-config\">{\"a\":\"\\u003c/script>\"}</script>\
        <script src=\"/beacon/already.js\" defer></script></head><body><p>text</p></body></html>";

    #[test]
    fn modules_move_out_classic_scripts_and_styles_stay_by_hash_and_data_stays() {
        let scripted = external_scripts(TRUNK_PAGE, "/beacon/");
        let page = &scripted.page;
        assert_eq!(scripted.moved.len(), 1);
        let (module, text) = scripted.moved.iter().next().unwrap();
        assert!(module.starts_with(SCRIPT_PREFIX));
        assert!(text.contains("import init"));
        assert!(page.contains(&format!(
            "<script type=module src=\"/beacon/{module}\"></script>"
        )));
        let theme = "try{var t=localStorage.getItem(\"beacon.theme\")}catch(e){}";
        assert!(page.contains(&format!("<script>{theme}</script>")));
        assert_eq!(
            scripted.inline.scripts,
            BTreeSet::from([csp_hash(theme)]),
            "only the classic inline script"
        );
        assert_eq!(
            scripted.inline.styles,
            BTreeSet::from([csp_hash("body{margin:0}")])
        );
        assert!(page.contains("<script type=\"application/json\" id=\"beacon-config\">{\"a\":\"\\u003c/script>\"}</script>"));
        assert!(page.contains("<script src=\"/beacon/already.js\" defer></script>"));
        assert!(page.ends_with("<body><p>text</p></body></html>"));
    }

    #[test]
    fn attributes_stay_and_the_same_module_shares_one_file() {
        let page = "<SCRIPT type=module id=\"a\">a()</SCRIPT><script type=module>a()</script><script type=module>b()</script>";
        let scripted = external_scripts(page, "/");
        assert_eq!(scripted.moved.len(), 2);
        let a = scripted.moved.iter().find(|(_, t)| *t == "a()").unwrap().0;
        assert!(scripted.page.starts_with(&format!(
            "<script type=module id=\"a\" src=\"/{a}\"></script><script type=module src=\"/{a}\"></script>"
        )));
        // Twice changes nothing more.
        let again = external_scripts(&scripted.page, "/");
        assert_eq!(again.page, scripted.page);
        assert!(again.moved.is_empty());
        assert!(again.inline.scripts.is_empty());
    }

    #[test]
    fn words_that_only_start_like_a_script_tag_are_left_alone() {
        let page = "<scripts>x</scripts><p>&lt;script&gt;</p>";
        let scripted = external_scripts(page, "/");
        assert_eq!(scripted.page, page);
        assert_eq!(scripted.moved, BTreeMap::new());
        assert_eq!(scripted.inline, InlineHashes::default());
    }

    #[test]
    fn pages_in_a_folder_are_rewritten_and_their_modules_written_once() {
        let dir = std::env::temp_dir().join(format!("beacon-scripts-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("emea/history")).unwrap();
        let page = "<script type=module>a()</script><script>b()</script>";
        std::fs::write(dir.join("index.html"), page).unwrap();
        std::fs::write(dir.join("emea/history/index.html"), page).unwrap();
        std::fs::write(dir.join("notes.txt"), page).unwrap();
        let done = externalize_scripts(&dir, "/").unwrap();
        assert_eq!(done.written.len(), 1);
        assert_eq!(std::fs::read_to_string(&done.written[0]).unwrap(), "a()");
        assert_eq!(done.inline.scripts, BTreeSet::from([csp_hash("b()")]));
        let name = done.written[0]
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let expected = format!("<script type=module src=\"/{name}\"></script><script>b()</script>");
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
            page
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
