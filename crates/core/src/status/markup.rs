//! Incident and maintenance bodies: a safe subset of Markdown (and the HTML Statuspage exports
//! carry) parsed into a small tree the view renders with ordinary elements. There is no HTML
//! string output at all, so nothing here can inject markup.
//!
//! Supported: paragraphs (a single newline is a line break, as Statuspage shows it), `**bold**`,
//! `*italic*`, `` `code` ``, fenced code blocks, `-`/`*`/`+` and `1.` lists, `[links](url)`,
//! bare `http(s)://` addresses, headings (`#` becomes h3, `##` h4, down to h6), `>` quotes; the
//! HTML tags `<b> <strong> <i> <em> <br> <p> <a href> <ul> <ol> <li> <code>` map to the same
//! tree. Any other tag is dropped and its text kept as text. Images are never loaded: they become
//! [`Inline::ImageLink`]. Links survive only with an `http:`, `https:` or `mailto:` address after
//! entity decoding and removal of white space and control characters; others become plain text.
//!
//! Parsing is linear in the input: every look-ahead is bounded or cached and nesting is capped.

use std::collections::HashMap;

/// A block of an incident body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading, level 3 to 6.
    Heading {
        /// 3 to 6.
        level: u8,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// Preformatted code, shown as is.
    CodeBlock(String),
    /// A bulleted or numbered list; each item is a line of inline content.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The first number of a numbered list.
        start: u32,
        /// The items.
        items: Vec<Vec<Inline>>,
    },
    /// A quotation.
    Quote(Vec<Block>),
}

/// Inline content of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text (entities already decoded; render as a text node).
    Text(String),
    /// Bold text.
    Bold(Vec<Inline>),
    /// Italic text.
    Italic(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// A link whose address passed [`safe_href`].
    Link {
        /// The checked address.
        href: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image, shown as an ordinary link to it with its alt text; never an `<img>`.
    ImageLink {
        /// The checked address of the image.
        href: String,
        /// The image's alt text (may be empty).
        alt: String,
    },
    /// A line break.
    LineBreak,
}

/// Longest tag looked for ahead of the cursor.
const LOOKAHEAD: usize = 2048;
/// Deepest nesting of inline formatting; deeper openers stay text.
const MAX_INLINE_DEPTH: usize = 8;
/// Deepest nesting of quotes; deeper `>` stay text.
const MAX_QUOTE_DEPTH: usize = 3;

/// Parses an incident body into blocks.
pub fn parse_markup(text: &str) -> Vec<Block> {
    parse_blocks(&logical_lines(text), 0)
}

/// The text of `blocks` without formatting, e.g. for a notification preview.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Paragraph(content) | Block::Heading { content, .. } => {
                push_plain(&mut out, content)
            }
            Block::CodeBlock(code) => out.push_str(code),
            Block::List { items, .. } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    push_plain(&mut out, item);
                }
            }
            Block::Quote(inner) => out.push_str(&plain_text(inner)),
        }
    }
    out
}

