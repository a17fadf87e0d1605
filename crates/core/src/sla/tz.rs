//! POSIX TZ rule strings (`"CET-1CEST,M3.5.0,M10.5.0/3"`), parsed and evaluated by the engine
//! itself so the browser bundle does not carry a time-zone database.
//!
//! Conventions for local wall-clock times (see [`TzRule::local_to_utc`]):
//! a local time inside a spring-forward gap does not exist and moves forward to the instant the
//! gap ends; a local time inside a fall-back fold is ambiguous and takes its first occurrence.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::civil::{
    civil_from_days, days_from_civil, days_in_month, is_leap_year, weekday_from_days,
    SECONDS_PER_DAY,
};

/// Why a POSIX TZ rule string was rejected; `position` is the byte offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TzRuleError {
    /// The rule string is empty.
    #[error("the rule is empty")]
    Empty,
    /// A zone abbreviation is missing, too short (under 3 letters) or has invalid characters.
    #[error("invalid zone abbreviation at position {position}")]
    InvalidAbbreviation {
        /// Byte offset in the rule string.
        position: usize,
    },
    /// A UTC offset is missing or out of range (at most 24:59:59).
    #[error("invalid UTC offset at position {position}")]
    InvalidOffset {
        /// Byte offset in the rule string.
        position: usize,
    },
    /// A daylight-saving zone is named but its start and end rules (`,start,end`) are missing.
    #[error("daylight-saving time is named but its ',start,end' rules are missing")]
    MissingTransitionRule,
    /// A transition date (`Jn`, `n` or `Mm.w.d`) is malformed or out of range.
    #[error("invalid transition date at position {position}: {reason}")]
    InvalidTransitionDate {
        /// Byte offset in the rule string.
        position: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A transition time (`/hh[:mm[:ss]]`) is malformed or beyond ±167 hours.
    #[error("invalid transition time at position {position}")]
    InvalidTransitionTime {
        /// Byte offset in the rule string.
        position: usize,
    },
    /// Characters remain after a complete rule.
    #[error("unexpected characters at position {position}")]
    TrailingCharacters {
        /// Byte offset in the rule string.
        position: usize,
    },
}

/// The day of the year on which a daylight-saving transition happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TransitionDay {
    /// `Jn`: day 1..=365, 29 February never counted.
    JulianNoLeap(u16),
    /// `n`: zero-based day 0..=365, 29 February counted.
    JulianZero(u16),
    /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay { month: u8, week: u8, weekday: u8 },
}

impl TransitionDay {
    /// Day number of this transition day in `year`.
    fn day_in(self, year: i32) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            TransitionDay::JulianNoLeap(n) => {
                let n = i64::from(n);
                let leap_shift = i64::from(is_leap_year(year) && n >= 60);
                jan1 + n - 1 + leap_shift
            }
            TransitionDay::JulianZero(n) => jan1 + i64::from(n),
            TransitionDay::MonthWeekDay {
                month,
                week,
                weekday,
            } => {
                let month = u32::from(month);
                let first = days_from_civil(year, month, 1);
                // POSIX weekday: 0 = Sunday; civil weekday: 0 = Monday.
                let target = (usize::from(weekday) + 6) % 7;
                let shift = (target + 7 - weekday_from_days(first)) % 7;
                let mut day = first + shift as i64 + 7 * (i64::from(week) - 1);
                let last = first + i64::from(days_in_month(year, month)) - 1;
                while day > last {
                    day -= 7;
                }
                day
            }
        }
    }
}

/// Daylight-saving part of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DaylightSaving {
    abbreviation: String,
    offset: i32,
    start: TransitionDay,
    start_time: i32,
    end: TransitionDay,
    end_time: i32,
}

/// A UTC offset change: at `instant` (UTC seconds) the offset goes from `before` to `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetChange {
    /// UTC instant of the change, seconds since the Unix epoch.
    pub instant: i64,
    /// Offset east of UTC in seconds before the change.
    pub before: i32,
    /// Offset east of UTC in seconds from the change on.
    pub after: i32,
}

/// A parsed POSIX TZ rule: a standard offset and optionally a yearly daylight-saving period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TzRule {
    text: String,
    standard_abbreviation: String,
    standard_offset: i32,
    daylight_saving: Option<DaylightSaving>,
}

impl fmt::Display for TzRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for TzRule {
    type Err = TzRuleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TzRule::parse(s)
    }
}

