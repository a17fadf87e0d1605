//! Fetching the visitor's language pack (see `beacon_core::i18n::pack`): the pack is read by
//! the browser's own `JSON.parse`, installed in the catalogue, and a failure is remembered with
//! its reason so the page can say why it is shown in English.

use std::cell::RefCell;

use beacon_core::i18n::pack::{install, pack_file, ready};
use beacon_core::i18n::{Lang, Msg};
use beacon_core::status::DataError;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::ApiError;

thread_local! {
    /// The languages whose pack could not be fetched or read in this visit, with why.
    static FAILED: RefCell<Vec<(Lang, ApiError)>> = const { RefCell::new(Vec::new()) };
}

fn set_failed(lang: Lang, error: Option<ApiError>) {
    FAILED.with(|failed| {
        let mut failed = failed.borrow_mut();
        failed.retain(|(l, _)| *l != lang);
        if let Some(error) = error {
            failed.push((lang, error));
        }
    });
}

/// Why `lang`'s pack could not be used, in English (the page falls back to English), naming
/// the file; `None` unless its last load failed.
pub fn failure(lang: Lang) -> Option<String> {
    FAILED.with(|failed| {
        failed.borrow().iter().find_map(|(l, error)| {
            (*l == lang).then(|| {
                format!(
                    "The {} ({}) interface texts could not be loaded, so this page is shown in \
                     English: {}.",
                    lang.native_name(),
                    lang.tag(),
                    error.to_string().trim_end_matches('.')
                )
            })
        })
    })
}

/// Reads `json`, the pack of `lang` fetched from `file`, and installs it. Anything but a JSON
/// object is refused with the parser's reason, and leaves the language as it was.
pub fn install_json(lang: Lang, file: &str, json: &str) -> Result<(), ApiError> {
    let unreadable = |reason: String| ApiError::Data(DataError::new(file, "", reason));
    let value = js_sys::JSON::parse(json).map_err(|error| {
        let reason = error
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .unwrap_or_else(|| "not JSON".into());
        unreadable(format!("not valid JSON ({reason})"))
    })?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(unreadable(
            "not a language pack (expected a JSON object of texts by key)".into(),
        ));
    }
    let texts = Msg::ALL
        .iter()
        .map(|msg| {
            js_sys::Reflect::get(&value, &JsValue::from_str(msg.key()))
                .ok()
                .and_then(|text| text.as_string())
                .map(|text| &*Box::leak(text.into_boxed_str()))
        })
        .collect();
    install(lang, texts);
    set_failed(lang, None);
    Ok(())
}

/// Fetches and installs `lang`'s pack unless it is installed already (a failed one is tried
/// again); a failure is remembered for [`failure`]. The file's name carries its content
/// hash, so the browser's HTTP cache may answer.
pub async fn load(lang: Lang) {
    let Some(file) = pack_file(lang) else {
        return;
    };
    if ready(lang) {
        return;
    }
    if let Err(error) = fetch_and_install(lang, &file).await {
        set_failed(lang, Some(error));
    }
}

async fn fetch_and_install(lang: Lang, file: &str) -> Result<(), ApiError> {
    let json = crate::api::fetch_text(file).await?;
    install_json(lang, file, &json)
}
