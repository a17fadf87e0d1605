//! The calendar file format (`public/policies/calendars/*.json`), read through the SLA files'
//! one reader ([`crate::sla::tree`]) and checked, every problem named by its JSON path.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::holidays::{Holiday, HolidayDate, ObservedRule};
use super::hours::{parse_time_of_day, WeeklyHours, WEEKDAY_KEYS};
use super::{
    BusinessCalendar, CalendarMeta, CalendarParts, FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR,
};
use crate::error::{FieldErrors, Problems};
use crate::sla::civil::days_in_month;
use crate::sla::tree::{self, as_string, JsonTree, Object};
use crate::sla::tz::TzRule;

/// Calendar file shape (`public/policies/calendars/*.json`), as read before it is checked.
#[derive(Default)]
struct CalendarFile {
    id: String,
    name: String,
    region: Option<String>,
    country: Option<String>,
    subdivision: Option<String>,
    zone: String,
    tz_rule: String,
    always_open: bool,
    hours: BTreeMap<String, Vec<[String; 2]>>,
    observe_holidays: Option<bool>,
    business_day: Option<String>,
    holiday_source: Option<String>,
    verified_years: Option<(i64, i64)>,
    holidays: Vec<HolidayEntry>,
    notes: Vec<String>,
}

/// Holiday entry in a calendar file; exactly one of the date fields is set.
#[derive(Default)]
struct HolidayEntry {
    name: String,
    date: Option<String>,
    every_year: Option<String>,
    easter_offset: Option<i32>,
    weekday_on_or_after: Option<WeekdayOnOrAfterEntry>,
    observed: Option<String>,
    closed: Option<Vec<[String; 2]>>,
    from_year: Option<i32>,
    until_year: Option<i32>,
}

/// `{"month": 11, "day": 22, "weekday": "thu"}`: the first such weekday on or after the day.
#[derive(Default)]
struct WeekdayOnOrAfterEntry {
    month: u32,
    day: u32,
    weekday: String,
}

fn read_calendar<T: JsonTree>(t: &T, p: &mut Problems) -> CalendarFile {
    let fields = [
        "id",
        "name",
        "region",
        "country",
        "subdivision",
        "zone",
        "tz_rule",
        "always_open",
        "hours",
        "observe_holidays",
        "business_day",
        "holiday_source",
        "verified_years",
        "holidays",
        "notes",
    ];
    let Some(o) = Object::new(t, "", &fields, p) else {
        return CalendarFile::default();
    };
    CalendarFile {
        id: o.string("id", p),
        name: o.string("name", p),
        region: o.optional_string("region", p),
        country: o.optional_string("country", p),
        subdivision: o.optional_string("subdivision", p),
        zone: o.string("zone", p),
        tz_rule: o.string("tz_rule", p),
        always_open: o.optional_bool("always_open", p).unwrap_or(false),
        hours: read_hours(&o, p),
        observe_holidays: o.optional_bool("observe_holidays", p),
        business_day: o.optional_string("business_day", p),
        holiday_source: o.optional_string("holiday_source", p),
        verified_years: o.get("verified_years").map(|v| {
            let path = o.path("verified_years");
            match Object::new(&v, &path, &["from", "until"], p) {
                Some(years) => (years.whole("from", p), years.whole("until", p)),
                None => (0, 0),
            }
        }),
        holidays: o.list("holidays", p, read_holiday),
        notes: o.list("notes", p, as_string),
    }
}

/// The `hours` member of a calendar or of a plan's weekly coverage, e.g.
/// `{"mon": [["08:00", "18:00"]]}`: weekday key to `[opening, closing]` pairs (empty when
/// absent). The times are checked by [`WeeklyHours`].
pub(crate) fn read_hours<T: JsonTree>(
    o: &Object<'_, T>,
    p: &mut Problems,
) -> BTreeMap<String, Vec<[String; 2]>> {
    tree::map_of(o.entries("hours", p, |spans, path, p| {
        tree::list(spans, path, p, |span, path, p| {
            tree::pair(span, path, p, "expected [opening, closing]")
        })
    }))
}

