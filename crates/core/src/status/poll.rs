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
}
