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

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Deserialize;
use thiserror::Error;

use super::civil::{
    civil_from_days, days_from_civil, days_in_month, easter_sunday, weekday_from_days,
    weekday_on_or_after, SECONDS_PER_DAY,
};
use super::tz::TzRule;
use super::validation::{PolicyErrors, Problems};

/// First local year a calendar supports.
pub const FIRST_SUPPORTED_YEAR: i32 = 1971;
/// Last local year a calendar supports.
pub const LAST_SUPPORTED_YEAR: i32 = 2199;

/// Weekday keys used in calendar and policy files, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Why a calendar computation could not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The instant (or the due time it leads to) lies outside the supported years
    /// ([`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`]).
    #[error("{0} is outside the years this calendar supports")]
    OutOfRange(DateTime<Utc>),
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

/// What happens to a holiday that falls on a Saturday or Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObservedRule {
    /// Nothing: the holiday stays on its date.
    None,
    /// Saturday is also observed on the Friday before, Sunday on the Monday after
    /// (United States federal practice).
    NearestWeekday,
    /// A weekend holiday is also observed on the next Monday–Friday not already a holiday
    /// (substitute days in the United Kingdom and Canada).
    NextFreeWeekday,
}

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayDate {
    /// One date only.
    Once(NaiveDate),
    /// The same month and day each year.
    EveryYear {
        /// Month 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// Days after (or before, if negative) Western Easter Sunday each year.
    EasterOffset(i32),
    /// The first given weekday on or after a month and day each year ("4th Thursday of November"
    /// is the Thursday on or after 22 November).
    WeekdayOnOrAfter {
        /// Month 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
        /// Weekday, Monday = 0.
        weekday: usize,
    },
}

/// A holiday rule of a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Holiday name as published ("Good Friday", "Tag der Deutschen Einheit").
    pub name: String,
    /// When it falls.
    pub date: HolidayDate,
    /// Weekend substitution for yearly holidays.
    pub observed: ObservedRule,
    /// Closed local time ranges in seconds of the day, or `None` for the whole day.
    pub closed: Option<Vec<(u32, u32)>>,
    /// First year a yearly rule applies (inclusive).
    pub from_year: Option<i32>,
    /// Last year a yearly rule applies (inclusive).
    pub until_year: Option<i32>,
}

/// One holiday on a concrete date, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayOccurrence {
    /// Local date.
    pub date: NaiveDate,
    /// Holiday name; substitute days carry `" (observed)"`.
    pub name: String,
    /// Whether the whole day is closed (false for partial closures such as "closes at 13:00").
    pub whole_day: bool,
}

/// Opening hours per weekday, in local seconds of the day (`0..=86_400`), sorted and merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours {
    days: [Vec<(u32, u32)>; 7],
}

impl WeeklyHours {
    /// Open around the clock every day.
    pub fn always_open() -> WeeklyHours {
        WeeklyHours {
            days: std::array::from_fn(|_| vec![(0, 86_400)]),
        }
    }

    /// Opening intervals of a weekday (Monday = 0), in local seconds of the day.
    pub fn day(&self, weekday: usize) -> &[(u32, u32)] {
        &self.days[weekday]
    }

    /// Whether every day is open 00:00–24:00.
    pub fn is_always_open(&self) -> bool {
        self.days.iter().all(|d| d.as_slice() == [(0, 86_400)])
    }

