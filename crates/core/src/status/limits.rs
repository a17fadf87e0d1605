//! What the status data may hold beyond its shape: ids from a safe character set with a bounded
//! length, and update messages up to a stated size. Ids become file names (feeds, badges,
//! calendars) and links (`<region>/incidents/<id>`), so one rule here serves `validate`,
//! `publish` and the operators' edits alike: what one accepts, the others accept.

/// The longest id, in bytes: a Statuspage id is 12, a chosen one may be a short phrase.
pub const MAX_ID_LEN: usize = 64;

/// The longest update message, in characters (about ten printed pages).
pub const MAX_UPDATE_BODY_CHARS: usize = 10_000;

/// Why `id` cannot be an id, or `None` when it can: 1 to [`MAX_ID_LEN`] lowercase ASCII
/// letters, digits and dashes. Nothing else is allowed, so an id never climbs out of its
/// folder (`../`), never needs escaping in a path or link, and reads the same everywhere.
///
/// ```
/// use beacon_core::status::limits::id_problem;
///
/// assert_eq!(id_problem("2kzrx0e5pq1m"), None);
/// assert_eq!(id_problem("em-restores"), None);
/// assert!(id_problem("../../sla/").unwrap().contains("a-z, 0-9 and -"));
/// assert!(id_problem("").unwrap().contains("empty"));
/// assert!(id_problem(&"x".repeat(65)).unwrap().contains("64"));
/// ```
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("an id must not be empty".to_owned())
    } else if id.len() > MAX_ID_LEN {
        Some(format!(
            "an id is at most {MAX_ID_LEN} characters, this one has {}",
            id.len()
        ))
    } else if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some(format!(
            "{id:?} is not an id: only a-z, 0-9 and - are allowed"
        ))
    } else {
        None
    }
}

/// Why `body` is too long for an update message, or `None` when it fits
/// [`MAX_UPDATE_BODY_CHARS`].
///
/// ```
/// use beacon_core::status::limits::{body_problem, MAX_UPDATE_BODY_CHARS};
///
/// assert_eq!(body_problem("Restores are fast again."), None);
/// assert!(body_problem(&"é".repeat(MAX_UPDATE_BODY_CHARS + 1)).is_some());
/// ```
pub fn body_problem(body: &str) -> Option<String> {
    let chars = body.chars().count();
    (chars > MAX_UPDATE_BODY_CHARS).then(|| {
        format!("a message is at most {MAX_UPDATE_BODY_CHARS} characters, this one has {chars}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lowercase_letters_digits_and_dashes_of_bounded_length_are_ids() {
        for good in [
            "a",
            "0",
            "tb1xtvj5wamt",
            "am-backups-m365",
            &"a".repeat(MAX_ID_LEN),
        ] {
            assert_eq!(id_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "..",
            "../x",
            "a/b",
            "a b",
            "A1",
            "a_b",
            "a.b",
            "a%2e",
            "é",
            "a\n",
            &"a".repeat(MAX_ID_LEN + 1),
        ] {
            assert!(id_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn a_message_is_capped_in_characters_not_bytes() {
        assert_eq!(body_problem(&"é".repeat(MAX_UPDATE_BODY_CHARS)), None);
        let over = body_problem(&"a".repeat(MAX_UPDATE_BODY_CHARS + 1)).unwrap();
        assert!(over.contains("10001"), "{over}");
    }
}
