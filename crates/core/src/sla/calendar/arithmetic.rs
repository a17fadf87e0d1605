//! Business-time arithmetic: due times, elapsed business time, opening and closing instants,
//! business days and the clock timeline, each in a few steps whatever the duration.

use chrono::{DateTime, TimeDelta, Utc};

use super::totals::binary_search_steps;
use super::{BusinessCalendar, BusinessDayRule, CalendarError};
use crate::sla::civil::{civil_from_days, weekday_from_days, SECONDS_PER_DAY};

/// Converts an instant to whole seconds since the epoch (sub-second part dropped).
fn to_seconds(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn from_seconds(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl BusinessCalendar {
    fn special_index(&self, day: i64) -> Result<usize, usize> {
        self.special.binary_search_by_key(&day, |s| s.day)
    }

    /// Open local intervals of a day after holidays.
    fn open_on(&self, day: i64) -> &[(u32, u32)] {
        match self.special_index(day) {
            Ok(i) => &self.special[i].open,
            Err(_) => self.hours.day(weekday_from_days(day)),
        }
    }

    /// Open intervals of a local day as UTC seconds (zero-length ones skipped).
    fn utc_intervals(&self, day: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let base = day * SECONDS_PER_DAY;
        self.open_on(day).iter().filter_map(move |&(o, c)| {
            let a = self.rule.local_to_utc(base + i64::from(o));
            let b = self.rule.local_to_utc(base + i64::from(c));
            (b > a).then_some((a, b))
        })
    }

    /// Local day containing the UTC instant `t`.
    fn day_of(&self, t: i64) -> i64 {
        (t + i64::from(self.rule.offset_at(t))).div_euclid(SECONDS_PER_DAY)
    }

    fn check(&self, t: i64) -> Result<i64, CalendarError> {
        let day = self.day_of(t);
        if day < self.first_day || day > self.last_day {
            return Err(CalendarError::OutOfRange(from_seconds(t)));
        }
        if let Some((first, last)) = self.verified_years {
            let (year, _, _) = civil_from_days(day);
            if year < first || year > last {
                return Err(CalendarError::OutsideVerifiedYears { year, first, last });
            }
        }
        Ok(day)
    }

    /// Business seconds from the epoch week to the start of `day`.
    fn seconds_before_day(&self, day: i64, steps: &mut u32) -> i64 {
        let k = self.special.partition_point(|s| s.day < day);
        *steps += binary_search_steps(self.special.len());
        self.seconds.before(day, k)
    }

    /// Business seconds from the epoch week to the instant `t` in local day `day`.
    fn seconds_before(&self, t: i64, day: i64, steps: &mut u32) -> i64 {
        let mut total = self.seconds_before_day(day, steps);
        for (a, b) in self.utc_intervals(day) {
            *steps += 1;
            if t <= a {
                break;
            }
            total += t.min(b) - a;
        }
        total
    }

    /// The instant at which the running business total reaches `target` (earliest such instant,
    /// so a target reached exactly at closing time is the closing instant).
    fn instant_reaching(&self, target: i64, steps: &mut u32) -> Result<i64, CalendarError> {
        let day = self.seconds.day_reaching(target, &self.special, steps);
        let mut rest = target - self.seconds_before_day(day, steps);
        let mut last_end = day * SECONDS_PER_DAY;
        for (a, b) in self.utc_intervals(day) {
            *steps += 1;
            if rest <= b - a {
                return self.within_range(a + rest);
            }
            rest -= b - a;
            last_end = b;
        }
        // Unreachable for a consistent table; keep the closing instant rather than panic.
        self.within_range(last_end)
    }

    fn within_range(&self, t: i64) -> Result<i64, CalendarError> {
        self.check(t).map(|_| t)
    }

    /// Adds `duration` of business time to `start`: the due instant of a clock started at
    /// `start`. Starting outside hours starts the clock at the next opening; a due time landing
    /// exactly on a closing time is that closing instant. A zero duration gives the instant the
    /// clock starts. Cost does not depend on the duration.
    ///
    /// Only time inside opening hours counts: evenings, nights, weekends (days without hours)
    /// and holidays pause the clock. Hours are in the calendar's local time (here Tokyo,
    /// UTC+9, Monday to Friday 09:00–17:00), and opening intervals are half-open: 09:00 is
    /// inside hours, 17:00 is not.
    ///
    /// ```
    /// use beacon_core::sla::{BusinessCalendar, CalendarError};
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let calendar = BusinessCalendar::from_json("tokyo.json", r#"{
    ///     "id": "tokyo", "name": "Tokyo", "zone": "Asia/Tokyo", "tz_rule": "JST-9",
    ///     "hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
    ///               "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]],
    ///               "fri": [["09:00", "17:00"]]},
    ///     "holidays": [{"name": "Year-end closure", "date": "2026-12-25"}]
    /// }"#).unwrap();
    /// let at = |local: &str| local.parse::<DateTime<Utc>>().unwrap();
    /// let due = |start: &str, hours: i64| {
    ///     calendar.add_business_time(at(start), TimeDelta::hours(hours)).unwrap()
    /// };
    ///
    /// // Monday 16:00 + 2 business hours: one hour on Monday, one on Tuesday morning.
    /// assert_eq!(due("2026-12-21T16:00:00+09:00", 2), at("2026-12-22T10:00:00+09:00"));
    /// // A due time landing on closing time is that instant, not the next morning.
    /// assert_eq!(due("2026-12-21T16:00:00+09:00", 1), at("2026-12-21T17:00:00+09:00"));
    /// // Started on a Saturday, the clock starts at Monday's opening.
    /// assert_eq!(due("2026-12-19T12:00:00+09:00", 1), at("2026-12-21T10:00:00+09:00"));
    /// // Thursday 16:00 + 2 hours: Friday is a holiday, then the weekend.
    /// assert_eq!(due("2026-12-24T16:00:00+09:00", 2), at("2026-12-28T10:00:00+09:00"));
    /// // Zero business time from outside hours is the next opening; at 09:00 sharp, 09:00.
    /// assert_eq!(due("2026-12-21T08:00:00+09:00", 0), at("2026-12-21T09:00:00+09:00"));
    /// assert_eq!(due("2026-12-21T09:00:00+09:00", 0), at("2026-12-21T09:00:00+09:00"));
    /// // A negative duration is refused.
    /// assert_eq!(
    ///     calendar.add_business_time(at("2026-12-21T09:00:00+09:00"), TimeDelta::hours(-1)),
    ///     Err(CalendarError::NegativeDuration)
    /// );
    /// ```
    pub fn add_business_time(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.add_business_time_counting_steps(start, duration)
            .map(|(due, _)| due)
    }

    /// [`Self::add_business_time`] that also returns the number of algorithm steps taken (binary
    /// search probes, days and intervals visited): a diagnostic showing the cost is bounded
    /// independently of the duration.
    pub fn add_business_time_counting_steps(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<(DateTime<Utc>, u32), CalendarError> {
        if duration < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration);
        }
        let t = to_seconds(start);
        let day = self.check(t)?;
        let mut steps = 0;
        let d = duration.num_seconds();
        let due = if d == 0 {
            let before = self.seconds_before(t, day, &mut steps);
            if self.is_open_at(t, day) {
                t
            } else {
                self.instant_reaching(before + 1, &mut steps)? - 1
            }
        } else {
            let before = self.seconds_before(t, day, &mut steps);
            self.instant_reaching(before + d, &mut steps)?
        };
        Ok((from_seconds(due), steps))
    }

    /// Business time between two instants (negative if `to` is before `from`).
    pub fn business_time_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<TimeDelta, CalendarError> {
        let (a, b) = (to_seconds(from), to_seconds(to));
        let (da, db) = (self.check(a)?, self.check(b)?);
        let mut steps = 0;
        let elapsed =
            self.seconds_before(b, db, &mut steps) - self.seconds_before(a, da, &mut steps);
        Ok(TimeDelta::seconds(elapsed))
    }

    fn is_open_at(&self, t: i64, day: i64) -> bool {
        self.utc_intervals(day).any(|(a, b)| a <= t && t < b)
    }

    /// Whether `t` is inside opening hours (opening instant included, closing instant excluded).
    pub fn is_open(&self, t: DateTime<Utc>) -> Result<bool, CalendarError> {
        let s = to_seconds(t);
        let day = self.check(s)?;
        Ok(self.is_open_at(s, day))
    }

    /// The instant the clock runs from: `t` itself if inside hours, else the next opening.
    pub fn next_opening(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        self.add_business_time(t, TimeDelta::zero())
    }

    /// The instant the running clock next stops: the end of the current (or next) opening
    /// interval, merging intervals that touch across midnight.
    pub fn next_closing(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let open = to_seconds(self.next_opening(t)?);
        let mut day = self.check(open)?;
        let mut end = open;
        loop {
            let mut extended = false;
            for (a, b) in self.utc_intervals(day) {
                if a <= end && end < b {
                    end = b;
                    extended = true;
                }
            }
            if !extended {
                return Ok(from_seconds(end));
            }
            // An interval ending at local midnight may continue the next day (24x7, night
            // shifts): a year of uninterrupted opening is bounded by the supported range.
            day += 1;
            if day > self.last_day {
                return Ok(from_seconds(end));
            }
        }
    }

    /// Due time for `n` business days from `start` under the chosen [`BusinessDayRule`].
    pub fn add_business_days(
        &self,
        start: DateTime<Utc>,
        n: u32,
        rule: BusinessDayRule,
    ) -> Result<DateTime<Utc>, CalendarError> {
        match rule {
            BusinessDayRule::BusinessDayLength => self.add_business_time(
                start,
                TimeDelta::seconds(self.business_day_seconds * i64::from(n)),
            ),
            BusinessDayRule::SameTimeLater => {
                let clock = to_seconds(self.next_opening(start)?);
                let day = self.check(clock)?;
                let time_of_day =
                    clock + i64::from(self.rule.offset_at(clock)) - day * SECONDS_PER_DAY;
                let mut steps = 0;
                let k = self.special.partition_point(|s| s.day < day);
                let count = self.days.before(day, k);
                let target_day =
                    self.days
                        .day_reaching(count + i64::from(n) + 1, &self.special, &mut steps);
                let wanted = self
                    .rule
                    .local_to_utc(target_day * SECONDS_PER_DAY + time_of_day);
                let mut chosen = None;
                for (a, b) in self.utc_intervals(target_day) {
                    if wanted < a {
                        chosen = Some(chosen.unwrap_or(a));
                        break;
                    }
                    chosen = Some(wanted.min(b));
                    if wanted < b {
                        break;
                    }
                }
                self.within_range(chosen.unwrap_or(wanted))
                    .map(from_seconds)
            }
        }
    }

    /// Alternating running and paused clock segments from `from` to `to`, for a timeline.
    /// At most `limit` segments are returned; the last one ends at `to` unless truncated.
    pub fn clock_segments(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ClockSegment>, CalendarError> {
        let (a, b) = (to_seconds(from), to_seconds(to));
        let mut day = self.check(a)?;
        self.check(b)?;
        let mut segments: Vec<ClockSegment> = Vec::new();
        let push = |segments: &mut Vec<ClockSegment>, s: i64, e: i64, running: bool| {
            if e <= s {
                return;
            }
            match segments.last_mut() {
                Some(last) if last.running == running && to_seconds(last.end) == s => {
                    last.end = from_seconds(e);
                }
                _ => segments.push(ClockSegment {
                    start: from_seconds(s),
                    end: from_seconds(e),
                    running,
                }),
            }
        };
        let mut cursor = a;
        while cursor < b && day <= self.last_day && segments.len() <= limit {
            for (s, e) in self.utc_intervals(day) {
                if e <= cursor {
                    continue;
                }
                if s >= b {
                    break;
                }
                push(&mut segments, cursor, s, false);
                push(&mut segments, s.max(cursor), e.min(b), true);
                cursor = e.min(b);
            }
            day += 1;
        }
        push(&mut segments, cursor, b, false);
        segments.truncate(limit);
        Ok(segments)
    }
}

/// A stretch of time during which an SLA clock is running (inside hours) or paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockSegment {
    /// Start of the stretch (UTC).
    pub start: DateTime<Utc>,
    /// End of the stretch (UTC, exclusive).
    pub end: DateTime<Utc>,
    /// Whether the clock runs during it.
    pub running: bool,
}