    /// Builds weekly hours from `"HH:MM"` pairs per weekday key (`"mon"` … `"sun"`).
    ///
    /// `"24:00"` is allowed as a closing time; a closing time before the opening time is an
    /// overnight shift that continues on the next day; overlapping intervals are rejected;
    /// touching intervals are merged. Problems are recorded under `path`.
    pub(crate) fn parse(
        spec: &BTreeMap<String, Vec<[String; 2]>>,
        path: &str,
        problems: &mut Problems,
    ) -> WeeklyHours {
        let mut raw: [Vec<(u32, u32)>; 7] = Default::default();
        for (key, intervals) in spec {
            let Some(weekday) = WEEKDAY_KEYS.iter().position(|k| k == key) else {
                problems.add(
                    format!("{path}.{key}"),
                    "unknown weekday (use mon, tue, wed, thu, fri, sat, sun)",
                );
                continue;
            };
            for (i, [open, close]) in intervals.iter().enumerate() {
                let here = format!("{path}.{key}[{i}]");
                let (Some(o), Some(c)) = (parse_time_of_day(open), parse_time_of_day(close)) else {
                    problems.add(
                        here,
                        "times must be HH:MM or HH:MM:SS between 00:00 and 24:00",
                    );
                    continue;
                };
                if o == 86_400 {
                    problems.add(here, "an opening time cannot be 24:00");
                } else if o == c {
                    problems.add(here, "opening and closing time are equal");
                } else if o < c {
                    raw[weekday].push((o, c));
                } else {
                    raw[weekday].push((o, 86_400));
                    if c > 0 {
                        raw[(weekday + 1) % 7].push((0, c));
                    }
                }
            }
        }
        let mut days: [Vec<(u32, u32)>; 7] = Default::default();
        for (weekday, mut intervals) in raw.into_iter().enumerate() {
            intervals.sort_unstable();
            let mut merged: Vec<(u32, u32)> = Vec::with_capacity(intervals.len());
            for (o, c) in intervals {
                match merged.last_mut() {
                    Some(last) if o < last.1 => {
                        problems.add(
                            format!("{path}.{}", WEEKDAY_KEYS[weekday]),
                            format!("opening intervals overlap at {}", format_time_of_day(o)),
                        );
                        last.1 = last.1.max(c);
                    }
                    Some(last) if o == last.1 => last.1 = c,
                    _ => merged.push((o, c)),
                }
            }
            days[weekday] = merged;
        }
        WeeklyHours { days }
    }
}

/// Parses `"HH:MM"` or `"HH:MM:SS"` (up to `"24:00"`) into seconds of the day.
pub(crate) fn parse_time_of_day(text: &str) -> Option<u32> {
    let mut parts = text.split(':');
    let mut field = |max: u32| -> Option<u32> {
        let p = parts.next()?;
        if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok().filter(|v| *v <= max)
    };
    let h = field(24)?;
    let m = field(59)?;
    let s = match parts.next() {
        None => 0,
        Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
            p.parse().ok().filter(|v| *v <= 59)?
        }
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    let total = h * 3600 + m * 60 + s;
    (total <= 86_400).then_some(total)
}

fn format_time_of_day(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// A day whose business time differs from the weekly template, with running totals.
#[derive(Debug, Clone)]
struct SpecialDay {
    day: i64,
    /// Open local intervals after holiday closures.
    open: Vec<(u32, u32)>,
    /// Indexes into the holiday rules that close (part of) this day; `observed` flags.
    holidays: Vec<(usize, bool)>,
    whole_day_closed: bool,
}

/// A running total over days: business seconds, or business days.
#[derive(Debug, Clone)]
struct Measure {
    /// Total over a template week.
    week: i64,
    /// Total over the first `r` weekdays of a template week (Monday first), `r` in 0..=7.
    prefix: [i64; 8],
    /// `corrections[k]`: sum of (actual − template) over the first `k` special days.
    corrections: Vec<i64>,
    /// Total from the epoch week up to the start of special day `k`.
    at_special: Vec<i64>,
}

impl Measure {
    fn new(
        template: [i64; 7],
        special: &[SpecialDay],
        actual: impl Fn(&SpecialDay) -> i64,
    ) -> Measure {
        let mut prefix = [0; 8];
        for (r, v) in template.iter().enumerate() {
            prefix[r + 1] = prefix[r] + v;
        }
        let mut m = Measure {
            week: prefix[7],
            prefix,
            corrections: Vec::with_capacity(special.len() + 1),
            at_special: Vec::with_capacity(special.len()),
        };
        let mut running = 0;
        m.corrections.push(0);
        for s in special {
            m.at_special.push(m.nominal(s.day) + running);
            running += actual(s) - template[weekday_from_days(s.day)];
            m.corrections.push(running);
        }
        m
    }

    /// Template total from the epoch week up to the start of `day`.
    fn nominal(&self, day: i64) -> i64 {
        let shifted = day + 3;
        shifted.div_euclid(7) * self.week + self.prefix[shifted.rem_euclid(7) as usize]
    }

    /// Actual total up to the start of `day`, given `k` = number of special days before `day`.
    fn before(&self, day: i64, k: usize) -> i64 {
        self.nominal(day) + self.corrections[k]
    }

    /// The last day whose running total at its start is below `target`, i.e. the day during
    /// which the total reaches `target`. `special_days` are the special days' day numbers.
    fn day_reaching(&self, target: i64, special_days: &[SpecialDay], steps: &mut u32) -> i64 {
        let p = self.at_special.partition_point(|c| *c < target);
        *steps += binary_search_steps(self.at_special.len());
        let y = target - self.corrections[p];
        let weeks = (y - 1).div_euclid(self.week);
        let rest = y - weeks * self.week;
        let mut r = 0;
        while r < 6 && self.prefix[r + 1] < rest {
            r += 1;
            *steps += 1;
        }
        let day = weeks * 7 - 3 + r as i64;
        match p.checked_sub(1) {
            Some(q) => day.max(special_days[q].day),
            None => day,
        }
    }
}

fn binary_search_steps(len: usize) -> u32 {
    usize::BITS - len.leading_zeros()
}

/// A business calendar: a time zone, weekly opening hours and holidays, with business-time
/// arithmetic. Build one from a calendar file with [`BusinessCalendar::from_json`].
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    id: String,
    name: String,
    region: Option<String>,
    country: Option<String>,
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

/// Calendar file shape (`public/policies/calendars/*.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    id: String,
    name: String,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    country: Option<String>,
    zone: String,
    tz_rule: String,
    #[serde(default)]
    always_open: bool,
    #[serde(default)]
    hours: BTreeMap<String, Vec<[String; 2]>>,
    #[serde(default)]
    observe_holidays: Option<bool>,
    #[serde(default)]
    business_day: Option<String>,
    #[serde(default)]
    holidays: Vec<HolidayEntry>,
    #[serde(default)]
    notes: Vec<String>,
}

