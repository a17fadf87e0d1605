//! Instants in the visitor's own time zone, formatted by the browser's `Intl` (Beacon ships no
//! time-zone database to the browser; the browser already has one).

use chrono::{DateTime, Utc};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;
use crate::sla::present::utc_stamp;
use crate::ui::time::intl_locales;

/// `t` in the visitor's zone and in `lang` with the zone's short name, e.g.
/// "Fri, 20 Nov 2026, 22:30 CET"; the UTC stamp if the browser cannot format it.
pub fn format_for_visitor(t: DateTime<Utc>, lang: Lang) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("weekday", "short"),
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
        ("timeZoneName", "short"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let format = js_sys::Intl::DateTimeFormat::new(&intl_locales(lang), &options);
    let date = js_sys::Date::new(&JsValue::from_f64(t.timestamp_millis() as f64));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| utc_stamp(t))
}
