//! Weekly opening hours: the `"mon": [["08:00", "18:00"]]` template of a calendar or a plan,
//! parsed into sorted local intervals, and the interval arithmetic holidays need.

use std::collections::BTreeMap;

use crate::error::Problems;

/// Weekday keys used in calendar and policy files, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

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

    /// Whether no day has opening hours.
    pub fn is_never_open(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
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
pub(super) fn parse_time_of_day(text: &str) -> Option<u32> {
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

/// Subtracts sorted closed ranges from sorted open intervals.
pub(super) fn subtract(open: &[(u32, u32)], closed: &[(u32, u32)]) -> Vec<(u32, u32)> {
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

/// Merges a list of ranges.
pub(super) fn union(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
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
