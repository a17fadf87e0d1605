//! The language packs `beacon-ops publish` writes: one file per language but English,
//! named as the browser apps will ask for it, holding every interface key with the compiled
//! table's text and the same `{placeholders}` as English, pre-compressed beside it, and
//! preloaded by the pre-rendered pages' script for the visitor's language.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use beacon_core::i18n::pack::{pack_file, pack_hash};
use beacon_core::i18n::{placeholders, Lang, Msg};
use beacon_ops::publish::publish_site;
use chrono::{DateTime, Utc};

mod common;

const SHELL: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><title>Beacon status</title><base href=/ ></head><body><script type=module>import init from '/beacon-1.js';init('/beacon-1_bg.wasm');</script></body></html>";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .unwrap()
        .to_utc()
}

/// Publishes a copy of the shipped site (with a built shell) under `site_url`; the output
/// folder.
fn published(name: &str, site_url: &str) -> PathBuf {
    let root = common::temp_dir("i18n-packs", name);
    common::copy_site_data(&root.join("public"));
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), SHELL).unwrap();
    publish_site(&root.join("public"), &out, site_url, now()).expect("published");
    out
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[test]
fn every_language_but_english_is_published_under_the_name_the_apps_ask_for() {
    let out = published("names", "/");
    let mut expected = BTreeSet::new();
    for lang in Lang::ALL {
        let Some(file) = pack_file(lang) else {
            assert_eq!(lang, Lang::English, "only English has no pack");
            continue;
        };
        // The name's hash is the compile-time constant; the publisher's tables give the same.
        let name = file.strip_prefix("i18n/").expect("under i18n/");
        assert_eq!(
            name,
            format!("{}.{:016x}.json", lang.tag(), pack_hash(lang)),
            "{lang:?}"
        );
        expected.insert(name.to_owned());
        expected.insert(format!("{name}.gz"));
        expected.insert(format!("{name}.br"));
    }
    assert_eq!(files_in(&out.join("i18n")), expected);
    let hashes: BTreeSet<u64> = Lang::ALL.into_iter().map(pack_hash).collect();
    assert_eq!(
        hashes.len(),
        Lang::ALL.len(),
        "every language's hash differs"
    );
}

#[test]
fn each_published_pack_has_every_key_with_the_tables_text_and_englishs_placeholders() {
    let out = published("content", "/");
    let keys: Vec<&str> = Msg::ALL.iter().map(|msg| msg.key()).collect();
    for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::English) {
        let path = out.join(pack_file(lang).unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let pack: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let mut published: Vec<&str> = pack.keys().map(String::as_str).collect();
        let mut wanted = keys.clone();
        published.sort();
        wanted.sort();
        assert_eq!(published, wanted, "{lang:?}: exactly every key");
        for &msg in Msg::ALL {
            let text = pack[msg.key()]
                .as_str()
                .unwrap_or_else(|| panic!("{lang:?} {msg:?} is not a string"));
            assert_eq!(text, lang.table_text(msg), "{lang:?} {msg:?}");
            assert_eq!(text, lang.text(msg), "{lang:?} {msg:?}");
            assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
            assert_eq!(
                placeholders(msg, text),
                placeholders(msg, Lang::English.text(msg)),
                "{lang:?} {msg:?} has other placeholders than English"
            );
        }
        // The pack is the language, not English: nearly every text differs.
        let translated = Msg::ALL
            .iter()
            .filter(|&&msg| pack[msg.key()] != Lang::English.text(msg))
            .count();
        assert!(
            translated * 10 >= Msg::ALL.len() * 9,
            "{lang:?}: only {translated} texts differ from English"
        );
        // The pre-compressed copy is the same file.
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(format!("{}.gz", path.display())).unwrap(),
        )
        .read_to_end(&mut unzipped)
        .unwrap();
        assert_eq!(unzipped, bytes, "{lang:?}: the .gz sibling");
    }
}

#[test]
fn the_prerendered_script_preloads_the_packs_by_the_same_relative_names_under_a_sub_path_too() {
    for (name, site_url) in [("root", "/"), ("sub", "/beacon/")] {
        let out = published(name, site_url);
        let page = std::fs::read_to_string(out.join("emea/index.html")).unwrap();
        let page = common::scripts_inline(&out, &page);
        for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::English) {
            let file = pack_file(lang).unwrap();
            // Relative, so the page's `<base href>` (the `--public-url`) resolves it exactly as
            // the app's fetch does.
            assert!(
                page.contains(&format!("\"{}\":\"{file}\"", lang.tag())),
                "{site_url}: {lang:?} {file} in the script"
            );
            assert!(out.join(&file).is_file(), "{file} published");
        }
        assert!(page.contains("rel=\"preload\""), "{site_url}");
        assert!(!page.contains("\"en\":\"i18n/"), "no English pack");
    }
}