/// Cursor over the rule text.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut value: u32 = 0;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            value = value.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    fn abbreviation(&mut self) -> Result<String, TzRuleError> {
        let start = self.pos;
        let err = TzRuleError::InvalidAbbreviation { position: start };
        let name = if self.eat(b'<') {
            let inner = self.pos;
            while self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
            {
                self.pos += 1;
            }
            let name = &self.bytes[inner..self.pos];
            if !self.eat(b'>') {
                return Err(err);
            }
            name
        } else {
            while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
                self.pos += 1;
            }
            &self.bytes[start..self.pos]
        };
        if name.len() < 3 {
            return Err(err);
        }
        Ok(String::from_utf8_lossy(name).into_owned())
    }

    /// `[+-]hh[:mm[:ss]]` as signed seconds, hours at most `max_hours`.
    fn hms(&mut self, max_hours: u32) -> Option<i32> {
        let negative = if self.eat(b'-') {
            true
        } else {
            self.eat(b'+');
            false
        };
        let hours = self.number()?;
        let mut minutes = 0;
        let mut seconds = 0;
        if self.eat(b':') {
            minutes = self.number()?;
            if self.eat(b':') {
                seconds = self.number()?;
            }
        }
        if hours > max_hours || minutes > 59 || seconds > 59 {
            return None;
        }
        let total = (hours * 3600 + minutes * 60 + seconds) as i32;
        Some(if negative { -total } else { total })
    }

    fn offset(&mut self) -> Result<i32, TzRuleError> {
        let position = self.pos;
        // POSIX offsets are west of UTC ("EST5" is UTC-5); store east of UTC.
        self.hms(24)
            .map(|west| -west)
            .ok_or(TzRuleError::InvalidOffset { position })
    }

    fn transition(&mut self) -> Result<(TransitionDay, i32), TzRuleError> {
        let position = self.pos;
        let bad = |reason| TzRuleError::InvalidTransitionDate { position, reason };
        let day = if self.eat(b'M') {
            let month = self.number().ok_or(bad("month missing"))?;
            if !self.eat(b'.') {
                return Err(bad("expected '.' after the month"));
            }
            let week = self.number().ok_or(bad("week missing"))?;
            if !self.eat(b'.') {
                return Err(bad("expected '.' after the week"));
            }
            let weekday = self.number().ok_or(bad("weekday missing"))?;
            if !(1..=12).contains(&month) {
                return Err(bad("month must be 1-12"));
            }
            if !(1..=5).contains(&week) {
                return Err(bad("week must be 1-5"));
            }
            if weekday > 6 {
                return Err(bad("weekday must be 0-6"));
            }
            TransitionDay::MonthWeekDay {
                month: month as u8,
                week: week as u8,
                weekday: weekday as u8,
            }
        } else if self.eat(b'J') {
            let n = self.number().ok_or(bad("day missing"))?;
            if !(1..=365).contains(&n) {
                return Err(bad("Julian day must be 1-365"));
            }
            TransitionDay::JulianNoLeap(n as u16)
        } else {
            let n = self.number().ok_or(bad("expected Jn, n or Mm.w.d"))?;
            if n > 365 {
                return Err(bad("day must be 0-365"));
            }
            TransitionDay::JulianZero(n as u16)
        };
        let time = if self.eat(b'/') {
            let position = self.pos;
            self.hms(167)
                .ok_or(TzRuleError::InvalidTransitionTime { position })?
        } else {
            2 * 3600
        };
        Ok((day, time))
    }
}

