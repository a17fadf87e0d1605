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
//! In the browser the apps fetch a pack and parse it with the browser's own `JSON.parse` (no
//! serde code is added to any app), then hand its texts to [`install`]: each is kept for the
//! rest of the visit, and a key the pack lacks reads in English.

use super::{Lang, Msg};

/// Bumped whenever the pack format changes, so the new files get new names.
const FORMAT: &str = "beacon-i18n-pack-1";

use crate::hash::{fnv1a_field as fnv1a, FNV_OFFSET};

/// The content hash of `lang`'s pack: the format, the language, and every key with its text
/// from the compiled table. A `const fn`, so the browser apps carry only the result.
pub const fn pack_hash(lang: Lang) -> u64 {
    let mut hash = fnv1a(FNV_OFFSET, FORMAT);
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

pub use installed::{install, lookup, ready};

/// The packs installed in this browser visit (a wasm instance has one thread).
mod installed {
    use std::cell::RefCell;

    use super::{Lang, Msg};

    /// A language's installed texts, by `Msg as usize` (`None` where the pack lacks a key).
    type Texts = Vec<Option<&'static str>>;

    thread_local! {
        /// Each installed language with its texts.
        static PACKS: RefCell<Vec<(Lang, Texts)>> = const { RefCell::new(Vec::new()) };
    }

    /// Installs `texts` (one per key of [`Msg::ALL`], in its order) as `lang`'s pack: from now
    /// on [`Lang::text`] reads `lang` from it, English for each key it lacks.
    pub fn install(lang: Lang, texts: Texts) {
        PACKS.with(|packs| {
            let mut packs = packs.borrow_mut();
            packs.retain(|(l, _)| *l != lang);
            packs.push((lang, texts));
        });
    }

    /// `msg` from `lang`'s installed pack; `None` when not installed or the pack lacks it.
    pub fn lookup(lang: Lang, msg: Msg) -> Option<&'static str> {
        PACKS.with(|packs| {
            packs
                .borrow()
                .iter()
                .find_map(|(l, texts)| {
                    (*l == lang).then(|| texts.get(msg as usize).copied().flatten())
                })
                .flatten()
        })
    }

    /// True when `lang`'s texts are available: English, or its pack installed (natively,
    /// where every table is compiled in, always).
    pub fn ready(lang: Lang) -> bool {
        cfg!(not(target_arch = "wasm32"))
            || lang == Lang::English
            || PACKS.with(|packs| packs.borrow().iter().any(|(l, _)| *l == lang))
    }
}
