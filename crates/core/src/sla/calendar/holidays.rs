//! Holidays: the rules a calendar file lists (fixed dates, yearly dates, Easter offsets,
//! "4th Thursday of November"), their weekend substitutes, and the closed days they make.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::hours::union;
use super::BusinessCalendar;
use crate::sla::civil::{
    civil_from_days, days_from_civil, days_in_month, easter_sunday, weekday_from_days,
    weekday_on_or_after,
};

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
pub(super) type HolidayMap = BTreeMap<i64, (Vec<(u32, u32)>, Vec<(usize, bool)>)>;

pub(super) fn expand_holidays(holidays: &[Holiday], first_year: i32, last_year: i32) -> HolidayMap {
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

impl BusinessCalendar {
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
}
