//! HTML written as text: the one escaping function for the strings the browser apps build as
//! markup (the uptime bars, written as one string per strip so the browser parses 90 bars at
//! once instead of wasm creating each; the badge snippets visitors copy).

use std::borrow::Cow;

/// `text` with the characters that mean something in HTML (`& < > " '`) written as entities:
/// safe as element text and inside a quoted attribute value. Borrowed when nothing changes.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|byte| matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_become_entities_and_plain_text_is_borrowed() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert!(matches!(
            escape("Störung 99.9%"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup_and_reads_back_as_the_text(text in ".*") {
            let escaped = escape(&text);
            proptest::prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            let back = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }
}
