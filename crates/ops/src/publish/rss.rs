//! RSS 2.0 feeds for readers that predate Atom: the same entries, ids and content as the Atom
//! feed, with dates in RFC 822 form.

use beacon_core::status::Timestamp;

use super::feed::Feed;
use super::text::escape_xml;

/// An RFC 822 date as RSS wants it, with the data's own offset.
fn rss_date(time: Timestamp) -> String {
    time.to_rfc2822()
}

/// The RSS 2.0 document of `feed` (with an Atom `self` link, as feed validators recommend).
pub fn rss_feed(feed: &Feed) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str("  <channel>\n");
    out.push_str(&format!("    <title>{}</title>\n", escape_xml(&feed.title)));
    out.push_str(&format!(
        "    <link>{}</link>\n",
        escape_xml(&feed.page_url)
    ));
    out.push_str(&format!(
        "    <description>{}</description>\n",
        escape_xml(&feed.subtitle)
    ));
    out.push_str("    <language>en</language>\n");
    out.push_str(&format!(
        "    <lastBuildDate>{}</lastBuildDate>\n",
        rss_date(feed.updated)
    ));
    out.push_str("    <generator>Beacon</generator>\n");
    out.push_str(&format!(
        "    <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>\n",
        escape_xml(&feed.self_url)
    ));
    for entry in &feed.entries {
        out.push_str("    <item>\n");
        out.push_str(&format!(
            "      <title>{}</title>\n",
            escape_xml(&entry.title)
        ));
        out.push_str(&format!("      <link>{}</link>\n", escape_xml(&entry.url)));
        out.push_str(&format!(
            "      <guid isPermaLink=\"false\">{}</guid>\n",
            escape_xml(&entry.id)
        ));
        out.push_str(&format!(
            "      <pubDate>{}</pubDate>\n",
            rss_date(entry.updated)
        ));
        for (_, name) in &entry.components {
            out.push_str(&format!(
                "      <category>{}</category>\n",
                escape_xml(name)
            ));
        }
        out.push_str(&format!(
            "      <description>{}</description>\n",
            escape_xml(&entry.content_html)
        ));
        out.push_str("    </item>\n");
    }
    out.push_str("  </channel>\n");
    out.push_str("</rss>\n");
    out
}