/// Appends the text of inline nodes.
fn push_plain(out: &mut String, nodes: &[Inline]) {
    for node in nodes {
        match node {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Bold(inner) | Inline::Italic(inner) | Inline::Link { content: inner, .. } => {
                push_plain(out, inner)
            }
            Inline::ImageLink { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

/// Returns the address to link to if it is `http:`, `https:` or `mailto:`, else `None`.
/// Entities are decoded and white space and control characters removed first, as browsers do,
/// so `JaVaScRiPt:`, `java\tscript:` and `&#106;avascript:` are all refused.
pub fn safe_href(raw: &str) -> Option<String> {
    let cleaned: String = decode_entities(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    allowed.then_some(cleaned)
}

// ---------------------------------------------------------------------------------------------
// Lines: fenced code is taken verbatim; block-level HTML tags become line structure.

/// A line as the block parser sees it.
#[derive(Debug, PartialEq)]
enum Line {
    /// Text to parse as Markdown.
    Text(String),
    /// Ends the current block (blank line, `<p>`, `</ul>` ...).
    Blank,
    /// A whole fenced code block.
    Code(String),
}

/// Splits the body into lines, expanding `<p> <br> <ul> <ol> <li>` into line structure.
fn logical_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut fence: Option<(String, Vec<&str>)> = None;
    let mut lists: Vec<bool> = Vec::new();
    for raw in text.lines() {
        let trimmed = raw.trim_start();
        if let Some((marker, body)) = &mut fence {
            if trimmed.starts_with(marker.as_str()) && trimmed.trim_end() == marker.as_str() {
                lines.push(Line::Code(body.join("\n")));
                fence = None;
            } else {
                body.push(raw);
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|&c| c == trimmed.as_bytes()[0] as char)
                .collect();
            fence = Some((marker, Vec::new()));
            continue;
        }
        expand_html_blocks(raw, &mut lists, &mut lines);
    }
    if let Some((_, body)) = fence {
        lines.push(Line::Code(body.join("\n")));
    }
    lines
}

/// Turns block-level HTML tags of one source line into line structure; other tags stay in the
/// text for the inline parser.
fn expand_html_blocks(raw: &str, lists: &mut Vec<bool>, lines: &mut Vec<Line>) {
    if raw.trim().is_empty() {
        lines.push(Line::Blank);
        return;
    }
    let mut current = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('<') {
        let (before, from_tag) = rest.split_at(at);
        current.push_str(before);
        let Some(tag) = parse_tag(from_tag) else {
            current.push('<');
            rest = &from_tag[1..];
            continue;
        };
        let flush = |current: &mut String, lines: &mut Vec<Line>| {
            if !current.trim().is_empty() {
                lines.push(Line::Text(std::mem::take(current)));
            }
            current.clear();
        };
        match (tag.name.as_str(), tag.closing) {
            ("p", _) => {
                flush(&mut current, lines);
                lines.push(Line::Blank);
            }
            ("br", _) => {
                flush(&mut current, lines);
            }
            ("ul" | "ol", false) => {
                flush(&mut current, lines);
                lines.push(Line::Blank);
                lists.push(tag.name == "ol");
            }
            ("ul" | "ol", true) => {
                flush(&mut current, lines);
                lines.push(Line::Blank);
                lists.pop();
            }
            ("li", false) => {
                flush(&mut current, lines);
                current.push_str(if lists.last() == Some(&true) {
                    "1. "
                } else {
                    "- "
                });
            }
            ("li", true) => flush(&mut current, lines),
            _ => current.push_str(&from_tag[..tag.length]),
        }
        rest = &from_tag[tag.length..];
    }
    current.push_str(rest);
    if !current.trim().is_empty() {
        lines.push(Line::Text(current));
    }
}

// ---------------------------------------------------------------------------------------------
// Blocks.

/// A block being collected.
enum Open {
    None,
    Paragraph(Vec<String>),
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<String>>,
    },
    Quote(Vec<Line>),
}

/// Builds blocks from lines; `depth` counts enclosing quotes.
fn parse_blocks(lines: &[Line], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open = Open::None;
    for line in lines {
        let text = match line {
            Line::Blank => {
                close(&mut open, &mut blocks, depth);
                continue;
            }
            Line::Code(code) => {
                close(&mut open, &mut blocks, depth);
                blocks.push(Block::CodeBlock(code.clone()));
                continue;
            }
            Line::Text(text) => text,
        };
        let trimmed = text.trim();
        if let Some((level, title)) = heading(trimmed) {
            close(&mut open, &mut blocks, depth);
            blocks.push(Block::Heading {
                level,
                content: parse_inline(title),
            });
        } else if let Some((ordered, number, item)) = list_item(trimmed) {
            match &mut open {
                Open::List {
                    ordered: same,
                    items,
                    ..
                } if *same == ordered => items.push(vec![item.to_owned()]),
                _ => {
                    close(&mut open, &mut blocks, depth);
                    open = Open::List {
                        ordered,
                        start: number,
                        items: vec![vec![item.to_owned()]],
                    };
                }
            }
        } else if let Some(quoted) = trimmed
            .strip_prefix('>')
            .filter(|_| depth < MAX_QUOTE_DEPTH)
        {
            let quoted = quoted.strip_prefix(' ').unwrap_or(quoted);
            let quoted_line = if quoted.trim().is_empty() {
                Line::Blank
            } else {
                Line::Text(quoted.to_owned())
            };
            match &mut open {
                Open::Quote(inner) => inner.push(quoted_line),
                _ => {
                    close(&mut open, &mut blocks, depth);
                    open = Open::Quote(vec![quoted_line]);
                }
            }
        } else {
            match &mut open {
                Open::Paragraph(lines) => lines.push(trimmed.to_owned()),
                Open::List { items, .. } if text.starts_with("  ") => {
                    if let Some(last) = items.last_mut() {
                        last.push(trimmed.to_owned());
                    }
                }
                _ => {
                    close(&mut open, &mut blocks, depth);
                    open = Open::Paragraph(vec![trimmed.to_owned()]);
                }
            }
        }
    }
    close(&mut open, &mut blocks, depth);
    blocks
}

/// Finishes the open block.
fn close(open: &mut Open, blocks: &mut Vec<Block>, depth: usize) {
    match std::mem::replace(open, Open::None) {
        Open::None => {}
        Open::Paragraph(lines) => blocks.push(Block::Paragraph(parse_inline(&lines.join("\n")))),
        Open::List {
            ordered,
            start,
            items,
        } => blocks.push(Block::List {
            ordered,
            start,
            items: items
                .iter()
                .map(|lines| parse_inline(&lines.join("\n")))
                .collect(),
        }),
        Open::Quote(lines) => blocks.push(Block::Quote(parse_blocks(&lines, depth + 1))),
    }
}

/// `# Title` → (3, "Title"); `##` → 4, and so on down to 6.
fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let level = (hashes + 2).min(6) as u8;
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// `- item`, `* item`, `+ item` or `12. item` / `12) item` → (ordered, number, item).
fn list_item(line: &str) -> Option<(bool, u32, &str)> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(item) = line.strip_prefix(marker) {
            return Some((false, 1, item.trim_start()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &line[digits..];
    let item = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    Some((true, line[..digits].parse().ok()?, item.trim_start()))
}

// ---------------------------------------------------------------------------------------------
// HTML tags and entities.

/// A recognised HTML tag at the cursor.
struct Tag {
    /// Lowercase tag name (`!` for a comment or doctype).
    name: String,
    /// True for `</name>`.
    closing: bool,
    /// Attributes, names lowercased, values entity-decoded.
    attributes: Vec<(String, String)>,
    /// Bytes the tag spans.
    length: usize,
}

impl Tag {
    /// The value of an attribute.
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Where the tag starting at `text` (which begins with `<`) ends: the first `>`, provided no
/// other `<` comes first and it lies within [`LOOKAHEAD`] bytes. Stopping at the next `<` keeps
/// the scan linear: each byte is looked at by at most one such scan.
fn tag_end(text: &str) -> Option<usize> {
    text.bytes()
        .take(LOOKAHEAD)
        .enumerate()
        .skip(1)
        .find(|&(_, b)| b == b'>' || b == b'<')
        .filter(|&(_, b)| b == b'>')
        .map(|(n, _)| n)
}

/// Parses the tag starting at `text` (which begins with `<`). Comments end at their first `>`.
fn parse_tag(text: &str) -> Option<Tag> {
    let bytes = text.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let first = *bytes.get(name_start)?;
    if !(first.is_ascii_alphabetic() || (first == b'!' && !closing)) {
        return None;
    }
    let end = tag_end(text)?;
    let inner = &text[name_start..end];
    let name_len = inner
        .bytes()
        .enumerate()
        .take_while(|&(n, b)| b.is_ascii_alphanumeric() || (n == 0 && b == b'!'))
        .count();
    Some(Tag {
        name: inner[..name_len].to_ascii_lowercase(),
        closing,
        attributes: parse_attributes(&inner[name_len..]),
        length: end + 1,
    })
}

/// Reads `name="value" name='value' name=value name` pairs leniently.
fn parse_attributes(text: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut rest = text.trim_start_matches(['/', ' ']);
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_len == 0 {
            break;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, remaining) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(quote).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = decode_entities(raw);
            rest = remaining;
        }
        attributes.push((name, value));
    }
    attributes
}

/// Decodes HTML character references once (`&amp;lt;` becomes `&lt;`, not `<`).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((decoded, length)) => {
                out.push(decoded);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `text` and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let body = &text[1..end];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "colon" => ':',
            "tab" => '\t',
            "newline" => '\n',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

// ---------------------------------------------------------------------------------------------
// Inline content.

/// What an open inline frame will become.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Root,
    /// `**` or `__` (the character).
    Strong(u8),
    /// `*` or `_`.
    Emphasis(u8),
    HtmlBold,
    HtmlItalic,
    HtmlCode,
    /// `<a>` with its raw href.
    HtmlLink(Option<String>),
    /// `[` of a Markdown link.
    LinkText,
    /// `![` of a Markdown image.
    ImageAlt,
}

/// An inline element under construction.
struct Frame {
    kind: Kind,
    /// What to show if the frame never closes (the Markdown opener; nothing for HTML).
    opener: &'static str,
    children: Vec<Inline>,
}

/// Builds inline trees with a stack of open frames; unclosed frames fall back to text.
struct InlineParser {
    stack: Vec<Frame>,
    /// Start positions of backtick runs by run length, with a cursor past those already behind.
    backtick_runs: HashMap<usize, (Vec<usize>, usize)>,
    /// The last search for the end of a link address: (searched from, first `)` or space).
    address_end: Option<(usize, Option<usize>)>,
}

impl InlineParser {
    /// Start of the first backtick run of exactly `length` after position `after`.
    fn closing_run(&mut self, after: usize, length: usize) -> Option<usize> {
        let (starts, cursor) = self.backtick_runs.get_mut(&length)?;
        while *cursor < starts.len() && starts[*cursor] <= after {
            *cursor += 1;
        }
        starts.get(*cursor).copied()
    }

    /// First `)` or ASCII white space at or after `from` (cached: calls come in text order).
    fn address_end(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.address_end {
            if searched <= from && found.is_none_or(|end| end >= from) {
                return found;
            }
        }
        let found = bytes[from..]
            .iter()
            .position(|&b| b == b')' || b.is_ascii_whitespace())
            .map(|n| from + n);
        self.address_end = Some((from, found));
        found
    }

    fn top(&mut self) -> &mut Vec<Inline> {
        &mut self.stack.last_mut().expect("root frame").children
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.top().last_mut() {
            Some(Inline::Text(existing)) => existing.push_str(text),
            _ => self.top().push(Inline::Text(text.to_owned())),
        }
    }

    fn node(&mut self, node: Inline) {
        self.top().push(node);
    }

    fn open(&mut self, kind: Kind, opener: &'static str) -> bool {
        if self.stack.len() > MAX_INLINE_DEPTH {
            return false;
        }
        self.stack.push(Frame {
            kind,
            opener,
            children: Vec::new(),
        });
        true
    }

    /// Index of the nearest open frame satisfying `matches`.
    fn find(&self, matches: impl Fn(&Kind) -> bool) -> Option<usize> {
        (1..self.stack.len())
            .rev()
            .find(|&n| matches(&self.stack[n].kind))
    }

    /// Unwinds frames above `index` back to text, then pops and returns frame `index`.
    fn close(&mut self, index: usize) -> Frame {
        while self.stack.len() > index + 1 {
            self.unwind();
        }
        self.stack.pop().expect("frame to close")
    }

    /// Turns the top frame back into its opener text followed by its children.
    fn unwind(&mut self) {
        let frame = self.stack.pop().expect("frame to unwind");
        self.text(frame.opener);
        for child in frame.children {
            match child {
                Inline::Text(text) => self.text(&text),
                other => self.node(other),
            }
        }
    }

    /// Adds a finished frame to its parent.
    fn finish(&mut self, frame: Frame, href: Option<&str>) {
        let node = match frame.kind {
            Kind::Strong(_) | Kind::HtmlBold => Inline::Bold(frame.children),
            Kind::Emphasis(_) | Kind::HtmlItalic => Inline::Italic(frame.children),
            Kind::HtmlCode => {
                let mut code = String::new();
                push_plain(&mut code, &frame.children);
                Inline::Code(code)
            }
            Kind::HtmlLink(_) | Kind::LinkText => {
                let href = href.and_then(safe_href);
                match href {
                    Some(href) if !frame.children.is_empty() => Inline::Link {
                        href,
                        content: frame.children,
                    },
                    Some(href) => Inline::Link {
                        content: vec![Inline::Text(href.clone())],
                        href,
                    },
                    None => {
                        for child in frame.children {
                            match child {
                                Inline::Text(text) => self.text(&text),
                                other => self.node(other),
                            }
                        }
                        return;
                    }
                }
            }
            Kind::ImageAlt => {
                let mut alt = String::new();
                push_plain(&mut alt, &frame.children);
                match href.and_then(safe_href) {
                    Some(href) => Inline::ImageLink { href, alt },
                    None => {
                        self.text(&alt);
                        return;
                    }
                }
            }
            Kind::Root => unreachable!("the root frame is never finished"),
        };
        self.node(node);
    }
}

/// Parses inline Markdown and inline HTML.
fn parse_inline(text: &str) -> Vec<Inline> {
    let bytes = text.as_bytes();
    let mut backtick_runs: HashMap<usize, (Vec<usize>, usize)> = HashMap::new();
    let mut n = 0;
    while n < bytes.len() {
        let run = bytes[n..].iter().take_while(|&&b| b == b'`').count();
        if run > 0 {
            backtick_runs.entry(run).or_default().0.push(n);
        }
        n += run.max(1);
    }
    let mut parser = InlineParser {
        stack: vec![Frame {
            kind: Kind::Root,
            opener: "",
            children: Vec::new(),
        }],
        backtick_runs,
        address_end: None,
    };
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(
            b,
            b'\\' | b'\n' | b'`' | b'*' | b'_' | b'[' | b']' | b'!' | b'<' | b'&'
        ) {
            i += 1;
            continue;
        }
        parser.text(&text[plain_start..i]);
        i = inline_special(&mut parser, text, i);
        plain_start = i;
    }
    parser.text(&text[plain_start..]);
    while parser.stack.len() > 1 {
        parser.unwind();
    }
    let root = parser.stack.pop().expect("root frame").children;
    autolink(root)
}

/// Handles the special byte at `i`; returns where to continue.
fn inline_special(parser: &mut InlineParser, text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let prev = text[..i].chars().next_back();
    match b {
        b'\\' => match bytes.get(i + 1) {
            Some(next) if next.is_ascii_punctuation() => {
                parser.text(&text[i + 1..i + 2]);
                i + 2
            }
            _ => {
                parser.text("\\");
                i + 1
            }
        },
        b'\n' => {
            parser.node(Inline::LineBreak);
            i + 1
        }
        b'`' => {
            let run = bytes[i..].iter().take_while(|&&c| c == b'`').count();
            match parser.closing_run(i, run) {
                Some(close) => {
                    let code = &text[i + run..close];
                    let code = if code.len() > 2 && code.starts_with(' ') && code.ends_with(' ') {
                        &code[1..code.len() - 1]
                    } else {
                        code
                    };
                    parser.node(Inline::Code(code.replace('\n', " ")));
                    close + run
                }
                None => {
                    parser.text(&text[i..i + run]);
                    i + run
                }
            }
        }
        b'*' | b'_' => {
            let run = bytes[i..].iter().take_while(|&&c| c == b).count();
            let width = if run >= 2 { 2 } else { 1 };
            let next = text[i + width..].chars().next();
            let intraword = b == b'_';
            let can_open = next.is_some_and(|c| !c.is_whitespace())
                && !(intraword && prev.is_some_and(char::is_alphanumeric));
            let can_close = prev.is_some_and(|c| !c.is_whitespace())
                && !(intraword && next.is_some_and(char::is_alphanumeric));
            let kind = if width == 2 {
                Kind::Strong(b)
            } else {
                Kind::Emphasis(b)
            };
            let opener: &'static str = match (b, width) {
                (b'*', 2) => "**",
                (b'*', _) => "*",
                (_, 2) => "__",
                _ => "_",
            };
            if can_close {
                if let Some(index) = parser.find(|k| *k == kind) {
                    let frame = parser.close(index);
                    parser.finish(frame, None);
                    return i + width;
                }
            }
            if !(can_open && parser.open(kind, opener)) {
                parser.text(opener);
            }
            i + width
        }
        b'!' if bytes.get(i + 1) == Some(&b'[') => {
            if !parser.open(Kind::ImageAlt, "![") {
                parser.text("![");
            }
            i + 2
        }
        b'!' => {
            parser.text("!");
            i + 1
        }
        b'[' => {
            let inside_link = parser
                .find(|k| matches!(k, Kind::LinkText | Kind::HtmlLink(_)))
                .is_some();
            if inside_link || !parser.open(Kind::LinkText, "[") {
                parser.text("[");
            }
            i + 1
        }
        b']' => {
            let target = link_target(parser, text, i + 1);
            match (
                parser.find(|k| matches!(k, Kind::LinkText | Kind::ImageAlt)),
                target,
            ) {
                (Some(index), Some((href, end))) => {
                    let frame = parser.close(index);
                    parser.finish(frame, Some(href));
                    end
                }
                _ => {
                    parser.text("]");
                    i + 1
                }
            }
        }
        b'<' => inline_tag(parser, text, i),
        _ => match entity(&text[i..]) {
            Some((c, length)) => {
                parser.text(c.encode_utf8(&mut [0; 4]));
                i + length
            }
            None => {
                parser.text("&");
                i + 1
            }
        },
    }
}

/// `(address)` right after `]`: the address and where parsing continues. The address ends at the
/// first `)` and may not contain white space.
fn link_target<'t>(
    parser: &mut InlineParser,
    text: &'t str,
    at: usize,
) -> Option<(&'t str, usize)> {
    if text.as_bytes().get(at) != Some(&b'(') {
        return None;
    }
    let end = parser.address_end(text.as_bytes(), at + 1)?;
    (text.as_bytes()[end] == b')').then(|| (&text[at + 1..end], end + 1))
}

