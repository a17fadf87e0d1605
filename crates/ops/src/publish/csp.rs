//! The site's Content-Security-Policy, written by the build beside the pages it covers.
//!
//! The policy allows scripts and styles from the site itself and, inline, only the scripts and
//! styles the build wrote, by their SHA-256 hashes ([`super::scripts`]): no `'unsafe-inline'`.
//! Those hashes change when the inline code or the status pages' styles change, so the build
//! writes the whole header into `_headers` at the site root (the file Netlify and Cloudflare
//! Pages read; other hosts copy the header from it, see docs/hosting.md).

use std::path::{Path, PathBuf};

use super::scripts::InlineHashes;
use super::PublishError;

/// The file the policy is written to, relative to the site root.
pub const HEADERS_FILE: &str = "_headers";

/// The policy for a site whose pages keep the inline scripts and styles `inline`, whose
/// sign-up form posts to `signup_url` (its origin is allowed in `connect-src`).
///
/// ```
/// use beacon_ops::publish::scripts::{csp_hash, InlineHashes};
/// use beacon_ops::publish::csp::site_policy;
/// let mut inline = InlineHashes::default();
/// inline.styles.insert(csp_hash("body{margin:0}"));
/// assert_eq!(
///     site_policy(&inline, Some("https://signup.example.com/api/subscribe")),
///     "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
///      style-src 'self' 'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='; img-src 'self'; \
///      connect-src 'self' https://signup.example.com"
/// );
/// ```
pub fn site_policy(inline: &InlineHashes, signup_url: Option<&str>) -> String {
    let sources = |hashes: &std::collections::BTreeSet<String>| {
        hashes
            .iter()
            .map(|hash| format!(" '{hash}'"))
            .collect::<String>()
    };
    let connect = signup_url
        .and_then(origin)
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; \
         img-src 'self'; connect-src 'self'{connect}",
        sources(&inline.scripts),
        sources(&inline.styles)
    )
}

/// The origin (`scheme://host[:port]`) of an absolute `url`; `None` for a relative one (the
/// site's own origin, which `'self'` covers already).
fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    let host_start = scheme_end + "://".len();
    let host_end = url[host_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| host_start + at);
    (host_end > host_start).then(|| &url[..host_end])
}

/// Writes `policy` as the header of every path into `out_dir/_headers`; returns its path.
pub fn write_policy(out_dir: &Path, policy: &str) -> Result<PathBuf, PublishError> {
    let path = out_dir.join(HEADERS_FILE);
    let text = format!(
        "# The Content-Security-Policy of this build (docs/hosting.md). The hashes allow the pages'\n\
         # own inline scripts and styles; they change when that code or the styles do, so copy the\n\
         # header again after each build (Netlify and Cloudflare Pages read this file as it is).\n\
         /*\n  Content-Security-Policy: {policy}\n"
    );
    std::fs::write(&path, text).map_err(|source| PublishError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_absolute_address_adds_an_origin() {
        assert_eq!(
            origin("https://a.example:8443/x?y"),
            Some("https://a.example:8443")
        );
        assert_eq!(origin("http://127.0.0.1:9"), Some("http://127.0.0.1:9"));
        assert_eq!(origin("/api/subscribe"), None);
        assert_eq!(origin("https:///x"), None);
        let policy = site_policy(&InlineHashes::default(), Some("/api/subscribe"));
        assert!(policy.ends_with("connect-src 'self'"), "{policy}");
    }
}
