//! Text for the XML formats (Atom, RSS, SVG, the pre-rendered pages): escaping and one-line
//! titles. The markup characters are escaped by the one HTML/XML escaper,
//! [`beacon_core::html::escape`] (the entities are the same in XML); this module adds what only
//! XML needs.

use beacon_core::html::escape;

/// True for characters XML 1.0 allows in a document: tab, newline, carriage return and
/// everything from U+0020 up except U+FFFE and U+FFFF (Rust strings hold no surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `text` made safe as XML character data or a double-quoted attribute value: `& < > " '` become
/// entities ([`escape`]), characters XML cannot carry (C0 controls other than white space) are
/// dropped, and a carriage return is kept as `&#13;` so parsers do not normalise it.
pub fn escape_xml(text: &str) -> String {
    let carried: String = text.chars().filter(|&c| allowed_in_xml(c)).collect();
    escape(&carried).replace('\r', "&#13;")
}

/// `text` on one line: control characters (including newlines) become spaces, runs of white
/// space collapse and the ends are trimmed. For titles and badge labels.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The host of an absolute `http(s)://` address, lowercased; `None` for anything else.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .split_once("://")
        .filter(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"))?
        .1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    host_ok.then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_and_controls_are_neutralised() {
        assert_eq!(
            escape_xml("a<b>&\"c'\u{0}\u{1b}]]>\r"),
            "a&lt;b&gt;&amp;&quot;c&#39;]]&gt;&#13;"
        );
    }

    #[test]
    fn one_line_collapses_white_space_and_controls() {
        assert_eq!(one_line("  Backups\n\tdown\u{7}now  "), "Backups down now");
    }

    #[test]
    fn hosts_come_only_from_http_addresses() {
        assert_eq!(
            url_host("https://Status.Example.com:8443/emea?x").as_deref(),
            Some("status.example.com")
        );
        assert_eq!(url_host("javascript:alert(1)"), None);
        assert_eq!(url_host("https://exa mple.com/"), None);
    }
}
