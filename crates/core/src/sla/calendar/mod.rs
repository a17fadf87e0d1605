//! Business calendars: weekly opening hours in a local time zone, minus holidays, and the
//! arithmetic the SLA clock needs (add business time, business time elapsed, next opening).
//!
//! # Conventions
//! - Instants are whole seconds (sub-second parts of inputs are dropped); durations too.
//! - Opening intervals are half-open: an instant at opening time is inside hours, an instant at
//!   closing time is not.
//! - A clock started outside hours starts at the next opening.
//! - A due time that lands exactly on a closing time is that closing instant, not the next
//!   opening ([`BusinessCalendar::add_business_time`]).
//! - Local times in a daylight-saving gap move forward to the end of the gap; ambiguous local
//!   times in a fold take their first occurrence (see [`super::tz::TzRule::local_to_utc`]), so an
//!   opening interval spanning a change is one hour shorter or longer in real time.
//! - Holidays close wall-clock time on their local date; a 24x7 calendar ignores holidays unless
//!   its file sets `"observe_holidays": true`.
//!
//! # Cost
//! Each calendar precomputes, for the years it supports, the "special" days whose business
//! time differs from the weekly template (holidays, daylight-saving change days) with running
//! totals. Business time up to any day is then the template's weekly arithmetic plus one binary
//! search, so adding a year of business hours costs the same few steps as adding one hour.
//!
//! # Where things are
//! - `hours`: weekly opening hours ([`WeeklyHours`]) and interval arithmetic.
//! - `holidays`: holiday rules ([`Holiday`]), weekend substitutes, the closed days they make.
//! - `file`: the calendar file format, read and checked ([`BusinessCalendar::from_json`]).
//! - `totals`: the special days and running totals that keep the arithmetic constant-cost.
//! - `arithmetic`: due times, elapsed business time, openings, closings, timelines.

mod arithmetic;
mod file;
mod holidays;
mod hours;
mod totals;

use chrono::{DateTime, TimeDelta, Utc};
use thiserror::Error;

pub use arithmetic::ClockSegment;
pub(crate) use file::read_hours;
pub use holidays::{Holiday, HolidayDate, HolidayOccurrence, ObservedRule};
pub use hours::{WeeklyHours, WEEKDAY_KEYS};

use super::tz::TzRule;
use totals::{Measure, SpecialDay};

/// First local year a calendar supports.
pub const FIRST_SUPPORTED_YEAR: i32 = 1971;
/// Last local year a calendar supports.
pub const LAST_SUPPORTED_YEAR: i32 = 2199;

/// Why a calendar computation could not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The instant (or the due time it leads to) lies outside the supported years
    /// ([`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`]).
    #[error("{0} is outside the years this calendar supports")]
    OutOfRange(DateTime<Utc>),
    /// The instant (or the due time it leads to) falls in a local year outside the years the
    /// calendar's holidays and time-zone rule are verified for: the engine refuses rather than
    /// apply one year's rules to another.
    #[error("{year} is outside the years this calendar is verified for ({first}–{last}): its holidays and time-zone rule are not known for {year}")]
    OutsideVerifiedYears {
        /// The local year asked about.
        year: i32,
        /// First verified year.
        first: i32,
        /// Last verified year.
        last: i32,
    },
    /// A negative duration was given.
    #[error("business durations cannot be negative")]
    NegativeDuration,
}

/// How "N business days" is turned into a due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BusinessDayRule {
    /// N times the calendar's business-day length, counted in business time (default): on a
    /// Mon–Fri 08:00–18:00 calendar, 1 business day from Monday 10:00 is Tuesday 10:00, and from
    /// Monday 08:00 it is Monday 18:00.
    #[default]
    BusinessDayLength,
    /// The same local time of day on the N-th following business day (a day with opening hours
    /// left after holidays). If that time is before the day's first opening it becomes the
    /// opening; if it is after the last closing or in a break, the preceding closing.
    SameTimeLater,
}

