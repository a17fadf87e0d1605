//! How often an open status page reads its region's data again, and when what it shows is
//! called out of date.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::config::MIN_POLL_INTERVAL_SECONDS;
use crate::hash::{fnv1a, FNV_OFFSET};

/// Polls that may go by without fresh data before the page says it may be out of date: one
/// missed poll is a hiccup, three mean the page is no longer being refreshed.
pub const STALE_AFTER_POLLS: u32 = 3;

/// The wait between two polls for the configured interval, never shorter than
/// [`MIN_POLL_INTERVAL_SECONDS`] (the floor the configuration is validated against), so no
/// configuration makes every open page hammer the host.
///
/// ```
/// use std::time::Duration;
/// use beacon_core::status::poll::poll_interval;
///
/// assert_eq!(poll_interval(60), Duration::from_secs(60));
/// assert_eq!(poll_interval(1), Duration::from_secs(15));
/// ```
pub fn poll_interval(configured_seconds: u32) -> Duration {
    Duration::from_secs(u64::from(configured_seconds.max(MIN_POLL_INTERVAL_SECONDS)))
}

/// The longest wait between two polls while the host keeps failing.
pub const MAX_BACKOFF: Duration = Duration::from_secs(600);

/// The share of the interval a poll may come early, so pages opened together (after an
/// announcement, say) do not all poll in step.
pub const JITTER: f64 = 0.1;

/// The wait before the next poll: the interval ([`poll_interval`]) less up to [`JITTER`] of it
/// (`random` in `0..1` picks how much); after the second failure in a row, doubled for each
/// further one (one failed poll is a hiccup and is retried on time), at most [`MAX_BACKOFF`]
/// (or the interval, when that is longer). Never later than the interval while polls succeed,
/// so a visitor is never further behind than the configuration promises.
///
/// ```
/// use std::time::Duration;
/// use beacon_core::status::poll::next_poll_delay;
///
/// assert_eq!(next_poll_delay(60, 0, 0.0), Duration::from_secs(60));
/// assert_eq!(next_poll_delay(60, 0, 0.5), Duration::from_secs(57));
/// // Failing: 1, 2, 4, 8 ... intervals, up to ten minutes.
/// assert_eq!(next_poll_delay(60, 1, 0.0), Duration::from_secs(60));
/// assert_eq!(next_poll_delay(60, 2, 0.0), Duration::from_secs(120));
/// assert_eq!(next_poll_delay(60, 4, 0.0), Duration::from_secs(480));
/// assert_eq!(next_poll_delay(60, 9, 0.0), Duration::from_secs(600));
/// ```
pub fn next_poll_delay(configured_seconds: u32, failures_in_a_row: u32, random: f64) -> Duration {
    let interval = poll_interval(configured_seconds);
    let early = interval.mul_f64(JITTER * random.clamp(0.0, 1.0));
    let base = interval - early;
    if failures_in_a_row == 0 {
        return base;
    }
    let factor = 2u32.saturating_pow((failures_in_a_row - 1).min(16));
    base.saturating_mul(factor).min(MAX_BACKOFF.max(interval))
}

/// Polls in a row that may leave the history out while the summary stays the same: a change
/// to the history alone (a past incident corrected by hand) is seen within this many polls.
pub const HISTORY_EVERY_POLLS: u32 = 5;

/// True when a poll asks for the history at once, with the summary: when none is shown yet
/// (`history_missing`, also after a failed read), or when `polls_without_history` polls have
/// gone by without it and this one makes [`HISTORY_EVERY_POLLS`]. Otherwise the poll asks for
/// the summary alone, and for the history only if the summary changed: everything Beacon
/// publishes changes the summary (its `page.updated_at`; an incident resolved leaves the
/// summary for the history), so an open page that finds nothing new costs one small request
/// per poll, not two.
///
/// ```
/// use beacon_core::status::poll::history_due;
///
/// assert!(history_due(0, true)); // nothing shown yet
/// assert!(!history_due(0, false));
/// assert!(!history_due(3, false));
/// assert!(history_due(4, false)); // the fifth poll without it
/// ```
pub fn history_due(polls_without_history: u32, history_missing: bool) -> bool {
    history_missing || polls_without_history.saturating_add(1) >= HISTORY_EVERY_POLLS
}