/// Handles `<` at `i`: an allowed tag, an autolink, a dropped tag, or a literal `<`.
fn inline_tag(parser: &mut InlineParser, text: &str, i: usize) -> usize {
    let rest = &text[i..];
    if let Some(end) = tag_end(rest) {
        let inside = &rest[1..end];
        if !inside.contains(char::is_whitespace) {
            if let Some(href) = safe_href(inside).filter(|_| inside.contains(':')) {
                parser.node(Inline::Link {
                    content: vec![Inline::Text(inside.to_owned())],
                    href,
                });
                return i + end + 1;
            }
        }
    }
    let Some(tag) = parse_tag(rest) else {
        parser.text("<");
        return i + 1;
    };
    let kind = match tag.name.as_str() {
        "b" | "strong" => Some(Kind::HtmlBold),
        "i" | "em" => Some(Kind::HtmlItalic),
        "code" => Some(Kind::HtmlCode),
        "a" => Some(Kind::HtmlLink(tag.attribute("href").map(str::to_owned))),
        _ => None,
    };
    match (tag.name.as_str(), kind, tag.closing) {
        ("br", _, _) => parser.node(Inline::LineBreak),
        ("img", _, false) => {
            if let Some(href) = tag.attribute("src").and_then(safe_href) {
                let alt = tag.attribute("alt").unwrap_or_default().to_owned();
                parser.node(Inline::ImageLink { href, alt });
            }
        }
        (_, Some(kind), false) => {
            let nested_link = matches!(kind, Kind::HtmlLink(_))
                && parser
                    .find(|k| matches!(k, Kind::LinkText | Kind::HtmlLink(_)))
                    .is_some();
            if !nested_link {
                parser.open(kind, "");
            }
        }
        (_, Some(kind), true) => {
            let same = |k: &Kind| std::mem::discriminant(k) == std::mem::discriminant(&kind);
            if let Some(index) = parser.find(same) {
                let frame = parser.close(index);
                let href = match &frame.kind {
                    Kind::HtmlLink(href) => href.clone(),
                    _ => None,
                };
                parser.finish(frame, href.as_deref());
            }
        }
        _ => {}
    }
    i + tag.length
}

