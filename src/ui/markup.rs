//! Writes the safe incident-markup tree ([`crate::status::markup`]) as HTML text. Every text from
//! the data is escaped ([`crate::html::escape`]); the only elements are the ones written here
//! (`p h3–h6 pre code ol ul li blockquote strong em a br`), no attribute comes from the data but
//! a link's address, and only addresses that passed `safe_href` become links (opened in the same
//! tab, with `rel="nofollow noopener"`). Images are never loaded: they become links.

use std::fmt::Write;

use crate::html::escape;
use crate::i18n::{Lang, Msg};
use crate::status::markup::{parse_markup, Block, Inline};

/// An incident or maintenance body as the operator wrote it (Markdown and a little HTML),
/// formatted as `<div class="markup">…</div>`; the texts it adds (image links) in `lang`.
pub fn markup_html(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(r#"<div class="markup">"#);
    for block in parse_markup(text) {
        push_block(&mut out, &block, lang);
    }
    out.push_str("</div>");
    out
}

fn push_block(out: &mut String, block: &Block, lang: Lang) {
    match block {
        Block::Paragraph(content) => wrap(out, "p", content, lang),
        Block::Heading { level, content } => {
            let tag = match level {
                3 => "h3",
                4 => "h4",
                5 => "h5",
                _ => "h6",
            };
            wrap(out, tag, content, lang);
        }
        Block::CodeBlock(code) => {
            let _ = write!(out, "<pre><code>{}</code></pre>", escape(code));
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            let tag = if *ordered { "ol" } else { "ul" };
            if *ordered {
                let _ = write!(out, r#"<ol start="{start}">"#);
            } else {
                out.push_str("<ul>");
            }
            for item in items {
                wrap(out, "li", item, lang);
            }
            let _ = write!(out, "</{tag}>");
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>");
            for block in blocks {
                push_block(out, block, lang);
            }
            out.push_str("</blockquote>");
        }
    }
}

/// `<tag>content</tag>`.
fn wrap(out: &mut String, tag: &str, content: &[Inline], lang: Lang) {
    let _ = write!(out, "<{tag}>");
    push_inlines(out, content, lang);
    let _ = write!(out, "</{tag}>");
}

fn push_inlines(out: &mut String, nodes: &[Inline], lang: Lang) {
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Bold(content) => wrap(out, "strong", content, lang),
            Inline::Italic(content) => wrap(out, "em", content, lang),
            Inline::Code(code) => {
                let _ = write!(out, "<code>{}</code>", escape(code));
            }
            Inline::Link { href, content } => {
                let _ = write!(out, r#"<a href="{}" rel="{LINK_REL}">"#, escape(href));
                push_inlines(out, content, lang);
                out.push_str("</a>");
            }
            Inline::ImageLink { href, alt } => {
                let label = if alt.is_empty() {
                    lang.text(Msg::ImageOpens).to_string()
                } else {
                    lang.fill(Msg::ImageNamed, &[("alt", alt)])
                };
                let _ = write!(
                    out,
                    r#"<a href="{}" rel="{LINK_REL}" class="image-link">{}</a>"#,
                    escape(href),
                    escape(&label)
                );
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

/// Links in operators' text: no referrer, no ranking credit, no access to this page.
const LINK_REL: &str = "nofollow noopener noreferrer external";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_becomes_the_matching_elements() {
        let html = markup_html(
            "## Cause\n**Disk** *full* on `db-1`:\n\n1. grew\n2. stopped\n\n> quoted\n\n```\nlog <x>\n```",
            Lang::English,
        );
        assert_eq!(
            html,
            "<div class=\"markup\"><h4>Cause</h4><p><strong>Disk</strong> <em>full</em> on \
             <code>db-1</code>:</p><ol start=\"1\"><li>grew</li><li>stopped</li></ol>\
             <blockquote><p>quoted</p></blockquote><pre><code>log &lt;x&gt;</code></pre></div>"
        );
    }

    #[test]
    fn links_keep_only_safe_addresses_and_images_are_links_in_the_visitors_language() {
        let html = markup_html(
            "[status](https://example.com/a?b=1&c=\"2\") [bad](javascript:alert(1)) ![graph](https://example.com/g.png)",
            Lang::German,
        );
        assert!(
            html.contains(r#"<a href="https://example.com/a?b=1&amp;c=&quot;2&quot;" rel="nofollow noopener noreferrer external">status</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            html.contains(&format!(
                r#"class="image-link">{}</a>"#,
                Lang::German.fill(Msg::ImageNamed, &[("alt", "graph")])
            )),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
    }

    proptest::proptest! {
        /// Whatever an operator writes, the only tags are the renderer's own and no attribute
        /// but `href`, `rel`, `class` and `start` appears.
        #[test]
        fn no_text_becomes_markup(text in r#"[a-z<>&"'=/!\[\]()*`#> \n-]{0,80}"#) {
            let html = markup_html(&text, Lang::English);
            let allowed = ["div", "p", "h3", "h4", "h5", "h6", "pre", "code", "ol", "ul", "li",
                "blockquote", "strong", "em", "a", "br"];
            for tag in html.split('<').skip(1) {
                let name: String = tag.trim_start_matches('/').chars()
                    .take_while(|c| c.is_ascii_alphanumeric()).collect();
                proptest::prop_assert!(allowed.contains(&name.as_str()), "<{tag} in {html}");
                let head = tag.split('>').next().unwrap_or_default();
                for attribute in head.split(' ').skip(1) {
                    let key = attribute.split('=').next().unwrap_or_default();
                    proptest::prop_assert!(["href", "rel", "class", "start"].contains(&key)
                        || !attribute.contains('='), "{attribute} in {html}");
                }
            }
        }
    }
}