/// How often the uptime strips are worked out again as time passes while the data stays the
/// same (new data redraws them at once): every poll interval ([`poll_interval`]) while an
/// incident or maintenance is under way, since its bar grows by the minute; otherwise hourly,
/// which is when a new day begins in whole-hour time zones, and all that moves meanwhile is
/// today's measured time. So an open page whose region is quiet does not recompute a large
/// history every minute.
///
/// ```
/// use std::time::Duration;
/// use beacon_core::status::poll::strips_refresh;
///
/// assert_eq!(strips_refresh(60, true), Duration::from_secs(60));
/// assert_eq!(strips_refresh(60, false), Duration::from_secs(3600));
/// // An interval longer than an hour is kept either way.
/// assert_eq!(strips_refresh(7200, false), Duration::from_secs(7200));
/// ```
pub fn strips_refresh(configured_seconds: u32, under_way: bool) -> Duration {
    let interval = poll_interval(configured_seconds);
    if under_way {
        interval
    } else {
        interval.max(QUIET_STRIPS_REFRESH)
    }
}

/// [`strips_refresh`] while nothing is under way.
pub const QUIET_STRIPS_REFRESH: Duration = Duration::from_secs(3600);

/// True when data last read at `read_at` is out of date at `now`: more than
/// [`STALE_AFTER_POLLS`] poll intervals ([`poll_interval`]) have passed since.
///
/// ```
/// use beacon_core::status::poll::is_stale;
/// use chrono::{DateTime, TimeDelta, Utc};
///
/// let read: DateTime<Utc> = "2026-11-20T10:00:00Z".parse().unwrap();
/// assert!(!is_stale(read, read + TimeDelta::seconds(180), 60));
/// assert!(is_stale(read, read + TimeDelta::seconds(181), 60));
/// ```
pub fn is_stale(read_at: DateTime<Utc>, now: DateTime<Utc>, configured_seconds: u32) -> bool {
    let interval = poll_interval(configured_seconds).as_secs();
    now - read_at > TimeDelta::seconds((interval * u64::from(STALE_AFTER_POLLS)) as i64)
}

/// The length and FNV-1a hash ([`crate::hash::fnv1a`]) of a polled file's body, taken as it
/// arrives in pieces, so a body that is the same as last time is recognised without parsing
/// it or keeping a copy.
///
/// ```
/// use beacon_core::status::poll::BodyPrint;
///
/// let whole = BodyPrint::of(b"{\"page\": {}}");
/// let mut pieces = BodyPrint::new();
/// pieces.add(b"{\"page\"");
/// pieces.add(b": {}}");
/// assert_eq!(whole, pieces);
/// assert_ne!(whole, BodyPrint::of(b"{\"page\": []}"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyPrint {
    length: u64,
    hash: u64,
}

impl BodyPrint {
    /// The print of an empty body, to [`add`](Self::add) pieces to.
    pub const fn new() -> Self {
        BodyPrint {
            length: 0,
            hash: FNV_OFFSET,
        }
    }

    /// The print of a whole body.
    pub fn of(body: &[u8]) -> Self {
        let mut print = BodyPrint::new();
        print.add(body);
        print
    }

    /// Takes the next piece of the body.
    pub fn add(&mut self, piece: &[u8]) {
        self.length += piece.len() as u64;
        self.hash = fnv1a(self.hash, piece);
    }
}

impl Default for BodyPrint {
    fn default() -> Self {
        BodyPrint::new()
    }
}

/// Which version of a polled file the page shows: the host's validator for it (`ETag`, else
/// `Last-Modified`), or, from a host that sends none, its body's [`BodyPrint`]. The next poll
/// compares its answer with it before reading anything: the same validator means the same file
/// (the body is not even read; it is what a `304 Not Modified` gives), the same body from a
/// host without validators means nothing new either. Either way nothing is parsed and no model
/// is built.
///
/// ```
/// use beacon_core::status::poll::{BodyPrint, FileVersion};
///
/// let shown = FileVersion::validated("\"6734-b1e\"");
/// assert!(shown.same_validator(Some("\"6734-b1e\"")));
/// assert!(!shown.same_validator(Some("\"6735-b1e\"")));
/// assert!(!shown.same_validator(None));
/// let printed = FileVersion::printed(BodyPrint::of(b"{}"));
/// assert!(printed.same_body(BodyPrint::of(b"{}")));
/// assert!(!printed.same_validator(None));
/// // Nothing read yet: nothing is the same.
/// assert!(!FileVersion::default().same_validator(None));
/// assert!(!FileVersion::default().same_body(BodyPrint::of(b"")));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileVersion {
    validator: Option<String>,
    body: Option<BodyPrint>,
}

impl FileVersion {
    /// The version a host named by `validator`.
    pub fn validated(validator: impl Into<String>) -> Self {
        FileVersion {
            validator: Some(validator.into()),
            body: None,
        }
    }

