//! Times as the visitor wants them: in their own zone (named), in UTC, or in the region's zone,
//! formatted by the browser's `Intl` (no time-zone database in the bundle), plus relative times
//! ("12 minutes ago") computed here so they can be tested natively; in other languages the
//! browser's `Intl.RelativeTimeFormat` words them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// The locale tag for `lang`: the visitor's own variant when their browser asks for one
/// (`en-GB`, `de-AT`), else the language's tag.
pub fn locale_tag(lang: Lang) -> String {
    beacon_browser::browser_languages()
        .into_iter()
        .find(|tag| Lang::from_tag(tag) == Some(lang))
        .unwrap_or_else(|| lang.tag().to_string())
}

/// The locales to hand `Intl` for `lang` (see [`locale_tag`]).
pub fn intl_locales(lang: Lang) -> js_sys::Array {
    js_sys::Array::of1(&JsValue::from_str(&locale_tag(lang)))
}

fn intl_options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

/// A calendar date in `lang` by `Intl` with the given options (e.g. day, month, year),
/// falling back to ISO.
pub fn format_date(date: NaiveDate, lang: Lang, options: &[(&str, &str)]) -> String {
    let mut pairs = options.to_vec();
    pairs.push(("timeZone", "UTC"));
    let format = js_sys::Intl::DateTimeFormat::new(&intl_locales(lang), &intl_options(&pairs));
    let millis = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0()))
        + f64::from(date.day0()) * 86_400_000.0;
    let date_value = js_sys::Date::new(&JsValue::from_f64(millis));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date_value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| date.to_string())
}

/// Which clock the page shows times in; kept in the URL as `?tz=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneChoice {
    /// The visitor's own time zone (the default).
    Visitor,
    /// Coordinated Universal Time.
    Utc,
    /// The region's configured time zone.
    Region,
}

impl ZoneChoice {
    /// Reads the `tz` query value; anything unknown is the visitor's zone.
    pub fn from_query(value: Option<&str>) -> ZoneChoice {
        match value {
            Some("utc") => ZoneChoice::Utc,
            Some("region") => ZoneChoice::Region,
            _ => ZoneChoice::Visitor,
        }
    }

    /// The `tz` query value, `None` for the default.
    pub fn query_value(self) -> Option<&'static str> {
        match self {
            ZoneChoice::Visitor => None,
            ZoneChoice::Utc => Some("utc"),
            ZoneChoice::Region => Some("region"),
        }
    }

    /// The IANA zone to format in (`None`: the browser's own).
    pub fn zone(self, region_zone: &str) -> Option<&str> {
        match self {
            ZoneChoice::Visitor => None,
            ZoneChoice::Utc => Some("UTC"),
            ZoneChoice::Region => Some(region_zone),
        }
    }
}

/// `t` formatted by `Intl` for `lang` in `zone` (the visitor's when `None`) with the zone's
/// short name, e.g. "Sat, 21 Nov 2026, 14:05 CET". Falls back to an ISO UTC stamp where `Intl`
/// fails.
pub fn format_instant(t: DateTime<Utc>, zone: Option<&str>, with_date: bool, lang: Lang) -> String {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    if with_date {
        set("weekday", "short");
        set("day", "numeric");
        set("month", "short");
        set("year", "numeric");
    }
    set("hour", "2-digit");
    set("minute", "2-digit");
    set("hourCycle", "h23");
    set("timeZoneName", "short");
    if let Some(zone) = zone {
        set("timeZone", zone);
    }
    let format = js_sys::Intl::DateTimeFormat::new(&intl_locales(lang), &options);
    let date = js_sys::Date::new(&JsValue::from_f64(t.timestamp_millis() as f64));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| beacon_core::dates::utc_minute(t))
}

/// The signed count and unit of the relative time from `now` to `t` (negative: in the past),
/// rounded down to the largest whole unit; `None` within 45 seconds ("just now").
fn relative_parts(t: DateTime<Utc>, now: DateTime<Utc>) -> Option<(i64, &'static str)> {
    let seconds = (now - t).num_seconds();
    let (future, magnitude) = (seconds < 0, seconds.unsigned_abs());
    if magnitude < 45 {
        return None;
    }
    let (count, unit) = match magnitude {
        m if m < 3_600 => ((m / 60).max(1), "minute"),
        m if m < 86_400 => (m / 3_600, "hour"),
        m if m < 86_400 * 30 => (m / 86_400, "day"),
        m if m < 86_400 * 365 => (m / (86_400 * 30), "month"),
        m => (m / (86_400 * 365), "year"),
    };
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    Some((if future { count } else { -count }, unit))
}

/// The relative time in `lang`: English words from [`relative`], other languages by
/// `Intl.RelativeTimeFormat` ("vor 12 Minuten", "3 時間前").
pub fn relative_in(t: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    if lang == Lang::English {
        return relative(t, now);
    }
    let format = js_sys::Intl::RelativeTimeFormat::new(
        &intl_locales(lang),
        &intl_options(&[("numeric", "auto")]),
    );
    let (count, unit) = relative_parts(t, now).unwrap_or((0, "second"));
    String::from(format.format(count as f64, unit))
}

/// How long ago (or until) `t` is from `now`, in words: "just now", "12 minutes ago",
/// "in 3 hours", "2 days ago". Rounds down to the largest whole unit.
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let Some((signed, unit)) = relative_parts(t, now) else {
        return "just now".into();
    };
    let count = signed.unsigned_abs();
    let plural = if count == 1 { "" } else { "s" };
    if signed > 0 {
        format!("in {count} {unit}{plural}")
    } else {
        format!("{count} {unit}{plural} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn relative_times_use_the_largest_whole_unit() {
        let now = at("2026-11-21T12:00:00Z");
        assert_eq!(relative(at("2026-11-21T11:59:30Z"), now), "just now");
        assert_eq!(relative(at("2026-11-21T11:59:00Z"), now), "1 minute ago");
        assert_eq!(relative(at("2026-11-21T11:48:00Z"), now), "12 minutes ago");
        assert_eq!(relative(at("2026-11-21T09:00:00Z"), now), "3 hours ago");
        assert_eq!(relative(at("2026-11-19T12:00:00Z"), now), "2 days ago");
        assert_eq!(relative(at("2026-08-21T12:00:00Z"), now), "3 months ago");
        assert_eq!(relative(at("2024-11-21T12:00:00Z"), now), "2 years ago");
        assert_eq!(relative(at("2026-11-21T15:00:00Z"), now), "in 3 hours");
        assert_eq!(relative(at("2026-11-22T12:00:00Z"), now), "in 1 day");
    }

    #[test]
    fn zone_choice_round_trips_through_the_query() {
        for choice in [ZoneChoice::Visitor, ZoneChoice::Utc, ZoneChoice::Region] {
            assert_eq!(ZoneChoice::from_query(choice.query_value()), choice);
        }
        assert_eq!(ZoneChoice::from_query(Some("mars")), ZoneChoice::Visitor);
        assert_eq!(ZoneChoice::Region.zone("Asia/Tokyo"), Some("Asia/Tokyo"));
        assert_eq!(ZoneChoice::Visitor.zone("Asia/Tokyo"), None);
    }
}
