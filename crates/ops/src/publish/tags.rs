//! Reading the tags of a built page without a full HTML parser: the publisher only rewrites
//! tags it wrote or Trunk wrote, so finding a start tag, its attributes and its element's text
//! is enough ([`super::scripts`], [`super::critical`], [`super::modules`]).

/// One start tag found in a page: where it starts and ends (the byte after its `>`) and its
/// attributes as (lowercase name, value) pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// The byte index of its `<`.
    pub start: usize,
    /// The byte index just after its `>`.
    pub end: usize,
    /// Its attributes, names in lowercase.
    pub attributes: Vec<(String, String)>,
}

impl StartTag {
    /// The value of the attribute `name` (lowercase), if the tag has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Every start tag named `name` (lowercase, e.g. `link`) in `page`, in order.
///
/// ```
/// use beacon_ops::publish::tags::start_tags;
/// let tags = start_tags("<LINK rel=stylesheet href=\"/a.css\"><p>x</p><link rel=icon href=i.svg>", "link");
/// assert_eq!(tags.len(), 2);
/// assert_eq!(tags[0].attribute("href"), Some("/a.css"));
/// assert_eq!(tags[1].attribute("rel"), Some("icon"));
/// ```
pub fn start_tags(page: &str, name: &str) -> Vec<StartTag> {
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&page[from..], &open) {
        let start = from + at;
        let after_name = &page[start + open.len()..];
        from = start + open.len();
        let at_tag = after_name
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace());
        let Some(tag_end) = at_tag.then(|| start_tag_end(after_name)).flatten() else {
            continue;
        };
        let end = start + open.len() + tag_end + 1;
        found.push(StartTag {
            start,
            end,
            attributes: attributes(&after_name[..tag_end]),
        });
        from = end;
    }
    found
}

/// The index of the `>` that ends a start tag whose attributes begin `tag`, skipping quoted
/// values.
pub fn start_tag_end(tag: &str) -> Option<usize> {
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
pub fn attributes(tag: &str) -> Vec<(String, String)> {
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
pub fn has_attribute(tag: &str, name: &str) -> bool {
    attributes(tag).iter().any(|(found, _)| found == name)
}

/// True when a `<script>` with these attributes is run by the browser (no `type`, a
/// JavaScript MIME type, or `module`), false for data blocks such as `application/json`.
pub fn runs_as_script(tag: &str) -> bool {
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
pub fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    hay.windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}
