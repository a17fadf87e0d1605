//! Incident bodies: the safe Markdown/HTML subset, and hostile input.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::status::{parse_markup, plain_text, safe_href, Block, Inline};
use std::time::{Duration, Instant};

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn paragraph(body: &str) -> Vec<Inline> {
    match parse_markup(body).as_slice() {
        [Block::Paragraph(inlines)] => inlines.clone(),
        other => panic!("expected one paragraph, got {other:?}"),
    }
}

/// Every link address anywhere in the tree.
fn hrefs(blocks: &[Block]) -> Vec<String> {
    fn walk(nodes: &[Inline], out: &mut Vec<String>) {
        for node in nodes {
            match node {
                Inline::Link { href, content } => {
                    out.push(href.clone());
                    walk(content, out);
                }
                Inline::ImageLink { href, .. } => out.push(href.clone()),
                Inline::Bold(inner) | Inline::Italic(inner) => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(c) | Block::Heading { content: c, .. } => walk(c, &mut out),
            Block::List { items, .. } => items.iter().for_each(|i| walk(i, &mut out)),
            Block::Quote(inner) => out.extend(hrefs(inner)),
            Block::CodeBlock(_) => {}
        }
    }
    out
}

#[test]
fn markdown_emphasis_code_and_links() {
    assert_eq!(
        paragraph("We **identified** the *cause*: `quota`. See [details](https://ex.com/a_b)."),
        vec![
            text("We "),
            Inline::Bold(vec![text("identified")]),
            text(" the "),
            Inline::Italic(vec![text("cause")]),
            text(": "),
            Inline::Code("quota".into()),
            text(". See "),
            Inline::Link {
                href: "https://ex.com/a_b".into(),
                content: vec![text("details")]
            },
            text("."),
        ]
    );
}

#[test]
fn single_newlines_are_line_breaks_and_blank_lines_split_paragraphs() {
    let blocks = parse_markup("First line\nsecond line\n\nNext paragraph");
    assert_eq!(
        blocks,
        vec![
            Block::Paragraph(vec![
                text("First line"),
                Inline::LineBreak,
                text("second line")
            ]),
            Block::Paragraph(vec![text("Next paragraph")]),
        ]
    );
}

#[test]
fn headings_lists_quotes_and_code_blocks() {
    let body = "# Impact\n\n- Microsoft 365\n- Google *Workspace*\n\n3. first\n4. second\n\n> quoted **text**\n\n```\nlet x = <b>1</b>;\n```";
    let blocks = parse_markup(body);
    assert_eq!(
        blocks[0],
        Block::Heading {
            level: 3,
            content: vec![text("Impact")]
        }
    );
    assert_eq!(
        blocks[1],
        Block::List {
            ordered: false,
            start: 1,
            items: vec![
                vec![text("Microsoft 365")],
                vec![text("Google "), Inline::Italic(vec![text("Workspace")])]
            ]
        }
    );
    assert!(
        matches!(&blocks[2], Block::List { ordered: true, start: 3, items } if items.len() == 2)
    );
    assert_eq!(
        blocks[3],
        Block::Quote(vec![Block::Paragraph(vec![
            text("quoted "),
            Inline::Bold(vec![text("text")])
        ])])
    );
    assert_eq!(blocks[4], Block::CodeBlock("let x = <b>1</b>;".into()));
    assert_eq!(blocks.len(), 5);
    assert!(matches!(
        parse_markup("###### deep").as_slice(),
        [Block::Heading { level: 6, .. }]
    ));
    assert!(matches!(
        parse_markup("## sub").as_slice(),
        [Block::Heading { level: 4, .. }]
    ));
}

#[test]
fn allowed_html_maps_to_the_same_tree() {
    let blocks = parse_markup(
        "<p>Backups are <strong>delayed</strong> for <em>some</em> tenants.<br>Run <code>beacon status</code>.</p><ul><li>One</li><li><a href=\"https://ex.com\">Two</a></li></ul>",
    );
    assert_eq!(
        blocks,
        vec![
            Block::Paragraph(vec![
                text("Backups are "),
                Inline::Bold(vec![text("delayed")]),
                text(" for "),
                Inline::Italic(vec![text("some")]),
                text(" tenants."),
                Inline::LineBreak,
                text("Run "),
                Inline::Code("beacon status".into()),
                text("."),
            ]),
            Block::List {
                ordered: false,
                start: 1,
                items: vec![
                    vec![text("One")],
                    vec![Inline::Link {
                        href: "https://ex.com".into(),
                        content: vec![text("Two")]
                    }]
                ]
            }
        ]
    );
    assert!(matches!(
        parse_markup("<ol><li>a</li><li>b</li></ol>").as_slice(),
        [Block::List { ordered: true, .. }]
    ));
}

#[test]
fn other_tags_are_dropped_but_their_text_is_kept() {
    let blocks = parse_markup(
        "<div class=x>Hello <span style=\"color:red\">there</span></div><script>alert(1)</script>",
    );
    assert_eq!(plain_text(&blocks), "Hello therealert(1)");
    assert!(hrefs(&blocks).is_empty());
    let blocks = parse_markup(
        "<img src=x onerror=alert(1)>ok<iframe src=\"https://evil.example\"></iframe>",
    );
    assert_eq!(plain_text(&blocks), "ok");
    assert!(
        hrefs(&blocks).is_empty(),
        "no image with an unsafe source, no iframe"
    );
}

#[test]
fn entities_are_decoded_once_into_text_never_into_tags() {
    assert_eq!(
        paragraph("&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; &#65;&#x42; &bogus;"),
        vec![text("<script>alert(1)</script> &lt; AB &bogus;")]
    );
}

#[test]
fn dangerous_link_schemes_are_refused_however_they_are_written() {
    for href in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative",
        "\u{0}javascript:alert(1)",
        "https:",
    ] {
        assert_eq!(safe_href(href), None, "{href:?} must be refused");
        let html = format!("<a href=\"{href}\">click</a>");
        let blocks = parse_markup(&html);
        assert!(hrefs(&blocks).is_empty(), "{html}");
        assert_eq!(plain_text(&blocks), "click");
    }
    for markdown in [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html,x)",
        "![click](javascript:alert(1))",
        "<javascript:alert(1)>",
    ] {
        assert!(hrefs(&parse_markup(markdown)).is_empty(), "{markdown}");
    }
    assert_eq!(
        safe_href(" HTTPS://ok.example/x "),
        Some("HTTPS://ok.example/x".into())
    );
    assert_eq!(
        safe_href("mailto:ops@example.com"),
        Some("mailto:ops@example.com".into())
    );
    assert_eq!(
        safe_href("ht&#116;ps://ok.example"),
        Some("https://ok.example".into())
    );
}

