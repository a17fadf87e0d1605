//! Language packs: the interface texts of one language as a JSON file the browser apps fetch
//! when a visitor reads that language, so the status app ships only English.
//!
//! The compiled tables (`de.rs`, `nl.rs`, …) stay the single source of truth: `beacon-ops
//! publish` writes each non-English table as `i18n/<tag>.<hash>.json` ([`pack_file`],
//! [`pack_json`]), an object keyed by [`Msg::key`] in [`Msg::ALL`] order:
//!
//! ```json
//! {
//! "SkipToContent":"Zum Inhalt springen",
//! "Components":"Komponenten"
//! }
//! ```
//!
//! `<hash>` is a hash of the format, the language and every key and text ([`pack_hash`]),
//! computed at compile time in the browser apps and at run time by the publisher from the same
//! tables, so the app names exactly the file its build published and a changed text gets a new
//! name: the files can be cached for good (see README, "Hosting").
//!
//! In the browser (`load`, `install`) a pack is parsed by the browser's own `JSON.parse`
//! (no serde code is added to any app), each text is kept for the rest of the visit, and a key
//! the pack lacks reads in English. A pack that cannot be fetched or read is remembered as
//! failed with the reason ([`failure`]): the app shows it and stays in English.

use super::{Lang, Msg};

/// Bumped whenever the pack format changes, so the new files get new names.
const FORMAT: &str = "beacon-i18n-pack-1";

/// FNV-1a over `text` then a separator byte, continuing from `hash`.
const fn fnv1a(mut hash: u64, text: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(PRIME);
        i += 1;
    }
    hash ^= 0xff;
    hash.wrapping_mul(PRIME)
}

/// The content hash of `lang`'s pack: the format, the language, and every key with its text
/// from the compiled table. A `const fn`, so the browser apps carry only the result.
pub const fn pack_hash(lang: Lang) -> u64 {
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, FORMAT);
    hash = fnv1a(hash, lang.tag());
    let mut i = 0;
    while i < Msg::ALL.len() {
        hash = fnv1a(hash, Msg::ALL[i].key());
        hash = fnv1a(hash, lang.table_text(Msg::ALL[i]));
        i += 1;
    }
    hash
}

/// [`pack_hash`] of each language (in [`Lang::ALL`] order), evaluated at compile time; English,
/// compiled in, has none.
const COMPILED_HASHES: [u64; Lang::ALL.len()] = {
    let mut hashes = [0; Lang::ALL.len()];
    let mut index = 1;
    while index < Lang::ALL.len() {
        hashes[index] = pack_hash(Lang::ALL[index]);
        index += 1;
    }
    hashes
};

/// The compile-time [`pack_hash`] of `lang`.
fn compiled_hash(lang: Lang) -> u64 {
    let index = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
    COMPILED_HASHES[index]
}

/// The pack of `lang` relative to the site root (the app's base URL), e.g.
/// `i18n/de.0123456789abcdef.json`; `None` for English, which is compiled in.
pub fn pack_file(lang: Lang) -> Option<String> {
    (lang != Lang::English)
        .then(|| format!("i18n/{}.{:016x}.json", lang.tag(), compiled_hash(lang)))
}

/// The pack of `lang` as published: every key of [`Msg::ALL`] with its text from the compiled
/// table, one per line.
pub fn pack_json(lang: Lang) -> String {
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    let entries: Vec<String> = Msg::ALL
        .iter()
        .map(|&msg| format!("{}:{}", quoted(msg.key()), quoted(lang.table_text(msg))))
        .collect();
    format!("{{\n{}\n}}\n", entries.join(",\n"))
}

#[cfg(target_arch = "wasm32")]
pub use browser::{failure, install, load, lookup, ready};

/// Natively every language's table is compiled in: every language is ready.
#[cfg(not(target_arch = "wasm32"))]
pub fn ready(_lang: Lang) -> bool {
    true
}

/// Natively no pack is loaded, so none fails.
#[cfg(not(target_arch = "wasm32"))]
pub fn failure(_lang: Lang) -> Option<String> {
    None
}

/// Natively there is nothing to load.
#[cfg(not(target_arch = "wasm32"))]
pub async fn load(_lang: Lang) {}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::{JsCast, JsValue};

    use super::{pack_file, Lang, Msg};
    use crate::api::ApiError;
    use crate::status::error::DataError;

    /// What became of a language's pack in this visit.
    enum State {
        /// Installed: the text of each key by `Msg as usize`, `None` where the pack lacks it.
        Loaded(Vec<Option<&'static str>>),
        /// Could not be fetched or read: why, naming the file.
        Failed(ApiError),
    }

    thread_local! {
        static PACKS: RefCell<Vec<(Lang, State)>> = const { RefCell::new(Vec::new()) };
    }

    fn set(lang: Lang, state: State) {
        PACKS.with(|packs| {
            let mut packs = packs.borrow_mut();
            packs.retain(|(l, _)| *l != lang);
            packs.push((lang, state));
        });
    }

    /// `msg` from `lang`'s installed pack; `None` when not installed or the pack lacks it.
    pub fn lookup(lang: Lang, msg: Msg) -> Option<&'static str> {
        PACKS.with(|packs| {
            packs.borrow().iter().find_map(|(l, state)| match state {
                State::Loaded(texts) if *l == lang => texts.get(msg as usize).copied().flatten(),
                _ => None,
            })
        })
    }

    /// True when `lang`'s texts are available: English, or its pack installed.
    pub fn ready(lang: Lang) -> bool {
        lang == Lang::English
            || PACKS.with(|packs| {
                packs
                    .borrow()
                    .iter()
                    .any(|(l, state)| *l == lang && matches!(state, State::Loaded(_)))
            })
    }

    /// Why `lang`'s pack could not be used, in English (the page falls back to English), naming
    /// the file; `None` unless its last load failed.
    pub fn failure(lang: Lang) -> Option<String> {
        PACKS.with(|packs| {
            packs.borrow().iter().find_map(|(l, state)| match state {
                State::Failed(error) if *l == lang => Some(format!(
                    "The {} ({}) interface texts could not be loaded, so this page is shown in \
                     English: {}.",
                    lang.native_name(),
                    lang.tag(),
                    error.describe(Lang::English).trim_end_matches('.')
                )),
                _ => None,
            })
        })
    }

    /// Reads `json`, the pack of `lang` fetched from `file`, and installs it: from now on
    /// [`Lang::text`] reads `lang` from it (English for each key it lacks or does not give as
    /// a string). Anything but a JSON object is refused with the parser's reason, and leaves
    /// the language as it was.
    pub fn install(lang: Lang, file: &str, json: &str) -> Result<(), ApiError> {
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
        set(lang, State::Loaded(texts));
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
            set(lang, State::Failed(error));
        }
    }

    async fn fetch_and_install(lang: Lang, file: &str) -> Result<(), ApiError> {
        let network = |error: gloo_net::Error| ApiError::Network {
            file: file.to_owned(),
            reason: error.to_string(),
        };
        let response = gloo_net::http::Request::get(file)
            .send()
            .await
            .map_err(network)?;
        if !response.ok() {
            return Err(ApiError::Http {
                file: file.to_owned(),
                status: response.status(),
            });
        }
        let json = response.text().await.map_err(network)?;
        install(lang, file, &json)
    }
}
