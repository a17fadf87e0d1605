//! Incident bodies as HTML for feed readers: the safe Markdown tree of
//! [`beacon_core::status::markup`] written out with every text and address escaped, so a feed carries
//! formatting but never markup from the data.

use beacon_core::status::{parse_markup, Block, Inline};

use super::text::escape_xml;

/// The HTML for an incident or maintenance message (Markdown or Statuspage's HTML subset).
pub fn message_html(body: &str) -> String {
    let mut out = String::new();
    push_blocks(&mut out, &parse_markup(body));
    out
}

/// Appends `blocks` as HTML.
fn push_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(content) => {
                out.push_str("<p>");
                push_inlines(out, content);
                out.push_str("</p>");
            }
            Block::Heading { level, content } => {
                let level = (*level).clamp(3, 6);
                out.push_str(&format!("<h{level}>"));
                push_inlines(out, content);
                out.push_str(&format!("</h{level}>"));
            }
            Block::CodeBlock(code) => {
                out.push_str("<pre><code>");
                out.push_str(&escape_xml(code));
                out.push_str("</code></pre>");
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                match (ordered, start) {
                    (true, 1) => out.push_str("<ol>"),
                    (true, start) => out.push_str(&format!("<ol start=\"{start}\">")),
                    (false, _) => out.push_str("<ul>"),
                }
                for item in items {
                    out.push_str("<li>");
                    push_inlines(out, item);
                    out.push_str("</li>");
                }
                out.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
            Block::Quote(inner) => {
                out.push_str("<blockquote>");
                push_blocks(out, inner);
                out.push_str("</blockquote>");
            }
        }
    }
}

/// Appends inline content as HTML.
fn push_inlines(out: &mut String, nodes: &[Inline]) {
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(&escape_xml(text)),
            Inline::Bold(inner) => {
                out.push_str("<strong>");
                push_inlines(out, inner);
                out.push_str("</strong>");
            }
            Inline::Italic(inner) => {
                out.push_str("<em>");
                push_inlines(out, inner);
                out.push_str("</em>");
            }
            Inline::Code(code) => {
                out.push_str("<code>");
                out.push_str(&escape_xml(code));
                out.push_str("</code>");
            }
            Inline::Link { href, content } => {
                out.push_str(&format!("<a href=\"{}\">", escape_xml(href)));
                push_inlines(out, content);
                out.push_str("</a>");
            }
            Inline::ImageLink { href, alt } => {
                let text = if alt.trim().is_empty() { "image" } else { alt };
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape_xml(href),
                    escape_xml(text)
                ));
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives_and_scripts_do_not() {
        let html = message_html(
            "We **fixed** it <script>alert(1)</script> [x](javascript:alert(1)) & <b onclick=\"x\">y</b>",
        );
        assert!(
            html.starts_with("<p>We <strong>fixed</strong> it "),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:alert(1)\""), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("&amp;"), "{html}");
    }
}