    /// The version of a body printed `body`, from a host that named none.
    pub fn printed(body: BodyPrint) -> Self {
        FileVersion {
            validator: None,
            body: Some(body),
        }
    }

    /// True when an answer with `validator` is this version: both carry one and it is the same.
    pub fn same_validator(&self, validator: Option<&str>) -> bool {
        matches!((self.validator.as_deref(), validator), (Some(a), Some(b)) if a == b)
    }

    /// True when a body printed `body` is this version's.
    pub fn same_body(&self, body: BodyPrint) -> bool {
        self.body == Some(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_within_the_interval_while_polls_succeed_and_back_off_while_they_fail() {
        for seconds in [15, 60, 3600] {
            let interval = poll_interval(seconds);
            for step in 0..=10 {
                let random = f64::from(step) / 10.0;
                let delay = next_poll_delay(seconds, 0, random);
                assert!(delay <= interval && delay >= interval.mul_f64(1.0 - JITTER));
                let mut previous = delay;
                for failures in 1..40 {
                    let backed_off = next_poll_delay(seconds, failures, random);
                    assert!(
                        backed_off >= previous,
                        "never shorter after another failure"
                    );
                    assert!(backed_off <= MAX_BACKOFF.max(interval));
                    previous = backed_off;
                }
            }
        }
    }
    use crate::status::config::MAX_POLL_INTERVAL_SECONDS;

    #[test]
    fn the_interval_is_the_configured_one_within_the_validated_range() {
        for seconds in [MIN_POLL_INTERVAL_SECONDS, 60, MAX_POLL_INTERVAL_SECONDS] {
            assert_eq!(poll_interval(seconds).as_secs(), u64::from(seconds));
        }
        assert_eq!(
            poll_interval(0).as_secs(),
            u64::from(MIN_POLL_INTERVAL_SECONDS)
        );
    }

    #[test]
    fn data_goes_stale_after_three_intervals_counted_from_the_floor() {
        let read: DateTime<Utc> = "2026-11-20T10:00:00Z".parse().unwrap();
        let after = |seconds| read + TimeDelta::seconds(seconds);
        assert!(!is_stale(read, read, 60));
        assert!(!is_stale(read, after(45), 5));
        assert!(is_stale(read, after(46), 5));
        assert!(!is_stale(read, after(3 * 3600), MAX_POLL_INTERVAL_SECONDS));
        assert!(is_stale(
            read,
            after(3 * 3600 + 1),
            MAX_POLL_INTERVAL_SECONDS
        ));
        // A clock set back (a read "in the future") is not out of date.
        assert!(!is_stale(read, after(-600), 60));
    }

    #[test]
    fn a_body_is_the_same_only_when_every_byte_is() {
        let body = br#"{"page":{"id":"emea"},"incidents":[]}"#;
        let print = BodyPrint::of(body);
        let version = FileVersion::printed(print);
        assert!(version.same_body(BodyPrint::of(body)));
        for at in 0..body.len() {
            let mut changed = body.to_vec();
            changed[at] ^= 1;
            assert!(!version.same_body(BodyPrint::of(&changed)), "byte {at}");
        }
        assert!(!version.same_body(BodyPrint::of(&body[..body.len() - 1])));
        // Pieces of any size print the same as the whole.
        for size in 1..body.len() {
            let mut pieces = BodyPrint::new();
            body.chunks(size).for_each(|piece| pieces.add(piece));
            assert_eq!(pieces, print, "pieces of {size}");
        }
    }

    #[test]
    fn a_validator_is_the_same_only_when_both_sides_have_it() {
        let printed = FileVersion::printed(BodyPrint::of(b"{}"));
        assert!(!printed.same_validator(None));
        assert!(!printed.same_validator(Some("\"a\"")));
        let validated = FileVersion::validated("\"a\"");
        assert!(validated.same_validator(Some("\"a\"")));
        assert!(!validated.same_validator(None));
        assert!(!validated.same_validator(Some("W/\"a\"")));
        assert!(!validated.same_body(BodyPrint::of(b"{}")));
    }

    #[test]
    fn the_history_is_asked_for_at_least_every_few_polls() {
        let mut without = 0;
        let mut asked = Vec::new();
        for poll in 0..20 {
            let due = history_due(without, poll == 0);
            asked.push(due);
            without = if due { 0 } else { without + 1 };
        }
        assert!(asked[0], "the first poll reads the history");
        for window in asked.windows(HISTORY_EVERY_POLLS as usize) {
            assert!(window.contains(&true), "{asked:?}");
        }
        assert_eq!(
            asked.iter().filter(|due| **due).count(),
            1 + 19 / HISTORY_EVERY_POLLS as usize
        );
    }
}