/// Holiday entry in a calendar file; exactly one of the date fields is set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    name: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    every_year: Option<String>,
    #[serde(default)]
    easter_offset: Option<i32>,
    #[serde(default)]
    weekday_on_or_after: Option<WeekdayOnOrAfterEntry>,
    #[serde(default)]
    observed: Option<String>,
    #[serde(default)]
    closed: Option<Vec<[String; 2]>>,
    #[serde(default)]
    from_year: Option<i32>,
    #[serde(default)]
    until_year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekdayOnOrAfterEntry {
    month: u32,
    day: u32,
    weekday: String,
}

/// Descriptive fields of a calendar.
struct CalendarMeta {
    notes: Vec<String>,
    id: String,
    name: String,
    region: Option<String>,
    country: Option<String>,
    zone: String,
}

/// Parsed parts of a calendar before its tables are built.
pub(crate) struct CalendarParts {
    pub(crate) hours: WeeklyHours,
    pub(crate) holidays: Vec<Holiday>,
    pub(crate) observe_holidays: bool,
    pub(crate) business_day_seconds: Option<i64>,
}

fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 29 February is allowed for yearly rules; it only occurs in leap years.
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(2000, m)).then_some((m, d))
}

fn parse_holidays(entries: &[HolidayEntry], problems: &mut Problems) -> Vec<Holiday> {
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let here = format!("holidays[{i}]");
        let given = [
            e.date.is_some(),
            e.every_year.is_some(),
            e.easter_offset.is_some(),
            e.weekday_on_or_after.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if given != 1 {
            problems.add(
                here,
                "give exactly one of date, every_year, easter_offset, weekday_on_or_after",
            );
            continue;
        }
        if e.name.trim().is_empty() {
            problems.add(format!("{here}.name"), "name is empty");
        }
        let date = if let Some(d) = &e.date {
            match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => Some(HolidayDate::Once(d)),
                Err(_) => {
                    problems.add(
                        format!("{here}.date"),
                        format!("{d:?} is not a YYYY-MM-DD date"),
                    );
                    None
                }
            }
        } else if let Some(md) = &e.every_year {
            match parse_month_day(md) {
                Some((month, day)) => Some(HolidayDate::EveryYear { month, day }),
                None => {
                    problems.add(
                        format!("{here}.every_year"),
                        format!("{md:?} is not a MM-DD day"),
                    );
                    None
                }
            }
        } else if let Some(offset) = e.easter_offset {
            if offset.abs() > 120 {
                problems.add(format!("{here}.easter_offset"), "offset beyond ±120 days");
                None
            } else {
                Some(HolidayDate::EasterOffset(offset))
            }
        } else if let Some(w) = &e.weekday_on_or_after {
            let weekday = WEEKDAY_KEYS.iter().position(|k| *k == w.weekday);
            let valid_day =
                (1..=12).contains(&w.month) && w.day >= 1 && w.day <= days_in_month(2001, w.month);
            match weekday {
                Some(weekday) if valid_day => Some(HolidayDate::WeekdayOnOrAfter {
                    month: w.month,
                    day: w.day,
                    weekday,
                }),
                Some(_) => {
                    problems.add(
                        format!("{here}.weekday_on_or_after"),
                        "month or day out of range",
                    );
                    None
                }
                None => {
                    problems.add(
                        format!("{here}.weekday_on_or_after.weekday"),
                        format!("unknown weekday {:?}", w.weekday),
                    );
                    None
                }
            }
        } else {
            None
        };
        let observed = match e.observed.as_deref() {
            None | Some("none") => ObservedRule::None,
            Some("nearest_weekday") => ObservedRule::NearestWeekday,
            Some("next_free_weekday") => ObservedRule::NextFreeWeekday,
            Some(other) => {
                problems.add(
                    format!("{here}.observed"),
                    format!(
                        "unknown rule {other:?} (use none, nearest_weekday, next_free_weekday)"
                    ),
                );
                ObservedRule::None
            }
        };
        if observed != ObservedRule::None && matches!(date, Some(HolidayDate::Once(_))) {
            problems.add(format!("{here}.observed"), "only yearly holidays can have an observed rule; list a one-off substitute day as its own date");
        }
        if let (Some(HolidayDate::Once(_)), true) =
            (date, e.from_year.is_some() || e.until_year.is_some())
        {
            problems.add(
                here.clone(),
                "from_year/until_year apply to yearly holidays only",
            );
        }
        if let (Some(a), Some(b)) = (e.from_year, e.until_year) {
            if a > b {
                problems.add(
                    format!("{here}.until_year"),
                    "until_year is before from_year",
                );
            }
        }
        let closed = e.closed.as_ref().map(|ranges| {
            let mut out = Vec::with_capacity(ranges.len());
            for (j, [from, to]) in ranges.iter().enumerate() {
                match (parse_time_of_day(from), parse_time_of_day(to)) {
                    (Some(a), Some(b)) if a < b => out.push((a, b)),
                    _ => problems.add(
                        format!("{here}.closed[{j}]"),
                        "closed range must be [\"HH:MM\", \"HH:MM\"] with the start before the end, within one day",
                    ),
                }
            }
            out.sort_unstable();
            out
        });
        if let Some(date) = date {
            out.push(Holiday {
                name: e.name.clone(),
                date,
                observed,
                closed,
                from_year: e.from_year,
                until_year: e.until_year,
            });
        }
    }
    out
}