/// A business calendar: a time zone, weekly opening hours and holidays, with business-time
/// arithmetic. Build one from a calendar file with [`BusinessCalendar::from_json`].
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    id: String,
    name: String,
    region: Option<String>,
    country: Option<String>,
    subdivision: Option<String>,
    holiday_source: Option<String>,
    verified_years: Option<(i32, i32)>,
    zone: String,
    rule: TzRule,
    hours: WeeklyHours,
    holidays: Vec<Holiday>,
    observe_holidays: bool,
    business_day_seconds: i64,
    special: Vec<SpecialDay>,
    seconds: Measure,
    days: Measure,
    first_day: i64,
    last_day: i64,
    notes: Vec<String>,
}

/// Descriptive fields of a calendar.
struct CalendarMeta {
    notes: Vec<String>,
    id: String,
    name: String,
    region: Option<String>,
    country: Option<String>,
    subdivision: Option<String>,
    holiday_source: Option<String>,
    verified_years: Option<(i32, i32)>,
    zone: String,
}

/// Parsed parts of a calendar before its tables are built.
struct CalendarParts {
    hours: WeeklyHours,
    holidays: Vec<Holiday>,
    observe_holidays: bool,
    business_day_seconds: Option<i64>,
}

impl BusinessCalendar {
    /// The same place (zone, holidays) with other opening hours, e.g. a plan's "Mon–Fri
    /// 08:00–18:00 local time" applied at a support centre.
    pub fn with_hours(&self, hours: WeeklyHours, observe_holidays: bool) -> BusinessCalendar {
        BusinessCalendar::build(
            CalendarMeta {
                notes: self.notes.clone(),
                id: self.id.clone(),
                name: self.name.clone(),
                region: self.region.clone(),
                country: self.country.clone(),
                subdivision: self.subdivision.clone(),
                holiday_source: self.holiday_source.clone(),
                verified_years: self.verified_years,
                zone: self.zone.clone(),
            },
            self.rule.clone(),
            CalendarParts {
                hours,
                holidays: self.holidays.clone(),
                observe_holidays,
                business_day_seconds: None,
            },
        )
    }

    /// Notes from the calendar file (sources, assumptions), for display.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Calendar id (file stem), e.g. `"de-dach"`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Display name, e.g. `"Central Europe / DACH"`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Region the centre belongs to (`"AMERICAS"`, `"EMEA"`, `"APAC"`), if given.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// ISO country code whose public holidays the calendar lists, if given.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// The state, province or territory whose holidays the calendar lists (ISO 3166-2 code
    /// without the country, e.g. `"BW"`), if the centre's place has its own.
    pub fn subdivision(&self) -> Option<&str> {
        self.subdivision.as_deref()
    }

    /// Where the holiday list comes from (which place, which list), for display.
    pub fn holiday_source(&self) -> Option<&str> {
        self.holiday_source.as_deref()
    }

    /// The local years whose holidays and time-zone rule are verified (against tzdata by the
    /// publisher), first and last; the arithmetic refuses instants outside them
    /// ([`CalendarError::OutsideVerifiedYears`]). `None`: the file names no window, and the
    /// whole supported range is used.
    pub fn verified_years(&self) -> Option<(i32, i32)> {
        self.verified_years
    }

    /// IANA zone name, for display (`"Europe/Berlin"`); arithmetic uses [`Self::tz_rule`].
    pub fn zone(&self) -> &str {
        &self.zone
    }

    /// The POSIX TZ rule the arithmetic uses.
    pub fn tz_rule(&self) -> &TzRule {
        &self.rule
    }

    /// Weekly opening hours.
    pub fn hours(&self) -> &WeeklyHours {
        &self.hours
    }

    /// Holiday rules (applied only if [`Self::observes_holidays`]).
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// Whether holidays close this calendar (24x7 calendars ignore them unless told otherwise).
    pub fn observes_holidays(&self) -> bool {
        self.observe_holidays
    }

    /// Length of one business day in business time, for "N business days" under
    /// [`BusinessDayRule::BusinessDayLength`]: the file's `business_day`, else the longest
    /// weekday of the template (24 h for a 24x7 calendar).
    pub fn business_day_length(&self) -> TimeDelta {
        TimeDelta::seconds(self.business_day_seconds)
    }
}
