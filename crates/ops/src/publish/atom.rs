//! Atom 1.0 (RFC 4287) feeds, written by hand: every text and address is escaped, entries carry
//! stable `tag:` ids, and the same feed always gives the same bytes.

use chrono::SecondsFormat;

use beacon_core::status::Timestamp;

use super::feed::Feed;
use super::text::escape_xml;

/// An RFC 3339 date as Atom wants it, with the data's own offset.
fn atom_date(time: Timestamp) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The Atom document of `feed`.
pub fn atom_feed(feed: &Feed) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n");
    out.push_str(&format!("  <id>{}</id>\n", escape_xml(&feed.id)));
    out.push_str(&format!("  <title>{}</title>\n", escape_xml(&feed.title)));
    out.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        escape_xml(&feed.subtitle)
    ));
    out.push_str(&format!(
        "  <updated>{}</updated>\n",
        atom_date(feed.updated)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&feed.self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&feed.page_url)
    ));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_xml(&feed.author)
    ));
    out.push_str("  <generator>Beacon</generator>\n");
    for entry in &feed.entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", escape_xml(&entry.id)));
        out.push_str(&format!(
            "    <title type=\"text\">{}</title>\n",
            escape_xml(&entry.title)
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&entry.url)
        ));
        out.push_str(&format!(
            "    <published>{}</published>\n",
            atom_date(entry.published)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            atom_date(entry.updated)
        ));
        for (id, name) in &entry.components {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                escape_xml(id),
                escape_xml(name)
            ));
        }
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            escape_xml(&entry.content_html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