#[test]
fn images_become_links_with_their_alt_text() {
    assert_eq!(
        paragraph("![Latency graph](https://cdn.example/g.png)"),
        vec![Inline::ImageLink {
            href: "https://cdn.example/g.png".into(),
            alt: "Latency graph".into()
        }]
    );
    assert_eq!(
        paragraph("<img src=\"https://cdn.example/g.png\" alt=\"graph\">"),
        vec![Inline::ImageLink {
            href: "https://cdn.example/g.png".into(),
            alt: "graph".into()
        }]
    );
}

#[test]
fn bare_addresses_are_linked_without_trailing_punctuation() {
    assert_eq!(
        paragraph("See http://status.aws.amazon.com/. Thanks"),
        vec![
            text("See "),
            Inline::Link {
                href: "http://status.aws.amazon.com/".into(),
                content: vec![text("http://status.aws.amazon.com/")]
            },
            text(". Thanks"),
        ]
    );
    assert_eq!(paragraph("xhttp://no"), vec![text("xhttp://no")]);
    assert_eq!(
        paragraph("`https://in.code`"),
        vec![Inline::Code("https://in.code".into())]
    );
}

#[test]
fn unclosed_and_misnested_markup_falls_back_to_text() {
    assert_eq!(
        paragraph("**open and never closed"),
        vec![text("**open and never closed")]
    );
    assert_eq!(paragraph("a * b * c"), vec![text("a * b * c")]);
    assert_eq!(paragraph("snake_case_name"), vec![text("snake_case_name")]);
    assert_eq!(
        paragraph("[not a link] (x)"),
        vec![text("[not a link] (x)")]
    );
    assert_eq!(paragraph("5 < 6 > 4"), vec![text("5 < 6 > 4")]);
    assert_eq!(
        paragraph("<b><i>both</b> after"),
        vec![Inline::Bold(vec![text("both")]), text(" after")]
    );
    assert_eq!(paragraph("<i>open"), vec![text("open")]);
    assert_eq!(paragraph("</b>stray"), vec![text("stray")]);
    assert_eq!(paragraph(r"\*literal\*"), vec![text("*literal*")]);
}

#[test]
fn nesting_is_capped() {
    let deep = "<b>".repeat(10_000) + "x";
    assert_eq!(plain_text(&parse_markup(&deep)), "x");
    let quotes = "> ".repeat(50) + "deep";
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote(inner) => 1 + depth(inner),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(depth(&parse_markup(&quotes)) <= 3);
}

/// 100,000 repetitions of a hostile pattern (up to 3.5 MB) must parse within a few seconds even
/// in a debug build; a quadratic parser needs hours for that.
fn assert_linear(name: &str, unit: &str) {
    let input = unit.repeat(100_000);
    let start = Instant::now();
    let blocks = parse_markup(&input);
    let elapsed = start.elapsed();
    assert!(!blocks.is_empty(), "{name}: the text is kept");
    assert!(elapsed < Duration::from_secs(5), "{name}: took {elapsed:?}");
}

#[test]
fn hostile_inputs_parse_in_linear_time() {
    for (name, unit) in [
        ("open tags", "<a "),
        ("angles", "<"),
        ("brackets", "["),
        ("link heads", "](x"),
        ("stars", "*a"),
        ("underscores", "_a "),
        ("backticks of growing length", "`a``b```c"),
        ("entities", "&#"),
        ("urls", "http://a "),
        ("http without scheme", "httpx"),
        ("images", "![a"),
        ("comments", "<!--"),
        ("html lists", "<ul><li>"),
        ("mixed", "**[<b>`_*&amp;<a href=javascript:x>"),
    ] {
        assert_linear(name, unit);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any input parses without panicking, and every address that survives is `http(s)` or
    /// `mailto` with no white space or control character in it.
    #[test]
    fn any_input_parses_and_only_safe_addresses_survive(
        input in r#"([a-zA-Zé€ \n\t:/#&;()\[\]<>!*_`"'=\\.-]|javascript:|https://x|<a href=|&#x6A;|<img src=|```|\n\n|> |- |1\. ){0,60}"#
    ) {
        let blocks = parse_markup(&input);
        for href in hrefs(&blocks) {
            let lower = href.to_ascii_lowercase();
            proptest::prop_assert!(
                lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
            );
            proptest::prop_assert!(!href.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
    }
}
