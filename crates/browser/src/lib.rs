//! Browser glue shared by Beacon's browser apps (the Leptos status pages and calculator, and
//! the SLA embed, which has no Leptos): the clock, the visitor's time zone and languages,
//! local storage, the document's base path, language and theme, and [`lazy`], which loads the
//! parts of a page that are apps of their own. Everything here is a thin wrapper over
//! `web_sys`/`js_sys`; the decisions live in `beacon-core`.

use beacon_core::i18n::{Lang, LANG_PARAM, REMEMBERED_LANG};
use beacon_core::sla::present::Theme;
use chrono::{DateTime, Utc};
use wasm_bindgen::JsValue;

pub mod lazy;

/// The current instant from the browser's clock, in UTC.
pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// The visitor's IANA time zone as the browser reports it (e.g. `Europe/Berlin`).
pub fn visitor_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
}

/// The visitor's preferred languages as the browser reports them (`navigator.languages`),
/// most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect()
}

/// Sets `<html lang>`, so screen readers and hyphenation follow the interface language.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a remembered choice; `None` when absent or when storage is unavailable.
pub fn remembered(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Remembers a choice across visits; silently does nothing where storage is blocked
/// (private mode), because the choice still works for this page view.
pub fn remember(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The path of the document's base URL (Trunk writes `<base href>` from `--public-url`),
/// normalised to start and end with `/`.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".into());
    beacon_core::route::normalise_base(&base)
}

/// The language a visit starts in: `?lang=` in the address, else the remembered choice, else
/// the browser's languages, else English ([`Lang::choose`]).
pub fn starting_lang() -> Lang {
    let param = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get(LANG_PARAM));
    Lang::choose(
        param.as_deref(),
        remembered(REMEMBERED_LANG).as_deref(),
        &browser_languages(),
    )
}

/// Sets `data-theme` on the document element (or removes it to follow the system).
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

/// Resolves after `delay` on the browser's timer (immediately when there is no window).
pub async fn sleep(delay: std::time::Duration) {
    let millis = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
        });
        if !matches!(scheduled, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// True while the page is hidden (a background tab, a minimised window).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| document.hidden())
}

/// A number in `0..1` from the browser's generator, for spreading out timers.
pub fn random() -> f64 {
    js_sys::Math::random()
}