/// Turns bare `http://` and `https://` addresses in text (outside links and code) into links.
fn autolink(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Inline::Text(text) => split_urls(&text, &mut out),
            Inline::Bold(inner) => out.push(Inline::Bold(autolink(inner))),
            Inline::Italic(inner) => out.push(Inline::Italic(autolink(inner))),
            other => out.push(other),
        }
    }
    out
}

/// Splits text around bare addresses.
fn split_urls(text: &str, out: &mut Vec<Inline>) {
    let bytes = text.as_bytes();
    let mut emitted = 0;
    let mut cursor = 0;
    while let Some(found) = bytes[cursor..]
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b"http"))
        .map(|n| cursor + n)
    {
        let after = &text[found..];
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|scheme| {
                after.len() >= scheme.len()
                    && after.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
            })
            .map_or(0, str::len);
        let starts_word = text[..found]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        cursor = found + scheme.max(4);
        if scheme == 0 || !starts_word {
            continue;
        }
        let length = after
            .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
            .unwrap_or(after.len());
        let url = after[..length].trim_end_matches(['.', ',', ':', ';', '!', '?', ')', '\'']);
        if let Some(href) = safe_href(url).filter(|_| url.len() > scheme) {
            push_text(out, &text[emitted..found]);
            out.push(Inline::Link {
                href,
                content: vec![Inline::Text(url.to_owned())],
            });
            emitted = found + url.len();
            cursor = emitted;
        }
    }
    push_text(out, &text[emitted..]);
}

/// Appends text, merging it with a preceding text node.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(existing)) => existing.push_str(text),
        _ => out.push(Inline::Text(text.to_owned())),
    }
}
