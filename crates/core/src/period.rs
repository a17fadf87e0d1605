//! The periods a region's history is paged and published by: calendar quarters, written
//! `2026-q3` in addresses (`/<region>/history/2026-q3/`) and file names
//! (`data/<region>/history/2026-q3.json`).
//!
//! A quarter, not a month: a regional page has a handful of incidents a month, so a month per
//! page would mostly be near-empty pages and many small files; a quarter reads as one page (as
//! Statuspage's own history shows three months at a time) and keeps the number of files a
//! host serves and a visitor pages through small.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One calendar quarter: January–March is `q1`, October–December `q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    quarter: u8,
}

impl Period {
    /// The quarter `date` falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            quarter: (date.month0() / 3 + 1) as u8,
        }
    }

    /// The period an address or file names (`2026-q3`; `Q` in either case), `None` for
    /// anything else.
    ///
    /// ```
    /// use beacon_core::period::Period;
    ///
    /// let period = Period::parse("2026-q3").unwrap();
    /// assert_eq!(period.to_string(), "2026-q3");
    /// assert_eq!(period.first_day().to_string(), "2026-07-01");
    /// assert_eq!(period.previous().to_string(), "2026-q2");
    /// assert_eq!(Period::parse("2026-Q1").unwrap().previous().to_string(), "2025-q4");
    /// assert_eq!(Period::parse("2026-q5"), None);
    /// assert_eq!(Period::parse("2026-11"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Period> {
        let (year, quarter) = text.split_once('-')?;
        let quarter = quarter.strip_prefix(['q', 'Q'])?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || quarter.len() != 1 {
            return None;
        }
        let quarter: u8 = quarter.parse().ok()?;
        let year = year.parse().ok()?;
        (1..=4)
            .contains(&quarter)
            .then_some(Period { year, quarter })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter of the year, 1 to 4.
    pub fn quarter(self) -> u8 {
        self.quarter
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.quarter) * 3 - 2, 1)
            .expect("a quarter's first day exists")
    }

    /// The last day of the quarter.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .expect("a quarter has a last day")
    }

    /// The quarter after this one.
    pub fn next(self) -> Period {
        if self.quarter == 4 {
            Period {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Period {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Period {
        if self.quarter == 1 {
            Period {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Period {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-q{}", self.year, self.quarter)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Period::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is not a quarter such as \"2026-q3\" (year, dash, q1 to q4)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_day_falls_in_the_quarter_that_holds_it() {
        for (date, period) in [
            ("2026-01-01", "2026-q1"),
            ("2026-03-31", "2026-q1"),
            ("2026-04-01", "2026-q2"),
            ("2026-06-30", "2026-q2"),
            ("2026-07-01", "2026-q3"),
            ("2026-09-30", "2026-q3"),
            ("2026-10-01", "2026-q4"),
            ("2026-12-31", "2026-q4"),
        ] {
            let quarter = Period::of(day(date));
            assert_eq!(quarter.to_string(), period, "{date}");
            assert!(quarter.first_day() <= day(date) && day(date) <= quarter.last_day());
        }
    }

    #[test]
    fn quarters_step_across_years_and_round_trip() {
        let q4 = Period::parse("2025-q4").unwrap();
        assert_eq!(q4.next().to_string(), "2026-q1");
        assert_eq!(q4.next().previous(), q4);
        assert_eq!(q4.last_day(), day("2025-12-31"));
        assert!(q4 < q4.next());
        for bad in [
            "",
            "2026",
            "2026-q0",
            "2026-q10",
            "26-q1",
            "2026-m1",
            "２０２６-q1",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let json = serde_json::to_string(&q4).unwrap();
        assert_eq!(json, "\"2025-q4\"");
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), q4);
        assert!(serde_json::from_str::<Period>("\"2025-12\"").is_err());
    }
}