/// Subtracts sorted closed ranges from sorted open intervals.
fn subtract(open: &[(u32, u32)], closed: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(open.len() + 1);
    for &(o, c) in open {
        let mut start = o;
        for &(a, b) in closed {
            if b <= start || a >= c {
                continue;
            }
            if a > start {
                out.push((start, a));
            }
            start = start.max(b);
        }
        if start < c {
            out.push((start, c));
        }
    }
    out
}

/// Merges a sorted list of ranges.
fn union(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    ranges.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

impl Holiday {
    fn applies_in(&self, year: i32) -> bool {
        self.from_year.is_none_or(|y| year >= y) && self.until_year.is_none_or(|y| year <= y)
    }

    /// The day number of this yearly holiday in `year`.
    fn day_in(&self, year: i32) -> Option<i64> {
        match self.date {
            HolidayDate::Once(_) => None,
            HolidayDate::EveryYear { month, day } => {
                (day <= days_in_month(year, month)).then(|| days_from_civil(year, month, day))
            }
            HolidayDate::EasterOffset(offset) => Some(easter_sunday(year) + i64::from(offset)),
            HolidayDate::WeekdayOnOrAfter {
                month,
                day,
                weekday,
            } => Some(weekday_on_or_after(year, month, day, weekday)),
        }
    }
}

/// Holiday closures per day: (closed ranges, (rule index, observed flag)).
type HolidayMap = BTreeMap<i64, (Vec<(u32, u32)>, Vec<(usize, bool)>)>;

fn expand_holidays(holidays: &[Holiday], first_year: i32, last_year: i32) -> HolidayMap {
    let mut map: HolidayMap = BTreeMap::new();
    let put = |map: &mut HolidayMap, day: i64, index: usize, observed: bool| {
        let closed = holidays[index]
            .closed
            .clone()
            .unwrap_or_else(|| vec![(0, 86_400)]);
        let entry = map.entry(day).or_default();
        entry.0.extend(closed);
        entry.1.push((index, observed));
    };
    for (index, h) in holidays.iter().enumerate() {
        if let HolidayDate::Once(date) = h.date {
            let day = days_from_civil(
                chrono::Datelike::year(&date),
                chrono::Datelike::month(&date),
                chrono::Datelike::day(&date),
            );
            put(&mut map, day, index, false);
        }
    }
    for year in first_year..=last_year {
        let mut actual: Vec<(i64, usize)> = holidays
            .iter()
            .enumerate()
            .filter(|(_, h)| h.applies_in(year))
            .filter_map(|(i, h)| h.day_in(year).map(|d| (d, i)))
            .collect();
        actual.sort_unstable();
        for &(day, index) in &actual {
            put(&mut map, day, index, false);
        }
        let mut taken: Vec<i64> = actual.iter().map(|(d, _)| *d).collect();
        for &(day, index) in &actual {
            let weekday = weekday_from_days(day);
            if weekday < 5 {
                continue;
            }
            let observed = match holidays[index].observed {
                ObservedRule::None => continue,
                ObservedRule::NearestWeekday => {
                    if weekday == 5 {
                        day - 1
                    } else {
                        day + 1
                    }
                }
                ObservedRule::NextFreeWeekday => {
                    let mut d = day + 1;
                    while weekday_from_days(d) >= 5 || taken.contains(&d) {
                        d += 1;
                    }
                    d
                }
            };
            taken.push(observed);
            put(&mut map, observed, index, true);
        }
    }
    for entry in map.values_mut() {
        entry.0 = union(std::mem::take(&mut entry.0));
    }
    map
}

/// Converts an instant to whole seconds since the epoch (sub-second part dropped).
fn to_seconds(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn from_seconds(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl BusinessCalendar {
    /// Parses and validates a calendar file; reports every problem with its field path.
    pub fn from_json(file_name: &str, text: &str) -> Result<BusinessCalendar, PolicyErrors> {
        let file: CalendarFile =
            serde_json::from_str(text).map_err(|e| Problems::from_json_error(file_name, &e))?;
        let mut problems = Problems::new(file_name);
        if file.id.trim().is_empty() {
            problems.add("id", "id is empty");
        }
        let rule = match TzRule::parse(&file.tz_rule) {
            Ok(rule) => Some(rule),
            Err(e) => {
                problems.add("tz_rule", format!("{:?}: {e}", file.tz_rule));
                None
            }
        };
        if !file.zone.contains('/') && file.zone != "UTC" {
            problems.add(
                "zone",
                "expected an IANA zone name such as \"Europe/Berlin\"",
            );
        }
        let hours = if file.always_open {
            if !file.hours.is_empty() {
                problems.add("hours", "give either always_open or hours, not both");
            }
            WeeklyHours::always_open()
        } else {
            let hours = WeeklyHours::parse(&file.hours, "hours", &mut problems);
            if hours.days.iter().all(Vec::is_empty) {
                problems.add("hours", "the calendar is never open");
            }
            hours
        };
        let holidays = parse_holidays(&file.holidays, &mut problems);
        let business_day_seconds = file.business_day.as_ref().and_then(|text| {
            let parsed = parse_time_of_day(text).filter(|s| *s > 0);
            if parsed.is_none() {
                problems.add(
                    "business_day",
                    "business-day length must be HH:MM, above 00:00",
                );
            }
            parsed.map(i64::from)
        });
        problems.finish()?;
        let observe_holidays = file.observe_holidays.unwrap_or(!file.always_open);
        let rule = rule.expect("rule errors were reported above");
        Ok(BusinessCalendar::build(
            CalendarMeta {
                notes: file.notes,
                id: file.id,
                name: file.name,
                region: file.region,
                country: file.country,
                zone: file.zone,
            },
            rule,
            CalendarParts {
                hours,
                holidays,
                observe_holidays,
                business_day_seconds,
            },
        ))
    }

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

    fn build(meta: CalendarMeta, rule: TzRule, parts: CalendarParts) -> BusinessCalendar {
        let hours = parts.hours;
        let template_seconds: [i64; 7] =
            std::array::from_fn(|w| hours.days[w].iter().map(|(o, c)| i64::from(c - o)).sum());
        let business_day_seconds = parts
            .business_day_seconds
            .unwrap_or_else(|| template_seconds.iter().copied().max().unwrap_or(0));
        let first_year = FIRST_SUPPORTED_YEAR - 1;
        let last_year = LAST_SUPPORTED_YEAR + 1;
        let mut map: HolidayMap = if parts.observe_holidays {
            expand_holidays(&parts.holidays, first_year, last_year)
        } else {
            BTreeMap::new()
        };
        for year in first_year..=last_year {
            for change in rule.changes_in_year(year).into_iter().flatten() {
                for offset in [change.before, change.after] {
                    let local = change.instant + i64::from(offset);
                    map.entry(local.div_euclid(SECONDS_PER_DAY)).or_default();
                }
            }
        }
        let special: Vec<SpecialDay> = map
            .into_iter()
            .map(|(day, (closed, holidays))| {
                let template = &hours.days[weekday_from_days(day)];
                let whole_day_closed = closed.as_slice() == [(0, 86_400)];
                SpecialDay {
                    day,
                    open: subtract(template, &closed),
                    holidays,
                    whole_day_closed,
                }
            })
            .collect();
        let real_seconds = |day: i64, open: &[(u32, u32)]| -> i64 {
            open.iter()
                .map(|&(o, c)| {
                    let base = day * SECONDS_PER_DAY;
                    rule.local_to_utc(base + i64::from(c)) - rule.local_to_utc(base + i64::from(o))
                })
                .sum()
        };
        let seconds = Measure::new(template_seconds, &special, |s| real_seconds(s.day, &s.open));
        let template_days: [i64; 7] = std::array::from_fn(|w| i64::from(template_seconds[w] > 0));
        let days = Measure::new(template_days, &special, |s| {
            i64::from(real_seconds(s.day, &s.open) > 0)
        });
        let CalendarMeta {
            notes,
            id,
            name,
            region,
            country,
            zone,
        } = meta;
        BusinessCalendar {
            id,
            name,
            region,
            country,
            zone,
            rule,
            hours,
            holidays: parts.holidays,
            observe_holidays: parts.observe_holidays,
            business_day_seconds,
            special,
            seconds,
            days,
            first_day: days_from_civil(FIRST_SUPPORTED_YEAR, 1, 1),
            last_day: days_from_civil(LAST_SUPPORTED_YEAR, 12, 31),
            notes,
        }
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

    /// Holidays closing (part of) local dates in `from..=to`, substitute days included.
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<HolidayOccurrence> {
        let day = |d: NaiveDate| {
            days_from_civil(
                chrono::Datelike::year(&d),
                chrono::Datelike::month(&d),
                chrono::Datelike::day(&d),
            )
        };
        let (a, b) = (day(from), day(to));
        let start = self.special.partition_point(|s| s.day < a);
        self.special[start..]
            .iter()
            .take_while(|s| s.day <= b)
            .flat_map(|s| {
                let (y, m, d) = civil_from_days(s.day);
                let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid civil date");
                s.holidays
                    .iter()
                    .map(move |&(index, observed)| HolidayOccurrence {
                        date,
                        name: if observed {
                            format!("{} (observed)", self.holidays[index].name)
                        } else {
                            self.holidays[index].name.clone()
                        },
                        whole_day: s.whole_day_closed,
                    })
            })
            .collect()
    }

    fn special_index(&self, day: i64) -> Result<usize, usize> {
        self.special.binary_search_by_key(&day, |s| s.day)
    }

    /// Open local intervals of a day after holidays.
    fn open_on(&self, day: i64) -> &[(u32, u32)] {
        match self.special_index(day) {
            Ok(i) => &self.special[i].open,
            Err(_) => &self.hours.days[weekday_from_days(day)],
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
            Err(CalendarError::OutOfRange(from_seconds(t)))
        } else {
            Ok(day)
        }
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
