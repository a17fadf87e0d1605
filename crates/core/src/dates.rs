//! Dates and instants written in English as the status pages show them, from the English
//! month names of the text catalogue. Other languages are worded by the browser's `Intl`.
//!
//! Written by hand rather than with chrono's `format`: its format-string reader and writer
//! were about 14 KB of the status app's WebAssembly for these three shapes.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use crate::i18n::{Lang, Msg};

/// The months' names, January first (as they stand in a date), for every language.
pub const MONTHS: [Msg; 12] = [
    Msg::January,
    Msg::February,
    Msg::March,
    Msg::April,
    Msg::May,
    Msg::June,
    Msg::July,
    Msg::August,
    Msg::September,
    Msg::October,
    Msg::November,
    Msg::December,
];

/// The months' short names, January first, for every language.
pub const MONTHS_SHORT: [Msg; 12] = [
    Msg::JanuaryShort,
    Msg::FebruaryShort,
    Msg::MarchShort,
    Msg::AprilShort,
    Msg::MayShort,
    Msg::JuneShort,
    Msg::JulyShort,
    Msg::AugustShort,
    Msg::SeptemberShort,
    Msg::OctoberShort,
    Msg::NovemberShort,
    Msg::DecemberShort,
];

/// The English name of `date`'s month.
fn month(date: NaiveDate, names: &[Msg; 12]) -> &'static str {
    names
        .get(date.month0() as usize)
        .map_or("", |&name| Lang::English.text(name))
}

/// A day as the uptime bars name it: `14 Nov 2026` (chrono's `%-d %b %Y`).
///
/// ```
/// use beacon_core::dates::english_day;
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
/// assert_eq!(english_day(date), "4 Nov 2026");
/// ```
pub fn english_day(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month(date, &MONTHS_SHORT),
        date.year()
    )
}

/// A month as the history heads it: `November 2026` (chrono's `%B %Y`).
///
/// ```
/// use beacon_core::dates::english_month;
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
/// assert_eq!(english_month(date), "November 2026");
/// ```
pub fn english_month(date: NaiveDate) -> String {
    format!("{} {}", month(date, &MONTHS), date.year())
}

/// An instant in UTC to the minute: `2026-11-14 09:05 UTC` (chrono's `%Y-%m-%d %H:%M UTC`).
///
/// ```
/// use beacon_core::dates::utc_minute;
///
/// let t = "2026-11-14T09:05:59Z".parse().unwrap();
/// assert_eq!(utc_minute(t), "2026-11-14 09:05 UTC");
/// ```
pub fn utc_minute(t: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day of a leap year reads as chrono's format strings write it.
    #[test]
    fn agree_with_chrono_formats() {
        let mut date = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap();
        while date.year() == 2028 {
            assert_eq!(english_day(date), date.format("%-d %b %Y").to_string());
            assert_eq!(english_month(date), date.format("%B %Y").to_string());
            let t = date.and_hms_opt(7, 3, 0).unwrap().and_utc();
            assert_eq!(utc_minute(t), t.format("%Y-%m-%d %H:%M UTC").to_string());
            date = date.succ_opt().unwrap();
        }
    }
}