impl TzRule {
    /// Parses a POSIX TZ rule such as `"EST5EDT,M3.2.0,M11.1.0"` or `"IST-5:30"`.
    ///
    /// A rule naming a daylight-saving zone must also give its start and end rules; the
    /// implementation-defined POSIX default is rejected rather than guessed.
    pub fn parse(text: &str) -> Result<TzRule, TzRuleError> {
        if text.is_empty() {
            return Err(TzRuleError::Empty);
        }
        let mut r = Reader {
            bytes: text.as_bytes(),
            pos: 0,
        };
        let standard_abbreviation = r.abbreviation()?;
        let standard_offset = r.offset()?;
        let daylight_saving = if r
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'<')
        {
            let abbreviation = r.abbreviation()?;
            let offset = match r.peek() {
                Some(b) if b != b',' => r.offset()?,
                _ => standard_offset + 3600,
            };
            if !r.eat(b',') {
                return Err(match r.peek() {
                    None => TzRuleError::MissingTransitionRule,
                    Some(_) => TzRuleError::TrailingCharacters { position: r.pos },
                });
            }
            let (start, start_time) = r.transition()?;
            if !r.eat(b',') {
                return Err(TzRuleError::MissingTransitionRule);
            }
            let (end, end_time) = r.transition()?;
            Some(DaylightSaving {
                abbreviation,
                offset,
                start,
                start_time,
                end,
                end_time,
            })
        } else {
            None
        };
        if r.peek().is_some() {
            return Err(TzRuleError::TrailingCharacters { position: r.pos });
        }
        Ok(TzRule {
            text: text.to_owned(),
            standard_abbreviation,
            standard_offset,
            daylight_saving,
        })
    }

    /// Standard-time offset east of UTC, in seconds.
    pub fn standard_offset(&self) -> i32 {
        self.standard_offset
    }

    /// Whether the rule has a daylight-saving period at all.
    pub fn observes_daylight_saving(&self) -> bool {
        self.daylight_saving.is_some()
    }

    /// The two offset changes of `year` (start and end of daylight-saving time), in that order,
    /// or `None` for a rule without daylight-saving time.
    pub fn changes_in_year(&self, year: i32) -> Option<[OffsetChange; 2]> {
        let dst = self.daylight_saving.as_ref()?;
        let std = self.standard_offset;
        let start =
            dst.start.day_in(year) * SECONDS_PER_DAY + i64::from(dst.start_time) - i64::from(std);
        let end = dst.end.day_in(year) * SECONDS_PER_DAY + i64::from(dst.end_time)
            - i64::from(dst.offset);
        Some([
            OffsetChange {
                instant: start,
                before: std,
                after: dst.offset,
            },
            OffsetChange {
                instant: end,
                before: dst.offset,
                after: std,
            },
        ])
    }

    /// Offset east of UTC (seconds) in force at the UTC instant `utc` (seconds since the epoch).
    pub fn offset_at(&self, utc: i64) -> i32 {
        let Some(dst) = &self.daylight_saving else {
            return self.standard_offset;
        };
        let local_std = utc + i64::from(self.standard_offset);
        let (year, _, _) = civil_from_days(local_std.div_euclid(SECONDS_PER_DAY));
        let Some([start, end]) = self.changes_in_year(year) else {
            return self.standard_offset;
        };
        let in_dst = if start.instant < end.instant {
            utc >= start.instant && utc < end.instant
        } else {
            utc >= start.instant || utc < end.instant
        };
        if in_dst {
            dst.offset
        } else {
            self.standard_offset
        }
    }

    /// UTC instant (seconds) of the local wall-clock time `local` (seconds since 1970-01-01
    /// 00:00 local).
    ///
    /// Gap: a local time skipped by a spring-forward change maps to the instant the gap ends
    /// (02:30 on the changeover night becomes 03:00 new time). Fold: a local time that occurs twice
    /// takes its first occurrence (the earlier UTC instant).
    pub fn local_to_utc(&self, local: i64) -> i64 {
        let Some(dst) = &self.daylight_saving else {
            return local - i64::from(self.standard_offset);
        };
        let high = self.standard_offset.max(dst.offset);
        let low = self.standard_offset.min(dst.offset);
        let earlier = local - i64::from(high);
        if self.offset_at(earlier) == high {
            return earlier;
        }
        let later = local - i64::from(low);
        if self.offset_at(later) == low {
            return later;
        }
        // Inside a gap: the change happened in (earlier, later].
        let (year, _, _) = civil_from_days(local.div_euclid(SECONDS_PER_DAY));
        (year - 1..=year + 1)
            .filter_map(|y| self.changes_in_year(y))
            .flatten()
            .map(|c| c.instant)
            .find(|t| *t > earlier && *t <= later)
            .unwrap_or(later)
    }

    /// Abbreviation in force at the UTC instant `utc`, e.g. `"CEST"` (for display).
    pub fn abbreviation_at(&self, utc: i64) -> &str {
        match &self.daylight_saving {
            Some(dst)
                if self.offset_at(utc) == dst.offset && dst.offset != self.standard_offset =>
            {
                &dst.abbreviation
            }
            _ => &self.standard_abbreviation,
        }
    }
}
