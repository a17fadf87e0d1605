//! How often an open status page reads its region's data again, and when what it shows is
//! called out of date.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::config::MIN_POLL_INTERVAL_SECONDS;

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

#[cfg(test)]
mod tests {
    use super::*;
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
}
