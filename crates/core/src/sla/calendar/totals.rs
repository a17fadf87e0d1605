//! The running totals behind the constant-cost arithmetic: the "special" days whose business
//! time differs from the weekly template (holidays, daylight-saving change days) and prefix sums
//! of business seconds and business days over them.

use std::collections::BTreeMap;

use super::holidays::{expand_holidays, HolidayMap};
use super::hours::subtract;
use super::{
    BusinessCalendar, CalendarMeta, CalendarParts, FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR,
};
use crate::sla::civil::{days_from_civil, weekday_from_days, SECONDS_PER_DAY};
use crate::sla::tz::TzRule;

/// A day whose business time differs from the weekly template, with running totals.
#[derive(Debug, Clone)]
pub(super) struct SpecialDay {
    pub(super) day: i64,
    /// Open local intervals after holiday closures.
    pub(super) open: Vec<(u32, u32)>,
    /// Indexes into the holiday rules that close (part of) this day; `observed` flags.
    pub(super) holidays: Vec<(usize, bool)>,
    pub(super) whole_day_closed: bool,
}

/// A running total over days: business seconds, or business days.
#[derive(Debug, Clone)]
pub(super) struct Measure {
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
    pub(super) fn before(&self, day: i64, k: usize) -> i64 {
        self.nominal(day) + self.corrections[k]
    }

    /// The last day whose running total at its start is below `target`, i.e. the day during
    /// which the total reaches `target`. `special_days` are the special days' day numbers.
    pub(super) fn day_reaching(
        &self,
        target: i64,
        special_days: &[SpecialDay],
        steps: &mut u32,
    ) -> i64 {
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

pub(super) fn binary_search_steps(len: usize) -> u32 {
    usize::BITS - len.leading_zeros()
}

impl BusinessCalendar {
    pub(super) fn build(
        meta: CalendarMeta,
        rule: TzRule,
        parts: CalendarParts,
    ) -> BusinessCalendar {
        let hours = parts.hours;
        let template_seconds: [i64; 7] =
            std::array::from_fn(|w| hours.day(w).iter().map(|(o, c)| i64::from(c - o)).sum());
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
                let template = hours.day(weekday_from_days(day));
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
            subdivision,
            holiday_source,
            verified_years,
            zone,
        } = meta;
        BusinessCalendar {
            id,
            name,
            region,
            country,
            subdivision,
            holiday_source,
            verified_years,
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
}
