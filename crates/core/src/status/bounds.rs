//! Limits that keep a page quick whatever the data holds: an incident with thousands of updates
//! or an update of a megabyte renders a bounded amount, and the visitor is told what was left
//! out. (Long words wrap in CSS: `overflow-wrap: anywhere` on update bodies.)

/// How many of an incident's updates its card shows at first, newest first; the older ones
/// are one click away.
pub const UPDATES_SHOWN: usize = 5;

/// The most characters of one update's body a page shows; the rest is cut and the page says so.
pub const UPDATE_BODY_LIMIT: usize = 10_000;

/// `body` as a page shows it: whole when it has at most [`UPDATE_BODY_LIMIT`] characters,
/// else its first [`UPDATE_BODY_LIMIT`] characters; the flag says whether it was cut.
///
/// ```
/// use beacon_core::status::bounds::{shown_body, UPDATE_BODY_LIMIT};
/// assert_eq!(shown_body("Resolved."), ("Resolved.", false));
/// let word = "é".repeat(1_000_000);
/// let (shown, cut) = shown_body(&word);
/// assert!(cut);
/// assert_eq!(shown.chars().count(), UPDATE_BODY_LIMIT);
/// ```
pub fn shown_body(body: &str) -> (&str, bool) {
    match body.char_indices().nth(UPDATE_BODY_LIMIT) {
        Some((cut, _)) => (&body[..cut], true),
        None => (body, false),
    }
}

/// How many of `total` updates a card shows: all when `expanded` or when there are at most
/// [`UPDATES_SHOWN`], else [`UPDATES_SHOWN`].
///
/// ```
/// use beacon_core::status::bounds::updates_shown;
/// assert_eq!(updates_shown(3, false), 3);
/// assert_eq!(updates_shown(10_000, false), 5);
/// assert_eq!(updates_shown(10_000, true), 10_000);
/// ```
pub fn updates_shown(total: usize, expanded: bool) -> usize {
    if expanded {
        total
    } else {
        total.min(UPDATES_SHOWN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_at_the_limit_is_whole_and_one_more_character_is_cut() {
        let at_limit = "a".repeat(UPDATE_BODY_LIMIT);
        assert_eq!(shown_body(&at_limit), (at_limit.as_str(), false));
        let over = format!("{at_limit}b");
        assert_eq!(shown_body(&over), (at_limit.as_str(), true));
    }
}