fn read_holiday<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> HolidayEntry {
    let fields = [
        "name",
        "date",
        "every_year",
        "easter_offset",
        "weekday_on_or_after",
        "observed",
        "closed",
        "from_year",
        "until_year",
    ];
    let Some(o) = Object::new(t, path, &fields, p) else {
        return HolidayEntry::default();
    };
    let small = |n: i64| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    HolidayEntry {
        name: o.string("name", p),
        date: o.optional_string("date", p),
        every_year: o.optional_string("every_year", p),
        easter_offset: o.optional_whole("easter_offset", p).map(small),
        weekday_on_or_after: o.get("weekday_on_or_after").map(|w| {
            let path = o.path("weekday_on_or_after");
            let Some(w) = Object::new(&w, &path, &["month", "day", "weekday"], p) else {
                return WeekdayOnOrAfterEntry::default();
            };
            let number =
                |name: &str, p: &mut Problems| u32::try_from(w.whole(name, p)).unwrap_or(0);
            WeekdayOnOrAfterEntry {
                month: number("month", p),
                day: number("day", p),
                weekday: w.string("weekday", p),
            }
        }),
        observed: o.optional_string("observed", p),
        closed: o.get("closed").map(|ranges| {
            tree::list(&ranges, &o.path("closed"), p, |range, path, p| {
                tree::pair(range, path, p, "expected [from, to]")
            })
        }),
        from_year: o.optional_whole("from_year", p).map(small),
        until_year: o.optional_whole("until_year", p).map(small),
    }
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

/// A `YYYY-MM-DD` date that exists. Read by hand: chrono's format parser would cost the browser
/// bundles that read calendars more than the rest of the calendar reader.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
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
            match parse_date(d) {
                Some(d) => Some(HolidayDate::Once(d)),
                None => {
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

impl BusinessCalendar {
    /// Parses and validates a calendar file; reports every problem with its field path
    /// (`holidays[3].observed`), all of them, not only the first.
    pub fn from_json(file_name: &str, text: &str) -> Result<BusinessCalendar, FieldErrors> {
        BusinessCalendar::from_tree(file_name, &tree::parse(file_name, text)?)
    }

    /// Reads and validates a calendar from a parsed document: `serde_json`'s for
    /// [`BusinessCalendar::from_json`], the browser's `JSON.parse` in the embed.
    pub fn from_tree<T: JsonTree>(
        file_name: &str,
        tree: &T,
    ) -> Result<BusinessCalendar, FieldErrors> {
        let mut problems = Problems::new(file_name);
        let file = read_calendar(tree, &mut problems);
        problems.finish()?;
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
            if hours.is_never_open() {
                problems.add("hours", "the calendar is never open");
            }
            hours
        };
        let holidays = parse_holidays(&file.holidays, &mut problems);
        if file
            .holiday_source
            .as_deref()
            .is_some_and(|s| s.trim().is_empty())
        {
            problems.add(
                "holiday_source",
                "say where the holiday list comes from (which place, which list)",
            );
        }
        let verified_years = file.verified_years.and_then(|(from, until)| {
            let supported = i64::from(FIRST_SUPPORTED_YEAR)..=i64::from(LAST_SUPPORTED_YEAR);
            if !supported.contains(&from) || !supported.contains(&until) || from > until {
                problems.add(
                    "verified_years",
                    format!("expected from <= until, both within {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}"),
                );
                return None;
            }
            Some((i32::try_from(from).ok()?, i32::try_from(until).ok()?))
        });
        if file.subdivision.is_some() && file.country.is_none() {
            problems.add("subdivision", "a subdivision needs its country");
        }
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
                subdivision: file.subdivision,
                holiday_source: file.holiday_source,
                verified_years,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_chrono_reads_yyyy_mm_dd() {
        for text in [
            "2026-11-19",
            "2028-02-29",
            "1971-01-01",
            "2030-12-31",
            "2027-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-05",
            "2026/04/05",
            "2026-04-05 ",
            "+026-04-05",
            "2026-+4-05",
            "",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            let strict = text.len() == 10 && !text.contains('+');
            let expected = chrono.filter(|_| strict);
            assert_eq!(parse_date(text), expected, "{text:?}");
        }
        assert_eq!(
            parse_date("2028-02-29"),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
    }
}
